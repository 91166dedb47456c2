//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Wedding seating planner: gathers RSVPs from reply cards and the wedding website, then
//! seats households at tables by backtracking over keep-apart rules and counts meals.

use std::cell::Cell;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::future::Future;
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

#[derive(Debug, Clone, PartialEq)]
enum Meal { Beef, Fish, Veg, Child }

#[derive(Debug, Clone)]
struct Party { household: String, guests: Vec<(String, Meal)>, attending: bool }

trait RsvpSource {
    fn label(&self) -> &'static str;
    async fn responses(&mut self) -> Vec<Party>;

    async fn confirmed(&mut self) -> Vec<Party> {
        let all = self.responses().await;
        all.into_iter().filter(|p| p.attending && !p.guests.is_empty()).collect()
    }
}

struct ReplyCards { scanned: Vec<&'static str> }
struct WeddingSite { submissions: HashMap<String, Vec<(String, String)>> }

fn meal_from(code: &str) -> Meal {
    match code.trim().to_ascii_lowercase().as_str() {
        "b" | "beef" => Meal::Beef,
        "f" | "fish" => Meal::Fish,
        "k" | "kids" => Meal::Child,
        _ => Meal::Veg,
    }
}

impl RsvpSource for ReplyCards {
    fn label(&self) -> &'static str { "cards" }
    async fn responses(&mut self) -> Vec<Party> {
        let mut out = Vec::new();
        for card in self.scanned.drain(..) {
            yield_now().await;
            let mut fields = card.split('|');
            let household = fields.next().unwrap_or("?").trim().to_string();
            let attending = fields.next().map_or(false, |f| f.trim() == "yes");
            let guests = fields.filter_map(|g| g.split_once(':')).map(|(n, m)| (n.trim().to_string(), meal_from(m))).collect();
            out.push(Party { household, guests, attending });
        }
        out
    }
}

impl RsvpSource for WeddingSite {
    fn label(&self) -> &'static str { "website" }
    async fn responses(&mut self) -> Vec<Party> {
        let mut households: Vec<String> = self.submissions.keys().cloned().collect();
        households.sort();
        let mut out = Vec::new();
        for h in households {
            let rows = self.submissions.remove(&h).unwrap_or_default();
            yield_now().await;
            let guests: Vec<(String, Meal)> = rows.into_iter().filter(|(_, m)| m != "declined").map(|(n, m)| (n, meal_from(&m))).collect();
            out.push(Party { attending: !guests.is_empty(), household: h, guests });
        }
        out
    }
}

async fn gather<S>(src: &mut S, into: &mut Vec<Party>) -> String
where
    S: RsvpSource,
{
    let parties = src.confirmed().await;
    let heads: usize = parties.iter().map(|p| p.guests.len()).sum();
    into.extend(parties);
    format!("{}: {heads} guests confirmed", src.label())
}

struct Rules { apart: Vec<(String, String)>, capacity: usize }

fn seat<'a>(parties: &'a [Party], i: usize, tables: &'a mut Vec<Vec<usize>>, rules: &'a Rules, tries: &'a Cell<u32>) -> Pin<Box<dyn Future<Output = bool> + 'a>> {
    Box::pin(async move {
        if i == parties.len() { return true; }
        tries.set(tries.get() + 1);
        if tries.get() % 16 == 0 { yield_now().await; }
        let party = &parties[i];
        for t in 0..tables.len() {
            let used: usize = tables[t].iter().map(|&j| parties[j].guests.len()).sum();
            if used + party.guests.len() > rules.capacity { continue; }
            let clash = tables[t].iter().any(|&j| rules.apart.iter().any(|(a, b)| (a == &party.household && b == &parties[j].household) || (b == &party.household && a == &parties[j].household)));
            if clash { continue; }
            tables[t].push(i);
            if seat(parties, i + 1, tables, rules, tries).await { return true; }
            tables[t].pop();
            if tables[t].is_empty() { break; }
        }
        false
    })
}

pub fn main() {
    let mut cards = ReplyCards {
        scanned: vec!["Smiths | yes | Ann: beef | Bob: fish | Cal: kids", "Jones | no", "Garcias | yes | Luis: veg | Marta: fish", "Uncle Ray | yes | Ray: beef"],
    };
    let rows = |r: &[(&str, &str)]| r.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect::<Vec<_>>();
    let mut site = WeddingSite {
        submissions: HashMap::from([
            ("Aunt Jo".to_string(), rows(&[("Jo", "fish")])),
            ("Chens".to_string(), rows(&[("Wei", "beef"), ("Lin", "veg"), ("Mei", "kids"), ("Bo", "kids")])),
            ("Kowalskis".to_string(), rows(&[("Piotr", "declined")])),
            ("Okoros".to_string(), rows(&[("Ada", "fish"), ("Obi", "beef")])),
        ]),
    };
    let mut parties = Vec::new();
    println!("{}", block_on(gather(&mut cards, &mut parties)));
    println!("{}", block_on(gather(&mut site, &mut parties)));
    parties.sort_by(|a, b| b.guests.len().cmp(&a.guests.len()));

    let rules = Rules { apart: vec![("Uncle Ray".into(), "Aunt Jo".into()), ("Smiths".into(), "Garcias".into())], capacity: 6 };
    let tries = Cell::new(0);
    let plan = block_on(async {
        for n in 2..=5 {
            let mut tables = vec![Vec::new(); n];
            if seat(&parties, 0, &mut tables, &rules, &tries).await {
                return Some(tables);
            }
        }
        None
    });
    match plan {
        Some(tables) => {
            for (t, seats) in tables.iter().enumerate() {
                let names: Vec<&str> = seats.iter().map(|&i| parties[i].household.as_str()).collect();
                let mut meals: BTreeMap<String, u32> = BTreeMap::new();
                seats.iter().flat_map(|&i| parties[i].guests.iter()).for_each(|(_, m)| *meals.entry(format!("{m:?}")).or_default() += 1);
                println!("table {}: {names:?} meals {meals:?}", t + 1);
            }
        }
        None => println!("no seating plan satisfies the rules"),
    }

    let who_sits_with = async |name: &str| -> Option<String> {
        yield_now().await;
        parties.iter().find(|p| p.guests.iter().any(|(g, _)| g == name)).map(|p| format!("{name} is with the {}", p.household))
    };
    println!("{:?} / {:?} after {} placement tries", block_on(who_sits_with("Mei")), block_on(who_sits_with("Piotr")), tries.get());
}
