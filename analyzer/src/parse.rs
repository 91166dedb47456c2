//! Parsing: source text to syntax trees, one top-level item at a time.
//!
//! In: the file's text. Out: its items (each handed to a callback, or all of them for a file
//! of at most [`CHUNK_BYTES`]), or one error [`Diagnostic`] placed where rustc would put it.
//! A whole file's tree takes about 90 bytes per source byte and its tokens about 20: a bigger
//! file is cut into [`chunks`] of whole top-level items, each lexed and parsed on its own and
//! dropped after use, with its [`Origin`] entered so that spans count from the file's start.
//! syn reports a missing token at the *next* token, and lexing errors (an unterminated string
//! or comment) with no useful span, so both are adjusted here.

use std::ops::Range;

use proc_macro2::TokenStream;
use syn::parse::{ParseStream, Parser};

use crate::diagnostics::{Diagnostic, Origin, Span};

/// A file of at most this many bytes is parsed whole, once; a bigger one in chunks of about
/// this size, once per pass over its items.
pub const CHUNK_BYTES: usize = 512 << 10;

/// The file's tokens (a shebang line is blanked, keeping every offset), or the lexing error.
pub fn tokens(src: &str) -> Result<TokenStream, Box<Diagnostic>> {
    let blanked;
    let text = match src.strip_prefix("#!") {
        Some(rest) if !rest.trim_start().starts_with('[') => {
            let end = src.find('\n').unwrap_or(src.len());
            blanked = format!("{}{}", " ".repeat(end), &src[end..]);
            blanked.as_str()
        }
        _ => src,
    };
    text.parse::<TokenStream>().map_err(|_| Box::new(lex_error(src)))
}

/// The whole file's syntax tree at once, or the error.
pub fn parse(src: &str) -> Result<syn::File, Box<Diagnostic>> {
    syn::parse_file(src).map_err(|err| Box::new(to_diagnostic(src, &err)))
}

/// Parses the items of a file one at a time and hands each to `each`.
pub fn for_each_item(src: &str, tokens: TokenStream, mut each: impl FnMut(syn::Item)) -> Result<(), Box<Diagnostic>> {
    let parser = |input: ParseStream<'_>| -> syn::Result<()> {
        input.call(syn::Attribute::parse_inner)?;
        while !input.is_empty() {
            each(input.parse()?);
        }
        Ok(())
    };
    parser.parse2(tokens).map_err(|err| Box::new(to_diagnostic(src, &err)))
}

/// A file's items for the passes over them: all of them, or the chunks to parse them from
/// once per pass.
pub enum Items {
    Whole(Vec<syn::Item>),
    Chunks(Vec<Range<usize>>),
}

impl Items {
    /// The items of a file of at most `chunk_bytes`, or the chunks of a bigger one (unparsed:
    /// the first pass finds out whether they parse).
    pub fn of(src: &str, chunk_bytes: usize) -> Result<Items, Box<Diagnostic>> {
        let chunks = chunks(src, chunk_bytes);
        if chunks.len() > 1 { Ok(Items::Chunks(chunks)) } else { Ok(Items::Whole(items(src)?)) }
    }

