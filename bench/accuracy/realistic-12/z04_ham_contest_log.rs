//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Amateur-radio contest logger: parses Cabrillo QSO lines, flags dupes per band/mode,
//! resolves CQ zones through async callsign databases and scores the log.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::future::Future;
use std::pin::{Pin, pin};
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

fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = pin!(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop { if let Poll::Ready(v) = f.as_mut().poll(&mut cx) { return v; } }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Band { B160, B80, B40, B20, B15, B10 }

impl Band {
    fn from_khz(f: u32) -> Option<Band> {
        Some(match f {
            1800..=2000 => Band::B160, 3500..=4000 => Band::B80, 7000..=7300 => Band::B40,
            14000..=14350 => Band::B20, 21000..=21450 => Band::B15, 28000..=29700 => Band::B10,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Mode { Cw, Ph, Rtty }

#[derive(Debug, Clone)]
struct Qso { khz: u32, band: Band, mode: Mode, date: String, minute: u32, call: String, rst: u32, zone: u8 }

#[derive(Debug)]
enum LogError { Format { line: usize, reason: &'static str }, Band(u32), Number { line: usize, field: &'static str } }

fn parse_qso(n: usize, line: &str) -> Result<Qso, LogError> {
    let rest = line.strip_prefix("QSO:").ok_or(LogError::Format { line: n, reason: "missing QSO: tag" })?;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let [khz, mode, date, time, _me, _srst, _sexch, call, rrst, rexch] = f.as_slice() else {
        return Err(LogError::Format { line: n, reason: "expected 10 fields" });
    };
    let num = |s: &str, field: &'static str| s.parse::<u32>().map_err(|_| LogError::Number { line: n, field });
    let khz = num(*khz, "freq")?;
    let band = Band::from_khz(khz).ok_or(LogError::Band(khz))?;
    let mode = match *mode {
        "CW" => Mode::Cw,
        "PH" | "SSB" => Mode::Ph,
        "RY" => Mode::Rtty,
        _ => return Err(LogError::Format { line: n, reason: "unknown mode" }),
    };
    let hhmm = num(*time, "time")?;
    Ok(Qso {
        khz, band, mode, date: date.to_string(), minute: hhmm / 100 * 60 + hhmm % 100,
        call: call.to_ascii_uppercase(), rst: num(*rrst, "rst")?, zone: num(*rexch, "zone")? as u8,
    })
}

trait CallDb {
    async fn zone_of(&self, call: &str) -> Option<u8>;
    async fn resolve_all(&self, calls: &[&str]) -> HashMap<String, u8> {
        let mut out = HashMap::new();
        for c in calls {
            if let Some(z) = self.zone_of(c).await { out.insert(c.to_string(), z); }
        }
        out
    }
}

struct PrefixTable { prefixes: Vec<(&'static str, u8)> }
struct Cached<D: CallDb> { inner: D, cache: RefCell<HashMap<String, Option<u8>>>, hits: Cell<u32> }

impl CallDb for PrefixTable {
    async fn zone_of(&self, call: &str) -> Option<u8> {
        Yield(false).await;
        self.prefixes.iter().filter(|(p, _)| call.starts_with(p)).max_by_key(|(p, _)| p.len()).map(|&(_, z)| z)
    }
}

impl<D: CallDb> CallDb for Cached<D> {
    async fn zone_of(&self, call: &str) -> Option<u8> {
        if let Some(z) = self.cache.borrow().get(call) {
            self.hits.set(self.hits.get() + 1);
            return *z;
        }
        let z = self.inner.zone_of(call).await;
        self.cache.borrow_mut().insert(call.to_string(), z);
        z
    }
}

#[derive(Debug, Default)]
struct Score { valid: u32, dupes: Vec<usize>, zone_mismatch: Vec<String>, points: u32, mults: usize, per_band: BTreeMap<Band, u32> }

async fn score_log<D>(qsos: &[Qso], db: &D, my_zone: u8) -> Score
where
    D: CallDb,
{
    let mut seen: HashSet<(String, Band, Mode)> = HashSet::new();
    let mut mults: HashSet<(Band, u8)> = HashSet::new();
    let mut score = Score::default();
    for (i, q) in qsos.iter().enumerate() {
        if !seen.insert((q.call.clone(), q.band, q.mode)) {
            score.dupes.push(i);
            continue;
        }
        let zone = db.zone_of(&q.call).await;
        if let Some(z) = zone && z != q.zone { score.zone_mismatch.push(format!("{} logged {} db {}", q.call, q.zone, z)); }
        score.valid += 1;
        score.points += if q.zone == my_zone { 1 } else { 3 };
        mults.insert((q.band, q.zone));
        *score.per_band.entry(q.band).or_default() += 1;
    }
    score.mults = mults.len();
    score
}

fn summary(call: &str, s: &Score) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "CALLSIGN: {call}\nCLAIMED-SCORE: {}", s.points as usize * s.mults);
    for (band, n) in &s.per_band { let _ = writeln!(out, "X-BAND: {band:?} {n}"); }
    let _ = write!(out, "X-DUPES: {:?}", s.dupes);
    out
}

const LOG: &str = "QSO: 14025 CW 2024-11-23 0000 K1ABC 599 05 DL1XX 599 14
QSO: 14030 CW 2024-11-23 0002 K1ABC 599 05 JA1YYY 599 25
QSO: 14031 CW 2024-11-23 0003 K1ABC 599 05 dl1xx 599 14
QSO: 7012 CW 2024-11-23 0040 K1ABC 599 05 DL1XX 599 14
QSO: 7013 PH 2024-11-23 0041 K1ABC 59 05 W2QQ 59 05
QSO: 10110 CW 2024-11-23 0050 K1ABC 599 05 G3ZZ 599 14
QSO: 21020 CW 2024-11-23 0200 K1ABC 599 05 VK2AA 599 30
QSO: 21021 CW 2024-11-23 0201 K1ABC 599 05 G4BB 599 15
QSO: 28010 CW 2024-11-23 0230 K1ABC 599 05 LU1CC
QSO: 3520 CW 2024-11-23 0410 K1ABC 599 05 JA1YYY 599 25";

fn main() {
    let (qsos, errors): (Vec<_>, Vec<_>) = LOG.lines().enumerate().map(|(i, l)| parse_qso(i + 1, l)).partition(|r| r.is_ok());
    let qsos: Vec<Qso> = qsos.into_iter().map(Result::unwrap).collect();
    errors.iter().for_each(|e| println!("rejected: {e:?}"));

    let table = PrefixTable { prefixes: vec![("DL", 14), ("G", 14), ("JA", 25), ("W", 5), ("K", 5), ("VK", 30), ("LU", 13)] };
    let plain = block_on(score_log(&qsos, &table, 5));
    let cached = Cached { inner: PrefixTable { prefixes: table.prefixes.clone() }, cache: RefCell::new(HashMap::new()), hits: Cell::new(0) };
    let twice = block_on(async {
        let a = score_log(&qsos, &cached, 5).await;
        let b = score_log(&qsos, &cached, 14).await;
        (a.points, b.points)
    });
    println!("{}\nmismatch: {:?}\ncached {:?} hits={}", summary("K1ABC", &plain), plain.zone_mismatch, twice, cached.hits.get());
    println!("{:?}", block_on(table.resolve_all(&["DL9Z", "VK3X", "ZS6A"])));
    println!("{:?}", block_on(cached.resolve_all(&["DL1XX", "G4BB"])).len());

    let off_time = async |log: &[Qso]| {
        Yield(false).await;
        log.windows(2).map(|w| w[1].minute.saturating_sub(w[0].minute)).filter(|gap| *gap >= 30).sum::<u32>()
    };
    println!("off-time minutes: {}", block_on(off_time(&qsos)));
}
