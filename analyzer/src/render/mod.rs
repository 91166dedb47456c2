//! Rendering: an [`Analysis`](crate::Analysis) to text for people or JSON for tools.
//!
//! In: the finished analysis (renderers never re-analyse). Out: `String`s. Colour comes from a
//! [`Theme`]; [`Theme::plain`] writes no escape codes, so tests and pipes get plain text.

pub mod compare;
pub mod diagnostic;
pub mod dot;
pub mod graph_text;
pub mod graph_view;
pub mod json;
pub mod layout;
pub mod mermaid;
pub mod svg;
pub mod svg_draw;
pub mod text;
pub mod theme;
pub mod top;

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
    }
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
