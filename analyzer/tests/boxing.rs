//! Boxing and recursion against the compiler, and golden output of `compare` and `top`.
//!
//! Each sample that has a boxed twin (`19_recursion.rs` and `20_recursion_boxed.rs`,
//! `21_large_awaitee.rs` and `22_large_awaitee_boxed.rs`) differs from it only on the lines
//! where the twin wraps an awaited call in `Box::pin(..)`. Laying the original out as if
//! those awaits were boxed (`--box-await`) must give, byte for byte, what rustc prints for
//! the twin; the inline side must be what rustc says too: its sizes, or E0733 where rustc
//! rejects the recursion. Snapshots: `compare@*.snap` and `top@*.snap` in `snapshots/`.

mod common;

use std::path::{Path, PathBuf};

use futurelens_analyzer::boxing::{AwaitAt, BoxPlan};
use futurelens_analyzer::comparison::{self, Size};
use futurelens_analyzer::layout::compare;
use futurelens_analyzer::render::{self, Theme};
use futurelens_analyzer::{Analysis, Options, Severity, attribution};

/// The sample pairs: as written, and edited by hand to box awaits.
const PAIRS: [(&str, &str); 2] =
    [("19_recursion.rs", "20_recursion_boxed.rs"), ("21_large_awaitee.rs", "22_large_awaitee_boxed.rs")];

fn sample(name: &str) -> PathBuf {
    common::workspace_root().join("sample-programs").join(name)
}

fn settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path(common::workspace_root().join("snapshots"));
    s.set_prepend_module_to_snapshot(false);
    s.set_omit_expression(true);
    s
}

/// The lines where the twin boxes an await the original makes inline; every other line of the
/// original is the same in the twin (which may add lines at its end).
fn boxed_lines(original: &Path, twin: &Path) -> Vec<u32> {
    let a = std::fs::read_to_string(original).expect("read original");
    let b = std::fs::read_to_string(twin).expect("read twin");
    let (a, b): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
    assert!(b.len() >= a.len(), "{} is shorter than {}", twin.display(), original.display());
    let mut lines = Vec::new();
    for (i, (x, y)) in a.iter().zip(&b).enumerate() {
        if x == y || x.starts_with("//!") && y.starts_with("//!") {
            continue;
        }
        assert!(y.contains("Box::pin(") && !x.contains("Box::pin("), "line {} differs otherwise:\n{x}\n{y}", i + 1);
        lines.push(i as u32 + 1);
    }
    assert!(!lines.is_empty(), "{} boxes nothing", twin.display());
    lines
}

fn analyze_with(path: &Path, boxing: BoxPlan) -> Analysis {
    let src = std::fs::read_to_string(path).expect("read sample");
    let options = Options { file_name: common::display_name(path), boxing, ..Options::default() };
    futurelens_analyzer::analyze(&src, &options)
}

fn plan(lines: &[u32]) -> BoxPlan {
    BoxPlan { awaits: lines.iter().map(|&line| AwaitAt { line, column: None }).collect(), over: None }
}

/// `--box-await` on the lines the twin boxes predicts rustc's layout of the twin exactly, for
/// every future the two files share.
#[test]
fn box_await_predicts_the_hand_edited_twin() {
    let mut compared = 0;
    for (original, twin) in PAIRS {
        let (original, twin) = (sample(original), sample(twin));
        let what_if = analyze_with(&original, plan(&boxed_lines(&original, &twin)));
        let rustc = common::rustc_layouts(&twin).unwrap_or_else(|e| panic!("{}: {e}", twin.display()));
        for ours in &what_if.futures {
            let theirs =
                rustc.iter().find(|r| r.name == ours.name).unwrap_or_else(|| panic!("rustc lays out {}", ours.name));
            let differences = compare::differences(ours, theirs);
            assert!(differences.is_empty(), "{}: `{}`:\n{}", what_if.file, ours.name, differences.join("\n"));
            compared += 1;
        }
        // And the twin itself, analysed as written, has the same sizes.
        let written = common::analyze_path(&twin);
        for ours in &what_if.futures {
            let twin_future = written.futures.iter().find(|f| f.name == ours.name).expect("same future");
            assert_eq!(Size::of_future(ours), Size::of_future(twin_future), "{}", ours.name);
        }
    }
    assert!(compared >= 10, "only {compared} futures compared");
}