    /// Hands every item to `each`, with the end (byte, line) of the item, and says when a
    /// chunk is done; `false` if a chunk does not parse.
    pub fn for_each(&self, src: &str, mut each: impl FnMut(Met<'_>)) -> bool {
        match self {
            Items::Whole(items) => {
                items.iter().for_each(|item| each(Met::Item(item, end_of(item))));
                true
            }
            Items::Chunks(chunks) => for_each_item_in(src, chunks, |item| match item {
                Some(item) => each(Met::Item(&item, end_of(&item))),
                None => each(Met::ChunkDone),
            }),
        }
    }
}

/// What a pass over a file's items meets.
pub enum Met<'i> {
    /// An item, and where it ends (the byte after it, its last line).
    Item(&'i syn::Item, (usize, u32)),
    /// The end of a chunk: nothing parsed from it is alive any more but what the pass kept,
    /// so if it kept no syntax, the parser's spans can go
    /// (`proc_macro2::extra::invalidate_current_thread_spans`).
    ChunkDone,
}

/// Where a top-level item ends: the byte after it and its last line.
fn end_of(item: &syn::Item) -> (usize, u32) {
    use syn::Item;
    let brace = |b: &syn::token::Brace| b.span.close();
    let last = match item {
        Item::Fn(f) => brace(&f.block.brace_token),
        Item::Impl(i) => brace(&i.brace_token),
        Item::Trait(t) => brace(&t.brace_token),
        Item::Enum(e) => brace(&e.brace_token),
        Item::Union(u) => brace(&u.fields.brace_token),
        Item::ForeignMod(m) => brace(&m.brace_token),
        Item::Mod(m) => match (&m.content, &m.semi) {
            (Some((b, _)), _) => brace(b),
            (None, Some(semi)) => semi.span,
            (None, None) => return Span::of(item).end(),
        },
        Item::Struct(s) => match (&s.fields, &s.semi_token) {
            (syn::Fields::Named(f), None) => brace(&f.brace_token),
            (_, Some(semi)) => semi.span,
            _ => return Span::of(item).end(),
        },
        Item::Const(c) => c.semi_token.span,
        Item::Static(c) => c.semi_token.span,
        Item::Type(t) => t.semi_token.span,
        Item::Use(u) => u.semi_token.span,
        Item::ExternCrate(e) => e.semi_token.span,
        _ => return Span::of(item).end(),
    };
    Span::from_proc_macro(last).end()
}

/// Every item of the file, in order, or the error.
pub fn items(src: &str) -> Result<Vec<syn::Item>, Box<Diagnostic>> {
    let mut items = Vec::new();
    for_each_item(src, tokens(src)?, |item| items.push(item))?;
    Ok(items)
}

/// The byte ranges a file is parsed in: each starts at the start of a line and ends after a
/// top-level item (a `}` or `;` at the end of a line, outside any bracket, string or comment),
/// and holds at least `size` bytes, except the last. A file of at most `size` bytes, or one
/// that cannot be cut, is one chunk. A wrong cut (this scan is not a lexer) makes a chunk
/// fail to parse, and the caller parses the file whole instead.
pub fn chunks(src: &str, size: usize) -> Vec<Range<usize>> {
    if src.len() <= size {
        return std::iter::once(0..src.len()).collect();
    }
    let mut out = Vec::new();
    let mut start = 0;
    for cut in item_ends(src) {
        if cut - start >= size && cut < src.len() {
            out.push(start..cut);
            start = cut;
        }
    }
    out.push(start..src.len());
    out
}

/// Parses the file's chunks one after the other, each on its own, and hands their items to
/// `each` with the chunk's origin entered, then `None` after each chunk; `false` if a chunk
/// does not lex or parse (the caller then parses the file whole, for the error rustc would
/// give).
pub fn for_each_item_in(src: &str, chunks: &[Range<usize>], mut each: impl FnMut(Option<syn::Item>)) -> bool {
    let mut line = 0u32;
    let mut counted = 0;
    for (i, range) in chunks.iter().enumerate() {
        line += src[counted..range.start].bytes().filter(|b| *b == b'\n').count() as u32;
        counted = range.start;
        let _origin = Origin { line, byte: range.start }.enter();
        let text = &src[range.clone()];
        let tokens = if i == 0 { tokens(text).ok() } else { text.parse().ok() };
        let Some(tokens) = tokens else { return false };
        let parser = |input: ParseStream<'_>| -> syn::Result<()> {
            if i == 0 {
                input.call(syn::Attribute::parse_inner)?;
            }
            while !input.is_empty() {
                each(Some(input.parse()?));
            }
            Ok(())
        };
        if parser.parse2(tokens).is_err() {
            return false;
        }
        each(None);
    }
    true
}

/// The starts of the lines that follow a line ending a top-level item: a `}` or `;` outside
/// brackets, strings, chars and comments, followed by nothing but spaces. Empty when the
/// brackets do not balance.
fn item_ends(src: &str) -> Vec<usize> {
    let b = src.as_bytes();
    let ident = |c: u8| c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80;
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match c {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let mut nested = 1;
                i += 2;
                while i < b.len() && nested > 0 {
                    if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
                        nested += 1;
                        i += 2;
                    } else if b[i] == b'*' && b.get(i + 1) == Some(&b'/') {
                        nested -= 1;
                        i += 2;
                    } else {
                        i += 1;
                    }
                }
                continue;
            }
            b'"' => {
                i = skip_string(b, i + 1);
                continue;
            }
            // Raw strings (`r"..."`, `br#"..."#`, `cr"..."`), not raw identifiers (`r#type`).
            b'r' | b'b' | b'c' if i == 0 || !ident(b[i - 1]) => {
                let mut j = i + 1;
                if c != b'r' && b.get(j) == Some(&b'r') {
                    j += 1;
                } else if c != b'r' {
                    // `b"..."`, `c"..."` and `b'x'` are read as a string or char next.
                    i += 1;
                    continue;
                }
                let hashes = b[j..].iter().take_while(|x| **x == b'#').count();
                if b.get(j + hashes) != Some(&b'"') {
                    i = j;
                    continue;
                }
                i = skip_raw_string(b, j + hashes + 1, hashes);
                continue;
            }
            b'\'' => {
                // A char (`'x'`, `'\n'`, `'{'`) or a lifetime (`'a`).
                if b.get(i + 1) == Some(&b'\\') {
                    i += 3;
                    while i < b.len() && b[i] != b'\'' {
                        i += 1;
                    }
                    i += 1;
                    continue;
                }
                let width = src[i + 1..].chars().next().map_or(1, char::len_utf8);
                if b.get(i + 1 + width) == Some(&b'\'') {
                    i += width + 2;
                    continue;
                }
            }
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => {
                let Some(d) = depth.checked_sub(1) else { return Vec::new() };
                depth = d;
            }
            _ => {}
        }
        if depth == 0 && (c == b'}' || c == b';') {
            let rest = b[i + 1..].iter().position(|x| !matches!(x, b' ' | b'\t' | b'\r'));
            if let Some(n) = rest
                && b[i + 1 + n] == b'\n'
            {
                out.push(i + 1 + n + 1);
            }
        }
        i += 1;
    }
    if depth != 0 { Vec::new() } else { out }
}

