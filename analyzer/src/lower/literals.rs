//! Bindings initialised with a number literal, typed by their later use.
//!
//! `let mut n = 0;` is an `i32` and `let mut km = 0.0;` an `f64` only when nothing says
//! otherwise: rustc infers the type from how the binding is used (`n += v.len()`,
//! `n < limit`, `km += leg` with `leg: f32`, `Ok(n)` returned from a fn whose output is
//! `Result<usize, _>`). In: each such binding, and the uses the lowering meets afterwards (an
//! operator with a typed operand, an assignment, a call argument, a struct field, the value
//! of the body or of `return`). Out: the binding's type, changed by the first use that fixes
//! it. The size of a saved counter depends on it. The arms of an `if` or `match` have one
//! type too: a literal in one arm takes what another arm says ([`Lits`]).

use super::Builder;
use crate::ir::LocalId;
use crate::ty::{Prim, Ty};

/// Which number types an unsuffixed literal may still become.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Literal {
    Int,
    Float,
}

impl Literal {
    fn admits(self, ty: &Ty) -> bool {
        match (self, ty) {
            (Literal::Int, ty) => is_integer(ty),
            (Literal::Float, Ty::Prim(p)) => matches!(p, Prim::F32 | Prim::F64),
            _ => false,
        }
    }
}

/// Whether `expr` is an integer literal without a suffix (`0`, `-1`, `(3)`).
pub(crate) fn is_unsuffixed_int(expr: &syn::Expr) -> bool {
    unsuffixed(expr) == Some(Literal::Int)
}

/// The kind of number literal without a suffix `expr` is (`0`, `-1.5`, `(3)`, `{ 2 }`, and
/// `if c { 1.4 } else { 1.0 }` when every branch is one of the same kind).
pub(crate) fn unsuffixed(expr: &syn::Expr) -> Option<Literal> {
    match expr {
        syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Int(i), .. }) if i.suffix().is_empty() => Some(Literal::Int),
        syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Float(f), .. }) if f.suffix().is_empty() => Some(Literal::Float),
        syn::Expr::Unary(syn::ExprUnary { op: syn::UnOp::Neg(_), expr, .. }) => unsuffixed(expr),
        syn::Expr::Paren(p) => unsuffixed(&p.expr),
        syn::Expr::Block(b) if b.label.is_none() => unsuffixed_tail(&b.block),
        syn::Expr::If(i) => {
            let (_, else_expr) = i.else_branch.as_ref()?;
            let then = unsuffixed_tail(&i.then_branch)?;
            (unsuffixed(else_expr)? == then).then_some(then)
        }
        _ => None,
    }
}

/// The kind of unsuffixed number literal a block's tail expression is.
fn unsuffixed_tail(block: &syn::Block) -> Option<Literal> {
    match block.stmts.last() {
        Some(syn::Stmt::Expr(e, None)) => unsuffixed(e),
        _ => None,
    }
}

/// Which parts of an arm's value are unsuffixed literals, whose type another arm may settle
/// (`None => (0.0, 0)`, `Some(x) => (x as f32, n)`).
#[derive(Clone, Debug)]
pub(crate) enum Lits {
    Typed,
    Literal,
    Tuple(Vec<Lits>),
}

impl Lits {
    pub(crate) fn of(expr: &syn::Expr) -> Lits {
        match expr {
            e if unsuffixed(e).is_some() => Lits::Literal,
            syn::Expr::Tuple(t) => Lits::Tuple(t.elems.iter().map(Lits::of).collect()),
            syn::Expr::Paren(p) => Lits::of(&p.expr),
            syn::Expr::Block(b) if b.label.is_none() => Lits::of_block(&b.block),
            _ => Lits::Typed,
        }
    }

    pub(crate) fn of_block(block: &syn::Block) -> Lits {
        match block.stmts.last() {
            Some(syn::Stmt::Expr(e, None)) => Lits::of(e),
            _ => Lits::Typed,
        }
    }

