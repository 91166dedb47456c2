#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Tracing spans: an in-process tracer with RAII span guards around async request handling, and a text exporter.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap};
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

#[derive(Debug, Clone)]
struct SpanRecord {
    id: u64,
    parent: Option<u64>,
    name: String,
    start: Instant,
    duration: Option<Duration>,
    attrs: Vec<(String, String)>,
}

#[derive(Default)]
struct Tracer {
    spans: RefCell<BTreeMap<u64, SpanRecord>>,
    stack: RefCell<Vec<u64>>,
    next_id: Cell<u64>,
}

struct SpanGuard {
    tracer: Rc<Tracer>,
    id: u64,
}

impl Tracer {
    fn start(self: &Rc<Self>, name: &str) -> SpanGuard {
        let id = self.next_id.get() + 1;
        self.next_id.set(id);
        let parent = self.stack.borrow().last().copied();
        let rec = SpanRecord { id, parent, name: name.to_string(), start: Instant::now(), duration: None, attrs: Vec::new() };
        self.spans.borrow_mut().insert(id, rec);
        self.stack.borrow_mut().push(id);
        SpanGuard { tracer: Rc::clone(self), id }
    }
}

impl SpanGuard {
    fn record(&self, key: &str, value: impl ToString) {
        if let Some(s) = self.tracer.spans.borrow_mut().get_mut(&self.id) {
            s.attrs.push((key.to_string(), value.to_string()));
        }
    }
}

impl Drop for SpanGuard {
    fn drop(&mut self) {
        if let Some(s) = self.tracer.spans.borrow_mut().get_mut(&self.id) {
            s.duration = Some(s.start.elapsed());
        }
        self.tracer.stack.borrow_mut().retain(|id| *id != self.id);
    }
}

async fn query_db(tracer: &Rc<Tracer>, sql: &str) -> Result<Vec<u32>, String> {
    let span = tracer.start("db.query");
    span.record("db.statement", sql);
    Yield { left: 2 }.await;
    if sql.contains("DROP") {
        span.record("error", true);
        return Err("statement not allowed".into());
    }
    let rows: Vec<u32> = sql.bytes().filter(|b| b.is_ascii_digit()).map(|b| (b - b'0') as u32).collect();
    span.record("db.rows", rows.len());
    Ok(rows)
}

async fn fetch_profile(tracer: &Rc<Tracer>, user: u32) -> String {
    let span = tracer.start("http.client");
    span.record("url", format!("http://profiles/{}", user));
    Yield { left: 1 }.await;
    let name = ["ada", "grace", "linus"][user as usize % 3].to_string();
    Yield { left: 1 }.await;
    name
}

async fn handle_request(tracer: Rc<Tracer>, path: &str) -> (u16, String) {
    let root = tracer.start("http.request");
    root.record("http.path", path);
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    let result = match segments.as_slice() {
        ["users", id] => match id.parse::<u32>() {
            Ok(uid) => {
                let name = fetch_profile(&tracer, uid).await;
                let orders = query_db(&tracer, &format!("SELECT * FROM orders WHERE user={}", uid)).await;
                match orders {
                    Ok(rows) => (200, format!("{} has {} orders", name, rows.len())),
                    Err(e) => (500, e),
                }
            }
            Err(_) => (400, format!("bad id {}", id)),
        },
        ["admin", "reset"] => {
            let r = query_db(&tracer, "DROP TABLE orders").await;
            (500, r.err().unwrap_or_default())
        }
        _ => {
            Yield { left: 1 }.await;
            (404, "not found".into())
        }
    };
    root.record("http.status", result.0);
    result
}

fn export(tracer: &Tracer) -> String {
    let spans = tracer.spans.borrow();
    let mut children: HashMap<Option<u64>, Vec<u64>> = HashMap::new();
    for s in spans.values() {
        children.entry(s.parent).or_default().push(s.id);
    }
    let mut out = String::new();
    let mut stack: Vec<(u64, usize)> = children.get(&None).map(|v| v.iter().rev().map(|id| (*id, 0)).collect()).unwrap_or_default();
    while let Some((id, depth)) = stack.pop() {
        let s = &spans[&id];
        let attrs: Vec<String> = s.attrs.iter().map(|(k, v)| format!("{}={}", k, v)).collect();
        out.push_str(&format!("{}{} [{}] closed={}\n", "  ".repeat(depth), s.name, attrs.join(" "), s.duration.is_some()));
        if let Some(kids) = children.get(&Some(id)) {
            stack.extend(kids.iter().rev().map(|k| (*k, depth + 1)));
        }
    }
    out
}

fn main() {
    let tracer = Rc::new(Tracer::default());
    let paths = ["/users/42", "/users/abc", "/admin/reset", "/nope"];
    let mut statuses = Vec::new();
    for p in paths.iter() {
        statuses.push(block_on(handle_request(Rc::clone(&tracer), p)));
    }
    let rows = block_on(query_db(&tracer, "SELECT 1, 2, 3"));
    let name = block_on(fetch_profile(&tracer, 7));
    print!("{}", export(&tracer));
    println!("statuses={:?}", statuses.iter().map(|s| s.0).collect::<Vec<_>>());
    println!("rows={:?} name={} open={}", rows, name, tracer.stack.borrow().len());
}
