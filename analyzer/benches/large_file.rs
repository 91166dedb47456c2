//! One generated 50 MB file: time and peak memory of analysing it.
//!
//! ```text
//! cargo bench -p futurelens-analyzer --bench large_file
//! ```
//!
//! The file repeats a small module of async fns (awaits, loops, matches, temporaries) until it
//! reaches 50 MB. The report gives the time, the throughput, and the peak resident memory of
//! the process before and after the analysis, so the growth per megabyte of input shows.

use std::time::Instant;

const TARGET_BYTES: usize = 50 << 20;

fn module(i: usize) -> String {
    format!(
        "mod m{i} {{
    pub struct Req{i} {{ pub id: u32, pub body: String, pub tags: Vec<String> }}
    async fn load(id: u32) -> Result<String, String> {{ Ok(format!(\"{{id}}\")) }}
    async fn store(s: &str) -> usize {{ s.len() }}
    pub async fn handle(req: Req{i}, retries: u8) -> Result<usize, String> {{
        let mut total = 0usize;
        let buf = [0u8; 256];
        for tag in req.tags.iter() {{
            let row = load(req.id).await?;
            total += store(&row).await + tag.len();
        }}
        let mut n = 0;
        while n < retries {{
            match load(n as u32).await {{
                Ok(s) if s.len() > 3 => total += store(&s).await,
                Ok(_) => {{}}
                Err(e) => return Err(e),
            }}
            n += 1;
        }}
        Ok(total + buf.len() + store(&req.body).await)
    }}
}}
"
    )
}

fn main() {
    let mut src = String::with_capacity(TARGET_BYTES + 4096);
    let mut i = 0;
    while src.len() < TARGET_BYTES {
        src.push_str(&module(i));
        i += 1;
    }
    let before = peak_rss_kib();
    let start = Instant::now();
    // The analysis runs on a large stack, as the CLI runs it.
    let (futures, awaits) = std::thread::scope(|scope| {
        std::thread::Builder::new()
            .stack_size(512 << 20)
            .spawn_scoped(scope, || {
                let analysis = futurelens_analyzer::analyze(&src, &futurelens_analyzer::Options::default());
                let awaits: usize = analysis.futures.iter().map(|f| f.suspend_states().count()).sum();
                (analysis.futures.len(), awaits)
            })
            .expect("thread")
            .join()
            .expect("analysis")
    });
    let elapsed = start.elapsed();
    let mb = src.len() as f64 / 1e6;
    println!("large file: {:.1} MB, {i} modules, {futures} futures, {awaits} awaits", mb);
    println!("analysis: {:.2} s, {:.1} MB/s", elapsed.as_secs_f64(), mb / elapsed.as_secs_f64());
    if let (Some(before), Some(after)) = (before, peak_rss_kib()) {
        println!(
            "peak resident memory: {:.0} MiB before, {:.0} MiB after ({:.1} MiB per MB of source)",
            before as f64 / 1024.0,
            after as f64 / 1024.0,
            (after.saturating_sub(before)) as f64 / 1024.0 / mb
        );
    }
}

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status.lines().find(|l| l.starts_with("VmHWM:"))?.split_whitespace().nth(1)?.parse().ok()
}