    /// The type of two arms together: what one arm's literals leave open, the other's typed
    /// parts say; otherwise the first arm's type, refined by the second's.
    pub(crate) fn join(a: (Ty, Lits), b: (Ty, Lits)) -> (Ty, Lits) {
        match (a, b) {
            ((Ty::Tuple(xs), Lits::Tuple(ma)), (Ty::Tuple(ys), Lits::Tuple(mb)))
                if xs.len() == ys.len() && ma.len() == xs.len() && mb.len() == ys.len() =>
            {
                let (tys, lits) =
                    xs.into_iter().zip(ma).zip(ys.into_iter().zip(mb)).map(|(x, y)| Lits::join(x, y)).unzip();
                (Ty::Tuple(tys), Lits::Tuple(lits))
            }
            ((_, Lits::Literal), (y @ Ty::Prim(_), Lits::Typed)) => (y, Lits::Typed),
            ((x, lits), (y, _)) => (x.refined_by(&y), lits),
        }
    }
}

/// A type with nothing unknown or generic in it.
pub(crate) fn is_concrete(ty: &Ty) -> bool {
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

fn is_number(ty: &Ty) -> bool {
    matches!(ty, Ty::Prim(p) if p.is_numeric())
}

impl Builder<'_, '_> {
    /// Records a binding whose type so far only comes from an unsuffixed number literal.
    pub(crate) fn note_literal(&mut self, name: &str, id: LocalId, kind: Literal) {
        self.literal_bindings.push((name.to_string(), id, kind));
    }

    /// `for n in 2..=5`: `n` is typed by its later use, and the range's iterator with it.
    pub(crate) fn note_literal_range(&mut self, pat: &syn::Pat, range: &syn::Expr, iter: LocalId, next: LocalId) {
        let syn::Expr::Range(r) = range else { return };
        let literal_ends = r.start.iter().chain(r.end.iter()).all(|e| is_unsuffixed_int(e));
        let syn::Pat::Ident(p) = pat else { return };
        let name = p.ident.to_string();
        if !literal_ends || r.end.is_none() {
            return;
        }
        let Some(id) = self.lookup(&name) else { return };
        let kind = match r.limits {
            syn::RangeLimits::HalfOpen(_) => "Range",
            syn::RangeLimits::Closed(_) => "RangeInclusive",
        };
        self.note_literal(&name, id, Literal::Int);
        self.literal_ranges.push((id, kind, iter, next));
    }

    /// The literal-typed binding `name` refers to here, if any, and its literal's kind.
    fn literal_binding(&self, name: &str) -> Option<(LocalId, Literal)> {
        let id = self
            .lookup(name)
            .or_else(|| self.literal_bindings.iter().rev().find(|(n, _, _)| n == name).map(|(_, id, _)| *id))?;
        self.literal_bindings.iter().find(|(_, l, _)| *l == id).map(|(_, _, kind)| (id, *kind))
    }

    /// `expr` is used where a value of type `ty` is expected: a literal-typed binding named by
    /// `expr` takes that type.
    pub(crate) fn constrain_literal(&mut self, expr: &syn::Expr, ty: &Ty) {
        match expr {
            syn::Expr::Paren(p) => self.constrain_literal(&p.expr, ty),
            syn::Expr::Group(g) => self.constrain_literal(&g.expr, ty),
            syn::Expr::Path(p) => {
                let Some(ident) = p.path.get_ident() else { return };
                let name = ident.to_string();
                if let Some((id, kind)) = self.literal_binding(&name)
                    && kind.admits(ty)
                {
                    self.set_type(id, ty.clone());
                    self.literal_bindings.retain(|(_, l, _)| *l != id);
                    if let Some(&(_, range, iter, next)) = self.literal_ranges.iter().find(|r| r.0 == id) {
                        self.set_type(iter, Ty::adt(range, vec![ty.clone()]));
                        self.set_type(next, Ty::adt("Option", vec![ty.clone()]));
                    }
                } else if let Some(id) = self.lookup(&name) {
                    // A collection made empty (`HashMap::new()`) takes its element types from
                    // where it is passed (`fill(&mut anc)` with `anc: &mut HashMap<String, u32>`).
                    let have = self.body.locals[id.index()].ty.clone();
                    // A value of a type the source does not reveal (`tags` of
                    // `opt.map(..).unwrap_or_default()`) passed by value where a collection or
                    // other named type is expected has that type.
                    if !have.is_known() && matches!(ty, Ty::Adt { .. }) && is_concrete(ty) {
                        self.set_type(id, ty.clone());
                    } else if matches!(have, Ty::Adt { .. }) && !is_concrete(&have) && is_concrete(ty) {
                        let refined = have.refined_by(ty);
                        if refined != have && is_concrete(&refined) {
                            self.set_type(id, refined);
                        }
                    }
                }
            }
            syn::Expr::Reference(r) => {
                if let Ty::Ref { inner, .. } = ty {
                    self.constrain_literal(&r.expr, inner);
                }
            }
            syn::Expr::Binary(b) if !matches!(b.op, syn::BinOp::Shl(_) | syn::BinOp::Shr(_)) && is_number(ty) => {
                self.constrain_literal(&b.left, ty);
                self.constrain_literal(&b.right, ty);
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
                    self.constrain_literal(arg, &inner);
                }
            }
            syn::Expr::Tuple(t) => {
                if let Ty::Tuple(items) = ty {
                    for (e, t) in t.elems.iter().zip(items) {
                        self.constrain_literal(e, t);
                    }
                }
            }
            // A `loop`'s value is what its `break`s carry (`break learned`).
            syn::Expr::Loop(l) => {
                for value in break_values(&l.body) {
                    self.constrain_literal(value, ty);
                }
            }
            syn::Expr::Block(b) if b.label.is_none() => {
                if let Some(syn::Stmt::Expr(tail, None)) = b.block.stmts.last() {
                    self.constrain_literal(tail, ty);
                }
            }
            syn::Expr::If(i) => {
                if let Some(syn::Stmt::Expr(tail, None)) = i.then_branch.stmts.last() {
                    self.constrain_literal(tail, ty);
                }
                if let Some((_, other)) = &i.else_branch {
                    self.constrain_literal(other, ty);
                }
            }
            syn::Expr::Match(m) => {
                for arm in &m.arms {
                    self.constrain_literal(&arm.body, ty);
                }
            }
            _ => {}
        }
    }

    /// The two operands of a built-in operator have one type: a literal-typed binding on one
    /// side takes the other side's type.
    pub(crate) fn unify_literal_operands(&mut self, left: &syn::Expr, right: &syn::Expr) {
        let known = |b: &Builder<'_, '_>, e: &syn::Expr| -> Option<Ty> {
            if unsuffixed(e).is_some() || b.names_literal(e) {
                return None;
            }
            let ty = super::infer::quick_type(b, e);
            let ty = match ty {
                Ty::Ref { inner, .. } => *inner,
                other => other,
            };
            is_number(&ty).then_some(ty)
        };
        if let Some(ty) = known(self, right) {
            self.constrain_literal(left, &ty);
        }
        if let Some(ty) = known(self, left) {
            self.constrain_literal(right, &ty);
        }
    }

    /// Whether `expr` is a literal-typed binding (its type is still only a default).
    fn names_literal(&self, expr: &syn::Expr) -> bool {
        match expr {
            syn::Expr::Path(p) => p.path.get_ident().is_some_and(|i| self.literal_binding(&i.to_string()).is_some()),
            syn::Expr::Paren(p) => self.names_literal(&p.expr),
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
            self.constrain_literal(arg, param);
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
                self.constrain_literal(&f.expr, ty);
                // `buffers: chunks.map(..).collect()` for a field of type `VecDeque<Vec<S>>`:
                // the collection is the field's, its items the iterator's (they settle `S`).
                if let syn::Expr::MethodCall(m) = &f.expr
                    && m.method == "collect"
                    && m.turbofish.is_none()
                    && !is_concrete(ty)
                {
                    self.expected_collect = Some((crate::diagnostics::Span::of(&m.method).start_byte, ty.clone()));
                }
            }
        }
    }
}

/// The values the unlabelled `break`s of a loop body carry (not those of loops, closures or
/// async blocks inside it).
fn break_values(body: &syn::Block) -> Vec<&syn::Expr> {
    struct Finder<'a>(Vec<&'a syn::Expr>);
    impl<'a> syn::visit::Visit<'a> for Finder<'a> {
        fn visit_expr_break(&mut self, b: &'a syn::ExprBreak) {
            if b.label.is_none()
                && let Some(value) = &b.expr
            {
                self.0.push(value);
            }
        }
        fn visit_expr_loop(&mut self, _: &'a syn::ExprLoop) {}
        fn visit_expr_while(&mut self, _: &'a syn::ExprWhile) {}
        fn visit_expr_for_loop(&mut self, _: &'a syn::ExprForLoop) {}
        fn visit_expr_closure(&mut self, _: &'a syn::ExprClosure) {}
        fn visit_expr_async(&mut self, _: &'a syn::ExprAsync) {}
        fn visit_item(&mut self, _: &'a syn::Item) {}
    }
    let mut finder = Finder(Vec::new());
    syn::visit::Visit::visit_block(&mut finder, body);
    finder.0
}
