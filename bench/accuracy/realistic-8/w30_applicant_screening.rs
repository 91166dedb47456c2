#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Applicant tracking: parses resumes, scores candidates against a job's requirements, and books interview slots.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};
use std::fmt::Write as _;
use std::future::Future;
use std::pin::{pin, Pin};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

fn noop_raw_waker() -> RawWaker {
    fn clone(_: *const ()) -> RawWaker {
        noop_raw_waker()
    }
    fn noop(_: *const ()) {}
    static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    RawWaker::new(std::ptr::null(), &VTABLE)
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let waker = unsafe { Waker::from_raw(noop_raw_waker()) };
    let mut cx = Context::from_waker(&waker);
    let mut fut = pin!(fut);
    loop {
        if let Poll::Ready(out) = fut.as_mut().poll(&mut cx) {
            return out;
        }
    }
}

struct Yield {
    left: u32,
}

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.left == 0 {
            Poll::Ready(())
        } else {
            self.left -= 1;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

#[derive(Debug, Clone)]
struct Referral {
    employee: String,
    via: Option<Box<Referral>>,
}

#[derive(Debug, Clone)]
struct Candidate {
    name: String,
    years: u8,
    skills: HashSet<String>,
    location: String,
    referral: Option<Box<Referral>>,
}

struct Job {
    title: &'static str,
    must: Vec<&'static str>,
    nice: Vec<&'static str>,
    min_years: u8,
    remote_ok: bool,
}

#[derive(Debug)]
enum Stage {
    Rejected { reason: String },
    PhoneScreen { score: u32, slot: Option<(u8, u8)> },
    Waitlisted(u32),
}

async fn fetch_resume(id: u32) -> Option<String> {
    Yield { left: 2 }.await;
    let text = match id {
        1 => "Name: Priya Raman\nYears: 7\nSkills: Rust, Tokio, PostgreSQL, Kubernetes\nLocation: Remote\nReferred-By: dana<-lee",
        2 => "Name: Tom Berg\nYears: 2\nSkills: Python, Django\nLocation: Oslo",
        3 => "Name: Ana Ruiz\nYears: 5\nSkills: rust, gRPC, kafka\nLocation: Berlin",
        4 => "Name: Ken Ito\nYears: 9\nSkills: Rust, PostgreSQL, gRPC, Kafka, Terraform\nLocation: Berlin\nReferred-By: sam",
        5 => "Years: eight",
        _ => return None,
    };
    Some(text.to_string())
}

fn parse_referral(s: &str) -> Option<Box<Referral>> {
    let mut chain = s.rsplit("<-").map(str::trim);
    let mut node: Option<Box<Referral>> = None;
    while let Some(name) = chain.next() {
        node = Some(Box::new(Referral { employee: name.to_string(), via: node }));
    }
    node
}

async fn parse_resume(text: &str) -> Result<Candidate, String> {
    let fields: HashMap<&str, &str> = text.lines().filter_map(|l| l.split_once(':')).map(|(k, v)| (k.trim(), v.trim())).collect();
    Yield { left: 1 }.await;
    let name = fields.get("Name").ok_or("missing name")?.to_string();
    let years = fields.get("Years").ok_or("missing years")?.parse::<u8>().map_err(|e| format!("years: {e}"))?;
    let skills = fields.get("Skills").map(|s| s.split(',').map(|x| x.trim().to_lowercase()).collect()).unwrap_or_default();
    let location = fields.get("Location").unwrap_or(&"unknown").to_string();
    let referral = fields.get("Referred-By").and_then(|r| parse_referral(r));
    Ok(Candidate { name, years, skills, location, referral })
}

async fn score(c: &Candidate, job: &Job) -> Result<u32, String> {
    Yield { left: 1 }.await;
    let missing: Vec<&&str> = job.must.iter().filter(|m| !c.skills.contains(**m)).collect();
    if !missing.is_empty() {
        return Err(format!("missing {:?}", missing));
    }
    if c.years < job.min_years {
        return Err(format!("{} years < {}", c.years, job.min_years));
    }
    if c.location == "Remote" && !job.remote_ok {
        return Err("on-site only".to_string());
    }
    let nice = job.nice.iter().filter(|n| c.skills.contains(**n)).count() as u32;
    let mut s = 50 + nice * 10 + (c.years.min(10) as u32) * 3;
    let mut r = c.referral.as_deref();
    let mut depth = 0;
    while let Some(node) = r {
        s += 10 / (depth + 1);
        depth += 1;
        r = node.via.as_deref();
    }
    Ok(s)
}

async fn book_slot(calendar: &Mutex<BTreeSet<(u8, u8)>>, interviewer_busy: &[(u8, u8)]) -> Option<(u8, u8)> {
    let slot = {
        let mut free = calendar.lock().unwrap();
        let found = free.iter().copied().find(|s| !interviewer_busy.contains(s));
        if let Some(s) = found {
            free.remove(&s);
        }
        found
    };
    Yield { left: 2 }.await;
    slot
}

async fn screen_pipeline(ids: &[u32], job: &Job, calendar: Arc<Mutex<BTreeSet<(u8, u8)>>>) -> BTreeMap<String, Stage> {
    let mut results = BTreeMap::new();
    let mut waitlist: VecDeque<(String, u32)> = VecDeque::new();
    let busy = [(1u8, 10u8), (2, 14)];
    for id in ids.iter() {
        let Some(text) = fetch_resume(*id).await else { continue };
        let cand = match parse_resume(&text).await {
            Ok(c) => c,
            Err(e) => {
                results.insert(format!("resume#{id}"), Stage::Rejected { reason: e });
                continue;
            }
        };
        let stage = match score(&cand, job).await {
            Err(reason) => Stage::Rejected { reason },
            Ok(s) if s >= 90 => Stage::PhoneScreen { score: s, slot: book_slot(&calendar, &busy).await },
            Ok(s) => {
                waitlist.push_back((cand.name.clone(), s));
                Stage::Waitlisted(s)
            }
        };
        results.insert(cand.name, stage);
    }
    results
}

fn main() {
    let job = Job { title: "Senior Backend Engineer", must: vec!["rust"], nice: vec!["postgresql", "kafka", "grpc", "kubernetes"], min_years: 4, remote_ok: false };
    let calendar = Arc::new(Mutex::new(BTreeSet::from([(1, 10), (1, 15), (2, 9)])));
    let results = block_on(screen_pipeline(&[1, 2, 3, 4, 5, 6], &job, Arc::clone(&calendar)));
    let mut report = String::new();
    for (name, stage) in results.iter() {
        writeln!(report, "{name:<12} {:?}", stage).unwrap();
    }
    print!("{report}");
    let remote_job = Job { remote_ok: true, ..job };
    let rescore = async |id: u32| {
        let text = fetch_resume(id).await?;
        let c = parse_resume(&text).await.ok()?;
        score(&c, &remote_job).await.ok()
    };
    println!("priya for remote role: {:?}", block_on(rescore(1)));
    println!("free slots left: {:?}", calendar.lock().unwrap());
}
