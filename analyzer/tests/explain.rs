//! `explain`'s data: the reasons it gives on tricky cases, and its hints on the sample programs.
//!
//! In: small snippets (for the reasons) and the sample programs (for the hints). Out: failures
//! naming the future, the value and what was expected. Every hint kind has a sample future that
//! triggers it and one that does not.

mod common;

use futurelens_analyzer::explain::{self, Explanation, HintDetail, Kept};
use futurelens_analyzer::liveness::Reason;
use futurelens_analyzer::render::text::DEFAULT_THRESHOLD;
use futurelens_analyzer::{Analysis, Edition, Options, analyze};

fn explain_snippet(src: &str, name: &str) -> Explanation {
    let options = Options { edition: Edition::E2021, ..Options::default() };
    let analysis = analyze(src, &options);
    let future = analysis.select(name).into_iter().next().unwrap_or_else(|| panic!("no future `{name}`"));
    explain::explain(future, src, options.edition, DEFAULT_THRESHOLD)
}

/// What Suspend`state` keeps under `name` (every entry of that name, in field order).
fn kept<'a>(e: &'a Explanation, state: u32, name: &str) -> Vec<&'a Kept> {
    e.lessons.iter().filter(|l| l.state == state).flat_map(|l| &l.kept).filter(|k| k.name == name).collect()
}

const PRELUDE: &str = "
async fn leaf() {}
async fn leaf_u8() -> u8 { 1 }
fn take<T>(_: T) {}
fn two(_: &String, _: u8) {}
";

#[test]
fn moved_after_a_borrow_is_kept_because_of_the_borrow() {
    let src = format!(
        "{PRELUDE}
async fn f() {{
    let v = vec![1u8];
    let n = v.len();
    drop(v);
    leaf().await;
    take(n);
}}"
    );
    let e = explain_snippet(&src, "f");
    let v = kept(&e, 0, "v");
    assert_eq!(v.len(), 1, "{e:#?}");
    assert!(matches!(v[0].reason, Reason::Borrowed { line: 9, .. }), "{:?}", v[0]);
    assert_eq!(v[0].moved_after_borrow, Some(10));
}

#[test]
fn a_shadowed_value_is_kept_for_its_drop_and_the_new_one_for_its_use() {
    let src = format!(
        "{PRELUDE}
async fn f() {{
    let s = String::new();
    let s = 5u8;
    leaf().await;
    take(s);
}}"
    );
    let e = explain_snippet(&src, "f");
    let s = kept(&e, 0, "s");
    assert_eq!(s.len(), 2, "{e:#?}");
    assert!(s.iter().any(|k| matches!(k.reason, Reason::DroppedAtScopeEnd { .. }) && k.ty == "String"), "{s:?}");
    assert!(s.iter().any(|k| matches!(k.reason, Reason::UsedLater { line: 11 }) && k.ty == "u8"), "{s:?}");
}

#[test]
fn a_partially_moved_value_is_kept_for_the_rest_of_it() {
    let src = format!(
        "{PRELUDE}
async fn f() {{
    let t = (String::new(), String::new());
    take(t.0);
    leaf().await;
}}"
    );
    let e = explain_snippet(&src, "f");
    let t = kept(&e, 0, "t");
    assert_eq!(t.len(), 1, "{e:#?}");
    assert!(matches!(t[0].reason, Reason::DroppedAtScopeEnd { line: 11 }), "{:?}", t[0]);
}

