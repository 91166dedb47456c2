//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Models a herbarium collections system that accessions pressed plant specimens, resolves taxonomic synonyms and manages inter-institution loans.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::future::Future;
use std::pin::Pin;
use std::rc::{Rc, Weak};
use std::task::{Context, Poll, Waker};

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = std::pin::pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

struct Press {
    days: u16,
}

impl Future for Press {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.days == 0 {
            return Poll::Ready(());
        }
        self.days -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

async fn lookup_delay() {
    Press { days: 1 }.await
}

#[derive(Debug)]
struct Taxon {
    name: String,
    rank: &'static str,
    parent: RefCell<Weak<Taxon>>,
    accepted_as: RefCell<Option<Rc<Taxon>>>,
}

impl Taxon {
    fn new(name: &str, rank: &'static str) -> Rc<Taxon> {
        Rc::new(Taxon { name: name.to_string(), rank, parent: RefCell::new(Weak::new()), accepted_as: RefCell::new(None) })
    }
}

#[derive(Debug, Clone)]
struct Specimen {
    barcode: u64,
    determination: String,
    collector: String,
    number: Option<u32>,
    year: Option<u16>,
    type_status: Option<&'static str>,
}

#[derive(Debug)]
enum LoanState {
    Requested { borrower: String },
    Dispatched { borrower: String, sheets: Vec<u64> },
    Returned { sheets: Vec<u64>, annotated: usize },
}

fn resolve(taxon: Rc<Taxon>, hops: u8) -> Pin<Box<dyn Future<Output = Result<Rc<Taxon>, String>>>> {
    Box::pin(async move {
        lookup_delay().await;
        let next = taxon.accepted_as.borrow().clone();
        match next {
            None => Ok(taxon),
            Some(_) if hops >= 5 => Err(format!("synonym loop at {}", taxon.name)),
            Some(acc) => resolve(acc, hops + 1).await,
        }
    })
}

async fn family_of(t: &Rc<Taxon>) -> Option<String> {
    let mut cur = Rc::clone(t);
    loop {
        lookup_delay().await;
        if cur.rank == "family" {
            break Some(cur.name.clone());
        }
        let parent = cur.parent.borrow().upgrade();
        cur = parent?;
    }
}

fn parse_label(barcode: u64, label: &str) -> Specimen {
    let mut fields: HashMap<&str, &str> = HashMap::new();
    for line in label.lines() {
        if let Some((k, v)) = line.split_once(':') {
            fields.insert(k.trim(), v.trim());
        }
    }
    let (collector, number) = match fields.get("Coll.").map(|s| s.rsplit_once(' ')) {
        Some(Some((who, n))) if n.chars().all(|c| c.is_ascii_digit()) => (who.to_string(), n.parse().ok()),
        Some(Some((who, n))) if n.eq_ignore_ascii_case("s.n.") => (who_or_unknown(Some(who)), None),
        Some(_) => (fields["Coll."].to_string(), None),
        None => ("s.coll.".to_string(), None),
    };
    let year = fields.get("Date").and_then(|d| d.split(|c: char| !c.is_ascii_digit()).filter(|p| p.len() == 4).last()).and_then(|y| y.parse().ok());
    let type_status = match fields.get("Type") {
        Some(t) if t.eq_ignore_ascii_case("holotype") => Some("HOLOTYPE"),
        Some(t) if t.to_lowercase().contains("iso") => Some("ISOTYPE"),
        _ => None,
    };
    Specimen { barcode, determination: fields.get("Det.").unwrap_or(&"Indet.").to_string(), collector, number, year, type_status }
}

fn who_or_unknown(s: Option<&str>) -> String {
    s.unwrap_or("unknown").to_string()
}

async fn accession(labels: &[(u64, &str)], names: &HashMap<String, Rc<Taxon>>) -> BTreeMap<String, Vec<Specimen>> {
    let mut by_family: BTreeMap<String, Vec<Specimen>> = BTreeMap::new();
    for &(barcode, label) in labels {
        let mut spec = parse_label(barcode, label);
        let fam = match names.get(&spec.determination) {
            Some(t) => match resolve(Rc::clone(t), 0).await {
                Ok(accepted) => {
                    if accepted.name != spec.determination {
                        spec.determination = format!("{} (as {})", accepted.name, spec.determination);
                    }
                    family_of(&accepted).await.unwrap_or_else(|| "Incertae sedis".into())
                }
                Err(e) => format!("UNRESOLVED: {e}"),
            },
            None => "Indeterminate".into(),
        };
        by_family.entry(fam).or_default().push(spec);
    }
    by_family
}

async fn advance_loan(state: LoanState, cabinet: &RefCell<BTreeSet<u64>>, wanted: &[u64]) -> LoanState {
    lookup_delay().await;
    match state {
        LoanState::Requested { borrower } => {
            let mut cab = cabinet.borrow_mut();
            let sheets: Vec<u64> = wanted.iter().copied().filter(|b| cab.remove(b)).collect();
            LoanState::Dispatched { borrower, sheets }
        }
        LoanState::Dispatched { borrower, sheets } => {
            Press { days: sheets.len() as u16 }.await;
            cabinet.borrow_mut().extend(sheets.iter().copied());
            let annotated = sheets.iter().filter(|b| *b % 2 == 0).count();
            LoanState::Returned { sheets, annotated }
        }
        done @ LoanState::Returned { .. } => done,
    }
}

pub fn main() {
    let rosaceae = Taxon::new("Rosaceae", "family");
    let rubus = Taxon::new("Rubus", "genus");
    *rubus.parent.borrow_mut() = Rc::downgrade(&rosaceae);
    let r_frut = Taxon::new("Rubus fruticosus agg.", "species");
    *r_frut.parent.borrow_mut() = Rc::downgrade(&rubus);
    let r_old = Taxon::new("Rubus plicatus", "species");
    *r_old.accepted_as.borrow_mut() = Some(Rc::clone(&r_frut));
    let loop_a = Taxon::new("Loopia a", "species");
    let loop_b = Taxon::new("Loopia b", "species");
    *loop_a.accepted_as.borrow_mut() = Some(Rc::clone(&loop_b));
    *loop_b.accepted_as.borrow_mut() = Some(Rc::clone(&loop_a));

    let names: HashMap<String, Rc<Taxon>> = [&r_frut, &r_old, &loop_a].iter().map(|t| (t.name.clone(), Rc::clone(t))).collect();
    let labels = [
        (10_001u64, "Det.: Rubus plicatus\nColl.: W. Hooker 212\nDate: 14 July 1838\nType: Isotype"),
        (10_002, "Det.: Rubus fruticosus agg.\nColl.: A. Ley\nDate: 1890"),
        (10_003, "Det.: Loopia a\nDate: c. 1901"),
        (10_004, "Coll.: anon"),
    ];
    let catalogue = block_on(accession(&labels, &names));
    for (family, specs) in &catalogue {
        for s in specs {
            println!("{family}: {} {} {:?} {:?} {}", s.barcode, s.determination, s.year, s.number, s.type_status.unwrap_or(""));
        }
    }

    let cabinet = RefCell::new(labels.iter().map(|(b, _)| *b).collect::<BTreeSet<u64>>());
    let wanted = [10_001, 10_002, 99_999];
    let run_loan = async |borrower: &str| {
        let mut state = LoanState::Requested { borrower: borrower.to_string() };
        for _ in 0..3 {
            state = advance_loan(state, &cabinet, &wanted).await;
            println!("  loan now {state:?}; in cabinet {}", cabinet.borrow().len());
        }
        state
    };
    let final_state = block_on(run_loan("Kew"));
    if let LoanState::Returned { ref sheets, annotated } = final_state {
        println!("returned {} sheets, {annotated} with new det slips", sheets.len());
    }
}
