//! An index of the items a file declares: its modules and what they name and import, types,
//! traits, impls, fns and consts, with every type in their signatures resolved to what its path
//! names (`crate::resolve`).
//!
//! In: the file's top-level `syn::Item`s, one at a time ([`IndexBuilder`]), or std's model
//! (`crate::stdlib`). Out: [`FileIndex`], plain data the later stages query to type
//! expressions (fields, signatures, methods), to judge drop glue, `Copy` and `Send`, and to
//! name each future as rustc names it. Paths are resolved once every item is known, so an item
//! may use a type declared further down.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use crate::diagnostics::Origin;

use crate::resolve::{self, Modules, Ns, Res, Resolver, Tree};
use crate::ty::{self, Ty, TyCtx};

/// A struct, enum or union.
#[derive(Clone, Debug, Default)]
pub struct AdtDecl {
    /// The key types name it by: its path in the file (`rt::Mutex`), or its std short name.
    pub key: String,
    pub name: String,
    pub kind: AdtKind,
    /// Named or positional fields (`"0"`, `"1"`, ... for tuple structs).
    pub fields: Vec<(String, Ty)>,
    /// Enum variants with their field types.
    pub variants: Vec<(String, Vec<Ty>)>,
    /// The field names of each variant, parallel to `variants`.
    pub variant_field_names: Vec<Vec<String>>,
    /// `Copy` (derived or implemented): a generic one is `Copy` when its arguments are.
    pub copy: bool,
    /// `Clone` (derived or implemented; std's types are, except its guards): a type that is
    /// not reaches `clone` through `Deref` (`guard.clone()` clones what it guards).
    pub clone: bool,
    pub has_drop_impl: bool,
    /// `impl !Send for ..` (std's guards, `Rc`).
    pub not_send: bool,
    /// In std's model, `#[futurelens(layout)]`: the fields are std's own, so the type is laid
    /// out from them.
    pub std_fields: bool,
    /// `#[repr(..)]` arguments, e.g. `["C"]`, `["u8"]` or `["align(8)"]`.
    pub repr: Vec<String>,
    /// Enum variants written with `= value`: the variant's index and the value, when it is an
    /// integer literal.
    pub explicit_discriminants: Vec<(usize, Option<i128>)>,
    pub generics: Vec<String>,
    /// Where it is declared.
    pub tree: Tree,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum AdtKind {
    #[default]
    Struct,
    Enum,
    Union,
}

impl AdtDecl {
    pub fn field_types(&self) -> Vec<Ty> {
        let mut tys: Vec<Ty> = self.fields.iter().map(|(_, t)| t.clone()).collect();
        for (_, fields) in &self.variants {
            tys.extend(fields.iter().cloned());
        }
        tys
    }

    pub fn field(&self, name: &str) -> Option<&Ty> {
        self.fields.iter().find(|(n, _)| n == name).map(|(_, t)| t)
    }

    /// The type of a named field of an enum variant.
    pub fn variant_field(&self, variant: &str, name: &str) -> Option<&Ty> {
        let i = self.variants.iter().position(|(v, _)| v == variant)?;
        let j = self.variant_field_names.get(i)?.iter().position(|n| n == name)?;
        self.variants[i].1.get(j)
    }
}

/// How a method takes `self`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Receiver {
    Ref,
    RefMut,
    Value,
}

/// The callable traits a generic parameter can be bound by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FnTrait {
    Fn,
    FnMut,
    FnOnce,
    AsyncFn,
    AsyncFnMut,
    AsyncFnOnce,
}

impl FnTrait {
    fn from_name(name: &str) -> Option<FnTrait> {
        Some(match name {
            "Fn" => FnTrait::Fn,
            "FnMut" => FnTrait::FnMut,
            "FnOnce" => FnTrait::FnOnce,
            "AsyncFn" => FnTrait::AsyncFn,
            "AsyncFnMut" => FnTrait::AsyncFnMut,
            "AsyncFnOnce" => FnTrait::AsyncFnOnce,
            _ => return None,
        })
    }

    pub fn is_async(self) -> bool {
        matches!(self, FnTrait::AsyncFn | FnTrait::AsyncFnMut | FnTrait::AsyncFnOnce)
    }
}

/// A bound on a generic parameter.
#[derive(Clone, Debug, PartialEq)]
pub enum Bound {
    /// `F: Fn(A, B) -> R` (or `FnMut`, `FnOnce`, `AsyncFn`...).
    Fn { kind: FnTrait, inputs: Vec<Ty>, output: Ty },
    /// `T: Trait<Args, Assoc = Ty>`, by the trait's key.
    Trait { key: String, args: Vec<Ty>, assoc: Vec<(String, Ty)> },
}

/// A generic type parameter, with what it is bound by. `impl Trait` arguments are parameters
/// too (named `impl Trait`), after the declared ones, as rustc lists them.
#[derive(Clone, Debug, PartialEq)]
pub struct GenericParam {
    pub name: String,
    pub copy: bool,
    pub bounds: Vec<Bound>,
    /// The type an instance of the item binds it to.
    pub bound_to: Option<Ty>,
}

impl GenericParam {
    pub fn plain(name: &str) -> GenericParam {
        GenericParam { name: name.to_string(), copy: false, bounds: Vec::new(), bound_to: None }
    }

    /// The return type of a callable bound (`F: Fn() -> R` gives `R`).
    pub fn call_output(&self) -> Option<(FnTrait, &Ty)> {
        self.bounds.iter().find_map(|b| match b {
            Bound::Fn { kind, output, .. } => Some((*kind, output)),
            Bound::Trait { .. } => None,
        })
    }

    /// The item type an iterator bound names (`I: IntoIterator<Item = (S, S)>` gives `(S, S)`).
    pub fn iter_item(&self) -> Option<&Ty> {
        self.bounds.iter().find_map(|b| match b {
            Bound::Trait { key, assoc, .. } if key == "IntoIterator" || key == "Iterator" => {
                assoc.iter().find(|(n, _)| n == "Item").map(|(_, t)| t)
            }
            _ => None,
        })
    }

    /// The input types of a callable bound.
    pub fn call_inputs(&self) -> Option<&[Ty]> {
        self.bounds.iter().find_map(|b| match b {
            Bound::Fn { inputs, .. } => Some(inputs.as_slice()),
            Bound::Trait { .. } => None,
        })
    }

    /// The traits the parameter is bound by.
    pub fn traits(&self) -> impl Iterator<Item = &str> {
        self.bounds.iter().filter_map(|b| match b {
            Bound::Trait { key, .. } => Some(key.as_str()),
            Bound::Fn { .. } => None,
        })
    }
}

/// A trait.
#[derive(Clone, Debug, Default)]
pub struct TraitDecl {
    pub key: String,
    pub name: String,
    pub generics: Vec<GenericParam>,
    /// Its methods; those with a default body have `has_body`.
    pub methods: Vec<Arc<FnSig>>,
    /// `#[futurelens(blanket)]` in std's model: every type has these methods.
    pub blanket: bool,
    pub tree: Tree,
}

/// An `impl` block.
#[derive(Clone, Debug)]
pub struct ImplDecl {
    pub module: Vec<String>,
    pub generics: Vec<GenericParam>,
    /// The implementing type, with the impl's parameters in it.
    pub self_ty: Ty,
    /// The key of the implementing type (`None` for a reference, tuple, slice...).
    pub self_key: Option<String>,
    pub trait_key: Option<String>,
    pub trait_args: Vec<Ty>,
    /// `impl !Send for ..`.
    pub negative: bool,
    pub methods: Vec<Arc<FnSig>>,
    /// `type Item = ..;`
    pub assoc_types: Vec<(String, Ty)>,
    /// `const MAX: u32 = ..;`
    pub assoc_consts: Vec<(String, Ty)>,
    pub tree: Tree,
}

/// How rustc writes a fn's name, for the names of its instances.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum SigForm {
    /// `f`, `m::f`.
    #[default]
    Free,
    /// `Type::m`; `module::<impl Type>::m` for an impl in another module than the type.
    Inherent { elsewhere: Option<Vec<String>> },
    /// `<Type as Trait>::m`.
    TraitImpl,
    /// A trait's own method; its default body run for a type is `<Type as Trait>::m`.
    TraitItem,
}

