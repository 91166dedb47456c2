//! The `futurelens` binary.

fn main() -> std::process::ExitCode {
    futurelens_cli::main()
}
