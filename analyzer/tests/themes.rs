//! The text themes: the byte map's glyphs are coloured, `▒` (this state only) and `░`
//! (padding) in different colours; the theme for slides dims nothing, reasons included, while
//! the terminal theme dims them; the plain theme writes no escape codes.

mod common;

use futurelens_analyzer::render::{self, Theme};

const DIM: &str = "\u{1b}[2m";
const DARK_GREY: &str = "\u{1b}[90m";

/// The escape code that opens the run of `glyph` in `text`.
fn colour_of(text: &str, glyph: char) -> String {
    let at = text.find(glyph).unwrap_or_else(|| panic!("no {glyph}"));
    let before = &text[..at];
    let start = before.rfind('\u{1b}').unwrap_or_else(|| panic!("{glyph} is not coloured"));
    before[start..].to_string()
}

fn two_awaits(theme: &Theme) -> String {
    let analysis = common::analyze_path(&common::workspace_root().join("sample-programs/01_two_awaits.rs"));
    let futures = analysis.select("two_awaits");
    render::text::render(&analysis, &futures, theme)
}

#[test]
fn the_byte_map_is_coloured() {
    for theme in [Theme::ansi(), Theme::slides()] {
        let text = two_awaits(&theme);
        let bars: String = text.lines().filter(|l| l.contains('[') && l.contains(']')).collect::<Vec<_>>().join("\n");
        let colours: Vec<String> = ['█', '▒', '#', '░'].iter().map(|g| colour_of(&bars, *g)).collect();
        for (i, a) in colours.iter().enumerate() {
            for b in &colours[i + 1..] {
                assert_ne!(a, b, "two glyphs of the byte map share a colour: {colours:?}");
            }
        }
        assert!(!colours[1].ends_with("[0m"), "▒ is coloured: {colours:?}");
    }
}

#[test]
fn slides_dim_nothing() {
    let slides = two_awaits(&Theme::slides());
    assert!(!slides.contains(DIM) && !slides.contains(DARK_GREY), "dimmed text in the slides theme:\n{slides}");
    let reason = "used later, at line 20";
    assert!(slides.contains(reason));
    let terminal = two_awaits(&Theme::ansi());
    assert!(terminal.contains(&format!("{DIM}{reason}")), "the terminal theme dims reasons:\n{terminal}");
}

#[test]
fn plain_writes_no_escapes() {
    assert!(!two_awaits(&Theme::plain()).contains('\u{1b}'));
}