/// The signature of a fn or method.
#[derive(Clone, Debug)]
pub struct FnSig {
    /// The futurelens name: rustc's, without generic arguments (`f`, `m::f`, `Type::method`,
    /// `<Type as Trait>::method`, `Trait::method` for a trait's default body).
    pub name: String,
    pub ident: String,
    pub is_async: bool,
    /// The declared return type (for an async fn, the output of its future).
    pub output: Ty,
    pub receiver: Option<Receiver>,
    /// The key of the implementing type (methods), or of the trait (trait items).
    pub self_ty: Option<String>,
    /// The implementing type itself (`Self`), with the impl's parameters in it.
    pub self_pattern: Option<Ty>,
    pub params: Vec<Ty>,
    /// The impl's generic parameters, then the fn's, then one per `impl Trait` argument.
    pub generics: Vec<GenericParam>,
    /// How many of `generics` are the impl's (or the trait's, with `Self` first).
    pub impl_generics: usize,
    /// The trait it belongs to or implements.
    pub trait_key: Option<String>,
    /// A body: always for fns and impl methods; for trait methods, a default body.
    pub has_body: bool,
    /// Under `#[async_recursion]` or `#[async_trait]`, whose expansion returns the future
    /// boxed (`Pin<Box<dyn Future>>`); futurelens still types the call as the inline future.
    pub boxed_by_macro: bool,
    pub module: Vec<String>,
    /// A trait's default body run for an implementing type: the trait method's name.
    pub default_of: Option<String>,
    /// A sync fn returning `impl Future` whose body's value is this async block (`async block@L:C`).
    pub returns_block: Option<String>,
    /// A generic sync fn whose body holds async blocks or closures: each instance of it has
    /// its own futures, so calls ask for its instances too.
    pub hosts_futures: bool,
    /// Where the fn starts in the source, to find it again when lowering.
    pub start_byte: usize,
    pub tree: Tree,
    pub form: SigForm,
}

impl FnSig {
    /// Whether the signature has generic parameters that are not `Copy`-bound only... that is,
    /// any type parameter at all (rustc lays out only instantiations of such a body).
    pub fn is_generic(&self) -> bool {
        !self.generics.is_empty()
    }

    /// The type a call evaluates to: the future for an async fn, the output otherwise.
    pub fn call_type(&self) -> Ty {
        self.call_type_with(Vec::new())
    }

    /// The type a call with these generic arguments evaluates to.
    pub fn call_type_with(&self, args: Vec<Ty>) -> Ty {
        if self.is_async {
            return Ty::AsyncFnFuture { name: self.name.clone(), args };
        }
        if let Some(block) = &self.returns_block {
            return Ty::BlockFuture { name: block.clone(), args, output: Box::new(Ty::Unknown) };
        }
        let params: Vec<String> = self.generics.iter().map(|g| g.name.clone()).collect();
        if args.is_empty() { self.output.clone() } else { ty::substitute(&self.output, &params, &args) }
    }
}

/// A constant or static: its type and, for an integer, its value.
#[derive(Clone, Debug)]
pub struct ConstDecl {
    pub ty: Ty,
    pub value: Option<i128>,
}

#[derive(Clone, Debug, Default)]
pub struct FileIndex {
    pub tree: Tree,
    pub modules: Modules,
    pub adts: BTreeMap<String, AdtDecl>,
    pub traits: BTreeMap<String, TraitDecl>,
    /// Free fns by key (`f`, `m::f`).
    pub fns: BTreeMap<String, Arc<FnSig>>,
    pub impls: Vec<ImplDecl>,
    /// `type Name<P..> = Target;` by key: the generic parameters and the target type.
    pub aliases: BTreeMap<String, (Vec<String>, Ty)>,
    pub consts: BTreeMap<String, ConstDecl>,
    /// The integer constants' values, by key.
    pub const_values: BTreeMap<String, i128>,
    /// Async fns and methods (and the trait default bodies implementing types run) by
    /// futurelens name.
    pub by_name: BTreeMap<String, Arc<FnSig>>,
    /// Every fn-like item with a body, by where it starts in the source.
    pub by_start: BTreeMap<usize, Arc<FnSig>>,
    /// The impls of each type, by key.
    impls_of: BTreeMap<String, Vec<usize>>,
    /// Free fns by simple name, for calls whose path resolution fails.
    fns_by_ident: BTreeMap<String, Vec<String>>,
}

impl FileIndex {
    pub fn build(file: &syn::File) -> FileIndex {
        IndexBuilder::default().build(&file.items)
    }

    fn std(&self) -> &'static FileIndex {
        crate::stdlib::index()
    }

    fn stores_std(&self) -> bool {
        self.tree == Tree::Std
    }

    /// A resolver of paths written in this file.
    pub fn resolver(&self) -> Resolver<'_> {
        let std = if self.stores_std() { &self.modules } else { &self.std().modules };
        Resolver::new(&self.modules, std)
    }

    /// A type written at the top level of the file, resolved.
    pub fn type_from_syn(&self, ty: &syn::Type) -> Ty {
        let resolver = self.resolver();
        let std_aliases = if self.stores_std() { &self.aliases } else { &self.std().aliases };
        let ctx = TyCtx {
            aliases: Some(&self.aliases),
            std_aliases: Some(std_aliases),
            consts: Some(&self.const_values),
            ..TyCtx::new(&resolver, &[])
        };
        ty::from_syn(ty, &ctx)
    }

    /// A struct, enum or union by key, of the file or of std.
    pub fn adt(&self, key: &str) -> Option<&AdtDecl> {
        self.adts.get(key).or_else(|| if self.stores_std() { None } else { self.std().adts.get(key) })
    }

    pub fn trait_decl(&self, key: &str) -> Option<&TraitDecl> {
        self.traits.get(key).or_else(|| if self.stores_std() { None } else { self.std().traits.get(key) })
    }

    /// A type alias by key, of the file or of std.
    pub fn alias(&self, key: &str) -> Option<&(Vec<String>, Ty)> {
        self.aliases.get(key).or_else(|| if self.stores_std() { None } else { self.std().aliases.get(key) })
    }

    /// A free fn of the file by key.
    pub fn free_fn_key(&self, key: &str) -> Option<&FnSig> {
        self.fns.get(key).map(Arc::as_ref)
    }

    /// A free fn of std by key.
    pub fn std_fn(&self, key: &str) -> Option<&FnSig> {
        if self.stores_std() { self.fns.get(key) } else { self.std().fns.get(key) }.map(Arc::as_ref)
    }

    /// A free fn of the file by its simple name, when only one fn has it (or one at the top
    /// level): the fallback for calls whose path does not resolve.
    pub fn free_fn(&self, ident: &str) -> Option<&FnSig> {
        let keys = self.fns_by_ident.get(ident)?;
        let key = if keys.len() == 1 { keys.first() } else { keys.iter().find(|k| !k.contains("::")) }?;
        self.fns.get(key).map(Arc::as_ref)
    }

    /// An integer constant of the file by key.
    pub fn const_value(&self, key: &str) -> Option<i128> {
        self.consts.get(key).and_then(|c| c.value)
    }

    /// The impls (of the file, then of std) of the type with this key.
    pub fn impls_of<'s>(&'s self, key: &str) -> impl Iterator<Item = &'s ImplDecl> + 's {
        let own = self.impls_of.get(key).into_iter().flatten().map(|&i| &self.impls[i]);
        let std: Box<dyn Iterator<Item = &'s ImplDecl>> = if self.stores_std() {
            Box::new(std::iter::empty())
        } else {
            let std = self.std();
            Box::new(std.impls_of.get(key).into_iter().flatten().map(move |&i| &std.impls[i]))
        };
        own.chain(std)
    }

    /// Impls for types without a key (slices, arrays, `str`, references, tuples).
    pub fn structural_impls(&self) -> impl Iterator<Item = &ImplDecl> {
        let std: &[ImplDecl] = if self.stores_std() { &[] } else { &self.std().impls };
        self.impls.iter().chain(std.iter()).filter(|i| i.self_key.is_none())
    }

    /// Every trait of the file and of std whose methods every type has.
    pub fn blanket_traits(&self) -> impl Iterator<Item = &TraitDecl> {
        let std: Box<dyn Iterator<Item = &TraitDecl>> =
            if self.stores_std() { Box::new(std::iter::empty()) } else { Box::new(self.std().traits.values()) };
        self.traits.values().chain(std).filter(|t| t.blanket)
    }

    /// A method or associated fn of the type with this key, by name: inherent first.
    pub fn assoc_fn(&self, self_key: &str, name: &str) -> Option<&FnSig> {
        let impls: Vec<&ImplDecl> = self.impls_of(self_key).collect();
        let inherent = impls.iter().filter(|i| i.trait_key.is_none());
        let traits = impls.iter().filter(|i| i.trait_key.is_some());
        inherent.chain(traits).find_map(|i| i.methods.iter().find(|m| m.ident == name)).map(Arc::as_ref)
    }

    /// The fn with a body that starts at this byte of the source.
    pub fn fn_at(&self, start_byte: usize) -> Option<&FnSig> {
        self.by_start.get(&start_byte).map(Arc::as_ref)
    }

    /// Whether the type with this key has `impl Trait for ..` with this trait key.
    pub fn implements(&self, self_key: &str, trait_key: &str) -> bool {
        self.impls_of(self_key).any(|i| i.trait_key.as_deref() == Some(trait_key) && !i.negative)
    }
}

