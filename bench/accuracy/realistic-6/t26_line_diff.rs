#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Code-review diff service: LCS line diff, unified hunks with context, and per-file async rendering of a changeset.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = Box::pin(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(out) = fut.as_mut().poll(&mut cx) { return out; }
    }
}

struct Yield(u32);
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 == 0 { Poll::Ready(()) } else { self.0 -= 1; cx.waker().wake_by_ref(); Poll::Pending }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Op { Keep, Del, Add }

async fn lcs_diff<'a>(old: &[&'a str], new: &[&'a str]) -> Vec<(Op, &'a str)> {
    let (n, m) = (old.len(), new.len());
    let mut table = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        if i % 16 == 0 { Yield(1).await; }
        for j in (0..m).rev() {
            table[i][j] = if old[i] == new[j] { table[i + 1][j + 1] + 1 } else { table[i + 1][j].max(table[i][j + 1]) };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::with_capacity(n + m));
    while i < n || j < m {
        match (old.get(i), new.get(j)) {
            (Some(a), Some(b)) if a == b => { out.push((Op::Keep, *a)); i += 1; j += 1; }
            (Some(a), Some(_)) if table[i + 1][j] >= table[i][j + 1] => { out.push((Op::Del, *a)); i += 1; }
            (_, Some(b)) => { out.push((Op::Add, *b)); j += 1; }
            (Some(a), None) => { out.push((Op::Del, *a)); i += 1; }
            (None, None) => unreachable!(),
        }
    }
    out
}

#[derive(Debug)]
struct Hunk { old_start: usize, old_len: usize, new_start: usize, new_len: usize, lines: Vec<String> }

async fn hunks(ops: &[(Op, &str)], context: usize) -> Vec<Hunk> {
    Yield(1).await;
    let changed: Vec<usize> = ops.iter().enumerate().filter(|(_, (op, _))| *op != Op::Keep).map(|(i, _)| i).collect();
    let mut groups: Vec<(usize, usize)> = Vec::new();
    for &c in &changed {
        let (lo, hi) = (c.saturating_sub(context), (c + context + 1).min(ops.len()));
        match groups.last_mut() {
            Some((_, end)) if lo <= *end => *end = hi,
            _ => groups.push((lo, hi)),
        }
    }
    let mut positions = Vec::with_capacity(ops.len() + 1);
    let (mut o, mut n) = (1, 1);
    for (op, _) in ops {
        positions.push((o, n));
        match op { Op::Keep => { o += 1; n += 1; } Op::Del => o += 1, Op::Add => n += 1 }
    }
    positions.push((o, n));
    groups.into_iter().map(|(lo, hi)| {
        let slice = &ops[lo..hi];
        let lines = slice.iter().map(|(op, l)| format!("{}{l}", match op { Op::Keep => ' ', Op::Del => '-', Op::Add => '+' })).collect();
        let old_len = slice.iter().filter(|(op, _)| *op != Op::Add).count();
        let new_len = slice.iter().filter(|(op, _)| *op != Op::Del).count();
        Hunk { old_start: positions[lo].0, old_len, new_start: positions[lo].1, new_len, lines }
    }).collect()
}

#[derive(Default, Debug)]
struct Stats { files: usize, added: usize, removed: usize, whitespace_only: usize }

async fn render_file(path: &str, old: &str, new: &str, stats: Rc<RefCell<Stats>>) -> String {
    let (a, b): (Vec<&str>, Vec<&str>) = (old.lines().collect(), new.lines().collect());
    let ops = lcs_diff(&a, &b).await;
    let hs = hunks(&ops, 1).await;
    {
        let mut s = stats.borrow_mut();
        s.files += 1;
        s.added += ops.iter().filter(|(o, _)| *o == Op::Add).count();
        s.removed += ops.iter().filter(|(o, _)| *o == Op::Del).count();
        let dels = ops.iter().filter(|(o, _)| *o == Op::Del).map(|(_, l)| l.split_whitespace().collect::<String>());
        let adds = ops.iter().filter(|(o, _)| *o == Op::Add).map(|(_, l)| l.split_whitespace().collect::<String>());
        s.whitespace_only += dels.zip(adds).filter(|(d, a)| d == a).count();
    }
    let mut out = format!("--- a/{path}\n+++ b/{path}\n");
    for Hunk { old_start, old_len, new_start, new_len, lines } in hs {
        out += &format!("@@ -{old_start},{old_len} +{new_start},{new_len} @@\n");
        for l in lines { out += &l; out.push('\n'); }
    }
    out
}

