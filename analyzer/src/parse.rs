//! Parsing: source text to a `syn::File`.
//!
//! In: the file's text. Out: the syntax tree, or one error [`Diagnostic`] placed where rustc
//! would put it. syn reports a missing token at the *next* token, and lexing errors (an
//! unterminated string or comment) with no useful span, so both are adjusted here.

use crate::diagnostics::{Diagnostic, Span};

/// The syntax tree, or the error (boxed: a diagnostic is large next to the tree's handle).
pub fn parse(src: &str) -> Result<syn::File, Box<Diagnostic>> {
    match syn::parse_file(src) {
        Ok(file) => Ok(file),
        Err(err) => Err(Box::new(to_diagnostic(src, &err))),
    }
}

fn to_diagnostic(src: &str, err: &syn::Error) -> Diagnostic {
    let span = Span::from_proc_macro(err.span());
    let message = err.to_string();
    if span.start_byte == span.end_byte
        && (span.start_byte == 0 || message.contains("cannot parse string into token stream"))
    {
        // A lexing error: find the unbalanced delimiter or unterminated literal ourselves.
        let (line, column, byte, what) = find_lex_error(src);
        let span = Span {
            line,
            column,
            end_line: line,
            end_column: column + 1,
            start_byte: byte,
            end_byte: (byte + 1).min(src.len()),
        };
        return Diagnostic::error(what, Some(span)).with_label("starts here");
    }
    let mut diagnostic = Diagnostic::error(message, Some(span));
    if diagnostic.message.starts_with("expected `;`") {
        diagnostic = diagnostic.with_help("a `;` may be missing at the end of the previous line");
    }
    diagnostic
}

/// Scans for an unterminated string, char or block comment, or an unbalanced delimiter.
fn find_lex_error(src: &str) -> (u32, u32, usize, String) {
    let mut stack: Vec<(char, usize)> = Vec::new();
    let bytes: Vec<(usize, char)> = src.char_indices().collect();
    let mut i = 0;
    while i < bytes.len() {
        let (pos, c) = bytes[i];
        let next = bytes.get(i + 1).map(|x| x.1);
        match c {
            '/' if next == Some('/') => {
                while i < bytes.len() && bytes[i].1 != '\n' {
                    i += 1;
                }
            }
            '/' if next == Some('*') => {
                let start = pos;
                let mut depth = 1;
                i += 2;
                while i < bytes.len() && depth > 0 {
                    let c = bytes[i].1;
                    let n = bytes.get(i + 1).map(|x| x.1);
                    if c == '/' && n == Some('*') {
                        depth += 1;
                        i += 1;
                    } else if c == '*' && n == Some('/') {
                        depth -= 1;
                        i += 1;
                    }
                    i += 1;
                }
                if depth > 0 {
                    return located(src, start, "unterminated block comment");
                }
                continue;
            }
            '"' => {
                let start = pos;
                i += 1;
                while i < bytes.len() && bytes[i].1 != '"' {
                    if bytes[i].1 == '\\' {
                        i += 1;
                    }
                    i += 1;
                }
                if i >= bytes.len() {
                    return located(src, start, "unterminated double quote string");
                }
            }
            '(' | '[' | '{' => stack.push((c, pos)),
            ')' | ']' | '}' => {
                let want = match c {
                    ')' => '(',
                    ']' => '[',
                    _ => '{',
                };
                match stack.pop() {
                    Some((open, _)) if open == want => {}
                    Some(_) | None => return located(src, pos, &format!("unexpected closing delimiter: `{c}`")),
                }
            }
            _ => {}
        }
        i += 1;
    }
    if let Some((open, pos)) = stack.pop() {
        return located(src, pos, &format!("this file contains an unclosed delimiter `{open}`"));
    }
    located(src, 0, "the file could not be tokenized")
}

fn located(src: &str, byte: usize, message: &str) -> (u32, u32, usize, String) {
    let before = &src[..byte];
    let line = before.matches('\n').count() as u32 + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let column = src[line_start..byte].chars().count() as u32 + 1;
    (line, column, byte, message.to_string())
}
