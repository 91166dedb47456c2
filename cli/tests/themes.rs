//! `--theme slides` on the text commands: strong colours, nothing dimmed; `--theme terminal`
//! (the default) dims secondary text and reasons; a file gets no colour at all.

mod common;

use common::{futurelens, sample};

const DIM: &str = "\u{1b}[2m";

fn stdout(args: &[&str]) -> String {
    common::stdout_of(futurelens().args(args).arg(sample("01_two_awaits.rs")))
}

#[test]
fn slides_dim_nothing_in_any_text_command() {
    // A reason each command shows: why a value is kept, what shares its bytes.
    for (command, reason) in
        [("analyze", Some("used later, at line 20")), ("layout", Some("reuses bytes of Suspend1")), ("top", None)]
    {
        let terminal = stdout(&[command, "--color", "always"]);
        let slides = stdout(&[command, "--color", "always", "--theme", "slides"]);
        assert!(slides.contains('\u{1b}'), "{command}: slides are coloured");
        assert!(!slides.contains(DIM), "{command}: dimmed text on slides:\n{slides}");
        if let Some(reason) = reason {
            assert!(terminal.contains(&format!("{DIM}{reason}")), "{command}: {terminal}");
            assert!(slides.contains(reason), "{command}");
        }
    }
}

#[test]
fn a_file_gets_no_colour_whatever_the_theme() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("slides.txt");
    futurelens()
        .args(["analyze", "--theme", "slides", "--color", "always", "-o"])
        .arg(&out)
        .arg(sample("01_two_awaits.rs"))
        .assert()
        .success();
    let text = std::fs::read_to_string(&out).expect("written");
    assert!(text.contains("used later, at line 20") && !text.contains('\u{1b}'));
}
