//! Files written with `-o`: whole or not at all, with the permissions any new file gets (the
//! umask decides, as for a shell redirection), an existing file's permissions kept, and errors
//! that name the user's path, never the temporary file's.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use common::{futurelens, no_panic, sample};
use predicates::prelude::*;

/// Runs `futurelens analyze 01_two_awaits.rs -o OUT` under `umask`, and returns OUT's mode.
fn mode_after_writing(umask: &str, out: &Path) -> u32 {
    let bin = assert_cmd::cargo::cargo_bin!("futurelens");
    let status = std::process::Command::new("sh")
        .args(["-c", &format!("umask {umask} && exec \"$0\" \"$@\"")])
        .arg(bin)
        .arg("analyze")
        .arg(sample("01_two_awaits.rs"))
        .arg("-o")
        .arg(out)
        .status()
        .expect("run sh");
    assert!(status.success(), "umask {umask}: {status}");
    std::fs::metadata(out).expect("written").permissions().mode() & 0o777
}

#[test]
fn a_new_file_gets_the_mode_the_umask_gives() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (umask, mode) in [("022", 0o644), ("077", 0o600), ("002", 0o664)] {
        let out = dir.path().join(format!("umask-{umask}.txt"));
        assert_eq!(mode_after_writing(umask, &out), mode, "umask {umask}");
    }
}

#[test]
fn a_replaced_file_keeps_its_permissions() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("kept.txt");
    std::fs::write(&out, "old").expect("write");
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    assert_eq!(mode_after_writing("022", &out), 0o640);
    assert!(std::fs::read_to_string(&out).expect("read").contains("two_awaits"), "the content is replaced");
}

#[test]
fn a_missing_directory_is_named() {
    futurelens()
        .arg("analyze")
        .arg(sample("01_two_awaits.rs"))
        .args(["-o", "/nonexistent-futurelens-dir/out.txt"])
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains(
                "error: cannot write `/nonexistent-futurelens-dir/out.txt`: the directory `/nonexistent-futurelens-dir` does not exist",
            )
            .and(predicate::str::contains(".tmp").not())
            .and(no_panic()),
        );
}

#[test]
fn a_directory_is_not_a_file_to_write() {
    let dir = tempfile::tempdir().expect("temp dir");
    futurelens()
        .args(["graph", "--format", "dot"])
        .arg(sample("01_two_awaits.rs"))
        .arg("-o")
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(format!("error: cannot write `{}`: it is a directory\n", dir.path().display()));
}

#[test]
fn a_named_pipe_is_written_in_place_not_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let fifo = dir.path().join("pipe");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().expect("run mkfifo");
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).expect("read the pipe"))
    };
    futurelens()
        .args(["graph", "--format", "dot"])
        .arg(sample("01_two_awaits.rs"))
        .arg("-o")
        .arg(&fifo)
        .assert()
        .success();
    // Checked before joining: a replaced pipe is never opened for writing, and its reader waits.
    let kind = std::fs::symlink_metadata(&fifo).expect("still there").file_type();
    assert!(kind.is_fifo(), "the pipe was replaced: {kind:?}");
    let read = reader.join().expect("reader");
    assert!(read.starts_with("digraph"), "{read}");
}

#[test]
fn a_symbolic_link_keeps_pointing_at_the_file_it_names() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("real.dot");
    std::fs::write(&target, "old").expect("write");
    let link = dir.path().join("link.dot");
    std::os::unix::fs::symlink(&target, &link).expect("symlink");
    futurelens()
        .args(["graph", "--format", "dot"])
        .arg(sample("01_two_awaits.rs"))
        .arg("-o")
        .arg(&link)
        .assert()
        .success();
    assert!(std::fs::symlink_metadata(&link).expect("link").file_type().is_symlink());
    assert!(std::fs::read_to_string(&target).expect("target").starts_with("digraph"));
}
