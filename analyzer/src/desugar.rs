//! What `desugar` writes for each future: the hand-written enum of its states and, where safe
//! Rust can express it, the code of its `poll`.
//!
//! In: the analysed futures and the source text. Out: a [`Plan`] per future: the enum's
//! variants with the fields each state keeps (and why), and either the body cut at its awaits
//! into segments of source (compilable), or why it cannot be written that way (an outline):
//! a state that keeps a value and a borrow of it (self-reference, the reason `Pin` exists), an
//! await in a condition or inside an expression, an early `return` or `?`, a method, block or
//! closure. `render::desugar` turns the plan into Rust with `quote` and `prettyplease`.

use crate::analysis::{FutureAnalysis, Role};
use crate::graph::StateId;
use crate::ir::{FutureKind, LocalId, StmtKind};
use crate::liveness::Reason;

#[derive(Clone, Debug)]
pub struct Plan {
    /// The index of the future in the analysis.
    pub future: usize,
    /// `TwoAwaitsFuture`.
    pub type_name: String,
    /// The fn's parameters (name, type as written), for `new`.
    pub params: Vec<(String, String)>,
    /// The output type as written.
    pub output: String,
    /// Every state with its fields, `Unresumed` first, then `Suspend0..`.
    pub states: Vec<StatePlan>,
    pub code: Code,
    /// The enum borrows something (a `&` argument, or an awaited future that does): it takes a
    /// lifetime `'a`.
    pub lifetime: bool,
}

#[derive(Clone, Debug)]
pub struct StatePlan {
    pub state: StateId,
    pub await_line: Option<u32>,
    pub fields: Vec<FieldPlan>,
}

#[derive(Clone, Debug)]
pub struct FieldPlan {
    pub name: String,
    /// The type as rustc would print it (may not parse: `{async fn body of f()}`).
    pub ty: String,
    pub reason: Reason,
    pub awaitee: Option<Awaitee>,
    /// For an awaited future of the file: how to hold it boxed, if its own enum is not written.
    pub boxed: Option<Awaitee>,
}

/// How an awaited future is held.
#[derive(Clone, Debug)]
pub enum Awaitee {
    /// The hand-written future of a fn of the file (its type name), built from the call's
    /// arguments.
    Generated { type_name: String, args: String, lifetime: bool },
    /// Any other future, boxed: `Pin<Box<dyn Future<Output = T>>>`; `expr` is the awaited
    /// expression.
    Boxed { output: String, expr: String },
}

#[derive(Clone, Debug)]
pub enum Code {
    /// The body as a tree of statements, loops and branches, with its awaits marked.
    Compilable { body: Vec<Node> },
    /// Why `poll` cannot be written in safe Rust (or by this tool), each with its line.
    Outline { why: Vec<(u32, Why)> },
}

/// The body of a future, cut at its awaits: the control flow around each await is kept as a
/// tree, so that `poll` can resume inside it.
#[derive(Clone, Debug)]
pub enum Node {
    /// A statement with no await in it, as source.
    Stmt(String),
    /// An await: Suspend`state`; its value bound by `let PAT` (`bind`), or dropped.
    Await {
        state: u32,
        bind: Option<String>,
    },
    /// A `for` loop: its label, pattern and iterated expression; rustc's `iter` holds the
    /// iterator.
    For {
        label: Option<String>,
        pat: String,
        expr: String,
        body: Vec<Node>,
    },
    /// A `match`: its scrutinee, and each arm's pattern (with its guard) and body.
    Match {
        scrutinee: String,
        arms: Vec<(String, Vec<Node>)>,
    },
    If {
        cond: String,
        then: Vec<Node>,
        els: Option<Vec<Node>>,
    },
    /// `loop`, or `while COND` (`cond`), with its label.
    Loop {
        label: Option<String>,
        cond: Option<String>,
        body: Vec<Node>,
    },
    Block(Vec<Node>),
    /// The body's value: the future returns it.
    Finish(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Why {
    /// A state keeps `value` and a borrow of it (`by`: the awaited future, or a reference).
    SelfReference {
        state: u32,
        value: String,
        by: String,
    },
    NotStraightLine,
    EarlyReturn,
    NotAFreeFn,
    Generic,
    PatternParameter,
    /// A saved value or parameter whose type the source does not tell, or that has a lifetime
    /// other than a plain `&`.
    Type(String),
    /// An awaited future whose output the analysis does not know.
    UnknownAwaitee(String),
    /// A temporary or drop flag crosses an await.
    HiddenValue(String),
    /// Two saved values share a name (shadowing).
    Shadowed(String),
}

/// The type name of a future's hand-written enum: `two_awaits` → `TwoAwaitsFuture`.
pub fn type_name(future: &FutureAnalysis) -> String {
    let base: String = future
        .name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map(|c| c.to_uppercase().chain(chars).collect::<String>()).unwrap_or_default()
        })
        .collect();
    format!("{base}Future")
}

