//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Karaoke night host: keeps a fair singer rotation, resolves song requests against local
//! and streaming catalogs, applies key changes and estimates each singer's wait.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

struct Yield(bool);
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 { return Poll::Ready(()); }
        self.0 = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = Box::pin(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop { if let Poll::Ready(v) = f.as_mut().poll(&mut cx) { return v; } }
}

const KEYS: [&str; 12] = ["C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"];

#[derive(Debug, Clone)]
struct Song { id: u32, title: String, artist: String, length: Duration, key: u8 }

#[derive(Debug, Clone)]
struct Request { singer: String, query: String, key_shift: i8, duet_with: Option<String> }

#[derive(Debug)]
enum KaraokeError { NotFound(String), Banned { singer: String, reason: String }, TooLong(Duration), Ambiguous(Vec<String>) }

fn normalize(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric() || c.is_whitespace()).flat_map(char::to_lowercase).collect::<String>()
        .split_whitespace().collect::<Vec<_>>().join(" ")
}

trait Catalog {
    async fn search(&self, q: &str) -> Vec<Song>;
    async fn resolve(&self, q: &str) -> Result<Song, KaraokeError> {
        let (title, artist) = match q.rsplit_once(" by ") { Some((t, a)) => (normalize(t), Some(normalize(a))), None => (normalize(q), None) };
        let hits: Vec<Song> = self.search(&title).await.into_iter()
            .filter(|s| artist.as_ref().map_or(true, |a| normalize(&s.artist).contains(a.as_str())))
            .collect();
        match hits.len() {
            0 => Err(KaraokeError::NotFound(q.to_string())),
            1 => Ok(hits.into_iter().next().unwrap()),
            _ => match hits.iter().find(|s| normalize(&s.title) == title) {
                Some(exact) => Ok(exact.clone()),
                None => Err(KaraokeError::Ambiguous(hits.iter().map(|s| format!("{} - {}", s.title, s.artist)).collect())),
            },
        }
    }
}

struct LocalDisk { songs: Vec<Song> }
struct Streaming { songs: Vec<Song>, latency_polls: u8, calls: Cell<u32> }

impl Catalog for LocalDisk {
    async fn search(&self, q: &str) -> Vec<Song> {
        Yield(false).await;
        self.songs.iter().filter(|s| normalize(&s.title).contains(q)).cloned().collect()
    }
}

impl Catalog for Streaming {
    async fn search(&self, q: &str) -> Vec<Song> {
        self.calls.set(self.calls.get() + 1);
        for _ in 0..self.latency_polls { Yield(false).await; }
        let words: Vec<&str> = q.split(' ').collect();
        self.songs.iter().filter(|s| { let t = normalize(&s.title); words.iter().all(|w| t.contains(w)) }).cloned().collect()
    }
}

#[derive(Default)]
struct Rotation { order: VecDeque<String>, queued: HashMap<String, VecDeque<(Request, Song)>>, banned: HashMap<String, String>, max_len: Duration, sung: Vec<String> }

impl Rotation {
    fn wait_for(&self, singer: &str) -> Duration {
        self.order.iter().take_while(|s| s.as_str() != singer)
            .filter_map(|s| self.queued.get(s).and_then(|q| q.front()))
            .map(|(_, song)| song.length + Duration::from_secs(45))
            .sum()
    }
}

async fn submit<C: Catalog>(rot: &mut Rotation, cat: &C, req: Request) -> Result<Duration, KaraokeError> {
    if let Some(reason) = rot.banned.get(&req.singer) {
        return Err(KaraokeError::Banned { singer: req.singer.clone(), reason: reason.clone() });
    }
    let song = cat.resolve(&req.query).await?;
    if song.length > rot.max_len { return Err(KaraokeError::TooLong(song.length)); }
    if !rot.order.contains(&req.singer) { rot.order.push_back(req.singer.clone()); }
    let singer = req.singer.clone();
    rot.queued.entry(singer.clone()).or_default().push_back((req, song));
    Ok(rot.wait_for(&singer))
}

async fn run_night(rot: Rc<RefCell<Rotation>>, slots: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for slot in 0..slots {
        let mut r = rot.borrow_mut();
        let Some(singer) = r.order.pop_front() else { break };
        let Some((req, song)) = r.queued.get_mut(&singer).and_then(|q| q.pop_front()) else { continue };
        let key = KEYS[(song.key as i32 + req.key_shift as i32).rem_euclid(12) as usize];
        Yield(false).await;
        let duet = req.duet_with.as_deref().map(|d| format!(" with {d}")).unwrap_or_default();
        lines.push(format!("#{:02} {}{} - {} in {} ({}:{:02})", slot + 1, singer, duet, song.title, key, song.length.as_secs() / 60, song.length.as_secs() % 60));
        if r.queued.get(&singer).map_or(false, |q| !q.is_empty()) { r.order.push_back(singer.clone()); }
        r.sung.push(singer);
    }
    lines
}

fn song(id: u32, title: &str, artist: &str, secs: u64, key: u8) -> Song {
    Song { id, title: title.into(), artist: artist.into(), length: Duration::from_secs(secs), key }
}

fn req(singer: &str, q: &str, shift: i8) -> Request {
    Request { singer: singer.into(), query: q.into(), key_shift: shift, duet_with: None }
}

fn main() {
    let local = LocalDisk { songs: vec![song(1, "Dancing Queen", "ABBA", 231, 9), song(2, "Bohemian Rhapsody", "Queen", 355, 10), song(3, "Killer Queen", "Queen", 180, 3), song(4, "Jolene", "Dolly Parton", 161, 1)] };
    let streaming = Streaming { songs: vec![song(10, "Don't Stop Me Now", "Queen", 209, 5), song(11, "Free Bird", "Lynyrd Skynyrd", 548, 7), song(12, "Total Eclipse of the Heart", "Bonnie Tyler", 330, 4)], latency_polls: 3, calls: Cell::new(0) };
    let mut rot = Rotation { max_len: Duration::from_secs(420), ..Default::default() };
    rot.banned.insert("Gary".into(), "mic drop incident".into());
    let results = block_on(async {
        let mut out = Vec::new();
        out.push(submit(&mut rot, &local, req("Ana", "dancing queen", 0)).await);
        out.push(submit(&mut rot, &local, req("Bo", "queen", -2)).await);
        out.push(submit(&mut rot, &local, req("Bo", "Bohemian Rhapsody by Queen", -2)).await);
        out.push(submit(&mut rot, &streaming, req("Cy", "dont stop me", 1)).await);
        out.push(submit(&mut rot, &streaming, req("Ana", "free bird", 0)).await);
        out.push(submit(&mut rot, &local, req("Gary", "jolene", 0)).await);
        out.push(submit(&mut rot, &streaming, Request { duet_with: Some("Ana".into()), ..req("Dee", "total eclipse", 2) }).await);
        out.push(submit(&mut rot, &local, req("Ana", "jolene", 3)).await);
        out
    });
    for r in &results { println!("{:?}", r.as_ref().map(|d| format!("wait {}s", d.as_secs()))); }
    let rot = Rc::new(RefCell::new(rot));
    block_on(run_night(Rc::clone(&rot), 10)).iter().for_each(|l| println!("{l}"));
    let tally = async |names: &[&str]| -> Vec<(String, usize)> {
        Yield(false).await;
        let r = rot.borrow();
        names.iter().map(|n| (n.to_string(), r.sung.iter().filter(|s| s == n).count())).collect()
    };
    println!("{:?} streaming calls={}", block_on(tally(&["Ana", "Bo", "Cy", "Dee"])), streaming.calls.get());
}
