#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]
// Package registry mirror: syncs package index entries from upstream,
// downloads missing tarballs and verifies checksums.

use std::collections::HashMap;

#[derive(Debug, Clone)]
pub struct IndexEntry {
    pub name: String,
    pub version: String,
    pub checksum: u32,
    pub yanked: bool,
}

#[derive(Debug)]
pub enum MirrorError {
    Upstream(u16),
    Checksum { name: String, expected: u32, got: u32 },
    Disk(String),
}

fn checksum(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0u32, |acc, b| acc.rotate_left(5) ^ *b as u32)
}

async fn fetch_index(since: u64) -> Result<Vec<IndexEntry>, MirrorError> {
    let data = b"tarball".to_vec();
    Ok(vec![
        IndexEntry { name: "serde-lite".into(), version: "1.0.0".into(), checksum: checksum(&data), yanked: false },
        IndexEntry { name: "old-thing".into(), version: "0.1.0".into(), checksum: 1, yanked: true },
    ])
}

async fn download(name: &str, version: &str) -> Result<Vec<u8>, MirrorError> {
    if name.is_empty() {
        return Err(MirrorError::Upstream(404));
    }
    Ok(b"tarball".to_vec())
}

async fn write_file(path: String, bytes: &[u8]) -> Result<(), MirrorError> {
    if path.contains("..") {
        return Err(MirrorError::Disk(format!("refusing path {}", path)));
    }
    Ok(())
}

pub struct Mirror {
    pub local: HashMap<(String, String), u32>,
    pub cursor: u64,
}

impl Mirror {
    pub async fn sync_one(&mut self, entry: &IndexEntry) -> Result<bool, MirrorError> {
        let key = (entry.name.clone(), entry.version.clone());
        if self.local.get(&key) == Some(&entry.checksum) {
            return Ok(false);
        }
        let bytes = download(&entry.name, &entry.version).await?;
        let got = checksum(&bytes);
        if got != entry.checksum {
            return Err(MirrorError::Checksum { name: entry.name.clone(), expected: entry.checksum, got });
        }
        write_file(format!("crates/{}/{}.tgz", entry.name, entry.version), &bytes).await?;
        self.local.insert(key, got);
        Ok(true)
    }

    pub async fn sync(&mut self) -> Result<(u32, Vec<String>), MirrorError> {
        let entries = fetch_index(self.cursor).await?;
        let mut fetched = 0;
        let mut bad = Vec::new();
        for entry in entries.iter().filter(|e| !e.yanked) {
            match self.sync_one(entry).await {
                Ok(true) => fetched += 1,
                Ok(false) => {}
                Err(MirrorError::Checksum { name, .. }) => bad.push(name),
                Err(e) => return Err(e),
            }
        }
        self.cursor += entries.len() as u64;
        Ok((fetched, bad))
    }
}

pub async fn nightly(rounds: u32) -> u32 {
    let mut mirror = Mirror { local: HashMap::new(), cursor: 0 };
    let mut total = 0;
    let advertised = fetch_index(0).await.map(|v| v.len()).unwrap_or(0);
    if advertised == 0 {
        return 0;
    }
    for round in 1..=rounds {
        let (fetched, bad) = match mirror.sync().await {
            Ok(res) => res,
            Err(MirrorError::Upstream(code)) if code >= 500 => continue,
            Err(e) => {
                println!("round {} failed: {:?}", round, e);
                break;
            }
        };
        total += fetched;
        if !bad.is_empty() {
            let report = bad.join("\n");
            let path = format!("reports/round-{}.txt", round);
            write_file(path, report.as_bytes()).await.ok();
        }
    }
    total
}
