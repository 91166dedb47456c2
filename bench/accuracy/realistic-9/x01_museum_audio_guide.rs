//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Museum audio guide: resolves narration clips for scanned exhibits, caching them per language, and plays tours.

use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::fmt::Write as _;
use std::future::Future;
use std::pin::{pin, Pin};
use std::sync::Mutex;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
use std::time::Duration;

fn noop_raw_waker() -> RawWaker {
    fn clone(_: *const ()) -> RawWaker {
        noop_raw_waker()
    }
    fn noop(_: *const ()) {}
    static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    RawWaker::new(std::ptr::null(), &VTABLE)
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let waker = unsafe { Waker::from_raw(noop_raw_waker()) };
    let mut cx = Context::from_waker(&waker);
    let mut fut = pin!(fut);
    loop {
        if let Poll::Ready(out) = fut.as_mut().poll(&mut cx) {
            return out;
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
            Poll::Ready(())
        } else {
            self.left -= 1;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

fn pause(n: u32) -> Yield {
    Yield { left: n }
}

#[derive(Debug, Clone)]
struct Clip {
    exhibit: u32,
    lang: String,
    duration: Duration,
    transcript: String,
}

struct AudioGuide {
    clips: Mutex<HashMap<(u32, String), Clip>>,
    remote_fetches: Mutex<u32>,
    fallback_lang: &'static str,
}

impl AudioGuide {
    fn new() -> Self {
        AudioGuide {
            clips: Mutex::new(HashMap::new()),
            remote_fetches: Mutex::new(0),
            fallback_lang: "en",
        }
    }

    async fn fetch_remote(&self, exhibit: u32, lang: &str) -> Option<Clip> {
        pause(2).await;
        *self.remote_fetches.lock().unwrap() += 1;
        if exhibit % 7 == 0 && lang != self.fallback_lang {
            return None;
        }
        let transcript = format!("Exhibit {exhibit}: narration ({lang})");
        pause(1).await;
        Some(Clip {
            exhibit,
            lang: lang.to_string(),
            duration: Duration::from_secs(30 + (exhibit as u64 % 45)),
            transcript,
        })
    }

    async fn clip_for(&self, exhibit: u32, lang: &str) -> Option<Clip> {
        if let Some(c) = self.clips.lock().unwrap().get(&(exhibit, lang.to_string())) {
            Some(c.clone())
        } else {
            let fetched = match self.fetch_remote(exhibit, lang).await {
                Some(c) => c,
                None => self.fetch_remote(exhibit, self.fallback_lang).await?,
            };
            self.clips
                .lock()
                .unwrap()
                .insert((exhibit, lang.to_string()), fetched.clone());
            Some(fetched)
        }
    }

    fn preload(&self, exhibits: &[u32], lang: &str) -> impl Future<Output = usize> {
        async move {
            let mut loaded = 0;
            for &ex in exhibits.iter() {
                if self.clip_for(ex, lang).await.is_some() {
                    loaded += 1;
                }
            }
            loaded
        }
    }
}

struct Tour {
    name: String,
    stops: VecDeque<u32>,
}

async fn play_tour(guide: &AudioGuide, tour: &mut Tour, lang: &str) -> String {
    let mut report = String::new();
    let mut total = Duration::ZERO;
    let announce = async |clip: &Clip| {
        pause(1).await;
        clip.transcript.chars().filter(|c| c.is_alphanumeric()).count()
    };
    writeln!(report, "Tour '{}'", tour.name).unwrap();
    while let Some(stop) = tour.stops.pop_front() {
        if let Some(clip) = guide.clip_for(stop, lang).await
            && clip.duration > Duration::from_secs(35)
        {
            let chars = announce(&clip).await;
            total += clip.duration;
            writeln!(report, "  #{stop} {}s ({chars} chars)", clip.duration.as_secs()).unwrap();
        } else {
            writeln!(report, "  #{stop} skipped").unwrap();
        }
    }
    write!(report, "total {}s", total.as_secs()).unwrap();
    report
}

async fn visitor_history(scans: &str) -> usize {
    let seen = RefCell::new(Vec::new());
    for token in scans.split(',') {
        pause(1).await;
        if let Ok(n) = token.trim().parse::<u32>() {
            seen.borrow_mut().push(n);
        }
    }
    seen.borrow().iter().filter(|n| **n % 2 == 1).count()
}

fn main() {
    let guide = AudioGuide::new();
    let loaded = block_on(guide.preload(&[3, 7, 12], "fr"));
    let mut tour = Tour {
        name: "Impressionists".to_string(),
        stops: VecDeque::from(vec![3, 7, 12, 14, 21, 40]),
    };
    let report = block_on(play_tour(&guide, &mut tour, "fr"));
    let odd = block_on(visitor_history("3, 7, x, 12, 21"));
    let single = block_on(guide.clip_for(5, "de"));
    println!("preloaded {loaded}\n{report}");
    println!("odd scans {odd}, single {:?}", single.map(|c| c.transcript));
    println!("remote fetches {}", guide.remote_fetches.lock().unwrap());
}
