#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]
// Library checkout system: members borrow and return books, with limits,
// holds and late fees.

use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq)]
pub enum BookState {
    Available,
    OnLoan { member: u32, due_day: u32 },
    OnHold { member: u32 },
}

#[derive(Debug)]
pub struct Member {
    pub id: u32,
    pub loans: Vec<String>,
    pub fees_cents: u32,
}

pub struct Library {
    pub books: HashMap<String, BookState>,
    pub members: HashMap<u32, Member>,
    pub max_loans: usize,
}

async fn today() -> u32 {
    100
}

async fn notify_member(member: u32, text: &str) {
    println!("to {}: {}", member, text);
}

impl Library {
    pub async fn checkout(&mut self, member_id: u32, isbn: &str) -> Result<u32, String> {
        let day = today().await;
        let member = self.members.get_mut(&member_id).ok_or("unknown member")?;
        if member.fees_cents > 500 {
            return Err(format!("member {} owes {} cents", member_id, member.fees_cents));
        }
        if member.loans.len() >= self.max_loans {
            return Err("loan limit reached".into());
        }
        let state = self.books.get_mut(isbn).ok_or_else(|| format!("no book {}", isbn))?;
        match state {
            BookState::Available => {}
            BookState::OnHold { member } if *member == member_id => {}
            BookState::OnHold { .. } => return Err("on hold for someone else".into()),
            BookState::OnLoan { due_day, .. } => return Err(format!("on loan until day {}", due_day)),
        }
        let due = day + 21;
        *state = BookState::OnLoan { member: member_id, due_day: due };
        member.loans.push(isbn.to_string());
        Ok(due)
    }

    pub async fn return_book(&mut self, isbn: &str, hold_for: Option<u32>) -> u32 {
        let Some(BookState::OnLoan { member, due_day }) = self.books.get(isbn).cloned() else {
            return 0;
        };
        let late_days = today().await.saturating_sub(due_day);
        let fee = late_days * 25;
        if let Some(m) = self.members.get_mut(&member) {
            m.loans.retain(|b| b != isbn);
            m.fees_cents += fee;
        }
        let next = match hold_for {
            Some(h) => {
                notify_member(h, &format!("{} is ready for pickup", isbn)).await;
                BookState::OnHold { member: h }
            }
            None => BookState::Available,
        };
        self.books.insert(isbn.to_string(), next);
        fee
    }
}

pub async fn busy_day(lib: &mut Library, requests: Vec<(u32, String)>) -> (u32, u32) {
    let mut ok = 0;
    let mut refused = 0;
    for (member, isbn) in &requests {
        match lib.checkout(*member, isbn).await {
            Ok(due) => ok += 1,
            Err(reason) => {
                refused += 1;
                notify_member(*member, &reason).await;
            }
        }
    }
    let mut fees = 0;
    for (_, isbn) in requests.iter().rev().take(2) {
        fees += lib.return_book(isbn, None).await;
    }
    if fees > 0 {
        notify_member(0, &format!("collected {} cents in late fees", fees)).await;
    }
    (ok, refused + fees)
}
