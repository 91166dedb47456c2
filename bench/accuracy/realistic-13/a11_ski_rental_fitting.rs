//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Ski rental fitting counter: checks waivers, computes binding release settings from the
//! skier's weight, height, ability and age, and allocates boots and skis from stock.

use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::pin::Pin;
use std::sync::Mutex;
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

const WEIGHT_KG: [u32; 12] = [13, 17, 21, 25, 30, 35, 41, 48, 57, 66, 78, 94];
const HEIGHT_CM: [u32; 6] = [148, 157, 166, 178, 194, 999];
const SETTINGS: [f32; 15] = [0.75, 1.0, 1.5, 1.75, 2.25, 2.75, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 10.0, 11.5, 12.0];

#[derive(Debug)]
enum FitError { NoWaiver(String), NoBoots(u32), NoSkis { min_cm: u32, max_cm: u32 }, BadProfile(String) }

#[derive(Debug, Clone)]
struct Skier { name: String, kg: u32, cm: u32, age: u32, ability: u8, mondo: u32 }

struct Rental { skier: String, boots: String, skis: String, din: f32, notes: Vec<String> }

fn parse_skier(line: &str) -> Result<Skier, FitError> {
    let bad = || FitError::BadProfile(line.to_string());
    let (name, stats) = line.split_once(':').ok_or_else(bad)?;
    let nums: Vec<u32> = stats.split('/').map(|s| s.trim().parse::<u32>()).collect::<Result<_, _>>().map_err(|_| bad())?;
    let &[kg, cm, age, ability, mondo] = nums.as_slice() else { return Err(bad()) };
    if !(1..=3).contains(&ability) { return Err(bad()); }
    Ok(Skier { name: name.trim().to_string(), kg, cm, age, ability: ability as u8, mondo })
}

fn release_setting(s: &Skier) -> f32 {
    let by_weight = WEIGHT_KG.iter().position(|&w| s.kg <= w).unwrap_or(WEIGHT_KG.len());
    let by_height = HEIGHT_CM.iter().position(|&h| s.cm <= h).map(|i| i + 8).unwrap_or(13);
    let mut code = by_weight.min(by_height) as i32;
    code += s.ability as i32 - 1;
    if s.age >= 50 || s.age < 10 { code -= 1; }
    SETTINGS[code.clamp(0, SETTINGS.len() as i32 - 1) as usize]
}

trait WaiverDesk {
    async fn is_signed(&self, name: &str) -> bool;

    async fn unsigned(&self, party: &[Skier]) -> Vec<String> {
        let mut missing = Vec::new();
        for s in party {
            if !self.is_signed(&s.name).await { missing.push(s.name.clone()); }
        }
        missing
    }
}

struct Kiosk { signed: Vec<String> }
struct OnlineWaivers { by_email: HashMap<String, bool>, lookups: Mutex<u32> }

impl WaiverDesk for Kiosk {
    async fn is_signed(&self, name: &str) -> bool {
        yield_now().await;
        self.signed.iter().any(|n| n.eq_ignore_ascii_case(name))
    }
}

impl WaiverDesk for OnlineWaivers {
    async fn is_signed(&self, name: &str) -> bool {
        *self.lookups.lock().unwrap() += 1;
        yield_now().await;
        let key = format!("{}@example.org", name.to_lowercase().replace(' ', "."));
        self.by_email.get(&key).copied().unwrap_or(false)
    }
}

struct Shop { boots: Mutex<BTreeMap<u32, Vec<String>>>, skis: Mutex<BTreeMap<u32, Vec<String>>> }

