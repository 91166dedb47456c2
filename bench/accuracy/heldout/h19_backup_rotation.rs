#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]
// Backup rotation job: take a snapshot, then keep N daily / M weekly backups and prune the rest.

use std::collections::HashSet;

#[derive(Debug, Clone, PartialEq)]
struct Backup {
    name: String,
    day: u32,
    size_mb: u64,
}

#[derive(Debug, Clone, Copy)]
struct Policy {
    keep_daily: usize,
    keep_weekly: usize,
}

async fn list_backups(bucket: &str) -> Result<Vec<Backup>, String> {
    Ok((1..=20).map(|d| Backup { name: format!("{}/db-{:03}.tar", bucket, d), day: d, size_mb: 100 + d as u64 }).collect())
}

async fn create_snapshot(db: &str, day: u32) -> Result<Backup, String> {
    if db.is_empty() {
        return Err("no database configured".into());
    }
    Ok(Backup { name: format!("backups/db-{:03}.tar", day), day, size_mb: 130 })
}

async fn delete_object(name: &str) -> Result<(), String> {
    if name.contains("locked") { Err(format!("{} has a legal hold", name)) } else { Ok(()) }
}

fn select_keep(mut backups: Vec<Backup>, policy: Policy) -> (Vec<Backup>, Vec<Backup>) {
    backups.sort_by(|a, b| b.day.cmp(&a.day));
    let mut keep: HashSet<u32> = HashSet::new();
    for b in backups.iter().take(policy.keep_daily) {
        keep.insert(b.day);
    }
    let mut weeks_seen = 0;
    for b in &backups {
        if weeks_seen >= policy.keep_weekly {
            break;
        }
        if b.day % 7 == 0 {
            keep.insert(b.day);
            weeks_seen += 1;
        }
    }
    backups.into_iter().partition(|b| keep.contains(&b.day))
}

async fn prune(victims: &[Backup], dry_run: bool) -> (u64, Vec<String>) {
    let mut freed: u64 = 0;
    let mut errors = Vec::new();
    for (i, b) in victims.iter().enumerate() {
        if dry_run {
            println!("[dry-run] would delete #{} {}", i, b.name);
            freed += b.size_mb;
            continue;
        }
        match delete_object(&b.name).await {
            Ok(()) => freed += b.size_mb,
            Err(e) => errors.push(e),
        }
    }
    (freed, errors)
}

pub async fn rotate(today: u32, dry_run: bool) -> Result<u64, String> {
    let snapshot = create_snapshot("orders_db", today).await?;
    println!("created {} ({} MB)", snapshot.name, snapshot.size_mb);
    let mut all = list_backups("backups").await?;
    if !all.iter().any(|b| b.day == snapshot.day) {
        all.push(snapshot);
    }
    let policy = Policy { keep_daily: 7, keep_weekly: 2 };
    let (kept, victims) = select_keep(all, policy);
    assert!(kept.len() <= policy.keep_daily + policy.keep_weekly);
    let (freed, errors) = prune(&victims, dry_run).await;
    if !errors.is_empty() {
        return Err(errors.join("; "));
    }
    Ok(freed)
}

pub async fn cron_entry() -> u64 {
    let preview = rotate(21, true).await.unwrap_or(0);
    if preview == 0 {
        return 0;
    }
    let real = async move {
        let freed = rotate(21, false).await?;
        Ok::<u64, String>(freed.min(preview))
    };
    match real.await {
        Ok(freed) => freed,
        Err(e) => {
            println!("rotation failed: {}", e);
            0
        }
    }
}
