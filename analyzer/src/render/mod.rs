//! Rendering: an [`Analysis`](crate::Analysis) to text for people or JSON for tools.
//!
//! In: the finished analysis (renderers never re-analyse). Out: `String`s. Colour comes from a
//! [`Theme`]; [`Theme::plain`] writes no escape codes, so tests and pipes get plain text.

pub mod compare;
pub mod desugar;
pub mod diagnostic;
pub mod dot;
pub mod explain;
pub mod graph_text;
pub mod graph_view;
pub mod json;
pub mod layout;
pub mod layout_svg;
pub mod mermaid;
pub mod page;
pub mod recursion;
pub mod svg;
pub mod svg_draw;
pub mod text;
pub mod theme;
pub mod top;
pub mod trace;

pub use theme::Theme;

use crate::liveness::Reason;

/// The reason a field is kept, as a short sentence.
pub fn reason_text(reason: &Reason) -> String {
    match reason {
        Reason::UsedLater { line } => format!("used later, at line {line}"),
        Reason::DroppedAtScopeEnd { line } => format!("dropped at end of scope, line {line}"),
        Reason::Borrowed { line, until } => format!("borrowed at line {line}, still in scope until line {until}"),
        Reason::AwaitedFuture { .. } => "the future being awaited".into(),
        Reason::LoopIterator { line } => format!("iterator of the `for` loop at line {line}"),
        Reason::TemporaryInExpression { expr, line } => {
            format!("temporary of `{}` (line {line}), still needed", shorten(expr, 40))
        }
        Reason::DropFlag { of, temporary: false, .. } => format!("drop flag: whether `{of}` still has to be dropped"),
        Reason::DropFlag { of, temporary: true, .. } => {
            format!("drop flag: whether the temporary `{}` still has to be dropped", shorten(of, 40))
        }
        Reason::Argument => "argument".into(),
        Reason::Captured => "captured variable".into(),
        Reason::OnlyRustc => "stored by rustc; the estimate did not predict it".into(),
    }
}

/// What a size estimated for a 32-bit target is worth, said wherever such sizes are shown
/// (`None` for 64 bits, where the tests compare the estimate with rustc).
pub fn target_note(pointer_width: u32) -> Option<&'static str> {
    (pointer_width == 32).then_some(
        "32-bit sizes are unverified: rustc checks the type model on 32-bit ARM and wasm32, but no \
         future's layout; on i686, u64 and f64 are 4-byte aligned, and the model does not follow it",
    )
}

/// A size in bytes with its thousands grouped: `16 432 B`, `1 B`. Every size the renderers
/// write goes through here.
pub fn size_text(bytes: impl Into<u128>) -> String {
    format!("{} B", grouped(bytes.into()))
}

/// A number with its thousands grouped by spaces: `16 432`.
pub fn grouped(n: u128) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// The width long lines are wrapped to when no terminal gives one (and in files).
pub const DEFAULT_WIDTH: usize = 100;

