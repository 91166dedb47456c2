//! The types of expressions, as far as the source shows them.
//!
//! In: syn expressions, the [`FileIndex`] (the file's items and std's model, see
//! [`crate::stdlib`]) and the types of locals in scope. Out: [`Ty`]s for literals, paths,
//! calls and method calls (found as rustc's method probe finds them: through auto-ref and
//! auto-deref, inherent methods before trait methods), fields, indexing, `.await` and `?`,
//! with generic arguments worked out from the arguments' types (`describe(5u8)` calls
//! `describe<u8>`). Anything the source does not settle is `Ty::Unknown`.

use std::sync::Arc;

use super::Builder;
use crate::items::{AdtKind, Bound, FileIndex, FnSig, FnTrait, GenericParam, ImplDecl, Receiver};
use crate::resolve::{Ns, Res, Tree};
use crate::ty::{self, Prim, Ty};

pub(crate) fn lit_type(lit: &syn::Lit) -> Ty {
    match lit {
        syn::Lit::Int(i) => Ty::Prim(Prim::from_name(i.suffix()).unwrap_or(Prim::I32)),
        syn::Lit::Float(f) => Ty::Prim(Prim::from_name(f.suffix()).unwrap_or(Prim::F64)),
        syn::Lit::Bool(_) => Ty::Prim(Prim::Bool),
        syn::Lit::Char(_) => Ty::Prim(Prim::Char),
        syn::Lit::Byte(_) => Ty::Prim(Prim::U8),
        syn::Lit::Str(_) => Ty::reference(Ty::Str),
        syn::Lit::ByteStr(b) => Ty::reference(Ty::Array(Box::new(Ty::Prim(Prim::U8)), Some(b.value().len() as u64))),
        syn::Lit::CStr(_) => Ty::reference(Ty::adt("CStr", Vec::new())),
        _ => Ty::Unknown,
    }
}

fn segments(path: &syn::Path) -> Vec<String> {
    path.segments.iter().map(|s| s.ident.to_string()).collect()
}

/// The generic arguments written on a path's last segment (`::<u64>`).
pub(crate) fn turbofish(b: &Builder<'_, '_>, path: &syn::Path) -> Vec<Ty> {
    segment_args(b, path, path.segments.len().saturating_sub(1))
}

