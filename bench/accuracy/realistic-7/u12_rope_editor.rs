#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Rope-based text editor buffer: applies a stream of edit commands, keeps an undo stack and autosaves to async storage.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::Future;
use std::pin::{pin, Pin};
use std::rc::Rc;
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

const LEAF_MAX: usize = 8;
const UNDO_DEPTH: usize = 16;

#[derive(Debug, Clone)]
enum Rope {
    Leaf(String),
    Node { left: Option<Box<Rope>>, right: Option<Box<Rope>>, weight: usize },
}

impl Rope {
    fn from_str(s: &str) -> Rope {
        if s.len() <= LEAF_MAX {
            return Rope::Leaf(s.to_string());
        }
        let mid = s.len() / 2;
        Rope::Node {
            left: Some(Box::new(Rope::from_str(&s[..mid]))),
            right: Some(Box::new(Rope::from_str(&s[mid..]))),
            weight: mid,
        }
    }
    fn len(&self) -> usize {
        match self {
            Rope::Leaf(s) => s.len(),
            Rope::Node { right, weight, .. } => weight + right.as_ref().map_or(0, |r| r.len()),
        }
    }
    fn collect_into(&self, out: &mut String) {
        match self {
            Rope::Leaf(s) => out.push_str(s),
            Rope::Node { left, right, .. } => {
                if let Some(l) = left {
                    l.collect_into(out);
                }
                if let Some(r) = right {
                    r.collect_into(out);
                }
            }
        }
    }
    fn to_string(&self) -> String {
        let mut s = String::with_capacity(self.len());
        self.collect_into(&mut s);
        s
    }
    fn split_at(&self, idx: usize) -> (Rope, Rope) {
        let s = self.to_string();
        (Rope::from_str(&s[..idx]), Rope::from_str(&s[idx..]))
    }
    fn concat(a: Rope, b: Rope) -> Rope {
        let weight = a.len();
        Rope::Node { left: Some(Box::new(a)), right: Some(Box::new(b)), weight }
    }
}

#[derive(Debug, Clone)]
enum Edit {
    Insert { at: usize, text: String },
    Delete { at: usize, len: usize },
    Undo,
    Save,
}

struct Storage { saves: RefCell<Vec<(Instant, String)>>, latency: Cell<u32> }

impl Storage {
    async fn write(&self, contents: String) -> Result<usize, String> {
        Yield { left: self.latency.get() }.await;
        if contents.contains("\u{0}") {
            return Err("binary content".to_string());
        }
        let n = contents.len();
        self.saves.borrow_mut().push((Instant::now(), contents));
        Ok(n)
    }
}

struct Buffer {
    rope: Rope,
    undo: VecDeque<Rope>,
    dirty: bool,
    storage: Rc<Storage>,
}

impl Buffer {
    fn snapshot(&mut self) {
        if self.undo.len() == UNDO_DEPTH {
            self.undo.pop_front();
        }
        self.undo.push_back(self.rope.clone());
    }

    async fn apply(&mut self, edit: Edit) -> Result<(), String> {
        match edit {
            Edit::Insert { at, text } => {
                let at = at.min(self.rope.len());
                self.snapshot();
                let (l, r) = self.rope.split_at(at);
                Yield { left: 1 }.await;
                self.rope = Rope::concat(Rope::concat(l, Rope::from_str(&text)), r);
                self.dirty = true;
            }
            Edit::Delete { at, len } => {
                if at + len > self.rope.len() {
                    return Err(format!("delete {}..{} out of range", at, at + len));
                }
                self.snapshot();
                let (l, rest) = self.rope.split_at(at);
                let (_, r) = rest.split_at(len);
                self.rope = Rope::concat(l, r);
                self.dirty = true;
            }
            Edit::Undo => {
                let prev = self.undo.pop_back().ok_or_else(|| "nothing to undo".to_string())?;
                self.rope = prev;
                Yield { left: 1 }.await;
            }
            Edit::Save => {
                self.autosave().await?;
            }
        }
        Ok(())
    }

    async fn autosave(&mut self) -> Result<bool, String> {
        if !self.dirty {
            return Ok(false);
        }
        let storage = Rc::clone(&self.storage);
        let text = self.rope.to_string();
        let written = storage.write(text).await?;
        self.dirty = false;
        Ok(written > 0)
    }
}

fn parse_script(script: &str) -> Vec<Edit> {
    script
        .lines()
        .filter_map(|line| {
            let mut parts = line.splitn(3, ' ');
            match (parts.next()?, parts.next(), parts.next()) {
                ("i", Some(at), Some(text)) => Some(Edit::Insert { at: at.parse().ok()?, text: text.to_string() }),
                ("d", Some(at), Some(len)) => Some(Edit::Delete { at: at.parse().ok()?, len: len.parse().ok()? }),
                ("u", _, _) => Some(Edit::Undo),
                ("w", _, _) => Some(Edit::Save),
                _ => None,
            }
        })
        .collect()
}

async fn run_session(buf: &mut Buffer, script: &str) -> (usize, Vec<String>) {
    let edits = parse_script(script);
    let mut errors = Vec::new();
    let mut applied = 0;
    let mut it = edits.into_iter();
    while let Some(edit) = it.next() {
        match buf.apply(edit).await {
            Ok(()) => applied += 1,
            Err(e) => errors.push(e),
        }
        if applied % 3 == 0 {
            let _ = buf.autosave().await;
        }
    }
    (applied, errors)
}

fn main() {
    let storage = Rc::new(Storage { saves: RefCell::new(Vec::new()), latency: Cell::new(2) });
    let mut buf = Buffer { rope: Rope::from_str("fn main() { }"), undo: VecDeque::new(), dirty: false, storage: Rc::clone(&storage) };
    let script = "i 12 println!(\"hi\");\ni 0 // entry point\n\nd 0 3\nu\nd 200 5\nw\ni 0 #[inline]\nu\nu\nx bogus";
    let (applied, errors) = block_on(run_session(&mut buf, script));
    let saved = block_on(buf.autosave());
    let r = block_on(buf.apply(Edit::Insert { at: 0, text: "/* v2 */ ".into() }));
    let w = block_on(storage.write("direct".into()));
    println!("applied={} errors={:?} saved={:?} insert={:?} w={:?}", applied, errors, saved, r, w);
    println!("text: {}", buf.rope.to_string());
    println!("saves: {}", storage.saves.borrow().len());
}
