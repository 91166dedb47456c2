//@ edition: 2024
//! Borrows: once a local has been borrowed, rustc cannot prove the reference
//! is gone, so the local is kept in every later suspend state until its scope
//! ends, even if it is never used again. This applies even to Copy values.
//! Look for: `header` is kept in `borrowed` but not in `not_borrowed`; `counts`
//! is kept after `&mut counts`; `ids.len()` and `stats.ratio()` auto-ref
//! (`&ids`, `&stats`), which is a borrow; `println!("{code}")` takes `&code`.

async fn send() {}

fn checksum(bytes: &[u8]) -> u32 {
    bytes.iter().map(|&b| b as u32).sum()
}

fn fill(counts: &mut [u16; 32]) {
    counts[0] = 1;
}

#[derive(Clone, Copy)]
pub struct Stats {
    hits: u64,
    misses: u64,
}

impl Stats {
    fn ratio(&self) -> u64 {
        self.hits / (self.misses + 1)
    }
}

pub async fn not_borrowed() -> u8 {
    let header = [7u8; 128];
    let first: u8 = header[0];
    send().await;
    first
}

pub async fn borrowed() -> u32 {
    let header = [7u8; 128];
    let sum: u32 = checksum(&header);
    send().await;
    sum
}

pub async fn mut_borrowed() -> u16 {
    let mut counts = [0u16; 32];
    fill(&mut counts);
    let first: u16 = counts[0];
    send().await;
    first
}

pub async fn method_autoref() -> u64 {
    let ids = [1u32; 16];
    let n: usize = ids.len();
    let stats = Stats { hits: 90, misses: 10 };
    let ratio: u64 = stats.ratio();
    send().await;
    n as u64 + ratio
}

pub async fn printed() {
    let code: u32 = 404;
    println!("status {code}");
    send().await;
}

// A reference itself (8 or 16 bytes) can also be what crosses the await.
pub async fn holds_reference(names: &[String]) -> usize {
    let first: &String = &names[0];
    send().await;
    first.len()
}
