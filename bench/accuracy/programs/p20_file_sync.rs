#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]

use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq)]
struct FileMeta {
    path: String,
    size: u64,
    hash: u128,
}

#[derive(Debug)]
enum Action {
    Upload(FileMeta),
    Download(FileMeta),
    Conflict(String),
}

async fn list_local(dir: &str) -> Vec<FileMeta> {
    (0..3u64)
        .map(|i| FileMeta { path: format!("{}/f{}", dir, i), size: i * 100, hash: i as u128 * 7 })
        .collect()
}

async fn list_remote(dir: &str) -> Result<Vec<FileMeta>, String> {
    Ok((1..4u64)
        .map(|i| FileMeta { path: format!("{}/f{}", dir, i), size: i * 100, hash: i as u128 * 11 })
        .collect())
}

async fn transfer(meta: &FileMeta, upload: bool) -> Result<u64, String> {
    if meta.size > 1_000_000 { Err(format!("{} too big", meta.path)) } else { Ok(meta.size) }
}

fn plan(local: Vec<FileMeta>, remote: Vec<FileMeta>) -> Vec<Action> {
    let mut remote_map: HashMap<String, FileMeta> =
        remote.into_iter().map(|m| (m.path.clone(), m)).collect();
    let mut actions = Vec::new();
    for l in local {
        match remote_map.remove(&l.path) {
            None => actions.push(Action::Upload(l)),
            Some(r) if r.hash == l.hash => {}
            Some(r) if r.size == 0 => actions.push(Action::Upload(l)),
            Some(r) => actions.push(Action::Conflict(r.path)),
        }
    }
    for (_, r) in remote_map {
        actions.push(Action::Download(r));
    }
    actions
}

async fn execute(actions: &[Action]) -> (u64, Vec<String>) {
    let mut bytes = 0u64;
    let mut conflicts = Vec::new();
    for action in actions {
        let result = match action {
            Action::Upload(m) => transfer(m, true).await,
            Action::Download(m) => transfer(m, false).await,
            Action::Conflict(p) => {
                conflicts.push(p.clone());
                continue;
            }
        };
        match result {
            Ok(n) => bytes += n,
            Err(e) => println!("transfer error: {}", e),
        }
    }
    (bytes, conflicts)
}

async fn sync_dir(dir: &str) -> Result<u64, String> {
    let local = list_local(dir).await;
    let remote = list_remote(dir).await?;
    let actions = plan(local, remote);
    if actions.is_empty() {
        return Ok(0);
    }
    let (bytes, conflicts) = execute(&actions).await;
    if !conflicts.is_empty() {
        println!("{} conflicts in {}", conflicts.len(), dir);
    }
    Ok(bytes)
}

async fn sync_all(dirs: &[&str]) -> u64 {
    let mut total = 0;
    for d in dirs {
        total += sync_dir(d).await.unwrap_or(0);
    }
    total
}
