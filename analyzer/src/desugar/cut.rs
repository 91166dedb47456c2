//! Cutting a future's body at its awaits, as rustc evaluates it.
//!
//! In: the body (after [`super::rewrite`]), the analysis' temporaries that cross an await.
//! Out: the tree of [`Node`]s `poll` resumes in: each await suspends after what is evaluated
//! before it (its value bound to `__value`, or to the temporary rustc keeps it in), and each
//! temporary that crosses an await is bound first (`let __temp0 = price * 2;`).

use super::*;

/// The temporaries that cross an await, each with its bytes in the file and its name.
#[derive(Clone, Debug)]
pub(super) struct Temp {
    pub(super) bytes: (usize, usize),
    pub(super) text: String,
    pub(super) name: String,
    pub(super) hoisted: bool,
}

pub(super) fn saved_temps(ctx: &Ctx, future: &FutureAnalysis, states: &[StatePlan]) -> Vec<Temp> {
    let mut temps: Vec<Temp> = Vec::new();
    for state in &future.states {
        for field in state.fields.iter().filter(|f| f.role == Role::Temporary) {
            let Some(local) = field.local else { continue };
            let span = &future.body.local(local).span;
            let name = states
                .iter()
                .flat_map(|s| &s.fields)
                .find(|f| f.rustc_name.as_deref() == Some(field.name.as_str()))
                .map(|f| f.name.clone())
                .unwrap_or_else(|| "__temp".into());
            if temps.iter().any(|t| t.bytes == (span.start_byte, span.end_byte)) {
                continue;
            }
            // The expression the temporary holds the value of, as written (not rustc's hidden
            // ones: the `Option` a `for` loop's `next()` returns has no expression of its own).
            let LocalKind::Temp { expr } = &future.body.local(local).kind else { continue };
            let text = normalized(expr);
            if ctx.src.get(span.start_byte..span.end_byte).map(normalized).as_deref() != Some(text.as_str()) {
                continue;
            }
            temps.push(Temp { bytes: (span.start_byte, span.end_byte), text, name, hoisted: false });
        }
    }
    temps
}

/// Source text with the token spacing quote gives it, for comparing.
pub(super) fn normalized(text: &str) -> String {
    text.parse::<proc_macro2::TokenStream>().map(|t| t.to_string()).unwrap_or_else(|_| text.to_string())
}

/// How a block's value is used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Tail {
    /// It is the future's output.
    Finish,
    /// It is dropped (a statement).
    Discard,
    /// It is assigned to a variable declared before (`let x; .. x = value;`).
    Assign(String),
}

/// Cuts a body at its awaits, as rustc evaluates it.
pub(super) struct Cut<'c> {
    pub(super) future: &'c FutureAnalysis,
    pub(super) origin: Origin,
    pub(super) why: Vec<(u32, Why)>,
    pub(super) temps: Vec<Temp>,
    pub(super) iter_names: HashMap<u32, String>,
    /// The awaited expression of each state, as the code writes it.
    pub(super) bases: HashMap<u32, String>,
}

