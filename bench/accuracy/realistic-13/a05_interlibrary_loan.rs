//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Interlibrary loan router: validates ISBN-13 requests, follows partner referral chains to
//! find a lending library, and ships items through pluggable courier services.

use std::cell::RefCell;
use std::collections::HashMap;
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

#[derive(Debug)]
enum IllError {
    BadIsbn(String),
    UnknownLibrary(String),
    NotHeld { isbn: String, tried: u32 },
    TooManyHops(u32),
    Undeliverable(String),
}

struct Partner { holdings: HashMap<String, u32>, refers_to: Option<String> }

struct Network { partners: RefCell<HashMap<String, Partner>>, ledger: Rc<RefCell<Vec<String>>> }

fn normalize_isbn(raw: &str) -> Result<String, IllError> {
    let digits: String = raw.chars().filter(|c| !matches!(c, '-' | ' ')).collect();
    if digits.len() != 13 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(IllError::BadIsbn(raw.to_string()));
    }
    let sum: u32 = digits.bytes().enumerate().map(|(i, b)| (b - b'0') as u32 * if i % 2 == 0 { 1 } else { 3 }).sum();
    if sum % 10 != 0 {
        return Err(IllError::BadIsbn(raw.to_string()));
    }
    Ok(digits)
}

fn route<'a>(net: &'a Network, lib: String, isbn: &'a str, hops: u32) -> Pin<Box<dyn Future<Output = Result<String, IllError>> + 'a>> {
    Box::pin(async move {
        if hops > 3 {
            return Err(IllError::TooManyHops(hops));
        }
        yield_now().await;
        let next = {
            let mut partners = net.partners.borrow_mut();
            let partner = partners.get_mut(&lib).ok_or_else(|| IllError::UnknownLibrary(lib.clone()))?;
            match partner.holdings.get_mut(isbn) {
                Some(copies) if *copies > 0 => {
                    *copies -= 1;
                    return Ok(lib);
                }
                _ => partner.refers_to.clone(),
            }
        };
        match next {
            Some(other) => route(net, other, isbn, hops + 1).await,
            None => Err(IllError::NotHeld { isbn: isbn.to_string(), tried: hops + 1 }),
        }
    })
}

trait Courier {
    fn name(&self) -> &str;
    async fn ship(&self, from: &str, to: &str, isbn: &str) -> Result<u32, IllError>;

    async fn ship_batch(&self, from: &str, to: &str, isbns: &[String]) -> Vec<Result<u32, IllError>> {
        let mut out = Vec::with_capacity(isbns.len());
        for isbn in isbns {
            out.push(self.ship(from, to, isbn).await);
        }
        out
    }
}

struct StateVan { stops: Vec<String>, days: u32 }
struct PostalMail { rate_cents: u32, spent: RefCell<u32> }

impl Courier for StateVan {
    fn name(&self) -> &str { "state van" }
    async fn ship(&self, from: &str, to: &str, isbn: &str) -> Result<u32, IllError> {
        yield_now().await;
        let served = |lib: &str| self.stops.iter().any(|s| s == lib);
        if served(from) && served(to) { Ok(self.days) } else { Err(IllError::Undeliverable(format!("{from}->{to}"))) }
    }
}

impl Courier for PostalMail {
    fn name(&self) -> &str { "postal" }
    async fn ship(&self, from: &str, to: &str, isbn: &str) -> Result<u32, IllError> {
        *self.spent.borrow_mut() += self.rate_cents;
        yield_now().await;
        Ok(if from.len() + to.len() > 20 { 6 } else { 4 })
    }
}

async fn fulfil<C>(net: &Network, courier: &C, home: &str, first_try: &str, raw_isbn: &str) -> Result<u32, IllError>
where
    C: Courier,
{
    let isbn = normalize_isbn(raw_isbn)?;
    let lender = route(net, first_try.to_string(), &isbn, 0).await?;
    let days = courier.ship(&lender, home, &isbn).await?;
    net.ledger.borrow_mut().push(format!("{isbn} {lender}->{home} via {} ({days}d)", courier.name()));
    Ok(days)
}

pub fn main() {
    let mut partners = HashMap::new();
    let held = |pairs: &[(&str, u32)]| pairs.iter().map(|(i, n)| (i.to_string(), *n)).collect::<HashMap<_, _>>();
    partners.insert("Ridge College".to_string(), Partner { holdings: held(&[("9780306406157", 1)]), refers_to: Some("Valley Public".into()) });
    partners.insert("Valley Public".to_string(), Partner { holdings: held(&[("9781861972712", 2)]), refers_to: Some("State Archive".into()) });
    partners.insert("State Archive".to_string(), Partner { holdings: held(&[("9780131103627", 1)]), refers_to: None });
    let ledger = Rc::new(RefCell::new(Vec::new()));
    let net = Network { partners: RefCell::new(partners), ledger: Rc::clone(&ledger) };

    let van = StateVan { stops: vec!["Ridge College".into(), "Valley Public".into(), "Town Branch".into()], days: 2 };
    let post = PostalMail { rate_cents: 450, spent: RefCell::new(0) };

    let requests = ["978-0-306-40615-7", "978-1-86197-271-2", "978-0-13-110362-7", "978-0-306-40615-7", "978-0-00-000000-1"];
    for (n, raw) in requests.iter().enumerate() {
        let result = if n % 2 == 0 {
            block_on(fulfil(&net, &van, "Town Branch", "Ridge College", raw))
        } else {
            block_on(fulfil(&net, &post, "Hill Branch Library", "Ridge College", raw))
        };
        match result {
            Ok(days) if days > 3 => println!("{raw}: slow delivery, {days} days"),
            Ok(days) => println!("{raw}: {days} days"),
            Err(IllError::NotHeld { tried, .. }) => println!("{raw}: not held after {tried} libraries"),
            Err(e) => println!("{raw}: {e:?}"),
        }
    }

    let batch = block_on(post.ship_batch("State Archive", "Town Branch", &["9780131103627".to_string(), "9781861972712".to_string()]));
    println!("batch: {batch:?}");
    let remaining = async |lib: &str| -> u32 {
        yield_now().await;
        net.partners.borrow().get(lib).map(|p| p.holdings.values().sum()).unwrap_or(0)
    };
    for lib in ["Ridge College", "Valley Public", "State Archive"] {
        println!("{lib}: {} copies on shelf", block_on(remaining(lib)));
    }
    let deep = block_on(async {
        net.partners.borrow_mut().get_mut("State Archive").unwrap().refers_to = Some("Ridge College".into());
        route(&net, "Ridge College".into(), "9999999999999", 0).await
    });
    println!("loop guard: {deep:?}; postage {}c", post.spent.borrow());
    ledger.borrow().iter().for_each(|l| println!("  {l}"));
}
