//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::fmt::Debug;
use std::future::Future;
use std::hash::Hash;
use std::pin::Pin;
use std::rc::{Rc, Weak};
use std::task::{Context, Poll, Waker};

struct Lru<K, V> {
    cap: usize,
    map: RefCell<HashMap<K, Rc<V>>>,
    order: RefCell<VecDeque<K>>,
    evicted: RefCell<Vec<Weak<V>>>,
    stats: RefCell<(u32, u32)>,
}

impl<K, V> Lru<K, V>
where
    K: Eq + Hash + Clone + Debug,
    V: Debug,
{
    fn new(cap: usize) -> Self {
        Lru { cap, map: RefCell::new(HashMap::new()), order: RefCell::new(VecDeque::new()), evicted: RefCell::new(Vec::new()), stats: RefCell::new((0, 0)) }
    }

    fn touch(&self, k: &K) {
        let mut o = self.order.borrow_mut();
        if let Some(pos) = o.iter().position(|x| x == k) {
            o.remove(pos);
        }
        o.push_back(k.clone());
    }

    fn get(&self, k: &K) -> Option<Rc<V>> {
        let hit = self.map.borrow().get(k).cloned();
        if hit.is_some() {
            self.touch(k);
            self.stats.borrow_mut().0 += 1;
        } else {
            self.stats.borrow_mut().1 += 1;
        }
        hit
    }

    fn insert(&self, k: K, v: V) -> Rc<V> {
        let v = Rc::new(v);
        self.map.borrow_mut().insert(k.clone(), v.clone());
        self.touch(&k);
        while self.order.borrow().len() > self.cap {
            // 2024: the RefMut from borrow_mut() is released before the body runs
            if let Some(old) = self.order.borrow_mut().pop_front()
                && let Some(ev) = self.map.borrow_mut().remove(&old)
            {
                self.evicted.borrow_mut().push(Rc::downgrade(&ev));
            }
        }
        v
    }

    fn len(&self) -> usize {
        self.map.borrow().len()
    }

    // 2024 RPIT captures `'_` from &self automatically
    fn keys_mru(&self) -> impl Iterator<Item = K> {
        let v: Vec<K> = self.order.borrow().iter().rev().cloned().collect();
        v.into_iter()
    }

    fn live_evicted(&self) -> usize {
        self.evicted.borrow().iter().filter(|w| w.upgrade().is_some()).count()
    }

    async fn get_or_load<F>(&self, k: K, load: F) -> Result<Rc<V>, String>
    where
        F: AsyncFnOnce(&K) -> Result<V, String>,
    {
        if let Some(v) = self.get(&k) {
            return Ok(v);
        }
        let v = load(&k).await?;
        Ok(self.insert(k, v))
    }
}

mod backend {
    pub async fn read_user(id: u32) -> Result<String, String> {
        if id == 13 { Err(format!("user {} not found", id)) } else { Ok(format!("user-{}", id)) }
    }
    pub async fn read_blob(path: &str) -> Vec<u8> {
        path.bytes().map(|b| b.wrapping_mul(3)).collect()
    }
}

async fn serve_users(cache: &Lru<u32, String>, ids: &[u32]) -> Vec<String> {
    let mut out = Vec::new();
    for &id in ids {
        let r = cache.get_or_load(id, async |k: &u32| backend::read_user(*k).await).await;
        out.push(match r {
            Ok(v) => v.to_string(),
            Err(e) => format!("<{}>", e),
        });
    }
    out
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
    let users: Lru<u32, String> = Lru::new(3);
    let got = block_on(serve_users(&users, &[1, 2, 3, 1, 4, 13, 2, 5, 1]));
    println!("{:?}", got);
    println!("len={} mru={:?} stats={:?}", users.len(), users.keys_mru().collect::<Vec<_>>(), users.stats.borrow());

    let held = users.get(&1);
    let more = block_on(serve_users(&users, &[6, 7, 8]));
    println!("live evicted (held elsewhere): {}", users.live_evicted());
    drop(held);
    println!("after drop: {}", users.live_evicted());

    let blobs: Lru<String, Vec<u8>> = Lru::new(2);
    let fetch_all = async {
        let mut sizes = Vec::new();
        for p in "/a/b /c /a/b /d/e/f /c".split(' ') {
            let v = blobs.get_or_load(p.to_string(), async |k: &String| Ok(backend::read_blob(k).await)).await;
            sizes.push(v.map(|b| b.len()).unwrap_or(0));
        }
        sizes
    };
    println!("blob sizes {:?}, stats {:?}", block_on(fetch_all), blobs.stats.borrow());
}
