#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Content moderation queue: runs submissions through async classifiers, applies policy rules and routes borderline items to human review.

use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::pin::{pin, Pin};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

fn noop_raw() -> RawWaker {
    fn clone(_: *const ()) -> RawWaker { noop_raw() }
    fn noop(_: *const ()) {}
    static VT: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    RawWaker::new(std::ptr::null(), &VT)
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let waker = unsafe { Waker::from_raw(noop_raw()) };
    let mut cx = Context::from_waker(&waker);
    let mut fut = pin!(fut);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

struct Yield { left: u32 }

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.left == 0 {
            return Poll::Ready(());
        }
        self.left -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

#[derive(Debug, Clone)]
struct Submission { id: u32, author: String, text: String, reports: u8 }

#[derive(Debug, Clone, Copy, PartialEq)]
enum Verdict { Allow, Review, Remove }

#[derive(Debug, Clone, Copy)]
struct Label { category: &'static str, confidence: f32 }

trait Classifier {
    fn name(&self) -> String;
    async fn classify(&self, text: &str) -> Vec<Label>;
    async fn max_confidence(&self, text: &str) -> f32 {
        let labels = self.classify(text).await;
        labels.iter().map(|l| l.confidence).fold(0.0, f32::max)
    }
}

struct KeywordClassifier { terms: Vec<(&'static str, &'static str)> }

struct LengthHeuristic { max_caps_ratio: f32 }

impl Classifier for KeywordClassifier {
    fn name(&self) -> String { format!("keywords({})", self.terms.len()) }
    async fn classify(&self, text: &str) -> Vec<Label> {
        let lower = text.to_lowercase();
        let mut labels = Vec::new();
        for (term, category) in self.terms.iter() {
            Yield { left: 1 }.await;
            let hits = lower.matches(term).count();
            if hits > 0 {
                labels.push(Label { category, confidence: (0.5 + 0.2 * hits as f32).min(0.99) });
            }
        }
        labels
    }
}

impl Classifier for LengthHeuristic {
    fn name(&self) -> String { "caps".to_string() }
    async fn classify(&self, text: &str) -> Vec<Label> {
        Yield { left: 1 }.await;
        let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
        if letters.len() < 8 {
            return vec![];
        }
        let caps = letters.iter().filter(|c| c.is_uppercase()).count() as f32 / letters.len() as f32;
        if caps > self.max_caps_ratio { vec![Label { category: "shouting", confidence: caps }] } else { vec![] }
    }
}

async fn decide<A: Classifier, B: Classifier>(sub: &Submission, a: &A, b: &B) -> (Verdict, Vec<String>) {
    let mut reasons = Vec::new();
    let mut worst = 0.0f32;
    for label in a.classify(&sub.text).await.into_iter().chain(b.classify(&sub.text).await) {
        reasons.push(format!("{}:{:.2}", label.category, label.confidence));
        let weight = if label.category == "spam" { 0.8 } else { 1.0 };
        worst = worst.max(label.confidence * weight);
    }
    worst += sub.reports as f32 * 0.05;
    let verdict = if worst >= 0.85 { Verdict::Remove } else if worst >= 0.5 { Verdict::Review } else { Verdict::Allow };
    (verdict, reasons)
}

struct ModerationQueue {
    incoming: Mutex<VecDeque<Submission>>,
    review: RefCell<VecDeque<(Submission, Vec<String>)>>,
    outcomes: Arc<Mutex<HashMap<u32, Verdict>>>,
}

impl ModerationQueue {
    async fn process<A: Classifier, B: Classifier>(&self, a: &A, b: &B) -> usize {
        let mut handled = 0;
        loop {
            let next = self.incoming.lock().unwrap().pop_front();
            let sub = match next {
                Some(s) => s,
                None => break,
            };
            let (verdict, reasons) = decide(&sub, a, b).await;
            match verdict {
                Verdict::Review => self.review.borrow_mut().push_back((sub.clone(), reasons)),
                v => {
                    Yield { left: 1 }.await;
                    self.outcomes.lock().unwrap().insert(sub.id, v);
                }
            }
            handled += 1;
        }
        handled
    }

    async fn human_review(&self, approve: impl Fn(&Submission) -> bool) -> (u32, u32) {
        let (mut kept, mut removed) = (0, 0);
        while let Some((sub, reasons)) = self.review.borrow_mut().pop_front() {
            Yield { left: 3 }.await;
            let verdict = if approve(&sub) { kept += 1; Verdict::Allow } else { removed += 1; Verdict::Remove };
            self.outcomes.lock().unwrap().insert(sub.id, verdict);
        }
        (kept, removed)
    }
}

fn main() {
    let raw = "1|troll42|BUY CHEAP PILLS NOW visit spam.example|0\n2|maria|Lovely photo, thanks for sharing|0\n\
               3|anon|this is a scam, send me your password|2\n4|joe|WHY DOES NOBODY READ THE DOCS|1\n\
               5|kim|free crypto giveaway, free free free|3";
    let subs: VecDeque<Submission> = raw
        .lines()
        .map(|l| l.trim().split('|').collect::<Vec<_>>())
        .map(|f| Submission { id: f[0].parse().unwrap(), author: f[1].into(), text: f[2].into(), reports: f[3].parse().unwrap() })
        .collect();
    let kw = KeywordClassifier { terms: vec![("cheap pills", "spam"), ("free", "spam"), ("scam", "fraud"), ("password", "phishing")] };
    let caps = LengthHeuristic { max_caps_ratio: 0.7 };
    let queue = ModerationQueue { incoming: Mutex::new(subs), review: RefCell::new(VecDeque::new()), outcomes: Arc::new(Mutex::new(HashMap::new())) };
    let handled = block_on(queue.process(&kw, &caps));
    let in_review = queue.review.borrow().len();
    let (kept, removed) = block_on(queue.human_review(|s| s.author != "anon"));
    let probe = Submission { id: 99, author: "x".into(), text: "totally FREE".into(), reports: 0 };
    let (v, reasons) = block_on(decide(&probe, &caps, &kw));
    let mc = block_on(kw.max_confidence("free free scam")) + block_on(caps.max_confidence("SHOUTING LOUDLY"));
    let mut outcomes: Vec<(u32, Verdict)> = queue.outcomes.lock().unwrap().iter().map(|(k, v)| (*k, *v)).collect();
    outcomes.sort_by_key(|o| o.0);
    println!("handled={} review={} kept={} removed={} classifiers=[{}, {}]", handled, in_review, kept, removed, kw.name(), caps.name());
    println!("outcomes={:?}", outcomes);
    println!("probe={:?} {:?} mc={:.2}", v, reasons, mc);
}