async fn fetch_blob(objects: &[(&'static str, &'static str)], sha: &str) -> Option<&'static str> {
    Yield(2).await;
    objects.iter().find(|(s, _)| s.starts_with(sha)).map(|(_, body)| *body)
}

async fn anchor_comments(patch: &str, comments: &[(&str, usize, &str)]) -> Vec<String> {
    Yield(1).await;
    let mut file = "";
    let mut anchored = Vec::new();
    let mut new_line = 0;
    for line in patch.lines() {
        if let Some(p) = line.strip_prefix("+++ b/") { file = p; continue; }
        if let Some(h) = line.strip_prefix("@@ ") {
            new_line = h.split(' ').nth(1).and_then(|r| r.trim_start_matches('+').split(',').next()?.parse().ok()).unwrap_or(0);
            continue;
        }
        if line.starts_with("---") || line.starts_with('-') { continue; }
        for (f, ln, text) in comments.iter().filter(|(f, ln, _)| *f == file && *ln == new_line) {
            anchored.push(format!("{f}:{ln} \"{}\" <- {text}", line[1..].trim()));
        }
        new_line += 1;
    }
    anchored
}

fn main() {
    let old_main = "fn main() {\n    let x = 1;\n    let y = 2;\n    println!(\"{}\", x + y);\n}\n\nfn helper() {}\nfn unused() {}";
    let new_main = "fn main() {\n    let x = 1;\n  let y = 2;\n    let z = 3;\n    println!(\"{}\", x + y + z);\n}\n\nfn helper() {}";
    let old_toml = "[package]\nname = \"demo\"\nversion = \"0.1.0\"\n\n[dependencies]";
    let new_toml = "[package]\nname = \"demo\"\nversion = \"0.2.0\"\nedition = \"2021\"\n\n[dependencies]";
    let objects = [("a1f3c9", old_main), ("b7e210", new_main), ("c0ffee", old_toml), ("d15ea5", new_toml), ("e11e11", "hello")];
    let changeset = [("src/main.rs", "a1f", "b7e"), ("Cargo.toml", "c0f", "d15"), ("README.md", "e11", "e11"), ("gone.txt", "e11", "404")];
    let stats = Rc::new(RefCell::new(Stats::default()));
    let comments = [("src/main.rs", 4, "nit: name this"), ("Cargo.toml", 4, "bump MSRV too?"), ("src/main.rs", 99, "stale")];
    let (patch, notes) = block_on(async {
        let diff_one = async |path: &str, old_sha: &str, new_sha: &str| -> Option<String> {
            let (old, new) = (fetch_blob(&objects, old_sha).await?, fetch_blob(&objects, new_sha).await.unwrap_or(""));
            let rendered = render_file(path, old, new, stats.clone()).await;
            (rendered.lines().count() > 2).then_some(rendered)
        };
        let mut patch = String::new();
        for (path, a, b) in changeset.iter() {
            if let Some(r) = diff_one(path, a, b).await { patch.push_str(&r); }
        }
        let notes = anchor_comments(&patch, &comments).await;
        (patch, notes)
    });
    print!("{patch}");
    for n in &notes { println!("review: {n}"); }
    assert_eq!(notes.len(), 2);
    let s = stats.borrow();
    println!("{} files, +{} -{}, whitespace-only changes: {}", s.files, s.added, s.removed, s.whitespace_only);
    assert_eq!((s.added, s.removed, s.files), (5, 5, 4));
    assert!(patch.contains("@@ -2,4 +2,5 @@") && patch.contains("@@ -7,2 +8,1 @@"));
    assert!(!patch.contains("README.md"));
}
