//! Measures how often the analysis agrees with rustc on a directory of programs.
//!
//! ```text
//! cargo run --release -p futurelens-analyzer --example accuracy -- bench/accuracy/final [-v]
//! ```
//!
//! Every `.rs` file is compiled with `rustc -Zprint-type-sizes` and analysed. Over all futures
//! rustc lays out, the report gives: the share whose states match; the share of suspend points
//! whose saved locals match; the share with an estimated size, and of those the share whose
//! total size, and whole layout (every state's printed size, every field's size and offset),
//! equal rustc's. `-v` lists every difference. Each file is compiled and analysed in the
//! edition its `//@ edition` line declares (2021 without one); the figures are given for all
//! files and for each edition.

#[path = "../tests/common/mod.rs"]
mod common;

use std::path::Path;

use common::accuracy;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "-v");
    args.retain(|a| a != "-v");
    let Some(dir) = args.first() else {
        eprintln!("usage: accuracy DIR|FILE [-v]");
        std::process::exit(2);
    };
    let files = accuracy::files_of(Path::new(dir));
    for (edition, t) in &accuracy::measure(&files, verbose) {
        if t.files == 0 {
            continue;
        }
        match edition {
            None => println!("== all files"),
            Some(e) => println!("== edition {e}"),
        }
        accuracy::report(t);
    }
}
