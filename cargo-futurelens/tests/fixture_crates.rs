//! `cargo futurelens` on the fixture crates under `tests/fixtures/`, every number checked
//! against what cargo and rustc print for the same crate: a server using tokio's sync, time and
//! macros and bytes (lockfile committed), a two-member workspace, a crate that does not
//! build, and a directory with no `Cargo.toml`. The first run builds tokio (twice: once for
//! the command, once for the reference build); later runs reuse both target directories.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn target_dir(which: &str) -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("fixture-crates").join(which)
}

/// Runs `cargo futurelens ARGS` in `dir`, as cargo runs it.
fn tool(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cargo-futurelens"))
        .arg("futurelens")
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target_dir("tool"))
        .env_remove("RUSTC_BOOTSTRAP")
        .env_remove("RUSTC_WORKSPACE_WRAPPER")
        .env("NO_COLOR", "1")
        .output()
        .expect("run cargo-futurelens")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn json(out: &Output) -> Value {
    assert!(!text(&out.stderr).contains("panicked"), "{}", text(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", text(&out.stdout)))
}

/// One future as rustc prints it.
#[derive(Debug, Default)]
struct Layout {
    size: u64,
    variants: BTreeMap<String, u64>,
    /// (variant, `upvar` or `local`, field without its dot) -> offset, where rustc prints one.
    offsets: BTreeMap<(String, String, String), u64>,
}

/// rustc's layouts of the package's own futures, from a reference build run here (with
/// `RUSTC_BOOTSTRAP=1` for cargo, in its own target directory), keyed as the tool names
/// them: `conn::handle`, or `async block@FILE:L:C`.
fn reference(dir: &Path, package: &str) -> BTreeMap<String, Layout> {
    // A fresh crate would print nothing: a new `--cfg` value on each run rebuilds it.
    let nonce = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
    let cfg = format!("reference_run=\"{nonce}\"");
    let out = Command::new(env!("CARGO"))
        .args([
            "rustc",
            "--quiet",
            "--locked",
            "--lib",
            "--package",
            package,
            "--",
            "-Zprint-type-sizes",
            "--cfg",
            &cfg,
        ])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target_dir("reference"))
        .env("RUSTC_BOOTSTRAP", "1")
        .env_remove("RUSTC_WORKSPACE_WRAPPER")
        .output()
        .expect("run cargo");
    assert!(out.status.success(), "the reference build failed:\n{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("print-type-size"), "the reference build printed no layouts (a fresh build?)");
    let mut all = BTreeMap::new();
    let mut current: Option<(String, Layout)> = None;
    let mut variant = String::new();
    for line in stdout.lines() {
        let Some(rest) = line.strip_prefix("print-type-size ") else { continue };
        if let Some(ty) = rest.strip_prefix("type: `") {
            if let Some((k, l)) = current.take() {
                all.insert(k, l);
            }
            let (name, after) = ty.split_once("`: ").expect("type line");
            let size: u64 = after.split(' ').next().unwrap().parse().unwrap();
            if let Some(key) = key_of(name) {
                current = Some((key, Layout { size, ..Layout::default() }));
            }
            continue;
        }
        let Some((_, layout)) = current.as_mut() else { continue };
        let rest = rest.trim();
        if let Some(v) = rest.strip_prefix("variant `") {
            let (name, after) = v.split_once("`: ").unwrap();
            variant = name.to_string();
            layout.variants.insert(variant.clone(), after.split(' ').next().unwrap().parse().unwrap());
        } else if let Some((role, field)) = rest.split_once(" `.") {
            let (name, after) = field.split_once("`: ").unwrap();
            if let Some((_, offset)) = after.split_once("offset: ") {
                let offset: u64 = offset.split(' ').next().unwrap().parse().unwrap();
                layout.offsets.insert((variant.clone(), role.to_string(), name.to_string()), offset);
            }
        }
    }
    if let Some((k, l)) = current.take() {
        all.insert(k, l);
    }
    all
}

/// The tool's name for one of the package's own futures; `None` for anything else (other
/// types, dependencies' futures).
fn key_of(rustc_name: &str) -> Option<String> {
    let inner = rustc_name.strip_prefix('{')?.strip_suffix('}')?;
    if let Some(path) = inner.strip_prefix("async fn body of ") {
        let path = path.strip_suffix("()")?;
        let first = path.trim_start_matches('<').split("::").next()?;
        return (!["tokio", "bytes", "std", "core", "alloc", "alpha"].contains(&first)).then(|| path.to_string());
    }
    let loc = inner.strip_prefix("async block@")?;
    let (start, _) = loc.rsplit_once(": ")?;
    start.starts_with("src/").then(|| format!("async block@{start}"))
}

fn tool_key(f: &Value) -> String {
    let name = f["name"].as_str().unwrap();
    match name.strip_prefix("async block@") {
        Some(at) => format!("async block@{}:{at}", f["file"].as_str().unwrap()),
        None => name.to_string(),
    }
}

#[test]
fn every_size_state_and_offset_is_rustcs_and_every_field_has_its_reason() {
    let dir = fixture("server");
    let out = tool(&dir, &["--format", "json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let doc = json(&out);
    assert_eq!(doc["schema"], "futurelens-crate/1");
    let theirs = reference(&dir, "fixture-server");
    assert!(theirs.len() >= 8, "the reference build laid out {} futures", theirs.len());

    let target = &doc["targets"][0];
    assert_eq!(target["sizes"], "rustc");
    assert_eq!(target["rustc_futures"].as_u64(), Some(theirs.len() as u64), "{target:#}");
    assert_eq!(target["paired"], target["rustc_futures"], "every future rustc lays out is paired: {target:#}");
    let files: Vec<(&str, &str)> = target["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["path"].as_str().unwrap(), f["module"].as_str().unwrap()))
        .collect();
    for want in [
        ("src/lib.rs", ""),
        ("src/conn/mod.rs", "conn"),
        ("src/conn/session.rs", "conn::session"),
        ("src/util/timing.rs", "timing"),
        ("src/proto/frame.rs", "proto::frame"),
        ("src/metrics.rs", "metrics"),
    ] {
        assert!(files.contains(&want), "{want:?} not in the module tree: {files:?}");
    }
    let metrics = target["files"].as_array().unwrap().iter().find(|f| f["module"] == "metrics").unwrap();
    assert_eq!(metrics["cfg"], "feature = \"metrics\"");

    let mut checked = 0;
    for f in doc["futures"].as_array().unwrap() {
        if f["size_source"] != "rustc" {
            // Only the `metrics` module's future, which the build leaves out.
            assert!(f["file"] == "src/metrics.rs", "{f:#}");
            continue;
        }
        let key = tool_key(f);
        let Some(r) = theirs.get(&key) else { panic!("`{key}` is not laid out by rustc: {:?}", theirs.keys()) };
        assert_eq!(f["size"].as_u64(), Some(r.size), "size of {key}");
        for state in f["states"].as_array().unwrap() {
            let name = state["name"].as_str().unwrap();
            assert_eq!(state["size"].as_u64(), r.variants.get(name).copied(), "{key} {name}");
            for field in state["fields"].as_array().unwrap() {
                let fname = field["name"].as_str().unwrap();
                let role = if field["role"] == "upvar" { "upvar" } else { "local" };
                if let Some(offset) = r.offsets.get(&(name.to_string(), role.to_string(), fname.to_string())) {
                    assert_eq!(field["offset"].as_u64(), Some(*offset), "{key} {name} {fname}");
                }
                if ["local", "upvar", "awaitee"].contains(&field["role"].as_str().unwrap()) {
                    assert!(!field["why"].as_str().unwrap_or("").is_empty(), "{key} {name} {fname} has no reason");
                }
            }
        }
        checked += 1;
    }
    assert_eq!(checked, theirs.len(), "every future rustc laid out is listed with its numbers");

    // The chain of the biggest future goes through other files and ends in the buffer.
    let top = &doc["futures"][0];
    assert_eq!(top["name"], "serve");
    let why = top["why"].as_str().unwrap();
    assert!(why.contains("conn::handle") && why.contains("conn::session::replay"), "{why}");
    assert!(why.contains("scratch: [u8; 8192] (8 192 B), src/conn/session.rs:6"), "{why}");
    // Dependencies' futures and types are sized by rustc in the chains.
    let pause = doc["futures"].as_array().unwrap().iter().find(|f| f["name"] == "timing::pause").unwrap();
    assert!(
        pause["why"].as_str().unwrap().contains("Sleep (96 B)") || pause["why"].as_str().unwrap().contains("Sleep ("),
        "{pause:#}"
    );
}

#[test]
fn text_lists_every_future_biggest_first_and_says_what_was_paired() {
    let out = tool(&fixture("server"), &["-q"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let first_words: Vec<&str> =
        stdout.lines().filter(|l| !l.starts_with(' ')).filter_map(|l| l.split_whitespace().next()).collect();
    assert_eq!(&first_words[..3], ["serve", "conn::handle", "conn::session::replay"], "{stdout}");
    let stderr = text(&out.stderr);
    assert!(stderr.contains("fixture-server (lib): 7 files (1 behind #[cfg])"), "{stderr}");
    assert!(stderr.contains("paired with their source"), "{stderr}");
}

#[test]
fn analyze_one_file_of_the_package_with_rustcs_sizes() {
    let out =
        tool(&fixture("server"), &["-q", "--lib", "analyze", "src/conn/session.rs", "--fn", "conn::session::replay"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("replay  async fn"), "{stdout}");
    assert!(stdout.contains("(rustc)"), "sizes are rustc's: {stdout}");
    assert!(stdout.contains("scratch"), "{stdout}");
}

#[test]
fn check_fails_over_budget_with_the_chain_and_the_fix_and_passes_under_it() {
    let dir = fixture("server");
    // Cargo.toml: max-future-size 16 KiB, which every future meets.
    let out = tool(&dir, &["-q", "check"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert!(text(&out.stdout).contains("check ok"));

    // `--max` overrides max-future-size, not the limit of `conn::session::replay` (12 KiB).
    let out = tool(&dir, &["-q", "check", "--max", "8KiB"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("error: `serve` is 8 568 B, over its budget of 8 192 B (--max) by 376 B"), "{stdout}");
    assert!(stdout.contains("error: `conn::handle` is"), "{stdout}");
    assert!(!stdout.contains("`conn::session::replay` is"), "its own limit is 12 KiB: {stdout}");
    assert!(
        stdout.contains("help: box the await at src/conn/mod.rs:15: `Box::pin(session::replay(frame.clone())).await`"),
        "{stdout}"
    );
    assert!(stdout.contains("check FAILED"), "{stdout}");

    let out = tool(&dir, &["-q", "check", "--max", "4KiB", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let doc = json(&out);
    assert_eq!(doc["schema"], "futurelens-check/1");
    assert_eq!(doc["passed"], false);
    let over: Vec<&str> = doc["over"].as_array().unwrap().iter().map(|o| o["name"].as_str().unwrap()).collect();
    assert!(over.contains(&"serve") && over.contains(&"conn::handle"), "{over:?}");

    let out = tool(&dir, &["-q", "check", "--max", "lots"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("is not a size"), "{}", text(&out.stderr));
}

#[test]
fn baselines_are_saved_sorted_and_catch_growth() {
    let dir = fixture("server");
    let tmp = tempfile::tempdir().unwrap();
    let base = tmp.path().join("futures.json");
    let base_s = base.to_str().unwrap();
    let out = tool(&dir, &["-q", "check", "--baseline", base_s, "--save"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let saved: Value = serde_json::from_str(&std::fs::read_to_string(&base).unwrap()).unwrap();
    assert_eq!(saved["schema"], "futurelens-baseline/1");
    let keys: Vec<&String> = saved["futures"].as_object().unwrap().keys().collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted, "sorted, for stable diffs");
    assert_eq!(saved["futures"]["serve"]["size"], 8568);

    let out = tool(&dir, &["-q", "check", "--baseline", base_s]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));

    // As if `serve` had been 8 000 bytes: it grew by 568.
    let mut edited = saved.clone();
    edited["futures"]["serve"]["size"] = 8000.into();
    edited["futures"]["timing::pause"]["size"] = 200.into();
    std::fs::write(&base, serde_json::to_string_pretty(&edited).unwrap()).unwrap();
    let out = tool(&dir, &["-q", "check", "--baseline", base_s]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("serve: 8 000 B -> 8 568 B (+568 B, +7.1%)"), "{stdout}");
    assert!(stdout.contains("shrank:") && stdout.contains("timing::pause: 200 B -> 112 B"), "{stdout}");
    let out = tool(&dir, &["-q", "check", "--baseline", base_s, "--max-growth", "10%"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    let out = tool(&dir, &["-q", "check", "--baseline", base_s, "--max-growth", "500"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));

    let out = tool(&dir, &["-q", "check", "--baseline", tmp.path().join("missing.json").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("--save"), "{}", text(&out.stderr));
}

#[test]
fn a_workspace_gives_every_members_futures_with_workspace_relative_paths() {
    let out = tool(&fixture("workspace"), &["-q", "--format", "json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let doc = json(&out);
    let packages: Vec<&str> =
        doc["targets"].as_array().unwrap().iter().map(|t| t["package"].as_str().unwrap()).collect();
    assert_eq!(packages, ["alpha", "beta"]);
    for t in doc["targets"].as_array().unwrap() {
        assert_eq!(t["paired"], t["rustc_futures"], "{t:#}");
    }
    assert_eq!(doc["targets"][1]["edition"], "2024");
    let names: Vec<(&str, &str)> = doc["futures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["name"].as_str().unwrap(), f["file"].as_str().unwrap()))
        .collect();
    assert_eq!(
        names,
        [("both", "beta/src/lib.rs"), ("fetch", "alpha/src/lib.rs"), ("async block@7:17", "beta/src/lib.rs")]
    );
    // `beta` awaits `alpha`'s future, which rustc laid out: the chain goes into it.
    let why = doc["futures"][0]["why"].as_str().unwrap();
    assert!(why.contains("awaits alpha::fetch (520 B)"), "{why}");

    let out = tool(&fixture("workspace"), &["-q", "-p", "gamma"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("package `gamma` is not a member") && text(&out.stderr).contains("alpha, beta"));
}

#[test]
fn a_crate_that_does_not_build_falls_back_to_the_estimate_with_its_first_error() {
    let out = tool(&fixture("broken"), &["-q"]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("wrong  268 B"), "the estimate is shown: {stdout}");
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("cargo could not build broken (lib)") && stderr.contains("error[E0308]: mismatched types"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn bad_input_gets_a_message_and_exit_code_never_a_panic() {
    let empty = tempfile::tempdir().unwrap();
    let out = tool(empty.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("could not find `Cargo.toml`"), "{}", text(&out.stderr));

    let out = tool(empty.path(), &["--manifest-path", "nowhere/Cargo.toml"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("`nowhere/Cargo.toml` does not exist"), "{}", text(&out.stderr));

    let out = tool(&fixture("server"), &["-q", "--features", "no-such-feature"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("no-such-feature"), "{}", text(&out.stderr));

    let out = tool(&fixture("server"), &["-q", "--bin", "nope"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("has no binary `nope`") && text(&out.stderr).contains("serverd"));

    for out in [&tool(empty.path(), &[]), &tool(&fixture("server"), &["-q", "--bin", "nope"])] {
        assert!(!text(&out.stderr).contains("panicked"));
    }
}

#[test]
fn help_is_cargos_convention() {
    let out = tool(Path::new("."), &["--help"]);
    assert!(out.status.success());
    let help = text(&out.stdout);
    assert!(help.contains("Usage: cargo futurelens [OPTIONS] [COMMAND]"), "{help}");
    for flag in [
        "--manifest-path",
        "--package",
        "--lib",
        "--bin",
        "--all-targets",
        "--features",
        "--no-default-features",
        "--target",
    ] {
        assert!(help.contains(flag), "{flag} missing:\n{help}");
    }
    assert!(help.contains("Package Selection"), "{help}");
}

/// The README's CI snippet, run as written against the fixture: the budget passes and the
/// baseline committed with the fixture matches.
#[test]
fn the_readme_ci_snippet_runs() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md")).unwrap();
    let snippet = readme
        .split("<!-- ci-snippet -->")
        .nth(1)
        .expect("the README has a CI snippet between `<!-- ci-snippet -->` markers");
    let commands: Vec<&str> = snippet
        .lines()
        .filter_map(|l| {
            l.trim()
                .strip_prefix("run: cargo futurelens ")
                .or_else(|| l.trim().strip_prefix("- run: cargo futurelens "))
        })
        .collect();
    assert!(commands.len() >= 2, "the snippet runs `check` with a budget and with a baseline: {snippet}");
    for command in commands {
        let args: Vec<&str> = command.split_whitespace().collect();
        let out = tool(&fixture("server"), &args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "`cargo futurelens {command}`:\n{}\n{}",
            text(&out.stdout),
            text(&out.stderr)
        );
    }
}

#[test]
fn an_async_block_made_by_tokio_main_is_paired_with_the_fn_whose_body_it_holds() {
    let out = tool(&fixture("server"), &["--bin", "serverd", "--format", "json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let doc = json(&out);
    let target = &doc["targets"][0];
    assert_eq!(target["rustc_futures"].as_u64(), Some(1), "{target:#}");
    assert_eq!(target["paired"].as_u64(), Some(1), "{target:#}");
    assert_eq!(target["unpaired"], serde_json::json!([]), "{target:#}");
    let bodies = target["macro_bodies"].as_array().expect("macro_bodies");
    assert_eq!(bodies.len(), 1, "{target:#}");
    assert!(bodies[0]["rustc"].as_str().unwrap().starts_with("{async block@src/bin/serverd.rs:"), "{target:#}");
    assert_eq!(bodies[0]["future"], "main", "{target:#}");
    assert!(text(&out.stderr).contains("1 of them async block an attribute macro made of an async fn's body"));
}