impl<'c> Cut<'c> {
    pub(super) fn new(
        future: &'c FutureAnalysis,
        origin: Origin,
        temps: Vec<Temp>,
        iter_names: HashMap<u32, String>,
    ) -> Cut<'c> {
        Cut { future, origin, why: Vec::new(), temps, iter_names, bases: HashMap::new() }
    }

    /// Every state the analysis numbers is an await the code suspends at.
    pub(super) fn check_states(&mut self) {
        for state in self.future.suspend_states() {
            if let StateId::Suspend(k) = state.id
                && !self.bases.contains_key(&k)
            {
                let line = state.await_site.as_ref().map_or(self.future.span.line, |a| a.span.line);
                self.why.push((line, Why::NotStraightLine));
            }
        }
    }

    pub(super) fn line(&self, node: &(impl crate::diagnostics::Located + ?Sized)) -> u32 {
        self.origin.line(node)
    }

    /// The state of the await whose `await` keyword this is.
    pub(super) fn state_of(&self, token: &syn::token::Await) -> Option<u32> {
        let (start, _) = self.origin.bytes(token);
        self.future.body.suspends.iter().find(|s| s.span.start_byte == start).and_then(|s| s.state)
    }

    /// A block's statements; `tail` says what its value is for. Statements after one that
    /// leaves the block (`return`, `break`, `continue`) never run: rustc removes them, and
    /// their awaits get no state.
    pub(super) fn block(&mut self, block: &syn::Block, tail: Tail) -> Vec<Node> {
        let mut nodes = Vec::new();
        let n = block.stmts.len();
        let mut has_value = false;
        for (i, stmt) in block.stmts.iter().enumerate() {
            let last = i + 1 == n;
            match stmt {
                syn::Stmt::Expr(e, None) if last => {
                    has_value = true;
                    nodes.extend(self.tail(e, &tail));
                }
                _ if awaits(stmt) == 0 => nodes.push(Node::Stmt(token_text(stmt))),
                syn::Stmt::Local(local) => nodes.extend(self.local(local)),
                syn::Stmt::Expr(e, _) => nodes.extend(self.statement(e)),
                _ => self.why.push((self.line(stmt), Why::NotStraightLine)),
            }
            if diverges(stmt) {
                return nodes;
            }
        }
        if !has_value {
            match tail {
                Tail::Finish => nodes.push(Node::Finish("()".into())),
                Tail::Assign(name) => nodes.push(Node::Stmt(format!("{name} = ();"))),
                Tail::Discard => {}
            }
        }
        nodes
    }

    /// `let PAT = EXPR;` with an await in `EXPR`.
    pub(super) fn local(&mut self, local: &syn::Local) -> Vec<Node> {
        let line = self.line(local);
        let Some(init) = &local.init else {
            self.why.push((line, Why::NotStraightLine));
            return Vec::new();
        };
        let pat = token_text(&local.pat);
        // `let PAT = EXPR else { .. };`: the awaits of `EXPR` first; the `else` block leaves.
        if let Some((_, otherwise)) = &init.diverge {
            if awaits(&**otherwise) > 0 {
                self.why.push((line, Why::NotStraightLine));
                return Vec::new();
            }
            let mut nodes = Vec::new();
            let mut expr = (*init.expr).clone();
            self.anf(&mut expr, &mut nodes, None);
            nodes.push(Node::Stmt(format!("let {pat} = {} else {};", token_text(&expr), token_text(&**otherwise))));
            return nodes;
        }
        // A branch or loop with awaits in it: the variable is declared first and assigned in
        // each branch.
        if branches(&init.expr)
            && let Some((name, declared)) = simple_binding(&local.pat)
        {
            let mut nodes = vec![Node::Stmt(format!("let {declared};"))];
            nodes.extend(self.tail(&init.expr, &Tail::Assign(name)));
            return nodes;
        }
        // `let PAT = EXPR.await;`: the awaited value is bound at once.
        if let syn::Expr::Await(aw) = &*init.expr
            && awaits(&*aw.base) == 0
        {
            let mut nodes = Vec::new();
            let mut expr = (*init.expr).clone();
            self.anf(&mut expr, &mut nodes, Some(pat));
            return nodes;
        }
        let mut nodes = Vec::new();
        let mut expr = (*init.expr).clone();
        self.anf(&mut expr, &mut nodes, None);
        nodes.push(Node::Stmt(format!("let {pat} = {};", token_text(&expr))));
        nodes
    }

    /// An expression statement with an await in it (its value is dropped).
    pub(super) fn statement(&mut self, e: &syn::Expr) -> Vec<Node> {
        match e {
            syn::Expr::If(_)
            | syn::Expr::Match(_)
            | syn::Expr::Loop(_)
            | syn::Expr::ForLoop(_)
            | syn::Expr::While(_)
            | syn::Expr::Block(_) => self.tail(e, &Tail::Discard),
            _ => {
                let mut nodes = Vec::new();
                let mut expr = e.clone();
                self.anf(&mut expr, &mut nodes, None);
                discard(&mut nodes, &expr);
                self.scoped(nodes)
            }
        }
    }

    /// Statements that hoisted a temporary are a block of their own, so that the temporary is
    /// dropped where the statement ends.
    pub(super) fn scoped(&self, nodes: Vec<Node>) -> Vec<Node> {
        let hoists = nodes.iter().any(|n| matches!(n, Node::Stmt(t) if t.starts_with("let __temp")));
        if hoists { vec![Node::Block(nodes)] } else { nodes }
    }

    /// The value of a block, used as `tail` says.
    pub(super) fn tail(&mut self, e: &syn::Expr, tail: &Tail) -> Vec<Node> {
        let value = |text: String| match tail {
            Tail::Finish => Node::Finish(text),
            Tail::Discard => Node::Stmt(format!("{text};")),
            Tail::Assign(name) => Node::Stmt(format!("{name} = {text};")),
        };
        if awaits(e) == 0 {
            return vec![value(token_text(e))];
        }
        match e {
            syn::Expr::If(i) => {
                let mut nodes = self.if_node(i, tail);
                if i.else_branch.is_none() && *tail != Tail::Discard {
                    nodes.push(value("()".into()));
                }
                nodes
            }
            syn::Expr::Match(m) => self.match_node(m, tail),
            syn::Expr::Block(b) if b.label.is_none() => vec![Node::Block(self.block(&b.block, tail.clone()))],
            syn::Expr::Loop(l) => {
                let label = l.label.as_ref().map(token_text);
                let body = self.block(&l.body, Tail::Discard);
                match tail {
                    Tail::Discard => vec![Node::Loop { label, cond: None, body, bind: None }],
                    _ => vec![
                        Node::Loop { label, cond: None, body, bind: Some("__loop_value".into()) },
                        value("__loop_value".into()),
                    ],
                }
            }
            syn::Expr::ForLoop(f) => {
                let mut nodes = Vec::new();
                let mut expr = (*f.expr).clone();
                self.anf(&mut expr, &mut nodes, None);
                let label = f.label.as_ref().map(token_text);
                let line = self.line(&f.for_token);
                let iter = self.iter_names.get(&line).cloned().unwrap_or_else(|| "iter".into());
                let body = self.block(&f.body, Tail::Discard);
                nodes.push(Node::For { label, pat: token_text(&f.pat), expr: token_text(&expr), iter, body });
                if *tail != Tail::Discard {
                    nodes.push(value("()".into()));
                }
                self.scoped(nodes)
            }
            syn::Expr::While(w) => {
                let mut nodes = self.while_node(w);
                if *tail != Tail::Discard {
                    nodes.push(value("()".into()));
                }
                nodes
            }
            _ => {
                let mut nodes = Vec::new();
                let mut expr = e.clone();
                self.anf(&mut expr, &mut nodes, None);
                if *tail == Tail::Discard {
                    discard(&mut nodes, &expr);
                } else {
                    nodes.push(value(token_text(&expr)));
                }
                self.scoped(nodes)
            }
        }
    }

    pub(super) fn while_node(&mut self, w: &syn::ExprWhile) -> Vec<Node> {
        let label = w.label.as_ref().map(token_text);
        if awaits(&*w.cond) == 0 {
            let body = self.block(&w.body, Tail::Discard);
            return vec![Node::Loop { label, cond: Some(token_text(&w.cond)), body, bind: None }];
        }
        // The condition awaits: each iteration evaluates it first, and leaves when it fails.
        let mut nodes = Vec::new();
        match &*w.cond {
            syn::Expr::Let(l) => {
                let mut expr = (*l.expr).clone();
                self.anf(&mut expr, &mut nodes, None);
                let body = self.block(&w.body, Tail::Discard);
                nodes.push(Node::Match {
                    scrutinee: token_text(&expr),
                    arms: vec![(token_text(&l.pat), body), ("_".into(), vec![Node::Stmt("break;".into())])],
                });
            }
            cond => {
                let mut expr = cond.clone();
                self.anf(&mut expr, &mut nodes, None);
                nodes.push(Node::If {
                    cond: format!("!({})", token_text(&expr)),
                    then: vec![Node::Stmt("break;".into())],
                    els: None,
                });
                nodes.extend(self.block(&w.body, Tail::Discard));
            }
        }
        vec![Node::Loop { label, cond: None, body: nodes, bind: None }]
    }

    pub(super) fn if_node(&mut self, i: &syn::ExprIf, tail: &Tail) -> Vec<Node> {
        let mut nodes = Vec::new();
        let cond = match &*i.cond {
            syn::Expr::Let(l) => {
                let mut expr = (*l.expr).clone();
                self.anf(&mut expr, &mut nodes, None);
                format!("let {} = {}", token_text(&l.pat), token_text(&expr))
            }
            cond => {
                let mut expr = cond.clone();
                self.anf(&mut expr, &mut nodes, None);
                token_text(&expr)
            }
        };
        let branch_tail = if i.else_branch.is_none() { Tail::Discard } else { tail.clone() };
        let then = self.block(&i.then_branch, branch_tail.clone());
        let els = i.else_branch.as_ref().map(|(_, e)| match &**e {
            syn::Expr::If(inner) => self.if_node(inner, &branch_tail),
            syn::Expr::Block(b) => self.block(&b.block, branch_tail.clone()),
            other => {
                self.why.push((self.line(other), Why::NotStraightLine));
                Vec::new()
            }
        });
        nodes.push(Node::If { cond, then, els });
        self.scoped(nodes)
    }

    pub(super) fn match_node(&mut self, m: &syn::ExprMatch, tail: &Tail) -> Vec<Node> {
        let mut nodes = Vec::new();
        let mut scrutinee = (*m.expr).clone();
        self.anf(&mut scrutinee, &mut nodes, None);
        let mut arms = Vec::new();
        for arm in &m.arms {
            // The pattern, with its guard (`Some(x) if x > 0`).
            let pat = token_text(&arm.pat);
            if awaits(&arm.pat) > 0 {
                self.why.push((self.line(&arm.pat), Why::NotStraightLine));
            }
            let body = match &*arm.body {
                syn::Expr::Block(b) if b.label.is_none() => self.block(&b.block, tail.clone()),
                e => self.tail(e, tail),
            };
            arms.push((pat, body));
        }
        nodes.push(Node::Match { scrutinee: token_text(&scrutinee), arms });
        self.scoped(nodes)
    }

    /// Rewrites `e` as rustc evaluates it: each await (innermost first) suspends, its value
    /// bound to `bind` (a whole `let`'s pattern) or to `__value`; each temporary the analysis
    /// says crosses an await is bound before it, as `__tempN`. The statements go to `nodes`;
    /// `e` is left with the names in place of what they bind.
    pub(super) fn anf(&mut self, e: &mut syn::Expr, nodes: &mut Vec<Node>, bind: Option<String>) {
        let count = awaits(&*e);
        let mut anf = Anf { cut: self, nodes, count, whole: bind, top: true };
        anf.visit_expr_mut(e);
        if awaits(&*e) > 0 || token_text(&*e).contains(". await") {
            let line = self.line(&*e);
            self.why.push((line, Why::NotStraightLine));
        }
    }
}

