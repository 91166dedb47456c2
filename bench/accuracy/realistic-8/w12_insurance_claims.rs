#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Insurance claims pipeline: intake parsing, policy verification, fraud scoring and payout decisions.

use std::collections::{BTreeMap, HashMap};
use std::error::Error;
use std::fmt;
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

#[derive(Debug)]
enum ClaimError {
    Parse(String),
    Amount(std::num::ParseIntError),
    PolicyLapsed { policy: String, since_day: u32 },
    NotCovered(&'static str),
    FraudHold(u8),
}

impl fmt::Display for ClaimError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self)
    }
}

impl Error for ClaimError {}

impl From<std::num::ParseIntError> for ClaimError {
    fn from(e: std::num::ParseIntError) -> Self {
        ClaimError::Amount(e)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Peril {
    Water,
    Fire,
    Theft,
    Flood,
}

#[derive(Debug, Clone)]
struct Claim {
    id: u32,
    policy: String,
    peril: Peril,
    amount_cents: u64,
    day: u32,
}

struct Policy {
    holder: String,
    active_until: u32,
    deductible_cents: u64,
    covered: Vec<Peril>,
    prior_claims: u32,
}

trait Adjuster {
    async fn assess(&self, claim: &Claim) -> u64;

    async fn second_opinion(&self, claim: &Claim, first: u64) -> u64 {
        Yield { left: 2 }.await;
        let again = self.assess(claim).await;
        (first + again) / 2
    }
}

struct DeskAdjuster;
struct FieldAdjuster {
    depreciation_pct: u64,
}

impl Adjuster for DeskAdjuster {
    async fn assess(&self, claim: &Claim) -> u64 {
        Yield { left: 1 }.await;
        claim.amount_cents * 9 / 10
    }
}

impl Adjuster for FieldAdjuster {
    async fn assess(&self, claim: &Claim) -> u64 {
        Yield { left: 3 }.await;
        claim.amount_cents * (100 - self.depreciation_pct) / 100
    }
}

fn parse_claim(line: &str) -> Result<Claim, ClaimError> {
    let fields: Vec<&str> = line.split(',').map(|f| f.trim()).collect();
    if fields.len() != 5 {
        return Err(ClaimError::Parse(format!("expected 5 fields, got {}", fields.len())));
    }
    let peril = match fields[2] {
        "water" => Peril::Water,
        "fire" => Peril::Fire,
        "theft" => Peril::Theft,
        "flood" => Peril::Flood,
        other => return Err(ClaimError::Parse(format!("unknown peril {other}"))),
    };
    Ok(Claim { id: fields[0].parse()?, policy: fields[1].to_string(), peril, amount_cents: fields[3].parse::<u64>()? * 100, day: fields[4].parse()? })
}

fn fraud_score(claim: Claim, prior: u32) -> Pin<Box<dyn Future<Output = u8> + Send>> {
    Box::pin(async move {
        Yield { left: 2 }.await;
        let mut score = (prior * 15).min(60) as u8;
        if claim.amount_cents > 2_000_000 {
            score += 25;
        }
        if claim.peril == Peril::Theft {
            Yield { left: 1 }.await;
            score += 10;
        }
        score
    })
}

async fn verify_policy(book: &Mutex<HashMap<String, Policy>>, claim: &Claim) -> Result<(u64, u32), ClaimError> {
    Yield { left: 1 }.await;
    let book = book.lock().unwrap();
    let p = book.get(&claim.policy).ok_or(ClaimError::Parse(format!("no policy {}", claim.policy)))?;
    if p.active_until < claim.day {
        return Err(ClaimError::PolicyLapsed { policy: claim.policy.clone(), since_day: p.active_until });
    }
    if !p.covered.contains(&claim.peril) {
        return Err(ClaimError::NotCovered("peril excluded by policy"));
    }
    Ok((p.deductible_cents, p.prior_claims))
}

async fn process<A: Adjuster>(line: &str, book: &Mutex<HashMap<String, Policy>>, adjuster: &A) -> Result<u64, ClaimError> {
    let claim = parse_claim(line)?;
    let (deductible, prior) = verify_policy(book, &claim).await?;
    let score = fraud_score(claim.clone(), prior).await;
    if score >= 50 {
        return Err(ClaimError::FraudHold(score));
    }
    let mut assessed = adjuster.assess(&claim).await;
    if assessed > 1_000_000 {
        assessed = adjuster.second_opinion(&claim, assessed).await;
    }
    if let Some(p) = book.lock().unwrap().get_mut(&claim.policy) {
        p.prior_claims += 1;
    }
    Ok(assessed.saturating_sub(deductible))
}

async fn run_batch(lines: &[&str], book: Arc<Mutex<HashMap<String, Policy>>>) -> Result<BTreeMap<u32, String>, Box<dyn Error>> {
    let desk = DeskAdjuster;
    let field = FieldAdjuster { depreciation_pct: 20 };
    let mut outcomes = BTreeMap::new();
    for (i, line) in lines.iter().enumerate() {
        let res = if line.contains("fire") { process(line, &book, &field).await } else { process(line, &book, &desk).await };
        let text = match res {
            Ok(payout) => format!("pay {}.{:02}", payout / 100, payout % 100),
            Err(ClaimError::FraudHold(s)) => {
                Yield { left: 1 }.await;
                format!("held for SIU review (score {s})")
            }
            Err(ClaimError::Amount(e)) => return Err(Box::new(ClaimError::Amount(e))),
            Err(e) => format!("denied: {e}"),
        };
        outcomes.insert(i as u32 + 1, text);
    }
    Ok(outcomes)
}

fn main() {
    let mut policies = HashMap::new();
    policies.insert("HO-1".to_string(), Policy { holder: "Ng".into(), active_until: 365, deductible_cents: 50_000, covered: vec![Peril::Water, Peril::Fire, Peril::Theft], prior_claims: 0 });
    policies.insert("HO-2".to_string(), Policy { holder: "Diaz".into(), active_until: 100, deductible_cents: 100_000, covered: vec![Peril::Fire], prior_claims: 3 });
    let book = Arc::new(Mutex::new(policies));
    let lines = ["1, HO-1, water, 4200, 20", "2, HO-1, fire, 18000, 40", "3, HO-2, fire, 900, 150", "4, HO-1, flood, 3000, 60", "5, HO-1, theft, 25000, 70", "6, HO-1, meteor, 10, 1", "7, HO-1, water"];
    match block_on(run_batch(&lines, Arc::clone(&book))) {
        Ok(out) => out.iter().for_each(|(k, v)| println!("claim line {k}: {v}")),
        Err(e) => println!("batch aborted: {e}"),
    }
    let bad = ["8, HO-1, water, lots, 3"];
    println!("{:?}", block_on(run_batch(&bad, book.clone())).map_err(|e| e.to_string()));
    let c = parse_claim("9, HO-1, water, 100, 5").unwrap();
    println!("second opinion: {}", block_on(DeskAdjuster.second_opinion(&c, 5000)));
}