/// The first of the two passes that build a [`FileIndex`], one top-level item at a time: the
/// names every module declares and imports, and what reading a signature needs beforehand
/// (integer constants, type aliases). [`IndexBuilder::names`] resolves those; the second pass,
/// [`Definer`], reads each item's signatures with every name known, so an item may use a type
/// declared further down. Neither keeps the items' syntax (a big file's items do not fit in
/// memory at once).
#[derive(Default)]
pub struct IndexBuilder {
    tree: Tree,
    modules: Modules,
    /// Every struct, enum and union by module and name, and whether it is also a value (a
    /// tuple or unit struct's constructor).
    /// (module, name, has a constructor fn, the variants of an enum)
    adts: Vec<(Vec<String>, String, bool, Vec<String>)>,
    traits: Vec<(Vec<String>, String)>,
    aliases: Vec<(Vec<String>, syn::ItemType)>,
    fns: Vec<(Vec<String>, String)>,
    consts: Vec<(Vec<String>, String, syn::Type, Option<syn::Expr>)>,
}

enum RawAdt<'a> {
    Struct(&'a syn::ItemStruct),
    Enum(&'a syn::ItemEnum),
    Union(&'a syn::ItemUnion),
}

impl RawAdt<'_> {
    fn ident(&self) -> String {
        match self {
            RawAdt::Struct(s) => s.ident.to_string(),
            RawAdt::Enum(e) => e.ident.to_string(),
            RawAdt::Union(u) => u.ident.to_string(),
        }
    }

    fn attrs(&self) -> &[syn::Attribute] {
        match self {
            RawAdt::Struct(s) => &s.attrs,
            RawAdt::Enum(e) => &e.attrs,
            RawAdt::Union(u) => &u.attrs,
        }
    }
}

/// The items a fn body declares for the file (their names are not visible outside it, but
/// their types are the file's: they belong to the enclosing module).
fn block_items(block: &syn::Block) -> impl Iterator<Item = &syn::Item> {
    block.stmts.iter().filter_map(|stmt| match stmt {
        syn::Stmt::Item(
            item @ (syn::Item::Struct(_) | syn::Item::Enum(_) | syn::Item::Union(_) | syn::Item::Impl(_)),
        ) => Some(item),
        _ => None,
    })
}

/// The items of fn bodies inside an item (an impl's methods, a fn).
fn bodies_items(item: &syn::Item) -> Vec<&syn::Item> {
    match item {
        syn::Item::Impl(i) => i
            .items
            .iter()
            .filter_map(|impl_item| match impl_item {
                syn::ImplItem::Fn(f) => Some(block_items(&f.block)),
                _ => None,
            })
            .flatten()
            .collect(),
        syn::Item::Fn(f) => block_items(&f.block).collect(),
        _ => Vec::new(),
    }
}

/// A const's value, if it can be an integer (`ty::const_value` reads no other kind), or a
/// slice written as `&[..]`, for its length: any other table of data is not kept.
fn integer_expr(expr: &syn::Expr) -> Option<syn::Expr> {
    use syn::Expr;
    (matches!(
        expr,
        Expr::Lit(syn::ExprLit { lit: syn::Lit::Int(_), .. })
            | Expr::Paren(_)
            | Expr::Group(_)
            | Expr::Block(_)
            | Expr::Cast(_)
            | Expr::Unary(_)
            | Expr::Path(_)
            | Expr::Binary(_)
    ) || matches!(expr, Expr::MethodCall(m) if m.method == "len" && m.args.is_empty())
        || matches!(expr, Expr::Reference(r) if matches!(*r.expr, Expr::Array(_))))
    .then(|| expr.clone())
}

impl IndexBuilder {
    /// A builder for std's model.
    pub(crate) fn for_std() -> IndexBuilder {
        IndexBuilder { tree: Tree::Std, ..IndexBuilder::default() }
    }

    /// The index of these items, both passes over them.
    pub fn build(mut self, items: &[syn::Item]) -> FileIndex {
        for item in items {
            self.add(item);
        }
        let names = self.names();
        let mut definer = names.definer();
        for item in items {
            definer.add(item);
        }
        let definitions = definer.finish();
        names.index(definitions)
    }

    /// The first pass over one item: the names it declares.
    pub fn add(&mut self, item: &syn::Item) {
        self.collect(item, &[]);
    }

    fn collect(&mut self, item: &syn::Item, module: &[String]) {
        let here = module.to_vec();
        match item {
            syn::Item::Mod(m) => {
                let mut inner = module.to_vec();
                inner.push(m.ident.to_string());
                self.modules.module_mut(&inner);
                if let Some((_, items)) = &m.content {
                    for item in items {
                        self.collect(item, &inner);
                    }
                }
            }
            syn::Item::Struct(s) => {
                self.adts.push((here, s.ident.to_string(), !matches!(s.fields, syn::Fields::Named(_)), Vec::new()))
            }
            syn::Item::Enum(e) => self.adts.push((
                here,
                e.ident.to_string(),
                false,
                e.variants.iter().map(|v| v.ident.to_string()).collect(),
            )),
            syn::Item::Union(u) => self.adts.push((here, u.ident.to_string(), false, Vec::new())),
            syn::Item::Trait(t) => self.traits.push((here, t.ident.to_string())),
            syn::Item::Fn(f) => self.fns.push((here, f.sig.ident.to_string())),
            syn::Item::Type(t) => self.aliases.push((here, t.clone())),
            syn::Item::Const(c) => {
                self.consts.push((here, c.ident.to_string(), (*c.ty).clone(), integer_expr(&c.expr)))
            }
            syn::Item::Static(s) => {
                self.consts.push((here, s.ident.to_string(), (*s.ty).clone(), integer_expr(&s.expr)))
            }
            syn::Item::Use(u) => {
                let m = self.modules.module_mut(module);
                collect_use(&u.tree, &mut Vec::new(), m);
            }
            _ => {}
        }
        for inner in bodies_items(item) {
            self.collect(inner, module);
        }
    }

    /// Every name known: the names each module declares, integer constants' values and type
    /// aliases resolved.
    pub fn names(mut self) -> Names {
        let tree = self.tree;
        let std = if tree == Tree::Std { None } else { Some(crate::stdlib::index()) };
        // 1. Keys, and the names every module declares.
        let adt_keys: Vec<String> = self.adts.iter().map(|(m, name, _, _)| self.key_for(m, name, std)).collect();
        for ((module, name, constructor, variants), key) in self.adts.iter().zip(&adt_keys) {
            let m = self.modules.module_mut(module);
            m.types.insert(name.clone(), key.clone());
            if *constructor {
                m.values.insert(name.clone(), key.clone());
            }
            if !variants.is_empty() {
                self.modules.variants.insert(key.clone(), variants.iter().cloned().collect());
            }
        }
        let trait_keys: Vec<String> = self.traits.iter().map(|(m, name)| self.key_for(m, name, std)).collect();
        for ((module, name), key) in self.traits.iter().zip(&trait_keys) {
            self.modules.module_mut(module).types.insert(name.clone(), key.clone());
        }
        let alias_keys: Vec<String> =
            self.aliases.iter().map(|(m, t)| self.key_for(m, &t.ident.to_string(), std)).collect();
        for ((module, t), key) in self.aliases.iter().zip(&alias_keys) {
            self.modules.module_mut(module).types.insert(t.ident.to_string(), key.clone());
        }
        for (module, name) in &self.fns {
            let key = join(module, name);
            self.modules.module_mut(module).values.insert(name.clone(), key);
        }
        for (module, name, _, _) in &self.consts {
            let key = join(module, name);
            self.modules.module_mut(module).values.insert(name.clone(), key);
        }
        if tree == Tree::Std {
            self.make_std_names_visible(&adt_keys, &trait_keys, &alias_keys);
        }
        let modules = std::mem::take(&mut self.modules);
        let std_modules = std.map(|s| &s.modules).unwrap_or(&modules);
        let resolver = Resolver::new(&modules, std_modules);

        // 2. Integer constants (array lengths may use them), in order, with the lengths of
        // array constants (`const N: usize = FREQS.len();`, `[0; FREQS.len()]`).
        let mut const_values: BTreeMap<String, i128> = BTreeMap::new();
        for (module, name, ty_syn, expr) in &self.consts {
            let lookup = |path: &[String]| {
                let (path, len) = ty::len_query(path);
                match resolver.resolve(module, path, Ns::Value) {
                    Some(Res::Value(Tree::File, key)) => const_values.get(&ty::const_key(key, len)).copied(),
                    _ => None,
                }
            };
            let value = expr.as_ref().and_then(|e| ty::const_value(e, &lookup));
            // `[T; N]`, or a slice behind a reference initialised by an array (`&[..]`).
            let len = match (ty_syn, expr) {
                (syn::Type::Array(a), _) => ty::const_value(&a.len, &lookup),
                (syn::Type::Reference(_), Some(syn::Expr::Reference(r))) => match &*r.expr {
                    syn::Expr::Array(a) => i128::try_from(a.elems.len()).ok(),
                    _ => None,
                },
                _ => None,
            };
            let key = join(module, name);
            if let Some(n) = len {
                const_values.insert(ty::const_key(key.clone(), true), n);
            }
            if let Some(v) = value {
                const_values.insert(key, v);
            }
        }
        // 3. Aliases: every other signature may use them.
        let std_aliases: Option<&ty::Aliases> = std.map(|s| &s.aliases);
        let mut aliases = ty::Aliases::new();
        for ((module, t), key) in self.aliases.iter().zip(alias_keys) {
            let base = TyCtx { consts: Some(&const_values), std_aliases, ..TyCtx::new(&resolver, module) };
            let generics = generic_params(&t.generics, &base);
            let names: Vec<String> = generics.iter().map(|g| g.name.clone()).collect();
            let ctx = TyCtx { generics: &generics, aliases: Some(&aliases), ..base };
            let target = ty::from_syn(&t.ty, &ctx);
            aliases.insert(key, (names, target));
        }
        // 4. The constants' types.
        let mut consts = BTreeMap::new();
        for (module, name, ty_syn, _) in &self.consts {
            let ctx = TyCtx {
                aliases: Some(&aliases),
                std_aliases: std_aliases.or(Some(&aliases)),
                consts: Some(&const_values),
                ..TyCtx::new(&resolver, module)
            };
            let key = join(module, name);
            let value = const_values.get(&key).copied();
            consts.insert(key, ConstDecl { ty: ty::from_syn(ty_syn, &ctx), value });
        }
        drop(resolver);
        let adts = self.adts.iter().map(|(m, name, _, _)| (m.clone(), name.clone())).zip(adt_keys).collect();
        let traits = self.traits.iter().cloned().zip(trait_keys).collect();
        Names { tree, std, modules, adts, traits, aliases, const_values, consts }
    }

    /// The key of an item named `name` declared in `module`: its path; a top-level item whose
    /// name std's model also uses is `crate::name`, so that the two never meet.
    fn key_for(&self, module: &[String], name: &str, std: Option<&FileIndex>) -> String {
        if self.tree == Tree::Std {
            // A name declared once is its own key; among several declarations, the one
            // closest to the root (if only one is) keeps the name (`ops::Range`, not
            // `btree_map::Range`) and the others are `module::Name` (`slice::Iter`).
            let depths: Vec<usize> = self
                .adts
                .iter()
                .filter(|(_, a, _, _)| a == name)
                .map(|(m, _, _, _)| m.len())
                .chain(self.traits.iter().filter(|(_, t)| t == name).map(|(m, _)| m.len()))
                .collect();
            let shallowest = depths.iter().copied().min().unwrap_or(0);
            let unique_shallowest = depths.iter().filter(|d| **d == shallowest).count() == 1;
            let is_alias = self.aliases.iter().any(|(m, t)| t.ident == name && m.as_slice() == module);
            if is_alias {
                return join(module, name);
            }
            return match module.last() {
                Some(parent) if depths.len() > 1 && !(unique_shallowest && module.len() == shallowest) => {
                    format!("{parent}::{name}")
                }
                _ => name.to_string(),
            };
        }
        let path = join(module, name);
        let clashes = std.is_some_and(|s| {
            s.adts.contains_key(&path) || s.traits.contains_key(&path) || s.aliases.contains_key(&path)
        });
        if clashes { format!("crate::{path}") } else { path }
    }

    /// In std's model, a name declared once anywhere is visible in every module (so the model
    /// can write `Cow` where std writes `crate::borrow::Cow`).
    fn make_std_names_visible(&mut self, adts: &[String], traits: &[String], aliases: &[String]) {
        let mut unique: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let all = self
            .adts
            .iter()
            .map(|(m, a, _, _)| (m.clone(), a.clone()))
            .zip(adts)
            .chain(self.traits.iter().cloned().zip(traits))
            .chain(self.aliases.iter().map(|(m, t)| (m.clone(), t.ident.to_string())).zip(aliases));
        for ((module, ident), _) in all {
            let mut path = module.clone();
            path.push(ident.clone());
            unique.entry(ident).or_default().push(path.join("::"));
        }
        let root = self.modules.module_mut(&[]);
        for (ident, paths) in unique {
            if let [one] = paths.as_slice()
                && !root.types.contains_key(&ident)
            {
                root.imports.push((ident, one.split("::").map(str::to_string).collect()));
            }
        }
        let paths: Vec<Vec<String>> = self.modules.modules.keys().filter(|p| !p.is_empty()).cloned().collect();
        for path in paths {
            self.modules.module_mut(&path).globs.push(vec!["crate".to_string()]);
        }
    }
}

/// Every name of a file, known after the first pass: what its signatures are read with.
pub struct Names {
    tree: Tree,
    std: Option<&'static FileIndex>,
    modules: Modules,
    /// The key of each struct, enum and union, and of each trait, by module and name (the
    /// last declared wins, as in the modules' names).
    adts: HashMap<(Vec<String>, String), String>,
    traits: HashMap<(Vec<String>, String), String>,
    aliases: ty::Aliases,
    const_values: BTreeMap<String, i128>,
    consts: BTreeMap<String, ConstDecl>,
}

impl Names {
    /// The second pass: reads the items' signatures.
    pub fn definer(&self) -> Definer<'_> {
        let std_modules = self.std.map(|s| &s.modules).unwrap_or(&self.modules);
        Definer {
            names: self,
            resolver: Resolver::new(&self.modules, std_modules),
            definitions: Definitions::default(),
        }
    }

    /// The index: the names with the signatures the second pass read.
    pub fn index(self, definitions: Definitions) -> FileIndex {
        let Definitions { adts, derived, traits, fns, impls } = definitions;
        let mut index = FileIndex { tree: self.tree, ..FileIndex::default() };
        // The impls derives make come first, then the written ones.
        index.impls = derived;
        for decl in adts {
            index.adts.insert(decl.key.clone(), decl);
        }
        for decl in traits {
            for m in decl.methods.iter().filter(|m| m.has_body) {
                index.by_start.insert(m.start_byte, m.clone());
            }
            index.traits.insert(decl.key.clone(), decl);
        }
        for sig in fns {
            let sig = Arc::new(sig);
            index.fns_by_ident.entry(sig.ident.clone()).or_default().push(sig.name.clone());
            if sig.is_async {
                index.by_name.insert(sig.name.clone(), sig.clone());
            }
            index.by_start.insert(sig.start_byte, sig.clone());
            index.fns.insert(sig.name.clone(), sig);
        }
        for decl in impls {
            for m in &decl.methods {
                if m.is_async {
                    index.by_name.insert(m.name.clone(), m.clone());
                }
                index.by_start.insert(m.start_byte, m.clone());
            }
            index.impls.push(decl);
        }
        // The trait default bodies each implementing type runs: `<Type as Trait>::m`.
        let mut defaults = Vec::new();
        for imp in &index.impls {
            let Some(trait_key) = &imp.trait_key else { continue };
            let Some(t) = index.traits.get(trait_key) else { continue };
            for m in t.methods.iter().filter(|m| m.has_body && m.is_async) {
                if imp.methods.iter().any(|own| own.ident == m.ident) {
                    continue;
                }
                let mut sig = FnSig::clone(m);
                sig.name = trait_method_name(&ty::erase_args(&imp.self_ty), trait_key, &m.ident);
                sig.default_of = Some(m.name.clone());
                sig.self_ty = imp.self_key.clone();
                sig.self_pattern = Some(imp.self_ty.clone());
                // The body's `Self` is the implementing type: the instance binds it.
                defaults.push(sig);
            }
        }
        for sig in defaults {
            index.by_name.insert(sig.name.clone(), Arc::new(sig));
        }
        index.consts = self.consts;
        index.aliases = self.aliases;
        index.const_values = self.const_values;
        for (i, imp) in index.impls.iter().enumerate() {
            if let Some(key) = &imp.self_key {
                index.impls_of.entry(key.clone()).or_default().push(i);
            }
        }
        // Drop, Copy and !Send impls mark their types.
        let marks: Vec<(String, String, bool)> =
            index.impls.iter().filter_map(|i| Some((i.self_key.clone()?, i.trait_key.clone()?, i.negative))).collect();
        for (key, trait_key, negative) in marks {
            let Some(adt) = index.adts.get_mut(&key) else { continue };
            match (trait_key.as_str(), negative) {
                ("Drop", false) => adt.has_drop_impl = true,
                ("Copy", false) => adt.copy = true,
                ("Clone", false) => adt.clone = true,
                ("Send", true) => adt.not_send = true,
                _ => {}
            }
        }
        index.modules = self.modules;
        index
    }
}

