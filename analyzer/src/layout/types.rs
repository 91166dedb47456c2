//! The type-size model: the size, alignment and niche of a [`Ty`] on the target.
//!
//! In: a type, the file's declarations ([`FileIndex`]), the target's pointer width, the
//! user's `--assume` entries, and a way to ask for the layout of a future declared in the file.
//! Out: a [`Layout`], or [`Unknown`] naming the type whose size the source does not tell.
//!
//! Covered: primitives, `char`, `bool`, `()`, `!`, references and raw pointers (thin and fat),
//! `Box`/`Rc`/`Arc`/`NonNull`/`Weak`, `String`, `Vec`, `VecDeque`, `HashMap`/`HashSet`,
//! `BTreeMap`/`BTreeSet`, `Option`, `Result`, `Poll`, `Cow`, arrays, tuples, `Pin`,
//! `PhantomData`, `Duration`/`Instant`, `Cell`, `RefCell`, `Mutex`, `RwLock`, `MaybeUninit`,
//! `ManuallyDrop`, atomics, `NonZero*`, addresses, file and socket handles, a few iterator
//! adapters, and the structs, enums and unions declared in the file (default repr reordered
//! like rustc; `repr(C)` and primitive reprs in declaration order). The std layouts are those
//! of Rust 1.95 on Linux.

use crate::items::{AdtDecl, AdtKind, FileIndex};
use crate::ty::{Prim, Ty, substitute};

use super::abi::{self, EnumInput, Layout, Repr, StructKind};

/// The target: only the pointer width varies. Other primitives keep their x86_64 alignment
/// (`u64` 8, `u128` 16), as on wasm32.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Target {
    /// Bytes in a pointer: 8 or 4.
    pub pointer: u64,
}

impl Target {
    pub fn from_width(bits: u32) -> Target {
        Target { pointer: if bits == 32 { 4 } else { 8 } }
    }

    /// rustc's `obj_size_bound`: no value may be this big.
    pub fn bound(&self) -> u64 {
        if self.pointer == 4 { 1 << 31 } else { 1 << 61 }
    }
}

/// A size the user supplies for a type the model does not know (`--assume 'Sleep=16:8'`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assumption {
    /// As written: `Sleep`, `tokio::time::Sleep` or `Foo<u8>`; matched against the type as
    /// displayed, then against its last path segment.
    pub ty: String,
    pub size: u64,
    pub align: u64,
}

impl Assumption {
    /// Parses `TYPE=SIZE[:ALIGN]`. Without an alignment, the largest power of two that divides
    /// the size, up to 8, is used.
    pub fn parse(text: &str) -> Result<Assumption, String> {
        let (ty, numbers) = text
            .rsplit_once('=')
            .ok_or_else(|| format!("`{text}` is not TYPE=SIZE[:ALIGN] (for example `Sleep=16:8`)"))?;
        let ty = ty.trim();
        if ty.is_empty() {
            return Err(format!("`{text}` names no type before `=`"));
        }
        let (size, align) = match numbers.split_once(':') {
            Some((s, a)) => (s, Some(a)),
            None => (numbers, None),
        };
        let size: u64 =
            size.trim().parse().map_err(|_| format!("`{}` in `{text}` is not a size in bytes", size.trim()))?;
        let align = match align {
            Some(a) => {
                let a: u64 = a.trim().parse().map_err(|_| format!("`{}` in `{text}` is not an alignment", a.trim()))?;
                if !a.is_power_of_two() {
                    return Err(format!("alignment {a} in `{text}` is not a power of two"));
                }
                a
            }
            None => 1u64 << size.trailing_zeros().min(3),
        };
        if !size.is_multiple_of(align) {
            return Err(format!("size {size} in `{text}` is not a multiple of its alignment {align}"));
        }
        let ty = ty.split_whitespace().collect::<Vec<_>>().join(" ");
        Ok(Assumption { ty, size, align })
    }
}

/// Why a type has no known size.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Unknown {
    /// The type, as displayed.
    pub ty: String,
    /// A short explanation: "not declared in this file", "a generic parameter", ...
    pub why: String,
}

impl Unknown {
    pub fn new(ty: &Ty, why: impl Into<String>) -> Unknown {
        Unknown { ty: ty.to_string(), why: why.into() }
    }
}

/// Where the layouts of the file's futures come from (the coroutine stage, memoised).
pub trait FutureSizes {
    /// The layout of `{async fn body of name()}` or an async block's future.
    fn future(&mut self, ty: &Ty) -> Result<Layout, Unknown>;
}

/// What the type model reads.
#[derive(Clone, Copy)]
pub struct Env<'a> {
    pub target: Target,
    pub index: &'a FileIndex,
    pub assume: &'a [Assumption],
}

