//! The types of expressions, as far as the source shows them.
//!
//! In: syn expressions plus the [`FileIndex`] and the types of locals in scope. Out: [`Ty`]s
//! for literals, constructors (`String::new()`, `vec![..]`, `Box::new(x)`, struct literals),
//! calls of fns declared in the file, the common std methods, `.await` of a future declared in
//! the file, `?`, fields, indexing and casts. Anything else is `Ty::Unknown`.

use super::{Builder, FileCtx};
use crate::items::{FileIndex, Receiver};
use crate::ty::{Prim, Ty};

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

/// The type of a path used as a value (not called): `None`, unit structs, enum variants.
pub(crate) fn path_type(index: &FileIndex, path: &syn::Path, self_ty: Option<&str>) -> Ty {
    let segs = segments(path);
    let last = segs.last().map(String::as_str).unwrap_or("");
    if last == "None" {
        return Ty::adt("Option", vec![Ty::Unknown]);
    }
    if segs.len() >= 2 {
        let owner = &segs[segs.len() - 2];
        let owner = if owner == "Self" { self_ty.unwrap_or(owner) } else { owner };
        if index.adt(owner).is_some() {
            return Ty::adt(owner, Vec::new());
        }
    }
    if index.adt(last).is_some() {
        return Ty::adt(last, Vec::new());
    }
    Ty::Unknown
}

/// The type of `base.member`.
pub(crate) fn field_type(index: &FileIndex, base: &Ty, member: &str) -> Ty {
    match base {
        Ty::Ref { inner, .. } => field_type(index, inner, member),
        Ty::Adt { name, args } if name == "Box" || name == "Rc" || name == "Arc" => {
            field_type(index, args.first().unwrap_or(&Ty::Unknown), member)
        }
        Ty::Tuple(items) => member.parse::<usize>().ok().and_then(|i| items.get(i).cloned()).unwrap_or(Ty::Unknown),
        Ty::Adt { name, .. } => index.adt(name).and_then(|d| d.field(member).cloned()).unwrap_or(Ty::Unknown),
        _ => Ty::Unknown,
    }
}

