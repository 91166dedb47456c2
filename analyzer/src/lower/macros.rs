//! Macros: the std macros whose arguments are expressions are lowered like the code they
//! expand to; any other macro is opaque and gets a warning that names it.
//!
//! In: a `syn::Macro`. Out: the value of the macro call, with its arguments evaluated. The
//! formatting macros (`println!`, `format!`, `write!`, `panic!`, `assert!`, ...) take each
//! argument by reference, inline `{name}` arguments included: that is a borrow, and a
//! borrowed local stays in the future until its scope ends.

use proc_macro2::{TokenStream, TokenTree};
use syn::Token;
use syn::parse::Parser;
use syn::punctuated::Punctuated;

use super::Builder;
use super::expr::{Access, Value};
use crate::diagnostics::{Diagnostic, Span};
use crate::ir::{StmtKind, Terminator};
use crate::ty::{Prim, Ty};

fn macro_name(mac: &syn::Macro) -> String {
    mac.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default()
}

/// `pin!` as std writes it (`pin!`, `std::pin::pin!`, `core::pin::pin!`), not tokio's or
/// futures' statement macros of the same name.
pub(crate) fn is_std_pin(mac: &syn::Macro) -> bool {
    let segments: Vec<String> = mac.path.segments.iter().map(|s| s.ident.to_string()).collect();
    match segments.as_slice() {
        [name] => name == "pin",
        [.., module, name] => name == "pin" && module == "pin",
        [] => false,
    }
}

/// The type a macro call evaluates to, when it is a known std macro.
pub(crate) fn macro_type(mac: &syn::Macro) -> Ty {
    match macro_name(mac).as_str() {
        "format" => Ty::string(),
        "vec" => Ty::adt("Vec", vec![Ty::Unknown]),
        "matches" => Ty::Prim(Prim::Bool),
        "println" | "print" | "eprintln" | "eprint" | "assert" | "assert_eq" | "assert_ne" | "debug_assert"
        | "debug_assert_eq" | "debug_assert_ne" => Ty::Unit,
        "panic" | "unreachable" | "todo" | "unimplemented" => Ty::Never,
        _ => Ty::Unknown,
    }
}

/// Whether a token stream holds `. await` (an await hidden in a macro call).
pub(crate) fn tokens_contain_await(tokens: &TokenStream) -> bool {
    count_awaits(tokens) > 0
}

fn count_awaits(tokens: &TokenStream) -> usize {
    let mut count = 0;
    let mut prev_dot = false;
    for tt in tokens.clone() {
        match &tt {
            TokenTree::Punct(p) if p.as_char() == '.' => {
                prev_dot = true;
                continue;
            }
            TokenTree::Ident(i) if prev_dot && i == "await" => count += 1,
            TokenTree::Group(g) => count += count_awaits(&g.stream()),
            _ => {}
        }
        prev_dot = false;
    }
    count
}

fn parse_args(tokens: &TokenStream) -> Option<Vec<syn::Expr>> {
    let parser = Punctuated::<syn::Expr, Token![,]>::parse_terminated;
    parser.parse2(tokens.clone()).ok().map(|p| p.into_iter().collect())
}

