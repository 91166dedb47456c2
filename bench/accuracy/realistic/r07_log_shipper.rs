//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::time::{Duration, Instant};

mod rt {
    pub async fn sleep(_ms: u64) {}
}

const MAX_BATCH_BYTES: usize = 64 * 1024;
const MAX_BATCH_LINES: usize = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Debug,
    Info,
    Warn,
    Error,
}

pub struct Record<'a> {
    pub ts: u64,
    pub level: Level,
    pub msg: Cow<'a, str>,
}

fn parse_line(line: &str) -> Option<Record<'_>> {
    let (ts, rest) = line.split_once(' ')?;
    let (lvl, msg) = rest.split_once(' ')?;
    let level = match lvl.trim_matches(|c| c == '[' || c == ']') {
        "DEBUG" => Level::Debug,
        "INFO" => Level::Info,
        "WARN" => Level::Warn,
        "ERROR" => Level::Error,
        _ => return None,
    };
    let msg = if msg.contains('\t') { Cow::Owned(msg.replace('\t', "    ")) } else { Cow::Borrowed(msg) };
    Some(Record { ts: ts.parse().ok()?, level, msg })
}

pub struct Shipper {
    pub endpoint: String,
    pub min_level: Level,
    buf: RefCell<Vec<String>>,
    buf_bytes: Cell<usize>,
    sent: RefCell<Vec<usize>>,
    failures: Cell<u32>,
}

impl Shipper {
    pub fn new(endpoint: &str, min_level: Level) -> Self {
        Shipper {
            endpoint: endpoint.to_string(),
            min_level,
            buf: RefCell::new(Vec::new()),
            buf_bytes: Cell::new(0),
            sent: RefCell::new(Vec::new()),
            failures: Cell::new(0),
        }
    }

    async fn send(&self, batch: &[String]) -> Result<usize, String> {
        rt::sleep(5).await;
        if self.endpoint.is_empty() {
            self.failures.set(self.failures.get() + 1);
            return Err("no endpoint configured".to_string());
        }
        let bytes = batch.iter().map(|l| l.len() + 1).sum::<usize>();
        self.sent.borrow_mut().push(bytes);
        Ok(batch.len())
    }

    pub async fn ship(&self, text: &str) -> Result<usize, String> {
        let mut shipped = 0;
        let flush = async |batch: Vec<String>| -> Result<usize, String> {
            let mut delay = 10;
            for attempt in 1..=3 {
                match self.send(&batch).await {
                    Ok(n) => return Ok(n),
                    Err(e) if attempt < 3 => {
                        rt::sleep(delay).await;
                        delay *= 2;
                    }
                    Err(e) => return Err(format!("giving up after {attempt} attempts: {e}")),
                }
            }
            unreachable!()
        };
        for line in text.lines() {
            let Some(rec) = parse_line(line) else { continue };
            if rec.level < self.min_level {
                continue;
            }
            let formatted = format!("{} {:?} {}", rec.ts, rec.level, rec.msg);
            self.buf_bytes.set(self.buf_bytes.get() + formatted.len());
            self.buf.borrow_mut().push(formatted);
            if self.buf.borrow().len() >= MAX_BATCH_LINES || self.buf_bytes.get() >= MAX_BATCH_BYTES {
                let batch = std::mem::take(&mut *self.buf.borrow_mut());
                self.buf_bytes.set(0);
                shipped += flush(batch).await?;
            }
        }
        let rest = std::mem::take(&mut *self.buf.borrow_mut());
        if !rest.is_empty() {
            shipped += flush(rest).await?;
        }
        Ok(shipped)
    }

    pub async fn last_batch_size(&self) -> usize {
        if let Some(last) = self.sent.borrow().last().copied() {
            last
        } else {
            self.sent.borrow_mut().push(0);
            rt::sleep(1).await;
            0
        }
    }

    pub fn total_bytes(&self) -> usize {
        let sent = self.sent.clone();
        sent.borrow().iter().sum()
    }
}

pub async fn tail_and_ship(shipper: &Shipper, chunks: Vec<String>) -> (usize, Duration) {
    let started = Instant::now();
    let mut total = 0;
    for chunk in &chunks {
        match shipper.ship(chunk).await {
            Ok(n) => total += n,
            Err(e) => eprintln!("ship to {} failed: {e}", shipper.endpoint),
        }
    }
    let last = shipper.last_batch_size().await;
    println!("shipped {total} lines, last batch {last} bytes, {} total", shipper.total_bytes());
    (total, started.elapsed())
}
