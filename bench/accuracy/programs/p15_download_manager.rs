#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]

#[derive(Debug, Clone, PartialEq)]
enum Status {
    Queued,
    Running { received: u64 },
    Done { bytes: u64, checksum: u32 },
    Failed(String),
}

#[derive(Debug)]
struct Download {
    url: String,
    size: u64,
    status: Status,
}

async fn read_chunk(url: &str, offset: u64, len: u64) -> Result<Vec<u8>, String> {
    if url.contains("broken") && offset > 0 {
        return Err("connection reset".into());
    }
    Ok(vec![(offset % 251) as u8; len as usize])
}

async fn head(url: &str) -> Option<u64> {
    if url.starts_with("http") { Some(10_000) } else { None }
}

async fn sleep_ms(ms: u64) {}

fn checksum(acc: u32, chunk: &[u8]) -> u32 {
    chunk.iter().fold(acc, |a, b| a.wrapping_mul(31).wrapping_add(*b as u32))
}

impl Download {
    async fn run(&mut self, chunk_size: u64) {
        let Some(size) = head(&self.url).await else {
            self.status = Status::Failed("HEAD failed".to_string());
            return;
        };
        self.size = size;
        let mut received = 0u64;
        let mut sum = 0u32;
        while received < self.size {
            let len = chunk_size.min(self.size - received);
            let chunk = match read_chunk(&self.url, received, len).await {
                Ok(c) => c,
                Err(e) => {
                    self.status = Status::Failed(e);
                    return;
                }
            };
            sum = checksum(sum, &chunk);
            received += chunk.len() as u64;
            self.status = Status::Running { received };
            if received % (chunk_size * 4) == 0 {
                sleep_ms(1).await;
            }
        }
        self.status = Status::Done { bytes: received, checksum: sum };
    }
}

async fn download_all(urls: Vec<&str>) -> (u64, Vec<String>) {
    let mut downloads: Vec<Download> = urls
        .into_iter()
        .map(|u| Download { url: u.to_string(), size: 0, status: Status::Queued })
        .collect();
    for d in downloads.iter_mut() {
        d.run(1024).await;
    }
    let mut total = 0;
    let mut errors = Vec::new();
    for d in &downloads {
        match &d.status {
            Status::Done { bytes, .. } => total += bytes,
            Status::Failed(e) => errors.push(format!("{}: {}", d.url, e)),
            other => errors.push(format!("{}: unexpected {:?}", d.url, other)),
        }
    }
    (total, errors)
}

async fn download_with_fallback(primary: &str, backup: &str) -> Status {
    let mut d = Download { url: primary.to_string(), size: 0, status: Status::Queued };
    d.run(512).await;
    if let Status::Failed(_) = d.status {
        let mut b = Download { url: backup.to_string(), size: 0, status: Status::Queued };
        b.run(512).await;
        return b.status;
    }
    d.status
}