/// What the second pass read, in the order of the items.
#[derive(Default)]
pub struct Definitions {
    adts: Vec<AdtDecl>,
    /// The impls the types' derives make.
    derived: Vec<ImplDecl>,
    traits: Vec<TraitDecl>,
    fns: Vec<FnSig>,
    impls: Vec<ImplDecl>,
}

/// The second pass over a file's items, one at a time: their signatures, with every name of
/// the file known.
pub struct Definer<'a> {
    names: &'a Names,
    resolver: Resolver<'a>,
    definitions: Definitions,
}

impl Definer<'_> {
    pub fn add(&mut self, item: &syn::Item) {
        self.define(item, &[]);
    }

    pub fn finish(self) -> Definitions {
        self.definitions
    }

    fn define(&mut self, item: &syn::Item, module: &[String]) {
        let names = self.names;
        let tree = names.tree;
        let std_aliases = names.std.map(|s| &s.aliases).or(Some(&names.aliases));
        let ctx = TyCtx {
            aliases: Some(&names.aliases),
            std_aliases,
            consts: Some(&names.const_values),
            ..TyCtx::new(&self.resolver, module)
        };
        let key = |keys: &HashMap<(Vec<String>, String), String>, ident: &syn::Ident| {
            keys.get(&(module.to_vec(), ident.to_string())).cloned().unwrap_or_else(|| join(module, &ident.to_string()))
        };
        let raw = match item {
            syn::Item::Mod(m) => {
                if let Some((_, items)) = &m.content {
                    let mut inner = module.to_vec();
                    inner.push(m.ident.to_string());
                    for item in items {
                        self.define(item, &inner);
                    }
                }
                return;
            }
            syn::Item::Struct(s) => Some((RawAdt::Struct(s), key(&names.adts, &s.ident))),
            syn::Item::Enum(e) => Some((RawAdt::Enum(e), key(&names.adts, &e.ident))),
            syn::Item::Union(u) => Some((RawAdt::Union(u), key(&names.adts, &u.ident))),
            _ => None,
        };
        match item {
            // Types, and the impls their derives make.
            syn::Item::Struct(_) | syn::Item::Enum(_) | syn::Item::Union(_) => {
                let Some((raw, key)) = raw else { return };
                let decl = adt_decl(&raw, key, &ctx, tree);
                for derived in derives(raw.attrs()) {
                    let trait_key = match self.resolver.resolve(module, std::slice::from_ref(&derived), Ns::Type) {
                        Some(Res::Type(_, key)) => key,
                        _ => derived.clone(),
                    };
                    let generics: Vec<GenericParam> = decl.generics.iter().map(|g| GenericParam::plain(g)).collect();
                    let args = generics.iter().map(|g| Ty::Param { name: g.name.clone(), copy: false }).collect();
                    self.definitions.derived.push(ImplDecl {
                        module: module.to_vec(),
                        generics,
                        self_ty: Ty::Adt { name: decl.key.clone(), args },
                        self_key: Some(decl.key.clone()),
                        trait_key: Some(trait_key),
                        trait_args: Vec::new(),
                        negative: false,
                        methods: Vec::new(),
                        assoc_types: Vec::new(),
                        assoc_consts: Vec::new(),
                        tree,
                    });
                }
                self.definitions.adts.push(decl);
            }
            // Traits and their methods.
            syn::Item::Trait(t) => {
                let decl = trait_decl(t, key(&names.traits, &t.ident), module, &ctx, tree);
                self.definitions.traits.push(decl);
            }
            // Free fns.
            syn::Item::Fn(f) => {
                let key = join(module, &f.sig.ident.to_string());
                let generics = generic_params(&f.sig.generics, &ctx);
                let mut sig =
                    sig_of(key.clone(), &f.sig, &SigCtx { ctx: &ctx, outer: &[], self_ty: None, trait_key: None });
                sig.generics = generics_with_apit(generics, &f.sig, &ctx);
                sig.boxed_by_macro = boxes_futures(&f.attrs);
                sig.returns_block = returned_async_block(&f.sig, &f.block);
                sig.hosts_futures = sig.is_generic() && !sig.is_async && holds_async(&f.block);
                sig.start_byte = start_byte(&f.sig.fn_token);
                sig.tree = tree;
                self.definitions.fns.push(sig);
            }
            // Impls and their methods.
            syn::Item::Impl(imp) => {
                if let Some(decl) = impl_decl(imp, module, &ctx, tree) {
                    self.definitions.impls.push(decl);
                }
            }
            _ => {}
        }
        for inner in bodies_items(item) {
            self.define(inner, module);
        }
    }
}

