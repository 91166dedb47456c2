//! Source positions and the diagnostics every stage reports instead of failing.
//!
//! In: spans from the parser (`proc_macro2` line/column plus byte offsets). Out: plain
//! [`Span`] and [`Diagnostic`] values that carry no syn type, so later stages and the
//! renderers can use them freely.

use serde::Serialize;

/// A region of the source file: 1-based lines, 1-based columns counted in chars, and the
/// byte range used to print a caret under the right text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
    #[serde(skip)]
    pub start_byte: usize,
    #[serde(skip)]
    pub end_byte: usize,
}

impl Span {
    /// The span of a syn node (or any token tree) in the file being analysed.
    pub fn of(spanned: &impl syn::spanned::Spanned) -> Span {
        Span::from_proc_macro(spanned.span())
    }

    pub fn from_proc_macro(span: proc_macro2::Span) -> Span {
        let start = span.start();
        let end = span.end();
        let range = span.byte_range();
        Span {
            line: start.line as u32,
            column: start.column as u32 + 1,
            end_line: end.line as u32,
            end_column: end.column as u32 + 1,
            start_byte: range.start,
            end_byte: range.end,
        }
    }

    /// The source text this span covers, if the span belongs to `src`.
    pub fn text<'a>(&self, src: &'a str) -> Option<&'a str> {
        src.get(self.start_byte..self.end_byte)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Note,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// Something the analysis wants the user to know, tied to a place in the source when it has one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    pub span: Option<Span>,
    /// The label under the caret (rustc's primary label), if any.
    pub label: Option<String>,
    pub help: Option<String>,
    /// rustc's error code (`E0733`), when the diagnostic is one of rustc's errors.
    pub code: Option<&'static str>,
    /// Other places the diagnostic points at, each with its label (rustc's secondary labels).
    pub related: Vec<(Span, String)>,
    /// Sentences shown after the source (rustc's `= note: ...`).
    pub notes: Vec<String>,
}

impl Diagnostic {
    fn new(severity: Severity, message: String, span: Option<Span>) -> Diagnostic {
        Diagnostic {
            severity,
            message,
            span,
            label: None,
            help: None,
            code: None,
            related: Vec::new(),
            notes: Vec::new(),
        }
    }

    pub fn error(message: impl Into<String>, span: Option<Span>) -> Diagnostic {
        Diagnostic::new(Severity::Error, message.into(), span)
    }

    pub fn warning(message: impl Into<String>, span: Option<Span>) -> Diagnostic {
        Diagnostic::new(Severity::Warning, message.into(), span)
    }

    pub fn note(message: impl Into<String>, span: Option<Span>) -> Diagnostic {
        Diagnostic::new(Severity::Note, message.into(), span)
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Diagnostic {
        self.label = Some(label.into());
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    pub fn with_code(mut self, code: &'static str) -> Diagnostic {
        self.code = Some(code);
        self
    }

    pub fn with_related(mut self, span: Span, label: impl Into<String>) -> Diagnostic {
        self.related.push((span, label.into()));
        self
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Diagnostic {
        self.notes.push(note.into());
        self
    }
}
