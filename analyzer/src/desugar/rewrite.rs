//! Rewriting a body before it is cut: what rustc builds in its place.
//!
//! In: a future's body, or a plain fn that makes an async block. Out: the same code with each
//! async block or closure replaced by the call that builds its hand-written future, a capture by
//! reference read through the reference, a value that may have moved kept in an `Option`, and
//! (after cutting) `Self` and an instance's generic parameters written out.

use super::*;

/// A value whose drop flag crosses an await while it may or may not have been moved: the code
/// keeps it in an `Option` from where it is bound.
#[derive(Clone, Debug)]
pub(super) struct MaybeValue {
    pub(super) name: String,
    pub(super) local: LocalId,
}

/// Rewrites a body before it is cut: each async block or closure inside it becomes a call that
/// builds its hand-written future (from what it captures); in an async block's own body, a
/// variable captured by reference is read through it (`(*label)`); a value kept behind an
/// `Option` is bound as `Some(..)` and taken where it moves.
pub(super) struct Rewrite<'c> {
    pub(super) ctx: &'c Ctx<'c>,
    pub(super) origin: Origin,
    pub(super) by_ref: Vec<String>,
    pub(super) maybe: Vec<MaybeValue>,
    /// Where each `Option`-kept value's `let` ends, in the file.
    pub(super) bound: HashMap<String, usize>,
    pub(super) body: Option<&'c Body>,
    pub(super) why: Vec<(u32, Why)>,
}

impl<'c> Rewrite<'c> {
    pub(super) fn new(
        ctx: &'c Ctx<'c>,
        origin: Origin,
        by_ref: Vec<String>,
        maybe: Vec<MaybeValue>,
        body: Option<&'c Body>,
    ) -> Rewrite<'c> {
        Rewrite { ctx, origin, by_ref, maybe, bound: HashMap::new(), body, why: Vec::new() }
    }

    /// `AsyncBlock19Future::new(name, buf)` for the async block or closure starting at `start`.
    pub(super) fn build(&self, start: usize) -> Option<String> {
        let j = self.ctx.nested_at(start)?;
        let nested = &self.ctx.futures[j];
        let mut args = Vec::new();
        for field in nested.states.first()?.fields.iter().filter(|f| f.role == Role::Upvar) {
            let origin = nested.body.upvars.iter().find(|u| u.name == field.name)?.origin;
            let name = field.name.strip_prefix("_ref__").unwrap_or(&field.name);
            args.push(match origin {
                UpvarOrigin::CaptureByRef => format!("&{name}"),
                UpvarOrigin::CaptureByMutRef => format!("&mut {name}"),
                UpvarOrigin::CaptureByValue | UpvarOrigin::Argument => name.to_string(),
            });
        }
        Some(format!("{}::new({})", type_name(self.ctx.futures, nested), args.join(", ")))
    }

    pub(super) fn is_by_ref(&self, e: &syn::Expr) -> bool {
        matches!(e, syn::Expr::Path(p) if p.qself.is_none() && p.path.get_ident().is_some_and(|i| self.by_ref.iter().any(|n| i == n)))
    }

    /// Whether the IR moves the local on this line, and only moves it.
    pub(super) fn moves_on(&self, local: LocalId, line: u32) -> bool {
        let Some(body) = self.body else { return false };
        let on_line =
            body.blocks.iter().flat_map(|b| &b.stmts).filter(|s| s.line == line && s.kind.local() == Some(local));
        let mut moved = false;
        for s in on_line {
            match s.kind {
                StmtKind::Move(_) => moved = true,
                StmtKind::Drop(_) | StmtKind::StorageDead(_) | StmtKind::Assign(_) => {}
                _ => return false,
            }
        }
        moved
    }
}