/// The names used as inline arguments in a format string (`{name}`, `{name:?}`).
fn inline_args(lit: &syn::LitStr) -> Vec<String> {
    let text = lit.value();
    let mut names = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '{' {
            continue;
        }
        if chars.peek() == Some(&'{') {
            chars.next();
            continue;
        }
        let mut name = String::new();
        while let Some(&c) = chars.peek() {
            if c == '}' || c == ':' {
                break;
            }
            name.push(c);
            chars.next();
        }
        let name = name.trim().to_string();
        let is_ident = name.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_')
            && name.chars().all(|c| c.is_alphanumeric() || c == '_');
        if is_ident && !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

impl Builder<'_, '_> {
    pub(crate) fn lower_macro(&mut self, mac: &syn::Macro, span: Span) -> Value {
        let name = macro_name(mac);
        let line = span.line;
        match name.as_str() {
            "println" | "print" | "eprintln" | "eprint" | "format" | "format_args" => {
                if let Some(args) = parse_args(&mac.tokens) {
                    // `format!` and the printing macros expand to a block (`{ let res =
                    // format(format_args!(..)); res }`): the arguments' temporaries end with
                    // it. `format_args!` alone leaves them to the enclosing statement.
                    let block = name != "format_args";
                    if block {
                        self.push_scope(line, true);
                    }
                    self.lower_format_args(&args, line);
                    self.emit(StmtKind::Call, line);
                    if block {
                        self.pop_scope(line);
                    }
                    return Value::Rvalue(macro_type(mac));
                }
            }
            "panic" | "unreachable" | "todo" | "unimplemented" => {
                if let Some(args) = parse_args(&mac.tokens) {
                    self.lower_format_args(&args, line);
                }
                self.emit(StmtKind::Call, line);
                self.terminate_and_continue(Terminator::Diverge, line);
                return Value::Const(Ty::Never);
            }
            "write" | "writeln" => {
                if let Some(args) = parse_args(&mac.tokens)
                    && let Some((dest, rest)) = args.split_first()
                {
                    // `dest.write_fmt(format_args!(..))`: the destination is auto-ref'd (or
                    // reborrowed), and that reference is held while the arguments run.
                    let v = self.lower_expr(dest);
                    let is_ref = matches!(v.ty(), Ty::Ref { .. });
                    let ty = if is_ref { self.consume(v, line) } else { self.borrow_value(v, dest, true, line) };
                    let held = rest.iter().any(super::expr::contains_await).then(|| {
                        let span = Span { line, end_line: line, ..Span::default() };
                        let t = self.new_temp(format!("&mut {}", self.text(dest)), ty, span);
                        self.emit(StmtKind::Assign(t), line);
                        t
                    });
                    self.lower_format_args(rest, line);
                    if let Some(t) = held {
                        self.emit(StmtKind::Move(t), line);
                    }
                    self.emit(StmtKind::Call, line);
                    return Value::Rvalue(Ty::adt("Result", vec![Ty::Unit, Ty::Unit]));
                }
            }
            "assert" | "debug_assert" => {
                if let Some(args) = parse_args(&mac.tokens)
                    && let Some((cond, rest)) = args.split_first()
                {
                    let v = self.lower_expr(cond);
                    self.consume(v, line);
                    self.lower_panic_branch(rest, line);
                    return Value::Const(Ty::Unit);
                }
            }
            "assert_eq" | "assert_ne" | "debug_assert_eq" | "debug_assert_ne" => {
                if let Some(args) = parse_args(&mac.tokens)
                    && args.len() >= 2
                {
                    // `match (&left, &right) { (l, r) => if !(*l == *r) { panic!(..) } }`
                    for arg in &args[..2] {
                        let v = self.lower_expr(arg);
                        self.borrow_value(v, arg, false, line);
                    }
                    self.emit(StmtKind::Call, line);
                    self.lower_panic_branch(&args[2..], line);
                    return Value::Const(Ty::Unit);
                }
            }
            "dbg" => {
                if let Some(args) = parse_args(&mac.tokens) {
                    let mut ty = Ty::Unit;
                    for arg in &args {
                        let v = self.lower_expr(arg);
                        ty = self.consume(v, line);
                    }
                    self.emit(StmtKind::Call, line);
                    return Value::Rvalue(ty);
                }
            }
            "vec" => {
                if let Ok((args, repeat)) = parse_vec_args(&mac.tokens) {
                    if repeat {
                        // `vec![x; n]` is `vec::from_elem(x, n)`, `n` a `usize`.
                        if let Some(n) = args.get(1) {
                            self.constrain_literal(n, &Ty::Prim(crate::ty::Prim::Usize));
                        }
                        let exprs: Vec<&syn::Expr> = args.iter().collect();
                        let values = self.lower_operands(&exprs);
                        let tys: Vec<Ty> = values.into_iter().map(|v| self.consume(v, line)).collect();
                        self.emit(StmtKind::Call, line);
                        return Value::Rvalue(Ty::adt("Vec", vec![tys.into_iter().next().unwrap_or(Ty::Unknown)]));
                    }
                    // `vec![a, b]` is `<[_]>::into_vec(Box::new([a, b]))`, the box allocated
                    // first: the elements are written into it, and it is held while they are
                    // evaluated.
                    let boxed = (!args.is_empty()).then(|| {
                        self.emit(StmtKind::Call, line);
                        let t = self.new_temp("vec![..]".into(), Ty::Unknown, span);
                        self.emit(StmtKind::Assign(t), line);
                        t
                    });
                    let exprs: Vec<&syn::Expr> = args.iter().collect();
                    let values = self.lower_operands(&exprs);
                    // The elements are written into the box, not passed to a call.
                    for v in &values {
                        if let Value::Temp(t, _) = v {
                            self.set_flagless(*t);
                        }
                    }
                    let tys: Vec<Ty> = values.into_iter().map(|v| self.consume(v, line)).collect();
                    let elem = tys.into_iter().next().unwrap_or(Ty::Unknown);
                    if let Some(t) = boxed {
                        self.set_flagless(t);
                        let array = Ty::Array(Box::new(elem.clone()), Some(args.len() as u64));
                        let uninit = Ty::adt("MaybeUninit", vec![array]);
                        let ty = if elem.is_known() { Ty::adt("Box", vec![uninit]) } else { Ty::Unknown };
                        self.set_type(t, ty);
                        self.emit(StmtKind::Move(t), line);
                    }
                    self.emit(StmtKind::Call, line);
                    return Value::Rvalue(Ty::adt("Vec", vec![elem]));
                }
            }
            // `join!(a, b)`: the futures are built, then awaited together: one suspend point.
            "join" | "try_join" | "join_all" => {
                if let Some(args) = parse_args(&mac.tokens) {
                    for arg in &args {
                        let v = self.lower_expr(arg);
                        self.consume(v, line);
                    }
                    let text = format!("{name}!(..)");
                    return self.await_future(Ty::Unknown, span, span, text);
                }
            }
            "select" | "select_biased" => {
                if let Ok(branches) = syn::parse::Parser::parse2(parse_select, mac.tokens.clone()) {
                    return self.lower_select(&name, &branches, span);
                }
            }
            "pin" if is_std_pin(mac) => {
                if let Some(value) = self.lower_pin(mac, span, false) {
                    return value;
                }
            }
            "matches" => {
                let parser = |input: syn::parse::ParseStream<'_>| {
                    let expr: syn::Expr = input.parse()?;
                    let _: Token![,] = input.parse()?;
                    let pat = syn::Pat::parse_multi_with_leading_vert(input)?;
                    let guard = if input.peek(Token![if]) {
                        let _: Token![if] = input.parse()?;
                        Some(input.parse::<syn::Expr>()?)
                    } else {
                        None
                    };
                    let _: TokenStream = input.parse()?;
                    Ok((expr, pat, guard))
                };
                if let Ok((expr, pat, guard)) = parser.parse2(mac.tokens.clone()) {
                    let v = self.lower_expr(&expr);
                    // The guard reads the pattern's bindings by reference into the value.
                    if let Some(guard) = guard {
                        let end = Span::of(&guard).end_line;
                        self.push_scope(end, false);
                        if let Value::Place(p, _) = &v {
                            self.bind_pattern_by_ref(&pat, p, line);
                        } else {
                            self.declare_pattern(&pat, v.ty());
                        }
                        let g = self.lower_expr(&guard);
                        self.consume(g, line);
                        self.pop_scope(end);
                    }
                    if let Value::Place(p, root) = &v {
                        self.access(p, root.as_ref(), Access::Copy, line);
                    } else {
                        self.consume(v, line);
                    }
                    return Value::Rvalue(Ty::Prim(Prim::Bool));
                }
            }
            _ => {}
        }
        self.lower_opaque_macro(mac, &name, span)
    }

    /// `pin!(value)`: `{ super let mut pinned = value; Pin::new_unchecked(&mut pinned) }`. The
    /// value moves into a local rustc names `pinned`, which lives as long as the `let` whose
    /// initialiser the macro is (`extended`), else to the end of the statement; the result
    /// borrows it. `None` when the argument is not one expression.
    pub(crate) fn lower_pin(&mut self, mac: &syn::Macro, span: Span, extended: bool) -> Option<Value> {
        let args = parse_args(&mac.tokens)?;
        let [value] = args.as_slice() else { return None };
        let line = span.line;
        let v = self.lower_expr(value);
        let ty = v.ty();
        let pinned = self.new_local("pinned".into(), crate::ir::LocalKind::Binding, ty.clone(), span);
        if extended {
            self.register_in_block_scope(pinned);
        } else {
            self.register_in_temp_scope(pinned);
        }
        self.consume(v, line);
        self.emit(StmtKind::Assign(pinned), line);
        self.emit(StmtKind::Borrow(pinned), line);
        Some(Value::Rvalue(Ty::adt("Pin", vec![Ty::Ref { mutable: true, inner: Box::new(ty) }])))
    }

    /// `select! { pat = fut => handler, ... }`: every branch's future is built, one suspend
    /// point polls them all, then the handler of the branch that completed runs (its own awaits
    /// are states of this future too).
    fn lower_select(&mut self, name: &str, branches: &[SelectBranch], span: Span) -> Value {
        let line = span.line;
        for branch in branches {
            if let Some(fut) = &branch.future {
                let v = self.lower_expr(fut);
                self.consume(v, line);
            }
        }
        let value = self.await_future(Ty::Unknown, span, span, format!("{name}!(..)"));
        self.consume(value, line);
        let join = self.new_block();
        let targets: Vec<_> = branches.iter().map(|_| self.new_block()).collect();
        let edges = branches.iter().zip(&targets).map(|(b, t)| (*t, Some(b.label.clone()))).collect();
        self.branch(edges, line);
        let mut result = Ty::Unknown;
        for (branch, target) in branches.iter().zip(targets) {
            self.switch_to(target);
            self.push_scope(line, false);
            if let Some(pat) = &branch.pattern {
                self.declare_pattern(pat, Ty::Unknown);
            }
            let v = self.lower_expr(&branch.handler);
            let ty = self.consume(v, line);
            if !result.is_known() {
                result = ty;
            }
            self.pop_scope(line);
            self.goto(join, line);
        }
        self.switch_to(join);
        Value::Rvalue(result)
    }

    /// `if !cond { panic!(..) }` of the assert macros.
    fn lower_panic_branch(&mut self, fmt_args: &[syn::Expr], line: u32) {
        let fail = self.new_block();
        let ok = self.new_block();
        self.branch(vec![(ok, None), (fail, Some("assertion failed".into()))], line);
        self.switch_to(fail);
        self.lower_format_args(fmt_args, line);
        self.emit(StmtKind::Call, line);
        self.terminate(Terminator::Diverge, line);
        self.switch_to(ok);
    }

    /// Format arguments are taken by reference, left to right: the explicit ones, then the
    /// variables the string names inline (`{name}`), each once, as `format_args!` appends them.
    fn lower_format_args(&mut self, args: &[syn::Expr], line: u32) {
        let mut exprs: Vec<syn::Expr> = Vec::new();
        let mut inline = Vec::new();
        let mut named = Vec::new();
        let mut string = None;
        for (i, arg) in args.iter().enumerate() {
            if i == 0
                && let syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) = arg
            {
                inline = inline_args(s);
                string = Some(s.span());
                continue;
            }
            match arg {
                syn::Expr::Assign(a) => {
                    if let syn::Expr::Path(p) = &*a.left
                        && let Some(ident) = p.path.get_ident()
                    {
                        named.push(ident.to_string());
                    }
                    exprs.push((*a.right).clone());
                }
                other => exprs.push(other.clone()),
            }
        }
        let mut seen = Vec::new();
        for name in inline {
            if named.contains(&name) || seen.contains(&name) {
                continue;
            }
            // The variable, placed where the string names it.
            let tokens = name.parse::<TokenStream>().ok().map(|tokens| {
                tokens
                    .into_iter()
                    .map(|mut t| {
                        t.set_span(string.unwrap_or_else(proc_macro2::Span::call_site));
                        t
                    })
                    .collect::<TokenStream>()
            });
            if let Some(e) = tokens.and_then(|t| syn::parse2::<syn::Expr>(t).ok()) {
                exprs.push(e);
            }
            seen.push(name);
        }
        let mut held = Vec::new();
        for (i, expr) in exprs.iter().enumerate() {
            let later_await = exprs[i + 1..].iter().any(super::expr::contains_await);
            let v = self.lower_expr(expr);
            let ty = self.borrow_value(v, expr, false, line);
            if later_await {
                let t = self.new_temp(
                    format!("&{}", self.text(expr)),
                    ty,
                    Span { line, end_line: line, ..Span::default() },
                );
                self.emit(StmtKind::Assign(t), line);
                held.push(t);
            }
        }
        // The references are read once every argument is there.
        for t in held {
            self.emit(StmtKind::Move(t), line);
        }
    }

    /// A macro whose expansion is unknown: every local it names counts as used, and awaits
    /// inside it are reported rather than guessed.
    pub(crate) fn lower_opaque_macro(&mut self, mac: &syn::Macro, name: &str, span: Span) -> Value {
        let awaits = count_awaits(&mac.tokens);
        let message = if awaits > 0 {
            format!(
                "{awaits} await{} inside `{name}!` {} not modelled: the macro's expansion is unknown",
                if awaits == 1 { "" } else { "s" },
                if awaits == 1 { "is" } else { "are" }
            )
        } else {
            format!("macro `{name}!` is opaque: the locals it names are counted as used, nothing else is modelled")
        };
        self.warn(Diagnostic::warning(message, Some(span)));
        let mut idents = Vec::new();
        collect_idents(&mac.tokens, &mut idents);
        for ident in idents {
            if let Some(local) = self.lookup(&ident) {
                self.emit(StmtKind::Read(local), span.line);
            }
        }
        self.emit(StmtKind::Call, span.line);
        Value::Rvalue(Ty::Unknown)
    }
}

