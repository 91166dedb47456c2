//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Show jumping class scorer: takes penalties from the fence judges and times from the
//! timing beams, applies time-allowed faults and eliminations, and runs the jump-off.

use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

struct Yield(bool);
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 { return Poll::Ready(()); }
        self.0 = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}
async fn yield_now() { Yield(false).await }
fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = Box::pin(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) { return v; }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum ObstacleFault { Knockdown, FootInWater, Refusal, RunOut }

#[derive(Debug, Clone, PartialEq)]
enum JudgeCall { At { fence: u8, fault: ObstacleFault }, Fall { horse: bool }, WrongCourse(u8), Retired }

#[derive(Debug, Clone, PartialEq)]
enum RoundResult { Completed { faults: u32, time_cs: u32 }, Eliminated(String), Retired }

#[derive(Debug)]
enum TimingError { BeamNotArmed, NoFinish(String) }

trait Timer {
    async fn run_time_cs(&mut self, rider: &str) -> Result<u32, TimingError>;
}

struct BeamTimer { armed: bool, impulses: VecDeque<(String, u32, u32)> }
struct HandTimer { watches: HashMap<String, [u32; 3]> }

impl Timer for BeamTimer {
    async fn run_time_cs(&mut self, rider: &str) -> Result<u32, TimingError> {
        if !self.armed { return Err(TimingError::BeamNotArmed); }
        let mut idx = 0;
        while idx < self.impulses.len() {
            yield_now().await;
            if self.impulses[idx].0 == rider {
                let (_, start, finish) = self.impulses.remove(idx).expect("index checked");
                return Ok(finish - start);
            }
            idx += 1;
        }
        Err(TimingError::NoFinish(rider.to_string()))
    }
}

impl Timer for HandTimer {
    async fn run_time_cs(&mut self, rider: &str) -> Result<u32, TimingError> {
        yield_now().await;
        // take the median of three stopwatches, rounded up to the tenth as the rules require for hand timing
        let mut w = *self.watches.get(rider).ok_or_else(|| TimingError::NoFinish(rider.to_string()))?;
        w.sort_unstable();
        Ok((w[1] + 9) / 10 * 10)
    }
}

fn score_round(calls: &[JudgeCall], time_cs: u32, allowed_s: u32, limit_s: u32) -> RoundResult {
    let mut faults = 0;
    let mut disobediences = 0;
    for c in calls {
        match c {
            JudgeCall::At { fault: ObstacleFault::Knockdown | ObstacleFault::FootInWater, .. } => faults += 4,
            JudgeCall::At { fault: ObstacleFault::Refusal | ObstacleFault::RunOut, fence } => {
                disobediences += 1;
                if disobediences >= 2 { return RoundResult::Eliminated(format!("second disobedience at {fence}")); }
                faults += 4;
            }
            JudgeCall::Fall { horse } => return RoundResult::Eliminated(if *horse { "horse fall".into() } else { "rider fall".into() }),
            JudgeCall::WrongCourse(f) => return RoundResult::Eliminated(format!("error of course after {f}")),
            JudgeCall::Retired => return RoundResult::Retired,
        }
    }
    if time_cs > limit_s * 100 { return RoundResult::Eliminated("time limit exceeded".into()); }
    let over = time_cs.saturating_sub(allowed_s * 100);
    faults += (over + 99) / 100; // one fault per second or part thereof
    RoundResult::Completed { faults, time_cs }
}

fn parse_calls(sheet: &str) -> Vec<JudgeCall> {
    sheet.split(',').map(str::trim).filter(|s| !s.is_empty()).filter_map(|s| {
        let (kind, arg) = s.split_once(' ').unwrap_or((s, ""));
        let fence = arg.trim_end_matches(|c: char| c.is_ascii_alphabetic()).parse().unwrap_or(0);
        Some(match kind {
            "KD" => JudgeCall::At { fence, fault: ObstacleFault::Knockdown },
            "W" => JudgeCall::At { fence, fault: ObstacleFault::FootInWater },
            "R" => JudgeCall::At { fence, fault: ObstacleFault::Refusal },
            "RO" => JudgeCall::At { fence, fault: ObstacleFault::RunOut },
            "FALL" => JudgeCall::Fall { horse: arg == "horse" },
            "EOC" => JudgeCall::WrongCourse(fence),
            "RET" => JudgeCall::Retired,
            _ => return None,
        })
    }).collect()
}