pub(super) struct Anf<'a, 'c> {
    pub(super) cut: &'a mut Cut<'c>,
    pub(super) nodes: &'a mut Vec<Node>,
    /// The awaits in the expression: with one, its value is `__value`.
    pub(super) count: usize,
    /// The pattern a whole `let` binds, when the expression is one await.
    pub(super) whole: Option<String>,
    pub(super) top: bool,
}

impl VisitMut for Anf<'_, '_> {
    fn visit_expr_mut(&mut self, e: &mut syn::Expr) {
        let top = std::mem::replace(&mut self.top, false);
        match e {
            // Not evaluated here; an async block inside was replaced by its future already.
            syn::Expr::Closure(_) | syn::Expr::Async(_) => return,
            syn::Expr::If(_)
            | syn::Expr::Match(_)
            | syn::Expr::Loop(_)
            | syn::Expr::While(_)
            | syn::Expr::ForLoop(_)
            | syn::Expr::Block(_)
                if awaits(&*e) > 0 =>
            {
                // A branch inside an expression: not cut in this version.
                return;
            }
            _ => {}
        }
        let (start, end) = self.cut.origin.bytes(&*e);
        let text = token_text(&*e);
        syn::visit_mut::visit_expr_mut(self, e);
        let temp = self.cut.temps.iter().position(|t| !t.hoisted && t.bytes == (start, end) && t.text == text);
        if let syn::Expr::Await(aw) = e {
            let Some(state) = self.cut.state_of(&aw.await_token) else {
                let line = self.cut.line(&aw.await_token);
                self.cut.why.push((line, Why::NotStraightLine));
                return;
            };
            self.cut.bases.insert(state, token_text(&aw.base));
            let name = match (temp, top, &self.whole) {
                (Some(t), _, _) => {
                    self.cut.temps[t].hoisted = true;
                    self.cut.temps[t].name.clone()
                }
                (None, true, Some(pat)) => {
                    self.nodes.push(Node::Await { state, bind: Some(pat.clone()) });
                    *e = syn::parse_quote!(());
                    return;
                }
                _ if self.count == 1 => "__value".to_string(),
                _ => format!("__value{state}"),
            };
            self.nodes.push(Node::Await { state, bind: Some(name.clone()) });
            *e = syn::parse_str(&name).unwrap_or_else(|_| e.clone());
        } else if let Some(t) = temp {
            self.cut.temps[t].hoisted = true;
            let name = self.cut.temps[t].name.clone();
            self.nodes.push(Node::Stmt(format!("let {name} = {};", token_text(&*e))));
            *e = syn::parse_str(&name).unwrap_or_else(|_| e.clone());
        }
    }
}

