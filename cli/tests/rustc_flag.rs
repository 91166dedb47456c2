//! Sizes end to end: `--rustc` takes rustc's numbers (and says where the estimate differs),
//! falls back to the estimate with a warning when the file does not compile, and fails
//! clearly without a compiler; `--assume` and `--target-pointer-width` change the estimate;
//! `futurelens layout` draws the byte map.

mod common;

use common::{futurelens, sample};
use predicates::prelude::*;
use serde_json::Value;

fn json(args: &[&str], file: &std::path::Path) -> Value {
    let out = common::stdout_of(futurelens().args(["analyze", "--format", "json"]).args(args).arg(file));
    serde_json::from_str(&out).expect("JSON")
}

fn future<'a>(doc: &'a Value, name: &str) -> &'a Value {
    doc["futures"].as_array().and_then(|fs| fs.iter().find(|f| f["name"] == name)).expect("future")
}

#[test]
fn rustc_numbers_replace_the_estimate() {
    let file = sample("16_awaitee_chain.rs");
    let estimate = json(&[], &file);
    let rustc = json(&["--rustc"], &file);
    for name in ["level3", "level2", "level1", "top", "top_boxed"] {
        let (e, r) = (future(&estimate, name), future(&rustc, name));
        assert_eq!(e["size_source"], "estimate");
        assert_eq!(r["size_source"], "rustc", "{name}");
        assert_eq!(e["size"], r["size"], "{name}: the estimate equals rustc on this sample");
        assert!(r["size"].as_u64().is_some_and(|s| s > 0));
    }
    assert_eq!(future(&rustc, "top_boxed")["states"][1]["fields"][2]["size"], 8, "a boxed awaitee is a pointer");
}

#[test]
fn disagreements_become_notes() {
    // The model does not know `Opaque`; with `--assume` it is told a wrong size on purpose.
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("wrong.rs");
    std::fs::write(
        &file,
        "pub struct Opaque([u8; 32]);\nasync fn tick() {}\npub async fn f(o: Opaque) { tick().await; drop(o) }\n",
    )
    .expect("write");
    futurelens()
        .args(["analyze", "--rustc", "--assume", "Opaque=8:8", "--color", "never"])
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains("note: rustc disagrees with the estimate: size: estimate"))
        .stdout(predicate::str::contains("(rustc)"))
        .stderr(predicate::str::contains("rustc laid out 2 futures"));
}

#[test]
fn a_file_that_does_not_compile_falls_back_to_the_estimate() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("broken.rs");
    std::fs::write(&file, "async fn tick() {}\npub async fn f(n: u32) -> u32 { tick().await; n + missing }\n")
        .expect("write");
    let out = futurelens().args(["analyze", "--rustc", "--format", "json"]).arg(&file).output().expect("runs");
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("warning: rustc cannot compile"), "{stderr}");
    assert!(stderr.contains("cannot find value `missing`"), "{stderr}");
    let doc: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(future(&doc, "f")["size_source"], "estimate");
    assert_eq!(future(&doc, "f")["size"], 12);
}

