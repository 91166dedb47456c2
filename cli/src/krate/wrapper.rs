//! Running as cargo's `RUSTC_WORKSPACE_WRAPPER` for the one build that prints layouts.
//!
//! `-Zprint-type-sizes` needs `RUSTC_BOOTSTRAP=1` on a stable compiler. Set for cargo itself,
//! it would change the fingerprint of every dependency and rebuild them all (and again at the
//! user's next `cargo build`); set here, inside the wrapper cargo runs for the workspace's own
//! crates only, the dependencies stay as built. The binary is its own wrapper: cargo runs it
//! as `WRAPPER RUSTC ARGS...` with [`ENV_WRAP`] set.

use std::ffi::OsString;
use std::process::{Command, ExitCode};

/// Set in cargo's environment: the binary runs as the wrapper.
pub const ENV_WRAP: &str = "FUTURELENS_RUSTC_WRAPPER";
/// A workspace wrapper the user had set, which still runs inside this one.
pub const ENV_INNER: &str = "FUTURELENS_INNER_WORKSPACE_WRAPPER";

/// When the binary was started as the wrapper: runs the compiler with `RUSTC_BOOTSTRAP=1` and
/// returns its exit code.
pub fn run_if_asked() -> Option<ExitCode> {
    std::env::var_os(ENV_WRAP)?;
    let mut args: Vec<OsString> = std::env::args_os().skip(1).collect();
    if let Some(inner) = std::env::var_os(ENV_INNER).filter(|w| !w.is_empty()) {
        args.insert(0, inner);
    }
    if args.is_empty() {
        eprintln!("error: {ENV_WRAP} is set but no compiler was given to run");
        return Some(ExitCode::from(1));
    }
    let status = Command::new(&args[0]).args(&args[1..]).env("RUSTC_BOOTSTRAP", "1").env_remove(ENV_WRAP).status();
    Some(match status {
        Ok(status) => ExitCode::from(status.code().map_or(1, |c| u8::try_from(c).unwrap_or(1))),
        Err(e) => {
            eprintln!("error: cannot run `{}`: {e}", args[0].to_string_lossy());
            ExitCode::from(1)
        }
    })
}
