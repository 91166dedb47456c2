//! Finding the futures of a file and naming them as rustc does.
//!
//! In: the file's top-level items, one at a time. Out: every fn-like item lowered, async ones as futures (`f`,
//! `m::f`, `Type::m`, `<Type as Trait>::m`), sync ones as hosts whose nested async blocks and
//! closures are futures too (`async block@L:C`, `async closure@L:C`).

use std::collections::BTreeMap;

use syn::spanned::Spanned;

use super::{Builder, FileCtx, LoweredFuture, OuterEnv};
use crate::diagnostics::{Diagnostic, Origin, Span};
use crate::edition::Edition;
use crate::ir::{FutureKind, LocalId, LocalKind, StmtKind, Upvar, UpvarOrigin};
use crate::items::{self, FileIndex, FnSig, GenericParam};
use crate::ty::{self, Ty};

/// At most this many instances of generic fns are lowered per file (polymorphic recursion
/// could ask for infinitely many).
const MAX_INSTANCES: usize = 512;

/// Lowers the futures of a file one top-level item at a time (the items need not be alive
/// together), then the instances of generic fns the bodies use.
pub struct Discovery<'a> {
    ctx: FileCtx<'a>,
    /// The bodies of generic fns that hold futures (trait default bodies included), by where
    /// they start: their instances are lowered once every body has said which it uses.
    generic_bodies: BTreeMap<usize, GenericBody>,
    /// Where the first of those starts and ends: the instances lowered at the end take their
    /// places in the order of futures from there on.
    first_generic: Option<(usize, usize)>,
}

/// A generic fn's body kept for its instances, with the origin of the text it was parsed from.
type GenericBody = (syn::Signature, syn::Block, proc_macro2::Span, Origin);

impl<'a> Discovery<'a> {
    pub fn new(src: &'a str, index: &'a FileIndex, edition: Edition) -> Discovery<'a> {
        let mut host_idents: Vec<String> = index
            .by_start
            .values()
            .filter(|s| s.is_generic() && (s.is_async || s.hosts_futures || s.returns_block.is_some()))
            .map(|s| s.ident.clone())
            .collect();
        host_idents.sort();
        host_idents.dedup();
        let ctx = FileCtx {
            src,
            index,
            host_idents,
            resolver: index.resolver(),
            edition,
            instances: Vec::new(),
            instance_args: Vec::new(),
            futures: Vec::new(),
            warnings: Vec::new(),
        };
        Discovery { ctx, generic_bodies: BTreeMap::new(), first_generic: None }
    }

    pub fn add(&mut self, item: &syn::Item) {
        let mut generics = Generics { bodies: &mut self.generic_bodies, first: &mut self.first_generic };
        walk_item(&mut self.ctx, &mut generics, item, &[]);
    }

    /// The futures lowered since the last call, in the order they were lowered (a body's
    /// nested futures before it).
    pub fn take(&mut self) -> Vec<LoweredFuture> {
        std::mem::take(&mut self.ctx.futures)
    }

    /// Where the first generic fn holding futures starts and ends, once one is lowered: an
    /// instance of it may still come, and takes its place in the order of futures there.
    pub fn first_generic(&self) -> Option<(usize, usize)> {
        self.first_generic
    }

    /// The futures not taken yet, each generic fn's instances among them, in the order they
    /// were lowered; and the file-level warnings. Sorted by where they start and end (an
    /// instance after its generic body), they are in source order.
    pub fn finish(mut self) -> (Vec<LoweredFuture>, Vec<Diagnostic>) {
        let index = self.ctx.index;
        let mut next = 0;
        while next < self.ctx.instances.len() && next < MAX_INSTANCES {
            let (name, args) = self.ctx.instances[next].clone();
            next += 1;
            let Some(sig) = index.by_name.get(&name).map(|s| &**s).or_else(|| host_by_name(index, &name)) else {
                continue;
            };
            let Some((syn_sig, block, span, origin)) = self.generic_bodies.get(&sig.start_byte) else { continue };
            let (syn_sig, block, span) = (syn_sig.clone(), block.clone(), *span);
            let _origin = origin.enter();
            self.ctx.instance_args = args.clone();
            lower_fn(&mut self.ctx, sig, &syn_sig, &block, span, Some(&args));
            self.ctx.instance_args.clear();
        }
        if self.ctx.instances.len() > MAX_INSTANCES {
            self.ctx.warnings.push(Diagnostic::warning(
                format!(
                    "the file's generic fns have more than {MAX_INSTANCES} instances; only the first {MAX_INSTANCES} are laid out"
                ),
                None,
            ));
        }
        (self.ctx.futures, self.ctx.warnings)
    }
}