#[test]
fn no_compiler_is_a_clear_error() {
    futurelens()
        .env("RUSTC", "/nonexistent/futurelens-test-rustc")
        .args(["analyze", "--rustc"])
        .arg(sample("01_two_awaits.rs"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("was not found: `--rustc` needs an installed Rust toolchain"));
    futurelens()
        .args(["analyze", "--rustc", "--target-pointer-width", "32"])
        .arg(sample("01_two_awaits.rs"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("--target-pointer-width 32"));
}

#[test]
fn assume_and_pointer_width_change_the_estimate() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("sleep.rs");
    std::fs::write(
        &file,
        "async fn tick() {}\npub async fn f(s: Sleep, n: usize) { tick().await; drop(s); drop(n) }\n",
    )
    .expect("write");
    let unknown = json(&[], &file);
    assert_eq!(future(&unknown, "f")["size"], Value::Null);
    let notes = future(&unknown, "f")["diagnostics"].to_string();
    assert!(notes.contains("`Sleep`") && notes.contains("--assume"), "{notes}");
    let known = json(&["--assume", "Sleep=16:8"], &file);
    assert!(future(&known, "f")["size"].as_u64().is_some());
    let narrow = json(&["--assume", "Sleep=16:8", "--target-pointer-width", "32"], &file);
    assert_eq!(narrow["target"]["pointer_width"], 32);
    assert!(future(&narrow, "f")["size"].as_u64() < future(&known, "f")["size"].as_u64());
    futurelens().args(["analyze", "--assume", "Sleep"]).arg(&file).assert().code(2);
    futurelens().args(["analyze", "--target-pointer-width", "16"]).arg(&file).assert().code(2);
}

#[test]
fn layout_draws_every_state() {
    futurelens()
        .args(["layout", "--fn", "one_branch_or_other", "--color", "never"])
        .arg(sample("14_large_arrays.rs"))
        .assert()
        .success()
        .stdout(predicate::str::contains("layout  2 052 B, align 2 (estimate)"))
        .stdout(predicate::str::contains("Suspend0  2 050 B"))
        .stdout(predicate::str::contains("reuses bytes of Suspend1"))
        .stdout(predicate::str::contains("2 048 B of 2 052 B: `left`"))
        .stdout(predicate::str::contains("transitions").not());
    futurelens()
        .args(["layout", "--rustc", "--fn", "one_branch_or_other", "--color", "never"])
        .arg(sample("14_large_arrays.rs"))
        .assert()
        .success()
        .stdout(predicate::str::contains("layout  2 052 B, align 2 (rustc)"));
}

#[test]
fn generic_futures_take_their_instantiations() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("generic.rs");
    std::fs::write(
        &file,
        "async fn tick() {}\npub async fn hold<T>(t: T) -> T { tick().await; t }\n\
         pub fn use_it() { let _ = hold::<u64>(1); let _ = hold::<String>(String::new()); }\n",
    )
    .expect("write");
    let instance = |doc: &Value, args: &str| -> Value {
        let all = doc["futures"].as_array().expect("futures");
        let found = all.iter().find(|f| f["name"] == "hold" && f["instance"] == format!("hold<{args}>"));
        found.cloned().unwrap_or_else(|| panic!("no `hold<{args}>` in {doc}"))
    };
    // One entry per instantiation the call sites settle, each with its own size.
    let estimate = json(&[], &file);
    assert_eq!(instance(&estimate, "u64")["size"], 24);
    assert_eq!(instance(&estimate, "String")["size"], 56);
    assert_eq!(instance(&estimate, "String")["generic_args"], serde_json::json!(["String"]));
    let generic = future(&estimate, "hold");
    assert_eq!((generic["generic"].as_bool(), generic["size"].clone()), (Some(true), Value::Null));
    // `--rustc`: each instantiation gets exactly rustc's numbers.
    let doc = json(&["--rustc"], &file);
    for (args, size) in [("u64", 24), ("String", 56)] {
        let f = instance(&doc, args);
        assert_eq!((f["size_source"].as_str(), f["size"].as_u64()), (Some("rustc"), Some(size)), "{args}");
    }
}

/// No rustc here lays futures out for a 32-bit target, so 32-bit sizes say that they are
/// unverified: in the text, the byte map and the JSON document; 64-bit sizes do not.
#[test]
fn thirty_two_bit_sizes_say_they_are_unverified() {
    let file = sample("01_two_awaits.rs");
    let note = "32-bit sizes are unverified";
    for command in ["analyze", "layout"] {
        let run = |width: &str| {
            common::stdout_of(
                futurelens().args([command, "--fn", "two_awaits", "--target-pointer-width", width]).arg(&file),
            )
        };
        assert!(run("32").contains(note), "{command}: {}", run("32"));
        assert!(!run("64").contains(note), "{command}");
    }
    let narrow = json(&["--target-pointer-width", "32"], &file);
    assert!(narrow["target"]["note"].as_str().is_some_and(|n| n.starts_with(note)), "{}", narrow["target"]);
    assert_eq!(json(&[], &file)["target"].get("note"), None);
}