/// The inline side: rustc rejects the unboxed recursion with E0733 on exactly the futures
/// futurelens reports the error on, and lays out the large-awaitee chain as estimated.
#[test]
fn inline_side_agrees_with_rustc() {
    let original = sample("19_recursion.rs");
    assert!(common::expected_to_fail(&original), "the unboxed recursion sample is marked `//! Does not compile`");
    let err = common::rustc_layouts(&original).expect_err("rustc rejects unboxed recursion");
    let mut rustc_lines: Vec<u32> = err
        .lines()
        .zip(err.lines().skip(1))
        .filter(|(title, _)| title.starts_with("error[E0733]"))
        .filter_map(|(_, at)| at.rsplit(':').nth(1).and_then(|l| l.parse().ok()))
        .collect();
    rustc_lines.sort();
    let analysis = common::analyze_path(&original);
    let mut ours: Vec<u32> = analysis
        .futures
        .iter()
        .filter(|f| f.diagnostics.iter().any(|d| d.code == Some("E0733") && d.severity == Severity::Error))
        .map(|f| f.span.line)
        .collect();
    ours.sort();
    assert_eq!(ours, rustc_lines, "the futures rustc reports E0733 on");
    for name in ["walk", "ping", "pong", "caller"] {
        let f = analysis.futures.iter().find(|f| f.name == name).expect(name);
        assert_eq!(Size::of_future(f), Size::Infinite, "{name}");
    }
    let visit = analysis.futures.iter().find(|f| f.name == "visit").expect("visit");
    assert_eq!(Size::of_future(visit), Size::Bytes(16));

    let large = sample("21_large_awaitee.rs");
    let analysis = common::analyze_path(&large);
    let rustc = common::rustc_layouts(&large).expect("compiles");
    for theirs in &rustc {
        let Some(ours) = analysis.futures.iter().find(|f| f.name == theirs.name) else { continue };
        assert_eq!(Size::of_future(ours), Size::Bytes(theirs.size), "{}", ours.name);
    }
}

/// `--box-over` boxes awaited futures first, so only the await that is still too big gets
/// boxed: on the large-awaitee chain it makes the same edit as the twin.
#[test]
fn box_over_boxes_only_what_is_still_too_big() {
    let what_if = analyze_with(&sample("21_large_awaitee.rs"), BoxPlan { awaits: Vec::new(), over: Some(1024) });
    let boxed: Vec<(String, u32)> =
        what_if.futures.iter().flat_map(|f| f.boxed.iter().map(|b| (f.name.clone(), b.span.line))).collect();
    assert_eq!(boxed, vec![("handle".to_string(), 27)]);
    let handle = what_if.futures.iter().find(|f| f.name == "handle").expect("handle");
    assert_eq!(handle.boxed[0].heap_size, Some(16432), "one allocation of `parse`'s future");
    let rustc = common::rustc_layouts(&sample("22_large_awaitee_boxed.rs")).expect("compiles");
    for ours in &what_if.futures {
        let theirs = rustc.iter().find(|r| r.name == ours.name).expect("same futures");
        assert!(compare::differences(ours, theirs).is_empty(), "{}", ours.name);
    }
    // Infinitely big awaitees are boxed too: the recursion is broken where it is met.
    let recursion = analyze_with(&sample("19_recursion.rs"), BoxPlan { awaits: Vec::new(), over: Some(1 << 20) });
    assert!(recursion.futures.iter().all(|f| f.layout.is_some() && f.recursion.is_none()));
    assert!(!recursion.has_errors());
}

/// What makes a future big, followed into the futures it awaits, down to a variable.
#[test]
fn attribution_follows_awaitees_down_to_the_buffer() {
    let analysis = common::analyze_path(&sample("21_large_awaitee.rs"));
    let serve = analysis.futures.iter().find(|f| f.name == "serve").expect("serve");
    let chain = serve.chain.clone().expect("sized");
    let steps: Vec<(String, String, Option<String>)> =
        chain.links.iter().map(|l| (l.future.clone(), l.field.clone(), l.callee.clone())).collect();
    assert_eq!(
        steps,
        vec![
            ("serve".into(), "__awaitee".into(), Some("handle".into())),
            ("handle".into(), "__awaitee".into(), Some("parse".into())),
            ("parse".into(), "buf".into(), None),
        ]
    );
    assert_eq!(chain.links[2].size, Some(16384));
}

fn find<'a>(analysis: &'a Analysis, name: &str) -> &'a futurelens_analyzer::FutureAnalysis {
    analysis.futures.iter().find(|f| f.name == name).unwrap_or_else(|| panic!("no future `{name}`"))
}

