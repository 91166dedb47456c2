//! Directory input, resource limits and unreadable files: clear messages and exit codes, never
//! a panic.

mod common;

use common::{futurelens, no_panic};
use predicates::prelude::*;

#[test]
fn a_directory_is_walked_and_summarised() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("src/nested")).expect("mkdir");
    std::fs::create_dir_all(dir.path().join("target")).expect("mkdir");
    std::fs::write(dir.path().join("src/a.rs"), "async fn a() { b().await }\nasync fn b() {}\n").expect("write");
    std::fs::write(dir.path().join("src/nested/c.rs"), "fn plain() {}\n").expect("write");
    std::fs::write(dir.path().join("target/skip.rs"), "async fn in_target() {}\n").expect("write");
    futurelens()
        .arg("analyze")
        .arg(dir.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("a.rs ──").and(predicate::str::contains("in_target").not()))
        .stderr(predicate::str::contains(
            "analysed 2 files (1 without async code, not parsed): 2 futures, 1 await; 0 files with errors",
        ));
}

#[test]
fn one_bad_file_does_not_stop_the_run() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("good.rs"), "async fn good() {}\n").expect("write");
    std::fs::write(dir.path().join("bad.rs"), "async fn bad( {}\n").expect("write");
    futurelens()
        .arg("analyze")
        .arg(dir.path())
        .args(["--format", "json"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("\"name\": \"good\""))
        .stderr(
            predicate::str::contains("bad.rs:1").and(predicate::str::contains("1 file with errors")).and(no_panic()),
        );
}

/// `graph`, `layout` and `compare` read one file; given a directory, they say so.
#[test]
fn commands_for_one_file_refuse_a_directory() {
    let dir = common::workspace_root().join("sample-programs");
    for command in ["graph", "layout", "compare"] {
        futurelens().arg(command).arg(&dir).assert().code(1).stderr(
            predicate::str::contains(format!("is a directory: `futurelens {command}` reads one file"))
                .and(predicate::str::contains("`futurelens analyze` and `futurelens top` take a directory"))
                .and(predicate::str::contains("os error").not())
                .and(no_panic()),
        );
    }
}

/// Unboxed recursion (rustc's E0733) fails a file the same way alone and in a directory.
#[test]
fn unboxed_recursion_fails_a_file_alone_and_in_a_directory() {
    let dir = tempfile::tempdir().expect("temp dir");
    let recursion = dir.path().join("recursion.rs");
    std::fs::copy(common::sample("19_recursion.rs"), &recursion).expect("copy");
    std::fs::write(dir.path().join("good.rs"), "async fn good() {}\n").expect("write");
    futurelens()
        .arg("analyze")
        .arg(&recursion)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("error[E0733]: recursion in an async fn requires boxing").and(no_panic()));
    futurelens().arg("analyze").arg(dir.path()).assert().code(1).stderr(
        predicate::str::contains("error[E0733]: recursion in an async fn requires boxing")
            .and(predicate::str::contains("; 1 file with errors"))
            .and(no_panic()),
    );
}

#[test]
fn ten_thousand_nested_parentheses() {
    let depth = 10_000;
    let src = format!("async fn f() -> u32 {{ {}1{} }}\n", "(".repeat(depth), ")".repeat(depth));
    futurelens()
        .args(["analyze", "-"])
        .write_stdin(src)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("nested more than 256 levels deep").and(no_panic()));
}

#[test]
fn ten_thousand_nested_blocks() {
    let depth = 10_000;
    let src =
        format!("async fn f() {{ {}leaf().await;{} }}\nasync fn leaf() {{}}\n", "{".repeat(depth), "}".repeat(depth));
    futurelens()
        .args(["analyze", "-"])
        .write_stdin(src)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("nested more than 256 levels deep").and(no_panic()));
}

/// Root reads every file, so the test drops to an unprivileged user when it runs as root.
#[test]
fn permission_denied() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("secret.rs");
    std::fs::write(&path, "async fn f() {}\n").expect("write");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let root = std::process::Command::new("id").arg("-u").output().map(|o| o.stdout == b"0\n").unwrap_or(false);
    let bin = assert_cmd::cargo::cargo_bin!("futurelens");
    let mut cmd = if root {
        let mut cmd = std::process::Command::new("setpriv");
        cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups"]).arg(bin);
        cmd
    } else {
        std::process::Command::new(bin)
    };
    cmd.arg("analyze").arg(&path).env("RUST_BACKTRACE", "1");
    let output = cmd.output().expect("run futurelens");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "stderr: {stderr}");
    assert!(stderr.contains("cannot read") && stderr.contains("permission denied"), "stderr: {stderr}");
    assert!(!stderr.contains("panicked"), "stderr: {stderr}");
}
