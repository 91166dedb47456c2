//! Every sample program is compiled by rustc with `-Zprint-type-sizes`; for every future rustc
//! prints, the analyzer must find the same states and, in each `SuspendN`, the same named
//! saved locals (`__awaitee`, `iter` and user bindings) and the same number of unnamed ones
//! (temporaries and drop flags).

mod common;

use std::collections::BTreeSet;

use futurelens_analyzer::analysis::Role;
use futurelens_analyzer::graph::StateId;
use futurelens_analyzer::rustc::{RustcFuture, RustcRole};
use futurelens_analyzer::{Analysis, FutureAnalysis};

/// Compares one future with rustc's record; returns the differences.
fn compare(ours: &FutureAnalysis, theirs: &RustcFuture) -> Vec<String> {
    let mut problems = Vec::new();
    let our_states: Vec<String> = ours.states.iter().map(|s| s.id.name()).collect();
    let their_states: Vec<String> = theirs.variants.iter().map(|v| v.name.clone()).collect();
    if our_states != their_states {
        problems.push(format!("states: ours {our_states:?}, rustc {their_states:?}"));
        return problems;
    }
    for state in ours.states.iter().filter(|s| matches!(s.id, StateId::Suspend(_))) {
        let variant = theirs.variant(&state.id.name()).expect("same states");
        let ours_named: BTreeSet<String> =
            state.fields.iter().filter(|f| f.role != Role::Upvar && !f.name.starts_with('.')).map(|f| f.name.clone()).collect();
        let theirs_named: BTreeSet<String> = variant
            .fields
            .iter()
            .filter(|f| f.role == RustcRole::Local && !f.is_unnamed())
            .map(|f| f.name.clone())
            .collect();
        if ours_named != theirs_named {
            problems.push(format!("{}: named locals ours {ours_named:?}, rustc {theirs_named:?}", state.id.name()));
        }
        let ours_unnamed: Vec<String> =
            state.fields.iter().filter(|f| f.role != Role::Upvar && f.name.starts_with('.')).map(|f| f.ty.to_string()).collect();
        let theirs_unnamed: Vec<String> = variant
            .fields
            .iter()
            .filter(|f| f.role == RustcRole::Local && f.is_unnamed())
            .map(|f| f.ty.clone().unwrap_or_default())
            .collect();
        if ours_unnamed.len() != theirs_unnamed.len() {
            problems.push(format!("{}: unnamed locals ours {ours_unnamed:?}, rustc {theirs_unnamed:?}", state.id.name()));
        }
        let ours_upvars: BTreeSet<String> =
            state.fields.iter().filter(|f| f.role == Role::Upvar).map(|f| f.name.clone()).collect();
        let theirs_upvars: BTreeSet<String> =
            variant.fields.iter().filter(|f| f.role == RustcRole::Upvar).map(|f| f.name.clone()).collect();
        if ours_upvars != theirs_upvars {
            problems.push(format!("{}: upvars ours {ours_upvars:?}, rustc {theirs_upvars:?}", state.id.name()));
        }
    }
    problems
}

/// Checks every future rustc prints for one file; returns (futures checked, problems).
pub fn check_file(analysis: &Analysis, rustc: &[RustcFuture]) -> (usize, Vec<String>) {
    let mut problems = Vec::new();
    let mut checked = 0;
    for theirs in rustc {
        let ours: Vec<&FutureAnalysis> = analysis.futures.iter().filter(|f| f.name == theirs.name).collect();
        match ours.as_slice() {
            [one] => {
                checked += 1;
                for p in compare(one, theirs) {
                    problems.push(format!("{} `{}`: {p}", analysis.file, theirs.name));
                }
            }
            [] => problems.push(format!("{}: rustc prints `{}`, the analyzer has no such future", analysis.file, theirs.name)),
            _ => checked += 1,
        }
    }
    for ours in &analysis.futures {
        if !ours.generic && !rustc.iter().any(|r| r.name == ours.name) {
            problems.push(format!("{}: the analyzer has `{}`, rustc prints no such future", analysis.file, ours.name));
        }
    }
    (checked, problems)
}

#[test]
fn sample_programs_match_rustc() {
    let mut problems = Vec::new();
    let mut checked = 0;
    for path in common::sample_programs() {
        if common::expected_to_fail(&path) {
            continue;
        }
        let analysis = common::analyze_path(&path);
        let rustc = common::rustc_layouts(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let (n, mut p) = check_file(&analysis, &rustc);
        checked += n;
        problems.append(&mut p);
    }
    assert!(checked >= 50, "only {checked} futures were compared");
    assert!(problems.is_empty(), "{} disagreement(s) with rustc:\n{}", problems.len(), problems.join("\n"));
}
