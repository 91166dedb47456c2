//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Models a marathon chip-timing service that ingests timing-mat reads, computes splits and publishes age-group results.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::fmt::Write as _;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

struct Yield {
    polled: bool,
}

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.polled { return Poll::Ready(()); }
        self.polled = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

fn yield_now() -> Yield { Yield { polled: false } }

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = std::pin::pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(out) = fut.as_mut().poll(&mut cx) {
            return out;
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Mat {
    Start,
    K10,
    Half,
    K30,
    Finish,
}

#[derive(Debug, Clone)]
struct ChipRead {
    bib: u32,
    mat: Mat,
    millis: u64,
}

#[derive(Debug)]
enum TimingError {
    UnknownBib(u32),
    OutOfOrder { bib: u32, mat: Mat },
    MissingStart(u32),
    Feed(String),
}

impl std::fmt::Display for TimingError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TimingError::UnknownBib(b) => write!(f, "unknown bib {b}"),
            TimingError::OutOfOrder { bib, mat } => write!(f, "bib {bib} read out of order at {mat:?}"),
            TimingError::MissingStart(b) => write!(f, "bib {b} has no start read"),
            TimingError::Feed(msg) => write!(f, "feed error: {msg}"),
        }
    }
}

#[derive(Debug, Clone)]
struct Runner {
    bib: u32,
    name: String,
    age: u8,
    female: bool,
}

async fn pause_feed(ticks: u32) {
    for _ in 0..ticks {
        yield_now().await;
    }
}

async fn parse_feed(raw: &str) -> Result<Vec<ChipRead>, TimingError> {
    let mut reads = Vec::new();
    for (lineno, line) in raw.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let mut parts = line.split(',').map(str::trim);
        let (Some(bib), Some(mat), Some(ms)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(TimingError::Feed(format!("line {}: too few fields", lineno + 1)));
        };
        let bib: u32 = bib.parse().map_err(|_| TimingError::Feed(format!("bad bib {bib}")))?;
        let mat = match mat {
            "S" => Mat::Start,
            "10" => Mat::K10,
            "21" => Mat::Half,
            "30" => Mat::K30,
            "F" => Mat::Finish,
            other => return Err(TimingError::Feed(format!("unknown mat {other}"))),
        };
        let millis = ms.parse::<u64>().map_err(|e| TimingError::Feed(e.to_string()))?;
        if lineno % 3 == 0 {
            yield_now().await;
        }
        reads.push(ChipRead { bib, mat, millis });
    }
    Ok(reads)
}

async fn compute_splits(
    reads: Vec<ChipRead>,
    roster: &HashMap<u32, Runner>,
) -> Result<BTreeMap<u32, Vec<(Mat, Duration)>>, TimingError> {
    let mut last_seen: HashMap<u32, (Mat, u64)> = HashMap::new();
    let mut splits: BTreeMap<u32, Vec<(Mat, Duration)>> = BTreeMap::new();
    let mut queue: VecDeque<ChipRead> = reads.into_iter().collect();
    while let Some(read) = queue.pop_front() {
        if !roster.contains_key(&read.bib) {
            return Err(TimingError::UnknownBib(read.bib));
        }
        match last_seen.get(&read.bib).copied() {
            None if read.mat == Mat::Start => {
                last_seen.insert(read.bib, (Mat::Start, read.millis));
            }
            None => return Err(TimingError::MissingStart(read.bib)),
            Some((prev, _)) if prev >= read.mat => {
                // duplicate mat read: chips often double-fire, keep the first
                if prev == read.mat {
                    continue;
                }
                return Err(TimingError::OutOfOrder { bib: read.bib, mat: read.mat });
            }
            Some((_, start_ms)) => {
                let gun = splits.entry(read.bib).or_default();
                let since_start = Duration::from_millis(read.millis - start_ms);
                gun.push((read.mat, since_start));
                last_seen.insert(read.bib, (read.mat, start_ms));
            }
        }
        pause_feed(1).await;
    }
    Ok(splits)
}

trait ResultSink {
    fn label(&self) -> &str;
    async fn publish(&mut self, line: String) -> Result<(), TimingError>;
    async fn publish_all(&mut self, lines: Vec<String>) -> Result<usize, TimingError> {
        let mut sent = 0usize;
        for line in lines {
            self.publish(line).await?;
            sent += 1;
            yield_now().await;
        }
        Ok(sent)
    }
}

struct Scoreboard {
    rows: VecDeque<String>,
    capacity: usize,
}

