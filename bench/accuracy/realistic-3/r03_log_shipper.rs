//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Log shipper: tails a file-like reader, parses lines, batches them and ships to a collector.

use std::collections::VecDeque;
use std::future::Future;
use std::pin::pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

mod rt {
    use std::future::Future;
    use std::pin::Pin;
    use std::task::{Context, Poll};

    struct Tick(u8);
    impl Future for Tick {
        type Output = ();
        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            if self.0 == 0 { return Poll::Ready(()); }
            self.0 -= 1;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
    pub async fn sleep(_ms: u64) { Tick(1).await }

    /// Something that looks like an async file handle.
    pub struct TailReader { data: Vec<u8>, pos: usize, pub chunk: usize }
    impl TailReader {
        pub fn new(text: &str, chunk: usize) -> Self { TailReader { data: text.as_bytes().to_vec(), pos: 0, chunk } }
        pub async fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            Tick(1).await;
            let n = (self.data.len() - self.pos).min(buf.len()).min(self.chunk);
            buf[..n].copy_from_slice(&self.data[self.pos..self.pos + n]);
            self.pos += n;
            Ok(n)
        }
    }

    pub struct Collector { pub received: Vec<String>, pub reject_over: usize }
    impl Collector {
        pub async fn push(&mut self, batch: &str) -> Result<usize, String> {
            sleep(10).await;
            if batch.len() > self.reject_over { return Err(format!("413 batch of {} bytes", batch.len())); }
            self.received.push(batch.to_string());
            Ok(batch.lines().count())
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Level { Debug, Info, Warn, Error }

#[derive(Debug, Clone)]
struct Record { ts: u64, level: Level, service: String, msg: String }

fn parse_line(line: &str) -> Option<Record> {
    let mut parts = line.splitn(4, ' ');
    let ts = parts.next()?.parse().ok()?;
    let level = match parts.next()? {
        "DEBUG" => Level::Debug,
        "INFO" => Level::Info,
        "WARN" => Level::Warn,
        "ERROR" => Level::Error,
        _ => return None,
    };
    let service = parts.next()?.trim_matches(|c| c == '[' || c == ']').to_string();
    let msg = parts.next().unwrap_or("").to_string();
    Some(Record { ts, level, service, msg })
}

#[derive(Default)]
struct Stats { lines: usize, dropped: usize, shipped: usize, retries: usize }

struct Shipper {
    min_level: Level,
    batch_bytes: usize,
    pending: VecDeque<Record>,
    stats: Arc<Mutex<Stats>>,
}

impl Shipper {
    fn accept(&self, r: &Record) -> bool {
        let rank = |l: &Level| match l { Level::Debug => 0, Level::Info => 1, Level::Warn => 2, Level::Error => 3 };
        rank(&r.level) >= rank(&self.min_level)
    }

    async fn pump(&mut self, reader: &mut rt::TailReader, collector: &mut rt::Collector) -> std::io::Result<()> {
        let mut buf = [0u8; 4096];
        let mut carry = String::new();
        loop {
            let n = reader.read(&mut buf).await?;
            if n == 0 { break; }
            carry.push_str(&String::from_utf8_lossy(&buf[..n]));
            while let Some(idx) = carry.find('\n') {
                let line: String = carry.drain(..=idx).collect();
                self.stats.lock().unwrap().lines += 1;
                if let Some(rec) = parse_line(line.trim_end()) && self.accept(&rec) {
                    self.pending.push_back(rec);
                } else {
                    self.stats.lock().unwrap().dropped += 1;
                }
            }
            if self.pending.len() >= 3 {
                self.flush(collector).await;
            }
        }
        self.flush(collector).await;
        Ok(())
    }

    async fn flush(&mut self, collector: &mut rt::Collector) {
        let mut out = String::with_capacity(self.batch_bytes);
        let records: Vec<Record> = std::mem::take(&mut self.pending).into();
        for r in &records {
            out.push_str(&format!("{{\"ts\":{},\"lvl\":\"{:?}\",\"svc\":\"{}\",\"msg\":{:?}}}\n", r.ts, r.level, r.service, r.msg));
        }
        if out.is_empty() { return; }
        let mut send = async |payload: String| -> Result<usize, String> {
            let mut attempt = 0;
            loop {
                match collector.push(&payload).await {
                    Ok(n) => return Ok(n),
                    Err(e) if attempt < 1 => { attempt += 1; rt::sleep(100).await; }
                    Err(e) => return Err(e),
                }
            }
        };
        match send(out.clone()).await {
            Ok(n) => self.stats.lock().unwrap().shipped += n,
            Err(_) => {
                // split into halves and retry each
                let lines: Vec<&str> = out.lines().collect();
                let (a, b) = lines.split_at(lines.len() / 2);
                for half in [a, b] {
                    let part = half.iter().map(|l| format!("{l}\n")).collect::<String>();
                    if let Ok(n) = send(part).await {
                        let mut s = self.stats.lock().unwrap();
                        s.shipped += n;
                        s.retries += 1;
                    }
                }
            }
        }
    }
}

fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = pin!(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        match f.as_mut().poll(&mut cx) {
            Poll::Ready(v) => break v,
            Poll::Pending => continue,
        }
    }
}

fn main() {
    let text = "\
1700000001 INFO [api] request served path=/users
1700000002 DEBUG [api] cache miss key=u:17
1700000003 WARN [billing] slow query 812ms
garbage line without structure
1700000004 ERROR [billing] charge failed: card_declined
1700000005 INFO [auth] login ok user=42
1700000006 INFO [auth] token refreshed user=42
1700000007 ERROR [api] upstream timeout
";
    let stats = Arc::new(Mutex::new(Stats::default()));
    let mut shipper = Shipper { min_level: Level::Info, batch_bytes: 512, pending: VecDeque::new(), stats: Arc::clone(&stats) };
    let mut reader = rt::TailReader::new(text, 64);
    let mut collector = rt::Collector { received: Vec::new(), reject_over: 300 };
    block_on(shipper.pump(&mut reader, &mut collector)).expect("io");
    let s = stats.lock().unwrap();
    println!("lines={} dropped={} shipped={} split_retries={} batches={}", s.lines, s.dropped, s.shipped, s.retries, collector.received.len());
}
