//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Slippy-map tile cache: quadkey addressing, a bounded LRU in front of a slow origin, and parent-tile fallback.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut cx = Context::from_waker(Waker::noop());
    let mut fut = std::pin::pin!(fut);
    loop {
        if let Poll::Ready(x) = fut.as_mut().poll(&mut cx) { return x; }
    }
}

struct Yield(usize);
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 == 0 { Poll::Ready(()) } else { self.0 -= 1; cx.waker().wake_by_ref(); Poll::Pending }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Tile { z: u8, x: u32, y: u32 }

impl Tile {
    fn quadkey(self) -> String {
        (1..=self.z).rev().map(|i| {
            let mask = 1 << (i - 1);
            let d = (self.x & mask != 0) as u8 + 2 * ((self.y & mask != 0) as u8);
            char::from(b'0' + d)
        }).collect()
    }
    fn parent(self) -> Option<Tile> {
        (self.z > 0).then(|| Tile { z: self.z - 1, x: self.x / 2, y: self.y / 2 })
    }
    fn from_lonlat(lon: f64, lat: f64, z: u8) -> Tile {
        let n = (1u32 << z) as f64;
        let x = ((lon + 180.0) / 360.0 * n) as u32;
        let r = lat.to_radians();
        let y = ((1.0 - (r.tan() + 1.0 / r.cos()).ln() / std::f64::consts::PI) / 2.0 * n) as u32;
        Tile { z, x, y }
    }
}

struct Origin { max_zoom: u8, fetches: Cell<u32>, latency: usize }
impl Origin {
    async fn fetch(&self, t: Tile) -> Option<Vec<u8>> {
        Yield(self.latency).await;
        self.fetches.set(self.fetches.get() + 1);
        (t.z <= self.max_zoom).then(|| t.quadkey().bytes().chain(*b"PNG").collect())
    }
}

struct Lru<const CAP: usize> { map: RefCell<HashMap<Tile, Rc<Vec<u8>>>>, order: RefCell<VecDeque<Tile>>, hits: Cell<u32> }

impl<const CAP: usize> Lru<CAP> {
    fn new() -> Self { Lru { map: RefCell::new(HashMap::new()), order: RefCell::new(VecDeque::new()), hits: Cell::new(0) } }
    fn get(&self, t: &Tile) -> Option<Rc<Vec<u8>>> {
        // Edition 2024: the `map.borrow()` temporary is gone before the else branch runs.
        if let Some(bytes) = self.map.borrow().get(t).cloned() {
            self.order.borrow_mut().retain(|k| k != t);
            self.order.borrow_mut().push_back(*t);
            self.hits.set(self.hits.get() + 1);
            Some(bytes)
        } else {
            None
        }
    }
    fn put(&self, t: Tile, bytes: Rc<Vec<u8>>) -> Option<Tile> {
        self.map.borrow_mut().insert(t, bytes);
        self.order.borrow_mut().push_back(t);
        if self.order.borrow().len() > CAP && let Some(old) = self.order.borrow_mut().pop_front() {
            self.map.borrow_mut().remove(&old);
            return Some(old);
        }
        None
    }
    fn len(&self) -> usize {
        let keys = RefCell::new(self.order.borrow().clone());
        keys.borrow().len()
    }
}

#[derive(Debug)]
enum Served { Cache(Tile), Origin(Tile), Overzoom { asked: Tile, from: Tile } }

async fn serve<const CAP: usize>(cache: &Lru<CAP>, origin: &Origin, t: Tile) -> (Served, Rc<Vec<u8>>) {
    let mut cur = t;
    loop {
        if let Some(b) = cache.get(&cur) {
            return (if cur == t { Served::Cache(t) } else { Served::Overzoom { asked: t, from: cur } }, b);
        }
        if let Some(bytes) = origin.fetch(cur).await {
            let rc = Rc::new(bytes);
            if let Some(evicted) = cache.put(cur, rc.clone()) && evicted.z == 0 {
                println!("  warning: evicted world tile {evicted:?}");
            }
            return (if cur == t { Served::Origin(t) } else { Served::Overzoom { asked: t, from: cur } }, rc);
        }
        let Some(p) = cur.parent() else { panic!("origin has no root tile") };
        cur = p;
    }
}

