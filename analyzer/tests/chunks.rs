//! A big file is parsed in chunks of whole top-level items (`parse::chunks`), each lexed on its
//! own with spans counted from the file's start. Parsed in chunks of one item each, every
//! sample and accuracy program gives the analysis it gives parsed whole, span for span; a file
//! that cannot be cut where the scan thought gives the same error as parsed whole.

mod common;

use futurelens_analyzer::{analyze, analyze_in_chunks, parse};

fn programs() -> Vec<std::path::PathBuf> {
    let mut files = common::sample_programs();
    let mut dirs = vec![common::workspace_root().join("bench/accuracy")];
    let mut more = Vec::new();
    while let Some(dir) = dirs.pop() {
        for path in std::fs::read_dir(&dir).expect("bench/accuracy").flatten().map(|e| e.path()) {
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                more.push(path);
            }
        }
    }
    more.sort();
    files.extend(more);
    files
}

#[test]
fn chunks_of_one_item_give_the_analysis_of_the_whole_file() {
    let mut chunked = 0;
    for path in programs() {
        let src = std::fs::read_to_string(&path).expect("read");
        let options = common::options_for(&path, &src);
        let chunks = parse::chunks(&src, 1);
        if parse::items(&src).is_ok() {
            assert!(
                parse::for_each_item_in(&src, &chunks, |_| {}),
                "{}: a chunk does not parse: {chunks:?}",
                path.display()
            );
            chunked += usize::from(chunks.len() > 1);
        }
        let whole = format!("{:#?}", analyze(&src, &options));
        let in_chunks = format!("{:#?}", analyze_in_chunks(&src, &options, 1));
        assert!(whole == in_chunks, "{}: the analysis differs when parsed in chunks", path.display());
    }
    assert!(chunked > 100, "only {chunked} programs were cut into chunks");
}

#[test]
fn a_file_that_does_not_parse_gives_the_same_error_in_chunks() {
    let src = "fn a() {}\n\nasync fn b() {\n    let x = ;\n}\n\nasync fn c() {}\n";
    let options = futurelens_analyzer::Options::default();
    let whole = format!("{:#?}", analyze(src, &options));
    assert_eq!(whole, format!("{:#?}", analyze_in_chunks(src, &options, 1)));
    assert!(whole.contains("expected an expression"), "{whole}");
}

#[test]
fn cuts_fall_after_items_outside_strings_chars_and_comments() {
    let src = r##"//! Inner doc.
#![allow(unused)]
const A: char = '}';
const B: &str = "};
";
const C: &str = r#"}"
;"#;
fn f<'a>(x: &'a str) -> &'a str { x }
/* } ;
*/
struct S { s: u8 }
impl S {
    fn g(&self) {}
}
mod m;
"##;
    let cuts: Vec<usize> = parse::chunks(src, 1).iter().map(|c| c.start).collect();
    let lines: Vec<&str> = cuts.iter().map(|c| src[*c..].lines().next().unwrap_or("")).collect();
    assert_eq!(
        lines,
        [
            "//! Inner doc.",
            "const B: &str = \"};",
            "const C: &str = r#\"}\"",
            "fn f<'a>(x: &'a str) -> &'a str { x }",
            "/* } ;",
            "impl S {",
            "mod m;"
        ],
    );
    assert!(parse::for_each_item_in(src, &parse::chunks(src, 1), |_| {}));
}
