//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap};

mod rt {
    pub async fn sleep(_ms: u64) {}
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Schedule {
    Every(u64),
    Once(u64),
}

#[derive(Debug)]
pub struct Task {
    pub id: u32,
    pub name: String,
    pub schedule: Schedule,
    pub runs: u32,
    pub last_error: Option<String>,
}

fn parse_duration(s: &str) -> Option<u64> {
    let split = s.find(|c: char| !c.is_ascii_digit())?;
    let (num, unit) = s.split_at(split);
    let n: u64 = num.parse().ok()?;
    let scale = match unit {
        "ms" => 1,
        "s" => 1_000,
        "m" => 60_000,
        "h" => 3_600_000,
        _ => return None,
    };
    Some(n * scale)
}

pub fn parse_crontab(text: &str) -> Result<Vec<Task>, String> {
    let mut tasks = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.starts_with('#') {
            continue;
        }
        let mut words = line.split_whitespace();
        let schedule = match (words.next(), words.next().and_then(parse_duration)) {
            (None, _) => continue,
            (Some("every"), Some(ms)) if ms > 0 => Schedule::Every(ms),
            (Some("at"), Some(ms)) => Schedule::Once(ms),
            _ => return Err(format!("line {}: cannot parse {:?}", i + 1, line)),
        };
        let name = words.collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            return Err(format!("line {}: missing task name", i + 1));
        }
        tasks.push(Task { id: tasks.len() as u32 + 1, name, schedule, runs: 0, last_error: None });
    }
    Ok(tasks)
}

async fn execute(name: &str, now: u64) -> Result<u64, String> {
    match name {
        "backup" => {
            rt::sleep(200).await;
            Ok(200)
        }
        "report" if now % 2 == 0 => Err("report db busy".into()),
        _ => {
            rt::sleep(5).await;
            Ok(5)
        }
    }
}

pub struct Scheduler {
    now: Cell<u64>,
    tasks: RefCell<HashMap<u32, Task>>,
    timeline: RefCell<BTreeMap<u64, Vec<u32>>>,
}

impl Scheduler {
    pub fn new(tasks: Vec<Task>) -> Self {
        let mut timeline: BTreeMap<u64, Vec<u32>> = BTreeMap::new();
        for t in &tasks {
            let (Schedule::Every(at) | Schedule::Once(at)) = t.schedule;
            timeline.entry(at).or_default().push(t.id);
        }
        let tasks = tasks.into_iter().map(|t| (t.id, t)).collect();
        Scheduler { now: Cell::new(0), tasks: RefCell::new(tasks), timeline: RefCell::new(timeline) }
    }

    pub async fn run_until(&self, deadline: u64) -> u32 {
        let mut executed = 0;
        loop {
            let (at, ids) = {
                let mut tl = self.timeline.borrow_mut();
                let Some((&at, _)) = tl.iter().next() else { break };
                if at > deadline {
                    break;
                }
                (at, tl.remove(&at).unwrap_or_default())
            };
            if at > self.now.get() {
                rt::sleep(at - self.now.get()).await;
                self.now.set(at);
            }
            for id in ids {
                let name = match self.tasks.borrow().get(&id) {
                    Some(t) => t.name.clone(),
                    None => continue,
                };
                let result = execute(&name, at).await;
                let mut tasks = self.tasks.borrow_mut();
                let task = tasks.get_mut(&id).expect("task vanished");
                task.runs += 1;
                task.last_error = result.err();
                executed += 1;
                if let Schedule::Every(period) = task.schedule {
                    self.timeline.borrow_mut().entry(at + period).or_default().push(id);
                }
            }
        }
        executed
    }

    pub fn failing(&self) -> Vec<(String, String)> {
        let tasks = self.tasks.borrow();
        tasks.values().filter_map(|t| Some((t.name.clone(), t.last_error.clone()?))).collect()
    }
}

pub async fn nightly(crontab: &str) -> Result<(u32, usize), String> {
    let tasks = parse_crontab(crontab)?;
    let sched = Scheduler::new(tasks);
    let executed = sched.run_until(180_000).await;
    let failing = sched.failing();
    for (name, err) in &failing {
        println!("{name}: {err}");
    }
    Ok((executed, failing.len()))
}
