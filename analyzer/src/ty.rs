//! The small type language the analysis reasons with.
//!
//! In: `syn::Type`s from annotations and signatures (with the module they are written in, to
//! resolve their paths), and the shapes of expressions. Out: [`Ty`], a syn-free description
//! precise enough to answer the questions liveness asks (does a value need drop, is it `Copy`)
//! and, later, how many bytes it takes. A named type is known by its key: a type of the file
//! by its path in the file, a type of std by its short name (see `crate::stdlib`), a type of
//! another crate by its full path (and nothing else is assumed of it).

use std::collections::BTreeMap;
use std::fmt;

use crate::items::{FileIndex, GenericParam};
use crate::resolve::{Ns, Res, Resolver, Tree};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Prim {
    I8,
    I16,
    I32,
    I64,
    I128,
    Isize,
    U8,
    U16,
    U32,
    U64,
    U128,
    Usize,
    F32,
    F64,
    Bool,
    Char,
}

impl Prim {
    pub fn from_name(name: &str) -> Option<Prim> {
        Some(match name {
            "i8" => Prim::I8,
            "i16" => Prim::I16,
            "i32" => Prim::I32,
            "i64" => Prim::I64,
            "i128" => Prim::I128,
            "isize" => Prim::Isize,
            "u8" => Prim::U8,
            "u16" => Prim::U16,
            "u32" => Prim::U32,
            "u64" => Prim::U64,
            "u128" => Prim::U128,
            "usize" => Prim::Usize,
            "f32" => Prim::F32,
            "f64" => Prim::F64,
            "bool" => Prim::Bool,
            "char" => Prim::Char,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Prim::I8 => "i8",
            Prim::I16 => "i16",
            Prim::I32 => "i32",
            Prim::I64 => "i64",
            Prim::I128 => "i128",
            Prim::Isize => "isize",
            Prim::U8 => "u8",
            Prim::U16 => "u16",
            Prim::U32 => "u32",
            Prim::U64 => "u64",
            Prim::U128 => "u128",
            Prim::Usize => "usize",
            Prim::F32 => "f32",
            Prim::F64 => "f64",
            Prim::Bool => "bool",
            Prim::Char => "char",
        }
    }

    pub fn is_numeric(self) -> bool {
        !matches!(self, Prim::Bool | Prim::Char)
    }
}

/// A type as far as the source tells it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Ty {
    /// Nothing in the source says what this is.
    Unknown,
    Prim(Prim),
    Unit,
    Never,
    Str,
    Ref {
        mutable: bool,
        inner: Box<Ty>,
    },
    Ptr {
        mutable: bool,
        inner: Box<Ty>,
    },
    Array(Box<Ty>, Option<u64>),
    /// `[T; N]` whose length is the const generic parameter `N`.
    ParamArray(Box<Ty>, String),
    /// The value of a const generic argument (`4` in `array::IntoIter<T, 4>`).
    Const(u64),
    /// A `bool` const generic argument (`true` in `Normalize<true>`).
    ConstBool(bool),
    Slice(Box<Ty>),
    Tuple(Vec<Ty>),
    /// A named type with its generic arguments. `name` is its key: the path of a type of the
    /// file (`Router`, `rt::Mutex`), the short name of a std type (`String`, `Vec`,
    /// `hash_map::Iter`), or the full path of a type of another crate (`tokio::sync::Mutex`).
    Adt {
        name: String,
        args: Vec<Ty>,
    },
    /// A generic parameter of the enclosing item; `copy` if it has a `Copy` bound.
    Param {
        name: String,
        copy: bool,
    },
    /// A generic parameter of an instance of a generic item, bound to a type: it is that type
    /// for sizes and method calls, and still the parameter for what rustc decides on the
    /// generic body (drop glue, `Copy`).
    Inst {
        param: String,
        copy: bool,
        ty: Box<Ty>,
    },
    /// An associated type of a type not known yet: `Self::Item`, `<T as Deref>::Target`.
    Assoc {
        base: Box<Ty>,
        trait_key: String,
        name: String,
    },
    /// `dyn Trait` (its traits' names, `Future + Send`), and what its principal trait gives:
    /// `T` for `dyn Future<Output = T>`, `R` for `dyn Fn(A) -> R` (and `FnMut`, `FnOnce`).
    Dyn(String, Option<Box<Ty>>),
    /// `impl Trait` in argument or return position.
    Opaque(String),
    FnPtr,
    /// The future of an async fn declared in the file: its futurelens name, and the generic
    /// arguments of the instance (the impl's, then the fn's; empty for a non-generic fn).
    AsyncFnFuture {
        name: String,
        args: Vec<Ty>,
    },
    /// The future of an async block or async closure body in the file (by its futurelens
    /// name), with the generic arguments of the item around it.
    BlockFuture {
        name: String,
        args: Vec<Ty>,
        /// What awaiting it gives (the block's value).
        output: Box<Ty>,
    },
    /// A closure value (its captures decide drop glue); an async closure names its body.
    Closure {
        needs_drop: bool,
        copy: bool,
        async_body: Option<String>,
        /// The type of each captured place as the closure stores it (`&T` for a capture by
        /// reference), in order of first use; its size is theirs.
        captures: Vec<Ty>,
        /// `closure@L:C` or `async closure@L:C`: where the closure starts.
        label: String,
        /// What calling it returns.
        ret: Box<Ty>,
    },
}

