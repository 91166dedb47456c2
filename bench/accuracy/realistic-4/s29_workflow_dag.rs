//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! DAG workflow scheduler: runs ready tasks with bounded parallelism, retries, passes outputs and skips dependents.

use std::collections::{BTreeMap, HashMap};
use std::future::{Future, poll_fn};
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

type TaskFuture = Pin<Box<dyn Future<Output = Result<String, String>>>>;

struct Work(u32);

impl Future for Work {
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
    let mut fut = std::pin::pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum State {
    Pending,
    Running { attempt: u32 },
    Succeeded(String),
    Failed(String),
    Skipped,
}

#[derive(Debug, Clone)]
enum Kind {
    Extract { rows: u32 },
    Transform { factor: u32 },
    Load { flaky_until: u32 },
    Report,
}

struct TaskSpec {
    name: &'static str,
    deps: Vec<&'static str>,
    kind: Kind,
    max_attempts: u32,
}

async fn execute(kind: Kind, inputs: Vec<String>, attempt: u32) -> Result<String, String> {
    match kind {
        Kind::Extract { rows } => {
            Work(rows / 10).await;
            if rows == 0 { Err("source returned no rows".into()) } else { Ok(rows.to_string()) }
        }
        Kind::Transform { factor } => {
            let total: u32 = inputs.iter().map(|s| s.parse::<u32>().map_err(|e| format!("bad input '{s}': {e}"))).sum::<Result<u32, String>>()?;
            Work(2).await;
            Ok((total * factor).to_string())
        }
        Kind::Load { flaky_until } => {
            Work(3).await;
            if attempt <= flaky_until {
                return Err(format!("warehouse timeout (attempt {attempt})"));
            }
            Ok(format!("loaded {}", inputs.join("+")))
        }
        Kind::Report => {
            Work(1).await;
            Ok(inputs.join(" | "))
        }
    }
}

struct Scheduler {
    specs: Vec<TaskSpec>,
    states: Vec<State>,
    parallelism: usize,
    peak: usize,
}

impl Scheduler {
    fn index_of(&self, name: &str) -> Option<usize> {
        self.specs.iter().position(|s| s.name == name)
    }

    fn next_ready(&self) -> Option<usize> {
        (0..self.specs.len()).find(|&i| {
            self.states[i] == State::Pending && self.specs[i].deps.iter().all(|d| self.index_of(d).is_some_and(|j| matches!(self.states[j], State::Succeeded(_))))
        })
    }

    fn skip_dependents(&mut self, failed: &str) -> Vec<&'static str> {
        let mut skipped = Vec::new();
        let mut frontier = vec![failed.to_string()];
        while let Some(f) = frontier.pop() {
            for i in 0..self.specs.len() {
                if self.states[i] == State::Pending && self.specs[i].deps.contains(&f.as_str()) {
                    self.states[i] = State::Skipped;
                    skipped.push(self.specs[i].name);
                    frontier.push(self.specs[i].name.to_string());
                }
            }
        }
        skipped
    }

    fn launch(&mut self, i: usize, attempt: u32) -> TaskFuture {
        let inputs: Vec<String> = self.specs[i]
            .deps
            .iter()
            .filter_map(|d| self.index_of(d))
            .filter_map(|j| if let State::Succeeded(out) = &self.states[j] { Some(out.clone()) } else { None })
            .collect();
        self.states[i] = State::Running { attempt };
        Box::pin(execute(self.specs[i].kind.clone(), inputs, attempt))
    }

    async fn run(&mut self, mut on_finish: impl AsyncFnMut(&str, &State)) -> BTreeMap<&'static str, State> {
        let mut running: Vec<(usize, TaskFuture)> = Vec::new();
        loop {
            while running.len() < self.parallelism && let Some(i) = self.next_ready() {
                let fut = self.launch(i, 1);
                running.push((i, fut));
            }
            self.peak = self.peak.max(running.len());
            if running.is_empty() {
                break;
            }
            let (slot, result) = poll_fn(|cx| {
                for (slot, (_, fut)) in running.iter_mut().enumerate() {
                    if let Poll::Ready(r) = fut.as_mut().poll(cx) {
                        return Poll::Ready((slot, r));
                    }
                }
                Poll::Pending
            })
            .await;
            let (i, _) = running.swap_remove(slot);
            let State::Running { attempt } = self.states[i] else { unreachable!("finished task was not running") };
            match result {
                Ok(out) => self.states[i] = State::Succeeded(out),
                Err(e) if attempt < self.specs[i].max_attempts => {
                    let fut = self.launch(i, attempt + 1);
                    running.push((i, fut));
                    continue;
                }
                Err(e) => {
                    self.states[i] = State::Failed(e);
                    let name = self.specs[i].name;
                    for s in self.skip_dependents(name) {
                        on_finish(s, &State::Skipped).await;
                    }
                }
            }
            on_finish(self.specs[i].name, &self.states[i]).await;
        }
        self.specs.iter().map(|s| s.name).zip(self.states.iter().cloned()).collect()
    }
}

fn build(spec: &str) -> Vec<TaskSpec> {
    spec.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .filter_map(|line| {
            let (head, deps) = line.split_once("<-").map(|(h, d)| (h.trim(), d.trim())).unwrap_or((line, ""));
            let (name, kind) = head.split_once(':')?;
            let kind = match kind.split_whitespace().collect::<Vec<_>>()[..] {
                ["extract", n] => Kind::Extract { rows: n.parse().ok()? },
                ["transform", f] => Kind::Transform { factor: f.parse().ok()? },
                ["load", f] => Kind::Load { flaky_until: f.parse().ok()? },
                ["report"] => Kind::Report,
                _ => return None,
            };
            let name: &'static str = Box::leak(name.trim().to_string().into_boxed_str());
            let deps = deps.split(',').map(str::trim).filter(|d| !d.is_empty()).map(|d| &*Box::leak(d.to_string().into_boxed_str())).collect();
            Some(TaskSpec { name, deps, kind, max_attempts: 3 })
        })
        .collect()
}

fn main() {
    let dag = "
        users:extract 40
        orders:extract 120
        events:extract 0
        joined:transform 2 <- users, orders
        sessions:transform 5 <- events
        warehouse:load 2 <- joined
        lake:load 5 <- joined
        summary:report <- warehouse, users
        funnel:report <- sessions, lake";
    let specs = build(dag);
    let n = specs.len();
    let mut sched = Scheduler { specs, states: vec![State::Pending; n], parallelism: 2, peak: 0 };
    let mut timeline: Vec<String> = Vec::new();
    let results = block_on(sched.run(async |name: &str, state: &State| {
        Work(1).await;
        let tag = match state {
            State::Succeeded(_) => "ok",
            State::Failed(_) => "FAIL",
            State::Skipped => "skip",
            _ => "?",
        };
        timeline.push(format!("{name}:{tag}"));
    }));
    println!("order: {}", timeline.join(" "));
    for (name, state) in &results {
        println!("{name:<10} {state:?}");
    }
    println!("peak parallelism {}", sched.peak);
}
