//@ edition: 2021
//! Each part moved out of a value is its own move path with its own drop flag, in both
//! editions: a field moved before anything can unwind needs none while a later one does
//! (`let id = acct.id; f(&id, acct.reads).await`); the two fields of one variant moved by one
//! arm get two flags; destructuring every part that needs drop (`let Card { home, away, .. }
//! = card`) flags each part and not the value; the parts bound by an or-pattern's cases, and
//! those inside a variant nested in the matched value (`Some(Msg::Text(t))`), count as one.
#![allow(dead_code)]
async fn y() {}
async fn take(_s: &str, v: Vec<u8>) -> usize {
    v.len()
}
pub struct Account {
    id: String,
    reads: Vec<u8>,
    tariff: u32,
}
pub async fn fields_in_turn(acct: Account) -> usize {
    let id = acct.id;
    let n = take(&id, acct.reads).await;
    y().await;
    n + id.len() + acct.tariff as usize
}
pub enum Loan {
    Requested { who: String },
    Sent { who: String, sheets: Vec<u64> },
    Back { sheets: Vec<u64>, notes: usize },
}
pub async fn variant_fields(state: Loan) -> Loan {
    y().await;
    match state {
        Loan::Requested { who } => Loan::Sent { who, sheets: Vec::new() },
        Loan::Sent { who, sheets } => {
            y().await;
            let notes = who.len();
            Loan::Back { sheets, notes }
        }
        done @ Loan::Back { .. } => done,
    }
}
pub struct Card {
    home: String,
    away: String,
    ends: u32,
}
pub async fn destructure(cards: Vec<Card>) -> usize {
    let mut n = 0;
    for card in cards {
        let total = card.ends + card.home.len() as u32;
        y().await;
        let Card { home, away, .. } = card;
        n += home.len() + away.len() + total as usize;
    }
    n
}
pub enum Action {
    Upload(String),
    Download(String),
    Conflict { path: String, local: bool },
}
pub async fn or_cases(actions: Vec<Action>) -> usize {
    let mut n = 0;
    for action in actions {
        let (path, up) = match action {
            Action::Upload(p) | Action::Conflict { path: p, local: true } => (p, true),
            Action::Download(p) | Action::Conflict { path: p, local: false } => (p, false),
        };
        y().await;
        n += path.len() + up as usize;
    }
    n
}
pub enum Msg {
    Ping(Vec<u8>),
    Text(String),
    Close(u16),
}
async fn recv(i: u32) -> Option<Msg> {
    match i {
        0 => Some(Msg::Ping(vec![1])),
        1 => Some(Msg::Text("t".into())),
        _ => None,
    }
}
pub async fn nested_variant(i: u32) -> usize {
    let mut n = 0;
    match recv(i).await {
        Some(Msg::Ping(p)) => {
            y().await;
            n += p.len();
        }
        Some(Msg::Text(t)) => n += t.len(),
        Some(Msg::Close(code)) => {
            y().await;
            n += code as usize;
        }
        None => {}
    }
    n
}
pub fn main() {
    let _ = fields_in_turn(Account { id: String::new(), reads: Vec::new(), tariff: 1 });
    let _ = variant_fields(Loan::Requested { who: String::new() });
    let _ = destructure(Vec::new());
    let _ = or_cases(Vec::new());
    let _ = nested_variant(0);
}
