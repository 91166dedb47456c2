#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Issue tracker triage bot: labels new issues, detects likely duplicates, routes to code owners, and posts comments.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::error::Error;
use std::fmt::Write as _;
use std::future::Future;
use std::pin::{pin, Pin};
use std::rc::Rc;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
use std::time::Duration;

fn noop_raw() -> RawWaker {
    fn clone(_: *const ()) -> RawWaker {
        noop_raw()
    }
    fn noop(_: *const ()) {}
    static VT: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    RawWaker::new(std::ptr::null(), &VT)
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let waker = unsafe { Waker::from_raw(noop_raw()) };
    let mut cx = Context::from_waker(&waker);
    let mut fut = pin!(fut);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

struct Yield {
    left: u32,
}

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.left == 0 {
            return Poll::Ready(());
        }
        self.left -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

#[derive(Debug, Clone)]
struct Issue {
    number: u32,
    title: String,
    body: String,
    paths: Vec<String>,
}

#[derive(Debug, Default)]
struct TriageResult {
    labels: Vec<&'static str>,
    duplicate_of: Option<(u32, f32)>,
    owners: Vec<String>,
    sla: Option<Duration>,
}

trait Notifier {
    async fn comment(&self, issue: u32, text: &str) -> Result<(), Box<dyn Error>>;
    async fn assign(&self, issue: u32, who: &[String]) -> Result<(), Box<dyn Error>> {
        let mut text = String::from("Assigning to");
        for w in who {
            write!(text, " @{w}").unwrap();
        }
        self.comment(issue, &text).await
    }
}

struct ForgeApi {
    posted: RefCell<Vec<(u32, String)>>,
    rate_left: RefCell<u32>,
}

struct DryRun;

impl Notifier for ForgeApi {
    async fn comment(&self, issue: u32, text: &str) -> Result<(), Box<dyn Error>> {
        Yield { left: 2 }.await;
        let mut left = self.rate_left.borrow_mut();
        if *left == 0 {
            return Err("rate limited by forge".into());
        }
        *left -= 1;
        self.posted.borrow_mut().push((issue, text.to_string()));
        Ok(())
    }
}

impl Notifier for DryRun {
    async fn comment(&self, issue: u32, text: &str) -> Result<(), Box<dyn Error>> {
        Yield { left: 1 }.await;
        println!("  (dry-run) #{issue}: {text}");
        Ok(())
    }
}

const RULES: [(&str, &[&str]); 4] = [
    ("bug", &["panic", "crash", "error", "broken", "regression"]),
    ("performance", &["slow", "latency", "memory", "cpu"]),
    ("docs", &["typo", "documentation", "readme"]),
    ("security", &["cve", "injection", "xss", "leak"]),
];

fn words(s: &str) -> HashSet<String> {
    s.split(|c: char| !c.is_alphanumeric()).filter(|w| w.len() > 2).map(|w| w.to_lowercase()).collect()
}

struct Triage<N: Notifier> {
    notifier: N,
    known: Rc<RefCell<BTreeMap<u32, HashSet<String>>>>,
    owners: Vec<(String, String)>,
}

impl<N: Notifier> Triage<N> {
    async fn classify(&self, issue: &Issue) -> Vec<&'static str> {
        Yield { left: 1 }.await;
        let text = format!("{} {}", issue.title, issue.body).to_lowercase();
        RULES.iter().filter(|(_, kws)| kws.iter().any(|k| text.contains(k))).map(|(l, _)| *l).collect()
    }

    async fn find_duplicate(&self, issue: &Issue) -> Option<(u32, f32)> {
        let mine = words(&issue.title);
        let known = self.known.borrow().clone();
        let mut best = None;
        for (num, other) in known.iter() {
            Yield { left: 1 }.await;
            let inter = mine.intersection(other).count() as f32;
            let union = mine.union(other).count().max(1) as f32;
            let j = inter / union;
            if j >= 0.5 && best.map_or(true, |(_, b)| j > b) {
                best = Some((*num, j));
            }
        }
        best
    }

    fn route(&self, issue: &Issue) -> Vec<String> {
        let mut out: Vec<String> = issue
            .paths
            .iter()
            .flat_map(|p| self.owners.iter().filter(move |(prefix, _)| p.starts_with(prefix.as_str())).map(|(_, o)| o.clone()))
            .collect();
        out.sort();
        out.dedup();
        out
    }

    async fn triage(&self, issue: &Issue) -> Result<TriageResult, Box<dyn Error>> {
        let labels = self.classify(issue).await;
        let duplicate_of = self.find_duplicate(issue).await;
        if let Some((n, score)) = duplicate_of {
            self.notifier.comment(issue.number, &format!("Possible duplicate of #{n} ({:.0}% similar)", score * 100.0)).await?;
        } else {
            self.known.borrow_mut().insert(issue.number, words(&issue.title));
        }
        let owners = self.route(issue);
        if !owners.is_empty() {
            self.notifier.assign(issue.number, &owners).await?;
        }
        let sla = if labels.contains(&"security") {
            Some(Duration::from_secs(24 * 3600))
        } else if labels.contains(&"bug") {
            Some(Duration::from_secs(72 * 3600))
        } else {
            None
        };
        Ok(TriageResult { labels, duplicate_of, owners, sla })
    }
}

async fn process_inbox<N: Notifier>(bot: &Triage<N>, inbox: Vec<Issue>) -> (usize, Vec<String>) {
    let mut ok = 0;
    let mut failures = Vec::new();
    for issue in inbox.iter() {
        match bot.triage(issue).await {
            Ok(r) => {
                ok += 1;
                println!("#{} {:?} dup={:?} owners={:?} sla={:?}", issue.number, r.labels, r.duplicate_of.map(|d| d.0), r.owners, r.sla.map(|d| d.as_secs() / 3600));
            }
            Err(e) => failures.push(format!("#{}: {e}", issue.number)),
        }
    }
    (ok, failures)
}

fn issue(n: u32, title: &str, body: &str, paths: &[&str]) -> Issue {
    Issue { number: n, title: title.into(), body: body.into(), paths: paths.iter().map(|p| p.to_string()).collect() }
}

fn main() {
    let owners = vec![("src/net/".to_string(), "maria".to_string()), ("src/".to_string(), "core-team".to_string()), ("docs/".to_string(), "writers".to_string())];
    let inbox = vec![
        issue(101, "Panic when parsing empty config file", "thread main panicked", &["src/config.rs"]),
        issue(102, "HTTP client slow with many connections", "latency spikes", &["src/net/pool.rs"]),
        issue(103, "Panic parsing empty config", "same as before?", &["src/config.rs"]),
        issue(104, "Typo in README install section", "", &["docs/README.md"]),
        issue(105, "Possible XSS in admin page", "script injection via title", &["src/web/admin.rs", "src/net/http.rs"]),
    ];
    let bot = Triage { notifier: ForgeApi { posted: RefCell::new(Vec::new()), rate_left: RefCell::new(4) }, known: Rc::new(RefCell::new(BTreeMap::new())), owners: owners.clone() };
    let (ok, failures) = block_on(process_inbox(&bot, inbox.clone()));
    println!("ok={ok} failures={:?} posted={}", failures, bot.notifier.posted.borrow().len());
    let dry = Triage { notifier: DryRun, known: Rc::new(RefCell::new(BTreeMap::new())), owners };
    let (ok, _) = block_on(process_inbox(&dry, inbox.into_iter().take(2).collect()));
    println!("dry ok={ok}");
}
