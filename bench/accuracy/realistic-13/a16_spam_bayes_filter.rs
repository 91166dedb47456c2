//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Mail filter with a naive Bayes spam model: trains on labelled folders pulled from mail
//! sources, scores incoming messages by token log-odds and quarantines the likely spam.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Label { Ham, Spam }

struct Message { id: u32, subject: String, body: String, label: Option<Label> }

#[derive(Default)]
struct Model { counts: HashMap<Label, HashMap<String, u32>>, docs: HashMap<Label, u32>, vocab: HashSet<String> }

fn tokens(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric() && c != '$')
        .filter(|w| w.len() > 2)
        .map(|w| w.to_lowercase())
}

impl Model {
    fn learn(&mut self, msg: &Message, label: Label) {
        *self.docs.entry(label).or_default() += 1;
        let bag = self.counts.entry(label).or_default();
        for t in tokens(&msg.subject).chain(tokens(&msg.body)) {
            self.vocab.insert(t.clone());
            *bag.entry(t).or_default() += 1;
        }
    }

    fn log_odds(&self, msg: &Message) -> f64 {
        let total_docs = self.docs.values().sum::<u32>().max(1) as f64;
        let v = self.vocab.len() as f64 + 1.0;
        let mut score = 0.0;
        for (label, sign) in [(Label::Spam, 1.0), (Label::Ham, -1.0)] {
            let prior = (*self.docs.get(&label).unwrap_or(&0) as f64 + 1.0) / (total_docs + 2.0);
            let bag = self.counts.get(&label);
            let n: f64 = bag.map(|b| b.values().sum::<u32>() as f64).unwrap_or(0.0);
            let mut lp = prior.ln();
            for t in tokens(&msg.subject).chain(tokens(&msg.body)) {
                let c = bag.and_then(|b| b.get(&t)).copied().unwrap_or(0) as f64;
                lp += ((c + 1.0) / (n + v)).ln();
            }
            score += sign * lp;
        }
        score
    }
}

trait MailSource {
    fn name(&self) -> String;
    async fn fetch_batch(&mut self, max: usize) -> Vec<Message>;

    async fn train_into(&mut self, model: &Rc<RefCell<Model>>) -> usize {
        let mut learned = 0;
        loop {
            let batch = self.fetch_batch(2).await;
            if batch.is_empty() {
                break learned;
            }
            for msg in &batch {
                if let Some(label) = msg.label {
                    model.borrow_mut().learn(msg, label);
                    learned += 1;
                }
            }
        }
    }
}

struct ImapFolder { folder: String, label: Label, queue: Vec<(String, String)>, next_uid: u32 }
struct Maildir { files: Vec<String> }

impl MailSource for ImapFolder {
    fn name(&self) -> String { format!("imap:{}", self.folder) }
    async fn fetch_batch(&mut self, max: usize) -> Vec<Message> {
        yield_now().await;
        let take = max.min(self.queue.len());
        let mut out = Vec::new();
        for (subject, body) in self.queue.drain(..take) {
            self.next_uid += 1;
            out.push(Message { id: self.next_uid, subject, body, label: Some(self.label) });
        }
        out
    }
}

impl MailSource for Maildir {
    fn name(&self) -> String { "maildir".into() }
    async fn fetch_batch(&mut self, max: usize) -> Vec<Message> {
        let mut out = Vec::new();
        while out.len() < max {
            let raw = match self.files.pop() {
                Some(raw) => raw,
                None => break,
            };
            yield_now().await;
            let (headers, body) = raw.split_once("\n\n").unwrap_or((raw.as_str(), ""));
            let subject = headers.lines().find_map(|l| l.strip_prefix("Subject: ")).unwrap_or("").to_string();
            let label = match headers.lines().find_map(|l| l.strip_prefix("X-Label: ")) {
                Some("spam") => Some(Label::Spam),
                Some("ham") => Some(Label::Ham),
                _ => None,
            };
            out.push(Message { id: 1000 + self.files.len() as u32, subject, body: body.to_string(), label });
        }
        out
    }
}

async fn train<S>(model: &Rc<RefCell<Model>>, source: &mut S) -> String
where
    S: MailSource,
{
    let n = source.train_into(model).await;
    format!("{} taught {n} messages (vocab {})", source.name(), model.borrow().vocab.len())
}

async fn deliver(model: &Model, inbox: Vec<Message>, threshold: f64) -> (Vec<String>, Vec<String>) {
    let (mut kept, mut quarantined) = (Vec::new(), Vec::new());
    for msg in inbox {
        yield_now().await;
        let score = model.log_odds(&msg);
        match score {
            s if s > threshold => quarantined.push(format!("{} ({s:.1})", msg.subject)),
            s if s > 0.0 && msg.subject.contains('$') => quarantined.push(format!("{} (money, {s:.1})", msg.subject)),
            _ => kept.push(msg.subject),
        }
    }
    (kept, quarantined)
}

pub fn main() {
    let model = Rc::new(RefCell::new(Model::default()));
    let pair = |s: &str, b: &str| (s.to_string(), b.to_string());
    let mut junk = ImapFolder {
        folder: "Junk".into(), label: Label::Spam, next_uid: 0,
        queue: vec![pair("WIN a FREE cruise", "claim your free prize now click here"), pair("Cheap meds $$$", "best price pills, click now"), pair("Urgent: account verify", "verify your password click link")],
    };
    let mut archive = Maildir {
        files: vec![
            "Subject: Sprint planning\nX-Label: ham\n\nagenda for the sprint planning meeting tomorrow".into(),
            "Subject: Lunch?\nX-Label: ham\n\nfree for lunch tomorrow near the office".into(),
            "Subject: Invoice 4411\nX-Label: ham\n\nplease find the invoice for march attached".into(),
            "Subject: unlabelled\n\nno label here".into(),
        ],
    };
    println!("{}", block_on(train(&model, &mut junk)));
    println!("{}", block_on(train(&model, &mut archive)));

    let incoming = vec![
        Message { id: 1, subject: "Click to claim your prize".into(), body: "free cruise click now".into(), label: None },
        Message { id: 2, subject: "Planning notes".into(), body: "notes from the sprint meeting attached".into(), label: None },
        Message { id: 3, subject: "Refund $40".into(), body: "your invoice refund".into(), label: None },
    ];
    let snapshot = model.borrow();
    let (kept, quarantined) = block_on(deliver(&snapshot, incoming, 2.0));
    drop(snapshot);
    println!("inbox: {kept:?}\nquarantine: {quarantined:?}");

    let report_false_positive = async |subject: &str, body: &str| -> f64 {
        let msg = Message { id: 0, subject: subject.to_string(), body: body.to_string(), label: Some(Label::Ham) };
        yield_now().await;
        model.borrow_mut().learn(&msg, Label::Ham);
        model.borrow().log_odds(&msg)
    };
    println!("after correction: {:.2}", block_on(report_false_positive("Refund $40", "your invoice refund")));
    let stats = block_on(async {
        let m = Rc::clone(&model);
        yield_now().await;
        let docs = m.borrow().docs.clone();
        format!("ham={:?} spam={:?}", docs.get(&Label::Ham), docs.get(&Label::Spam))
    });
    println!("{stats}");
}
