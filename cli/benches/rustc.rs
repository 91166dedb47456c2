//! futurelens against the compiler on the largest sample program: the estimate from source,
//! `--rustc` (which runs the compiler too), and plain `rustc -Zprint-type-sizes`, the tool
//! users would otherwise reach for. Each is the best of seven runs.
//!
//! ```text
//! cargo bench -p futurelens --bench rustc
//! ```

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn best_of(runs: usize, mut make: impl FnMut() -> Command) -> Option<Duration> {
    let mut best: Option<Duration> = None;
    for _ in 0..runs {
        let start = Instant::now();
        let status = make().stdout(Stdio::null()).stderr(Stdio::null()).status().ok()?;
        let elapsed = start.elapsed();
        if !status.success() {
            return None;
        }
        best = Some(best.map_or(elapsed, |b| b.min(elapsed)));
    }
    best
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut samples: Vec<PathBuf> = std::fs::read_dir(root.join("sample-programs"))
        .map(|d| {
            d.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|e| e == "rs")).collect()
        })
        .unwrap_or_default();
    let out = std::env::temp_dir().join("futurelens-bench-rustc.rlib");
    let rustc_on = |file: &Path| {
        let mut c = Command::new("rustc");
        c.env("RUSTC_BOOTSTRAP", "1")
            .args(["--edition", "2021", "--crate-type", "lib", "-Zprint-type-sizes", "-o"])
            .arg(&out)
            .arg(file);
        c
    };
    // The largest sample that rustc compiles (those that do not compile, by design, are left
    // out because rustc rejects them, whatever their header says).
    samples.sort_by_key(|p| std::cmp::Reverse(std::fs::metadata(p).map(|m| m.len()).unwrap_or(0)));
    let compiles =
        |p: &PathBuf| rustc_on(p).stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok_and(|s| s.success());
    let Some(largest) = samples.into_iter().find(compiles) else {
        println!("rustc: no sample program compiles");
        return;
    };
    let bin = env!("CARGO_BIN_EXE_futurelens");
    let estimate = best_of(7, || {
        let mut c = Command::new(bin);
        c.arg("analyze").arg(&largest);
        c
    });
    let with_rustc = best_of(7, || {
        let mut c = Command::new(bin);
        c.arg("analyze").arg(&largest).arg("--rustc");
        c
    });
    let rustc = best_of(7, || rustc_on(&largest));
    let _ = std::fs::remove_file(&out);
    println!("sample: {}", largest.strip_prefix(&root).unwrap_or(&largest).display());
    let ms = |d: Option<Duration>| d.map_or("failed".to_string(), |d| format!("{:.1} ms", d.as_secs_f64() * 1e3));
    println!("futurelens analyze (estimate)       {}", ms(estimate));
    println!("futurelens analyze --rustc          {}", ms(with_rustc));
    println!("rustc -Zprint-type-sizes            {}", ms(rustc));
    if let (Some(e), Some(w), Some(r)) = (estimate, with_rustc, rustc) {
        println!(
            "ratio estimate/rustc: {:.3}; --rustc/rustc: {:.2}",
            e.as_secs_f64() / r.as_secs_f64(),
            w.as_secs_f64() / r.as_secs_f64()
        );
    }
}
