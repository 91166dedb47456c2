//! One generated 50 MB file: time and peak memory of analysing it.
//!
//! ```text
//! cargo bench -p futurelens-analyzer --bench large_file
//! ```
//!
//! The file repeats a small module of async fns (awaits, loops, matches, temporaries) until it
//! reaches 50 MB. The report gives the time, the throughput, and the peak resident memory of
//! the process before and after the analysis, so the growth per megabyte of input shows.
//! Then it writes the file out and runs the release CLI on it end to end, as users do
//! (`futurelens analyze FILE -o OUT`, text and JSON), and gives each run's wall time, CPU time
//! and peak resident memory: the CLI renders each future as the analysis hands it over and
//! drops it, so its peak is not the analysis' whole result.

use std::process::Command;
use std::time::Instant;

#[path = "common/child.rs"]
#[allow(dead_code)] // each bench uses part of it
mod child;

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
    cli(&src, mb);
}

/// The CLI end to end on the same file, written to a temporary directory.
fn cli(src: &str, mb: f64) {
    let Some(binary) = child::cli_binary() else {
        println!("CLI: the release binary could not be built; not measured");
        return;
    };
    let dir = std::env::temp_dir().join(format!("futurelens-large-file-{}", std::process::id()));
    let input = dir.join("large.rs");
    let out = dir.join("out");
    if std::fs::create_dir_all(&dir).and_then(|()| std::fs::write(&input, src)).is_err() {
        println!("CLI: could not write {}; not measured", input.display());
        return;
    }
    for format in ["text", "json"] {
        let mut command = Command::new(&binary);
        command.arg("analyze").arg(&input).args(["--format", format, "-o"]).arg(&out);
        let Some(run) = child::run_child(&mut command) else {
            println!("CLI {format}: could not be run");
            continue;
        };
        let written = std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0);
        println!(
            "CLI {format:<4} -o FILE: {:.2} s, CPU {}, peak resident memory {} ({} per MB of source); {:.1} MB written",
            run.wall.as_secs_f64(),
            run.cpu.map_or("unknown".to_string(), |c| format!("{c:.2} s")),
            run.peak_kib.map_or("unknown".to_string(), |k| format!("{:.0} MiB", k as f64 / 1024.0)),
            run.peak_kib.map_or("unknown".to_string(), |k| format!("{:.1} MiB", k as f64 / 1024.0 / mb)),
            written as f64 / 1e6,
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

fn peak_rss_kib() -> Option<u64> {
    child::vm_hwm_kib(&std::fs::read_to_string("/proc/self/status").ok()?)
}
