//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Models a dental practice's recall system that finds patients due for hygiene visits and contacts them by preferred channel.

use std::collections::{HashMap, VecDeque};
use std::fmt::Write as _;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::cell::RefCell;
use std::task::{Context, Poll, Waker};
use std::time::Instant;

struct Yield {
    ticks: u8,
}

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.ticks == 0 {
            Poll::Ready(())
        } else {
            self.ticks -= 1;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

fn pause() -> Yield {
    Yield { ticks: 1 }
}

async fn gateway_delay(level: u8) {
    Yield { ticks: level }.await;
    pause().await;
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

#[derive(Debug, Clone, Copy, PartialEq)]
enum Channel {
    Sms,
    Email,
    Postcard,
}

#[derive(Debug, Clone)]
struct Patient {
    chart: u32,
    name: String,
    age: u8,
    last_cleaning_day: u32,
    perio: bool,
    phone: Option<String>,
    email: Option<String>,
    prefers: Channel,
}

#[derive(Debug)]
enum RecallError {
    NoContact(u32),
    Bounced { chart: u32, channel: Channel },
    OptedOut(u32),
}

trait Notifier {
    const CHANNEL: Channel;
    async fn deliver(&mut self, to: &str, body: &str) -> Result<(), RecallError>;
    async fn send(&mut self, p: &Patient, body: &str) -> Result<Channel, RecallError> {
        let addr = match Self::CHANNEL {
            Channel::Sms => p.phone.as_deref(),
            Channel::Email => p.email.as_deref(),
            Channel::Postcard => Some("mailing address on file"),
        };
        let Some(addr) = addr else { return Err(RecallError::NoContact(p.chart)) };
        self.deliver(addr, body).await?;
        Ok(Self::CHANNEL)
    }
}

struct SmsGateway {
    sent: u32,
    opted_out: Vec<String>,
}

struct SmtpRelay {
    outbox: Vec<(String, String)>,
}

struct PostcardPrinter {
    batch: RefCell<Vec<String>>,
}

impl Notifier for SmsGateway {
    const CHANNEL: Channel = Channel::Sms;
    async fn deliver(&mut self, to: &str, body: &str) -> Result<(), RecallError> {
        gateway_delay(2).await;
        if self.opted_out.iter().any(|n| n == to) {
            return Err(RecallError::OptedOut(0));
        }
        self.sent += (body.len() as u32).div_ceil(160);
        Ok(())
    }
}

impl Notifier for SmtpRelay {
    const CHANNEL: Channel = Channel::Email;
    async fn deliver(&mut self, to: &str, body: &str) -> Result<(), RecallError> {
        pause().await;
        if !to.contains('@') {
            return Err(RecallError::Bounced { chart: 0, channel: Channel::Email });
        }
        self.outbox.push((to.to_string(), body.to_string()));
        Ok(())
    }
}

impl Notifier for PostcardPrinter {
    const CHANNEL: Channel = Channel::Postcard;
    async fn deliver(&mut self, _to: &str, body: &str) -> Result<(), RecallError> {
        self.batch.borrow_mut().push(body.lines().next().unwrap_or_default().to_string());
        pause().await;
        Ok(())
    }
}

fn interval_days(p: &Patient) -> u32 {
    match (p.age, p.perio) {
        (_, true) => 91,
        (a, _) if a < 18 => 182,
        (a, false) if a >= 65 => 120,
        _ => 182,
    }
}

fn find_due(patients: &[Patient], today: u32, window: u32) -> Vec<(Patient, u32)> {
    let mut due = Vec::new();
    for chunk in patients.chunks(2) {
        for p in chunk {
            let next = p.last_cleaning_day + interval_days(p);
            if next <= today + window {
                due.push((p.clone(), next.saturating_sub(today)));
            }
        }
    }
    due.sort_by_key(|(_, days)| *days);
    due
}

async fn contact<N: Notifier>(notifier: &mut N, p: &Patient, days_left: u32, office: &str) -> Result<Channel, RecallError> {
    let mut body = String::new();
    let first = p.name.split_whitespace().next().unwrap_or(&p.name);
    write!(body, "Hi {first}, it's time for your cleaning at {office}").unwrap();
    pause().await;
    if days_left == 0 {
        body.push_str(" - you're overdue!");
    } else {
        write!(body, " in the next {days_left} days.").unwrap();
    }
    notifier.send(p, &body).await.map_err(|e| match e {
        RecallError::OptedOut(_) => RecallError::OptedOut(p.chart),
        RecallError::Bounced { channel, .. } => RecallError::Bounced { chart: p.chart, channel },
        other => other,
    })
}

pub fn main() {
    let mk = |chart: u32, name: &str, age: u8, last: u32, perio: bool, phone: Option<&str>, email: Option<&str>, prefers: Channel| Patient {
        chart,
        name: name.to_string(),
        age,
        last_cleaning_day: last,
        perio,
        phone: phone.map(str::to_string),
        email: email.map(str::to_string),
        prefers,
    };
    let patients = vec![
        mk(1001, "Grace Hopper", 71, 200, false, Some("555-0101"), None, Channel::Sms),
        mk(1002, "Alan Kay", 45, 150, true, None, Some("alan@example.org"), Channel::Email),
        mk(1003, "Tim Berners", 12, 110, false, None, None, Channel::Postcard),
        mk(1004, "Ada Byron", 36, 300, false, Some("555-0199"), Some("ada-at-nowhere"), Channel::Email),
        mk(1005, "Ken Thompson", 29, 90, false, Some("555-0123"), None, Channel::Sms),
        mk(1006, "Barbara Liskov", 54, 260, true, None, None, Channel::Sms),
    ];

    let mut sms = SmsGateway { sent: 0, opted_out: vec!["555-0123".into()] };
    let mut smtp = SmtpRelay { outbox: Vec::new() };
    let mut printer = PostcardPrinter { batch: RefCell::new(Vec::new()) };
    let failures: Rc<RefCell<VecDeque<RecallError>>> = Rc::new(RefCell::new(VecDeque::new()));
    let started = Instant::now();

    let record_failure = {
        let failures = Rc::clone(&failures);
        async move |e: RecallError| {
            pause().await;
            failures.borrow_mut().push_back(e);
        }
    };

    let delivered = block_on(async {
        let due = find_due(&patients, 330, 30);
        gateway_delay(1).await;
        let mut delivered = HashMap::new();
        for (p, days_left) in due {
            let result = match p.prefers {
                Channel::Sms => contact(&mut sms, &p, days_left, "Maple Dental").await,
                Channel::Email => contact(&mut smtp, &p, days_left, "Maple Dental").await,
                Channel::Postcard => contact(&mut printer, &p, days_left, "Maple Dental").await,
            };
            // fall back to a postcard whenever the preferred channel fails for a reason other than opt-out
            let result = match result {
                Err(RecallError::OptedOut(chart)) => Err(RecallError::OptedOut(chart)),
                Err(e) => {
                    record_failure(e).await;
                    contact(&mut printer, &p, days_left, "Maple Dental").await
                }
                ok => ok,
            };
            match result {
                Ok(ch) => {
                    delivered.insert(p.chart, ch);
                }
                Err(e) => record_failure(e).await,
            }
        }
        delivered
    });

    let mut charts: Vec<_> = delivered.iter().collect();
    charts.sort_by_key(|(chart, _)| **chart);
    println!("delivered: {charts:?}");
    println!("sms segments {}, emails {}, postcards {:?}", sms.sent, smtp.outbox.len(), printer.batch.borrow());
    for f in failures.borrow().iter() {
        println!("failure: {f:?}");
    }
    println!("run took {:?} (wall clock)", started.elapsed().as_secs());
}
