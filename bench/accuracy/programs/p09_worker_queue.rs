#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]

use std::collections::VecDeque;

#[derive(Debug, Clone)]
enum Job {
    Resize { image_id: u32, width: u16, height: u16 },
    Email { to: String, subject: String },
    Cleanup(Vec<u32>),
}

#[derive(Debug, Default)]
struct Stats {
    done: u32,
    failed: u32,
    retried: u32,
}

async fn resize_image(id: u32, w: u16, h: u16) -> Result<usize, String> {
    if w == 0 || h == 0 {
        return Err(format!("bad size for {}", id));
    }
    Ok(w as usize * h as usize)
}

async fn send_email(to: &str, subject: &str) -> Result<(), String> {
    if to.contains('@') { Ok(()) } else { Err("invalid address".into()) }
}

async fn delete_file(id: u32) -> bool {
    id % 2 == 0
}

async fn run_job(job: &Job) -> Result<(), String> {
    match job {
        Job::Resize { image_id, width, height } => {
            let bytes = resize_image(*image_id, *width, *height).await?;
            println!("resized {} -> {} px", image_id, bytes);
        }
        Job::Email { to, subject } => send_email(to, subject).await?,
        Job::Cleanup(ids) => {
            let mut removed = 0;
            for id in ids {
                if delete_file(*id).await {
                    removed += 1;
                }
            }
            if removed == 0 && !ids.is_empty() {
                return Err("nothing removed".to_string());
            }
        }
    }
    Ok(())
}

struct Worker {
    name: String,
    queue: VecDeque<(Job, u8)>,
    stats: Stats,
}

impl Worker {
    async fn process_all(&mut self) {
        while let Some((job, tries)) = self.queue.pop_front() {
            let result = run_job(&job).await;
            match result {
                Ok(()) => self.stats.done += 1,
                Err(e) if tries < 3 => {
                    println!("[{}] retry {:?}: {}", self.name, job, e);
                    self.stats.retried += 1;
                    self.queue.push_back((job, tries + 1));
                }
                Err(e) => {
                    println!("[{}] giving up: {}", self.name, e);
                    self.stats.failed += 1;
                }
            }
        }
    }

    async fn finish(self) -> Stats {
        let name = self.name;
        let farewell = async move {
            println!("worker {} shutting down", name);
            name.len()
        };
        let _ = farewell.await;
        self.stats
    }
}

async fn run_workers() -> u32 {
    let jobs = vec![
        Job::Resize { image_id: 1, width: 640, height: 480 },
        Job::Email { to: "a@b.c".into(), subject: "hi".into() },
        Job::Cleanup(vec![1, 2, 3]),
    ];
    let mut w = Worker { name: "w1".to_string(), queue: jobs.into_iter().map(|j| (j, 0)).collect(), stats: Stats::default() };
    w.process_all().await;
    let stats = w.finish().await;
    stats.done
}