/// The index after the `"` that closes a string whose text starts at `i`.
fn skip_string(b: &[u8], mut i: usize) -> usize {
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    i
}

/// The index after the `"` and `hashes` `#`s that close a raw string whose text starts at `i`.
fn skip_raw_string(b: &[u8], mut i: usize, hashes: usize) -> usize {
    while i < b.len() {
        if b[i] == b'"' && b[i + 1..].iter().take(hashes).filter(|x| **x == b'#').count() == hashes {
            return i + 1 + hashes;
        }
        i += 1;
    }
    i
}

fn lex_error(src: &str) -> Diagnostic {
    let (line, column, byte, what) = find_lex_error(src);
    let span = Span {
        line,
        column,
        end_line: line,
        end_column: column + 1,
        start_byte: byte,
        end_byte: (byte + 1).min(src.len()),
    };
    Diagnostic::error(what, Some(span)).with_label("starts here")
}

fn to_diagnostic(src: &str, err: &syn::Error) -> Diagnostic {
    let span = Span::from_proc_macro(err.span());
    let message = err.to_string();
    if span.start_byte == span.end_byte
        && (span.start_byte == 0 || message.contains("cannot parse string into token stream"))
    {
        // A lexing error: find the unbalanced delimiter or unterminated literal ourselves.
        return lex_error(src);
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

/// A `mod name;` declaration: a module whose items are in another file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModDecl {
    pub name: String,
    /// The `#[path = "..."]` attribute's value, if any.
    pub path: Option<String>,
    /// The inline modules (`mod a { ... }`) the declaration sits in, outermost first, each
    /// with its own `#[path]` (which names a directory).
    pub parents: Vec<(String, Option<String>)>,
    /// The condition of a `#[cfg(...)]` on the declaration or on an inline module around it,
    /// as written (`test`, `feature = "tls"`).
    pub cfg: Option<String>,
    pub span: Span,
}

/// The `mod name;` declarations of a file, at any depth of inline modules, in source order.
pub fn module_decls(src: &str) -> Result<Vec<ModDecl>, Box<Diagnostic>> {
    let file = parse(src)?;
    let mut out = Vec::new();
    collect_mods(&file.items, &mut Vec::new(), None, &mut out);
    Ok(out)
}

fn collect_mods(
    items: &[syn::Item],
    parents: &mut Vec<(String, Option<String>)>,
    cfg: Option<&str>,
    out: &mut Vec<ModDecl>,
) {
    for item in items {
        let syn::Item::Mod(m) = item else { continue };
        let own_cfg = m.attrs.iter().find(|a| a.path().is_ident("cfg")).and_then(|a| match &a.meta {
            syn::Meta::List(list) => Some(list.tokens.to_string()),
            _ => None,
        });
        let cfg = own_cfg.as_deref().or(cfg);
        let path = m.attrs.iter().find(|a| a.path().is_ident("path")).and_then(|a| match &a.meta {
            syn::Meta::NameValue(syn::MetaNameValue {
                value: syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }),
                ..
            }) => Some(s.value()),
            _ => None,
        });
        let name = syn::ext::IdentExt::unraw(&m.ident).to_string();
        match &m.content {
            None => out.push(ModDecl {
                name,
                path,
                parents: parents.clone(),
                cfg: cfg.map(str::to_string),
                span: Span::of(m),
            }),
            Some((_, inner)) => {
                parents.push((name, path));
                collect_mods(inner, parents, cfg, out);
                parents.pop();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::module_decls;

    #[test]
    fn lists_out_of_line_modules_with_their_inline_parents_paths_and_cfgs() {
        let src =
            "mod a;\n#[path = \"x/b.rs\"] pub mod b;\nmod inl { mod c; }\n#[cfg(test)] mod t { mod d; }\nmod r#type;\n";
        let decls = module_decls(src).expect("parses");
        let got: Vec<String> = decls
            .iter()
            .map(|d| {
                let parents: Vec<&str> = d.parents.iter().map(|(n, _)| n.as_str()).collect();
                format!("{}:{:?}:{}:{:?}", d.name, d.path, parents.join("/"), d.cfg)
            })
            .collect();
        assert_eq!(
            got,
            [
                "a:None::None",
                "b:Some(\"x/b.rs\")::None",
                "c:None:inl:None",
                "d:None:t:Some(\"test\")",
                "type:None::None",
            ]
        );
    }
}
