//! Boxing and recursion end to end: `analyze` explains unboxed recursion without failing to
//! show the states, `compare` puts two layouts side by side (two files, or one file as if some
//! awaits were boxed) in text and JSON, and `top` ranks the biggest futures of a tree.

mod common;

use common::sample_arg;
use predicates::prelude::*;
use serde_json::Value;

fn futurelens() -> assert_cmd::Command {
    let mut cmd = common::futurelens();
    cmd.args(["--color", "never"]);
    cmd
}

#[test]
fn unboxed_recursion_is_explained_not_a_crash() {
    futurelens()
        .args(["analyze", "--fn", "walk"])
        .arg(sample_arg("19_recursion.rs"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains("Suspend1  (discriminant 4)  line 27:30  walk(child).await"))
        .stdout(predicate::str::contains("size infinite: the future contains itself (rustc error E0733)"))
        .stderr(predicate::str::contains("error[E0733]: recursion in an async fn requires boxing"))
        .stderr(predicate::str::contains("Box::pin(walk(child)).await"));
}

#[test]
fn compare_two_files() {
    let before = format!("{}::walk", sample_arg("19_recursion.rs"));
    let after = format!("{}::walk", sample_arg("20_recursion_boxed.rs"));
    futurelens()
        .args(["compare", &before, &after])
        .assert()
        .success()
        .stdout(predicate::str::contains("total   ∞ → 56 B  (finite now: the recursion is boxed)"));
}

#[test]
fn compare_what_if_to_a_file_as_json() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("handle.json");
    futurelens()
        .args([
            "compare",
            &format!("{}::handle", sample_arg("21_large_awaitee.rs")),
            "--box-await",
            "27",
            "--format",
            "json",
            "-o",
        ])
        .arg(&out)
        .assert()
        .success()
        .stdout("");
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&out).expect("written")).expect("JSON");
    assert_eq!(doc["schema"], "futurelens-compare/1");
    assert_eq!((doc["before"]["size"].as_u64(), doc["after"]["size"].as_u64()), (Some(16448), Some(40)));
    assert_eq!(doc["delta"], -16408);
    assert_eq!(doc["boxed"][0]["heap_allocation"], 16432);
    assert_eq!(doc["boxed"][0]["line"], 27);
}

/// `--box-over` boxes every awaitee over the threshold, down the awaited futures too, and
/// says what each box costs; a threshold nothing is over changes nothing, with a warning.
#[test]
fn compare_box_over_boxes_big_awaitees() {
    let serve = format!("{}::serve", sample_arg("21_large_awaitee.rs"));
    futurelens()
        .args(["compare", &serve, "--box-over", "1024"])
        .assert()
        .success()
        .stdout(predicate::str::contains("total   16 512 B → 104 B  (-16 408 B, 159× smaller)"))
        .stdout(predicate::str::contains("line 27:36  `parse(id as usize).await` in handle, Suspend1 (--box-over 1024"))
        .stdout(predicate::str::contains("one heap allocation of 16 432 B"))
        .stderr("");
    futurelens()
        .args(["compare", &serve, "--box-over", "100000"])
        .assert()
        .success()
        .stdout(predicate::str::contains("total   16 512 B → 16 512 B  (no change)"))
        .stdout(predicate::str::contains("what boxing costs").not())
        .stderr(predicate::str::contains("nothing to box in `serve`"));
}

