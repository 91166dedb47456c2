//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Bicycle workshop work orders: expands service packages into labour tasks, reserves
//! parts from shop stock, books mechanics by skill and notifies customers when ready.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

struct Yield(bool);

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            Poll::Ready(())
        } else {
            self.0 = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

async fn yield_now() {
    Yield(false).await
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = Box::pin(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

#[derive(Debug)]
enum ShopError {
    UnknownService(String),
    OutOfStock { part: String, need: u32, have: u32 },
    NoMechanic(&'static str),
    PackageLoop(String),
}

#[derive(Clone, Debug)]
enum Service {
    Labour { minutes: u32, skill: &'static str, parts: Vec<(&'static str, u32)> },
    Package(Vec<&'static str>),
}

struct Catalog(HashMap<&'static str, Service>);

fn expand<'a>(cat: &'a Catalog, name: &'a str, depth: u8, out: &'a mut Vec<(String, u32, &'static str, Vec<(&'static str, u32)>)>) -> Pin<Box<dyn Future<Output = Result<(), ShopError>> + 'a>> {
    Box::pin(async move {
        if depth > 4 {
            return Err(ShopError::PackageLoop(name.to_string()));
        }
        match cat.0.get(name).ok_or_else(|| ShopError::UnknownService(name.to_string()))? {
            Service::Labour { minutes, skill, parts } => out.push((name.to_string(), *minutes, *skill, parts.clone())),
            Service::Package(items) => {
                for item in items {
                    yield_now().await;
                    expand(cat, item, depth + 1, out).await?;
                }
            }
        }
        Ok(())
    })
}

trait Notifier {
    fn channel(&self) -> &'static str;
    async fn send(&self, to: &str, body: &str) -> bool;
    async fn ready(&self, to: &str, order: u32, total_cents: u32) -> bool {
        let body = format!("Order #{order} is ready for pickup. Total ${}.{:02}", total_cents / 100, total_cents % 100);
        self.send(to, &body).await
    }
}

struct Sms { outbox: Rc<RefCell<Vec<String>>> }
struct Email { outbox: Rc<RefCell<Vec<String>>>, domain_blocklist: Vec<&'static str> }

impl Notifier for Sms {
    fn channel(&self) -> &'static str { "sms" }
    async fn send(&self, to: &str, body: &str) -> bool {
        yield_now().await;
        let digits: String = to.chars().filter(char::is_ascii_digit).collect();
        if digits.len() < 10 {
            return false;
        }
        self.outbox.borrow_mut().push(format!("SMS {}: {}", &digits[digits.len() - 4..], &body[..body.len().min(60)]));
        true
    }
}

impl Notifier for Email {
    fn channel(&self) -> &'static str { "email" }
    async fn send(&self, to: &str, body: &str) -> bool {
        let Some((_, domain)) = to.split_once('@') else { return false };
        if self.domain_blocklist.contains(&domain) {
            return false;
        }
        yield_now().await;
        self.outbox.borrow_mut().push(format!("MAIL {to}: {body}"));
        true
    }
}

struct Shop {
    catalog: Catalog,
    stock: RefCell<HashMap<&'static str, u32>>,
    mechanics: RefCell<BTreeMap<&'static str, (Vec<&'static str>, u32)>>,
    prices: HashMap<&'static str, u32>,
    labour_rate_cents: u32,
}

impl Shop {
    async fn open_order<N: Notifier>(&self, order: u32, services: &[&str], contact: &str, notifier: &N) -> Result<(u32, Vec<String>), ShopError> {
        let mut tasks = Vec::new();
        for s in services {
            expand(&self.catalog, s, 0, &mut tasks).await?;
        }
        let mut need: HashMap<&'static str, u32> = HashMap::new();
        for (_, _, _, parts) in &tasks {
            for (p, q) in parts {
                *need.entry(p).or_insert(0) += q;
            }
        }
        {
            let stock = self.stock.borrow();
            if let Some((part, n)) = need.iter().find(|(p, n)| stock.get(*p).copied().unwrap_or(0) < **n) {
                return Err(ShopError::OutOfStock { part: part.to_string(), need: *n, have: stock.get(part).copied().unwrap_or(0) });
            }
        }
        let mut plan = Vec::new();
        let mut labour = 0;
        for (name, minutes, skill, _) in &tasks {
            let mut mechs = self.mechanics.borrow_mut();
            let (who, load) = mechs
                .iter_mut()
                .filter(|(_, (skills, _))| skills.contains(skill))
                .min_by_key(|(_, (_, load))| *load)
                .map(|(w, (_, load))| (*w, load))
                .ok_or(ShopError::NoMechanic(skill))?;
            *load += minutes;
            labour += minutes;
            plan.push(format!("{name}->{who}"));
        }
        let mut stock = self.stock.borrow_mut();
        let parts_cents: u32 = need.iter().map(|(p, n)| {
            *stock.get_mut(p).unwrap() -= n;
            self.prices.get(p).copied().unwrap_or(0) * n
        }).sum();
        drop(stock);
        let total = parts_cents + labour * self.labour_rate_cents / 60;
        let sent = notifier.ready(contact, order, total).await;
        plan.push(format!("notified via {}: {sent}", notifier.channel()));
        Ok((total, plan))
    }
}

pub fn main() {
    let cat = Catalog(HashMap::from([
        ("brake-bleed", Service::Labour { minutes: 40, skill: "hydraulic", parts: vec![("mineral-oil", 1)] }),
        ("chain-swap", Service::Labour { minutes: 15, skill: "drivetrain", parts: vec![("chain-11s", 1)] }),
        ("true-wheel", Service::Labour { minutes: 25, skill: "wheels", parts: vec![] }),
        ("tune-up", Service::Package(vec!["chain-swap", "true-wheel"])),
        ("full-service", Service::Package(vec!["tune-up", "brake-bleed", "true-wheel"])),
        ("loop-a", Service::Package(vec!["loop-b"])),
        ("loop-b", Service::Package(vec!["loop-a"])),
        ("suspension", Service::Labour { minutes: 90, skill: "suspension", parts: vec![] }),
    ]));
    let shop = Shop {
        catalog: cat,
        stock: RefCell::new(HashMap::from([("mineral-oil", 3), ("chain-11s", 1)])),
        mechanics: RefCell::new(BTreeMap::from([("Ines", (vec!["drivetrain", "wheels"], 0)), ("Tom", (vec!["hydraulic", "wheels"], 30))])),
        prices: HashMap::from([("mineral-oil", 900), ("chain-11s", 3_500)]),
        labour_rate_cents: 6_000,
    };
    let outbox = Rc::new(RefCell::new(Vec::new()));
    let sms = Sms { outbox: Rc::clone(&outbox) };
    let email = Email { outbox: Rc::clone(&outbox), domain_blocklist: vec!["mailinator.com"] };

    println!("{:?}", block_on(shop.open_order(501, &["full-service"], "+44 7700 900123", &sms)));
    println!("{:?}", block_on(shop.open_order(502, &["brake-bleed", "true-wheel"], "ana@example.org", &email)));
    println!("{:?}", block_on(shop.open_order(503, &["tune-up"], "x@mailinator.com", &email)));
    println!("{:?}", block_on(shop.open_order(504, &["loop-a"], "123", &sms)));
    println!("{:?}", block_on(shop.open_order(505, &["suspension"], "123", &sms)));
    println!("{:?}", block_on(shop.open_order(506, &["brake-bleed"], "555", &sms)));
    println!("loads: {:?}", shop.mechanics.borrow().iter().map(|(w, (_, l))| (*w, *l)).collect::<Vec<_>>());
    for m in outbox.borrow().iter() {
        println!("  {m}");
    }
}
