//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! File deduplicator: walks a fake filesystem, groups files by size, hashes candidates chunk by chunk and verifies duplicates.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::future::Future;
use std::pin::{Pin, pin};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

fn noop_waker() -> Waker {
    fn clone(_: *const ()) -> RawWaker {
        RawWaker::new(std::ptr::null(), &VTABLE)
    }
    fn noop(_: *const ()) {}
    static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    unsafe { Waker::from_raw(RawWaker::new(std::ptr::null(), &VTABLE)) }
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let waker = noop_waker();
    let mut cx = Context::from_waker(&waker);
    let mut fut = pin!(fut);
    loop {
        match fut.as_mut().poll(&mut cx) {
            Poll::Ready(v) => return v,
            Poll::Pending => continue,
        }
    }
}

struct Yield { left: u32 }

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.left == 0 {
            Poll::Ready(())
        } else {
            self.left -= 1;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

fn yield_now(left: u32) -> Yield {
    Yield { left }
}

const CHUNK: usize = 16;
const FNV_OFFSET: u64 = 0xcbf29ce484222325;
const FNV_PRIME: u64 = 0x100000001b3;

#[derive(Debug)]
enum DedupError { NotFound(String), PermissionDenied(String) }

impl fmt::Display for DedupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DedupError::NotFound(p) => write!(f, "not found: {p}"),
            DedupError::PermissionDenied(p) => write!(f, "permission denied: {p}"),
        }
    }
}

struct FakeFs {
    files: BTreeMap<String, Vec<u8>>,
    reads: Cell<u32>,
}

impl FakeFs {
    fn sample() -> Self {
        let mut files = BTreeMap::new();
        let mut add = |p: &str, d: &[u8]| {
            files.insert(p.to_string(), d.to_vec());
        };
        add("/photos/a.jpg", b"JFIF-sunset-over-the-bay-2019-raw");
        add("/photos/b.jpg", b"JFIF-sunset-over-the-bay-2019-raw");
        add("/photos/c.jpg", b"JFIF-mountains-at-dawn-2020-raw!!");
        add("/docs/report.txt", b"quarterly numbers are up and to the right");
        add("/docs/report-copy.txt", b"quarterly numbers are up and to the right");
        add("/docs/secret.key", b"-----BEGIN PRIVATE KEY-----abcdefghij");
        add("/docs/empty.txt", b"");
        FakeFs { files, reads: Cell::new(0) }
    }

    fn list(&self, prefix: &str) -> impl Future<Output = Vec<String>> {
        async move {
            yield_now(1).await;
            self.files.keys().filter(|p| p.starts_with(prefix)).cloned().collect()
        }
    }

    async fn stat(&self, path: &str) -> Result<usize, DedupError> {
        yield_now(1).await;
        self.files.get(path).map(|d| d.len()).ok_or_else(|| DedupError::NotFound(path.to_string()))
    }

    async fn read_chunk(&self, path: &str, offset: usize, buf: &mut [u8; CHUNK]) -> Result<usize, DedupError> {
        if path.ends_with(".key") {
            return Err(DedupError::PermissionDenied(path.to_string()));
        }
        yield_now(1).await;
        self.reads.set(self.reads.get() + 1);
        let data = self.files.get(path).ok_or_else(|| DedupError::NotFound(path.to_string()))?;
        if offset >= data.len() {
            return Ok(0);
        }
        let end = (offset + CHUNK).min(data.len());
        buf[..end - offset].copy_from_slice(&data[offset..end]);
        Ok(end - offset)
    }
}

async fn hash_file(fs: &FakeFs, path: &str) -> Result<u64, DedupError> {
    let mut buf = [0u8; CHUNK];
    let mut offset = 0usize;
    let mut h = FNV_OFFSET;
    loop {
        let n = fs.read_chunk(path, offset, &mut buf).await?;
        if n == 0 {
            break;
        }
        for b in &buf[..n] {
            h ^= *b as u64;
            h = h.wrapping_mul(FNV_PRIME);
        }
        offset += n;
    }
    Ok(h)
}

struct Deduper {
    by_size: RefCell<HashMap<usize, Vec<String>>>,
    by_hash: RefCell<HashMap<u64, Vec<String>>>,
    skipped: RefCell<Vec<String>>,
}