type Res = Result<Layout, Unknown>;

const MAX_DEPTH: u32 = 48;

/// The layout of `ty` on the target.
pub fn layout_of(ty: &Ty, env: &Env<'_>, futures: &mut dyn FutureSizes) -> Res {
    Model { env: *env, futures }.of(ty, 0)
}

struct Model<'a, 'f> {
    env: Env<'a>,
    futures: &'f mut dyn FutureSizes,
}

impl Model<'_, '_> {
    fn ptr(&self) -> u64 {
        self.env.target.pointer
    }

    fn bound(&self) -> u64 {
        self.env.target.bound()
    }

    fn too_big(&self, ty: &Ty) -> Unknown {
        Unknown::new(ty, "too big for the target")
    }

    fn strukt(&self, ty: &Ty, fields: &[Layout]) -> Res {
        abi::univariant(fields, &Repr::default(), StructKind::AlwaysSized, self.bound())
            .map(|s| s.layout)
            .ok_or_else(|| self.too_big(ty))
    }

    /// A std struct whose last field is `T: ?Sized` (it stays last).
    fn unsized_tail(&self, ty: &Ty, fields: &[Layout]) -> Res {
        abi::univariant(fields, &Repr::default(), StructKind::MaybeUnsized, self.bound())
            .map(|s| s.layout)
            .ok_or_else(|| self.too_big(ty))
    }

    fn enumeration(&self, ty: &Ty, variants: &[Vec<Layout>]) -> Res {
        let discriminants: Vec<i128> = (0..variants.len() as i128).collect();
        let input =
            EnumInput { variants, discriminants: &discriminants, explicit_discriminants: false, repr: Repr::default() };
        abi::enumeration(&input, self.bound()).ok_or_else(|| self.too_big(ty))
    }

    fn usize(&self) -> Layout {
        Layout::plain(self.ptr(), self.ptr())
    }

    /// A non-null pointer to `pointee` (`&T`, `Box<T>`, `NonNull<T>`), thin or fat.
    fn pointer(&self, pointee: &Ty, non_null: bool) -> Layout {
        let p = self.ptr();
        let niche = if non_null { 1 } else { 0 };
        match unsized_kind(pointee) {
            None => Layout::scalar(p, p, niche),
            // The metadata of a trait object is a non-null vtable pointer.
            Some(Unsized::Dyn) if !non_null => {
                Layout { niche: Some(abi::Niche { offset: p, size: p, available: 1 }), ..Layout::plain(2 * p, p) }
            }
            Some(_) => Layout { size: 2 * p, ..Layout::scalar(p, p, niche) },
        }
    }

    fn assumed(&self, ty: &Ty) -> Option<Layout> {
        let shown = ty.to_string();
        let name = match ty {
            Ty::Adt { name, .. } => Some(name.as_str()),
            _ => None,
        };
        let last = |s: &str| s.rsplit("::").next().map(str::to_string).unwrap_or_default();
        let found = self.env.assume.iter().find(|a| a.ty == shown || last(&a.ty) == shown).or_else(|| {
            let name = name?;
            self.env.assume.iter().find(|a| {
                let bare = a.ty.split('<').next().unwrap_or("");
                last(bare) == name
            })
        })?;
        Some(Layout::plain(found.size, found.align))
    }