/// Whether dropping a value runs code (rustc's "drop glue").
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DropGlue {
    No,
    Yes,
    /// Not known from the source; treated as `Yes`, with the reason shown to the user.
    Assumed(String),
}

impl DropGlue {
    pub fn needs_drop(&self) -> bool {
        !matches!(self, DropGlue::No)
    }
}

impl Ty {
    pub fn adt(name: &str, args: Vec<Ty>) -> Ty {
        Ty::Adt { name: name.to_string(), args }
    }

    pub fn string() -> Ty {
        Ty::adt("String", Vec::new())
    }

    pub fn reference(inner: Ty) -> Ty {
        Ty::Ref { mutable: false, inner: Box::new(inner) }
    }

    pub fn is_known(&self) -> bool {
        !matches!(self, Ty::Unknown)
    }

    /// The type with the holes that `other` (a value of the same type, stored into it later)
    /// fills: `let mut last = None;` then `last = Some(e)` makes `Option<E>` of `Option<?>`.
    pub fn refined_by(&self, other: &Ty) -> Ty {
        match (self, other) {
            (Ty::Unknown, _) => other.clone(),
            (Ty::Adt { name, args }, Ty::Adt { name: other_name, args: other_args }) if name == other_name => {
                let args = if args.is_empty() {
                    other_args.clone()
                } else if args.len() == other_args.len() {
                    args.iter().zip(other_args).map(|(a, b)| a.refined_by(b)).collect()
                } else {
                    args.clone()
                };
                Ty::Adt { name: name.clone(), args }
            }
            (Ty::Tuple(a), Ty::Tuple(b)) if a.len() == b.len() => {
                Ty::Tuple(a.iter().zip(b).map(|(x, y)| x.refined_by(y)).collect())
            }
            (Ty::Ref { mutable, inner }, Ty::Ref { inner: other, .. }) => {
                Ty::Ref { mutable: *mutable, inner: Box::new(inner.refined_by(other)) }
            }
            (Ty::Array(a, n), Ty::Array(b, m)) => Ty::Array(Box::new(a.refined_by(b)), n.or(*m)),
            (Ty::Slice(a), Ty::Slice(b)) => Ty::Slice(Box::new(a.refined_by(b))),
            _ => self.clone(),
        }
    }

    /// The type itself, or for an instance's parameter the type it is bound to.
    pub fn concrete(&self) -> &Ty {
        match self {
            Ty::Inst { ty, .. } => ty.concrete(),
            other => other,
        }
    }

    /// Whether the value is a primitive scalar, for which operators are built in.
    pub fn is_scalar(&self) -> bool {
        matches!(self.concrete(), Ty::Prim(_))
    }

    /// An integer, whose built-in arithmetic is checked (overflow, division by zero, shift
    /// amount) in the debug builds rustc makes by default: the check panics as a call can.
    pub fn is_checked_arith(&self) -> bool {
        matches!(self.concrete(), Ty::Prim(p) if !matches!(p, Prim::F32 | Prim::F64 | Prim::Bool | Prim::Char))
    }

    pub fn is_adt(&self, wanted: &str) -> bool {
        matches!(self.concrete(), Ty::Adt { name, .. } if name == wanted)
    }

    /// The first generic argument of a named type (`Vec<T>` gives `T`).
    pub fn first_arg(&self) -> Ty {
        match self.concrete() {
            Ty::Adt { args, .. } => args.first().cloned().unwrap_or(Ty::Unknown),
            _ => Ty::Unknown,
        }
    }

    /// The type behind a reference, or the type itself.
    pub fn peel_refs(&self) -> &Ty {
        match self.concrete() {
            Ty::Ref { inner, .. } => inner.peel_refs(),
            other => other,
        }
    }

    /// For the future of an async fn, block or closure of the file: the key of the future
    /// (its name, with the generic arguments of an instance).
    pub fn future_key(&self) -> Option<String> {
        match self.concrete() {
            Ty::AsyncFnFuture { name, args } | Ty::BlockFuture { name, args, .. } => Some(instance_name(name, args)),
            _ => None,
        }
    }