/// A generic sync fn or method holding futures, by name (its instances are asked for by name
/// too).
fn host_by_name<'i>(index: &'i FileIndex, name: &str) -> Option<&'i FnSig> {
    let hosts = |s: &&FnSig| s.returns_block.is_some() || s.hosts_futures;
    let fns = index.fns.get(name).map(|s| &**s);
    fns.filter(hosts).or_else(|| index.by_start.values().map(|s| &**s).filter(hosts).find(|s| s.name == name))
}

fn start(token: &(impl crate::diagnostics::Located + ?Sized)) -> usize {
    Span::of(token).start_byte
}

/// The generic bodies kept for their instances, and where the first starts.
struct Generics<'g> {
    bodies: &'g mut BTreeMap<usize, GenericBody>,
    first: &'g mut Option<(usize, usize)>,
}

/// Whether a sync fn's body can hold nothing the analysis reports: no async block or closure,
/// no `.await` (an error to report), and no call that could ask for an instance of a generic
/// fn holding futures (it names none of them). Such a body is not lowered: most sync fns of
/// a file are like this, and lowering them costs as much as lowering the futures.
fn holds_nothing(src: &str, found: &FnSig, block: &syn::Block, host_idents: &[String]) -> bool {
    if found.is_async || found.hosts_futures || found.returns_block.is_some() {
        return false;
    }
    let Some(text) = Span::of(block).text(src) else { return false };
    !text.contains("async") && !text.contains("await") && !host_idents.iter().any(|n| text.contains(n.as_str()))
}

fn walk_item(ctx: &mut FileCtx<'_>, generics: &mut Generics<'_>, item: &syn::Item, module: &[String]) {
    let mut lower = |ctx: &mut FileCtx<'_>, sig: &syn::Signature, block: &syn::Block, span: proc_macro2::Span| {
        let Some(found) = ctx.index.fn_at(start(&sig.fn_token)).cloned() else { return };
        if holds_nothing(ctx.src, &found, block, &ctx.host_idents) {
            return;
        }
        // Only a body with futures has instances to lower (asked for by `request_instance`).
        if found.is_generic() && (found.is_async || found.hosts_futures || found.returns_block.is_some()) {
            generics.bodies.insert(found.start_byte, (sig.clone(), block.clone(), span, Origin::current()));
            let at = Span::from_proc_macro(span);
            let at = (at.start_byte, at.end_byte);
            *generics.first = Some(generics.first.map_or(at, |first| first.min(at)));
        }
        lower_fn(ctx, &found, sig, block, span, None);
    };
    match item {
        syn::Item::Mod(m) => {
            if let Some((_, items)) = &m.content {
                let mut inner = module.to_vec();
                inner.push(m.ident.to_string());
                for item in items {
                    walk_item(ctx, generics, item, &inner);
                }
            }
        }
        syn::Item::Fn(f) => lower(ctx, &f.sig, &f.block, f.span()),
        syn::Item::Impl(imp) => {
            for impl_item in &imp.items {
                if let syn::ImplItem::Fn(m) = impl_item {
                    lower(ctx, &m.sig, &m.block, m.span());
                }
            }
        }
        syn::Item::Trait(t) => {
            for trait_item in &t.items {
                if let syn::TraitItem::Fn(m) = trait_item
                    && let Some(block) = &m.default
                {
                    lower(ctx, &m.sig, block, m.span());
                }
            }
        }
        _ => {}
    }
}

/// Binds the generic parameters to the instance's arguments. A parameter that iterates others
/// (`I: IntoIterator<Item = (S, S)>`, bound to `Vec<(&str, &str)>`) holds its items as those
/// parameters: rustc judges the generic body, where an item `(S, S)` may need drop even when
/// `S` is `&str`.
fn bind(generics: &[GenericParam], args: Option<&[Ty]>) -> Vec<GenericParam> {
    let mut out = generics.to_vec();
    let Some(args) = args else { return out };
    for (g, arg) in out.iter_mut().zip(args) {
        g.bound_to = Some(arg.clone());
    }
    let marked: Vec<Option<Ty>> = out
        .iter()
        .map(|g| {
            let bound = g.bound_to.as_ref()?;
            let generic_item = bind_ty(g.iter_item()?, &out);
            let item = without_params(&generic_item);
            (item != generic_item).then(|| replace(bound, &item, &generic_item))
        })
        .collect();
    for (g, m) in out.iter_mut().zip(marked) {
        if m.is_some() {
            g.bound_to = m;
        }
    }
    out
}

