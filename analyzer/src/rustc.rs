//! Parser for what `rustc -Zprint-type-sizes` prints on stdout, keeping only the
//! coroutines rustc builds from `async fn` bodies, async blocks and async closure bodies.
//! In goes the raw stdout text; out comes one [`RustcFuture`] per such record, in input
//! order, with its variants and fields and every field's real byte offset reconstructed
//! from the printer's rules. Pure (no I/O) and panic-free: unrecognised lines are skipped.

use std::path::Path;
use std::process::Command;

use serde::Serialize;

use crate::edition::Edition;

/// The compiler invocation whose standard output [`parse_print_type_sizes`] reads, shared by
/// `--rustc` and the tests so that both see the same layouts: `input` built as a library in
/// `edition`, a full build (only code generation lays out the instances of generic async fns
/// that the file uses), `-Zprint-type-sizes` accepted by the stable compiler through
/// `RUSTC_BOOTSTRAP=1`, lints capped, the library written into `out_dir`. Building the
/// command runs nothing; the caller runs it.
pub fn print_type_sizes_command(rustc: &Path, input: &Path, out_dir: &Path, edition: Edition) -> Command {
    let mut command = Command::new(rustc);
    command
        .env("RUSTC_BOOTSTRAP", "1")
        .args(["--edition", edition.as_str(), "--crate-type", "lib", "-Zprint-type-sizes"])
        .args(["--cap-lints", "allow", "-o"])
        .arg(out_dir.join("out.rlib"))
        .arg(input)
        .current_dir(out_dir);
    command
}

/// Which async construct a coroutine comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum RustcFutureKind {
    AsyncFn,
    AsyncBlock,
    AsyncClosure,
}

/// `upvar` (captured argument / variable, lives in the prefix) or `local` (saved local).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum RustcRole {
    Upvar,
    Local,
}

/// One coroutine record (`print-type-size type: ...` and the lines below it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RustcFuture {
    /// The text between the backticks, e.g. `{async fn body of m::f()}`.
    pub rustc_name: String,
    /// The futurelens name, see [`futurelens_name`].
    pub name: String,
    pub kind: RustcFutureKind,
    pub size: u64,
    pub align: u64,
    /// 0 if rustc printed no `discriminant:` line.
    pub discriminant_size: u64,
    pub variants: Vec<RustcVariant>,
    pub end_padding: u64,
}

/// A state of the coroutine: `Unresumed`, `Suspend0`, ..., `Returned`, `Panicked`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RustcVariant {
    pub name: String,
    /// The size rustc printed for the variant (its own size minus the discriminant size).
    pub printed_size: u64,
    /// Sorted by offset, as rustc prints them.
    pub fields: Vec<RustcField>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RustcField {
    pub role: RustcRole,
    /// `big`, `__awaitee`, `_ref__x`; unnamed temporaries keep one dot: `.coroutine_field7`.
    pub name: String,
    pub size: u64,
    /// Real offset from the start of the coroutine (printed or reconstructed).
    pub offset: u64,
    /// Only printed by rustc when the field follows padding or has an explicit offset.
    pub align: Option<u64>,
    /// Only printed by rustc for some fields (awaitees, unnamed temporaries).
    pub ty: Option<String>,
}

impl RustcField {
    /// True for rustc's unnamed saved temporaries and drop flags (`..coroutine_fieldN`).
    pub fn is_unnamed(&self) -> bool {
        self.name.starts_with('.')
    }

    /// First byte past the field.
    pub fn end(&self) -> u64 {
        self.offset.saturating_add(self.size)
    }
}

impl RustcFuture {
    pub fn variant(&self, name: &str) -> Option<&RustcVariant> {
        self.variants.iter().find(|v| v.name == name)
    }

    /// Number of `SuspendN` variants, i.e. of await points rustc kept.
    pub fn suspend_count(&self) -> usize {
        self.variants.iter().filter(|v| v.name.starts_with("Suspend")).count()
    }
}

