//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Backup scheduler: cron-like schedules, recursive directory snapshot, dedup by content hash, retention.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

mod rt {
    use std::future::Future;
    use std::pin::Pin;
    use std::task::{Context, Poll};
    pub struct Io(bool);
    impl Future for Io {
        type Output = ();
        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            if self.0 { Poll::Ready(()) } else { self.0 = true; cx.waker().wake_by_ref(); Poll::Pending }
        }
    }
    pub fn io() -> Io { Io(false) }
}

#[derive(Debug, Clone)]
enum Node { File(Vec<u8>), Dir(BTreeMap<String, Node>) }

struct Fs { root: Node }

impl Fs {
    async fn list(&self, path: &str) -> Option<Vec<(String, bool)>> {
        rt::io().await;
        let Node::Dir(entries) = self.lookup(path)? else { return None };
        Some(entries.iter().map(|(k, v)| (k.clone(), matches!(v, Node::Dir(_)))).collect())
    }
    async fn read(&self, path: &str) -> Option<Vec<u8>> {
        rt::io().await;
        match self.lookup(path)? { Node::File(b) => Some(b.clone()), _ => None }
    }
    fn lookup(&self, path: &str) -> Option<&Node> {
        path.split('/').filter(|s| !s.is_empty()).try_fold(&self.root, |node, part| match node {
            Node::Dir(m) => m.get(part),
            Node::File(_) => None,
        })
    }
}

#[derive(Debug, Clone)]
struct Schedule { minute: Option<u32>, hour: Option<u32>, every_hours: Option<u32> }

fn parse_schedule(expr: &str) -> Result<Schedule, String> {
    let fields: Vec<&str> = expr.split_whitespace().collect();
    let [min, hour] = fields[..] else { return Err(format!("expected 2 fields in {expr:?}")) };
    let field = |f: &str| -> Result<Option<u32>, String> { if f == "*" { Ok(None) } else { f.parse().map(Some).map_err(|e| format!("{f}: {e}")) } };
    let (hour, every) = if let Some(step) = hour.strip_prefix("*/") { (None, Some(step.parse().map_err(|_| "bad step".to_string())?)) } else { (field(hour)?, None) };
    Ok(Schedule { minute: field(min)?, hour, every_hours: every })
}

impl Schedule {
    fn due(&self, minute_of_day: u32) -> bool {
        let (h, m) = (minute_of_day / 60, minute_of_day % 60);
        self.minute.is_none_or(|x| x == m) && self.hour.is_none_or(|x| x == h) && self.every_hours.is_none_or(|s| h % s == 0)
    }
}

#[derive(Default)]
struct Repo { blobs: HashMap<u64, usize>, snapshots: Vec<(String, u32, BTreeMap<String, u64>)> }

fn hash(bytes: &[u8]) -> u64 { bytes.iter().fold(0xcbf29ce484222325, |h, b| (h ^ *b as u64).wrapping_mul(0x100000001b3)) }

fn walk<'a>(fs: &'a Fs, path: String, excludes: &'a HashSet<&'a str>, out: &'a mut BTreeMap<String, u64>, repo: &'a Mutex<Repo>) -> Pin<Box<dyn Future<Output = (usize, usize)> + 'a>> {
    Box::pin(async move {
        let Some(entries) = fs.list(&path).await else { return (0, 0) };
        let (mut files, mut new_bytes) = (0, 0);
        for (name, is_dir) in entries {
            if excludes.contains(name.as_str()) || name.ends_with(".tmp") { continue; }
            let child = if path == "/" { format!("/{name}") } else { format!("{path}/{name}") };
            if is_dir {
                let (f, b) = walk(fs, child, excludes, out, repo).await;
                files += f;
                new_bytes += b;
            } else if let Some(data) = fs.read(&child).await {
                let h = hash(&data);
                let mut r = repo.lock().unwrap();
                if !r.blobs.contains_key(&h) {
                    r.blobs.insert(h, data.len());
                    new_bytes += data.len();
                }
                out.insert(child, h);
                files += 1;
            }
        }
        (files, new_bytes)
    })
}

struct Job { name: &'static str, schedule: Schedule, path: &'static str, keep: usize }

async fn tick(fs: &Fs, jobs: &[Job], repo: &Mutex<Repo>, minute: u32, excludes: &HashSet<&str>) -> Vec<String> {
    let mut report = Vec::new();
    for job in jobs.iter().filter(|j| j.schedule.due(minute)) {
        let mut manifest = BTreeMap::new();
        let (files, new_bytes) = walk(fs, job.path.to_string(), excludes, &mut manifest, repo).await;
        let mut r = repo.lock().unwrap();
        r.snapshots.push((job.name.to_string(), minute, manifest));
        let mine: Vec<usize> = r.snapshots.iter().enumerate().filter(|(_, s)| s.0 == job.name).map(|(i, _)| i).collect();
        if mine.len() > job.keep && let Some(&oldest) = mine.first() {
            r.snapshots.remove(oldest);
        }
        report.push(format!("{:02}:{:02} {} files={files} new_bytes={new_bytes}", minute / 60, minute % 60, job.name));
    }
    report
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = std::pin::pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) { return v; }
    }
}

fn main() {
    let file = |s: &str| Node::File(s.as_bytes().to_vec());
    let dir = |entries: Vec<(&str, Node)>| Node::Dir(entries.into_iter().map(|(k, v)| (k.to_string(), v)).collect());
    let fs = Fs { root: dir(vec![
        ("etc", dir(vec![("app.toml", file("port = 80")), ("hosts", file("127.0.0.1 localhost"))])),
        ("srv", dir(vec![
            ("uploads", dir(vec![("a.png", file("PNG...a")), ("b.png", file("PNG...a")), ("c.tmp", file("partial"))])),
            ("node_modules", dir(vec![("x.js", file("module.exports = 1"))])),
            ("db.sqlite", file("SQLite format 3")),
        ])),
    ]) };
    let jobs: Vec<Job> = [("config", "0 */6", "/etc", 2), ("data", "30 2", "/srv", 3), ("broken", "every day", "/", 1)]
        .into_iter()
        .filter_map(|(name, expr, path, keep)| match parse_schedule(expr) {
            Ok(schedule) => Some(Job { name, schedule, path, keep }),
            Err(e) => { eprintln!("skipping {name}: {e}"); None }
        })
        .collect();
    let excludes: HashSet<&str> = ["node_modules", ".git"].into_iter().collect();
    let repo = Arc::new(Mutex::new(Repo::default()));
    let lines = block_on(async {
        let mut all = Vec::new();
        for minute in (0..24 * 60).step_by(30) {
            all.extend(tick(&fs, &jobs, &repo, minute, &excludes).await);
        }
        all
    });
    let r = repo.lock().unwrap();
    println!("runs={} snapshots_kept={} unique_blobs={} first={:?}", lines.len(), r.snapshots.len(), r.blobs.len(), lines.first());
    println!("last={:?}", lines.last());
}