async fn run_class<T: Timer>(timer: &mut T, order: &[(&str, &str)], allowed_s: u32) -> Vec<(String, RoundResult)> {
    let mut out = Vec::with_capacity(order.len());
    for (rider, sheet) in order {
        let calls = parse_calls(sheet);
        let time = match timer.run_time_cs(rider).await {
            Ok(t) => t,
            Err(TimingError::NoFinish(_)) if calls.iter().any(|c| matches!(c, JudgeCall::Retired | JudgeCall::Fall { .. })) => 0,
            Err(e) => { out.push((rider.to_string(), RoundResult::Eliminated(format!("timing: {e:?}")))); continue; }
        };
        out.push((rider.to_string(), score_round(&calls, time, allowed_s, allowed_s * 2)));
    }
    out
}

fn placings(results: &[(String, RoundResult)]) -> Vec<String> {
    let mut done: Vec<(&String, u32, u32)> = results.iter().filter_map(|(r, res)| match res {
        RoundResult::Completed { faults, time_cs } => Some((r, *faults, *time_cs)),
        _ => None,
    }).collect();
    done.sort_by_key(|&(_, f, t)| (f, t));
    done.iter().enumerate().map(|(i, (r, f, t))| format!("{}. {r} {f} faults {}.{:02}s", i + 1, t / 100, t % 100)).collect()
}

fn main() {
    let order = [
        ("Hughes / Ballinteer", ""), ("Okonkwo / Quiet Storm", "KD 5"), ("Berg / Lilly B", "R 7b, KD 9"),
        ("Laurent / Ocean", "R 3, RO 8"), ("Sato / Kenzo", "FALL rider"), ("Diaz / Amigo", ""), ("Novak / Freya", "EOC 6"),
    ];
    let impulses: VecDeque<(String, u32, u32)> = [("Hughes / Ballinteer", 1000, 7312), ("Okonkwo / Quiet Storm", 9000, 15050), ("Berg / Lilly B", 20000, 27710),
        ("Laurent / Ocean", 30000, 36000), ("Diaz / Amigo", 50000, 56820), ("Novak / Freya", 60000, 65000)]
        .into_iter().map(|(r, s, f)| (r.to_string(), s, f)).collect();
    let mut beams = BeamTimer { armed: true, impulses };
    let round1 = block_on(run_class(&mut beams, &order, 72));
    for (r, res) in &round1 { if !matches!(res, RoundResult::Completed { .. }) { println!("{r}: {res:?}"); } }
    println!("{}", placings(&round1).join("\n"));

    let clear: Vec<(&str, &str)> = round1.iter().filter(|(_, r)| matches!(r, RoundResult::Completed { faults: 0, .. })).map(|(n, _)| (n.as_str(), "")).collect();
    let mut hand = HandTimer { watches: HashMap::from([("Hughes / Ballinteer".to_string(), [3921, 3918, 3930]), ("Diaz / Amigo".to_string(), [4102, 4110, 4095])]) };
    let jump_off = {
        let jo_sheets: HashMap<&str, &str> = HashMap::from([("Diaz / Amigo", "KD 2")]);
        let with_sheets: Vec<(&str, &str)> = clear.iter().map(|(r, _)| (*r, *jo_sheets.get(r).unwrap_or(&""))).collect();
        block_on(run_class(&mut hand, &with_sheets, 45))
    };
    println!("JUMP-OFF (hand timed, beams failed):\n{}", placings(&jump_off).join("\n"));
    let mut unarmed = BeamTimer { armed: false, impulses: VecDeque::new() };
    let err = block_on(unarmed.run_time_cs("anyone"));
    let mut recheck = async move |rider: String| { let r = beams.run_time_cs(&rider).await; (rider, r) };
    println!("{err:?} {:?}", block_on(recheck("Ghost".to_string())));
}
