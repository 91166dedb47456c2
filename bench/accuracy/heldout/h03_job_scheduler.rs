#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]
// Priority job scheduler: jobs are queued by priority and run with retries.

use std::collections::{BTreeMap, VecDeque};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Priority {
    Low = 0,
    Normal = 1,
    High = 2,
}

#[derive(Debug, Clone)]
struct Job {
    id: u64,
    name: String,
    priority: Priority,
    attempts: u8,
}

#[derive(Debug)]
enum JobOutcome {
    Done(u64),
    Failed { id: u64, reason: String },
    Skipped,
}

struct Scheduler {
    queues: BTreeMap<Priority, VecDeque<Job>>,
    max_attempts: u8,
    completed: Vec<u64>,
}

async fn execute(job: &Job) -> Result<u32, String> {
    if job.name.contains("flaky") && job.attempts < 2 {
        Err(format!("job {} timed out", job.id))
    } else {
        Ok(job.name.len() as u32)
    }
}

async fn sleep_ms(ms: u64) {
    let _ = ms;
}

impl Scheduler {
    fn submit(&mut self, job: Job) {
        self.queues.entry(job.priority).or_default().push_back(job);
    }

    fn next_job(&mut self) -> Option<Job> {
        for (_prio, queue) in self.queues.iter_mut().rev() {
            if let Some(job) = queue.pop_front() {
                return Some(job);
            }
        }
        None
    }

    async fn run_one(&mut self) -> JobOutcome {
        let mut job = match self.next_job() {
            Some(j) => j,
            None => return JobOutcome::Skipped,
        };
        loop {
            job.attempts += 1;
            let result = execute(&job).await;
            match result {
                Ok(_units) => {
                    self.completed.push(job.id);
                    return JobOutcome::Done(job.id);
                }
                Err(e) if job.attempts >= self.max_attempts => {
                    return JobOutcome::Failed { id: job.id, reason: e };
                }
                Err(_) => {
                    let backoff: u64 = 10 * (1u64 << job.attempts);
                    sleep_ms(backoff).await;
                }
            }
        }
    }

    async fn drain(&mut self) -> (usize, usize) {
        let mut ok = 0;
        let mut failed = 0;
        loop {
            match self.run_one().await {
                JobOutcome::Done(_) => ok += 1,
                JobOutcome::Failed { .. } => failed += 1,
                JobOutcome::Skipped => break,
            }
        }
        (ok, failed)
    }
}

pub async fn nightly_batch() -> usize {
    let mut sched = Scheduler { queues: BTreeMap::new(), max_attempts: 3, completed: vec![] };
    let names = ["reindex", "flaky-export", "cleanup", "emails"];
    for (i, name) in names.iter().enumerate() {
        let priority = if i == 0 { Priority::High } else if name.starts_with('f') { Priority::Low } else { Priority::Normal };
        sched.submit(Job { id: i as u64 + 1, name: name.to_string(), priority, attempts: 0 });
    }
    let warmup = async {
        sleep_ms(5).await;
        true
    };
    if warmup.await {
        println!("scheduler warm");
    }
    let (ok, failed) = sched.drain().await;
    assert!(ok + failed <= names.len());
    sched.completed.len()
}
