//! Patterns: which bindings a pattern makes, of which types, and how they take their value.
//!
//! In: a syn pattern and the place it matches. Out: binding locals in scope and the accesses to
//! the matched place: a whole-value binding moves (or copies) it, a binding inside a struct,
//! tuple or enum moves part of it (the rest stays and is dropped later), and `ref` bindings or
//! bindings under a reference borrow it.

use super::Builder;
use super::expr::{Access, CaptureRoot, Place};
use crate::diagnostics::Span;
use crate::ir::{LocalId, LocalKind, StmtKind};
use crate::ty::Ty;

struct Binding {
    name: String,
    ty: Ty,
    /// `ref x`: borrows the matched place.
    by_ref: bool,
    /// Bound through a reference (default binding mode): reads the reference.
    via_ref: bool,
    mutable_ref: bool,
    span: Span,
    /// The binding takes the whole matched value (`x`, not `Some(x)`).
    whole: bool,
    /// Bound behind an explicit `&` pattern (`Some(&parent)`): its place is reached through
    /// a reference.
    behind_ref_pat: bool,
    /// The field path of the bound part within the matched value (`1` of `(a, b)`,
    /// `Some.0.name` of `Some(Job { name, .. })`), its move path for drop elaboration.
    path: String,
    /// Inside a variant nested in another (`Err(Error::Failed { unit, .. })`), where `path` is
    /// the outer part: the field's own path (see [`StmtKind::MoveLeaf`]).
    leaf: Option<String>,
}

impl Binding {
    /// The type of the binding: a reference to the matched value when bound by reference.
    fn binding_ty(&self) -> Ty {
        if self.by_ref || self.via_ref {
            Ty::Ref { mutable: self.mutable_ref, inner: Box::new(self.ty.clone()) }
        } else {
            self.ty.clone()
        }
    }
}

impl Builder<'_, '_> {
    /// Binds a pattern against a place (a `let`, a `match` arm, a `for` item).
    pub(crate) fn bind_pattern_from_place(&mut self, pat: &syn::Pat, place: &Place, line: u32) {
        let variant = self.note_variant(pat, place, line);
        let mut bindings = Vec::new();
        collect(self, pat, &place.ty, false, true, "", &mut bindings);
        if bindings.is_empty() {
            return;
        }
        // Destructuring that moves out every part that needs drop leaves nothing to drop: the
        // place is as good as moved (drop elaboration works field by field).
        let whole_move = !matches!(pat, syn::Pat::Ident(_)) && moves_all_drop_parts(self, pat, &place.ty);
        for b in bindings {
            let access = if b.by_ref {
                Access::Borrow { mutable: b.mutable_ref }
            } else if b.via_ref || b.ty.is_copy(self.index()) {
                Access::Copy
            } else if b.whole && !place.projected {
                Access::Move
            } else if let Some(local) =
                place.local.filter(|_| !place.deref && b.ty.drop_glue(self.index()).needs_drop())
            {
                // Moving part of the value out leaves the rest to be dropped; the part's own
                // drop now depends on the path taken.
                let part = match &place.part {
                    Some(base) if !b.path.is_empty() => format!("{base}.{}", b.path),
                    Some(base) => base.clone(),
                    None => b.path.clone(),
                };
                let part = self.part_id(&part, true);
                let kind = match variant {
                    Some((_, v)) => StmtKind::MoveVariantPart(local, v, part),
                    None => StmtKind::MovePart(local, part),
                };
                self.emit(kind, line);
                if let (Some(leaf), Some((_, v))) = (&b.leaf, variant) {
                    let leaf = match &place.part {
                        Some(base) => format!("{base}.{leaf}"),
                        None => leaf.clone(),
                    };
                    let leaf = self.part_id(&leaf, true);
                    self.emit(StmtKind::MoveLeaf(local, v, leaf), line);
                }
                continue_binding(self, b, line);
                continue;
            } else {
                Access::Copy
            };
            self.access(place, None, access, line);
            continue_binding(self, b, line);
        }
        if whole_move && !place.projected && !place.deref {
            self.access(place, None, Access::Move, line);
        }
    }

