//! How each state holds the future it awaits.
//!
//! In: the awaited expression as the cut code writes it, and the awaitee's type. Out: an
//! [`Awaitee`]: the hand-written future of the file (built from the call's arguments, the
//! receiver passed as the method takes it), a future whose type can be written, or a boxed one.

use super::*;

/// How each state holds its awaited future, from what the code awaits there (`bases`).
pub(super) fn awaitees(
    ctx: &Ctx,
    future: &FutureAnalysis,
    plan: &mut Plan,
    bases: &HashMap<u32, String>,
    why: &mut Vec<(u32, Why)>,
) {
    for state in plan.states.iter_mut() {
        let StateId::Suspend(k) = state.state else { continue };
        let Some(base) = bases.get(&k) else { continue };
        let analysed = future.states.iter().find(|s| s.id == state.state);
        let ty = analysed.and_then(|s| s.fields.iter().find(|f| f.role == Role::Awaitee)).map(|f| &f.ty);
        if let Some(field) = state.fields.iter_mut().find(|f| f.reason_is_awaitee()) {
            let ty = ty.cloned().unwrap_or(Ty::Unknown);
            field.awaitee = awaitee(ctx, future, base, &ty, ctx.all, &plan.generics);
            field.boxed = awaitee(ctx, future, base, &ty, false, &plan.generics);
            if field.awaitee.is_none() {
                why.push((state.await_line.unwrap_or(future.span.line), Why::UnknownAwaitee(ty.to_string())));
            }
        }
    }
}

/// How the awaited expression is held: a future of the file written out too, a future whose
/// type can be written, or a boxed future.
pub(super) fn awaitee(
    ctx: &Ctx,
    future: &FutureAnalysis,
    base: &str,
    ty: &Ty,
    all: bool,
    generics: &[Generic],
) -> Option<Awaitee> {
    let expr = syn::parse_str::<syn::Expr>(base).ok()?;
    // `Box::pin(X)`: the source boxes it itself.
    let (inner, boxed) = match &expr {
        syn::Expr::Call(c) if token_text(&c.func).replace(' ', "") == "Box::pin" && c.args.len() == 1 => {
            (&c.args[0], true)
        }
        _ => (&expr, false),
    };
    let key = if boxed { awaited_key(ty) } else { ty.future_key() };
    let callee = key.as_deref().and_then(|k| ctx.futures.iter().find(|f| f.key() == k));
    if let Some(callee) = callee {
        let output = write_ty(ctx, &callee.output, generics);
        let boxed_awaitee = || output.clone().map(|output| Awaitee::Boxed { output, expr: token_text(inner) });
        if !all {
            return boxed_awaitee();
        }
        let name = type_name(ctx.futures, callee);
        match callee.kind {
            FutureKind::AsyncFn if !callee.generic => {
                if let Some(args) = call_args(ctx, future, callee, inner) {
                    return Some(Awaitee::Generated { type_name: name, args, lifetime: false, boxed });
                }
                return boxed_awaitee();
            }
            FutureKind::AsyncBlock | FutureKind::AsyncClosure if !callee.generic => {
                // The value of an async block, or what a closure returns: its hand-written future.
                let ty = if boxed { format!("Pin<Box<{name}>>") } else { name };
                return Some(Awaitee::Held { ty, expr: base.to_string(), lifetime: false });
            }
            _ => return boxed_awaitee(),
        }
    }
    // A future of a type that can be written and is `Unpin`: held as it is.
    let written = write_ty(ctx, ty, generics)?;
    let unpin = written.starts_with("Pin<Box<")
        || written.starts_with("std::future::Ready<")
        || written.starts_with("std::future::Pending<");
    if unpin {
        return Some(Awaitee::Held { ty: written, expr: base.to_string(), lifetime: false });
    }
    let output = match ty.concrete() {
        Ty::Dyn(_, Some(out)) => write_ty(ctx, out, generics)?,
        _ => return None,
    };
    Some(Awaitee::Boxed { output, expr: base.to_string() })
}

/// The future of the file a type is, or boxes (`Pin<Box<{async fn body of f()}>>`).
pub(super) fn awaited_key(ty: &Ty) -> Option<String> {
    ty.future_key().or_else(|| match ty.concrete() {
        Ty::Adt { name, args } if name == "Pin" => match args.first().map(Ty::concrete) {
            Some(Ty::Adt { name, args }) if name == "Box" => args.first().and_then(Ty::future_key),
            _ => None,
        },
        _ => None,
    })
}

/// The arguments of the hand-written future's `new`, from the awaited call: `f(a, b)` and
/// `Type::m(a, b)` as they are; `x.m(a)` with the receiver passed as the method takes it
/// (`&mut *x` for a `&mut self` method called on a `&mut` reference).
pub(super) fn call_args(
    ctx: &Ctx,
    future: &FutureAnalysis,
    callee: &FutureAnalysis,
    call: &syn::Expr,
) -> Option<String> {
    let last = callee.name.rsplit("::").next()?;
    match call {
        syn::Expr::Call(c) => {
            let syn::Expr::Path(p) = &*c.func else { return None };
            let segment = p.path.segments.last()?;
            if segment.ident != last {
                return None;
            }
            Some(c.args.iter().map(token_text).collect::<Vec<_>>().join(", "))
        }
        syn::Expr::MethodCall(m) => {
            if m.method != last {
                return None;
            }
            let syn::Expr::Path(p) = &*m.receiver else { return None };
            let receiver = p.path.get_ident()?.to_string();
            // The receiver's type: the last local of that name.
            let name = if receiver == "__self" { "self" } else { receiver.as_str() };
            let ty = future
                .body
                .locals
                .iter()
                .rev()
                .find(|l| l.name == name && matches!(l.kind, LocalKind::ArgCopy | LocalKind::Binding))
                .map(|l| l.ty.clone())?;
            let text = ctx.src.get(callee.span.start_byte..callee.span.end_byte)?;
            let method = syn::parse_str::<syn::ImplItemFn>(text).ok()?;
            let syn::FnArg::Receiver(r) = method.sig.inputs.first()? else { return None };
            let (by_ref, mutable) = match &r.kind {
                syn::ReceiverKind::Reference(_, _, m) => (true, m.is_some()),
                syn::ReceiverKind::Value => (false, false),
                _ => return None,
            };
            let passed = match (ty.concrete(), by_ref, mutable) {
                (Ty::Ref { mutable: true, .. }, true, true) => format!("&mut *{receiver}"),
                (Ty::Ref { .. }, true, false) => receiver.clone(),
                (Ty::Ref { .. }, _, _) => return None,
                (_, true, true) => format!("&mut {receiver}"),
                (_, true, false) => format!("&{receiver}"),
                (_, false, _) => receiver.clone(),
            };
            let mut args = vec![passed];
            args.extend(m.args.iter().map(token_text));
            Some(args.join(", "))
        }
        _ => None,
    }
}
