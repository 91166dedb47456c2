//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Florist order desk: explodes bouquet recipes into stems, reserves them from the cooler
//! inventory with seasonal substitutions, and groups deliveries into van runs by postcode zone.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
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

#[derive(Debug)]
enum OrderError { UnknownRecipe(String), Short { stem: String, need: u32, have: u32 }, BadLine(String) }

struct Cooler { stems: HashMap<String, u32>, substitutes: HashMap<&'static str, &'static str> }

#[derive(Debug, Clone)]
struct Order { id: u32, recipe: String, qty: u32, postcode: String, note: Option<String> }

fn parse_orders(csv: &str) -> Result<Vec<Order>, OrderError> {
    csv.lines().skip(1).filter(|l| !l.trim().is_empty()).map(|line| {
        let cols: Vec<&str> = line.split(',').map(str::trim).collect();
        match cols.as_slice() {
            [id, recipe, qty, pc, rest @ ..] => Ok(Order {
                id: id.parse().map_err(|_| OrderError::BadLine(line.to_string()))?,
                recipe: recipe.to_lowercase(),
                qty: qty.parse().map_err(|_| OrderError::BadLine(line.to_string()))?,
                postcode: pc.to_uppercase(),
                note: rest.first().filter(|n| !n.is_empty()).map(|n| n.to_string()),
            }),
            _ => Err(OrderError::BadLine(line.to_string())),
        }
    }).collect()
}

fn recipe(name: &str) -> Option<&'static [(&'static str, u32)]> {
    const ROSE_DOZEN: [(&str, u32); 2] = [("rose-red", 12), ("eucalyptus", 3)];
    const SPRING: [(&str, u32); 4] = [("tulip", 10), ("ranunculus", 5), ("narcissus", 6), ("ruscus", 2)];
    const SYMPATHY: [(&str, u32); 3] = [("lily-white", 5), ("chrysanthemum", 7), ("eucalyptus", 4)];
    match name {
        "rose-dozen" => Some(&ROSE_DOZEN),
        "spring-mix" => Some(&SPRING),
        "sympathy" => Some(&SYMPATHY),
        _ => None,
    }
}

async fn reserve(cooler: Arc<Mutex<Cooler>>, order: &Order) -> Result<Vec<(String, u32)>, OrderError> {
    let lines = recipe(&order.recipe).ok_or_else(|| OrderError::UnknownRecipe(order.recipe.clone()))?;
    let mut picked = Vec::new();
    for &(stem, per) in lines {
        let need = per * order.qty;
        yield_now().await;
        let mut c = cooler.lock().unwrap();
        let have = c.stems.get(stem).copied().unwrap_or(0);
        let chosen = if have >= need {
            stem
        } else {
            match c.substitutes.get(stem).copied() {
                Some(sub) if c.stems.get(sub).copied().unwrap_or(0) >= need => sub,
                _ => {
                    drop(c);
                    release(&cooler, &picked);
                    return Err(OrderError::Short { stem: stem.to_string(), need, have });
                }
            }
        };
        *c.stems.get_mut(chosen).unwrap() -= need;
        picked.push((chosen.to_string(), need));
    }
    Ok(picked)
}

fn release(cooler: &Arc<Mutex<Cooler>>, picked: &[(String, u32)]) {
    let mut c = cooler.lock().unwrap();
    for (stem, n) in picked {
        *c.stems.entry(stem.clone()).or_insert(0) += n;
    }
}

fn zone_of(postcode: &str) -> String {
    postcode.chars().take_while(|c| c.is_ascii_alphabetic()).collect()
}

async fn plan_runs(orders: &[Order], cooler: Arc<Mutex<Cooler>>) -> (BTreeMap<String, Vec<u32>>, String) {
    let mut runs: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    let mut report = String::new();
    for o in orders {
        match reserve(Arc::clone(&cooler), o).await {
            Ok(picked) => {
                runs.entry(zone_of(&o.postcode)).or_default().push(o.id);
                let subs = picked.iter().filter(|(s, _)| recipe(&o.recipe).map_or(false, |r| !r.iter().any(|(n, _)| n == s))).count();
                write!(report, "#{} ok", o.id).unwrap();
                if subs > 0 {
                    write!(report, " ({subs} substituted)").unwrap();
                }
            }
            Err(OrderError::Short { stem, need, have }) => write!(report, "#{} short {stem} {have}/{need}", o.id).unwrap(),
            Err(e) => write!(report, "#{} rejected {e:?}", o.id).unwrap(),
        }
        report.push('\n');
    }
    (runs, report)
}

fn main() {
    let cooler = Arc::new(Mutex::new(Cooler {
        stems: [("rose-red", 30), ("eucalyptus", 40), ("tulip", 15), ("ranunculus", 20), ("narcissus", 4),
            ("ruscus", 10), ("lily-white", 9), ("chrysanthemum", 30), ("daffodil", 12)]
            .into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
        substitutes: HashMap::from([("narcissus", "daffodil"), ("rose-red", "rose-pink")]),
    }));
    let csv = "id,recipe,qty,postcode,note\n101,Rose-Dozen,2,ec1a 1bb,Anniversary\n102,spring-mix,1,N1 9GU,\n\
               103,sympathy,2,EC2V 7HH,Deliver before 10\n104,wedding-arch,1,SW1A 1AA\n105,rose-dozen,1,n1 0aa\n";
    let orders = parse_orders(csv).expect("orders parse");
    assert_eq!(orders[0].note.as_deref(), Some("Anniversary"));
    assert!(parse_orders("h\n1,x").is_err());

    let (runs, report) = block_on(plan_runs(&orders, Arc::clone(&cooler)));
    assert_eq!(runs.get("EC"), Some(&vec![101]));
    assert_eq!(runs.get("N"), Some(&vec![102]));
    assert!(report.contains("#102 ok (1 substituted)"));
    assert!(report.contains("#103 short lily-white 9/10"));
    assert!(report.contains("#105 short rose-red 6/12"));
    assert_eq!(cooler.lock().unwrap().stems["chrysanthemum"], 30);

    let c2 = Arc::clone(&cooler);
    let restock = async move |deliveries: Vec<(&'static str, u32)>| {
        for (stem, n) in deliveries {
            yield_now().await;
            *c2.lock().unwrap().stems.entry(stem.to_string()).or_insert(0) += n;
        }
    };
    block_on(restock(vec![("lily-white", 20), ("rose-pink", 24)]));
    let retry = block_on(reserve(Arc::clone(&cooler), &orders[2])).expect("restocked");
    assert_eq!(retry.len(), 3);
    print!("{report}");
}
