//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Notification fan-out: user preferences, quiet hours, per-channel senders over mpsc-like queues.

use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::pin::{Pin, pin};
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

mod rt {
    use std::cell::RefCell;
    use std::collections::VecDeque;
    use std::future::Future;
    use std::pin::Pin;
    use std::rc::Rc;
    use std::task::{Context, Poll};

    pub struct Yield(bool);
    impl Future for Yield {
        type Output = ();
        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            if self.0 { Poll::Ready(()) } else { self.0 = true; cx.waker().wake_by_ref(); Poll::Pending }
        }
    }
    pub fn yield_now() -> Yield { Yield(false) }

    /// Bounded single-threaded channel with async send/recv.
    pub struct Chan<T> { buf: RefCell<VecDeque<T>>, cap: usize, closed: RefCell<bool> }
    pub fn channel<T>(cap: usize) -> (Sender<T>, Receiver<T>) {
        let c = Rc::new(Chan { buf: RefCell::new(VecDeque::new()), cap, closed: RefCell::new(false) });
        (Sender(Rc::clone(&c)), Receiver(c))
    }
    pub struct Sender<T>(Rc<Chan<T>>);
    pub struct Receiver<T>(Rc<Chan<T>>);
    impl<T> Sender<T> {
        pub async fn send(&self, v: T) -> Result<(), T> {
            if *self.0.closed.borrow() { return Err(v); }
            if self.0.buf.borrow().len() >= self.0.cap { yield_now().await; }
            self.0.buf.borrow_mut().push_back(v);
            Ok(())
        }
        pub fn close(&self) { *self.0.closed.borrow_mut() = true; }
    }
    impl<T> Receiver<T> {
        pub async fn recv(&self) -> Option<T> {
            yield_now().await;
            self.0.buf.borrow_mut().pop_front()
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum ChannelKind { Push, Email, Sms }

#[derive(Debug, Clone)]
struct Prefs { channels: Vec<ChannelKind>, quiet: Option<(u8, u8)>, tz_offset: i8, locale: &'static str }

#[derive(Debug, Clone)]
struct Notification { user: u64, kind: &'static str, urgent: bool, vars: Vec<(&'static str, String)> }

#[derive(Debug)]
struct Outbound { user: u64, channel: ChannelKind, text: String }

fn in_quiet_hours(p: &Prefs, utc_hour: u8) -> bool {
    let local = ((utc_hour as i16 + p.tz_offset as i16).rem_euclid(24)) as u8;
    match p.quiet {
        Some((start, end)) if start > end => local >= start || local < end,
        Some((start, end)) => local >= start && local < end,
        None => false,
    }
}

fn render(n: &Notification, locale: &str) -> String {
    let template = match (n.kind, locale) {
        ("payout", "de") => "Auszahlung von {amount} unterwegs",
        ("payout", _) => "Payout of {amount} is on its way",
        ("login", _) => "New login from {city}",
        _ => "You have a new notification",
    };
    n.vars.iter().fold(template.to_string(), |acc, (k, v)| acc.replace(&format!("{{{k}}}"), v))
}

async fn route(n: Notification, prefs: &HashMap<u64, Prefs>, utc_hour: u8, outs: &HashMap<ChannelKind, rt::Sender<Outbound>>) -> usize {
    let Some(p) = prefs.get(&n.user) else { return 0 };
    let text = render(&n, p.locale);
    let mut sent = 0;
    for &ch in &p.channels {
        if in_quiet_hours(p, utc_hour) && !n.urgent && ch != ChannelKind::Email { continue; }
        if ch == ChannelKind::Sms && !n.urgent { continue; }
        if let Some(tx) = outs.get(&ch) && tx.send(Outbound { user: n.user, channel: ch, text: text.clone() }).await.is_ok() {
            sent += 1;
        }
    }
    sent
}

async fn drain(rx: &rt::Receiver<Outbound>, log: Rc<RefCell<Vec<String>>>, max_len: usize) -> usize {
    let mut n = 0;
    while let Some(msg) = rx.recv().await {
        let mut text = msg.text;
        if text.len() > max_len {
            text.truncate(max_len - 1);
            text.push('…');
        }
        log.borrow_mut().push(format!("{:?}->{}: {}", msg.channel, msg.user, text));
        n += 1;
    }
    n
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) { return v; }
    }
}

fn main() {
    let prefs = HashMap::from([
        (1, Prefs { channels: vec![ChannelKind::Push, ChannelKind::Email], quiet: Some((22, 7)), tz_offset: 1, locale: "de" }),
        (2, Prefs { channels: vec![ChannelKind::Push, ChannelKind::Sms], quiet: None, tz_offset: -5, locale: "en" }),
        (3, Prefs { channels: vec![ChannelKind::Email], quiet: Some((0, 6)), tz_offset: 0, locale: "en" }),
    ]);
    let mut outs = HashMap::new();
    let mut rxs = Vec::new();
    for (kind, cap) in [(ChannelKind::Push, 4), (ChannelKind::Email, 8), (ChannelKind::Sms, 2)] {
        let (tx, rx) = rt::channel(cap);
        outs.insert(kind, tx);
        rxs.push((kind, rx));
    }
    let batch = vec![
        Notification { user: 1, kind: "payout", urgent: false, vars: vec![("amount", "€120.00".into())] },
        Notification { user: 2, kind: "login", urgent: true, vars: vec![("city", "Lisbon".into())] },
        Notification { user: 3, kind: "payout", urgent: false, vars: vec![("amount", "$9.10".into())] },
        Notification { user: 9, kind: "login", urgent: true, vars: vec![] },
        Notification { user: 2, kind: "digest", urgent: false, vars: vec![] },
    ];
    let log = Rc::new(RefCell::new(Vec::new()));
    let utc_hour = 23;
    let (routed, delivered) = block_on(async {
        let mut routed = 0;
        for n in batch { routed += route(n, &prefs, utc_hour, &outs).await; }
        for tx in outs.values() { tx.close(); }
        let mut delivered = 0;
        for (kind, rx) in &rxs {
            let max = if *kind == ChannelKind::Sms { 20 } else { 160 };
            delivered += drain(rx, Rc::clone(&log), max).await;
        }
        (routed, delivered)
    });
    println!("routed={routed} delivered={delivered}");
    for l in log.borrow().iter() { println!("  {l}"); }
}