    /// A captured variable matched against patterns (`match node {..}`, `if let Some(x) = opt`,
    /// `let (a, b) = pair` in an async block or closure): the patterns decide how it is
    /// captured. A binding that moves a value out captures by value; a `ref mut` binding, by
    /// mutable reference; testing a variant, or binding by reference or through one, by shared
    /// reference (a `Copy` value is read). A tuple pattern uses each element's place apart
    /// (`let (name, n) = pair` captures `pair.0` and `pair.1`, disjoint fields). Patterns that
    /// neither test nor bind capture nothing.
    pub(crate) fn capture_scrutinee(
        &mut self,
        place: &Place,
        root: Option<&CaptureRoot>,
        pats: &[&syn::Pat],
        line: u32,
    ) {
        let Some(root) = root else { return };
        let mut uses = Vec::new();
        for pat in pats {
            self.pattern_uses(pat, place, &mut uses);
        }
        for (place, access) in uses {
            self.access(&place, Some(root), access, line);
        }
    }

    /// What matching `pat` against the captured `place` does to it, place by place.
    fn pattern_uses(&mut self, pat: &syn::Pat, place: &Place, out: &mut Vec<(Place, Access)>) {
        match pat {
            syn::Pat::Paren(p) => return self.pattern_uses(&p.pat, place, out),
            syn::Pat::Tuple(t)
                if !t.elems.iter().any(|e| matches!(e, syn::Pat::Rest(_)))
                    && !place.deref
                    && place.indexed.is_none() =>
            {
                if let Ty::Tuple(elems) = place.ty.concrete()
                    && elems.len() == t.elems.len()
                {
                    for (i, (e, ty)) in t.elems.iter().zip(elems.clone()).enumerate() {
                        let mut part = place.clone();
                        part.path.push(i.to_string());
                        part.ty = ty;
                        part.projected = true;
                        self.pattern_uses(e, &part, out);
                    }
                    return;
                }
            }
            _ => {}
        }
        let shared = if place.ty.is_copy(self.index()) { Access::Copy } else { Access::Borrow { mutable: false } };
        let rank = |a: Access| match a {
            Access::Copy | Access::Borrow { mutable: false } => 0,
            Access::Borrow { mutable: true } | Access::Mutate => 1,
            Access::Move => 2,
        };
        let mut bindings = Vec::new();
        collect(self, pat, &place.ty, false, true, "", &mut bindings);
        let mut strongest = inspects(self, pat).then_some(shared);
        for b in bindings {
            let a = if b.by_ref {
                Access::Borrow { mutable: b.mutable_ref }
            } else if b.via_ref || b.ty.is_copy(self.index()) {
                shared
            } else {
                Access::Move
            };
            if strongest.is_none_or(|s| rank(a) > rank(s)) {
                strongest = Some(a);
            }
        }
        if let Some(access) = strongest {
            out.push((place.clone(), access));
        }
    }

    /// On the path where `pat` matched `place`: the local holds its variant, so the parts of
    /// the other variants are not there. Returns the local and the variant.
    pub(crate) fn note_variant(&mut self, pat: &syn::Pat, place: &Place, line: u32) -> Option<(LocalId, u32)> {
        let local = place.local.filter(|_| !place.projected && !place.deref)?;
        let name = variant_name(pat)?;
        if names_type(&name, &place.ty) {
            // A struct pattern (`Job { name, .. }`): its parts are fields, not a variant's.
            return None;
        }
        let v = self.variant_id(&name);
        self.emit(StmtKind::Variant(local, v), line);
        Some((local, v))
    }

    /// On the path where `pat` did not match `place`: the local does not hold its variant.
    pub(crate) fn note_not_variant(&mut self, pat: &syn::Pat, place: &Place, line: u32) {
        if let Some(local) = place.local.filter(|_| !place.projected && !place.deref)
            && let Some(name) = variant_name(pat)
            && !names_type(&name, &place.ty)
        {
            let v = self.variant_id(&name);
            self.emit(StmtKind::NotVariant(local, v), line);
        }
    }

    /// Binds a pattern for a match guard: every binding is a shared reference into the place.
    pub(crate) fn bind_pattern_by_ref(&mut self, pat: &syn::Pat, place: &Place, line: u32) {
        let mut bindings = Vec::new();
        collect(self, pat, &place.ty, false, true, "", &mut bindings);
        for b in bindings {
            // Through a reference in the scrutinee (default binding mode), the guard reborrows
            // what it points to: the reference is only read.
            if b.via_ref || b.behind_ref_pat {
                self.access(&Place { deref: true, ..place.clone() }, None, Access::Borrow { mutable: false }, line);
            } else {
                self.access(place, None, Access::Borrow { mutable: false }, line);
            }
            let ty = if b.by_ref || b.via_ref { Ty::reference(Ty::reference(b.ty)) } else { Ty::reference(b.ty) };
            let id = self.new_local(b.name.clone(), LocalKind::Binding, ty, b.span);
            self.emit(StmtKind::Assign(id), line);
            self.guard_refs.push(id);
            self.bind(b.name, id);
        }
    }