/// The type with every bound parameter replaced by the type it is bound to.
fn without_params(ty: &Ty) -> Ty {
    map_ty(ty, &|t| match t {
        Ty::Inst { ty, .. } => Some(without_params(ty)),
        _ => None,
    })
}

/// The type with every occurrence of `from` replaced by `to`.
fn replace(ty: &Ty, from: &Ty, to: &Ty) -> Ty {
    map_ty(ty, &|t| (t == from).then(|| to.clone()))
}

/// Rebuilds a type bottom-up where `f` gives no replacement for a node.
fn map_ty(ty: &Ty, f: &dyn Fn(&Ty) -> Option<Ty>) -> Ty {
    if let Some(t) = f(ty) {
        return t;
    }
    let m = |t: &Ty| map_ty(t, f);
    match ty {
        Ty::Ref { mutable, inner } => Ty::Ref { mutable: *mutable, inner: Box::new(m(inner)) },
        Ty::Array(inner, n) => Ty::Array(Box::new(m(inner)), *n),
        Ty::Slice(inner) => Ty::Slice(Box::new(m(inner))),
        Ty::Tuple(items) => Ty::Tuple(items.iter().map(m).collect()),
        Ty::Adt { name, args } => Ty::Adt { name: name.clone(), args: args.iter().map(m).collect() },
        other => other.clone(),
    }
}

/// A type of the signature with the instance's parameters bound.
fn bind_ty(ty: &Ty, generics: &[GenericParam]) -> Ty {
    let names: Vec<String> = generics.iter().map(|g| g.name.clone()).collect();
    let bound: Vec<Ty> = generics
        .iter()
        .map(|g| match &g.bound_to {
            Some(t) => Ty::Inst { param: g.name.clone(), copy: g.copy, ty: Box::new(t.clone()) },
            None => Ty::Param { name: g.name.clone(), copy: g.copy },
        })
        .collect();
    ty::substitute(ty, &names, &bound)
}

/// Lowers one fn or method: a future if it is `async`, else a host for the futures inside it;
/// with `args`, the instance of a generic fn those arguments make.
fn lower_fn(
    ctx: &mut FileCtx<'_>,
    found: &FnSig,
    sig: &syn::Signature,
    block: &syn::Block,
    span: proc_macro2::Span,
    args: Option<&[Ty]>,
) {
    let is_async = sig.asyncness.is_some();
    let generics = bind(&found.generics, args);
    let output = super::infer::normalize(ctx.index, &bind_ty(&found.output, &generics));
    let generic = !generics.is_empty() && args.is_none();
    let name = found.name.clone();
    let host_name = if is_async { format!("{name}::{{closure#0}}") } else { name.clone() };
    let mut b = Builder::new(ctx, host_name, is_async);
    // A trait's default body: `Self` is its first parameter; an instance binds it to the
    // whole implementing type (`Logged<MemStore>`, where the impl's pattern says `Logged<S>`).
    let bound_self = generics
        .first()
        .filter(|g| g.name == "Self" && (g.bound_to.is_some() || found.self_pattern.is_none()))
        .map(|g| bind_ty(&Ty::Param { name: "Self".into(), copy: false }, std::slice::from_ref(g)));
    b.self_ty = bound_self.or_else(|| found.self_pattern.as_ref().map(|t| bind_ty(t, &generics)));
    b.generics = generics;
    b.module = found.module.clone();
    b.return_ty = output.clone();
    // A fn that returns a future (`-> impl Future<Output = T>`, `Pin<Box<dyn Future<..>>>`):
    // the output its async blocks produce.
    if !is_async {
        b.block_output = match &sig.output {
            syn::ReturnType::Type(_, t) => match &**t {
                syn::Type::ImplTrait(it) => {
                    crate::ty::dyn_output(it.bounds.iter(), &b.ty_ctx()).map_or(Ty::Unknown, |o| *o)
                }
                _ => super::infer::future_output(b.index(), &output),
            },
            syn::ReturnType::Default => Ty::Unknown,
        };
    }
    let body_span = Span::of(block);
    b.push_scope(body_span.end_line, false);
    for (i, input) in sig.inputs.iter().enumerate() {
        lower_param(&mut b, i, input, is_async);
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
        let instance = args.map(|a| super::Instance { args: a.to_vec(), display: items::instance_display(found, a) });
        ctx.futures.push(LoweredFuture {
            name,
            kind: FutureKind::AsyncFn,
            span: Span::from_proc_macro(span),
            label_span,
            output,
            body,
            diagnostics,
            generic,
            instance,
        });
    } else if args.is_none() {
        ctx.warnings.extend(diagnostics.into_iter().filter(|d| d.severity == crate::diagnostics::Severity::Error));
    }
}

