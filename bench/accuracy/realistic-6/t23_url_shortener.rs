#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! URL shortener backend: base62 codes with collision probing, custom aliases, expiry, and click analytics.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

fn block_on<F: Future>(fut: F) -> F::Output {
    static VT: RawWakerVTable = RawWakerVTable::new(|p| RawWaker::new(p, &VT), |_| {}, |_| {}, |_| {});
    let waker = unsafe { Waker::from_raw(RawWaker::new(std::ptr::null(), &VT)) };
    let mut cx = Context::from_waker(&waker);
    let mut fut = std::pin::pin!(fut);
    loop {
        match fut.as_mut().poll(&mut cx) { Poll::Ready(v) => break v, Poll::Pending => {} }
    }
}

struct Yield { n: u32 }
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.n == 0 { Poll::Ready(()) } else { self.n -= 1; cx.waker().wake_by_ref(); Poll::Pending }
    }
}

const ALPHABET: &[u8; 62] = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

fn base62(mut n: u64, width: usize) -> String {
    let mut buf = [b'0'; 11];
    let mut i = buf.len();
    while n > 0 || i == buf.len() {
        i -= 1;
        buf[i] = ALPHABET[(n % 62) as usize];
        n /= 62;
    }
    let s = std::str::from_utf8(&buf[i..]).unwrap();
    format!("{s:0>width$}")
}

fn hash_url(url: &str, salt: u32) -> u64 {
    url.bytes().chain(salt.to_le_bytes()).fold(1469598103934665603u64, |h, b| (h ^ b as u64).wrapping_mul(1099511628211))
}

#[derive(Debug, PartialEq)]
enum ShortenError { InvalidUrl(String), AliasTaken(String), Exhausted }

#[derive(Debug, PartialEq)]
enum Resolve { Redirect(String), Expired, NotFound }

#[derive(Clone, Debug)]
struct Link { target: String, expires: Option<u64>, owner: &'static str }

struct Store { links: RefCell<HashMap<String, Link>>, clicks: RefCell<HashMap<String, Vec<(u64, String)>>>, now: Cell<u64>, code_len: usize }

impl Store {
    async fn put_if_absent(&self, code: &str, link: Link) -> bool {
        Yield { n: 2 }.await;
        let mut links = self.links.borrow_mut();
        if links.contains_key(code) { return false; }
        links.insert(code.to_string(), link);
        true
    }

    async fn shorten(&self, url: &str, owner: &'static str, alias: Option<&str>, ttl: Option<u64>) -> Result<String, ShortenError> {
        let valid = url.split_once("://").map_or(false, |(scheme, rest)| matches!(scheme, "http" | "https") && rest.contains('.'));
        if !valid { return Err(ShortenError::InvalidUrl(url.into())); }
        let link = Link { target: url.to_string(), expires: ttl.map(|t| self.now.get() + t), owner };
        if let Some(a) = alias {
            return if self.put_if_absent(a, link).await { Ok(a.to_string()) } else { Err(ShortenError::AliasTaken(a.into())) };
        }
        // Same URL from the same owner maps to the same code when possible.
        for salt in 0..8u32 {
            let code = base62(hash_url(url, salt) % 62u64.pow(self.code_len as u32), self.code_len);
            let existing = self.links.borrow().get(&code).cloned();
            match existing {
                Some(l) if l.target == url && l.owner == owner => return Ok(code),
                Some(_) => continue,
                None if self.put_if_absent(&code, link.clone()).await => return Ok(code),
                None => continue,
            }
        }
        Err(ShortenError::Exhausted)
    }

