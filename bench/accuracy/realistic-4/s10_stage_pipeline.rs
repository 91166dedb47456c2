#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Telemetry pipeline of composable async stages connected by bounded channels with backpressure.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut cx = Context::from_waker(Waker::noop());
    let mut fut = std::pin::pin!(fut);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

struct Join2<A: Future, B: Future> {
    a: Pin<Box<A>>,
    b: Pin<Box<B>>,
    ra: Option<A::Output>,
    rb: Option<B::Output>,
}

impl<A: Future, B: Future> Unpin for Join2<A, B> {}

fn join2<A: Future, B: Future>(a: A, b: B) -> Join2<A, B> {
    Join2 { a: Box::pin(a), b: Box::pin(b), ra: None, rb: None }
}

impl<A: Future, B: Future> Future for Join2<A, B> {
    type Output = (A::Output, B::Output);
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self;
        if this.ra.is_none() {
            if let Poll::Ready(v) = this.a.as_mut().poll(cx) {
                this.ra = Some(v);
            }
        }
        if this.rb.is_none() {
            if let Poll::Ready(v) = this.b.as_mut().poll(cx) {
                this.rb = Some(v);
            }
        }
        if this.ra.is_some() && this.rb.is_some() {
            Poll::Ready((this.ra.take().unwrap(), this.rb.take().unwrap()))
        } else {
            Poll::Pending
        }
    }
}

struct Chan<T> {
    buf: VecDeque<T>,
    cap: usize,
    closed: bool,
    high_water: usize,
}

struct Tx<T>(Rc<RefCell<Chan<T>>>);
struct Rx<T>(Rc<RefCell<Chan<T>>>);

fn channel<T>(cap: usize) -> (Tx<T>, Rx<T>) {
    let c = Rc::new(RefCell::new(Chan { buf: VecDeque::new(), cap, closed: false, high_water: 0 }));
    (Tx(c.clone()), Rx(c))
}

struct SendFut<'a, T> {
    chan: &'a RefCell<Chan<T>>,
    item: Option<T>,
}

impl<'a, T> Unpin for SendFut<'a, T> {}

impl<'a, T> Future for SendFut<'a, T> {
    type Output = Result<(), T>;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut ch = self.chan.borrow_mut();
        if ch.closed {
            drop(ch);
            return Poll::Ready(Err(self.item.take().expect("polled after completion")));
        }
        if ch.buf.len() < ch.cap {
            let item = self.item.take().expect("polled after completion");
            ch.buf.push_back(item);
            ch.high_water = ch.high_water.max(ch.buf.len());
            return Poll::Ready(Ok(()));
        }
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

struct RecvFut<'a, T>(&'a RefCell<Chan<T>>);

impl<'a, T> Future for RecvFut<'a, T> {
    type Output = Option<T>;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T>> {
        let mut ch = self.0.borrow_mut();
        match ch.buf.pop_front() {
            Some(v) => Poll::Ready(Some(v)),
            None if ch.closed => Poll::Ready(None),
            None => {
                cx.waker().wake_by_ref();
                Poll::Pending
            }
        }
    }
}

impl<T> Tx<T> {
    fn send(&self, item: T) -> SendFut<'_, T> {
        SendFut { chan: &self.0, item: Some(item) }
    }
}

impl<T> Drop for Tx<T> {
    fn drop(&mut self) {
        self.0.borrow_mut().closed = true;
    }
}

impl<T> Rx<T> {
    fn recv(&self) -> RecvFut<'_, T> {
        RecvFut(&self.0)
    }
}

trait Stage {
    type In;
    type Out;
    async fn process(&mut self, input: Self::In) -> Option<Self::Out>;
}

struct Chain<A, B> {
    first: A,
    second: B,
}

impl<A, B> Stage for Chain<A, B>
where
    A: Stage,
    B: Stage<In = A::Out>,
{
    type In = A::In;
    type Out = B::Out;
    async fn process(&mut self, input: A::In) -> Option<B::Out> {
        let mid = self.first.process(input).await?;
        self.second.process(mid).await
    }
}

#[derive(Debug, Clone)]
struct Reading {
    sensor: String,
    celsius: f64,
    ts: u64,
}

struct Parse {
    rejected: Vec<String>,
}

impl Stage for Parse {
    type In = String;
    type Out = Reading;
    async fn process(&mut self, line: String) -> Option<Reading> {
        let mut it = line.split_whitespace();
        let parsed = (|| {
            let ts = it.next()?.parse().ok()?;
            let sensor = it.next()?.to_string();
            let raw = it.next()?;
            let celsius = match raw.strip_suffix('F') {
                Some(f) => (f.parse::<f64>().ok()? - 32.0) * 5.0 / 9.0,
                None => raw.trim_end_matches('C').parse().ok()?,
            };
            Some(Reading { sensor, celsius, ts })
        })();
        if parsed.is_none() {
            self.rejected.push(line);
        }
        parsed
    }
}

struct Enrich {
    sites: HashMap<&'static str, &'static str>,
}

impl Stage for Enrich {
    type In = Reading;
    type Out = (String, Reading);
    async fn process(&mut self, r: Reading) -> Option<(String, Reading)> {
        let prefix = r.sensor.split('-').next()?;
        let site = self.sites.get(prefix).copied().unwrap_or("unknown");
        Some((site.to_string(), r))
    }
}

fn main() {
    let raw = "100 dc1-rack4 21.5C\n101 dc1-rack9 88F\n102 lab-bench1 19C\nbogus line\n103 dc2-rack1 35.2\n\
               104 dc1-rack4 22.1C\n105 xx-probe 40C\n106 dc2-rack1 hot\n107 lab-bench1 64.4F";
    let (line_tx, line_rx) = channel::<String>(2);
    let (out_tx, out_rx) = channel::<(String, Reading)>(1);
    let mut stages = Chain { first: Parse { rejected: vec![] }, second: Enrich { sites: HashMap::from([("dc1", "frankfurt"), ("dc2", "dublin"), ("lab", "hq")]) } };

    let producer = async move {
        let mut sent = 0;
        for line in raw.lines() {
            if line_tx.send(line.to_string()).await.is_err() {
                break;
            }
            sent += 1;
        }
        sent
    };
    let worker = async {
        let mut processed = 0;
        while let Some(line) = line_rx.recv().await {
            if let Some(item) = stages.process(line).await {
                processed += 1;
                if out_tx.send(item).await.is_err() {
                    break;
                }
            }
        }
        drop(out_tx);
        processed
    };
    let aggregator = async {
        let mut per_site: BTreeMap<String, (usize, f64, f64)> = BTreeMap::new();
        while let Some((site, r)) = out_rx.recv().await {
            let e = per_site.entry(site).or_insert((0, f64::MIN, 0.0));
            e.0 += 1;
            e.1 = e.1.max(r.celsius);
            e.2 += r.celsius;
        }
        per_site
    };
    let ((sent, processed), per_site) = block_on(join2(join2(producer, worker), aggregator));
    println!("sent={} processed={} rejected={:?}", sent, processed, stages.first.rejected);
    for (site, (n, max, sum)) in &per_site {
        println!("{:<10} n={} max={:.1} avg={:.1}", site, n, max, sum / *n as f64);
    }
}
