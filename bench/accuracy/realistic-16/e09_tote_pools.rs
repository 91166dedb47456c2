//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Racetrack pari-mutuel totalisator: takes wagers from on-course windows and an online
//! hub into win, place and exacta pools, then computes takeout, breakage and dividends per $2.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Exotic { Exacta(u8, u8), Quinella(u8, u8) }

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Bet { Win(u8), Place(u8), Exotic(Exotic) }

#[derive(Debug, Default)]
struct Pools { win: BTreeMap<u8, u64>, place: BTreeMap<u8, u64>, exotic: HashMap<Exotic, u64>, rejected: u32 }

const TAKEOUT_BP: [u64; 3] = [1_600, 1_600, 2_050]; // win, place, exotic in basis points
const RUNNERS: u8 = 8;

impl Pools {
    fn accept(&mut self, bet: Bet, cents: u64) {
        let valid = |h: u8| (1..=RUNNERS).contains(&h);
        match bet {
            Bet::Win(h) if valid(h) => *self.win.entry(h).or_default() += cents,
            Bet::Place(h) if valid(h) => *self.place.entry(h).or_default() += cents,
            Bet::Exotic(Exotic::Exacta(a, b)) | Bet::Exotic(Exotic::Quinella(a, b)) if valid(a) && valid(b) && a != b => {
                let key = match bet {
                    Bet::Exotic(Exotic::Quinella(a, b)) => Exotic::Quinella(a.min(b), a.max(b)),
                    Bet::Exotic(e) => e,
                    _ => unreachable!(),
                };
                *self.exotic.entry(key).or_default() += cents;
            }
            _ => self.rejected += 1,
        }
    }
}

trait WagerFeed {
    async fn next_batch(&mut self) -> Option<Vec<(Bet, u64)>>;
    async fn drain_into(&mut self, pools: Rc<RefCell<Pools>>) -> usize {
        let mut n = 0;
        while let Some(batch) = self.next_batch().await {
            let mut p = pools.borrow_mut();
            n += batch.len();
            batch.into_iter().for_each(|(b, c)| p.accept(b, c));
        }
        n
    }
}

struct Windows { tickets: Vec<&'static str> }
struct OnlineHub { pending: Vec<Vec<(Bet, u64)>> }

fn parse_ticket(t: &str) -> Option<(Bet, u64)> {
    let mut it = t.split_whitespace();
    let kind = it.next()?;
    let horses: Vec<u8> = it.next()?.split('-').map(|h| h.parse().ok()).collect::<Option<_>>()?;
    let dollars: u64 = it.next()?.trim_start_matches('$').parse().ok()?;
    let bet = match (kind, horses.as_slice()) {
        ("WIN", [h]) => Bet::Win(*h),
        ("PLC", [h]) => Bet::Place(*h),
        ("EX", [a, b]) => Bet::Exotic(Exotic::Exacta(*a, *b)),
        ("QU", [a, b]) => Bet::Exotic(Exotic::Quinella(*a, *b)),
        _ => return None,
    };
    Some((bet, dollars * 100))
}

impl WagerFeed for Windows {
    async fn next_batch(&mut self) -> Option<Vec<(Bet, u64)>> {
        if self.tickets.is_empty() { return None; }
        yield_now().await;
        let take = self.tickets.len().min(3);
        Some(self.tickets.drain(..take).filter_map(parse_ticket).collect())
    }
}
impl WagerFeed for OnlineHub {
    async fn next_batch(&mut self) -> Option<Vec<(Bet, u64)>> {
        yield_now().await;
        self.pending.pop()
    }
}

/// Dividend per $2 with breakage down to the dime and a $2.10 minimum.
fn dividend(pool_net: u64, winning_stake: u64) -> u64 {
    if winning_stake == 0 { return 0; }
    let raw = pool_net * 200 / winning_stake;
    (raw / 10 * 10).max(210)
}

async fn settle(pools: Rc<RefCell<Pools>>, first: u8, second: u8) -> BTreeMap<String, u64> {
    yield_now().await;
    let p = pools.borrow();
    let net = |gross: u64, idx: usize| gross - gross * TAKEOUT_BP[idx] / 10_000;
    let mut out = BTreeMap::new();
    let win_gross: u64 = p.win.values().sum();
    out.insert(format!("WIN {first}"), dividend(net(win_gross, 0), p.win.get(&first).copied().unwrap_or(0)));
    let place_net = net(p.place.values().sum(), 1);
    let on = |h: u8| p.place.get(&h).copied().unwrap_or(0);
    let profit_each = place_net.saturating_sub(on(first) + on(second)) / 2;
    for h in [first, second] {
        out.insert(format!("PLC {h}"), dividend(on(h) + profit_each, on(h)));
    }
    let ex_gross: u64 = p.exotic.iter().filter(|(k, _)| matches!(k, Exotic::Exacta(..))).map(|(_, v)| v).sum();
    let ex_stake = p.exotic.get(&Exotic::Exacta(first, second)).copied().unwrap_or(0);
    out.insert(format!("EX {first}-{second}"), dividend(net(ex_gross, 2), ex_stake));
    out
}

fn main() {
    let pools = Rc::new(RefCell::new(Pools::default()));
    let mut windows = Windows {
        tickets: vec!["WIN 3 $20", "WIN 5 $50", "PLC 3 $10", "PLC 5 $30", "EX 3-5 $4", "EX 5-3 $6", "WIN 9 $2", "QU 5-3 $8", "garbage"],
    };
    let mut hub = OnlineHub {
        pending: vec![
            vec![(Bet::Win(1), 10_000), (Bet::Place(1), 4_000), (Bet::Exotic(Exotic::Exacta(1, 3)), 2_000)],
            vec![(Bet::Win(3), 3_000), (Bet::Place(2), 2_000), (Bet::Exotic(Exotic::Exacta(3, 3)), 500)],
        ],
    };
    let n1 = block_on(windows.drain_into(Rc::clone(&pools)));
    let n2 = block_on(hub.drain_into(Rc::clone(&pools)));
    assert_eq!((n1, n2), (8, 6));
    assert_eq!(pools.borrow().rejected, 2);
    assert_eq!(pools.borrow().exotic[&Exotic::Quinella(3, 5)], 800);

    let payouts = block_on(settle(Rc::clone(&pools), 3, 5));
    assert_eq!(payouts["WIN 3"], 670);
    assert!(payouts.values().all(|&d| d >= 210 && d % 10 == 0));

    let handle = block_on(async {
        let p = pools.borrow();
        yield_now().await;
        p.win.values().chain(p.place.values()).chain(p.exotic.values()).sum::<u64>()
    });
    assert_eq!(handle, 20_000 + 10_000 + 3_800);
    println!("handle ${}.{:02}, payouts {payouts:?}", handle / 100, handle % 100);
}
