//! The page and the Mermaid output in a real browser: headless Chromium (Debian's package)
//! driven by playwright-core (`tests/browser/`, installed by `npm ci`). For every sample
//! program: the page opens with no console error and no request leaving the file, every
//! future's graph and layout are there, clicking each state highlights exactly the fields the
//! JSON output names (in the layout) and their declarations (in the source), the keyboard
//! reaches every control, and with scripts off everything is visible. The Mermaid output of
//! every sample is drawn by Mermaid itself, loaded from its npm package on disk. Screenshots
//! go to `target/tmp/browser/`.
//!
//! A missing tool skips the test with a note, except under `CI=true`, where it fails.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::futurelens;

/// Whether node, Chromium and the npm packages are there; fails under CI=true if not.
pub fn browser_ready(root: &Path) -> bool {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let missing: Vec<String> = [
        (
            Command::new("node").arg("--version").output().is_ok_and(|o| o.status.success()),
            "node (apt-get install nodejs)".to_string(),
        ),
        (Path::new(&chromium).exists(), format!("{chromium} (apt-get install chromium)")),
        (
            root.join("tests/browser/node_modules/playwright-core").exists(),
            "tests/browser/node_modules (npm ci --prefix tests/browser)".to_string(),
        ),
    ]
    .into_iter()
    .filter(|(ok, _)| !ok)
    .map(|(_, what)| what)
    .collect();
    if missing.is_empty() {
        return true;
    }
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!("the browser test needs {}, and CI=true: CI must run every test", missing.join(", "));
    }
    eprintln!("note: skipping the browser test: missing {}", missing.join(", "));
    false
}

/// The output of a command on one sample, whatever the exit code: a sample with an error
/// (unboxed recursion) still gets its page and graphs.
fn run_futurelens(args: &[&str], path: &Path) -> String {
    let out = futurelens().args(args).arg(path).output().expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{args:?} {}: {stderr}", path.display());
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(!text.is_empty(), "{args:?} {}: no output; {stderr}", path.display());
    text
}

#[test]
fn pages_and_mermaid_in_chromium() {
    let root = common::workspace_root().canonicalize().expect("root");
    if !browser_ready(&root) {
        return;
    }
    let work = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("browser");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).expect("mkdir");
    let samples: Vec<PathBuf> =
        common::sample_programs().iter().map(|p| p.canonicalize().expect("sample program")).collect();
    let mut pages = Vec::new();
    let mut diagrams = Vec::new();
    let mut states = 0;
    for path in &samples {
        let name = path.file_stem().expect("stem").to_string_lossy().to_string();
        let html = work.join(format!("{name}.html"));
        let json = work.join(format!("{name}.json"));
        std::fs::write(&html, run_futurelens(&["page"], path)).expect("write");
        let document = run_futurelens(&["analyze", "--format", "json"], path);
        let parsed: serde_json::Value = serde_json::from_str(&document).expect("JSON");
        states += parsed["futures"]
            .as_array()
            .expect("futures")
            .iter()
            .map(|f| f["states"].as_array().map_or(0, Vec::len))
            .sum::<usize>();
        std::fs::write(&json, document).expect("write");
        pages.push(serde_json::json!({"name": name, "html": html, "json": json}));
        diagrams
            .push(serde_json::json!({"name": name, "text": run_futurelens(&["graph", "--format", "mermaid"], path)}));
        diagrams.push(serde_json::json!({
            "name": format!("{name} --show-panic --rankdir LR"),
            "text": run_futurelens(&["graph", "--format", "mermaid", "--show-panic", "--rankdir", "LR"], path),
        }));
    }
    let manifest = serde_json::json!({
        "screenshots": work.join("screenshots"),
        "pages": pages,
        "mermaid": {
            "script": root.join("tests/browser/node_modules/mermaid/dist/mermaid.min.js"),
            "diagrams": diagrams,
        },
    });
    let manifest_path = work.join("manifest.json");
    std::fs::write(&manifest_path, manifest.to_string()).expect("write");
    let out = Command::new("node")
        .arg(root.join("tests/browser/check.mjs"))
        .arg(&manifest_path)
        .current_dir(root.join("tests/browser"))
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    eprintln!("{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "the browser found failures:\n{stdout}");
    assert!(stdout.contains(&format!("{} pages, {states} states clicked", samples.len())), "{stdout}");
}
