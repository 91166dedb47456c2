//! The one build that gives exact sizes: `cargo rustc ... -- -Zprint-type-sizes` for the
//! selected target only, in the user's own target directory.
//!
//! In: a target and the selection flags. Out: rustc's layouts, or why there are none (the
//! build failed: its first error). Cargo's own messages go to standard error as they come
//! (`Compiling ...`, warnings, errors). A build that is fresh would print nothing, so every
//! run passes a new `--cfg` value, which makes cargo rebuild that one crate and nothing else.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};

use anyhow::{Context, Result};
use futurelens_analyzer::rustc::{RustcFuture, parse_print_type_sizes};

use super::Selection;
use super::package::{Kind, Target};
use super::wrapper;

pub enum Built {
    Layouts(Vec<RustcFuture>),
    /// Cargo could not build the target: its first error.
    Failed(String),
}

fn cargo() -> std::ffi::OsString {
    std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into())
}

/// The `cargo rustc` command for one target.
pub fn command(target: &Target, select: &Selection, quiet: bool) -> Result<Command> {
    let exe = std::env::current_exe().context("cannot find the running executable, to use as rustc's wrapper")?;
    let mut cmd = Command::new(cargo());
    cmd.arg("rustc").arg("--manifest-path").arg(&target.manifest).arg("--package").arg(&target.package);
    cmd.arg(target.kind.flag());
    if target.kind != Kind::Lib {
        cmd.arg(&target.name);
    }
    if !select.features.is_empty() {
        cmd.arg("--features").arg(select.features.join(","));
    }
    if select.all_features {
        cmd.arg("--all-features");
    }
    if select.no_default_features {
        cmd.arg("--no-default-features");
    }
    if let Some(triple) = &select.target {
        cmd.arg("--target").arg(triple);
    }
    if quiet {
        cmd.arg("--quiet");
    }
    if anstream::stderr().current_choice() != anstream::ColorChoice::Never {
        cmd.arg("--color=always");
    }
    let nonce = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
    cmd.arg("--").arg("-Zprint-type-sizes").arg("--cfg").arg(format!("futurelens_run=\"{nonce}\""));
    if let Some(user) = std::env::var_os("RUSTC_WORKSPACE_WRAPPER") {
        cmd.env(wrapper::ENV_INNER, user);
    }
    cmd.env("RUSTC_WORKSPACE_WRAPPER", exe).env(wrapper::ENV_WRAP, "1");
    Ok(cmd)
}

/// Builds the target, forwarding cargo's messages, and parses rustc's layouts.
pub fn build(target: &Target, select: &Selection, quiet: bool) -> Result<Built> {
    let mut cmd = command(target, select, quiet)?;
    // Cargo reads nothing from the user; the compilers it runs must not either.
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| anyhow::anyhow!("cannot run `cargo`: {e}"))?;
    let mut stdout = child.stdout.take().context("cargo's standard output")?;
    let stderr = child.stderr.take().context("cargo's standard error")?;
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stdout.read_to_string(&mut text);
        text
    });
    let mut first_error: Vec<String> = Vec::new();
    let mut in_error = false;
    let mut err = std::io::stderr().lock();
    for line in BufReader::new(stderr).lines() {
        let Ok(line) = line else { break };
        let _ = writeln!(err, "{line}");
        let plain = anstream::adapter::strip_str(&line).to_string();
        if plain.starts_with("error") && first_error.is_empty() {
            in_error = true;
        } else if in_error && (plain.trim().is_empty() || plain.starts_with("error") || plain.starts_with("warning")) {
            in_error = false;
        }
        if in_error && first_error.len() < 12 {
            first_error.push(plain);
        }
    }
    drop(err);
    let status = child.wait().context("cannot wait for cargo")?;
    let stdout = reader.join().unwrap_or_default();
    if !status.success() {
        let first = if first_error.is_empty() { format!("cargo exited with {status}") } else { first_error.join("\n") };
        return Ok(Built::Failed(first));
    }
    Ok(Built::Layouts(parse_print_type_sizes(&stdout)))
}
