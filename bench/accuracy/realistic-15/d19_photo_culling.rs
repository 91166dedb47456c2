//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Event photographer's culling assistant: reads EXIF-style sidecars, groups frames into
//! bursts per camera body, scores sharpness on embedded thumbnails and keeps the best frame.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

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
async fn yield_now() { Yield(false).await }
fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = Box::pin(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) { return v; }
    }
}

const THUMB: usize = 16;
type Thumb = [[u8; THUMB]; THUMB];

#[derive(Debug, Clone)]
struct Frame { file: String, body_serial: String, t_ms: u64, shutter_denom: u32, iso: u32, rating: u8 }

#[derive(Debug)]
enum CullError { Sidecar { file: String, key: &'static str }, ThumbMissing(String), Corrupt(String) }

fn parse_time_ms(s: &str) -> Option<u64> {
    // "2024:06:01 14:03:27.45"
    let (_, clock) = s.split_once(' ')?;
    let (hms, frac) = clock.split_once('.').unwrap_or((clock, "0"));
    let secs = hms.split(':').try_fold(0u64, |acc, p| p.parse::<u64>().ok().map(|v| acc * 60 + v))?;
    let frac_ms = format!("{frac:0<3}")[..3].parse::<u64>().ok()?;
    Some(secs * 1000 + frac_ms)
}

fn parse_sidecar(file: &str, text: &str) -> Result<Frame, CullError> {
    let kv: HashMap<&str, &str> = text.lines().filter_map(|l| l.split_once('=')).map(|(k, v)| (k.trim(), v.trim().trim_matches('"'))).collect();
    let need = |key: &'static str| kv.get(key).copied().ok_or(CullError::Sidecar { file: file.to_string(), key });
    let t_ms = parse_time_ms(need("DateTimeOriginal")?).ok_or(CullError::Sidecar { file: file.into(), key: "DateTimeOriginal" })?;
    let shutter_denom = need("ExposureTime")?.strip_prefix("1/").and_then(|d| d.parse().ok()).unwrap_or(1);
    Ok(Frame {
        file: file.to_string(),
        body_serial: need("BodySerialNumber")?.to_string(),
        t_ms,
        shutter_denom,
        iso: need("ISO")?.parse().unwrap_or(100),
        rating: kv.get("Rating").and_then(|r| r.parse().ok()).unwrap_or(0),
    })
}

fn laplacian_variance(t: &Thumb) -> f64 {
    let mut vals = Vec::with_capacity((THUMB - 2) * (THUMB - 2));
    for y in 1..THUMB - 1 {
        for x in 1..THUMB - 1 {
            let c = t[y][x] as i32 * 4;
            vals.push((c - t[y - 1][x] as i32 - t[y + 1][x] as i32 - t[y][x - 1] as i32 - t[y][x + 1] as i32) as f64);
        }
    }
    let mean = vals.iter().sum::<f64>() / vals.len() as f64;
    vals.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / vals.len() as f64
}

trait ThumbStore {
    async fn load(&self, file: &str) -> Result<Thumb, CullError>;
}

struct CardReader { blur_of: HashMap<String, u8> }
struct CatalogCache { inner: CardReader, cache: Rc<RefCell<HashMap<String, Thumb>>>, hits: RefCell<u32> }

impl ThumbStore for CardReader {
    async fn load(&self, file: &str) -> Result<Thumb, CullError> {
        yield_now().await;
        let blur = *self.blur_of.get(file).ok_or_else(|| CullError::ThumbMissing(file.to_string()))?;
        if blur == u8::MAX { return Err(CullError::Corrupt(file.to_string())); }
        let mut t = [[0u8; THUMB]; THUMB];
        for (y, row) in t.iter_mut().enumerate() {
            for (x, px) in row.iter_mut().enumerate() {
                let edge = if (x / 4 + y / 4) % 2 == 0 { 200 } else { 40 };
                *px = ((edge as u32 * (8 - blur.min(7)) as u32 + 120 * blur.min(7) as u32) / 8) as u8;
            }
        }
        Ok(t)
    }
}

impl ThumbStore for CatalogCache {
    async fn load(&self, file: &str) -> Result<Thumb, CullError> {
        if let Some(t) = self.cache.borrow().get(file) {
            *self.hits.borrow_mut() += 1;
            return Ok(*t);
        }
        let t = self.inner.load(file).await?;
        self.cache.borrow_mut().insert(file.to_string(), t);
        Ok(t)
    }
}

fn bursts(mut frames: Vec<Frame>, gap_ms: u64) -> Vec<Vec<Frame>> {
    frames.sort_by(|a, b| (a.body_serial.as_str(), a.t_ms).cmp(&(b.body_serial.as_str(), b.t_ms)));
    let mut out: Vec<Vec<Frame>> = Vec::new();
    for f in frames {
        match out.last_mut() {
            Some(b) if b.last().map_or(false, |p| p.body_serial == f.body_serial && f.t_ms - p.t_ms <= gap_ms) => b.push(f),
            _ => out.push(vec![f]),
        }
    }
    out
}

async fn best_of<S: ThumbStore>(store: &S, burst: &[Frame]) -> Result<(String, f64), CullError> {
    let mut best: Option<(String, f64)> = None;
    for f in burst {
        let thumb = match store.load(&f.file).await {
            Ok(t) => t,
            Err(CullError::Corrupt(_)) => continue,
            Err(e) => return Err(e),
        };
        let motion_penalty = if f.shutter_denom < 250 { 0.7 } else { 1.0 };
        let score = laplacian_variance(&thumb) * motion_penalty + f.rating as f64 * 50.0;
        if best.as_ref().map_or(true, |b| score > b.1) { best = Some((f.file.clone(), score)); }
    }
    best.ok_or_else(|| CullError::ThumbMissing(format!("whole burst at {}", burst[0].file)))
}

fn main() {
    let sidecars = [
        ("DSC_0101.NEF", "B1", "14:03:27.10", "1/500", 0, 3),
        ("DSC_0102.NEF", "B1", "14:03:27.30", "1/500", 0, 0),
        ("DSC_0103.NEF", "B1", "14:03:27.52", "1/500", 0, 1),
        ("DSC_0110.NEF", "B1", "14:05:02.00", "1/125", 0, 2),
        ("A7_2201.ARW", "B2", "14:03:27.20", "1/1000", 0, 0),
        ("A7_2202.ARW", "B2", "14:03:27.40", "1/1000", 2, 0),
        ("A7_2203.ARW", "B2", "14:03:27.60", "1/1000", 0, 255),
    ];
    let mut frames = Vec::new();
    let mut blur_of = HashMap::new();
    for (file, body, clock, exp, rating, blur) in sidecars {
        let text = format!("BodySerialNumber = \"{body}\"\nDateTimeOriginal = \"2024:06:01 {clock}\"\nExposureTime = {exp}\nISO = 1600\nRating = {rating}\n");
        frames.push(parse_sidecar(file, &text).expect("sidecar"));
        blur_of.insert(file.to_string(), blur);
    }
    let broken = parse_sidecar("X.NEF", "ISO=100");
    println!("broken sidecar: {:?}", broken.err());

    let groups = bursts(frames, 400);
    let store = CatalogCache { inner: CardReader { blur_of }, cache: Rc::new(RefCell::new(HashMap::new())), hits: RefCell::new(0) };
    let mut keepers = BTreeMap::new();
    for g in &groups {
        match block_on(best_of(&store, g)) {
            Ok((file, score)) => { keepers.insert(file, (g.len(), score)); }
            Err(e) => println!("burst skipped: {e:?}"),
        }
    }
    for (file, (n, score)) in &keepers { println!("keep {file} (best of {n}, score {score:.0})"); }
    let again = block_on(best_of(&store, &groups[0]));
    let uncached = block_on(best_of(&store.inner, &groups[groups.len() - 1]));
    println!("straight from card: {uncached:?}");
    let raw = block_on(store.inner.load("DSC_0102.NEF")).map(|t| laplacian_variance(&t));
    let jobs: Vec<Pin<Box<dyn Future<Output = Result<Thumb, CullError>> + '_>>> = vec![Box::pin(store.load("A7_2201.ARW")), Box::pin(store.inner.load("missing.NEF"))];
    let loaded = block_on(async { let mut ok = 0; for j in jobs { if j.await.is_ok() { ok += 1; } } ok });
    println!("rerun {:?}, cache hits {}, raw sharpness {raw:.0?}, batch ok {loaded}", again.map(|a| a.0), store.hits.borrow());
}