/// Plans the futures at `selected` (indices into `futures`); `all`: every future of the file is
/// written, so an awaited fn of the file is held as its hand-written future.
pub fn plan(futures: &[FutureAnalysis], selected: &[usize], src: &str, all: bool) -> Vec<Plan> {
    let mut plans: Vec<Plan> = selected.iter().map(|&i| plan_one(futures, i, src, all)).collect();
    settle(&mut plans);
    plans
}

/// An awaited future is held as its hand-written type only if that type is written (its plan
/// compiles); otherwise it is boxed. Then the lifetimes: an enum borrows if its arguments or
/// saved values do, or if a future it holds does.
fn settle(plans: &mut [Plan]) {
    let written: Vec<String> =
        plans.iter().filter(|p| matches!(p.code, Code::Compilable { .. })).map(|p| p.type_name.clone()).collect();
    for plan in plans.iter_mut() {
        for field in plan.states.iter_mut().flat_map(|s| s.fields.iter_mut()) {
            if let Some(Awaitee::Generated { type_name, .. }) = &field.awaitee
                && !written.contains(type_name)
            {
                field.awaitee = field.boxed.take();
            }
        }
        let borrows = |t: &str| t.replace("& '", "&'").replace("&'static", "").contains('&');
        plan.lifetime = plan.params.iter().any(|(_, t)| borrows(t))
            || plan
                .states
                .iter()
                .filter(|s| s.state != StateId::Unresumed)
                .flat_map(|s| &s.fields)
                .any(|f| f.awaitee.is_none() && borrows(&f.ty));
    }
    // Borrowing spreads to the futures that hold a borrowing future, up the chain.
    loop {
        let borrowing: Vec<String> = plans.iter().filter(|p| p.lifetime).map(|p| p.type_name.clone()).collect();
        let mut changed = false;
        for plan in plans.iter_mut() {
            for field in plan.states.iter_mut().flat_map(|s| s.fields.iter_mut()) {
                if let Some(Awaitee::Generated { type_name, lifetime, .. }) = &mut field.awaitee
                    && borrowing.contains(type_name)
                    && !*lifetime
                {
                    *lifetime = true;
                    changed = true;
                }
            }
            let holds = plan
                .states
                .iter()
                .flat_map(|s| &s.fields)
                .any(|f| matches!(f.awaitee, Some(Awaitee::Generated { lifetime: true, .. })));
            if holds && !plan.lifetime {
                plan.lifetime = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
}

fn plan_one(futures: &[FutureAnalysis], index: usize, src: &str, all: bool) -> Plan {
    let future = &futures[index];
    let mut why: Vec<(u32, Why)> = Vec::new();
    let line = future.span.line;
    // A free fn, or a method of an inherent impl (`Type::method`), whose `self` is written
    // `__self` (`self` cannot name a field or a parameter of `new`).
    let text = src.get(future.span.start_byte..future.span.end_byte).unwrap_or("");
    let method_of = future.name.rsplit_once("::").map(|(ty, _)| ty.to_string()).filter(|ty| !ty.contains('<'));
    let item = match future.kind {
        FutureKind::AsyncFn => syn::parse_str::<syn::ItemFn>(text).ok().map(|f| (f.sig, *f.block)).or_else(|| {
            let method = syn::parse_str::<syn::ImplItemFn>(text).ok()?;
            let body = token_text(&method.block);
            // `Self` in the body would name the hand-written enum; `self::` is a path.
            if method_of.is_none() || body.contains("Self") || body.contains("self ::") {
                return None;
            }
            Some((method.sig, method.block))
        }),
        _ => None,
    };
    if item.is_none() {
        why.push((line, Why::NotAFreeFn));
    }
    if future.generic || future.instance.is_some() {
        why.push((line, Why::Generic));
    }
    let mut params = Vec::new();
    if let Some((sig, _)) = &item {
        for input in &sig.inputs {
            match input {
                syn::FnArg::Typed(pt) => match &*pt.pat {
                    syn::Pat::Ident(id) if id.by_ref.is_none() => {
                        params.push((id.ident.to_string(), token_text(&pt.ty)));
                    }
                    _ => why.push((line, Why::PatternParameter)),
                },
                syn::FnArg::Receiver(r) => match &method_of {
                    Some(ty) => {
                        let reference = match &r.kind {
                            syn::ReceiverKind::Reference(_, None, Some(_)) => "&mut ",
                            syn::ReceiverKind::Reference(_, None, None) => "&",
                            syn::ReceiverKind::Value => "",
                            _ => {
                                why.push((line, Why::NotAFreeFn));
                                ""
                            }
                        };
                        params.push(("__self".to_string(), format!("{reference}{ty}")));
                    }
                    None => why.push((line, Why::NotAFreeFn)),
                },
            }
        }
    }
    // An instance's parameters have the types the analysis substituted (`item: u16` where the
    // source says `item: T`).
    if future.instance.is_some()
        && let Some(unresumed) = future.states.first()
    {
        for (name, ty) in params.iter_mut().filter(|(name, _)| name != "__self") {
            if let Some(field) = unresumed.fields.iter().find(|f| f.role == Role::Upvar && f.name == *name) {
                *ty = field.ty.to_string();
            }
        }
    }
    let output = future.output.to_string();

    // The states and their fields.
    let mut states = Vec::new();
    for state in &future.states {
        if matches!(state.id, StateId::Returned | StateId::Panicked) {
            continue;
        }
        let mut fields = Vec::new();
        let mut seen: Vec<&str> = Vec::new();
        for field in &state.fields {
            if matches!(state.id, StateId::Suspend(_)) && field.role == Role::Upvar {
                continue;
            }
            if matches!(field.role, Role::Temporary | Role::DropFlag) {
                why.push((field.span.line, Why::HiddenValue(field.name.clone())));
                continue;
            }
            if seen.contains(&field.name.as_str()) {
                why.push((field.span.line, Why::Shadowed(field.name.clone())));
            }
            seen.push(&field.name);
            let expr = state.await_site.as_ref().map(|a| a.expr.as_str()).unwrap_or("");
            let (awaitee, boxed) = if field.role == Role::Awaitee {
                (awaitee(futures, expr, &field.ty, all), awaitee(futures, expr, &field.ty, false))
            } else {
                (None, None)
            };
            if field.role == Role::Awaitee && awaitee.is_none() {
                why.push((field.span.line, Why::UnknownAwaitee(field.ty.to_string())));
            }
            if field.role != Role::Awaitee && (!field.ty.is_concrete() || !plain_type(&field.ty.to_string())) {
                why.push((field.span.line, Why::Type(field.ty.to_string())));
            }
            fields.push(FieldPlan {
                name: if field.name == "self" { "__self".into() } else { field.name.clone() },
                ty: field.ty.to_string(),
                reason: field.reason.clone(),
                awaitee,
                boxed,
            });
        }
        states.push(StatePlan { state: state.id, await_line: state.await_site.as_ref().map(|a| a.span.line), fields });
    }
    if !plain_type(&output) || !future.output.is_concrete() {
        why.push((line, Why::Type(output.clone())));
    }
    for (_, ty) in &params {
        if !plain_type(ty) {
            why.push((line, Why::Type(ty.clone())));
        }
    }
    self_references(future, &mut why);

    let code = match item.as_ref().map(|(_, block)| segments(block, future)) {
        Some(Ok(code)) if why.is_empty() => code,
        Some(Err(more)) => {
            why.extend(more);
            Code::Outline { why: sorted(why) }
        }
        _ => Code::Outline { why: sorted(why) },
    };
    Plan { future: index, type_name: type_name(future), params, output, states, code, lifetime: false }
}

fn sorted(mut why: Vec<(u32, Why)>) -> Vec<(u32, Why)> {
    why.sort_by_key(|(line, w)| (*line, format!("{w:?}")));
    why.dedup();
    why
}

/// A type this tool writes as is: no lifetimes besides plain `&`, no generic parameters it
/// cannot name, no types it does not know.
fn plain_type(text: &str) -> bool {
    // std types that borrow what they come from carry a lifetime rustc's names leave out.
    let borrowing = ["Ref", "RefMut", "Iter", "IterMut", "Drain", "Chars", "Split", "Keys", "Values"];
    let names = text.split(|c: char| !(c.is_alphanumeric() || c == '_'));
    let borrows = names.clone().any(|n| borrowing.contains(&n) || n.ends_with("Guard"));
    !text.contains('?')
        && !text.contains('{')
        && !text.contains("impl ")
        && !text.replace("'static", "").contains('\'')
        && !borrows
        && syn::parse_str::<syn::Type>(text).is_ok()
}

/// A state that keeps a value and something that borrows it: the awaited future, when the
/// value is borrowed on the await's own line (`load_score(&name).await`), or a saved reference
/// next to a saved value that was borrowed. A value kept only because it was borrowed once,
/// with no reference left at the await, is no self-reference: the enum stores it by value.
fn self_references(future: &FutureAnalysis, why: &mut Vec<(u32, Why)>) {
    let body = &future.body;
    for state in future.suspend_states() {
        let (StateId::Suspend(n), Some(site)) = (state.id, &state.await_site) else { continue };
        let locals = state.fields.iter().filter(|f| f.role != Role::Upvar && f.role != Role::Awaitee);
        let reference = locals.clone().find(|f| matches!(f.ty.concrete(), crate::ty::Ty::Ref { .. }));
        for field in locals {
            let Some(local) = field.local else { continue };
            let Some(borrow_line) = borrow_before(body, local, site.span.line) else { continue };
            if borrow_line == site.span.line {
                let by = format!("the awaited future `{}`", site.expr);
                why.push((site.span.line, Why::SelfReference { state: n, value: field.name.clone(), by }));
            } else if let Some(r) = reference
                && matches!(field.reason, Reason::Borrowed { .. })
                && r.name != field.name
            {
                let by = format!("`{}`, a reference that may point into it", r.name);
                why.push((site.span.line, Why::SelfReference { state: n, value: field.name.clone(), by }));
            }
        }
    }
}

fn borrow_before(body: &crate::ir::Body, local: LocalId, line: u32) -> Option<u32> {
    body.blocks
        .iter()
        .flat_map(|b| &b.stmts)
        .filter(|s| s.kind == StmtKind::Borrow(local) && s.line <= line)
        .map(|s| s.line)
        .max()
}

/// How the awaited expression is held: a fn of the file written out too, or a boxed future.
fn awaitee(futures: &[FutureAnalysis], expr: &str, ty: &crate::ty::Ty, all: bool) -> Option<Awaitee> {
    let key = ty.future_key()?;
    let callee = futures.iter().find(|f| f.key() == key)?;
    let call = syn::parse_str::<syn::ExprCall>(expr).ok();
    if all
        && callee.kind == FutureKind::AsyncFn
        && !callee.generic
        && let Some(call) = &call
        && let syn::Expr::Path(p) = &*call.func
        && p.path.segments.len() == 1
        && p.path.segments[0].ident == callee.name.as_str()
    {
        let args: Vec<String> = call.args.iter().map(token_text).collect();
        return Some(Awaitee::Generated { type_name: type_name(callee), args: args.join(", "), lifetime: false });
    }
    let output = callee.output.to_string();
    plain_type(&output).then(|| Awaitee::Boxed { output, expr: expr.to_string() })
}

fn token_text(t: &impl quote::ToTokens) -> String {
    t.to_token_stream().to_string()
}

/// Cuts a body at its awaits, when every await is a statement (`let PAT = EXPR.await;`,
/// `EXPR.await;`, `x op= EXPR.await;`, or a block's last expression) inside blocks, `if`/`else`,
/// `match` arms, `loop`, `while` and `for`.
fn segments(block: &syn::Block, future: &FutureAnalysis) -> Result<Code, Vec<(u32, Why)>> {
    let try_ok = matches!(&future.output, crate::ty::Ty::Adt { name, .. } if name == "Result");
    let mut cut = Cut { state: 0, why: Vec::new(), lines: Vec::new(), first_line: future.span.line, try_ok };
    let mut body = cut.block(block, true);
    // A body that ends in a statement has the value `()`.
    if !matches!(block.stmts.last(), Some(syn::Stmt::Expr(_, None))) {
        body.push(Node::Finish("()".into()));
    }
    // The awaits must be numbered as rustc numbers them: check each against the analysis.
    let expected: Vec<u32> = future.states.iter().filter_map(|s| s.await_site.as_ref().map(|a| a.span.line)).collect();
    if cut.why.is_empty() && cut.lines != expected {
        cut.why.push((future.span.line, Why::NotStraightLine));
    }
    if cut.why.is_empty() { Ok(Code::Compilable { body }) } else { Err(cut.why) }
}

struct Cut {
    state: u32,
    why: Vec<(u32, Why)>,
    /// The line of each await, in the order they were met.
    lines: Vec<u32>,
    /// The line the parsed text starts on.
    first_line: u32,
    /// The future's output is a `Result`: a `?` in `poll` returns `Poll::Ready(Err(..))` as it is
    /// (`Poll<Result<T, E>>` takes `?` on a `Result`).
    try_ok: bool,
}

impl Cut {
    fn line(&self, node: &(impl crate::diagnostics::Located + ?Sized)) -> u32 {
        (crate::diagnostics::Span::of(node).line + self.first_line).saturating_sub(1)
    }

    fn has_await(node: &impl quote::ToTokens) -> bool {
        let text = token_text(node);
        text.contains(". await") || text.contains(".await")
    }

    /// A block's statements; `value`: the block's last expression is the future's value.
    fn block(&mut self, block: &syn::Block, value: bool) -> Vec<Node> {
        let mut nodes = Vec::new();
        let n = block.stmts.len();
        for (i, stmt) in block.stmts.iter().enumerate() {
            let last = i + 1 == n;
            let text = token_text(stmt);
            // `return` becomes `Poll::Ready`, except in a closure or block of its own, which
            // this version does not tell apart; `?` works as is only on a `Result`.
            let closure = text.contains('|') || text.contains("async");
            if (text.contains("return") && closure) || (text.contains('?') && !self.try_ok) {
                self.why.push((self.line(stmt), Why::EarlyReturn));
            }
            match stmt {
                syn::Stmt::Expr(e, None) if last && value => nodes.extend(self.tail(e)),
                _ if !Cut::has_await(stmt) => nodes.push(Node::Stmt(text)),
                syn::Stmt::Local(local) => match &local.init {
                    // `let PAT = EXPR.await?;`: the value, then the `?`.
                    Some(init) if init.diverge.is_none() && matches!(&*init.expr, syn::Expr::Try(_)) => {
                        let syn::Expr::Try(t) = &*init.expr else { continue };
                        let pat = token_text(&local.pat);
                        nodes.extend(self.awaited(&t.expr, Some("__value".into()), self.line(stmt)));
                        nodes.push(Node::Stmt(format!("let {pat} = __value?;")));
                    }
                    Some(init) if init.diverge.is_none() => {
                        let pat = token_text(&local.pat);
                        nodes.extend(self.awaited(&init.expr, Some(pat), self.line(stmt)));
                    }
                    _ => self.why.push((self.line(stmt), Why::NotStraightLine)),
                },
                syn::Stmt::Expr(e, _) => nodes.extend(self.statement(e)),
                _ => self.why.push((self.line(stmt), Why::NotStraightLine)),
            }
        }
        nodes
    }

    /// `EXPR.await` whose value goes to `bind`; anything else with an await is not cut.
    fn awaited(&mut self, e: &syn::Expr, bind: Option<String>, line: u32) -> Vec<Node> {
        match e {
            syn::Expr::Await(aw) if !Cut::has_await(&aw.base) => {
                let state = self.state;
                self.state += 1;
                self.lines.push(self.line(&aw.await_token));
                vec![Node::Await { state, bind }]
            }
            _ => {
                self.why.push((line, Why::NotStraightLine));
                Vec::new()
            }
        }
    }

    /// An expression statement with an await in it (its value is dropped).
    fn statement(&mut self, e: &syn::Expr) -> Vec<Node> {
        let line = self.line(e);
        match e {
            syn::Expr::If(i) => vec![self.if_node(i, false)],
            syn::Expr::Match(m) => vec![self.match_node(m, false)],
            syn::Expr::Loop(l) => {
                let label = l.label.as_ref().map(token_text);
                vec![Node::Loop { label, cond: None, body: self.block(&l.body, false) }]
            }
            syn::Expr::ForLoop(f) if !Cut::has_await(&f.expr) => {
                let label = f.label.as_ref().map(token_text);
                let (pat, expr) = (token_text(&f.pat), token_text(&f.expr));
                vec![Node::For { label, pat, expr, body: self.block(&f.body, false) }]
            }
            syn::Expr::While(w) if !Cut::has_await(&w.cond) => {
                let label = w.label.as_ref().map(token_text);
                vec![Node::Loop { label, cond: Some(token_text(&w.cond)), body: self.block(&w.body, false) }]
            }
            syn::Expr::Block(b) if b.label.is_none() && b.attrs.is_empty() => {
                vec![Node::Block(self.block(&b.block, false))]
            }
            // `x = EXPR.await;` and `x += EXPR.await;`, with `x` a plain name: the value first,
            // then the assignment, as rustc evaluates them.
            syn::Expr::Assign(a) if matches!(&*a.left, syn::Expr::Path(_)) => {
                let mut nodes = self.awaited(&a.right, Some("__value".into()), line);
                nodes.push(Node::Stmt(format!("{} = __value;", token_text(&a.left))));
                nodes
            }
            syn::Expr::Binary(b) if matches!(&*b.left, syn::Expr::Path(_)) && compound(&b.op) => {
                let mut nodes = self.awaited(&b.right, Some("__value".into()), line);
                nodes.push(Node::Stmt(format!("{} {} __value;", token_text(&b.left), token_text(&b.op))));
                nodes
            }
            // `EXPR.await?;`
            syn::Expr::Try(t) => {
                let mut nodes = self.awaited(&t.expr, Some("__value".into()), line);
                nodes.push(Node::Stmt("__value?;".into()));
                nodes
            }
            _ => self.awaited(e, None, line),
        }
    }

    fn if_node(&mut self, i: &syn::ExprIf, value: bool) -> Node {
        if Cut::has_await(&i.cond) || matches!(&*i.cond, syn::Expr::Let(_)) {
            self.why.push((self.line(&i.cond), Why::NotStraightLine));
        }
        let then = self.block(&i.then_branch, value);
        let els = i.else_branch.as_ref().map(|(_, e)| match &**e {
            syn::Expr::If(inner) => vec![self.if_node(inner, value)],
            syn::Expr::Block(b) => self.block(&b.block, value),
            other => {
                self.why.push((self.line(other), Why::NotStraightLine));
                Vec::new()
            }
        });
        Node::If { cond: token_text(&i.cond), then, els }
    }

    fn match_node(&mut self, m: &syn::ExprMatch, value: bool) -> Node {
        if Cut::has_await(&m.expr) {
            self.why.push((self.line(&m.expr), Why::NotStraightLine));
        }
        let mut arms = Vec::new();
        for arm in &m.arms {
            // The pattern, with its guard (`Some(x) if x > 0`).
            let pat = token_text(&arm.pat);
            if Cut::has_await(&arm.pat) {
                self.why.push((self.line(&arm.pat), Why::NotStraightLine));
            }
            let body = match &*arm.body {
                syn::Expr::Block(b) if b.label.is_none() => self.block(&b.block, value),
                e if value => self.tail(e),
                e if Cut::has_await(e) => self.statement(e),
                e => vec![Node::Stmt(format!("{};", token_text(e)))],
            };
            arms.push((pat, body));
        }
        Node::Match { scrutinee: token_text(&m.expr), arms }
    }

    /// The body's last expression: its value is the future's.
    fn tail(&mut self, e: &syn::Expr) -> Vec<Node> {
        if !Cut::has_await(e) {
            return vec![Node::Finish(token_text(e))];
        }
        match e {
            syn::Expr::If(i) if i.else_branch.is_some() => vec![self.if_node(i, true)],
            syn::Expr::Match(m) => vec![self.match_node(m, true)],
            syn::Expr::Block(b) if b.label.is_none() => vec![Node::Block(self.block(&b.block, true))],
            // A `while` or `for` loop's value is `()`.
            syn::Expr::While(_) | syn::Expr::ForLoop(_) => {
                let mut nodes = self.statement(e);
                nodes.push(Node::Finish("()".into()));
                nodes
            }
            _ => {
                let mut nodes = self.awaited(e, Some("__value".into()), self.line(e));
                nodes.push(Node::Finish("__value".into()));
                nodes
            }
        }
    }
}

/// `+=`, `-=` and the other compound assignments.
fn compound(op: &syn::BinOp) -> bool {
    use syn::BinOp::*;
    matches!(
        op,
        AddAssign(_)
            | SubAssign(_)
            | MulAssign(_)
            | DivAssign(_)
            | RemAssign(_)
            | BitXorAssign(_)
            | BitAndAssign(_)
            | BitOrAssign(_)
            | ShlAssign(_)
            | ShrAssign(_)
    )
}
