//! Self-references: a state that keeps a value and something that borrows it.
//!
//! In: a future's states, its body and the source of its awaited expressions. Out: each
//! self-reference with the state, the value, what borrows it, and the lines of the borrow and
//! of the await. Such a state cannot be written in safe Rust: it is the reason `Pin` exists.

use super::*;

/// A state that keeps a value and something that borrows it: the awaited future (its
/// arguments, or what it captures by reference), or a saved reference made from a borrow of
/// the value. A value kept only because it was borrowed once, with no borrow left at the
/// await, is no self-reference: the enum stores it by value.
pub(super) fn self_references(ctx: &Ctx, future: &FutureAnalysis) -> Vec<(u32, Why)> {
    let body = &future.body;
    let mut out = Vec::new();
    for state in future.suspend_states() {
        let (StateId::Suspend(n), Some(site)) = (state.id, &state.await_site) else { continue };
        let await_line = site.span.line;
        // An async block or closure uses what it captured in place: a borrow of it is a borrow
        // of the future's own field too.
        let captures = future.kind != FutureKind::AsyncFn;
        let saved: Vec<&Field> = state
            .fields
            .iter()
            .filter(|f| {
                (matches!(f.role, Role::Local | Role::Temporary) && f.local.is_some())
                    || (captures && f.role == Role::Upvar)
            })
            .collect();
        let awaitee = state.fields.iter().find(|f| f.role == Role::Awaitee);
        // A shared reference the state keeps is copied into what borrows through it; a `&mut`
        // is reborrowed, and the reborrow holds it.
        for v in saved.iter().filter(|v| !matches!(v.ty.concrete(), Ty::Ref { mutable: false, .. })) {
            let unique = matches!(v.ty.concrete(), Ty::Ref { mutable: true, .. });
            if let Some(awaitee) = awaitee
                && let Some(borrow_line) = awaitee_borrows(ctx, future, awaitee, v, unique)
            {
                let by = if unique {
                    format!("the awaited future `{}`, which borrows what it points to, holding it", site.expr)
                } else {
                    format!("the awaited future `{}`, which borrows it", site.expr)
                };
                out.push((
                    await_line,
                    Why::SelfReference { state: n, value: value_text(body, v), by, borrow_line, await_line },
                ));
            }
            for r in saved.iter().filter(|r| !unique && r.local != v.local && borrowing(&r.ty)) {
                let (Some(rl), Some(vl)) = (r.local, v.local) else { continue };
                if let Some(borrow_line) = made_from_borrow(body, rl, vl) {
                    let by = format!("{} (`{}`), made from a borrow of it", value_text(body, r), r.ty);
                    out.push((
                        await_line,
                        Why::SelfReference { state: n, value: value_text(body, v), by, borrow_line, await_line },
                    ));
                }
            }
        }
    }
    out
}

/// `` `name` `` for a local, `` the temporary `expr` `` for a temporary.
pub(super) fn value_text(body: &Body, field: &Field) -> String {
    match field.local.map(|l| &body.local(l).kind) {
        Some(LocalKind::Temp { expr }) => format!("the temporary `{expr}`"),
        _ => format!("`{}`", field.name.strip_prefix("_ref__").unwrap_or(&field.name)),
    }
}

/// The line where `r` was assigned from a borrow of `v`.
pub(super) fn made_from_borrow(body: &Body, r: LocalId, v: LocalId) -> Option<u32> {
    let stmts: Vec<&crate::ir::Stmt> = body.blocks.iter().flat_map(|b| &b.stmts).collect();
    stmts
        .iter()
        .filter(|s| s.kind == StmtKind::Assign(r))
        .map(|s| s.line)
        .find(|line| stmts.iter().any(|s| s.kind == StmtKind::Borrow(v) && s.line == *line))
}

