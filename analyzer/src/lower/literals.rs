//! Bindings initialised with an integer literal, typed by their later use.
//!
//! `let mut n = 0;` is an `i32` only when nothing says otherwise: rustc infers the type from
//! how `n` is used (`n += v.len()`, `n < limit`, `Ok(n)` returned from a fn whose output is
//! `Result<usize, _>`). In: each such binding, and the uses the lowering meets afterwards (an
//! operator with a typed operand, an assignment, a call argument, a struct field, the value
//! of the body or of `return`). Out: the binding's type, changed by the first use that fixes
//! it. The size of a saved counter depends on it.

use super::Builder;
use crate::ir::LocalId;
use crate::ty::{Prim, Ty};

/// Whether `expr` is an integer literal without a suffix (`0`, `-1`, `(3)`).
pub(crate) fn is_unsuffixed_int(expr: &syn::Expr) -> bool {
    match expr {
        syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Int(i), .. }) => i.suffix().is_empty(),
        syn::Expr::Unary(syn::ExprUnary { op: syn::UnOp::Neg(_), expr, .. }) => is_unsuffixed_int(expr),
        syn::Expr::Paren(p) => is_unsuffixed_int(&p.expr),
        _ => false,
    }
}

/// A type with nothing unknown or generic in it.
fn is_concrete(ty: &Ty) -> bool {
    match ty {
        Ty::Unknown | Ty::Param { .. } | Ty::Opaque(_) => false,
        Ty::Ref { inner, .. }
        | Ty::Ptr { inner, .. }
        | Ty::Array(inner, _)
        | Ty::ParamArray(inner, _)
        | Ty::Slice(inner) => is_concrete(inner),
        Ty::Tuple(items) | Ty::Adt { args: items, .. } => items.iter().all(is_concrete),
        _ => true,
    }
}

fn is_integer(ty: &Ty) -> bool {
    matches!(ty, Ty::Prim(p) if p.is_numeric() && !matches!(p, Prim::F32 | Prim::F64))
}

impl Builder<'_, '_> {
    /// Records a binding whose type so far only comes from an unsuffixed integer literal.
    pub(crate) fn note_int_literal(&mut self, name: &str, id: LocalId) {
        self.int_literals.push((name.to_string(), id));
    }

    /// The literal-typed binding `name` refers to here, if any.
    fn int_literal_binding(&self, name: &str) -> Option<LocalId> {
        let id =
            self.lookup(name).or_else(|| self.int_literals.iter().rev().find(|(n, _)| n == name).map(|(_, id)| *id));
        id.filter(|id| self.int_literals.iter().any(|(_, l)| l == id))
    }

    /// `expr` is used where a value of type `ty` is expected: a literal-typed binding named by
    /// `expr` takes that type.
    pub(crate) fn constrain_int(&mut self, expr: &syn::Expr, ty: &Ty) {
        match expr {
            syn::Expr::Paren(p) => self.constrain_int(&p.expr, ty),
            syn::Expr::Group(g) => self.constrain_int(&g.expr, ty),
            syn::Expr::Path(p) => {
                let Some(ident) = p.path.get_ident() else { return };
                if !is_integer(ty) {
                    return;
                }
                if let Some(id) = self.int_literal_binding(&ident.to_string()) {
                    self.set_type(id, ty.clone());
                    self.int_literals.retain(|(_, l)| *l != id);
                }
            }
            syn::Expr::Binary(b) if !matches!(b.op, syn::BinOp::Shl(_) | syn::BinOp::Shr(_)) && is_integer(ty) => {
                self.constrain_int(&b.left, ty);
                self.constrain_int(&b.right, ty);
            }
            syn::Expr::Call(c) if c.args.len() == 1 => {
                let syn::Expr::Path(p) = &*c.func else { return };
                let Some(last) = p.path.segments.last() else { return };
                let inner = match (last.ident.to_string().as_str(), ty) {
                    ("Some", Ty::Adt { name, args }) if name == "Option" => args.first(),
                    ("Ok", Ty::Adt { name, args }) if name == "Result" => args.first(),
                    ("Err", Ty::Adt { name, args }) if name == "Result" => args.get(1),
                    _ => None,
                };
                if let (Some(inner), Some(arg)) = (inner.cloned(), c.args.first()) {
                    self.constrain_int(arg, &inner);
                }
            }
            syn::Expr::Tuple(t) => {
                if let Ty::Tuple(items) = ty {
                    for (e, t) in t.elems.iter().zip(items) {
                        self.constrain_int(e, t);
                    }
                }
            }
            _ => {}
        }
    }