/// An expression statement's value is dropped: an await whose value is the whole statement
/// drops it at once (`drop(__ready)`), anything else is a statement.
pub(super) fn discard(nodes: &mut Vec<Node>, expr: &syn::Expr) {
    let text = token_text(expr);
    if let Some(Node::Await { bind, .. }) = nodes.last_mut()
        && bind.as_deref() == Some(text.as_str())
        && text.starts_with("__value")
    {
        *bind = None;
        return;
    }
    nodes.push(Node::Stmt(format!("{text};")));
}

/// A pattern that binds one name, and how `let` declares it without a value (`mut x: u32`).
pub(super) fn simple_binding(pat: &syn::Pat) -> Option<(String, String)> {
    match pat {
        syn::Pat::Ident(id) if id.by_ref.is_none() && id.subpat.is_none() => {
            Some((id.ident.to_string(), token_text(pat)))
        }
        syn::Pat::Type(t) => match &*t.pat {
            syn::Pat::Ident(id) if id.by_ref.is_none() && id.subpat.is_none() => {
                Some((id.ident.to_string(), token_text(pat)))
            }
            _ => None,
        },
        _ => None,
    }
}

/// Whether an expression is a branch or loop with an await in its blocks.
pub(super) fn branches(e: &syn::Expr) -> bool {
    let blocks_await = match e {
        syn::Expr::If(i) => awaits(&i.then_branch) > 0 || i.else_branch.as_ref().is_some_and(|(_, e)| awaits(&**e) > 0),
        syn::Expr::Match(m) => m.arms.iter().any(|a| awaits(&*a.body) > 0),
        syn::Expr::Block(b) => b.label.is_none() && awaits(&b.block) > 0,
        syn::Expr::Loop(_) => awaits(e) > 0,
        _ => false,
    };
    blocks_await && !matches!(e, syn::Expr::If(i) if i.else_branch.is_none())
}

