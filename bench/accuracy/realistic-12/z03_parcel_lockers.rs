//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Parcel locker network: puts parcels in the smallest free compartment, falls back to
//! neighbouring banks, texts pickup codes and sweeps out parcels left too long.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

struct Yield(bool);
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if std::mem::replace(&mut self.0, true) { return Poll::Ready(()); }
        cx.waker().wake_by_ref(); Poll::Pending
    }
}
async fn yield_now() { Yield(false).await }

fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = Box::pin(f);
    let mut cx = Context::from_waker(Waker::noop());
    let mut spins = 0u64;
    loop {
        match f.as_mut().poll(&mut cx) { Poll::Ready(v) => return v, Poll::Pending => spins += 1 }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Size { S, M, L }

impl Size {
    fn fits(dims_cm: [u32; 3]) -> Option<Size> {
        let mut d = dims_cm; d.sort_unstable();
        match d {
            [a, b, c] if a <= 8 && b <= 35 && c <= 45 => Some(Size::S),
            [a, b, c] if a <= 19 && b <= 35 && c <= 45 => Some(Size::M),
            [a, b, c] if a <= 39 && b <= 40 && c <= 60 => Some(Size::L),
            _ => None,
        }
    }
}

const COMPARTMENTS: [Size; 8] = [Size::S, Size::S, Size::S, Size::M, Size::M, Size::M, Size::L, Size::L];

#[derive(Debug, Clone)]
struct Parcel { tracking: String, dims_cm: [u32; 3], recipient_phone: String, arrived_day: u32 }

#[derive(Debug)]
enum LockerError { Oversize(String), NoCapacity { bank: String, size: Size }, BadCode }
struct Bank { name: String, slots: [Option<(Parcel, u32)>; 8], neighbour: Option<Rc<RefCell<Bank>>> }

impl Bank {
    fn new(name: &str, neighbour: Option<Rc<RefCell<Bank>>>) -> Rc<RefCell<Bank>> {
        Rc::new(RefCell::new(Bank { name: name.into(), slots: Default::default(), neighbour }))
    }
    fn free_slot(&self, want: Size) -> Option<usize> {
        COMPARTMENTS.iter().enumerate()
            .filter(|&(i, &sz)| sz >= want && self.slots[i].is_none())
            .min_by_key(|&(_, &sz)| sz)
            .map(|(i, _)| i)
    }
}

fn normalize_tracking(raw: &str) -> Cow<'_, str> {
    if !raw.chars().any(|c| c.is_ascii_lowercase() || c.is_whitespace()) { return Cow::Borrowed(raw); }
    Cow::Owned(raw.chars().filter(|c| !c.is_whitespace()).map(|c| c.to_ascii_uppercase()).collect())
}

fn pickup_code(tracking: &str, day: u32) -> u32 {
    let h = tracking.bytes().fold(2166136261u32, |h, b| (h ^ b as u32).wrapping_mul(16777619));
    (h ^ day.wrapping_mul(2654435761)) % 1_000_000
}

type Placed = Result<(String, usize, u32), LockerError>;

fn place(bank: Rc<RefCell<Bank>>, parcel: Parcel, hops: u8) -> Pin<Box<dyn Future<Output = Placed>>> {
    Box::pin(async move {
        let size = Size::fits(parcel.dims_cm).ok_or_else(|| LockerError::Oversize(parcel.tracking.clone()))?;
        yield_now().await;
        let next = {
            let mut b = bank.borrow_mut();
            if let Some(i) = b.free_slot(size) {
                let code = pickup_code(&parcel.tracking, parcel.arrived_day);
                b.slots[i] = Some((parcel, code));
                return Ok((b.name.clone(), i, code));
            }
            match (&b.neighbour, hops) {
                (Some(n), h) if h > 0 => Rc::clone(n),
                _ => return Err(LockerError::NoCapacity { bank: b.name.clone(), size }),
            }
        };
        place(next, parcel, hops - 1).await
    })
}

trait Notifier {
    async fn send(&self, to: &str, body: &str) -> bool;
    async fn notify_pickup(&self, p: &Parcel, bank: &str, code: u32) -> bool {
        let body = format!("Parcel {} is waiting at {bank}. Code {code:06}", p.tracking);
        self.send(&p.recipient_phone, &body).await
    }
}