    fn of(&mut self, ty: &Ty, depth: u32) -> Res {
        if depth > MAX_DEPTH {
            return Err(Unknown::new(ty, "the type contains itself"));
        }
        if let Some(layout) = self.assumed(ty) {
            return Ok(layout);
        }
        let p = self.ptr();
        match ty {
            Ty::Unknown => Err(Unknown::new(ty, "its type is not known from the source")),
            Ty::Prim(prim) => Ok(prim_layout(*prim, p)),
            Ty::Unit => Ok(Layout::zst()),
            Ty::Never => Ok(Layout::never()),
            Ty::Str | Ty::Slice(_) | Ty::Dyn(..) => Err(Unknown::new(ty, "it has no size of its own (unsized)")),
            Ty::Ref { inner, .. } => {
                if matches!(**inner, Ty::Unknown) {
                    return Err(Unknown::new(ty, "a reference to a value of unknown type may be thin or fat"));
                }
                Ok(self.pointer(inner, true))
            }
            Ty::Ptr { inner, .. } => {
                if matches!(**inner, Ty::Unknown) {
                    return Err(Unknown::new(ty, "a pointer to a value of unknown type may be thin or fat"));
                }
                Ok(self.pointer(inner, false))
            }
            Ty::FnPtr => Ok(Layout::scalar(p, p, 1)),
            Ty::Array(elem, Some(n)) => {
                let elem = self.of(elem, depth + 1)?;
                Layout::array(elem, *n, self.bound()).ok_or_else(|| self.too_big(ty))
            }
            Ty::Array(_, None) => Err(Unknown::new(ty, "its length is not an integer literal")),
            Ty::ParamArray(_, len) => Err(Unknown::new(
                ty,
                format!("its length is the const parameter `{len}`: rustc lays out each instantiation"),
            )),
            Ty::Const(_) | Ty::ConstBool(_) => Err(Unknown::new(ty, "it is a value, not a type")),
            Ty::Tuple(items) => {
                let fields = self.all(items, depth)?;
                self.strukt(ty, &fields)
            }
            Ty::Param { name, .. } => {
                Err(Unknown::new(ty, format!("`{name}` is a generic parameter: rustc lays out each instantiation")))
            }
            Ty::Opaque(_) => Err(Unknown::new(ty, "the hidden type of an `impl Trait` is not known from the source")),
            Ty::Closure { captures, .. } => {
                // A closure is a struct of its captures. A captured place is always sized,
                // so a reference to one is thin even when its type is not known.
                let mut fields = Vec::with_capacity(captures.len());
                for capture in captures {
                    let layout = match capture {
                        Ty::Ref { inner, .. } if **inner == Ty::Unknown => Layout::scalar(p, p, 1),
                        other => self.of(other, depth + 1)?,
                    };
                    fields.push(layout);
                }
                self.strukt(ty, &fields)
            }
            Ty::AsyncFnFuture { .. } | Ty::BlockFuture { .. } => self.futures.future(ty),
            Ty::Inst { ty: inner, .. } => self.of(inner, depth + 1),
            Ty::Assoc { .. } => {
                let normal = crate::lower::normalize(self.env.index, ty);
                if matches!(normal, Ty::Assoc { .. }) {
                    return Err(Unknown::new(
                        ty,
                        "an associated type of a generic parameter: rustc lays out each instantiation",
                    ));
                }
                self.of(&normal, depth + 1)
            }
            Ty::Adt { name, args } => {
                if let Some(decl) = self.env.index.adt(name)
                    && decl.tree == crate::resolve::Tree::File
                {
                    return self.declared(ty, decl, args, depth);
                }
                if let Some((params, target)) = self.env.index.alias(name) {
                    let target = substitute(target, params, args);
                    // `type Result<T> = std::result::Result<T, E>` names the std type it shadows.
                    return match &target {
                        Ty::Adt { name: inner, args: inner_args } if inner == name => self
                            .std(&target, inner, inner_args, depth + 1)
                            .unwrap_or_else(|| Err(Unknown::new(&target, "it is not declared in this file"))),
                        _ => self.of(&target, depth + 1),
                    };
                }
                match self.std(ty, name, args, depth) {
                    Some(result) => result,
                    // std types whose fields the model writes as std does.
                    None if let Some(decl) = self.env.index.adt(name).filter(|d| d.std_fields) => {
                        self.declared(ty, decl, args, depth)
                    }
                    None if self.env.index.adt(name).is_some() => {
                        Err(Unknown::new(ty, "std's type is in the model, but not its size"))
                    }
                    None if name.contains("::") => Err(Unknown::new(
                        ty,
                        format!("`{name}` comes from another crate, whose types the source does not show"),
                    )),
                    None => Err(Unknown::new(ty, "it is not declared in this file")),
                }
            }
        }
    }

    fn all(&mut self, tys: &[Ty], depth: u32) -> Result<Vec<Layout>, Unknown> {
        tys.iter().map(|t| self.of(t, depth + 1)).collect()
    }

    fn arg(&mut self, ty: &Ty, args: &[Ty], i: usize, depth: u32) -> Res {
        match args.get(i) {
            Some(arg) => self.of(arg, depth + 1),
            None => Err(Unknown::new(ty, "a generic argument is missing")),
        }
    }

