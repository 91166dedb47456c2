//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::cell::RefCell;
use std::collections::VecDeque;
use std::fmt::Debug;
use std::future::Future;
use std::pin::Pin;
use std::sync::Mutex;
use std::task::{Context, Poll, Waker};

mod rt {
    pub async fn tick() {}
}

struct Batcher<T> {
    buf: Mutex<Vec<T>>,
    max_items: usize,
    max_age: u32,
    age: Mutex<u32>,
}

#[derive(Debug, Default, Clone, Copy)]
struct FlushStats {
    batches: u32,
    items: usize,
    largest: usize,
}

impl<T: Debug + Clone> Batcher<T> {
    fn new(max_items: usize, max_age: u32) -> Self {
        Batcher { buf: Mutex::new(Vec::new()), max_items, max_age, age: Mutex::new(0) }
    }

    fn len(&self) -> usize {
        self.buf.lock().unwrap().len()
    }

    fn should_flush(&self) -> bool {
        // 2024: lock guards in this tail expression drop before `self` borrow ends
        self.buf.lock().unwrap().len() >= self.max_items || *self.age.lock().unwrap() >= self.max_age
    }

    fn take(&self) -> Vec<T> {
        *self.age.lock().unwrap() = 0;
        std::mem::take(&mut *self.buf.lock().unwrap())
    }

    async fn push<F>(&self, item: T, sink: &mut F, stats: &mut FlushStats)
    where
        F: AsyncFnMut(Vec<T>) -> usize,
    {
        self.buf.lock().unwrap().push(item);
        *self.age.lock().unwrap() += 1;
        if self.should_flush() {
            let batch = self.take();
            let n = batch.len();
            let written = sink(batch).await;
            stats.batches += 1;
            stats.items += written;
            stats.largest = stats.largest.max(n);
        }
    }

    async fn close<F>(&self, sink: &mut F, stats: &mut FlushStats)
    where
        F: AsyncFnMut(Vec<T>) -> usize,
    {
        let rest = self.take();
        if rest.is_empty() {
            return;
        }
        stats.items += sink(rest).await;
        stats.batches += 1;
    }
}

async fn ingest<T, I, F>(items: I, batcher: &Batcher<T>, mut sink: F) -> FlushStats
where
    T: Debug + Clone,
    I: IntoIterator<Item = T>,
    F: AsyncFnMut(Vec<T>) -> usize,
{
    let mut stats = FlushStats::default();
    for it in items {
        batcher.push(it, &mut sink, &mut stats).await;
        rt::tick().await;
    }
    batcher.close(&mut sink, &mut stats).await;
    stats
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
    let log_lines = "GET /a 200\nGET /b 404\nPOST /c 201\nGET /d 500\nGET /e 200\nDELETE /f 204\nGET /g 200";
    let parsed: Vec<(String, u16)> = log_lines
        .lines()
        .filter_map(|l| {
            let mut parts = l.split(' ');
            let method = parts.next()?;
            let path = parts.next()?;
            let code = parts.next()?.parse().ok()?;
            Some((format!("{} {}", method, path), code))
        })
        .collect();

    let batcher = Batcher::new(3, 5);
    let written = RefCell::new(Vec::<String>::new());
    let sink = async |batch: Vec<(String, u16)>| {
        rt::tick().await;
        let errors = batch.iter().filter(|(_, c)| *c >= 400).count();
        written.borrow_mut().push(format!("batch of {} ({} errors)", batch.len(), errors));
        batch.len()
    };
    let stats = block_on(ingest(parsed, &batcher, sink));
    println!("{:?}", stats);
    for w in written.borrow().iter() {
        println!("  {}", w);
    }

    let numbers = Batcher::new(4, 100);
    let mut total = 0u64;
    let sum_sink = async |batch: Vec<u64>| -> usize {
        total += batch.iter().sum::<u64>();
        batch.len()
    };
    let s2 = block_on(ingest(1..=10u64, &numbers, sum_sink));
    println!("{:?} total={}", s2, total);

    if let Ok(g) = numbers.buf.lock()
        && g.is_empty()
    {
        println!("numbers drained");
    }
    println!("pending {}", batcher.len());
}
