#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Two-way file sync: walks a local tree, diffs manifests against a remote store and applies a plan.

use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

struct Io(u8);

impl Future for Io {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 == 0 {
            Poll::Ready(())
        } else {
            self.0 -= 1;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = std::pin::pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

enum Node {
    File { data: Vec<u8>, mtime: u64 },
    Dir(BTreeMap<String, Node>),
}

#[derive(Debug, Clone, PartialEq)]
struct Meta {
    size: usize,
    checksum: u32,
    mtime: u64,
}

fn adler32(data: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    for chunk in data.chunks(16) {
        for &byte in chunk {
            a = (a + byte as u32) % 65521;
            b = (b + a) % 65521;
        }
    }
    (b << 16) | a
}

#[derive(Debug)]
enum IoError {
    PermissionDenied(String),
}

#[derive(Debug)]
enum RemoteError {
    Quota { used: usize, limit: usize },
    NotFound(String),
}

#[derive(Debug)]
enum SyncError {
    Io(IoError),
    Remote(RemoteError),
}

impl From<IoError> for SyncError {
    fn from(e: IoError) -> Self {
        SyncError::Io(e)
    }
}

impl From<RemoteError> for SyncError {
    fn from(e: RemoteError) -> Self {
        SyncError::Remote(e)
    }
}

fn walk<'a>(node: &'a Node, prefix: String, out: &'a mut BTreeMap<String, Meta>) -> Pin<Box<dyn Future<Output = Result<(), IoError>> + 'a>> {
    Box::pin(async move {
        match node {
            Node::File { data, mtime } => {
                Io(1).await;
                if prefix.ends_with(".lock") {
                    return Err(IoError::PermissionDenied(prefix));
                }
                out.insert(prefix, Meta { size: data.len(), checksum: adler32(data), mtime: *mtime });
            }
            Node::Dir(children) => {
                for (name, child) in children {
                    if name.starts_with('.') {
                        continue;
                    }
                    let path = if prefix.is_empty() { name.clone() } else { format!("{}/{}", prefix, name) };
                    walk(child, path, out).await?;
                }
            }
        }
        Ok(())
    })
}

struct RemoteStore {
    objects: BTreeMap<String, (Vec<u8>, u64)>,
    quota: usize,
}

impl RemoteStore {
    fn used(&self) -> usize {
        self.objects.values().map(|(d, _)| d.len()).sum()
    }

    async fn manifest(&self) -> BTreeMap<String, Meta> {
        Io(2).await;
        self.objects.iter().map(|(k, (d, m))| (k.clone(), Meta { size: d.len(), checksum: adler32(d), mtime: *m })).collect()
    }

    async fn put(&mut self, path: &str, data: Vec<u8>, mtime: u64) -> Result<(), RemoteError> {
        Io(2).await;
        let used = self.used() - self.objects.get(path).map_or(0, |(d, _)| d.len());
        if used + data.len() > self.quota {
            return Err(RemoteError::Quota { used, limit: self.quota });
        }
        self.objects.insert(path.to_string(), (data, mtime));
        Ok(())
    }

    async fn get(&self, path: &str) -> Result<Vec<u8>, RemoteError> {
        Io(1).await;
        self.objects.get(path).map(|(d, _)| d.clone()).ok_or_else(|| RemoteError::NotFound(path.to_string()))
    }
}

#[derive(Debug, PartialEq)]
enum Action {
    Upload(String),
    Download(String),
    Conflict { path: String, keep_local: bool },
}

fn plan(local: &BTreeMap<String, Meta>, remote: &BTreeMap<String, Meta>) -> Vec<Action> {
    let mut actions = Vec::new();
    for (path, lm) in local {
        match remote.get(path) {
            None => actions.push(Action::Upload(path.clone())),
            Some(rm) if rm.checksum == lm.checksum => {}
            Some(rm) => actions.push(Action::Conflict { path: path.clone(), keep_local: lm.mtime >= rm.mtime }),
        }
    }
    actions.extend(remote.keys().filter(|p| !local.contains_key(*p)).map(|p| Action::Download(p.clone())));
    actions
}

fn read_local<'a>(root: &'a Node, path: &str) -> Option<(&'a Vec<u8>, u64)> {
    let mut node = root;
    for part in path.split('/') {
        node = match node {
            Node::Dir(children) => children.get(part)?,
            Node::File { .. } => return None,
        };
    }
    match node {
        Node::File { data, mtime } => Some((data, *mtime)),
        Node::Dir(_) => None,
    }
}

async fn sync(root: &Node, remote: &mut RemoteStore) -> Result<Vec<String>, SyncError> {
    let mut local = BTreeMap::new();
    walk(root, String::new(), &mut local).await?;
    let remote_manifest = remote.manifest().await;
    let mut log = Vec::new();
    for action in plan(&local, &remote_manifest) {
        let (path, upload) = match action {
            Action::Upload(p) | Action::Conflict { path: p, keep_local: true } => (p, true),
            Action::Download(p) | Action::Conflict { path: p, keep_local: false } => (p, false),
        };
        if upload {
            let (data, mtime) = read_local(root, &path).expect("walked file exists");
            match remote.put(&path, data.clone(), mtime).await {
                Ok(()) => log.push(format!("up   {} ({} bytes)", path, data.len())),
                Err(RemoteError::Quota { used, limit }) => log.push(format!("skip {}: quota {}/{}", path, used, limit)),
                Err(e) => return Err(e.into()),
            }
        } else {
            let bytes = remote.get(&path).await?;
            log.push(format!("down {} ({} bytes, adler {:08x})", path, bytes.len(), adler32(&bytes)));
        }
    }
    Ok(log)
}

fn file(s: &str, mtime: u64) -> Node {
    Node::File { data: s.as_bytes().to_vec(), mtime }
}

fn dir<const N: usize>(entries: [(&str, Node); N]) -> Node {
    Node::Dir(entries.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
}

fn main() {
    let root = dir([
        ("README.md", file("# project\nsync me", 10)),
        (".git", dir([("HEAD", file("ref: main", 1))])),
        ("src", dir([("main.rs", file("fn main() {}", 30)), ("lib.rs", file("pub mod a;", 5))])),
        ("assets", dir([("logo.svg", file(&"<svg/>".repeat(20), 12))])),
    ]);
    let mut remote = RemoteStore { objects: BTreeMap::new(), quota: 100 };
    remote.objects.insert("src/lib.rs".into(), (b"pub mod b;".to_vec(), 9));
    remote.objects.insert("src/main.rs".into(), (b"fn main() { old }".to_vec(), 20));
    remote.objects.insert("docs/guide.md".into(), (b"guide".to_vec(), 3));
    match block_on(sync(&root, &mut remote)) {
        Ok(log) => log.iter().for_each(|l| println!("{}", l)),
        Err(SyncError::Io(IoError::PermissionDenied(p))) => println!("cannot read {}", p),
        Err(e) => println!("sync failed: {:?}", e),
    }
    let locked = dir([("db.lock", file("pid=1", 1))]);
    let res = block_on(sync(&locked, &mut remote));
    println!("locked tree -> {:?}; remote now holds {} objects, {} bytes", res.err(), remote.objects.len(), remote.used());
}
