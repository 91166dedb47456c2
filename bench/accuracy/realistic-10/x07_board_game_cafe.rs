//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Models a board-game café that seats walk-in parties, lends games from its shelf and settles table tabs.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::pin::Pin;
use std::sync::RwLock;
use std::task::{Context, Poll, Waker};

struct Yield {
    done: bool,
}

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        match self.done {
            true => Poll::Ready(()),
            false => {
                self.done = true;
                cx.waker().wake_by_ref();
                Poll::Pending
            }
        }
    }
}

fn yield_now() -> Yield {
    Yield { done: false }
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut cx = Context::from_waker(Waker::noop());
    let mut fut = std::pin::pin!(fut);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

const TABLES: usize = 4;

#[derive(Debug, Clone)]
struct Game {
    title: &'static str,
    players: (u8, u8),
    minutes: u16,
    copies: u8,
    kid_friendly: bool,
}

#[derive(Debug)]
struct Party {
    name: String,
    size: u8,
    wants: Vec<&'static str>,
    kids: bool,
}

#[derive(Debug, Clone, Copy)]
struct Table {
    seats: u8,
    occupied_by: Option<u32>,
}

#[derive(Debug)]
enum CafeError {
    NoTable { size: u8 },
    NothingToPlay(String),
    TabClosed,
}

async fn seat_party(tables: &mut [Table; TABLES], party_id: u32, size: u8) -> Result<usize, CafeError> {
    yield_now().await;
    yield_now().await;
    // smallest table that fits, so big tables stay free for big groups
    let best = tables
        .iter()
        .enumerate()
        .filter(|(_, t)| t.occupied_by.is_none() && t.seats >= size)
        .min_by_key(|(_, t)| t.seats)
        .map(|(i, _)| i);
    match best {
        Some(i) => {
            tables[i].occupied_by = Some(party_id);
            yield_now().await;
            Ok(i)
        }
        None => Err(CafeError::NoTable { size }),
    }
}

async fn lend_game(shelf: &RwLock<BTreeMap<&'static str, Game>>, party: &Party) -> Result<Cow<'static, str>, CafeError> {
    {
        let view = shelf.read().unwrap();
        yield_now().await; // browsing the shelf takes a moment; the read guard stays held
        let mut candidates: Vec<&Game> = party
            .wants
            .iter()
            .filter_map(|w| view.get(w))
            .chain(view.values())
            .filter(|g| g.copies > 0 && (g.players.0..=g.players.1).contains(&party.size))
            .filter(|g| !party.kids || g.kid_friendly)
            .collect();
        candidates.dedup_by_key(|g| g.title);
        if candidates.is_empty() {
            return Err(CafeError::NothingToPlay(party.name.clone()));
        }
    }
    let mut shelf = shelf.write().unwrap();
    let pick = party
        .wants
        .iter()
        .copied()
        .find(|w| shelf.get(w).is_some_and(|g| g.copies > 0 && g.players.1 >= party.size && (!party.kids || g.kid_friendly)))
        .map(Cow::Borrowed);
    let title: Cow<'static, str> = match pick {
        Some(t) => t,
        None => {
            let fallback = shelf
                .values()
                .filter(|g| g.copies > 0 && g.players.1 >= party.size && (!party.kids || g.kid_friendly))
                .min_by_key(|g| g.minutes)
                .map(|g| g.title)
                .ok_or_else(|| CafeError::NothingToPlay(party.name.clone()))?;
            Cow::Owned(format!("{fallback} (staff pick)"))
        }
    };
    let key = title.split(" (").next().unwrap_or(&title).to_string();
    if let Some(g) = shelf.values_mut().find(|g| g.title == key) {
        g.copies -= 1;
    }
    Ok(title)
}

trait Tab {
    fn is_open(&self) -> bool;
    async fn charge(&mut self, item: &str, cents: u32) -> Result<(), CafeError>;
    /// Members are billed monthly, so by default closing a tab collects nothing at the till.
    async fn close(&mut self) -> u32 {
        yield_now().await;
        0
    }
}

struct CashTab {
    lines: Vec<(String, u32)>,
    open: bool,
}

struct MemberTab {
    member_no: u32,
    visits_this_month: u8,
    owed: u32,
}

impl Tab for CashTab {
    fn is_open(&self) -> bool {
        self.open
    }
    async fn charge(&mut self, item: &str, cents: u32) -> Result<(), CafeError> {
        if !self.open {
            return Err(CafeError::TabClosed);
        }
        yield_now().await;
        self.lines.push((item.to_owned(), cents));
        Ok(())
    }
    async fn close(&mut self) -> u32 {
        self.open = false;
        yield_now().await;
        yield_now().await;
        let subtotal: u32 = self.lines.iter().map(|l| l.1).sum();
        subtotal + subtotal * 8 / 100
    }
}

impl Tab for MemberTab {
    fn is_open(&self) -> bool {
        true
    }
    async fn charge(&mut self, item: &str, cents: u32) -> Result<(), CafeError> {
        let cents = if item.starts_with("cover") && self.visits_this_month >= 4 { 0 } else { cents };
        yield_now().await;
        self.owed += cents * 9 / 10;
        Ok(())
    }
}

async fn settle<T>(mut tab: T, items: impl IntoIterator<Item = (&'static str, u32)>) -> Result<u32, CafeError>
where
    T: Tab,
{
    for (item, cents) in items {
        tab.charge(item, cents).await?;
    }
    let closed = tab.close().await;
    Ok(closed)
}

pub fn main() {
    let shelf = RwLock::new(BTreeMap::from([
        ("Catan", Game { title: "Catan", players: (3, 4), minutes: 90, copies: 2, kid_friendly: true }),
        ("Azul", Game { title: "Azul", players: (2, 4), minutes: 40, copies: 1, kid_friendly: true }),
        ("Codenames", Game { title: "Codenames", players: (4, 8), minutes: 20, copies: 1, kid_friendly: true }),
        ("Twilight Imperium", Game { title: "Twilight Imperium", players: (3, 6), minutes: 480, copies: 1, kid_friendly: false }),
    ]));
    let mut tables = [Table { seats: 2, occupied_by: None }, Table { seats: 4, occupied_by: None }, Table { seats: 4, occupied_by: None }, Table { seats: 8, occupied_by: None }];

    let parties = vec![
        Party { name: "Nguyen family".into(), size: 4, wants: vec!["Twilight Imperium", "Catan"], kids: true },
        Party { name: "date night".into(), size: 2, wants: vec!["Azul"], kids: false },
        Party { name: "office crew".into(), size: 7, wants: vec!["Codenames"], kids: false },
        Party { name: "grad students".into(), size: 4, wants: vec!["Azul"], kids: false },
        Party { name: "late walk-ins".into(), size: 3, wants: vec![], kids: false },
    ];

    let report = block_on(async {
        let mut log = Vec::new();
        for (id, party) in (1u32..).zip(parties.iter()) {
            let table = match seat_party(&mut tables, id, party.size).await {
                Ok(t) => t,
                Err(CafeError::NoTable { size }) if size <= 2 => {
                    log.push(format!("{} waits at the bar", party.name));
                    continue;
                }
                Err(e) => {
                    log.push(format!("{}: {e:?}", party.name));
                    continue;
                }
            };
            let line = match lend_game(&shelf, party).await {
                Ok(title) => {
                    yield_now().await; // a host teaches the rules
                    format!("{} @ table {table}: {title}; rules taught to {}", party.name, party.size)
                }
                Err(e) => format!("{} @ table {table}: {e:?}", party.name),
            };
            log.push(line);
        }
        log
    });
    report.iter().for_each(|l| println!("{l}"));

    let cash = CashTab { lines: Vec::new(), open: true };
    let member = MemberTab { member_no: 4411, visits_this_month: 5, owed: 0 };
    let cash_total = block_on(settle(cash, [("cover x2", 1000), ("latte", 475), ("nachos", 950)]));
    let member_total = block_on(settle(member, vec![("cover x4", 2000), ("pitcher", 1800)]));
    println!("cash tab: {cash_total:?}, member tab: {member_total:?}");
}
