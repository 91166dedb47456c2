//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::cell::RefCell;
use std::collections::HashMap;

mod rt {
    pub async fn sleep(_ms: u64) {}
}

#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    Opened { owner: String, at: u64 },
    Deposited(u64),
    Withdrawn(u64),
    Frozen { reason: String },
    Closed,
}

#[derive(Debug, Default, Clone)]
pub struct Account {
    pub id: u64,
    pub owner: String,
    pub balance: i64,
    pub frozen: Option<String>,
    pub closed: bool,
    pub version: u64,
}

impl Account {
    fn apply(&mut self, e: &Event) {
        match e {
            Event::Opened { owner, .. } => self.owner = owner.clone(),
            Event::Deposited(n) => self.balance += *n as i64,
            Event::Withdrawn(n) => self.balance -= *n as i64,
            Event::Frozen { reason } => self.frozen = Some(reason.clone()),
            Event::Closed => self.closed = true,
        }
        self.version += 1;
    }
}

#[derive(Debug)]
pub enum CmdError {
    Conflict { expected: u64, actual: u64 },
    Insufficient { balance: i64, wanted: u64 },
    Frozen(String),
    NotOpen,
    Closed,
}

pub enum Command {
    Open(String),
    Deposit(u64),
    Withdraw(u64),
    Freeze(String),
    Close,
}

fn decide(acc: &Account, cmd: &Command) -> Result<Vec<Event>, CmdError> {
    if acc.closed {
        return Err(CmdError::Closed);
    }
    match cmd {
        Command::Open(owner) if acc.version == 0 => Ok(vec![Event::Opened { owner: owner.clone(), at: 0 }]),
        _ if acc.version == 0 => Err(CmdError::NotOpen),
        Command::Open(_) => Ok(vec![]),
        Command::Deposit(n) => Ok(vec![Event::Deposited(*n)]),
        Command::Withdraw(_) if acc.frozen.is_some() => Err(CmdError::Frozen(acc.frozen.clone().unwrap_or_default())),
        Command::Withdraw(n) if acc.balance < *n as i64 => Err(CmdError::Insufficient { balance: acc.balance, wanted: *n }),
        Command::Withdraw(n) => Ok(vec![Event::Withdrawn(*n)]),
        Command::Freeze(reason) => Ok(vec![Event::Frozen { reason: reason.clone() }]),
        Command::Close if acc.balance != 0 => Ok(vec![Event::Withdrawn(acc.balance as u64), Event::Closed]),
        Command::Close => Ok(vec![Event::Closed]),
    }
}

pub trait EventStore {
    async fn load(&self, stream: u64) -> Vec<Event>;
    async fn append(&self, stream: u64, expected_version: u64, events: &[Event]) -> Result<u64, CmdError>;
}

#[derive(Default)]
pub struct MemEventStore {
    streams: RefCell<HashMap<u64, Vec<Event>>>,
}

impl EventStore for MemEventStore {
    async fn load(&self, stream: u64) -> Vec<Event> {
        rt::sleep(1).await;
        self.streams.borrow().get(&stream).cloned().unwrap_or_default()
    }

    async fn append(&self, stream: u64, expected_version: u64, events: &[Event]) -> Result<u64, CmdError> {
        let mut streams = self.streams.borrow_mut();
        let log = streams.entry(stream).or_default();
        let actual = log.len() as u64;
        if actual != expected_version {
            return Err(CmdError::Conflict { expected: expected_version, actual });
        }
        log.extend_from_slice(events);
        Ok(log.len() as u64)
    }
}

pub async fn handle<S: EventStore>(store: &S, id: u64, cmd: Command) -> Result<Account, CmdError> {
    for attempt in 0..3 {
        let history = store.load(id).await;
        let mut acc = Account { id, ..Default::default() };
        history.iter().for_each(|e| acc.apply(e));
        let events = decide(&acc, &cmd)?;
        match store.append(id, acc.version, &events).await {
            Ok(_) => {
                events.iter().for_each(|e| acc.apply(e));
                return Ok(acc);
            }
            Err(CmdError::Conflict { expected, actual }) if attempt < 2 => {
                println!("account {id}: version {expected} != {actual}, retrying");
                rt::sleep(5 << attempt).await;
            }
            Err(e) => return Err(e),
        }
    }
    unreachable!("loop always returns")
}

pub async fn statement(store: &MemEventStore, id: u64) -> Vec<String> {
    let events = store.load(id).await;
    let mut running = 0i64;
    let mut lines = Vec::with_capacity(events.len());
    for (seq, event) in events.iter().enumerate() {
        let line = match event {
            Event::Deposited(n) => {
                running += *n as i64;
                format!("{seq:>4}  +{n:<8} {running}")
            }
            Event::Withdrawn(n) => {
                running -= *n as i64;
                format!("{seq:>4}  -{n:<8} {running}")
            }
            other => format!("{seq:>4}  {other:?}"),
        };
        lines.push(line);
    }
    lines
}

pub async fn teller(store: &MemEventStore) -> Result<Vec<String>, CmdError> {
    handle(store, 1, Command::Open("ada".into())).await?;
    handle(store, 1, Command::Deposit(500)).await?;
    if let Err(CmdError::Insufficient { balance, wanted }) = handle(store, 1, Command::Withdraw(900)).await {
        println!("declined: balance {balance}, wanted {wanted}");
    }
    handle(store, 1, Command::Close).await?;
    Ok(statement(store, 1).await)
}