    /// Declares the bindings of a pattern: initialised ones for closure parameters, or `let x;`.
    pub(crate) fn declare_pattern(&mut self, pat: &syn::Pat, ty: Ty) {
        let mut bindings = Vec::new();
        collect(self, pat, &ty, false, true, "", &mut bindings);
        for b in bindings {
            let ty = b.binding_ty();
            let id = self.new_local(b.name.clone(), LocalKind::Binding, ty, b.span);
            self.bind(b.name, id);
        }
    }
}

/// The enum variant a pattern matches at its top (`Some` for `Some(x)`, `None` for `None`),
/// if it names one.
pub(crate) fn variant_name(pat: &syn::Pat) -> Option<String> {
    let last = |path: &syn::Path| path.segments.last().map(|s| s.ident.to_string());
    match pat {
        syn::Pat::TupleStruct(p) => last(&p.path),
        syn::Pat::Struct(p) => last(&p.path),
        syn::Pat::Path(p) => last(&p.path),
        syn::Pat::Ident(i) if i.subpat.is_none() && i.by_ref.is_none() && i.mutability.is_none() => {
            let name = i.ident.to_string();
            name.starts_with(|c: char| c.is_ascii_uppercase()).then_some(name)
        }
        syn::Pat::Paren(p) => variant_name(&p.pat),
        _ => None,
    }
}

/// Declares a binding of a pattern and gives it its value.
fn continue_binding(builder: &mut Builder<'_, '_>, b: Binding, line: u32) {
    let ty = b.binding_ty();
    let id = builder.new_local(b.name.clone(), LocalKind::Binding, ty, b.span);
    builder.emit(StmtKind::Assign(id), line);
    builder.bind(b.name, id);
}

/// One step down a field path: `path.step`.
fn field_path(path: &str, step: &str) -> String {
    if path.is_empty() { step.to_string() } else { format!("{path}.{step}") }
}

/// Whether a pattern's last path segment names the matched type itself (a struct pattern),
/// not one of its variants.
fn names_type(name: &str, ty: &Ty) -> bool {
    match ty {
        Ty::Ref { inner, .. } => names_type(name, inner),
        Ty::Adt { name: ty_name, .. } => name == "Self" || ty_name.rsplit("::").next() == Some(name),
        _ => false,
    }
}

/// Bindings inside a variant nested in the matched value (`Some(Frame::Text(t))`) move parts
/// whose drops read the flag of the value holding the variant (`Some.0`): they count as that
/// one part.
fn nested_variant(path: &str, base: &str, bindings: &mut [Binding]) {
    if !path.is_empty() && base != path {
        for binding in bindings {
            if binding.leaf.is_none() {
                binding.leaf = Some(binding.path.clone());
            }
            binding.path = path.to_string();
        }
    }
}

/// The step into a struct or tuple-struct pattern's fields: none for the matched type's own
/// struct, the variant's name for an enum variant (its fields are other move paths).
fn into_pattern(path: &str, ty: &Ty, pat_path: &syn::Path) -> String {
    let name = pat_path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default();
    if names_type(&name, ty) { path.to_string() } else { field_path(path, &name) }
}