/// Parse `-Zprint-type-sizes` stdout into the async coroutine records it contains.
///
/// Offsets follow rustc's printer (`rustc_session::code_stats::print_type_sizes`): per
/// variant a cursor starts at the discriminant size; a field printed with `offset: O` is
/// at O; otherwise it is at the cursor plus the `padding:` lines just before it; after
/// each field the cursor becomes `offset + size`.
pub fn parse_print_type_sizes(stdout: &str) -> Vec<RustcFuture> {
    let mut out = Vec::new();
    let mut cur: Option<RustcFuture> = None;
    let (mut cursor, mut pad) = (0u64, 0u64);
    for line in stdout.lines() {
        let Some(body) = line.trim().strip_prefix("print-type-size") else {
            continue;
        };
        let body = body.trim_start();
        if let Some(rest) = body.strip_prefix("type: ") {
            out.extend(cur.take());
            cur = parse_header(rest);
            continue;
        }
        let Some(fut) = cur.as_mut() else { continue };
        if let Some(n) = body.strip_prefix("discriminant: ").and_then(bytes) {
            fut.discriminant_size = n;
        } else if let Some(n) = body.strip_prefix("end padding: ").and_then(bytes) {
            fut.end_padding = n;
        } else if let Some(n) = body.strip_prefix("padding: ").and_then(bytes) {
            pad = pad.saturating_add(n);
        } else if let Some(variant) = body.strip_prefix("variant `").and_then(parse_variant) {
            fut.variants.push(variant);
            (cursor, pad) = (fut.discriminant_size, 0);
        } else if let Some(field) = parse_field(body, cursor.saturating_add(pad)) {
            let Some(variant) = fut.variants.last_mut() else {
                continue;
            };
            (cursor, pad) = (field.end(), 0);
            variant.fields.push(field);
        }
    }
    out.extend(cur);
    out
}

/// `` `NAME`: 80 bytes, alignment: 8 bytes `` (after `type: `); None unless NAME is async.
fn parse_header(rest: &str) -> Option<RustcFuture> {
    let (name, tail) = rest.strip_prefix('`')?.rsplit_once("`: ")?;
    let (size, align) = tail.split_once(", alignment: ")?;
    let (kind, fl_name) = futurelens_name(name)?;
    Some(RustcFuture {
        rustc_name: name.to_string(),
        name: fl_name,
        kind,
        size: bytes(size)?,
        align: bytes(align)?,
        discriminant_size: 0,
        variants: Vec::new(),
        end_padding: 0,
    })
}

/// `` Suspend0`: 64 bytes `` (after ``variant ` ``).
fn parse_variant(rest: &str) -> Option<RustcVariant> {
    let (name, size) = rest.split_once("`: ")?;
    let (name, printed_size) = (name.to_string(), bytes(size)?);
    Some(RustcVariant { name, printed_size, fields: Vec::new() })
}

/// `` upvar `.x`: 8 bytes[, offset: O bytes][, alignment: A bytes][, type: T] ``
fn parse_field(body: &str, implicit_offset: u64) -> Option<RustcField> {
    let (role, rest) = if let Some(r) = body.strip_prefix("upvar `") {
        (RustcRole::Upvar, r)
    } else {
        (RustcRole::Local, body.strip_prefix("local `")?)
    };
    let (raw_name, rest) = rest.split_once("`: ")?;
    let (size, mut rest) = rest.split_once(" bytes")?;
    let size = size.parse().ok()?;
    let (mut offset, mut align, mut ty) = (None, None, None);
    while !rest.is_empty() {
        if let Some(t) = rest.strip_prefix(", type: ") {
            ty = Some(t.to_string());
            break;
        }
        let (slot, r) = if let Some(r) = rest.strip_prefix(", offset: ") {
            (&mut offset, r)
        } else if let Some(r) = rest.strip_prefix(", alignment: ") {
            (&mut align, r)
        } else {
            break;
        };
        let (n, r) = r.split_once(" bytes")?;
        *slot = Some(n.parse().ok()?);
        rest = r;
    }
    Some(RustcField {
        role,
        name: raw_name.strip_prefix('.').unwrap_or(raw_name).to_string(),
        size,
        offset: offset.unwrap_or(implicit_offset),
        align,
        ty,
    })
}

/// `"16 bytes"` -> 16.
fn bytes(s: &str) -> Option<u64> {
    s.trim().strip_suffix(" bytes")?.parse().ok()
}

