//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Crash report symbolicator: resolves module+offset frames in uploaded stack traces
//! against symbol tables from local debug files or a symbol server, then buckets crashes.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

struct Yield(bool);
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            Poll::Ready(())
        } else {
            self.0 = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}
async fn yield_now() {
    Yield(false).await
}
fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = Box::pin(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

#[derive(Debug)]
enum SymError {
    MalformedFrame(String),
    MissingModule(String),
}

#[derive(Clone, Debug)]
struct Symbol {
    start: u64,
    size: u64,
    name: String,
}

#[derive(Debug)]
struct Frame {
    index: usize,
    module: String,
    offset: u64,
}

type SymTable = Rc<Vec<Symbol>>;

trait SymbolSource {
    fn name(&self) -> &'static str;
    async fn fetch(&self, module: &str) -> Option<Vec<Symbol>>;
    async fn table(&self, module: &str) -> Result<SymTable, SymError> {
        let mut syms = self.fetch(module).await.ok_or_else(|| SymError::MissingModule(module.to_string()))?;
        syms.sort_by_key(|s| s.start);
        Ok(Rc::new(syms))
    }
}

struct DebugDir {
    files: HashMap<String, String>,
}

struct SymbolServer {
    tables: BTreeMap<String, Vec<(u64, u64, &'static str)>>,
    requests: RefCell<Vec<String>>,
}

impl SymbolSource for DebugDir {
    fn name(&self) -> &'static str {
        "debug-dir"
    }
    async fn fetch(&self, module: &str) -> Option<Vec<Symbol>> {
        let text = self.files.get(module)?;
        yield_now().await;
        text.lines()
            .map(|l| {
                let mut it = l.split_whitespace();
                let start = u64::from_str_radix(it.next()?.trim_start_matches("0x"), 16).ok()?;
                let size = it.next()?.parse().ok()?;
                Some(Symbol { start, size, name: it.collect::<Vec<_>>().join(" ") })
            })
            .collect()
    }
}

impl SymbolSource for SymbolServer {
    fn name(&self) -> &'static str {
        "symbol-server"
    }
    async fn fetch(&self, module: &str) -> Option<Vec<Symbol>> {
        self.requests.borrow_mut().push(module.to_string());
        yield_now().await;
        yield_now().await;
        let rows = self.tables.get(module)?;
        Some(rows.iter().map(|&(start, size, name)| Symbol { start, size, name: name.to_string() }).collect())
    }
}

fn parse_frames(report: &str) -> Result<Vec<Frame>, SymError> {
    report
        .lines()
        .filter(|l| l.trim_start().starts_with('#'))
        .map(|l| {
            let bad = || SymError::MalformedFrame(l.to_string());
            let (idx, rest) = l.trim().trim_start_matches('#').split_once(' ').ok_or_else(bad)?;
            let (module, off) = rest.trim().split_once("+0x").ok_or_else(bad)?;
            Ok(Frame { index: idx.parse().map_err(|_| bad())?, module: module.to_string(), offset: u64::from_str_radix(off, 16).map_err(|_| bad())? })
        })
        .collect()
}

fn resolve(table: &[Symbol], offset: u64) -> Option<&Symbol> {
    let pos = table.partition_point(|s| s.start <= offset);
    let cand = table.get(pos.checked_sub(1)?)?;
    (offset < cand.start + cand.size).then_some(cand)
}

struct Symbolicator<S> {
    source: S,
    cache: HashMap<String, SymTable>,
}

impl<S> Symbolicator<S>
where
    S: SymbolSource,
{
    async fn symbolicate(&mut self, report: &str) -> Result<Vec<String>, SymError> {
        let frames = parse_frames(report)?;
        let mut out = Vec::with_capacity(frames.len());
        for f in frames {
            let table = if let Some(t) = self.cache.get(&f.module)
                && !t.is_empty()
            {
                Rc::clone(t)
            } else {
                let t = self.source.table(&f.module).await?;
                self.cache.insert(f.module.clone(), Rc::clone(&t));
                t
            };
            let line = match resolve(&table, f.offset) {
                Some(sym) if f.offset == sym.start => format!("#{} {}!{}", f.index, f.module, sym.name),
                Some(sym) => format!("#{} {}!{}+{:#x}", f.index, f.module, sym.name, f.offset - sym.start),
                None => format!("#{} {}+{:#x} ??", f.index, f.module, f.offset),
            };
            out.push(line);
        }
        Ok(out)
    }
}

fn bucket_key(frames: &[String]) -> String {
    frames.iter().take(2).map(|f| f.split_once(' ').map_or(f.as_str(), |(_, r)| r)).collect::<Vec<_>>().join(" <- ")
}

pub fn main() {
    let mut files = HashMap::new();
    files.insert("libnet.so".to_string(), "0x1000 256 net::connect\n0x1100 512 net::read_frame\n0x2000 64 net::close".to_string());
    let mut local = Symbolicator { source: DebugDir { files }, cache: HashMap::new() };

    let mut tables = BTreeMap::new();
    tables.insert("app".to_string(), vec![(0x400, 0x80, "main"), (0x480, 0x200, "worker::run"), (0x800, 0x40, "panic_handler")]);
    tables.insert("libnet.so".to_string(), vec![(0x1000, 0x200, "net::connect")]);
    let mut remote = Symbolicator { source: SymbolServer { tables, requests: RefCell::new(vec![]) }, cache: HashMap::new() };

    let reports = [
        "thread 'io' crashed\n #0 libnet.so+0x1140\n #1 libnet.so+0x1000\n #2 libnet.so+0x9000",
        "#0 app+0x800\n#1 app+0x4f0\n#2 app+0x410\n#3 libnet.so+0x1010",
        "#0 app+0x800\n#1 app+0x4f0\n#2 app+0x404",
        "#0 libgpu.so+0x10",
        "#x app+zz",
    ];
    let mut buckets: BTreeMap<String, u32> = BTreeMap::new();
    for r in &reports[..1] {
        let res = block_on(local.symbolicate(r));
        println!("[{}] {:?}", local.source.name(), res);
    }
    for r in &reports[1..] {
        match block_on(remote.symbolicate(r)) {
            Ok(frames) => *buckets.entry(bucket_key(&frames)).or_default() += 1,
            Err(e) => println!("[{}] failed: {e:?}", remote.source.name()),
        }
    }
    println!("buckets: {buckets:#?}");
    println!("server requests: {:?}", remote.source.requests.borrow());
}