/// Where a token starts in the file (see [`Origin`]).
fn start_byte(token: &impl syn::spanned::Spanned) -> usize {
    token.span().byte_range().start + Origin::current().byte
}

fn join(module: &[String], name: &str) -> String {
    if module.is_empty() { name.to_string() } else { format!("{}::{name}", module.join("::")) }
}

/// Records a `use` tree's names in a module.
fn collect_use(tree: &syn::UseTree, prefix: &mut Vec<String>, module: &mut resolve::Module) {
    match tree {
        syn::UseTree::Path(p) => {
            prefix.push(p.ident.to_string());
            collect_use(&p.tree, prefix, module);
            prefix.pop();
        }
        syn::UseTree::Name(n) => {
            let name = n.ident.to_string();
            let mut path = prefix.clone();
            if name == "self" {
                if let Some(last) = prefix.last() {
                    module.imports.push((last.clone(), path));
                }
                return;
            }
            path.push(name.clone());
            module.imports.push((name, path));
        }
        syn::UseTree::Rename(r) => {
            let mut path = prefix.clone();
            if r.ident != "self" {
                path.push(r.ident.to_string());
            }
            if r.rename != "_" {
                module.imports.push((r.rename.to_string(), path));
            }
        }
        syn::UseTree::Glob(_) => module.globs.push(prefix.clone()),
        syn::UseTree::Group(g) => {
            for item in &g.items {
                collect_use(item, prefix, module);
            }
        }
    }
}

