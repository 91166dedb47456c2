//! The `futurelens` binary.

// mimalloc: the analysis allocates many small short-lived values; with the system allocator a
// quarter of the CPU time went to malloc/free. Built without transparent huge pages
// (`no_thp`): the kernel zeroing 2 MiB pages took a sixth of a directory run's CPU time.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    futurelens_cli::main()
}
