//! Expressions, in Rust's evaluation order.
//!
//! In: syn expressions and statements. Out: statements and blocks appended to the body being
//! built. Each construct follows MIR building: operands are evaluated left to right into
//! temporaries when an `.await` comes later in the same expression, `place = value` and
//! built-in `place op= value` evaluate the value first, method receivers are auto-ref'd,
//! temporaries live to the end of their statement (a `let` initialiser's `&temp` to the end
//! of the block), and a `match` scrutinee lives to the end of the statement holding the match.

use super::Builder;
use super::discover::{NestedBody, lower_nested_future, lower_nested_item};
use super::literals::{Lits, unsuffixed};
use crate::diagnostics::{Diagnostic, Located, Span};
use crate::ir::{FutureKind, LocalId, LocalKind, StmtKind, Terminator};
use crate::items::Receiver;
use crate::ty::{Prim, Ty};

/// A place expression: a local (or a captured variable) and the projections below it.
#[derive(Clone, Debug)]
pub(crate) struct Place {
    /// The local the place is based on; `None` for captured variables, statics and the
    /// results of overloaded `Index`/`Deref`.
    pub local: Option<LocalId>,
    pub ty: Ty,
    /// Some field or element of the local rather than the whole of it.
    pub projected: bool,
    /// The place is reached through a reference stored in `local`.
    pub deref: bool,
    /// The variable and field names, for captures (`p.name` is `["p", "name"]`). Empty when
    /// the place is not a captured variable.
    pub path: Vec<String>,
    /// For a captured place: the place just behind its last dereference, when that
    /// dereference is of a shared reference (its path length and type). A shared use of the
    /// place captures this one instead (rustc's capture truncation: a precise path behind a
    /// shared reference buys nothing).
    pub shared: Option<(usize, Box<Ty>)>,
    /// For a projection of `local` through named fields only (`job.source.len`), that field
    /// path; `None` for the whole local or any other projection.
    pub part: Option<String>,
    /// For a captured place reached through a built-in index (`lots[0]`, `grid[r][c].name`):
    /// the type of the place `path` names, the indexed array or slice. A closure captures that
    /// place, and later projections do not extend `path`.
    pub indexed: Option<Box<Ty>>,
}

impl Place {
    /// A whole local.
    pub(crate) fn local(local: LocalId, ty: Ty) -> Place {
        Place {
            local: Some(local),
            ty,
            projected: false,
            deref: false,
            path: Vec::new(),
            shared: None,
            part: None,
            indexed: None,
        }
    }

    /// The place an overloaded `Deref` or `Index` returns a reference to: behind a reference
    /// that belongs to no local.
    pub(crate) fn behind_call(ty: Ty) -> Place {
        Place {
            local: None,
            ty,
            projected: true,
            deref: true,
            path: Vec::new(),
            shared: None,
            part: None,
            indexed: None,
        }
    }

    /// The type of the captured place `path` names.
    pub(crate) fn captured_ty(&self) -> &Ty {
        self.indexed.as_deref().unwrap_or(&self.ty)
    }

    /// Notes the built-in dereferences of `ty` the place goes through (`&&str` gives two),
    /// as far as `depth` of them.
    pub(crate) fn note_derefs(&mut self, ty: &Ty, depth: usize) {
        let mut cur = ty.concrete().clone();
        for _ in 0..depth {
            match cur {
                Ty::Ref { mutable, inner } => {
                    self.shared = (!mutable).then(|| (self.path.len(), inner.clone()));
                    cur = inner.concrete().clone();
                }
                Ty::Adt { ref name, ref args } if name == "Box" => {
                    self.shared = None;
                    cur = args.first().cloned().unwrap_or(Ty::Unknown);
                }
                _ => break,
            }
        }
    }
}

/// Whether a `for` loop's data has a length the source fixes: a range with literal bounds or
/// an array literal.
fn fixed_length(expr: &syn::Expr) -> bool {
    let literal = |e: &Option<Box<syn::Expr>>| matches!(e.as_deref(), Some(syn::Expr::Lit(_)));
    match expr {
        syn::Expr::Paren(p) => fixed_length(&p.expr),
        syn::Expr::Range(r) => literal(&r.start) && literal(&r.end),
        syn::Expr::Array(_) => true,
        _ => false,
    }
}

/// The form of an awaited call: `f(..)`, `Type::m(..)` or `x.m(..)`.
fn awaited_call(expr: &syn::Expr) -> crate::ir::AwaitedCall {
    use crate::ir::AwaitedCall;
    let mut expr = expr;
    while let syn::Expr::Paren(syn::ExprParen { expr: inner, .. })
    | syn::Expr::Group(syn::ExprGroup { expr: inner, .. }) = expr
    {
        expr = inner;
    }
    match expr {
        syn::Expr::Call(call) => {
            let syn::Expr::Path(path) = &*call.func else { return AwaitedCall::Other };
            if path.qself.is_some() {
                return AwaitedCall::Other;
            }
            let segments: Vec<String> = path.path.segments.iter().map(|s| s.ident.to_string()).collect();
            match segments.as_slice() {
                [f] => AwaitedCall::Free(f.clone()),
                [ty, m] => AwaitedCall::Assoc { ty: ty.clone(), method: m.clone() },
                _ => AwaitedCall::Other,
            }
        }
        syn::Expr::MethodCall(call) => match &*call.receiver {
            syn::Expr::Path(r) if r.path.get_ident().is_some() => AwaitedCall::Method {
                receiver: r.path.get_ident().map(|i| i.to_string()).unwrap_or_default(),
                method: call.method.to_string(),
            },
            _ => AwaitedCall::Other,
        },
        _ => AwaitedCall::Other,
    }
}

/// How many shared or unique references a type is behind (`&&str` gives 2).
fn ref_depth(ty: &Ty) -> usize {
    match ty.concrete() {
        Ty::Ref { inner, .. } => 1 + ref_depth(inner),
        _ => 0,
    }
}

/// What an expression evaluates to.
#[derive(Clone, Debug)]
pub(crate) enum Value {
    Place(Place, Option<CaptureRoot>),
    /// A value held in a temporary local.
    Temp(LocalId, Ty),
    /// A computed value not (yet) stored in a local.
    Rvalue(Ty),
    /// A constant, literal or fn item: no temporary is needed for it.
    Const(Ty),
}

impl Value {
    /// The captured variable the value is a place of, if it is one.
    pub(crate) fn capture_root(&self) -> Option<CaptureRoot> {
        match self {
            Value::Place(_, root) => root.clone(),
            _ => None,
        }
    }
}

