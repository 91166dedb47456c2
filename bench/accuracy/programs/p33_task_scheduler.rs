#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]

use std::collections::BinaryHeap;
use std::cmp::Reverse;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Scheduled {
    due: u64,
    id: u32,
    name: String,
    every: Option<u64>,
}

struct Scheduler {
    queue: BinaryHeap<Reverse<Scheduled>>,
    clock: u64,
    ran: Vec<(u32, u64)>,
}

async fn sleep_until(t: u64) {}

async fn run_task(name: &str, at: u64) -> Result<u32, String> {
    match name {
        "backup" if at % 2 == 1 => Err("disk busy".into()),
        "backup" => Ok(3),
        "report" => Ok(1),
        _ => Ok(0),
    }
}

async fn notify_failure(id: u32, err: &str) {}

impl Scheduler {
    fn add(&mut self, id: u32, name: &str, due: u64, every: Option<u64>) {
        self.queue.push(Reverse(Scheduled { due, id, name: name.to_string(), every }));
    }

    async fn tick(&mut self) -> Option<u64> {
        let Reverse(next) = self.queue.pop()?;
        if next.due > self.clock {
            sleep_until(next.due).await;
            self.clock = next.due;
        }
        let result = run_task(&next.name, self.clock).await;
        match result {
            Ok(units) => self.ran.push((next.id, self.clock)),
            Err(ref e) => notify_failure(next.id, e).await,
        }
        if let Some(period) = next.every {
            let mut again = next.clone();
            again.due = self.clock + period;
            self.queue.push(Reverse(again));
        }
        Some(self.clock)
    }

    async fn run_until(&mut self, deadline: u64) -> usize {
        let mut steps = 0;
        while let Some(Reverse(peek)) = self.queue.peek() {
            if peek.due > deadline {
                break;
            }
            if self.tick().await.is_none() {
                break;
            }
            steps += 1;
        }
        steps
    }
}

async fn scheduler_main() -> usize {
    let mut s = Scheduler { queue: BinaryHeap::new(), clock: 0, ran: Vec::new() };
    s.add(1, "backup", 5, Some(10));
    s.add(2, "report", 3, None);
    s.add(3, "cleanup", 7, Some(4));
    let steps = s.run_until(30).await;
    let late = async move {
        let mut extra = 0;
        for (id, at) in s.ran.iter() {
            if *at > 20 {
                extra += 1;
            }
        }
        sleep_until(31).await;
        extra
    }
    .await;
    steps + late
}
