#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Subtitle sync tool: parses SRT cues, aligns them to detected speech onsets, fixes overlaps and re-serializes.

use std::collections::{BTreeMap, VecDeque};
use std::fmt::Write as _;
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

const MIN_GAP: Duration = Duration::from_millis(80);
const MAX_CHARS_PER_SEC: f64 = 21.0;

#[derive(Debug, Clone)]
struct Cue {
    index: u32,
    start: Duration,
    end: Duration,
    text: Vec<String>,
}

#[derive(Debug)]
enum SrtError {
    BadIndex(String),
    BadTimestamp(String),
    Truncated(u32),
}

fn parse_ts(s: &str) -> Result<Duration, SrtError> {
    let s = s.trim();
    if s.len() != 12 || &s[2..3] != ":" || &s[5..6] != ":" || &s[8..9] != "," {
        return Err(SrtError::BadTimestamp(s.to_string()));
    }
    let num = |a: usize, b: usize| s[a..b].parse::<u64>().map_err(|_| SrtError::BadTimestamp(s.to_string()));
    let (h, m, sec, ms) = (num(0, 2)?, num(3, 5)?, num(6, 8)?, num(9, 12)?);
    Ok(Duration::from_millis(((h * 60 + m) * 60 + sec) * 1000 + ms))
}

fn fmt_ts(d: Duration) -> String {
    let ms = d.as_millis() as u64;
    format!("{:02}:{:02}:{:02},{:03}", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000)
}

async fn parse_srt(src: &str) -> Result<Vec<Cue>, SrtError> {
    let mut cues = Vec::new();
    let mut lines = src.lines().peekable();
    while lines.peek().is_some() {
        while lines.peek().map_or(false, |l| l.trim().is_empty()) {
            lines.next();
        }
        let Some(idx_line) = lines.next() else { break };
        let index: u32 = idx_line.trim().parse().map_err(|_| SrtError::BadIndex(idx_line.to_string()))?;
        let timing = lines.next().ok_or(SrtError::Truncated(index))?;
        let (a, b) = timing.split_once("-->").ok_or_else(|| SrtError::BadTimestamp(timing.to_string()))?;
        let (start, end) = (parse_ts(a)?, parse_ts(b)?);
        let mut text = Vec::new();
        while let Some(l) = lines.next() {
            if l.trim().is_empty() {
                break;
            }
            text.push(l.to_string());
        }
        cues.push(Cue { index, start, end, text });
        if cues.len() % 2 == 0 {
            Yield { left: 1 }.await;
        }
    }
    Ok(cues)
}

async fn detect_onsets(audio_env: &[u8], frame: Duration) -> Vec<Duration> {
    let mut onsets = Vec::new();
    let mut was_quiet = true;
    for (i, level) in audio_env.iter().enumerate() {
        let loud = *level > 40;
        if loud && was_quiet {
            onsets.push(frame * i as u32);
        }
        was_quiet = !loud;
        if i % 8 == 7 {
            Yield { left: 1 }.await;
        }
    }
    onsets
}

async fn estimate_offset(cues: &[Cue], onsets: &[Duration]) -> i64 {
    let mut votes: BTreeMap<i64, u32> = BTreeMap::new();
    for cue in cues.iter() {
        let nearest = onsets.iter().min_by_key(|o| (o.as_millis() as i64 - cue.start.as_millis() as i64).abs());
        if let Some(o) = nearest {
            let delta = o.as_millis() as i64 - cue.start.as_millis() as i64;
            *votes.entry(delta / 100 * 100).or_insert(0) += 1;
        }
    }
    Yield { left: 2 }.await;
    votes.into_iter().max_by_key(|(_, n)| *n).map(|(d, _)| d).unwrap_or(0)
}

fn shift(d: Duration, ms: i64) -> Duration {
    if ms >= 0 {
        d + Duration::from_millis(ms as u64)
    } else {
        d.saturating_sub(Duration::from_millis((-ms) as u64))
    }
}

async fn fix_timing(mut cues: Vec<Cue>, offset_ms: i64) -> (Vec<Cue>, Vec<String>) {
    let mut warnings = Vec::new();
    let mut queue: VecDeque<Cue> = cues.drain(..).collect();
    let mut out: Vec<Cue> = Vec::new();
    while let Some(mut cue) = queue.pop_front() {
        cue.start = shift(cue.start, offset_ms);
        cue.end = shift(cue.end, offset_ms);
        if let Some(prev) = out.last_mut() {
            if prev.end + MIN_GAP > cue.start {
                prev.end = cue.start.saturating_sub(MIN_GAP);
                warnings.push(format!("cue {} overlapped cue {}", prev.index, cue.index));
                Yield { left: 1 }.await;
            }
        }
        let chars: usize = cue.text.iter().map(|l| l.chars().count()).sum();
        let secs = (cue.end - cue.start).as_secs_f64();
        if secs > 0.0 && chars as f64 / secs > MAX_CHARS_PER_SEC {
            warnings.push(format!("cue {} reads too fast ({:.0} cps)", cue.index, chars as f64 / secs));
        }
        out.push(cue);
    }
    (out, warnings)
}

async fn write_srt(cues: &[Cue]) -> String {
    let mut s = String::new();
    for (n, cue) in cues.iter().enumerate() {
        write!(s, "{}\n{} --> {}\n", n + 1, fmt_ts(cue.start), fmt_ts(cue.end)).unwrap();
        for l in cue.text.iter() {
            s.push_str(l);
            s.push('\n');
        }
        s.push('\n');
        Yield { left: 1 }.await;
    }
    s
}

fn main() {
    let srt = "1\n00:00:01,000 --> 00:00:03,500\nWhere were you last night?\n\n2\n00:00:03,400 --> 00:00:05,000\nOut.\n\n3\n00:00:06,000 --> 00:00:06,400\nOut where, exactly? With whom? Doing what?\n\n";
    let cues = block_on(parse_srt(srt)).expect("valid srt");
    let env: Vec<u8> = (0..64).map(|i| if [6, 18, 26].contains(&i) || [7, 19, 27].contains(&i) { 80 } else { 10 }).collect();
    let onsets = block_on(detect_onsets(&env, Duration::from_millis(250)));
    let offset = block_on(estimate_offset(&cues, &onsets));
    println!("onsets {:?} -> offset {offset} ms", onsets);
    let (fixed, warnings) = block_on(fix_timing(cues, offset));
    for w in warnings.iter() {
        println!("warn: {w}");
    }
    print!("{}", block_on(write_srt(&fixed)));
    println!("{:?}", block_on(parse_srt("1\n00:00:01.000 --> 00:00:02,000\nhi\n")).err());
    println!("{:?}", block_on(parse_srt("x\n")).err());
}