fn collect(
    b: &Builder<'_, '_>,
    pat: &syn::Pat,
    ty: &Ty,
    under_ref: bool,
    whole: bool,
    path: &str,
    out: &mut Vec<Binding>,
) {
    match pat {
        // A name that resolves to a unit variant, unit struct or constant (`None`, `Rule::On`
        // imported, `MAX`) is a path pattern, not a binding.
        syn::Pat::Ident(p)
            if p.subpat.is_none() && p.by_ref.is_none() && p.mutability.is_none() && names_value(b, &p.ident) => {}
        syn::Pat::Ident(p) => {
            let by_ref = p.by_ref.is_some();
            out.push(Binding {
                name: p.ident.to_string(),
                ty: ty.clone(),
                by_ref,
                via_ref: under_ref && !by_ref,
                mutable_ref: p.by_ref.is_some() && p.mutability.is_some(),
                span: Span::of(&p.ident),
                whole: whole && !by_ref && !under_ref,
                behind_ref_pat: false,
                path: path.to_string(),
                leaf: None,
            });
            if let Some((_, sub)) = &p.subpat {
                collect(b, sub, ty, under_ref, false, path, out);
            }
        }
        syn::Pat::Type(t) => {
            let annotated = b.resolve_ty(&t.ty);
            let ty = if annotated.is_known() { annotated } else { ty.clone() };
            collect(b, &t.pat, &ty, under_ref, whole, path, out);
        }
        syn::Pat::Reference(r) => {
            let inner = match ty {
                Ty::Ref { inner, .. } => (**inner).clone(),
                _ => Ty::Unknown,
            };
            let start = out.len();
            collect(b, &r.pat, &inner, false, false, &field_path(path, "*"), out);
            for binding in &mut out[start..] {
                binding.behind_ref_pat = true;
            }
        }
        syn::Pat::Paren(p) => collect(b, &p.pat, ty, under_ref, whole, path, out),
        syn::Pat::Or(o) => {
            if let Some(first) = o.cases.first() {
                let start = out.len();
                collect(b, first, ty, under_ref, false, path, out);
                // Each case moves its own parts; which case matched is known only at run time,
                // so the parts of all cases count as one.
                for binding in &mut out[start..] {
                    binding.path = field_path(path, "|");
                }
            }
        }
        syn::Pat::Tuple(t) => {
            let (inner, under_ref) = peel(ty, under_ref);
            let items = match inner {
                Ty::Tuple(items) => items.clone(),
                _ => Vec::new(),
            };
            for (i, elem) in t.elems.iter().enumerate() {
                let at = field_path(path, &i.to_string());
                collect(b, elem, items.get(i).unwrap_or(&Ty::Unknown), under_ref, false, &at, out);
            }
        }
        syn::Pat::TupleStruct(ts) => {
            let (inner, under_ref) = peel(ty, under_ref);
            let variant = ts.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default();
            let fields = variant_fields(b, inner, &variant);
            let base = into_pattern(path, inner, &ts.path);
            let start = out.len();
            for (i, elem) in ts.elems.iter().enumerate() {
                let at = field_path(&base, &i.to_string());
                collect(b, elem, fields.get(i).unwrap_or(&Ty::Unknown), under_ref, false, &at, out);
            }
            nested_variant(path, &base, &mut out[start..]);
        }
        syn::Pat::Struct(s) => {
            let (inner, under_ref) = peel(ty, under_ref);
            let name = s.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default();
            let base = into_pattern(path, inner, &s.path);
            let start = out.len();
            for field in &s.fields {
                let member = super::member_name(&field.member);
                let fty = struct_field(b, inner, &name, &member);
                collect(b, &field.pat, &fty, under_ref, false, &field_path(&base, &member), out);
            }
            nested_variant(path, &base, &mut out[start..]);
        }
        syn::Pat::Slice(s) => {
            let (inner, under_ref) = peel(ty, under_ref);
            let elem = match inner {
                Ty::Array(e, _) | Ty::ParamArray(e, _) | Ty::Slice(e) => (**e).clone(),
                _ => Ty::Unknown,
            };
            // `rest @ ..` binds the elements the others leave: a subslice, or a shorter array.
            let is_rest = |p: &syn::Pat| {
                matches!(p, syn::Pat::Rest(_))
                    || matches!(p, syn::Pat::Ident(i) if matches!(i.subpat.as_ref().map(|(_, p)| &**p), Some(syn::Pat::Rest(_))))
            };
            let others = s.elems.iter().filter(|p| !is_rest(p)).count() as u64;
            let rest = match inner {
                Ty::Slice(e) => Ty::Slice(e.clone()),
                Ty::Array(e, n) => Ty::Array(e.clone(), n.and_then(|n| n.checked_sub(others))),
                _ => Ty::Unknown,
            };
            for (i, p) in s.elems.iter().enumerate() {
                let ty = if is_rest(p) { &rest } else { &elem };
                collect(b, p, ty, under_ref, false, &field_path(path, &format!("[{i}]")), out);
            }
        }
        _ => {}
    }
}

/// Whether binding the pattern moves out every part of a value of type `ty` that needs drop
/// (tuples and structs only: moving out of an enum variant leaves the enum to be dropped).
fn moves_all_drop_parts(b: &Builder<'_, '_>, pat: &syn::Pat, ty: &Ty) -> bool {
    let index = b.index();
    let needs_drop = |t: &Ty| t.drop_glue(index).needs_drop();
    match pat {
        syn::Pat::Type(t) => moves_all_drop_parts(b, &t.pat, ty),
        syn::Pat::Paren(p) => moves_all_drop_parts(b, &p.pat, ty),
        // A part with no drop glue (`berth: &str`, `n: u32`) leaves nothing to drop.
        syn::Pat::Ident(p) => {
            !needs_drop(ty) || p.by_ref.is_none() && p.subpat.is_none() && !matches!(ty, Ty::Ref { .. })
        }
        syn::Pat::Wild(_) => !needs_drop(ty),
        syn::Pat::Tuple(t) => match ty {
            Ty::Tuple(items) if items.len() == t.elems.len() => {
                t.elems.iter().zip(items).all(|(p, item)| moves_all_drop_parts(b, p, item))
            }
            _ => false,
        },
        syn::Pat::Struct(s) => {
            let Ty::Adt { name, .. } = ty else { return false };
            let Some(decl) = index.adt(name) else { return false };
            if decl.kind != crate::items::AdtKind::Struct || decl.has_drop_impl {
                return false;
            }
            decl.fields.iter().all(|(fname, fty)| {
                let field_pat = s.fields.iter().find(|f| matches!(&f.member, syn::Member::Named(i) if i == fname));
                match field_pat {
                    Some(f) => moves_all_drop_parts(b, &f.pat, fty),
                    None => !needs_drop(fty),
                }
            })
        }
        _ => false,
    }
}

