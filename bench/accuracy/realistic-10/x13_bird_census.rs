//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Models a winter bird census compiler that merges volunteer checklists, flags rarities and rolls counts up the taxonomy.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

struct YieldNow {
    yielded: bool,
}

impl Future for YieldNow {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.yielded {
            return Poll::Ready(());
        }
        self.yielded = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

fn yield_now() -> YieldNow {
    YieldNow { yielded: false }
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = std::pin::pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

#[derive(Debug, Clone)]
struct Sighting {
    code: String,
    count: u32,
    sector: char,
    observer: String,
}

#[derive(Debug)]
enum CensusError {
    Unreadable { source: String, line: usize },
    UnknownSpecies(String),
    Duplicate(String),
}

trait ChecklistSource {
    fn origin(&self) -> String;
    async fn next_batch(&mut self) -> Result<Option<Vec<Sighting>>, CensusError>;
    async fn drain(&mut self) -> Result<Vec<Sighting>, CensusError> {
        let mut all = Vec::new();
        while let Some(batch) = self.next_batch().await? {
            all.extend(batch);
            yield_now().await;
        }
        Ok(all)
    }
}

/// App exports: one sighting per line, `code;count;sector`.
struct AppExport {
    observer: String,
    lines: Vec<&'static str>,
    cursor: usize,
}

/// Paper tally sheets typed in by the compiler: `Sector B: AMRO x4, BCCH x12`.
struct PaperSheet {
    observer: String,
    text: &'static str,
    consumed: bool,
}

impl ChecklistSource for AppExport {
    fn origin(&self) -> String {
        format!("app:{}", self.observer)
    }
    async fn next_batch(&mut self) -> Result<Option<Vec<Sighting>>, CensusError> {
        if self.cursor >= self.lines.len() {
            return Ok(None);
        }
        let chunk = &self.lines[self.cursor..(self.cursor + 3).min(self.lines.len())];
        let mut out = Vec::with_capacity(chunk.len());
        for (offset, line) in chunk.iter().enumerate() {
            let mut it = line.split(';');
            let (Some(code), Some(count), Some(sector)) = (it.next(), it.next(), it.next()) else {
                return Err(CensusError::Unreadable { source: self.origin(), line: self.cursor + offset });
            };
            let count = count.parse().map_err(|_| CensusError::Unreadable { source: self.origin(), line: self.cursor + offset })?;
            out.push(Sighting { code: code.to_uppercase(), count, sector: sector.chars().next().unwrap_or('?'), observer: self.observer.clone() });
        }
        self.cursor += chunk.len();
        yield_now().await;
        Ok(Some(out))
    }
}

impl ChecklistSource for PaperSheet {
    fn origin(&self) -> String {
        format!("paper:{}", self.observer)
    }
    async fn next_batch(&mut self) -> Result<Option<Vec<Sighting>>, CensusError> {
        if std::mem::replace(&mut self.consumed, true) {
            return Ok(None);
        }
        let mut out = Vec::new();
        for (lineno, line) in self.text.lines().map(str::trim).enumerate().filter(|(_, l)| !l.is_empty()) {
            let Some((head, body)) = line.split_once(':') else {
                return Err(CensusError::Unreadable { source: self.origin(), line: lineno });
            };
            let sector = head.trim().chars().last().unwrap_or('?');
            for entry in body.split(',').map(str::trim) {
                let (code, n) = entry.split_once(" x").unwrap_or((entry, "1"));
                out.push(Sighting { code: code.to_string(), count: n.parse().unwrap_or(1), sector, observer: self.observer.clone() });
            }
            yield_now().await;
        }
        Ok(Some(out))
    }
}

async fn ingest<S>(source: &mut S, tally: Arc<Mutex<BTreeMap<(char, String), u32>>>, seen: &mut HashSet<String>) -> Result<usize, CensusError>
where
    S: ChecklistSource,
{
    let origin = source.origin();
    if !seen.insert(origin.clone()) {
        return Err(CensusError::Duplicate(origin));
    }
    let sightings = source.drain().await?;
    let n = sightings.len();
    let mut guard = tally.lock().unwrap();
    for s in sightings {
        // keep the max per sector per species to avoid double-counting flocks seen by two parties
        let slot = guard.entry((s.sector, s.code)).or_insert(0);
        *slot = (*slot).max(s.count);
    }
    drop(guard);
    yield_now().await;
    Ok(n)
}

struct Taxon {
    name: &'static str,
    parent: Option<&'static str>,
}

/// Rolls a count up the taxonomy (subspecies → species → family), one level per recursive call.
fn roll_up<'a>(taxa: &'a HashMap<&'static str, Taxon>, code: &'a str, count: u32, totals: &'a mut HashMap<&'static str, u32>) -> Pin<Box<dyn Future<Output = Result<(), CensusError>> + 'a>> {
    Box::pin(async move {
        let Some((key, taxon)) = taxa.get_key_value(code) else {
            return Err(CensusError::UnknownSpecies(code.to_string()));
        };
        *totals.entry(*key).or_default() += count;
        yield_now().await;
        match taxon.parent {
            Some(parent) => roll_up(taxa, parent, count, totals).await,
            None => Ok(()),
        }
    })
}