/// The futurelens name of a rustc coroutine type name, or None if it is not an async fn
/// body / async block / async closure body.
///
/// `{async fn body of <W<u8> as Svc>::call()}` -> `<W as Svc>::call` (generic args
/// removed), `{async block@src/a.rs:12:15: 12:25}` -> `async block@12:15`,
/// `{async closure body@a.rs:3:20: 5:6}` -> `async closure@3:20`.
pub fn futurelens_name(rustc_name: &str) -> Option<(RustcFutureKind, String)> {
    let inner = rustc_name.trim().strip_prefix('{')?.strip_suffix('}')?;
    if let Some(path) = inner.strip_prefix("async fn body of ") {
        let path = path.strip_suffix("()").unwrap_or(path);
        return Some((RustcFutureKind::AsyncFn, strip_generic_args(path)));
    }
    let (kind, label, loc) = if let Some(loc) = inner.strip_prefix("async block@") {
        (RustcFutureKind::AsyncBlock, "async block", loc)
    } else {
        let loc = inner.strip_prefix("async closure body@")?;
        (RustcFutureKind::AsyncClosure, "async closure", loc)
    };
    // `FILE:L1:C1: L2:C2`; FILE may itself contain `:`, so parse from the end.
    let (start, end) = loc.rsplit_once(": ")?;
    let (l2, c2) = end.split_once(':')?;
    let mut it = start.rsplitn(3, ':');
    let (c1, l1, _file) = (it.next()?, it.next()?, it.next()?);
    for n in [l1, c1, l2, c2] {
        n.parse::<u64>().ok()?;
    }
    Some((kind, format!("{label}@{l1}:{c1}")))
}

/// rustc's fn item types (`for<'a> fn(&'a Download) -> Vec<usize> {rarest_first}`) as the
/// analysis names them (`{fn rarest_first}`).
fn fn_items(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        let at =
            rest.find("fn(").filter(|&i| i == 0 || !rest[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_'));
        let Some(at) = at else { break };
        // The signature runs to ` {PATH}`, a path in braces.
        let item = rest[at..].find(" {").and_then(|open| {
            let after = &rest[at + open + 2..];
            let close = after.find('}')?;
            let path = &after[..close];
            path.chars().all(|c| c.is_alphanumeric() || c == '_' || c == ':').then_some((open, path, close))
        });
        let Some((open, path, close)) = item.filter(|(_, p, _)| !p.is_empty()) else {
            out.push_str(&rest[..at + 3]);
            rest = &rest[at + 3..];
            continue;
        };
        let mut head = &rest[..at];
        // A `for<'a, 'b> ` binder before it goes too.
        if let Some(binder) = head.rfind("for<").filter(|&b| head[b..].ends_with("> ")) {
            head = &head[..binder];
        }
        out.push_str(head);
        out.push_str("{fn ");
        out.push_str(path);
        out.push('}');
        rest = &rest[at + open + 2 + close + 1..];
    }
    out.push_str(rest);
    out
}

/// A type or instance name as both sides can compare it: lifetimes dropped, std's paths
/// trimmed (`std::string::String` is `String`), the file and end position left out of
/// closures' and blocks' labels (`{closure@src/a.rs:3:9: 3:12}` is `{closure@3:9}`).
pub fn normalize_type_name(text: &str) -> String {
    let text = &fn_items(text);
    // Closure and block labels.
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start..];
        let label = ["{closure@", "{async block@", "{async closure@", "{async closure body@"]
            .iter()
            .find(|p| after.starts_with(**p));
        match (label, after.find('}')) {
            (Some(prefix), Some(end)) => {
                let inner = &after[prefix.len()..end];
                // `FILE:L:C: L2:C2`, or already `L:C`.
                let start_part = inner.rsplit_once(": ").map(|(a, _)| a).unwrap_or(inner);
                let mut parts = start_part.rsplitn(3, ':');
                let (c, l) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
                out.push_str(&format!("{prefix}{l}:{c}}}"));
                rest = &after[end + 1..];
            }
            _ => {
                out.push('{');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    // Lifetimes.
    let mut text = String::with_capacity(out.len());
    let chars: Vec<char> = out.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '\'' && chars.get(i + 1).is_some_and(|c| c.is_alphabetic() || *c == '_') {
            i += 1;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            // `'a, ` or `'a ` (in `&'a T`)
            if chars.get(i) == Some(&',') {
                i += 1;
            }
            while chars.get(i) == Some(&' ') {
                i += 1;
            }
            continue;
        }
        text.push(chars[i]);
        i += 1;
    }
    // std's paths.
    let mut result = String::with_capacity(text.len());
    let mut word_start = true;
    let bytes: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < bytes.len() {
        if word_start {
            let rest: String = bytes[i..].iter().collect();
            let std_path = ["std::", "core::", "alloc::"].iter().find(|p| rest.starts_with(**p));
            if let Some(prefix) = std_path {
                // Skip the path's module segments: lowercase idents followed by `::`.
                let mut j = i + prefix.chars().count();
                loop {
                    let seg: String = bytes[j..].iter().take_while(|c| c.is_alphanumeric() || **c == '_').collect();
                    let n = seg.chars().count();
                    let is_module = seg.chars().next().is_some_and(|c| c.is_lowercase())
                        && bytes.get(j + n) == Some(&':')
                        && bytes.get(j + n + 1) == Some(&':');
                    if is_module {
                        j += n + 2;
                    } else {
                        break;
                    }
                }
                i = j;
                word_start = false;
                continue;
            }
        }
        let c = bytes[i];
        word_start = !(c.is_alphanumeric() || c == '_' || c == ':');
        result.push(c);
        i += 1;
    }
    result.replace("<>", "")
}

/// The inside of `{async fn body of ...()}` (an instance's full name), normalized.
pub fn instance_key(rustc_name: &str) -> String {
    let inner = rustc_name.trim().trim_start_matches('{').trim_end_matches('}');
    let inner = inner.strip_prefix("async fn body of ").unwrap_or(inner);
    let inner = inner.strip_suffix("()").unwrap_or(inner);
    normalize_type_name(inner)
}

/// A type name without its module paths (`vec::IntoIter<u8>` and `std::vec::IntoIter<u8>`
/// are both `IntoIter<u8>`): the analysis names some std types by their module to tell them
/// apart, rustc by their whole path.
pub fn without_modules(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut word = String::new();
    let mut chars = name.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_alphanumeric() || c == '_' {
            word.push(c);
            continue;
        }
        let module = c == ':' && chars.peek() == Some(&':') && word.chars().next().is_some_and(|w| w.is_lowercase());
        if module {
            chars.next();
        } else {
            out.push_str(&word);
            out.push(c);
        }
        word.clear();
    }
    out.push_str(&word);
    out
}

