//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Three-way merge service: loads base/ours/theirs revisions of each file in a tree,
//! aligns them with LCS and emits merged text with conflict markers where edits collide.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Mutex;
use std::task::{Context, Poll, Waker};

struct Yield(bool);
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 { return Poll::Ready(()); }
        self.0 = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}
async fn yield_now() { Yield(false).await }
fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = Box::pin(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) { return v; }
    }
}

#[derive(Debug)]
enum MergeError { Missing { path: String, rev: &'static str }, Binary(String) }

enum Node { Dir(String, Vec<Node>), File(String) }

fn lcs_pairs(a: &[&str], b: &[&str]) -> Vec<(usize, usize)> {
    let mut t = vec![vec![0u32; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            t[i][j] = if a[i] == b[j] { t[i + 1][j + 1] + 1 } else { t[i + 1][j].max(t[i][j + 1]) };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() && j < b.len() {
        if a[i] == b[j] { out.push((i, j)); i += 1; j += 1; }
        else if t[i + 1][j] >= t[i][j + 1] { i += 1 } else { j += 1 }
    }
    out
}

async fn merge_text(base: &str, ours: &str, theirs: &str) -> (String, usize) {
    let (b, o, t): (Vec<&str>, Vec<&str>, Vec<&str>) = (base.lines().collect(), ours.lines().collect(), theirs.lines().collect());
    let mo: HashMap<usize, usize> = lcs_pairs(&b, &o).into_iter().collect();
    let mt: HashMap<usize, usize> = lcs_pairs(&b, &t).into_iter().collect();
    let mut stable: Vec<(usize, usize, usize)> = (0..b.len()).filter_map(|i| Some((i, *mo.get(&i)?, *mt.get(&i)?))).collect();
    stable.push((b.len(), o.len(), t.len()));
    let (mut i, mut j, mut k, mut conflicts) = (0, 0, 0, 0);
    let mut out: Vec<String> = Vec::new();
    for (sb, so, st) in stable {
        let (bc, oc, tc) = (&b[i..sb], &o[j..so], &t[k..st]);
        match () {
            _ if oc == bc => out.extend(tc.iter().map(|s| s.to_string())),
            _ if tc == bc || oc == tc => out.extend(oc.iter().map(|s| s.to_string())),
            _ => {
                conflicts += 1;
                out.push("<<<<<<< ours".into());
                out.extend(oc.iter().map(|s| s.to_string()));
                out.push("=======".into());
                out.extend(tc.iter().map(|s| s.to_string()));
                out.push(">>>>>>> theirs".into());
                yield_now().await;
            }
        }
        if sb < b.len() { out.push(b[sb].to_string()); }
        (i, j, k) = (sb + 1, so + 1, st + 1);
    }
    (out.join("\n"), conflicts)
}

trait RevisionStore {
    async fn load(&self, path: &str, rev: &'static str) -> Result<String, MergeError>;

    async fn load_triple(&self, path: &str) -> Result<[String; 3], MergeError> {
        let base = self.load(path, "base").await?;
        let ours = self.load(path, "ours").await?;
        let theirs = self.load(path, "theirs").await?;
        if [&base, &ours, &theirs].iter().any(|s| s.contains('\0')) {
            return Err(MergeError::Binary(path.to_string()));
        }
        Ok([base, ours, theirs])
    }
}

struct ObjectDb { objects: HashMap<(String, &'static str), String> }
struct SnapshotDirs { dirs: HashMap<&'static str, HashMap<String, String>>, reads: Mutex<u32> }

impl RevisionStore for ObjectDb {
    async fn load(&self, path: &str, rev: &'static str) -> Result<String, MergeError> {
        yield_now().await;
        self.objects.get(&(path.to_string(), rev)).cloned().ok_or(MergeError::Missing { path: path.into(), rev })
    }
}

impl RevisionStore for SnapshotDirs {
    async fn load(&self, path: &str, rev: &'static str) -> Result<String, MergeError> {
        *self.reads.lock().unwrap() += 1;
        yield_now().await;
        let dir = self.dirs.get(rev).ok_or(MergeError::Missing { path: path.into(), rev })?;
        Ok(dir.get(path).cloned().unwrap_or_default())
    }
}

fn merge_tree<'a, S: RevisionStore>(store: &'a S, node: &'a Node, prefix: String, report: &'a Mutex<Vec<String>>) -> Pin<Box<dyn Future<Output = usize> + 'a>> {
    Box::pin(async move {
        match node {
            Node::Dir(name, children) => {
                let mut total = 0;
                let next = if name.is_empty() { prefix.clone() } else { format!("{prefix}{name}/") };
                for child in children {
                    total += merge_tree(store, child, next.clone(), report).await;
                }
                total
            }
            Node::File(name) => {
                let path = format!("{prefix}{name}");
                let line = match store.load_triple(&path).await {
                    Ok([base, ours, theirs]) => {
                        let (text, n) = merge_text(&base, &ours, &theirs).await;
                        report.lock().unwrap().push(format!("{path}: {n} conflict(s), {} lines", text.lines().count()));
                        return n;
                    }
                    Err(e) => format!("{path}: skipped {e:?}"),
                };
                report.lock().unwrap().push(line);
                0
            }
        }
    })
}

async fn merge_all<S>(store: &S, root: &Node) -> (usize, Vec<String>)
where
    S: RevisionStore,
{
    let report = Mutex::new(Vec::new());
    let conflicts = merge_tree(store, root, String::new(), &report).await;
    (conflicts, report.into_inner().unwrap())
}

pub fn main() {
    let base = "fn main() {\n    let x = 1;\n    let y = 0;\n    println!(x);\n}";
    let ours = "fn main() {\n    let x = 2;\n    let y = 0;\n    println!(x);\n}";
    let theirs = "fn main() {\n    let x = 1;\n    let y = 0;\n    println!(\"{x}\");\n}";
    let theirs_clash = "fn main() {\n    let x = 3;\n    let y = 0;\n    println!(x);\n}";

    let mut objects = HashMap::new();
    for (rev, text) in [("base", base), ("ours", ours), ("theirs", theirs)] {
        objects.insert(("src/main.rs".to_string(), rev), text.to_string());
    }
    for (rev, text) in [("base", base), ("ours", ours), ("theirs", theirs_clash)] {
        objects.insert(("src/lib.rs".to_string(), rev), text.to_string());
    }
    for rev in ["base", "ours", "theirs"] {
        objects.insert(("logo.png".to_string(), rev), format!("\0PNG-{rev}"));
    }
    let db = ObjectDb { objects };
    let tree = Node::Dir("".into(), vec![Node::Dir("src".into(), vec![Node::File("main.rs".into()), Node::File("lib.rs".into())]), Node::File("logo.png".into())]);

    let (n, report) = block_on(merge_all(&db, &tree));
    println!("object db: {n} conflicts");
    report.iter().for_each(|l| println!("  {l}"));

    let mut dirs = HashMap::new();
    for (rev, text) in [("base", "a\nb\nc"), ("ours", "a\nB\nc"), ("theirs", "a\nb\nc\nd")] {
        dirs.insert(rev, HashMap::from([("notes.txt".to_string(), text.to_string())]));
    }
    let snaps = SnapshotDirs { dirs, reads: Mutex::new(0) };
    let (n, report) = block_on(merge_all(&snaps, &Node::File("notes.txt".into())));
    println!("snapshots: {n} conflicts {report:?} after {} reads", snaps.reads.lock().unwrap());

    let preview = async |ours: &str, theirs: &str| -> String {
        yield_now().await;
        merge_text(base, ours, theirs).await.0
    };
    println!("{}", block_on(preview(ours, theirs_clash)));
}
