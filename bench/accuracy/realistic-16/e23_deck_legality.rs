//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Trading-card-game tournament deck checker: parses submitted decklists, resolves card names
//! against a card database, and enforces format legality, copy limits, banlists and sideboard size.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::{self, Write};
use std::future::Future;
use std::num::ParseIntError;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

struct Yield(bool);
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 { return Poll::Ready(()); }
        self.0 = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}
async fn yield_now() { Yield(false).await }
fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = Box::pin(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) { return v; }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Format { Standard, Pioneer, Singleton }

#[derive(Debug, Clone)]
struct CardInfo { name: String, sets: Vec<&'static str>, basic: bool, restricted_in: Vec<Format> }

#[derive(Debug)]
enum DeckError { Parse { line: usize, source: ParseIntError }, Syntax(usize), Unknown(Vec<String>) }

impl From<(usize, ParseIntError)> for DeckError {
    fn from((line, source): (usize, ParseIntError)) -> Self { DeckError::Parse { line, source } }
}

#[derive(Debug, PartialEq)]
enum Violation { TooFewMain(u32), SideboardOver(u32), TooMany { card: String, count: u32, max: u32 }, Banned(String), NotInFormat(String) }

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Violation::TooMany { card, count, max } => write!(f, "{count}x {card} (max {max})"),
            other => write!(f, "{other:?}"),
        }
    }
}

struct Decklist { main: BTreeMap<String, u32>, side: BTreeMap<String, u32> }

fn parse_decklist(text: &str) -> Result<Decklist, DeckError> {
    let mut deck = Decklist { main: BTreeMap::new(), side: BTreeMap::new() };
    let mut in_side = false;
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        match line {
            "" | "Deck" => continue,
            l if l.eq_ignore_ascii_case("sideboard") => { in_side = true; continue; }
            _ => {}
        }
        let (count, name) = line.split_once(' ').ok_or(DeckError::Syntax(i + 1))?;
        let n: u32 = count.trim_end_matches('x').parse().map_err(|e| (i + 1, e))?;
        let name = name.split(" (").next().unwrap_or(name).trim().to_string();
        *(if in_side { &mut deck.side } else { &mut deck.main }).entry(name).or_default() += n;
    }
    Ok(deck)
}

trait CardDb {
    async fn resolve(&self, name: &str) -> Option<CardInfo>;
    async fn resolve_all(&self, names: Vec<&String>) -> Result<HashMap<String, CardInfo>, DeckError> {
        let mut found = HashMap::new();
        let mut missing = Vec::new();
        for n in names {
            match self.resolve(n).await {
                Some(info) => { found.insert(n.clone(), info); }
                None => missing.push(n.clone()),
            }
        }
        if missing.is_empty() { Ok(found) } else { Err(DeckError::Unknown(missing)) }
    }
}

struct LocalDb { cards: Vec<CardInfo> }
struct CachedRemoteDb { inner: LocalDb, cache: std::cell::RefCell<HashMap<String, Option<CardInfo>>>, misses: std::cell::Cell<u32> }

impl CardDb for LocalDb {
    async fn resolve(&self, name: &str) -> Option<CardInfo> {
        yield_now().await;
        self.cards.iter().find(|c| c.name.eq_ignore_ascii_case(name)).cloned()
    }
}
impl CardDb for CachedRemoteDb {
    async fn resolve(&self, name: &str) -> Option<CardInfo> {
        let key = name.to_lowercase();
        if let Some(hit) = self.cache.borrow().get(&key) { return hit.clone(); }
        self.misses.set(self.misses.get() + 1);
        let info = self.inner.resolve(name).await;
        self.cache.borrow_mut().insert(key, info.clone());
        info
    }
}

const LEGAL_SETS: [(Format, &[&str]); 3] = [(Format::Standard, &["WOE", "LCI", "MKM"]), (Format::Pioneer, &["RTR", "KLD", "WOE", "LCI", "MKM"]), (Format::Singleton, &["RTR", "KLD", "WOE", "LCI", "MKM", "LEA"])];