fn collect_idents(tokens: &TokenStream, out: &mut Vec<String>) {
    for tt in tokens.clone() {
        match tt {
            TokenTree::Ident(i) => {
                let s = i.to_string();
                if !out.contains(&s) {
                    out.push(s);
                }
            }
            TokenTree::Group(g) => collect_idents(&g.stream(), out),
            _ => {}
        }
    }
}

/// One branch of `select!`: `pattern = future (, if cond)? => handler`, or `else => handler`.
struct SelectBranch {
    pattern: Option<syn::Pat>,
    future: Option<syn::Expr>,
    handler: syn::Expr,
    label: String,
}

fn parse_select(input: syn::parse::ParseStream<'_>) -> syn::Result<Vec<SelectBranch>> {
    let mut branches = Vec::new();
    if input.peek(syn::Ident) && input.fork().parse::<syn::Ident>().is_ok_and(|i| i == "biased") {
        let _: syn::Ident = input.parse()?;
        let _: Token![;] = input.parse()?;
    }
    while !input.is_empty() {
        let (pattern, future, label) = if input.peek(Token![else]) {
            let _: Token![else] = input.parse()?;
            (None, None, "else".to_string())
        } else {
            let pat = syn::Pat::parse_multi_with_leading_vert(input)?;
            let _: Token![=] = input.parse()?;
            let fut: syn::Expr = input.call(syn::Expr::parse_without_eager_brace)?;
            if input.peek(Token![,]) && input.peek2(Token![if]) {
                let _: Token![,] = input.parse()?;
                let _: Token![if] = input.parse()?;
                let _: syn::Expr = input.call(syn::Expr::parse_without_eager_brace)?;
            }
            let label = format!("{} = ..", quote::ToTokens::to_token_stream(&pat));
            (Some(pat), Some(fut), label)
        };
        let _: Token![=>] = input.parse()?;
        let handler: syn::Expr = input.parse()?;
        if input.peek(Token![,]) {
            let _: Token![,] = input.parse()?;
        }
        branches.push(SelectBranch { pattern, future, handler, label });
    }
    Ok(branches)
}

/// `vec![a, b]` or `vec![x; n]`.
/// The arguments of `vec![..]`, and whether it is the `vec![x; n]` form.
fn parse_vec_args(tokens: &TokenStream) -> syn::Result<(Vec<syn::Expr>, bool)> {
    let parser = |input: syn::parse::ParseStream<'_>| {
        if input.is_empty() {
            return Ok((Vec::new(), false));
        }
        let first: syn::Expr = input.parse()?;
        if input.peek(Token![;]) {
            let _: Token![;] = input.parse()?;
            let len: syn::Expr = input.parse()?;
            return Ok((vec![first, len], true));
        }
        let mut out = vec![first];
        while input.peek(Token![,]) {
            let _: Token![,] = input.parse()?;
            if input.is_empty() {
                break;
            }
            out.push(input.parse()?);
        }
        Ok((out, false))
    };
    parser.parse2(tokens.clone())
}
