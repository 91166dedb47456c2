//! An index of the items declared in the file: types, free fns and methods.
//!
//! In: the parsed `syn::File`. Out: [`FileIndex`], plain data the later stages query to type
//! expressions (return types, struct fields) and to judge drop glue and `Copy`.

use std::collections::BTreeMap;

use syn::visit::Visit;

use crate::ty::{self, Ty};

/// A struct, enum or union declared in the file.
#[derive(Clone, Debug, Default)]
pub struct AdtDecl {
    pub name: String,
    pub kind: AdtKind,
    /// Named or positional fields (`"0"`, `"1"`, ... for tuple structs); for enums, every
    /// variant's fields as `Variant.field`.
    pub fields: Vec<(String, Ty)>,
    /// Enum variants with their field types.
    pub variants: Vec<(String, Vec<Ty>)>,
    /// The field names of each variant, parallel to `variants` (`"0"`, `"1"`, ... for tuple
    /// variants).
    pub variant_field_names: Vec<Vec<String>>,
    pub copy: bool,
    pub has_drop_impl: bool,
    /// `#[repr(..)]` arguments, e.g. `["C"]`, `["u8"]` or `["align(8)"]`.
    pub repr: Vec<String>,
    /// Enum variants written with `= value`: the variant's index and the value, when it is an
    /// integer literal.
    pub explicit_discriminants: Vec<(usize, Option<i128>)>,
    pub generics: Vec<String>,
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

/// The signature of a fn or method declared in the file.
#[derive(Clone, Debug)]
pub struct FnSig {
    /// The futurelens name (`f`, `m::f`, `Type::method`, `<Type as Trait>::method`).
    pub name: String,
    pub is_async: bool,
    /// The declared return type (for an async fn, the output of its future).
    pub output: Ty,
    pub receiver: Option<Receiver>,
    pub self_ty: Option<String>,
    pub params: Vec<Ty>,
    /// Under `#[async_recursion]` or `#[async_trait]`, whose expansion returns the future
    /// boxed (`Pin<Box<dyn Future>>`); futurelens still types the call as the inline future.
    pub boxed_by_macro: bool,
}

impl FnSig {
    /// The type a call evaluates to: the future for an async fn, the output otherwise.
    pub fn call_type(&self) -> Ty {
        if self.is_async { Ty::AsyncFnFuture(self.name.clone()) } else { self.output.clone() }
    }
}

#[derive(Clone, Debug, Default)]
pub struct FileIndex {
    pub adts: BTreeMap<String, AdtDecl>,
    /// Free fns by simple name (several modules may declare the same name: all are kept).
    pub fns: BTreeMap<String, Vec<FnSig>>,
    /// Methods by method name.
    pub methods: BTreeMap<String, Vec<FnSig>>,
    /// Async fns and methods by futurelens name.
    pub by_name: BTreeMap<String, FnSig>,
    /// Index of `fns`: the entry declared at the top level, for a name declared several times.
    top_level_fn: BTreeMap<String, usize>,
    /// Index of `methods`: the entry for a (self type, method) pair.
    method_of_type: BTreeMap<(String, String), usize>,
    /// `type Name<P..> = Target;` aliases: the generic parameters and the target type.
    pub aliases: BTreeMap<String, (Vec<String>, Ty)>,
}

impl FileIndex {
    pub fn build(file: &syn::File) -> FileIndex {
        let mut builder = IndexBuilder::default();
        for item in &file.items {
            builder.add(item);
        }
        builder.finish()
    }
}

/// Builds a [`FileIndex`] one top-level item at a time.
#[derive(Default)]
pub struct IndexBuilder {
    collector: Collector,
}

impl IndexBuilder {
    pub fn add(&mut self, item: &syn::Item) {
        self.collector.visit_item(item);
    }