impl VisitMut for Rewrite<'_> {
    fn visit_expr_mut(&mut self, e: &mut syn::Expr) {
        match e {
            syn::Expr::Async(a) => {
                let (start, _) = self.origin.bytes(&a.async_token);
                match self.build(start) {
                    Some(call) => {
                        if let Ok(new) = syn::parse_str::<syn::Expr>(&call) {
                            *e = new;
                            // What it captures by reference may be a capture by reference here.
                            syn::visit_mut::visit_expr_mut(self, e);
                        }
                    }
                    None => self.why.push((self.origin.line(&a.async_token), Why::NotAFreeFn)),
                }
                return;
            }
            syn::Expr::Closure(c) if c.asyncness.is_some() => {
                let (start, _) = self.origin.bytes(&c.asyncness);
                match self.build(start) {
                    Some(call) => {
                        let capture = if c.capture.is_some() { "move " } else { "" };
                        let text = format!("{capture}|{}| {call}", token_text(&c.inputs));
                        if let Ok(new) = syn::parse_str::<syn::Expr>(&text) {
                            *e = new;
                            syn::visit_mut::visit_expr_mut(self, e);
                        }
                    }
                    None => self.why.push((self.origin.line(&c.asyncness), Why::NotAFreeFn)),
                }
                return;
            }
            // A receiver or a field's base captured by reference is reached by auto-deref.
            syn::Expr::MethodCall(m) if self.is_by_ref(&m.receiver) => {
                for arg in m.args.iter_mut() {
                    self.visit_expr_mut(arg);
                }
                return;
            }
            syn::Expr::Field(f) if self.is_by_ref(&f.base) => return,
            syn::Expr::Path(p) if p.qself.is_none() => {
                if let Some(ident) = p.path.get_ident() {
                    let name = ident.to_string();
                    if self.by_ref.contains(&name) {
                        *e = syn::parse_str(&format!("(*{name})")).unwrap_or_else(|_| e.clone());
                        return;
                    }
                    let (start, _) = self.origin.bytes(ident);
                    if let Some(value) = self.maybe.iter().find(|m| m.name == name).cloned()
                        && self.bound.get(&name).is_some_and(|&end| start >= end)
                    {
                        let line = self.origin.line(ident);
                        if !self.moves_on(value.local, line) {
                            self.why.push((line, Why::HiddenValue(name.clone())));
                        }
                        *e = syn::parse_str(&format!("{name}.take().unwrap()")).unwrap_or_else(|_| e.clone());
                        return;
                    }
                }
            }
            _ => {}
        }
        syn::visit_mut::visit_expr_mut(self, e);
    }

    fn visit_local_mut(&mut self, l: &mut syn::Local) {
        syn::visit_mut::visit_local_mut(self, l);
        // `let msg = msg;` for a value kept behind an `Option`: `let mut msg = Some(msg);`.
        let (ident, ty) = match &l.pat {
            syn::Pat::Ident(id) => (id.ident.to_string(), None),
            syn::Pat::Type(t) => match &*t.pat {
                syn::Pat::Ident(id) => (id.ident.to_string(), Some(token_text(&t.ty))),
                _ => return,
            },
            _ => return,
        };
        let Some(body) = self.body else { return };
        let (pat_start, pat_end) = self.origin.bytes(&l.pat);
        let Some(value) = self.maybe.iter().find(|m| {
            m.name == ident && {
                let span = &body.local(m.local).span;
                span.start_byte >= pat_start && span.end_byte <= pat_end
            }
        }) else {
            return;
        };
        let Some(init) = &l.init else { return };
        let ty = ty.map(|t| format!(": Option<{t}>")).unwrap_or_default();
        let text = format!("let mut {} {ty} = Some({});", value.name, token_text(&init.expr));
        if let Ok(syn::Stmt::Local(new)) = syn::parse_str::<syn::Stmt>(&text) {
            let (_, end) = self.origin.bytes(&*l);
            self.bound.insert(value.name.clone(), end);
            *l = new;
        }
    }
}

