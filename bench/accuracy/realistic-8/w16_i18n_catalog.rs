#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! i18n library: lazily loads message catalogs per locale, resolves fallback chains, applies plural rules and interpolates arguments.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::future::Future;
use std::pin::{pin, Pin};
use std::rc::Rc;
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum PluralCat {
    One,
    Few,
    Many,
    Other,
}

type Catalog = HashMap<String, BTreeMap<String, String>>;

trait CatalogSource {
    async fn load(&self, locale: &str) -> Option<String>;
}

struct EmbeddedFiles {
    files: HashMap<&'static str, &'static str>,
}

struct CdnBundle {
    base: String,
    fetched: RefCell<Vec<String>>,
}

impl CatalogSource for EmbeddedFiles {
    async fn load(&self, locale: &str) -> Option<String> {
        Yield { left: 1 }.await;
        self.files.get(locale).map(|s| s.to_string())
    }
}

impl CatalogSource for CdnBundle {
    async fn load(&self, locale: &str) -> Option<String> {
        let url = format!("{}/{}.ftl", self.base, locale);
        Yield { left: 3 }.await;
        self.fetched.borrow_mut().push(url);
        if locale == "pl" {
            Some("items.one = {n} element\nitems.few = {n} elementy\nitems.many = {n} elementów\ngreet = Cześć, {name}!".to_string())
        } else {
            None
        }
    }
}

fn plural_category(locale: &str, n: u64) -> PluralCat {
    match locale.split('-').next().unwrap_or("") {
        "pl" => {
            if n == 1 {
                PluralCat::One
            } else if (2..=4).contains(&(n % 10)) && !(12..=14).contains(&(n % 100)) {
                PluralCat::Few
            } else {
                PluralCat::Many
            }
        }
        "ja" => PluralCat::Other,
        _ => {
            if n == 1 {
                PluralCat::One
            } else {
                PluralCat::Other
            }
        }
    }
}

fn parse_catalog(text: &str) -> BTreeMap<String, String> {
    text.lines()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect()
}

fn interpolate(template: &str, args: &[(&str, String)]) -> String {
    let mut out = String::new();
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '{' {
            out.push(c);
            continue;
        }
        let mut name = String::new();
        while let Some(&n) = chars.peek() {
            chars.next();
            if n == '}' {
                break;
            }
            name.push(n);
        }
        match args.iter().find(|(k, _)| *k == name) {
            Some((_, v)) => out.push_str(v),
            None => write!(out, "{{{name}}}").unwrap(),
        }
    }
    out
}

struct Localizer<S: CatalogSource> {
    source: S,
    cache: Rc<RefCell<Catalog>>,
    misses: RefCell<Vec<String>>,
}

impl<S: CatalogSource> Localizer<S> {
    fn fallback_chain(locale: &str) -> Vec<String> {
        let mut chain = vec![locale.to_string()];
        if let Some((lang, _)) = locale.split_once('-') {
            chain.push(lang.to_string());
        }
        chain.push("en".to_string());
        chain
    }

    async fn ensure_loaded(&self, locale: &str) -> bool {
        if self.cache.borrow().contains_key(locale) {
            return true;
        }
        match self.source.load(locale).await {
            Some(text) => {
                let parsed = parse_catalog(&text);
                Yield { left: 1 }.await;
                self.cache.borrow_mut().insert(locale.to_string(), parsed);
                true
            }
            None => false,
        }
    }

    async fn lookup(&self, locale: &str, key: &str) -> Option<String> {
        for loc in Self::fallback_chain(locale).iter() {
            if !self.ensure_loaded(loc).await {
                continue;
            }
            let cache = self.cache.borrow();
            if let Some(msg) = cache.get(loc).and_then(|c| c.get(key)) {
                return Some(msg.clone());
            }
        }
        self.misses.borrow_mut().push(format!("{locale}:{key}"));
        None
    }

    async fn t(&self, locale: &str, key: &str, args: &[(&str, String)]) -> String {
        match self.lookup(locale, key).await {
            Some(tpl) => interpolate(&tpl, args),
            None => key.to_string(),
        }
    }

    async fn tn(&self, locale: &str, base: &str, n: u64) -> String {
        let cat = plural_category(locale, n);
        let suffix = format!("{:?}", cat).to_lowercase();
        let key = format!("{base}.{suffix}");
        let args = [("n", n.to_string())];
        if let Some(tpl) = self.lookup(locale, &key).await {
            return interpolate(&tpl, &args);
        }
        self.t(locale, &format!("{base}.other"), &args).await
    }
}

async fn render_cart<S: CatalogSource>(l10n: &Localizer<S>, locale: &str, user: &str, counts: &[u64]) -> Vec<String> {
    let mut lines = vec![l10n.t(locale, "greet", &[("name", user.to_string())]).await];
    for n in counts.iter() {
        lines.push(l10n.tn(locale, "items", *n).await);
    }
    lines
}

fn main() {
    let files = HashMap::from([
        ("en", "greet = Hello, {name}!\nitems.one = {n} item\nitems.other = {n} items\nbye = Goodbye"),
        ("de", "greet = Hallo, {name}!\nitems.one = {n} Artikel\nitems.other = {n} Artikel"),
        ("de-AT", "greet = Servus, {name}!"),
    ]);
    let embedded = Localizer { source: EmbeddedFiles { files }, cache: Rc::new(RefCell::new(HashMap::new())), misses: RefCell::new(Vec::new()) };
    for loc in ["en", "de-AT", "fr-CA"] {
        println!("{loc}: {:?}", block_on(render_cart(&embedded, loc, "Mia", &[1, 3])));
    }
    let cdn = Localizer { source: CdnBundle { base: "https://cdn.example/i18n".into(), fetched: RefCell::new(Vec::new()) }, cache: Rc::new(RefCell::new(HashMap::new())), misses: RefCell::new(Vec::new()) };
    println!("pl: {:?}", block_on(render_cart(&cdn, "pl", "Ola", &[1, 3, 5, 22, 112])));
    println!("missing: {}", block_on(embedded.t("de", "bye.typo", &[])));
    println!("misses={:?} fetched={:?}", embedded.misses.borrow(), cdn.source.fetched.borrow().len());
}
