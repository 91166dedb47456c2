//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

mod rt {
    pub async fn sleep(_ms: u64) {}
    pub async fn yield_now() {}
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Priority {
    Low,
    Normal,
    High,
}

#[derive(Debug, Clone)]
pub struct Job {
    pub id: u64,
    pub kind: String,
    pub payload: Vec<u8>,
    pub attempts: u32,
    pub priority: Priority,
}

#[derive(Debug)]
pub enum JobError {
    Transient(String),
    Fatal(String),
}

#[derive(Default)]
struct QueueState {
    ready: VecDeque<Job>,
    dead: Vec<(Job, String)>,
    next_id: u64,
}

#[derive(Clone, Default)]
pub struct Queue {
    inner: Arc<Mutex<QueueState>>,
}

impl Queue {
    pub fn push(&self, kind: &str, payload: Vec<u8>, priority: Priority) -> u64 {
        let mut st = self.inner.lock().unwrap();
        st.next_id += 1;
        let id = st.next_id;
        let job = Job { id, kind: kind.to_string(), payload, attempts: 0, priority };
        if priority == Priority::High {
            st.ready.push_front(job);
        } else {
            st.ready.push_back(job);
        }
        id
    }

    fn pop(&self) -> Option<Job> {
        self.inner.lock().unwrap().ready.pop_front()
    }

    pub fn drain_dead(&self) -> Vec<(Job, String)> {
        std::mem::take(&mut self.inner.lock().unwrap().dead)
    }
}

async fn run_job(job: &Job) -> Result<usize, JobError> {
    match job.kind.as_str() {
        "resize" => {
            rt::sleep(10).await;
            Ok(job.payload.len())
        }
        "email" if job.payload.is_empty() => Err(JobError::Fatal("empty email body".into())),
        "email" => {
            let text = std::str::from_utf8(&job.payload).map_err(|e| JobError::Fatal(e.to_string()))?;
            rt::sleep(3).await;
            Ok(text.lines().count())
        }
        other => Err(JobError::Transient(format!("no worker for {other}"))),
    }
}

pub async fn worker(queue: &Queue, max_attempts: u32, budget: Duration) -> HashMap<String, usize> {
    let started = Instant::now();
    let mut processed: HashMap<String, usize> = HashMap::new();
    'outer: while let Some(mut job) = queue.pop() {
        job.attempts += 1;
        loop {
            if started.elapsed() > budget {
                queue.inner.lock().unwrap().ready.push_front(job);
                break 'outer;
            }
            match run_job(&job).await {
                Ok(n) => {
                    *processed.entry(job.kind.clone()).or_default() += n;
                    break;
                }
                Err(JobError::Transient(msg)) if job.attempts < max_attempts => {
                    job.attempts += 1;
                    rt::sleep(2u64.pow(job.attempts)).await;
                }
                Err(JobError::Transient(msg)) | Err(JobError::Fatal(msg)) => {
                    let Job { id, ref kind, attempts, .. } = job;
                    println!("job {id} ({kind}) failed after {attempts} attempts: {msg}");
                    queue.inner.lock().unwrap().dead.push((job, msg));
                    break;
                }
            }
        }
        rt::yield_now().await;
    }
    processed
}

pub async fn run_batch() -> (usize, usize) {
    let queue = Queue::default();
    queue.push("email", b"hi\nthere".to_vec(), Priority::Normal);
    queue.push("resize", vec![0; 4096], Priority::High);
    queue.push("email", Vec::new(), Priority::Low);
    queue.push("transcode", vec![1, 2, 3], Priority::Normal);
    let report = async |label: &str| -> usize {
        rt::yield_now().await;
        let n = queue.inner.lock().unwrap().ready.len();
        println!("{label}: {n} jobs ready");
        n
    };
    let before = report("before").await;
    let stats = worker(&queue, 3, Duration::from_secs(5)).await;
    let after = report("after").await;
    let total: usize = stats.values().sum();
    let dead = queue.drain_dead();
    for (Job { id, kind, .. }, reason) in &dead {
        println!("dead letter {id}: {kind} -> {reason}");
    }
    (total, dead.len())
}
