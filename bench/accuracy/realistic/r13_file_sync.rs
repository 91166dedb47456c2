//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::BTreeMap;

mod rt {
    pub async fn sleep(_ms: u64) {}
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meta {
    pub size: u64,
    pub hash: u64,
    pub mtime: u64,
}

#[derive(Debug)]
pub enum SyncError {
    NotFound(String),
    Io(String),
}

pub trait Fs {
    async fn list(&self, prefix: &str) -> Result<BTreeMap<String, Meta>, SyncError>;
    async fn read(&self, path: &str) -> Result<Vec<u8>, SyncError>;
    async fn write(&self, path: &str, data: &[u8], mtime: u64) -> Result<(), SyncError>;
    async fn remove(&self, path: &str) -> Result<(), SyncError>;
}

fn fnv1a(data: &[u8]) -> u64 {
    data.iter().fold(0xcbf29ce484222325u64, |h, &b| (h ^ b as u64).wrapping_mul(0x100000001b3))
}

fn normalize(path: &str) -> Cow<'_, str> {
    if !path.contains('\\') && !path.contains("//") {
        return Cow::Borrowed(path);
    }
    let mut s = path.replace('\\', "/");
    while s.contains("//") {
        s = s.replace("//", "/");
    }
    Cow::Owned(s)
}

#[derive(Default)]
pub struct MemFs {
    files: RefCell<BTreeMap<String, (Vec<u8>, u64)>>,
}

impl Fs for MemFs {
    async fn list(&self, prefix: &str) -> Result<BTreeMap<String, Meta>, SyncError> {
        let files = self.files.borrow();
        Ok(files
            .range(prefix.to_string()..)
            .take_while(|(k, _)| k.starts_with(prefix))
            .map(|(k, (data, mtime))| (k.clone(), Meta { size: data.len() as u64, hash: fnv1a(data), mtime: *mtime }))
            .collect())
    }
    async fn read(&self, path: &str) -> Result<Vec<u8>, SyncError> {
        self.files.borrow().get(path).map(|(d, _)| d.clone()).ok_or_else(|| SyncError::NotFound(path.into()))
    }
    async fn write(&self, path: &str, data: &[u8], mtime: u64) -> Result<(), SyncError> {
        self.files.borrow_mut().insert(path.to_string(), (data.to_vec(), mtime));
        Ok(())
    }
    async fn remove(&self, path: &str) -> Result<(), SyncError> {
        self.files.borrow_mut().remove(path).map(drop).ok_or_else(|| SyncError::NotFound(path.into()))
    }
}

pub struct ObjectStore {
    pub bucket: String,
    inner: MemFs,
    latency_ms: u64,
}

impl Fs for ObjectStore {
    async fn list(&self, prefix: &str) -> Result<BTreeMap<String, Meta>, SyncError> {
        rt::sleep(self.latency_ms * 3).await;
        self.inner.list(prefix).await
    }
    async fn read(&self, path: &str) -> Result<Vec<u8>, SyncError> {
        rt::sleep(self.latency_ms).await;
        self.inner.read(path).await
    }
    async fn write(&self, path: &str, data: &[u8], mtime: u64) -> Result<(), SyncError> {
        if data.len() > 5 << 20 {
            return Err(SyncError::Io(format!("{}/{}: object too large", self.bucket, path)));
        }
        rt::sleep(self.latency_ms + data.len() as u64 / 1024).await;
        self.inner.write(path, data, mtime).await
    }
    async fn remove(&self, path: &str) -> Result<(), SyncError> {
        rt::sleep(self.latency_ms).await;
        self.inner.remove(path).await.or(Ok(()))
    }
}

#[derive(Debug, Default)]
pub struct Plan {
    pub upload: Vec<String>,
    pub delete: Vec<String>,
    pub conflicts: Vec<String>,
}

pub async fn plan<L: Fs, R: Fs>(local: &L, remote: &R, prefix: &str) -> Result<Plan, SyncError> {
    let (l, r) = (local.list(prefix).await?, remote.list(prefix).await?);
    let mut plan = Plan::default();
    if l.len() == r.len() && l.iter().zip(r.iter()).all(|((a, am), (b, bm))| a == b && am.hash == bm.hash) {
        return Ok(plan);
    }
    for (path, meta) in &l {
        match r.get(path) {
            None => plan.upload.push(path.clone()),
            Some(rm) if rm.hash == meta.hash => {}
            Some(rm) if rm.mtime > meta.mtime => plan.conflicts.push(path.clone()),
            Some(_) => plan.upload.push(path.clone()),
        }
    }
    plan.delete = r.keys().filter(|k| !l.contains_key(*k)).cloned().collect();
    Ok(plan)
}

pub async fn apply<L, R>(local: &L, remote: &R, plan: &Plan, now: u64) -> Result<u64, SyncError>
where
    L: Fs,
    R: Fs,
{
    let mut bytes = 0u64;
    for path in &plan.upload {
        let data = local.read(path).await?;
        bytes += data.len() as u64;
        remote.write(&normalize(path), &data, now).await?;
    }
    for path in plan.delete.iter().chain(plan.conflicts.iter().filter(|p| p.ends_with(".tmp"))) {
        remote.remove(path).await?;
    }
    Ok(bytes)
}

pub async fn sync_docs(local: &MemFs, remote: &ObjectStore) -> Result<(usize, u64), SyncError> {
    let p = plan(local, remote, "docs/").await?;
    let bytes = apply(local, remote, &p, 1_700_000_000).await?;
    let back = plan(remote, local, "docs/").await?;
    Ok((p.upload.len() + back.upload.len(), bytes))
}