    /// A struct, enum or union declared in the file.
    fn declared(&mut self, ty: &Ty, decl: &AdtDecl, args: &[Ty], depth: u32) -> Res {
        if decl.generics.len() > args.len() {
            return Err(Unknown::new(ty, "its generic arguments are not known"));
        }
        let subst = |t: &Ty| substitute(t, &decl.generics, args);
        let repr = parse_repr(&decl.repr).ok_or_else(|| Unknown::new(ty, "its `#[repr]` is not understood"))?;
        let bound = self.bound();
        match decl.kind {
            AdtKind::Struct => {
                let fields: Vec<Ty> = decl.fields.iter().map(|(_, t)| subst(t)).collect();
                let layouts = self.all(&fields, depth)?;
                abi::univariant(&layouts, &repr, StructKind::AlwaysSized, bound)
                    .map(|s| s.layout)
                    .ok_or_else(|| self.too_big(ty))
            }
            AdtKind::Union => {
                let fields: Vec<Ty> = decl.fields.iter().map(|(_, t)| subst(t)).collect();
                let layouts = self.all(&fields, depth)?;
                abi::union(&layouts, &repr, bound).ok_or_else(|| self.too_big(ty))
            }
            AdtKind::Enum => {
                let mut variants = Vec::with_capacity(decl.variants.len());
                for (_, fields) in &decl.variants {
                    let fields: Vec<Ty> = fields.iter().map(&subst).collect();
                    variants.push(self.all(&fields, depth)?);
                }
                let discriminants =
                    discriminants(decl).ok_or_else(|| Unknown::new(ty, "a discriminant is not an integer literal"))?;
                let input = EnumInput {
                    variants: &variants,
                    discriminants: &discriminants,
                    explicit_discriminants: !decl.explicit_discriminants.is_empty(),
                    repr,
                };
                abi::enumeration(&input, bound).ok_or_else(|| self.too_big(ty))
            }
        }
    }

