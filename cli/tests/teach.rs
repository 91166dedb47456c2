//! The teaching commands end to end: `explain` and `trace` on sample programs, their JSON
//! documents, and what they say (and the exit code) on bad input.

mod common;

use common::{futurelens, sample_arg};
use predicates::prelude::*;

#[test]
fn explain_marks_awaits_and_gives_hints() {
    futurelens()
        .args(["explain", &sample_arg("23_guard_across_await.rs"), "--fn", "held"])
        .assert()
        .success()
        .stdout(predicate::str::contains("S0"))
        .stdout(predicate::str::contains("Send: no, `guard`"))
        .stdout(predicate::str::contains("blocking call: `std::thread::sleep`"));
}

#[test]
fn explain_json_is_the_explain_schema() {
    let out = futurelens()
        .args(["explain", &sample_arg("25_borrow_inner_block.rs"), "--format", "json"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(doc["schema"], "futurelens-explain/1");
    let hints = doc["futures"][1]["hints"].as_array().expect("hints");
    assert_eq!(hints[0]["kind"], "borrow_kept_to_scope_end");
    assert_eq!(hints[0]["values"][0], "buf");
}

#[test]
fn analyze_json_has_the_send_verdict() {
    let out = futurelens()
        .args(["analyze", &sample_arg("23_guard_across_await.rs"), "--fn", "held", "--format", "json"])
        .output()
        .expect("runs");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(doc["futures"][0]["send"], false);
    assert_eq!(doc["futures"][0]["not_send_because"]["value"], "guard");
    assert_eq!(doc["futures"][0]["not_send_because"]["state"], "Suspend0");
}

#[test]
fn explain_of_a_missing_future_fails_with_the_names() {
    futurelens()
        .args(["explain", &sample_arg("25_borrow_inner_block.rs"), "--fn", "nope"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no future named `nope`"))
        .stderr(predicate::str::contains("checksum_in_block"));
}

#[test]
fn trace_follows_the_script_and_says_where_it_ran_out() {
    futurelens()
        .args(["trace", &sample_arg("03_loops.rs"), "--fn", "total_price", "--polls", "PPR"])
        .assert()
        .success()
        .stdout(predicate::str::contains("poll 3  Suspend0 → Returned  returns Poll::Ready"))
        .stdout(predicate::str::contains("ends in Returned after 3 polls"));
    futurelens()
        .args(["trace", &sample_arg("03_loops.rs"), "--fn", "total_price", "--polls", "P"])
        .assert()
        .success()
        .stdout(predicate::str::contains("the script ran out at the await at line 51 (Suspend0)"));
}

#[test]
fn trace_rejects_a_bad_script() {
    futurelens()
        .args(["trace", &sample_arg("03_loops.rs"), "--polls", "PXR"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`X` (character 2) is neither P (Pending) nor R (Ready)"));
    futurelens()
        .args(["trace", &sample_arg("03_loops.rs"), "--branch", "12"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not LINE=N"));
}

#[test]
fn trace_json_ends_in_returned() {
    let out = futurelens()
        .args(["trace", &sample_arg("02_branches.rs"), "--fn", "if_else", "--branch", "25=2", "--format", "json"])
        .output()
        .expect("runs");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(doc["schema"], "futurelens-trace/1");
    assert_eq!(doc["end"]["kind"], "returned");
    assert_eq!(doc["polls"][0]["after"], "Suspend1");
}

#[test]
fn desugar_writes_rust_that_parses() {
    let text = common::stdout_of(futurelens().args(["desugar", &sample_arg("03_loops.rs")]));
    assert!(text.contains("impl Future for TotalPriceFuture"), "{text}");
    assert!(text.contains("Suspend0 {"), "{text}");
    // The output is one Rust file: the futures' types and their `poll`s.
    assert!(text.starts_with("//! The state machines rustc builds from"), "{text}");
    assert!(!text.contains("internal error"), "{text}");
}

#[test]
fn desugar_says_why_a_self_reference_is_an_outline() {
    futurelens()
        .args(["desugar", &sample_arg("01_two_awaits.rs"), "--fn", "two_awaits"])
        .assert()
        .success()
        .stdout(predicate::str::contains("#[cfg(any())]"))
        .stdout(predicate::str::contains(
            "Suspend1, the await on line 19, keeps `name` and the awaited future `load_score(&name)`",
        ))
        .stdout(predicate::str::contains("`Pin<&mut Self>`"));
}

#[test]
fn desugar_takes_fn_or_all_not_both() {
    futurelens()
        .args(["desugar", &sample_arg("03_loops.rs"), "--fn", "total_price", "--all"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot be used with"));
}
