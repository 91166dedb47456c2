#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Metrics scraper: pulls Prometheus text exposition from targets, parses samples, computes counter rates.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap};
use std::future::{poll_fn, Future};
use std::pin::{pin, Pin};
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

struct Yield(u8);

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 == 0 {
            return Poll::Ready(());
        }
        self.0 -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
struct Sample {
    name: String,
    labels: BTreeMap<String, String>,
    value: f64,
}

#[derive(Debug)]
enum ScrapeError {
    Timeout(String),
    Parse { target: String, line: usize, why: &'static str },
}

fn parse_labels(s: &str) -> Option<BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    let mut chars = s.chars().peekable();
    loop {
        let key: String = chars.by_ref().take_while(|&c| c != '=').collect::<String>().trim_start_matches(',').trim().to_string();
        if key.is_empty() {
            break;
        }
        if chars.next() != Some('"') {
            return None;
        }
        let mut val = String::new();
        while let Some(c) = chars.next() {
            match c {
                '\\' => val.extend(chars.next()),
                '"' => break,
                c => val.push(c),
            }
        }
        out.insert(key, val);
    }
    Some(out)
}

fn parse_exposition(target: &str, body: &str) -> Result<Vec<Sample>, ScrapeError> {
    let err = |line, why| ScrapeError::Parse { target: target.to_string(), line, why };
    body.lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty())
        .map(|(i, line)| {
            let (series, value) = line.rsplit_once(' ').ok_or_else(|| err(i, "no value"))?;
            let value: f64 = value.parse().map_err(|_| err(i, "bad float"))?;
            let (name, labels) = match series.split_once('{') {
                Some((n, rest)) => (n, parse_labels(rest.strip_suffix('}').ok_or_else(|| err(i, "unclosed"))?).ok_or_else(|| err(i, "labels"))?),
                None => (series, BTreeMap::new()),
            };
            Ok(Sample { name: name.to_string(), labels, value })
        })
        .collect()
}

trait Target {
    fn instance(&self) -> &str;
    async fn scrape(&self) -> Result<String, ScrapeError>;
}

struct Exporter {
    instance: String,
    requests: Cell<u64>,
    latency: u8,
}

impl Target for Exporter {
    fn instance(&self) -> &str {
        &self.instance
    }
    async fn scrape(&self) -> Result<String, ScrapeError> {
        Yield(self.latency).await;
        if self.latency > 6 {
            return Err(ScrapeError::Timeout(self.instance.clone()));
        }
        let n = self.requests.get() + 120;
        self.requests.set(n);
        Ok(format!(
            "# HELP http_requests_total Requests.\n# TYPE http_requests_total counter\n\
             http_requests_total{{method=\"GET\",code=\"200\"}} {n}\nhttp_requests_total{{method=\"POST\",code=\"500\"}} {}\n\
             process_resident_memory_bytes {}\n",
            n / 40,
            1.5e8
        ))
    }
}

struct Pushgateway {
    body: &'static str,
}

impl Target for Pushgateway {
    fn instance(&self) -> &str {
        "pushgateway:9091"
    }
    async fn scrape(&self) -> Result<String, ScrapeError> {
        Yield(1).await;
        Ok(self.body.to_string())
    }
}

type SeriesKey = (String, String, String);

async fn scrape_into<T: Target>(t: &T, db: &RefCell<HashMap<SeriesKey, Vec<(u64, f64)>>>, ts: u64) -> Result<usize, ScrapeError> {
    let body = t.scrape().await?;
    let samples = parse_exposition(t.instance(), &body)?;
    let mut db = db.borrow_mut();
    for Sample { name, labels, value } in &samples {
        let label_str = labels.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(",");
        db.entry((t.instance().to_string(), name.clone(), label_str)).or_default().push((ts, *value));
    }
    Ok(samples.len())
}

fn main() {
    let api = Exporter { instance: "api-1:9100".into(), requests: Cell::new(1000), latency: 2 };
    let worker = Exporter { instance: "worker-3:9100".into(), requests: Cell::new(0), latency: 4 };
    let dead = Exporter { instance: "legacy:9100".into(), requests: Cell::new(0), latency: 9 };
    let push = Pushgateway { body: "batch_last_success_seconds{job=\"nightly\"} 1.7e9\nbatch_rows{job=\"nightly\",table=\"a\\\"b\"} 4096\nbroken_line\n" };
    let db: RefCell<HashMap<SeriesKey, Vec<(u64, f64)>>> = RefCell::new(HashMap::new());

    let rounds = block_on(async {
        let mut log = Vec::new();
        for ts in [0u64, 15, 30] {
            let mut jobs: Vec<Pin<Box<dyn Future<Output = (String, Result<usize, ScrapeError>)> + '_>>> = vec![
                Box::pin(async { (api.instance().to_string(), scrape_into(&api, &db, ts).await) }),
                Box::pin(async { (worker.instance().to_string(), scrape_into(&worker, &db, ts).await) }),
                Box::pin(async { (dead.instance().to_string(), scrape_into(&dead, &db, ts).await) }),
                Box::pin(async { (push.instance().to_string(), scrape_into(&push, &db, ts).await) }),
            ];
            let mut outcomes: Vec<Option<(String, Result<usize, ScrapeError>)>> = (0..jobs.len()).map(|_| None).collect();
            poll_fn(|cx| {
                let mut pending = false;
                for (job, out) in jobs.iter_mut().zip(outcomes.iter_mut()) {
                    if out.is_none() {
                        match job.as_mut().poll(cx) {
                            Poll::Ready(v) => *out = Some(v),
                            Poll::Pending => pending = true,
                        }
                    }
                }
                if pending { Poll::Pending } else { Poll::Ready(()) }
            })
            .await;
            let ok = outcomes.iter().flatten().filter(|(_, r)| r.is_ok()).count();
            log.push(format!("t={ts}: {ok}/{} targets up", outcomes.len()));
        }
        log
    });
    rounds.iter().for_each(|r| println!("{r}"));

    let db = db.into_inner();
    let mut rates: Vec<(String, f64)> = db
        .iter()
        .filter(|((_, name, _), pts)| name.ends_with("_total") && pts.len() >= 2)
        .map(|((inst, name, labels), pts)| {
            let (&(t0, v0), &(t1, v1)) = (pts.first().unwrap(), pts.last().unwrap());
            (format!("{inst} {name}{{{labels}}}"), (v1 - v0) / (t1 - t0) as f64)
        })
        .collect();
    rates.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    for (series, rate) in rates {
        println!("  rate {series} = {rate:.2}/s");
    }
}
