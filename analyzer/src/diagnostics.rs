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
    pub fn of(node: &(impl Located + ?Sized)) -> Span {
        Span::from_proc_macro(node.located())
    }

    /// A parser span as a span of the file: text parsed from a line further down the file
    /// (a chunk of a big file, see `parse`) counts from the [`Origin`] entered for it.
    pub fn from_proc_macro(span: proc_macro2::Span) -> Span {
        let start = span.start();
        let end = span.end();
        let origin = Origin::current();
        let line = start.line as u32 + origin.line;
        let end_line = end.line as u32 + origin.line;
        // The bytes from the file's lines where it can (proc-macro2 counts chars from the
        // start of its text, which costs a walk over the text for every span).
        let bytes = LINES.with(|lines| {
            let lines = lines.borrow();
            let lines = lines.as_ref()?;
            Some((lines.byte(line, start.column)?, lines.byte(end_line, end.column)?))
        });
        let (start_byte, end_byte) = bytes.unwrap_or_else(|| {
            let range = span.byte_range();
            (range.start + origin.byte, range.end + origin.byte)
        });
        Span {
            line,
            column: start.column as u32 + 1,
            end_line,
            end_column: end.column as u32 + 1,
            start_byte,
            end_byte,
        }
    }

    /// Where the span ends: the byte after it, and its last line.
    pub fn end(&self) -> (usize, u32) {
        (self.end_byte, self.end_line)
    }

    /// The source text this span covers, if the span belongs to `src`.
    pub fn text<'a>(&self, src: &'a str) -> Option<&'a str> {
        src.get(self.start_byte..self.end_byte)
    }
}

/// Where the text being parsed starts in the file: the lines and bytes before it. A big file
/// is parsed a chunk of whole lines at a time (see `parse`), and the parser counts lines and
/// bytes from the chunk's start; while a chunk's syntax trees are read, its origin is entered,
/// so that every [`Span`] made from them counts from the file's start.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Origin {
    pub line: u32,
    pub byte: usize,
}

thread_local! {
    static ORIGIN: std::cell::Cell<Origin> = const { std::cell::Cell::new(Origin { line: 0, byte: 0 }) };
}

impl Origin {
    /// The origin of the text whose syntax trees are being read on this thread.
    pub fn current() -> Origin {
        ORIGIN.with(|o| o.get())
    }

    /// Enters this origin until the returned guard is dropped (which restores the one before).
    #[must_use]
    pub fn enter(self) -> OriginGuard {
        OriginGuard { before: ORIGIN.with(|o| o.replace(self)) }
    }
}

/// Where each line of the file being read starts, for turning a parser's line and column
/// into a byte offset without walking the text: the lines made only of ASCII, where a column
/// (counted in chars) is a count of bytes. Entered for the whole analysis of a file; a text
/// that is not the file (std's model) is read with none entered.
pub struct Lines {
    /// The byte each line starts at, and whether the line is ASCII.
    starts: Vec<(usize, bool)>,
}

thread_local! {
    static LINES: std::cell::RefCell<Option<Lines>> = const { std::cell::RefCell::new(None) };
}

impl Lines {
    pub fn of(src: &str) -> Lines {
        let mut starts = Vec::with_capacity(src.len() / 32 + 1);
        let mut start = 0;
        for line in src.split_inclusive('\n') {
            starts.push((start, line.is_ascii()));
            start += line.len();
        }
        if src.is_empty() || src.ends_with('\n') {
            starts.push((start, true));
        }
        Lines { starts }
    }

    /// The byte at a 1-based line and a 0-based column in chars, if that line is ASCII.
    fn byte(&self, line: u32, column: usize) -> Option<usize> {
        let (start, ascii) = *self.starts.get((line as usize).checked_sub(1)?)?;
        ascii.then_some(start + column)
    }

    /// Makes `lines` the lines of the text being read on this thread until the returned
    /// guard is dropped (which restores the ones before).
    #[must_use]
    pub fn enter(lines: Option<Lines>) -> LinesGuard {
        LinesGuard { before: LINES.with(|l| l.replace(lines)) }
    }
}

/// Restores the lines that were current before [`Lines::enter`].
pub struct LinesGuard {
    before: Option<Lines>,
}

impl Drop for LinesGuard {
    fn drop(&mut self) {
        LINES.with(|l| *l.borrow_mut() = self.before.take());
    }
}

/// Restores the origin that was current before [`Origin::enter`].
pub struct OriginGuard {
    before: Origin,
}

