//! Finding the futures of a file and naming them as rustc does.
//!
//! In: the `syn::File`. Out: every fn-like item lowered, async ones as futures (`f`,
//! `m::f`, `Type::m`, `<Type as Trait>::m`), sync ones as hosts whose nested async blocks and
//! closures are futures too (`async block@L:C`, `async closure@L:C`).

use syn::spanned::Spanned;

use super::{Builder, FileCtx, LoweredFuture, OuterEnv};
use crate::diagnostics::{Diagnostic, Span};
use crate::edition::Edition;
use crate::ir::{FutureKind, LocalKind, StmtKind, Upvar, UpvarOrigin};
use crate::items::{self, FileIndex};
use crate::ty::{self, Ty};

/// Lowers the futures of a file one top-level item at a time (the items need not be alive
/// together).
pub struct Discovery<'a> {
    ctx: FileCtx<'a>,
}

impl<'a> Discovery<'a> {
    pub fn new(src: &'a str, index: &'a FileIndex, edition: Edition) -> Discovery<'a> {
        Discovery { ctx: FileCtx { src, index, edition, futures: Vec::new(), warnings: Vec::new() } }
    }

    pub fn add(&mut self, item: &syn::Item) {
        walk_item(&mut self.ctx, item, &[]);
    }

    /// The futures in source order, and the file-level warnings.
    pub fn finish(self) -> (Vec<LoweredFuture>, Vec<Diagnostic>) {
        let mut futures = self.ctx.futures;
        futures.sort_by_key(|f| (f.span.start_byte, f.span.end_byte));
        (futures, self.ctx.warnings)
    }
}

/// Where an item sits: its module path and the trait and generics around it.
#[derive(Clone, Default)]
pub(crate) struct ItemContext {
    pub self_ty: Option<String>,
    pub generics: Vec<(String, bool)>,
}

fn walk_items(ctx: &mut FileCtx<'_>, items: &[syn::Item], prefix: &[String]) {
    for item in items {
        walk_item(ctx, item, prefix);
    }
}

pub(crate) fn walk_item(ctx: &mut FileCtx<'_>, item: &syn::Item, prefix: &[String]) {
    match item {
        syn::Item::Mod(m) => {
            if let Some((_, items)) = &m.content {
                let mut inner = prefix.to_vec();
                inner.push(m.ident.to_string());
                walk_items(ctx, items, &inner);
            }
        }
        syn::Item::Fn(f) => {
            let item_ctx = ItemContext::default();
            let name = join(prefix, &f.sig.ident.to_string());
            lower_fn(ctx, name, &f.sig, &f.block, &item_ctx, f.span());
        }
        syn::Item::Impl(imp) => {
            let Some(self_ty) = items::type_name(&imp.self_ty) else { return };
            let trait_name =
                imp.trait_.as_ref().and_then(|(path, _)| path.segments.last()).map(|s| s.ident.to_string());
            let item_ctx =
                ItemContext { self_ty: Some(self_ty.clone()), generics: items::generic_params(&imp.generics) };
            for impl_item in &imp.items {
                if let syn::ImplItem::Fn(m) = impl_item {
                    let name = items::method_name(prefix, &self_ty, trait_name.as_deref(), &m.sig.ident.to_string());
                    lower_fn(ctx, name, &m.sig, &m.block, &item_ctx, m.span());
                }
            }
        }
        syn::Item::Trait(t) => {
            let item_ctx = ItemContext { self_ty: Some("Self".into()), generics: items::generic_params(&t.generics) };
            for trait_item in &t.items {
                if let syn::TraitItem::Fn(m) = trait_item
                    && let Some(block) = &m.default
                {
                    let name = join(prefix, &format!("{}::{}", t.ident, m.sig.ident));
                    lower_fn(ctx, name, &m.sig, block, &item_ctx, m.span());
                }
            }
        }
        _ => {}
    }
}

fn join(prefix: &[String], name: &str) -> String {
    if prefix.is_empty() { name.to_string() } else { format!("{}::{name}", prefix.join("::")) }
}

