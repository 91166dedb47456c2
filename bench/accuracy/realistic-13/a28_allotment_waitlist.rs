//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Allotment society secretary: scores plot inspections, issues cultivation notices,
//! re-lets surrendered plots from a priority waitlist and bills rent with concessions.

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

#[derive(Debug, Clone)]
struct Applicant { name: String, postcode: String, applied_day: u32, concession: bool, email: Option<String> }

struct Plot { number: String, rods: u32, tenant: Option<Applicant>, warnings: u8 }

struct Letter { to: String, subject: String, body: String }

trait Mailer {
    fn kind(&self) -> &'static str;
    async fn send(&self, letter: &Letter) -> Result<u32, String>;

    async fn send_batch(&self, letters: Vec<Letter>) -> (u32, Vec<String>) {
        let (mut cost, mut failed) = (0, Vec::new());
        for letter in letters {
            match self.send(&letter).await {
                Ok(c) => cost += c,
                Err(e) => failed.push(format!("{}: {e}", letter.to)),
            }
        }
        (cost, failed)
    }
}

struct EmailMailer { outbox: RefCell<Vec<String>> }
struct PostalMailer { stamp_pence: u32, sent: RefCell<u32> }

impl Mailer for EmailMailer {
    fn kind(&self) -> &'static str { "email" }
    async fn send(&self, letter: &Letter) -> Result<u32, String> {
        yield_now().await;
        if !letter.to.contains('@') { return Err("no email address".into()); }
        self.outbox.borrow_mut().push(format!("{} <- {}", letter.to, letter.subject));
        Ok(0)
    }
}

impl Mailer for PostalMailer {
    fn kind(&self) -> &'static str { "post" }
    async fn send(&self, letter: &Letter) -> Result<u32, String> {
        yield_now().await;
        *self.sent.borrow_mut() += 1;
        Ok(self.stamp_pence * (1 + letter.body.len() as u32 / 400))
    }
}

struct Society { plots: RefCell<Vec<Plot>>, waitlist: RefCell<VecDeque<Applicant>>, local_prefix: String, rent_per_rod: u32 }

impl Society {
    async fn inspect(&self, scores: &HashMap<&str, u8>) -> Vec<Letter> {
        let mut letters = Vec::new();
        let count = self.plots.borrow().len();
        for i in 0..count {
            yield_now().await;
            let mut plots = self.plots.borrow_mut();
            let plot = &mut plots[i];
            let Some(tenant) = plot.tenant.as_ref() else { continue };
            let score = scores.get(plot.number.as_str()).copied().unwrap_or(5);
            let to = tenant.email.clone().unwrap_or_else(|| tenant.name.clone());
            let subject = match (score, plot.warnings) {
                (s, w) if s < 3 && w >= 1 => { plot.tenant = None; plot.warnings = 0; format!("Plot {} tenancy terminated", plot.number) }
                (s, _) if s < 3 => { plot.warnings += 1; format!("Plot {}: 28-day cultivation notice", plot.number) }
                (s, _) if s >= 9 => format!("Plot {}: best-kept plot commendation", plot.number),
                _ => continue,
            };
            letters.push(Letter { to, subject, body: "Please see the society rules, section 7.".repeat(if score < 3 { 12 } else { 1 }) });
        }
        letters
    }

    fn next_in_line(&self) -> Option<Applicant> {
        let mut wl = self.waitlist.borrow_mut();
        let local = wl.iter().position(|a| a.postcode.starts_with(&self.local_prefix));
        match local {
            Some(i) => wl.remove(i),
            None => wl.pop_front(),
        }
    }

    async fn relet(&self) -> Vec<Letter> {
        let vacant: Vec<usize> = self.plots.borrow().iter().enumerate().filter(|(_, p)| p.tenant.is_none()).map(|(i, _)| i).collect();
        let mut offers = Vec::new();
        for i in vacant {
            let Some(applicant) = self.next_in_line() else { break };
            yield_now().await;
            let Applicant { name, email, .. } = applicant.clone();
            let number = self.plots.borrow()[i].number.clone();
            self.plots.borrow_mut()[i].tenant = Some(applicant);
            offers.push(Letter { to: email.unwrap_or(name), subject: format!("Offer of plot {number}"), body: String::from("Welcome!") });
        }
        offers
    }
}

async fn notify<M>(mailer: &M, letters: Vec<Letter>) -> String
where
    M: Mailer,
{
    let n = letters.len();
    let (cost, failed) = mailer.send_batch(letters).await;
    format!("{}: {n} letters, {cost}p postage, failed {:?}", mailer.kind(), failed)
}

pub fn main() {
    let person = |name: &str, postcode: &str, day, concession, email: Option<&str>| Applicant { name: name.into(), postcode: postcode.into(), applied_day: day, concession, email: email.map(String::from) };
    let plot = |number: &str, rods, tenant| Plot { number: number.into(), rods, tenant, warnings: 0 };
    let society = Society {
        plots: RefCell::new(vec![
            plot("1A", 10, Some(person("Hughes", "BS3 1AA", 10, false, Some("hughes@example.org")))),
            plot("1B", 5, Some(person("Patel", "BS3 4QT", 40, true, None))),
            plot("2A", 10, Some(person("Okafor", "BS4 2LP", 55, false, Some("okafor@example.org")))),
            plot("2B", 5, None),
        ]),
        waitlist: RefCell::new(VecDeque::from(vec![person("Ng", "BS9 9ZZ", 100, false, Some("ng@example.org")), person("Quinn", "BS3 2XY", 140, true, None), person("Rossi", "BS3 5AB", 160, false, Some("rossi@example.org"))])),
        local_prefix: "BS3".into(),
        rent_per_rod: 450,
    };
    let email = EmailMailer { outbox: RefCell::new(Vec::new()) };
    let post = PostalMailer { stamp_pence: 85, sent: RefCell::new(0) };

    for (round, scores) in [HashMap::from([("1A", 9), ("1B", 2), ("2A", 4)]), HashMap::from([("1B", 1), ("2A", 2)])].iter().enumerate() {
        let letters = block_on(society.inspect(scores));
        let (digital, paper): (Vec<Letter>, Vec<Letter>) = letters.into_iter().partition(|l| l.to.contains('@'));
        println!("round {}: {} | {}", round + 1, block_on(notify(&email, digital)), block_on(notify(&post, paper)));
        let offers = block_on(society.relet());
        println!("  offers: {:?}", offers.iter().map(|l| l.subject.as_str()).collect::<Vec<_>>());
        block_on(notify(&email, offers));
    }

    let rent_roll = async |rate: u32| -> BTreeMap<String, u32> {
        yield_now().await;
        society.plots.borrow().iter().filter_map(|p| {
            let t = p.tenant.as_ref()?;
            Some((format!("{} ({})", p.number, t.name), p.rods * rate / if t.concession { 2 } else { 1 }))
        }).collect()
    };
    println!("rent: {:?}", block_on(rent_roll(society.rent_per_rod)));
    let waiting = Rc::new(block_on(async { yield_now().await; society.waitlist.borrow().iter().map(|a| a.name.clone()).collect::<Vec<_>>() }));
    println!("still waiting: {waiting:?}; outbox {:?}; posted {}", email.outbox.borrow(), post.sent.borrow());
}