    pub fn finish(self) -> FileIndex {
        let Collector { mut index, drop_impls, copy_impls, .. } = self.collector;
        // Lookups by name happen at every call: index them once.
        for (name, sigs) in &index.fns {
            if let Some(i) = sigs.iter().position(|s| !s.name.contains("::")) {
                index.top_level_fn.insert(name.clone(), i);
            }
        }
        for (name, sigs) in &index.methods {
            for (i, sig) in sigs.iter().enumerate() {
                if let Some(self_ty) = &sig.self_ty {
                    index.method_of_type.entry((self_ty.clone(), name.clone())).or_insert(i);
                }
            }
        }
        for name in drop_impls {
            if let Some(adt) = index.adts.get_mut(&name) {
                adt.has_drop_impl = true;
            }
        }
        for name in copy_impls {
            if let Some(adt) = index.adts.get_mut(&name) {
                adt.copy = true;
            }
        }
        index
    }
}

impl FileIndex {
    pub fn adt(&self, name: &str) -> Option<&AdtDecl> {
        self.adts.get(name)
    }

    /// A type alias declared in the file.
    pub fn alias(&self, name: &str) -> Option<&(Vec<String>, Ty)> {
        self.aliases.get(name)
    }

    /// A free fn by the last segment of the called path, when that name is unambiguous.
    pub fn free_fn(&self, name: &str) -> Option<&FnSig> {
        let sigs = self.fns.get(name)?;
        match self.top_level_fn.get(name) {
            Some(&i) if sigs.len() > 1 => sigs.get(i),
            _ => sigs.first(),
        }
    }

    /// A method by name, narrowed by the receiver's type name when it is known.
    pub fn method(&self, name: &str, self_ty: Option<&str>) -> Option<&FnSig> {
        if let Some(self_ty) = self_ty
            && let Some(sig) = self.assoc_fn(self_ty, name)
        {
            return Some(sig);
        }
        let sigs = self.methods.get(name)?;
        if sigs.len() == 1 { sigs.first() } else { None }
    }

    /// An associated fn called as `Type::name(..)`.
    pub fn assoc_fn(&self, self_ty: &str, name: &str) -> Option<&FnSig> {
        let i = *self.method_of_type.get(&(self_ty.to_string(), name.to_string()))?;
        self.methods.get(name)?.get(i)
    }
}

#[derive(Default)]
struct Collector {
    index: FileIndex,
    module: Vec<String>,
    drop_impls: Vec<String>,
    copy_impls: Vec<String>,
}

impl Collector {
    fn prefixed(&self, name: &str) -> String {
        let mut parts = self.module.clone();
        parts.push(name.to_string());
        parts.join("::")
    }
}

/// Generic parameters of an item with whether they carry a `Copy` bound.
pub fn generic_params(generics: &syn::Generics) -> Vec<(String, bool)> {
    let mut params: Vec<(String, bool)> = generics
        .type_params()
        .map(|p| {
            let copy = p.bounds.iter().any(is_copy_bound);
            (p.ident.to_string(), copy)
        })
        .collect();
    if let Some(where_clause) = &generics.where_clause {
        for pred in &where_clause.predicates {
            if let syn::WherePredicate::Type(t) = pred
                && let syn::Type::Path(p) = &t.bounded_ty
                && let Some(ident) = p.path.get_ident()
                && t.bounds.iter().any(is_copy_bound)
            {
                for param in params.iter_mut().filter(|(n, _)| ident == n) {
                    param.1 = true;
                }
            }
        }
    }
    params
}

fn is_copy_bound(bound: &syn::TypeParamBound) -> bool {
    matches!(bound, syn::TypeParamBound::Trait(t) if t.path.segments.last().is_some_and(|s| s.ident == "Copy"))
}

fn derives_copy(attrs: &[syn::Attribute]) -> bool {
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

fn fields_of(fields: &syn::Fields, generics: &[(String, bool)]) -> Vec<(String, Ty)> {
    fields
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let name = f.ident.as_ref().map(|i| i.to_string()).unwrap_or_else(|| i.to_string());
            (name, ty::from_syn(&f.ty, generics))
        })
        .collect()
}

