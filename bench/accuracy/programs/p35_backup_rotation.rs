#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]

#[derive(Debug, Clone)]
struct Snapshot {
    name: String,
    day: u32,
    bytes: u64,
}

#[derive(Debug, Default)]
struct Policy {
    keep_daily: usize,
    keep_weekly: usize,
    keep_monthly: usize,
}

async fn list_snapshots(bucket: &str) -> Result<Vec<Snapshot>, String> {
    Ok((0..40u32).map(|d| Snapshot { name: format!("{}-{:03}", bucket, d), day: d, bytes: 1 << 20 }).collect())
}

async fn delete_snapshot(name: &str) -> Result<(), String> {
    if name.ends_with("013") { Err(format!("{} is locked", name)) } else { Ok(()) }
}

async fn create_snapshot(bucket: &str, day: u32) -> Snapshot {
    Snapshot { name: format!("{}-{:03}", bucket, day), day, bytes: 2 << 20 }
}

fn select_keep(snaps: &[Snapshot], p: &Policy) -> Vec<bool> {
    let mut keep = vec![false; snaps.len()];
    let (mut d, mut w, mut m) = (0usize, 0usize, 0usize);
    for (i, s) in snaps.iter().enumerate().rev() {
        if d < p.keep_daily {
            keep[i] = true;
            d += 1;
        } else if s.day % 7 == 0 && w < p.keep_weekly {
            keep[i] = true;
            w += 1;
        } else if s.day % 30 == 0 && m < p.keep_monthly {
            keep[i] = true;
            m += 1;
        }
    }
    keep
}

async fn rotate(bucket: &str, policy: &Policy, dry_run: bool) -> Result<(usize, u64), String> {
    let mut snaps = list_snapshots(bucket).await?;
    snaps.sort_by_key(|s| s.day);
    let keep = select_keep(&snaps, policy);
    let mut deleted = 0usize;
    let mut freed = 0u64;
    let doomed: Vec<Snapshot> = snaps
        .iter()
        .zip(keep.iter())
        .filter(|(_, k)| !**k)
        .map(|(s, _)| s.clone())
        .collect();
    let total_before = snaps.len();
    drop(snaps);
    for snap in doomed.iter() {
        if dry_run {
            println!("would delete {}", snap.name);
            deleted += 1;
            continue;
        }
        match delete_snapshot(&snap.name).await {
            Ok(()) => {
                deleted += 1;
                freed += snap.bytes;
            }
            Err(e) => println!("skip: {}", e),
        }
    }
    Ok((deleted, freed))
}

async fn nightly(buckets: &[&str], today: u32) -> u64 {
    let policy = Policy { keep_daily: 7, keep_weekly: 4, keep_monthly: 6 };
    let mut total_freed = 0;
    for bucket in buckets {
        let snap = create_snapshot(bucket, today).await;
        println!("created {} ({} bytes)", snap.name, snap.bytes);
        let preview = rotate(bucket, &policy, true).await;
        if let Ok((n, _)) = preview {
            if n > 30 {
                println!("refusing to delete {} snapshots in {}", n, bucket);
                continue;
            }
        }
        total_freed += rotate(bucket, &policy, false).await.map(|(_, f)| f).unwrap_or(0);
    }
    total_freed
}
