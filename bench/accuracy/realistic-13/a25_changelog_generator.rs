//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Release changelog generator: walks the commit graph back to the last tag, parses
//! conventional-commit headers, decides the semver bump and renders grouped notes.

use std::collections::{BTreeMap, HashMap, HashSet};
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

#[derive(Debug, Clone)]
struct Commit { sha: String, parents: Vec<String>, message: String }

#[derive(Debug, PartialEq, Eq, PartialOrd, Ord, Clone, Copy)]
enum Bump { None, Patch, Minor, Major }

#[derive(Debug)]
struct Entry { kind: String, scope: Option<String>, summary: String, breaking: bool, sha: String }

fn parse_message(sha: &str, message: &str) -> Option<Entry> {
    let mut lines = message.lines();
    let header = lines.next()?.trim();
    let (prefix, summary) = header.split_once(": ")?;
    let (prefix, bang) = match prefix.strip_suffix('!') { Some(p) => (p, true), None => (prefix, false) };
    let (kind, scope) = match prefix.split_once('(') {
        Some((k, rest)) => (k, Some(rest.strip_suffix(')')?.to_string())),
        None => (prefix, None),
    };
    if kind.is_empty() || !kind.chars().all(|c| c.is_ascii_lowercase()) {
        return None;
    }
    let breaking = bang || lines.any(|l| l.starts_with("BREAKING CHANGE:"));
    Some(Entry { kind: kind.to_string(), scope, summary: summary.to_string(), breaking, sha: sha[..7.min(sha.len())].to_string() })
}

trait CommitSource {
    async fn lookup(&self, sha: &str) -> Option<Commit>;

    async fn tagged(&self, tag: &str) -> Option<String> {
        yield_now().await;
        None
    }
}

struct GitCli { raw_log: HashMap<String, String> }
struct ForgeApi { commits: HashMap<String, Commit>, tags: HashMap<String, String>, calls: Mutex<u32> }

impl CommitSource for GitCli {
    async fn lookup(&self, sha: &str) -> Option<Commit> {
        yield_now().await;
        let raw = self.raw_log.get(sha)?;
        let (head, message) = raw.split_once("\n\n")?;
        let parents = head.strip_prefix("parents ")?.split_whitespace().map(String::from).collect();
        Some(Commit { sha: sha.to_string(), parents, message: message.to_string() })
    }
}

impl CommitSource for ForgeApi {
    async fn lookup(&self, sha: &str) -> Option<Commit> {
        *self.calls.lock().unwrap() += 1;
        yield_now().await;
        self.commits.get(sha).cloned()
    }
    async fn tagged(&self, tag: &str) -> Option<String> {
        *self.calls.lock().unwrap() += 1;
        self.tags.get(tag).cloned()
    }
}

fn walk<'a, S: CommitSource>(src: &'a S, sha: String, stop: &'a str, seen: &'a mut HashSet<String>, out: &'a mut Vec<Commit>) -> Pin<Box<dyn Future<Output = usize> + 'a>> {
    Box::pin(async move {
        if sha == stop || !seen.insert(sha.clone()) {
            return 0;
        }
        let Some(commit) = src.lookup(&sha).await else { return 0 };
        let parents = commit.parents.clone();
        out.push(commit);
        let mut n = 1;
        for p in parents {
            n += walk(src, p, stop, seen, out).await;
        }
        n
    })
}

async fn changelog<S>(src: &S, head: &str, last_tag: &str, version: (u32, u32, u32)) -> String
where
    S: CommitSource,
{
    let stop = src.tagged(last_tag).await.unwrap_or_else(|| last_tag.to_string());
    let (mut seen, mut commits) = (HashSet::new(), Vec::new());
    let walked = walk(src, head.to_string(), &stop, &mut seen, &mut commits).await;
    let entries: Vec<Entry> = commits.iter().filter_map(|c| parse_message(&c.sha, &c.message)).collect();
    let bump = entries.iter().map(|e| match e.kind.as_str() {
        _ if e.breaking => Bump::Major,
        "feat" => Bump::Minor,
        "fix" | "perf" => Bump::Patch,
        _ => Bump::None,
    }).max().unwrap_or(Bump::None);
    let (ma, mi, pa) = version;
    let next = match bump { Bump::Major => (ma + 1, 0, 0), Bump::Minor => (ma, mi + 1, 0), Bump::Patch => (ma, mi, pa + 1), Bump::None => version };
    let mut groups: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for e in &entries {
        let title = match e.kind.as_str() { _ if e.breaking => "BREAKING", "feat" => "Features", "fix" => "Bug Fixes", "perf" => "Performance", _ => continue };
        let scope = e.scope.as_deref().map(|s| format!("**{s}:** ")).unwrap_or_default();
        groups.entry(title).or_default().push(format!("- {scope}{} ({})", e.summary, e.sha));
    }
    let mut doc = format!("## v{}.{}.{} ({walked} commits, {:?} bump)\n", next.0, next.1, next.2, bump);
    for (title, lines) in groups {
        doc.push_str(&format!("### {title}\n{}\n", lines.join("\n")));
    }
    doc
}

pub fn main() {
    let raw = |parents: &str, msg: &str| format!("parents {parents}\n\n{msg}");
    let git = GitCli {
        raw_log: HashMap::from([
            ("e5".to_string(), raw("d4 c3b", "Merge branch 'feature/export'")),
            ("d4".to_string(), raw("c3", "fix(parser): handle CRLF line endings")),
            ("c3b".to_string(), raw("c3", "feat(export): add CSV export\n\nCloses #41")),
            ("c3".to_string(), raw("b2", "chore: bump deps")),
            ("b2".to_string(), raw("a1", "docs: update README")),
            ("a1".to_string(), raw("", "feat: initial release")),
        ]),
    };
    println!("{}", block_on(changelog(&git, "e5", "b2", (1, 4, 2))));

    let commit = |sha: &str, parents: &[&str], message: &str| (sha.to_string(), Commit { sha: sha.to_string(), parents: parents.iter().map(|s| s.to_string()).collect(), message: message.to_string() });
    let forge = ForgeApi {
        commits: HashMap::from([
            commit("9f8e7d6c", &["8e7d6c5b"], "refactor(api)!: rename /v1/items to /v1/products"),
            commit("8e7d6c5b", &["7d6c5b4a"], "perf(db): batch inserts\n\nBREAKING CHANGE: requires Postgres 14"),
            commit("7d6c5b4a", &["6c5b4a39"], "Fix typo"),
            commit("6c5b4a39", &[], "feat: previous release"),
        ]),
        tags: HashMap::from([("v2.0.0".to_string(), "6c5b4a39".to_string())]),
        calls: Mutex::new(0),
    };
    println!("{}", block_on(changelog(&forge, "9f8e7d6c", "v2.0.0", (2, 0, 0))));

    let classify = async |message: &str| -> String {
        yield_now().await;
        match parse_message("0000000", message) {
            Some(e) if e.breaking => format!("breaking {}", e.kind),
            Some(e) => e.kind,
            None => "unconventional".to_string(),
        }
    };
    for m in ["feat(ui)!: drop IE11", "fix: off by one", "WIP stuff", "Feat: capitalised"] {
        println!("{m:<24} => {}", block_on(classify(m)));
    }
    println!("tag via cli: {:?}, forge api calls {}", block_on(git.tagged("v1.4.2")), forge.calls.lock().unwrap());
}