    /// Whether anything in the type is unknown, generic or unresolved.
    pub fn is_concrete(&self) -> bool {
        match self {
            Ty::Unknown | Ty::Param { .. } | Ty::Opaque(_) | Ty::Assoc { .. } | Ty::ParamArray(..) => false,
            Ty::Inst { ty, .. } => ty.is_concrete(),
            Ty::Ref { inner, .. } | Ty::Ptr { inner, .. } | Ty::Array(inner, _) | Ty::Slice(inner) => {
                inner.is_concrete()
            }
            Ty::Tuple(items) | Ty::Adt { args: items, .. } => items.iter().all(Ty::is_concrete),
            Ty::AsyncFnFuture { args, .. } | Ty::BlockFuture { args, .. } => args.iter().all(Ty::is_concrete),
            // A capture by reference is a pointer whatever holes the pointee's type has.
            Ty::Closure { captures, .. } => captures.iter().all(|c| match c {
                Ty::Ref { inner, .. } => !matches!(**inner, Ty::Unknown | Ty::Param { .. } | Ty::Opaque(_)),
                _ => c.is_concrete(),
            }),
            _ => true,
        }
    }

    /// Whether dropping a value of this type runs code.
    pub fn drop_glue(&self, index: &FileIndex) -> DropGlue {
        self.drop_glue_depth(index, 0)
    }

    fn drop_glue_depth(&self, index: &FileIndex, depth: u32) -> DropGlue {
        if depth > 16 {
            return DropGlue::Assumed("the type is recursive".into());
        }
        let all = |tys: &[Ty]| -> DropGlue {
            let mut result = DropGlue::No;
            for ty in tys {
                match ty.drop_glue_depth(index, depth + 1) {
                    DropGlue::No => {}
                    DropGlue::Yes => return DropGlue::Yes,
                    assumed @ DropGlue::Assumed(_) => result = assumed,
                }
            }
            result
        };
        match self {
            Ty::Unknown => DropGlue::No,
            Ty::Prim(_) | Ty::Unit | Ty::Never | Ty::Str | Ty::Ref { .. } | Ty::Ptr { .. } | Ty::FnPtr => DropGlue::No,
            Ty::Slice(inner) => inner.drop_glue_depth(index, depth + 1),
            Ty::Array(inner, len) => {
                if *len == Some(0) {
                    DropGlue::No
                } else {
                    inner.drop_glue_depth(index, depth + 1)
                }
            }
            Ty::ParamArray(inner, _) => inner.drop_glue_depth(index, depth + 1),
            Ty::Const(_) | Ty::ConstBool(_) => DropGlue::No,
            Ty::Tuple(items) => all(items),
            Ty::Param { copy: true, .. } | Ty::Inst { copy: true, .. } => DropGlue::No,
            Ty::Param { name, copy: false } => {
                DropGlue::Assumed(format!("`{}` is generic and rustc judges the generic body", param_shown(name)))
            }
            // rustc decides on the generic body, where the parameter may need drop.
            Ty::Inst { copy: false, .. } => DropGlue::Yes,
            // A projection the file or std's model settles (`<Chars as Iterator>::Item` is `char`).
            Ty::Assoc { .. } => match crate::lower::normalize(index, self) {
                Ty::Assoc { .. } => DropGlue::Assumed(format!("`{self}` is not known until the generic item is used")),
                settled => settled.drop_glue_depth(index, depth + 1),
            },
            Ty::Dyn(..) => DropGlue::Yes,
            Ty::Opaque(name) => DropGlue::Assumed(format!("`impl {name}` may need drop")),
            Ty::AsyncFnFuture { .. } | Ty::BlockFuture { .. } => DropGlue::Yes,
            Ty::Closure { needs_drop, .. } => {
                if *needs_drop {
                    DropGlue::Yes
                } else {
                    DropGlue::No
                }
            }
            Ty::Adt { name, args } => {
                if let Some((params, target)) = index.alias(name) {
                    return substitute(target, params, args).drop_glue_depth(index, depth + 1);
                }
                let Some(decl) = index.adt(name) else {
                    return DropGlue::Assumed(format!("`{}` is not declared in this file", display_name(name)));
                };
                if decl.copy && args.iter().all(|a| a.is_copy(index)) {
                    return DropGlue::No;
                }
                if decl.has_drop_impl {
                    return DropGlue::Yes;
                }
                let fields: Vec<Ty> = decl.field_types().iter().map(|t| substitute(t, &decl.generics, args)).collect();
                all(&fields)
            }
        }
    }

    /// Whether a use of the value copies it (rather than moving it).
    pub fn is_copy(&self, index: &FileIndex) -> bool {
        self.is_copy_depth(index, 0)
    }

