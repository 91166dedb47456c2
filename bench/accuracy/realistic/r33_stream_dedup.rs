//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet, VecDeque};

mod rt {
    pub async fn sleep(_ms: u64) {}
}

const WINDOW: usize = 1024;
const MAX_LINE: usize = 4096;
const BATCH: usize = 64;

#[derive(Debug, Clone, PartialEq)]
pub struct Event<'a> {
    pub id: Cow<'a, str>,
    pub source: &'a str,
    pub ts: u64,
    pub body: &'a str,
}

fn parse_event(line: &str) -> Option<Event<'_>> {
    let mut it = line.splitn(4, '|');
    let ts = it.next()?.trim().parse().ok()?;
    let source = it.next()?.trim();
    let raw_id = it.next()?.trim();
    let body = it.next().unwrap_or("");
    let id = if raw_id.chars().any(|c| c.is_ascii_uppercase()) {
        Cow::Owned(raw_id.to_ascii_lowercase())
    } else {
        Cow::Borrowed(raw_id)
    };
    Some(Event { id, source, ts, body })
}

#[derive(Default)]
pub struct Deduper {
    seen: HashSet<String>,
    order: VecDeque<String>,
    watermark: HashMap<String, u64>,
    pub dropped: u64,
    pub late: u64,
}

impl Deduper {
    fn admit(&mut self, ev: &Event<'_>) -> bool {
        if let Some(&wm) = self.watermark.get(ev.source)
            && ev.ts + 60 < wm
        {
            self.late += 1;
            return false;
        }
        if self.seen.contains(ev.id.as_ref()) {
            self.dropped += 1;
            return false;
        }
        if self.order.len() == WINDOW
            && let Some(old) = self.order.pop_front()
        {
            self.seen.remove(&old);
        }
        self.seen.insert(ev.id.to_string());
        self.order.push_back(ev.id.to_string());
        let wm = self.watermark.entry(ev.source.to_string()).or_insert(0);
        *wm = (*wm).max(ev.ts);
        true
    }
}

pub async fn pump<F>(input: &str, dedup: &RefCell<Deduper>, mut sink: F) -> Result<usize, String>
where
    F: AsyncFnMut(Vec<String>) -> Result<(), String>,
{
    let mut batch = Vec::with_capacity(BATCH);
    let mut forwarded = 0;
    let mut last_ts = None;
    for (lineno, line) in input.lines().enumerate() {
        if line.len() > MAX_LINE || line.starts_with('#') {
            continue;
        }
        let Some(ev) = parse_event(line) else {
            eprintln!("line {}: unparseable: {:?}", lineno + 1, &line[..line.len().min(40)]);
            continue;
        };
        if !dedup.borrow_mut().admit(&ev) {
            continue;
        }
        last_ts = Some(ev.ts);
        batch.push(format!("{}:{}:{}", ev.source, ev.id, ev.body.trim()));
        if batch.len() >= BATCH {
            forwarded += batch.len();
            sink(std::mem::take(&mut batch)).await?;
        }
    }
    if !batch.is_empty() {
        forwarded += batch.len();
        sink(batch).await?;
    }
    if let Some(ts) = last_ts {
        println!("forwarded {forwarded} events up to ts {ts}");
    }
    Ok(forwarded)
}

pub async fn run(inputs: &[&str]) -> (usize, u64, Vec<String>) {
    let dedup = RefCell::new(Deduper::default());
    let mut out = Vec::new();
    let mut flushes = 0u32;
    let mut total = 0;
    for input in inputs {
        let res = pump(input, &dedup, async |batch: Vec<String>| {
            flushes += 1;
            if batch.iter().any(|l| l.ends_with(":poison")) {
                return Err(format!("poison message in flush {flushes}"));
            }
            rt::sleep(3).await;
            out.extend(batch);
            Ok(())
        })
        .await;
        match res {
            Ok(n) => total += n,
            Err(e) => eprintln!("{e}"),
        }
    }
    (total, dedup.borrow().dropped + dedup.borrow().late, out)
}