/// `async fn f(x: T)` stores `x` as an upvar and starts its body with `let x = x;` (a pattern
/// parameter `(a, b): T` becomes `__argN` and `let (a, b) = __argN;`, `ref v: T` becomes `v` and
/// `let ref v = v;`).
fn lower_param(b: &mut Builder<'_, '_>, i: usize, input: &syn::FnArg, is_async: bool) {
    let span = Span::of(input);
    let line = span.line;
    let (pat, ty): (Option<&syn::Pat>, Ty) = match input {
        syn::FnArg::Receiver(r) => {
            let self_ty = b.self_ty.clone().unwrap_or(Ty::Param { name: "Self".into(), copy: false });
            let ty = match &r.kind {
                syn::ReceiverKind::Reference(_, _, m) => Ty::Ref { mutable: m.is_some(), inner: Box::new(self_ty) },
                syn::ReceiverKind::Typed(_, t) => b.resolve_ty(t),
                _ => self_ty,
            };
            (None, ty)
        }
        syn::FnArg::Typed(t) => (Some(&*t.pat), b.resolve_ty(&t.ty)),
    };
    let simple = match pat {
        None => Some("self".to_string()),
        Some(syn::Pat::Ident(p)) if p.subpat.is_none() && p.by_ref.is_none() => Some(p.ident.to_string()),
        Some(syn::Pat::Wild(_)) => Some("_".to_string()),
        _ => None,
    };
    // rustc names the upvar after any binding pattern's identifier (`ref v`, `v @ ..`), even
    // one it does not treat as a simple parameter; other patterns become `__argN`.
    let upvar_name = match pat {
        Some(syn::Pat::Ident(p)) if simple.is_none() => p.ident.to_string(),
        _ => simple.clone().unwrap_or_else(|| format!("__arg{i}")),
    };
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
                shared: None,
                part: None,
                indexed: None,
            };
            b.bind_pattern_from_place(pat, &place, line);
        }
        (None, None) => {}
    }
}