    /// The std types the model knows, or `None` for any other name.
    fn std(&mut self, ty: &Ty, name: &str, args: &[Ty], depth: u32) -> Option<Res> {
        let p = self.ptr();
        let first = args.first().cloned().unwrap_or(Ty::Unknown);
        let result = match name {
            "String" | "OsString" | "PathBuf" | "Vec" | "BinaryHeap" => Ok(self.vec()),
            "VecDeque" => {
                let usize = self.usize();
                let raw = self.raw_vec();
                self.strukt(ty, &[usize, usize, raw])
            }
            "Box" | "Rc" | "Arc" | "NonNull" | "Unique" | "rc::Weak" | "sync::Weak" => {
                if matches!(first, Ty::Unknown) && args.is_empty() {
                    return Some(Err(Unknown::new(ty, "its pointee is not known")));
                }
                Ok(self.pointer(&first, true))
            }
            "CString" => Ok(self.pointer(&Ty::Slice(Box::new(Ty::Prim(Prim::U8))), true)),
            "Pin" | "ManuallyDrop" | "Wrapping" | "Reverse" | "Saturating" | "AssertUnwindSafe" => {
                self.arg(ty, args, 0, depth)
            }
            "Cell" | "UnsafeCell" | "SyncUnsafeCell" | "MaybeUninit" => {
                self.arg(ty, args, 0, depth).map(Layout::without_niche)
            }
            "RefCell" => {
                let value = self.arg(ty, args, 0, depth).map(Layout::without_niche);
                value.and_then(|v| self.unsized_tail(ty, &[self.usize(), v]))
            }
            "Mutex" => {
                let value = self.arg(ty, args, 0, depth).map(Layout::without_niche);
                value.and_then(|v| self.unsized_tail(ty, &[Layout::plain(4, 4), Layout::plain(1, 1), v]))
            }
            "RwLock" => {
                let value = self.arg(ty, args, 0, depth).map(Layout::without_niche);
                value.and_then(|v| self.unsized_tail(ty, &[Layout::plain(8, 4), Layout::plain(1, 1), v]))
            }
            "PhantomData" | "PhantomPinned" | "Pending" | "Global" => Ok(Layout::zst()),
            "Duration" | "Instant" | "SystemTime" => self.strukt(ty, &[Layout::plain(8, 8), nanoseconds()]),
            "Option" => self.arg(ty, args, 0, depth).and_then(|t| self.enumeration(ty, &[vec![], vec![t]])),
            "Ready" => self.arg(ty, args, 0, depth).and_then(|t| self.enumeration(ty, &[vec![], vec![t]])),
            "Result" => {
                if args.len() < 2 {
                    return Some(Err(Unknown::new(ty, "its error type is not known (a `Result` alias?)")));
                }
                let ok = self.arg(ty, args, 0, depth);
                let err = self.arg(ty, args, 1, depth);
                ok.and_then(|ok| err.and_then(|err| self.enumeration(ty, &[vec![ok], vec![err]])))
            }
            "Poll" => self.arg(ty, args, 0, depth).and_then(|t| self.enumeration(ty, &[vec![t], vec![]])),
            "ControlFlow" => {
                let brk = self.arg(ty, args, 0, depth);
                let cont = if args.len() > 1 { self.arg(ty, args, 1, depth) } else { Ok(Layout::zst()) };
                brk.and_then(|b| cont.and_then(|c| self.enumeration(ty, &[vec![c], vec![b]])))
            }
            "Cow" => self.cow(ty, &first, depth),
            "NonZeroU8" | "NonZeroI8" => Ok(Layout::scalar(1, 1, 1)),
            "NonZeroU16" | "NonZeroI16" => Ok(Layout::scalar(2, 2, 1)),
            "NonZeroU32" | "NonZeroI32" => Ok(Layout::scalar(4, 4, 1)),
            "NonZeroU64" | "NonZeroI64" => Ok(Layout::scalar(8, 8, 1)),
            "NonZeroU128" | "NonZeroI128" => Ok(Layout::scalar(16, 16, 1)),
            "NonZeroUsize" | "NonZeroIsize" => Ok(Layout::scalar(p, p, 1)),
            "NonZero" => self.arg(ty, args, 0, depth).map(|l| Layout::scalar(l.size, l.align, 1)),
            "AtomicBool" | "AtomicU8" | "AtomicI8" => Ok(Layout::plain(1, 1)),
            "AtomicU16" | "AtomicI16" => Ok(Layout::plain(2, 2)),
            "AtomicU32" | "AtomicI32" => Ok(Layout::plain(4, 4)),
            "AtomicU64" | "AtomicI64" => Ok(Layout::plain(8, 8)),
            "AtomicUsize" | "AtomicIsize" | "AtomicPtr" => Ok(self.usize()),
            "Ipv4Addr" => Ok(Layout::plain(4, 1)),
            "Ipv6Addr" => Ok(Layout::plain(16, 1)),
            "IpAddr" => self.enumeration(ty, &[vec![Layout::plain(4, 1)], vec![Layout::plain(16, 1)]]),
            "SocketAddrV4" => self.socket_v4(ty),
            "SocketAddrV6" => self.socket_v6(ty),
            "SocketAddr" => {
                let v4 = self.socket_v4(ty);
                let v6 = self.socket_v6(ty);
                v4.and_then(|a| v6.and_then(|b| self.enumeration(ty, &[vec![a], vec![b]])))
            }
            "Range" => self.arg(ty, args, 0, depth).and_then(|t| self.strukt(ty, &[t, t])),
            "RangeInclusive" => {
                self.arg(ty, args, 0, depth).and_then(|t| self.strukt(ty, &[t, t, prim_layout(Prim::Bool, p)]))
            }
            "File" | "TcpStream" | "TcpListener" | "UdpSocket" | "OwnedFd" | "UnixStream" | "UnixListener" => {
                Ok(Layout::scalar(4, 4, 1))
            }
            "Waker" => self.strukt(ty, &[self.usize(), Layout::scalar(p, p, 1)]),
            "HashMap" | "HashSet" => {
                let hasher_index = if name == "HashMap" { 2 } else { 1 };
                let hasher = match args.get(hasher_index) {
                    Some(h) => self.of(h, depth + 1),
                    None => Ok(Layout::plain(16, 8)),
                };
                let usize = self.usize();
                let table = self.strukt(ty, &[usize, Layout::scalar(p, p, 1), usize, usize]);
                hasher.and_then(|h| table.and_then(|t| self.strukt(ty, &[h, t])))
            }
            "BTreeMap" | "BTreeSet" => {
                let root = self.strukt(ty, &[self.usize(), Layout::scalar(p, p, 1)]);
                let root = root.and_then(|r| self.enumeration(ty, &[vec![], vec![r]]));
                root.and_then(|r| self.strukt(ty, &[r, self.usize()]))
            }
            "Sender" | "SyncSender" | "Receiver" => {
                let flavor = vec![self.usize()];
                self.enumeration(ty, &[flavor.clone(), flavor.clone(), flavor])
            }
            // The slice's `IterMut` is the shallowest of std's `IterMut`s, so it keeps the short name.
            "Chars" | "Bytes" | "slice::Iter" | "IterMut" => Ok(self.slice_iter()),
            "vec_deque::Iter" | "vec_deque::IterMut" => {
                let it = self.slice_iter();
                self.strukt(ty, &[it, it])
            }
            "vec::IntoIter" => {
                let non_null = Layout::scalar(p, p, 1);
                self.strukt(ty, &[non_null, self.usize(), non_null, self.usize()])
            }
            "vec_deque::IntoIter" => {
                let usize = self.usize();
                let raw = self.raw_vec();
                self.strukt(ty, &[usize, usize, raw])
            }
            "array::IntoIter" => match args.get(1).map(Ty::concrete) {
                Some(Ty::Const(n)) => {
                    let elem = self.arg(ty, args, 0, depth);
                    let data = elem.and_then(|e| {
                        Layout::array(e.without_niche(), *n, self.bound()).ok_or_else(|| self.too_big(ty))
                    });
                    data.and_then(|d| self.strukt(ty, &[self.usize(), self.usize(), d]))
                }
                _ => Err(Unknown::new(ty, "its length is not known")),
            },
            // hashbrown's and the B-tree's iterators do not depend on the element type; these
            // are their 64-bit sizes.
            "hash_map::Iter" | "hash_map::IterMut" | "hash_set::Iter" if p == 8 => Ok(opaque(40, 1)),
            "hash_map::IntoIter" | "hash_set::IntoIter" if p == 8 => Ok(opaque(64, u128::from(u64::MAX))),
            "btree_map::Iter"
            | "btree_map::IterMut"
            | "btree_map::IntoIter"
            | "btree_set::Iter"
            | "btree_set::IntoIter"
                if p == 8 =>
            {
                Ok(opaque(72, u128::from(u64::MAX)))
            }
            "CharIndices" => self.strukt(ty, &[self.usize(), self.slice_iter()]),
            "Enumerate" | "Skip" | "Take" => {
                self.arg(ty, args, 0, depth).and_then(|inner| self.strukt(ty, &[inner, self.usize()]))
            }
            "Rev" | "Copied" | "Cloned" | "PollFn" => self.arg(ty, args, 0, depth),
            // The guards and borrows: a pointer to the value and one to the lock or flag (or a
            // `bool` poison guard), the first non-null.
            "Ref" | "RefMut" | "MutexGuard" | "RwLockReadGuard" | "RwLockWriteGuard" => {
                Ok(Layout { size: 2 * p, ..Layout::scalar(p, p, 1) })
            }
            "OnceCell" => self
                .arg(ty, args, 0, depth)
                .and_then(|inner| self.enumeration(ty, &[vec![], vec![inner]]))
                .map(Layout::without_niche),
            "OnceLock" => self
                .arg(ty, args, 0, depth)
                .map(Layout::without_niche)
                .and_then(|inner| self.strukt(ty, &[Layout::plain(4, 4), inner])),
            "Condvar" => Ok(Layout::plain(4, 4)),
            // `Zip` keeps an index and a length beside its two iterators.
            "Zip" => self.arg(ty, args, 0, depth).and_then(|a| {
                let b = self.arg(ty, args, 1, depth)?;
                self.strukt(ty, &[a, b, self.usize(), self.usize()])
            }),
            "Chunks" | "Windows" => {
                let slice = self.pointer(&Ty::Slice(Box::new(first.clone())), true);
                self.strukt(ty, &[slice, self.usize()])
            }
            "ChunksMut" => self.strukt(ty, &[Layout::plain(2 * p, p), self.usize()]),
            "Infallible" => Ok(Layout::never()),
            // String searchers (64-bit): the pattern decides which (`char` or `&str`).
            "Lines" | "SplitTerminator" | "RSplit" if p == 8 => Ok(opaque(72, 1)),
            "Split" if p == 8 => match first.peel_refs() {
                Ty::Prim(Prim::Char) => Ok(opaque(72, 1)),
                Ty::Str => Ok(opaque(128, 1)),
                t if t.is_adt("String") => Ok(opaque(128, 1)),
                // A predicate or a set of chars: the searcher holds the haystack, a
                // `CharIndices` and the pattern; `start`, `end` and two flags around it.
                pattern @ (Ty::Closure { .. } | Ty::FnPtr | Ty::Array(..)) => self.of(pattern, depth + 1).map(|f| {
                    let round = |n: u64, a: u64| n.div_ceil(a) * a;
                    let searcher = round(5 * p + f.size, f.align.max(p));
                    opaque(round(2 * p + searcher + 2, p), 1)
                }),
                _ => Err(Unknown::new(
                    ty,
                    "its size depends on the pattern: a `char`, a `&str`, a closure or `[char; N]` is known",
                )),
            },
            "SplitN" if p == 8 && matches!(first, Ty::Prim(Prim::Char)) => Ok(opaque(80, 1)),
            "Matches" | "MatchIndices" if p == 8 && matches!(first, Ty::Prim(Prim::Char)) => Ok(opaque(48, 1)),
            "SplitWhitespace" if p == 8 => Ok(opaque(64, 1)),
            "SplitAsciiWhitespace" if p == 8 => Ok(opaque(24, 1)),
            "EscapeDefault" if p == 8 => Ok(opaque(56, 1)),
            "hash_map::Keys" | "hash_map::Values" | "hash_map::ValuesMut" if p == 8 => Ok(opaque(40, 1)),
            "hash_map::IntoKeys" | "hash_map::IntoValues" if p == 8 => Ok(opaque(64, u128::from(u64::MAX))),
            "hash_map::Drain" | "hash_set::Drain" if p == 8 => Ok(opaque(80, 1)),
            "btree_map::Keys"
            | "btree_map::Values"
            | "btree_map::ValuesMut"
            | "btree_map::IntoKeys"
            | "btree_map::IntoValues"
                if p == 8 =>
            {
                Ok(opaque(72, u128::from(u64::MAX)))
            }
            "btree_map::Range" | "RangeMut" | "btree_set::Range" if p == 8 => Ok(Layout::plain(48, 8)),
            "vec::Drain" | "string::Drain" | "vec_deque::Drain" if p == 8 => Ok(opaque(40, 1)),
            "JoinHandle" if p == 8 => Ok(opaque(24, 1)),
            "LinkedList" => self.strukt(ty, &[self.usize(), self.usize(), self.usize()]),
            "DefaultHasher" if p == 8 => Ok(Layout::plain(72, 8)),
            "ToUppercase" | "ToLowercase" if p == 8 => Ok(Layout::plain(32, 8)),
            _ => return None,
        };
        Some(result)
    }

