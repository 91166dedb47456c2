//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Models a map library's catalogue service that resolves historic survey sheets from card indexes and answers bounding-box queries.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = std::pin::pin!(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

#[derive(Default)]
struct Yield {
    done: bool,
}

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if std::mem::replace(&mut self.done, true) {
            Poll::Ready(())
        } else {
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

async fn page_turn() {
    Yield::default().await
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct BBox {
    west: f64,
    south: f64,
    east: f64,
    north: f64,
}

impl BBox {
    fn intersects(&self, o: &BBox) -> bool {
        self.west < o.east && o.west < self.east && self.south < o.north && o.south < self.north
    }
}

#[derive(Debug, Clone)]
struct Sheet {
    id: String,
    title: String,
    scale: u32,
    year: u16,
    extent: BBox,
    condition: Condition,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Condition {
    Good,
    Fragile,
    Withdrawn,
}

trait SheetSource {
    fn label(&self) -> Cow<'static, str>;
    async fn fetch(&self, id: &str) -> Option<Sheet>;

    async fn fetch_many(&self, ids: &[&str]) -> Vec<Sheet> {
        let mut out = Vec::new();
        for id in ids {
            if let Some(s) = self.fetch(id).await {
                out.push(s);
            }
        }
        out
    }
}

struct Shelf {
    sheets: HashMap<String, Sheet>,
}

struct CardIndex {
    cards: Vec<&'static str>,
}

struct Cached<S> {
    inner: S,
    memo: RefCell<HashMap<String, Sheet>>,
    hits: Cell<u32>,
}

impl SheetSource for Shelf {
    fn label(&self) -> Cow<'static, str> {
        Cow::Borrowed("open shelf")
    }
    async fn fetch(&self, id: &str) -> Option<Sheet> {
        page_turn().await;
        self.sheets.get(id).cloned()
    }
}

fn parse_card(card: &str) -> Option<Sheet> {
    let mut fields = card.split(';').map(str::trim);
    let id = fields.next()?.to_string();
    let title = fields.next()?.to_string();
    let scale = fields.next()?.trim_start_matches("1:").replace(',', "").parse().ok()?;
    let year = fields.next()?.parse().ok()?;
    let coords: Vec<f64> = fields.next()?.split_whitespace().filter_map(|c| c.parse().ok()).collect();
    let [west, south, east, north] = <[f64; 4]>::try_from(coords).ok()?;
    let condition = match fields.next() {
        Some("F") => Condition::Fragile,
        Some("W") => Condition::Withdrawn,
        _ => Condition::Good,
    };
    Some(Sheet { id, title, scale, year, extent: BBox { west, south, east, north }, condition })
}

impl SheetSource for CardIndex {
    fn label(&self) -> Cow<'static, str> {
        Cow::Owned(format!("card index ({} drawers)", self.cards.len()))
    }
    async fn fetch(&self, id: &str) -> Option<Sheet> {
        for (i, card) in self.cards.iter().enumerate() {
            if i % 2 == 1 {
                page_turn().await;
            }
            if card.starts_with(id) {
                return parse_card(card);
            }
        }
        None
    }
}

impl<S> SheetSource for Cached<S>
where
    S: SheetSource,
{
    fn label(&self) -> Cow<'static, str> {
        Cow::Owned(format!("cached {}", self.inner.label()))
    }
    async fn fetch(&self, id: &str) -> Option<Sheet> {
        let hit = self.memo.borrow().get(id).cloned();
        if let Some(sheet) = hit {
            self.hits.set(self.hits.get() + 1);
            return Some(sheet);
        }
        let fetched = self.inner.fetch(id).await?;
        self.memo.borrow_mut().insert(id.to_string(), fetched.clone());
        Some(fetched)
    }
}

async fn query_extent<S>(source: &S, ids: &[&str], area: BBox, max_scale: u32) -> BTreeMap<u16, Vec<String>>
where
    S: SheetSource,
{
    let mut by_year: BTreeMap<u16, Vec<String>> = BTreeMap::new();
    let sheets = source.fetch_many(ids).await;
    for sheet in sheets {
        let Sheet { id, title, scale, year, extent, condition } = sheet;
        let note = match condition {
            Condition::Withdrawn => continue,
            Condition::Fragile if scale <= max_scale => format!("{id} {title} (supervised viewing)"),
            Condition::Good if scale <= max_scale => format!("{id} {title}"),
            _ => continue,
        };
        if extent.intersects(&area) {
            by_year.entry(year).or_default().push(note);
        }
        page_turn().await;
    }
    by_year
}

pub fn main() {
    let cards = vec![
        "OS-6-12; Parish of Wick; 1:10,560; 1872; -3.12 58.42 -3.05 58.46; F",
        "OS-25-3; Wick Harbour; 1:2,500; 1905; -3.09 58.43 -3.07 58.45",
        "ADM-221; Approaches to Wick; 1:25,000; 1848; -3.20 58.38 -2.95 58.50; W",
        "EST-19; Hempriggs Estate plan; 1:5,000; 1790; -3.15 58.39 -3.10 58.42",
        "BROKEN; no coordinates",
    ];
    let index = CardIndex { cards };
    let cached = Cached { inner: CardIndex { cards: index.cards.clone() }, memo: RefCell::new(HashMap::new()), hits: Cell::new(0) };
    let shelf = Shelf { sheets: HashMap::new() };
    let mut shelf = shelf;
    if let Some(s) = parse_card(index.cards[1]) {
        shelf.sheets.insert(s.id.clone(), Sheet { title: "Wick Harbour (2nd ed.)".into(), year: 1921, ..s });
    }

    let ids = ["OS-6-12", "OS-25-3", "ADM-221", "EST-19", "BROKEN", "MISSING"];
    let area = BBox { west: -3.11, south: 58.40, east: -3.06, north: 58.44 };
    let a = block_on(query_extent(&index, &ids, area, 25_000));
    let b = block_on(query_extent(&cached, &ids, area, 10_560));
    let c = block_on(query_extent(&cached, &ids[..2], area, 100_000));
    let d = block_on(query_extent(&shelf, &ids, area, 100_000));
    for (label, res) in [(index.label(), &a), (cached.label(), &b), (cached.label(), &c), (shelf.label(), &d)] {
        println!("{label}: {res:?}");
    }
    println!("cache hits: {}", cached.hits.get());

    let reading_room = async |ids: Vec<String>| -> Vec<(String, Condition)> {
        let mut slips = Vec::new();
        for id in &ids {
            if let Some(s) = cached.fetch(id).await {
                slips.push((s.id, s.condition));
            }
        }
        slips
    };
    let slips = block_on(reading_room(vec!["EST-19".into(), "OS-6-12".into()]));
    println!("request slips: {slips:?}; hits now {}", cached.hits.get());
}
