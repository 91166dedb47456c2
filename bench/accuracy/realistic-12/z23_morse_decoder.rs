//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Morse (CW) decoder for a radio monitoring station: turns keyed on/off samples into
//! timed marks and gaps, adapts to the sender's speed and decodes letters and prosigns.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::future::Future;
use std::pin::Pin;
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

fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = Box::pin(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop { if let Poll::Ready(v) = f.as_mut().poll(&mut cx) { return v; } }
}

const CODES: [(char, &str); 39] = [
    ('A', ".-"), ('B', "-..."), ('C', "-.-."), ('D', "-.."), ('E', "."), ('F', "..-."), ('G', "--."), ('H', "...."), ('I', ".."),
    ('J', ".---"), ('K', "-.-"), ('L', ".-.."), ('M', "--"), ('N', "-."), ('O', "---"), ('P', ".--."), ('Q', "--.-"), ('R', ".-."),
    ('S', "..."), ('T', "-"), ('U', "..-"), ('V', "...-"), ('W', ".--"), ('X', "-..-"), ('Y', "-.--"), ('Z', "--.."),
    ('0', "-----"), ('1', ".----"), ('2', "..---"), ('3', "...--"), ('4', "....-"), ('5', "....."), ('6', "-...."),
    ('7', "--..."), ('8', "---.."), ('9', "----."), ('?', "..--.."), ('/', "-..-."), ('+', ".-.-."),
];
const PROSIGNS: [(&str, &str); 2] = [("<SK>", "...-.-"), ("<BT>", "-...-")];
const SAMPLE_MS: u32 = 5;

trait SignalSource {
    async fn next_block(&mut self) -> Option<Vec<bool>>;
    async fn runs(&mut self) -> Vec<(bool, u32)> {
        let mut runs: Vec<(bool, u32)> = Vec::new();
        while let Some(block) = self.next_block().await {
            for s in block {
                match runs.last_mut() {
                    Some((state, n)) if *state == s => *n += SAMPLE_MS,
                    _ => runs.push((s, SAMPLE_MS)),
                }
            }
        }
        runs
    }
}

struct Keyer { samples: VecDeque<bool>, block: usize }
struct Recording { blocks: VecDeque<&'static str> }

impl Keyer {
    fn new(text: &str, wpm: u32, jitter_pct: u32) -> Keyer {
        let dit = 1200 / wpm / SAMPLE_MS;
        let table: HashMap<char, &str> = CODES.iter().copied().collect();
        let mut seed = 7u32;
        let mut samples = VecDeque::new();
        let mut push = |on: bool, units: u32| {
            seed = seed.wrapping_mul(1103515245).wrapping_add(12345);
            let jitter = (seed >> 16) % (jitter_pct + 1);
            let n = units * dit * (100 + jitter) / 100;
            samples.extend(std::iter::repeat(on).take(n as usize));
        };
        for (wi, word) in text.split(' ').enumerate() {
            if wi > 0 { push(false, 7); }
            let expanded = PROSIGNS.iter().fold(word.to_string(), |w, (p, code)| w.replace(p, "#"));
            for (ci, ch) in expanded.chars().enumerate() {
                if ci > 0 { push(false, 3); }
                let code = if ch == '#' { PROSIGNS[0].1 } else { table.get(&ch.to_ascii_uppercase()).copied().unwrap_or("........") };
                for (ei, el) in code.chars().enumerate() {
                    if ei > 0 { push(false, 1); }
                    push(true, if el == '-' { 3 } else { 1 });
                }
            }
        }
        push(false, 10);
        Keyer { samples, block: 32 }
    }
}

impl SignalSource for Keyer {
    async fn next_block(&mut self) -> Option<Vec<bool>> {
        if self.samples.is_empty() { return None; }
        let n = self.block.min(self.samples.len());
        Yield(false).await;
        Some(self.samples.drain(..n).collect())
    }
}

impl SignalSource for Recording {
    async fn next_block(&mut self) -> Option<Vec<bool>> {
        let b = self.blocks.pop_front()?;
        Yield(false).await;
        Some(b.chars().map(|c| c == '#').collect())
    }
}

#[derive(Debug)]
struct Decoder { dit_ms: f32, symbol: String, text: String, letters: BTreeMap<char, u32>, unknown: Vec<String> }

impl Decoder {
    fn flush(&mut self, lookup: &HashMap<&str, &str>) {
        if self.symbol.is_empty() { return; }
        match lookup.get(self.symbol.as_str()) {
            Some(s) => { self.text.push_str(s); s.chars().for_each(|c| *self.letters.entry(c).or_default() += 1); }
            None => { self.unknown.push(self.symbol.clone()); self.text.push('*'); }
        }
        self.symbol.clear();
    }

    async fn feed(&mut self, runs: &[(bool, u32)]) {
        let owned: Vec<(String, String)> = CODES.iter().map(|(c, s)| (s.to_string(), c.to_string()))
            .chain(PROSIGNS.iter().map(|(p, s)| (s.to_string(), p.to_string()))).collect();
        let lookup: HashMap<&str, &str> = owned.iter().map(|(s, c)| (s.as_str(), c.as_str())).collect();
        for (i, &(on, ms)) in runs.iter().enumerate() {
            let units = ms as f32 / self.dit_ms;
            match (on, units) {
                (true, u) if u < 2.0 => { self.symbol.push('.'); self.dit_ms = self.dit_ms * 0.8 + ms as f32 * 0.2; }
                (true, _) => { self.symbol.push('-'); self.dit_ms = self.dit_ms * 0.8 + ms as f32 / 3.0 * 0.2; }
                (false, u) if u < 2.0 => {}
                (false, u) if u < 5.0 => self.flush(&lookup),
                (false, _) => { self.flush(&lookup); if !self.text.is_empty() && !self.text.ends_with(' ') { self.text.push(' '); } }
            }
            if i % 16 == 15 { Yield(false).await; }
        }
        self.flush(&lookup);
    }
}

async fn decode_from<S: SignalSource>(src: &mut S, guess_wpm: u32) -> Decoder {
    let runs = src.runs().await;
    let mut d = Decoder { dit_ms: 1200.0 / guess_wpm as f32, symbol: String::new(), text: String::new(), letters: BTreeMap::new(), unknown: Vec::new() };
    d.feed(&runs).await;
    d.text = d.text.trim_end().to_string();
    d
}

fn main() {
    for (msg, wpm, guess) in [("CQ CQ DE W1AW K", 20, 20), ("QTH BOSTON RST 599 <SK>", 25, 15), ("TEST ~ 73", 12, 18)] {
        let d = block_on(decode_from(&mut Keyer::new(msg, wpm, 15), guess));
        println!("{msg:<24} -> {:<24} dit={:.0}ms unknown={:?}", d.text, d.dit_ms, d.unknown);
    }
    let mut rec = Recording { blocks: VecDeque::from(["____######____##", "____######______", "______________##", "__##__##__##____", "____"]) };
    let d = block_on(decode_from(&mut rec, 60));
    println!("recording -> {:?} letters {:?}", d.text, d.letters);
    let speed = async |text: &str| -> Vec<(u32, bool)> {
        let mut out = Vec::new();
        for wpm in [10, 18, 30] {
            let d = decode_from(&mut Keyer::new(text, wpm, 5), 20).await;
            out.push((wpm, d.text == text));
        }
        out
    };
    println!("{:?}", block_on(speed("PARIS PARIS")));
}
