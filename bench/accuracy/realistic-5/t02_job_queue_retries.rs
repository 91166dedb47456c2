#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Background job queue with per-kind handlers, exponential retry backoff and a dead-letter queue.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::future::Future;
use std::pin::{pin, Pin};
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

struct Yield(u8);

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        match self.0 {
            0 => Poll::Ready(()),
            _ => {
                self.0 -= 1;
                cx.waker().wake_by_ref();
                Poll::Pending
            }
        }
    }
}

fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = pin!(f);
    let waker = Waker::noop();
    let mut cx = Context::from_waker(waker);
    loop {
        match f.as_mut().poll(&mut cx) {
            Poll::Ready(v) => break v,
            Poll::Pending => continue,
        }
    }
}

#[derive(Debug, Clone)]
struct Job {
    id: u32,
    kind: String,
    payload: String,
    attempts: u8,
    not_before: u64,
}

#[derive(Debug)]
enum JobError {
    Transient(String),
    Fatal(String),
    UnknownKind(String),
}

trait Handler {
    const KIND: &'static str;
    async fn handle(&self, job: &Job) -> Result<String, JobError>;
}

struct EmailHandler {
    flaky_every: u32,
    sent: Cell<u32>,
}

impl Handler for EmailHandler {
    const KIND: &'static str = "email";
    async fn handle(&self, job: &Job) -> Result<String, JobError> {
        Yield(2).await;
        let (to, subject) = job.payload.split_once('|').ok_or_else(|| JobError::Fatal("bad payload".into()))?;
        if !to.contains('@') {
            return Err(JobError::Fatal(format!("invalid recipient {to}")));
        }
        if (job.id + job.attempts as u32) % self.flaky_every == 0 {
            return Err(JobError::Transient("smtp 421".into()));
        }
        self.sent.set(self.sent.get() + 1);
        Ok(format!("mailed {to}: {subject}"))
    }
}

struct ResizeHandler;

impl Handler for ResizeHandler {
    const KIND: &'static str = "resize";
    async fn handle(&self, job: &Job) -> Result<String, JobError> {
        let dims: Vec<u32> = job.payload.split('x').map(|d| d.parse().map_err(|_| JobError::Fatal(format!("dim {d}")))).collect::<Result<_, _>>()?;
        let [w, h] = dims[..] else { return Err(JobError::Fatal("need WxH".into())) };
        let mut buf = [0u8; 512];
        for (i, b) in buf.iter_mut().enumerate() {
            *b = ((i as u32 * w + h) % 251) as u8;
        }
        Yield(3).await;
        if job.attempts == 0 && w > 4000 {
            return Err(JobError::Transient("oom, retry on bigger node".into()));
        }
        Ok(format!("resized to {w}x{h} checksum={}", buf.iter().map(|&b| b as u32).sum::<u32>()))
    }
}

struct Queue {
    ready: RefCell<VecDeque<Job>>,
    dead: RefCell<Vec<(Job, String)>>,
    done: RefCell<BTreeMap<u32, String>>,
    tick: Cell<u64>,
}

const MAX_ATTEMPTS: u8 = 4;

async fn run_one<H: Handler>(q: &Queue, handler: &H, mut job: Job) {
    match handler.handle(&job).await {
        Ok(msg) => {
            q.done.borrow_mut().insert(job.id, msg);
        }
        Err(JobError::Transient(why)) if job.attempts + 1 < MAX_ATTEMPTS => {
            job.attempts += 1;
            job.not_before = q.tick.get() + (1u64 << job.attempts);
            q.ready.borrow_mut().push_back(job);
        }
        Err(e) => q.dead.borrow_mut().push((job, format!("{e:?}"))),
    }
}

async fn pump(q: &Queue, email: &EmailHandler, resize: &ResizeHandler) -> usize {
    let mut processed = 0;
    loop {
        // pop in its own statement so the RefMut is released before the handler runs
        let next = q.ready.borrow_mut().pop_front();
        let Some(job) = next else { break };
        q.tick.set(q.tick.get() + 1);
        if job.not_before > q.tick.get() {
            q.ready.borrow_mut().push_back(job);
            Yield(1).await;
            continue;
        }
        processed += 1;
        match job.kind.as_str() {
            k if k == EmailHandler::KIND => run_one(q, email, job).await,
            k if k == ResizeHandler::KIND => run_one(q, resize, job).await,
            other => {
                let reason = format!("{:?}", JobError::UnknownKind(other.to_string()));
                q.dead.borrow_mut().push((job, reason));
            }
        }
    }
    processed
}

fn load(spec: &str) -> VecDeque<Job> {
    spec.lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let (kind, payload) = line.trim().split_once(' ')?;
            Some(Job { id: i as u32 + 1, kind: kind.into(), payload: payload.into(), attempts: 0, not_before: 0 })
        })
        .collect()
}

fn main() {
    let spec = "email ops@example.com|disk full\nresize 800x600\nemail nobody|hi\nresize 6000x4000\nfax 555-0101\nemail dev@example.com|deploy ok\nresize 12x\n";
    let q = Queue { ready: RefCell::new(load(spec)), dead: RefCell::new(vec![]), done: RefCell::new(BTreeMap::new()), tick: Cell::new(0) };
    let email = EmailHandler { flaky_every: 3, sent: Cell::new(0) };
    let resize = ResizeHandler;

    let summarize = async move |label: &'static str, n: usize| -> String {
        Yield(1).await;
        format!("[{label}] processed {n} attempts")
    };

    let report = block_on(async {
        let n = pump(&q, &email, &resize).await;
        summarize("queue", n).await
    });
    println!("{report}, emails sent {}", email.sent.get());
    for (id, msg) in q.done.borrow().iter() {
        println!("  ok #{id}: {msg}");
    }
    for (job, why) in q.dead.borrow().iter() {
        println!("  dead #{} ({}) after {} attempts: {why}", job.id, job.kind, job.attempts + 1);
    }
}
