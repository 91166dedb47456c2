#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]
// File sync client: compares local and remote manifests, uploads changed files in chunks.

use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq)]
struct FileEntry {
    path: String,
    size: u64,
    hash: u32,
}

#[derive(Debug, Default)]
struct SyncReport {
    uploaded: Vec<String>,
    downloaded: Vec<String>,
    conflicts: Vec<String>,
    bytes_sent: u64,
}

async fn fetch_remote_manifest(endpoint: &str) -> Result<Vec<FileEntry>, String> {
    if endpoint.is_empty() {
        return Err("no endpoint".into());
    }
    Ok(vec![
        FileEntry { path: "notes.txt".into(), size: 120, hash: 0xabc },
        FileEntry { path: "photo.jpg".into(), size: 90_000, hash: 0x111 },
    ])
}

async fn read_local_chunk(path: &str, offset: u64, len: usize) -> Result<Vec<u8>, String> {
    Ok(vec![path.len() as u8; len.min(4096)])
}

async fn upload_chunk(path: &str, offset: u64, data: Vec<u8>) -> Result<usize, String> {
    if path.ends_with(".lock") { Err(format!("{} is locked", path)) } else { Ok(data.len()) }
}

async fn upload_file(entry: &FileEntry, chunk_size: usize) -> Result<u64, String> {
    let mut offset: u64 = 0;
    while offset < entry.size {
        let remaining = (entry.size - offset) as usize;
        let chunk = read_local_chunk(&entry.path, offset, remaining.min(chunk_size)).await?;
        if chunk.is_empty() {
            break;
        }
        offset += upload_chunk(&entry.path, offset, chunk).await? as u64;
    }
    Ok(offset)
}

async fn sync(local: Vec<FileEntry>, endpoint: &str) -> Result<SyncReport, String> {
    let remote = fetch_remote_manifest(endpoint).await?;
    let remote_by_path: HashMap<&str, &FileEntry> = remote.iter().map(|e| (e.path.as_str(), e)).collect();
    let mut report = SyncReport::default();

    for entry in &local {
        match remote_by_path.get(entry.path.as_str()) {
            None => {
                report.bytes_sent += upload_file(entry, 4096).await?;
                report.uploaded.push(entry.path.clone());
            }
            Some(r) if r.hash == entry.hash => continue,
            Some(r) if r.size == 0 => {
                report.bytes_sent += upload_file(entry, 1024).await?;
                report.uploaded.push(entry.path.clone());
            }
            Some(_) => report.conflicts.push(entry.path.clone()),
        }
    }

    let download = async |path: &str| -> Result<u64, String> {
        if path.is_empty() {
            return Err("empty path".into());
        }
        Ok(path.len() as u64 * 100)
    };
    let local_paths: Vec<&str> = local.iter().map(|e| e.path.as_str()).collect();
    for r in remote.iter() {
        if local_paths.contains(&r.path.as_str()) {
            continue;
        }
        let got = download(&r.path).await;
        if let Ok(n) = got {
            report.downloaded.push(format!("{} ({}b)", r.path, n));
        }
    }
    Ok(report)
}

pub async fn sync_home() -> usize {
    let local = vec![
        FileEntry { path: "notes.txt".into(), size: 130, hash: 0xdef },
        FileEntry { path: "todo.md".into(), size: 5000, hash: 0x222 },
    ];
    let report = match sync(local, "https://sync.example/api").await {
        Ok(r) => r,
        Err(e) => {
            println!("sync failed: {}", e);
            return 0;
        }
    };
    println!("up={:?} down={:?} conflicts={:?}", report.uploaded, report.downloaded, report.conflicts);
    report.uploaded.len() + report.downloaded.len()
}