    /// `RawVec`: a non-null pointer and a capacity whose top bit is never set.
    fn raw_vec(&self) -> Layout {
        let p = self.ptr();
        let cap = Layout::scalar(p, p, 1u128 << (p * 8 - 1));
        abi::univariant(&[Layout::scalar(p, p, 1), cap], &Repr::default(), StructKind::AlwaysSized, self.bound())
            .map(|s| s.layout)
            .unwrap_or(cap)
    }

    /// `slice::Iter`: a non-null pointer and an end pointer.
    fn slice_iter(&self) -> Layout {
        let p = self.ptr();
        Layout { size: 2 * p, ..Layout::scalar(p, p, 1) }
    }

    /// `Vec<T>` and `String`: a `RawVec` and a length.
    fn vec(&self) -> Layout {
        abi::univariant(&[self.raw_vec(), self.usize()], &Repr::default(), StructKind::AlwaysSized, self.bound())
            .map(|s| s.layout)
            .unwrap_or_else(|| self.raw_vec())
    }

    /// `Cow<'_, B>`: `Borrowed(&B)` or `Owned(B::Owned)`.
    fn cow(&mut self, ty: &Ty, borrowed: &Ty, depth: u32) -> Res {
        let owned = match borrowed {
            Ty::Str => Ok(self.vec()),
            Ty::Slice(_) => Ok(self.vec()),
            Ty::Unknown => Err(Unknown::new(ty, "its borrowed type is not known")),
            other => self.of(other, depth + 1),
        }?;
        let by_ref = self.pointer(borrowed, true);
        self.enumeration(ty, &[vec![by_ref], vec![owned]])
    }

