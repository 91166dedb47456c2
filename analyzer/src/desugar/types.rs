//! Types as the output writes them.
//!
//! In: the analysis' types. Out: Rust types that name std's by their paths (its short names
//! are rustc's), give a borrowing std type the enum's `'a`, and name a future of the file by
//! its hand-written enum; `None` for a type that cannot be written.

use super::*;

/// How the enum writes a saved value's type: a closure that captures nothing as a `fn`
/// pointer (a closure's type has no name), a future of the file as its hand-written type.
pub(super) fn field_type(
    ctx: &Ctx,
    field: &Field,
    generics: &[Generic],
    closures: &HashMap<(u32, u32), Vec<String>>,
) -> Option<(String, Option<String>)> {
    if let Ty::Closure { captures, label, ret, .. } = field.ty.concrete() {
        if !captures.is_empty() {
            return None;
        }
        let (line, column) = label.rsplit_once('@')?.1.split_once(':')?;
        let args = closures.get(&(line.parse().ok()?, column.parse().ok()?))?;
        if args.iter().any(|a| a == "_") {
            return None;
        }
        let ret = write_ty(ctx, ret, generics)?;
        let ty =
            if ret == "()" { format!("fn({})", args.join(", ")) } else { format!("fn({}) -> {ret}", args.join(", ")) };
        let note = "A closure's type has no name in Rust: this one captures nothing, so it is held as a \
                    `fn` pointer (8 B, where rustc keeps the closure itself, 0 B)."
            .to_string();
        return Some((ty, Some(note)));
    }
    write_ty(ctx, &field.ty, generics).map(|t| (t, None))
}

/// std's types by the key the analysis names them by (`Mutex`, `slice::Iter`: the module too
/// when several modules declare the name): their path, and how many lifetimes they take (a
/// type with one borrows what it came from, and takes the enum's `'a`). Read from std's
/// model, whose modules are std's.
pub(super) fn std_types() -> &'static HashMap<String, (String, usize)> {
    static TYPES: std::sync::OnceLock<HashMap<String, (String, usize)>> = std::sync::OnceLock::new();
    TYPES.get_or_init(|| {
        // Each type and trait: its name, its module, its lifetimes (none for a trait).
        fn walk(items: &[syn::Item], path: &mut Vec<String>, found: &mut Vec<(String, Vec<String>, Option<usize>)>) {
            for item in items {
                let (name, lifetimes) = match item {
                    syn::Item::Mod(m) => {
                        if let Some((_, items)) = &m.content {
                            path.push(m.ident.to_string());
                            walk(items, path, found);
                            path.pop();
                        }
                        continue;
                    }
                    syn::Item::Struct(s) => (&s.ident, Some(s.generics.lifetimes().count())),
                    syn::Item::Enum(e) => (&e.ident, Some(e.generics.lifetimes().count())),
                    syn::Item::Union(u) => (&u.ident, Some(u.generics.lifetimes().count())),
                    syn::Item::Trait(t) => (&t.ident, None),
                    _ => continue,
                };
                found.push((name.to_string(), path.clone(), lifetimes));
            }
        }
        let mut found = Vec::new();
        if let Ok(file) = syn::parse_file(crate::stdlib::API) {
            walk(&file.items, &mut Vec::new(), &mut found);
        }
        let mut types = HashMap::new();
        for (name, modules, lifetimes) in &found {
            let Some(lifetimes) = lifetimes else { continue };
            // The index's keys: among several declarations of a name, the one closest to the
            // root (if only one is) keeps the name, and the others are `module::Name`.
            let depths: Vec<usize> = found.iter().filter(|(n, ..)| n == name).map(|(_, m, _)| m.len()).collect();
            let shallowest = depths.iter().copied().min().unwrap_or(0);
            let unique_shallowest = depths.iter().filter(|d| **d == shallowest).count() == 1;
            let key = match modules.last() {
                Some(parent) if depths.len() > 1 && !(unique_shallowest && modules.len() == shallowest) => {
                    format!("{parent}::{name}")
                }
                _ => name.clone(),
            };
            types.insert(key, (format!("std::{}::{name}", modules.join("::")), *lifetimes));
        }
        types
    })
}