/// Whether the awaited future borrows the saved value `v`, and the line of the borrow: an
/// argument for a parameter that borrows mentions `v`; an async block or closure body
/// captures `v` by reference, or is called on the closure `v`; a future from outside the file
/// takes `&v` or a method of `v`.
pub(super) fn awaitee_borrows(
    ctx: &Ctx,
    future: &FutureAnalysis,
    awaitee: &Field,
    v: &Field,
    unique: bool,
) -> Option<u32> {
    let local = awaitee.local?;
    let span = &future.body.local(local).span;
    let text = ctx.src.get(span.start_byte..span.end_byte)?;
    let origin = Origin { byte: span.start_byte, line: span.line, column: span.column };
    let syn::Expr::Await(aw) = syn::parse_str::<syn::Expr>(text).ok()? else { return None };
    // A capture by reference is named without rustc's `_ref__`.
    let name = v.name.strip_prefix("_ref__").unwrap_or(&v.name);
    let v_span = v.local.map(|l| &future.body.local(l).span);
    let is_temp = v.local.is_some_and(|l| matches!(future.body.local(l).kind, LocalKind::Temp { .. }));
    let mentions = |e: &syn::Expr| -> bool {
        if let (true, Some(v_span)) = (is_temp, v_span) {
            let (s, t) = origin.bytes(e);
            return s <= v_span.start_byte && v_span.end_byte <= t;
        }
        mentions_name(e, name)
    };
    let mut base = &*aw.base;
    // `Box::pin(f(..))`: the box holds what `f(..)` borrows.
    if let syn::Expr::Call(c) = base
        && token_text(&c.func).replace(' ', "") == "Box::pin"
        && c.args.len() == 1
    {
        base = &c.args[0];
    }
    let line = origin.line(&aw.await_token);
    let callee = awaited_key(&awaitee.ty).and_then(|key| ctx.futures.iter().find(|f| f.key() == key));
    let Some(callee) = callee else {
        // A future from outside the file: `'static` types cannot borrow.
        if awaitee.ty.is_concrete() && !borrowing(&awaitee.ty) && !matches!(awaitee.ty.concrete(), Ty::Unknown) {
            return None;
        }
        return borrows_name(base, name, unique).then_some(line);
    };
    let upvars: Vec<&Field> =
        callee.states.first().map(|s| s.fields.iter().filter(|f| f.role == Role::Upvar).collect()).unwrap_or_default();
    // An async block or closure body: what it captures by reference.
    let captured = upvars.iter().any(|u| {
        u.name.strip_prefix("_ref__") == Some(name)
            && callee.body.upvars.iter().any(|c| c.name == u.name && c.origin != UpvarOrigin::Argument)
    });
    if captured {
        return Some(line);
    }
    let args: Vec<&syn::Expr> = match base {
        syn::Expr::Call(c) => {
            // An async closure's body borrows the closure it is called from.
            if callee.kind == FutureKind::AsyncClosure && mentions(&c.func) {
                return Some(line);
            }
            c.args.iter().collect()
        }
        syn::Expr::MethodCall(m) => std::iter::once(&*m.receiver).chain(m.args.iter()).collect(),
        other => {
            return (callee.kind != FutureKind::AsyncFn && mentions(other)).then_some(line);
        }
    };
    let params: Vec<&Field> = upvars
        .into_iter()
        .filter(|u| callee.body.upvars.iter().any(|c| c.name == u.name && c.origin == UpvarOrigin::Argument))
        .collect();
    for (arg, param) in args.iter().zip(params) {
        // A borrow through a `&mut` the state keeps, shared or not, holds that `&mut` too.
        let holds = borrowing(&param.ty) || matches!(param.ty.concrete(), Ty::Param { .. });
        if holds && mentions(arg) {
            return Some(line);
        }
    }
    None
}

/// Whether the expression names the variable `name`.
pub(super) fn mentions_name(e: &syn::Expr, name: &str) -> bool {
    struct Finder<'n>(&'n str, bool);
    impl<'ast> Visit<'ast> for Finder<'_> {
        fn visit_expr_path(&mut self, p: &'ast syn::ExprPath) {
            if p.qself.is_none() && p.path.get_ident().is_some_and(|i| i == self.0) {
                self.1 = true;
            }
        }
        fn visit_macro(&mut self, m: &'ast syn::Macro) {
            if m.tokens.clone().into_iter().any(|t| matches!(t, proc_macro2::TokenTree::Ident(i) if i == self.0)) {
                self.1 = true;
            }
        }
    }
    let mut finder = Finder(name, false);
    finder.visit_expr(e);
    finder.1
}

/// Whether the expression borrows the variable `name`: `&name..`, or a method called on it;
/// for a `&mut` (`unique`), also passing it on, which reborrows it.
pub(super) fn borrows_name(e: &syn::Expr, name: &str, unique: bool) -> bool {
    if unique && mentions_name(e, name) {
        return true;
    }
    struct Finder<'n>(&'n str, bool);
    pub(super) fn root(e: &syn::Expr) -> Option<&syn::Ident> {
        match e {
            syn::Expr::Path(p) if p.qself.is_none() => p.path.get_ident(),
            syn::Expr::Field(f) => root(&f.base),
            syn::Expr::Index(i) => root(&i.expr),
            syn::Expr::Paren(p) => root(&p.expr),
            _ => None,
        }
    }
    impl<'ast> Visit<'ast> for Finder<'_> {
        fn visit_expr_reference(&mut self, r: &'ast syn::ExprReference) {
            if root(&r.expr).is_some_and(|i| i == self.0) {
                self.1 = true;
            }
            syn::visit::visit_expr_reference(self, r);
        }
        fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
            if root(&m.receiver).is_some_and(|i| i == self.0) {
                self.1 = true;
            }
            syn::visit::visit_expr_method_call(self, m);
        }
    }
    let mut finder = Finder(name, false);
    finder.visit_expr(e);
    finder.1
}
