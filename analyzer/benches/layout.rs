//! The cost of the layout stage next to parsing, on the largest sample program.
//!
//! ```text
//! cargo bench -p futurelens-analyzer --bench layout
//! ```
//!
//! Both stages are timed in the same run, many times over, with `std::time::Instant`; the
//! report gives the median time per run of each and the ratio layout / parse. The layout
//! stage is timed on its own: the futures are lowered once, cloned, and laid out again.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use futurelens_analyzer::{Options, analyze, items, layout, parse};

/// Runs `f` in batches until about `budget` has passed; returns the median time of one run.
fn median(budget: Duration, mut setup_and_run: impl FnMut() -> Duration) -> Duration {
    let mut samples = Vec::new();
    let start = Instant::now();
    while start.elapsed() < budget || samples.len() < 11 {
        samples.push(setup_and_run());
    }
    samples.sort();
    samples[samples.len() / 2]
}

fn largest_sample() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../sample-programs");
    let mut files: Vec<(u64, PathBuf)> = std::fs::read_dir(&dir)
        .map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.path()).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .filter_map(|p| Some((std::fs::metadata(&p).ok()?.len(), p)))
        .collect();
    files.sort();
    files.pop().map(|(_, p)| p).unwrap_or_else(|| dir.join("12_handler.rs"))
}

fn main() {
    let path = largest_sample();
    let src = std::fs::read_to_string(&path).unwrap_or_default();
    let options = Options { file_name: path.display().to_string(), ..Options::default() };
    let Ok(file) = parse::parse(&src) else {
        eprintln!("{} does not parse", path.display());
        return;
    };
    let index = items::FileIndex::build(&file);
    let analysed = analyze(&src, &options);
    let budget = Duration::from_secs(2);
    const BATCH: u32 = 50;

    let parse_time = median(budget, || {
        let t = Instant::now();
        for _ in 0..BATCH {
            black_box(parse::parse(black_box(&src)).is_ok());
        }
        t.elapsed() / BATCH
    });
    let layout_time = median(budget, || {
        let mut copies: Vec<_> = (0..BATCH).map(|_| analysed.futures.clone()).collect();
        let t = Instant::now();
        for futures in &mut copies {
            layout::compute(black_box(futures), &|_| None, &index, &options);
        }
        t.elapsed() / BATCH
    });
    let whole = median(budget, || {
        let t = Instant::now();
        for _ in 0..BATCH {
            black_box(analyze(black_box(&src), &options).futures.len());
        }
        t.elapsed() / BATCH
    });
    let ratio = layout_time.as_secs_f64() / parse_time.as_secs_f64().max(f64::MIN_POSITIVE);
    println!("file: {} ({} bytes, {} futures)", path.display(), src.len(), analysed.futures.len());
    println!("parse:          {:>10.1} µs", parse_time.as_secs_f64() * 1e6);
    println!("layout stage:   {:>10.1} µs", layout_time.as_secs_f64() * 1e6);
    println!("whole analysis: {:>10.1} µs", whole.as_secs_f64() * 1e6);
    println!("ratio layout / parse: {ratio:.2}");
}
