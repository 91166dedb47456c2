#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Cooperative priority scheduler with aging: polls boxed task futures by effective priority within one block_on.

use std::cell::{Cell, RefCell};
use std::cmp::Ordering;
use std::collections::{BTreeMap, BinaryHeap, HashMap};
use std::future::{poll_fn, Future};
use std::pin::{pin, Pin};
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

struct Yield(u8);

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 == 0 {
            return Poll::Ready(());
        }
        self.0 -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

type TaskFuture<'a> = Pin<Box<dyn Future<Output = Result<String, String>> + 'a>>;

struct Task<'a> {
    id: usize,
    name: String,
    base: u8,
    waited: u32,
    fut: TaskFuture<'a>,
}

#[derive(PartialEq, Eq)]
struct Ready {
    effective: u32,
    id: usize,
}

impl Ord for Ready {
    fn cmp(&self, other: &Self) -> Ordering {
        self.effective.cmp(&other.effective).then_with(|| other.id.cmp(&self.id))
    }
}
impl PartialOrd for Ready {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

trait Job {
    fn name(&self) -> String;
    async fn run(self) -> Result<String, String>;
}

struct Backup {
    db: &'static str,
    chunks: u8,
}
struct Rebuild<const SHARDS: usize>;

impl Job for Backup {
    fn name(&self) -> String {
        format!("backup:{}", self.db)
    }
    async fn run(self) -> Result<String, String> {
        for c in 0..self.chunks {
            Yield(1).await;
        }
        Ok(format!("{} chunks", self.chunks))
    }
}

impl<const SHARDS: usize> Job for Rebuild<SHARDS> {
    fn name(&self) -> String {
        format!("rebuild:{SHARDS}")
    }
    async fn run(self) -> Result<String, String> {
        let mut done = [false; SHARDS];
        for i in 0..SHARDS {
            Yield(2).await;
            done[i] = i % 5 != 4;
        }
        match done.iter().position(|d| !d) {
            Some(bad) => Err(format!("shard {bad} failed")),
            None => Ok(format!("{SHARDS} shards")),
        }
    }
}

struct Scheduler<'a> {
    tasks: HashMap<usize, Task<'a>>,
    next_id: usize,
    trace: Vec<(usize, u32)>,
}

impl<'a> Scheduler<'a> {
    fn spawn_raw(&mut self, name: impl Into<String>, base: u8, fut: TaskFuture<'a>) -> usize {
        self.next_id += 1;
        self.tasks.insert(self.next_id, Task { id: self.next_id, name: name.into(), base, waited: 0, fut });
        self.next_id
    }

    fn spawn<J: Job + 'a>(&mut self, base: u8, job: J) -> usize {
        let name = job.name();
        self.spawn_raw(name, base, Box::pin(job.run()))
    }

    async fn run(mut self, aging_every: u32) -> (BTreeMap<String, Result<String, String>>, Vec<(usize, u32)>) {
        let mut finished = BTreeMap::new();
        while !self.tasks.is_empty() {
            let mut ready: BinaryHeap<Ready> = self.tasks.values().map(|t| Ready { effective: t.base as u32 * 10 + t.waited / aging_every, id: t.id }).collect();
            let Some(Ready { id, effective }) = ready.pop() else { break };
            self.trace.push((id, effective));
            for t in self.tasks.values_mut() {
                t.waited = if t.id == id { 0 } else { t.waited + 1 };
            }
            let task = self.tasks.get_mut(&id).expect("scheduled task exists");
            let polled = poll_fn(|cx| Poll::Ready(task.fut.as_mut().poll(cx))).await;
            if let Poll::Ready(result) = polled {
                let task = self.tasks.remove(&id).unwrap();
                finished.insert(format!("{:02}-{}", task.id, task.name), result);
            }
            Yield(0).await;
        }
        (finished, self.trace)
    }
}

fn main() {
    let audit = Rc::new(RefCell::new(Vec::<String>::new()));
    let log_sink = Rc::clone(&audit);
    // declared before the scheduler: spawned calls borrow the closure's captured state
    let notify = async move |msg: String| -> Result<String, String> {
        Yield(2).await;
        log_sink.borrow_mut().push(msg.clone());
        Ok(format!("notified: {msg}"))
    };
    let mut sched = Scheduler { tasks: HashMap::new(), next_id: 0, trace: Vec::new() };

    sched.spawn(1, Backup { db: "orders", chunks: 6 });
    sched.spawn(2, Rebuild::<4>);
    sched.spawn(2, Rebuild::<6>);
    sched.spawn(0, Backup { db: "analytics", chunks: 3 });
    sched.spawn_raw("notify", 3, Box::pin(notify("deploy started".to_string())));
    let shared = Rc::clone(&audit);
    sched.spawn_raw("gc", 0, Box::pin(async move {
        let held = shared.borrow();
        Yield(1).await; // read-only borrow held across a yield; nobody writes until notify, which runs earlier
        Ok(format!("gc saw {} audit entries", held.len()))
    }));

    let (finished, trace) = block_on(sched.run(4));
    for (name, res) in &finished {
        println!("{name:<18} {res:?}");
    }
    let first_low = trace.iter().position(|&(id, _)| id == 4).unwrap_or(usize::MAX);
    println!("{} scheduling decisions, low-priority backup first ran at step {first_low}", trace.len());
    println!("audit: {:?}", audit.borrow());
}