struct Sms { outbox: RefCell<Vec<String>>, blocked_prefix: &'static str }
struct Push { devices: HashMap<String, u64>, sent: RefCell<u32> }
impl Notifier for Sms {
    async fn send(&self, to: &str, body: &str) -> bool {
        yield_now().await;
        if to.starts_with(self.blocked_prefix) { return false; }
        self.outbox.borrow_mut().push(format!("{to}: {body}"));
        true
    }
}

impl Notifier for Push {
    async fn send(&self, to: &str, body: &str) -> bool {
        let Some(dev) = self.devices.get(to) else { return false };
        yield_now().await;
        *self.sent.borrow_mut() += 1;
        body.len() < 200 && *dev != 0
    }
    async fn notify_pickup(&self, p: &Parcel, bank: &str, code: u32) -> bool {
        let short: String = p.tracking.chars().rev().take(4).collect();
        self.send(&p.recipient_phone, &format!("…{short} @ {bank}: {code:06}")).await
    }
}

async fn deliver_all<N>(entry: &Rc<RefCell<Bank>>, notifier: &N, parcels: Vec<Parcel>) -> Vec<Result<String, LockerError>>
where N: Notifier {
    let mut out = Vec::new();
    for mut p in parcels {
        p.tracking = normalize_tracking(&p.tracking).into_owned();
        let probe = p.clone();
        match place(Rc::clone(entry), p, 2).await {
            Ok((bank, slot, code)) => {
                let ok = notifier.notify_pickup(&probe, &bank, code).await;
                out.push(Ok(format!("{} -> {bank}#{slot} notified={ok}", probe.tracking)));
            }
            Err(e) => out.push(Err(e)),
        }
    }
    out
}

async fn sweep_expired(bank: &RefCell<Bank>, today: u32, max_days: u32) -> VecDeque<Parcel> {
    let mut b = bank.borrow_mut();
    let mut returns = VecDeque::new();
    for slot in b.slots.iter_mut() {
        if let Some((p, _)) = slot.as_ref() && today.saturating_sub(p.arrived_day) > max_days {
            yield_now().await;
            returns.extend(slot.take().map(|(p, _)| p));
        }
    }
    returns
}

async fn pickup(bank: &Rc<RefCell<Bank>>, code: u32) -> Result<Parcel, LockerError> {
    yield_now().await;
    let mut b = bank.borrow_mut();
    let idx = b.slots.iter().position(|s| matches!(s, Some((_, c)) if *c == code)).ok_or(LockerError::BadCode)?;
    Ok(b.slots[idx].take().map(|(p, _)| p).expect("slot occupied"))
}

fn main() {
    let far = Bank::new("Depot Road", None); let mid = Bank::new("Station", Some(Rc::clone(&far)));
    let entry = Bank::new("High St", Some(Rc::clone(&mid)));
    let mk = |i: u32, dims: [u32; 3], phone: &str| Parcel {
        tracking: format!("jd 00{i} 44x"), dims_cm: dims, recipient_phone: phone.into(), arrived_day: i % 5,
    };
    let batch_a: Vec<Parcel> = (0..12).map(|i| mk(i, [5 + i * 3, 30, 40], if i % 4 == 0 { "+99-1" } else { "+44-7" })).collect();
    let batch_b: Vec<Parcel> = (20..30).map(|i| mk(i, [6, 20, 30], "+44-8")).collect();

    let sms = Sms { outbox: RefCell::new(Vec::new()), blocked_prefix: "+99" };
    let push = Push { devices: HashMap::from([("+44-8".to_string(), 7u64)]), sent: RefCell::new(0) };
    for r in block_on(deliver_all(&entry, &sms, batch_a)) { println!("{r:?}"); }
    for r in block_on(deliver_all(&entry, &push, batch_b)).iter().filter(|r| r.is_err()) { println!("push batch: {r:?}"); }
    println!("sms sent {}, push sent {}", sms.outbox.borrow().len(), push.sent.borrow());

    let count_free = async |b: &Rc<RefCell<Bank>>| {
        yield_now().await;
        let b = b.borrow();
        (b.name.clone(), b.slots.iter().filter(|s| s.is_none()).count())
    };
    for b in [&entry, &mid, &far] { println!("{:?}", block_on(count_free(b))); }

    let code = entry.borrow().slots.iter().flatten().next().map(|(_, c)| *c).unwrap_or(0);
    println!("pickup ok: {:?}", block_on(pickup(&entry, code)).map(|p| p.tracking));
    println!("pickup bad: {:?}", block_on(pickup(&entry, 1_000_001)).err());
    let returned = block_on(async {
        let mut all = sweep_expired(&entry, 9, 5).await; all.extend(sweep_expired(&mid, 9, 5).await); all
    });
    println!("returned to sender: {}", returned.len());
}