/// Matching a non-reference pattern against a reference switches to by-reference bindings.
fn peel(ty: &Ty, under_ref: bool) -> (&Ty, bool) {
    match ty {
        Ty::Ref { inner, .. } => (peel(inner, true).0, true),
        other => (other, under_ref),
    }
}

fn variant_fields(b: &Builder<'_, '_>, ty: &Ty, variant: &str) -> Vec<Ty> {
    match (ty, variant) {
        (Ty::Adt { name, args }, "Some") if name == "Option" => vec![args.first().cloned().unwrap_or(Ty::Unknown)],
        (Ty::Adt { name, args }, "Ok") if name == "Result" => vec![args.first().cloned().unwrap_or(Ty::Unknown)],
        (Ty::Adt { name, args }, "Err") if name == "Result" => vec![args.get(1).cloned().unwrap_or(Ty::Unknown)],
        (Ty::Adt { name, args }, variant) => match b.index().adt(name) {
            Some(decl) => {
                let fields: Vec<Ty> = if let Some((_, fields)) = decl.variants.iter().find(|(v, _)| v == variant) {
                    fields.clone()
                } else {
                    decl.fields.iter().map(|(_, t)| t.clone()).collect()
                };
                // The declaration's parameters are the scrutinee's arguments (unknown where
                // it says nothing): `Poll::Ready(v)` on a `Poll<u8>` binds a `u8`.
                fields.iter().map(|t| crate::ty::substitute(t, &decl.generics, args)).collect()
            }
            None => Vec::new(),
        },
        _ => Vec::new(),
    }
}

fn struct_field(b: &Builder<'_, '_>, ty: &Ty, pat_name: &str, member: &str) -> Ty {
    let adt_name = match ty {
        Ty::Adt { name, .. } => name.clone(),
        _ => pat_name.to_string(),
    };
    let Some(decl) = b.index().adt(&adt_name) else { return Ty::Unknown };
    let field = decl.field(member).or_else(|| decl.variant_field(pat_name, member)).cloned().unwrap_or(Ty::Unknown);
    let args: &[Ty] = match ty {
        Ty::Adt { args, .. } => args,
        _ => &[],
    };
    crate::ty::substitute(&field, &decl.generics, args)
}

/// Whether a lone identifier in a pattern names a unit variant, unit struct or constant.
fn names_value(b: &Builder<'_, '_>, ident: &syn::Ident) -> bool {
    if b.lookup(&ident.to_string()).is_some() {
        return false;
    }
    match super::infer::value_path(b, &syn::Path::from(ident.clone())) {
        super::infer::ValuePath::Value(_) => true,
        super::infer::ValuePath::Constructor { fields, .. } => fields.is_empty(),
        _ => false,
    }
}

/// Whether matching the pattern looks at the value (a variant, a constant, a literal), rather
/// than only binding it or parts of it.
pub(crate) fn inspects(b: &Builder<'_, '_>, pat: &syn::Pat) -> bool {
    match pat {
        syn::Pat::Wild(_) | syn::Pat::Rest(_) => false,
        syn::Pat::Ident(p) => match &p.subpat {
            Some((_, sub)) => inspects(b, sub),
            None => p.by_ref.is_none() && p.mutability.is_none() && names_value(b, &p.ident),
        },
        syn::Pat::Type(t) => inspects(b, &t.pat),
        syn::Pat::Paren(p) => inspects(b, &p.pat),
        syn::Pat::Reference(r) => inspects(b, &r.pat),
        syn::Pat::Tuple(t) => t.elems.iter().any(|e| inspects(b, e)),
        syn::Pat::Guard(g) => inspects(b, &g.pat),
        syn::Pat::Struct(s) => s.path.segments.len() > 1 || s.fields.iter().any(|f| inspects(b, &f.pat)),
        _ => true,
    }
}
