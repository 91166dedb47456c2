//! `mdbook-futurelens`: an mdBook preprocessor. mdBook runs it as `mdbook-futurelens supports
//! RENDERER` (exit 0: it supports the HTML renderer) and then with `[context, book]` as JSON
//! on standard input, reading the book back on standard output. Code blocks tagged
//! `rust,futurelens` become futurelens' pictures; see the library for the options.
//!
//! `--strict` (or `strict = true` under `[preprocessor.futurelens]`) makes a block that cannot
//! be analysed fail the build; by default it becomes an error box and a warning.

use std::io::{Read, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("supports") => {
            return if args.get(1).is_some_and(|r| mdbook_futurelens::supports(r)) {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            };
        }
        Some("--help" | "-h") => {
            println!(
                "mdbook-futurelens: an mdBook preprocessor for `rust,futurelens` code blocks\n\n\
                 Usage: mdbook-futurelens [--strict]          (mdBook sends [context, book] on stdin)\n       \
                 mdbook-futurelens supports RENDERER\n\n\
                 In book.toml:\n  [preprocessor.futurelens]\n  command = \"mdbook-futurelens\"\n\n\
                 In a chapter:\n  ```rust,futurelens fn=handle view=graph|layout|page\n  async fn handle() {{ .. }}\n  ```"
            );
            return ExitCode::SUCCESS;
        }
        Some("--version" | "-V") => {
            println!("mdbook-futurelens {}", env!("CARGO_PKG_VERSION"));
            return ExitCode::SUCCESS;
        }
        _ => {}
    }
    let strict_flag = args.iter().any(|a| a == "--strict");
    if let Some(other) = args.iter().find(|a| *a != "--strict") {
        eprintln!("error: mdbook-futurelens: unknown argument `{other}` (try `--help`)");
        return ExitCode::from(2);
    }
    let mut input = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut input) {
        eprintln!("error: mdbook-futurelens: cannot read standard input: {e}");
        return ExitCode::from(1);
    }
    let mut warn = |message: String| eprintln!("warning: mdbook-futurelens: {message}");
    match mdbook_futurelens::preprocess(&input, strict_flag, &mut warn) {
        Ok(book) => {
            let mut out = std::io::stdout().lock();
            if out.write_all(book.as_bytes()).and_then(|_| out.flush()).is_err() {
                return ExitCode::from(1);
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: mdbook-futurelens: {e:#}");
            ExitCode::from(1)
        }
    }
}
