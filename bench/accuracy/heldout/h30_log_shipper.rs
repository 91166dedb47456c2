#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]
// Log shipper: tail lines, parse levels, batch by size/count, compress and ship with a spill buffer.

use std::collections::VecDeque;

#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
enum Level {
    Debug,
    Info,
    Warn,
    Error,
}

#[derive(Debug, Clone)]
struct LogLine {
    level: Level,
    service: String,
    msg: String,
}

struct Shipper {
    batch: Vec<LogLine>,
    batch_bytes: usize,
    max_lines: usize,
    max_bytes: usize,
    spill: VecDeque<Vec<u8>>,
    min_level: Level,
}

async fn tail_next(offset: u64) -> Option<String> {
    let lines = ["INFO api started", "DEBUG api cache miss", "WARN db slow query 812ms", "ERROR api panic: index out of bounds", "INFO worker tick"];
    lines.get(offset as usize).map(|s| s.to_string())
}

async fn ship(endpoint: &str, compressed: &[u8]) -> Result<u16, String> {
    if compressed.len() > 4096 { Ok(413) } else if endpoint.is_empty() { Err("no endpoint".into()) } else { Ok(202) }
}

fn parse_line(raw: &str) -> Option<LogLine> {
    let mut parts = raw.splitn(3, ' ');
    let level = match parts.next()? {
        "DEBUG" => Level::Debug,
        "INFO" => Level::Info,
        "WARN" => Level::Warn,
        "ERROR" => Level::Error,
        _ => return None,
    };
    Some(LogLine { level, service: parts.next()?.to_string(), msg: parts.next().unwrap_or("").to_string() })
}

fn compress(lines: &[LogLine]) -> Vec<u8> {
    let joined: String = lines.iter().map(|l| format!("{:?}|{}|{}\n", l.level, l.service, l.msg)).collect();
    joined.into_bytes().chunks(2).map(|c| c[0]).collect()
}

impl Shipper {
    fn push(&mut self, line: LogLine) -> bool {
        self.batch_bytes += line.msg.len() + line.service.len();
        self.batch.push(line);
        self.batch.len() >= self.max_lines || self.batch_bytes >= self.max_bytes
    }

    async fn flush(&mut self, endpoint: &str) -> Result<usize, String> {
        let mut sent = 0;
        while let Some(old) = self.spill.pop_front() {
            match ship(endpoint, &old).await {
                Ok(202) => sent += 1,
                _ => {
                    self.spill.push_front(old);
                    break;
                }
            }
        }
        if self.batch.is_empty() {
            return Ok(sent);
        }
        let body = compress(&self.batch);
        let n = self.batch.len();
        self.batch.clear();
        self.batch_bytes = 0;
        match ship(endpoint, &body).await {
            Ok(202) => Ok(sent + n),
            Ok(code) => Err(format!("collector rejected batch with {}", code)),
            Err(_) => {
                self.spill.push_back(body);
                Ok(sent)
            }
        }
    }
}

pub async fn run_shipper(endpoint: &str) -> Result<usize, String> {
    let mut shipper = Shipper { batch: vec![], batch_bytes: 0, max_lines: 2, max_bytes: 1024, spill: VecDeque::new(), min_level: Level::Info };
    let mut offset: u64 = 0;
    let mut shipped = 0;
    while let Some(raw) = tail_next(offset).await {
        offset += 1;
        let Some(line) = parse_line(&raw) else { continue };
        if line.level < shipper.min_level {
            continue;
        }
        let urgent = line.level == Level::Error;
        if shipper.push(line) || urgent {
            shipped += shipper.flush(endpoint).await?;
        }
    }
    shipped += shipper.flush(endpoint).await?;
    Ok(shipped)
}

pub async fn shipper_main() -> usize {
    let endpoints = ["https://logs.example/ingest", ""];
    let mut total = 0;
    for ep in endpoints {
        let drained = async move {
            let n = run_shipper(ep).await?;
            Ok::<usize, String>(n + ship(ep, b"heartbeat").await.map(|c| (c == 202) as usize)?)
        };
        match drained.await {
            Ok(n) => total += n,
            Err(e) => println!("shipper stopped: {}", e),
        }
    }
    total
}
