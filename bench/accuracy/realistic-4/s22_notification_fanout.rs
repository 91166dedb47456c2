#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Notification fan-out: renders templates, applies user preferences and quiet hours, delivers with timeouts.

use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

struct Delay(u32);

impl Future for Delay {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 == 0 {
            return Poll::Ready(());
        }
        self.0 -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

struct Timeout<F: Future> {
    inner: Pin<Box<F>>,
    budget: u32,
}

impl<F: Future> Future for Timeout<F> {
    type Output = Option<F::Output>;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        if let Poll::Ready(v) = self.inner.as_mut().poll(cx) {
            return Poll::Ready(Some(v));
        }
        if self.budget == 0 {
            return Poll::Ready(None);
        }
        self.budget -= 1;
        Poll::Pending
    }
}

fn timeout<F: Future>(budget: u32, fut: F) -> Timeout<F> {
    Timeout { inner: Box::pin(fut), budget }
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut cx = Context::from_waker(Waker::noop());
    let mut fut = std::pin::pin!(fut);
    loop {
        if let Poll::Ready(out) = fut.as_mut().poll(&mut cx) {
            return out;
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum ChannelKind {
    Email,
    Sms,
    Push,
}

#[derive(Debug)]
enum DeliveryError {
    InvalidAddress(String),
    ProviderDown(ChannelKind),
}

trait Channel {
    fn kind(&self) -> ChannelKind;
    fn send<'a>(&'a mut self, to: &'a str, subject: &'a str, body: &'a str) -> Pin<Box<dyn Future<Output = Result<String, DeliveryError>> + 'a>>;
}

struct SmtpChannel {
    sent: u32,
}

struct SmsGateway {
    latency: u32,
    max_len: usize,
}

struct PushService {
    down: bool,
}

impl Channel for SmtpChannel {
    fn kind(&self) -> ChannelKind {
        ChannelKind::Email
    }
    fn send<'a>(&'a mut self, to: &'a str, subject: &'a str, body: &'a str) -> Pin<Box<dyn Future<Output = Result<String, DeliveryError>> + 'a>> {
        Box::pin(async move {
            if !to.contains('@') {
                return Err(DeliveryError::InvalidAddress(to.to_string()));
            }
            Delay(2).await;
            self.sent += 1;
            Ok(format!("<{}@mail.local>", self.sent))
        })
    }
}

impl Channel for SmsGateway {
    fn kind(&self) -> ChannelKind {
        ChannelKind::Sms
    }
    fn send<'a>(&'a mut self, to: &'a str, subject: &'a str, body: &'a str) -> Pin<Box<dyn Future<Output = Result<String, DeliveryError>> + 'a>> {
        Box::pin(async move {
            let digits: String = to.chars().filter(|c| c.is_ascii_digit()).collect();
            if digits.len() < 8 {
                return Err(DeliveryError::InvalidAddress(to.to_string()));
            }
            let text: String = body.chars().take(self.max_len).collect();
            Delay(self.latency).await;
            Ok(format!("sms-{}-{}", &digits[digits.len() - 4..], text.len()))
        })
    }
}

impl Channel for PushService {
    fn kind(&self) -> ChannelKind {
        ChannelKind::Push
    }
    fn send<'a>(&'a mut self, to: &'a str, subject: &'a str, body: &'a str) -> Pin<Box<dyn Future<Output = Result<String, DeliveryError>> + 'a>> {
        let down = self.down;
        Box::pin(async move {
            Delay(1).await;
            if down { Err(DeliveryError::ProviderDown(ChannelKind::Push)) } else { Ok(format!("push:{}", subject.len())) }
        })
    }
}

fn render(template: &str, vars: &HashMap<&str, String>) -> String {
    let mut out = String::with_capacity(template.len());
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '{' {
            out.push(c);
            continue;
        }
        let name: String = chars.by_ref().take_while(|&c| c != '}').collect();
        match vars.get(name.as_str()) {
            Some(v) => out.push_str(v),
            None => out.push_str(&format!("{{{}}}", name)),
        }
    }
    out
}

struct User {
    name: &'static str,
    contacts: BTreeMap<ChannelKind, &'static str>,
    quiet_hours: Option<(u8, u8)>,
}

struct Notification {
    user: usize,
    subject: &'static str,
    template: &'static str,
    urgent: bool,
    hour: u8,
}

async fn fan_out(channels: &mut [Box<dyn Channel>], users: &[User], batch: Vec<Notification>) -> (Vec<String>, HashMap<&'static str, Vec<String>>) {
    let mut log = Vec::new();
    let mut deferred: HashMap<&'static str, Vec<String>> = HashMap::new();
    for n in batch {
        let user = &users[n.user];
        let mut vars = HashMap::new();
        vars.insert("name", user.name.to_string());
        vars.insert("hour", format!("{:02}:00", n.hour));
        let body = render(n.template, &vars);
        let quiet = matches!(user.quiet_hours, Some((from, to)) if n.hour >= from || n.hour < to);
        if quiet && !n.urgent {
            deferred.entry(user.name).or_default().push(body);
            continue;
        }
        for ch in channels.iter_mut() {
            let Some(addr) = user.contacts.get(&ch.kind()).copied() else { continue };
            if ch.kind() == ChannelKind::Sms && !n.urgent {
                continue;
            }
            let kind = ch.kind();
            match timeout(4, ch.send(addr, n.subject, &body)).await {
                Some(Ok(receipt)) => log.push(format!("{} via {:?}: {}", user.name, kind, receipt)),
                Some(Err(DeliveryError::InvalidAddress(a))) => log.push(format!("{} bad {:?} address {}", user.name, kind, a)),
                Some(Err(e)) => log.push(format!("{} {:?} failed: {:?}", user.name, kind, e)),
                None => log.push(format!("{} {:?} timed out", user.name, kind)),
            }
        }
    }
    (log, deferred)
}

fn main() {
    let mut channels: Vec<Box<dyn Channel>> = vec![Box::new(SmtpChannel { sent: 0 }), Box::new(SmsGateway { latency: 6, max_len: 40 }), Box::new(PushService { down: true })];
    let users = vec![
        User { name: "ines", contacts: BTreeMap::from([(ChannelKind::Email, "ines@example.org"), (ChannelKind::Push, "tok-1")]), quiet_hours: Some((22, 7)) },
        User { name: "omar", contacts: BTreeMap::from([(ChannelKind::Email, "omar.example.org"), (ChannelKind::Sms, "+31 6 1234 5678")]), quiet_hours: None },
    ];
    let batch = vec![
        Notification { user: 0, subject: "Weekly digest", template: "Hi {name}, here is your digest.", urgent: false, hour: 9 },
        Notification { user: 0, subject: "Comment", template: "{name}, someone replied at {hour}", urgent: false, hour: 23 },
        Notification { user: 1, subject: "Login alert", template: "New login for {name} at {hour} from {city}", urgent: true, hour: 3 },
        Notification { user: 0, subject: "Outage", template: "{name}: service degraded", urgent: true, hour: 2 },
    ];
    let (log, deferred) = block_on(fan_out(&mut channels, &users, batch));
    log.iter().for_each(|l| println!("{}", l));
    println!("deferred to morning digest: {:?}", deferred);
    let quick = block_on(timeout(1, Delay(5)));
    println!("standalone timeout fired: {}", quick.is_none());
}
