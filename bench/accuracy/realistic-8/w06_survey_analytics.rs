//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Survey analytics: ingests responses from several sources, validates them and computes per-question summaries.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::future::Future;
use std::pin::{pin, Pin};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

fn noop_raw_waker() -> RawWaker {
    fn clone(_: *const ()) -> RawWaker {
        noop_raw_waker()
    }
    fn noop(_: *const ()) {}
    static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    RawWaker::new(std::ptr::null(), &VTABLE)
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let waker = unsafe { Waker::from_raw(noop_raw_waker()) };
    let mut cx = Context::from_waker(&waker);
    let mut fut = pin!(fut);
    loop {
        if let Poll::Ready(out) = fut.as_mut().poll(&mut cx) {
            return out;
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
            Poll::Ready(())
        } else {
            self.left -= 1;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

#[derive(Debug, Clone)]
enum Answer {
    Scale(u8),
    Choice(String),
    FreeText(String),
    Skipped,
}

#[derive(Debug, Clone)]
struct Response {
    respondent: String,
    answers: Vec<(String, Answer)>,
}

trait ResponseSource {
    fn name(&self) -> &str;
    async fn fetch_page(&self, page: usize) -> Option<Vec<String>>;

    async fn fetch_all(&self) -> Vec<String> {
        let mut all = Vec::new();
        let mut page = 0;
        while let Some(rows) = self.fetch_page(page).await {
            all.extend(rows);
            page += 1;
            Yield { left: 1 }.await;
        }
        all
    }
}

struct WebForm {
    rows: Vec<&'static str>,
}

struct PaperScans {
    batches: Vec<Vec<&'static str>>,
}

impl ResponseSource for WebForm {
    fn name(&self) -> &str {
        "web"
    }
    async fn fetch_page(&self, page: usize) -> Option<Vec<String>> {
        Yield { left: 2 }.await;
        let chunk: Vec<String> = self.rows.iter().skip(page * 2).take(2).map(|s| s.to_string()).collect();
        if chunk.is_empty() { None } else { Some(chunk) }
    }
}

impl ResponseSource for PaperScans {
    fn name(&self) -> &str {
        "paper"
    }
    async fn fetch_page(&self, page: usize) -> Option<Vec<String>> {
        Yield { left: 3 }.await;
        self.batches.get(page).map(|b| b.iter().map(|s| s.to_string()).collect())
    }
}

fn parse_row(row: &str) -> Option<Response> {
    let mut parts = row.split('|');
    let respondent = parts.next()?.trim().to_string();
    let mut answers = Vec::new();
    for field in parts {
        let (q, v) = field.split_once('=')?;
        let ans = if v.is_empty() {
            Answer::Skipped
        } else if let Ok(n) = v.parse::<u8>() && (1..=5).contains(&n) {
            Answer::Scale(n)
        } else if let Some(c) = v.strip_prefix('#') {
            Answer::Choice(c.to_string())
        } else {
            Answer::FreeText(v.to_string())
        };
        answers.push((q.to_string(), ans));
    }
    Some(Response { respondent, answers })
}

async fn ingest<S: ResponseSource>(source: &S, seen: &mut HashSet<String>) -> Vec<Response> {
    let rows = source.fetch_all().await;
    let mut out = Vec::new();
    for row in rows.iter() {
        let Some(resp) = parse_row(row) else {
            println!("[{}] malformed row: {row}", source.name());
            continue;
        };
        if !seen.insert(resp.respondent.clone()) {
            continue;
        }
        out.push(resp);
    }
    Yield { left: 1 }.await;
    out
}

#[derive(Default, Debug)]
struct QuestionSummary {
    scale_sum: u32,
    scale_n: u32,
    choices: BTreeMap<String, u32>,
    comments: usize,
    skipped: u32,
}

async fn summarize(responses: &[Response]) -> BTreeMap<String, QuestionSummary> {
    let mut out: BTreeMap<String, QuestionSummary> = BTreeMap::new();
    for (i, r) in responses.iter().enumerate() {
        for (q, a) in r.answers.iter() {
            let s = out.entry(q.clone()).or_default();
            match a {
                Answer::Scale(n) => {
                    s.scale_sum += *n as u32;
                    s.scale_n += 1;
                }
                Answer::Choice(c) => *s.choices.entry(c.clone()).or_insert(0) += 1,
                Answer::FreeText(_) => s.comments += 1,
                Answer::Skipped => s.skipped += 1,
            }
        }
        if i % 3 == 2 {
            Yield { left: 1 }.await;
        }
    }
    out
}

async fn render_report(summary: &BTreeMap<String, QuestionSummary>) -> String {
    let mut report = String::new();
    for (q, s) in summary.iter() {
        Yield { left: 1 }.await;
        let _ = write!(report, "{q}:");
        if s.scale_n > 0 {
            let _ = write!(report, " mean={:.2}", s.scale_sum as f64 / s.scale_n as f64);
        }
        if let Some((top, n)) = s.choices.iter().max_by_key(|(_, n)| **n) {
            let _ = write!(report, " top={top}({n})");
        }
        let _ = writeln!(report, " comments={} skipped={}", s.comments, s.skipped);
    }
    report
}

fn main() {
    let web = WebForm { rows: vec!["u1|q1=4|q2=#blue|q3=great", "u2|q1=5|q2=#red|q3=", "u3|q1=9|q2=#blue", "bad row"] };
    let paper = PaperScans { batches: vec![vec!["p1|q1=2|q2=#green"], vec!["u1|q1=1", "p2|q1=3|q2=#blue|q3=ok"]] };
    let mut seen = HashSet::new();
    let mut all = block_on(ingest(&web, &mut seen));
    all.extend(block_on(ingest(&paper, &mut seen)));
    println!("{} unique respondents", all.len());
    let summary = block_on(summarize(&all));
    print!("{}", block_on(render_report(&summary)));
    let count_source = async |s: &WebForm| s.fetch_all().await.len();
    println!("web rows: {}", block_on(count_source(&web)));
    println!("paper page 1: {:?}", block_on(paper.fetch_page(1)));
}