pub fn main() {
    let taxa: HashMap<&'static str, Taxon> = [
        ("AMRO", "American Robin", Some("TURDIDAE")),
        ("BCCH", "Black-capped Chickadee", Some("PARIDAE")),
        ("DEJU-ORE", "Dark-eyed Junco (Oregon)", Some("DEJU")),
        ("DEJU", "Dark-eyed Junco", Some("PASSERELLIDAE")),
        ("SNOW", "Snowy Owl", Some("STRIGIDAE")),
        ("TURDIDAE", "thrushes", None),
        ("PARIDAE", "tits and chickadees", None),
        ("PASSERELLIDAE", "New World sparrows", None),
        ("STRIGIDAE", "owls", None),
    ]
    .into_iter()
    .map(|(code, name, parent)| (code, Taxon { name, parent }))
    .collect();

    let tally = Arc::new(Mutex::new(BTreeMap::new()));
    let mut seen = HashSet::new();
    let mut maya = AppExport { observer: "maya".into(), lines: vec!["amro;14;A", "bcch;6;A", "deju-ore;3;B", "bcch;9;B", "snow;1;C"], cursor: 0 };
    let mut hal = PaperSheet { observer: "hal".into(), text: "Sector A: AMRO x11, BCCH x8\n\nSector C: DEJU x20, WXYZ x2", consumed: false };
    let mut maya_again = AppExport { observer: "maya".into(), lines: vec![], cursor: 0 };

    let results = block_on(async {
        let a = ingest(&mut maya, Arc::clone(&tally), &mut seen).await;
        let b = ingest(&mut hal, Arc::clone(&tally), &mut seen).await;
        let c = ingest(&mut maya_again, Arc::clone(&tally), &mut seen).await;
        [a, b, c]
    });
    for r in &results {
        match r {
            Ok(n) if *n > 5 => println!("ingested large checklist ({n} rows)"),
            Ok(n) => println!("ingested {n} rows"),
            Err(CensusError::Duplicate(who)) => println!("ignored duplicate upload from {who}"),
            Err(e) => println!("error: {e:?}"),
        }
    }

    let snapshot: Vec<((char, String), u32)> = tally.lock().unwrap().iter().map(|(k, v)| (k.clone(), *v)).collect();
    let mut totals: HashMap<&'static str, u32> = HashMap::new();
    let mut rarities = Vec::new();
    block_on(async {
        for ((sector, code), count) in &snapshot {
            if let Err(CensusError::UnknownSpecies(c)) = roll_up(&taxa, code, *count, &mut totals).await {
                rarities.push(format!("{c} in sector {sector} needs review"));
            }
        }
    });
    let mut families: Vec<(&str, u32)> = totals.iter().filter(|(k, _)| taxa[*k].parent.is_none()).map(|(k, v)| (taxa[k].name, *v)).collect();
    families.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    println!("family totals: {families:?}");
    println!("review: {rarities:?}");
}