impl Deduper {
    fn new() -> Self {
        Deduper { by_size: RefCell::default(), by_hash: RefCell::default(), skipped: RefCell::default() }
    }

    async fn index_sizes(&self, fs: &FakeFs, root: &str) -> usize {
        let paths = fs.list(root).await;
        for p in paths.iter() {
            match fs.stat(p).await {
                Ok(0) => continue,
                Ok(size) => self.by_size.borrow_mut().entry(size).or_default().push(p.clone()),
                Err(e) => self.skipped.borrow_mut().push(e.to_string()),
            }
        }
        paths.len()
    }

    async fn hash_candidates(&self, fs: &FakeFs) -> Result<usize, DedupError> {
        let candidates: Vec<String> =
            self.by_size.borrow().values().filter(|v| v.len() > 1).flat_map(|v| v.iter().cloned()).collect();
        let mut hashed = 0;
        for path in candidates {
            let h = match hash_file(fs, &path).await {
                Ok(h) => h,
                Err(DedupError::PermissionDenied(p)) => {
                    self.skipped.borrow_mut().push(p);
                    continue;
                }
                Err(e) => return Err(e),
            };
            if let Some(group) = self.by_hash.borrow().get(&h)
                && group.contains(&path)
            {
                continue;
            } else {
                yield_now(1).await;
            }
            self.by_hash.borrow_mut().entry(h).or_default().push(path);
            hashed += 1;
        }
        Ok(hashed)
    }

    fn duplicate_groups(&self) -> Vec<Vec<String>> {
        let mut groups: Vec<Vec<String>> = self.by_hash.borrow().values().filter(|g| g.len() > 1).cloned().collect();
        groups.sort();
        groups
    }
}

async fn count_groups(fs: &FakeFs, paths: Vec<String>) -> usize {
    let groups: RefCell<HashMap<u64, usize>> = RefCell::new(HashMap::new());
    for p in &paths {
        let h = hash_file(fs, p).await.unwrap_or(0);
        *groups.borrow_mut().entry(h).or_insert(0) += 1;
    }
    yield_now(1).await;
    groups.borrow().values().filter(|c| **c > 1).count()
}

async fn run_dedup(fs: &FakeFs) -> Result<String, DedupError> {
    let d = Deduper::new();
    let seen = d.index_sizes(fs, "/").await;
    let hashed = d.hash_candidates(fs).await?;
    let verify = async |group: Vec<String>| {
        let mut a = [0u8; CHUNK];
        let mut b = [0u8; CHUNK];
        let first = &group[0];
        for other in group.iter().skip(1) {
            let mut off = 0;
            loop {
                let na = fs.read_chunk(first, off, &mut a).await.unwrap_or(0);
                let nb = fs.read_chunk(other, off, &mut b).await.unwrap_or(0);
                if na != nb || a[..na] != b[..nb] {
                    return false;
                }
                if na == 0 {
                    break;
                }
                off += na;
            }
        }
        true
    };
    let mut report = String::new();
    for group in d.duplicate_groups() {
        let ok = verify(group.clone()).await;
        report.push_str(&format!("{} [{}]\n", if ok { "DUP" } else { "COLLISION" }, group.join(", ")));
    }
    report.push_str(&format!("scanned={seen} hashed={hashed} reads={} skipped={}", fs.reads.get(), d.skipped.borrow().len()));
    Ok(report)
}

fn main() {
    let fs = FakeFs::sample();
    let docs = block_on(fs.list("/docs"));
    let size = block_on(fs.stat("/photos/a.jpg")).unwrap_or(0);
    let h = block_on(hash_file(&fs, "/docs/report.txt")).unwrap();
    let groups = block_on(count_groups(&fs, docs.clone()));
    let d = Deduper::new();
    let n = block_on(d.index_sizes(&fs, "/photos"));
    let hashed = block_on(d.hash_candidates(&fs)).unwrap_or(0);
    match block_on(run_dedup(&fs)) {
        Ok(r) => println!("{r}"),
        Err(e) => println!("dedup failed: {e}"),
    }
    println!("docs={} size={size} h={h:016x} groups={groups} photos={n} hashed={hashed}", docs.len());
}