#[test]
fn a_value_reassigned_in_a_loop_is_kept_because_the_assignment_drops_it() {
    let src = format!(
        "{PRELUDE}
async fn f() {{
    let mut s = String::new();
    for i in 0..3u32 {{
        leaf().await;
        s = i.to_string();
    }}
    take(s);
}}"
    );
    let e = explain_snippet(&src, "f");
    let s = kept(&e, 0, "s");
    assert_eq!(s.len(), 1, "{e:#?}");
    // The assignment at line 11 drops the old value, `take(s)` at line 13 moves it, and its scope
    // ends at line 14: the String is initialised and needs drop on every path from the await.
    assert!(
        matches!(s[0].reason, Reason::UsedLater { line: 11 | 13 } | Reason::DroppedAtScopeEnd { line: 14 }),
        "{:?}",
        s[0]
    );
    let iter = kept(&e, 0, "iter");
    assert!(matches!(iter[0].reason, Reason::LoopIterator { line: 9 }), "{iter:?}");
}

#[test]
fn a_temporary_is_kept_to_the_end_of_its_statement() {
    let src = format!(
        "{PRELUDE}
async fn f() {{
    two(&String::new(), leaf_u8().await);
}}"
    );
    let e = explain_snippet(&src, "f");
    let temps: Vec<&Kept> = e.lessons[0].kept.iter().filter(|k| k.name == "String::new()").collect();
    assert_eq!(temps.len(), 1, "{e:#?}");
    assert!(matches!(temps[0].reason, Reason::TemporaryInExpression { line: 8, .. }), "{:?}", temps[0]);
    assert!(e.hints.iter().any(|h| h.kind() == "statement_temporary"), "{:?}", e.hints);
}

fn sample(file: &str) -> (Analysis, String) {
    let path = common::workspace_root().join("sample-programs").join(file);
    let src = std::fs::read_to_string(&path).expect("read sample");
    (common::analyze_path(&path), src)
}

fn hint_kinds(file: &str, name: &str, threshold: u64) -> Vec<&'static str> {
    let (analysis, src) = sample(file);
    let future = analysis.select(name).into_iter().next().unwrap_or_else(|| panic!("{file}: no future `{name}`"));
    explain::explain(future, &src, analysis.options.edition, threshold).hints.iter().map(|h| h.kind()).collect()
}

/// Each hint kind: a sample future that triggers it and one that does not.
#[test]
fn every_hint_kind_has_a_sample_that_triggers_it_and_one_that_does_not() {
    // A future: its sample program and its name.
    type Future = (&'static str, &'static str);
    let cases: &[(&str, Future, Future, u64)] = &[
        ("not_send", ("23_guard_across_await.rs", "held"), ("23_guard_across_await.rs", "scoped"), DEFAULT_THRESHOLD),
        (
            "large_value",
            ("14_large_arrays.rs", "checksum_after_io"),
            ("25_borrow_inner_block.rs", "checksum_in_block"),
            1024,
        ),
        (
            "argument_stored_twice",
            ("24_argument_twice_rewrite.rs", "summary"),
            ("24_argument_twice_rewrite.rs", "async block@23:5"),
            DEFAULT_THRESHOLD,
        ),
        (
            "borrow_kept_to_scope_end",
            ("25_borrow_inner_block.rs", "checksum_then_send"),
            ("25_borrow_inner_block.rs", "checksum_in_block"),
            DEFAULT_THRESHOLD,
        ),
        (
            "statement_temporary",
            ("07_temporaries.rs", "match_guard"),
            ("07_temporaries.rs", "call_args_reordered"),
            DEFAULT_THRESHOLD,
        ),
        ("blocking_call", ("23_guard_across_await.rs", "held"), ("01_two_awaits.rs", "two_awaits"), DEFAULT_THRESHOLD),
        // A loop with no await in it, over data of any length; one that awaits inside, and one
        // over a range of fixed length, get none.
        (
            "blocking_call",
            ("26_blocking_between_awaits.rs", "sum_all"),
            ("26_blocking_between_awaits.rs", "sum_yielding"),
            DEFAULT_THRESHOLD,
        ),
        (
            "blocking_call",
            ("26_blocking_between_awaits.rs", "pause"),
            ("26_blocking_between_awaits.rs", "sum_ten"),
            DEFAULT_THRESHOLD,
        ),
    ];
    for (kind, (yes_file, yes), (no_file, no), threshold) in cases {
        let found = hint_kinds(yes_file, yes, *threshold);
        assert!(found.contains(kind), "{yes_file}::{yes} should get a `{kind}` hint; it gets {found:?}");
        let found = hint_kinds(no_file, no, *threshold);
        assert!(!found.contains(kind), "{no_file}::{no} should get no `{kind}` hint; it gets {found:?}");
    }
}

