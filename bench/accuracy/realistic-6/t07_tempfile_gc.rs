#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Garbage collector for a scratch directory: evicts expired and oversized temp files while honouring pins and quotas.

use std::cell::{Cell, RefCell};
use std::collections::BinaryHeap;
use std::cmp::Reverse;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

unsafe fn vt_clone(p: *const ()) -> RawWaker { RawWaker::new(p, &VT) }
unsafe fn vt_noop(_: *const ()) {}
static VT: RawWakerVTable = RawWakerVTable::new(vt_clone, vt_noop, vt_noop, vt_noop);

fn block_on<F: Future>(f: F) -> F::Output {
    let waker = unsafe { Waker::from_raw(RawWaker::new(std::ptr::null(), &VT)) };
    let mut cx = Context::from_waker(&waker);
    let mut f = std::pin::pin!(f);
    loop {
        match f.as_mut().poll(&mut cx) {
            Poll::Ready(v) => return v,
            Poll::Pending => std::hint::spin_loop(),
        }
    }
}

struct Yield { left: u8 }
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.left == 0 { Poll::Ready(()) } else { self.left -= 1; cx.waker().wake_by_ref(); Poll::Pending }
    }
}

#[derive(Debug, Clone)]
struct TempFile { path: String, size: u64, mtime: u64, pinned: bool }

struct ScratchFs { files: RefCell<Vec<TempFile>>, unlink_calls: Cell<u32> }

impl ScratchFs {
    async fn list(&self, prefix: &str) -> Vec<TempFile> {
        Yield { left: 2 }.await;
        self.files.borrow().iter().filter(|f| f.path.starts_with(prefix)).cloned().collect()
    }
    async fn unlink(&self, path: &str) -> Result<u64, String> {
        Yield { left: 1 }.await;
        self.unlink_calls.set(self.unlink_calls.get() + 1);
        let mut files = self.files.borrow_mut();
        let pos = files.iter().position(|f| f.path == path).ok_or_else(|| format!("ENOENT {path}"))?;
        if files[pos].path.ends_with(".lock") { return Err(format!("EBUSY {path}")); }
        Ok(files.remove(pos).size)
    }
}

#[derive(Debug, Default)]
struct GcStats { expired: u32, evicted: u32, errors: Vec<String> }

struct Policy { max_age: u64, quota: u64 }

async fn sweep_expired(fs: &ScratchFs, now: u64, policy: &Policy, freed: Rc<Cell<u64>>, stats: &mut GcStats) {
    let candidates = fs.list("/tmp/").await;
    for f in candidates.iter().filter(|f| !f.pinned && now.saturating_sub(f.mtime) > policy.max_age) {
        match fs.unlink(&f.path).await {
            Ok(n) => { freed.set(freed.get() + n); stats.expired += 1; }
            Err(e) => stats.errors.push(e),
        }
    }
}

async fn enforce_quota(fs: &ScratchFs, policy: &Policy, freed: Rc<Cell<u64>>, stats: &mut GcStats) -> u64 {
    let files = fs.list("/tmp/").await;
    let mut used: u64 = files.iter().map(|f| f.size).sum();
    let mut heap: BinaryHeap<Reverse<(u64, String, u64)>> = files.into_iter()
        .filter(|f| !f.pinned)
        .map(|TempFile { path, size, mtime, .. }| Reverse((mtime, path, size)))
        .collect();
    'evict: while used > policy.quota {
        let Reverse((mtime, path, size)) = match heap.pop() { Some(x) => x, None => break 'evict };
        let mut attempts = 0;
        let outcome = loop {
            attempts += 1;
            match fs.unlink(&path).await {
                Ok(n) => break Ok(n),
                Err(e) if e.starts_with("EBUSY") && attempts < 2 => Yield { left: 3 }.await,
                Err(e) => break Err(e),
            }
        };
        match outcome {
            Ok(n) => { used -= n; freed.set(freed.get() + n); stats.evicted += 1; }
            Err(e) => stats.errors.push(e),
        }
    }
    used
}

async fn report(fs: &ScratchFs, freed: &Cell<u64>) -> String {
    let remaining = fs.list("/").await;
    let by_dir = remaining.iter().fold(std::collections::BTreeMap::new(), |mut m, f| {
        let dir = f.path.rsplit_once('/').map(|(d, _)| d.to_string()).unwrap_or_default();
        *m.entry(dir).or_insert(0u64) += f.size;
        m
    });
    format!("freed={} remaining={:?}", freed.get(), by_dir)
}

fn main() {
    let spec = [
        ("/tmp/build-1.o", 400, 10, false), ("/tmp/build-2.o", 300, 80, false), ("/tmp/upload.part", 900, 95, false),
        ("/tmp/session.lock", 10, 5, false), ("/tmp/keep/model.bin", 2000, 1, true), ("/tmp/cache/a", 250, 60, false),
        ("/tmp/cache/b", 250, 70, false), ("/var/log/app.log", 5000, 0, false),
    ];
    let fs = ScratchFs {
        files: RefCell::new(spec.iter().map(|&(p, s, m, pin)| TempFile { path: p.into(), size: s, mtime: m, pinned: pin }).collect()),
        unlink_calls: Cell::new(0),
    };
    let policy = Policy { max_age: 60, quota: 2600 };
    let freed = Rc::new(Cell::new(0));
    let (stats, used, summary) = block_on(async {
        let mut stats = GcStats::default();
        sweep_expired(&fs, 100, &policy, freed.clone(), &mut stats).await;
        let used = enforce_quota(&fs, &policy, freed.clone(), &mut stats).await;
        let summary = report(&fs, &freed).await;
        (stats, used, summary)
    });
    println!("{stats:?}\nused after gc: {used}\n{summary}\nunlink calls: {}", fs.unlink_calls.get());
    assert!(used <= policy.quota);
    assert_eq!((stats.expired, stats.evicted, stats.errors.len()), (1, 4, 2));
    assert!(fs.files.borrow().iter().any(|f| f.pinned));
}