    fn socket_v4(&self, ty: &Ty) -> Res {
        self.strukt(ty, &[Layout::plain(4, 1), Layout::plain(2, 2)])
    }

    fn socket_v6(&self, ty: &Ty) -> Res {
        self.strukt(ty, &[Layout::plain(16, 1), Layout::plain(2, 2), Layout::plain(4, 4), Layout::plain(4, 4)])
    }
}

/// A 64-bit std type known by its size only, with a niche of `available` values in its first
/// pointer-sized word.
fn opaque(size: u64, available: u128) -> Layout {
    Layout { niche: Some(abi::Niche { offset: 0, size: 8, available }), ..Layout::plain(size, 8) }
}

/// The nanoseconds of a `Duration`: a `u32` below one billion.
fn nanoseconds() -> Layout {
    Layout::scalar(4, 4, (1u128 << 32) - 1_000_000_000)
}

fn prim_layout(prim: Prim, pointer: u64) -> Layout {
    match prim {
        Prim::Bool => Layout::scalar(1, 1, 254),
        Prim::Char => Layout::scalar(4, 4, (1u128 << 32) - 0x11_0000),
        Prim::I8 | Prim::U8 => Layout::plain(1, 1),
        Prim::I16 | Prim::U16 => Layout::plain(2, 2),
        Prim::I32 | Prim::U32 | Prim::F32 => Layout::plain(4, 4),
        Prim::I64 | Prim::U64 | Prim::F64 => Layout::plain(8, 8),
        Prim::I128 | Prim::U128 => Layout::plain(16, 16),
        Prim::Isize | Prim::Usize => Layout::plain(pointer, pointer),
    }
}

enum Unsized {
    Slice,
    Dyn,
}

/// Whether a pointer to `ty` carries metadata (a length or a vtable).
fn unsized_kind(ty: &Ty) -> Option<Unsized> {
    match ty {
        Ty::Str | Ty::Slice(_) => Some(Unsized::Slice),
        Ty::Adt { name, .. } if matches!(name.as_str(), "CStr" | "OsStr" | "Path") => Some(Unsized::Slice),
        Ty::Dyn(..) => Some(Unsized::Dyn),
        _ => None,
    }
}