/// `drop(guard)` before the await does not help once the guard was borrowed: the hint says so.
#[test]
fn a_dropped_guard_that_was_borrowed_is_still_not_send_and_the_hint_says_why() {
    let (analysis, src) = sample("23_guard_across_await.rs");
    let future = analysis.select("dropped")[0];
    assert_eq!(future.send.send, Some(false), "{:?}", future.send);
    let e = explain::explain(future, &src, analysis.options.edition, DEFAULT_THRESHOLD);
    let hint = e.hints.iter().find(|h| h.kind() == "not_send").expect("a not_send hint");
    assert!(matches!(hint.detail, HintDetail::NotSend { dropped_at: Some(27), .. }), "{hint:?}");
}

/// Every await of every sample is marked in the listing, and every saved value is charted.
#[test]
fn every_await_is_marked_and_every_saved_value_charted() {
    for path in common::sample_programs() {
        let src = std::fs::read_to_string(&path).expect("read");
        let analysis = common::analyze_path(&path);
        for future in &analysis.futures {
            let e = explain::explain(future, &src, analysis.options.edition, DEFAULT_THRESHOLD);
            assert_eq!(e.awaits.len(), future.suspend_states().count(), "{}: {}", path.display(), future.name);
            for state in future.suspend_states() {
                for field in state.fields.iter().filter(|f| f.local.is_some()) {
                    let charted = e.values.iter().any(|v| Some(v.local) == field.local);
                    let role = field.role.as_str();
                    assert!(
                        charted || role == "awaitee" || role == "drop_flag",
                        "{}: {}: `{}` is saved but not charted",
                        path.display(),
                        future.name,
                        field.name
                    );
                }
            }
        }
    }
}

/// `trace` with its default script ends in Returned on every future of every sample program,
/// except one whose body panics by design.
#[test]
fn every_default_trace_ends_in_returned() {
    use futurelens_analyzer::trace::{End, Script, trace};
    let mut failures = Vec::new();
    for path in common::sample_programs() {
        let analysis = common::analyze_path(&path);
        for future in &analysis.futures {
            let run = trace(future, &Script::default());
            if run.end != End::Returned {
                failures.push(format!("{}: {}: {:?}", path.display(), future.display_name(), run.end));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A script that runs out says where; a script of P and R is followed to the letter.
#[test]
fn a_script_is_followed_and_its_end_reported() {
    use futurelens_analyzer::trace::{End, Outcome, Script, trace};
    let (analysis, _) = sample("03_loops.rs");
    let future = analysis.select("total_price")[0];
    let script = |text: &str| Script { polls: Some(Script::parse_polls(text).expect("script")), ..Script::default() };
    let run = trace(future, &script("PP"));
    assert_eq!(run.end, End::ScriptRanOut { state: 0, line: 51 });
    assert_eq!(run.polls.len(), 2);
    let run = trace(future, &script("PPR"));
    assert_eq!(run.end, End::Returned);
    assert_eq!(run.polls.len(), 3);
    // Taking the loop's first way every time: the loop goes on until the script runs out.
    let mut looping = script("RRR");
    looping.branches.insert(50, 1);
    let run = trace(future, &looping);
    assert_eq!(run.end, End::ScriptRanOut { state: 0, line: 51 });
    assert!(Script::parse_polls("PX").is_err());
    assert_eq!(Script::parse_polls("pr"), Ok(vec![Outcome::Pending, Outcome::Ready]));
}
