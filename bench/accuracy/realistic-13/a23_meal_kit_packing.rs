//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Meal-kit packing line: explodes weekly orders into ingredient picks, swaps allergens,
//! reserves stock at a fulfilment site and packs chilled and ambient items into boxes.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Zone { Chilled, Ambient }

struct Ingredient { sku: &'static str, grams_per_serving: u32, zone: Zone, allergen: Option<&'static str> }

struct Order { id: u32, recipes: Vec<&'static str>, servings: u32, avoid: Vec<&'static str>, transit_days: u32 }

#[derive(Debug)]
enum PackError { UnknownRecipe(&'static str), OutOfStock { sku: String, short_g: u32 } }

trait Site {
    fn name(&self) -> &'static str;
    async fn reserve(&self, sku: &str, grams: u32) -> Result<(), PackError>;

    async fn reserve_all(&self, picks: &BTreeMap<String, u32>) -> Result<usize, PackError> {
        for (sku, grams) in picks {
            self.reserve(sku, *grams).await?;
        }
        Ok(picks.len())
    }
}

struct MainDc { stock: RefCell<HashMap<String, u32>> }
struct Hub { stock: RefCell<HashMap<String, u32>>, fallback: Rc<MainDc> }

impl Site for MainDc {
    fn name(&self) -> &'static str { "main DC" }
    async fn reserve(&self, sku: &str, grams: u32) -> Result<(), PackError> {
        yield_now().await;
        let mut stock = self.stock.borrow_mut();
        let have = stock.entry(sku.to_string()).or_insert(0);
        if *have < grams {
            return Err(PackError::OutOfStock { sku: sku.to_string(), short_g: grams - *have });
        }
        *have -= grams;
        Ok(())
    }
}

impl Site for Hub {
    fn name(&self) -> &'static str { "city hub" }
    async fn reserve(&self, sku: &str, grams: u32) -> Result<(), PackError> {
        let local = self.stock.borrow().get(sku).copied().unwrap_or(0);
        if local >= grams {
            *self.stock.borrow_mut().get_mut(sku).unwrap() -= grams;
            return Ok(());
        }
        self.fallback.reserve(sku, grams).await
    }
}

struct Catalogue { recipes: HashMap<&'static str, Vec<Ingredient>>, swaps: HashMap<&'static str, &'static str> }

async fn explode(cat: &Catalogue, order: &Order) -> Result<BTreeMap<String, u32>, PackError> {
    let mut picks = BTreeMap::new();
    for &r in &order.recipes {
        let ingredients = cat.recipes.get(r).ok_or(PackError::UnknownRecipe(r))?;
        for ing in ingredients {
            let sku = match ing.allergen {
                Some(a) if order.avoid.contains(&a) => cat.swaps.get(ing.sku).copied().unwrap_or("SKIP"),
                _ => ing.sku,
            };
            if sku == "SKIP" { continue; }
            *picks.entry(sku.to_string()).or_insert(0) += ing.grams_per_serving * order.servings;
        }
        yield_now().await;
    }
    Ok(picks)
}

fn zone_of(cat: &Catalogue, sku: &str) -> Zone {
    let sku = cat.swaps.iter().find(|(_, to)| **to == sku).map_or(sku, |(from, _)| *from);
    cat.recipes.values().flatten().find(|i| i.sku == sku).map_or(Zone::Ambient, |i| i.zone)
}

async fn fulfil<S>(cat: &Catalogue, site: &S, order: &Order) -> Result<String, PackError>
where
    S: Site,
{
    let picks = explode(cat, order).await?;
    site.reserve_all(&picks).await?;
    let mut boxes: BTreeMap<Zone, u32> = BTreeMap::new();
    for (sku, grams) in &picks {
        *boxes.entry(zone_of(cat, sku)).or_default() += grams;
    }
    let chilled = boxes.get(&Zone::Chilled).copied().unwrap_or(0);
    let ice_packs = if chilled == 0 { 0 } else { 1 + chilled / 1500 + order.transit_days };
    Ok(format!("order {} from {}: {} picks, zones {:?}, {} ice packs", order.id, site.name(), picks.len(), boxes, ice_packs))
}

pub fn main() {
    let ing = |sku, g, zone, allergen| Ingredient { sku, grams_per_serving: g, zone, allergen };
    let cat = Catalogue {
        recipes: HashMap::from([
            ("salmon-teriyaki", vec![ing("salmon", 150, Zone::Chilled, Some("fish")), ing("rice", 80, Zone::Ambient, None), ing("soy", 15, Zone::Ambient, Some("soy"))]),
            ("peanut-noodles", vec![ing("noodles", 90, Zone::Ambient, Some("gluten")), ing("peanut-sauce", 40, Zone::Ambient, Some("peanut")), ing("tofu", 120, Zone::Chilled, Some("soy"))]),
        ]),
        swaps: HashMap::from([("soy", "coconut-aminos"), ("noodles", "rice-noodles"), ("salmon", "chicken")]),
    };
    let stock = |items: &[(&str, u32)]| RefCell::new(items.iter().map(|(k, v)| (k.to_string(), *v)).collect::<HashMap<_, _>>());
    let dc = Rc::new(MainDc { stock: stock(&[("salmon", 2000), ("chicken", 3000), ("rice", 5000), ("soy", 500), ("coconut-aminos", 300), ("rice-noodles", 900), ("noodles", 100), ("tofu", 1000), ("peanut-sauce", 800)]) });
    let hub = Hub { stock: stock(&[("rice", 400), ("tofu", 480)]), fallback: Rc::clone(&dc) };

    let orders = vec![
        Order { id: 501, recipes: vec!["salmon-teriyaki", "peanut-noodles"], servings: 2, avoid: vec![], transit_days: 1 },
        Order { id: 502, recipes: vec!["peanut-noodles"], servings: 4, avoid: vec!["gluten", "peanut"], transit_days: 2 },
        Order { id: 503, recipes: vec!["salmon-teriyaki"], servings: 4, avoid: vec!["fish", "soy"], transit_days: 0 },
        Order { id: 504, recipes: vec!["lasagne"], servings: 2, avoid: vec![], transit_days: 1 },
        Order { id: 505, recipes: vec!["peanut-noodles"], servings: 6, avoid: vec![], transit_days: 1 },
    ];
    for o in &orders {
        let result = if o.transit_days <= 1 { block_on(fulfil(&cat, &hub, o)) } else { block_on(fulfil(&cat, dc.as_ref(), o)) };
        match result {
            Ok(line) => println!("{line}"),
            Err(PackError::OutOfStock { sku, short_g }) if short_g < 500 => println!("order {}: partial, short {short_g}g of {sku}", o.id),
            Err(e) => println!("order {}: {e:?}", o.id),
        }
    }
    let restock = async |sku: &str, grams: u32| -> u32 {
        yield_now().await;
        let mut s = dc.stock.borrow_mut();
        let level = s.entry(sku.to_string()).or_insert(0);
        *level += grams;
        *level
    };
    println!("noodles now {}g", block_on(restock("noodles", 2000)));
    let left = block_on(async {
        yield_now().await;
        let mut v: Vec<(String, u32)> = hub.stock.borrow().iter().map(|(k, v)| (k.clone(), *v)).collect();
        v.sort();
        v
    });
    println!("hub stock {left:?}");
}
