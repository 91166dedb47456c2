//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Web graph crawler: link extraction, robots rules, depth-limited recursive crawl and BFS frontier.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};
use std::future::Future;
use std::pin::{Pin, pin};
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

#[derive(Debug)]
enum FetchError {
    NotFound(String),
    Disallowed(String),
    TooLarge(usize),
}

trait Fetcher {
    async fn get(&self, url: &str) -> Result<String, FetchError>;
}

struct FakeWeb {
    pages: HashMap<&'static str, &'static str>,
    hits: RefCell<BTreeMap<String, u32>>,
}

impl Fetcher for FakeWeb {
    async fn get(&self, url: &str) -> Result<String, FetchError> {
        Yield((url.len() % 3) as u8 + 1).await;
        *self.hits.borrow_mut().entry(url.to_string()).or_default() += 1;
        let body = self.pages.get(url).ok_or_else(|| FetchError::NotFound(url.into()))?;
        if body.len() > 400 {
            return Err(FetchError::TooLarge(body.len()));
        }
        Ok(body.to_string())
    }
}

fn extract_links(base: &str, html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|chunk| chunk.split('"').next())
        .filter(|href| !href.starts_with('#') && !href.starts_with("mailto:"))
        .map(|href| if href.starts_with('/') { format!("{}{}", base.trim_end_matches('/'), href) } else { href.to_string() })
        .map(|u| u.split('#').next().unwrap_or(&u).to_string())
        .collect()
}

struct Robots {
    disallow: Vec<String>,
}

impl Robots {
    fn parse(txt: &str) -> Self {
        let disallow = txt.lines().filter_map(|l| l.strip_prefix("Disallow:")).map(|p| p.trim().to_string()).filter(|p| !p.is_empty()).collect();
        Robots { disallow }
    }
    fn allows(&self, url: &str) -> bool {
        let path = url.splitn(4, '/').nth(3).map(|p| format!("/{p}")).unwrap_or_else(|| "/".into());
        !self.disallow.iter().any(|d| path.starts_with(d.as_str()))
    }
}

struct Crawler<F: Fetcher> {
    fetcher: F,
    robots: Robots,
    visited: RefCell<HashSet<String>>,
    edges: RefCell<Vec<(String, String)>>,
    errors: Cell<u32>,
}

impl<F: Fetcher> Crawler<F> {
    fn dfs<'a>(&'a self, url: String, depth: u8) -> Pin<Box<dyn Future<Output = usize> + 'a>> {
        Box::pin(async move {
            if depth == 0 || !self.visited.borrow_mut().insert(url.clone()) {
                return 0;
            }
            if !self.robots.allows(&url) {
                self.errors.set(self.errors.get() + 1);
                return 0;
            }
            let Ok(body) = self.fetcher.get(&url).await else {
                self.errors.set(self.errors.get() + 1);
                return 0;
            };
            let mut count = 1;
            for link in extract_links("https://docs.example", &body) {
                self.edges.borrow_mut().push((url.clone(), link.clone()));
                count += self.dfs(link, depth - 1).await;
            }
            count
        })
    }

    async fn bfs<C>(&self, seed: &str, max_pages: usize, mut on_page: C) -> Vec<(u8, String)>
    where
        C: AsyncFnMut(&str, &str) -> bool,
    {
        let mut frontier = VecDeque::from([(0u8, seed.to_string())]);
        let mut seen = BTreeSet::from([seed.to_string()]);
        let mut order = Vec::new();
        while let Some((depth, url)) = frontier.pop_front() {
            if order.len() >= max_pages {
                break;
            }
            if let Ok(body) = self.fetcher.get(&url).await
                && self.robots.allows(&url)
                && on_page(&url, &body).await
            {
                order.push((depth, url.clone()));
                for link in extract_links("https://docs.example", &body) {
                    if seen.insert(link.clone()) {
                        frontier.push_back((depth + 1, link));
                    }
                }
            }
        }
        order
    }

    fn out_degree(&self, url: &str) -> usize {
        let edges = &self.edges;
        edges.borrow().iter().filter(|(from, _)| from == url).count()
    }
}

fn main() {
    let pages = HashMap::from([
        ("https://docs.example/", r#"<a href="/guide">Guide</a> <a href="/api">API</a> <a href="mailto:x@y">mail</a>"#),
        ("https://docs.example/guide", r#"<a href="/guide/install">Install</a> <a href="/api#types">Types</a> <a href="/">Home</a>"#),
        ("https://docs.example/guide/install", r#"<a href="/private/keys">keys</a> <a href="/missing">404</a>"#),
        ("https://docs.example/api", r#"<a href="/api/v2">v2</a> <a href="https://other.example/">ext</a>"#),
        ("https://docs.example/api/v2", r#"<a href="/guide">back</a> <a href="/changelog">changes</a>"#),
        ("https://docs.example/private/keys", "secret"),
    ]);
    let crawler = Crawler {
        fetcher: FakeWeb { pages, hits: RefCell::default() },
        robots: Robots::parse("User-agent: *\nDisallow: /private\nDisallow:\n"),
        visited: RefCell::default(),
        edges: RefCell::default(),
        errors: Cell::new(0),
    };

    let reached = block_on(crawler.dfs("https://docs.example/".into(), 4));
    println!("dfs reached {reached} pages, {} errors, root out-degree {}", crawler.errors.get(), crawler.out_degree("https://docs.example/"));

    let mut words = 0usize;
    let order = block_on(crawler.bfs("https://docs.example/", 5, async |url: &str, body: &str| {
        Yield(1).await;
        words += body.split_whitespace().count();
        !url.contains("changelog")
    }));
    for (depth, url) in &order {
        println!("  bfs d={depth} {url}");
    }
    let hottest = crawler.fetcher.hits.borrow().iter().max_by_key(|(_, n)| **n).map(|(u, n)| format!("{u} x{n}"));
    println!("words indexed={words}, most fetched: {hottest:?}");
}