/// The generic arguments, types and constants, written on segment `i` of a path
/// (`Vec::<u8>::new`, `Chunks::<7> { .. }`).
fn segment_args(b: &Builder<'_, '_>, path: &syn::Path, i: usize) -> Vec<Ty> {
    match path.segments.iter().nth(i).map(|s| &s.arguments) {
        Some(syn::PathArguments::AngleBracketed(a)) => a
            .args
            .iter()
            .filter_map(|arg| match arg {
                syn::GenericArgument::Type(t) => {
                    Some(crate::ty::const_arg(t, &b.ty_ctx()).unwrap_or_else(|| b.resolve_ty(t)))
                }
                syn::GenericArgument::Const(e) => {
                    Some(crate::ty::const_generic_arg(e, &|path| b.ty_ctx().const_of(path)))
                }
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

// ---- unification ----

/// Binds the parameters `params` of `pattern` so that it matches `actual`, where `actual`
/// says something (an unknown part binds nothing).
pub(crate) fn unify(pattern: &Ty, actual: &Ty, params: &[String], out: &mut [Option<Ty>]) {
    let bound = actual;
    let actual = actual.concrete();
    match (pattern, actual) {
        (_, Ty::Unknown) => {}
        // A parameter of the enclosing generic item stays one (`Option<S>` of `next()` on an
        // iterator of `S`: rustc judges the generic body).
        (Ty::Param { name, .. }, _) => {
            if let Some(i) = params.iter().position(|p| p == name)
                && out[i].is_none()
            {
                out[i] = Some(bound.clone());
            }
        }
        (Ty::Ref { inner: p, .. }, Ty::Ref { inner: a, .. }) | (Ty::Ptr { inner: p, .. }, Ty::Ptr { inner: a, .. }) => {
            unify(p, a, params, out)
        }
        (Ty::Slice(p), Ty::Slice(a)) | (Ty::Array(p, _), Ty::Array(a, _)) | (Ty::Slice(p), Ty::Array(a, _)) => {
            unify(p, a, params, out)
        }
        // `&Vec<T>` passed where `&[T]` is expected (deref coercion).
        (Ty::Slice(p), Ty::Adt { name, args }) if name == "Vec" && args.len() == 1 => unify(p, &args[0], params, out),
        (Ty::ParamArray(p, len), Ty::Array(a, n)) => {
            if let (Some(n), Some(i)) = (n, params.iter().position(|p| p == len))
                && out[i].is_none()
            {
                out[i] = Some(Ty::Const(*n));
            }
            unify(p, a, params, out)
        }
        (Ty::Tuple(ps), Ty::Tuple(as_)) if ps.len() == as_.len() => {
            for (p, a) in ps.iter().zip(as_) {
                unify(p, a, params, out);
            }
        }
        (Ty::Adt { name: pn, args: ps }, Ty::Adt { name: an, args: as_ }) if pn == an => {
            for (p, a) in ps.iter().zip(as_) {
                unify(p, a, params, out);
            }
        }
        _ => {}
    }
}

fn param_names(generics: &[GenericParam]) -> Vec<String> {
    generics.iter().map(|g| g.name.clone()).collect()
}

/// `ty` with the parameters replaced by what is known of them (`Unknown` for the rest).
fn instantiate(ty: &Ty, names: &[String], subst: &[Option<Ty>]) -> Ty {
    let args: Vec<Ty> = subst.iter().map(|s| s.clone().unwrap_or(Ty::Unknown)).collect();
    ty::substitute(ty, names, &args)
}

// ---- associated types ----

/// Resolves the associated types in `ty` whose base is now known.
pub(crate) fn normalize(index: &FileIndex, ty: &Ty) -> Ty {
    normalize_depth(index, ty, 0)
}

fn normalize_depth(index: &FileIndex, ty: &Ty, depth: u32) -> Ty {
    if depth > 12 {
        return ty.clone();
    }
    let n = |t: &Ty| normalize_depth(index, t, depth + 1);
    match ty {
        Ty::Assoc { base, trait_key, name } => {
            let base = n(base);
            if !base.concrete().is_known() || matches!(base.concrete(), Ty::Param { .. }) {
                return Ty::Assoc { base: Box::new(base), trait_key: trait_key.clone(), name: name.clone() };
            }
            let resolved = assoc_type(index, &base, trait_key, name);
            if resolved.is_known() { n(&resolved) } else { resolved }
        }
        Ty::Ref { mutable, inner } => Ty::Ref { mutable: *mutable, inner: Box::new(n(inner)) },
        Ty::Ptr { mutable, inner } => Ty::Ptr { mutable: *mutable, inner: Box::new(n(inner)) },
        Ty::Array(inner, len) => Ty::Array(Box::new(n(inner)), *len),
        Ty::ParamArray(inner, len) => Ty::ParamArray(Box::new(n(inner)), len.clone()),
        Ty::Slice(inner) => Ty::Slice(Box::new(n(inner))),
        Ty::Tuple(items) => Ty::Tuple(items.iter().map(n).collect()),
        Ty::Adt { name, args } => Ty::Adt { name: name.clone(), args: args.iter().map(n).collect() },
        other => other.clone(),
    }
}

/// `<base as trait>::name` for a known `base`.
fn assoc_type(index: &FileIndex, base: &Ty, trait_key: &str, name: &str) -> Ty {
    let base = base.concrete();
    match name {
        "Item" if trait_key.is_empty() || trait_key == "Iterator" || trait_key == "IntoIterator" => {
            let item = iter_item(index, base);
            if item.is_known() { item } else { into_iter_types(index, base).1 }
        }
        "IntoIter" => into_iter_types(index, base).0,
        "Target" => deref_target(index, base).map(|(t, _)| t).unwrap_or(Ty::Unknown),
        "Output" if trait_key == "Concat" || trait_key == "Join" => match base {
            Ty::Slice(e) | Ty::Array(e, _) | Ty::ParamArray(e, _) => match e.peel_refs() {
                Ty::Str => Ty::string(),
                t if t.is_adt("String") => Ty::string(),
                Ty::Adt { name, args } if name == "Vec" => Ty::adt("Vec", args.clone()),
                _ => Ty::Unknown,
            },
            _ => Ty::Unknown,
        },
        "Output" => {
            let out = future_output(index, base);
            if out.is_known() { out } else { closure_output(base) }
        }
        "Owned" => match base {
            Ty::Str => Ty::string(),
            Ty::Slice(e) => Ty::adt("Vec", vec![(**e).clone()]),
            other => other.clone(),
        },
        "Err" => match base {
            Ty::Prim(Prim::F32 | Prim::F64) => Ty::adt("ParseFloatError", Vec::new()),
            Ty::Prim(Prim::Bool) => Ty::adt("ParseBoolError", Vec::new()),
            Ty::Prim(Prim::Char) => Ty::adt("ParseCharError", Vec::new()),
            Ty::Prim(_) => Ty::adt("ParseIntError", Vec::new()),
            t if t.is_adt("String") => Ty::adt("Infallible", Vec::new()),
            _ => impl_assoc(index, base, trait_key, name),
        },
        _ => impl_assoc(index, base, trait_key, name),
    }
}

/// An associated type an impl in the file (or std's model) gives a type.
fn impl_assoc(index: &FileIndex, base: &Ty, trait_key: &str, name: &str) -> Ty {
    let Ty::Adt { name: key, .. } = base else { return Ty::Unknown };
    for imp in index.impls_of(key) {
        if !trait_key.is_empty() && imp.trait_key.as_deref() != Some(trait_key) {
            continue;
        }
        if let Some((_, t)) = imp.assoc_types.iter().find(|(n, _)| n == name) {
            return through_impl(imp, base, t);
        }
    }
    Ty::Unknown
}

/// A type written in an impl, for the implementing type `actual` (the impl's parameters bound
/// by matching its self type).
fn through_impl(imp: &ImplDecl, actual: &Ty, ty: &Ty) -> Ty {
    let names = param_names(&imp.generics);
    let mut subst = vec![None; names.len()];
    unify(&imp.self_ty, actual, &names, &mut subst);
    instantiate(ty, &names, &subst)
}

/// What dereferencing a value of this type gives, and whether that calls `Deref::deref`
/// (rather than following a reference or a `Box`).
pub(crate) fn deref_target(index: &FileIndex, ty: &Ty) -> Option<(Ty, bool)> {
    match ty.concrete() {
        Ty::Ref { inner, .. } | Ty::Ptr { inner, .. } => Some(((**inner).clone(), false)),
        Ty::Adt { name, args } if name == "Box" => Some((args.first().cloned().unwrap_or(Ty::Unknown), false)),
        Ty::Array(elem, _) | Ty::ParamArray(elem, _) => Some((Ty::Slice(elem.clone()), false)),
        Ty::Adt { name, .. } => {
            let base = ty.concrete();
            index.impls_of(name).find_map(|imp| {
                if imp.trait_key.as_deref() != Some("Deref") {
                    return None;
                }
                let (_, target) = imp.assoc_types.iter().find(|(n, _)| n == "Target")?;
                Some((normalize(index, &through_impl(imp, base, target)), true))
            })
        }
        _ => None,
    }
}

// ---- iterators ----

/// Whether values of this type are iterators.
pub(crate) fn is_iterator(index: &FileIndex, ty: &Ty) -> bool {
    match ty.concrete() {
        Ty::Adt { name, .. } => ADAPTERS.contains(&name.as_str()) || index.implements(name, "Iterator"),
        Ty::Ref { mutable: true, inner } => is_iterator(index, inner),
        Ty::Param { .. } => false,
        _ => false,
    }
}

/// std's iterator adapters (`iter::Map`...): their items are worked out here, from the
/// iterator and the closure they wrap.
const ADAPTERS: &[&str] = &[
    "Map",
    "Filter",
    "FilterMap",
    "Enumerate",
    "Peekable",
    "SkipWhile",
    "TakeWhile",
    "MapWhile",
    "Skip",
    "Take",
    "StepBy",
    "Chain",
    "Zip",
    "Scan",
    "FlatMap",
    "Flatten",
    "Fuse",
    "Inspect",
    "Rev",
    "Copied",
    "Cloned",
    "Cycle",
];

/// What a closure type returns when called.
fn closure_output(ty: &Ty) -> Ty {
    match ty.concrete() {
        Ty::Closure { ret, .. } => (**ret).clone(),
        _ => Ty::Unknown,
    }
}

/// `Option<T>` gives `T`.
fn option_payload(ty: &Ty) -> Ty {
    match ty.concrete() {
        Ty::Adt { name, args } if name == "Option" => args.first().cloned().unwrap_or(Ty::Unknown),
        _ => Ty::Unknown,
    }
}

/// The item type of an iterator type.
pub(crate) fn iter_item(index: &FileIndex, ty: &Ty) -> Ty {
    iter_item_depth(index, ty, 0)
}

fn iter_item_depth(index: &FileIndex, ty: &Ty, depth: u32) -> Ty {
    if depth > 16 {
        return Ty::Unknown;
    }
    let item = |t: &Ty| iter_item_depth(index, t, depth + 1);
    let ty = ty.concrete();
    let Ty::Adt { name, args } = ty else {
        return match ty {
            Ty::Ref { mutable: true, inner } => item(inner),
            _ => Ty::Unknown,
        };
    };
    let arg = |i: usize| args.get(i).cloned().unwrap_or(Ty::Unknown);
    match name.as_str() {
        "Map" => closure_output(&arg(1)),
        "FilterMap" | "MapWhile" => option_payload(&closure_output(&arg(1))),
        "Scan" => option_payload(&closure_output(&arg(2))),
        "Filter" | "Peekable" | "SkipWhile" | "TakeWhile" | "Skip" | "Take" | "StepBy" | "Chain" | "Fuse"
        | "Inspect" | "Rev" | "Cycle" => item(&arg(0)),
        "Enumerate" => Ty::Tuple(vec![Ty::Prim(Prim::Usize), item(&arg(0))]),
        "Zip" => Ty::Tuple(vec![item(&arg(0)), item(&arg(1))]),
        "Copied" | "Cloned" => match item(&arg(0)) {
            Ty::Ref { inner, .. } => *inner,
            other => other,
        },
        "FlatMap" => into_iter_types(index, &closure_output(&arg(2))).1,
        "Flatten" => into_iter_types(index, &item(&arg(0))).1,
        _ => impl_assoc(index, ty, "Iterator", "Item"),
    }
}

/// rustc's `iter` local of a `for` loop over a value of this type (`IntoIterator::into_iter`),
/// and the loop's item type.
pub(crate) fn into_iter_types(index: &FileIndex, source: &Ty) -> (Ty, Ty) {
    let source = source.concrete();
    if is_iterator(index, source) {
        return (source.clone(), iter_item(index, source));
    }
    let (key, target) = match source {
        Ty::Adt { name, .. } => (Some(name.clone()), source.clone()),
        Ty::Ref { inner, .. } => match inner.concrete() {
            Ty::Adt { name, .. } => (Some(name.clone()), source.clone()),
            _ => (None, source.clone()),
        },
        _ => (None, source.clone()),
    };
    // An impl for `&'a BTreeMap<K, V>` is kept with the impls on references, not the map's.
    let impls: Vec<&ImplDecl> = match (&key, source) {
        (Some(k), Ty::Ref { .. }) => index.impls_of(k).chain(index.structural_impls()).collect(),
        (Some(k), _) => index.impls_of(k).collect(),
        (None, _) => index.structural_impls().collect(),
    };
    for imp in impls {
        if imp.trait_key.as_deref() != Some("IntoIterator") {
            continue;
        }
        let names = param_names(&imp.generics);
        let mut subst = vec![None; names.len()];
        // `&Vec<T>` must match `impl IntoIterator for &'a [T]`...: only exact shapes.
        if !same_shape(&imp.self_ty, &target) {
            continue;
        }
        unify(&imp.self_ty, &target, &names, &mut subst);
        let get = |n: &str| imp.assoc_types.iter().find(|(a, _)| a == n).map(|(_, t)| instantiate(t, &names, &subst));
        if let (Some(iter), Some(item)) = (get("IntoIter"), get("Item")) {
            return (normalize(index, &iter), normalize(index, &item));
        }
    }
    // `&Vec<T>` iterates as `&[T]`, `&[T; N]` too.
    if let Ty::Ref { mutable, inner } = source
        && let Some((target, _)) = deref_target(index, inner)
        && !matches!(target, Ty::Unknown)
        && &target != inner.as_ref()
    {
        return into_iter_types(index, &Ty::Ref { mutable: *mutable, inner: Box::new(target) });
    }
    (Ty::Unknown, Ty::Unknown)
}

/// Whether an impl's self type can be the type (same outer constructor, references alike).
fn same_shape(pattern: &Ty, actual: &Ty) -> bool {
    match (pattern, actual.concrete()) {
        (Ty::Ref { mutable: a, inner: p }, Ty::Ref { mutable: b, inner: q }) => a == b && same_shape(p, q),
        (Ty::Adt { name: a, .. }, Ty::Adt { name: b, .. }) => a == b,
        (Ty::Slice(_), Ty::Slice(_)) | (Ty::Array(..) | Ty::ParamArray(..), Ty::Array(..)) | (Ty::Str, Ty::Str) => true,
        (Ty::Prim(a), Ty::Prim(b)) => a == b,
        (Ty::Unit, Ty::Unit) => true,
        (Ty::Tuple(a), Ty::Tuple(b)) => a.len() == b.len() && a.iter().zip(b).all(|(p, q)| same_shape(p, q)),
        (Ty::Param { .. }, _) => true,
        _ => false,
    }
}

// ---- futures ----

/// `IntoFuture::into_future(x)`: every future is its own `IntoFuture`.
pub(crate) fn into_future_type(ty: &Ty) -> Ty {
    ty.clone()
}

/// What awaiting a future of this type produces.
pub(crate) fn future_output(index: &FileIndex, ty: &Ty) -> Ty {
    match ty.concrete() {
        Ty::AsyncFnFuture { name, args } => match index.by_name.get(name) {
            Some(sig) => {
                let out = instantiate(&sig.output, &param_names(&sig.generics), &args_as_subst(args));
                normalize(index, &out)
            }
            None => Ty::Unknown,
        },
        Ty::BlockFuture { output, .. } => (**output).clone(),
        Ty::Adt { name, args } if name == "Ready" => args.first().cloned().unwrap_or(Ty::Unknown),
        // `poll_fn(f)` gives what `f`'s `Poll::Ready` holds.
        Ty::Adt { name, args } if name == "PollFn" => match args.first().map(Ty::concrete) {
            Some(Ty::Closure { ret, .. }) => match ret.concrete() {
                Ty::Adt { name, args } if name == "Poll" => args.first().cloned().unwrap_or(Ty::Unknown),
                _ => Ty::Unknown,
            },
            _ => Ty::Unknown,
        },
        Ty::Adt { name, args } if name == "Pin" || name == "Box" => {
            future_output(index, args.first().unwrap_or(&Ty::Unknown))
        }
        Ty::Ref { mutable: true, inner } => future_output(index, inner),
        Ty::Dyn(traits, Some(output)) if ty::dyn_has(traits, "Future") => (**output).clone(),
        _ => Ty::Unknown,
    }
}

fn args_as_subst(args: &[Ty]) -> Vec<Option<Ty>> {
    args.iter().map(|a| Some(a.clone())).collect()
}

// ---- fields and indexing ----

/// The type of `base.member`, and whether reaching it went through `Deref::deref` (which
/// borrows the base) rather than through a reference or a `Box`.
pub(crate) fn field_type(index: &FileIndex, base: &Ty, member: &str) -> (Ty, bool) {
    let mut cur = base.concrete().clone();
    let mut overloaded = false;
    for _ in 0..8 {
        match &cur {
            Ty::Tuple(items) => {
                if let Some(t) = member.parse::<usize>().ok().and_then(|i| items.get(i)) {
                    return (t.clone(), overloaded);
                }
            }
            Ty::Adt { name, args } => {
                if let Some(decl) = index.adt(name)
                    && let Some(t) = decl.field(member)
                {
                    return (normalize(index, &ty::substitute(t, &decl.generics, args)), overloaded);
                }
            }
            _ => {}
        }
        match deref_target(index, &cur) {
            Some((next, via_deref)) => {
                overloaded |= via_deref;
                cur = next.concrete().clone();
            }
            None => break,
        }
    }
    (Ty::Unknown, overloaded)
}

/// [`index_type`], through the overloaded derefs of the base (`guard[i]` with `guard` a
/// `MutexGuard<Vec<T>>`).
pub(crate) fn index_through_deref(index: &FileIndex, base: &Ty, idx: &Ty) -> Ty {
    let mut ty = base.peel_refs().clone();
    for _ in 0..4 {
        let elem = index_type(&ty, idx);
        if elem.is_known() {
            return elem;
        }
        match deref_target(index, &ty) {
            Some((target, _)) if target.is_known() => ty = target.peel_refs().clone(),
            _ => break,
        }
    }
    Ty::Unknown
}

pub(crate) fn index_type(base: &Ty, idx: &Ty) -> Ty {
    let ranged = matches!(idx.concrete(), Ty::Adt { name, .. } if name.starts_with("Range"));
    match base.peel_refs() {
        Ty::Array(e, _) | Ty::ParamArray(e, _) | Ty::Slice(e) => {
            if ranged {
                Ty::Slice(e.clone())
            } else {
                (**e).clone()
            }
        }
        Ty::Adt { name, args } if name == "Vec" || name == "VecDeque" => {
            let e = args.first().cloned().unwrap_or(Ty::Unknown);
            if ranged { Ty::Slice(Box::new(e)) } else { e }
        }
        Ty::Adt { name, args } if name == "HashMap" || name == "BTreeMap" => {
            args.get(1).cloned().unwrap_or(Ty::Unknown)
        }
        Ty::Adt { name, .. } if name == "String" => Ty::Str,
        Ty::Str => Ty::Str,
        _ => Ty::Unknown,
    }
}

// ---- methods ----

/// How the receiver of a method call is reached.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RecvAccess {
    /// The receiver value itself: moved or copied (`self`), or auto-ref'd (`&self`), which
    /// borrows the place it is in.
    Direct,
    /// Through the reference the receiver is (or a `Box`): the place behind it is reborrowed,
    /// the local holding the reference is only read.
    ThroughRef,
    /// Through `Deref::deref(&recv)` (or `deref_mut`): the receiver is borrowed.
    OverloadedDeref { mutable: bool },
}

/// A method found for a receiver type.
#[derive(Clone, Debug)]
pub(crate) struct Method {
    pub sig: Arc<FnSig>,
    /// What is known of the signature's generic parameters (`Self` and the impl's so far).
    pub subst: Vec<Option<Ty>>,
    pub receiver: Receiver,
    pub access: RecvAccess,
}

impl Method {
    /// For each parameter whose type is a closure bound by `Fn(A..) -> R`, the inputs `A..`
    /// as far as they are known.
    pub fn closure_inputs(&self, index: &FileIndex) -> Vec<Option<super::ClosureHint>> {
        closure_inputs(index, &self.sig, &self.subst)
    }
}

/// For each parameter of a fn whose type is a closure bound by `Fn(A..) -> R`, the inputs.
pub(crate) fn closure_inputs_of(
    index: &FileIndex,
    sig: &FnSig,
    subst: &[Option<Ty>],
) -> Vec<Option<super::ClosureHint>> {
    closure_inputs(index, sig, subst)
}

fn closure_inputs(index: &FileIndex, sig: &FnSig, subst: &[Option<Ty>]) -> Vec<Option<super::ClosureHint>> {
    let names = param_names(&sig.generics);
    sig.params
        .iter()
        .map(|p| {
            let Ty::Param { name, .. } = p else { return None };
            let g = sig.generics.iter().find(|g| &g.name == name)?;
            let inputs = g.call_inputs()?;
            let output =
                g.call_output().map_or(Ty::Unknown, |(_, out)| normalize(index, &instantiate(out, &names, subst)));
            Some(super::ClosureHint {
                inputs: inputs.iter().map(|t| normalize(index, &instantiate(t, &names, subst))).collect(),
                output,
            })
        })
        .collect()
}

/// The methods named `name` that a value of type `self_ty` has (not through deref), with
/// `Self` and the impl's parameters bound.
fn methods_on(b: &Builder<'_, '_>, self_ty: &Ty, name: &str) -> Vec<(Arc<FnSig>, Vec<Option<Ty>>)> {
    let index = b.index();
    let mut found = Vec::new();
    let bind_impl = |imp: &ImplDecl, sig: &FnSig| -> Vec<Option<Ty>> {
        let names = param_names(&sig.generics);
        let mut subst = vec![None; names.len()];
        unify(&imp.self_ty, self_ty, &names, &mut subst);
        subst
    };
    let trait_method = |trait_key: &str, imp: Option<&ImplDecl>| -> Option<(Arc<FnSig>, Vec<Option<Ty>>)> {
        let t = index.trait_decl(trait_key)?;
        let m = t.methods.iter().find(|m| m.ident == name)?;
        // A default async body run for this type is its own future: `<Type as Trait>::m`.
        let sig = match (m.has_body && m.is_async, imp) {
            (true, Some(imp)) => {
                let display = format!(
                    "<{} as {}>::{}",
                    ty::path_display(&ty::erase_args(&imp.self_ty)),
                    crate::items::display_key(trait_key),
                    m.ident
                );
                index.by_name.get(&display).cloned().unwrap_or_else(|| m.clone())
            }
            _ => m.clone(),
        };
        let names = param_names(&sig.generics);
        let mut subst = vec![None; names.len()];
        if let Some(i) = names.iter().position(|n| n == "Self") {
            subst[i] = Some(self_ty.clone());
        }
        if let Some(imp) = imp {
            // The trait's own parameters come from the impl's trait arguments.
            for (i, arg) in imp.trait_args.iter().enumerate() {
                if let Some(slot) = subst.get_mut(i + 1) {
                    *slot = Some(through_impl(imp, self_ty, arg));
                }
            }
        }
        Some((sig, subst))
    };
    let concrete = self_ty.concrete();
    match concrete {
        Ty::Adt { name: key, .. } => {
            let impls: Vec<&ImplDecl> = index.impls_of(key).collect();
            for imp in impls.iter().filter(|i| i.trait_key.is_none()) {
                for m in imp.methods.iter().filter(|m| m.ident == name) {
                    found.push((m.clone(), bind_impl(imp, m)));
                }
            }
            for imp in impls.iter().filter(|i| i.trait_key.is_some() && !i.negative) {
                if let Some(m) = imp.methods.iter().find(|m| m.ident == name) {
                    found.push((m.clone(), bind_impl(imp, m)));
                } else if let Some(t) = trait_method(imp.trait_key.as_deref().unwrap_or(""), Some(imp)) {
                    found.push(t);
                }
            }
        }
        Ty::Param { .. } => {}
        // The future of an async fn or block is a `Future` (`fut.as_mut().poll(cx)`).
        Ty::AsyncFnFuture { .. } | Ty::BlockFuture { .. } => found.extend(trait_method("Future", None)),
        // `dyn Channel`: the methods of the traits it names (by the name the file gives them).
        Ty::Dyn(traits, _) => {
            for name in traits.split(" + ") {
                let key = match b.file.resolver.resolve(&b.module, &[name.to_string()], Ns::Type) {
                    Some(Res::Type(_, key)) => key,
                    _ => name.to_string(),
                };
                found.extend(trait_method(&key, None));
            }
        }
        _ => {}
    }
    // A type parameter (or an instance's argument for it, whose own impls said nothing): the
    // methods of the traits it is bound by, the trait's arguments from the bound
    // (`impl Into<Vec<u8>>`'s `into` gives `Vec<u8>`).
    if found.is_empty()
        && let Ty::Param { name: param, .. } | Ty::Inst { param, .. } = self_ty
        && let Some(g) = b.generics.iter().find(|g| &g.name == param)
    {
        for bound in &g.bounds {
            let crate::items::Bound::Trait { key, args, .. } = bound else { continue };
            if let Some((sig, mut subst)) = trait_method(key, None) {
                for (i, arg) in args.iter().enumerate() {
                    if let Some(slot) = subst.get_mut(i + 1)
                        && slot.is_none()
                    {
                        *slot = Some(arg.clone());
                    }
                }
                found.push((sig, subst));
            }
        }
    }
    if found.is_empty() {
        for imp in index.structural_impls() {
            if !same_shape(&imp.self_ty, concrete) {
                continue;
            }
            if let Some(m) = imp.methods.iter().find(|m| m.ident == name) {
                found.push((m.clone(), bind_impl(imp, m)));
            }
        }
    }
    if found.is_empty() && is_iterator(index, concrete) {
        found.extend(trait_method("Iterator", None));
    }
    if found.is_empty() {
        for t in index.blanket_traits() {
            let Some(m) = t.methods.iter().find(|m| m.ident == name) else { continue };
            if t.name == "Clone"
                && let Ty::Adt { name: key, .. } = concrete
                && index.adt(key).is_some_and(|d| !d.clone)
            {
                continue;
            }
            // A trait's methods are only found where the trait is in scope: the prelude's
            // everywhere, `Borrow`/`BorrowMut` or `Hash` only where the file imports them
            // (without, `rc.borrow_mut()` is `RefCell`'s, found through `Rc`).
            if in_scope(b, &t.name) {
                let names = param_names(&m.generics);
                let mut subst = vec![None; names.len()];
                if let Some(i) = names.iter().position(|n| n == "Self") {
                    subst[i] = Some(self_ty.clone());
                }
                found.push((m.clone(), subst));
                break;
            }
        }
    }
    found
}

/// Whether the std trait `name` can be called by method syntax in the current module: it is in
/// the prelude (or is the model's stand-in for the inherent methods of numbers), or a name in
/// scope there resolves to it.
fn in_scope(b: &Builder<'_, '_>, name: &str) -> bool {
    name == "NumberMethods"
        || crate::resolve::PRELUDE.iter().any(|(n, _)| *n == name)
        || matches!(
            b.file.resolver.resolve(&b.module, &[name.to_string()], Ns::Type),
            Some(Res::Type(Tree::Std, key)) if key.rsplit("::").next() == Some(name)
        )
}

/// The method `name` of a receiver of type `recv`, found as rustc's probe finds it: at each
/// step of auto-deref, a method taking the value as it is, then one taking it by reference.
pub(crate) fn lookup_method(b: &Builder<'_, '_>, recv: &Ty, name: &str) -> Option<Method> {
    let index = b.index();
    let mut cur = recv.clone();
    let mut first_deref: Option<bool> = None;
    for step in 0..8 {
        let access = |through_ref: bool| match (step, first_deref) {
            (0, _) if through_ref => RecvAccess::ThroughRef,
            (0, _) => RecvAccess::Direct,
            (_, Some(true)) => RecvAccess::OverloadedDeref { mutable: false },
            _ => RecvAccess::ThroughRef,
        };
        // By value: `self` on this type, or `&self`/`&mut self` on what this reference points to.
        if let Ty::Ref { mutable, inner } = cur.concrete() {
            let candidates = methods_on(b, inner, name);
            let wanted = if *mutable { [Receiver::Ref, Receiver::RefMut] } else { [Receiver::Ref, Receiver::Ref] };
            if let Some((sig, subst)) =
                candidates.into_iter().find(|(s, _)| s.receiver.is_some_and(|r| wanted.contains(&r)))
            {
                let receiver = sig.receiver.unwrap_or(Receiver::Ref);
                return Some(with_mutability(Method { sig, subst, receiver, access: access(true) }));
            }
        }
        let candidates = methods_on(b, &cur, name);
        if let Some((sig, subst)) = candidates.into_iter().find(|(s, _)| s.receiver.is_some()) {
            let receiver = sig.receiver.unwrap_or(Receiver::Value);
            return Some(with_mutability(Method { sig, subst, receiver, access: access(false) }));
        }
        // An array reaches the slice's methods by auto-ref and unsizing: a borrow of the
        // array itself, as for a method taking `&self` on it.
        if let Ty::Array(elem, _) | Ty::ParamArray(elem, _) = cur.concrete()
            && step == 0
        {
            let slice = Ty::Slice(elem.clone());
            if let Some((sig, subst)) = methods_on(b, &slice, name).into_iter().find(|(s, _)| s.receiver.is_some()) {
                let receiver = sig.receiver.unwrap_or(Receiver::Ref);
                return Some(Method { sig, subst, receiver, access: RecvAccess::Direct });
            }
        }
        let (next, overloaded) = deref_target(index, &cur)?;
        if first_deref.is_none() {
            first_deref = Some(overloaded);
        }
        cur = next;
    }
    None
}

/// A method reached through `Deref` that takes `&mut self` goes through `DerefMut`.
fn with_mutability(mut m: Method) -> Method {
    if let RecvAccess::OverloadedDeref { .. } = m.access {
        m.access = RecvAccess::OverloadedDeref { mutable: m.receiver == Receiver::RefMut };
    }
    m
}

/// Settles a call's generic parameters from the type its result is expected to have: a
/// `let` annotation (`let w2s: Vec<W2> = import_docs(ids).await?;`), through `tries` `?`s
/// (each the `Ok` of a `Result`, or the `Some` of an `Option`).
pub(crate) fn expect_output(sig: &FnSig, mut subst: Vec<Option<Ty>>, expected: &Ty, tries: u8) -> Vec<Option<Ty>> {
    let names = param_names(&sig.generics);
    subst.resize(names.len(), None);
    let mut out = &sig.output;
    for _ in 0..tries {
        match out {
            Ty::Adt { name, args } if (name == "Result" || name == "Option") && !args.is_empty() => out = &args[0],
            _ => return subst,
        }
    }
    unify(out, expected, &names, &mut subst);
    subst
}

/// What a call of `sig` with arguments of types `args` (and explicit generic arguments
/// `turbofish`, for the fn's own parameters) returns, and the generic arguments it settles.
pub(crate) fn call_result(
    b: &Builder<'_, '_>,
    sig: &FnSig,
    mut subst: Vec<Option<Ty>>,
    args: &[Ty],
    turbofish: &[Ty],
) -> (Ty, Vec<Ty>) {
    let index = b.index();
    let names = param_names(&sig.generics);
    subst.resize(names.len(), None);
    // Explicit arguments name the fn's own parameters, after the impl's.
    for (i, t) in turbofish.iter().enumerate() {
        let at = sig.impl_generics + i;
        if at < subst.len() && t.is_known() {
            subst[at] = Some(t.clone());
        }
    }
    for (param, arg) in sig.params.iter().zip(args) {
        unify(param, arg, &names, &mut subst);
    }
    // What closures return binds their bounds' outputs (`F: Fn() -> Fut` gives `Fut`), and
    // futures their `Output`.
    for _ in 0..2 {
        for (i, g) in sig.generics.iter().enumerate() {
            let Some(bound) = subst[i].clone() else { continue };
            if let Some((kind, output)) = g.call_output() {
                let ret = closure_output(&bound);
                let ret = if kind.is_async() { async_call_output(index, &ret) } else { ret };
                unify(output, &ret, &names, &mut subst);
            }
            // `I: IntoIterator<Item = T>`, `Fut: Future<Output = T>`: the argument's own
            // associated type binds what the bound equates it with.
            for b in &g.bounds {
                let Bound::Trait { key, assoc, .. } = b else { continue };
                for (name, pattern) in assoc {
                    let projection =
                        Ty::Assoc { base: Box::new(bound.clone()), trait_key: key.clone(), name: name.clone() };
                    let actual = normalize(index, &projection);
                    // `[("latte", 475)]` for `impl IntoIterator<Item = (&str, u32)>`: the
                    // literals take the bound's types.
                    if name == "Item"
                        && let Some(settled) = settle_literal_defaults(&actual, pattern)
                        && settled != actual
                        && let Some(container) = with_element(&bound, settled)
                    {
                        subst[i] = Some(container);
                    }
                    unify(pattern, &actual, &names, &mut subst);
                }
            }
        }
    }
    let args_out: Vec<Ty> =
        subst.iter().map(|s| s.clone().map(|t| t.concrete().clone()).unwrap_or(Ty::Unknown)).collect();
    let ret = if sig.is_async {
        Ty::AsyncFnFuture { name: sig.name.clone(), args: args_out.clone() }
    } else if let Some(block) = &sig.returns_block {
        Ty::BlockFuture { name: block.clone(), args: args_out.clone(), output: Box::new(Ty::Unknown) }
    } else {
        normalize(index, &instantiate(&sig.output, &names, &subst))
    };
    (ret, args_out)
}

/// `actual` where it differs from `expected` only in the types rustc gives unsuffixed
/// literals by default (`i32` where `expected` has another integer, `f64` where it has `f32`):
/// what the literals must be for the program to compile.
fn settle_literal_defaults(actual: &Ty, expected: &Ty) -> Option<Ty> {
    match (actual, expected) {
        _ if actual == expected => Some(actual.clone()),
        (Ty::Prim(Prim::I32), Ty::Prim(p)) if p.is_numeric() && !matches!(p, Prim::F32 | Prim::F64) => {
            Some(expected.clone())
        }
        (Ty::Prim(Prim::F64), Ty::Prim(Prim::F32)) => Some(expected.clone()),
        (Ty::Tuple(a), Ty::Tuple(e)) if a.len() == e.len() => {
            a.iter().zip(e).map(|(a, e)| settle_literal_defaults(a, e)).collect::<Option<Vec<_>>>().map(Ty::Tuple)
        }
        (Ty::Ref { mutable, inner }, Ty::Ref { inner: e, .. }) => {
            settle_literal_defaults(inner, e).map(|t| Ty::Ref { mutable: *mutable, inner: Box::new(t) })
        }
        _ => None,
    }
}

/// An array or `Vec` like `container` holding `elem` instead.
fn with_element(container: &Ty, elem: Ty) -> Option<Ty> {
    match container.concrete() {
        Ty::Array(_, n) => Some(Ty::Array(Box::new(elem), *n)),
        Ty::Adt { name, args } if name == "Vec" && args.len() == 1 => Some(Ty::adt("Vec", vec![elem])),
        _ => None,
    }
}

/// An async closure's call returns its body's future; awaiting that gives the output.
fn async_call_output(index: &FileIndex, body_future: &Ty) -> Ty {
    let out = future_output(index, body_future);
    if out.is_known() { out } else { Ty::Unknown }
}

/// The type `x.method(args)` evaluates to once the method is known.
pub(crate) fn method_result(b: &Builder<'_, '_>, m: &Method, args: &[Ty], turbofish: &[Ty]) -> (Ty, Vec<Ty>) {
    let (ret, args_out) = call_result(b, &m.sig, m.subst.clone(), args, turbofish);
    // `Iterator::sum`/`product`/`collect` without an annotation: the common cases.
    let ret = match (m.sig.ident.as_str(), &ret) {
        ("sum" | "product", Ty::Unknown) => {
            let recv = m.subst.first().cloned().flatten().unwrap_or(Ty::Unknown);
            match iter_item(b.index(), &recv) {
                Ty::Ref { inner, .. } if inner.is_scalar() => *inner,
                t if t.is_scalar() => t,
                _ => Ty::Unknown,
            }
        }
        // `[a, b].concat()` and `parts.join(", ")` on a slice: std's `Concat`/`Join` impls
        // give a `String` for slices of strings, a `Vec<T>` for slices of slices or vectors.
        ("concat" | "join", ret) if !ret.is_known() && m.sig.tree == Tree::Std => {
            let names = param_names(&m.sig.generics);
            let elem = names.iter().position(|n| n == "T").and_then(|i| m.subst.get(i).cloned().flatten());
            match elem.as_ref().map(|e| e.peel_refs().concrete()) {
                Some(Ty::Str) => Ty::string(),
                Some(Ty::Adt { name, .. }) if name == "String" => Ty::string(),
                Some(Ty::Adt { name, args }) if name == "Vec" && args.len() == 1 => Ty::adt("Vec", args.clone()),
                Some(Ty::Slice(t) | Ty::Array(t, _)) => Ty::adt("Vec", vec![(**t).clone()]),
                _ => ret.clone(),
            }
        }
        _ => ret,
    };
    (ret, args_out)
}

/// `collect::<C<_>>()`: the collection with the item type filled in where it is `_`.
pub(crate) fn fill_collect(index: &FileIndex, collection: &Ty, recv: &Ty) -> Ty {
    let item = iter_item(index, recv);
    // A collection of a generic parameter's items (a struct field's `Vec<S>`) takes the
    // iterator's items when they are known.
    let open = |a: &Ty| !a.is_known() || !super::literals::is_concrete(a) && super::literals::is_concrete(&item);
    match collection {
        Ty::Adt { name, args } if args.iter().any(open) || args.is_empty() => match name.as_str() {
            "Vec" | "VecDeque" | "HashSet" | "BTreeSet" | "BinaryHeap" => Ty::adt(name, vec![item]),
            "HashMap" | "BTreeMap" => match item {
                Ty::Tuple(kv) if kv.len() == 2 => Ty::adt(name, kv),
                _ => collection.clone(),
            },
            "String" => Ty::string(),
            "Result" | "Option" => collection.clone(),
            _ => collection.clone(),
        },
        other => other.clone(),
    }
}

// ---- paths and calls ----

/// How a call's callee is named in [`crate::ir::CallSite`]: a fn of the file by its
/// futurelens name, one of std by its path (`std::thread::sleep`, `std::sync::Mutex::lock`).
pub(crate) fn callee_name(sig: &FnSig) -> String {
    if sig.tree != Tree::Std {
        return sig.name.clone();
    }
    let mut path = vec!["std".to_string()];
    path.extend(sig.module.iter().cloned());
    if let Some(self_key) = &sig.self_ty {
        path.push(self_key.rsplit("::").next().unwrap_or(self_key).to_string());
    }
    path.push(sig.ident.clone());
    path.join("::")
}

/// What a path used as a value names.
pub(crate) enum ValuePath {
    /// A fn (of the file or std), with its signature and what `Self`/the impl binds.
    Fn(Box<FnSig>, Vec<Option<Ty>>),
    /// An enum variant or tuple struct constructor: the ADT and the constructor's fields.
    Constructor {
        adt: String,
        fields: Vec<Ty>,
        generics: Vec<String>,
    },
    /// A unit struct, unit variant, constant or static of this type.
    Value(Ty),
    Unknown,
}

/// Resolves a value path (`f`, `m::f`, `Type::new`, `Self::helper`, `Enum::Variant`, `CONST`).
pub(crate) fn value_path(b: &Builder<'_, '_>, path: &syn::Path) -> ValuePath {
    let index = b.index();
    let segs = segments(path);
    // `Self::x`
    if segs.len() == 2 && segs[0] == "Self" {
        if let Some(self_ty) = b.self_ty.clone() {
            return assoc_value(b, &self_ty, &segs[1]);
        }
        return ValuePath::Unknown;
    }
    // `T::x` for a generic parameter.
    if segs.len() == 2
        && let Some(g) = b.generics.iter().find(|g| g.name == segs[0])
    {
        // In an instance the parameter stays itself, bound to its type: rustc lays the body
        // out as the generic code sees it (`A::default()` is an `A`, with drop glue unless
        // `A: Copy`).
        let ty = match &g.bound_to {
            Some(t) => Ty::Inst { param: g.name.clone(), copy: g.copy, ty: Box::new(t.clone()) },
            None => Ty::Param { name: g.name.clone(), copy: g.copy },
        };
        return assoc_value(b, &ty, &segs[1]);
    }
    let resolved = b.file.resolver.resolve(&b.module, &segs, Ns::Value);
    // `str::trim`, `u32::from_str_radix`: a primitive type names no item (std's `str` module
    // is another thing), unless the file declares one of that name.
    if segs.len() == 2 && !matches!(resolved, Some(Res::Value(Tree::File, _))) {
        let prim = match segs[0].as_str() {
            "str" => Some(Ty::Str),
            name => crate::ty::Prim::from_name(name).map(Ty::Prim),
        };
        if let Some(ty) = prim {
            return assoc_value(b, &ty, &segs[1]);
        }
    }
    match resolved {
        Some(Res::Value(tree, key)) => {
            let sigs = if tree == Tree::File { index.free_fn_key(&key) } else { index.std_fn(&key) };
            if let Some(sig) = sigs {
                return ValuePath::Fn(Box::new(sig.clone()), Vec::new());
            }
            if let Some(decl) = index.adt(&key) {
                if decl.kind == AdtKind::Struct && decl.fields.is_empty() && decl.generics.is_empty() {
                    // A unit struct used as a value.
                    return ValuePath::Value(Ty::Adt { name: key.clone(), args: Vec::new() });
                }
                let fields = decl.fields.iter().map(|(_, t)| t.clone()).collect();
                return ValuePath::Constructor { adt: key.clone(), fields, generics: decl.generics.clone() };
            }
            if tree == Tree::File
                && let Some(c) = index.consts.get(&key)
            {
                return ValuePath::Value(c.ty.clone());
            }
            ValuePath::Unknown
        }
        Some(Res::Assoc(_, key, rest)) if rest.len() == 1 => {
            let args = segs.len().checked_sub(2).map(|i| segment_args(b, path, i)).unwrap_or_default();
            let ty = Ty::Adt { name: key.clone(), args };
            assoc_value(b, &ty, &rest[0])
        }
        Some(Res::Type(_, key)) => {
            // A unit struct used as a value.
            ValuePath::Value(Ty::Adt { name: key, args: Vec::new() })
        }
        _ => match index.free_fn(segs.last().map(String::as_str).unwrap_or("")) {
            // A fn the resolver missed (a glob of a module it does not see): by its name, but
            // never for a path into another type or crate.
            Some(sig) if segs.len() == 1 => ValuePath::Fn(Box::new(sig.clone()), Vec::new()),
            _ => ValuePath::Unknown,
        },
    }
}

/// A fn item used as a value (`map(str::trim)`): zero-sized, and calling it gives what the
/// fn returns. The fn's own parameters are not the enclosing item's (`map(Into::into)` in a
/// fn generic over `T` returns `Into`'s `T`, not known here).
pub(crate) fn fn_item(sig: &FnSig) -> Ty {
    let ret = if sig.is_async || sig.returns_block.is_some() {
        sig.call_type()
    } else {
        sig.call_type_with(vec![Ty::Unknown; sig.generics.len()])
    };
    Ty::Closure {
        needs_drop: false,
        copy: true,
        async_body: None,
        captures: Vec::new(),
        label: format!("fn {}", sig.name),
        ret: Box::new(ret),
    }
}

/// `Type::name` for a type: an associated fn or const, or an enum variant.
fn assoc_value(b: &Builder<'_, '_>, self_ty: &Ty, name: &str) -> ValuePath {
    let index = b.index();
    if let Ty::Adt { name: key, .. } = self_ty.concrete()
        && let Some(decl) = index.adt(key)
        && let Some((_, fields)) = decl.variants.iter().find(|(v, _)| v == name)
    {
        if fields.is_empty() {
            return ValuePath::Value(self_ty.concrete().clone());
        }
        return ValuePath::Constructor { adt: key.clone(), fields: fields.clone(), generics: decl.generics.clone() };
    }
    if let Some(ty) = assoc_const(index, self_ty.concrete(), name) {
        return ValuePath::Value(ty);
    }
    let found = methods_on(b, self_ty, name);
    match found.into_iter().next() {
        Some((sig, subst)) => ValuePath::Fn(Box::new(FnSig::clone(&sig)), subst),
        None => ValuePath::Unknown,
    }
}

/// The type of an associated constant (`Duration::ZERO`, `u32::MAX`, `Self::LIMIT`) an impl
/// in the file or in std's model declares.
fn assoc_const(index: &FileIndex, self_ty: &Ty, name: &str) -> Option<Ty> {
    let find =
        |imp: &ImplDecl| imp.assoc_consts.iter().find(|(n, _)| n == name).map(|(_, t)| through_impl(imp, self_ty, t));
    match self_ty {
        Ty::Adt { name: key, .. } => index.impls_of(key).find_map(find),
        other => index.structural_impls().filter(|imp| imp.self_ty == *other).find_map(find),
    }
}

/// The type of a struct literal `Path { field: value, .. }` (or of an enum's struct variant),
/// its parameters bound by the fields' values.
pub(crate) fn struct_literal(b: &Builder<'_, '_>, path: &syn::Path, fields: &[(String, Ty)]) -> Ty {
    let index = b.index();
    let segs = segments(path);
    let (key, variant) = if segs.len() == 1 && segs[0] == "Self" {
        match b.self_ty.as_ref().map(Ty::concrete) {
            Some(Ty::Adt { name, .. }) => (name.clone(), None),
            _ => return Ty::Unknown,
        }
    } else if segs.len() == 2 && segs[0] == "Self" {
        match b.self_ty.as_ref().map(Ty::concrete) {
            Some(Ty::Adt { name, .. }) => (name.clone(), Some(segs[1].clone())),
            _ => return Ty::Unknown,
        }
    } else {
        match b.file.resolver.resolve(&b.module, &segs, Ns::Type) {
            Some(Res::Type(_, key)) => (key, None),
            Some(Res::Assoc(_, key, rest)) if rest.len() == 1 => (key, rest.first().cloned()),
            _ => return Ty::Unknown,
        }
    };
    let Some(decl) = index.adt(&key) else { return Ty::adt(&key, Vec::new()) };
    let mut subst = vec![None; decl.generics.len()];
    // Arguments written on the type's segment (`Chunks::<7> { .. }`) come first.
    let type_segment = segs.len().saturating_sub(if variant.is_some() { 2 } else { 1 });
    for (slot, arg) in subst.iter_mut().zip(segment_args(b, path, type_segment)) {
        if arg.is_known() {
            *slot = Some(arg);
        }
    }
    for (name, ty) in fields {
        let declared = match &variant {
            Some(v) => decl.variant_field(v, name),
            None => decl.field(name),
        };
        if let Some(declared) = declared {
            unify(declared, ty, &decl.generics, &mut subst);
        }
    }
    Ty::Adt { name: key, args: subst.into_iter().map(|s| s.unwrap_or(Ty::Unknown)).collect() }
}

/// The declared type of each field a struct literal sets, for literals' types.
pub(crate) fn struct_literal_fields(b: &Builder<'_, '_>, path: &syn::Path) -> Vec<(String, Ty)> {
    match struct_literal(b, path, &[]) {
        Ty::Adt { name, .. } => b.index().adt(&name).map(|d| d.fields.clone()).unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// The type a constructor call builds: the ADT with its parameters bound by the arguments.
pub(crate) fn constructed(adt: &str, fields: &[Ty], generics: &[String], args: &[Ty]) -> Ty {
    let mut subst = vec![None; generics.len()];
    for (f, a) in fields.iter().zip(args) {
        unify(f, a, generics, &mut subst);
    }
    Ty::Adt { name: adt.to_string(), args: subst.into_iter().map(|s| s.unwrap_or(Ty::Unknown)).collect() }
}

/// How calling a value of this type takes it: by value for a parameter bound by `FnOnce`
/// (and `Box<dyn FnOnce>`), by mutable reference for `FnMut`, else by reference.
pub(crate) fn call_receiver(b: &Builder<'_, '_>, callee: &Ty) -> Receiver {
    let bound = |name: &str| b.generics.iter().find(|g| g.name == name).and_then(|g| g.call_output()).map(|(k, _)| k);
    let kind = match callee {
        Ty::Param { name, .. } | Ty::Inst { param: name, .. } => bound(name),
        Ty::Adt { name, args } if name == "Box" => match args.first() {
            Some(Ty::Dyn(traits, _)) if traits.contains("FnOnce") => Some(FnTrait::FnOnce),
            Some(Ty::Dyn(traits, _)) if traits.contains("FnMut") => Some(FnTrait::FnMut),
            _ => None,
        },
        _ => None,
    };
    match kind {
        Some(FnTrait::FnOnce | FnTrait::AsyncFnOnce) => Receiver::Value,
        Some(FnTrait::FnMut | FnTrait::AsyncFnMut) => Receiver::RefMut,
        _ => Receiver::Ref,
    }
}

/// What calling a value of this type (a closure, or a parameter bound by `Fn`) returns.
pub(crate) fn call_value(b: &Builder<'_, '_>, callee: &Ty) -> Ty {
    match callee.peel_refs() {
        Ty::Closure { ret, .. } => (**ret).clone(),
        Ty::Param { name, .. } => b
            .generics
            .iter()
            .find(|g| &g.name == name)
            .and_then(|g| g.call_output())
            .map(|(kind, out)| {
                if kind == FnTrait::AsyncFn || kind.is_async() {
                    // Calling an `AsyncFn` gives a future of its output: not a type the source names.
                    Ty::Unknown
                } else {
                    out.clone()
                }
            })
            .unwrap_or(Ty::Unknown),
        // `Box<dyn Fn(A) -> R>` (or a reference to one) is called through the trait object.
        Ty::Adt { name, args } if name == "Box" => match args.first() {
            Some(inner @ Ty::Dyn(..)) => call_value(b, inner),
            _ => Ty::Unknown,
        },
        Ty::Dyn(traits, Some(output)) if ["Fn", "FnMut", "FnOnce"].iter().any(|t| ty::dyn_has(traits, t)) => {
            (**output).clone()
        }
        Ty::FnPtr => Ty::Unknown,
        _ => Ty::Unknown,
    }
}

/// The type of an expression without lowering it (to choose between built-in and overloaded
/// operators, and to find methods, before evaluation).
pub(crate) fn quick_type(b: &Builder<'_, '_>, expr: &syn::Expr) -> Ty {
    let index = b.index();
    match expr {
        syn::Expr::Lit(l) => lit_type(&l.lit),
        syn::Expr::Path(p) => {
            if let Some(ident) = p.path.get_ident() {
                let name = ident.to_string();
                if let Some(local) = b.lookup(&name) {
                    let ty = b.body.local(local).ty.clone();
                    return match ty {
                        Ty::Ref { inner, .. } if b.guard_refs.contains(&local) => *inner,
                        ty => ty,
                    };
                }
                if let Some(ty) = b.outer_binding(&name) {
                    return ty;
                }
            }
            match value_path(b, &p.path) {
                ValuePath::Value(ty) => ty,
                ValuePath::Fn(sig, _) => fn_item(&sig),
                _ => Ty::Unknown,
            }
        }
        syn::Expr::Paren(p) => quick_type(b, &p.expr),
        syn::Expr::Group(g) => quick_type(b, &g.expr),
        syn::Expr::Field(f) => {
            let member = super::member_name(&f.member);
            field_type(index, &quick_type(b, &f.base), &member).0
        }
        syn::Expr::Reference(r) => Ty::Ref { mutable: r.mutability.is_some(), inner: Box::new(quick_type(b, &r.expr)) },
        syn::Expr::Unary(u) => match u.op {
            syn::UnOp::Deref(_) => deref_target(index, &quick_type(b, &u.expr)).map(|(t, _)| t).unwrap_or(Ty::Unknown),
            _ => quick_type(b, &u.expr),
        },
        syn::Expr::Cast(c) => b.resolve_ty(&c.ty),
        syn::Expr::Binary(bin) => match bin.op {
            syn::BinOp::Eq(_)
            | syn::BinOp::Ne(_)
            | syn::BinOp::Lt(_)
            | syn::BinOp::Le(_)
            | syn::BinOp::Gt(_)
            | syn::BinOp::Ge(_)
            | syn::BinOp::And(_)
            | syn::BinOp::Or(_) => Ty::Prim(Prim::Bool),
            _ => {
                let l = quick_type(b, &bin.left);
                match l.concrete() {
                    Ty::Ref { inner, .. } if inner.is_scalar() => (**inner).clone(),
                    Ty::Unknown => quick_type(b, &bin.right),
                    other => other.clone(),
                }
            }
        },
        syn::Expr::Index(i) => index_through_deref(index, &quick_type(b, &i.expr), &quick_type(b, &i.index)),
        syn::Expr::MethodCall(m) => {
            let recv = quick_type(b, &m.receiver);
            let Some(found) = lookup_method(b, &recv, &m.method.to_string()) else { return Ty::Unknown };
            let args: Vec<Ty> = m.args.iter().map(|a| quick_type(b, a)).collect();
            let turbofish = method_turbofish(b, m);
            let (ret, _) = method_result(b, &found, &args, &turbofish);
            if m.method == "collect"
                && let Some(t) = turbofish.first()
            {
                return fill_collect(index, t, &recv);
            }
            if (m.method == "get" || m.method == "get_mut") && matches!(m.args.first(), Some(syn::Expr::Range(_))) {
                return super::expr::subslice_of(ret);
            }
            ret
        }
        syn::Expr::Call(c) => match &*c.func {
            syn::Expr::Path(p) => {
                let args: Vec<Ty> = c.args.iter().map(|a| quick_type(b, a)).collect();
                match value_path(b, &p.path) {
                    ValuePath::Fn(sig, subst) => call_result(b, &sig, subst, &args, &turbofish(b, &p.path)).0,
                    ValuePath::Constructor { adt, fields, generics } => constructed(&adt, &fields, &generics, &args),
                    _ => {
                        let callee = quick_type(b, &c.func);
                        call_value(b, &callee)
                    }
                }
            }
            _ => Ty::Unknown,
        },
        syn::Expr::Await(a) => future_output(index, &into_future_type(&quick_type(b, &a.base))),
        syn::Expr::Try(t) => match quick_type(b, &t.expr).concrete() {
            Ty::Adt { name, args } if name == "Option" || name == "Result" => {
                args.first().cloned().unwrap_or(Ty::Unknown)
            }
            _ => Ty::Unknown,
        },
        syn::Expr::Tuple(t) if t.elems.is_empty() => Ty::Unit,
        syn::Expr::Macro(m) => super::macros::macro_type(&m.mac),
        _ => Ty::Unknown,
    }
}

/// The generic arguments of a method call (`.collect::<Vec<_>>()`).
pub(crate) fn method_turbofish(b: &Builder<'_, '_>, m: &syn::ExprMethodCall) -> Vec<Ty> {
    match &m.turbofish {
        Some(t) => t
            .args
            .iter()
            .filter_map(|arg| match arg {
                syn::GenericArgument::Type(t) => Some(b.resolve_ty(t)),
                _ => None,
            })
            .collect(),
        None => Vec::new(),
    }
}
