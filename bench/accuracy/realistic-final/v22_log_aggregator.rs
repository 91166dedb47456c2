//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Level {
    Debug,
    Info,
    Warn,
    Error,
}

impl Level {
    fn parse(s: &str) -> Option<Level> {
        Some(match s.trim_matches(|c| c == '[' || c == ']') {
            "DEBUG" => Level::Debug,
            "INFO" => Level::Info,
            "WARN" | "WARNING" => Level::Warn,
            "ERROR" | "ERR" => Level::Error,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone)]
struct LogLine {
    ts: u64,
    level: Level,
    service: String,
    msg: String,
}

fn parse_line(line: &str) -> Option<LogLine> {
    let mut it = line.splitn(4, ' ');
    let ts = it.next()?.parse().ok()?;
    let level = Level::parse(it.next()?)?;
    let service = it.next()?.trim_end_matches(':').to_string();
    let msg = it.next().unwrap_or_default().to_string();
    Some(LogLine { ts, level, service, msg })
}

struct Source {
    name: &'static str,
    pages: Vec<&'static str>,
}

impl Source {
    async fn fetch_page(&self, i: usize) -> Option<&'static str> {
        self.pages.get(i).copied()
    }
}

#[derive(Default)]
struct Aggregator {
    by_level: RefCell<BTreeMap<Level, u32>>,
    by_service: RefCell<HashMap<String, Vec<LogLine>>>,
    rejected: RefCell<Vec<String>>,
}

impl Aggregator {
    async fn ingest(&self, src: &Source) -> usize {
        let mut page = 0;
        let mut n = 0;
        while let Some(text) = src.fetch_page(page).await {
            for raw in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
                if let Some(line) = parse_line(raw)
                    && line.level >= Level::Info
                {
                    *self.by_level.borrow_mut().entry(line.level).or_default() += 1;
                    self.by_service.borrow_mut().entry(line.service.clone()).or_default().push(line);
                    n += 1;
                } else {
                    self.rejected.borrow_mut().push(format!("{}: {}", src.name, raw));
                }
            }
            page += 1;
        }
        n
    }

    fn error_rate(&self, service: &str) -> f64 {
        let map = self.by_service.borrow();
        let Some(lines) = map.get(service) else { return 0.0 };
        let errs = lines.iter().filter(|l| l.level == Level::Error).count();
        errs as f64 / lines.len() as f64
    }

    fn services(&self) -> Vec<String> {
        let mut v: Vec<String> = self.by_service.borrow().keys().cloned().collect();
        v.sort();
        v
    }
}

fn count_unique_messages(lines: &[LogLine]) -> usize {
    let seen = RefCell::new(std::collections::HashSet::new());
    for l in lines {
        seen.borrow_mut().insert(l.msg.split_whitespace().take(2).collect::<Vec<_>>().join(" "));
    }
    // 2024: the Ref temporary in the tail expression is dropped before `seen`
    seen.borrow().len()
}

fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = Box::pin(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

fn main() {
    let sources = vec![
        Source { name: "api", pages: vec!["100 INFO api: GET /users 200\n101 DEBUG api: cache hit\n102 ERROR api: upstream timeout", "105 WARN api: slow query 900ms\n106 ERROR api: upstream timeout"] },
        Source { name: "worker", pages: vec!["200 [INFO] worker: job 17 done\nnot a log line\n201 [ERR] worker: job 18 panicked"] },
        Source { name: "empty", pages: vec![] },
    ];
    let agg = Rc::new(Aggregator::default());
    let a = agg.clone();
    let total = block_on(async move {
        let mut total = 0;
        for s in &sources {
            total += a.ingest(s).await;
        }
        total
    });
    println!("ingested {}", total);
    println!("levels {:?}", agg.by_level.borrow());
    for s in agg.services() {
        let uniq = count_unique_messages(&agg.by_service.borrow()[&s]);
        println!("{} error rate {:.2} unique msgs {}", s, agg.error_rate(&s), uniq);
    }

    let alert = async |threshold: f64| {
        let mut alerts = Vec::new();
        for s in agg.services() {
            std::future::ready(()).await;
            if agg.error_rate(&s) > threshold {
                alerts.push(s);
            }
        }
        alerts
    };
    println!("alerts {:?}", block_on(alert(0.4)));
    println!("rejected {}", agg.rejected.borrow().len());
}
