//! Bad input gets a clear message and exit code 1 (2 for usage errors), never a panic.

mod common;

use common::{futurelens, no_panic, sample};
use predicates::prelude::*;

fn temp_file(name: &str, bytes: &[u8]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("write");
    (dir, path)
}

#[test]
fn missing_file() {
    futurelens()
        .args(["analyze", "does/not/exist.rs"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("error: `does/not/exist.rs` does not exist").and(no_panic()));
}

#[test]
fn directory_without_rust_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    futurelens()
        .arg("analyze")
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("error:").and(no_panic()));
}

#[test]
fn non_utf8_bytes() {
    let (_dir, path) = temp_file("latin1.rs", b"async fn f() {}\n// caf\xe9\n");
    futurelens()
        .arg("analyze")
        .arg(&path)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("is not valid UTF-8 (invalid byte at line 2").and(no_panic()));
}

#[test]
fn binary_file() {
    let (_dir, path) = temp_file("binary.rs", &[0x7f, b'E', b'L', b'F', 0, 0, 1, 2, 0xff]);
    futurelens()
        .arg("analyze")
        .arg(&path)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("is not Rust source").and(no_panic()));
}

#[test]
fn empty_file() {
    let (_dir, path) = temp_file("empty.rs", b"");
    futurelens().arg("analyze").arg(&path).assert().code(1).stderr(
        predicate::str::contains("error: no async fn, async block or async closure in this file").and(no_panic()),
    );
}

#[test]
fn no_async_code() {
    let (_dir, path) = temp_file("sync.rs", b"fn main() {\n    println!(\"hi\");\n}\n");
    futurelens()
        .arg("analyze")
        .arg(&path)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no async fn, async block or async closure in this file").and(no_panic()));
}

#[test]
fn syntax_error_points_at_the_token() {
    let src = "async fn f() {\n    let x = 1\n    let y = 2;\n}\n";
    futurelens().args(["analyze", "-"]).write_stdin(src).assert().code(1).stderr(
        predicate::str::contains("error: expected `;`")
            .and(predicate::str::contains("--> <stdin>:3:5"))
            .and(predicate::str::contains("3 |     let y = 2;"))
            .and(predicate::str::contains("^^^"))
            .and(no_panic()),
    );
}

#[test]
fn syntax_error_after_non_ascii_text() {
    let src = "async fn f() {\n    let s = \"héllo wörld\"; let = 3;\n}\n";
    futurelens()
        .args(["analyze", "-"])
        .write_stdin(src)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("--> <stdin>:2:32").and(no_panic()));
}

#[test]
fn unterminated_string() {
    let src = "async fn f() {\n    let s = \"never closed;\n}\n";
    futurelens().args(["analyze", "-"]).write_stdin(src).assert().code(1).stderr(
        predicate::str::contains("unterminated double quote string")
            .and(predicate::str::contains("--> <stdin>:2:13"))
            .and(no_panic()),
    );
}

#[test]
fn an_instance_of_a_generic_fn_is_named_and_chosen_as_it_is_shown() {
    futurelens().arg("analyze").arg(sample("30_generics.rs")).args(["--fn", "nope"]).assert().code(1).stderr(
        predicate::str::contains("keep, keep<u8>, keep<[u64; 16]>, ").and(predicate::str::contains("Inbox::push<u16>")),
    );
    futurelens()
        .arg("analyze")
        .arg(sample("30_generics.rs"))
        .args(["--fn", "keep<u8>"])
        .assert()
        .success()
        .stdout(predicate::str::contains("keep<u8>  async fn").and(predicate::str::contains("keep<[u64").not()));
}

#[test]
fn unknown_fn_lists_the_names() {
    futurelens().arg("analyze").arg(sample("01_two_awaits.rs")).args(["--fn", "nope"]).assert().code(1).stderr(
        predicate::str::contains("no future named `nope`").and(predicate::str::contains("two_awaits")).and(no_panic()),
    );
}

#[test]
fn unknown_flag_is_a_usage_error() {
    futurelens()
        .args(["analyze", "--bogus"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unexpected argument '--bogus'"));
}

#[test]
fn closed_pipe_exits_quietly() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let bin = assert_cmd::cargo::cargo_bin!("futurelens");
    let mut child = Command::new(bin)
        .arg("analyze")
        .arg(sample("12_handler.rs"))
        .env("RUST_BACKTRACE", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    // Read one byte, then close the pipe, as `| head -c1` would.
    let mut stdout = child.stdout.take().expect("stdout");
    let mut byte = [0u8; 1];
    stdout.read_exact(&mut byte).expect("first byte");
    drop(stdout);
    let output = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked") && !stderr.contains("Broken pipe"), "stderr: {stderr}");
    assert!(output.status.code() == Some(0), "exit status {:?}", output.status);
}

#[test]
fn output_file_is_written_whole() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("two.json");
    futurelens()
        .arg("analyze")
        .arg(sample("01_two_awaits.rs"))
        .args(["--format", "json", "-o"])
        .arg(&out)
        .assert()
        .success();
    let text = std::fs::read_to_string(&out).expect("output written");
    let value: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(value["schema"], "futurelens/1");
}
