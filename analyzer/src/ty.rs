//! The small type language the analysis reasons with.
//!
//! In: `syn::Type`s from annotations and signatures, and the shapes of expressions. Out: [`Ty`],
//! a syn-free description precise enough to answer the two questions liveness asks (does a
//! value need drop, is it `Copy`) and, later, how many bytes it takes.

use std::fmt;

use crate::items::FileIndex;

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
    Slice(Box<Ty>),
    Tuple(Vec<Ty>),
    /// A named type with its generic arguments: std types (`String`, `Vec<T>`, `Option<T>`, ...)
    /// and types declared in the file. `name` is the last path segment.
    Adt {
        name: String,
        args: Vec<Ty>,
    },
    /// A generic parameter of the enclosing item; `copy` if it has a `Copy` bound.
    Param {
        name: String,
        copy: bool,
    },
    /// `dyn Trait`.
    Dyn(String),
    /// `impl Trait` in argument or return position.
    Opaque(String),
    FnPtr,
    /// The future of an async fn declared in the file (by its futurelens name).
    AsyncFnFuture(String),
    /// The future of an async block or async closure body in the file (by its futurelens name).
    BlockFuture(String),
    /// A closure value (its captures decide drop glue); an async closure names its body.
    Closure {
        needs_drop: bool,
        copy: bool,
        async_body: Option<String>,
        /// The type of each captured place as the closure stores it (`&T` for a capture by
        /// reference), in order of first use; its size is theirs.
        captures: Vec<Ty>,
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

/// std types known to own heap memory or run code on drop, whatever their arguments.
const STD_DROP: &[&str] = &[
    "String",
    "Vec",
    "Box",
    "Rc",
    "Arc",
    "HashMap",
    "HashSet",
    "BTreeMap",
    "BTreeSet",
    "VecDeque",
    "BinaryHeap",
    "LinkedList",
    "MutexGuard",
    "RwLockReadGuard",
    "RwLockWriteGuard",
    "RefMut",
    "Ref",
    "File",
    "TcpStream",
    "TcpListener",
    "UdpSocket",
    "PathBuf",
    "OsString",
    "CString",
    "IntoIter",
    "Drain",
    "Waker",
    "Sender",
    "Receiver",
    "SyncSender",
    "JoinHandle",
    "Weak",
];

/// std types that have no drop glue of their own: they need drop exactly when an argument does.
const STD_TRANSPARENT: &[&str] = &[
    "Option",
    "Result",
    "Cell",
    "RefCell",
    "UnsafeCell",
    "Mutex",
    "RwLock",
    "Pin",
    "Reverse",
    "Wrapping",
    "Range",
    "RangeInclusive",
    "Ready",
    "Poll",
    "ControlFlow",
    "Enumerate",
    "Rev",
    "Skip",
    "Take",
    "StepBy",
    "Peekable",
    "Copied",
    "Cloned",
    "SkipWhile",
    "TakeWhile",
    "Chain",
    "Zip",
];

/// std types that never need drop.
const STD_PLAIN: &[&str] = &[
    "PhantomData",
    "PhantomPinned",
    "Duration",
    "Instant",
    "SystemTime",
    "NonNull",
    "ManuallyDrop",
    "MaybeUninit",
    "Ordering",
    "NonZeroU8",
    "NonZeroU16",
    "NonZeroU32",
    "NonZeroU64",
    "NonZeroUsize",
    "IpAddr",
    "Ipv4Addr",
    "Ipv6Addr",
    "SocketAddr",
    "Pending",
    "TypeId",
    "AtomicBool",
    "AtomicUsize",
    "AtomicU32",
    "AtomicU64",
    "AtomicI32",
    "AtomicI64",
    "Infallible",
    "Iter",
    "IterMut",
    "Chars",
    "Bytes",
    "Lines",
    "Split",
    "Keys",
    "Values",
];

/// std types that are `Copy` when their arguments are.
const STD_COPY: &[&str] = &[
    "Option",
    "Result",
    "PhantomData",
    "Duration",
    "Instant",
    "SystemTime",
    "NonNull",
    "Ordering",
    "NonZeroU8",
    "NonZeroU16",
    "NonZeroU32",
    "NonZeroU64",
    "NonZeroUsize",
    "IpAddr",
    "Ipv4Addr",
    "Ipv6Addr",
    "SocketAddr",
    "Reverse",
    "Wrapping",
    "TypeId",
    "Poll",
    "Iter",
    "Chars",
    "Bytes",
];

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

    /// Whether the value is a primitive scalar, for which operators are built in.
    pub fn is_scalar(&self) -> bool {
        matches!(self, Ty::Prim(_))
    }

    pub fn is_adt(&self, wanted: &str) -> bool {
        matches!(self, Ty::Adt { name, .. } if name == wanted)
    }

    /// The first generic argument of a named type (`Vec<T>` gives `T`).
    pub fn first_arg(&self) -> Ty {
        match self {
            Ty::Adt { args, .. } => args.first().cloned().unwrap_or(Ty::Unknown),
            _ => Ty::Unknown,
        }
    }

    /// The type behind a reference, or the type itself.
    pub fn peel_refs(&self) -> &Ty {
        match self {
            Ty::Ref { inner, .. } => inner.peel_refs(),
            other => other,
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
            Ty::Tuple(items) => all(items),
            Ty::Param { copy: true, .. } => DropGlue::No,
            Ty::Param { name, copy: false } => {
                DropGlue::Assumed(format!("`{name}` is generic and rustc judges the generic body"))
            }
            Ty::Dyn(_) => DropGlue::Yes,
            Ty::Opaque(name) => DropGlue::Assumed(format!("`impl {name}` may need drop")),
            Ty::AsyncFnFuture(_) | Ty::BlockFuture(_) => DropGlue::Yes,
            Ty::Closure { needs_drop, .. } => {
                if *needs_drop {
                    DropGlue::Yes
                } else {
                    DropGlue::No
                }
            }
            Ty::Adt { name, args } => {
                if let Some(decl) = index.adt(name) {
                    if decl.copy {
                        return DropGlue::No;
                    }
                    if decl.has_drop_impl {
                        return DropGlue::Yes;
                    }
                    return all(&decl.field_types());
                }
                // Iterator types are named by their module (`slice::Iter`, `vec::IntoIter`).
                let name = name.rsplit("::").next().unwrap_or(name);
                if STD_DROP.contains(&name) {
                    DropGlue::Yes
                } else if STD_PLAIN.contains(&name) {
                    DropGlue::No
                } else if STD_TRANSPARENT.contains(&name) {
                    all(args)
                } else {
                    DropGlue::Assumed(format!("`{name}` is not declared in this file"))
                }
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
            Ty::Array(inner, _) => inner.is_copy_depth(index, depth + 1),
            Ty::Tuple(items) => items.iter().all(|t| t.is_copy_depth(index, depth + 1)),
            Ty::Param { copy, .. } => *copy,
            Ty::Closure { copy, .. } => *copy,
            Ty::Adt { name, args } => {
                if let Some(decl) = index.adt(name) {
                    return decl.copy;
                }
                STD_COPY.contains(&name.rsplit("::").next().unwrap_or(name))
                    && args.iter().all(|t| t.is_copy_depth(index, depth + 1))
            }
            Ty::Str | Ty::Slice(_) | Ty::Dyn(_) | Ty::Opaque(_) | Ty::AsyncFnFuture(_) | Ty::BlockFuture(_) => false,
        }
    }
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
                f.write_str(name)?;
                if !args.is_empty() {
                    f.write_str("<")?;
                    for (i, arg) in args.iter().enumerate() {
                        if i > 0 {
                            f.write_str(", ")?;
                        }
                        write!(f, "{arg}")?;
                    }
                    f.write_str(">")?;
                }
                Ok(())
            }
            Ty::Param { name, .. } => f.write_str(name),
            Ty::Dyn(name) => write!(f, "dyn {name}"),
            Ty::Opaque(name) => write!(f, "impl {name}"),
            Ty::FnPtr => f.write_str("fn"),
            Ty::AsyncFnFuture(name) => write!(f, "{{async fn body of {name}()}}"),
            Ty::BlockFuture(name) => write!(f, "{{{name}}}"),
            Ty::Closure { .. } => f.write_str("{closure}"),
        }
    }
}