pub(crate) fn index_type(base: &Ty, idx: &Ty) -> Ty {
    let ranged = matches!(idx, Ty::Adt { name, .. } if name.starts_with("Range"));
    match base.peel_refs() {
        Ty::Array(e, _) | Ty::Slice(e) => {
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

/// The type of an expression without lowering it (to choose between built-in and overloaded
/// operators before evaluation).
pub(crate) fn quick_type(b: &Builder<'_, '_>, expr: &syn::Expr) -> Ty {
    let index = b.index();
    match expr {
        syn::Expr::Lit(l) => lit_type(&l.lit),
        syn::Expr::Path(p) => {
            if let Some(ident) = p.path.get_ident() {
                let name = ident.to_string();
                if let Some(local) = b.lookup(&name) {
                    return b.body.local(local).ty.clone();
                }
                if let Some(ty) = b.outer_binding(&name) {
                    return ty;
                }
            }
            path_type(index, &p.path, b.self_ty.as_deref())
        }
        syn::Expr::Paren(p) => quick_type(b, &p.expr),
        syn::Expr::Group(g) => quick_type(b, &g.expr),
        syn::Expr::Field(f) => {
            let member = match &f.member {
                syn::Member::Named(i) => i.to_string(),
                syn::Member::Unnamed(i) => i.index.to_string(),
            };
            field_type(index, &quick_type(b, &f.base), &member)
        }
        syn::Expr::Reference(r) => Ty::Ref { mutable: r.mutability.is_some(), inner: Box::new(quick_type(b, &r.expr)) },
        syn::Expr::Unary(u) => match u.op {
            syn::UnOp::Deref(_) => match quick_type(b, &u.expr) {
                Ty::Ref { inner, .. } | Ty::Ptr { inner, .. } => *inner,
                Ty::Adt { name, args } if name == "Box" => args.into_iter().next().unwrap_or(Ty::Unknown),
                _ => Ty::Unknown,
            },
            _ => quick_type(b, &u.expr),
        },
        syn::Expr::Cast(c) => crate::ty::from_syn(&c.ty, &b.generics),
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
                match l {
                    Ty::Ref { inner, .. } if inner.is_scalar() => *inner,
                    Ty::Unknown => quick_type(b, &bin.right),
                    other => other,
                }
            }
        },
        syn::Expr::Index(i) => index_type(&quick_type(b, &i.expr), &quick_type(b, &i.index)),
        syn::Expr::MethodCall(m) => {
            let recv = quick_type(b, &m.receiver);
            method_info(index, &recv, &m.method.to_string(), m.args.len()).1
        }
        syn::Expr::Call(c) => match &*c.func {
            syn::Expr::Path(p) => {
                let args: Vec<Ty> = c.args.iter().map(|a| quick_type(b, a)).collect();
                call_type(index, &p.path, &args, b.self_ty.as_deref())
            }
            _ => Ty::Unknown,
        },
        syn::Expr::Await(a) => future_output(b.file, &into_future_type(&quick_type(b, &a.base))),
        syn::Expr::Try(t) => match quick_type(b, &t.expr) {
            Ty::Adt { name, args } if name == "Option" || name == "Result" => {
                args.into_iter().next().unwrap_or(Ty::Unknown)
            }
            _ => Ty::Unknown,
        },
        syn::Expr::Tuple(t) if t.elems.is_empty() => Ty::Unit,
        syn::Expr::Macro(m) => super::macros::macro_type(&m.mac),
        _ => Ty::Unknown,
    }
}

/// How a method takes its receiver and what it returns.
pub(crate) fn method_info(index: &FileIndex, recv: &Ty, method: &str, nargs: usize) -> (Receiver, Ty) {
    let peeled = recv.peel_refs();
    let type_name = match peeled {
        Ty::Adt { name, .. } => Some(name.as_str()),
        _ => None,
    };
    if let Some(sig) = index.method(method, type_name)
        && sig.receiver.is_some()
        && (type_name.is_none() || sig.self_ty.as_deref() == type_name || index.adt(type_name.unwrap_or("")).is_none())
    {
        return (sig.receiver.unwrap_or(Receiver::Value), sig.call_type());
    }
    let elem = || peeled.first_arg();
    let usize_ty = Ty::Prim(Prim::Usize);
    let bool_ty = Ty::Prim(Prim::Bool);
    use Receiver::{Ref, RefMut, Value};
    match method {
        "len" | "capacity" => (Ref, usize_ty),
        "count" if is_iterator(peeled) || !peeled.is_known() => (Value, usize_ty),
        "is_empty" | "contains" | "starts_with" | "ends_with" | "contains_key" | "is_some" | "is_none" | "is_ok"
        | "is_err" | "eq" | "ne" | "is_ascii" | "is_char_boundary" => (Ref, bool_ty),
        "clone" | "to_owned" if matches!(peeled, Ty::Str) => (Ref, Ty::string()),
        "clone" | "to_owned" | "cloned"
            if !matches!(peeled, Ty::Unknown) && method == "clone" || method == "to_owned" =>
        {
            (Ref, peeled.clone())
        }
        "to_string" | "to_uppercase" | "to_lowercase" | "repeat" | "replace" | "to_ascii_uppercase"
        | "to_ascii_lowercase" => (Ref, Ty::string()),
        "as_str" | "trim" | "trim_start" | "trim_end" => (Ref, Ty::reference(Ty::Str)),
        "as_bytes" => (Ref, Ty::reference(Ty::Slice(Box::new(Ty::Prim(Prim::U8))))),
        "as_slice" => (Ref, Ty::reference(Ty::Slice(Box::new(elem())))),
        "iter" => (Ref, Ty::adt(&iter_type_name(peeled, "Iter"), vec![iter_elem(peeled)])),
        "iter_mut" => (RefMut, Ty::adt(&iter_type_name(peeled, "IterMut"), vec![iter_elem(peeled)])),
        "chars" => (Ref, Ty::adt("Chars", Vec::new())),
        "bytes" => (Ref, Ty::adt("Bytes", Vec::new())),
        "lines" | "split" | "split_whitespace" | "keys" | "values" | "windows" | "chunks" => (Ref, Ty::Unknown),
        "get" | "first" | "last" if !matches!(peeled, Ty::Adt { name, .. } if base_name(name) == "Iter") => {
            let item = match peeled {
                Ty::Adt { name, args } if name == "HashMap" || name == "BTreeMap" => {
                    args.get(1).cloned().unwrap_or(Ty::Unknown)
                }
                _ => iter_elem(peeled),
            };
            (Ref, Ty::adt("Option", vec![Ty::reference(item)]))
        }
        "get_mut" | "first_mut" | "last_mut" => {
            (RefMut, Ty::adt("Option", vec![Ty::Ref { mutable: true, inner: Box::new(iter_elem(peeled)) }]))
        }
        "push" | "push_str" | "clear" | "truncate" | "extend" | "extend_from_slice" | "sort" | "sort_by"
        | "sort_by_key" | "sort_unstable" | "dedup" | "retain" | "reverse" | "append" | "swap" | "fill"
        | "push_back" | "push_front" | "resize" | "set" => (RefMut, Ty::Unit),
        "pop" | "pop_front" | "pop_back" => (RefMut, Ty::adt("Option", vec![elem()])),
        "remove" => match peeled {
            Ty::Adt { name, args } if name == "HashMap" || name == "BTreeMap" => {
                (RefMut, Ty::adt("Option", vec![args.get(1).cloned().unwrap_or(Ty::Unknown)]))
            }
            _ => (RefMut, elem()),
        },
        "insert" => match peeled {
            Ty::Adt { name, args } if name == "HashMap" || name == "BTreeMap" => {
                (RefMut, Ty::adt("Option", vec![args.get(1).cloned().unwrap_or(Ty::Unknown)]))
            }
            Ty::Adt { name, .. } if name == "HashSet" || name == "BTreeSet" => (RefMut, Ty::Prim(Prim::Bool)),
            _ => (RefMut, Ty::Unit),
        },
        "drain" => (RefMut, Ty::adt("Drain", vec![elem()])),
        "entry" | "as_mut" | "borrow_mut" | "get_or_insert" | "get_or_insert_with" => (RefMut, Ty::Unknown),
        "as_ref" | "borrow" | "lock" | "read" | "write" | "fmt" | "hash" | "cmp" | "partial_cmp" => (Ref, Ty::Unknown),
        "take" | "replace_with" if peeled.is_adt("Option") => (RefMut, peeled.clone()),
        "next" => (RefMut, Ty::adt("Option", vec![iter_item(peeled)])),
        "to_vec" => (Ref, Ty::adt("Vec", vec![iter_elem(peeled)])),
        "map_err" | "ok_or" | "ok_or_else" | "ok" | "err" | "cloned" | "copied"
            if std_result_method(peeled, recv, method).is_known() =>
        {
            (Value, std_result_method(peeled, recv, method))
        }
        "unwrap" | "expect" | "unwrap_or" | "unwrap_or_default" | "unwrap_or_else" | "unwrap_unchecked" => match peeled
        {
            Ty::Adt { name, args } if (name == "Option" || name == "Result") && !matches!(recv, Ty::Ref { .. }) => {
                (Value, args.first().cloned().unwrap_or(Ty::Unknown))
            }
            _ => (Value, Ty::Unknown),
        },
        "into_bytes" => (Value, Ty::adt("Vec", vec![Ty::Prim(Prim::U8)])),
        "into_iter" => (Value, iterator_types(recv).0),
        "enumerate" | "rev" | "skip" | "take" | "step_by" | "peekable" | "copied" | "cloned" | "skip_while"
        | "take_while" | "chain" | "zip"
            if is_iterator(peeled) =>
        {
            let name = match method {
                "enumerate" => "Enumerate",
                "rev" => "Rev",
                "skip" => "Skip",
                "take" => "Take",
                "step_by" => "StepBy",
                "peekable" => "Peekable",
                "copied" => "Copied",
                "cloned" => "Cloned",
                "skip_while" => "SkipWhile",
                "take_while" => "TakeWhile",
                "chain" => "Chain",
                _ => "Zip",
            };
            (Value, Ty::adt(name, vec![peeled.clone()]))
        }
        "into_inner" | "into_boxed_slice" | "into" | "ok" | "err" | "map" | "and_then" | "ok_or" | "ok_or_else"
        | "map_err" | "filter" | "enumerate" | "zip" | "rev" | "skip" | "chain" | "copied" | "flat_map"
        | "filter_map" | "peekable" | "step_by" | "collect" | "sum" | "product" | "count" | "fold" | "any" | "all"
        | "find" | "position" | "nth" | "max_by_key" | "min_by_key" | "take_while" | "skip_while" | "inspect"
        | "flatten" | "or" | "or_else" | "and" | "unzip" | "partition" => (Value, Ty::Unknown),
        "take" => (Value, Ty::Unknown),
        "pow" | "abs" | "min" | "max" | "saturating_sub" | "saturating_add" | "wrapping_add" | "wrapping_sub"
        | "wrapping_mul" | "saturating_mul" | "clamp" | "signum" | "rotate_left" | "rotate_right" | "sqrt"
        | "floor" | "ceil" | "round" | "trunc" | "div_euclid" | "rem_euclid" | "abs_diff" | "to_le" | "to_be"
        | "swap_bytes" | "leading_zeros" | "trailing_zeros" | "count_ones"
            if peeled.is_scalar() =>
        {
            let ty = if matches!(method, "leading_zeros" | "trailing_zeros" | "count_ones") {
                Ty::Prim(Prim::U32)
            } else {
                peeled.clone()
            };
            (Value, ty)
        }
        "checked_add" | "checked_sub" | "checked_mul" | "checked_div" if peeled.is_scalar() => {
            (Value, Ty::adt("Option", vec![peeled.clone()]))
        }
        _ if peeled.is_scalar() && nargs < 3 => (Value, Ty::Unknown),
        _ => (Ref, Ty::Unknown),
    }
}

/// What `Option`/`Result` adapters that keep the success type return: `map_err` keeps the
/// `Ok` type, `ok_or` makes a `Result`, `ok` an `Option`, `cloned` drops a reference. Unknown
/// for anything else (a closure decides the type of `map`).
fn std_result_method(peeled: &Ty, recv: &Ty, method: &str) -> Ty {
    let Ty::Adt { name, args } = peeled else { return Ty::Unknown };
    if matches!(recv, Ty::Ref { .. }) {
        return Ty::Unknown;
    }
    let first = args.first().cloned().unwrap_or(Ty::Unknown);
    match (name.as_str(), method) {
        ("Result", "map_err") => Ty::adt("Result", vec![first, Ty::Unknown]),
        ("Result", "ok") => Ty::adt("Option", vec![first]),
        ("Result", "err") => Ty::adt("Option", vec![args.get(1).cloned().unwrap_or(Ty::Unknown)]),
        ("Option", "ok_or" | "ok_or_else") => Ty::adt("Result", vec![first, Ty::Unknown]),
        ("Option", "cloned" | "copied") => match first {
            Ty::Ref { inner, .. } => Ty::adt("Option", vec![*inner]),
            _ => Ty::Unknown,
        },
        _ => Ty::Unknown,
    }
}

fn iter_elem(ty: &Ty) -> Ty {
    match ty {
        Ty::Array(e, _) | Ty::Slice(e) => (**e).clone(),
        Ty::Adt { args, .. } => args.first().cloned().unwrap_or(Ty::Unknown),
        _ => Ty::Unknown,
    }
}

/// The item type of an iterator type, if it is one the analysis knows.
fn iter_item(ty: &Ty) -> Ty {
    let arg = |args: &[Ty]| args.first().cloned().unwrap_or(Ty::Unknown);
    match ty {
        Ty::Adt { name, args } => match base_name(name) {
            "Iter" => Ty::reference(arg(args)),
            "IterMut" => Ty::Ref { mutable: true, inner: Box::new(arg(args)) },
            "Chars" => Ty::Prim(Prim::Char),
            "Bytes" => Ty::Prim(Prim::U8),
            "IntoIter" | "Drain" => arg(args),
            n if n.starts_with("Range") => arg(args),
            "Enumerate" => Ty::Tuple(vec![Ty::Prim(Prim::Usize), iter_item(&arg(args))]),
            "Rev" | "Skip" | "Take" | "StepBy" | "Peekable" | "SkipWhile" | "TakeWhile" | "Chain" => {
                iter_item(&arg(args))
            }
            "Copied" | "Cloned" => match iter_item(&arg(args)) {
                Ty::Ref { inner, .. } => *inner,
                other => other,
            },
            "Zip" => Ty::Tuple(vec![iter_item(&arg(args)), Ty::Unknown]),
            _ => Ty::Unknown,
        },
        _ => Ty::Unknown,
    }
}

fn is_iterator(ty: &Ty) -> bool {
    matches!(ty, Ty::Adt { name, .. } if matches!(base_name(name), "Iter" | "IterMut" | "Chars" | "Bytes" | "IntoIter" | "Drain" | "Enumerate" | "Rev" | "Skip" | "Take" | "StepBy" | "Peekable" | "SkipWhile" | "TakeWhile" | "Chain" | "Copied" | "Cloned" | "Zip") || name.starts_with("Range"))
}

/// The type a call of a path evaluates to.
pub(crate) fn call_type(index: &FileIndex, path: &syn::Path, args: &[Ty], self_ty: Option<&str>) -> Ty {
    let segs = segments(path);
    let last = segs.last().map(String::as_str).unwrap_or("");
    let owner = if segs.len() >= 2 { Some(segs[segs.len() - 2].as_str()) } else { None };
    let owner = match owner {
        Some("Self") => self_ty,
        other => other,
    };
    let arg0 = || args.first().cloned().unwrap_or(Ty::Unknown);
    match (owner, last) {
        (Some("String"), "new" | "from" | "with_capacity" | "from_utf8_lossy") => return Ty::string(),
        (Some("String"), "from_utf8") => return Ty::adt("Result", vec![Ty::string(), Ty::Unknown]),
        (Some("Vec"), "new" | "with_capacity") => return Ty::adt("Vec", vec![Ty::Unknown]),
        (Some("Vec"), "from") => return Ty::adt("Vec", vec![iter_elem(arg0().peel_refs())]),
        (Some("Box"), "new") => return Ty::adt("Box", vec![arg0()]),
        (Some("Box"), "pin") => return Ty::adt("Pin", vec![Ty::adt("Box", vec![arg0()])]),
        (Some(rc @ ("Rc" | "Arc")), "new") => return Ty::adt(rc, vec![arg0()]),
        (Some(rc @ ("Rc" | "Arc")), "clone") => return arg0().peel_refs().clone().or(Ty::adt(rc, vec![Ty::Unknown])),
        (Some(m @ ("HashMap" | "HashSet" | "BTreeMap" | "BTreeSet" | "VecDeque")), "new" | "with_capacity") => {
            return Ty::adt(m, Vec::new());
        }
        (Some(m @ ("Mutex" | "RwLock" | "RefCell" | "Cell")), "new") => return Ty::adt(m, vec![arg0()]),
        (Some("Duration"), _) => return Ty::adt("Duration", Vec::new()),
        (Some("Instant"), "now") => return Ty::adt("Instant", Vec::new()),
        (Some("future"), "ready") | (None, "ready") if index.free_fn("ready").is_none() => {
            return Ty::adt("Ready", vec![arg0()]);
        }
        (Some("future"), "pending") | (None, "pending") if index.free_fn("pending").is_none() => {
            return Ty::adt("Pending", vec![Ty::Unknown]);
        }
        (Some("future"), "poll_fn") | (None, "poll_fn") if index.free_fn("poll_fn").is_none() => {
            return Ty::adt("PollFn", vec![arg0()]);
        }
        (Some("process"), "exit" | "abort") | (None, "unreachable_unchecked") => return Ty::Never,
        (Some("mem"), "take" | "replace") => return arg0().peel_refs().clone(),
        (Some("mem"), "size_of_val" | "size_of" | "align_of") => return Ty::Prim(Prim::Usize),
        (None, "drop") if index.free_fn("drop").is_none() => return Ty::Unit,
        (None, "Some") => return Ty::adt("Option", vec![arg0()]),
        (None, "Ok") => return Ty::adt("Result", vec![arg0(), Ty::Unknown]),
        (None, "Err") => return Ty::adt("Result", vec![Ty::Unknown, arg0()]),
        _ => {}
    }
    if let Some(owner) = owner {
        if let Some(sig) = index.assoc_fn(owner, last) {
            return sig.call_type();
        }
        if let Some(decl) = index.adt(owner)
            && decl.variants.iter().any(|(v, _)| v == last)
        {
            return Ty::adt(owner, Vec::new());
        }
    } else {
        if let Some(decl) = index.adt(last) {
            return Ty::adt(&decl.name, Vec::new());
        }
        if let Some(sig) = index.free_fn(last) {
            return sig.call_type();
        }
    }
    // `m::f(..)`, `crate::f(..)`: a fn of a module of this file. `Type::f(..)` for a type not
    // declared here is someone else's fn, not the file's `f`.
    let through_module = segs[..segs.len().saturating_sub(1)]
        .iter()
        .all(|seg| seg == "crate" || seg == "self" || seg == "super" || seg.starts_with(|c: char| c.is_lowercase()));
    if segs.len() > 1
        && through_module
        && !segs.first().is_some_and(|s| s == "std" || s == "core" || s == "alloc" || s == "tokio" || s == "futures")
        && let Some(sig) = index.free_fn(last)
    {
        return sig.call_type();
    }
    Ty::Unknown
}

/// Whether a called path builds a value rather than calling a fn: `Some`, `Ok`, `Err`, tuple
/// structs and enum variants.
pub(crate) fn is_constructor(index: &FileIndex, path: &syn::Path) -> bool {
    let segs = segments(path);
    let last = segs.last().map(String::as_str).unwrap_or("");
    if matches!(last, "Some" | "Ok" | "Err") {
        return true;
    }
    if let Some(decl) = index.adt(last) {
        return decl.kind == crate::items::AdtKind::Struct;
    }
    if segs.len() >= 2
        && let Some(decl) = index.adt(&segs[segs.len() - 2])
    {
        return decl.variants.iter().any(|(v, _)| v == last);
    }
    false
}

trait OrTy {
    fn or(self, other: Ty) -> Ty;
}

impl OrTy for Ty {
    fn or(self, other: Ty) -> Ty {
        if self.is_known() { self } else { other }
    }
}

/// `IntoFuture::into_future(x)`: every future is its own `IntoFuture`.
pub(crate) fn into_future_type(ty: &Ty) -> Ty {
    ty.clone()
}

/// What awaiting a future of this type produces.
pub(crate) fn future_output(file: &FileCtx<'_>, ty: &Ty) -> Ty {
    match ty {
        Ty::AsyncFnFuture(name) => file.index.by_name.get(name).map(|s| s.output.clone()).unwrap_or(Ty::Unknown),
        Ty::BlockFuture(name) => {
            file.futures.iter().find(|f| &f.name == name).map(|f| f.output.clone()).unwrap_or(Ty::Unknown)
        }
        Ty::Adt { name, args } if name == "Ready" => args.first().cloned().unwrap_or(Ty::Unknown),
        Ty::Adt { name, args } if name == "Pin" || name == "Box" => {
            future_output(file, args.first().unwrap_or(&Ty::Unknown))
        }
        _ => Ty::Unknown,
    }
}

/// The last segment of a std type name: `Iter` for `slice::Iter`.
fn base_name(name: &str) -> &str {
    name.rsplit("::").next().unwrap_or(name)
}

/// A collection's iterator type, named by its std module so that its size can be known:
/// `slice::Iter` for a `Vec`, an array or a slice, `vec::IntoIter` for a `Vec` by value,
/// `hash_map::Iter` for a `HashMap`; the bare name for a collection the analysis does not know.
fn iter_type_name(collection: &Ty, name: &str) -> String {
    let module = match (collection, name) {
        (Ty::Array(..) | Ty::Slice(_), _) => "slice",
        (Ty::Adt { name: c, .. }, _) if c == "Vec" && name == "IntoIter" => "vec",
        (Ty::Adt { name: c, .. }, _) => match c.as_str() {
            "Vec" => "slice",
            "VecDeque" => "vec_deque",
            "HashMap" => "hash_map",
            "HashSet" => "hash_set",
            "BTreeMap" => "btree_map",
            "BTreeSet" => "btree_set",
            _ => return name.to_string(),
        },
        _ => return name.to_string(),
    };
    format!("{module}::{name}")
}

/// rustc's `iter` local of a `for` loop over a value of this type, and the loop's item type.
pub(crate) fn iterator_types(source: &Ty) -> (Ty, Ty) {
    match source {
        Ty::Adt { name, args } if name.starts_with("Range") => {
            (source.clone(), args.first().cloned().unwrap_or(Ty::Unknown))
        }
        Ty::Adt { name, args } if name == "Vec" || name == "VecDeque" || name == "HashSet" || name == "BTreeSet" => {
            let e = args.first().cloned().unwrap_or(Ty::Unknown);
            (Ty::adt(&iter_type_name(source, "IntoIter"), vec![e.clone()]), e)
        }
        Ty::Adt { name, args } if name == "HashMap" || name == "BTreeMap" => {
            (Ty::adt(&iter_type_name(source, "IntoIter"), args.clone()), Ty::Tuple(args.clone()))
        }
        Ty::Array(e, n) => {
            (Ty::adt("array::IntoIter", vec![(**e).clone(), Ty::Array(Box::new(Ty::Unit), *n)]), (**e).clone())
        }
        Ty::Ref { mutable, inner } => {
            let e = iter_elem(inner.peel_refs());
            let item = Ty::Ref { mutable: *mutable, inner: Box::new(e.clone()) };
            let name = iter_type_name(inner.peel_refs(), if *mutable { "IterMut" } else { "Iter" });
            (Ty::adt(&name, vec![e]), item)
        }
        other if is_iterator(other) => (other.clone(), iter_item(other)),
        _ => (Ty::Unknown, Ty::Unknown),
    }
}
