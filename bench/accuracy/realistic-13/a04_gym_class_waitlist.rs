//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Fitness studio class booking: caps each class, keeps an ordered waitlist, promotes
//! members when someone cancels and charges a fee for late cancellations.

use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
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

#[derive(Debug)]
enum StudioError {
    NoSuchClass(String),
    AlreadyIn(String),
    NotBooked { member: String, class: String },
}

#[derive(Debug)]
enum Booking { Confirmed(usize), Waitlisted(usize) }

struct Session { capacity: usize, booked: Vec<String>, waitlist: VecDeque<String>, fees: HashMap<String, u32> }

struct Studio { sessions: Mutex<HashMap<String, Session>> }

trait Notifier {
    fn channel(&self) -> &'static str;
    async fn send(&self, to: &str, body: &str) -> bool;

    async fn send_many(&self, msgs: &[(String, String)]) -> usize {
        let mut delivered = 0;
        for (to, body) in msgs {
            if self.send(to, body).await { delivered += 1; }
        }
        delivered
    }
}

struct Sms { sent: RefCell<Vec<String>> }
struct Push { tokens: HashMap<String, String>, delivered: Mutex<usize> }

impl Notifier for Sms {
    fn channel(&self) -> &'static str { "sms" }
    async fn send(&self, to: &str, body: &str) -> bool {
        yield_now().await;
        self.sent.borrow_mut().push(format!("{to}: {}", &body[..body.len().min(40)]));
        true
    }
}

impl Notifier for Push {
    fn channel(&self) -> &'static str { "push" }
    async fn send(&self, to: &str, body: &str) -> bool {
        let Some(token) = self.tokens.get(to) else { return false };
        yield_now().await;
        *self.delivered.lock().unwrap() += 1;
        !token.is_empty()
    }
}

impl Studio {
    async fn book(&self, class: &str, member: &str) -> Result<Booking, StudioError> {
        yield_now().await;
        let mut sessions = self.sessions.lock().unwrap();
        let s = sessions.get_mut(class).ok_or_else(|| StudioError::NoSuchClass(class.into()))?;
        if s.booked.iter().chain(&s.waitlist).any(|m| m == member) {
            return Err(StudioError::AlreadyIn(member.into()));
        }
        if s.booked.len() < s.capacity {
            s.booked.push(member.into());
            Ok(Booking::Confirmed(s.capacity - s.booked.len()))
        } else {
            s.waitlist.push_back(member.into());
            Ok(Booking::Waitlisted(s.waitlist.len()))
        }
    }

    async fn cancel(&self, class: &str, member: &str, hours_before: u32) -> Result<Option<String>, StudioError> {
        let promoted = {
            let mut sessions = self.sessions.lock().unwrap();
            let s = sessions.get_mut(class).ok_or_else(|| StudioError::NoSuchClass(class.into()))?;
            let Some(pos) = s.booked.iter().position(|m| m == member) else {
                return Err(StudioError::NotBooked { member: member.into(), class: class.into() });
            };
            s.booked.remove(pos);
            if hours_before < 12 && let Some(fee) = Some(if hours_before < 2 { 15 } else { 8 }) {
                *s.fees.entry(member.to_string()).or_default() += fee;
            }
            let next = s.waitlist.pop_front();
            if let Some(m) = &next { s.booked.push(m.clone()); }
            next
        };
        yield_now().await;
        Ok(promoted)
    }
}

async fn cancel_and_notify<N>(studio: &Studio, notifier: &N, class: &str, member: &str, hours: u32) -> Result<usize, StudioError>
where
    N: Notifier,
{
    let mut msgs = vec![(member.to_string(), format!("Cancelled {class} ({})", notifier.channel()))];
    if let Some(promoted) = studio.cancel(class, member, hours).await? {
        notifier.send(&promoted, &format!("A spot opened in {class} - you're in!")).await;
        msgs.push((promoted, format!("See you at {class}")));
    }
    Ok(notifier.send_many(&msgs).await)
}

async fn audit(classes: usize, label: &str) -> String {
    yield_now().await;
    format!("{label}: {classes} classes on the schedule")
}

pub fn main() {
    let mut sessions = HashMap::new();
    for (code, cap) in [("spin-0700", 2), ("yoga-1800", 3)] {
        sessions.insert(code.to_string(), Session { capacity: cap, booked: vec![], waitlist: VecDeque::new(), fees: HashMap::new() });
    }
    let studio = Studio { sessions: Mutex::new(sessions) };

    let book_all = async |class: &str, members: &[&str]| -> Vec<String> {
        let mut out = Vec::new();
        for m in members {
            out.push(match studio.book(class, m).await {
                Ok(Booking::Confirmed(left)) => format!("{m} confirmed ({left} left)"),
                Ok(Booking::Waitlisted(pos)) if pos > 1 => format!("{m} waitlisted at #{pos}"),
                Ok(Booking::Waitlisted(_)) => format!("{m} is next in line"),
                Err(e) => format!("{m}: {e:?}"),
            });
        }
        out
    };
    println!("{:#?}", block_on(book_all("spin-0700", &["ana", "bo", "cy", "dee", "ana"])));
    println!("{:?}", block_on(book_all("pilates", &["eve"])));

    let sms = Sms { sent: RefCell::new(Vec::new()) };
    let push = Push { tokens: HashMap::from([("cy".to_string(), "tok-cy".to_string()), ("bo".to_string(), "tok-bo".to_string())]), delivered: Mutex::new(0) };
    println!("{:?}", block_on(cancel_and_notify(&studio, &sms, "spin-0700", "ana", 1)));
    println!("{:?}", block_on(cancel_and_notify(&studio, &push, "spin-0700", "bo", 30)));
    println!("{:?}", block_on(cancel_and_notify(&studio, &push, "spin-0700", "zed", 30)));
    println!("{}", block_on(audit(studio.sessions.lock().unwrap().len(), "front desk")));

    let fees = block_on(async {
        yield_now().await;
        let sessions = studio.sessions.lock().unwrap();
        sessions.values().flat_map(|s| s.fees.iter()).map(|(m, f)| format!("{m} owes {f}")).collect::<Vec<_>>()
    });
    println!("{fees:?} | sms log {:?} | push delivered {}", sms.sent.borrow(), push.delivered.lock().unwrap());
}