/// A future's name with the trait of `<Type as Trait>::m` reduced to its last segment: a
/// file names a trait as its `use` brings it in, rustc by its path in the crate.
pub fn loose_name(name: &str) -> String {
    let Some(rest) = name.strip_prefix('<') else { return name.to_string() };
    let Some((self_ty, after)) = rest.split_once(" as ") else { return name.to_string() };
    let Some((trait_path, method)) = after.rsplit_once(">::") else { return name.to_string() };
    let last = trait_path.rsplit("::").next().unwrap_or(trait_path);
    format!("<{self_ty} as {last}>::{method}")
}

/// The name of a crate's async fn as the file of module `module` names it: `conn::handle` in
/// module `conn` is `handle`, `<conn::Server as Svc>::call` is `<Server as Svc>::call`. `None`
/// when the future is not the module's (nor of a module inline in its file).
pub fn relative_to_module(name: &str, module: &[String]) -> Option<String> {
    let prefix: String = module.iter().map(|m| format!("{m}::")).collect();
    if prefix.is_empty() {
        return Some(name.to_string());
    }
    match name.strip_prefix('<') {
        Some(rest) => rest.strip_prefix(prefix.as_str()).map(|inner| format!("<{inner}")),
        None => name.strip_prefix(prefix.as_str()).map(str::to_string),
    }
}

/// Where an async block or closure of rustc's name starts: its file, as rustc was given it,
/// and `L:C` (`{async block@src/a.rs:12:15: 12:25}` is `("src/a.rs", "12:15")`).
pub fn block_location(rustc_name: &str) -> Option<(&str, &str)> {
    let inner = rustc_name.trim().strip_prefix('{')?.strip_suffix('}')?;
    let loc = inner.strip_prefix("async block@").or_else(|| inner.strip_prefix("async closure body@"))?;
    let (start, _) = loc.rsplit_once(": ")?;
    let mut it = start.rsplitn(3, ':');
    let (_c, _l, file) = (it.next()?, it.next()?, it.next()?);
    Some((file, &start[file.len() + 1..]))
}