#[test]
fn compare_snapshots() {
    let (a, b) =
        (common::analyze_path(&sample("19_recursion.rs")), common::analyze_path(&sample("20_recursion_boxed.rs")));
    let large = sample("21_large_awaitee.rs");
    let written = common::analyze_path(&large);
    let boxed = analyze_with(&large, plan(&[27]));
    let over = analyze_with(&large, BoxPlan { awaits: Vec::new(), over: Some(1024) });
    let recursion_boxed = analyze_with(&sample("19_recursion.rs"), plan(&[27]));
    settings().bind(|| {
        for name in ["walk", "ping", "pong"] {
            let c = comparison::compare((&a.file, find(&a, name)), (&b.file, find(&b, name)));
            insta::assert_snapshot!(
                format!("compare@recursion_{name}"),
                render::compare::render_text(&c, &Theme::plain())
            );
        }
        let c = comparison::compare((&a.file, find(&a, "ping")), (&b.file, find(&b, "ping")));
        insta::assert_snapshot!("compare@recursion_ping_json", render::compare::render_json(&c));
        let c = comparison::what_if(&a, find(&a, "walk"), &recursion_boxed, find(&recursion_boxed, "walk"));
        insta::assert_snapshot!(
            "compare@recursion_walk_box_await_27",
            render::compare::render_text(&c, &Theme::plain())
        );
        let c = comparison::what_if(&written, find(&written, "handle"), &boxed, find(&boxed, "handle"));
        insta::assert_snapshot!("compare@large_handle_box_await_27", render::compare::render_text(&c, &Theme::plain()));
        insta::assert_snapshot!("compare@large_handle_box_await_27_json", render::compare::render_json(&c));
        let c = comparison::what_if(&written, find(&written, "serve"), &over, find(&over, "serve"));
        insta::assert_snapshot!("compare@large_serve_box_over_1024", render::compare::render_text(&c, &Theme::plain()));
    });
}

#[test]
fn top_snapshots() {
    let mut sized = Vec::new();
    let mut infinite = Vec::new();
    let mut totals = render::top::Totals { threshold: 0, limit: 12, ..Default::default() };
    for path in common::sample_programs() {
        let ranking = attribution::rank(&common::analyze_path(&path));
        totals.files += 1;
        totals.sized += ranking.sized.len();
        totals.unknown += ranking.unknown;
        sized.extend(ranking.sized);
        infinite.extend(ranking.infinite);
    }
    let all = attribution::top(sized.clone(), 0, 12);
    assert_eq!(all.first().map(|r| r.name.as_str()), Some("serve"), "the biggest future of the samples");
    let large = attribution::top(sized, 16384, 10);
    let large_totals = render::top::Totals { threshold: 16384, limit: 10, ..totals.clone() };
    settings().bind(|| {
        insta::assert_snapshot!(
            "top@sample-programs",
            render::top::render_text(&all, &infinite, &totals, &Theme::plain(), render::DEFAULT_WIDTH)
        );
        insta::assert_snapshot!(
            "top@sample-programs_16384_json",
            render::top::render_json(&large, &infinite, &large_totals)
        );
    });
}

/// A call of a method of a type the file does not declare is not a call of the file's method
/// of the same name (`self.inner.accept()` is not `Listener::accept`): no cycle, and no size.
/// `#[async_recursion]` boxes: its cycle is not an error, the size is unknown, with a note.
#[test]
fn name_only_cycles_are_not_errors() {
    let src = "pub struct Listener { inner: Async<std::net::TcpListener> }\n\
               impl Listener {\n\
                   pub async fn accept(&self) -> u8 { self.inner.accept().await }\n\
               }\n\
               #[async_recursion::async_recursion]\n\
               async fn fib(n: u64) -> u64 { if n < 2 { n } else { fib(n - 1).await + fib(n - 2).await } }\n\
               pub struct Node { next: Option<Box<Node>> }\n\
               impl Node {\n\
                   async fn depth(&self) -> u32 { match &self.next { Some(n) => self.depth().await + 1, None => 0 } }\n\
               }\n";
    let analysis = futurelens_analyzer::analyze(src, &Options::default());
    let accept = find(&analysis, "Listener::accept");
    assert_eq!(Size::of_future(accept), Size::Unknown);
    assert!(accept.recursion.is_none(), "{:?}", accept.recursion);
    assert!(accept.diagnostics.iter().all(|d| d.severity == Severity::Note), "{:?}", accept.diagnostics);
    let fib = find(&analysis, "fib");
    assert_eq!(Size::of_future(fib), Size::Unknown);
    assert!(fib.diagnostics.iter().all(|d| d.severity == Severity::Note), "{:?}", fib.diagnostics);
    assert!(fib.recursion.as_ref().is_some_and(|r| !r.certain));
    assert!(find(&analysis, "fib").diagnostics.iter().any(|d| d.message.contains("#[async_recursion]")));
    // `self.depth()` on the `self` of a type the file declares is settled: rustc's E0733.
    let depth = find(&analysis, "Node::depth");
    assert_eq!(Size::of_future(depth), Size::Infinite);
    assert!(depth.diagnostics.iter().any(|d| d.code == Some("E0733") && d.severity == Severity::Error));
}
