//! Every program of the accuracy sets (code written the way services are) goes through the
//! whole CLI, every output format, without a crash.

mod common;

use common::futurelens;

#[test]
fn every_accuracy_program_analyses_in_every_format() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("workspace").join("bench/accuracy");
    let mut sets: Vec<_> =
        std::fs::read_dir(&root).expect("bench/accuracy").map(|e| e.expect("entry").path()).collect();
    sets.sort();
    assert!(sets.len() >= 4, "bench/accuracy holds the sets");
    for set in &sets {
        for format in ["text", "json"] {
            let out = futurelens().args(["analyze", "--format", format]).arg(set).output().expect("runs");
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(out.status.success(), "{} ({format}): exit {:?}\n{stderr}", set.display(), out.status.code());
            assert!(!stderr.contains("panicked"), "{} ({format}): {stderr}", set.display());
        }
        for command in ["graph", "explain"] {
            let out = futurelens().arg(command).arg(set).output().expect("runs");
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(
                !stderr.contains("panicked") && !stderr.contains("overflow"),
                "{command} {}: {stderr}",
                set.display()
            );
        }
    }
}
