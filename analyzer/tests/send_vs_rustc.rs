//! The `Send` verdict of every future of the sample programs, checked against rustc.
//!
//! In: each sample program that compiles. For every future whose verdict can be probed, the
//! test appends (or wraps around an async block) a call to `fn probe<T: Send>(t: T) -> T`,
//! compiles the file with rustc, and reads which probes rustc rejects (E0277). Out: a failure
//! for every future whose verdict (`Some(true)` / `Some(false)`) differs from rustc's. Verdicts
//! that are `None` (a type the file does not reveal) are counted and printed, as are futures the
//! test cannot name from outside (generic fns, async closures).

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use futurelens_analyzer::FutureAnalysis;
use futurelens_analyzer::ir::FutureKind;

/// How a probe reaches a future: by a call from a fn appended to the file, or by wrapping the
/// async block where it is written.
enum Probe {
    Call(String),
    Wrap { start: usize, end: usize },
}

fn probe_for(f: &FutureAnalysis) -> Option<Probe> {
    if f.generic || f.instance.is_some() {
        return None;
    }
    match f.kind {
        FutureKind::AsyncFn => {
            let args = vec!["todo!()"; f.body.upvars.len()].join(", ");
            let path = if f.name.starts_with('<') { f.name.clone() } else { format!("crate::{}", f.name) };
            Some(Probe::Call(format!("{path}({args})")))
        }
        FutureKind::AsyncBlock => Some(Probe::Wrap { start: f.span.start_byte, end: f.span.end_byte }),
        FutureKind::AsyncClosure => None,
    }
}

/// Lines of the file where rustc says a probed value is not `Send`.
fn rejected_lines(path: &Path, edition: &str, src: &str) -> Result<Vec<u32>, String> {
    let dir = std::env::temp_dir().join(format!("futurelens-send-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let file = dir.join(path.file_name().ok_or("no file name")?);
    std::fs::write(&file, src).map_err(|e| e.to_string())?;
    let output = Command::new("rustc")
        .args(["--edition", edition, "--crate-type", "lib", "--emit", "metadata", "--error-format", "short"])
        .args(["--cap-lints", "allow", "-o"])
        .arg(dir.join("probe.rmeta"))
        .arg(&file)
        .output()
        .map_err(|e| format!("cannot run rustc: {e}"))?;
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    let mut lines = Vec::new();
    for line in stderr.lines() {
        if !line.contains(": error") {
            continue;
        }
        if !line.contains("error[E0277]") && !line.contains("cannot be sent between threads safely") {
            return Err(format!("rustc rejects the probe file for another reason:\n{stderr}"));
        }
        let mut parts = line.splitn(4, ':');
        let _file = parts.next();
        let n: u32 = parts.next().and_then(|l| l.parse().ok()).ok_or_else(|| format!("unreadable: {line}"))?;
        lines.push(n);
    }
    Ok(lines)
}

#[test]
fn send_verdicts_equal_rustcs() {
    if !common::tool_available("rustc", &["--version"], "install a Rust toolchain") {
        return;
    }
    let (mut equal, mut unknown, mut unprobed, mut not_send) = (0, Vec::new(), Vec::new(), 0);
    let mut wrong = Vec::new();
    for path in common::sample_programs() {
        if common::skip_as_not_compiling(&path) {
            continue;
        }
        let src = std::fs::read_to_string(&path).expect("read sample");
        let analysis = common::analyze_path(&path);
        let name = common::display_name(&path);
        // Wraps are applied from the end of the file backwards, so earlier offsets stay right;
        // a block is wrapped as `(probe(BLOCK))` on its own first line.
        let mut text = src.clone();
        let mut calls: Vec<(usize, String)> = Vec::new();
        let mut wraps: Vec<(usize, usize, usize)> = Vec::new();
        for (i, f) in analysis.futures.iter().enumerate() {
            match probe_for(f) {
                Some(Probe::Call(call)) => calls.push((i, call)),
                Some(Probe::Wrap { start, end }) => wraps.push((start, end, i)),
                None => unprobed.push(format!("{name}: {}", f.display_name())),
            }
        }
        let mut inserts: Vec<(usize, &str)> = Vec::new();
        for (start, end, _) in &wraps {
            inserts.push((*end, "))"));
            inserts.push((*start, "(__futurelens_probe("));
        }
        // Later positions first; at one position, a closing before an opening.
        inserts.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.starts_with(')').cmp(&a.1.starts_with(')'))));
        for (at, piece) in inserts {
            text.insert_str(at, piece);
        }
        let mut line_of: BTreeMap<u32, usize> = BTreeMap::new();
        for (_, _, i) in &wraps {
            line_of.insert(analysis.futures[*i].span.line, *i);
        }
        text.push_str("\n#[allow(unreachable_code, unused)]\nfn __futurelens_probe<T: Send>(t: T) -> T { t }\n");
        text.push_str("#[allow(unreachable_code, unused)]\nfn __futurelens_probes() {\n");
        for (i, call) in &calls {
            let line = text.lines().count() as u32 + 1;
            text.push_str(&format!("    __futurelens_probe({call});\n"));
            line_of.insert(line, *i);
        }
        text.push_str("}\n");
        let rejected =
            rejected_lines(&path, analysis.options.edition.as_str(), &text).unwrap_or_else(|e| panic!("{name}: {e}"));
        for (line, i) in &line_of {
            let f = &analysis.futures[*i];
            let rustc_send = !rejected.contains(line);
            if !rustc_send {
                not_send += 1;
            }
            match f.send.send {
                None => unknown.push(format!(
                    "{name}: {} (rustc: {})",
                    f.display_name(),
                    if rustc_send { "Send" } else { "not Send" }
                )),
                Some(ours) if ours == rustc_send => equal += 1,
                Some(ours) => wrong.push(format!(
                    "{name}: {}: futurelens says {}, rustc says {} ({:?})",
                    f.display_name(),
                    if ours { "Send" } else { "not Send" },
                    if rustc_send { "Send" } else { "not Send" },
                    f.send
                )),
            }
        }
    }
    eprintln!(
        "Send verdicts: {equal} equal to rustc's, {} wrong, {} unknown (null), {} not probed; {not_send} futures \
         rustc finds not Send",
        wrong.len(),
        unknown.len(),
        unprobed.len()
    );
    for u in &unknown {
        eprintln!("  null: {u}");
    }
    for u in &unprobed {
        eprintln!("  not probed: {u}");
    }
    assert!(wrong.is_empty(), "verdicts that differ from rustc's:\n{}", wrong.join("\n"));
    assert!(not_send > 0, "no sample program has a future that is not Send: the check proves nothing");
    assert!(equal > 0, "no verdict was compared");
}