async fn check<D: CardDb>(db: &D, list: &str, format: Format, banned: &HashSet<&str>) -> Result<Vec<Violation>, DeckError> {
    let deck = parse_decklist(list)?;
    let names: Vec<&String> = deck.main.keys().chain(deck.side.keys()).collect::<HashSet<_>>().into_iter().collect();
    let cards = db.resolve_all(names).await?;
    let legal = LEGAL_SETS.iter().find(|(f, _)| *f == format).map(|(_, s)| *s).unwrap_or(&[]);
    let (min_main, max_copies) = match format { Format::Singleton => (100, 1), _ => (60, 4) };
    let mut v = Vec::new();
    let main_total: u32 = deck.main.values().sum();
    let side_total: u32 = deck.side.values().sum();
    if main_total < min_main { v.push(Violation::TooFewMain(main_total)); }
    if side_total > 15 { v.push(Violation::SideboardOver(side_total)); }
    let mut combined: BTreeMap<&String, u32> = BTreeMap::new();
    for (k, n) in deck.main.iter().chain(&deck.side) { *combined.entry(k).or_default() += n; }
    for (name, count) in combined {
        yield_now().await;
        let info = &cards[name];
        match info {
            i if banned.contains(i.name.as_str()) => v.push(Violation::Banned(i.name.clone())),
            i if !i.sets.iter().any(|s| legal.contains(s)) => v.push(Violation::NotInFormat(i.name.clone())),
            i if !i.basic && count > if i.restricted_in.contains(&format) { 1 } else { max_copies } => {
                v.push(Violation::TooMany { card: i.name.clone(), count, max: if i.restricted_in.contains(&format) { 1 } else { max_copies } })
            }
            _ => {}
        }
    }
    Ok(v)
}

fn card(name: &str, sets: &[&'static str], basic: bool) -> CardInfo { CardInfo { name: name.into(), sets: sets.to_vec(), basic, restricted_in: vec![] } }

fn main() {
    let db = LocalDb { cards: vec![
        card("Forest", &["LEA", "WOE", "MKM"], true), card("Llanowar Elves", &["LEA", "MKM"], false),
        card("Questing Beast", &["ELD"], false), card("Aetherflux Reservoir", &["KLD"], false),
        card("Fell the Profane", &["MKM"], false), card("Sol Ring", &["LEA"], false),
    ] };
    let list = "Deck\n4 Llanowar Elves (MKM) 203\n36 Forest\n5x Fell the Profane\n4 Aetherflux Reservoir\n\nSideboard\n3 Fell the Profane\n";
    let banned: HashSet<&str> = ["Sol Ring"].into();
    let std_v = block_on(check(&db, list, Format::Standard, &banned)).unwrap();
    assert!(std_v.contains(&Violation::TooFewMain(49)));
    assert!(std_v.contains(&Violation::NotInFormat("Aetherflux Reservoir".into())));
    assert!(std_v.contains(&Violation::TooMany { card: "Fell the Profane".into(), count: 8, max: 4 }));

    let remote = CachedRemoteDb { inner: db, cache: Default::default(), misses: Default::default() };
    let pio = block_on(check(&remote, list, Format::Pioneer, &banned)).unwrap();
    let again = block_on(check(&remote, "1 Sol Ring\n99 Forest\n", Format::Singleton, &banned)).unwrap();
    assert_eq!(remote.misses.get(), 5); // Forest came from the cache the second time
    assert_eq!(again, vec![Violation::Banned("Sol Ring".into())]);
    assert!(matches!(block_on(check(&remote, "2 Black Lotus\n", Format::Singleton, &banned)), Err(DeckError::Unknown(v)) if v == ["Black Lotus"]));
    assert!(matches!(block_on(check(&remote, "two Forest\n", Format::Standard, &banned)), Err(DeckError::Parse { line: 1, .. })));

    let report = block_on(async {
        let mut out = String::new();
        for (fmt_, vs) in [(Format::Standard, &std_v), (Format::Pioneer, &pio)] {
            yield_now().await;
            writeln!(out, "{fmt_:?}: {}", vs.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")).unwrap();
        }
        out
    });
    print!("{report}");
}
