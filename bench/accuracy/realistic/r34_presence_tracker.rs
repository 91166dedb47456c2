//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::{Rc, Weak};
use std::time::{Duration, Instant};

mod rt {
    pub async fn sleep(_ms: u64) {}
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Presence {
    Online,
    Away,
    Offline,
}

struct Entry {
    status: Presence,
    last_seen: Instant,
    devices: Vec<String>,
    note: Option<String>,
}

pub trait Notifier {
    fn notify(&self, user: &str, status: Presence);
}

pub struct Tracker {
    entries: RefCell<HashMap<String, Entry>>,
    watchers: RefCell<HashMap<String, Vec<Weak<dyn Notifier>>>>,
    away_after: Duration,
    offline_after: Duration,
    transitions: Cell<u64>,
}

impl Tracker {
    pub fn new(away_after: Duration, offline_after: Duration) -> Self {
        Tracker { entries: RefCell::default(), watchers: RefCell::default(), away_after, offline_after, transitions: Cell::new(0) }
    }

    pub fn watch(&self, user: &str, n: &Rc<dyn Notifier>) {
        self.watchers.borrow_mut().entry(user.to_string()).or_default().push(Rc::downgrade(n));
    }

    async fn broadcast(&self, user: &str, status: Presence) {
        self.transitions.set(self.transitions.get() + 1);
        let watchers = self.watchers.borrow();
        if let Some(list) = watchers.get(user) {
            for w in list {
                if let Some(n) = w.upgrade() {
                    n.notify(user, status);
                    rt::sleep(0).await;
                }
            }
        }
    }

    pub async fn connect(&self, user: &str, device: &str, note: Option<&str>) {
        let previous = {
            let mut entries = self.entries.borrow_mut();
            let e = entries.entry(user.to_string()).or_insert_with(|| Entry {
                status: Presence::Offline,
                last_seen: Instant::now(),
                devices: Vec::new(),
                note: None,
            });
            if !e.devices.iter().any(|d| d == device) {
                e.devices.push(device.to_string());
            }
            e.last_seen = Instant::now();
            e.note = note.map(str::to_owned).or(e.note.take());
            std::mem::replace(&mut e.status, Presence::Online)
        };
        if previous != Presence::Online {
            self.broadcast(user, Presence::Online).await;
        }
    }

    pub async fn disconnect(&self, user: &str, device: &str) {
        let mut entries = self.entries.borrow_mut();
        let Some(e) = entries.get_mut(user) else { return };
        e.devices.retain(|d| d != device);
        if e.devices.is_empty() && e.status != Presence::Offline {
            e.status = Presence::Offline;
            drop(entries);
            self.broadcast(user, Presence::Offline).await;
        }
    }

    pub async fn sweep(&self, now: Instant) -> usize {
        let changes: Vec<(String, Presence)> = {
            let mut entries = self.entries.borrow_mut();
            entries
                .iter_mut()
                .filter_map(|(user, e)| {
                    let idle = now.saturating_duration_since(e.last_seen);
                    let next = match e.status {
                        _ if e.devices.is_empty() || idle >= self.offline_after => Presence::Offline,
                        Presence::Online if idle >= self.away_after => Presence::Away,
                        s => s,
                    };
                    (next != e.status).then(|| {
                        e.status = next;
                        (user.clone(), next)
                    })
                })
                .collect()
        };
        for (user, status) in &changes {
            self.broadcast(user, *status).await;
        }
        self.entries.borrow_mut().retain(|_, e| e.status != Presence::Offline || e.note.is_some());
        changes.len()
    }
}

pub struct LogNotifier {
    pub prefix: String,
    pub seen: RefCell<Vec<String>>,
}

impl Notifier for LogNotifier {
    fn notify(&self, user: &str, status: Presence) {
        self.seen.borrow_mut().push(format!("{}{}={:?}", self.prefix, user, status));
    }
}

pub async fn run_presence(frames: &str) -> (usize, Vec<String>) {
    let tracker = Tracker::new(Duration::from_secs(300), Duration::from_secs(1800));
    let log = Rc::new(LogNotifier { prefix: "presence:".into(), seen: RefCell::new(Vec::new()) });
    let as_dyn: Rc<dyn Notifier> = log.clone();
    for user in ["alice", "bob"] {
        tracker.watch(user, &as_dyn);
    }
    for frame in frames.split(';').map(str::trim).filter(|f| !f.is_empty()) {
        let parts: Vec<&str> = frame.splitn(3, ':').collect();
        match parts.as_slice() {
            [user, "up", device] => tracker.connect(user, device, None).await,
            [user, "down", device] => tracker.disconnect(user, device).await,
            [user, "note", text] => tracker.connect(user, "web", Some(text)).await,
            _ => eprintln!("bad frame {frame:?}"),
        }
    }
    let swept = tracker.sweep(Instant::now() + Duration::from_secs(600)).await;
    drop(as_dyn);
    let seen = log.seen.borrow().clone();
    (swept, seen)
}