    /// The two operands of a built-in operator have one type: a literal-typed binding on one
    /// side takes the other side's type.
    pub(crate) fn unify_int_operands(&mut self, left: &syn::Expr, right: &syn::Expr) {
        let known = |b: &Builder<'_, '_>, e: &syn::Expr| -> Option<Ty> {
            if is_unsuffixed_int(e) || b.names_int_literal(e) {
                return None;
            }
            let ty = super::infer::quick_type(b, e);
            let ty = match ty {
                Ty::Ref { inner, .. } => *inner,
                other => other,
            };
            is_integer(&ty).then_some(ty)
        };
        if let Some(ty) = known(self, right) {
            self.constrain_int(left, &ty);
        }
        if let Some(ty) = known(self, left) {
            self.constrain_int(right, &ty);
        }
    }

    /// Whether `expr` is a literal-typed binding (its type is still only a default).
    fn names_int_literal(&self, expr: &syn::Expr) -> bool {
        match expr {
            syn::Expr::Path(p) => {
                p.path.get_ident().is_some_and(|i| self.int_literal_binding(&i.to_string()).is_some())
            }
            syn::Expr::Paren(p) => self.names_int_literal(&p.expr),
            _ => false,
        }
    }

    /// The parameter types of the fn a call expression calls, when it is declared in the file.
    pub(crate) fn param_types(&self, func: &syn::Expr) -> Option<Vec<Ty>> {
        let syn::Expr::Path(p) = func else { return None };
        match super::infer::value_path(self, &p.path) {
            super::infer::ValuePath::Fn(sig, subst) => {
                let names: Vec<String> = sig.generics.iter().map(|g| g.name.clone()).collect();
                let args: Vec<Ty> = subst.iter().map(|s| s.clone().unwrap_or(Ty::Unknown)).collect();
                Some(sig.params.iter().map(|t| crate::ty::substitute(t, &names, &args)).collect())
            }
            _ => None,
        }
    }

    /// Call arguments take the parameter types of a fn declared in the file.
    pub(crate) fn constrain_call_args(&mut self, func: &syn::Expr, args: &[&syn::Expr]) {
        let Some(params) = self.param_types(func) else { return };
        for (arg, param) in args.iter().zip(&params) {
            self.constrain_int(arg, param);
        }
    }

    /// An argument held in a temporary across an await is stored after its coercion to the
    /// parameter type: `&String` passed as `&str` is kept as a `&str`.
    pub(crate) fn coerce_arg_temps(&mut self, func: &syn::Expr, values: &[super::expr::Value]) {
        let Some(params) = self.param_types(func) else { return };
        for (value, param) in values.iter().zip(&params) {
            if let super::expr::Value::Temp(t, ty) = value
                && is_concrete(param)
                && matches!((ty, param), (Ty::Ref { .. }, Ty::Ref { .. }))
                && ty != param
            {
                self.set_type(*t, param.clone());
            }
        }
    }

    /// Struct literal fields take the declared field types.
    pub(crate) fn constrain_struct_fields(&mut self, s: &syn::ExprStruct) {
        let fields = super::infer::struct_literal_fields(self, &s.path);
        for f in &s.fields {
            let member = super::member_name(&f.member);
            if let Some((_, ty)) = fields.iter().find(|(n, _)| *n == member) {
                self.constrain_int(&f.expr, ty);
            }
        }
    }
}
