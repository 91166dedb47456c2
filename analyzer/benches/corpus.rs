//! Speed over a corpus of real async code, against the floor of parsing it with syn.
//!
//! ```text
//! bash bench/corpus.sh                                  # vendor the corpus once
//! cargo bench -p futurelens-analyzer --bench corpus     # or FUTURELENS_CORPUS=DIR
//! ```
//!
//! One run measures, over every `.rs` file of the corpus: (a) reading the files, (b) parsing
//! them with syn and visiting the tree (the floor), (c) the whole analysis as the CLI runs it
//! on a directory (a file without the text `async` holds no future and is not parsed; the
//! files are shared between all cores), (d) the whole CLI end to end, `futurelens analyze DIR
//! -o FILE` in text and in JSON, run as a child process (the release binary, built first if
//! needed). It prints MB/s, files/s, the ratios to the floor (wall time, and for the CLI also
//! CPU time, from the children's times in `/proc/self/stat`), the peak resident memory of the
//! process and of each CLI run (its `VmHWM`, polled while it runs).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use syn::visit::Visit;

#[path = "common/child.rs"]
mod child;

use child::{cli_binary, run_child, self_cpu, vm_hwm_kib};

fn main() {
    let root = std::env::var_os("FUTURELENS_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../bench/corpus/vendor"));
    if !root.is_dir() {
        println!("corpus: no corpus at {} (run `bash bench/corpus.sh`); nothing measured", root.display());
        return;
    }
    let mut files = Vec::new();
    collect(&root, &mut files);
    files.sort();

    // (a) Read.
    let start = Instant::now();
    let sources: Vec<String> =
        files.iter().filter_map(|f| std::fs::read(f).ok()).map(|b| String::from_utf8_lossy(&b).into_owned()).collect();
    let read = start.elapsed();
    let bytes: usize = sources.iter().map(String::len).sum();

    // (b) syn parse + visit, one thread: the floor.
    let cpu_start = self_cpu();
    let start = Instant::now();
    let mut awaits = 0usize;
    let mut parse_errors = 0usize;
    for src in &sources {
        match syn::parse_file(src) {
            Ok(file) => {
                let mut counter = AwaitCounter(0);
                counter.visit_file(&file);
                awaits += counter.0;
            }
            Err(_) => parse_errors += 1,
        }
        proc_macro2::extra::invalidate_current_thread_spans();
    }
    let parse = start.elapsed();
    let parse_cpu = self_cpu().zip(cpu_start).map(|(b, a)| b - a);

    // (c) The analysis, as `futurelens analyze DIR` runs it.
    let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let start = Instant::now();
    let next = AtomicUsize::new(0);
    let futures = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let (next, futures, sources) = (&next, &futures, &sources);
            std::thread::Builder::new()
                .stack_size(512 << 20)
                .spawn_scoped(scope, move || {
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(src) = sources.get(i) else { break };
                        if !futurelens_analyzer::may_hold_futures(src) {
                            continue;
                        }
                        let analysis = futurelens_analyzer::analyze(src, &futurelens_analyzer::Options::default());
                        futures.fetch_add(analysis.futures.len(), Ordering::Relaxed);
                    }
                })
                .expect("thread");
        }
    });
    let analyze = start.elapsed();

    let mb = bytes as f64 / 1e6;
    let rate =
        |d: Duration| format!("{:8.1} MB/s {:9.0} files/s", mb / d.as_secs_f64(), files.len() as f64 / d.as_secs_f64());
    println!(
        "corpus: {} files, {:.1} MB, {} .await (syn), {} files syn cannot parse",
        files.len(),
        mb,
        awaits,
        parse_errors
    );
    println!("(a) read             {:7.2} s {}", read.as_secs_f64(), rate(read));
    println!("(b) syn parse+visit  {:7.2} s {}   (1 thread)", parse.as_secs_f64(), rate(parse));
    println!(
        "(c) futurelens       {:7.2} s {}   ({threads} threads, {} futures)",
        analyze.as_secs_f64(),
        rate(analyze),
        futures.load(Ordering::Relaxed)
    );
    println!("ratio (c)/(b): {:.2}", analyze.as_secs_f64() / parse.as_secs_f64());
    if let Some(peak) = peak_rss_kib() {
        println!("peak resident memory: {:.0} MiB", peak as f64 / 1024.0);
    }
    drop(sources);

    // (d) The CLI end to end, as users run it.
    let Some(binary) = cli_binary() else {
        println!("(d) futurelens CLI: the release binary could not be built; not measured");
        return;
    };
    let out = std::env::temp_dir().join(format!("futurelens-corpus-bench-{}", std::process::id()));
    for format in ["text", "json"] {
        let mut command = Command::new(&binary);
        command.arg("analyze").arg(&root).args(["--format", format, "-o"]).arg(&out);
        let Some(run) = run_child(&mut command) else {
            println!("(d) futurelens CLI ({format}): could not be run");
            continue;
        };
        let size = std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0);
        let cpu = match (run.cpu, parse_cpu) {
            (Some(cpu), Some(floor)) => {
                format!("CPU {:6.2} s = {:.2}x the floor's {:.2} s", cpu, cpu / floor, floor)
            }
            _ => "CPU unknown".to_string(),
        };
        println!(
            "(d) CLI {format:<4} -o FILE {:7.2} s = {:.2}x the floor's wall time; {cpu}; peak {} ; {:.1} MB written",
            run.wall.as_secs_f64(),
            run.wall.as_secs_f64() / parse.as_secs_f64(),
            run.peak_kib.map_or("unknown".to_string(), |k| format!("{:.0} MiB", k as f64 / 1024.0)),
            size as f64 / 1e6,
        );
    }
    let _ = std::fs::remove_file(&out);
}

struct AwaitCounter(usize);

impl<'ast> Visit<'ast> for AwaitCounter {
    fn visit_expr_await(&mut self, e: &'ast syn::ExprAwait) {
        self.0 += 1;
        syn::visit::visit_expr_await(self, e);
    }
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else { continue };
        if kind.is_dir() {
            collect(&path, out);
        } else if kind.is_file() && path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The peak resident set size of this process (Linux), in KiB.
fn peak_rss_kib() -> Option<u64> {
    vm_hwm_kib(&std::fs::read_to_string("/proc/self/status").ok()?)
}