impl Shop {
    async fn fit(&self, s: Skier) -> Result<Rental, FitError> {
        let din = release_setting(&s);
        let boots = {
            let mut stock = self.boots.lock().unwrap();
            let (&size, pairs) = stock.range_mut(s.mondo..=s.mondo + 5).find(|(_, v)| !v.is_empty()).ok_or(FitError::NoBoots(s.mondo))?;
            pairs.pop().map(|b| format!("{b} ({size})")).unwrap()
        };
        yield_now().await;
        let (min_cm, max_cm) = (s.cm.saturating_sub(20 - 5 * s.ability as u32), s.cm - 5 + 5 * s.ability as u32);
        let skis = self.skis.lock().unwrap().range_mut(min_cm..=max_cm).rev().find_map(|(len, v)| v.pop().map(|m| format!("{m} {len}cm")));
        let Some(skis) = skis else { return Err(FitError::NoSkis { min_cm, max_cm }) };
        let mut notes = Vec::new();
        if s.age >= 50 { notes.push("senior adjustment".to_string()); }
        Ok(Rental { skier: s.name, boots, skis, din, notes })
    }
}

async fn check_in<W>(desk: &W, shop: &Shop, party: Vec<Skier>) -> Result<Vec<Rental>, FitError>
where
    W: WaiverDesk,
{
    if let Some(first) = desk.unsigned(&party).await.into_iter().next() {
        return Err(FitError::NoWaiver(first));
    }
    let mut rentals = Vec::new();
    for skier in party {
        rentals.push(shop.fit(skier).await?);
    }
    Ok(rentals)
}

pub fn main() {
    let stock = |items: &[(u32, &str)]| {
        let mut m: BTreeMap<u32, Vec<String>> = BTreeMap::new();
        items.iter().for_each(|(k, v)| m.entry(*k).or_default().push(v.to_string()));
        m
    };
    let shop = Shop {
        boots: Mutex::new(stock(&[(245, "Tecnica"), (265, "Salomon"), (270, "Lange"), (285, "Atomic"), (285, "Nordica")])),
        skis: Mutex::new(stock(&[(140, "Rossi"), (156, "K2"), (163, "Volkl"), (170, "Head"), (177, "Blizzard"), (128, "Elan"), (182, "Stockli"), (180, "Fischer")])),
    };
    let parse_party = |lines: &[&str]| lines.iter().filter_map(|l| parse_skier(l).map_err(|e| println!("skip {e:?}")).ok()).collect::<Vec<_>>();

    let kiosk = Kiosk { signed: vec!["Maja Berg".into(), "Leo Berg".into()] };
    let online = OnlineWaivers { by_email: HashMap::from([("sam.ito@example.org".to_string(), true), ("kai.ito@example.org".to_string(), true)]), lookups: Mutex::new(0) };

    let berg = parse_party(&["Maja Berg: 62/168/44/2/265", "Leo Berg: 31/135/9/1/245", "Oma: tall/old"]);
    let ito = parse_party(&["Sam Ito: 88/183/52/3/285", "Kai Ito: 70/176/19/2/270"]);
    for (family, result) in [("Berg", block_on(check_in(&kiosk, &shop, berg))), ("Ito", block_on(check_in(&online, &shop, ito)))] {
        match result {
            Ok(rentals) => rentals.iter().for_each(|r| println!("{family}: {} - {} / {} DIN {} {:?}", r.skier, r.boots, r.skis, r.din, r.notes)),
            Err(FitError::NoWaiver(who)) => println!("{family}: send {who} to the kiosk"),
            Err(e) => println!("{family}: {e:?}"),
        }
    }
    let walk_up = async |line: &str| -> Result<f32, FitError> {
        let skier = parse_skier(line)?;
        yield_now().await;
        Ok(shop.fit(skier).await?.din)
    };
    println!("walk-up: {:?}", block_on(walk_up("Ana: 95/175/33/3/285")));
    println!("walk-up: {:?}", block_on(walk_up("Kid: 20/110/6/1/200")));
    let left = block_on(async {
        yield_now().await;
        shop.skis.lock().unwrap().values().map(Vec::len).sum::<usize>()
    });
    println!("skis left {left}, online lookups {}", online.lookups.lock().unwrap());
}