/// The discriminant of every variant: explicit ones as written, the others one more than the
/// previous variant's. `None` if an explicit value is not an integer literal.
fn discriminants(decl: &AdtDecl) -> Option<Vec<i128>> {
    let mut out = Vec::with_capacity(decl.variants.len());
    let mut next: i128 = 0;
    for i in 0..decl.variants.len() {
        let value = match decl.explicit_discriminants.iter().find(|(v, _)| *v == i) {
            Some((_, Some(v))) => *v,
            Some((_, None)) => return None,
            None => next,
        };
        out.push(value);
        next = value.checked_add(1)?;
    }
    Some(out)
}

/// `#[repr(..)]` arguments as the layout code needs them; `None` for an unknown one.
fn parse_repr(args: &[String]) -> Option<Repr> {
    let mut repr = Repr::default();
    for arg in args {
        let arg = arg.replace(' ', "");
        let int = |size: u64, signed: bool| Some((size, signed));
        match arg.as_str() {
            "C" => {
                repr.c = true;
                repr.keep_order = true;
            }
            "Rust" | "transparent" => {}
            "packed" => repr.pack = Some(1),
            "u8" => repr.int = int(1, false),
            "i8" => repr.int = int(1, true),
            "u16" => repr.int = int(2, false),
            "i16" => repr.int = int(2, true),
            "u32" => repr.int = int(4, false),
            "i32" => repr.int = int(4, true),
            "u64" => repr.int = int(8, false),
            "i64" => repr.int = int(8, true),
            "u128" => repr.int = int(16, false),
            "i128" => repr.int = int(16, true),
            other => {
                let (kind, n) = other.strip_suffix(')').and_then(|o| o.split_once('('))?;
                let n: u64 = n.parse().ok().filter(|n: &u64| n.is_power_of_two())?;
                match kind {
                    "packed" => repr.pack = Some(n),
                    "align" => repr.align = Some(n),
                    _ => return None,
                }
            }
        }
    }
    if repr.int.is_some() {
        repr.keep_order = true;
    }
    Some(repr)
}

#[cfg(test)]
mod tests {
    use super::*;

    struct NoFutures;

    impl FutureSizes for NoFutures {
        fn future(&mut self, ty: &Ty) -> Result<Layout, Unknown> {
            Err(Unknown::new(ty, "no futures in this test"))
        }
    }

    fn size(ty: &Ty) -> Option<(u64, u64)> {
        let index = FileIndex::default();
        let env = Env { target: Target::from_width(64), index: &index, assume: &[] };
        layout_of(ty, &env, &mut NoFutures).ok().map(|l| (l.size, l.align))
    }

    fn adt(name: &str, args: Vec<Ty>) -> Ty {
        Ty::adt(name, args)
    }

    #[test]
    fn std_sizes() {
        let u8_ = Ty::Prim(Prim::U8);
        assert_eq!(size(&Ty::string()), Some((24, 8)));
        assert_eq!(size(&adt("Option", vec![Ty::string()])), Some((24, 8)));
        assert_eq!(size(&adt("Option", vec![Ty::Prim(Prim::Bool)])), Some((1, 1)));
        assert_eq!(size(&adt("Option", vec![Ty::Prim(Prim::Char)])), Some((4, 4)));
        assert_eq!(size(&adt("Option", vec![Ty::Prim(Prim::U32)])), Some((8, 4)));
        assert_eq!(size(&adt("Option", vec![adt("Duration", vec![])])), Some((16, 8)));
        assert_eq!(size(&Ty::reference(Ty::Str)), Some((16, 8)));
        assert_eq!(size(&adt("Box", vec![Ty::Dyn("Future".into(), None)])), Some((16, 8)));
        assert_eq!(size(&adt("Pin", vec![adt("Box", vec![u8_.clone()])])), Some((8, 8)));
        assert_eq!(size(&adt("RefCell", vec![u8_.clone()])), Some((16, 8)));
        assert_eq!(size(&adt("HashMap", vec![u8_.clone(), u8_])), Some((48, 8)));
        assert_eq!(size(&Ty::Unknown), None);
    }

    #[test]
    fn assumptions_parse() {
        let a = Assumption::parse("Sleep=16:8").unwrap();
        assert_eq!((a.ty.as_str(), a.size, a.align), ("Sleep", 16, 8));
        assert_eq!(Assumption::parse("Foo<u8> = 12").unwrap().align, 4);
        assert!(Assumption::parse("Foo").is_err());
        assert!(Assumption::parse("Foo=3:2").is_err());
        assert!(Assumption::parse("=3").is_err());
    }
}