impl ResultSink for Scoreboard {
    fn label(&self) -> &str {
        "scoreboard"
    }
    async fn publish(&mut self, line: String) -> Result<(), TimingError> {
        if self.rows.len() == self.capacity {
            self.rows.pop_front();
        }
        yield_now().await;
        self.rows.push_back(line);
        Ok(())
    }
}

struct PressFeed {
    buffer: String,
    max_bytes: usize,
}

impl ResultSink for PressFeed {
    fn label(&self) -> &str {
        "press"
    }
    async fn publish(&mut self, line: String) -> Result<(), TimingError> {
        if self.buffer.len() + line.len() > self.max_bytes {
            return Err(TimingError::Feed(format!("press buffer full at {} bytes", self.buffer.len())));
        }
        pause_feed(2).await;
        let _ = writeln!(self.buffer, "[PRESS] {line}");
        Ok(())
    }
}

async fn publish_results<S>(sink: &mut S, rows: &[(u32, String, Duration)]) -> Result<usize, TimingError>
where
    S: ResultSink,
{
    let lines: Vec<String> = rows
        .iter()
        .enumerate()
        .map(|(place, (bib, name, t))| {
            let secs = t.as_secs();
            format!("{:>3}. #{bib:<5} {name:<12} {}:{:02}:{:02}", place + 1, secs / 3600, (secs / 60) % 60, secs % 60)
        })
        .collect();
    yield_now().await;
    let label = sink.label().to_string();
    let sent = sink.publish_all(lines).await?;
    println!("{label}: {sent} rows");
    Ok(sent)
}

fn age_group(r: &Runner) -> &'static str {
    match r.age {
        a if a < 30 => "U30",
        30..=39 => "M30",
        40..=49 => "M40",
        _ => "M50+",
    }
}

fn rank_finishers(
    splits: &BTreeMap<u32, Vec<(Mat, Duration)>>,
    roster: &HashMap<u32, Runner>,
) -> BTreeMap<(&'static str, bool), Vec<(u32, String, Duration)>> {
    let mut groups: BTreeMap<(&'static str, bool), Vec<(u32, String, Duration)>> = BTreeMap::new();
    for (bib, legs) in splits {
        let Some(&(Mat::Finish, total)) = legs.last() else { continue };
        let runner = &roster[bib];
        groups
            .entry((age_group(runner), runner.female))
            .or_default()
            .push((*bib, runner.name.clone(), total));
    }
    for rows in groups.values_mut() {
        rows.sort_by_key(|(_, _, t)| *t);
    }
    groups
}

pub fn main() {
    let roster: HashMap<u32, Runner> = [
        (101, "Ana Ruiz", 28, true),
        (102, "Ben Okafor", 34, false),
        (103, "Chen Li", 45, false),
        (104, "Dora Melo", 52, true),
        (105, "Eli Park", 29, false),
    ]
    .into_iter()
    .map(|(bib, name, age, female)| (bib, Runner { bib, name: name.to_string(), age, female }))
    .collect();

    let feed = "101,S,0\n102,S,500\n103,S,900\n105,S,1200\n\n101,10,2400000\n102,10,2500000\n102,10,2500100\n\
                105,10,2300000\n101,21,5100000\n105,21,4900000\n102,21,5600000\n101,30,7300000\n105,30,7000000\n\
                101,F,10400000\n105,F,9900000\n102,F,11800000\n103,10,3000000";

    let outcome = block_on(async {
        let reads = parse_feed(feed).await?;
        let total_reads = reads.len();
        let splits = compute_splits(reads, &roster).await?;
        let groups = rank_finishers(&splits, &roster);
        pause_feed(2).await;
        let mut board = Scoreboard { rows: VecDeque::new(), capacity: 4 };
        let mut press = PressFeed { buffer: String::new(), max_bytes: 4096 };
        let mut overall: Vec<(u32, String, Duration)> = groups.values().flatten().cloned().collect();
        overall.sort_by_key(|r| r.2);
        publish_results(&mut board, &overall).await?;
        for ((group, female), rows) in &groups {
            let tag = format!("{group}{}", if *female { "F" } else { "M" });
            println!("group {tag}: {} finishers", rows.len());
            publish_results(&mut press, rows).await?;
        }
        Ok::<_, TimingError>((total_reads, board.rows.len(), press.buffer.lines().count()))
    });

    match outcome {
        Ok((reads, board_rows, press_lines)) => println!("reads={reads} board={board_rows} press={press_lines}"),
        Err(e) => println!("timing failed: {e}"),
    }

    let bad = block_on(parse_feed("9x,S,0"));
    println!("bad feed -> {}", bad.map(|v| v.len().to_string()).unwrap_or_else(|e| e.to_string()));
    block_on(pause_feed(3));
}
