//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Models an archive digitisation workflow that tokenises parish register transcriptions, normalises old spellings and keeps revision chains.

use std::collections::{HashMap, HashSet};
use std::fmt::{self, Display};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

pub fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = std::pin::pin!(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(out) = f.as_mut().poll(&mut cx) {
            return out;
        }
    }
}

pub struct Pending {
    left: usize,
}

impl Future for Pending {
    type Output = usize;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<usize> {
        let this = self.get_mut();
        if this.left == 0 {
            Poll::Ready(0)
        } else {
            this.left -= 1;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

async fn settle(n: usize) {
    Pending { left: n }.await;
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Word(String),
    Year(u16),
    Abbrev(char),
    Illegible(usize),
}

#[derive(Debug)]
struct Revision {
    number: u32,
    transcriber: String,
    text: String,
    previous: Option<Box<Revision>>,
}

#[derive(Debug, Clone, Copy)]
enum EventKind {
    Baptism,
    Marriage,
    Burial,
}

trait Catalogue {
    fn shelf_mark(&self) -> String;

    async fn checksum(&self, body: &str) -> u128 {
        let mut acc: u128 = 0xcbf2_9ce4_8422_2325;
        for (i, b) in body.bytes().enumerate() {
            acc = (acc ^ b as u128).wrapping_mul(0x1000_0000_01b3);
            if i % 64 == 63 {
                settle(1).await;
            }
        }
        acc
    }
}

impl<T: Display> Catalogue for T {
    fn shelf_mark(&self) -> String {
        format!("PR/{}", self)
    }
}

struct Volume {
    parish: &'static str,
    years: (u16, u16),
}

impl Display for Volume {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}-{}", self.parish.to_uppercase(), self.years.0, self.years.1)
    }
}

async fn tokenize(line: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut chars = line.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        match c {
            '[' => {
                let mut gap = 0usize;
                while let Some(&(_, nc)) = chars.peek() {
                    chars.next();
                    if nc == ']' {
                        break;
                    }
                    gap += 1;
                }
                out.push(Token::Illegible(gap));
            }
            d if d.is_ascii_digit() => {
                let mut end = start + 1;
                while let Some(&(i, nc)) = chars.peek()
                    && nc.is_ascii_digit()
                {
                    end = i + 1;
                    chars.next();
                }
                match line[start..end].parse::<u16>() {
                    Ok(y @ 1538..=1900) => out.push(Token::Year(y)),
                    _ => out.push(Token::Word(line[start..end].to_string())),
                }
            }
            a if a.is_alphabetic() => {
                let mut word = String::from(a);
                while let Some(&(_, nc)) = chars.peek() {
                    if !nc.is_alphabetic() {
                        break;
                    }
                    word.push(nc);
                    chars.next();
                }
                if word.len() == 1 && matches!(chars.peek(), Some((_, '.'))) {
                    out.push(Token::Abbrev(a));
                } else {
                    out.push(Token::Word(word));
                }
            }
            _ => {}
        }
        if out.len() % 5 == 4 {
            settle(1).await;
        }
    }
    out
}

async fn normalise(tokens: Vec<Token>, spellings: &HashMap<&str, &str>) -> (Vec<Token>, HashSet<String>) {
    let mut unknown = HashSet::new();
    let mut fixed = Vec::with_capacity(tokens.len());
    for tok in tokens {
        let tok = match tok {
            Token::Word(ref w) if spellings.contains_key(w.to_lowercase().as_str()) => {
                Token::Word(spellings[w.to_lowercase().as_str()].to_string())
            }
            Token::Word(w) if w.chars().next().is_some_and(char::is_uppercase) => {
                unknown.insert(w.clone());
                Token::Word(w)
            }
            other => other,
        };
        fixed.push(tok);
        settle(1).await;
    }
    (fixed, unknown)
}

fn classify(tokens: &[Token]) -> Option<EventKind> {
    tokens.iter().find_map(|t| match t {
        Token::Word(w) if w.eq_ignore_ascii_case("baptised") => Some(EventKind::Baptism),
        Token::Word(w) if w.eq_ignore_ascii_case("married") => Some(EventKind::Marriage),
        Token::Word(w) if w.eq_ignore_ascii_case("buried") => Some(EventKind::Burial),
        _ => None,
    })
}

fn history_len(rev: &Revision) -> Pin<Box<dyn Future<Output = (u32, Vec<String>)> + '_>> {
    Box::pin(async move {
        settle(1).await;
        match &rev.previous {
            None => (1, vec![rev.transcriber.clone()]),
            Some(prev) => {
                let (n, mut names) = history_len(prev).await;
                if !names.contains(&rev.transcriber) {
                    names.push(rev.transcriber.clone());
                }
                (n + 1, names)
            }
        }
    })
}

pub fn main() {
    let spellings: HashMap<&str, &str> = [("baptysed", "baptised"), ("maryed", "married"), ("buryed", "buried")].into_iter().collect();
    let register = "Jn. Smyth baptysed 1712 son of Wm. Smyth\nThos. Carter and Ann [..ll] maryed 1714\nEliz. Ward buryed 17 Mar 1716 aged 80";

    let volume = Volume { parish: "St Aldhelm", years: (1700, 1720) };
    let item_code = 4471u32;
    let sum_a = block_on(volume.checksum(register));
    let sum_b = block_on(item_code.checksum(register));
    println!("{} checksum {sum_a:x}; {} checksum {sum_b:x}", volume.shelf_mark(), item_code.shelf_mark());

    let entries = block_on(async {
        let mut entries = Vec::new();
        for line in register.lines() {
            let tokens = tokenize(line).await;
            let (tokens, unknown) = normalise(tokens, &spellings).await;
            entries.push((classify(&tokens), tokens.len(), unknown));
        }
        entries
    });
    for (kind, n, unknown) in &entries {
        let mut names: Vec<&String> = unknown.iter().collect();
        names.sort();
        println!("{kind:?} with {n} tokens; names {names:?}");
    }

    let mut head = Revision { number: 1, transcriber: "volunteer-a".into(), text: register.into(), previous: None };
    for (n, who) in [(2, "volunteer-b"), (3, "archivist"), (4, "volunteer-a")] {
        let old = std::mem::replace(&mut head, Revision { number: n, transcriber: who.into(), text: String::new(), previous: None });
        head.text = old.text.replace("Smyth", "Smith");
        head.previous = Some(Box::new(old));
    }
    let (depth, hands) = block_on(history_len(&head));
    println!("revision {} has depth {depth}, hands {hands:?}", head.number);
}
