//! Measures how often the analysis agrees with rustc on a directory of programs.
//!
//! ```text
//! cargo run --release -p futurelens-analyzer --example accuracy -- bench/accuracy/programs [-v]
//! ```
//!
//! Every `.rs` file is compiled with `rustc -Zprint-type-sizes` and analysed; the report gives,
//! over all futures rustc lays out, the share whose states match and the share of suspend
//! points whose saved locals match. `-v` lists every difference.

use std::path::{Path, PathBuf};
use std::process::Command;

use futurelens_analyzer::{Options, analyze, crosscheck, rustc};

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "-v");
    args.retain(|a| a != "-v");
    let Some(dir) = args.first() else {
        eprintln!("usage: accuracy DIR [-v]");
        std::process::exit(2);
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| {
            eprintln!("error: cannot read `{dir}`: {e}");
            std::process::exit(1)
        })
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    files.sort();
    let (mut futures, mut states_ok, mut suspends, mut suspends_ok) = (0, 0, 0, 0);
    let (mut missing, mut extra) = (0, 0);
    for path in &files {
        let Some(layouts) = rustc_layouts(path) else {
            println!("{}: does not compile, skipped", path.display());
            continue;
        };
        let src = std::fs::read_to_string(path).unwrap_or_default();
        let analysis = analyze(&src, &Options { file_name: path.display().to_string(), ..Options::default() });
        let result = crosscheck::check(&analysis, &layouts);
        for f in &result.futures {
            futures += 1;
            states_ok += usize::from(f.states_match);
            suspends += f.suspends;
            suspends_ok += f.suspends_matching;
        }
        missing += result.missing.len();
        extra += result.extra.len();
        if verbose {
            for d in result.differences() {
                println!("{}: {d}", path.display());
            }
        }
    }
    let pct = |a: usize, b: usize| if b == 0 { 100.0 } else { a as f64 * 100.0 / b as f64 };
    println!("files: {}", files.len());
    println!(
        "futures compared: {futures} (rustc futures not found: {missing}; found but not laid out by rustc: {extra})"
    );
    println!("states match: {states_ok}/{futures} = {:.1}%", pct(states_ok, futures));
    println!("saved locals match: {suspends_ok}/{suspends} suspend points = {:.1}%", pct(suspends_ok, suspends));
}

fn rustc_layouts(path: &Path) -> Option<Vec<rustc::RustcFuture>> {
    let out = std::env::temp_dir().join(format!("futurelens-accuracy-{}.rmeta", std::process::id()));
    let output = Command::new("rustc")
        .env("RUSTC_BOOTSTRAP", "1")
        .args(["--edition", "2021", "--crate-type", "lib", "-Zprint-type-sizes", "--emit", "metadata", "-o"])
        .arg(&out)
        .arg(path)
        .output()
        .ok()?;
    let _ = std::fs::remove_file(&out);
    output.status.success().then(|| rustc::parse_print_type_sizes(&String::from_utf8_lossy(&output.stdout)))
}
