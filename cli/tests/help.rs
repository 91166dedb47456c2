//! Every command's help: the name forms `--fn` takes, distinct options for distinct meanings
//! (old names still accepted), the size options everywhere, and examples that run.

mod common;

use common::futurelens;
use predicates::prelude::*;

const COMMANDS: [&str; 9] = ["analyze", "graph", "layout", "page", "compare", "top", "explain", "trace", "desugar"];

fn help(command: &str) -> String {
    common::stdout_of(futurelens().args([command, "--help"]))
}

/// The example commands of a help page: the lines after `Examples:`.
fn examples(help: &str) -> Vec<String> {
    let (_, section) = help.split_once("\nExamples:\n").expect("an Examples section");
    section.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect()
}

#[test]
fn every_example_runs() {
    // The examples name files under `sample-programs/` and may write files: run them in an
    // empty directory where `sample-programs` is the repository's.
    let dir = tempfile::tempdir().expect("temp dir");
    let samples = common::workspace_root().join("sample-programs").canonicalize().expect("sample-programs");
    std::os::unix::fs::symlink(samples, dir.path().join("sample-programs")).expect("symlink");
    for command in COMMANDS {
        let examples = examples(&help(command));
        assert!((2..=4).contains(&examples.len()), "{command}: {examples:?}");
        for example in examples {
            let words: Vec<&str> = example.split_whitespace().collect();
            assert_eq!(words[..2], ["futurelens", command], "{example}");
            let out = futurelens().args(&words[1..]).current_dir(dir.path()).output().expect("runs");
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(out.status.success(), "`{example}` failed:\n{stderr}");
            assert!(!stderr.contains("panicked"), "{example}: {stderr}");
        }
    }
}

#[test]
fn fn_lists_every_name_form() {
    for command in ["analyze", "graph", "layout"] {
        let help = help(command).split_whitespace().collect::<Vec<_>>().join(" ");
        for form in [
            "`name`",
            "`module::name`",
            "`Type::method`",
            "`<T as Trait>::method`",
            "`async block@L:C`",
            "`async closure@L:C`",
        ] {
            assert!(help.contains(form), "{command} --help lacks {form}");
        }
    }
}

#[test]
fn analyze_and_top_name_their_thresholds_apart() {
    let analyze = help("analyze");
    let top = help("top");
    assert!(analyze.contains("--explain-from <BYTES>") && analyze.contains("why so big"), "{analyze}");
    assert!(top.contains("--min-size <BYTES>") && top.contains("List only futures of at least"), "{top}");
    assert!(!analyze.contains("--threshold") && !top.contains("--threshold"));
    // The old name still works in both.
    let file = common::sample("21_large_awaitee.rs");
    futurelens()
        .args(["analyze", "--fn", "parse", "--threshold", "1"])
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains("why so big"));
    futurelens()
        .args(["analyze", "--fn", "log", "--explain-from", "1000000"])
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains("why so big").not());
    let out = futurelens().args(["top", "--threshold", "16448"]).arg(&file).output().expect("runs");
    let firsts: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| !l.starts_with(' '))
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .collect();
    assert_eq!(firsts, ["serve", "handle"], "only the futures of at least 16 448 B");
}

#[test]
fn every_command_takes_the_size_options() {
    for command in COMMANDS {
        let help = help(command);
        for option in ["--rustc", "--assume <TYPE=SIZE[:ALIGN]>", "--target-pointer-width <BITS>"] {
            assert!(help.contains(option), "{command} --help lacks {option}");
        }
    }
    // They change what graph and top show.
    let file = common::sample("08_arguments_twice.rs");
    futurelens()
        .args(["graph", "--fn", "greet", "--target-pointer-width", "32"])
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains("name: String · 12 B"));
    futurelens()
        .args(["top", "--target-pointer-width", "32"])
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains("(12 B twice"));
}
