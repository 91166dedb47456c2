//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Calendar sync: two-way sync between a local calendar and remote providers using etags and last-modified conflict resolution.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::future::Future;
use std::pin::{pin, Pin};
use std::sync::Mutex;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

fn noop_raw() -> RawWaker {
    fn clone(_: *const ()) -> RawWaker {
        noop_raw()
    }
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

struct Yield {
    left: u32,
}

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

#[derive(Debug, Clone, PartialEq)]
struct Event {
    uid: String,
    title: String,
    start_min: u32,
    duration_min: u32,
    modified: u64,
    etag: u32,
}

#[derive(Debug)]
enum SyncError {
    Unauthorized(&'static str),
    Conflict { uid: String },
}

#[derive(Debug, Default)]
struct SyncReport {
    pulled: u32,
    pushed: u32,
    conflicts_resolved: u32,
    deleted: u32,
}

trait Provider {
    fn label(&self) -> &'static str;
    async fn list_changed(&self, since: u64) -> Result<Vec<Event>, SyncError>;
    async fn put(&self, ev: &Event) -> Result<u32, SyncError>;
}

struct CalDav {
    store: Mutex<HashMap<String, Event>>,
    token_valid: bool,
}

struct ExchangeLike {
    items: Mutex<Vec<Event>>,
}

impl Provider for CalDav {
    fn label(&self) -> &'static str {
        "caldav"
    }
    async fn list_changed(&self, since: u64) -> Result<Vec<Event>, SyncError> {
        Yield { left: 2 }.await;
        if !self.token_valid {
            return Err(SyncError::Unauthorized("caldav token expired"));
        }
        Ok(self.store.lock().unwrap().values().filter(|e| e.modified > since).cloned().collect())
    }
    async fn put(&self, ev: &Event) -> Result<u32, SyncError> {
        Yield { left: 1 }.await;
        let mut store = self.store.lock().unwrap();
        let etag = store.get(&ev.uid).map_or(1, |e| e.etag + 1);
        store.insert(ev.uid.clone(), Event { etag, ..ev.clone() });
        Ok(etag)
    }
}

impl Provider for ExchangeLike {
    fn label(&self) -> &'static str {
        "exchange"
    }
    async fn list_changed(&self, since: u64) -> Result<Vec<Event>, SyncError> {
        Yield { left: 1 }.await;
        let items = self.items.lock().unwrap();
        Ok(items.iter().filter(|e| e.modified > since).cloned().collect())
    }
    async fn put(&self, ev: &Event) -> Result<u32, SyncError> {
        Yield { left: 3 }.await;
        let mut items = self.items.lock().unwrap();
        if let Some(existing) = items.iter_mut().find(|e| e.uid == ev.uid) {
            if existing.etag > ev.etag + 1 {
                return Err(SyncError::Conflict { uid: ev.uid.clone() });
            }
            *existing = Event { etag: existing.etag + 1, ..ev.clone() };
            Ok(existing.etag)
        } else {
            items.push(ev.clone());
            Ok(ev.etag)
        }
    }
}

struct LocalCalendar {
    events: BTreeMap<String, Event>,
    tombstones: HashSet<String>,
    last_sync: u64,
}

async fn sync_with<P: Provider>(local: &mut LocalCalendar, remote: &P, now: u64) -> Result<SyncReport, SyncError> {
    let mut report = SyncReport::default();
    let remote_changes = remote.list_changed(local.last_sync).await?;
    let mut touched = HashSet::new();
    for rev in remote_changes.into_iter() {
        touched.insert(rev.uid.clone());
        if local.tombstones.contains(&rev.uid) {
            report.deleted += 1;
            continue;
        }
        if let Some(mine) = local.events.get(&rev.uid)
            && mine.modified > local.last_sync
            && mine != &rev
        {
            report.conflicts_resolved += 1;
            if mine.modified >= rev.modified {
                let mine = mine.clone();
                remote.put(&mine).await?;
                report.pushed += 1;
                continue;
            }
        }
        local.events.insert(rev.uid.clone(), rev);
        report.pulled += 1;
    }
    let outgoing: Vec<Event> = local
        .events
        .values()
        .filter(|e| e.modified > local.last_sync && !touched.contains(&e.uid))
        .cloned()
        .collect();
    for ev in outgoing.iter() {
        match remote.put(ev).await {
            Ok(etag) => {
                if let Some(e) = local.events.get_mut(&ev.uid) {
                    e.etag = etag;
                }
                report.pushed += 1;
            }
            Err(SyncError::Conflict { uid }) => println!("[{}] conflict on {uid}, will retry", remote.label()),
            Err(e) => return Err(e),
        }
    }
    local.last_sync = now;
    Ok(report)
}

fn agenda(local: &LocalCalendar, day_start: u32) -> impl Future<Output = Vec<String>> {
    async move {
        Yield { left: 1 }.await;
        let mut evs: Vec<&Event> = local.events.values().filter(|e| e.start_min >= day_start && e.start_min < day_start + 1440).collect();
        evs.sort_by_key(|e| e.start_min);
        evs.iter().map(|e| format!("{:02}:{:02} {}", (e.start_min % 1440) / 60, e.start_min % 60, e.title)).collect()
    }
}

fn ev(uid: &str, title: &str, start: u32, modified: u64) -> Event {
    Event { uid: uid.into(), title: title.into(), start_min: start, duration_min: 30, modified, etag: 1 }
}

fn main() {
    let mut local = LocalCalendar {
        events: BTreeMap::from([("a".to_string(), ev("a", "Standup", 540, 120)), ("b".to_string(), ev("b", "1:1 with Sam", 600, 90))]),
        tombstones: HashSet::from(["z".to_string()]),
        last_sync: 100,
    };
    let caldav = CalDav {
        store: Mutex::new(HashMap::from([("a".to_string(), ev("a", "Standup (moved)", 555, 110)), ("c".to_string(), ev("c", "Dentist", 900, 130)), ("z".to_string(), ev("z", "Old", 10, 140))])),
        token_valid: true,
    };
    let exchange = ExchangeLike { items: Mutex::new(vec![ev("d", "Board review", 720, 205)]) };
    println!("caldav: {:?}", block_on(sync_with(&mut local, &caldav, 200)));
    println!("exchange: {:?}", block_on(sync_with(&mut local, &exchange, 210)));
    let expired = CalDav { store: Mutex::new(HashMap::new()), token_valid: false };
    println!("expired: {:?}", block_on(sync_with(&mut local, &expired, 220)));
    for line in block_on(agenda(&local, 0)) {
        println!("  {line}");
    }
    let touch = async |cal: &mut LocalCalendar, uid: &str| {
        Yield { left: 1 }.await;
        if let Some(e) = cal.events.get_mut(uid) {
            e.modified = 300;
        }
        exchange.put(&cal.events[uid]).await
    };
    println!("touch: {:?}", block_on(touch(&mut local, "c")));
}
