#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Backup rotation with grandfather-father-son retention: snapshots, verification and pruning on object storage.

use std::collections::{BTreeMap, BTreeSet};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

struct Io(u32);

impl Future for Io {
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

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut cx = Context::from_waker(Waker::noop());
    let mut fut = std::pin::pin!(fut);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

/// Converts days since 1970-01-01 to a civil (year, month, day).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + if m <= 2 { 1 } else { 0 }, m, d)
}

fn weekday(days: i64) -> u32 {
    (days + 3).rem_euclid(7) as u32
}

#[derive(Debug, Clone)]
struct Snapshot {
    day: i64,
    key: String,
    size: u64,
    checksum: u32,
}

#[derive(Debug)]
enum BackupError {
    Storage(StorageError),
    Corrupt { key: String, expected: u32, actual: u32 },
}

#[derive(Debug)]
enum StorageError {
    NotFound(String),
    Throttled,
}

impl From<StorageError> for BackupError {
    fn from(e: StorageError) -> Self {
        BackupError::Storage(e)
    }
}

trait ObjectStore {
    async fn put(&mut self, key: &str, data: Vec<u8>) -> Result<(), StorageError>;
    async fn get(&self, key: &str) -> Result<Vec<u8>, StorageError>;
    async fn delete(&mut self, key: &str) -> Result<(), StorageError>;
}

#[derive(Default)]
struct Bucket {
    objects: BTreeMap<String, Vec<u8>>,
    deletes: u32,
}

impl ObjectStore for Bucket {
    async fn put(&mut self, key: &str, data: Vec<u8>) -> Result<(), StorageError> {
        Io(2).await;
        self.objects.insert(key.to_string(), data);
        Ok(())
    }
    async fn get(&self, key: &str) -> Result<Vec<u8>, StorageError> {
        Io(1).await;
        self.objects.get(key).cloned().ok_or_else(|| StorageError::NotFound(key.to_string()))
    }
    async fn delete(&mut self, key: &str) -> Result<(), StorageError> {
        Io(1).await;
        self.deletes += 1;
        self.objects.remove(key).map(|_| ()).ok_or_else(|| StorageError::NotFound(key.to_string()))
    }
}

fn crc(data: &[u8]) -> u32 {
    data.iter().fold(0u32, |acc, &b| acc.rotate_left(5) ^ b as u32)
}

struct Policy {
    daily: usize,
    weekly: usize,
    monthly: usize,
}

fn keep_set(snaps: &[Snapshot], policy: &Policy) -> BTreeSet<i64> {
    let mut days: Vec<i64> = snaps.iter().map(|s| s.day).collect();
    days.sort_unstable_by(|a, b| b.cmp(a));
    let mut keep = BTreeSet::new();
    keep.extend(days.iter().take(policy.daily));
    let mut weeks_seen = BTreeSet::new();
    for d in days.iter().filter(|d| weekday(**d) == 0) {
        if weeks_seen.len() < policy.weekly && weeks_seen.insert(d / 7) {
            keep.insert(*d);
        }
    }
    let mut months_seen = BTreeSet::new();
    for d in days.iter().rev() {
        let (y, m, _) = civil_from_days(*d);
        if months_seen.insert((y, m)) {
            keep.insert(*d);
        }
    }
    let newest_months: Vec<(i64, u32)> = months_seen.iter().rev().take(policy.monthly).copied().collect();
    keep.retain(|d| {
        let (y, m, _) = civil_from_days(*d);
        let is_month_anchor = days.iter().rev().find(|x| civil_from_days(**x).0 == y && civil_from_days(**x).1 == m) == Some(d);
        !is_month_anchor || newest_months.contains(&(y, m)) || days.iter().take(policy.daily).any(|x| x == d) || weekday(*d) == 0
    });
    keep
}

struct Rotator<S: ObjectStore> {
    store: S,
    prefix: String,
    catalog: Vec<Snapshot>,
}

impl<S: ObjectStore> Rotator<S> {
    async fn snapshot(&mut self, day: i64, source: impl Iterator<Item = String>) -> Result<Snapshot, BackupError> {
        let (y, m, d) = civil_from_days(day);
        let key = format!("{}/{:04}-{:02}-{:02}.tar", self.prefix, y, m, d);
        let data: Vec<u8> = source.flat_map(|line| line.into_bytes().into_iter().chain(std::iter::once(b'\n'))).collect();
        let snap = Snapshot { day, key: key.clone(), size: data.len() as u64, checksum: crc(&data) };
        self.store.put(&key, data).await?;
        self.catalog.push(snap.clone());
        Ok(snap)
    }

    async fn verify(&self, snap: &Snapshot) -> Result<(), BackupError> {
        let data = self.store.get(&snap.key).await?;
        let actual = crc(&data);
        if actual != snap.checksum {
            return Err(BackupError::Corrupt { key: snap.key.clone(), expected: snap.checksum, actual });
        }
        Ok(())
    }

    async fn prune(&mut self, policy: &Policy) -> Result<Vec<String>, BackupError> {
        let keep = keep_set(&self.catalog, policy);
        let (kept, doomed): (Vec<Snapshot>, Vec<Snapshot>) = self.catalog.drain(..).partition(|s| keep.contains(&s.day));
        self.catalog = kept;
        let mut removed = Vec::new();
        for snap in doomed {
            match self.store.delete(&snap.key).await {
                Ok(()) | Err(StorageError::NotFound(_)) => removed.push(snap.key),
                Err(e) => return Err(e.into()),
            }
        }
        Ok(removed)
    }
}

fn main() {
    let start_day = 19_700;
    let mut rotator = Rotator { store: Bucket::default(), prefix: "pg/main".to_string(), catalog: Vec::new() };
    let policy = Policy { daily: 3, weekly: 2, monthly: 2 };
    let outcome = block_on(async {
        let mut verified = 0;
        for offset in 0..45 {
            let day = start_day + offset;
            let rows = (0..3 + offset % 4).map(|i| format!("row,{},{}", day, i * offset));
            let snap = rotator.snapshot(day, rows).await?;
            if offset % 10 == 0 {
                rotator.verify(&snap).await?;
                verified += 1;
            }
        }
        let removed = rotator.prune(&policy).await?;
        if let Some(obj) = rotator.store.objects.values_mut().next() {
            obj.push(b'!');
        }
        let first = rotator.catalog[0].clone();
        let corrupt = rotator.verify(&first).await;
        Ok::<_, BackupError>((verified, removed.len(), corrupt))
    });
    match outcome {
        Ok((verified, removed, Err(BackupError::Corrupt { key, .. }))) => println!("verified={} pruned={} corrupted copy detected: {}", verified, removed, key),
        Ok((verified, removed, other)) => println!("verified={} pruned={} last check {:?}", verified, removed, other),
        Err(e) => println!("backup run failed: {:?}", e),
    }
    let kept: Vec<String> = rotator.catalog.iter().map(|s| s.key.rsplit('/').next().unwrap_or("").trim_end_matches(".tar").to_string()).collect();
    let retained_bytes = async |r: &Rotator<Bucket>| -> u64 {
        let mut total = 0;
        for snap in &r.catalog {
            Io(1).await;
            total += r.store.objects.get(&snap.key).map_or(0, |o| o.len() as u64);
        }
        total
    };
    let bytes = block_on(retained_bytes(&rotator));
    println!("kept {} snapshots ({} bytes): {}", kept.len(), bytes, kept.join(" "));
    println!("bucket objects={} deletes={}", rotator.store.objects.len(), rotator.store.deletes);
}