/// Types a Rust file names without a path (the output imports `Pin`).
pub(super) const PRELUDE: &[&str] = &["Box", "Vec", "String", "Option", "Result", "Pin"];

/// A type as the output writes it, or `None` when it cannot be written: unknown, an opaque or
/// closure type, a generic parameter the enum does not have, a future not written.
pub(super) fn write_ty(ctx: &Ctx, ty: &Ty, generics: &[Generic]) -> Option<String> {
    let list = |items: &[Ty]| -> Option<Vec<String>> { items.iter().map(|t| write_ty(ctx, t, generics)).collect() };
    Some(match ty {
        Ty::Unknown | Ty::Assoc { .. } | Ty::Opaque(_) | Ty::FnPtr | Ty::Closure { .. } => return None,
        Ty::Prim(p) => p.name().to_string(),
        Ty::Unit => "()".into(),
        Ty::Never => "!".into(),
        Ty::Str => "str".into(),
        Ty::Ref { mutable, inner } => {
            format!("&{}{}", if *mutable { "mut " } else { "" }, write_ty(ctx, inner, generics)?)
        }
        Ty::Ptr { mutable, inner } => {
            format!("*{} {}", if *mutable { "mut" } else { "const" }, write_ty(ctx, inner, generics)?)
        }
        Ty::Array(inner, Some(n)) => format!("[{}; {n}]", write_ty(ctx, inner, generics)?),
        Ty::Array(_, None) => return None,
        Ty::ParamArray(inner, len) => {
            if !generics.iter().any(|g| &g.name == len) {
                return None;
            }
            format!("[{}; {len}]", write_ty(ctx, inner, generics)?)
        }
        Ty::Const(n) => n.to_string(),
        Ty::ConstBool(b) => b.to_string(),
        Ty::Slice(inner) => format!("[{}]", write_ty(ctx, inner, generics)?),
        Ty::Tuple(items) => {
            let items = list(items)?;
            if items.len() == 1 { format!("({},)", items[0]) } else { format!("({})", items.join(", ")) }
        }
        Ty::Adt { name, args } => {
            let mut args = list(args)?;
            let short = name.rsplit("::").next().unwrap_or(name);
            let path = match std_types().get(name.as_str()) {
                _ if PRELUDE.contains(&name.as_str()) => name.clone(),
                Some((path, lifetimes)) if !ctx.declares(short) => {
                    for _ in 0..*lifetimes {
                        args.insert(0, "'a".into());
                    }
                    path.clone()
                }
                _ => crate::ty::display_name(name).to_string(),
            };
            if args.is_empty() { path } else { format!("{path}<{}>", args.join(", ")) }
        }
        Ty::Param { name, .. } => {
            if !generics.iter().any(|g| &g.name == name) {
                return None;
            }
            name.clone()
        }
        Ty::Inst { ty, .. } => write_ty(ctx, ty, generics)?,
        Ty::Dyn(..) => ty.to_string(),
        Ty::AsyncFnFuture { .. } | Ty::BlockFuture { .. } => {
            let key = ty.future_key()?;
            let j = ctx.written_key(&key)?;
            type_name(ctx.futures, &ctx.futures[j])
        }
    })
}

/// Whether a type written in the source (a parameter's) can be written in the output.
pub(super) fn writable(text: &str) -> bool {
    !text.contains("impl ")
        && !text.replace("'static", "").replace("'a", "").contains('\'')
        && syn::parse_str::<syn::Type>(text).is_ok()
}

/// Whether a type holds a borrow: a reference, or a std type that borrows what it came from.
pub(super) fn borrowing(ty: &Ty) -> bool {
    match ty {
        Ty::Ref { .. } => true,
        Ty::Adt { name, args } => {
            std_types().get(name.as_str()).is_some_and(|(_, lifetimes)| *lifetimes > 0) || args.iter().any(borrowing)
        }
        Ty::Inst { ty, .. } => borrowing(ty),
        Ty::Array(inner, _) | Ty::Slice(inner) | Ty::ParamArray(inner, _) => borrowing(inner),
        Ty::Tuple(items) => items.iter().any(borrowing),
        _ => false,
    }
}