/// Breaks `text` into lines of at most `width` characters, at spaces, but never inside a
/// number, between a number and its unit (`16 384 B` stays whole) or after `line`. A word longer than a
/// line gets a line of its own.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let number = word.starts_with(|c: char| c.is_ascii_digit());
        let joins = |prev: &str| {
            matches!(prev.rsplit(' ').next(), Some("line" | "lines")) && number
                || prev.ends_with(|c: char| c.is_ascii_digit())
                    && (word.starts_with(|c: char| c.is_ascii_digit())
                        && word.chars().take_while(char::is_ascii_digit).count() == 3
                        || word == "B"
                        || word.starts_with("B)")
                        || word.starts_with("B,"))
        };
        match words.last_mut() {
            Some(prev) if joins(prev) => {
                prev.push(' ');
                prev.push_str(word);
            }
            _ => words.push(word.to_string()),
        }
    }
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in words {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// A piece of a line: its text and its colour.
pub struct Piece {
    pub text: String,
    pub style: owo_colors::Style,
}

impl Piece {
    pub fn new(style: owo_colors::Style, text: impl Into<String>) -> Piece {
        Piece { text: text.into(), style }
    }

    /// Text without colour.
    pub fn plain(text: impl Into<String>) -> Piece {
        Piece::new(owo_colors::Style::new(), text)
    }

    fn width(&self) -> usize {
        self.text.chars().count()
    }
}

/// The pieces of `head` side by side, then `items` two spaces apart, on lines of at most
/// `width` characters: an item that does not fit goes on a new line, indented to where the
/// first item starts (or by 4 spaces, if that would leave less than half the width or too
/// little for the longest word); an item longer than a whole line is itself wrapped, its later
/// lines indented 2 more.
pub fn flow(theme: &Theme, head: &[Piece], items: &[Piece], width: usize) -> String {
    let head_w: usize = head.iter().map(Piece::width).sum();
    let longest_word = items.iter().flat_map(|i| i.text.split(' ')).map(|w| w.chars().count()).max().unwrap_or(0);
    let indent = if head_w + 2 <= width / 2 && head_w + 4 + longest_word <= width { head_w + 2 } else { 4 };
    let mut out: String = head.iter().map(|p| theme.paint(p.style, &p.text)).collect();
    let mut used = head_w;
    for item in items {
        let room = width.saturating_sub(indent);
        let fragments =
            if item.width() > room { wrap(&item.text, room.saturating_sub(2).max(1)) } else { vec![item.text.clone()] };
        for (i, fragment) in fragments.iter().enumerate() {
            let w = fragment.chars().count();
            if i > 0 {
                out.push('\n');
                out.push_str(&" ".repeat(indent + 2));
                used = indent + 2;
            } else if used + 2 + w > width && used > indent {
                // A new line helps only if it starts left of where the item would.
                out.push('\n');
                out.push_str(&" ".repeat(indent));
                used = indent;
            } else {
                out.push_str("  ");
                used += 2;
            }
            out.push_str(&theme.paint(item.style, fragment));
            used += w;
        }
    }
    out
}

/// Shortens source text for display, keeping its start and end.
pub fn shorten(text: &str, max: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= max {
        return text.to_string();
    }
    let head = max * 2 / 3;
    let tail = max - head - 1;
    let mut out: String = chars[..head].iter().collect();
    out.push('…');
    out.extend(&chars[chars.len() - tail..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_breaks_at_spaces() {
        assert_eq!(wrap("aa bb cc dd", 5), ["aa bb", "cc dd"]);
        assert_eq!(wrap("a verylongword b", 4), ["a", "verylongword", "b"]);
        assert_eq!(wrap("", 10), [""]);
        assert_eq!(wrap("keeps buf (16 384 B), line 17", 12), ["keeps buf", "(16 384 B),", "line 17"]);
        assert_eq!(wrap("line 26 at 3", 7), ["line 26", "at 3"]);
        assert_eq!(wrap("copy, line 41", 8), ["copy,", "line 41"]);
    }

    #[test]
    fn flow_indents_under_the_first_item() {
        let theme = Theme::plain();
        let p = |t: &str| Piece::plain(t);
        let text = flow(&theme, &[p("name  9 B")], &[p("← one"), p("← two two"), p("at f.rs:1")], 24);
        assert_eq!(text, "name  9 B  ← one\n           ← two two\n           at f.rs:1");
        // A long head: continuation lines are indented by 4.
        let text = flow(&theme, &[p("a_very_long_future_name"), p("  9 B")], &[p("← one"), p("← two")], 36);
        assert_eq!(text, "a_very_long_future_name  9 B  ← one\n    ← two");
        // An item longer than a line is wrapped itself.
        let text = flow(&theme, &[p("f  1 B")], &[p("← a b c d e f g h"), p("at x")], 16);
        assert_eq!(text, "f  1 B  ← a b\n          c d e\n          f g h\n        at x");
        assert!(text.lines().all(|l| l.chars().count() <= 16), "{text}");
    }
}