    async fn resolve(&self, code: &str, referrer: &str) -> Resolve {
        Yield { n: 1 }.await;
        let link = match self.links.borrow().get(code) { Some(l) => l.clone(), None => return Resolve::NotFound };
        if link.expires.map_or(false, |e| e <= self.now.get()) { return Resolve::Expired; }
        self.clicks.borrow_mut().entry(code.to_string()).or_default().push((self.now.get(), referrer.to_string()));
        Resolve::Redirect(link.target)
    }
}

async fn top_referrers(store: &Store, code: &str) -> Vec<(String, usize)> {
    Yield { n: 1 }.await;
    let clicks = store.clicks.borrow();
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for (_, r) in clicks.get(code).into_iter().flatten() {
        let host = r.split('/').nth(2).unwrap_or("direct");
        *counts.entry(host).or_default() += 1;
    }
    let mut v: Vec<(String, usize)> = counts.into_iter().map(|(k, n)| (k.to_string(), n)).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    v
}

async fn purge_expired(store: &Store) -> Vec<String> {
    Yield { n: 1 }.await;
    let now = store.now.get();
    let mut links = store.links.borrow_mut();
    let dead: Vec<String> = links.iter().filter(|(_, l)| l.expires.is_some_and(|e| e <= now)).map(|(c, _)| c.clone()).collect();
    for c in &dead { links.remove(c); }
    dead
}

async fn bulk_shorten(store: &Store, csv: &str, owner: &'static str) -> (Vec<String>, Vec<(usize, ShortenError)>) {
    let try_one = async |line: &str| -> Result<String, ShortenError> {
        let mut cols = line.split(',').map(str::trim);
        let url = cols.next().unwrap_or_default();
        let ttl = cols.next().and_then(|t| t.parse::<u64>().ok());
        store.shorten(url, owner, None, ttl).await
    };
    let (mut ok, mut failed) = (Vec::new(), Vec::new());
    for (i, line) in csv.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        match try_one(line).await { Ok(c) => ok.push(c), Err(e) => failed.push((i + 1, e)) }
    }
    (ok, failed)
}

fn main() {
    let store = Rc::new(Store { links: RefCell::new(HashMap::new()), clicks: RefCell::new(HashMap::new()), now: Cell::new(1_000), code_len: 2 });
    let s = store.clone();
    let (codes, visits, refs) = block_on(async move {
        let mut codes = Vec::new();
        let requests: [(&str, &'static str, Option<&str>, Option<u64>); 6] = [
            ("https://docs.example.com/rust/async", "ana", None, None),
            ("https://docs.example.com/rust/async", "ana", None, None),
            ("https://shop.example.com/sale", "bo", Some("sale"), Some(50)),
            ("https://evil.example.com/", "eve", Some("sale"), None),
            ("ftp://files.example.com", "bo", None, None),
            ("https://blog.example.com/post/1", "cy", None, None),
        ];
        for (url, owner, alias, ttl) in requests { codes.push(s.shorten(url, owner, alias, ttl).await); }
        let first = codes[0].as_ref().cloned().unwrap();
        let mut visits = Vec::new();
        for (i, r) in ["https://news.ycombinator.com/item", "https://t.co/x", "", "https://news.ycombinator.com/", "https://reddit.com/r/rust"].iter().enumerate() {
            s.now.set(1_000 + i as u64 * 20);
            visits.push(s.resolve(&first, r).await);
            visits.push(s.resolve("sale", r).await);
        }
        visits.push(s.resolve("zz_", "").await);
        let refs = top_referrers(&s, &first).await;
        let (imported, rejected) = bulk_shorten(&s, "https://a.example.com/x, 10\nnot a url\n\nhttps://b.example.com/y", "ops").await;
        println!("bulk: imported {imported:?}, rejected {rejected:?}");
        s.now.set(2_000);
        let purged = purge_expired(&s).await;
        println!("purged {purged:?}");
        assert_eq!((imported.len(), rejected.len(), purged.len()), (2, 1, 2));
        (codes, visits, refs)
    });
    for c in &codes { println!("{c:?}"); }
    println!("sale visits: {:?}", visits.iter().skip(1).step_by(2).collect::<Vec<_>>());
    println!("top referrers: {refs:?}");
    assert_eq!(codes[0], codes[1]);
    assert_eq!(codes[3], Err(ShortenError::AliasTaken("sale".into())));
    assert!(matches!(codes[4], Err(ShortenError::InvalidUrl(_))));
    assert_eq!((&visits[5], &visits[7]), (&Resolve::Redirect("https://shop.example.com/sale".into()), &Resolve::Expired));
    assert_eq!(refs[0], ("news.ycombinator.com".to_string(), 2));
    assert_eq!(base62(61, 2), "0Z");
}
