#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Price-time priority limit order book with an async fill journal.

use std::collections::{BTreeMap, VecDeque};
use std::future::Future;
use std::pin::pin;
use std::sync::Mutex;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

mod rt {
    use std::future::Future;
    use std::pin::Pin;
    use std::task::{Context, Poll};

    pub struct Sleep { fired: bool, pub ms: u64 }
    impl Future for Sleep {
        type Output = ();
        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            if self.fired { return Poll::Ready(()); }
            self.fired = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
    pub fn sleep(ms: u64) -> Sleep { Sleep { fired: false, ms } }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side { Bid, Ask }

#[derive(Debug, Clone)]
struct Order { id: u64, side: Side, price: u64, qty: u64, owner: String }

#[derive(Debug, Clone)]
struct Fill { maker: u64, taker: u64, price: u64, qty: u64 }

trait FillJournal {
    async fn append(&self, fill: &Fill) -> Result<u64, String>;

    async fn append_all(&self, fills: &[Fill]) -> Result<u64, String> {
        let mut last = 0;
        for f in fills {
            last = self.append(f).await?;
        }
        Ok(last)
    }
}

struct MemoryJournal { entries: Mutex<Vec<String>> }

impl FillJournal for MemoryJournal {
    async fn append(&self, fill: &Fill) -> Result<u64, String> {
        let line = format!("{}->{} {}x{}", fill.maker, fill.taker, fill.qty, fill.price);
        rt::sleep(1).await;
        let mut entries = self.entries.lock().unwrap();
        entries.push(line);
        Ok(entries.len() as u64)
    }
}

struct RemoteJournal { endpoint: String, seq: Mutex<u64>, outbox: Mutex<Vec<u8>> }

impl FillJournal for RemoteJournal {
    async fn append(&self, fill: &Fill) -> Result<u64, String> {
        let payload = format!(
            "{{\"maker\":{},\"taker\":{},\"px\":{},\"qty\":{}}}\n",
            fill.maker, fill.taker, fill.price, fill.qty
        );
        {
            let mut outbox = self.outbox.lock().unwrap();
            outbox.extend_from_slice(payload.as_bytes());
        }
        rt::sleep(5).await;
        if payload.len() > 256 {
            return Err(format!("{}: payload too large", self.endpoint));
        }
        *self.seq.lock().unwrap() += 1;
        let seq = *self.seq.lock().unwrap();
        Ok(seq)
    }

    async fn append_all(&self, fills: &[Fill]) -> Result<u64, String> {
        // The remote side accepts batches; send them in groups of two.
        let mut last = 0;
        for chunk in fills.chunks(2) {
            for f in chunk {
                last = self.append(f).await?;
            }
            rt::sleep(2).await;
            let flushed = std::mem::take(&mut *self.outbox.lock().unwrap());
            if flushed.is_empty() {
                return Err("nothing flushed".into());
            }
        }
        Ok(last)
    }
}

#[derive(Default)]
struct Book {
    bids: BTreeMap<u64, VecDeque<Order>>,
    asks: BTreeMap<u64, VecDeque<Order>>,
    next_id: u64,
}

impl Book {
    fn match_order(&mut self, mut taker: Order) -> (Vec<Fill>, Option<Order>) {
        let mut fills = Vec::new();
        while taker.qty > 0 {
            let best = match taker.side {
                Side::Bid => self.asks.iter_mut().next().filter(|(p, _)| **p <= taker.price).map(|(p, q)| (*p, q)),
                Side::Ask => self.bids.iter_mut().next_back().filter(|(p, _)| **p >= taker.price).map(|(p, q)| (*p, q)),
            };
            let Some((price, queue)) = best else { break };
            while taker.qty > 0 {
                let Some(maker) = queue.front_mut() else { break };
                let qty = maker.qty.min(taker.qty);
                maker.qty -= qty;
                taker.qty -= qty;
                fills.push(Fill { maker: maker.id, taker: taker.id, price, qty });
                if maker.qty == 0 {
                    queue.pop_front();
                }
            }
            if queue.is_empty() {
                match taker.side {
                    Side::Bid => { self.asks.remove(&price); }
                    Side::Ask => { self.bids.remove(&price); }
                }
            }
        }
        let rest = if taker.qty > 0 { Some(taker) } else { None };
        (fills, rest)
    }

    fn rest(&mut self, order: Order) {
        let side = match order.side { Side::Bid => &mut self.bids, Side::Ask => &mut self.asks };
        side.entry(order.price).or_default().push_back(order);
    }
}

struct Exchange<J: FillJournal> { book: Mutex<Book>, journal: J, volume: Mutex<u64> }

impl<J: FillJournal> Exchange<J> {
    fn new(journal: J) -> Self {
        Exchange { book: Mutex::new(Book::default()), journal, volume: Mutex::new(0) }
    }

    async fn submit(&self, side: Side, price: u64, qty: u64, owner: &str) -> Result<Vec<Fill>, String> {
        let order = {
            let mut book = self.book.lock().unwrap();
            book.next_id += 1;
            Order { id: book.next_id, side, price, qty, owner: owner.to_string() }
        };
        // pre-trade risk check round trip
        rt::sleep(1).await;
        let (fills, rest) = self.book.lock().unwrap().match_order(order);
        if let Some(r) = rest {
            self.book.lock().unwrap().rest(r);
        }
        if !fills.is_empty() {
            let seq = self.journal.append_all(&fills).await?;
            *self.volume.lock().unwrap() += fills.iter().map(|f| f.qty).sum::<u64>();
        }
        Ok(fills)
    }
}

async fn replay<J: FillJournal>(ex: &Exchange<J>, script: &str) -> Result<usize, String> {
    let mut count = 0;
    for line in script.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let parts: Vec<&str> = line.split_whitespace().collect();
        let [side, qty, price, owner] = parts[..] else { return Err(format!("bad line: {line}")) };
        let side = if side == "BUY" { Side::Bid } else { Side::Ask };
        let qty: u64 = qty.parse().map_err(|e| format!("{e}"))?;
        let price: u64 = price.parse().map_err(|e| format!("{e}"))?;
        count += ex.submit(side, price, qty, owner).await?.len();
    }
    Ok(count)
}

fn noop_raw() -> RawWaker {
    fn clone(_: *const ()) -> RawWaker { noop_raw() }
    fn noop(_: *const ()) {}
    static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    RawWaker::new(std::ptr::null(), &VTABLE)
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let waker = unsafe { Waker::from_raw(noop_raw()) };
    let mut cx = Context::from_waker(&waker);
    let mut fut = pin!(fut);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) { return v; }
    }
}

fn main() {
    let script = "# opening auction\nSELL 10 101 alice\nSELL 5 102 bob\nBUY 12 102 carol\nBUY 4 100 dave\nSELL 6 99 erin\n";
    let mem = Exchange::new(MemoryJournal { entries: Mutex::new(Vec::new()) });
    let n = block_on(replay(&mem, script)).unwrap();
    let remote = Exchange::new(RemoteJournal { endpoint: "https://journal.internal".into(), seq: Mutex::new(0), outbox: Mutex::new(Vec::new()) });
    let m = block_on(replay(&remote, script)).unwrap();
    println!("memory fills={} volume={} entries={}", n, *mem.volume.lock().unwrap(), mem.journal.entries.lock().unwrap().len());
    println!("remote fills={} volume={} seq={}", m, *remote.volume.lock().unwrap(), *remote.journal.seq.lock().unwrap());
}