/// The variable a captured place starts from, with its type.
#[derive(Clone, Debug)]
pub(crate) struct CaptureRoot {
    pub ty: Box<Ty>,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Access {
    Copy,
    Move,
    Borrow { mutable: bool },
    Mutate,
}

impl Value {
    pub fn ty(&self) -> Ty {
        match self {
            Value::Place(p, _) => p.ty.clone(),
            Value::Temp(_, ty) | Value::Rvalue(ty) | Value::Const(ty) => ty.clone(),
        }
    }
}

/// Whether an expression contains an `.await` of this body (not of a nested future).
pub(crate) fn contains_await(expr: &syn::Expr) -> bool {
    struct Finder(bool);
    impl<'ast> syn::visit::Visit<'ast> for Finder {
        fn visit_expr_await(&mut self, _: &'ast syn::ExprAwait) {
            self.0 = true;
        }
        fn visit_expr_async(&mut self, _: &'ast syn::ExprAsync) {}
        fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
        fn visit_item(&mut self, _: &'ast syn::Item) {}
        fn visit_macro(&mut self, mac: &'ast syn::Macro) {
            if super::macros::tokens_contain_await(&mac.tokens) {
                self.0 = true;
            }
        }
    }
    let mut finder = Finder(false);
    syn::visit::Visit::visit_expr(&mut finder, expr);
    finder.0
}

/// `Option<&T>` of an element made `Option<&[T]>` of a range (`str`'s `get` already gives a
/// `&str`).
pub(crate) fn subslice_of(ret: Ty) -> Ty {
    match ret.concrete() {
        Ty::Adt { name, args } if name == "Option" => match args.first().map(Ty::concrete) {
            Some(Ty::Ref { mutable, inner }) if **inner != Ty::Str => {
                Ty::adt("Option", vec![Ty::Ref { mutable: *mutable, inner: Box::new(Ty::Slice(inner.clone())) }])
            }
            _ => ret,
        },
        _ => ret,
    }
}

/// Whether the built-in operator on integers carries a check that can panic: overflow
/// (`+ - *`), division by zero (`/ %`) or the shift amount (`<< >>`), and their assignments.
fn checked_op(op: &syn::BinOp) -> bool {
    use syn::BinOp as B;
    matches!(
        op,
        B::Add(_)
            | B::Sub(_)
            | B::Mul(_)
            | B::Div(_)
            | B::Rem(_)
            | B::Shl(_)
            | B::Shr(_)
            | B::AddAssign(_)
            | B::SubAssign(_)
            | B::MulAssign(_)
            | B::DivAssign(_)
            | B::RemAssign(_)
            | B::ShlAssign(_)
            | B::ShrAssign(_)
    )
}

fn line_of(node: &(impl Located + ?Sized)) -> u32 {
    Span::of(node).line
}

impl Builder<'_, '_> {
    // ---- bodies, blocks, statements ----

    /// The outermost block of a body; its value is the future's output.
    pub(crate) fn lower_body_block(&mut self, block: &syn::Block) -> Ty {
        let value = self.lower_block(block);
        if let Some(syn::Stmt::Expr(tail, None)) = block.stmts.last() {
            let return_ty = self.return_ty.clone();
            self.constrain_literal(tail, &return_ty);
        }
        let line = Span::of(block).end_line;
        self.consume(value, line)
    }

    pub(crate) fn lower_closure_body(&mut self, body: &syn::Expr) -> Ty {
        let line = line_of(body);
        let value = self.lower_expr(body);
        let return_ty = self.return_ty.clone();
        self.constrain_literal(body, &return_ty);
        self.consume(value, line)
    }

    pub(crate) fn lower_block(&mut self, block: &syn::Block) -> Value {
        let span = Span::of(block);
        self.push_scope(span.end_line, false);
        let mut value = Value::Const(Ty::Unit);
        let count = block.stmts.len();
        for (i, stmt) in block.stmts.iter().enumerate() {
            let last = i + 1 == count;
            match stmt {
                syn::Stmt::Expr(expr, None) if last => {
                    // The tail's temporaries belong to the enclosing statement, not to this block.
                    self.enter_tail();
                    self.push_tail_scope(span.end_line);
                    let v = self.lower_expr(expr);
                    self.leave_tail();
                    // The block's value outlives its scope: move it out of any local of the block.
                    value = match v {
                        Value::Place(p, root) if p.local.is_some() => {
                            let ty = self.consume(Value::Place(p, root), line_of(expr));
                            Value::Rvalue(ty)
                        }
                        other => other,
                    };
                    self.pop_scope(span.end_line);
                }
                other => self.lower_stmt(other),
            }
        }
        if (count == 0 || matches!(block.stmts.last(), Some(syn::Stmt::Expr(_, Some(_)))))
            && let Some(syn::Stmt::Expr(e, Some(_))) = block.stmts.last()
            && self.diverges(e)
        {
            value = Value::Const(Ty::Never);
        }
        self.pop_scope(span.end_line);
        value
    }

    fn diverges(&self, expr: &syn::Expr) -> bool {
        matches!(expr, syn::Expr::Return(_) | syn::Expr::Break(_) | syn::Expr::Continue(_))
    }

    pub(crate) fn lower_stmt(&mut self, stmt: &syn::Stmt) {
        match stmt {
            syn::Stmt::Local(local) => self.lower_let(local),
            syn::Stmt::Item(item) => lower_nested_item(self, item),
            syn::Stmt::Expr(expr, _) => {
                let span = Span::of(expr);
                self.push_scope(span.end_line, true);
                let value = self.lower_expr(expr);
                self.discard(value, span.end_line);
                self.pop_scope(span.end_line);
            }
            syn::Stmt::Macro(m) => {
                let span = Span::of(m);
                self.push_scope(span.end_line, true);
                // `pin!(fut);` as a statement is tokio's, which shadows `fut`: not modelled.
                let value = if super::macros::is_std_pin(&m.mac) {
                    self.lower_opaque_macro(&m.mac, "pin", span)
                } else {
                    self.lower_macro(&m.mac, span)
                };
                self.discard(value, span.end_line);
                self.pop_scope(span.end_line);
            }
        }
    }

    /// A value computed for its side effects: an owned temporary is dropped at the `;`.
    fn discard(&mut self, value: Value, line: u32) {
        match value {
            Value::Rvalue(ty) if ty.drop_glue(self.index()).needs_drop() && ty != Ty::Never => {
                let t =
                    self.new_temp("the statement's value".into(), ty, Span { line, end_line: line, ..Span::default() });
                self.emit(StmtKind::Assign(t), line);
            }
            Value::Temp(..) | Value::Place(..) | Value::Rvalue(_) | Value::Const(_) => {}
        }
    }

    fn lower_let(&mut self, local: &syn::Local) {
        let span = Span::of(local);
        let line = span.line;
        let (pat, annotated) = match &local.pat {
            syn::Pat::Type(t) => (&*t.pat, Some(self.resolve_ty(&t.ty))),
            other => (other, None),
        };
        let simple = match pat {
            syn::Pat::Ident(p) if p.subpat.is_none() && p.by_ref.is_none() => Some(p.ident.to_string()),
            _ => None,
        };
        let init = local.init.as_ref();
        if let (Some(name), None | Some(syn::LocalInit { diverge: None, .. })) = (&simple, init) {
            // `let x = init;`: the binding is allocated first, then the initialiser is evaluated
            // straight into it.
            let ty = annotated.clone().unwrap_or(Ty::Unknown);
            let id = self.new_local(name.clone(), LocalKind::Binding, ty, Span::of(pat));
            if let Some(init) = init {
                self.push_scope(span.end_line, true);
                if matches!(&*init.expr, syn::Expr::Match(_) | syn::Expr::If(syn::ExprIf { else_branch: Some(_), .. }))
                {
                    self.arm_dest = Some(id);
                }
                let value = self.lower_let_init(&init.expr, annotated.as_ref());
                self.arm_dest = None;
                let vty = self.consume(value, line);
                if annotated.is_none() || annotated == Some(Ty::Unknown) {
                    self.set_type(id, vty);
                    if annotated.is_none()
                        && let Some(kind) = super::literals::unsuffixed(&init.expr)
                    {
                        self.note_literal(name, id, kind);
                    }
                } else if let Some(Ty::Array(_, None)) = &annotated {
                    self.set_type(id, vty);
                } else if let Some(a) = &annotated
                    && !super::literals::is_concrete(a)
                {
                    // `let w: Vec<_> = ..`: the value fills the annotation's holes.
                    self.set_type(id, a.refined_by(&vty));
                }
                self.emit(StmtKind::Assign(id), span.end_line);
                self.pop_scope(span.end_line);
            }
            self.bind(name.clone(), id);
            return;
        }
        let Some(init) = init else {
            // `let (a, b);` declares bindings without initialising them.
            self.declare_pattern(pat, annotated.unwrap_or(Ty::Unknown));
            return;
        };
        self.push_scope(span.end_line, true);
        let value = self.lower_let_init(&init.expr, annotated.as_ref());
        let root = value.capture_root();
        let place = self.as_place_value(value, &init.expr, annotated.clone());
        self.capture_scrutinee(&place, root.as_ref(), &[pat], line);
        if let Some((_, else_block)) = &init.diverge {
            let matched = self.new_block();
            let otherwise = self.new_block();
            let label = self.text(pat);
            self.branch(vec![(matched, Some(label)), (otherwise, Some("else".into()))], line);
            self.switch_to(otherwise);
            self.note_not_variant(pat, &place, line);
            let v = self.lower_expr(else_block);
            let l = line_of(else_block);
            self.consume(v, l);
            self.terminate(Terminator::Diverge, l);
            self.switch_to(matched);
        }
        if !matches!(pat, syn::Pat::Wild(_)) {
            self.bind_pattern_from_place(pat, &place, line);
        }
        // `let (mut ok, mut errs) = (0, Vec::new())`: each element bound to a number literal is
        // typed by its later use, as `let ok = 0` is.
        if annotated.is_none()
            && let (syn::Pat::Tuple(pt), syn::Expr::Tuple(et)) = (pat, &*init.expr)
        {
            for (p, e) in pt.elems.iter().zip(&et.elems) {
                if let syn::Pat::Ident(pi) = p
                    && pi.subpat.is_none()
                    && let Some(kind) = super::literals::unsuffixed(e)
                {
                    let name = pi.ident.to_string();
                    if let Some(id) = self.lookup(&name) {
                        self.note_literal(&name, id, kind);
                    }
                }
            }
        }
        self.pop_scope(span.end_line);
    }

    /// Notes the call whose result an annotated `let` types: `f(x)`, `f(x)?`, `f(x).await?`.
    fn expect_call_result(&mut self, init: &syn::Expr, annotated: Option<&Ty>) {
        let Some(ty) = annotated.filter(|t| t.is_known()) else { return };
        let (mut expr, mut tries) = (init, 0u8);
        loop {
            match expr {
                syn::Expr::Paren(p) => expr = &p.expr,
                syn::Expr::Try(t) => {
                    tries = tries.saturating_add(1);
                    expr = &t.expr;
                }
                syn::Expr::Await(a) => expr = &a.base,
                syn::Expr::Call(c) => {
                    self.expected_call = Some((Span::of(c).start_byte, ty.clone(), tries));
                    return;
                }
                syn::Expr::MethodCall(m) if tries == 0 && (m.method == "collect" || m.method == "partition") => {
                    self.expected_collect = Some((Span::of(&m.method).start_byte, ty.clone()));
                    return;
                }
                _ => return,
            }
        }
    }

    /// A `let` initialiser: `&temp` at its top (or in a struct or tuple there) lives to the end
    /// of the enclosing block, not of the statement; the annotation types the call it is the
    /// result of.
    fn lower_let_init(&mut self, expr: &syn::Expr, annotated: Option<&Ty>) -> Value {
        self.expect_call_result(expr, annotated);
        let value = self.lower_let_init_expr(expr);
        self.expected_call = None;
        self.expected_collect = None;
        value
    }

    fn lower_let_init_expr(&mut self, expr: &syn::Expr) -> Value {
        match expr {
            syn::Expr::Reference(r) if !is_place_expr(&r.expr) => {
                let inner = self.lower_expr(&r.expr);
                let span = Span::of(&*r.expr);
                let ty = inner.ty();
                let t = self.new_local(String::new(), LocalKind::Temp { expr: self.text(&*r.expr) }, ty.clone(), span);
                self.register_in_block_scope(t);
                self.consume(inner, span.line);
                self.emit(StmtKind::Assign(t), span.end_line);
                self.emit(StmtKind::Borrow(t), span.end_line);
                Value::Rvalue(Ty::Ref { mutable: r.mutability.is_some(), inner: Box::new(ty) })
            }
            syn::Expr::Macro(m) if super::macros::is_std_pin(&m.mac) => {
                self.lower_pin(&m.mac, Span::of(expr), true).unwrap_or_else(|| self.lower_expr(expr))
            }
            other => self.lower_expr(other),
        }
    }

    /// Makes a place out of a value (an rvalue is stored in a temporary first).
    pub(crate) fn as_place_value(&mut self, value: Value, expr: &syn::Expr, annotated: Option<Ty>) -> Place {
        match value {
            Value::Place(p, _) => p,
            Value::Temp(t, ty) => Place::local(t, ty),
            Value::Rvalue(ty) | Value::Const(ty) => {
                let ty = match annotated {
                    Some(a) if a.is_known() => a.refined_by(&ty),
                    _ => ty,
                };
                let span = Span::of(expr);
                let t = self.new_temp(self.text(expr), ty.clone(), span);
                self.emit(StmtKind::Assign(t), span.end_line);
                Place::local(t, ty)
            }
        }
    }

    // ---- using values ----

    /// Moves a part out of `local`, named by its field path (if it has one) for drop
    /// elaboration, which keeps a flag per part that needs drop.
    fn move_part(&mut self, local: LocalId, part: Option<&str>, ty: &Ty, line: u32) {
        let id = self.part_id(part.unwrap_or(""), ty.drop_glue(self.file.index).needs_drop());
        self.emit(StmtKind::MovePart(local, id), line);
    }

    /// Applies an access to a place: a statement on its local, or a capture of an outer variable.
    pub(crate) fn access(&mut self, place: &Place, root: Option<&CaptureRoot>, access: Access, line: u32) {
        if let Some(local) = place.local {
            let kind = match access {
                Access::Copy => StmtKind::Read(local),
                Access::Move if place.deref => StmtKind::Read(local),
                Access::Move if place.projected => {
                    return self.move_part(local, place.part.as_deref(), &place.ty, line);
                }
                Access::Move => StmtKind::Move(local),
                Access::Borrow { .. } if place.deref => StmtKind::Read(local),
                Access::Borrow { .. } => StmtKind::Borrow(local),
                Access::Mutate if place.deref => StmtKind::Read(local),
                Access::Mutate => StmtKind::Mutate(local),
            };
            self.emit(kind, line);
        } else if let Some(root) = root {
            if place.path.is_empty() {
                return;
            }
            let by_value = access == Access::Move && !place.deref;
            if by_value {
                // Moving out of a by-value capture: its stand-in local carries the move, for
                // the drop flag rustc gives the upvar (the captured place, or before edition
                // 2021 the whole variable, a part of which moves).
                let whole = !self.file.edition.captures_disjoint_fields() && place.path.len() > 1;
                let (path, ty) =
                    if whole { (&place.path[..1], &*root.ty) } else { (&place.path[..], place.captured_ty()) };
                if let Some(local) = self.capture_local(path, ty, root.span) {
                    if whole {
                        let part = place.path[1..].join(".");
                        self.move_part(local, Some(&part), &place.ty, line);
                    } else {
                        self.emit(StmtKind::Move(local), line);
                    }
                }
            }
            let mutable = matches!(access, Access::Borrow { mutable: true } | Access::Mutate);
            // A shared use of a place behind a shared reference captures the place just behind
            // the last such reference; the variable is only read.
            let (path, ty, through) = match &place.shared {
                Some((len, ty)) if !by_value && !mutable => (place.path[..*len].to_vec(), (**ty).clone(), true),
                _ => (place.path.clone(), place.captured_ty().clone(), place.deref),
            };
            self.note_capture(path, ty, (*root.ty).clone(), by_value, mutable, root.span, through);
        }
    }

    /// Uses a value by value: a copy or a move.
    pub(crate) fn consume(&mut self, value: Value, line: u32) -> Ty {
        match value {
            Value::Place(p, root) => {
                let access = if p.ty.is_copy(self.index()) { Access::Copy } else { Access::Move };
                self.access(&p, root.as_ref(), access, line);
                p.ty
            }
            Value::Temp(t, ty) => {
                self.emit(StmtKind::Move(t), line);
                ty
            }
            Value::Rvalue(ty) | Value::Const(ty) => ty,
        }
    }

    /// Takes a reference to a value: borrows the place, or stores an rvalue in a temporary
    /// that lives to the end of the statement and borrows that.
    pub(crate) fn borrow_value(&mut self, value: Value, expr: &syn::Expr, mutable: bool, line: u32) -> Ty {
        match value {
            Value::Place(p, root) => {
                self.access(&p, root.as_ref(), Access::Borrow { mutable }, line);
                Ty::Ref { mutable, inner: Box::new(p.ty) }
            }
            Value::Temp(t, ty) => {
                self.emit(StmtKind::Borrow(t), line);
                Ty::Ref { mutable, inner: Box::new(ty) }
            }
            // A constant borrowed shared (`["a", "b"].iter()`) is promoted to a static: no
            // temporary.
            Value::Rvalue(ty) | Value::Const(ty) if !mutable && self.is_promotable(expr) => {
                Ty::Ref { mutable, inner: Box::new(ty) }
            }
            Value::Rvalue(ty) | Value::Const(ty) => {
                let span = Span::of(expr);
                let t = self.new_temp(self.text(expr), ty.clone(), span);
                self.emit(StmtKind::Assign(t), line);
                self.emit(StmtKind::Borrow(t), line);
                Ty::Ref { mutable, inner: Box::new(ty) }
            }
        }
    }

    /// Evaluates operands left to right. An operand evaluated before an `.await` of a later
    /// operand is stored in a temporary, which the suspended future then holds.
    pub(crate) fn lower_operands(&mut self, exprs: &[&syn::Expr]) -> Vec<Value> {
        self.lower_operands_hinted(exprs, &[], &[])
    }

    /// [`Self::lower_operands`], where a closure operand's parameters take the types
    /// `hints` gives for its position (the inputs of the `Fn` bound of the parameter).
    fn lower_operands_hinted(
        &mut self,
        exprs: &[&syn::Expr],
        hints: &[Option<super::ClosureHint>],
        params: &[Ty],
    ) -> Vec<Value> {
        let mut values = Vec::with_capacity(exprs.len());
        for (i, expr) in exprs.iter().enumerate() {
            self.closure_inputs = hints.get(i).cloned().flatten().filter(|_| matches!(expr, syn::Expr::Closure(_)));
            let later_await = exprs[i + 1..].iter().any(|e| contains_await(e));
            let needs_temp = later_await && !is_constant_expr(expr);
            let pre = needs_temp.then(|| {
                let span = Span::of(*expr);
                self.new_temp(self.text(*expr), Ty::Unknown, span)
            });
            let value = self.lower_expr(expr);
            // `&String` passed for `&str` (`&Vec<T>` for `&[T]`, `&Rc<T>` for `&T`) is
            // coerced by a `Deref::deref` call, made before the later operands.
            if params.get(i).is_some_and(|param| derefs_to(self.index(), &value.ty(), param)) {
                // The locals moved by earlier operands are gone by then.
                for earlier in &mut values {
                    if let Value::Place(p, _) = &*earlier
                        && self.moves_local(p)
                    {
                        let moved = std::mem::replace(earlier, Value::Rvalue(Ty::Unknown));
                        let ty = self.consume(moved, line_of(*expr));
                        *earlier = Value::Rvalue(ty);
                    }
                }
                self.emit(StmtKind::Call, line_of(*expr));
            }
            match pre {
                Some(t) => {
                    let line = line_of(*expr);
                    let ty = self.consume(value, line);
                    self.set_type(t, ty.clone());
                    self.emit(StmtKind::Assign(t), line);
                    values.push(Value::Temp(t, ty));
                }
                // A local moved as an operand is moved out at its place in the operand list
                // (rustc makes each operand a temporary in order), before later operands run
                // a call that could unwind while it is still there.
                None if matches!(&value, Value::Place(p, _) if self.moves_local(p))
                    && exprs[i + 1..].iter().any(|e| may_call(e)) =>
                {
                    let ty = self.consume(value, line_of(*expr));
                    values.push(Value::Rvalue(ty));
                }
                None => values.push(value),
            }
        }
        values
    }

    /// Whether passing the place by value moves a local's value that needs drop.
    fn moves_local(&self, p: &Place) -> bool {
        p.local.is_some() && !p.ty.is_copy(self.index()) && p.ty.drop_glue(self.index()).needs_drop()
    }

    /// Operands of an aggregate (a tuple, array, struct literal or constructor call): a
    /// temporary moved into one leaves no drop behind on any later unwind path, so it never
    /// needs a drop flag (unlike one passed to a call).
    fn disarm_aggregate_operands(&mut self, values: &[Value]) {
        for v in values {
            if let Value::Temp(t, _) = v {
                self.set_flagless(*t);
            }
        }
    }

    fn consume_aggregate(&mut self, values: Vec<Value>, line: u32) -> Vec<Ty> {
        self.disarm_aggregate_operands(&values);
        self.consume_all(values, line)
    }

    fn consume_all(&mut self, values: Vec<Value>, line: u32) -> Vec<Ty> {
        values.into_iter().map(|v| self.consume(v, line)).collect()
    }

    /// Passes call arguments to parameters of types `params`: a reference passed where a
    /// reference is expected is reborrowed (`&*r`), so a captured one is used through.
    fn consume_args(&mut self, values: Vec<Value>, params: &[Ty], line: u32) -> Vec<Ty> {
        values
            .into_iter()
            .enumerate()
            .map(|(i, v)| {
                let v = match v {
                    Value::Place(mut p, Some(root))
                        if params.get(i).is_some_and(|t| matches!(t.concrete(), Ty::Ref { .. }))
                            && matches!(p.ty.concrete(), Ty::Ref { mutable: false, .. }) =>
                    {
                        // `&&str` passed as `&str` is reborrowed through both references.
                        let ty = p.ty.clone();
                        let param = params.get(i).map(|t| t.concrete().clone()).unwrap_or(Ty::Unknown);
                        let coerced = ref_depth(&ty).saturating_sub(ref_depth(&param));
                        let settled = !matches!(
                            param.peel_refs(),
                            Ty::Param { .. } | Ty::Unknown | Ty::Opaque(_) | Ty::Assoc { .. }
                        );
                        let depth = if settled { 1 + coerced } else { 1 };
                        p.note_derefs(&ty, depth);
                        Value::Place(p, Some(root))
                    }
                    v => v,
                };
                self.consume(v, line)
            })
            .collect()
    }

    // ---- expressions ----

    pub(crate) fn lower_expr(&mut self, expr: &syn::Expr) -> Value {
        let span = Span::of(expr);
        if !self.enter(span) {
            return Value::Rvalue(Ty::Unknown);
        }
        let value = self.lower_expr_inner(expr, span);
        self.leave();
        value
    }

    /// Constant expressions that rustc promotes to statics when borrowed: literals, unit
    /// structs and variants, constants, and struct literals, tuples, arrays and constructor
    /// calls made of them, when the value has no drop glue.
    fn is_promotable(&self, expr: &syn::Expr) -> bool {
        match expr {
            syn::Expr::Lit(_) => true,
            syn::Expr::Array(a) => a.elems.iter().all(|e| self.is_promotable(e)),
            syn::Expr::Tuple(t) => t.elems.iter().all(|e| self.is_promotable(e)),
            syn::Expr::Paren(p) => self.is_promotable(&p.expr),
            syn::Expr::Group(g) => self.is_promotable(&g.expr),
            syn::Expr::Unary(u) if matches!(u.op, syn::UnOp::Neg(_)) => self.is_promotable(&u.expr),
            syn::Expr::Repeat(r) => self.is_promotable(&r.expr),
            syn::Expr::Path(p) if p.qself.is_none() => {
                if let Some(ident) = p.path.get_ident()
                    && self.lookup(&ident.to_string()).is_some()
                {
                    return false;
                }
                match super::infer::value_path(self, &p.path) {
                    super::infer::ValuePath::Value(ty) => !ty.drop_glue(self.index()).needs_drop(),
                    _ => false,
                }
            }
            syn::Expr::Struct(st) => {
                st.rest.is_none()
                    && st.qself.is_none()
                    && st.fields.iter().all(|f| self.is_promotable(&f.expr))
                    && self.adt_without_drop_impl(&st.path)
            }
            syn::Expr::Call(c) => {
                let syn::Expr::Path(f) = &*c.func else { return false };
                matches!(super::infer::value_path(self, &f.path), super::infer::ValuePath::Constructor { ref adt, .. }
                        if self.index().adt(adt).is_some_and(|d| !d.has_drop_impl))
                    && c.args.iter().all(|a| self.is_promotable(a))
            }
            _ => false,
        }
    }

    /// Whether the struct or variant a struct literal names is of a type without a `Drop` impl.
    fn adt_without_drop_impl(&self, path: &syn::Path) -> bool {
        let segs: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        let key = match self.file.resolver.resolve(&self.module, &segs, crate::resolve::Ns::Type) {
            Some(crate::resolve::Res::Type(_, key)) => key,
            // `Enum::Variant { .. }`: the enum's key.
            Some(crate::resolve::Res::Assoc(_, key, _)) => key,
            _ => return false,
        };
        self.index().adt(&key).is_some_and(|d| !d.has_drop_impl)
    }

    fn lower_expr_inner(&mut self, expr: &syn::Expr, span: Span) -> Value {
        let line = span.line;
        match expr {
            syn::Expr::Lit(l) => Value::Const(super::infer::lit_type(&l.lit)),
            syn::Expr::Path(p) => self.lower_path(p, span),
            syn::Expr::Paren(p) => self.lower_expr(&p.expr),
            syn::Expr::Group(g) => self.lower_expr(&g.expr),
            syn::Expr::Reference(r) => self.lower_reference(r, line),
            syn::Expr::RawAddr(r) => self.lower_raw_addr(r, line),
            syn::Expr::Field(f) => self.lower_field(f),
            syn::Expr::Index(i) => self.lower_index(i),
            syn::Expr::Unary(u) => self.lower_unary(u),
            syn::Expr::Binary(b) => self.lower_binary(b),
            syn::Expr::Assign(a) => self.lower_assign(a),
            syn::Expr::Call(c) => self.lower_call(c),
            syn::Expr::MethodCall(m) => self.lower_method_call(m),
            syn::Expr::Await(a) => self.lower_await(a),
            syn::Expr::Try(t) => self.lower_try(t),
            syn::Expr::If(i) => self.lower_if(i),
            syn::Expr::Match(m) => self.lower_match(m),
            syn::Expr::Block(b) => self.lower_labelled_block(&b.block, b.label.as_ref()),
            syn::Expr::Unsafe(u) => self.lower_block(&u.block),
            syn::Expr::Const(_) => Value::Const(Ty::Unknown),
            syn::Expr::Loop(l) => self.lower_loop(l),
            syn::Expr::While(w) => self.lower_while(w),
            syn::Expr::ForLoop(f) => self.lower_for(f),
            syn::Expr::Return(r) => self.lower_return(r, line),
            syn::Expr::Break(b) => self.lower_break(b, line),
            syn::Expr::Continue(c) => self.lower_continue(c, line),
            syn::Expr::Tuple(t) => self.lower_tuple(t, line),
            syn::Expr::Array(a) => self.lower_array(a, line),
            syn::Expr::Repeat(r) => self.lower_repeat(r, line),
            syn::Expr::Struct(s) => self.lower_struct(s, line),
            syn::Expr::Cast(c) => self.lower_cast(c, line),
            syn::Expr::Range(r) => self.lower_range(r, line),
            syn::Expr::Closure(c) => self.lower_closure(expr, c),
            syn::Expr::Async(a) => self.lower_async_block(expr, a, line),
            syn::Expr::Let(l) => self.lower_let_condition(l, line),
            syn::Expr::Macro(m) => self.lower_macro(&m.mac, span),
            // `yield`, `try` blocks, `_` and tokens syn does not parse, and whatever syn adds.
            _ => {
                self.warn(Diagnostic::warning("this expression is not modelled; its operands are ignored", Some(span)));
                Value::Rvalue(Ty::Unknown)
            }
        }
    }

    /// `&e`, `&mut e`: a borrow, or a constant when rustc promotes `&CONST` to a static.
    fn lower_reference(&mut self, r: &syn::ExprReference, line: u32) -> Value {
        if r.mutability.is_none() && self.is_promotable(&r.expr) {
            // `&[1, 2, 3]`, `&"text"`, `&Unit`, `&Some(3)`: rustc promotes the constant to a
            // static; no temporary.
            let inner = self.lower_expr(&r.expr);
            return Value::Const(Ty::reference(inner.ty()));
        }
        let inner = self.lower_expr(&r.expr);
        Value::Rvalue(self.borrow_value(inner, &r.expr, r.mutability.is_some(), line))
    }

    /// `&raw const e`, `&raw mut e`: a raw pointer to the place, borrowed as a reference would be.
    fn lower_raw_addr(&mut self, r: &syn::ExprRawAddr, line: u32) -> Value {
        let inner = self.lower_expr(&r.expr);
        let mutable = matches!(r.mutability, syn::PointerMutability::Mut(_));
        let ty = self.borrow_value(inner, &r.expr, mutable, line);
        let inner_ty = match ty {
            Ty::Ref { inner, .. } => inner,
            other => Box::new(other),
        };
        Value::Rvalue(Ty::Ptr { mutable, inner: inner_ty })
    }

    /// `return e`: the value moves out, every scope ends, the body returns.
    fn lower_return(&mut self, r: &syn::ExprReturn, line: u32) -> Value {
        if let Some(e) = &r.expr {
            let return_ty = self.return_ty.clone();
            self.constrain_literal(e, &return_ty);
            let v = self.lower_expr(e);
            self.consume(v, line);
        }
        self.exit_scopes_for(0, None, line);
        self.terminate_and_continue(Terminator::Return, line);
        Value::Const(Ty::Never)
    }

    /// `break 'label value`: the value is evaluated, then the scopes inside the target end.
    fn lower_break(&mut self, b: &syn::ExprBreak, line: u32) -> Value {
        let label = b.label.as_ref().map(|l| l.to_string());
        let target = self.break_target(label.as_deref());
        if let Some(e) = &b.expr {
            let v = self.lower_expr(e);
            let ty = self.consume(v, line);
            self.note_break_value(label.as_deref(), ty);
        }
        if let Some(target) = target {
            self.jump(target, line);
        }
        Value::Const(Ty::Never)
    }

    fn lower_continue(&mut self, c: &syn::ExprContinue, line: u32) -> Value {
        let label = c.label.as_ref().map(|l| l.to_string());
        if let Some(target) = self.continue_target(label.as_deref()) {
            self.jump(target, line);
        }
        Value::Const(Ty::Never)
    }

    fn lower_tuple(&mut self, t: &syn::ExprTuple, line: u32) -> Value {
        if t.elems.is_empty() {
            return Value::Const(Ty::Unit);
        }
        let exprs: Vec<&syn::Expr> = t.elems.iter().collect();
        let values = self.lower_operands(&exprs);
        Value::Rvalue(Ty::Tuple(self.consume_aggregate(values, line)))
    }

    fn lower_array(&mut self, a: &syn::ExprArray, line: u32) -> Value {
        let exprs: Vec<&syn::Expr> = a.elems.iter().collect();
        let values = self.lower_operands(&exprs);
        let tys = self.consume_aggregate(values, line);
        let elem = tys.into_iter().next().unwrap_or(Ty::Unknown);
        Value::Rvalue(Ty::Array(Box::new(elem), Some(a.elems.len() as u64)))
    }

    /// `[e; N]`: the length when it is a constant the file gives.
    fn lower_repeat(&mut self, r: &syn::ExprRepeat, line: u32) -> Value {
        let v = self.lower_expr(&r.expr);
        let elem = self.consume(v, line);
        Value::Rvalue(crate::ty::array_of(elem, &r.len, &self.ty_ctx()))
    }

    /// `S { a, b: e, ..rest }`: the fields in written order, then the base.
    fn lower_struct(&mut self, s: &syn::ExprStruct, line: u32) -> Value {
        let exprs: Vec<&syn::Expr> = s.fields.iter().map(|f| &f.expr).collect();
        self.constrain_struct_fields(s);
        let values = self.lower_operands(&exprs);
        let tys = self.consume_aggregate(values, line);
        if let Some(rest) = &s.rest {
            let base = self.lower_expr(rest);
            self.move_rest(base, rest, s, line);
        }
        let set: Vec<(String, Ty)> = s
            .fields
            .iter()
            .zip(&tys)
            .map(|(f, t)| {
                let member = super::member_name(&f.member);
                (member, t.clone())
            })
            .collect();
        Value::Rvalue(super::infer::struct_literal(self, &s.path, &set))
    }

    /// `..base`: the fields not written are moved out of the base one by one, each a part of
    /// its own (drop elaboration flags each); a base with none that needs drop is only read.
    /// A base that is not a place (`..Default::default()`) is a temporary: when a field the
    /// literal writes needs drop, that field of the base stays in it and is dropped at the
    /// end of the statement, so the temporary lives until then.
    fn move_rest(&mut self, base: Value, rest: &syn::Expr, s: &syn::ExprStruct, line: u32) {
        let written: Vec<String> = s.fields.iter().map(|f| super::member_name(&f.member)).collect();
        // The base has the literal's type (`Default::default()` is typed by it).
        let base_ty = match base.ty() {
            ty if ty.is_known() => ty,
            _ => super::infer::struct_literal(self, &s.path, &[]),
        };
        let decl = match base_ty.concrete() {
            Ty::Adt { name, .. } => self.index().adt(name),
            _ => None,
        };
        let needs_drop = |name: &String| {
            super::infer::field_type(self.index(), &base_ty, name).0.drop_glue(self.file.index).needs_drop()
        };
        let keeps_written = decl.is_some_and(|d| d.fields.iter().any(|(n, _)| written.contains(n) && needs_drop(n)));
        let base = match base {
            Value::Rvalue(_) if keeps_written => {
                Value::Place(self.as_place_value(Value::Rvalue(base_ty.clone()), rest, None), None)
            }
            base => base,
        };
        match (base, decl) {
            (Value::Place(p, None), Some(decl)) if p.local.is_some() && !p.deref && !decl.fields.is_empty() => {
                let local = p.local.expect("checked");
                let names: Vec<String> =
                    decl.fields.iter().map(|(n, _)| n.clone()).filter(|n| !written.contains(n)).collect();
                let mut moved = false;
                for name in names {
                    let (ty, _) = super::infer::field_type(self.index(), &base_ty, &name);
                    if ty.drop_glue(self.file.index).needs_drop() {
                        let part = p.part.as_ref().map_or(name.clone(), |path| format!("{path}.{name}"));
                        self.move_part(local, Some(&part), &ty, line);
                        moved = true;
                    }
                }
                if !moved {
                    self.emit(StmtKind::Read(local), line);
                } else if p.part.is_none() && !p.projected && !keeps_written {
                    // Every part that needs drop has left the base: its drops have nothing
                    // left to drop, unless a drop flag says otherwise.
                    self.emit(StmtKind::PartsGone(local), line);
                }
            }
            (base, _) => {
                self.consume(base, line);
            }
        }
    }

    fn lower_cast(&mut self, c: &syn::ExprCast, line: u32) -> Value {
        let v = self.lower_expr(&c.expr);
        self.consume(v, line);
        Value::Rvalue(self.resolve_ty(&c.ty))
    }

    /// `a..b`, `a..=b` and their open forms: a `Range` or `RangeInclusive` of the ends' type.
    fn lower_range(&mut self, r: &syn::ExprRange, line: u32) -> Value {
        let exprs: Vec<&syn::Expr> = r.start.iter().chain(r.end.iter()).map(|e| &**e).collect();
        let values = self.lower_operands(&exprs);
        let tys = self.consume_all(values, line);
        // An unsuffixed integer literal takes the type of the other end (`0..n`).
        let typed =
            exprs.iter().zip(&tys).find(|(e, _)| !super::literals::is_unsuffixed_int(e)).map(|(_, t)| t.clone());
        let elem = typed.unwrap_or_else(|| tys.into_iter().find(Ty::is_known).unwrap_or(Ty::Prim(Prim::I32)));
        let name = match r.limits {
            syn::RangeLimits::HalfOpen(_) => "Range",
            syn::RangeLimits::Closed(_) => "RangeInclusive",
        };
        Value::Rvalue(Ty::adt(name, vec![elem]))
    }

    /// `async { }`, `async move { }`: a future of its own, lowered apart; here, its captures.
    fn lower_async_block(&mut self, expr: &syn::Expr, a: &syn::ExprAsync, line: u32) -> Value {
        let label = Span::of(&a.async_token);
        let label = match &a.capture {
            Some(m) => join_spans(label, Span::of(m)),
            None => label,
        };
        let (name, captures, output) = lower_nested_future(
            self,
            FutureKind::AsyncBlock,
            expr,
            label,
            NestedBody::Block(&a.block),
            a.capture.is_some(),
        );
        self.apply_captures(&captures, line);
        let args = self.file.instance_args.clone();
        Value::Rvalue(Ty::BlockFuture { name, args, output: Box::new(output) })
    }

    /// A `let` in a condition position that the `if`/`while` lowering did not take (let
    /// chains): evaluate the scrutinee and bind.
    fn lower_let_condition(&mut self, l: &syn::ExprLet, line: u32) -> Value {
        let v = self.lower_expr(&l.expr);
        let root = v.capture_root();
        let place = self.as_place_value(v, &l.expr, None);
        self.capture_scrutinee(&place, root.as_ref(), &[&*l.pat], line);
        self.bind_pattern_from_place(&l.pat, &place, line);
        Value::Rvalue(Ty::Prim(Prim::Bool))
    }

    fn lower_path(&mut self, p: &syn::ExprPath, span: Span) -> Value {
        if p.qself.is_none()
            && let Some(ident) = p.path.get_ident()
        {
            let name = ident.to_string();
            if let Some(local) = self.lookup(&name) {
                let ty = self.body.locals[local.index()].ty.clone();
                // A guard's binding is used as the value it refers to (`n > limit`).
                if self.guard_refs.contains(&local)
                    && let Ty::Ref { inner, .. } = &ty
                {
                    let place = Place { deref: true, ..Place::local(local, (**inner).clone()) };
                    return Value::Place(place, None);
                }
                return Value::Place(Place::local(local, ty), None);
            }
            if let Some(ty) = self.outer_binding(&name) {
                let root = CaptureRoot { ty: Box::new(ty.clone()), span };
                return Value::Place(
                    Place {
                        local: None,
                        ty,
                        projected: false,
                        deref: false,
                        path: vec![name],
                        shared: None,
                        part: None,
                        indexed: None,
                    },
                    Some(root),
                );
            }
        }
        use super::infer::ValuePath;
        let ty = match super::infer::value_path(self, &p.path) {
            ValuePath::Value(ty) => ty,
            ValuePath::Fn(sig, _) => super::infer::fn_item(&sig),
            ValuePath::Constructor { .. } | ValuePath::Unknown => Ty::Unknown,
        };
        Value::Const(ty)
    }

    fn lower_field(&mut self, f: &syn::ExprField) -> Value {
        let line = line_of(f);
        let base = self.lower_expr(&f.base);
        let member = super::member_name(&f.member);
        let base_ty = base.ty();
        let (field_ty, overloaded) = super::infer::field_type(self.index(), &base_ty, &member);
        let through_ref = matches!(base_ty.concrete(), Ty::Ref { .. }) || base_ty.is_adt("Box");
        match base {
            Value::Place(mut p, root) if overloaded => {
                // `(*Deref::deref(&base)).member`: the base is borrowed (a closure captures it,
                // not the field), and the field's place is behind a reference. Through a
                // reference (`bridge.gauges` with `bridge: &Arc<Bridge>`), what it points to
                // is borrowed: the reference itself is only read.
                if matches!(base_ty.concrete(), Ty::Ref { .. }) {
                    p.deref = true;
                    if root.is_some() {
                        p.note_derefs(&base_ty, usize::MAX);
                    }
                }
                self.access(&p, root.as_ref(), Access::Borrow { mutable: false }, line);
                self.emit(StmtKind::Call, line);
                Value::Place(Place::behind_call(field_ty), None)
            }
            Value::Place(mut p, root) => {
                p.part = match p.part.take() {
                    _ if p.local.is_none() || p.deref || through_ref => None,
                    Some(path) => Some(format!("{path}.{member}")),
                    None if !p.projected => Some(member.clone()),
                    None => None,
                };
                if through_ref && p.local.is_some() {
                    p.deref = true;
                }
                if p.indexed.is_some() {
                    // Captured up to an index: the path stays the indexed place's.
                } else if !p.path.is_empty() && !p.deref && !through_ref {
                    p.path.push(member);
                } else if through_ref && !p.path.is_empty() && root.is_some() {
                    p.deref = true;
                    p.note_derefs(&base_ty, usize::MAX);
                    p.path.push(member);
                }
                p.projected = true;
                p.ty = field_ty;
                Value::Place(p, root)
            }
            other => {
                let mut p = self.as_place_value(other, &f.base, None);
                if overloaded {
                    self.emit(StmtKind::Borrow(p.local.expect("a temporary")), line);
                }
                p.projected = true;
                p.deref |= through_ref || overloaded;
                p.ty = field_ty;
                Value::Place(p, None)
            }
        }
    }

    fn lower_index(&mut self, i: &syn::ExprIndex) -> Value {
        let base = self.lower_expr(&i.expr);
        let idx = self.lower_expr(&i.index);
        let line = line_of(i);
        let idx_ty = self.consume(idx, line);
        let base_ty = base.ty();
        let elem = super::infer::index_through_deref(self.index(), &base_ty, &idx_ty);
        let builtin = matches!(base_ty.peel_refs(), Ty::Array(..) | Ty::ParamArray(..) | Ty::Slice(_));
        match base {
            Value::Place(mut p, root) if builtin => {
                // The bounds check panics as a call can.
                self.emit(StmtKind::Call, line);
                let through_ref = matches!(base_ty, Ty::Ref { .. });
                if root.is_some() && !p.path.is_empty() {
                    // Capture precision ends at an index: the array or slice is captured.
                    if p.indexed.is_none() {
                        if through_ref {
                            p.note_derefs(&base_ty, usize::MAX);
                        }
                        p.indexed = Some(Box::new(base_ty.peel_refs().clone()));
                    }
                } else {
                    p.path.clear();
                }
                if through_ref {
                    p.deref = true;
                }
                p.projected = true;
                p.part = None;
                p.ty = elem;
                Value::Place(p, root)
            }
            // Overloaded `Index` through a reference (`new[p]` with `new: &HashMap<..>`):
            // `Index::index(&*new, p)` reborrows what `new` points to; `new` is only read.
            Value::Place(mut p, root) if matches!(base_ty.concrete(), Ty::Ref { .. }) => {
                p.deref = true;
                if root.is_some() {
                    let ty = p.ty.clone();
                    p.note_derefs(&ty, usize::MAX);
                }
                self.access(&p, root.as_ref(), Access::Copy, line);
                self.emit(StmtKind::Call, line);
                Value::Place(Place::behind_call(elem), None)
            }
            other => {
                // Overloaded `Index`: `*Index::index(&base, idx)`.
                self.borrow_value(other, &i.expr, false, line);
                self.emit(StmtKind::Call, line);
                Value::Place(Place::behind_call(elem), None)
            }
        }
    }

    fn lower_unary(&mut self, u: &syn::ExprUnary) -> Value {
        let line = line_of(u);
        let inner = self.lower_expr(&u.expr);
        match u.op {
            syn::UnOp::Deref(_) => {
                let ty = inner.ty();
                let target = match &ty {
                    Ty::Ref { inner, .. } | Ty::Ptr { inner, .. } => (**inner).clone(),
                    _ => crate::pointer::pointee(&ty).cloned().unwrap_or(Ty::Unknown),
                };
                // `*rc`: `*Deref::deref(&rc)`, a borrow of `rc` (a closure captures `rc`).
                let overloaded = matches!(ty.concrete(), Ty::Adt { name, .. } if name != "Box");
                let target = match (&target, overloaded) {
                    (Ty::Unknown, true) => {
                        super::infer::deref_target(self.index(), &ty).map(|(t, _)| t).unwrap_or(Ty::Unknown)
                    }
                    _ => target,
                };
                match inner {
                    Value::Place(p, root) if overloaded => {
                        self.access(&p, root.as_ref(), Access::Borrow { mutable: false }, line);
                        // `Deref::deref`, a call that can unwind.
                        self.emit(StmtKind::Call, line);
                        Value::Place(Place::behind_call(target), None)
                    }
                    Value::Place(mut p, root) => {
                        if root.is_some() {
                            p.note_derefs(&ty, 1);
                        }
                        p.deref = true;
                        p.projected = true;
                        p.ty = target;
                        Value::Place(p, root)
                    }
                    other => {
                        let mut p = self.as_place_value(other, &u.expr, None);
                        p.deref = true;
                        p.ty = target;
                        Value::Place(p, None)
                    }
                }
            }
            syn::UnOp::Not(_) | syn::UnOp::Neg(_) => {
                let ty = self.consume(inner, line);
                // Overloaded, or `-x` on an integer with its overflow check (a literal is a
                // constant).
                let checked = matches!(u.op, syn::UnOp::Neg(_))
                    && !matches!(&*u.expr, syn::Expr::Lit(_))
                    && ty.is_checked_arith();
                if !ty.is_scalar() && ty.is_known() || checked {
                    self.emit(StmtKind::Call, line);
                }
                Value::Rvalue(ty)
            }
            _ => {
                self.consume(inner, line);
                Value::Rvalue(Ty::Unknown)
            }
        }
    }

    fn lower_binary(&mut self, b: &syn::ExprBinary) -> Value {
        let line = line_of(b);
        use syn::BinOp as B;
        match b.op {
            B::And(_) | B::Or(_) => {
                let left = self.lower_expr(&b.left);
                self.consume(left, line);
                let rhs = self.new_block();
                let join = self.new_block();
                let op = if matches!(b.op, B::And(_)) { "&&" } else { "||" };
                self.branch(vec![(rhs, Some(format!("{op} {}", self.text(&*b.right)))), (join, None)], line);
                self.switch_to(rhs);
                self.push_scope(line_of(&*b.right), true);
                let right = self.lower_expr(&b.right);
                self.consume(right, line);
                self.pop_scope(line);
                self.goto(join, line);
                self.switch_to(join);
                Value::Rvalue(Ty::Prim(Prim::Bool))
            }
            B::AddAssign(_)
            | B::SubAssign(_)
            | B::MulAssign(_)
            | B::DivAssign(_)
            | B::RemAssign(_)
            | B::BitXorAssign(_)
            | B::BitAndAssign(_)
            | B::BitOrAssign(_)
            | B::ShlAssign(_)
            | B::ShrAssign(_) => {
                self.unify_literal_operands(&b.left, &b.right);
                let left_ty = super::infer::quick_type(self, &b.left);
                // `labour += minutes` with `minutes: &u32` is `AddAssign<&u32>`, a call.
                let by_ref = matches!(super::infer::quick_type(self, &b.right).concrete(), Ty::Ref { .. });
                if left_ty.is_scalar() && !by_ref {
                    // Built-in: the right-hand side first, then the place.
                    let right = self.lower_expr(&b.right);
                    self.consume(right, line);
                    let left = self.lower_expr(&b.left);
                    if checked_op(&b.op) && left_ty.is_checked_arith() {
                        self.emit(StmtKind::Call, line);
                    }
                    if let Value::Place(p, root) = left {
                        self.access(&p, root.as_ref(), Access::Mutate, line);
                    }
                } else {
                    // Overloaded: `AddAssign::add_assign(&mut place, value)`.
                    let left = self.lower_expr(&b.left);
                    let right_has_await = contains_await(&b.right);
                    let ref_ty = self.borrow_value(left, &b.left, true, line);
                    let pre = right_has_await.then(|| {
                        let span = Span::of(&*b.left);
                        let t = self.new_temp(format!("&mut {}", self.text(&*b.left)), ref_ty.clone(), span);
                        self.emit(StmtKind::Assign(t), line);
                        t
                    });
                    let right = self.lower_expr(&b.right);
                    self.consume(right, line);
                    if let Some(t) = pre {
                        self.emit(StmtKind::Move(t), line);
                    }
                    self.emit(StmtKind::Call, line);
                }
                Value::Const(Ty::Unit)
            }
            B::Eq(_) | B::Ne(_) | B::Lt(_) | B::Le(_) | B::Gt(_) | B::Ge(_) => {
                self.unify_literal_operands(&b.left, &b.right);
                let left_ty = super::infer::quick_type(self, &b.left);
                let right_ty = super::infer::quick_type(self, &b.right);
                let builtin = left_ty.is_scalar() || right_ty.is_scalar() && !left_ty.is_known();
                if builtin {
                    let values = self.lower_operands(&[&b.left, &b.right]);
                    self.consume_all(values, line);
                } else {
                    // Overloaded: `PartialEq::eq(&left, &right)` borrows both operands.
                    let right_has_await = contains_await(&b.right);
                    let left = self.lower_expr(&b.left);
                    let lty = self.borrow_value(left, &b.left, false, line);
                    let pre = right_has_await.then(|| {
                        let span = Span::of(&*b.left);
                        let t = self.new_temp(format!("&{}", self.text(&*b.left)), lty.clone(), span);
                        self.emit(StmtKind::Assign(t), line);
                        t
                    });
                    let right = self.lower_expr(&b.right);
                    self.borrow_value(right, &b.right, false, line);
                    if let Some(t) = pre {
                        self.emit(StmtKind::Move(t), line);
                    }
                    self.emit(StmtKind::Call, line);
                }
                Value::Rvalue(Ty::Prim(Prim::Bool))
            }
            _ => {
                if !matches!(b.op, B::Shl(_) | B::Shr(_)) {
                    self.unify_literal_operands(&b.left, &b.right);
                }
                let values = self.lower_operands(&[&b.left, &b.right]);
                let tys = self.consume_all(values, line);
                let ty = match (&tys[0], &tys[1]) {
                    (Ty::Prim(p), _) if matches!(b.op, B::Shl(_) | B::Shr(_)) => Ty::Prim(*p),
                    // `42_000 + x as i64`: the literal takes the other operand's type.
                    (_, r @ Ty::Prim(_)) if unsuffixed(&b.left).is_some() && unsuffixed(&b.right).is_none() => {
                        r.clone()
                    }
                    (l, _) if l.is_known() && !matches!(l, Ty::Ref { .. }) => l.clone(),
                    (Ty::Ref { inner, .. }, _) if inner.is_scalar() => (**inner).clone(),
                    (_, r) if r.is_scalar() => r.clone(),
                    (Ty::Ref { inner, .. }, _) if **inner == Ty::Str => Ty::string(),
                    _ => Ty::Unknown,
                };
                // Overloaded, or built-in with an overflow, division or shift check that can
                // panic (and unwind) as a call can.
                if !tys[0].is_scalar() || checked_op(&b.op) && tys[0].is_checked_arith() {
                    self.emit(StmtKind::Call, line);
                }
                Value::Rvalue(ty)
            }
        }
    }

    fn lower_assign(&mut self, a: &syn::ExprAssign) -> Value {
        let line = line_of(a);
        self.unify_literal_operands(&a.left, &a.right);
        // The value is evaluated before the place it is stored in.
        let right = self.lower_expr(&a.right);
        let rty = self.consume(right, line);
        if matches!(&*a.left, syn::Expr::Infer(_)) {
            return Value::Const(Ty::Unit);
        }
        if let syn::Expr::Tuple(t) = &*a.left {
            // Destructuring assignment.
            for elem in &t.elems {
                let v = self.lower_expr(elem);
                self.store_into(v, line, Ty::Unknown);
            }
            return Value::Const(Ty::Unit);
        }
        let left = self.lower_expr(&a.left);
        self.store_into(left, line, rty);
        Value::Const(Ty::Unit)
    }

    /// Writes a value into a place: a whole local is dropped first (if it holds a value) and
    /// then initialised; a field or element is a partial write.
    fn store_into(&mut self, target: Value, line: u32, value_ty: Ty) {
        let Value::Place(p, root) = target else { return };
        match p.local {
            Some(local) if !p.projected && !p.deref => {
                let refined = self.body.locals[local.index()].ty.refined_by(&value_ty);
                if refined != self.body.locals[local.index()].ty {
                    self.set_type(local, refined);
                }
                if self.body.locals[local.index()].drop.needs_drop() {
                    self.emit(StmtKind::Drop(local), line);
                }
                self.emit(StmtKind::Assign(local), line);
            }
            _ => {
                self.access(&p, root.as_ref(), Access::Mutate, line);
                // The old value is dropped in place, after the new one is evaluated: a drop
                // that can unwind.
                let ty = if p.ty.is_known() { &p.ty } else { &value_ty };
                if ty.drop_glue(self.index()).needs_drop() {
                    self.emit(StmtKind::Call, line);
                }
                // A captured variable assigned whole: the enclosing body learns its type.
                if p.local.is_none() && root.is_some() && p.path.len() == 1 && !p.deref && value_ty.is_known() {
                    let name = &p.path[0];
                    if let Some(cap) = self.captures.iter_mut().rev().find(|c| c.path.len() == 1 && &c.path[0] == name)
                    {
                        cap.assigned = Some(value_ty);
                    }
                }
            }
        }
    }

    fn lower_call(&mut self, c: &syn::ExprCall) -> Value {
        use super::infer::{self, ValuePath};
        let line = line_of(c);
        // A path to a local is a closure (or fn pointer) being called, whatever else the
        // module names so.
        let local_callee = matches!(&*c.func, syn::Expr::Path(p) if p.qself.is_none()
        && p.path.get_ident().is_some_and(|i| {
            let name = i.to_string();
            self.lookup(&name).is_some() || self.outer_binding(&name).is_some()
        }));
        let target = match &*c.func {
            syn::Expr::Path(p) if !local_callee => {
                Some((infer::value_path(self, &p.path), infer::turbofish(self, &p.path)))
            }
            _ => None,
        };
        let callee = self.lower_expr(&c.func);
        let callee_ty = callee.ty();
        // Calling a closure held in a local borrows it (`Fn::call(&f, ..)`); one bound by
        // `FnOnce` is moved into the call.
        if let Value::Place(p, root) = &callee
            && matches!(p.ty.concrete(), Ty::Closure { .. } | Ty::Unknown | Ty::Param { .. } | Ty::Adt { .. })
            && (!matches!(p.ty.concrete(), Ty::Adt { .. }) || p.ty.concrete().is_adt("Box"))
        {
            let access = match super::infer::call_receiver(self, &p.ty) {
                Receiver::Value => {
                    if p.ty.is_copy(self.index()) {
                        Access::Copy
                    } else {
                        Access::Move
                    }
                }
                Receiver::RefMut => Access::Borrow { mutable: true },
                Receiver::Ref => Access::Borrow { mutable: false },
            };
            self.access(p, root.as_ref(), access, line);
        } else if let Value::Place(p, root) = &callee {
            match p.ty.concrete() {
                // A fn pointer is copied into the call.
                Ty::FnPtr => self.access(p, root.as_ref(), Access::Copy, line),
                // Through a reference (`f: &F`, `svc: &Box<dyn Fn(..)>`): the callee behind it
                // is borrowed (`Fn::call(&**svc, ..)`).
                Ty::Ref { .. }
                    if matches!(
                        p.ty.peel_refs().concrete(),
                        Ty::Closure { .. } | Ty::Param { .. } | Ty::Inst { .. } | Ty::Dyn(..) | Ty::FnPtr
                    ) || ["Box", "Rc", "Arc"].iter().any(|b| p.ty.peel_refs().concrete().is_adt(b)) =>
                {
                    let mutable = super::infer::call_receiver(self, p.ty.peel_refs().concrete()) == Receiver::RefMut;
                    let mut behind = p.clone();
                    behind.deref = true;
                    if root.is_some() {
                        let ty = behind.ty.clone();
                        behind.note_derefs(&ty, usize::MAX);
                    }
                    self.access(&behind, root.as_ref(), Access::Borrow { mutable }, line);
                }
                // A shared pointer to a closure (`f: Rc<dyn Fn()>`) is borrowed to reach it.
                Ty::Adt { name, .. } if name == "Rc" || name == "Arc" => {
                    self.access(p, root.as_ref(), Access::Borrow { mutable: false }, line);
                }
                _ => {}
            }
        }
        let args: Vec<&syn::Expr> = c.args.iter().collect();
        self.constrain_call_args(&c.func, &args);
        let hints = match &target {
            Some((ValuePath::Fn(sig, subst), _)) => infer::closure_inputs_of(self.index(), sig, subst),
            _ => Vec::new(),
        };
        let coerced = self.param_types(&c.func).unwrap_or_default();
        let values = self.lower_operands_hinted(&args, &hints, &coerced);
        self.coerce_arg_temps(&c.func, &values);
        let params = match &target {
            // `Type::method(receiver, ..)`: the receiver comes first.
            Some((ValuePath::Fn(sig, _), _)) => {
                let mut params = sig.params.clone();
                if let Some(r) = sig.receiver {
                    params.insert(0, if r == Receiver::Value { Ty::Unknown } else { Ty::reference(Ty::Unknown) });
                }
                params
            }
            _ => Vec::new(),
        };
        if let Some((ValuePath::Constructor { .. }, _)) = &target {
            self.disarm_aggregate_operands(&values);
        }
        let arg_tys = self.consume_args(values, &params, line);
        let callee_name = match &target {
            Some((ValuePath::Fn(sig, _), _)) => Some(super::infer::callee_name(sig)),
            _ => None,
        };
        let (ty, constructor) = match target {
            Some((ValuePath::Fn(sig, subst), turbofish)) => {
                let subst = match &self.expected_call {
                    Some((at, expected, tries)) if *at == Span::of(c).start_byte && sig.is_generic() => {
                        infer::expect_output(&sig, subst, expected, *tries)
                    }
                    _ => subst,
                };
                let (ty, generic_args) = infer::call_result(self, &sig, subst, &arg_tys, &turbofish);
                if sig.is_generic()
                    && (sig.hosts_futures || matches!(ty, Ty::AsyncFnFuture { .. } | Ty::BlockFuture { .. }))
                {
                    self.request_instance(&sig.name, &generic_args);
                }
                (ty, false)
            }
            Some((ValuePath::Constructor { adt, fields, generics }, _)) => {
                (infer::constructed(&adt, &fields, &generics, &arg_tys), true)
            }
            _ => match callee_ty.peel_refs() {
                Ty::Closure { async_body: Some(_), ret, .. } => ((**ret).clone(), false),
                other => (infer::call_value(self, other), false),
            },
        };
        // Enum variants and tuple structs build a value in place: no call, nothing can unwind.
        if !constructor {
            self.emit(StmtKind::Call, line);
            let callee = callee_name.unwrap_or_else(|| self.text(&*c.func));
            self.record_call(Span::of(c), callee, false);
        }
        if ty == Ty::Never {
            self.terminate_and_continue(Terminator::Diverge, line);
            return Value::Const(Ty::Never);
        }
        Value::Rvalue(ty)
    }

    fn lower_method_call(&mut self, m: &syn::ExprMethodCall) -> Value {
        use super::infer::{self, RecvAccess};
        let line = line_of(m);
        let method = m.method.to_string();
        let quick = infer::quick_type(self, &m.receiver);
        let args_have_await = m.args.iter().any(contains_await);
        let recv = self.lower_expr(&m.receiver);
        let recv_ty = if quick.is_known() { quick.refined_by(&recv.ty()) } else { recv.ty() };
        let found = infer::lookup_method(self, &recv_ty, &method);
        let (receiver, access) = match &found {
            Some(f) => (f.receiver, f.access),
            // A method the model does not know: by reference, unless on a scalar.
            None if recv_ty.is_scalar() => (Receiver::Value, RecvAccess::Direct),
            None if matches!(recv_ty.concrete(), Ty::Ref { .. }) => (Receiver::Ref, RecvAccess::ThroughRef),
            None => (Receiver::Ref, RecvAccess::Direct),
        };
        let borrow = match (access, receiver) {
            (RecvAccess::OverloadedDeref { mutable }, _) => Some(mutable),
            (RecvAccess::Direct, Receiver::Ref) => Some(false),
            (RecvAccess::Direct, Receiver::RefMut) => Some(true),
            _ => None,
        };
        let pre = match borrow {
            Some(mutable) => {
                let rty = self.borrow_value(recv, &m.receiver, mutable, line);
                args_have_await.then(|| {
                    let span = Span::of(&*m.receiver);
                    let t = self.new_temp(format!("&{}", self.text(&*m.receiver)), rty.clone(), span);
                    self.emit(StmtKind::Assign(t), line);
                    t
                })
            }
            None => {
                let through = access == RecvAccess::ThroughRef;
                match recv {
                    // Through a reference or a `Box`: the place behind it is used, the
                    // local is only read.
                    Value::Place(mut p, root) if through && !args_have_await => {
                        p.deref = true;
                        if root.is_some() {
                            let ty = p.ty.clone();
                            p.note_derefs(&ty, usize::MAX);
                        }
                        self.access(&p, root.as_ref(), Access::Copy, line);
                        None
                    }
                    recv if args_have_await && !is_constant_expr(&m.receiver) => {
                        let ty = self.consume(recv, line);
                        let span = Span::of(&*m.receiver);
                        let t = self.new_temp(self.text(&*m.receiver), ty, span);
                        self.emit(StmtKind::Assign(t), line);
                        Some(t)
                    }
                    // A shared reference taken by value (`line.into()` on a `&str`) is
                    // reborrowed (`&*line`): a capture of it is the reference, by value.
                    Value::Place(mut p, Some(root)) if matches!(p.ty.concrete(), Ty::Ref { mutable: false, .. }) => {
                        let ty = p.ty.clone();
                        p.note_derefs(&ty, 1);
                        self.consume(Value::Place(p, Some(root)), line);
                        None
                    }
                    recv => {
                        self.consume(recv, line);
                        None
                    }
                }
            }
        };
        if matches!(access, RecvAccess::OverloadedDeref { .. }) {
            // `Deref::deref(&recv)` runs before the arguments are evaluated, and can unwind
            // while they are still in their locals.
            self.emit(StmtKind::Call, line);
        }
        let args: Vec<&syn::Expr> = m.args.iter().collect();
        // Arguments take the parameter types (`self.page(n)` makes `let mut n = 0;` a `usize`).
        if let Some(f) = &found {
            for (arg, param) in args.iter().zip(f.sig.params.clone()) {
                self.constrain_literal(arg, &param);
            }
        }
        let hints = found.as_ref().map(|f| f.closure_inputs(self.index())).unwrap_or_default();
        let params = found.as_ref().map(|f| f.sig.params.clone()).unwrap_or_default();
        let values = self.lower_operands_hinted(&args, &hints, &params);
        let arg_tys = self.consume_args(values, &params, line);
        if let Some(t) = pre {
            self.emit(StmtKind::Move(t), line);
        }
        self.emit(StmtKind::Call, line);
        let callee = match &found {
            Some(f) => infer::callee_name(&f.sig),
            None => format!("{}.{method}", recv_ty),
        };
        self.record_call(Span::of(m), callee, true);
        let turbofish = infer::method_turbofish(self, m);
        let ret = match &found {
            Some(f) => {
                let (ret, generic_args) = infer::method_result(self, f, &arg_tys, &turbofish);
                if f.sig.is_generic()
                    && (f.sig.hosts_futures || matches!(ret, Ty::AsyncFnFuture { .. } | Ty::BlockFuture { .. }))
                {
                    self.request_instance(&f.sig.name, &generic_args);
                }
                // What a `let` annotation says the call gives (`Vec<_>`, `(Vec<_>, Vec<_>)`).
                let expected = match self.expected_collect.take() {
                    Some((at, ty)) if at == Span::of(&m.method).start_byte => Some(ty),
                    other => {
                        self.expected_collect = other;
                        None
                    }
                };
                match (method.as_str(), turbofish.first(), expected) {
                    // `buf.get(a..b)` on a slice or vector gives a subslice, not an element.
                    ("get" | "get_mut", _, _) if matches!(args.first(), Some(syn::Expr::Range(_))) => subslice_of(ret),
                    ("collect", Some(c), _) => infer::fill_collect(self.index(), c, &recv_ty),
                    ("collect", None, Some(ty)) => infer::fill_collect(self.index(), &ty, &recv_ty),
                    ("partition", None, Some(Ty::Tuple(parts))) => {
                        Ty::Tuple(parts.iter().map(|part| infer::fill_collect(self.index(), part, &recv_ty)).collect())
                    }
                    _ => ret,
                }
            }
            None => match (method.as_str(), arg_tys.first()) {
                ("unwrap_or" | "map_or" | "min" | "max", Some(default)) => default.clone(),
                _ => Ty::Unknown,
            },
        };
        if ret == Ty::Never {
            self.terminate_and_continue(Terminator::Diverge, line);
            return Value::Const(Ty::Never);
        }
        Value::Rvalue(ret)
    }

    fn lower_await(&mut self, a: &syn::ExprAwait) -> Value {
        let await_span = Span::of(&a.await_token);
        // `match into_future(<operand>) { mut __awaitee => .. }`: the awaitee's storage is
        // scheduled before the operand is evaluated, so in a block's tail (before edition
        // 2024) the operand's calls already unwind apart from the block's statements.
        self.note_extended_temp();
        let base = self.lower_expr(&a.base);
        let fut_ty = self.consume(base, await_span.line);
        let expr_text = self.text(&*a.base);
        self.awaited_call = awaited_call(&a.base);
        self.await_future(fut_ty, await_span, Span::of(a), expr_text)
    }

    /// `fut.await` once `fut` has been evaluated: `into_future`, the `__awaitee`, the suspend
    /// point, and the poll after resuming. Returns the awaited future's output.
    pub(crate) fn await_future(&mut self, fut_ty: Ty, await_span: Span, whole: Span, expr_text: String) -> Value {
        let line = await_span.line;
        if !self.is_async() {
            self.warn(
                Diagnostic::error("`await` is only allowed inside `async` functions and blocks", Some(await_span))
                    .with_label("only allowed inside `async` functions and blocks"),
            );
            return Value::Rvalue(Ty::Unknown);
        }
        self.emit(StmtKind::Call, line);
        let awaitee_ty = super::infer::into_future_type(&fut_ty);
        let output = super::infer::future_output(self.index(), &awaitee_ty);
        let id = crate::ir::SuspendId(self.body.suspends.len() as u32);
        let awaitee = self.new_local("__awaitee".into(), LocalKind::Awaitee(id), awaitee_ty, whole);
        self.register_in_temp_scope(awaitee);
        self.emit(StmtKind::Assign(awaitee), line);
        self.emit(StmtKind::Borrow(awaitee), line);
        self.emit(StmtKind::Call, line);
        let call = std::mem::take(&mut self.awaited_call);
        self.suspend(await_span, expr_text, awaitee, call);
        // Resumed: poll again, and once ready the awaitee's storage ends.
        self.emit(StmtKind::Borrow(awaitee), line);
        self.emit(StmtKind::Call, line);
        self.end_awaitee_after_result(awaitee);
        Value::Rvalue(output)
    }

    /// `expr?` is `match Try::branch(expr) { Continue(v) => v, Break(r) => return .. }`:
    /// the `ControlFlow` scrutinee is a temporary that lives to the end of the statement, so an
    /// await later in the statement keeps it (when it needs drop).
    fn lower_try(&mut self, t: &syn::ExprTry) -> Value {
        let line = Span::of(&t.question_token).line;
        let v = self.lower_expr(&t.expr);
        let ty = self.consume(v, line);
        self.emit(StmtKind::Call, line);
        let (ok_label, err_label, inner, residual) = match ty.concrete() {
            Ty::Adt { name, args } if name == "Option" => (
                "Some(_)",
                "None",
                args.first().cloned().unwrap_or(Ty::Unknown),
                Ty::adt("Option", vec![Ty::adt("Infallible", Vec::new())]),
            ),
            Ty::Adt { name, args } if name == "Result" => (
                "Ok(_)",
                "Err(_)",
                args.first().cloned().unwrap_or(Ty::Unknown),
                Ty::adt("Result", vec![Ty::adt("Infallible", Vec::new()), args.get(1).cloned().unwrap_or(Ty::Unknown)]),
            ),
            _ => ("Ok(_)", "Err(_)", Ty::Unknown, Ty::Unknown),
        };
        let flow_ty =
            if residual.is_known() { Ty::adt("ControlFlow", vec![residual, inner.clone()]) } else { Ty::Unknown };
        let flow = self.new_local(
            String::new(),
            LocalKind::TryBranch { expr: format!("{}?", self.text(&*t.expr)) },
            flow_ty,
            Span::of(t),
        );
        self.register_in_temp_scope(flow);
        self.set_flagless(flow);
        self.emit(StmtKind::Assign(flow), line);
        let cont = self.new_block();
        let brk = self.new_block();
        self.branch(vec![(cont, Some(ok_label.into())), (brk, Some(err_label.into()))], line);
        self.switch_to(brk);
        self.emit(StmtKind::MovePart(flow, crate::ir::NO_DROP_PART), line);
        self.emit(StmtKind::Call, line);
        self.exit_scopes_for(0, None, line);
        self.terminate(Terminator::Return, line);
        self.switch_to(cont);
        self.emit(StmtKind::MovePart(flow, crate::ir::NO_DROP_PART), line);
        Value::Rvalue(inner)
    }

    fn lower_if(&mut self, i: &syn::ExprIf) -> Value {
        let dest = self.arm_dest.take();
        let line = line_of(&*i.cond);
        let then_b = self.new_block();
        let else_b = self.new_block();
        let join = self.new_block();
        let then_span = Span::of(&i.then_branch);
        let conditions = let_chain(&i.cond);
        let lets = conditions.iter().any(|c| matches!(c, syn::Expr::Let(_)));
        // The temporaries of an `if let` scrutinee live to the end of the enclosing statement
        // in edition 2021, through `else`; edition 2024 drops them before `else`, and so do
        // let chains (which only edition 2024 accepts).
        let rescope = lets && (self.file.edition.if_let_rescope() || conditions.len() > 1);
        if rescope {
            self.push_scope(then_span.end_line, true);
        }
        let outer_depth = self.scope_depth();
        // The bindings of the condition are in scope in the `then` block only.
        self.push_scope(then_span.end_line, false);
        self.set_bindings_only(true);
        let fail = self.new_block();
        for cond in &conditions {
            let ok = self.new_block();
            match cond {
                syn::Expr::Let(l) => {
                    let v = self.lower_expr(&l.expr);
                    let root = v.capture_root();
                    let place = self.as_place_value(v, &l.expr, None);
                    self.capture_scrutinee(&place, root.as_ref(), &[&*l.pat], line);
                    let pat_text = self.text(&*l.pat);
                    let no = self.new_block();
                    self.branch(vec![(ok, Some(format!("if let {pat_text}"))), (no, Some("else".into()))], line);
                    self.switch_to(no);
                    self.note_not_variant(&l.pat, &place, line);
                    self.goto(fail, line);
                    self.switch_to(ok);
                    self.bind_pattern_from_place(&l.pat, &place, line);
                }
                cond => {
                    // An `if` condition is its own temporary scope.
                    self.push_scope(line, true);
                    let v = self.lower_expr(cond);
                    self.consume(v, line);
                    self.pop_scope(line);
                    let cond_text = self.text(*cond);
                    self.branch(vec![(ok, Some(format!("if {cond_text}"))), (fail, Some("else".into()))], line);
                    self.switch_to(ok);
                }
            }
        }
        self.set_bindings_only(false);
        self.goto(then_b, line);
        // A failed condition drops what the conditions bound so far (and, rescoped, the
        // scrutinees' temporaries) before `else`.
        self.switch_to(fail);
        let fail_depth = if rescope { outer_depth - 1 } else { outer_depth };
        self.exit_scopes_to(fail_depth, line);
        self.goto(else_b, line);
        self.switch_to(then_b);
        let then_v = self.lower_block(&i.then_branch);
        let ty = self.consume(then_v, then_span.end_line);
        self.write_arm_value(dest, &ty, then_span.end_line);
        self.pop_scope(then_span.end_line);
        if rescope {
            self.pop_scope(then_span.end_line);
        }
        self.goto(join, then_span.end_line);
        self.switch_to(else_b);
        let mut else_ty = Ty::Unit;
        if let Some((_, else_expr)) = &i.else_branch {
            let else_span = Span::of(&**else_expr);
            // `else` is a terminating scope: its block's tail temporaries end with it.
            self.push_scope(else_span.end_line, false);
            let v = self.lower_expr(else_expr);
            else_ty = self.consume(v, else_span.end_line);
            self.write_arm_value(dest, &else_ty, else_span.end_line);
            self.pop_scope(else_span.end_line);
        }
        let end = Span::of(i).end_line;
        self.goto(join, end);
        self.switch_to(join);
        if i.else_branch.is_none() {
            return Value::Const(Ty::Unit);
        }
        // Both branches have the `if`'s type: what one leaves open the other may say
        // (`if c { Err(e) } else { Ok(n) }`).
        let else_lits = i.else_branch.as_ref().map_or(Lits::Typed, |(_, e)| Lits::of(e));
        Value::Rvalue(if ty == Ty::Never {
            else_ty
        } else {
            Lits::join((ty, Lits::of_block(&i.then_branch)), (else_ty, else_lits)).0
        })
    }

    fn lower_match(&mut self, m: &syn::ExprMatch) -> Value {
        let dest = self.arm_dest.take();
        let line = line_of(&*m.expr);
        let v = self.lower_expr(&m.expr);
        let root = v.capture_root();
        let place = self.as_place_value(v, &m.expr, None);
        let pats: Vec<&syn::Pat> = m.arms.iter().map(|arm| &arm.pat).collect();
        self.capture_scrutinee(&place, root.as_ref(), &pats, line);
        // Testing a variant, a constant or a literal reads the scrutinee (its discriminant).
        if m.arms.iter().any(|arm| super::pat::inspects(self, &arm.pat)) {
            self.access(&place, None, Access::Copy, line);
        }
        let arm_blocks: Vec<_> = m.arms.iter().map(|_| self.new_block()).collect();
        let join = self.new_block();
        let edges = m.arms.iter().zip(&arm_blocks).map(|(arm, b)| (*b, Some(self.text(&arm.pat)))).collect();
        self.branch(edges, line);
        let mut result = Ty::Unknown;
        let mut result_lits = Lits::Typed;
        let mut all_diverge = true;
        // The variants the arms so far took without a guard: a catch-all arm knows the
        // scrutinee holds none of them.
        let mut taken: Vec<&syn::Pat> = Vec::new();
        for (i, arm) in m.arms.iter().enumerate() {
            self.switch_to(arm_blocks[i]);
            let arm_span = Span::of(arm);
            let arm_line = arm_span.line;
            self.push_scope(arm_span.end_line, false);
            let (pat, guard) = match &arm.pat {
                syn::Pat::Guard(g) => (&*g.pat, Some(&g.guard)),
                other => (other, None),
            };
            if super::pat::variant_name(pat).is_none() {
                for earlier in &taken {
                    self.note_not_variant(earlier, &place, arm_line);
                }
            } else if guard.is_none() {
                taken.push(pat);
            }
            if let Some(guard) = guard {
                self.note_variant(pat, &place, arm_line);
                // In a guard, bindings are references into the scrutinee.
                self.push_scope(line_of(&**guard), false);
                self.bind_pattern_by_ref(pat, &place, arm_line);
                self.push_scope(line_of(&**guard), true);
                let g = self.lower_expr(guard);
                self.consume(g, arm_line);
                self.pop_scope(arm_line);
                self.pop_scope(arm_line);
                let body_b = self.new_block();
                let next = arm_blocks.get(i + 1).copied().unwrap_or(join);
                self.branch(vec![(body_b, None), (next, None)], arm_line);
                self.switch_to(body_b);
            }
            self.bind_pattern_from_place(pat, &place, arm_line);
            let v = self.lower_expr(&arm.body);
            let ty = self.consume(v, arm_span.end_line);
            self.write_arm_value(dest, &ty, arm_span.end_line);
            // Every arm has the match's type: what one leaves open another may say, and an
            // integer literal takes the type of another arm (`None => 0, Some(s) => s.len()`).
            let lits = Lits::of(&arm.body);
            // A diverging arm (`None => break`) says nothing of the type, unless all do.
            if ty != Ty::Never {
                all_diverge = false;
                if !result.is_known() || result == Ty::Never {
                    result = ty;
                    result_lits = lits;
                } else {
                    let before =
                        (std::mem::replace(&mut result, Ty::Unknown), std::mem::replace(&mut result_lits, Lits::Typed));
                    (result, result_lits) = Lits::join(before, (ty, lits));
                }
            }
            self.pop_scope(arm_span.end_line);
            self.goto(join, arm_span.end_line);
        }
        self.switch_to(join);
        if all_diverge && !m.arms.is_empty() {
            result = Ty::Never;
        }
        Value::Rvalue(result)
    }

    /// An arm of the initialiser of `let x = match ..` writes its value into `x`.
    fn write_arm_value(&mut self, dest: Option<LocalId>, ty: &Ty, line: u32) {
        if let Some(dest) = dest
            && *ty != Ty::Never
        {
            self.emit(StmtKind::Assign(dest), line);
        }
    }

    fn lower_labelled_block(&mut self, block: &syn::Block, label: Option<&syn::Label>) -> Value {
        let Some(label) = label else { return self.lower_block(block) };
        let join = self.new_block();
        self.push_labelled_block(label.name.to_string(), join);
        let v = self.lower_block(block);
        let line = Span::of(block).end_line;
        let tail = self.consume(v, line);
        let broke = self.pop_loop();
        let ty = if tail.is_known() && tail != Ty::Never { tail } else { broke };
        self.goto(join, line);
        self.switch_to(join);
        Value::Rvalue(ty)
    }

    fn lower_loop(&mut self, l: &syn::ExprLoop) -> Value {
        let line = line_of(l);
        let head = self.new_block();
        let exit = self.new_block();
        self.goto(head, line);
        self.switch_to(head);
        self.push_loop(l.label.as_ref().map(|x| x.name.to_string()), head, exit);
        let end = Span::of(&l.body).end_line;
        // A loop body is a terminating scope: its block's tail temporaries end with it.
        self.push_scope(end, false);
        let v = self.lower_block(&l.body);
        self.discard(v, end);
        self.pop_scope(end);
        let ty = self.pop_loop();
        self.goto(head, end);
        self.switch_to(exit);
        Value::Rvalue(ty)
    }

    fn lower_while(&mut self, w: &syn::ExprWhile) -> Value {
        let line = line_of(&*w.cond);
        let head = self.new_block();
        let body_b = self.new_block();
        let exit = self.new_block();
        let leave = self.new_block();
        self.goto(head, line);
        self.switch_to(head);
        let label = w.label.as_ref().map(|x| x.name.to_string());
        let end = Span::of(&w.body).end_line;
        let cond_text = self.text(&*w.cond);
        // The condition (or the `while let` scrutinee) is a temporary scope that, for
        // `while let`, spans the body too.
        self.push_scope(end, true);
        let mut pattern = None;
        match &*w.cond {
            syn::Expr::Let(l) => {
                let v = self.lower_expr(&l.expr);
                let root = v.capture_root();
                let place = self.as_place_value(v, &l.expr, None);
                self.capture_scrutinee(&place, root.as_ref(), &[&*l.pat], line);
                let pat_text = self.text(&*l.pat);
                self.branch(vec![(body_b, Some(format!("while let {pat_text}"))), (leave, Some("else".into()))], line);
                pattern = Some((&*l.pat, place));
            }
            cond => {
                let v = self.lower_expr(cond);
                self.consume(v, line);
                let snapshot = self.scope_depth();
                self.exit_scopes_to(snapshot - 1, line);
                self.branch(vec![(body_b, Some(format!("while {cond_text}"))), (leave, Some("else".into()))], line);
            }
        }
        self.switch_to(body_b);
        let depth = self.scope_depth();
        self.push_loop(label, head, exit);
        self.push_scope(end, false);
        if let Some((pat, place)) = &pattern {
            self.bind_pattern_from_place(pat, place, line);
        }
        let v = self.lower_block(&w.body);
        self.discard(v, end);
        self.pop_scope(end);
        self.pop_loop();
        if pattern.is_some() {
            self.exit_scopes_to(depth - 1, end);
        }
        self.goto(head, end);
        self.switch_to(leave);
        if let Some((pat, place)) = &pattern {
            self.note_not_variant(pat, place, line);
            self.exit_scopes_to(depth - 1, end);
        }
        self.goto(exit, end);
        // Drop the scope without emitting its drops again.
        self.discard_scope();
        self.switch_to(exit);
        Value::Const(Ty::Unit)
    }

    fn lower_for(&mut self, f: &syn::ExprForLoop) -> Value {
        let line = line_of(&*f.expr);
        let end = Span::of(f).end_line;
        let body_end = Span::of(&f.body).end_line;
        // `match IntoIterator::into_iter(e) { mut iter => loop { match Iterator::next(&mut iter) { .. } } }`:
        // the temporaries of `e` (`chain(s)` of `chain(s).iter()`) live as long as the match,
        // through the whole loop.
        self.push_scope(end, false);
        self.push_scope(end, true);
        let v = self.lower_expr(&f.expr);
        let source_ty = self.consume(v, line);
        self.emit(StmtKind::Call, line);
        let (iter_ty, item_ty) = super::infer::into_iter_types(self.index(), &source_ty);
        let iter = self.new_local("iter".into(), LocalKind::Iter, iter_ty, Span::of(&*f.expr));
        if fixed_length(&f.expr) {
            self.body.fixed_iters.push(iter);
        }
        self.register_in_block_scope(iter);
        self.emit(StmtKind::Assign(iter), line);
        let head = self.new_block();
        let body_b = self.new_block();
        let leave = self.new_block();
        let exit = self.new_block();
        self.goto(head, line);
        self.switch_to(head);
        self.push_scope(body_end, true);
        self.emit(StmtKind::Borrow(iter), line);
        self.emit(StmtKind::Call, line);
        let next_ty = Ty::adt("Option", vec![item_ty.clone()]);
        let next = self.new_temp(
            format!("Iterator::next(&mut iter) for `{}`", self.text(&*f.expr)),
            next_ty,
            Span::of(&*f.expr),
        );
        self.emit(StmtKind::Assign(next), line);
        let pat_text = self.text(&*f.pat);
        self.branch(
            vec![(body_b, Some(format!("for {pat_text} in {}", self.text(&*f.expr)))), (leave, Some("None".into()))],
            line,
        );
        self.switch_to(body_b);
        let depth = self.scope_depth();
        let label = f.label.as_ref().map(|x| x.name.to_string());
        self.push_loop(label, head, exit);
        self.push_scope(body_end, false);
        let payload = Place { projected: true, ..Place::local(next, item_ty) };
        self.bind_pattern_from_place(&f.pat, &payload, line);
        self.note_literal_range(&f.pat, &f.expr, iter, next);
        let v = self.lower_block(&f.body);
        self.discard(v, body_end);
        self.pop_scope(body_end);
        self.pop_loop();
        self.exit_scopes_to(depth - 1, body_end);
        self.goto(head, body_end);
        self.switch_to(leave);
        self.exit_scopes_to(depth - 1, body_end);
        self.goto(exit, body_end);
        self.discard_scope();
        self.switch_to(exit);
        self.pop_scope(end);
        self.pop_scope(end);
        Value::Const(Ty::Unit)
    }

    fn lower_closure(&mut self, whole: &syn::Expr, c: &syn::ExprClosure) -> Value {
        let line = line_of(c);
        let start = Span::of(c);
        let hint = self.closure_inputs.take();
        if c.asyncness.is_some() {
            let label = Span::of(&*c.body);
            let (name, captures, output) = lower_nested_future(
                self,
                FutureKind::AsyncClosure,
                whole,
                label,
                NestedBody::Closure(c, hint),
                c.capture.is_some(),
            );
            // The closure value captures what its body uses.
            let captures: Vec<_> = captures
                .into_iter()
                .map(|mut cap| {
                    cap.by_value |= c.capture.is_some();
                    cap
                })
                .collect();
            self.apply_captures(&captures, line);
            let needs_drop = captures.iter().any(|cap| cap.by_value && cap.ty.drop_glue(self.index()).needs_drop());
            let captured = stored_captures(&captures);
            let ret =
                Ty::BlockFuture { name: name.clone(), args: self.file.instance_args.clone(), output: Box::new(output) };
            return Value::Rvalue(Ty::Closure {
                needs_drop,
                copy: false,
                async_body: Some(name),
                captures: captured,
                label: format!("async closure@{}:{}", start.line, start.column),
                ret: Box::new(ret),
            });
        }
        // An ordinary closure: lower its body as a host (for the futures inside it) to learn
        // what it captures and returns.
        let env = self.visible_env();
        let generics = self.generics.clone();
        let self_ty = self.self_ty.clone();
        let module = self.module.clone();
        let context = format!("{}::{{closure#0}}", self.context_name);
        let depth = self.depth;
        let mut host = Builder::new(self.file, context, false);
        host.generics = generics;
        host.self_ty = self_ty;
        host.module = module;
        host.depth = depth;
        host.set_outer(env, c.capture.is_some());
        let span = Span::of(c);
        host.push_scope(span.end_line, false);
        for (i, input) in c.inputs.iter().enumerate() {
            let hinted = hint.as_ref().and_then(|h| h.inputs.get(i)).cloned().unwrap_or(Ty::Unknown);
            let (pat, ty) = match input {
                syn::Pat::Type(t) => (&*t.pat, host.resolve_ty(&t.ty)),
                other => (other, hinted),
            };
            host.declare_pattern(pat, ty);
        }
        let ret = match &c.output {
            syn::ReturnType::Type(_, t) => {
                let declared = host.resolve_ty(t);
                host.lower_closure_body(&c.body);
                declared
            }
            syn::ReturnType::Default => host.lower_closure_body(&c.body),
        };
        host.pop_scope(span.end_line);
        let (_, diagnostics, captures) = host.finish();
        for d in diagnostics {
            self.warn(d);
        }
        let captures = super::finalize_captures(&captures, self.file.edition);
        self.apply_captures(&captures, line);
        let needs_drop = captures.iter().any(|cap| cap.by_value && cap.ty.drop_glue(self.index()).needs_drop());
        let copy =
            captures.iter().all(|cap| !cap.by_value && !cap.mutable || cap.by_value && cap.ty.is_copy(self.index()));
        let captured = stored_captures(&captures);
        Value::Rvalue(Ty::Closure {
            needs_drop,
            copy,
            async_body: None,
            captures: captured,
            label: format!("closure@{}:{}", start.line, start.column),
            ret: Box::new(ret),
        })
    }

    /// Applies a nested body's captures to this body: by-value captures move (or copy) the
    /// variable, by-ref captures borrow it. Captures of variables that are themselves captured
    /// here are passed on.
    pub(crate) fn apply_captures(&mut self, captures: &[super::Capture], line: u32) {
        for cap in captures {
            let root = &cap.path[0];
            if let Some(local) = self.lookup(root) {
                if let Some(assigned) = cap.assigned.as_ref().filter(|_| cap.path.len() == 1) {
                    let refined = self.body.locals[local.index()].ty.refined_by(assigned);
                    if refined != self.body.locals[local.index()].ty {
                        self.set_type(local, refined);
                    }
                }
                let ty = self.body.locals[local.index()].ty.clone();
                let place = Place { projected: cap.path.len() > 1, ..Place::local(local, ty.clone()) };
                let access = if cap.by_value {
                    if cap.ty.is_copy(self.index()) { Access::Copy } else { Access::Move }
                } else if cap.through_deref {
                    // A place behind the reference the variable holds: the variable is read.
                    Access::Copy
                } else {
                    Access::Borrow { mutable: cap.mutable }
                };
                self.access(&place, None, access, line);
            } else if let Some(ty) = self.outer_binding(root) {
                let by_value = cap.by_value && !cap.ty.is_copy(self.index());
                let path = cap.path.clone();
                self.note_capture(path, cap.ty.clone(), ty, by_value, cap.mutable, cap.span, cap.through_deref);
            }
        }
    }
}

/// The types a closure stores for its captures: the value, or a reference to it.
fn stored_captures(captures: &[super::Capture]) -> Vec<Ty> {
    captures
        .iter()
        .map(|cap| {
            if cap.by_value {
                cap.ty.clone()
            } else {
                Ty::Ref { mutable: cap.mutable, inner: Box::new(cap.ty.clone()) }
            }
        })
        .collect()
}

/// The conditions of an `if`: the operands of a let chain (`let A = a && b && let C = c`),
/// or the condition itself.
fn let_chain(cond: &syn::Expr) -> Vec<&syn::Expr> {
    fn has_let(e: &syn::Expr) -> bool {
        match e {
            syn::Expr::Let(_) => true,
            syn::Expr::Binary(b) if matches!(b.op, syn::BinOp::And(_)) => has_let(&b.left) || has_let(&b.right),
            _ => false,
        }
    }
    fn flatten<'e>(e: &'e syn::Expr, out: &mut Vec<&'e syn::Expr>) {
        match e {
            syn::Expr::Binary(b) if matches!(b.op, syn::BinOp::And(_)) => {
                flatten(&b.left, out);
                flatten(&b.right, out);
            }
            other => out.push(other),
        }
    }
    let mut out = Vec::new();
    if has_let(cond) {
        flatten(cond, &mut out);
    } else {
        out.push(cond);
    }
    out
}

fn join_spans(a: Span, b: Span) -> Span {
    Span { end_line: b.end_line, end_column: b.end_column, end_byte: b.end_byte, ..a }
}

/// Whether an expression is a place (a variable, a field, an element, a dereference).
pub(crate) fn is_place_expr(expr: &syn::Expr) -> bool {
    match expr {
        syn::Expr::Path(_) => true,
        syn::Expr::Field(f) => is_place_expr(&f.base),
        syn::Expr::Index(i) => is_place_expr(&i.expr),
        syn::Expr::Unary(u) => matches!(u.op, syn::UnOp::Deref(_)),
        syn::Expr::Paren(p) => is_place_expr(&p.expr),
        _ => false,
    }
}

/// Literals and paths to constants or fn items: MIR uses them as constant operands.
fn is_constant_expr(expr: &syn::Expr) -> bool {
    match expr {
        syn::Expr::Lit(_) => true,
        syn::Expr::Path(p) => {
            p.path.segments.len() > 1
                || p.path.get_ident().is_some_and(|i| i.to_string().chars().next().is_some_and(char::is_uppercase))
        }
        syn::Expr::Paren(p) => is_constant_expr(&p.expr),
        _ => false,
    }
}

/// Whether evaluating the expression may call a function (and so unwind): a call, a method
/// call, a macro, an await, an overloaded operator on a value of unknown kind.
fn may_call(expr: &syn::Expr) -> bool {
    struct Finder(bool);
    impl<'ast> syn::visit::Visit<'ast> for Finder {
        fn visit_expr_call(&mut self, _: &'ast syn::ExprCall) {
            self.0 = true;
        }
        fn visit_expr_method_call(&mut self, _: &'ast syn::ExprMethodCall) {
            self.0 = true;
        }
        fn visit_macro(&mut self, _: &'ast syn::Macro) {
            self.0 = true;
        }
        fn visit_expr_await(&mut self, _: &'ast syn::ExprAwait) {
            self.0 = true;
        }
        // Checked arithmetic and bounds checks panic as calls do.
        fn visit_expr_binary(&mut self, b: &'ast syn::ExprBinary) {
            self.0 |= checked_op(&b.op);
            syn::visit::visit_expr_binary(self, b);
        }
        fn visit_expr_unary(&mut self, u: &'ast syn::ExprUnary) {
            self.0 |= matches!(u.op, syn::UnOp::Neg(_)) && !matches!(&*u.expr, syn::Expr::Lit(_));
            syn::visit::visit_expr_unary(self, u);
        }
        fn visit_expr_index(&mut self, _: &'ast syn::ExprIndex) {
            self.0 = true;
        }
        fn visit_expr_async(&mut self, _: &'ast syn::ExprAsync) {}
        fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
        fn visit_item(&mut self, _: &'ast syn::Item) {}
    }
    let mut finder = Finder(false);
    syn::visit::Visit::visit_expr(&mut finder, expr);
    finder.0
}

/// Whether a reference of type `arg` passed for a parameter of type `param` is coerced by a
/// call to `Deref::deref` (`&String` for `&str`, `&Rc<T>` for `&T`); `Box`'s deref is built in.
fn derefs_to(index: &crate::items::FileIndex, arg: &Ty, param: &Ty) -> bool {
    let (Ty::Ref { inner: from, .. }, Ty::Ref { inner: to, .. }) = (arg.concrete(), param.concrete()) else {
        return false;
    };
    matches!(super::infer::deref_target(index, from), Some((target, true)) if target.concrete() == to.concrete())
}
