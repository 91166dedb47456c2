//! Measures how often the estimated future sizes equal rustc's on a directory of programs.
//!
//! ```text
//! cargo run --release -p futurelens-analyzer --example layout_accuracy -- bench/accuracy/programs [-v]
//! ```
//!
//! Every `.rs` file is compiled with `rustc -Zprint-type-sizes` and analysed. The report gives,
//! over all futures rustc lays out, the share with an estimated size, and of those the share
//! whose total size equals rustc's and whose whole layout (every state's printed size, every
//! field's size and offset) does. `-v` lists every difference and every unknown size.

use std::path::{Path, PathBuf};
use std::process::Command;

use futurelens_analyzer::layout::compare;
use futurelens_analyzer::{Options, Severity, analyze, crosscheck, rustc};

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "-v");
    args.retain(|a| a != "-v");
    let Some(dir) = args.first() else {
        eprintln!("usage: layout_accuracy DIR|FILE [-v]");
        std::process::exit(2);
    };
    let path = Path::new(dir);
    let mut files: Vec<PathBuf> = if path.is_file() {
        vec![path.to_path_buf()]
    } else {
        std::fs::read_dir(dir).map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect()).unwrap_or_default()
    };
    files.retain(|p| p.extension().is_some_and(|e| e == "rs"));
    files.sort();
    let (mut futures, mut estimated, mut total_ok, mut exact) = (0, 0, 0, 0);
    let (mut same_saved, mut same_saved_exact) = (0, 0);
    for path in &files {
        let Some(layouts) = rustc_layouts(path) else {
            println!("{}: does not compile, skipped", path.display());
            continue;
        };
        let src = std::fs::read_to_string(path).unwrap_or_default();
        let analysis = analyze(&src, &Options { file_name: path.display().to_string(), ..Options::default() });
        for theirs in &layouts {
            let Some(ours) = analysis.futures.iter().find(|f| f.name == theirs.name) else { continue };
            futures += 1;
            let Some(layout) = &ours.layout else {
                if verbose {
                    for d in ours.diagnostics.iter().filter(|d| d.severity == Severity::Note) {
                        println!("{}: `{}` unknown: {}", path.display(), ours.name, d.message);
                    }
                }
                continue;
            };
            estimated += 1;
            total_ok += usize::from(layout.size == theirs.size);
            let diffs = compare::differences(ours, theirs);
            exact += usize::from(diffs.is_empty());
            // Futures whose saved locals agree with rustc: a difference is then the layout's.
            let saved_agree = crosscheck::check_future(ours, theirs).differences.is_empty();
            same_saved += usize::from(saved_agree);
            same_saved_exact += usize::from(saved_agree && diffs.is_empty());
            if verbose {
                let tag = if saved_agree { "LAYOUT" } else { "saved-set" };
                for d in diffs {
                    println!("{}: [{tag}] `{}`: {d}", path.display(), ours.name);
                }
            }
        }
    }
    let pct = |a: usize, b: usize| if b == 0 { 100.0 } else { a as f64 * 100.0 / b as f64 };
    println!("files: {}", files.len());
    println!("futures rustc lays out: {futures}");
    println!("with an estimated size: {estimated}/{futures} = {:.1}%", pct(estimated, futures));
    println!("total size equal to rustc's: {total_ok}/{estimated} = {:.1}%", pct(total_ok, estimated));
    println!("whole layout equal to rustc's: {exact}/{estimated} = {:.1}%", pct(exact, estimated));
    println!(
        "of the estimated futures whose saved locals agree with rustc, whole layout equal: {same_saved_exact}/{same_saved} = {:.1}%",
        pct(same_saved_exact, same_saved)
    );
}

fn rustc_layouts(path: &Path) -> Option<Vec<rustc::RustcFuture>> {
    let out = std::env::temp_dir().join(format!("futurelens-layout-accuracy-{}.rmeta", std::process::id()));
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
