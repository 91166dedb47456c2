//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Cursor-based pagination client: walks pages from a REST-like API, honours throttling and stops early.

use std::cell::Cell;
use std::collections::{BTreeMap, HashSet};
use std::fmt::Debug;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

struct NetDelay {
    remaining: u32,
}

impl Future for NetDelay {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.remaining == 0 {
            return Poll::Ready(());
        }
        self.remaining -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

fn net_delay(rounds: u32) -> NetDelay {
    NetDelay { remaining: rounds }
}

fn block_on<F: Future>(f: F) -> F::Output {
    let mut cx = Context::from_waker(Waker::noop());
    let mut f = Box::pin(f);
    loop {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

#[derive(Debug)]
enum ApiError {
    RateLimited { retry_in: u32 },
    BadCursor(String),
    Server(u16),
}

#[derive(Debug)]
struct Page<T> {
    items: Vec<T>,
    link: Option<String>,
}

fn next_cursor(link: &str) -> Option<&str> {
    link.split(',')
        .map(str::trim)
        .find(|part| part.ends_with("rel=\"next\""))
        .and_then(|part| part.split(';').next())
        .map(|url| url.trim().trim_start_matches('<').trim_end_matches('>'))
        .and_then(|url| url.split("cursor=").nth(1))
}

trait PageSource {
    type Item: Debug + Clone;
    async fn fetch(&self, cursor: Option<&str>) -> Result<Page<Self::Item>, ApiError>;
}

#[derive(Debug, Clone)]
struct Issue {
    number: u32,
    title: String,
    labels: Vec<&'static str>,
}

struct IssuesApi {
    issues: Vec<Issue>,
    per_page: usize,
    calls: Cell<u32>,
    throttle_every: u32,
}

impl PageSource for IssuesApi {
    type Item = Issue;
    async fn fetch(&self, cursor: Option<&str>) -> Result<Page<Issue>, ApiError> {
        let call = self.calls.get() + 1;
        self.calls.set(call);
        net_delay(2).await;
        if self.throttle_every > 0 && call % self.throttle_every == 0 {
            return Err(ApiError::RateLimited { retry_in: 3 });
        }
        let offset = match cursor {
            None => 0,
            Some(c) => c.strip_prefix("off_").and_then(|n| n.parse::<usize>().ok()).ok_or_else(|| ApiError::BadCursor(c.to_string()))?,
        };
        let items: Vec<Issue> = self.issues.iter().skip(offset).take(self.per_page).cloned().collect();
        let next = offset + items.len();
        let link = (next < self.issues.len()).then(|| {
            format!("<https://api.example/issues?cursor=off_{next}>; rel=\"next\", <https://api.example/issues?cursor=off_0>; rel=\"first\"")
        });
        Ok(Page { items, link })
    }
}

struct Paginator<'s, S: PageSource> {
    source: &'s S,
    cursor: Option<String>,
    exhausted: bool,
    pages: u32,
    retries: u32,
}

impl<'s, S: PageSource> Paginator<'s, S> {
    fn new(source: &'s S) -> Self {
        Paginator { source, cursor: None, exhausted: false, pages: 0, retries: 0 }
    }

    async fn next_page(&mut self) -> Result<Option<Vec<S::Item>>, ApiError> {
        if self.exhausted {
            return Ok(None);
        }
        let page = loop {
            match self.source.fetch(self.cursor.as_deref()).await {
                Ok(p) => break p,
                Err(ApiError::RateLimited { retry_in }) if self.retries < 5 => {
                    self.retries += 1;
                    net_delay(retry_in).await;
                }
                Err(e) => return Err(e),
            }
        };
        self.pages += 1;
        if let Some(link) = page.link.as_deref() && let Some(c) = next_cursor(link) {
            self.cursor = Some(c.to_string());
        } else {
            self.exhausted = true;
        }
        Ok(Some(page.items))
    }
}

async fn collect_all<S>(source: &S, limit: usize) -> Result<(Vec<S::Item>, u32), ApiError>
where
    S: PageSource,
{
    let mut pager = Paginator::new(source);
    let mut out = Vec::new();
    while let Some(items) = pager.next_page().await? {
        out.extend(items);
        if out.len() >= limit {
            out.truncate(limit);
            break;
        }
    }
    Ok((out, pager.pages))
}

async fn find_first<S, F>(source: &S, pred: F) -> Result<Option<S::Item>, ApiError>
where
    S: PageSource,
    F: Fn(&S::Item) -> bool,
{
    let mut pager = Paginator::new(source);
    while let Some(items) = pager.next_page().await? {
        if let Some(hit) = items.into_iter().find(|i| pred(i)) {
            return Ok(Some(hit));
        }
    }
    Ok(None)
}

fn label_histogram<'a>(source: &'a IssuesApi) -> impl Future<Output = BTreeMap<&'static str, usize>> + 'a {
    async move {
        let mut hist = BTreeMap::new();
        let mut pager = Paginator::new(source);
        let mut seen = HashSet::new();
        while let Ok(Some(items)) = pager.next_page().await {
            for issue in items.iter().filter(|i| seen.insert(i.number)) {
                for l in &issue.labels {
                    *hist.entry(*l).or_insert(0) += 1;
                }
            }
        }
        hist
    }
}

fn main() {
    let titles = "crash on startup|bug,p1\nadd dark mode|feature\ntypo in docs|docs\nleak in pool|bug\n\
                  faster builds|perf,feature\nflaky test|bug,ci\nsupport arm64|feature,ci\nbump deps|chore";
    let label_pool: Vec<&'static str> = vec!["bug", "p1", "feature", "docs", "perf", "ci", "chore"];
    let issues: Vec<Issue> = titles
        .lines()
        .enumerate()
        .map(|(i, l)| {
            let (title, labels) = l.trim().split_once('|').unwrap_or((l, ""));
            let labels = labels.split(',').filter_map(|x| label_pool.iter().copied().find(|p| *p == x)).collect();
            Issue { number: 100 + i as u32, title: title.to_string(), labels }
        })
        .collect();
    let api = IssuesApi { issues, per_page: 3, calls: Cell::new(0), throttle_every: 3 };

    let (first_five, pages) = block_on(collect_all(&api, 5)).expect("collect");
    println!("first five over {pages} pages: {:?}", first_five.iter().map(|i| i.number).collect::<Vec<_>>());

    let ci = block_on(find_first(&api, |i: &Issue| i.labels.contains(&"ci") && i.title.contains("arm")));
    match ci {
        Ok(Some(issue)) => println!("found #{} '{}'", issue.number, issue.title),
        Ok(None) => println!("no match"),
        Err(e) => println!("error {e:?}"),
    }

    let hist = block_on(label_histogram(&api));
    println!("labels: {hist:?}");

    api.calls.set(0);
    let bad = block_on(api.fetch(Some("page=2")));
    if let Err(ApiError::BadCursor(c)) = &bad && c.contains('=') {
        println!("rejected cursor {c}");
    } else {
        println!("unexpected: {bad:?}");
    }
}
