//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Git-like content-addressed object store: blobs, trees and commits behind an async ObjectDb trait with loose and packed backends.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::pin::{Pin, pin};
use std::sync::RwLock;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

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

type ObjectId = [u8; 20];

#[derive(Debug, Clone, PartialEq)]
enum Object {
    Blob(Vec<u8>),
    Tree(Vec<(u32, String, ObjectId)>),
    Commit { tree: ObjectId, parents: Vec<ObjectId>, author: String, message: String },
}

fn hex(id: &ObjectId) -> String { id.iter().map(|b| format!("{b:02x}")).collect() }

fn unhex(s: &str) -> Option<ObjectId> {
    let mut id = [0u8; 20];
    for (i, slot) in id.iter_mut().enumerate() {
        *slot = u8::from_str_radix(s.get(i * 2..i * 2 + 2)?, 16).ok()?;
    }
    Some(id)
}

fn serialize(obj: &Object) -> Vec<u8> {
    let mut out = String::new();
    match obj {
        Object::Blob(data) => return [b"blob\n".as_slice(), data].concat(),
        Object::Tree(entries) => {
            out.push_str("tree\n");
            for (mode, name, id) in entries {
                out.push_str(&format!("{mode:o} {} {name}\n", hex(id)));
            }
        }
        Object::Commit { tree, parents, author, message } => {
            out.push_str(&format!("commit\ntree {}\n", hex(tree)));
            parents.iter().for_each(|p| out.push_str(&format!("parent {}\n", hex(p))));
            out.push_str(&format!("author {author}\n\n{message}"));
        }
    }
    out.into_bytes()
}

fn deserialize(raw: &[u8]) -> Option<Object> {
    if let Some(data) = raw.strip_prefix(b"blob\n") {
        return Some(Object::Blob(data.to_vec()));
    }
    let text = std::str::from_utf8(raw).ok()?;
    let mut lines = text.lines();
    match lines.next()? {
        "tree" => Some(Object::Tree(
            lines
                .filter_map(|l| {
                    let mut parts = l.splitn(3, ' ');
                    let mode = u32::from_str_radix(parts.next()?, 8).ok()?;
                    let id = unhex(parts.next()?)?;
                    Some((mode, parts.next()?.to_string(), id))
                })
                .collect(),
        )),
        "commit" => {
            let (header, message) = text.split_once("\n\n")?;
            let (mut tree, mut parents, mut author) = (None, Vec::new(), String::new());
            for line in header.lines().skip(1) {
                match line.split_once(' ')? {
                    ("tree", h) => tree = unhex(h),
                    ("parent", h) => parents.push(unhex(h)?),
                    ("author", a) => author = a.to_string(),
                    _ => {}
                }
            }
            Some(Object::Commit { tree: tree?, parents, author, message: message.to_string() })
        }
        _ => None,
    }
}

fn object_id(raw: &[u8]) -> ObjectId {
    let mut id = [0u8; 20];
    let mut h: u64 = 0xcbf29ce484222325;
    for (i, b) in raw.iter().enumerate() {
        h = (h ^ *b as u64).wrapping_mul(0x100000001b3);
        id[i % 20] ^= (h >> 24) as u8;
    }
    for (i, slot) in id.iter_mut().enumerate() {
        *slot ^= (h >> ((i % 8) * 8)) as u8;
    }
    id
}

trait ObjectDb {
    async fn read(&self, id: &ObjectId) -> Option<Object>;
    async fn write(&self, obj: Object) -> ObjectId;
    async fn contains(&self, id: &ObjectId) -> bool {
        Yield { left: 1 }.await;
        self.read(id).await.is_some()
    }
}

struct LooseStore { objects: RwLock<HashMap<ObjectId, Vec<u8>>>, writes: Cell<u32> }

struct PackedStore { objects: RefCell<BTreeMap<ObjectId, Object>> }

impl ObjectDb for LooseStore {
    async fn read(&self, id: &ObjectId) -> Option<Object> {
        Yield { left: 1 }.await;
        let raw = self.objects.read().unwrap().get(id).cloned()?;
        Yield { left: 1 }.await;
        deserialize(&raw)
    }
    async fn write(&self, obj: Object) -> ObjectId {
        let raw = serialize(&obj);
        let id = object_id(&raw);
        if self.objects.read().unwrap().contains_key(&id) {
            return id;
        }
        Yield { left: 2 }.await;
        self.objects.write().unwrap().insert(id, raw);
        self.writes.set(self.writes.get() + 1);
        id
    }
}