/// Replaces `Self` (a method's body names the type it belongs to, as `Self` would name the
/// enum) and an instance's generic parameters (by the types they stand for) in the code.
pub(super) fn substitute(nodes: &mut [Node], subst: &[(String, String)], self_ty: Option<&str>) {
    let fix = |text: &mut String| {
        let Ok(tokens) = text.parse::<proc_macro2::TokenStream>() else { return };
        let replaced = replace_idents(tokens, subst, self_ty);
        *text = replaced.to_string();
    };
    for node in nodes.iter_mut() {
        match node {
            Node::Stmt(t) | Node::Finish(t) => fix(t),
            Node::Await { bind, .. } => {
                if let Some(b) = bind {
                    fix(b);
                }
            }
            Node::For { pat, expr, body, .. } => {
                fix(pat);
                fix(expr);
                substitute(body, subst, self_ty);
            }
            Node::Match { scrutinee, arms } => {
                fix(scrutinee);
                for (pat, body) in arms.iter_mut() {
                    fix(pat);
                    substitute(body, subst, self_ty);
                }
            }
            Node::If { cond, then, els } => {
                fix(cond);
                substitute(then, subst, self_ty);
                if let Some(e) = els {
                    substitute(e, subst, self_ty);
                }
            }
            Node::Loop { cond, body, .. } => {
                if let Some(c) = cond {
                    fix(c);
                }
                substitute(body, subst, self_ty);
            }
            Node::Block(body) => substitute(body, subst, self_ty),
        }
    }
}

pub(super) fn replace_idents(
    tokens: proc_macro2::TokenStream,
    subst: &[(String, String)],
    self_ty: Option<&str>,
) -> proc_macro2::TokenStream {
    use proc_macro2::{Group, TokenTree};
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let mut out = proc_macro2::TokenStream::new();
    for (i, tree) in trees.iter().enumerate() {
        match tree {
            TokenTree::Ident(ident) => {
                let name = ident.to_string();
                // Before `::` a type that is not a plain path needs `<..>` (`<[u8; 4]>::default()`).
                let path_follows = matches!(trees.get(i + 1), Some(TokenTree::Punct(p)) if p.as_char() == ':');
                let with = if name == "Self" { self_ty.map(str::to_string) } else { None }.or_else(|| {
                    subst.iter().find(|(p, _)| *p == name).map(|(_, t)| {
                        let plain = t.chars().all(|c| c.is_alphanumeric() || c == '_');
                        if path_follows && !plain { format!("<{t}>") } else { t.clone() }
                    })
                });
                match with.and_then(|w| w.parse::<proc_macro2::TokenStream>().ok()) {
                    Some(w) => out.extend(w),
                    None => out.extend([tree.clone()]),
                }
            }
            TokenTree::Group(g) => {
                let mut inner = Group::new(g.delimiter(), replace_idents(g.stream(), subst, self_ty));
                inner.set_span(g.span());
                out.extend([TokenTree::Group(inner)]);
            }
            other => out.extend([other.clone()]),
        }
    }
    out
}

/// The plain fn of the file that makes an async block (`fn make_job() -> impl Future`), with
/// its async blocks replaced by the hand-written futures they build.
pub(super) fn maker(ctx: &Ctx, block: &FutureAnalysis) -> Option<Maker> {
    let file = syn::parse_file(ctx.src).ok()?;
    let origin = Origin { byte: 0, line: 1, column: 1 };
    for item in &file.items {
        let syn::Item::Fn(f) = item else { continue };
        let (start, end) = origin.bytes(f);
        if f.sig.asyncness.is_some() || block.span.start_byte < start || block.span.end_byte > end {
            continue;
        }
        // The first block of the fn makes it.
        let first = ctx
            .chosen
            .iter()
            .map(|&j| &ctx.futures[j])
            .filter(|g| g.kind != FutureKind::AsyncFn && g.span.start_byte >= start && g.span.end_byte <= end)
            .map(|g| g.span.start_byte)
            .min()?;
        if first != block.span.start_byte {
            return None;
        }
        let mut f = f.clone();
        let mut rewrite = Rewrite::new(ctx, origin, Vec::new(), Vec::new(), None);
        rewrite.visit_block_mut(&mut f.block);
        if !rewrite.why.is_empty() {
            return None;
        }
        let mut params = Vec::new();
        for input in &f.sig.inputs {
            match input {
                syn::FnArg::Typed(pt) => match &*pt.pat {
                    syn::Pat::Ident(id) => params.push((id.ident.to_string(), token_text(&pt.ty))),
                    _ => return None,
                },
                syn::FnArg::Receiver(_) => return None,
            }
        }
        f.attrs.clear();
        return Some(Maker { name: f.sig.ident.to_string(), params, item: token_text(&f) });
    }
    None
}
