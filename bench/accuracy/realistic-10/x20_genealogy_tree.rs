//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Models a genealogy service that imports GEDCOM-style records, links families and computes how two people are related.

use std::collections::{BTreeSet, HashMap, VecDeque};
use std::fmt::Write;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

struct Yield {
    hit: bool,
}

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.hit {
            Poll::Ready(())
        } else {
            self.hit = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

async fn yield_now() {
    Yield { hit: false }.await
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

#[derive(Debug, Clone, Default)]
struct Person {
    id: String,
    given: String,
    surname: String,
    born: Option<i16>,
    died: Option<i16>,
    parents: Option<String>, // family id where this person is a child
}

#[derive(Debug, Clone, Default)]
struct Family {
    id: String,
    husband: Option<String>,
    wife: Option<String>,
    children: Vec<String>,
}

#[derive(Debug)]
enum GedError {
    Orphaned { line: usize, text: String },
    BadLevel(usize),
    DanglingRef(String),
}

#[derive(Debug, Default)]
struct Tree {
    people: HashMap<String, Person>,
    families: HashMap<String, Family>,
}

enum Record {
    Indi(Person),
    Fam(Family),
}

async fn import(ged: &str) -> Result<Tree, GedError> {
    let mut tree = Tree::default();
    let mut current: Option<Record> = None;
    let mut last_tag = String::new();
    for (lineno, line) in ged.lines().map(str::trim).enumerate().filter(|(_, l)| !l.is_empty()) {
        let mut parts = line.splitn(3, ' ');
        let level: u8 = parts.next().and_then(|l| l.parse().ok()).ok_or(GedError::BadLevel(lineno))?;
        let (tag, rest) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
        if level == 0 {
            match current.take() {
                Some(Record::Indi(p)) => drop(tree.people.insert(p.id.clone(), p)),
                Some(Record::Fam(f)) => drop(tree.families.insert(f.id.clone(), f)),
                None => {}
            }
            let id = tag.trim_matches('@').to_string();
            current = match rest {
                "INDI" => Some(Record::Indi(Person { id, ..Default::default() })),
                "FAM" => Some(Record::Fam(Family { id, ..Default::default() })),
                _ => None,
            };
            yield_now().await;
            continue;
        }
        let Some(rec) = current.as_mut() else {
            return Err(GedError::Orphaned { line: lineno, text: line.to_string() });
        };
        let value = rest.trim_matches('@');
        match (rec, tag) {
            (Record::Indi(p), "NAME") => {
                let mut bits = value.split('/');
                p.given = bits.next().unwrap_or("").trim().to_string();
                p.surname = bits.next().unwrap_or("").to_string();
            }
            (Record::Indi(_), "BIRT" | "DEAT") => last_tag = tag.to_string(),
            (Record::Indi(p), "DATE") if level == 2 => {
                let year = value.rsplit(' ').next().and_then(|y| y.parse().ok());
                if last_tag == "BIRT" { p.born = year } else { p.died = year }
            }
            (Record::Indi(p), "FAMC") => p.parents = Some(value.to_string()),
            (Record::Fam(f), "HUSB") => f.husband = Some(value.to_string()),
            (Record::Fam(f), "WIFE") => f.wife = Some(value.to_string()),
            (Record::Fam(f), "CHIL") => f.children.push(value.to_string()),
            _ => {}
        }
    }
    match current {
        Some(Record::Indi(p)) => drop(tree.people.insert(p.id.clone(), p)),
        Some(Record::Fam(f)) => drop(tree.families.insert(f.id.clone(), f)),
        None => {}
    }
    Ok(tree)
}

/// Collects every ancestor with its generation distance, recursing through parent families.
async fn ancestors(tree: &Tree, id: &str, depth: u8, out: &mut HashMap<String, u8>) -> Result<(), GedError> {
    let person = tree.people.get(id).ok_or_else(|| GedError::DanglingRef(id.to_string()))?;
    out.entry(id.to_string()).or_insert(depth);
    let Some(fam_id) = &person.parents else { return Ok(()) };
    let fam = tree.families.get(fam_id).ok_or_else(|| GedError::DanglingRef(fam_id.clone()))?;
    yield_now().await;
    for parent in fam.husband.iter().chain(fam.wife.iter()) {
        Box::pin(ancestors(tree, parent, depth + 1, out)).await?;
    }
    Ok(())
}

fn relationship(up_a: u8, up_b: u8) -> String {
    match (up_a, up_b) {
        (0, 0) => "same person".into(),
        (0, n) | (n, 0) if n == 1 => "parent/child".into(),
        (0, n) | (n, 0) => format!("{}grandparent", "great-".repeat(n as usize - 2)),
        (1, 1) => "siblings".into(),
        (a, b) if a == b => format!("{} cousins", ordinal(a - 1)),
        (a, b) => format!("{} cousins {}x removed", ordinal(a.min(b) - 1), a.abs_diff(b)),
    }
}

fn ordinal(n: u8) -> &'static str {
    ["zeroth", "first", "second", "third", "fourth"].get(n as usize).copied().unwrap_or("distant")
}

async fn relate(tree: Rc<Tree>, a: &str, b: &str) -> Result<String, GedError> {
    let mut anc_a = HashMap::new();
    let mut anc_b = HashMap::new();
    ancestors(&tree, a, 0, &mut anc_a).await?;
    ancestors(&tree, b, 0, &mut anc_b).await?;
    let common = anc_a.iter().filter_map(|(id, da)| anc_b.get(id).map(|db| (id.clone(), *da, *db))).min_by_key(|(_, da, db)| da + db);
    yield_now().await;
    let Some((via, da, db)) = common else {
        return Ok(format!("{a} and {b} share no recorded ancestor"));
    };
    let name = tree.people.get(&via).map(|p| format!("{} {}", p.given, p.surname)).unwrap_or_default();
    Ok(format!("{a} & {b}: {} (common ancestor {name})", relationship(da, db)))
}

pub fn main() {
    let ged = "
        0 @I1@ INDI
        1 NAME Josef /Novak/
        1 BIRT
        2 DATE 12 MAR 1881
        1 DEAT
        2 DATE 1950
        0 @I2@ INDI
        1 NAME Marie /Dvorak/
        0 @F1@ FAM
        1 HUSB @I1@
        1 WIFE @I2@
        1 CHIL @I3@
        1 CHIL @I4@
        0 @I3@ INDI
        1 NAME Karel /Novak/
        1 FAMC @F1@
        0 @I4@ INDI
        1 NAME Anna /Novak/
        1 FAMC @F1@
        0 @F2@ FAM
        1 HUSB @I3@
        1 CHIL @I5@
        0 @I5@ INDI
        1 NAME Petr /Novak/
        1 BIRT
        2 DATE 1938
        1 FAMC @F2@
        0 @F3@ FAM
        1 WIFE @I4@
        1 CHIL @I6@
        0 @I6@ INDI
        1 NAME Eva /Kral/
        1 FAMC @F3@
        0 @I7@ INDI
        1 NAME Lone /Stranger/";

    let tree = Rc::new(block_on(import(ged)).expect("sample GEDCOM parses"));
    println!("imported {} people, {} families", tree.people.len(), tree.families.len());

    let ask = {
        let tree = Rc::clone(&tree);
        async move |a: &'static str, b: &'static str| relate(Rc::clone(&tree), a, b).await
    };
    let mut report = String::new();
    block_on(async {
        for (a, b) in [("I5", "I6"), ("I3", "I4"), ("I1", "I5"), ("I6", "I7"), ("I5", "I99"), ("I1", "I6")] {
            match ask(a, b).await {
                Ok(line) => writeln!(report, "{line}").unwrap(),
                Err(GedError::DanglingRef(r)) => writeln!(report, "{a}/{b}: missing record {r}").unwrap(),
                Err(e) => writeln!(report, "{a}/{b}: {e:?}").unwrap(),
            }
        }
    });
    print!("{report}");

    let lifespans: BTreeSet<(i16, String)> = tree.people.values().filter_map(|p| Some((p.died? - p.born?, p.given.clone()))).collect();
    println!("known lifespans: {lifespans:?}");
    let broken = block_on(import("1 NAME Stray /Line/"));
    println!("stray line -> {:?}", broken.err());
}