async fn prefetch_ring<const CAP: usize>(cache: &Lru<CAP>, origin: &Origin, center: Tile) -> usize {
    let offsets: [(i64, i64); 4] = [(-1, 0), (1, 0), (0, -1), (0, 1)];
    let mut n = 0;
    for (dx, dy) in offsets {
        let (x, y) = (center.x as i64 + dx, center.y as i64 + dy);
        if x >= 0 && y >= 0 && let t = (Tile { z: center.z, x: x as u32, y: y as u32 }) && cache.get(&t).is_none() {
            let _ = serve(cache, origin, t).await;
            n += 1;
        }
    }
    n
}

async fn warm_pyramid<const CAP: usize>(cache: &Lru<CAP>, origin: &Origin, t: Tile, levels: usize) -> Vec<u8> {
    let mut warmed = Vec::new();
    let mut cur = Some(t);
    while let Some(c) = cur && warmed.len() < levels {
        if cache.get(&c).is_none() && let Some(bytes) = origin.fetch(c).await {
            cache.put(c, Rc::new(bytes));
            warmed.push(c.z);
        }
        cur = c.parent();
    }
    warmed
}

async fn purge_zoom<const CAP: usize>(cache: &Lru<CAP>, z: u8) -> usize {
    Yield(1).await;
    let victims: Vec<Tile> = cache.order.borrow().iter().filter(|t| t.z == z).copied().collect();
    for t in &victims {
        cache.order.borrow_mut().retain(|k| k != t);
        cache.map.borrow_mut().remove(t);
    }
    victims.len()
}

fn main() {
    let origin = Origin { max_zoom: 12, fetches: Cell::new(0), latency: 3 };
    let cache: Lru<6> = Lru::new();
    let places = [("Berlin", 13.40, 52.52), ("Berlin again", 13.40, 52.52), ("Lisbon", -9.14, 38.72), ("Tokyo", 139.69, 35.68)];
    let served = block_on(async {
        let mut log = Vec::new();
        let lookup = async |name: &str, lon: f64, lat: f64| {
            let t = Tile::from_lonlat(lon, lat, 12);
            let (how, bytes) = serve(&cache, &origin, t).await;
            println!("{name:<13} z12 qk={} -> {how:?} ({} bytes)", t.quadkey(), bytes.len());
            how
        };
        for (name, lon, lat) in places {
            log.push(lookup(name, lon, lat).await);
        }
        let deep = Tile::from_lonlat(13.40, 52.52, 15);
        let (how, _) = serve(&cache, &origin, deep).await;
        println!("deep zoom -> {how:?}");
        log.push(how);
        let warmed = prefetch_ring(&cache, &origin, Tile::from_lonlat(-9.14, 38.72, 12)).await;
        println!("prefetched {warmed} neighbours");
        let levels = warm_pyramid(&cache, &origin, Tile::from_lonlat(151.2, -33.87, 12), 4).await;
        let purged = purge_zoom(&cache, 10).await;
        println!("warmed zooms {levels:?}, purged {purged} z10 tiles");
        assert_eq!(levels, [12, 11, 10, 9]);
        log
    });
    println!("cache size {} hits {} origin fetches {}", cache.len(), cache.hits.get(), origin.fetches.get());
    assert!(matches!(served[1], Served::Cache(_)));
    assert!(matches!(served[4], Served::Overzoom { from: Tile { z: 12, .. }, .. }));
    assert_eq!(Tile { z: 3, x: 3, y: 5 }.quadkey(), "213");
    assert!(cache.len() <= 6);
}