/// Generic parameters of an item with their bounds (from the list and the where clause).
pub fn generic_params(generics: &syn::Generics, ctx: &TyCtx<'_>) -> Vec<GenericParam> {
    // Type and const parameters, in the order arguments are written (`IntoIter<T, N>`); a
    // const parameter is a `Copy` value.
    let mut params: Vec<GenericParam> = generics
        .params
        .iter()
        .filter_map(|p| match p {
            syn::GenericParam::Type(t) => Some(GenericParam::plain(&t.ident.to_string())),
            syn::GenericParam::Const(c) => {
                Some(GenericParam { copy: true, ..GenericParam::plain(&c.ident.to_string()) })
            }
            syn::GenericParam::Lifetime(_) => None,
        })
        .collect();
    // Bounds may mention the parameters themselves (`F: Fn() -> Fut`).
    let inner = TyCtx { generics: &params, ..*ctx };
    let mut bounds: Vec<(usize, Vec<Bound>, bool)> = Vec::new();
    for p in generics.type_params() {
        let i = params.iter().position(|g| p.ident == g.name).unwrap_or_default();
        let (b, copy) = bounds_of(p.bounds.iter(), &inner);
        bounds.push((i, b, copy));
    }
    if let Some(where_clause) = &generics.where_clause {
        for pred in &where_clause.predicates {
            if let syn::WherePredicate::Type(t) = pred
                && let syn::Type::Path(p) = &t.bounded_ty
                && let Some(ident) = p.path.get_ident()
                && let Some(i) = params.iter().position(|g| ident == &g.name)
            {
                let (b, copy) = bounds_of(t.bounds.iter(), &inner);
                bounds.push((i, b, copy));
            }
        }
    }
    for (i, b, copy) in bounds {
        params[i].bounds.extend(b);
        params[i].copy |= copy;
    }
    params
}

/// The bounds a list of `T: A + B` bounds gives, and whether one of them is `Copy`.
fn bounds_of<'a>(bounds: impl Iterator<Item = &'a syn::TypeParamBound>, ctx: &TyCtx<'_>) -> (Vec<Bound>, bool) {
    let mut out = Vec::new();
    let mut copy = false;
    for bound in bounds {
        let syn::TypeParamBound::Trait(t) = bound else { continue };
        let Some(last) = t.path.segments.last() else { continue };
        let ident = last.ident.to_string();
        if ident == "Copy" {
            copy = true;
            continue;
        }
        if let Some(kind) = FnTrait::from_name(&ident) {
            if let syn::PathArguments::Parenthesized(args) = &last.arguments {
                let inputs = args.inputs.iter().map(|a| ty::from_syn(&a.ty, ctx)).collect();
                let output = match &args.output {
                    syn::ReturnType::Default => Ty::Unit,
                    syn::ReturnType::Type(_, t) => ty::from_syn(t, ctx),
                };
                out.push(Bound::Fn { kind, inputs, output });
            }
            continue;
        }
        let segments: Vec<String> = t.path.segments.iter().map(|s| s.ident.to_string()).collect();
        let key = match ctx.resolver.resolve(ctx.module, &segments, Ns::Type) {
            Some(Res::Type(_, key)) => key,
            _ => ident.clone(),
        };
        let (mut args, mut assoc) = (Vec::new(), Vec::new());
        if let syn::PathArguments::AngleBracketed(a) = &last.arguments {
            for arg in &a.args {
                match arg {
                    syn::GenericArgument::Type(t) => args.push(ty::from_syn(t, ctx)),
                    syn::GenericArgument::AssocType(at) => {
                        assoc.push((at.ident.to_string(), ty::from_syn(&at.ty, ctx)))
                    }
                    _ => {}
                }
            }
        }
        out.push(Bound::Trait { key, args, assoc });
    }
    (out, copy)
}

/// The generic parameters of a fn, followed by one per `impl Trait` argument.
fn generics_with_apit(mut generics: Vec<GenericParam>, sig: &syn::Signature, ctx: &TyCtx<'_>) -> Vec<GenericParam> {
    let mut found = Vec::new();
    for input in &sig.inputs {
        let syn::FnArg::Typed(t) = input else { continue };
        impl_traits_in(&t.ty, &mut found);
    }
    let names: Vec<String> = found.iter().map(|it| format!("impl {}", ty::bounds_name(it.bounds.iter()))).collect();
    for (it, plain) in found.iter().zip(&names) {
        let inner = TyCtx { generics: &generics, ..*ctx };
        let (bounds, copy) = bounds_of(it.bounds.iter(), &inner);
        // Two `impl Codec` arguments are two parameters: each is told apart by where it is.
        let name =
            if names.iter().filter(|n| *n == plain).count() > 1 { ty::impl_param_at(plain, it) } else { plain.clone() };
        generics.push(GenericParam { name, copy, bounds, bound_to: None });
    }
    generics
}

/// The `impl Trait` types inside an argument's type (`&impl Origin`, `Vec<impl Fn()>`), in
/// order.
fn impl_traits_in<'t>(ty: &'t syn::Type, out: &mut Vec<&'t syn::TypeImplTrait>) {
    match ty {
        syn::Type::ImplTrait(it) => out.push(it),
        syn::Type::Reference(r) => impl_traits_in(&r.elem, out),
        syn::Type::Paren(p) => impl_traits_in(&p.elem, out),
        syn::Type::Group(g) => impl_traits_in(&g.elem, out),
        syn::Type::Slice(s) => impl_traits_in(&s.elem, out),
        syn::Type::Array(a) => impl_traits_in(&a.elem, out),
        syn::Type::Ptr(p) => impl_traits_in(&p.elem, out),
        syn::Type::Tuple(t) => t.elems.iter().for_each(|e| impl_traits_in(e, out)),
        syn::Type::Path(p) => {
            for seg in &p.path.segments {
                if let syn::PathArguments::AngleBracketed(a) = &seg.arguments {
                    for arg in &a.args {
                        if let syn::GenericArgument::Type(t) = arg {
                            impl_traits_in(t, out);
                        }
                    }
                }
            }
        }
        _ => {}
    }
}

/// The traits a `#[derive(..)]` names (their last path segments).
fn derives(attrs: &[syn::Attribute]) -> Vec<String> {
    let mut out = Vec::new();
    for attr in attrs.iter().filter(|a| a.path().is_ident("derive")) {
        let _ = attr.parse_nested_meta(|meta| {
            if let Some(last) = meta.path.segments.last() {
                out.push(last.ident.to_string());
            }
            Ok(())
        });
    }
    out
}

fn is_copy_derive(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|attr| {
        if !attr.path().is_ident("derive") {
            return false;
        }
        let mut copy = false;
        let _ = attr.parse_nested_meta(|meta| {
            if meta.path.segments.last().is_some_and(|s| s.ident == "Copy") {
                copy = true;
            }
            Ok(())
        });
        copy
    })
}

fn repr_args(attrs: &[syn::Attribute]) -> Vec<String> {
    let mut out = Vec::new();
    for attr in attrs.iter().filter(|a| a.path().is_ident("repr")) {
        let _ = attr.parse_nested_meta(|meta| {
            let mut name = meta.path.get_ident().map(|i| i.to_string());
            if meta.input.peek(syn::token::Paren) {
                let content;
                syn::parenthesized!(content in meta.input);
                let args: proc_macro2::TokenStream = content.parse()?;
                name = name.map(|n| format!("{n}({args})"));
            }
            out.extend(name);
            Ok(())
        });
    }
    out
}

