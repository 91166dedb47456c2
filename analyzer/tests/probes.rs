//! Probes: small programs, each proving one of rustc's rules (named in its header), compiled
//! with `rustc -Zprint-type-sizes`. For every future rustc lays out, the analysis must have
//! the same states and saved locals and, where it gives a size, the same layout byte for byte.
//! A probe whose header names both editions (`in both`) is checked in 2021 and 2024.

mod common;

use futurelens_analyzer::layout::compare;
use futurelens_analyzer::{Edition, crosscheck};

#[test]
fn probes_match_rustc() {
    let dir = common::workspace_root().join("analyzer/tests/probes");
    let mut files: Vec<_> = std::fs::read_dir(&dir).expect("probes").map(|e| e.expect("entry").path()).collect();
    files.sort();
    let mut problems = Vec::new();
    let mut checked = 0;
    for path in files.iter().filter(|p| p.extension().is_some_and(|e| e == "rs")) {
        let src = std::fs::read_to_string(path).expect("read probe");
        let editions =
            if src.contains("in both") { vec![Edition::E2021, Edition::E2024] } else { vec![common::edition_of(&src)] };
        for edition in editions {
            let layouts = common::rustc_layouts_in(path, edition).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let mut options = common::options_for(path, &src);
            options.edition = edition;
            let analysis = futurelens_analyzer::analyze(&src, &options);
            let result = crosscheck::check(&analysis, &layouts);
            checked += result.futures.len();
            problems.extend(result.differences().into_iter().map(|d| format!("{} ({edition}): {d}", analysis.file)));
            for (theirs, ours) in layouts.iter().zip(crosscheck::pairing(&analysis, &layouts)) {
                let Some(ours) = ours else { continue };
                if ours.layout.is_none() {
                    problems.push(format!("{} ({edition}): `{}` has no size", analysis.file, ours.name));
                    continue;
                }
                for d in compare::differences(ours, theirs) {
                    problems.push(format!("{} ({edition}): `{}`: {d}", analysis.file, ours.name));
                }
            }
        }
    }
    assert!(checked >= 10, "only {checked} futures were compared");
    assert!(problems.is_empty(), "{} difference(s) with rustc:\n{}", problems.len(), problems.join("\n"));
}
