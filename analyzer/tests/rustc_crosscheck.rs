//! Every sample program is compiled by rustc with `-Zprint-type-sizes`; for every future rustc
//! prints, the analyzer must find the same states and, in each `SuspendN`, the same named
//! saved locals (`__awaitee`, `iter` and user bindings) and the same number of unnamed ones
//! (temporaries and drop flags).

mod common;

use futurelens_analyzer::crosscheck;

#[test]
fn sample_programs_match_rustc() {
    let mut problems = Vec::new();
    let mut checked = 0;
    for path in common::sample_programs() {
        if common::skip_as_not_compiling(&path) {
            continue;
        }
        let analysis = common::analyze_path(&path);
        let rustc = common::rustc_layouts(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let result = crosscheck::check(&analysis, &rustc);
        checked += result.futures.len();
        problems.extend(result.differences().into_iter().map(|d| format!("{}: {d}", analysis.file)));
    }
    assert!(checked >= 50, "only {checked} futures were compared");
    assert!(problems.is_empty(), "{} disagreement(s) with rustc:\n{}", problems.len(), problems.join("\n"));
}
