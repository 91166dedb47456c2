//! The `futurelens` binary.

// mimalloc: the analysis allocates many small short-lived values; with the system allocator a
// quarter of the CPU time went to malloc/free.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    futurelens_cli::main()
}
