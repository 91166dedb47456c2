//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Models a water utility's billing run that ingests AMR meter reads, estimates missing reads, applies tiered tariffs and flags likely leaks.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::future::Future;
use std::num::ParseIntError;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = std::pin::pin!(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

struct Yield(u32);

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 == 0 {
            Poll::Ready(())
        } else {
            self.0 -= 1;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

async fn io_wait() {
    Yield(1).await
}

#[derive(Debug)]
enum BillingError {
    Field { line: usize, err: ParseIntError },
    Rollback { meter: String, from: u64, to: u64 },
    Missing(&'static str),
}

impl From<(usize, ParseIntError)> for BillingError {
    fn from((line, err): (usize, ParseIntError)) -> Self {
        BillingError::Field { line, err }
    }
}

impl fmt::Display for BillingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BillingError::Field { line, err } => write!(f, "line {line}: {err}"),
            BillingError::Rollback { meter, from, to } => write!(f, "meter {meter} went backwards {from} -> {to}"),
            BillingError::Missing(what) => write!(f, "missing {what}"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum ReadKind {
    Actual,
    Estimated,
}

#[derive(Debug, Clone)]
struct Read {
    day: u16,
    litres: u64,
    night_flow_lph: u16,
    kind: ReadKind,
}

#[derive(Debug, Clone)]
struct Account {
    id: String,
    tariff: Tariff,
    reads: Vec<Read>,
    concession: bool,
}

#[derive(Debug, Clone, Copy)]
enum Tariff {
    Residential,
    Commercial { meter_mm: u8 },
}

async fn ingest(csv: &str) -> Result<HashMap<String, Vec<Read>>, BillingError> {
    let mut by_meter: HashMap<String, Vec<Read>> = HashMap::new();
    let mut lines = csv.lines().enumerate().peekable();
    let header = lines.next().ok_or(BillingError::Missing("header"))?;
    while let Some((n, line)) = lines.next() {
        let cols: Vec<&str> = line.split(',').collect();
        let [meter, day, litres, night] = cols[..] else {
            continue;
        };
        let day: u16 = day.parse().map_err(|e| (n, e))?;
        let litres: u64 = litres.parse().map_err(|e| (n, e))?;
        let night_flow_lph = night.parse().map_err(|e| (n, e))?;
        by_meter.entry(meter.to_string()).or_default().push(Read { day, litres, night_flow_lph, kind: ReadKind::Actual });
        if lines.peek().map_or(false, |(i, _)| i % 4 == 0) {
            io_wait().await;
        }
    }
    Ok(by_meter)
}

async fn fill_gaps(meter: &str, mut reads: Vec<Read>) -> Result<Vec<Read>, BillingError> {
    reads.sort_by_key(|r| r.day);
    if let Some(w) = reads.windows(2).find(|w| w[1].litres < w[0].litres) {
        return Err(BillingError::Rollback { meter: meter.to_string(), from: w[0].litres, to: w[1].litres });
    }
    let mut out = Vec::with_capacity(reads.len() * 2);
    let mut iter = reads.into_iter().peekable();
    while let Some(r) = iter.next() {
        let next = iter.peek().cloned();
        out.push(r.clone());
        if let Some(n) = next {
            let gap = n.day - r.day;
            if gap > 7 {
                io_wait().await;
                let per_day = (n.litres - r.litres) / gap as u64;
                out.extend((1..gap / 7 + 1).map(|k| Read { day: r.day + k * 7, litres: r.litres + per_day * (k * 7) as u64, night_flow_lph: 0, kind: ReadKind::Estimated }).filter(|e| e.day < n.day));
            }
        }
    }
    Ok(out)
}

fn charge_cents(tariff: Tariff, kilolitres: f64, concession: bool) -> u64 {
    let usage = match tariff {
        Tariff::Residential => {
            let tier1 = kilolitres.min(20.0) * 210.0;
            let tier2 = (kilolitres - 20.0).clamp(0.0, 30.0) * 295.0;
            let tier3 = (kilolitres - 50.0).max(0.0) * 410.0;
            tier1 + tier2 + tier3
        }
        Tariff::Commercial { meter_mm } => kilolitres * 260.0 + meter_mm as f64 * 95.0,
    };
    let usage = if concession { usage * 0.75 } else { usage };
    usage.round() as u64 + 4_200
}

async fn bill(acct: Account) -> Result<(String, u64, Vec<&'static str>), BillingError> {
    let id = acct.id;
    let reads = fill_gaps(&id, acct.reads).await?;
    io_wait().await;
    let (first, last) = match (reads.first(), reads.last()) {
        (Some(f), Some(l)) if l.day > f.day => (f, l),
        _ => return Err(BillingError::Missing("two reads")),
    };
    let kl = (last.litres - first.litres) as f64 / 1000.0;
    let mut flags = Vec::new();
    let leaking = reads.windows(3).any(|w| w.iter().all(|r| r.kind == ReadKind::Actual && r.night_flow_lph > 15));
    if leaking {
        flags.push("continuous night flow: possible leak");
    }
    if reads.iter().filter(|r| r.kind == ReadKind::Estimated).count() * 2 > reads.len() {
        flags.push("mostly estimated");
    }
    let cents = charge_cents(acct.tariff, kl, acct.concession);
    Ok((id, cents, flags))
}

pub fn main() {
    let csv = "meter,day,litres,night_lph\n\
               W-1001,1,100000,0\nW-1001,30,118500,2\nW-1001,60,139000,0\n\
               W-2002,1,5000,20\nW-2002,8,9100,22\nW-2002,15,13300,25\nW-2002,22,17900,30\n\
               W-3003,1,900000,0\nW-3003,45,1150000,5\n\
               W-4004,1,5000,0\nW-4004,20,4000,0\n";
    let by_meter = match block_on(ingest(csv)) {
        Ok(m) => m,
        Err(e) => panic!("ingest failed: {e}"),
    };
    let bad = block_on(ingest("meter,day,litres,night\nW-9,1,x,0"));
    println!("bad file: {}", bad.err().map(|e| e.to_string()).unwrap_or_default());

    let tariffs: BTreeMap<&str, (Tariff, bool)> = [("W-1001", (Tariff::Residential, false)), ("W-2002", (Tariff::Residential, true)), ("W-3003", (Tariff::Commercial { meter_mm: 40 }, false)), ("W-4004", (Tariff::Residential, false))].into_iter().collect();
    let mut total = 0u64;
    for (meter, (tariff, concession)) in &tariffs {
        let Some(reads) = by_meter.get(*meter) else { continue };
        let acct = Account { id: meter.to_string(), tariff: *tariff, reads: reads.clone(), concession: *concession };
        match block_on(bill(acct)) {
            Ok((id, cents, flags)) if flags.is_empty() => {
                total += cents;
                println!("{id}: ${}.{:02}", cents / 100, cents % 100);
            }
            Ok((id, cents, flags)) => {
                total += cents;
                println!("{id}: ${}.{:02} HOLD {flags:?}", cents / 100, cents % 100);
            }
            Err(e) => println!("{meter}: exception {e}"),
        }
    }
    println!("run total ${:.2}", total as f64 / 100.0);
}
