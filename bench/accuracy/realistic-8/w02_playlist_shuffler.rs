//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Music playlist shuffler: fetches track metadata, spreads artists apart, and builds a smart queue.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::pin::{pin, Pin};
use std::rc::Rc;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
use std::time::Duration;

fn raw_waker() -> RawWaker {
    fn clone(_: *const ()) -> RawWaker {
        raw_waker()
    }
    fn noop(_: *const ()) {}
    static VT: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    RawWaker::new(std::ptr::null(), &VT)
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let waker = unsafe { Waker::from_raw(raw_waker()) };
    let mut cx = Context::from_waker(&waker);
    let mut fut = pin!(fut);
    loop {
        match fut.as_mut().poll(&mut cx) {
            Poll::Ready(v) => return v,
            Poll::Pending => continue,
        }
    }
}

struct Yield {
    left: u32,
}

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.left == 0 {
            return Poll::Ready(());
        }
        self.left -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

#[derive(Debug, Clone)]
struct Track {
    id: u32,
    title: String,
    artist: String,
    length: Duration,
    plays: u32,
}

struct Rng(Cell<u64>);

impl Rng {
    fn next(&self) -> u64 {
        let mut x = self.0.get();
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0.set(x);
        x
    }
}

struct Library {
    tracks: RefCell<HashMap<u32, Track>>,
    history: RefCell<VecDeque<u32>>,
}

async fn fetch_metadata(id: u32) -> Track {
    Yield { left: 1 + id % 3 }.await;
    let artists = ["Nova", "The Quiet", "Ostrava Brass", "Mila K"];
    Track {
        id,
        title: format!("Track #{id}"),
        artist: artists[(id as usize) % artists.len()].to_string(),
        length: Duration::from_secs(150 + (id as u64 * 37) % 120),
        plays: (id * 7) % 40,
    }
}

async fn load_library(lib: &Library, ids: &[u32]) -> usize {
    let mut loaded = 0;
    for &id in ids.iter() {
        if lib.tracks.borrow().contains_key(&id) {
            continue;
        }
        let t = fetch_metadata(id).await;
        lib.tracks.borrow_mut().insert(id, t);
        loaded += 1;
    }
    loaded
}

fn recently_played<'a>(lib: &'a Library, n: usize) -> impl Future<Output = Vec<u32>> {
    // 2024 RPIT captures `'a` implicitly.
    async move {
        Yield { left: 1 }.await;
        lib.history.borrow().iter().rev().take(n).copied().collect()
    }
}

async fn shuffle(lib: &Library, rng: &Rng) -> Vec<u32> {
    let recent = recently_played(lib, 2).await;
    let mut ids: Vec<u32> = lib
        .tracks
        .borrow()
        .keys()
        .copied()
        .filter(|id| !recent.contains(id))
        .collect();
    ids.sort();
    for i in (1..ids.len()).rev() {
        let j = (rng.next() % (i as u64 + 1)) as usize;
        ids.swap(i, j);
        if i % 4 == 0 {
            Yield { left: 1 }.await;
        }
    }
    ids
}

async fn spread_artists(lib: &Library, order: Vec<u32>) -> Vec<u32> {
    let mut by_artist: HashMap<String, VecDeque<u32>> = HashMap::new();
    for id in order.iter() {
        let artist = lib.tracks.borrow()[id].artist.clone();
        by_artist.entry(artist).or_default().push_back(*id);
    }
    Yield { left: 2 }.await;
    let mut artists: Vec<String> = by_artist.keys().cloned().collect();
    artists.sort();
    let mut out = Vec::with_capacity(order.len());
    let mut last: Option<String> = None;
    while out.len() < order.len() {
        let mut progressed = false;
        for a in artists.iter() {
            if last.as_deref() == Some(a.as_str()) && artists.len() > 1 {
                continue;
            }
            if let Some(id) = by_artist.get_mut(a).and_then(|q| q.pop_front()) {
                out.push(id);
                last = Some(a.clone());
                progressed = true;
                Yield { left: 1 }.await;
            }
        }
        if !progressed {
            last = None;
        }
    }
    out
}

async fn total_runtime(lib: &Library, queue: &[u32]) -> Duration {
    Yield { left: 1 }.await;
    // Block tail expression holding a RefCell borrow temporary.
    let total = {
        queue.iter().map(|id| lib.tracks.borrow()[id].length).sum::<Duration>()
    };
    total
}

fn main() {
    let lib = Rc::new(Library { tracks: RefCell::new(HashMap::new()), history: RefCell::new(VecDeque::from([3, 7])) });
    let rng = Rng(Cell::new(0x9E3779B97F4A7C15));
    let ids: Vec<u32> = (1..=12).collect();
    let n = block_on(load_library(&lib, &ids));
    println!("loaded {n} tracks");
    let order = block_on(shuffle(&lib, &rng));
    let spread = block_on(spread_artists(&lib, order));
    let rt = block_on(total_runtime(&lib, &spread));
    println!("queue {:?} runtime {}s", spread, rt.as_secs());
    let lib2 = Rc::clone(&lib);
    let play = async |id: u32| {
        Yield { left: 1 }.await;
        let title = lib2.tracks.borrow().get(&id).map(|t| t.title.clone()).unwrap_or_default();
        lib2.history.borrow_mut().push_back(id);
        title
    };
    let mut played = Vec::new();
    for id in spread.iter().take(3) {
        played.push(block_on(play(*id)));
    }
    println!("now playing: {}", played.join(" -> "));
    let recent = block_on(recently_played(&lib, 3));
    println!("recent: {recent:?}");
}