impl Drop for OriginGuard {
    fn drop(&mut self) {
        ORIGIN.with(|o| o.set(self.before));
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

/// A syntax node's span: from its first token to its last, as `syn::spanned::Spanned` gives
/// it, but found from the tokens at the node's ends. `Spanned` prints the whole node to a
/// token stream to find them, so asking for the span of every expression of a body, and of
/// the blocks around them, took a large share of the lowering; here expressions, statements
/// and blocks go down their first and last children. Nodes with attributes, and small ones,
/// are printed as before.
pub trait Located {
    fn located(&self) -> proc_macro2::Span;
}

mod located {
    use proc_macro2::Span;
    use proc_macro2::extra::DelimSpan;
    use syn::spanned::Spanned;
    use syn::{Expr, Stmt};

    use super::Located;

    /// From `a`'s start to `b`'s end, as `Spanned` joins a node's first and last token
    /// (`join` takes the outer bounds, so either may be a whole child's span).
    fn join(a: Span, b: Span) -> Span {
        a.join(b).unwrap_or(a)
    }

    fn group(delim: &DelimSpan) -> Span {
        delim.join()
    }

    fn block(b: &syn::Block) -> Span {
        group(&b.brace_token.span)
    }

    /// Where a loop or block starts: its label's apostrophe, else its keyword.
    fn labelled(label: &Option<syn::Label>, keyword: Span) -> Span {
        label.as_ref().map_or(keyword, |l| l.name.apostrophe)
    }

    fn mac(m: &syn::Macro) -> Span {
        let delimiter = match &m.delimiter {
            syn::MacroDelimiter::Paren(p) => group(&p.span),
            syn::MacroDelimiter::Brace(b) => group(&b.span),
            syn::MacroDelimiter::Bracket(b) => group(&b.span),
        };
        join(m.path.span(), delimiter)
    }

    fn closure_start(x: &syn::ExprClosure) -> Span {
        x.constness
            .map(|t| t.span)
            .or(x.asyncness.map(|t| t.span))
            .or(x.capture.map(|t| t.span))
            .unwrap_or(x.inputs_begin.span)
    }

    /// One arm per expression kind, used for `Expr` and for the kind's own type: the kind's
    /// span when it has no attributes (and the guard holds), else the printed one.
    macro_rules! kinds {
        ($($variant:ident($x:ident: $ty:ty) $(if $guard:expr)? => $body:expr;)*) => {
            pub(super) fn expr(e: &Expr) -> Span {
                match e {
                    $(Expr::$variant($x) if $x.attrs.is_empty() $(&& $guard)? => $body,)*
                    other => other.span(),
                }
            }
            $(
                impl Located for $ty {
                    fn located(&self) -> Span {
                        let $x = self;
                        if $x.attrs.is_empty() $(&& $guard)? { $body } else { self.span() }
                    }
                }
            )*
        };
    }

    kinds! {
        Array(x: syn::ExprArray) => group(&x.bracket_token.span);
        Assign(x: syn::ExprAssign) => join(expr(&x.left), expr(&x.right));
        Async(x: syn::ExprAsync) => join(x.async_token.span, block(&x.block));
        Await(x: syn::ExprAwait) => join(expr(&x.base), x.await_token.span);
        Binary(x: syn::ExprBinary) => join(expr(&x.left), expr(&x.right));
        Block(x: syn::ExprBlock) => match &x.label {
            Some(l) => join(l.name.apostrophe, block(&x.block)),
            None => block(&x.block),
        };
        Break(x: syn::ExprBreak) => match (&x.expr, &x.label) {
            (Some(value), _) => join(x.break_token.span, expr(value)),
            (None, Some(label)) => join(x.break_token.span, label.span()),
            (None, None) => x.break_token.span,
        };
        Call(x: syn::ExprCall) => join(expr(&x.func), group(&x.paren_token.span));
        Closure(x: syn::ExprClosure)
            if x.lifetimes.is_none()
                && (matches!(x.output, syn::ReturnType::Default)
                    || matches!(&*x.body, Expr::Block(b) if b.attrs.is_empty() && b.label.is_none()))
            => join(closure_start(x), expr(&x.body));
        Const(x: syn::ExprConst) => join(x.const_token.span, block(&x.block));
        Field(x: syn::ExprField) => join(expr(&x.base), x.member.span());
        ForLoop(x: syn::ExprForLoop) => join(labelled(&x.label, x.for_token.span), block(&x.body));
        If(x: syn::ExprIf) => match &x.else_branch {
            Some((_, else_branch)) => join(x.if_token.span, expr(else_branch)),
            None => join(x.if_token.span, block(&x.then_branch)),
        };
        Index(x: syn::ExprIndex) => join(expr(&x.expr), group(&x.bracket_token.span));
        Let(x: syn::ExprLet) => join(x.let_token.span, expr(&x.expr));
        Loop(x: syn::ExprLoop) => join(labelled(&x.label, x.loop_token.span), block(&x.body));
        Macro(x: syn::ExprMacro) => mac(&x.mac);
        Match(x: syn::ExprMatch) => join(x.match_token.span, group(&x.brace_token.span));
        MethodCall(x: syn::ExprMethodCall) => join(expr(&x.receiver), group(&x.paren_token.span));
        Paren(x: syn::ExprParen) => group(&x.paren_token.span);
        Reference(x: syn::ExprReference) => join(x.and_token.span, expr(&x.expr));
        Repeat(x: syn::ExprRepeat) => group(&x.bracket_token.span);
        Return(x: syn::ExprReturn) => match &x.expr {
            Some(value) => join(x.return_token.span, expr(value)),
            None => x.return_token.span,
        };
        Struct(x: syn::ExprStruct) if x.qself.is_none() => join(x.path.span(), group(&x.brace_token.span));
        Try(x: syn::ExprTry) => join(expr(&x.expr), x.question_token.span);
        TryBlock(x: syn::ExprTryBlock) => join(x.try_token.span, block(&x.block));
        Tuple(x: syn::ExprTuple) => group(&x.paren_token.span);
        Unary(x: syn::ExprUnary) => join(x.op.span(), expr(&x.expr));
        Unsafe(x: syn::ExprUnsafe) => join(x.unsafe_token.span, block(&x.block));
        While(x: syn::ExprWhile) => join(labelled(&x.label, x.while_token.span), block(&x.body));
    }

    impl Located for Expr {
        fn located(&self) -> Span {
            expr(self)
        }
    }

    impl Located for Stmt {
        fn located(&self) -> Span {
            match self {
                Stmt::Local(l) => l.located(),
                Stmt::Expr(e, Some(semi)) => join(expr(e), semi.span),
                Stmt::Expr(e, None) => expr(e),
                Stmt::Macro(m) if m.attrs.is_empty() => match &m.semi_token {
                    Some(semi) => join(mac(&m.mac), semi.span),
                    None => mac(&m.mac),
                },
                other => other.span(),
            }
        }
    }

    impl Located for syn::StmtMacro {
        fn located(&self) -> Span {
            match &self.semi_token {
                Some(semi) if self.attrs.is_empty() => join(mac(&self.mac), semi.span),
                None if self.attrs.is_empty() => mac(&self.mac),
                _ => self.span(),
            }
        }
    }

    impl Located for syn::Local {
        fn located(&self) -> Span {
            if self.attrs.is_empty() { join(self.let_token.span, self.semi_token.span) } else { self.span() }
        }
    }

    impl Located for syn::Block {
        fn located(&self) -> Span {
            block(self)
        }
    }

    impl Located for syn::Macro {
        fn located(&self) -> Span {
            mac(self)
        }
    }

    impl Located for syn::Arm {
        fn located(&self) -> Span {
            if !self.attrs.is_empty() {
                return self.span();
            }
            let last = match &self.comma {
                Some(comma) => comma.span,
                None => expr(&self.body),
            };
            join(self.pat.span(), last)
        }
    }

    impl<T: Located + ?Sized> Located for Box<T> {
        fn located(&self) -> Span {
            (**self).located()
        }
    }

    impl<T: Located + ?Sized> Located for &T {
        fn located(&self) -> Span {
            (**self).located()
        }
    }

    /// Small nodes and tokens, printed to find their span.
    macro_rules! printed {
        ($($ty:ty),* $(,)?) => {$(
            impl Located for $ty {
                fn located(&self) -> Span {
                    self.span()
                }
            }
        )*};
    }

    printed! {
        proc_macro2::Ident, syn::Pat, syn::PatType, syn::FnArg, syn::Signature, syn::Type, syn::Path,
        syn::Member, syn::Lit, syn::LitStr, syn::Item, syn::ItemFn, syn::ItemMod, syn::ImplItemFn, syn::TraitItemFn,
        syn::Token![async], syn::Token![await], syn::Token![?], syn::Token![fn], syn::Token![move],
        syn::Token![for], Option<syn::Token![async]>,
    }
}
