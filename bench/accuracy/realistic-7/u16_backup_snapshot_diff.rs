#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Incremental backup: diffs two filesystem snapshots, uploads changed chunks to a remote repository and writes a manifest.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::future::Future;
use std::pin::{pin, Pin};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
use std::time::{Duration, Instant};

fn noop_raw() -> RawWaker {
    fn clone(_: *const ()) -> RawWaker { noop_raw() }
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

struct Yield { left: u32 }

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

const CHUNK_SIZE: usize = 8;

#[derive(Debug, Clone, PartialEq)]
struct FileMeta { size: u64, mtime: u64, content: Vec<u8> }

type Snapshot = BTreeMap<String, FileMeta>;

#[derive(Debug, Clone, PartialEq)]
enum Change { Added(String), Removed(String), Modified { path: String, grew: i64 }, Touched(String) }

fn diff(old: &Snapshot, new: &Snapshot) -> Vec<Change> {
    let mut changes = Vec::new();
    for (path, meta) in new {
        match old.get(path) {
            None => changes.push(Change::Added(path.clone())),
            Some(prev) if prev.content != meta.content => {
                changes.push(Change::Modified { path: path.clone(), grew: meta.size as i64 - prev.size as i64 })
            }
            Some(prev) if prev.mtime != meta.mtime => changes.push(Change::Touched(path.clone())),
            _ => {}
        }
    }
    changes.extend(old.keys().filter(|p| !new.contains_key(*p)).map(|p| Change::Removed(p.clone())));
    changes
}

fn chunk_hash(chunk: &[u8]) -> u64 {
    chunk.iter().fold(0x811c9dc5u64, |h, b| (h ^ *b as u64).wrapping_mul(0x01000193))
}

struct Remote {
    chunks: Mutex<HashMap<u64, Vec<u8>>>,
    bytes_uploaded: Mutex<u64>,
    fail_path: Option<String>,
}

impl Remote {
    async fn has_chunk(&self, h: u64) -> bool {
        Yield { left: 1 }.await;
        self.chunks.lock().unwrap().contains_key(&h)
    }

    async fn put_chunk(&self, h: u64, data: &[u8]) -> Result<(), String> {
        Yield { left: 2 }.await;
        let mut chunks = self.chunks.lock().unwrap();
        chunks.insert(h, data.to_vec());
        *self.bytes_uploaded.lock().unwrap() += data.len() as u64;
        Ok(())
    }

    async fn put_manifest(&self, name: &str, body: String) -> Result<usize, String> {
        Yield { left: 1 }.await;
        if self.fail_path.as_deref() == Some(name) {
            return Err(format!("remote rejected manifest {}", name));
        }
        Ok(body.len())
    }
}

async fn upload_file(remote: &Remote, path: &str, data: &[u8]) -> Result<Vec<u64>, String> {
    let mut hashes = Vec::new();
    let mut buf = [0u8; CHUNK_SIZE];
    for chunk in data.chunks(CHUNK_SIZE) {
        buf[..chunk.len()].copy_from_slice(chunk);
        let h = chunk_hash(&buf[..chunk.len()]);
        if !remote.has_chunk(h).await {
            remote.put_chunk(h, &buf[..chunk.len()]).await?;
        }
        hashes.push(h);
    }
    Ok(hashes)
}

async fn run_backup(remote: Arc<Remote>, old: &Snapshot, new: &Snapshot, label: &str) -> Result<(usize, Duration), String> {
    let started = Instant::now();
    let changes = diff(old, new);
    let mut manifest = format!("# backup {}\n", label);
    let mut failures = HashSet::new();
    for change in changes.iter() {
        match change {
            Change::Added(p) | Change::Modified { path: p, .. } => {
                let meta = &new[p];
                match upload_file(&remote, p, &meta.content).await {
                    Ok(hashes) => {
                        let list: Vec<String> = hashes.iter().map(|h| format!("{:08x}", h)).collect();
                        manifest.push_str(&format!("F {} {} {}\n", p, meta.size, list.join(",")));
                    }
                    Err(e) => {
                        failures.insert(p.clone());
                    }
                }
            }
            Change::Removed(p) => manifest.push_str(&format!("D {}\n", p)),
            Change::Touched(p) => {
                Yield { left: 1 }.await;
                manifest.push_str(&format!("T {} {}\n", p, new[p].mtime));
            }
        }
    }
    if !failures.is_empty() {
        return Err(format!("{} files failed", failures.len()));
    }
    remote.put_manifest(label, manifest).await?;
    Ok((changes.len(), started.elapsed()))
}

fn snapshot(files: &[(&str, u64, &str)]) -> Snapshot {
    files
        .iter()
        .map(|(p, mtime, body)| (p.to_string(), FileMeta { size: body.len() as u64, mtime: *mtime, content: body.as_bytes().to_vec() }))
        .collect()
}

fn main() {
    let monday = snapshot(&[("etc/hosts", 100, "127.0.0.1 localhost"), ("home/notes.md", 100, "todo: buy milk"),
        ("home/photo.raw", 100, "RAWDATA-0123456789"), ("var/log/old.log", 90, "boot ok")]);
    let tuesday = snapshot(&[("etc/hosts", 100, "127.0.0.1 localhost"), ("home/notes.md", 150, "todo: buy milk, eggs"),
        ("home/photo.raw", 160, "RAWDATA-0123456789"), ("home/new.txt", 170, "fresh file contents")]);
    let remote = Arc::new(Remote { chunks: Mutex::new(HashMap::new()), bytes_uploaded: Mutex::new(0), fail_path: Some("bad".into()) });
    let full = block_on(run_backup(Arc::clone(&remote), &Snapshot::new(), &monday, "mon-full"));
    let incr = block_on(run_backup(Arc::clone(&remote), &monday, &tuesday, "tue-incr"));
    let bad = block_on(run_backup(Arc::clone(&remote), &tuesday, &monday, "bad"));
    let hashes = block_on(upload_file(&remote, "x", b"abcdefgh12345")).unwrap();
    let has = block_on(remote.has_chunk(hashes[0]));
    block_on(remote.put_chunk(1, b"z")).unwrap();
    let m = block_on(remote.put_manifest("ok", "x".into()));
    for c in diff(&monday, &tuesday) {
        println!("{:?}", c);
    }
    println!("full={:?} incr={:?} bad={:?}", full.map(|r| r.0), incr.map(|r| r.0), bad);
    println!("chunks={} uploaded={}B has={} manifest={:?}", remote.chunks.lock().unwrap().len(), remote.bytes_uploaded.lock().unwrap(), has, m);
}
