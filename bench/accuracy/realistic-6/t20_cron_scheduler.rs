#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Cron scheduler: parses five-field cron specs, computes upcoming fire times and runs due jobs with overlap protection.

use std::cell::{Cell, RefCell};
use std::collections::BTreeSet;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = std::pin::pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) { return v; }
    }
}

struct Yield(u32);
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 == 0 { Poll::Ready(()) } else { self.0 -= 1; cx.waker().wake_by_ref(); Poll::Pending }
    }
}

#[derive(Debug)]
enum CronError { FieldCount(usize), BadField { field: &'static str, text: String }, OutOfRange { field: &'static str, value: u32 } }

impl From<(&'static str, std::num::ParseIntError, &str)> for CronError {
    fn from((field, _e, text): (&'static str, std::num::ParseIntError, &str)) -> Self { CronError::BadField { field, text: text.to_string() } }
}

#[derive(Debug, Clone)]
struct Schedule { minutes: BTreeSet<u32>, hours: BTreeSet<u32>, dom: BTreeSet<u32>, months: BTreeSet<u32>, dow: BTreeSet<u32> }

fn parse_field(name: &'static str, text: &str, lo: u32, hi: u32) -> Result<BTreeSet<u32>, CronError> {
    let mut out = BTreeSet::new();
    for part in text.split(',') {
        let (range, step) = match part.split_once('/') {
            Some((r, s)) => (r, s.parse::<u32>().map_err(|e| (name, e, part))?),
            None => (part, 1),
        };
        let (a, b) = match range {
            "*" => (lo, hi),
            r if r.contains('-') => {
                let (x, y) = r.split_once('-').unwrap();
                (x.parse().map_err(|e| (name, e, part))?, y.parse().map_err(|e| (name, e, part))?)
            }
            r => { let v = r.parse().map_err(|e| (name, e, part))?; (v, if step > 1 { hi } else { v }) }
        };
        for v in [a, b] { if v < lo || v > hi { return Err(CronError::OutOfRange { field: name, value: v }); } }
        out.extend((a..=b).step_by(step as usize));
    }
    Ok(out)
}

fn parse(spec: &str) -> Result<Schedule, CronError> {
    let f: Vec<&str> = spec.split_whitespace().collect();
    let [m, h, dom, mon, dow] = f[..] else { return Err(CronError::FieldCount(f.len())) };
    Ok(Schedule {
        minutes: parse_field("minute", m, 0, 59)?, hours: parse_field("hour", h, 0, 23)?,
        dom: parse_field("dom", dom, 1, 31)?, months: parse_field("month", mon, 1, 12)?, dow: parse_field("dow", dow, 0, 6)?,
    })
}

impl Schedule {
    /// `t` is minutes since a Monday 00:00 on the 1st of January.
    fn matches(&self, t: u32) -> bool {
        let (minute, hour, day) = (t % 60, (t / 60) % 24, t / 1440);
        self.minutes.contains(&minute) && self.hours.contains(&hour) && self.dom.contains(&(day % 31 + 1)) && self.months.contains(&1) && self.dow.contains(&((day + 1) % 7))
    }
    fn next_after(&self, t: u32, horizon: u32) -> Option<u32> { (t + 1..t + horizon).find(|&c| self.matches(c)) }
}

type JobFn = Box<dyn Fn(u32) -> Pin<Box<dyn Future<Output = Result<String, String>>>>>;

struct Job { name: &'static str, sched: Schedule, run: JobFn, running: Rc<Cell<bool>>, skipped: Cell<u32> }

async fn run_job(job: &Job, now: u32) -> Option<Result<String, String>> {
    if job.running.replace(true) { job.skipped.set(job.skipped.get() + 1); return None; }
    let out = (job.run)(now).await;
    job.running.set(false);
    Some(out)
}

async fn rotate_logs(now: u32) -> Result<String, String> { Yield(2).await; Ok(format!("rotated at {:02}:{:02}", now / 60 % 24, now % 60)) }

async fn backup(now: u32, counter: Rc<Cell<u32>>) -> Result<String, String> {
    Yield(4).await;
    counter.set(counter.get() + 1);
    if counter.get() == 2 { Err("s3 timeout".into()) } else { Ok(format!("backup #{}", counter.get())) }
}

async fn cleanup_tmp(now: u32) -> Result<String, String> {
    Yield(1).await;
    let freed: u32 = (0..5).map(|i| (now / 60 + i) % 7 * 128).sum();
    Ok(format!("freed {freed} KiB"))
}

async fn dispatch_due(jobs: &[Job], t: u32) -> Vec<(&'static str, Result<String, String>)> {
    let mut out = Vec::new();
    for job in jobs.iter().filter(|j| j.sched.matches(t)) {
        if let Some(res) = run_job(job, t).await { out.push((job.name, res)); }
    }
    out
}

async fn upcoming(jobs: &[Job], from: u32) -> Vec<String> {
    Yield(1).await;
    jobs.iter().filter_map(|j| j.sched.next_after(from, 7 * 1440).map(|t| format!("{}@{}", j.name, fmt_t(t)))).collect()
}

fn fmt_t(t: u32) -> String { format!("d{} {:02}:{:02}", t / 1440, t / 60 % 24, t % 60) }

fn main() {
    let backups = Rc::new(Cell::new(0));
    let history = Rc::new(RefCell::new(Vec::<String>::new()));
    let specs: Vec<(&'static str, &str, JobFn)> = vec![
        ("rotate", "0 */6 * * *", Box::new(|t| Box::pin(rotate_logs(t)))),
        ("backup", "30 2,14 * * 1-5", { let b = backups.clone(); Box::new(move |t| Box::pin(backup(t, b.clone()))) }),
        ("cleanup", "15 3 * * *", Box::new(|t| Box::pin(cleanup_tmp(t)))),
        ("heartbeat", "*/20 9-10 * * *", Box::new(|t| Box::pin(async move { Yield(1).await; Ok(format!("ping {}", fmt_t(t))) }))),
    ];
    let bad = ["61 * * * *", "* * *", "*/x * * * *"].iter().map(|s| parse(s).map(|_| ())).collect::<Vec<_>>();
    println!("rejected specs: {bad:?}");
    let jobs: Vec<Job> = specs.into_iter().map(|(name, spec, run)| Job { name, sched: parse(spec).expect(spec), run, running: Rc::new(Cell::new(false)), skipped: Cell::new(0) }).collect();
    let h = history.clone();
    let fired = block_on(async move {
        let mut fired = 0;
        'clock: for t in 0..(2 * 1440) {
            for (name, res) in dispatch_due(&jobs, t).await {
                fired += 1;
                h.borrow_mut().push(format!("{} {:<9} {}", fmt_t(t), name, res.unwrap_or_else(|e| format!("FAILED: {e}"))));
                if fired >= 20 { break 'clock; }
            }
        }
        let next = upcoming(&jobs, 2 * 1440).await;
        h.borrow_mut().push(format!("next: {}", next.join(", ")));
        fired
    });
    for l in history.borrow().iter() { println!("{l}"); }
    assert_eq!(fired, 20);
    assert!(bad.iter().all(|r| r.is_err()));
    assert!(history.borrow().iter().any(|l| l.contains("FAILED: s3 timeout")));
}