    fn is_copy_depth(&self, index: &FileIndex, depth: u32) -> bool {
        if depth > 16 {
            return false;
        }
        match self {
            Ty::Prim(_) | Ty::Unit | Ty::Never | Ty::Ptr { .. } | Ty::FnPtr | Ty::Unknown => true,
            // `&mut T` is not Copy, but using one reborrows it rather than moving it away.
            Ty::Ref { .. } => true,
            Ty::Array(inner, _) | Ty::ParamArray(inner, _) => inner.is_copy_depth(index, depth + 1),
            Ty::Const(_) | Ty::ConstBool(_) => true,
            Ty::Tuple(items) => items.iter().all(|t| t.is_copy_depth(index, depth + 1)),
            Ty::Param { copy, .. } | Ty::Inst { copy, .. } => *copy,
            Ty::Closure { copy, .. } => *copy,
            Ty::Adt { name, args } => {
                if let Some((params, target)) = index.alias(name) {
                    return substitute(target, params, args).is_copy_depth(index, depth + 1);
                }
                // A derived `Copy` holds when the arguments are `Copy`.
                index.adt(name).is_some_and(|decl| decl.copy) && args.iter().all(|t| t.is_copy_depth(index, depth + 1))
            }
            Ty::Str
            | Ty::Slice(_)
            | Ty::Dyn(..)
            | Ty::Opaque(_)
            | Ty::Assoc { .. }
            | Ty::AsyncFnFuture { .. }
            | Ty::BlockFuture { .. } => false,
        }
    }

    /// Whether a value of this type may be sent to another thread: `Some(false)` with the
    /// type that is not `Send`, `None` when the source does not tell.
    pub fn send(&self, index: &FileIndex) -> Result<(), SendVerdict> {
        self.send_depth(index, 0)
    }

    fn send_depth(&self, index: &FileIndex, depth: u32) -> Result<(), SendVerdict> {
        if depth > 16 {
            return Err(SendVerdict::Unknown(self.to_string()));
        }
        let all = |tys: &[Ty]| -> Result<(), SendVerdict> {
            let mut unknown = None;
            for ty in tys {
                match ty.send_depth(index, depth + 1) {
                    Ok(()) => {}
                    Err(no @ SendVerdict::No(_)) => return Err(no),
                    Err(u) => unknown = unknown.or(Some(u)),
                }
            }
            unknown.map_or(Ok(()), Err)
        };
        match self {
            Ty::Prim(_) | Ty::Unit | Ty::Never | Ty::Str | Ty::FnPtr => Ok(()),
            Ty::Ptr { .. } => Err(SendVerdict::No(self.to_string())),
            // `&T` is Send when `T` is Sync; the model knows Sync only as far as Send.
            Ty::Ref { inner, mutable } => {
                if !mutable
                    && let Ty::Adt { name, .. } = inner.concrete()
                    && matches!(name.as_str(), "Cell" | "RefCell")
                {
                    return Err(SendVerdict::No(self.to_string()));
                }
                inner.send_depth(index, depth + 1)
            }
            Ty::Array(inner, _) | Ty::ParamArray(inner, _) | Ty::Slice(inner) => inner.send_depth(index, depth + 1),
            Ty::Const(_) | Ty::ConstBool(_) => Ok(()),
            Ty::Tuple(items) => all(items),
            Ty::Inst { ty, .. } => ty.send_depth(index, depth + 1),
            Ty::Closure { captures, .. } => all(captures),
            Ty::Adt { name, args } => {
                if let Some((params, target)) = index.alias(name) {
                    return substitute(target, params, args).send_depth(index, depth + 1);
                }
                let Some(decl) = index.adt(name) else { return Err(SendVerdict::Unknown(self.to_string())) };
                if decl.not_send {
                    return Err(SendVerdict::No(self.to_string()));
                }
                let fields: Vec<Ty> = decl.field_types().iter().map(|t| substitute(t, &decl.generics, args)).collect();
                all(&fields)
            }
            Ty::Unknown
            | Ty::Param { .. }
            | Ty::Assoc { .. }
            | Ty::Dyn(..)
            | Ty::Opaque(_)
            | Ty::AsyncFnFuture { .. }
            | Ty::BlockFuture { .. } => Err(SendVerdict::Unknown(self.to_string())),
        }
    }
}

/// Why a type is not known to be `Send`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SendVerdict {
    /// This type (inside it) is not `Send`.
    No(String),
    /// The source does not tell whether this type is `Send`.
    Unknown(String),
}

/// A key as rustc would print the type's path: without `crate::`.
pub fn display_name(key: &str) -> &str {
    key.strip_prefix("crate::").unwrap_or(key)
}

/// A type written as rustc writes it in paths (`m::Foo`, `G<u8>`, `(u8,)`).
pub fn path_display(ty: &Ty) -> String {
    ty.to_string()
}

/// The type without its generic arguments (for rustc's names of inherent methods).
pub fn erase_args(ty: &Ty) -> Ty {
    match ty {
        Ty::Adt { name, .. } => Ty::Adt { name: name.clone(), args: Vec::new() },
        other => other.clone(),
    }
}

fn write_args(f: &mut fmt::Formatter<'_>, args: &[Ty]) -> fmt::Result {
    if args.is_empty() {
        return Ok(());
    }
    f.write_str("<")?;
    for (i, arg) in args.iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        write!(f, "{arg}")?;
    }
    f.write_str(">")
}