impl ObjectDb for PackedStore {
    async fn read(&self, id: &ObjectId) -> Option<Object> {
        Yield { left: 1 }.await;
        self.objects.borrow().get(id).cloned()
    }
    async fn write(&self, obj: Object) -> ObjectId {
        let id = object_id(&serialize(&obj));
        Yield { left: 1 }.await;
        self.objects.borrow_mut().insert(id, obj);
        id
    }
}

async fn commit_files<D: ObjectDb>(db: &D, files: &[(&str, &str)], parent: Option<ObjectId>, msg: &str) -> ObjectId {
    let write_blob = async |content: &str| db.write(Object::Blob(content.as_bytes().to_vec())).await;
    let mut entries = Vec::new();
    for (name, content) in files {
        let id = write_blob(content).await;
        entries.push((0o100644, name.to_string(), id));
    }
    entries.sort_by(|a, b| a.1.cmp(&b.1));
    let tree = db.write(Object::Tree(entries)).await;
    let commit = Object::Commit { tree, parents: parent.into_iter().collect(), author: "dev <dev@example.com>".into(), message: msg.into() };
    db.write(commit).await
}

async fn history<D>(db: &D, head: ObjectId) -> Vec<String>
where
    D: ObjectDb,
{
    let mut out = Vec::new();
    let mut cur = Some(head);
    while let Some(id) = cur {
        cur = None;
        if let Some(Object::Commit { parents, message, .. }) = db.read(&id).await
            && let Some(first) = parents.first()
        {
            out.push(format!("{} {}", &hex(&id)[..8], message));
            cur = Some(*first);
        } else {
            out.push(format!("{} (root)", &hex(&id)[..8]));
        }
    }
    out
}

fn read_text<D: ObjectDb>(db: &D, id: ObjectId) -> impl Future<Output = Option<String>> {
    async move {
        match db.read(&id).await? {
            Object::Blob(b) => String::from_utf8(b).ok(),
            other => Some(format!("<{}>", if matches!(other, Object::Tree(_)) { "tree" } else { "commit" })),
        }
    }
}

async fn checkout<D: ObjectDb>(db: &D, commit: ObjectId) -> BTreeMap<String, String> {
    let mut files = BTreeMap::new();
    let Some(Object::Commit { tree, .. }) = db.read(&commit).await else { return files };
    let Some(Object::Tree(entries)) = db.read(&tree).await else { return files };
    for (_, name, id) in entries.iter() {
        files.insert(name.clone(), read_text(db, *id).await.unwrap_or_default());
    }
    files
}

async fn exercise<D: ObjectDb>(db: &D, label: &str) -> String {
    let c1 = commit_files(db, &[("README.md", "# demo\n"), ("main.rs", "fn main() {}\n")], None, "initial import").await;
    let c2 = commit_files(db, &[("README.md", "# demo\nnow with docs\n"), ("main.rs", "fn main() {}\n")], Some(c1), "docs").await;
    let log = history(db, c2).await;
    let tree = checkout(db, c2).await;
    let has = db.contains(&c1).await;
    format!("[{label}] log={log:?} files={:?} has_c1={has}", tree.keys().collect::<Vec<_>>())
}

fn main() {
    let loose = LooseStore { objects: RwLock::new(HashMap::new()), writes: Cell::new(0) };
    let packed = PackedStore { objects: RefCell::new(BTreeMap::new()) };
    println!("{}", block_on(exercise(&loose, "loose")));
    println!("{}", block_on(exercise(&packed, "packed")));
    let id = block_on(loose.write(Object::Blob(b"hello".to_vec())));
    let text = block_on(read_text(&loose, id));
    let missing = block_on(packed.contains(&[7u8; 20]));
    let id2 = block_on(commit_files(&packed, &[("a.txt", "a")], None, "solo"));
    let h = block_on(history(&packed, id2));
    let co = block_on(checkout(&loose, id));
    let r = block_on(packed.read(&id2)).is_some();
    println!("blob={text:?} missing={missing} solo={h:?} co={} read={r} loose_writes={}", co.len(), loose.writes.get());
}