#[test]
fn compare_names_what_is_wrong() {
    let file = sample_arg("21_large_awaitee.rs");
    futurelens()
        .args(["compare", &format!("{file}::handle"), "--box-await", "99"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no `.await` at line 99"))
        .stderr(predicate::str::contains("the awaits of `handle` are at: 26:18, 27:36, 28:17"));
    futurelens()
        .args(["compare", &file, "--box-await", "27"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("name one as"));
    futurelens()
        .args(["compare", &format!("{file}::handle")])
        .assert()
        .code(1)
        .stdout("")
        .stderr("error: give a second future to compare with, or `--box-await LINE` or `--box-over BYTES`\n");
    futurelens()
        .args(["compare", &format!("{file}::handle"), "--box-await", "x"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("`x` is not LINE or LINE:COL (for example `14` or `14:31`)"));
    futurelens()
        .args(["compare", &format!("{file}::handle"), &format!("{file}::serve"), "--box-over", "1024"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("compare one future with itself boxed: give one future, not two"));
    futurelens()
        .args(["compare", &format!("{file}::handle"), "--box-await", "26", "--rustc"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("`--box-await` and `--box-over` are what-ifs rustc cannot measure"));
}

#[test]
fn top_names_the_biggest_future_first() {
    let dir = common::workspace_root().join("sample-programs");
    let text = common::stdout_of(futurelens().args(["top", "--min-size", "16384"]).arg(&dir));
    let first = text.lines().next().unwrap_or("");
    assert!(first.starts_with("serve "), "{first}");
    assert!(first.contains(" 16 512 B  ← Suspend0 awaits handle (16 448 B), line 35"), "{first}");
    assert!(text.contains("caller  ∞  embeds `walk`, which contains itself"), "{text}");
}

#[test]
fn top_skips_files_it_cannot_parse() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("bad.rs"), "async fn broken( {").expect("write");
    std::fs::write(
        dir.path().join("good.rs"),
        "async fn tick() {}\npub async fn f() { let b = [0u8; 64]; tick().await; drop(b) }\n",
    )
    .expect("write");
    futurelens()
        .arg("top")
        .arg(dir.path())
        .assert()
        .success()
        .stdout(predicate::str::starts_with("f     "))
        .stderr(predicate::str::contains("1 file could not be read or parsed"));
}

/// `-` is standard input in `compare`, as in every command: alone, for both futures (read
/// once), or next to a file.
#[test]
fn compare_reads_standard_input() {
    let read = |name: &str| std::fs::read_to_string(common::sample(name)).expect("read sample");
    futurelens()
        .args(["compare", "-::handle", "--box-await", "27"])
        .write_stdin(read("21_large_awaitee.rs"))
        .assert()
        .success()
        .stdout(predicate::str::contains("handle: as written → as if boxed"))
        .stdout(predicate::str::contains("before  <stdin>:25  16 448 B, align 8 (estimate)"));
    futurelens()
        .args(["compare", "-::ping", "-::pong"])
        .write_stdin(read("19_recursion.rs"))
        .assert()
        .success()
        .stdout(predicate::str::contains("ping (<stdin>) → pong (<stdin>)"));
    futurelens()
        .args(["compare", "-::walk", &format!("{}::walk", sample_arg("20_recursion_boxed.rs"))])
        .write_stdin(read("19_recursion.rs"))
        .assert()
        .success()
        .stdout(predicate::str::contains("total   ∞ → 56 B  (finite now: the recursion is boxed)"));
    futurelens()
        .args(["compare", "-", "--box-over", "1024"])
        .write_stdin(read("21_large_awaitee.rs"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("name one as `-::NAME`"));
    futurelens()
        .args(["compare", "-::walk", "--bogus"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`--bogus` is not an option of `compare`"));
}

/// Long lines wrap to the terminal's width (`COLUMNS` here), or to 100 columns when the output
/// is not a terminal: `top`'s entries, and the help of rustc's E0733.
#[test]
fn long_lines_wrap_to_the_width() {
    for columns in [None, Some(72), Some(60)] {
        let width = columns.unwrap_or(100);
        let with_columns = |cmd: &mut assert_cmd::Command| {
            if let Some(c) = columns {
                cmd.env("COLUMNS", c.to_string());
            }
        };
        let mut top = futurelens();
        with_columns(&mut top);
        let out = top.args(["top", "sample-programs"]).current_dir(common::workspace_root()).output().expect("runs");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("sample-programs/24_argument_twice_rewrite.rs:17"), "{text}");
        for line in text.lines() {
            assert!(line.chars().count() <= width, "top, width {width}: {line}");
        }
        let mut analyze = futurelens();
        with_columns(&mut analyze);
        let out = analyze
            .args(["analyze", "sample-programs/19_recursion.rs"])
            .current_dir(common::workspace_root())
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("= help: put `Box::pin(..)` around one await of the cycle"), "{stderr}");
        // The notes and help (the path, the source snippet and its labels are laid out as rustc
        // does, not wrapped).
        let snippet = |l: &str| l.trim_start().starts_with(|c: char| c.is_ascii_digit() || c == '|' || c == '-');
        for line in stderr.lines().filter(|l| !snippet(l)) {
            assert!(line.chars().count() <= width, "E0733, width {width}: {line}");
        }
    }
}
