//! The preprocessor as mdBook runs it: `supports`, and `[context, book]` on standard input.
//! Tagged blocks become widgets (in chapters at any depth, in mdBook 0.5's `items` and 0.4's
//! `sections`), other blocks stay as they are, a block that does not parse becomes an error
//! box and a warning (a failure with `--strict`), and a block rendered before comes from the
//! cache.

use assert_cmd::cargo::cargo_bin_cmd;
use predicates::prelude::*;
use serde_json::{Value, json};

const GOOD: &str = "async fn two() -> u8 { one().await + one().await }\nasync fn one() -> u8 { 1 }\n";

fn chapter(name: &str, content: &str, sub: Vec<Value>) -> Value {
    json!({"Chapter": {"name": name, "content": content, "number": null, "sub_items": sub,
        "path": format!("{name}.md"), "source_path": format!("{name}.md"), "parent_names": []}})
}

fn input(root: &std::path::Path, items_key: &str, items: Vec<Value>, strict: bool) -> String {
    let context = json!({"root": root, "renderer": "html", "mdbook_version": "0.5.4",
        "config": {"book": {"title": "t"}, "preprocessor": {"futurelens": {"strict": strict}}}});
    json!([context, {items_key: items}]).to_string()
}

fn run(stdin: String) -> (Value, String, i32) {
    let out = cargo_bin_cmd!("mdbook-futurelens").write_stdin(stdin).output().expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(!stderr.contains("panicked"), "{stderr}");
    let book = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (book, stderr, out.status.code().unwrap_or(-1))
}

fn contents(book: &Value, out: &mut Vec<String>) {
    match book {
        Value::Object(map) => {
            if let Some(c) = map.get("Chapter").and_then(|c| c.get("content")).and_then(Value::as_str) {
                out.push(c.to_string());
            }
            map.values().for_each(|v| contents(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| contents(v, out)),
        _ => {}
    }
}

#[test]
fn supports_the_html_renderer_only() {
    cargo_bin_cmd!("mdbook-futurelens").args(["supports", "html"]).assert().success();
    cargo_bin_cmd!("mdbook-futurelens").args(["supports", "markdown"]).assert().code(1);
}

#[test]
fn tagged_blocks_become_widgets_at_any_depth() {
    let dir = tempfile::tempdir().expect("tempdir");
    for key in ["items", "sections"] {
        let top =
            format!("# Top\n\n```rust,futurelens fn=two view=graph\n{GOOD}```\n\n```rust\nfn plain() {{}}\n```\n");
        let nested = format!("~~~rust,futurelens\n{GOOD}~~~\n");
        let items = vec![chapter("top", &top, vec![chapter("nested", &nested, vec![])]), json!("Separator")];
        let (book, stderr, code) = run(input(dir.path(), key, items, false));
        assert_eq!(code, 0, "{stderr}");
        let mut texts = Vec::new();
        contents(&book, &mut texts);
        assert_eq!(texts.len(), 2, "{key}");
        let top = &texts[0];
        assert!(top.contains("fl-view-graph") && top.contains("class=\"fl-node\""), "{key}: {top}");
        assert!(top.contains("```rust,ignore\nasync fn two()"), "{key}: the code is still shown");
        assert!(top.contains("```rust\nfn plain() {}\n```"), "{key}: other blocks stay");
        assert!(!top.contains("rust,futurelens"), "{key}");
        let nested = &texts[1];
        assert!(nested.contains("fl-view-page") && nested.contains("fl-layout"), "{key}: {nested}");
        // A widget is one HTML block: no blank line inside it.
        let widget = &nested[nested.find("<div class=\"fl-widget").expect("widget")..];
        let widget = &widget[..widget.rfind("</div>").expect("end")];
        assert!(!widget.contains("\n\n"), "{key}: a blank line would end the HTML block");
    }
}

#[test]
fn a_block_that_does_not_parse_is_an_error_box_or_with_strict_a_failure() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = "Text.\n\n```rust,futurelens\nasync fn broken( {\n```\n\nMore.\n";
    let (book, stderr, code) = run(input(dir.path(), "items", vec![chapter("bad", bad, vec![])], false));
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("warning: mdbook-futurelens: bad.md, line 3:"), "{stderr}");
    let mut texts = Vec::new();
    contents(&book, &mut texts);
    assert!(texts[0].contains("class=\"fl-error\""), "{}", texts[0]);
    assert!(texts[0].contains("```rust,ignore\nasync fn broken( {\n```"), "the code is still shown");
    assert!(texts[0].ends_with("More.\n"));
    let (_, stderr, code) = run(input(dir.path(), "items", vec![chapter("bad", bad, vec![])], true));
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("could not be analysed (strict)"), "{stderr}");
    cargo_bin_cmd!("mdbook-futurelens")
        .arg("--strict")
        .write_stdin(input(dir.path(), "items", vec![chapter("bad", bad, vec![])], false))
        .assert()
        .code(1);
    // An unknown option and a future that is not there are errors too.
    let odd = format!("```rust,futurelens view=tree\n{GOOD}```\n\n```rust,futurelens fn=nope\n{GOOD}```\n");
    let (book, stderr, _) = run(input(dir.path(), "items", vec![chapter("odd", &odd, vec![])], false));
    let mut texts = Vec::new();
    contents(&book, &mut texts);
    assert_eq!(texts[0].matches("class=\"fl-error\"").count(), 2, "{stderr}");
    assert!(stderr.contains("the views are graph, layout and page"), "{stderr}");
    assert!(stderr.contains("no future named `nope`; the block has: two, one"), "{stderr}");
}

#[test]
fn a_block_rendered_before_comes_from_the_cache() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = format!("```rust,futurelens fn=two view=layout\n{GOOD}```\n");
    let stdin = input(dir.path(), "items", vec![chapter("c", &text, vec![])], false);
    let (first, _, code) = run(stdin.clone());
    assert_eq!(code, 0);
    let cache = dir.path().join(".futurelens-cache");
    let files: Vec<_> = std::fs::read_dir(&cache).expect("a cache").map(|e| e.expect("entry").path()).collect();
    assert_eq!(files.len(), 1);
    // Same input: same output, taken from the cache (marked here to tell).
    let (second, _, _) = run(stdin.clone());
    assert_eq!(first, second);
    std::fs::write(&files[0], "FROM THE CACHE\n").expect("write");
    let (third, _, _) = run(stdin);
    let mut texts = Vec::new();
    contents(&third, &mut texts);
    assert_eq!(texts[0], "FROM THE CACHE\n");
    // Another block is another entry.
    let other = format!("```rust,futurelens fn=one view=layout\n{GOOD}```\n");
    run(input(dir.path(), "items", vec![chapter("c", &other, vec![])], false));
    assert_eq!(std::fs::read_dir(&cache).expect("cache").count(), 2);
}

#[test]
fn bad_input_is_an_error() {
    cargo_bin_cmd!("mdbook-futurelens")
        .write_stdin("not json")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("is not mdBook's [context, book] JSON"));
    cargo_bin_cmd!("mdbook-futurelens").arg("--frobnicate").write_stdin("").assert().code(2);
}
