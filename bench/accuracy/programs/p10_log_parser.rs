#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]

use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Level {
    Debug,
    Info,
    Warn,
    Error,
}

#[derive(Debug)]
struct LogLine {
    ts: u64,
    level: Level,
    module: String,
    message: String,
}

async fn read_line(n: usize) -> Option<String> {
    if n >= 6 {
        return None;
    }
    Some(format!("{} {} mod{} something happened", 1000 + n, ["DEBUG", "INFO", "WARN", "ERROR"][n % 4], n % 2))
}

fn parse_level(s: &str) -> Option<Level> {
    match s {
        "DEBUG" => Some(Level::Debug),
        "INFO" => Some(Level::Info),
        "WARN" => Some(Level::Warn),
        "ERROR" => Some(Level::Error),
        _ => None,
    }
}

fn parse_line(line: &str) -> Option<LogLine> {
    let mut parts = line.splitn(4, ' ');
    let ts: u64 = parts.next()?.parse().ok()?;
    let level = parse_level(parts.next()?)?;
    let module = parts.next()?.to_string();
    let message = parts.next().unwrap_or("").to_string();
    Some(LogLine { ts, level, module, message })
}

async fn alert(line: &LogLine) {
    println!("ALERT {} {}: {}", line.ts, line.module, line.message);
}

async fn collect_logs(min_level: Level) -> Vec<LogLine> {
    let mut out: Vec<LogLine> = Vec::new();
    let mut n = 0usize;
    while let Some(raw) = read_line(n).await {
        n += 1;
        let Some(parsed) = parse_line(&raw) else {
            println!("skipping malformed line {}", n);
            continue;
        };
        let rank = |l: Level| l as u8;
        if rank(parsed.level) < rank(min_level) {
            continue;
        }
        if parsed.level == Level::Error {
            alert(&parsed).await;
        }
        out.push(parsed);
    }
    out
}

async fn summarize() -> HashMap<Level, usize> {
    let lines = collect_logs(Level::Info).await;
    let mut counts: HashMap<Level, usize> = HashMap::new();
    for l in &lines {
        *counts.entry(l.level).or_insert(0) += 1;
    }
    let by_module = async {
        let mut m: HashMap<String, u32> = HashMap::new();
        for l in lines.iter() {
            *m.entry(l.module.clone()).or_default() += 1;
        }
        m
    }
    .await;
    println!("modules: {}", by_module.len());
    counts
}

async fn tail_errors(limit: usize) -> Vec<u64> {
    let all = collect_logs(Level::Error).await;
    all.iter().rev().take(limit).map(|l| l.ts).collect()
}