/// Whether control never goes past this statement.
pub(super) fn diverges(stmt: &syn::Stmt) -> bool {
    matches!(stmt, syn::Stmt::Expr(syn::Expr::Return(_) | syn::Expr::Break(_) | syn::Expr::Continue(_), Some(_)))
}

/// The awaits of a node that its own code evaluates (not those of a closure or async block
/// inside it); an await inside a macro's arguments counts, as it cannot be cut.
pub(super) fn awaits(node: &impl Visited) -> usize {
    let mut count = Count(0);
    node.visited_by(&mut count);
    count.0
}

pub(super) struct Count(usize);

impl<'ast> Visit<'ast> for Count {
    fn visit_expr_await(&mut self, a: &'ast syn::ExprAwait) {
        self.0 += 1;
        syn::visit::visit_expr_await(self, a);
    }
    fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
    fn visit_expr_async(&mut self, _: &'ast syn::ExprAsync) {}
    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        let text = m.tokens.to_string();
        if !text.contains("async") {
            self.0 += text.matches(". await").count();
        }
    }
    fn visit_item(&mut self, _: &'ast syn::Item) {}
}

/// The syntax trees [`awaits`] counts in.
pub(super) trait Visited {
    fn visited_by(&self, count: &mut Count);
}

impl Visited for syn::Expr {
    fn visited_by(&self, count: &mut Count) {
        count.visit_expr(self);
    }
}

impl Visited for syn::Stmt {
    fn visited_by(&self, count: &mut Count) {
        count.visit_stmt(self);
    }
}

impl Visited for syn::Block {
    fn visited_by(&self, count: &mut Count) {
        count.visit_block(self);
    }
}

impl Visited for syn::Pat {
    fn visited_by(&self, count: &mut Count) {
        count.visit_pat(self);
    }
}