/// Lowers an async block or async closure body as its own future. Returns the future's name,
/// the captures it makes of the enclosing body, and its output.
pub(crate) fn lower_nested_future(
    outer: &mut Builder<'_, '_>,
    kind: FutureKind,
    whole: &syn::Expr,
    label_span: Span,
    body: NestedBody<'_>,
    capture_move: bool,
) -> (String, Vec<super::Capture>, Ty) {
    let prefix = match kind {
        FutureKind::AsyncClosure => "async closure",
        _ => "async block",
    };
    let name = format!("{prefix}@{}:{}", label_span.line, label_span.column);
    let env: OuterEnv = outer.visible_env();
    let generics = outer.generics.clone();
    let self_ty = outer.self_ty.clone();
    let module = outer.module.clone();
    let generic = generics.iter().any(|g| g.bound_to.is_none());
    let mut b = Builder::new(outer.file, name.clone(), true);
    b.generics = generics;
    b.self_ty = self_ty;
    b.module = module;
    b.depth = outer.depth;
    b.set_outer(env, capture_move);
    b.closure_body = kind == FutureKind::AsyncClosure;
    if kind == FutureKind::AsyncBlock {
        b.capture_locals = Some(Vec::new());
        b.return_ty = outer.block_output.clone();
    }
    let whole_span = Span::of(whole);
    b.push_scope(whole_span.end_line, false);
    let output = match body {
        NestedBody::Block(block) => b.lower_body_block(block),
        NestedBody::Closure(closure, hint) => {
            for (i, input) in closure.inputs.iter().enumerate() {
                let span = Span::of(input);
                let hinted = hint.as_ref().and_then(|h| h.inputs.get(i)).cloned().unwrap_or(Ty::Unknown);
                let (pat, ty) = match input {
                    syn::Pat::Type(t) => (&*t.pat, b.resolve_ty(&t.ty)),
                    other => (other, hinted),
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
                            shared: None,
                            part: None,
                            indexed: None,
                        };
                        b.bind_pattern_from_place(pat, &place, span.line);
                    }
                }
            }
            b.return_ty = match (&closure.output, &hint) {
                (syn::ReturnType::Type(_, ty), _) => b.resolve_ty(ty),
                (syn::ReturnType::Default, Some(h)) => h.output.clone(),
                _ => Ty::Unknown,
            };
            let body_ty = b.lower_closure_body(&closure.body);
            match &closure.output {
                syn::ReturnType::Type(_, ty) => b.resolve_ty(ty),
                // What the body leaves open, the caller's `AsyncFn` bound may say
                // (`-> Result<T, TxError>` for a body whose `Ok(..)` names no error type).
                syn::ReturnType::Default => match &hint {
                    Some(h) => body_ty.refined_by(&h.output),
                    None => body_ty,
                },
            }
        }
    };
    b.pop_scope(whole_span.end_line);
    b.terminate(crate::ir::Terminator::Return, whole_span.end_line);
    let capture_locals = b.capture_locals.take().unwrap_or_default();
    let (mut lowered, diagnostics, captures) = b.finish();
    let captures = super::finalize_captures(&captures, outer.file.edition);
    initialise_capture_locals(&mut lowered, &capture_locals, &captures, whole_span.line);
    let capture_upvars = super::captures_to_upvars(&captures);
    // An async closure's arguments come first, then the captured variables (rustc chains the
    // tupled inputs with the closure's captures).
    lowered.upvars.extend(capture_upvars);
    let instance_args = outer.file.instance_args.clone();
    let instance = (!instance_args.is_empty()).then(|| super::Instance { args: instance_args, display: name.clone() });
    outer.file.futures.push(LoweredFuture {
        name: name.clone(),
        kind,
        span: whole_span,
        label_span,
        output: output.clone(),
        body: lowered,
        diagnostics,
        generic,
        instance,
    });
    (name, captures, output)
}

/// The stand-ins of by-value captures are there from the start, as the upvars are; one whose
/// place rustc does not capture by value as such (it captures a place around it) carries no
/// moves of its own.
fn initialise_capture_locals(
    body: &mut crate::ir::Body,
    locals: &[(Vec<String>, LocalId)],
    captures: &[super::Capture],
    line: u32,
) {
    for (path, local) in locals.iter().rev() {
        let captured = captures.iter().any(|c| c.by_value && c.path == *path);
        if !captured {
            for stmt in body.blocks.iter_mut().flat_map(|b| b.stmts.iter_mut()) {
                if matches!(stmt.kind, StmtKind::Move(l) | StmtKind::MovePart(l, _) if l == *local) {
                    stmt.kind = StmtKind::Read(*local);
                }
            }
        }
        let entry = &mut body.blocks[crate::ir::Body::ENTRY.index()];
        entry.stmts.insert(0, crate::ir::Stmt { kind: StmtKind::Assign(*local), line, tail: 0, exit: 0 });
    }
}

pub(crate) enum NestedBody<'a> {
    Block(&'a syn::Block),
    /// An async closure, with the parameter types its caller's `Fn` bound gives.
    Closure(&'a syn::ExprClosure, Option<super::ClosureHint>),
}

/// Lowers a fn item declared inside a body (rustc names it after its parent).
pub(crate) fn lower_nested_item(outer: &mut Builder<'_, '_>, item: &syn::Item) {
    match item {
        syn::Item::Fn(f) => {
            let name = format!("{}::{}", outer.context_name, f.sig.ident);
            let mut sig = items::local_fn_sig(name, &f.sig, &outer.ty_ctx(), &[]);
            sig.module = outer.module.clone();
            sig.is_async = f.sig.asyncness.is_some();
            lower_fn(outer.file, &sig, &f.sig, &f.block, f.span(), None);
        }
        other => {
            let module = outer.module.clone();
            // Generic fns of nested impls are not kept for instances: their bodies are lowered once.
            let (mut bodies, mut first) = (BTreeMap::new(), None);
            walk_item(outer.file, &mut Generics { bodies: &mut bodies, first: &mut first }, other, &module);
        }
    }
}