/// Lowers one fn or method: a future if it is `async`, else a host for the futures inside it.
pub(crate) fn lower_fn(
    ctx: &mut FileCtx<'_>,
    name: String,
    sig: &syn::Signature,
    block: &syn::Block,
    item_ctx: &ItemContext,
    span: proc_macro2::Span,
) {
    let is_async = sig.asyncness.is_some();
    let mut generics = item_ctx.generics.clone();
    generics.extend(items::generic_params(&sig.generics));
    let output = items::output_of(sig, &generics);
    let generic = generics.iter().any(|(_, copy)| !copy) || sig.inputs.iter().any(has_impl_trait);
    let host_name = if is_async { format!("{name}::{{closure#0}}") } else { name.clone() };
    let mut b = Builder::new(ctx, host_name, is_async);
    b.generics = generics.clone();
    b.self_ty = item_ctx.self_ty.clone();
    b.return_ty = output.clone();
    let body_span = Span::of(block);
    b.push_scope(body_span.end_line, false);
    for (i, input) in sig.inputs.iter().enumerate() {
        lower_param(&mut b, i, input, item_ctx, is_async);
    }
    // The body block is the tail of the block that holds the arguments' copies.
    b.enter_tail();
    b.lower_body_block(block);
    b.leave_tail();
    b.pop_scope(body_span.end_line);
    b.terminate(crate::ir::Terminator::Return, body_span.end_line);
    let (body, diagnostics, _) = b.finish();
    if is_async {
        let label_span = sig.asyncness.map(|a| Span::of(&a)).unwrap_or_else(|| Span::of(sig));
        ctx.futures.push(LoweredFuture {
            name,
            kind: FutureKind::AsyncFn,
            span: Span::from_proc_macro(span),
            label_span,
            output,
            body,
            diagnostics,
            generic,
        });
    } else {
        ctx.warnings.extend(diagnostics.into_iter().filter(|d| d.severity == crate::diagnostics::Severity::Error));
    }
}

fn has_impl_trait(arg: &syn::FnArg) -> bool {
    matches!(arg, syn::FnArg::Typed(t) if matches!(&*t.ty, syn::Type::ImplTrait(_)))
}

/// `async fn f(x: T)` stores `x` as an upvar and starts its body with `let x = x;` (a pattern
/// parameter `(a, b): T` becomes `__argN` and `let (a, b) = __argN;`).
fn lower_param(b: &mut Builder<'_, '_>, i: usize, input: &syn::FnArg, item_ctx: &ItemContext, is_async: bool) {
    let span = Span::of(input);
    let line = span.line;
    let (pat, ty): (Option<&syn::Pat>, Ty) = match input {
        syn::FnArg::Receiver(r) => {
            let self_ty = Ty::adt(item_ctx.self_ty.as_deref().unwrap_or("Self"), Vec::new());
            let ty = match &r.kind {
                syn::ReceiverKind::Reference(_, _, m) => Ty::Ref { mutable: m.is_some(), inner: Box::new(self_ty) },
                syn::ReceiverKind::Typed(_, t) => ty::from_syn(t, &b.generics),
                _ => self_ty,
            };
            (None, ty)
        }
        syn::FnArg::Typed(t) => (Some(&*t.pat), ty::from_syn(&t.ty, &b.generics)),
    };
    let simple = match pat {
        None => Some("self".to_string()),
        Some(syn::Pat::Ident(p)) if p.subpat.is_none() && p.by_ref.is_none() => Some(p.ident.to_string()),
        Some(syn::Pat::Wild(_)) => Some("_".to_string()),
        _ => None,
    };
    let upvar_name = simple.clone().unwrap_or_else(|| format!("__arg{i}"));
    if is_async {
        b.body.upvars.push(Upvar { name: upvar_name.clone(), ty: ty.clone(), span, origin: UpvarOrigin::Argument });
    }
    let kind = if is_async { LocalKind::ArgCopy } else { LocalKind::Binding };
    let local = b.new_local(upvar_name.clone(), kind, ty.clone(), span);
    b.emit(StmtKind::Assign(local), line);
    match (simple, pat) {
        (Some(name), _) => b.bind(name, local),
        (None, Some(pat)) => {
            b.register_in_block_scope(local);
            let place = super::expr::Place {
                local: Some(local),
                ty: ty.clone(),
                projected: false,
                deref: false,
                path: vec![upvar_name],
            };
            b.bind_pattern_from_place(pat, &place, line);
        }
        (None, None) => {}
    }
}