impl fmt::Display for Ty {
    /// Types as rustc prints them in field annotations (trimmed paths).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Ty::Unknown => f.write_str("?"),
            Ty::Prim(p) => f.write_str(p.name()),
            Ty::Unit => f.write_str("()"),
            Ty::Never => f.write_str("!"),
            Ty::Str => f.write_str("str"),
            Ty::Ref { mutable, inner } => write!(f, "&{}{inner}", if *mutable { "mut " } else { "" }),
            Ty::Ptr { mutable, inner } => write!(f, "*{} {inner}", if *mutable { "mut" } else { "const" }),
            Ty::Array(inner, Some(n)) => write!(f, "[{inner}; {n}]"),
            Ty::Array(inner, None) => write!(f, "[{inner}; _]"),
            Ty::ParamArray(inner, len) => write!(f, "[{inner}; {len}]"),
            Ty::Const(n) => write!(f, "{n}"),
            Ty::ConstBool(b) => write!(f, "{b}"),
            Ty::Slice(inner) => write!(f, "[{inner}]"),
            Ty::Tuple(items) => {
                f.write_str("(")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{item}")?;
                }
                if items.len() == 1 {
                    f.write_str(",")?;
                }
                f.write_str(")")
            }
            Ty::Adt { name, args } => {
                f.write_str(display_name(name))?;
                write_args(f, args)
            }
            Ty::Param { name, .. } => f.write_str(param_shown(name)),
            Ty::Inst { ty, .. } => write!(f, "{ty}"),
            Ty::Assoc { base, trait_key, name } if trait_key.is_empty() => write!(f, "<{base}>::{name}"),
            Ty::Assoc { base, trait_key, name } => write!(f, "<{base} as {}>::{name}", display_name(trait_key)),
            // rustc writes the principal trait's output: `dyn Future<Output = u8> + Send`.
            Ty::Dyn(name, Some(output)) if dyn_has(name, "Future") => {
                let traits: Vec<String> = name
                    .split(" + ")
                    .map(|t| if t == "Future" { format!("Future<Output = {output}>") } else { t.to_string() })
                    .collect();
                write!(f, "dyn {}", traits.join(" + "))
            }
            Ty::Dyn(name, _) => write!(f, "dyn {name}"),
            Ty::Opaque(name) => write!(f, "impl {name}"),
            Ty::FnPtr => f.write_str("fn"),
            Ty::AsyncFnFuture { name, args } => write!(f, "{{async fn body of {}()}}", instance_name(name, args)),
            Ty::BlockFuture { name, .. } => write!(f, "{{{name}}}"),
            Ty::Closure { label, .. } => write!(f, "{{{label}}}"),
        }
    }
}

/// rustc's name of an instance of a generic async fn: the impl's arguments after the type,
/// the fn's after the fn (`G<u8>::gm<&str>`), from the base name and all the arguments.
/// Without the split it is told, the arguments go after the name.
pub fn instance_name(name: &str, args: &[Ty]) -> String {
    if args.is_empty() {
        return name.to_string();
    }
    let mut out = name.to_string();
    out.push('<');
    for (i, arg) in args.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&arg.to_string());
    }
    out.push('>');
    out
}

/// What [`from_syn`] needs to resolve a type written in the file.
#[derive(Clone, Copy)]
pub struct TyCtx<'a> {
    pub resolver: &'a Resolver<'a>,
    /// The module the type is written in.
    pub module: &'a [String],
    /// The generic parameters in scope.
    pub generics: &'a [GenericParam],
    /// What `Self` is.
    pub self_ty: Option<&'a Ty>,
    /// Type aliases of the file, and of std, by key; expanded where they are used.
    pub aliases: Option<&'a Aliases>,
    pub std_aliases: Option<&'a Aliases>,
    /// Integer constants of the file by key, for array lengths.
    pub consts: Option<&'a BTreeMap<String, i128>>,
}

pub type Aliases = BTreeMap<String, (Vec<String>, Ty)>;

impl<'a> TyCtx<'a> {
    pub fn new(resolver: &'a Resolver<'a>, module: &'a [String]) -> TyCtx<'a> {
        TyCtx { resolver, module, generics: &[], self_ty: None, aliases: None, std_aliases: None, consts: None }
    }

    fn param(&self, name: &str) -> Option<Ty> {
        let g = self.generics.iter().rev().find(|g| g.name == name)?;
        Some(match &g.bound_to {
            Some(ty) => Ty::Inst { param: g.name.clone(), copy: g.copy, ty: Box::new(ty.clone()) },
            None => Ty::Param { name: g.name.clone(), copy: g.copy },
        })
    }

    fn alias(&self, tree: Tree, key: &str) -> Option<&'a (Vec<String>, Ty)> {
        match tree {
            Tree::File => self.aliases?.get(key),
            Tree::Std => self.std_aliases?.get(key),
        }
    }

    /// The value of an integer constant of the file, by the path written here.
    pub fn const_of(&self, path: &[String]) -> Option<i128> {
        let (path, len) = len_query(path);
        match self.resolver.resolve(self.module, path, Ns::Value)? {
            Res::Value(Tree::File, key) => self.consts?.get(&const_key(key, len)).copied(),
            _ => None,
        }
    }
}