/// The value of an integer literal, possibly negated (`-1`, `0x10`).
fn int_literal(expr: &syn::Expr) -> Option<i128> {
    match expr {
        syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Int(i), .. }) => i.base10_parse().ok(),
        syn::Expr::Unary(syn::ExprUnary { op: syn::UnOp::Neg(_), expr, .. }) => int_literal(expr).map(|v| -v),
        syn::Expr::Paren(p) => int_literal(&p.expr),
        _ => None,
    }
}

fn fields_of(fields: &syn::Fields, ctx: &TyCtx<'_>) -> Vec<(String, Ty)> {
    fields
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let name = f.ident.as_ref().map(|i| i.to_string()).unwrap_or_else(|| i.to_string());
            (name, ty::from_syn(&f.ty, ctx))
        })
        .collect()
}

fn adt_decl(raw: &RawAdt, key: String, ctx: &TyCtx<'_>, tree: Tree) -> AdtDecl {
    let (generics_syn, attrs) = match raw {
        RawAdt::Struct(s) => (&s.generics, &s.attrs),
        RawAdt::Enum(e) => (&e.generics, &e.attrs),
        RawAdt::Union(u) => (&u.generics, &u.attrs),
    };
    let generics = generic_params(generics_syn, ctx);
    let ctx = TyCtx { generics: &generics, ..*ctx };
    let mut decl = AdtDecl {
        key,
        name: raw.ident(),
        std_fields: tree == Tree::Std && has_attr(attrs, "layout"),
        copy: is_copy_derive(attrs),
        clone: if tree == Tree::Std {
            !matches!(
                raw.ident().as_str(),
                "MutexGuard" | "RwLockReadGuard" | "RwLockWriteGuard" | "Ref" | "RefMut" | "MappedMutexGuard"
            )
        } else {
            derives(attrs).iter().any(|d| d == "Clone" || d == "Copy")
        },
        repr: repr_args(attrs),
        generics: generics.iter().map(|g| g.name.clone()).collect(),
        tree,
        ..AdtDecl::default()
    };
    match raw {
        RawAdt::Struct(s) => {
            decl.kind = AdtKind::Struct;
            decl.fields = fields_of(&s.fields, &ctx);
        }
        RawAdt::Union(u) => {
            decl.kind = AdtKind::Union;
            decl.fields = u
                .fields
                .named
                .iter()
                .map(|f| (f.ident.as_ref().map(|i| i.to_string()).unwrap_or_default(), ty::from_syn(&f.ty, &ctx)))
                .collect();
        }
        RawAdt::Enum(e) => {
            decl.kind = AdtKind::Enum;
            let variant_fields: Vec<(String, Vec<(String, Ty)>)> =
                e.variants.iter().map(|v| (v.ident.to_string(), fields_of(&v.fields, &ctx))).collect();
            decl.variant_field_names =
                variant_fields.iter().map(|(_, f)| f.iter().map(|(n, _)| n.clone()).collect()).collect();
            decl.variants =
                variant_fields.into_iter().map(|(v, f)| (v, f.into_iter().map(|(_, t)| t).collect())).collect();
            decl.explicit_discriminants = e
                .variants
                .iter()
                .enumerate()
                .filter_map(|(i, v)| v.discriminant.as_ref().map(|(_, expr)| (i, int_literal(expr))))
                .collect();
        }
    }
    decl
}

fn has_attr(attrs: &[syn::Attribute], word: &str) -> bool {
    attrs.iter().any(|a| a.path().is_ident("futurelens") && a.parse_args::<syn::Ident>().is_ok_and(|i| i == word))
}

fn trait_decl(t: &syn::ItemTrait, key: String, module: &[String], ctx: &TyCtx<'_>, tree: Tree) -> TraitDecl {
    // In a trait, `Self` is its first parameter.
    let mut generics = vec![GenericParam::plain("Self")];
    generics.extend(generic_params(&t.generics, ctx));
    let self_ty = Ty::Param { name: "Self".into(), copy: false };
    let ctx = TyCtx { generics: &generics, self_ty: Some(&self_ty), ..*ctx };
    let methods = t
        .items
        .iter()
        .filter_map(|item| match item {
            syn::TraitItem::Fn(m) => {
                let name = format!("{}::{}", display_key(&key), m.sig.ident);
                let sig_ctx = SigCtx { ctx: &ctx, outer: &generics, self_ty: Some(&self_ty), trait_key: Some(&key) };
                let mut sig = sig_of(name, &m.sig, &sig_ctx);
                sig.self_ty = Some(key.clone());
                sig.form = SigForm::TraitItem;
                sig.has_body = m.default.is_some();
                sig.boxed_by_macro = boxes_futures(&t.attrs) || boxes_futures(&m.attrs);
                sig.start_byte = start_byte(&m.sig.fn_token);
                sig.module = module.to_vec();
                sig.tree = tree;
                Some(Arc::new(sig))
            }
            _ => None,
        })
        .collect();
    TraitDecl { name: t.ident.to_string(), key, generics, methods, blanket: has_attr(&t.attrs, "blanket"), tree }
}

/// The key of a resolved type path, for impls.
fn key_of(ty: &Ty) -> Option<String> {
    match ty {
        Ty::Adt { name, .. } => Some(name.clone()),
        _ => None,
    }
}

/// How a type is written in rustc's names (`m::Foo`, `G<u8>`): keys without `crate::`.
pub fn display_key(key: &str) -> &str {
    key.strip_prefix("crate::").unwrap_or(key)
}

/// rustc's name of a trait method run for a type: `<Type as Trait>::m`.
fn trait_method_name(self_ty: &Ty, trait_key: &str, method: &str) -> String {
    format!("<{} as {}>::{method}", ty::path_display(self_ty), display_key(trait_key))
}

fn impl_decl(imp: &syn::ItemImpl, module: &[String], ctx: &TyCtx<'_>, tree: Tree) -> Option<ImplDecl> {
    let generics = generic_params(&imp.generics, ctx);
    let gctx = TyCtx { generics: &generics, ..*ctx };
    let self_ty = ty::from_syn(&imp.self_ty, &gctx);
    let self_key = key_of(&self_ty);
    let negative = imp.modifiers.polarity.is_some();
    let (trait_key, trait_args) = match &imp.trait_ {
        Some((path, _)) => {
            let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
            let key = match ctx.resolver.resolve(module, &segments, Ns::Type) {
                Some(Res::Type(_, key)) => key,
                _ => segments.last().cloned().unwrap_or_default(),
            };
            let args = match path.segments.last().map(|s| &s.arguments) {
                Some(syn::PathArguments::AngleBracketed(a)) => a
                    .args
                    .iter()
                    .filter_map(|arg| match arg {
                        syn::GenericArgument::Type(t) => Some(ty::from_syn(t, &gctx)),
                        _ => None,
                    })
                    .collect(),
                _ => Vec::new(),
            };
            (Some(key), args)
        }
        None => (None, Vec::new()),
    };
    let ctx = TyCtx { self_ty: Some(&self_ty), ..gctx };
    // Where the type itself is declared, for rustc's name of an inherent method declared in
    // another module: `m::inner::<impl m::Foo>::f`.
    let type_module: Option<Vec<String>> = self_key.as_deref().map(|k| {
        let k = display_key(k);
        let mut parts: Vec<String> = k.split("::").map(str::to_string).collect();
        parts.pop();
        parts
    });
    let methods = imp
        .items
        .iter()
        .filter_map(|item| match item {
            syn::ImplItem::Fn(m) => {
                let ident = m.sig.ident.to_string();
                let erased = ty::path_display(&ty::erase_args(&self_ty));
                let (name, form) = match &trait_key {
                    Some(t) => (format!("<{erased} as {}>::{ident}", display_key(t)), SigForm::TraitImpl),
                    None => match &type_module {
                        Some(tm) if tm.as_slice() != module && tree == Tree::File => (
                            format!("{}::<impl {erased}>::{ident}", module.join("::")),
                            SigForm::Inherent { elsewhere: Some(module.to_vec()) },
                        ),
                        _ => (format!("{erased}::{ident}"), SigForm::Inherent { elsewhere: None }),
                    },
                };
                let sig_ctx =
                    SigCtx { ctx: &ctx, outer: &generics, self_ty: Some(&self_ty), trait_key: trait_key.as_deref() };
                let mut sig = sig_of(name, &m.sig, &sig_ctx);
                sig.form = form;
                sig.self_ty = self_key.clone();
                sig.self_pattern = Some(self_ty.clone());
                sig.boxed_by_macro = boxes_futures(&imp.attrs) || boxes_futures(&m.attrs);
                sig.returns_block = returned_async_block(&m.sig, &m.block);
                sig.hosts_futures = sig.is_generic() && !sig.is_async && holds_async(&m.block);
                sig.start_byte = start_byte(&m.sig.fn_token);
                sig.module = module.to_vec();
                sig.tree = tree;
                Some(Arc::new(sig))
            }
            _ => None,
        })
        .collect();
    let assoc_consts = imp
        .items
        .iter()
        .filter_map(|item| match item {
            syn::ImplItem::Const(c) => Some((c.ident.to_string(), ty::from_syn(&c.ty, &ctx))),
            _ => None,
        })
        .collect();
    let assoc_types = imp
        .items
        .iter()
        .filter_map(|item| match item {
            syn::ImplItem::Type(t) => Some((t.ident.to_string(), ty::from_syn(&t.ty, &ctx))),
            _ => None,
        })
        .collect();
    Some(ImplDecl {
        module: module.to_vec(),
        generics,
        self_ty,
        self_key,
        trait_key,
        trait_args,
        negative,
        methods,
        assoc_types,
        assoc_consts,
        tree,
    })
}

