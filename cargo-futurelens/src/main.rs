//! The `cargo-futurelens` binary: `cargo futurelens`, cargo's subcommand convention.

fn main() -> std::process::ExitCode {
    futurelens_cli::cargo_main()
}
