//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Container registry garbage collector: applies tag retention rules, marks manifests and
//! layers reachable through multi-arch indexes, and sweeps orphaned blobs from storage.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::future::Future;
use std::pin::Pin;
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
enum GcError { DanglingRef { from: String, to: String }, Storage(String) }

enum Manifest { Image { config: String, layers: Vec<String> }, Index(Vec<String>) }

struct Tag { name: String, digest: String, pushed_day: u32 }

struct Registry { repos: HashMap<String, Vec<Tag>>, manifests: HashMap<String, Manifest>, blobs: RefCell<BTreeMap<String, u64>> }

fn keep_tag(tag: &Tag, rank: usize, today: u32) -> bool {
    let semver = tag.name.strip_prefix('v').is_some_and(|v| v.split('.').count() == 3 && v.split('.').all(|p| p.parse::<u32>().is_ok()));
    match tag.name.as_str() {
        "latest" | "stable" => true,
        _ if semver => true,
        _ if rank < 2 => true,
        _ => today.saturating_sub(tag.pushed_day) <= 14,
    }
}

fn mark<'a>(reg: &'a Registry, digest: &'a str, live: &'a mut HashSet<String>) -> Pin<Box<dyn Future<Output = Result<usize, GcError>> + 'a>> {
    Box::pin(async move {
        if !live.insert(digest.to_string()) {
            return Ok(0);
        }
        yield_now().await;
        let Some(m) = reg.manifests.get(digest) else {
            return Err(GcError::DanglingRef { from: "tag".into(), to: digest.into() });
        };
        let mut marked = 1;
        match m {
            Manifest::Image { config, layers } => {
                for blob in std::iter::once(config).chain(layers) {
                    marked += live.insert(blob.clone()) as usize;
                }
            }
            Manifest::Index(children) => {
                for child in children {
                    marked += mark(reg, child, live).await?;
                }
            }
        }
        Ok(marked)
    })
}

trait BlobStore {
    fn name(&self) -> &str;
    async fn delete(&self, digest: &str, bytes: u64) -> Result<u64, GcError>;

    async fn delete_many(&self, victims: &[(String, u64)]) -> (u64, Vec<GcError>) {
        let mut freed = 0;
        let mut errors = Vec::new();
        for (digest, bytes) in victims {
            match self.delete(digest, *bytes).await {
                Ok(n) => freed += n,
                Err(e) => errors.push(e),
            }
        }
        (freed, errors)
    }
}

struct LocalDisk { root: String, deleted: RefCell<Vec<String>> }
struct ObjectStore { bucket: String, locked: HashSet<String>, requests: RefCell<u32> }

impl BlobStore for LocalDisk {
    fn name(&self) -> &str { &self.root }
    async fn delete(&self, digest: &str, bytes: u64) -> Result<u64, GcError> {
        yield_now().await;
        let (algo, hex) = digest.split_once(':').ok_or_else(|| GcError::Storage(format!("bad digest {digest}")))?;
        self.deleted.borrow_mut().push(format!("{}/blobs/{algo}/{}/{hex}", self.root, &hex[..2]));
        Ok(bytes)
    }
}

impl BlobStore for ObjectStore {
    fn name(&self) -> &str { &self.bucket }
    async fn delete(&self, digest: &str, bytes: u64) -> Result<u64, GcError> {
        *self.requests.borrow_mut() += 1;
        yield_now().await;
        if self.locked.contains(digest) { Err(GcError::Storage(format!("object lock on {digest}"))) } else { Ok(bytes) }
    }
}

async fn collect_garbage<B>(reg: &Registry, store: &B, today: u32) -> Result<String, GcError>
where
    B: BlobStore,
{
    let mut live = HashSet::new();
    for tags in reg.repos.values() {
        let mut ordered: Vec<&Tag> = tags.iter().collect();
        ordered.sort_by(|a, b| b.pushed_day.cmp(&a.pushed_day));
        for (rank, tag) in ordered.into_iter().enumerate() {
            if keep_tag(tag, rank, today) {
                mark(reg, &tag.digest, &mut live).await?;
            }
        }
    }
    let victims: Vec<(String, u64)> = reg.blobs.borrow().iter().filter(|(d, _)| !live.contains(*d)).map(|(d, s)| (d.clone(), *s)).collect();
    let (freed, errors) = store.delete_many(&victims).await;
    let mut blobs = reg.blobs.borrow_mut();
    for (d, _) in &victims {
        if !errors.iter().any(|e| matches!(e, GcError::Storage(m) if m.ends_with(d.as_str()))) {
            blobs.remove(d);
        }
    }
    Ok(format!("{}: {} live, freed {freed} bytes, {} errors", store.name(), live.len(), errors.len()))
}

fn sample_registry() -> Registry {
    let img = |c: &str, ls: &[&str]| Manifest::Image { config: c.into(), layers: ls.iter().map(|s| s.to_string()).collect() };
    let manifests = HashMap::from([
        ("sha256:m1".to_string(), img("sha256:c1", &["sha256:l1", "sha256:l2"])),
        ("sha256:m2".to_string(), img("sha256:c2", &["sha256:l1", "sha256:l3"])),
        ("sha256:m3".to_string(), img("sha256:c3", &["sha256:l4"])),
        ("sha256:idx".to_string(), Manifest::Index(vec!["sha256:m1".into(), "sha256:m2".into()])),
    ]);
    let tag = |n: &str, d: &str, day| Tag { name: n.into(), digest: d.into(), pushed_day: day };
    let repos = HashMap::from([
        ("web".to_string(), vec![tag("v1.2.0", "sha256:idx", 10), tag("pr-88", "sha256:m3", 20), tag("nightly-1", "sha256:m3", 30), tag("nightly-2", "sha256:m3", 31), tag("nightly-3", "sha256:m3", 32)]),
    ]);
    let blobs = ["c1", "c2", "c3", "l1", "l2", "l3", "l4", "l9", "orphan"].iter().map(|s| (format!("sha256:{s}"), 1000 + s.len() as u64 * 512)).collect();
    Registry { repos, manifests, blobs: RefCell::new(blobs) }
}

pub fn main() {
    let disk = LocalDisk { root: "/var/lib/registry".into(), deleted: RefCell::new(Vec::new()) };
    let s3 = ObjectStore { bucket: "s3://images".into(), locked: HashSet::from(["sha256:l9".to_string()]), requests: RefCell::new(0) };

    let reg = sample_registry();
    println!("{:?}", block_on(collect_garbage(&reg, &disk, 40)));
    let reg2 = sample_registry();
    println!("{:?}", block_on(collect_garbage(&reg2, &s3, 40)));
    println!("deleted paths: {:?}", disk.deleted.borrow());

    let mut broken = sample_registry();
    broken.repos.get_mut("web").unwrap().push(Tag { name: "latest".into(), digest: "sha256:gone".into(), pushed_day: 40 });
    println!("{:?}", block_on(collect_garbage(&broken, &disk, 40)).err());

    let reachable = async |digest: &str| -> usize {
        let mut live = HashSet::new();
        yield_now().await;
        mark(&reg2, digest, &mut live).await.unwrap_or(0)
    };
    println!("index reaches {} objects, m3 reaches {}", block_on(reachable("sha256:idx")), block_on(reachable("sha256:m3")));
    let remaining = block_on(async {
        yield_now().await;
        reg2.blobs.borrow().keys().cloned().collect::<Vec<_>>().join(",")
    });
    println!("s3 requests {}, remaining {remaining}", s3.requests.borrow());
}
