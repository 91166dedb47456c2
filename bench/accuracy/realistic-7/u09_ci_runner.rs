//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! CI runner: parses a pipeline spec, resolves job dependencies, runs boxed step futures and caches artifacts.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::future::Future;
use std::pin::{Pin, pin};
use std::sync::{Arc, Mutex};
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

#[derive(Debug, Clone, PartialEq)]
enum StepStatus { Passed, Failed(i32), Skipped }

#[derive(Debug, Clone, Default)]
struct JobSpec { name: String, needs: Vec<String>, steps: Vec<String>, cache_key: Option<String> }

#[derive(Debug)]
enum CiError { MissingDependency { job: String, needs: String }, StepFailed { job: String, step: String, code: i32 } }

type StepFuture = Pin<Box<dyn Future<Output = StepStatus> + Send>>;
type SharedLog = Arc<Mutex<Vec<String>>>;

fn spawn_step(cmd: String, log: SharedLog) -> StepFuture {
    Box::pin(async move {
        let cost = cmd.split_whitespace().count() as u32;
        Yield { left: cost }.await;
        log.lock().unwrap().push(format!("$ {cmd}"));
        if cmd.starts_with("echo") {
            return StepStatus::Skipped;
        }
        Yield { left: 1 }.await;
        match cmd.find("exit ") {
            Some(pos) => StepStatus::Failed(cmd[pos + 5..].trim().parse().unwrap_or(1)),
            None => StepStatus::Passed,
        }
    })
}

fn parse_pipeline(spec: &str) -> Vec<JobSpec> {
    let mut jobs: Vec<JobSpec> = Vec::new();
    for line in spec.lines().map(str::trim_end).filter(|l| !l.trim().is_empty()) {
        if let Some(name) = line.strip_prefix("job ") {
            jobs.push(JobSpec { name: name.trim_end_matches(':').to_string(), ..Default::default() });
        } else if let Some(job) = jobs.last_mut() {
            let (key, value) = line.trim().split_once(':').unwrap_or(("run", line.trim()));
            match key {
                "needs" => job.needs = value.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect(),
                "cache" => job.cache_key = Some(value.trim().to_string()),
                _ => job.steps.push(value.trim().to_string()),
            }
        }
    }
    jobs
}

struct Runner {
    artifacts: Arc<Mutex<HashMap<String, Vec<u8>>>>,
    log: SharedLog,
    results: RefCell<BTreeMap<String, bool>>,
}

impl Runner {
    async fn restore_cache(&self, key: &str) -> Option<usize> {
        Yield { left: 2 }.await;
        if let Some(art) = self.artifacts.lock().unwrap().get(key) {
            Some(art.len())
        } else {
            None
        }
    }

    async fn run_job(&self, job: &JobSpec) -> Result<Duration, CiError> {
        let started = Instant::now();
        for dep in &job.needs {
            if self.results.borrow().get(dep) != Some(&true) {
                return Err(CiError::MissingDependency { job: job.name.clone(), needs: dep.clone() });
            }
        }
        if let Some(key) = &job.cache_key
            && let Some(size) = self.restore_cache(key).await
        {
            self.log.lock().unwrap().push(format!("{}: cache hit {key} ({size} bytes)", job.name));
            return Ok(started.elapsed());
        }
        for step in job.steps.iter() {
            let status = spawn_step(step.clone(), Arc::clone(&self.log)).await;
            match status {
                StepStatus::Failed(code) => {
                    return Err(CiError::StepFailed { job: job.name.clone(), step: step.clone(), code });
                }
                StepStatus::Passed | StepStatus::Skipped => {}
            }
        }
        if let Some(key) = &job.cache_key {
            Yield { left: 1 }.await;
            let blob: Vec<u8> = job.steps.iter().flat_map(|s| s.bytes()).collect();
            self.artifacts.lock().unwrap().insert(key.clone(), blob);
        }
        Ok(started.elapsed())
    }

    async fn run_pipeline(&self, jobs: &[JobSpec]) -> String {
        let report = async |name: &str, ok: bool, detail: String| {
            Yield { left: 1 }.await;
            self.results.borrow_mut().insert(name.to_string(), ok);
            format!("{:<8} {:<5} {detail}\n", name, if ok { "ok" } else { "FAIL" })
        };
        let mut done: HashSet<String> = HashSet::new();
        let mut out = String::new();
        let mut remaining: Vec<&JobSpec> = jobs.iter().collect();
        while !remaining.is_empty() {
            let (ready, blocked): (Vec<&JobSpec>, Vec<&JobSpec>) =
                remaining.into_iter().partition(|j| j.needs.iter().all(|n| done.contains(n)));
            if ready.is_empty() {
                for j in &blocked {
                    out.push_str(&report(&j.name, false, "unresolvable needs".into()).await);
                }
                break;
            }
            for job in ready {
                let line = match self.run_job(job).await {
                    Ok(took) => report(&job.name, true, format!("{} steps", job.steps.len())).await,
                    Err(e) => report(&job.name, false, format!("{e:?}")).await,
                };
                out.push_str(&line);
                done.insert(job.name.clone());
            }
            remaining = blocked;
        }
        out
    }
}

fn main() {
    let spec = "job build:\n  cache: target-v1\n  run: cargo build --release\n\
                job test:\n  needs: build\n  run: cargo test\n  run: echo done\n\
                job lint:\n  run: cargo clippy -- exit 3\n\
                job deploy:\n  needs: test, lint\n  run: ./deploy.sh prod\n\
                job docs:\n  needs: publish\n  run: mdbook build";
    let jobs = parse_pipeline(spec);
    let runner = Runner {
        artifacts: Arc::new(Mutex::new(HashMap::new())),
        log: Arc::new(Mutex::new(Vec::new())),
        results: RefCell::new(BTreeMap::new()),
    };
    let first = block_on(runner.run_pipeline(&jobs));
    let second = block_on(runner.run_job(&jobs[0]));
    let cached = block_on(runner.restore_cache("target-v1"));
    let st = block_on(spawn_step("make all exit 2".into(), Arc::clone(&runner.log)));
    print!("{first}");
    println!("rerun build: {:?} cached={cached:?} step={st:?}", second.is_ok());
    println!("log lines: {}", runner.log.lock().unwrap().len());
}