struct SigCtx<'c, 'a> {
    ctx: &'c TyCtx<'a>,
    /// The impl's (or trait's) generic parameters.
    outer: &'c [GenericParam],
    self_ty: Option<&'c Ty>,
    trait_key: Option<&'c str>,
}

fn sig_of(name: String, sig: &syn::Signature, c: &SigCtx<'_, '_>) -> FnSig {
    let mut generics = c.outer.to_vec();
    let own = generic_params(&sig.generics, &TyCtx { generics: &generics, ..*c.ctx });
    generics.extend(own);
    let ctx = TyCtx { generics: &generics, ..*c.ctx };
    let generics = generics_with_apit(generics.clone(), sig, &ctx);
    let ctx = TyCtx { generics: &generics, ..*c.ctx };
    let params = sig
        .inputs
        .iter()
        .filter_map(|arg| match arg {
            syn::FnArg::Typed(t) => Some(ty::from_syn(&t.ty, &ctx)),
            syn::FnArg::Receiver(_) => None,
        })
        .collect();
    let output = match &sig.output {
        syn::ReturnType::Default => Ty::Unit,
        syn::ReturnType::Type(_, t) => ty::from_syn(t, &ctx),
    };
    let _ = c.self_ty;
    FnSig {
        name,
        ident: sig.ident.to_string(),
        is_async: sig.asyncness.is_some(),
        output,
        receiver: receiver_of(sig),
        self_ty: None,
        self_pattern: None,
        params,
        impl_generics: c.outer.len(),
        generics,
        trait_key: c.trait_key.map(str::to_string),
        has_body: true,
        boxed_by_macro: false,
        module: c.ctx.module.to_vec(),
        default_of: None,
        returns_block: None,
        hosts_futures: false,
        start_byte: 0,
        tree: Tree::File,
        form: SigForm::Free,
    }
}

/// rustc's name of an instance of `sig` with these generic arguments: the impl's arguments
/// inside the type, the fn's after the fn (`G<u8>::gm<&str>`, `<G<u16> as Tr>::d`,
/// `retry<{closure@12:5}, u64>`).
pub fn instance_display(sig: &FnSig, args: &[Ty]) -> String {
    let split = sig.impl_generics.min(args.len());
    let (outer, own) = args.split_at(split);
    let outer_names: Vec<String> = sig.generics.iter().take(split).map(|g| g.name.clone()).collect();
    let own_text = if own.is_empty() {
        String::new()
    } else {
        format!("<{}>", own.iter().map(|t| t.to_string()).collect::<Vec<_>>().join(", "))
    };
    let self_ty = || match (&sig.form, sig.self_pattern.as_ref()) {
        (SigForm::TraitItem, _) => outer.first().cloned().unwrap_or(Ty::Unknown),
        (_, Some(pattern)) => ty::substitute(pattern, &outer_names, outer),
        (_, None) => Ty::Unknown,
    };
    match &sig.form {
        SigForm::Free => format!("{}{own_text}", sig.name),
        SigForm::Inherent { elsewhere: Some(module) } => {
            format!("{}::<impl {}>::{}{own_text}", module.join("::"), self_ty(), sig.ident)
        }
        SigForm::Inherent { elsewhere: None } => format!("{}::{}{own_text}", self_ty(), sig.ident),
        SigForm::TraitImpl | SigForm::TraitItem => {
            let trait_name = sig.trait_key.as_deref().map(display_key).unwrap_or("?");
            format!("<{} as {trait_name}>::{}{own_text}", self_ty(), sig.ident)
        }
    }
}

/// The receiver of a method signature.
pub fn receiver_of(sig: &syn::Signature) -> Option<Receiver> {
    let syn::FnArg::Receiver(r) = sig.inputs.first()? else { return None };
    Some(match &r.kind {
        syn::ReceiverKind::Reference(_, _, Some(_)) => Receiver::RefMut,
        syn::ReceiverKind::Reference(_, _, None) => Receiver::Ref,
        syn::ReceiverKind::Typed(_, ty) => match &**ty {
            syn::Type::Reference(t) if t.mutability.is_some() => Receiver::RefMut,
            syn::Type::Reference(_) => Receiver::Ref,
            _ => Receiver::Value,
        },
        _ => Receiver::Value,
    })
}

/// Whether attributes hold `#[async_recursion]` or `#[async_trait]` (any path to them), which
/// box the futures of the fns they apply to.
fn boxes_futures(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path()
            .segments
            .last()
            .is_some_and(|s| matches!(s.ident.to_string().as_str(), "async_recursion" | "async_trait"))
    })
}

/// For a sync fn returning `impl Future..`, the async block its body evaluates to
/// (`async move { .. }` as the tail), named as lowering names it.
fn returned_async_block(sig: &syn::Signature, block: &syn::Block) -> Option<String> {
    if sig.asyncness.is_some() {
        return None;
    }
    let syn::ReturnType::Type(_, ty) = &sig.output else { return None };
    if !matches!(&**ty, syn::Type::ImplTrait(_)) {
        return None;
    }
    let Some(syn::Stmt::Expr(syn::Expr::Async(a), None)) = block.stmts.last() else { return None };
    let label = crate::diagnostics::Span::of(&a.async_token);
    Some(format!("async block@{}:{}", label.line, label.column))
}

/// Whether a body holds an async block or closure (not counting nested items).
fn holds_async(block: &syn::Block) -> bool {
    struct Finder(bool);
    impl<'ast> syn::visit::Visit<'ast> for Finder {
        fn visit_expr_async(&mut self, _: &'ast syn::ExprAsync) {
            self.0 = true;
        }
        fn visit_expr_closure(&mut self, c: &'ast syn::ExprClosure) {
            if c.asyncness.is_some() {
                self.0 = true;
            } else {
                syn::visit::visit_expr_closure(self, c);
            }
        }
        fn visit_item(&mut self, _: &'ast syn::Item) {}
    }
    let mut finder = Finder(false);
    syn::visit::Visit::visit_block(&mut finder, block);
    finder.0
}

/// The signature of a fn declared inside a body (not in the index: its name is local).
pub(crate) fn local_fn_sig(name: String, sig: &syn::Signature, ctx: &TyCtx<'_>, outer: &[GenericParam]) -> FnSig {
    let sig_ctx = SigCtx { ctx, outer, self_ty: ctx.self_ty, trait_key: None };
    let mut out = sig_of(name, sig, &sig_ctx);
    out.start_byte = start_byte(&sig.fn_token);
    out
}