/// Lowers an async block or async closure body as its own future. Returns the future's name
/// and the captures it makes of the enclosing body.
pub(crate) fn lower_nested_future(
    outer: &mut Builder<'_, '_>,
    kind: FutureKind,
    whole: &syn::Expr,
    label_span: Span,
    body: NestedBody<'_>,
    capture_move: bool,
) -> (String, Vec<super::Capture>) {
    let prefix = match kind {
        FutureKind::AsyncClosure => "async closure",
        _ => "async block",
    };
    let name = format!("{prefix}@{}:{}", label_span.line, label_span.column);
    let env: OuterEnv = outer.visible_env();
    let generics = outer.generics.clone();
    let self_ty = outer.self_ty.clone();
    let generic = generics.iter().any(|(_, copy)| !copy);
    let mut b = Builder::new(outer.file, name.clone(), true);
    b.generics = generics;
    b.self_ty = self_ty;
    b.depth = outer.depth;
    b.set_outer(env, capture_move);
    let whole_span = Span::of(whole);
    b.push_scope(whole_span.end_line, false);
    let output = match body {
        NestedBody::Block(block) => b.lower_body_block(block),
        NestedBody::Closure(closure) => {
            for (i, input) in closure.inputs.iter().enumerate() {
                let span = Span::of(input);
                let (pat, ty) = match input {
                    syn::Pat::Type(t) => (&*t.pat, ty::from_syn(&t.ty, &b.generics)),
                    other => (other, Ty::Unknown),
                };
                let simple = match pat {
                    syn::Pat::Ident(p) if p.subpat.is_none() => Some(p.ident.to_string()),
                    syn::Pat::Wild(_) => Some("_".to_string()),
                    _ => None,
                };
                let up_name = simple.clone().unwrap_or_else(|| format!("__arg{i}"));
                b.body.upvars.push(Upvar {
                    name: up_name.clone(),
                    ty: ty.clone(),
                    span,
                    origin: UpvarOrigin::Argument,
                });
                let local = b.new_local(up_name.clone(), LocalKind::ArgCopy, ty.clone(), span);
                b.emit(StmtKind::Assign(local), span.line);
                match simple {
                    Some(n) => b.bind(n, local),
                    None => {
                        b.register_in_block_scope(local);
                        let place = super::expr::Place {
                            local: Some(local),
                            ty,
                            projected: false,
                            deref: false,
                            path: vec![up_name],
                        };
                        b.bind_pattern_from_place(pat, &place, span.line);
                    }
                }
            }
            let body_ty = b.lower_closure_body(&closure.body);
            match &closure.output {
                syn::ReturnType::Type(_, ty) => crate::ty::from_syn(ty, &b.generics),
                syn::ReturnType::Default => body_ty,
            }
        }
    };
    b.pop_scope(whole_span.end_line);
    b.terminate(crate::ir::Terminator::Return, whole_span.end_line);
    let (mut lowered, diagnostics, captures) = b.finish();
    let capture_upvars = super::captures_to_upvars(&captures);
    // Captured variables come first, then (for an async closure) its arguments.
    let mut upvars = capture_upvars;
    upvars.append(&mut lowered.upvars);
    lowered.upvars = upvars;
    outer.file.futures.push(LoweredFuture {
        name: name.clone(),
        kind,
        span: whole_span,
        label_span,
        output,
        body: lowered,
        diagnostics,
        generic,
    });
    (name, captures)
}

pub(crate) enum NestedBody<'a> {
    Block(&'a syn::Block),
    Closure(&'a syn::ExprClosure),
}

/// Lowers a fn item declared inside a body (rustc names it after its parent).
pub(crate) fn lower_nested_item(outer: &mut Builder<'_, '_>, item: &syn::Item) {
    let prefix: Vec<String> = vec![outer.context_name.clone()];
    match item {
        syn::Item::Fn(f) => {
            let item_ctx = ItemContext::default();
            let name = join(&prefix, &f.sig.ident.to_string());
            lower_fn(outer.file, name, &f.sig, &f.block, &item_ctx, f.span());
        }
        other => walk_item(outer.file, other, &prefix),
    }
}
