#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::task::{Context, Poll, Waker};
use std::thread;

struct ShardedCounter<const N: usize> {
    shards: [Mutex<HashMap<String, u64>>; N],
    next: AtomicUsize,
    flushed: RwLock<HashMap<String, u64>>,
}

impl<const N: usize> ShardedCounter<N> {
    fn new() -> Self {
        ShardedCounter { shards: std::array::from_fn(|_| Mutex::new(HashMap::new())), next: AtomicUsize::new(0), flushed: RwLock::new(HashMap::new()) }
    }

    fn pick(&self) -> usize {
        self.next.fetch_add(1, Ordering::Relaxed) % N
    }

    async fn incr(&self, key: &str, by: u64) {
        let shard = self.pick();
        {
            let mut g = self.shards[shard].lock().unwrap();
            *g.entry(key.to_string()).or_insert(0) += by;
        }
        yield_once().await;
    }

    async fn flush(&self) -> usize {
        let mut moved = 0;
        for (i, shard) in self.shards.iter().enumerate() {
            let drained: Vec<(String, u64)> = shard.lock().unwrap().drain().collect();
            yield_once().await;
            let mut f = self.flushed.write().unwrap();
            for (k, v) in drained {
                *f.entry(k).or_insert(0) += v;
                moved += 1;
            }
        }
        moved
    }

    fn total(&self, key: &str) -> u64 {
        let pending: u64 = self.shards.iter().map(|s| s.lock().unwrap().get(key).copied().unwrap_or(0)).sum();
        pending + self.flushed.read().unwrap().get(key).copied().unwrap_or(0)
    }
}

struct YieldOnce(bool);
impl Future for YieldOnce {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if std::mem::replace(&mut self.0, true) {
            Poll::Ready(())
        } else {
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}
fn yield_once() -> YieldOnce {
    YieldOnce(false)
}

async fn worker<const N: usize>(id: usize, counter: Arc<ShardedCounter<N>>, events: Vec<&'static str>) -> usize {
    let mut seen = 0;
    for ev in events {
        let (name, weight) = match ev.split_once('*') {
            Some((n, w)) => (n, w.parse().unwrap_or(1)),
            None => (ev, 1),
        };
        counter.incr(name, weight).await;
        seen += 1;
        if seen % 4 == 0 && id == 0 {
            counter.flush().await;
        }
    }
    seen
}

fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = std::pin::pin!(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

fn main() {
    let counter: Arc<ShardedCounter<4>> = Arc::new(ShardedCounter::new());
    let workloads: Vec<Vec<&'static str>> = vec![
        "page_view click page_view signup*2 page_view".split(' ').collect(),
        "click click*3 page_view".split(' ').collect(),
        "signup page_view*10".split(' ').collect(),
    ];
    let handles: Vec<_> = workloads
        .into_iter()
        .enumerate()
        .map(|(i, w)| {
            let c = counter.clone();
            thread::spawn(move || block_on(worker(i, c, w)))
        })
        .collect();
    let processed: usize = handles.into_iter().map(|h| h.join().unwrap()).sum();
    println!("processed {} events", processed);
    for k in ["page_view", "click", "signup", "nope"] {
        println!("{:10} {}", k, counter.total(k));
    }
    let moved = block_on(counter.flush());
    println!("final flush moved {}", moved);

    let small: Arc<ShardedCounter<2>> = Arc::new(ShardedCounter::new());
    let s2 = small.clone();
    let n = block_on(async move {
        let a = worker(1, s2.clone(), vec!["a", "b*5", "a"]).await;
        s2.flush().await;
        a
    });
    println!("small: {} events, a={} b={}", n, small.total("a"), small.total("b"));
    let sum_all = async {
        let keys: Vec<String> = counter.flushed.read().unwrap().keys().cloned().collect();
        let mut t = 0;
        for k in keys {
            yield_once().await;
            t += counter.total(&k);
        }
        t
    };
    println!("grand total {}", block_on(sum_all));
}