/// Converts a syn type written in `ctx.module`, resolving its paths.
pub fn from_syn(ty: &syn::Type, ctx: &TyCtx<'_>) -> Ty {
    match ty {
        syn::Type::Paren(p) => from_syn(&p.elem, ctx),
        syn::Type::Group(g) => from_syn(&g.elem, ctx),
        syn::Type::Never(_) => Ty::Never,
        syn::Type::Tuple(t) if t.elems.is_empty() => Ty::Unit,
        syn::Type::Tuple(t) => Ty::Tuple(t.elems.iter().map(|e| from_syn(e, ctx)).collect()),
        syn::Type::Reference(r) => Ty::Ref { mutable: r.mutability.is_some(), inner: Box::new(from_syn(&r.elem, ctx)) },
        syn::Type::Ptr(p) => Ty::Ptr {
            mutable: matches!(p.mutability, syn::PointerMutability::Mut(_)),
            inner: Box::new(from_syn(&p.elem, ctx)),
        },
        syn::Type::Slice(s) => Ty::Slice(Box::new(from_syn(&s.elem, ctx))),
        syn::Type::Array(a) => array_of(from_syn(&a.elem, ctx), &a.len, ctx),
        syn::Type::FnPtr(_) => Ty::FnPtr,
        syn::Type::TraitObject(t) => Ty::Dyn(bounds_name(t.bounds.iter()), dyn_output(t.bounds.iter(), ctx)),
        syn::Type::ImplTrait(t) => {
            // An `impl Trait` argument is the synthetic parameter of that name (or, when two
            // arguments have the same bounds, of that name and place).
            let name = format!("impl {}", bounds_name(t.bounds.iter()));
            ctx.param(&impl_param_at(&name, t))
                .or_else(|| ctx.param(&name))
                .unwrap_or(Ty::Opaque(bounds_name(t.bounds.iter())))
        }
        syn::Type::Path(p) => path_type(p, ctx),
        _ => Ty::Unknown,
    }
}

/// The parameter name of an `impl Trait` argument whose bounds another argument shares
/// (`impl Codec#12:40`): shown as `impl Codec`.
pub fn impl_param_at(name: &str, at: &syn::TypeImplTrait) -> String {
    let at = crate::diagnostics::Span::from_proc_macro(at.impl_token.span);
    format!("{name}#{}:{}", at.line, at.column)
}

/// A generic parameter's name as the source spells it.
pub fn param_shown(name: &str) -> &str {
    name.split_once('#').map_or(name, |(shown, _)| shown)
}

/// `[elem; len]`: a length the file settles, or a const generic parameter (bound to its value
/// in an instance).
pub fn array_of(elem: Ty, len: &syn::Expr, ctx: &TyCtx<'_>) -> Ty {
    let elem = Box::new(elem);
    if let Some(n) = const_value(len, &|path| ctx.const_of(path)).and_then(|v| u64::try_from(v).ok()) {
        return Ty::Array(elem, Some(n));
    }
    let syn::Expr::Path(p) = len else { return Ty::Array(elem, None) };
    let Some(param) = p.path.get_ident().and_then(|i| ctx.generics.iter().find(|g| i == &g.name)) else {
        return Ty::Array(elem, None);
    };
    match param.bound_to.as_ref().map(Ty::concrete) {
        Some(Ty::Const(n)) => Ty::Array(elem, Some(*n)),
        Some(_) => Ty::Array(elem, None),
        None => Ty::ParamArray(elem, param.name.clone()),
    }
}

/// A generic argument written as a type that names an integer constant of the file
/// (`Frame<MTU>`): its value.
pub fn const_arg(ty: &syn::Type, ctx: &TyCtx<'_>) -> Option<Ty> {
    let syn::Type::Path(p) = ty else { return None };
    let ident = p.path.get_ident()?;
    if p.qself.is_some() || ctx.generics.iter().any(|g| ident == &g.name) {
        return None;
    }
    let value = ctx.const_of(&[ident.to_string()])?;
    u64::try_from(value).ok().map(Ty::Const)
}