/// The last path segment of a type (`Foo` in `crate::m::Foo<T>`).
pub fn type_name(ty: &syn::Type) -> Option<String> {
    match ty {
        syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        syn::Type::Reference(r) => type_name(&r.elem),
        syn::Type::Paren(p) => type_name(&p.elem),
        _ => None,
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

pub fn output_of(sig: &syn::Signature, generics: &[(String, bool)]) -> Ty {
    match &sig.output {
        syn::ReturnType::Default => Ty::Unit,
        syn::ReturnType::Type(_, t) => ty::from_syn(t, generics),
    }
}

fn sig_of(name: String, sig: &syn::Signature, self_ty: Option<String>, outer: &[(String, bool)]) -> FnSig {
    let mut generics = outer.to_vec();
    generics.extend(generic_params(&sig.generics));
    let params = sig
        .inputs
        .iter()
        .filter_map(|arg| match arg {
            syn::FnArg::Typed(t) => Some(ty::from_syn(&t.ty, &generics)),
            syn::FnArg::Receiver(_) => None,
        })
        .collect();
    FnSig {
        name,
        is_async: sig.asyncness.is_some(),
        output: match (output_of(sig, &generics), &self_ty) {
            (Ty::Adt { name, args }, Some(self_ty)) if name == "Self" => Ty::Adt { name: self_ty.clone(), args },
            (other, _) => other,
        },
        receiver: receiver_of(sig),
        self_ty,
        params,
        boxed_by_macro: false,
    }
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

/// The futurelens name of a method: `Type::m`, or `<Type as Trait>::m` in a trait impl.
pub fn method_name(module: &[String], self_ty: &str, trait_name: Option<&str>, method: &str) -> String {
    let prefix = if module.is_empty() { String::new() } else { format!("{}::", module.join("::")) };
    match trait_name {
        Some(t) => format!("{prefix}<{self_ty} as {t}>::{method}"),
        None => format!("{prefix}{self_ty}::{method}"),
    }
}

impl<'ast> Visit<'ast> for Collector {
    fn visit_item_struct(&mut self, s: &'ast syn::ItemStruct) {
        let generics = generic_params(&s.generics);
        let decl = AdtDecl {
            name: s.ident.to_string(),
            kind: AdtKind::Struct,
            fields: fields_of(&s.fields, &generics),
            variants: Vec::new(),
            variant_field_names: Vec::new(),
            copy: derives_copy(&s.attrs),
            has_drop_impl: false,
            repr: repr_args(&s.attrs),
            explicit_discriminants: Vec::new(),
            generics: generics.into_iter().map(|g| g.0).collect(),
        };
        self.index.adts.insert(decl.name.clone(), decl);
    }

    fn visit_item_enum(&mut self, e: &'ast syn::ItemEnum) {
        let generics = generic_params(&e.generics);
        let variant_fields: Vec<(String, Vec<(String, Ty)>)> =
            e.variants.iter().map(|v| (v.ident.to_string(), fields_of(&v.fields, &generics))).collect();
        let variant_field_names =
            variant_fields.iter().map(|(_, f)| f.iter().map(|(n, _)| n.clone()).collect()).collect();
        let variants = variant_fields.into_iter().map(|(v, f)| (v, f.into_iter().map(|(_, t)| t).collect())).collect();
        let decl = AdtDecl {
            name: e.ident.to_string(),
            kind: AdtKind::Enum,
            fields: Vec::new(),
            variants,
            variant_field_names,
            copy: derives_copy(&e.attrs),
            has_drop_impl: false,
            repr: repr_args(&e.attrs),
            explicit_discriminants: e
                .variants
                .iter()
                .enumerate()
                .filter_map(|(i, v)| v.discriminant.as_ref().map(|(_, expr)| (i, int_literal(expr))))
                .collect(),
            generics: generics.into_iter().map(|g| g.0).collect(),
        };
        self.index.adts.insert(decl.name.clone(), decl);
    }

    fn visit_item_type(&mut self, t: &'ast syn::ItemType) {
        let generics = generic_params(&t.generics);
        let target = ty::from_syn(&t.ty, &generics);
        let params = generics.into_iter().map(|g| g.0).collect();
        self.index.aliases.insert(t.ident.to_string(), (params, target));
    }

    fn visit_item_union(&mut self, u: &'ast syn::ItemUnion) {
        let generics = generic_params(&u.generics);
        let fields = u
            .fields
            .named
            .iter()
            .map(|f| (f.ident.as_ref().map(|i| i.to_string()).unwrap_or_default(), ty::from_syn(&f.ty, &generics)))
            .collect();
        let decl = AdtDecl {
            name: u.ident.to_string(),
            kind: AdtKind::Union,
            fields,
            copy: derives_copy(&u.attrs),
            repr: repr_args(&u.attrs),
            ..AdtDecl::default()
        };
        self.index.adts.insert(decl.name.clone(), decl);
    }

    fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
        self.module.push(m.ident.to_string());
        syn::visit::visit_item_mod(self, m);
        self.module.pop();
    }

    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        let name = self.prefixed(&f.sig.ident.to_string());
        let mut sig = sig_of(name.clone(), &f.sig, None, &[]);
        sig.boxed_by_macro = boxes_futures(&f.attrs);
        if sig.is_async {
            self.index.by_name.insert(name, sig.clone());
        }
        self.index.fns.entry(f.sig.ident.to_string()).or_default().push(sig);
        syn::visit::visit_item_fn(self, f);
    }

    fn visit_item_impl(&mut self, imp: &'ast syn::ItemImpl) {
        let Some(self_ty) = type_name(&imp.self_ty) else { return };
        let trait_name = imp.trait_.as_ref().and_then(|(path, _)| path.segments.last()).map(|s| s.ident.to_string());
        match trait_name.as_deref() {
            Some("Drop") => self.drop_impls.push(self_ty.clone()),
            Some("Copy") => self.copy_impls.push(self_ty.clone()),
            _ => {}
        }
        let outer = generic_params(&imp.generics);
        for item in &imp.items {
            if let syn::ImplItem::Fn(m) = item {
                let name = method_name(&self.module, &self_ty, trait_name.as_deref(), &m.sig.ident.to_string());
                let mut sig = sig_of(name.clone(), &m.sig, Some(self_ty.clone()), &outer);
                sig.boxed_by_macro = boxes_futures(&imp.attrs) || boxes_futures(&m.attrs);
                // `Self` in the signature is the impl's type.
                let (this, params) = ([Ty::adt(&self_ty, Vec::new())], ["Self".to_string()]);
                sig.output = crate::layout::types::substitute(&sig.output, &params, &this);
                sig.params = sig.params.iter().map(|t| crate::layout::types::substitute(t, &params, &this)).collect();
                if sig.is_async {
                    self.index.by_name.insert(name, sig.clone());
                }
                self.index.methods.entry(m.sig.ident.to_string()).or_default().push(sig);
            }
        }
        syn::visit::visit_item_impl(self, imp);
    }

    fn visit_item_trait(&mut self, t: &'ast syn::ItemTrait) {
        for item in &t.items {
            if let syn::TraitItem::Fn(m) = item {
                let name = self.prefixed(&format!("{}::{}", t.ident, m.sig.ident));
                let mut sig = sig_of(name.clone(), &m.sig, Some(t.ident.to_string()), &[]);
                sig.boxed_by_macro = boxes_futures(&t.attrs) || boxes_futures(&m.attrs);
                if sig.is_async && m.default.is_some() {
                    self.index.by_name.insert(name, sig.clone());
                }
                self.index.methods.entry(m.sig.ident.to_string()).or_default().push(sig);
            }
        }
        syn::visit::visit_item_trait(self, t);
    }
}
