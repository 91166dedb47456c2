//! `futurelens page`: on every sample program, one self-contained HTML file (no URL in any
//! `src` or `href` but the page's own anchors, no `@import` or `url(` to elsewhere) that holds
//! both pictures of every future, under 300 KB; bad input is a plain error.

mod common;

use common::{futurelens, no_panic, sample};
use predicates::prelude::*;

/// The values of every `src=` and `href=` attribute of a page.
fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["src=", "href=", "xlink:href="] {
        for (at, _) in html.match_indices(attr) {
            let rest = &html[at + attr.len()..];
            let Some(quote) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') else {
                out.push(rest.chars().take(40).collect());
                continue;
            };
            out.push(rest[1..].split(quote).next().unwrap_or("").to_string());
        }
    }
    out
}

#[test]
fn every_sample_page_is_self_contained_and_small() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut largest = (0, String::new());
    for path in common::sample_programs() {
        let name = path.file_stem().expect("stem").to_string_lossy().to_string();
        let out = dir.path().join(format!("{name}.html"));
        let status = futurelens().arg("page").arg(&path).arg("-o").arg(&out).output().expect("runs");
        let stderr = String::from_utf8_lossy(&status.stderr);
        assert!(!stderr.contains("panicked"), "{name}: {stderr}");
        let html = std::fs::read_to_string(&out).unwrap_or_else(|e| panic!("{name}: no page written ({e}): {stderr}"));
        assert!(html.starts_with("<!DOCTYPE html>"), "{name}");
        for link in links(&html) {
            assert!(link.starts_with('#'), "{name}: a link out of the page: {link:?}");
        }
        assert!(!html.contains("@import"), "{name}: @import");
        for (at, _) in html.match_indices("url(") {
            let target = &html[at + 4..];
            assert!(target.starts_with('#'), "{name}: url( to elsewhere: {}", &target[..target.len().min(40)]);
        }
        let futures = html.matches("<article class=\"fl-future\"").count();
        assert!(futures >= 1, "{name}");
        assert_eq!(html.matches("<figure class=\"fl-fig fl-graph\">").count(), futures, "{name}: a graph per future");
        assert_eq!(html.matches("<figure class=\"fl-fig fl-bytes\">").count(), futures, "{name}: a layout per future");
        if html.len() > largest.0 {
            largest = (html.len(), name.clone());
        }
    }
    eprintln!("largest page: {} ({} bytes)", largest.1, largest.0);
    assert!(largest.0 < 300 * 1024, "{} is {} bytes, over 300 KB", largest.1, largest.0);
}

#[test]
fn one_future_and_standard_output() {
    futurelens()
        .args(["page", "--fn", "two_awaits"])
        .arg(sample("01_two_awaits.rs"))
        .assert()
        .success()
        .stdout(predicate::str::starts_with("<!DOCTYPE html>"))
        .stdout(predicate::str::contains("data-future=\"1\"").not())
        .stderr(no_panic());
}

#[test]
fn bad_input_is_an_error_not_a_page() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("p.html");
    futurelens()
        .args(["page", "missing.rs", "-o"])
        .arg(&out)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("does not exist"))
        .stderr(no_panic());
    assert!(!out.exists());
    let src = dir.path().join("broken.rs");
    std::fs::write(&src, "async fn f( {").expect("write");
    futurelens().arg("page").arg(&src).arg("-o").arg(&out).assert().code(1).stderr(no_panic());
    assert!(!out.exists(), "no page for a file that does not parse");
}
