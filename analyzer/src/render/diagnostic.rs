//! Diagnostics in rustc's style: `error: ...`, ` --> file:line:col`, the line, a caret.
//!
//! In: a [`Diagnostic`] and the source it points into. Out: the rendered text (styled with
//! anstyle escapes when asked; the CLI's output stream strips them when it must).

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use crate::diagnostics::{Diagnostic, Severity};

/// Renders a diagnostic, its notes and help wrapped to `width` characters.
pub fn render(diagnostic: &Diagnostic, src: &str, path: &str, styled: bool, width: usize) -> String {
    let level = match diagnostic.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Note => Level::NOTE,
    };
    let renderer = if styled { Renderer::styled() } else { Renderer::plain() };
    let mut title = level.primary_title(diagnostic.message.as_str());
    if let Some(code) = diagnostic.code {
        title = title.id(code);
    }
    // Notes and help follow `  = help: ` after the gutter, which is as wide as the biggest
    // line number shown.
    let last_line = diagnostic.span.iter().chain(diagnostic.related.iter().map(|(s, _)| s)).map(|s| s.end_line).max();
    let gutter = last_line.unwrap_or(1).max(1).to_string().len() + 1;
    let text_width = width.saturating_sub(gutter + "= help: ".len()).max(20);
    let wrapped = |text: &str| super::wrap(text, text_width).join("\n");
    let notes: Vec<String> = diagnostic.notes.iter().map(|n| wrapped(n)).collect();
    let help = diagnostic.help.as_deref().map(wrapped);
    let notes: Vec<_> = notes.iter().map(|n| Level::NOTE.message(n.as_str())).collect();
    let help = help.as_deref().map(|h| Level::HELP.message(h));

    match diagnostic.span {
        Some(span) if span.start_byte <= src.len() && src.is_char_boundary(span.start_byte.min(src.len())) => {
            let end = span.end_byte.clamp(span.start_byte, src.len());
            let end = if src.is_char_boundary(end) { end } else { span.start_byte };
            let mut annotation = AnnotationKind::Primary.span(span.start_byte..end);
            if let Some(label) = &diagnostic.label {
                annotation = annotation.label(label.as_str());
            }
            let mut snippet = Snippet::source(src).path(path).annotation(annotation);
            for (related, label) in &diagnostic.related {
                let (start, end) = (related.start_byte, related.end_byte);
                if start <= end && end <= src.len() && src.is_char_boundary(start) && src.is_char_boundary(end) {
                    snippet = snippet.annotation(AnnotationKind::Context.span(start..end).label(label.as_str()));
                }
            }
            let mut group = title.element(snippet);
            for note in notes {
                group = group.element(note);
            }
            if let Some(help) = help {
                group = group.element(help);
            }
            renderer.render(&[group])
        }
        _ => {
            let mut group = Group::with_title(title);
            for note in notes {
                group = group.element(note);
            }
            if let Some(help) = help {
                group = group.element(help);
            }
            let mut out = renderer.render(&[group]);
            if !path.is_empty() && diagnostic.span.is_none() {
                out = out.replacen('\n', &format!("\n --> {path}\n"), 1);
                if !out.contains("-->") {
                    out.push_str(&format!("\n --> {path}"));
                }
            }
            out
        }
    }
}
