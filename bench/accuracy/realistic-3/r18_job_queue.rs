//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Background job queue: priorities, delayed retries, dead-letter queue, cooperative workers.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

mod rt {
    use std::future::Future;
    use std::pin::Pin;
    use std::task::{Context, Poll};
    pub struct Yield(u8);
    impl Future for Yield {
        type Output = ();
        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            if self.0 == 0 { Poll::Ready(()) } else { self.0 -= 1; cx.waker().wake_by_ref(); Poll::Pending }
        }
    }
    pub fn yield_now() -> Yield { Yield(1) }
    pub fn sleep(ms: u64) -> Yield { Yield(if ms > 100 { 2 } else { 1 }) }
}

#[derive(Debug, Clone)]
enum Payload { SendEmail { to: String, template: String }, ResizeImage { key: String, widths: Vec<u32> }, Reindex(u64) }

#[derive(Debug, Clone)]
struct Job { id: u64, priority: u8, attempts: u32, max_attempts: u32, run_at: u64, payload: Payload }

#[derive(Default)]
struct QueueState { ready: BTreeMap<(std::cmp::Reverse<u8>, u64), Job>, delayed: VecDeque<Job>, dead: Vec<(Job, String)>, done: HashMap<String, u32>, now: u64 }

#[derive(Clone, Default)]
struct Queue { state: Arc<Mutex<QueueState>> }

type JobFuture<'a> = Pin<Box<dyn Future<Output = Result<String, String>> + Send + 'a>>;

impl Queue {
    fn push(&self, job: Job) {
        let mut st = self.state.lock().unwrap();
        if job.run_at > st.now { st.delayed.push_back(job) } else { st.ready.insert((std::cmp::Reverse(job.priority), job.id), job); }
    }

    fn pop(&self) -> Option<Job> {
        let mut st = self.state.lock().unwrap();
        let now = st.now;
        let (due, later): (Vec<Job>, Vec<Job>) = std::mem::take(&mut st.delayed).into_iter().partition(|j| j.run_at <= now);
        st.delayed = later.into();
        for j in due { st.ready.insert((std::cmp::Reverse(j.priority), j.id), j); }
        st.ready.pop_first().map(|(_, j)| j)
    }

    fn execute(&self, job: &Job) -> JobFuture<'_> {
        let payload = job.payload.clone();
        let attempt = job.attempts;
        Box::pin(async move {
            match payload {
                Payload::SendEmail { to, template } => {
                    rt::sleep(30).await;
                    if !to.contains('@') { return Err(format!("invalid recipient {to}")); }
                    Ok(format!("email:{template}"))
                }
                Payload::ResizeImage { key, widths } => {
                    let mut out = Vec::with_capacity(widths.len());
                    for w in widths {
                        rt::yield_now().await;
                        out.push(format!("{key}@{w}w"));
                    }
                    Ok(format!("resize:{}", out.len()))
                }
                Payload::Reindex(shard) if shard % 2 == 1 && attempt < 2 => {
                    rt::sleep(200).await;
                    Err(format!("shard {shard} locked"))
                }
                Payload::Reindex(shard) => Ok("reindex".to_string()),
            }
        })
    }
}

async fn worker(name: &str, queue: Queue, budget: usize) -> usize {
    let mut processed = 0;
    while processed < budget {
        let Some(mut job) = queue.pop() else {
            let mut st = queue.state.lock().unwrap();
            if st.delayed.is_empty() { break; }
            st.now += 50; // idle: let the clock advance to the next delayed job
            continue;
        };
        job.attempts += 1;
        let result = queue.execute(&job).await;
        processed += 1;
        match result {
            Ok(kind) => *queue.state.lock().unwrap().done.entry(kind).or_insert(0) += 1,
            Err(e) if job.attempts < job.max_attempts => {
                let now = queue.state.lock().unwrap().now;
                job.run_at = now + 100 * 2u64.pow(job.attempts);
                queue.push(job);
            }
            Err(e) => queue.state.lock().unwrap().dead.push((job, format!("{name}: {e}"))),
        }
        rt::yield_now().await;
    }
    processed
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = std::pin::pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) { return v; }
    }
}

fn main() {
    let q = Queue::default();
    let mut id = 0;
    let mut next = |priority: u8, payload: Payload| { id += 1; Job { id, priority, attempts: 0, max_attempts: 3, run_at: 0, payload } };
    let jobs = vec![
        next(1, Payload::SendEmail { to: "ops@corp.example".into(), template: "digest".into() }),
        next(9, Payload::ResizeImage { key: "avatars/77.png".into(), widths: vec![64, 128, 512] }),
        next(5, Payload::Reindex(3)),
        next(5, Payload::Reindex(4)),
        next(3, Payload::SendEmail { to: "nobody".into(), template: "welcome".into() }),
    ];
    for j in jobs { q.push(j); }
    // Two workers sharing the queue, driven one after another in batches.
    let (a, b) = block_on(async {
        let a = worker("w1", q.clone(), 3).await;
        let b = worker("w2", q.clone(), 100).await;
        (a, b)
    });
    let st = q.state.lock().unwrap();
    let mut done: Vec<_> = st.done.iter().collect();
    done.sort();
    println!("w1={a} w2={b} done={done:?} dead={} clock={}", st.dead.len(), st.now);
    for (job, err) in &st.dead { println!("dead job {} after {} attempts: {err}", job.id, job.attempts); }
}
