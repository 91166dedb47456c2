//! Runs the release `futurelens` binary as a child process and measures it: wall time, CPU
//! time and peak resident memory. Shared by the benches that time the CLI end to end.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// The release `futurelens` binary of this workspace, built first (a no-op when up to date).
pub fn cli_binary() -> Option<PathBuf> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let status = Command::new(cargo)
        .current_dir(&workspace)
        .args(["build", "--release", "--quiet", "-p", "futurelens", "--bin", "futurelens"])
        .status()
        .ok()?;
    if !status.success() {
        return None;
    }
    let target = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| workspace.join("target"));
    let binary = target.join("release").join("futurelens");
    binary.is_file().then_some(binary)
}

pub struct ChildRun {
    pub wall: Duration,
    /// User + system seconds of the child.
    pub cpu: Option<f64>,
    pub peak_kib: Option<u64>,
}

/// Runs `command` to its end, output discarded; its wall time, CPU time (the growth of this
/// process's children's times) and peak resident memory (polled every 2 ms: the high-water mark
/// only grows, so at most the last 2 ms of growth can be missed).
pub fn run_child(command: &mut Command) -> Option<ChildRun> {
    let before = children_cpu();
    let start = Instant::now();
    let mut child = command.stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null()).spawn().ok()?;
    let status_path = format!("/proc/{}/status", child.id());
    let mut peak_kib = None;
    loop {
        if let Some(kib) = std::fs::read_to_string(&status_path).ok().as_deref().and_then(vm_hwm_kib) {
            peak_kib = Some(peak_kib.map_or(kib, |p: u64| p.max(kib)));
        }
        if child.try_wait().ok()?.is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let wall = start.elapsed();
    let cpu = children_cpu().zip(before).map(|(b, a)| b - a);
    Some(ChildRun { wall, cpu, peak_kib })
}

/// Fields 14..17 of `/proc/self/stat`: utime, stime, cutime, cstime, in clock ticks (100 a second).
fn stat_times() -> Option<[f64; 4]> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The command name (field 2) may hold spaces; fields after it start past the last ')'.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let tick = |i: usize| fields.get(i)?.parse::<f64>().ok().map(|t| t / 100.0);
    // `rest` starts at field 3.
    Some([tick(11)?, tick(12)?, tick(13)?, tick(14)?])
}

/// This process's own CPU seconds (all threads), user + system.
pub fn self_cpu() -> Option<f64> {
    stat_times().map(|t| t[0] + t[1])
}

/// The CPU seconds of this process's waited-for children, user + system.
pub fn children_cpu() -> Option<f64> {
    stat_times().map(|t| t[2] + t[3])
}

pub fn vm_hwm_kib(status: &str) -> Option<u64> {
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
