#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]

use std::collections::HashMap;

trait Storage {
    async fn get(&self, key: &str) -> Option<Vec<u8>>;
    async fn put(&mut self, key: String, value: Vec<u8>) -> Result<(), String>;
}

struct MemoryStore {
    data: HashMap<String, Vec<u8>>,
    limit: usize,
}

struct DiskStore {
    root: String,
    written: u64,
}

async fn disk_read(path: String) -> Option<Vec<u8>> {
    if path.ends_with(".missing") { None } else { Some(path.into_bytes()) }
}

async fn disk_write(path: String, len: usize) -> Result<u64, String> {
    if len > 4096 { Err(format!("{} too large", path)) } else { Ok(len as u64) }
}

impl Storage for MemoryStore {
    async fn get(&self, key: &str) -> Option<Vec<u8>> {
        self.data.get(key).cloned()
    }

    async fn put(&mut self, key: String, value: Vec<u8>) -> Result<(), String> {
        if self.data.len() >= self.limit && !self.data.contains_key(&key) {
            return Err("memory store full".to_string());
        }
        self.data.insert(key, value);
        Ok(())
    }
}

impl Storage for DiskStore {
    async fn get(&self, key: &str) -> Option<Vec<u8>> {
        let path = format!("{}/{}", self.root, key);
        disk_read(path).await
    }

    async fn put(&mut self, key: String, value: Vec<u8>) -> Result<(), String> {
        let path = format!("{}/{}", self.root, key);
        let n = disk_write(path, value.len()).await?;
        self.written += n;
        Ok(())
    }
}

async fn copy_keys(src: &MemoryStore, dst: &mut DiskStore, keys: &[&str]) -> Result<usize, String> {
    let mut copied = 0;
    for key in keys {
        let Some(bytes) = src.get(key).await else { continue };
        dst.put(key.to_string(), bytes).await?;
        copied += 1;
    }
    Ok(copied)
}

async fn tiered_get(mem: &mut MemoryStore, disk: &DiskStore, key: &str) -> Option<Vec<u8>> {
    if let Some(v) = mem.get(key).await {
        return Some(v);
    }
    let v = disk.get(key).await?;
    let _ = mem.put(key.to_string(), v.clone()).await;
    Some(v)
}

async fn storage_demo() -> usize {
    let mut mem = MemoryStore { data: HashMap::new(), limit: 8 };
    let mut disk = DiskStore { root: "/var/data".into(), written: 0 };
    mem.put("a".into(), vec![1, 2, 3]).await.unwrap();
    mem.put("b".into(), b"hello".to_vec()).await.unwrap();
    let copied = copy_keys(&mem, &mut disk, &["a", "b", "c"]).await.unwrap_or(0);
    let hit = tiered_get(&mut mem, &disk, "zzz").await.map(|v| v.len()).unwrap_or(0);
    copied + hit + disk.written as usize
}
