#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Multi-stage ingest pipeline over bounded channels whose send futures park when full (backpressure).

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, VecDeque};
use std::future::{poll_fn, Future};
use std::pin::{pin, Pin};
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

struct Yield(u8);

impl Future for Yield {
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
    let mut fut = pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

struct Chan<T, const CAP: usize> {
    buf: RefCell<VecDeque<T>>,
    closed: Cell<bool>,
    blocked_sends: Cell<u32>,
    high_water: Cell<usize>,
}

impl<T, const CAP: usize> Chan<T, CAP> {
    fn new() -> Rc<Self> {
        Rc::new(Chan { buf: RefCell::new(VecDeque::with_capacity(CAP)), closed: Cell::new(false), blocked_sends: Cell::new(0), high_water: Cell::new(0) })
    }

    async fn send(&self, item: T) {
        let mut slot = Some(item);
        poll_fn(|cx| {
            let mut buf = self.buf.borrow_mut();
            if buf.len() >= CAP {
                self.blocked_sends.set(self.blocked_sends.get() + 1);
                cx.waker().wake_by_ref();
                return Poll::Pending;
            }
            buf.push_back(slot.take().expect("send polled after completion"));
            self.high_water.set(self.high_water.get().max(buf.len()));
            Poll::Ready(())
        })
        .await
    }

    async fn recv(&self) -> Option<T> {
        poll_fn(|cx| match self.buf.borrow_mut().pop_front() {
            Some(v) => Poll::Ready(Some(v)),
            None if self.closed.get() => Poll::Ready(None),
            None => {
                cx.waker().wake_by_ref();
                Poll::Pending
            }
        })
        .await
    }

    fn close(&self) {
        self.closed.set(true);
    }
}

#[derive(Debug, Clone)]
struct Reading {
    sensor: String,
    ts: u64,
    celsius: f32,
}

#[derive(Debug)]
enum StageError {
    Parse(String),
    OutOfRange(f32),
}

async fn source<const C: usize>(raw: &str, out: Rc<Chan<String, C>>) -> usize {
    let mut n = 0;
    for line in raw.lines().filter(|l| !l.trim().is_empty()) {
        out.send(line.to_string()).await;
        n += 1;
    }
    out.close();
    n
}

fn parse(line: &str) -> Result<Reading, StageError> {
    let mut it = line.split(',').map(str::trim);
    let (Some(sensor), Some(ts), Some(val)) = (it.next(), it.next(), it.next()) else {
        return Err(StageError::Parse(line.to_string()));
    };
    let ts = ts.parse().map_err(|_| StageError::Parse(format!("ts in {line}")))?;
    let raw: f32 = val.trim_end_matches(['F', 'C']).parse().map_err(|_| StageError::Parse(format!("value in {line}")))?;
    let celsius = if val.ends_with('F') { (raw - 32.0) * 5.0 / 9.0 } else { raw };
    if !(-60.0..=90.0).contains(&celsius) {
        return Err(StageError::OutOfRange(celsius));
    }
    Ok(Reading { sensor: sensor.to_string(), ts, celsius })
}

async fn transform<const A: usize, const B: usize>(input: Rc<Chan<String, A>>, out: Rc<Chan<Reading, B>>, errors: &RefCell<Vec<StageError>>) {
    while let Some(line) = input.recv().await {
        match parse(&line) {
            Ok(r) => out.send(r).await,
            Err(e) => errors.borrow_mut().push(e),
        }
    }
    out.close();
}

async fn sink<const C: usize>(input: Rc<Chan<Reading, C>>, slow: u8) -> BTreeMap<String, (u32, f32, u64)> {
    let mut agg: BTreeMap<String, (u32, f32, u64)> = BTreeMap::new();
    while let Some(Reading { sensor, ts, celsius }) = input.recv().await {
        Yield(slow).await; // simulated slow database write
        let e = agg.entry(sensor).or_insert((0, f32::MIN, 0));
        e.0 += 1;
        e.1 = e.1.max(celsius);
        e.2 = e.2.max(ts);
    }
    agg
}

fn main() {
    let raw = "boiler-1,100,71.5C\nboiler-2,101,160F\nboiler-1,102,72.0C\nvent-7,103,-3C\nboiler-2,104,abc\n\n\
               vent-7,105,-4.5C\nboiler-1,106,300C\nvent-7,107,24F\nboiler-2,108,158F\nboiler-1,109,70.9C\nvent-9\n";
    let raw_ch: Rc<Chan<String, 2>> = Chan::new();
    let parsed_ch: Rc<Chan<Reading, 3>> = Chan::new();
    let errors = RefCell::new(Vec::new());

    let src = source(raw, Rc::clone(&raw_ch));
    let xf = transform(Rc::clone(&raw_ch), Rc::clone(&parsed_ch), &errors);
    let snk = sink(Rc::clone(&parsed_ch), 4);

    let (lines, agg) = block_on(async {
        let mut src = pin!(src);
        let mut xf = pin!(xf);
        let mut snk = pin!(snk);
        let (mut a, mut b, mut c) = (None, false, None);
        poll_fn(|cx| {
            if a.is_none() {
                if let Poll::Ready(n) = src.as_mut().poll(cx) {
                    a = Some(n);
                }
            }
            if !b {
                b = xf.as_mut().poll(cx).is_ready();
            }
            if c.is_none() {
                if let Poll::Ready(m) = snk.as_mut().poll(cx) {
                    c = Some(m);
                }
            }
            if a.is_some() && b && c.is_some() { Poll::Ready(()) } else { Poll::Pending }
        })
        .await;
        (a.unwrap(), c.unwrap())
    });

    println!("lines={lines} rejected={}", errors.borrow().len());
    for (sensor, (n, max_c, last_ts)) in &agg {
        println!("  {sensor:<9} n={n} max={max_c:.1}C last_ts={last_ts}");
    }
    println!(
        "backpressure: raw blocked={} hw={} | parsed blocked={} hw={}",
        raw_ch.blocked_sends.get(),
        raw_ch.high_water.get(),
        parsed_ch.blocked_sends.get(),
        parsed_ch.high_water.get()
    );
    errors.borrow().iter().for_each(|e| println!("  err {e:?}"));
}