/// Remove every generic argument list (`<...>` right after an identifier or `::`),
/// keeping qualified-path brackets such as `<Foo as Tr>` and `{closure#0}` segments.
fn strip_generic_args(path: &str) -> String {
    let chars: Vec<char> = path.chars().collect();
    let mut out = String::with_capacity(path.len());
    let mut i = 0;
    while i < chars.len() {
        let after_ident = out.chars().last().is_some_and(|p| p.is_alphanumeric() || p == '_');
        if chars[i] != '<' || !(after_ident || out.ends_with("::")) {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let mut depth = 0usize;
        while i < chars.len() {
            match chars[i] {
                '<' => depth += 1,
                '>' if i == 0 || chars[i - 1] != '-' => depth = depth.saturating_sub(1),
                _ => {}
            }
            i += 1;
            if depth == 0 {
                break;
            }
        }
        if let Some(s) = out.strip_suffix("::") {
            out.truncate(s.len());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Real rustc 1.95 output (`--edition 2021 -Zprint-type-sizes`), trimmed: records dropped,
    /// and variants (`two_awaits` had `Suspend1`, `Returned`, `Panicked`...) removed.
    const FIXTURE: &str = r#"
print-type-size type: `{async fn body of two_awaits()}`: 72 bytes, alignment: 8 bytes
print-type-size     discriminant: 1 bytes
print-type-size     variant `Unresumed`: 57 bytes
print-type-size         upvar `.big`: 16 bytes, offset: 0 bytes, alignment: 1 bytes
print-type-size         padding: 40 bytes
print-type-size         upvar `.c`: 1 bytes, alignment: 1 bytes
print-type-size     variant `Suspend0`: 64 bytes
print-type-size         upvar `.big`: 16 bytes, offset: 0 bytes, alignment: 1 bytes
print-type-size         local `.big2`: 16 bytes
print-type-size         local `.s`: 24 bytes
print-type-size         upvar `.c`: 1 bytes
print-type-size         local `.c`: 1 bytes
print-type-size         padding: 6 bytes
print-type-size         local `.__awaitee`: 1 bytes, alignment: 1 bytes, type: {async fn body of leaf()}
print-type-size     end padding: 7 bytes
print-type-size type: `std::mem::MaybeUninit<{async fn body of apit<{async fn body of leaf()}>()}>`: 24 bytes, alignment: 8 bytes
print-type-size     variant `MaybeUninit`: 24 bytes
print-type-size         field `.uninit`: 0 bytes
print-type-size         field `.value`: 24 bytes
print-type-size type: `{async fn body of drops()}`: 32 bytes, alignment: 8 bytes
print-type-size     discriminant: 1 bytes
print-type-size     variant `Unresumed`: 27 bytes
print-type-size         padding: 26 bytes
print-type-size         upvar `.flag`: 1 bytes, alignment: 1 bytes
print-type-size     variant `Suspend0`: 26 bytes
print-type-size         local `.s`: 24 bytes, offset: 0 bytes, alignment: 8 bytes
print-type-size         local `.__awaitee`: 1 bytes, type: {async fn body of leaf()}
print-type-size         local `..coroutine_field2`: 1 bytes, type: bool
print-type-size         padding: 1 bytes
print-type-size         upvar `.flag`: 1 bytes, alignment: 1 bytes
print-type-size     end padding: 4 bytes
print-type-size type: `{async closure body@a.rs:37:28: 37:48}`: 4 bytes, alignment: 1 bytes
print-type-size     discriminant: 1 bytes
print-type-size     variant `Unresumed`: 1 bytes
print-type-size         upvar `.x`: 1 bytes
print-type-size     variant `Suspend0`: 3 bytes
print-type-size         upvar `.x`: 1 bytes
print-type-size         local `.x`: 1 bytes
print-type-size         local `.__awaitee`: 1 bytes, type: {async fn body of leaf()}
print-type-size type: `{async block@sample-programs/b-c.rs:11:16: 11:21}`: 2 bytes, alignment: 1 bytes
print-type-size     discriminant: 1 bytes
print-type-size     variant `Unresumed`: 0 bytes
print-type-size     variant `Suspend0`: 1 bytes
print-type-size         local `.__awaitee`: 1 bytes, type: {async fn body of leaf()}
print-type-size     variant `Returned`: 0 bytes
print-type-size     variant `Panicked`: 0 bytes
print-type-size type: `{async fn body of zero()}`: 1 bytes, alignment: 1 bytes
print-type-size     discriminant: 1 bytes
print-type-size     variant `Unresumed`: 0 bytes
print-type-size     variant `Returned`: 0 bytes
print-type-size     variant `Panicked`: 0 bytes
"#;

    fn list(items: impl Iterator<Item = String>) -> String {
        items.collect::<Vec<_>>().join(" | ")
    }

    /// `name@offset` of every field, e.g. `big@0 | c@56`.
    fn layout(v: &RustcVariant) -> String {
        list(v.fields.iter().map(|f| format!("{}@{}", f.name, f.offset)))
    }

    fn variants(f: &RustcFuture) -> String {
        list(f.variants.iter().map(|v| format!("{}:{}", v.name, v.printed_size)))
    }

    /// Every detail of one field on one line.
    fn show(f: &RustcField) -> String {
        let (r, n, o, s) = (f.role, &f.name, f.offset, f.size);
        format!("{r:?} {n}@{o}+{s} {:?} {:?}", f.align, f.ty)
    }

    #[test]
    fn parses_only_async_records_in_order() {
        let futs = parse_print_type_sizes(FIXTURE);
        let got = list(futs.iter().map(|f| format!("{:?} {}", f.kind, f.name)));
        let want = "AsyncFn two_awaits | AsyncFn drops | AsyncClosure async closure@37:28 | \
                    AsyncBlock async block@11:16 | AsyncFn zero";
        assert_eq!(got, want);
        let f = &futs[0];
        assert_eq!(f.rustc_name, "{async fn body of two_awaits()}");
        let sizes = (f.size, f.align, f.discriminant_size, f.end_padding);
        assert_eq!(sizes, (72, 8, 1, 7));
        assert_eq!(variants(f), "Unresumed:57 | Suspend0:64");
        assert_eq!(f.suspend_count(), 1);
        let s0 = &f.variants[1].fields;
        assert_eq!(show(&s0[0]), "Upvar big@0+16 Some(1) None");
        assert_eq!(show(&s0[1]), "Local big2@16+16 None None");
        let want = "Local __awaitee@64+1 Some(1) Some(\"{async fn body of leaf()}\")";
        assert_eq!(show(&s0[5]), want);
        assert_eq!(futs[1].end_padding, 4);
    }

    #[test]
    fn reconstructs_offsets() {
        let futs = parse_print_type_sizes(FIXTURE);
        let s0 = futs[0].variant("Suspend0").unwrap();
        let want = "big@0 | big2@16 | s@32 | c@56 | c@57 | __awaitee@64";
        assert_eq!(layout(s0), want);
        assert_eq!(layout(&futs[0].variants[0]), "big@0 | c@56");
        let d = futs[1].variant("Suspend0").unwrap();
        let want = "s@0 | __awaitee@24 | .coroutine_field2@25 | flag@27";
        assert_eq!(layout(d), want);
        assert!(d.fields[2].is_unnamed() && !d.fields[1].is_unnamed());
        let want = "Local .coroutine_field2@25+1 None Some(\"bool\")";
        assert_eq!(show(&d.fields[2]), want);
        // The 1-byte discriminant is printed as if at offset 0: the cursor starts at 1.
        let c = futs[2].variant("Suspend0").unwrap();
        assert_eq!(layout(c), "x@1 | x@2 | __awaitee@3");
    }

    /// Invariants of any correct reconstruction on real output: upvars (in the prefix)
    /// have the same offsets in every variant; fields never overlap and fit in the type.
    #[test]
    fn reconstruction_is_consistent() {
        for f in parse_print_type_sizes(FIXTURE) {
            let upvars = |v: &RustcVariant| {
                let ups = v.fields.iter().filter(|x| x.role == RustcRole::Upvar);
                list(ups.map(|x| format!("{}@{}", x.name, x.offset)))
            };
            for v in &f.variants {
                assert_eq!(upvars(v), upvars(&f.variants[0]), "{}", f.name);
                assert!(v.fields.windows(2).all(|w| w[0].end() <= w[1].offset));
                assert!(v.fields.iter().all(|x| x.end() <= f.size));
            }
        }
    }

    #[test]
    fn zero_await_future() {
        let futs = parse_print_type_sizes(FIXTURE);
        let z = futs.iter().find(|f| f.name == "zero").unwrap();
        assert_eq!(variants(z), "Unresumed:0 | Returned:0 | Panicked:0");
        assert!(z.variants.iter().all(|v| v.fields.is_empty()));
        assert_eq!((z.size, z.discriminant_size, z.suspend_count()), (1, 1, 0));
    }

    #[test]
    fn field_names_and_missing_discriminant() {
        let text = "print-type-size type: `{async fn body of f()}`: 12 bytes, alignment: 4 bytes\n\
            print-type-size     variant `Suspend0`: 12 bytes\n\
            print-type-size         upvar `._ref__x`: 4 bytes\n\
            print-type-size         local `.iter`: 2 bytes\n\
            print-type-size         padding: 2 bytes\n\
            print-type-size         local `..coroutine_field7`: 4 bytes, alignment: 4 bytes\n";
        let f = &parse_print_type_sizes(text)[0];
        assert_eq!(f.discriminant_size, 0);
        let v = &f.variants[0];
        assert_eq!(show(&v.fields[0]), "Upvar _ref__x@0+4 None None");
        assert_eq!(show(&v.fields[1]), "Local iter@4+2 None None");
        let want = "Local .coroutine_field7@8+4 Some(4) None";
        assert_eq!(show(&v.fields[2]), want);
        assert!(v.fields[2].is_unnamed() && !v.fields[0].is_unnamed());
    }

    #[test]
    fn garbage_never_panics() {
        assert!(parse_print_type_sizes("").is_empty());
        assert!(parse_print_type_sizes("hello\nworld\n`{async fn body of f()}`\n").is_empty());
        let junk = "print-type-size type: `{async fn body of f()}`: x bytes\n\
            print-type-size     variant `V`: 1 bytes\n\
            print-type-size         local `.a`: 99999999999999999999 bytes\n\
            print-type-size type: `{async fn body of g()}`: 1 bytes, alignment: 1 bytes\n\
            print-type-size         local `.early`: 1 bytes\n\
            print-type-size     variant `Unresumed: 0 bytes\n\
            print-type-size     variant `V`: 1 bytes\n\
            print-type-size         padding: 18446744073709551615 bytes\n\
            print-type-size         local `.a`: 5 bytes\n\
            print-type-size         local `.b`: 5 bytes\n\
            print-type-size         upvar `.c: 5 bytes, offset: z bytes\n\
            print-type-size         local `.d`: 5 bytes, offset: 3\n\
            print-type-size         field `.e`: 5 bytes\n";
        let futs = parse_print_type_sizes(junk);
        assert_eq!((futs.len(), futs[0].variants.len()), (1, 1));
        let max = u64::MAX;
        assert_eq!(layout(&futs[0].variants[0]), format!("a@{max} | b@{max}"));
    }

    /// Header names copied from real rustc 1.95 output, then synthetic edge cases and
    /// names that must be rejected (`=> -`).
    const NAMES: &str = "
        {async fn body of two_awaits()} => two_awaits
        {async fn body of m::inner::deep()} => m::inner::deep
        {async fn body of Foo::method()} => Foo::method
        {async fn body of W<u8>::m()} => W::m
        {async fn body of generic<u32>()} => generic
        {async fn body of two<u8, std::vec::Vec<std::string::String>>()} => two
        {async fn body of <Foo as Tr>::tm()} => <Foo as Tr>::tm
        {async fn body of <W<u8> as Svc>::call()} => <W as Svc>::call
        {async fn body of <W<u8> as Tr2<u16>>::dflt()} => <W as Tr2>::dflt
        {async fn body of <&Foo as Tr>::t()} => <&Foo as Tr>::t
        {async fn body of <[u8] as Tr>::t()} => <[u8] as Tr>::t
        {async fn body of <Bar<'_> as Tr>::t()} => <Bar as Tr>::t
        {async fn body of <(u8, Bar<'static>) as Tr>::t()} => <(u8, Bar) as Tr>::t
        {async fn body of g<fn(u8) -> u8>()} => g
        {async fn body of g<std::boxed::Box<dyn std::ops::Fn(u8) -> u8>>()} => g
        {async fn body of apit<{async fn body of leaf()}>()} => apit
        {async fn body of outer::{closure#0}::nested_fn()} => outer::{closure#0}::nested_fn
        {async block@a.rs:35:15: 35:20} => async block@35:15
        {async block@sample-programs/b-c.rs:8:5: 8:15} => async block@8:5
        {async closure body@a.rs:37:28: 37:48} => async closure@37:28
        {async fn body of apit<{async fn body of leaf()}, i64>()} => apit
        {async fn body of f::<u8>()} => f
        {async fn body of a<u8>::b<C<D>>()} => a::b
        {async block@C:\\x:y.rs:3:4: 5:6} => async block@3:4
        {async closure@a.rs:37:14: 37:27} => -
        {closure@a.rs:1:2: 1:3} => -
        std::pin::Pin<&mut {async fn body of two_awaits()}> => -
        std::mem::MaybeUninit<{async block@a.rs:1:2: 1:3}> => -
        {async block@a.rs} => -
        {gen block@a.rs:1:2: 1:3} => -
         => -";

    #[test]
    fn normalized_names() {
        assert_eq!(normalize_type_name("std::sync::MutexGuard<'_, Vec<u8>>"), "MutexGuard<Vec<u8>>");
        assert_eq!(normalize_type_name("&'a std::string::String"), "&String");
        assert_eq!(normalize_type_name("{closure@src/a.rs:107:45: 107:47}"), "{closure@107:45}");
        assert_eq!(normalize_type_name("{closure@107:45}"), "{closure@107:45}");
        assert_eq!(
            normalize_type_name(
                "download<for<'a, 'b> fn(&'a Download, &'b [Peer]) -> std::vec::Vec<usize> {rarest_first}>"
            ),
            "download<{fn rarest_first}>"
        );
        assert_eq!(normalize_type_name("ask<i64, fn(u8) -> Msg {Msg::Balance}>"), "ask<i64, {fn Msg::Balance}>");
        assert_eq!(normalize_type_name("Box<dyn Fn(u8) -> u8>"), "Box<dyn Fn(u8) -> u8>");
        assert_eq!(
            without_modules("replay<S, Take<vec::IntoIter<(&str, u64)>>>"),
            "replay<S, Take<IntoIter<(&str, u64)>>>"
        );
        assert_eq!(without_modules("<m::Foo as Bar>::run"), "<Foo as Bar>::run");
        assert_eq!(
            instance_key("{async fn body of retry<{closure@r.rs:1:2: 1:4}, std::string::String>()}"),
            "retry<{closure@1:2}, String>"
        );
        assert_eq!(normalize_type_name("<m::Foo as io::AsyncRead>::read"), "<m::Foo as io::AsyncRead>::read");
    }

    #[test]
    fn futurelens_names() {
        for line in NAMES.lines().filter(|l| !l.trim().is_empty()) {
            let (rustc, want) = line.split_once("=>").unwrap();
            let (rustc, want) = (rustc.trim(), want.trim());
            let kind = match want {
                w if w.starts_with("async block@") => RustcFutureKind::AsyncBlock,
                w if w.starts_with("async closure@") => RustcFutureKind::AsyncClosure,
                _ => RustcFutureKind::AsyncFn,
            };
            let want = (want != "-").then(|| (kind, want.to_string()));
            assert_eq!(futurelens_name(rustc), want, "{rustc}");
        }
    }

    #[test]
    fn names_relative_to_a_module() {
        let m = |path: &str| path.split("::").map(str::to_string).collect::<Vec<_>>();
        assert_eq!(relative_to_module("conn::handle", &m("conn")).as_deref(), Some("handle"));
        assert_eq!(relative_to_module("conn::inner::f", &m("conn")).as_deref(), Some("inner::f"));
        assert_eq!(relative_to_module("<conn::S as Svc>::call", &m("conn")).as_deref(), Some("<S as Svc>::call"));
        assert_eq!(relative_to_module("store::put", &m("conn")), None);
        assert_eq!(relative_to_module("connection::f", &m("conn")), None);
        assert_eq!(relative_to_module("serve", &[]).as_deref(), Some("serve"));
        assert_eq!(loose_name("<S as svc::Service>::call"), "<S as Service>::call");
        assert_eq!(loose_name("a::f"), "a::f");
        assert_eq!(block_location("{async block@src/a.rs:12:15: 12:25}"), Some(("src/a.rs", "12:15")));
        assert_eq!(block_location("{async closure body@C:\\x\\a.rs:3:9: 5:2}"), Some(("C:\\x\\a.rs", "3:9")));
        assert_eq!(block_location("{async block@tokio::sync::Mutex<u32>::lock::{closure#0}::{closure#0}}"), None);
    }
}