/// Converts a syn type. `generics` lists the generic parameters in scope with their `Copy` bound.
pub fn from_syn(ty: &syn::Type, generics: &[(String, bool)]) -> Ty {
    match ty {
        syn::Type::Paren(p) => from_syn(&p.elem, generics),
        syn::Type::Group(g) => from_syn(&g.elem, generics),
        syn::Type::Never(_) => Ty::Never,
        syn::Type::Tuple(t) if t.elems.is_empty() => Ty::Unit,
        syn::Type::Tuple(t) => Ty::Tuple(t.elems.iter().map(|e| from_syn(e, generics)).collect()),
        syn::Type::Reference(r) => {
            Ty::Ref { mutable: r.mutability.is_some(), inner: Box::new(from_syn(&r.elem, generics)) }
        }
        syn::Type::Ptr(p) => Ty::Ptr {
            mutable: matches!(p.mutability, syn::PointerMutability::Mut(_)),
            inner: Box::new(from_syn(&p.elem, generics)),
        },
        syn::Type::Slice(s) => Ty::Slice(Box::new(from_syn(&s.elem, generics))),
        syn::Type::Array(a) => Ty::Array(Box::new(from_syn(&a.elem, generics)), const_len(&a.len)),
        syn::Type::FnPtr(_) => Ty::FnPtr,
        syn::Type::TraitObject(t) => Ty::Dyn(bounds_name(t.bounds.iter())),
        syn::Type::ImplTrait(t) => Ty::Opaque(bounds_name(t.bounds.iter())),
        syn::Type::Path(p) if p.qself.is_none() => {
            let Some(last) = p.path.segments.last() else { return Ty::Unknown };
            let name = last.ident.to_string();
            if p.path.segments.len() == 1 {
                if let Some(prim) = Prim::from_name(&name) {
                    return Ty::Prim(prim);
                }
                if name == "str" {
                    return Ty::Str;
                }
                if let Some((_, copy)) = generics.iter().find(|(g, _)| *g == name) {
                    return Ty::Param { name, copy: *copy };
                }
            }
            let args = match &last.arguments {
                syn::PathArguments::AngleBracketed(a) => a
                    .args
                    .iter()
                    .filter_map(|arg| match arg {
                        syn::GenericArgument::Type(t) => Some(from_syn(t, generics)),
                        _ => None,
                    })
                    .collect(),
                _ => Vec::new(),
            };
            Ty::Adt { name, args }
        }
        _ => Ty::Unknown,
    }
}

fn bounds_name<'a>(bounds: impl Iterator<Item = &'a syn::TypeParamBound>) -> String {
    bounds
        .filter_map(|b| match b {
            syn::TypeParamBound::Trait(t) => t.path.segments.last().map(|s| s.ident.to_string()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join(" + ")
}

/// The value of an array length written as an integer literal.
pub fn const_len(expr: &syn::Expr) -> Option<u64> {
    match expr {
        syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Int(i), .. }) => i.base10_parse().ok(),
        syn::Expr::Paren(p) => const_len(&p.expr),
        syn::Expr::Binary(b) => {
            let (l, r) = (const_len(&b.left)?, const_len(&b.right)?);
            match b.op {
                syn::BinOp::Add(_) => l.checked_add(r),
                syn::BinOp::Mul(_) => l.checked_mul(r),
                syn::BinOp::Sub(_) => l.checked_sub(r),
                syn::BinOp::Shl(_) => l.checked_shl(r as u32),
                _ => None,
            }
        }
        _ => None,
    }
}
