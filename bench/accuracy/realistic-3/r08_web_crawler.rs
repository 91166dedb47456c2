#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Polite single-host web crawler: robots rules, link extraction, depth-limited recursion.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

mod rt {
    use std::collections::HashMap;
    use std::future::Future;
    use std::pin::Pin;
    use std::task::{Context, Poll};

    pub struct Delay(bool);
    impl Future for Delay {
        type Output = ();
        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            if std::mem::replace(&mut self.0, true) { Poll::Ready(()) } else { cx.waker().wake_by_ref(); Poll::Pending }
        }
    }
    pub fn delay(_ms: u64) -> Delay { Delay(false) }

    pub struct Client { pub site: HashMap<&'static str, &'static str> }
    impl Client {
        pub async fn get(&self, url: &str) -> Result<(u16, String), String> {
            delay(40).await;
            match self.site.get(url) {
                Some(body) => Ok((200, body.to_string())),
                None if url.ends_with(".pdf") => Err(format!("unsupported content type for {url}")),
                None => Ok((404, String::new())),
            }
        }
    }
}

type LocalBoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

#[derive(Default)]
struct CrawlState { visited: HashSet<String>, pages: HashMap<String, PageInfo>, errors: Vec<String>, queue_log: VecDeque<String> }

#[derive(Debug, Clone)]
struct PageInfo { status: u16, title: Option<String>, out_links: usize, depth: u32 }

struct Crawler { client: rt::Client, disallow: Vec<String>, max_depth: u32, state: Rc<RefCell<CrawlState>> }

fn extract_links(base: &str, html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|chunk| chunk.split('"').next())
        .filter(|href| !href.starts_with("mailto:") && !href.starts_with('#'))
        .map(|href| if href.starts_with('/') { format!("{base}{href}") } else { href.to_string() })
        .collect()
}

fn extract_title(html: &str) -> Option<String> {
    let start = html.find("<title>")? + "<title>".len();
    let end = html[start..].find("</title>")?;
    Some(html[start..start + end].trim().to_string())
}

async fn fetch_robots(client: &rt::Client, base: &str) -> Vec<String> {
    match client.get(&format!("{base}/robots.txt")).await {
        Ok((200, body)) => body
            .lines()
            .filter_map(|l| l.strip_prefix("Disallow:"))
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
            .collect(),
        _ => Vec::new(),
    }
}

impl Crawler {
    fn allowed(&self, url: &str) -> bool {
        let path = url.splitn(4, '/').nth(3).map(|p| format!("/{p}")).unwrap_or_else(|| "/".into());
        !self.disallow.iter().any(|d| path.starts_with(d.as_str()))
    }

    fn crawl<'a>(&'a self, base: &'a str, url: String, depth: u32) -> LocalBoxFuture<'a, ()> {
        Box::pin(async move {
            if depth > self.max_depth || !self.allowed(&url) { return; }
            if !self.state.borrow_mut().visited.insert(url.clone()) { return; }
            self.state.borrow_mut().queue_log.push_back(url.clone());
            let (status, body) = match self.client.get(&url).await {
                Ok(r) => r,
                Err(e) => { self.state.borrow_mut().errors.push(e); return; }
            };
            let links = if status == 200 { extract_links(base, &body) } else { Vec::new() };
            let info = PageInfo { status, title: extract_title(&body), out_links: links.len(), depth };
            self.state.borrow_mut().pages.insert(url.clone(), info);
            for link in links.into_iter().filter(|l| l.starts_with(base)) {
                rt::delay(100).await; // politeness delay between requests
                self.crawl(base, link, depth + 1).await;
            }
        })
    }
}

fn noop_waker() -> Waker {
    fn raw() -> RawWaker {
        static VT: RawWakerVTable = RawWakerVTable::new(|_| raw(), |_| {}, |_| {}, |_| {});
        RawWaker::new(std::ptr::null(), &VT)
    }
    unsafe { Waker::from_raw(raw()) }
}

fn block_on<T>(fut: impl Future<Output = T>) -> T {
    let waker = noop_waker();
    let mut cx = Context::from_waker(&waker);
    let mut fut = std::pin::pin!(fut);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) { return v; }
    }
}

fn main() {
    let site = HashMap::from([
        ("https://docs.example/robots.txt", "User-agent: *\nDisallow: /private\n"),
        ("https://docs.example/", "<title>Home</title><a href=\"/guide\">g</a><a href=\"/api\">a</a><a href=\"mailto:x@y\">m</a>"),
        ("https://docs.example/guide", "<title> Guide </title><a href=\"/guide/install\">i</a><a href=\"/private/x\">p</a><a href=\"/\">h</a>"),
        ("https://docs.example/guide/install", "<title>Install</title><a href=\"/manual.pdf\">pdf</a><a href=\"https://other.site/\">o</a>"),
        ("https://docs.example/api", "<title>API</title><a href=\"/api/v2\">v2</a>"),
    ]);
    let client = rt::Client { site };
    let base = "https://docs.example";
    let state = Rc::new(RefCell::new(CrawlState::default()));
    let crawler = block_on(async {
        let disallow = fetch_robots(&client, base).await;
        Crawler { client, disallow, max_depth: 3, state: Rc::clone(&state) }
    });
    block_on(crawler.crawl(base, format!("{base}/"), 0));
    let st = state.borrow();
    let mut titles: Vec<_> = st.pages.values().filter_map(|p| p.title.clone()).collect();
    titles.sort();
    println!("visited={} pages={} errors={} titles={:?}", st.visited.len(), st.pages.len(), st.errors.len(), titles);
}
