//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::cell::RefCell;
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

trait AsyncSource {
    type Item;
    async fn next(&mut self) -> Option<Self::Item>;
}

struct Lines {
    pending: VecDeque<&'static str>,
}

impl AsyncSource for Lines {
    type Item = String;
    async fn next(&mut self) -> Option<String> {
        std::future::ready(()).await;
        self.pending.pop_front().map(str::to_owned)
    }
}

struct Map<S, F> {
    inner: S,
    f: F,
}

impl<S, F, T> AsyncSource for Map<S, F>
where
    S: AsyncSource,
    F: FnMut(S::Item) -> T,
{
    type Item = T;
    async fn next(&mut self) -> Option<T> {
        let item = self.inner.next().await?;
        Some((self.f)(item))
    }
}

struct Filter<S, P> {
    inner: S,
    pred: P,
}

impl<S, P> AsyncSource for Filter<S, P>
where
    S: AsyncSource,
    P: FnMut(&S::Item) -> bool,
{
    type Item = S::Item;
    async fn next(&mut self) -> Option<S::Item> {
        loop {
            let item = self.inner.next().await?;
            if (self.pred)(&item) {
                return Some(item);
            }
        }
    }
}

struct Chunks<S: AsyncSource, const N: usize> {
    inner: S,
    done: bool,
}

impl<S: AsyncSource, const N: usize> AsyncSource for Chunks<S, N> {
    type Item = Vec<S::Item>;
    async fn next(&mut self) -> Option<Vec<S::Item>> {
        if self.done {
            return None;
        }
        let mut buf = Vec::with_capacity(N);
        while buf.len() < N {
            let Some(x) = self.inner.next().await else {
                self.done = true;
                break;
            };
            buf.push(x);
        }
        if buf.is_empty() { None } else { Some(buf) }
    }
}

async fn collect<S: AsyncSource>(mut s: S) -> Vec<S::Item> {
    let mut out = Vec::new();
    while let Some(x) = s.next().await {
        out.push(x);
    }
    out
}

#[derive(Debug, Clone)]
struct Reading {
    sensor: String,
    value: f64,
}

fn parse(line: String) -> Option<Reading> {
    let (sensor, value) = line.split_once('=')?;
    Some(Reading { sensor: sensor.trim().to_string(), value: value.trim().parse().ok()? })
}

fn source(text: &'static str) -> Lines {
    Lines { pending: text.lines().collect() }
}

fn words<'a>(s: &'a str, min: usize) -> impl Iterator<Item = &'a str> {
    // 2024: `min` (a non-lifetime param) is captured along with 'a
    s.split(|c: char| !c.is_alphanumeric()).filter(move |w| w.len() >= min)
}

fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = Box::pin(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

fn main() {
    let data = "temp = 21.5\nhum = 40\n# comment\ntemp = 22.0\nbogus\ntemp = 35.2\nhum = 41\npressure = 1013";
    let rejected = RefCell::new(0);
    let pipeline = Filter {
        inner: Map { inner: source(data), f: |l: String| parse(l) },
        pred: |r: &Option<Reading>| {
            if r.is_none() {
                *rejected.borrow_mut() += 1;
            }
            r.is_some()
        },
    };
    let readings: Vec<Reading> = block_on(collect(pipeline)).into_iter().flatten().collect();
    println!("{} readings, {} rejected", readings.len(), rejected.borrow());

    let chunked: Chunks<_, 3> = Chunks { inner: Map { inner: source(data), f: |l: String| l.len() }, done: false };
    println!("chunks {:?}", block_on(collect(chunked)));

    let hot = async {
        let mut s = Filter { inner: Map { inner: source(data), f: parse }, pred: |r: &Option<Reading>| matches!(r, Some(Reading { value, .. }) if *value > 30.0) };
        let mut alerts = Vec::new();
        while let Some(r) = s.next().await {
            if let Some(r) = r
                && r.sensor == "temp"
            {
                alerts.push(format!("{} too high: {}", r.sensor, r.value));
            }
        }
        alerts
    };
    println!("{:?}", block_on(hot));
    println!("long words: {:?}", words("the quick brown fox jumps", 5).collect::<Vec<_>>());
}
