#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Podcast feed fetcher: polls RSS feeds with conditional requests, parses episodes, and queues new downloads.

use std::collections::{HashMap, HashSet, VecDeque};
use std::error::Error;
use std::fmt;
use std::future::Future;
use std::pin::{pin, Pin};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
use std::time::Duration;

fn noop_raw() -> RawWaker {
    fn clone(_: *const ()) -> RawWaker {
        noop_raw()
    }
    fn noop(_: *const ()) {}
    static VT: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    RawWaker::new(std::ptr::null(), &VT)
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let waker = unsafe { Waker::from_raw(noop_raw()) };
    let mut cx = Context::from_waker(&waker);
    let mut fut = pin!(fut);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
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

#[derive(Debug)]
enum FeedError {
    Http(u16),
    MissingTag(&'static str),
    BadDuration(String),
}

impl fmt::Display for FeedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FeedError::Http(c) => write!(f, "http status {c}"),
            FeedError::MissingTag(t) => write!(f, "missing <{t}>"),
            FeedError::BadDuration(d) => write!(f, "bad duration '{d}'"),
        }
    }
}

impl Error for FeedError {}

#[derive(Debug, Clone)]
struct Episode {
    guid: String,
    title: String,
    url: String,
    length: Duration,
}

struct FeedState {
    url: String,
    etag: Option<String>,
    seen: HashSet<String>,
}

enum Response {
    NotModified,
    Body { etag: String, xml: String },
    Error(u16),
}

async fn http_get(url: &str, etag: Option<&str>) -> Response {
    Yield { left: 2 }.await;
    if url.contains("gone") {
        return Response::Error(410);
    }
    if etag == Some("v2") {
        return Response::NotModified;
    }
    let xml = if url.contains("tech") {
        "<rss><channel><title>Tech Talk</title>\
         <item><guid>t-101</guid><title>Rust async</title><enclosure url=\"https://cdn/t101.mp3\"/><duration>01:02:03</duration></item>\
         <item><guid>t-100</guid><title>Compilers</title><enclosure url=\"https://cdn/t100.mp3\"/><duration>45:10</duration></item>\
         </channel></rss>"
    } else {
        "<rss><channel><title>Garden Hour</title>\
         <item><guid>g-7</guid><title>Tomatoes</title><enclosure url=\"https://cdn/g7.mp3\"/><duration>nope</duration></item>\
         </channel></rss>"
    };
    Response::Body { etag: "v2".to_string(), xml: xml.to_string() }
}

fn tag<'a>(xml: &'a str, name: &'static str) -> Result<&'a str, FeedError> {
    let open = format!("<{name}>");
    let close = format!("</{name}>");
    let start = xml.find(&open).ok_or(FeedError::MissingTag(name))? + open.len();
    let end = xml[start..].find(&close).ok_or(FeedError::MissingTag(name))? + start;
    Ok(&xml[start..end])
}

fn parse_duration(s: &str) -> Result<Duration, FeedError> {
    let parts: Result<Vec<u64>, _> = s.split(':').map(|p| p.parse::<u64>()).collect();
    let parts = parts.map_err(|_| FeedError::BadDuration(s.to_string()))?;
    let secs = parts.iter().fold(0, |acc, p| acc * 60 + p);
    Ok(Duration::from_secs(secs))
}

async fn parse_items(xml: &str) -> Result<Vec<Episode>, FeedError> {
    let mut eps = Vec::new();
    for chunk in xml.split("<item>").skip(1) {
        Yield { left: 1 }.await;
        let guid = tag(chunk, "guid")?.to_string();
        let title = tag(chunk, "title")?.to_string();
        let url_start = chunk.find("url=\"").ok_or(FeedError::MissingTag("enclosure"))? + 5;
        let url_end = chunk[url_start..].find('"').ok_or(FeedError::MissingTag("enclosure"))? + url_start;
        let length = parse_duration(tag(chunk, "duration")?)?;
        eps.push(Episode { guid, title, url: chunk[url_start..url_end].to_string(), length });
    }
    Ok(eps)
}

async fn poll_feed(state: &mut FeedState) -> Result<Vec<Episode>, Box<dyn Error>> {
    let resp = http_get(&state.url, state.etag.as_deref()).await;
    let (etag, xml) = match resp {
        Response::NotModified => return Ok(Vec::new()),
        Response::Error(code) => return Err(Box::new(FeedError::Http(code))),
        Response::Body { etag, xml } => (etag, xml),
    };
    let show = tag(&xml, "title")?.to_string();
    let episodes = parse_items(&xml).await?;
    state.etag = Some(etag);
    let fresh: Vec<Episode> = episodes.into_iter().filter(|e| state.seen.insert(e.guid.clone())).collect();
    println!("{show}: {} new", fresh.len());
    Ok(fresh)
}

async fn download(ep: &Episode, retries: u8) -> Result<u64, FeedError> {
    let mut attempt = 0;
    loop {
        Yield { left: 2 }.await;
        attempt += 1;
        if ep.url.ends_with("t100.mp3") && attempt < 2 {
            continue;
        }
        if attempt > retries {
            return Err(FeedError::Http(503));
        }
        return Ok(ep.length.as_secs() * 16_000);
    }
}

async fn refresh_all(feeds: &mut Vec<FeedState>) -> (VecDeque<Episode>, Vec<String>) {
    let mut queue = VecDeque::new();
    let mut errors = Vec::new();
    for feed in feeds.iter_mut() {
        match poll_feed(feed).await {
            Ok(eps) => queue.extend(eps),
            Err(e) => errors.push(format!("{}: {}", feed.url, e)),
        }
    }
    (queue, errors)
}

async fn drain_downloads(mut queue: VecDeque<Episode>) -> HashMap<String, u64> {
    let mut done = HashMap::new();
    while let Some(ep) = queue.pop_front() {
        match download(&ep, 3).await {
            Ok(bytes) => {
                done.insert(ep.guid.clone(), bytes);
            }
            Err(e) => println!("download {} failed: {e}", ep.title),
        }
    }
    done
}

fn main() {
    let mut feeds: Vec<FeedState> = ["https://feeds/tech", "https://feeds/garden", "https://feeds/gone"]
        .iter()
        .map(|u| FeedState { url: u.to_string(), etag: None, seen: HashSet::new() })
        .collect();
    let (queue, errors) = block_on(refresh_all(&mut feeds));
    for e in errors.iter() {
        println!("error {e}");
    }
    let titles: Vec<&str> = queue.iter().map(|e| e.title.as_str()).collect();
    println!("queued: {:?}", titles);
    let done = block_on(drain_downloads(queue));
    let mut keys: Vec<_> = done.iter().collect();
    keys.sort();
    println!("downloaded: {:?}", keys);
    let (again, _) = block_on(refresh_all(&mut feeds));
    println!("second poll queued {}", again.len());
}