fn type_args(args: &syn::PathArguments, ctx: &TyCtx<'_>) -> Vec<Ty> {
    match args {
        syn::PathArguments::AngleBracketed(a) => a
            .args
            .iter()
            .filter_map(|arg| match arg {
                syn::GenericArgument::Type(t) => Some(const_arg(t, ctx).unwrap_or_else(|| from_syn(t, ctx))),
                syn::GenericArgument::Const(e) => Some(const_generic_arg(e, &|path| ctx.const_of(path))),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

fn path_type(p: &syn::TypePath, ctx: &TyCtx<'_>) -> Ty {
    let segments: Vec<String> = p.path.segments.iter().map(|s| s.ident.to_string()).collect();
    let Some(last) = p.path.segments.last() else { return Ty::Unknown };
    // `<T as Trait>::Name`
    if let Some(qself) = &p.qself {
        let base = from_syn(&qself.ty, ctx);
        let trait_path = &segments[..qself.position.min(segments.len())];
        let trait_key = match ctx.resolver.resolve(ctx.module, trait_path, Ns::Type) {
            Some(Res::Type(_, key)) => key,
            _ => trait_path.last().cloned().unwrap_or_default(),
        };
        return Ty::Assoc { base: Box::new(base), trait_key, name: last.ident.to_string() };
    }
    let name = last.ident.to_string();
    if segments.len() == 1 {
        if let Some(prim) = Prim::from_name(&name) {
            return Ty::Prim(prim);
        }
        if name == "str" {
            return Ty::Str;
        }
        if name == "Self" {
            return ctx.self_ty.cloned().unwrap_or(Ty::Param { name, copy: false });
        }
        if let Some(param) = ctx.param(&name) {
            return param;
        }
    }
    // `Self::Item`, `T::Output`.
    if segments.len() == 2 {
        let first = &segments[0];
        let base = if first == "Self" { ctx.self_ty.cloned() } else { ctx.param(first) };
        if let Some(base) = base {
            return Ty::Assoc { base: Box::new(base), trait_key: String::new(), name };
        }
    }
    let args = type_args(&last.arguments, ctx);
    match ctx.resolver.resolve(ctx.module, &segments, Ns::Type) {
        Some(Res::Type(tree, key)) => {
            if let Some((params, target)) = ctx.alias(tree, &key) {
                return substitute(target, params, &args);
            }
            Ty::Adt { name: key, args }
        }
        Some(Res::External(path)) => Ty::Adt { name: path.join("::"), args },
        Some(_) => Ty::Unknown,
        // A name nothing declares: kept by name, so that messages can say which.
        None => Ty::Adt { name: segments.join("::"), args },
    }
}

/// Replaces the generic parameters `params` by `args` inside `ty`.
pub fn substitute(ty: &Ty, params: &[String], args: &[Ty]) -> Ty {
    if params.is_empty() {
        return ty.clone();
    }
    let sub = |t: &Ty| substitute(t, params, args);
    match ty {
        Ty::Param { name, .. } => match params.iter().position(|p| p == name) {
            Some(i) => args.get(i).cloned().unwrap_or(Ty::Unknown),
            None => ty.clone(),
        },
        Ty::Adt { name, args: inner } if inner.is_empty() && params.contains(name) => {
            params.iter().position(|p| p == name).and_then(|i| args.get(i).cloned()).unwrap_or(Ty::Unknown)
        }
        Ty::Ref { mutable, inner } => Ty::Ref { mutable: *mutable, inner: Box::new(sub(inner)) },
        Ty::Ptr { mutable, inner } => Ty::Ptr { mutable: *mutable, inner: Box::new(sub(inner)) },
        Ty::Array(inner, n) => Ty::Array(Box::new(sub(inner)), *n),
        Ty::ParamArray(inner, len) => match params.iter().position(|p| p == len).and_then(|i| args.get(i)) {
            Some(arg) => match arg.concrete() {
                Ty::Const(n) => Ty::Array(Box::new(sub(inner)), Some(*n)),
                _ => Ty::Array(Box::new(sub(inner)), None),
            },
            None => Ty::ParamArray(Box::new(sub(inner)), len.clone()),
        },
        Ty::Slice(inner) => Ty::Slice(Box::new(sub(inner))),
        Ty::Tuple(items) => Ty::Tuple(items.iter().map(sub).collect()),
        Ty::Adt { name, args: inner } => Ty::Adt { name: name.clone(), args: inner.iter().map(sub).collect() },
        Ty::Assoc { base, trait_key, name } => {
            Ty::Assoc { base: Box::new(sub(base)), trait_key: trait_key.clone(), name: name.clone() }
        }
        Ty::AsyncFnFuture { name, args: inner } => {
            Ty::AsyncFnFuture { name: name.clone(), args: inner.iter().map(sub).collect() }
        }
        Ty::BlockFuture { name, args: inner, output } => {
            Ty::BlockFuture { name: name.clone(), args: inner.iter().map(sub).collect(), output: output.clone() }
        }
        // `dyn Future<Output = T>` in `type BoxFut<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>`.
        Ty::Dyn(traits, output) => Ty::Dyn(traits.clone(), output.as_deref().map(|o| Box::new(sub(o)))),
        other => other.clone(),
    }
}

/// `T` of a `Future<Output = T>` bound among these.
/// What a `dyn` type's principal trait gives: `Future<Output = T>` gives `T`, `Fn(A) -> R`
/// gives `R`.
pub(crate) fn dyn_output<'a>(
    mut bounds: impl Iterator<Item = &'a syn::TypeParamBound>,
    ctx: &TyCtx<'_>,
) -> Option<Box<Ty>> {
    bounds.find_map(|b| {
        let syn::TypeParamBound::Trait(t) = b else { return None };
        let last = t.path.segments.last()?;
        match &last.arguments {
            syn::PathArguments::AngleBracketed(a) if last.ident == "Future" => {
                a.args.iter().find_map(|arg| match arg {
                    syn::GenericArgument::AssocType(at) if at.ident == "Output" => {
                        Some(Box::new(from_syn(&at.ty, ctx)))
                    }
                    _ => None,
                })
            }
            syn::PathArguments::Parenthesized(p)
                if matches!(last.ident.to_string().as_str(), "Fn" | "FnMut" | "FnOnce") =>
            {
                Some(Box::new(match &p.output {
                    syn::ReturnType::Default => Ty::Unit,
                    syn::ReturnType::Type(_, t) => from_syn(t, ctx),
                }))
            }
            _ => None,
        }
    })
}

/// Whether a `dyn` type's traits (`Future + Send`) include `name`.
pub(crate) fn dyn_has(traits: &str, name: &str) -> bool {
    traits.split(" + ").any(|t| t == name)
}

pub(crate) fn bounds_name<'a>(bounds: impl Iterator<Item = &'a syn::TypeParamBound>) -> String {
    bounds
        .filter_map(|b| match b {
            syn::TypeParamBound::Trait(t) => t.path.segments.last().map(|s| s.ident.to_string()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join(" + ")
}

/// The value of a constant expression of integers: literals, named constants (through
/// `lookup`), `+ - * / << >>` and parentheses.
/// A const generic argument written as an expression: a `bool` (`Normalize::<true>`) or an
/// integer the file can compute (`Chunks::<{ 2 * K }>`); unknown otherwise.
pub fn const_generic_arg(expr: &syn::Expr, lookup: &dyn Fn(&[String]) -> Option<i128>) -> Ty {
    match expr {
        syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Bool(b), .. }) => Ty::ConstBool(b.value),
        syn::Expr::Block(b)
            if b.block.stmts.len() == 1
                && let syn::Stmt::Expr(e, None) = &b.block.stmts[0] =>
        {
            const_generic_arg(e, lookup)
        }
        _ => const_value(expr, lookup).and_then(|v| u64::try_from(v).ok()).map_or(Ty::Unknown, Ty::Const),
    }
}

/// The last segment of a path that asks for the length of the array constant the rest names.
pub const LEN: &str = "len()";

/// A path that may ask for an array constant's length: the constant's path, and whether it does.
pub fn len_query(path: &[String]) -> (&[String], bool) {
    match path.split_last() {
        Some((last, rest)) if last == LEN => (rest, true),
        _ => (path, false),
    }
}

/// The key under which a constant's value is kept among the constants' values, or with `len`
/// the length of the array constant of that key.
pub fn const_key(key: String, len: bool) -> String {
    if len { format!("{key}.{LEN}") } else { key }
}

pub fn const_value(expr: &syn::Expr, lookup: &dyn Fn(&[String]) -> Option<i128>) -> Option<i128> {
    match expr {
        syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Int(i), .. }) => i.base10_parse().ok(),
        syn::Expr::Paren(p) => const_value(&p.expr, lookup),
        syn::Expr::Group(g) => const_value(&g.expr, lookup),
        syn::Expr::Block(b) if b.block.stmts.len() == 1 => match &b.block.stmts[0] {
            syn::Stmt::Expr(e, None) => const_value(e, lookup),
            _ => None,
        },
        syn::Expr::Cast(c) => const_value(&c.expr, lookup),
        syn::Expr::Unary(u) if matches!(u.op, syn::UnOp::Neg(_)) => const_value(&u.expr, lookup).map(|v| -v),
        syn::Expr::Path(p) if p.qself.is_none() => {
            let path: Vec<String> = p.path.segments.iter().map(|s| s.ident.to_string()).collect();
            lookup(&path)
        }
        // `SIZES.len()` of an array constant: asked for as the path `SIZES` then `len()`.
        syn::Expr::MethodCall(m) if m.method == "len" && m.args.is_empty() => match &*m.receiver {
            syn::Expr::Path(p) if p.qself.is_none() => {
                let mut path: Vec<String> = p.path.segments.iter().map(|s| s.ident.to_string()).collect();
                path.push(LEN.to_string());
                lookup(&path)
            }
            _ => None,
        },
        syn::Expr::Binary(b) => {
            let (l, r) = (const_value(&b.left, lookup)?, const_value(&b.right, lookup)?);
            match b.op {
                syn::BinOp::Add(_) => l.checked_add(r),
                syn::BinOp::Mul(_) => l.checked_mul(r),
                syn::BinOp::Sub(_) => l.checked_sub(r),
                syn::BinOp::Div(_) => l.checked_div(r),
                syn::BinOp::Rem(_) => l.checked_rem(r),
                syn::BinOp::Shl(_) => u32::try_from(r).ok().and_then(|r| l.checked_shl(r)),
                syn::BinOp::Shr(_) => u32::try_from(r).ok().and_then(|r| l.checked_shr(r)),
                _ => None,
            }
        }
        _ => None,
    }
}
