//! What `desugar` writes for each future: the hand-written enum of its states and the code of
//! its `poll`.
//!
//! In: the analysed futures and the source text. Out: a [`Plan`] per future: the enum's
//! variants with the fields each state keeps (and why), and either the body cut at its awaits
//! into a tree of source segments (compilable), or why it cannot be written in safe Rust (an
//! outline): a state that keeps a value and a borrow of it (a self-reference, the reason `Pin`
//! exists), or a future that contains itself.
//!
//! The body is rewritten as rustc evaluates it: an await inside an expression suspends after
//! what is evaluated before it, and a temporary rustc keeps across it becomes a named value
//! (`__temp0`); `?` and `return` end the future (`render::desugar` writes them); an async block
//! or closure inside the body becomes its own hand-written future, built from what it captures;
//! a value whose drop flag crosses an await is kept as an `Option` when it may or may not have
//! been moved away, and as reserved bytes (`MaybeUninit`) when it has been. `render::desugar`
//! turns the plan into Rust with `quote` and `prettyplease`.

mod awaitee;
mod borrows;
mod cut;
mod rewrite;
mod types;

use std::collections::HashMap;

use syn::visit::Visit;
use syn::visit_mut::VisitMut;

use crate::analysis::{Field, FutureAnalysis, Role, State};
use crate::graph::StateId;
use crate::ir::{Body, FutureKind, LocalId, LocalKind, StmtKind, Terminator, UpvarOrigin};
use crate::liveness::Reason;
use crate::ty::Ty;

use awaitee::*;
use borrows::*;
use cut::*;
use rewrite::*;
use types::*;

#[derive(Clone, Debug)]
pub struct Plan {
    /// The index of the future in the analysis.
    pub future: usize,
    /// `TwoAwaitsFuture`, `KeepU8Future` (an instance), `AsyncBlock19Future`.
    pub type_name: String,
    /// The type and const parameters of a generic fn's body, as declared (`T: Clone`): the
    /// enum takes them too.
    pub generics: Vec<Generic>,
    /// The parameters of `new`: the fn's (name, type as written), or what an async block or
    /// closure captures.
    pub params: Vec<(String, String)>,
    /// The output type as written.
    pub output: String,
    /// Every state with its fields, `Unresumed` first, then `Suspend0..`.
    pub states: Vec<StatePlan>,
    pub code: Code,
    /// The enum borrows something (a `&` argument, or an awaited future that does): it takes a
    /// lifetime `'a`.
    pub lifetime: bool,
    /// What a `?` in the body does: the output is a `Result` or an `Option`.
    pub exit: Exit,
    /// For an async block that a plain fn of the file makes: that fn, written again so that it
    /// builds the hand-written future.
    pub maker: Option<Maker>,
    /// For an instance of a generic fn: the generic body's enum (`KeepFuture`).
    pub generic_of: Option<String>,
    pub kind: FutureKind,
}

/// A generic parameter of the enum: its name and its declaration (`T: Clone`, `const N: usize`).
#[derive(Clone, Debug)]
pub struct Generic {
    pub name: String,
    pub decl: String,
}

/// How `?` leaves the body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    Result,
    Option,
    /// The output is neither: the body has no `?` of its own.
    Other,
}

/// A plain fn of the file whose value is an async block, as rustc compiles it.
#[derive(Clone, Debug)]
pub struct Maker {
    pub name: String,
    pub params: Vec<(String, String)>,
    /// The fn, the async blocks in it replaced by the hand-written futures they build.
    pub item: String,
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
    /// The type as the enum writes it: std types by their paths, a borrowing std type with
    /// the enum's `'a`; for a field the enum cannot hold, rustc's name of the type.
    pub ty: String,
    pub reason: Reason,
    pub awaitee: Option<Awaitee>,
    /// For an awaited future of the file: how to hold it boxed, if its own enum is not written.
    pub boxed: Option<Awaitee>,
    /// Whether the value is there at this await.
    pub presence: Presence,
    /// rustc's name of the value's drop flag (`.coroutine_field3`), when rustc keeps one here.
    pub flag: Option<String>,
    /// rustc's own name of the field, when the enum names it otherwise (`.coroutine_field0`,
    /// `_ref__label`, `iter`, `_`).
    pub rustc_name: Option<String>,
    /// Why the type differs from rustc's (a closure held as a `fn` pointer).
    pub note: Option<String>,
    /// The saved local, for a local or a temporary.
    pub local: Option<LocalId>,
    /// For a value moved away before the await: the line of the move.
    pub moved_at: Option<u32>,
}

/// Whether a kept value is there when the future suspends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Presence {
    /// It is: the field holds it.
    Whole,
    /// It was moved away (rustc keeps its bytes, and its drop flag says there is nothing to
    /// drop): the field is `MaybeUninit`, never read.
    Moved,
    /// It may have been moved away, depending on the path taken (rustc's drop flag decides at
    /// run time): the field is an `Option`, `None` once moved.
    Maybe,
}

/// How an awaited future is held.
#[derive(Clone, Debug)]
pub enum Awaitee {
    /// The hand-written future of an async fn of the file (its type name), built from the
    /// call's arguments; `boxed`: the source awaits it through `Box::pin`.
    Generated { type_name: String, args: String, lifetime: bool, boxed: bool },
    /// A future whose type can be written, held as it is: an async block's hand-written future
    /// (`lifetime`: it borrows), `Pin<Box<dyn Future>>`, `Ready<T>`. `expr` makes it.
    Held { ty: String, expr: String, lifetime: bool },
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
    /// A `for` loop: its label, pattern and iterated expression; `iter` holds the iterator, as
    /// rustc's `iter` does.
    For {
        label: Option<String>,
        pat: String,
        expr: String,
        iter: String,
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
    /// `loop`, or `while COND` (`cond`), with its label; `bind`: a `loop` whose value (its
    /// `break VALUE`) is bound by `let PAT`.
    Loop {
        label: Option<String>,
        cond: Option<String>,
        body: Vec<Node>,
        bind: Option<String>,
    },
    Block(Vec<Node>),
    /// The body's value: the future returns it.
    Finish(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Why {
    /// Suspend`state` keeps `value` and `by` (`the awaited future .., which borrows it`): the
    /// borrow at `borrow_line`, the await at `await_line`.
    SelfReference { state: u32, value: String, by: String, borrow_line: u32, await_line: u32 },
    /// The future contains itself (E0733): no type, hand-written or not, has that size.
    Recursive,
    /// An await this version cannot cut the code at (inside a macro's arguments, or inside a
    /// branch within an expression).
    NotStraightLine,
    /// Not an async fn, method, block or closure whose `self` and captures can be written.
    NotAFreeFn,
    /// Generic in a way the enum cannot take (lifetime parameters, an impl's parameters).
    Generic,
    /// A saved value or parameter whose type the source does not tell, or that cannot be
    /// written.
    Type(String),
    /// An awaited future whose output the analysis does not know.
    UnknownAwaitee(String),
    /// A temporary or moved value crossing an await that this version cannot hold.
    HiddenValue(String),
    /// Two saved values share a name (shadowing).
    Shadowed(String),
    /// The code builds a future whose own enum is not written (`AsyncBlock35Future`).
    Unwritten(String),
    /// Defined inside `mod m`: its code names what only that module sees, and the output is
    /// one module.
    InModule(String),
}

impl Why {
    pub fn is_self_reference(&self) -> bool {
        matches!(self, Why::SelfReference { .. })
    }
}

/// The files' own futures and what is being written.
struct Ctx<'a> {
    futures: &'a [FutureAnalysis],
    src: &'a str,
    all: bool,
    /// The futures written, by index.
    chosen: Vec<usize>,
    /// The file's `mod m { .. }` items: name and bytes.
    modules: Vec<(String, usize, usize)>,
}

impl Ctx<'_> {
    /// The written future of an async block or closure that starts at byte `start`.
    fn nested_at(&self, start: usize) -> Option<usize> {
        self.chosen
            .iter()
            .copied()
            .find(|&j| self.futures[j].kind != FutureKind::AsyncFn && self.futures[j].span.start_byte == start)
    }

    /// The written future whose type is `key` (`fetch`, `keep<u8>`, `async block@19:5`).
    fn written_key(&self, key: &str) -> Option<usize> {
        self.chosen.iter().copied().find(|&j| self.futures[j].key() == key && !self.futures[j].generic)
    }

    /// Whether the file declares a type of this name (so it is not std's).
    fn declares(&self, name: &str) -> bool {
        ["struct", "enum", "type", "union", "trait"].iter().any(|kw| {
            self.src.match_indices(&format!("{kw} {name}")).any(|(i, m)| {
                let after = self.src[i + m.len()..].chars().next();
                !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
            })
        })
    }
}

/// The inline modules of a file (`mod rt { .. }`, nested ones too), with their bytes.
fn modules(src: &str) -> Vec<(String, usize, usize)> {
    struct Finder {
        found: Vec<(String, usize, usize)>,
    }
    impl<'ast> Visit<'ast> for Finder {
        fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
            if m.content.is_some() {
                let span = crate::diagnostics::Span::of(m);
                self.found.push((m.ident.to_string(), span.start_byte, span.end_byte));
            }
            syn::visit::visit_item_mod(self, m);
        }
    }
    let Ok(file) = syn::parse_file(src) else { return Vec::new() };
    let mut finder = Finder { found: Vec::new() };
    finder.visit_file(&file);
    finder.found
}

/// The type name of a future's hand-written enum: `two_awaits` → `TwoAwaitsFuture`; an
/// instance adds its arguments (`keep<u8>` → `KeepU8Future`); an async block or closure is
/// named by its line (`AsyncBlock19Future`), and column when two start on one line.
pub fn type_name(futures: &[FutureAnalysis], future: &FutureAnalysis) -> String {
    match future.kind {
        FutureKind::AsyncFn => {
            let mut base = camel(&future.name);
            if let Some(instance) = &future.instance {
                for arg in &instance.args {
                    base.push_str(&camel_type(&arg.to_string()));
                }
            }
            format!("{base}Future")
        }
        FutureKind::AsyncBlock | FutureKind::AsyncClosure => {
            let what = if future.kind == FutureKind::AsyncBlock { "AsyncBlock" } else { "AsyncClosure" };
            let (line, column) = (future.label_span.line, future.label_span.column);
            let shared = futures
                .iter()
                .filter(|f| f.kind != FutureKind::AsyncFn && f.instance.is_none())
                .filter(|f| f.label_span.line == line)
                .count()
                > 1;
            if shared { format!("{what}{line}x{column}Future") } else { format!("{what}{line}Future") }
        }
    }
}

/// `two_awaits` → `TwoAwaits`, `<Connection as Service>::call` → `ConnectionAsServiceCall`.
fn camel(name: &str) -> String {
    name.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map(|c| c.to_uppercase().chain(chars).collect::<String>()).unwrap_or_default()
        })
        .collect()
}

/// A type argument in a type's name: `u8` → `U8`, `[u64; 16]` → `U64Array16`, `&str` →
/// `RefStr`, `Vec<String>` → `VecString`.
fn camel_type(text: &str) -> String {
    match syn::parse_str::<syn::Type>(text) {
        Ok(syn::Type::Array(a)) => format!("{}Array{}", camel_type(&token_text(&a.elem)), camel(&token_text(&a.len))),
        Ok(syn::Type::Slice(s)) => format!("Slice{}", camel_type(&token_text(&s.elem))),
        Ok(syn::Type::Reference(r)) => {
            format!("{}{}", if r.mutability.is_some() { "RefMut" } else { "Ref" }, camel_type(&token_text(&r.elem)))
        }
        Ok(syn::Type::Tuple(t)) => {
            format!("Tuple{}", t.elems.iter().map(|e| camel_type(&token_text(e))).collect::<String>())
        }
        _ => camel(text),
    }
}

/// Plans the futures at `selected` (indices into `futures`), with the async blocks and
/// closures inside them (their code builds those); `all`: every future of the file is
/// written, so an awaited fn of the file is held as its hand-written future.
pub fn plan(futures: &[FutureAnalysis], selected: &[usize], src: &str, all: bool) -> Vec<Plan> {
    let mut chosen: Vec<usize> = selected.to_vec();
    for &i in selected {
        let outer = &futures[i].span;
        for (j, f) in futures.iter().enumerate() {
            let inside = f.span.start_byte >= outer.start_byte && f.span.end_byte <= outer.end_byte;
            if f.kind != FutureKind::AsyncFn && inside && !chosen.contains(&j) {
                chosen.push(j);
            }
        }
    }
    chosen.sort_unstable();
    let ctx = Ctx { futures, src, all, chosen, modules: modules(src) };
    let mut plans: Vec<Plan> = ctx.chosen.iter().map(|&i| plan_one(&ctx, i)).collect();
    settle(&mut plans);
    plans
}

/// An awaited future is held as its hand-written type only if that type is written (its plan
/// compiles); otherwise it is boxed. Code that builds a future that is not written is not
/// written either. Then the lifetimes: an enum borrows if its arguments or saved values do,
/// or if a future it holds does.
fn settle(plans: &mut [Plan]) {
    loop {
        let written: Vec<String> =
            plans.iter().filter(|p| matches!(p.code, Code::Compilable { .. })).map(|p| p.type_name.clone()).collect();
        let all_names: Vec<String> = plans.iter().map(|p| p.type_name.clone()).collect();
        let mut changed = false;
        for plan in plans.iter_mut() {
            let mut missing = Vec::new();
            for field in plan.states.iter_mut().flat_map(|s| s.fields.iter_mut()) {
                let target = match &field.awaitee {
                    Some(Awaitee::Generated { type_name, .. }) => Some(type_name.clone()),
                    Some(Awaitee::Held { ty, .. }) => names_in(ty, &all_names).into_iter().next(),
                    _ => None,
                };
                if let Some(target) = target
                    && !written.contains(&target)
                {
                    match field.boxed.take() {
                        Some(b) => field.awaitee = Some(b),
                        None => missing.push(target),
                    }
                }
                if field.awaitee.is_none() {
                    missing.extend(names_in(&field.ty, &all_names).into_iter().filter(|n| !written.contains(n)));
                }
            }
            if let Code::Compilable { body } = &plan.code {
                let mut texts = Vec::new();
                node_texts(body, &mut texts);
                for t in texts {
                    missing.extend(names_in(&t, &all_names).into_iter().filter(|n| !written.contains(n)));
                }
            }
            if let Some(maker) = &plan.maker
                && names_in(&maker.item, &all_names).iter().any(|n| !written.contains(n))
            {
                plan.maker = None;
            }
            missing.sort();
            missing.dedup();
            if !missing.is_empty() && matches!(plan.code, Code::Compilable { .. }) {
                let line = 0;
                plan.code = Code::Outline { why: missing.into_iter().map(|m| (line, Why::Unwritten(m))).collect() };
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let borrows = |t: &str| t.replace("& '", "&'").replace("&'static", "").contains('&') || t.contains("'a");
    for plan in plans.iter_mut() {
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
                let flag = match &mut field.awaitee {
                    Some(Awaitee::Generated { type_name, lifetime, .. }) => {
                        borrowing.contains(type_name).then_some(lifetime)
                    }
                    Some(Awaitee::Held { ty, lifetime, .. }) => {
                        (!names_in(ty, &borrowing).is_empty()).then_some(lifetime)
                    }
                    _ => None,
                };
                if let Some(lifetime) = flag
                    && !*lifetime
                {
                    *lifetime = true;
                    changed = true;
                }
                // A saved value of a borrowing hand-written type (a closure returning one).
                if field.awaitee.is_none() {
                    for name in names_in(&field.ty, &borrowing) {
                        let with = format!("{name}<'a>");
                        if !field.ty.contains(&with) {
                            field.ty = replace_word(&field.ty, &name, &with);
                            changed = true;
                        }
                    }
                }
            }
            let holds = plan.states.iter().flat_map(|s| &s.fields).any(|f| {
                matches!(
                    f.awaitee,
                    Some(Awaitee::Generated { lifetime: true, .. } | Awaitee::Held { lifetime: true, .. })
                ) || (f.awaitee.is_none() && f.ty.contains("'a"))
            });
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

/// The names among `names` that `text` mentions as whole words.
fn names_in(text: &str, names: &[String]) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| names.iter().any(|n| n == w))
        .map(str::to_string)
        .collect()
}

fn replace_word(text: &str, word: &str, with: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find(word) {
        let before = rest[..i].chars().last();
        let after = rest[i + word.len()..].chars().next();
        let boundary = |c: Option<char>| !c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        out.push_str(&rest[..i]);
        if boundary(before) && boundary(after) {
            out.push_str(with);
        } else {
            out.push_str(word);
        }
        rest = &rest[i + word.len()..];
    }
    out.push_str(rest);
    out
}

/// Every piece of source text in a body's tree.
fn node_texts(nodes: &[Node], out: &mut Vec<String>) {
    for node in nodes {
        match node {
            Node::Stmt(t) | Node::Finish(t) => out.push(t.clone()),
            Node::Await { bind, .. } => out.extend(bind.clone()),
            Node::For { pat, expr, body, .. } => {
                out.push(pat.clone());
                out.push(expr.clone());
                node_texts(body, out);
            }
            Node::Match { scrutinee, arms } => {
                out.push(scrutinee.clone());
                for (pat, body) in arms {
                    out.push(pat.clone());
                    node_texts(body, out);
                }
            }
            Node::If { cond, then, els } => {
                out.push(cond.clone());
                node_texts(then, out);
                if let Some(e) = els {
                    node_texts(e, out);
                }
            }
            Node::Loop { cond, body, .. } => {
                out.extend(cond.clone());
                node_texts(body, out);
            }
            Node::Block(body) => node_texts(body, out),
        }
    }
}

/// The future's source, parsed: the fn's signature (for an async fn) and its body.
struct Source {
    sig: Option<syn::Signature>,
    body: syn::Block,
}

/// For a method, the type its `self` is: `Connection` of `Connection::finish` and of
/// `<Connection as Service>::call`.
fn self_type(future: &FutureAnalysis) -> Option<String> {
    let (ty, _) = future.name.rsplit_once("::")?;
    if let Some(inner) = ty.strip_prefix('<').and_then(|t| t.strip_suffix('>')) {
        let (ty, _) = inner.split_once(" as ")?;
        return (!ty.contains('<')).then(|| ty.to_string());
    }
    (!ty.contains('<')).then(|| ty.to_string())
}

fn parse_source(future: &FutureAnalysis, text: &str) -> Option<Source> {
    match future.kind {
        FutureKind::AsyncFn => match syn::parse_str::<syn::ItemFn>(text) {
            Ok(f) => Some(Source { sig: Some(f.sig), body: *f.block }),
            Err(_) => {
                let method = syn::parse_str::<syn::ImplItemFn>(text).ok()?;
                self_type(future)?;
                Some(Source { sig: Some(method.sig), body: method.block })
            }
        },
        FutureKind::AsyncBlock => {
            let block = syn::parse_str::<syn::ExprAsync>(text).ok()?;
            Some(Source { sig: None, body: block.block })
        }
        FutureKind::AsyncClosure => {
            let closure = syn::parse_str::<syn::ExprClosure>(text).ok()?;
            let body = match *closure.body {
                syn::Expr::Block(b) if b.label.is_none() => b.block,
                other => syn::Block { brace_token: Default::default(), stmts: vec![syn::Stmt::Expr(other, None)] },
            };
            Some(Source { sig: None, body })
        }
    }
}

/// Where the future's text starts in the file: its byte and its line and column.
#[derive(Clone, Copy)]
struct Origin {
    byte: usize,
    line: u32,
    column: u32,
}

impl Origin {
    fn of(future: &FutureAnalysis) -> Origin {
        Origin { byte: future.span.start_byte, line: future.span.line, column: future.span.column }
    }

    /// A node's bytes in the file.
    fn bytes(&self, node: &(impl crate::diagnostics::Located + ?Sized)) -> (usize, usize) {
        let s = crate::diagnostics::Span::of(node);
        (self.byte + s.start_byte, self.byte + s.end_byte)
    }

    fn line(&self, node: &(impl crate::diagnostics::Located + ?Sized)) -> u32 {
        (crate::diagnostics::Span::of(node).line + self.line).saturating_sub(1)
    }

    /// A node's line and column in the file.
    fn position(&self, node: &(impl crate::diagnostics::Located + ?Sized)) -> (u32, u32) {
        let s = crate::diagnostics::Span::of(node);
        let column = if s.line == 1 { s.column + self.column - 1 } else { s.column };
        ((s.line + self.line).saturating_sub(1), column)
    }
}

fn plan_one(ctx: &Ctx, index: usize) -> Plan {
    let future = &ctx.futures[index];
    let mut why: Vec<(u32, Why)> = Vec::new();
    let line = future.span.line;
    let text = ctx.src.get(future.span.start_byte..future.span.end_byte).unwrap_or("");
    let source = parse_source(future, text);
    let self_ty = self_type(future);
    if source.is_none() {
        why.push((line, Why::NotAFreeFn));
    }
    if let Some((module, ..)) = ctx
        .modules
        .iter()
        .filter(|(_, start, end)| *start <= future.span.start_byte && future.span.end_byte <= *end)
        .min_by_key(|(_, start, end)| end - start)
    {
        why.push((line, Why::InModule(module.clone())));
    }
    let unresumed = future.states.first();
    let upvars: Vec<&Field> =
        unresumed.map(|s| s.fields.iter().filter(|f| f.role == Role::Upvar).collect()).unwrap_or_default();

    // The parameters of `new`, the statements that bind a pattern parameter, the generics.
    let mut params = Vec::new();
    let mut prelude = Vec::new();
    let mut generics = Vec::new();
    let mut subst: Vec<(String, String)> = Vec::new();
    let mut by_ref = Vec::new();
    match (&source, future.kind) {
        (Some(Source { sig: Some(sig), .. }), _) => {
            for (i, input) in sig.inputs.iter().enumerate() {
                match input {
                    syn::FnArg::Typed(pt) => {
                        let ty = token_text(&pt.ty);
                        match &*pt.pat {
                            syn::Pat::Ident(id) if id.by_ref.is_none() && id.subpat.is_none() => {
                                params.push((id.ident.to_string(), ty));
                            }
                            // `_` keeps the argument to the end, as `__argN`.
                            syn::Pat::Wild(_) => params.push((format!("__arg{i}"), ty)),
                            pat => {
                                params.push((format!("__arg{i}"), ty));
                                prelude.push(format!("let {} = __arg{i};", token_text(pat)));
                            }
                        }
                    }
                    syn::FnArg::Receiver(r) => {
                        let reference = match &r.kind {
                            syn::ReceiverKind::Reference(_, None, Some(_)) => Some("&mut "),
                            syn::ReceiverKind::Reference(_, None, None) => Some("&"),
                            syn::ReceiverKind::Value => Some(""),
                            _ => None,
                        };
                        match (reference, &self_ty) {
                            (Some(reference), Some(ty)) => {
                                params.push(("__self".to_string(), format!("{reference}{ty}")))
                            }
                            _ => why.push((line, Why::NotAFreeFn)),
                        }
                    }
                }
            }
            let declared: Vec<&syn::GenericParam> = sig.generics.params.iter().collect();
            if sig.generics.where_clause.is_some()
                || declared.iter().any(|g| matches!(g, syn::GenericParam::Lifetime(_)))
                || (future.generic && declared.is_empty())
            {
                why.push((line, Why::Generic));
            }
            let names: Vec<String> = declared
                .iter()
                .filter_map(|g| match g {
                    syn::GenericParam::Type(t) => Some(t.ident.to_string()),
                    syn::GenericParam::Const(c) => Some(c.ident.to_string()),
                    syn::GenericParam::Lifetime(_) => None,
                })
                .collect();
            if let Some(instance) = &future.instance {
                if instance.args.len() == names.len() {
                    subst = names.iter().cloned().zip(instance.args.iter().map(|a| a.to_string())).collect();
                } else {
                    why.push((line, Why::Generic));
                }
                // An instance's parameters have the types the analysis substituted.
                if upvars.len() == params.len() {
                    for ((_, ty), field) in params.iter_mut().zip(&upvars) {
                        if let Some(written) = write_ty(ctx, &field.ty, &[]) {
                            *ty = written;
                        }
                    }
                }
            } else if future.generic {
                for g in &declared {
                    match g {
                        syn::GenericParam::Type(t) => {
                            let mut t = t.clone();
                            t.default = None;
                            generics.push(Generic { name: t.ident.to_string(), decl: token_text(&t) });
                        }
                        syn::GenericParam::Const(c) => generics.push(Generic {
                            name: c.ident.to_string(),
                            decl: format!("const {}: {}", c.ident, token_text(&c.ty)),
                        }),
                        syn::GenericParam::Lifetime(_) => {}
                    }
                }
            }
        }
        (Some(_), _) => {
            // An async block or closure: `new` takes what it captures (and a closure's arguments).
            for field in &upvars {
                let origin = future.body.upvars.iter().find(|u| u.name == field.name).map(|u| u.origin);
                let name = field.name.strip_prefix("_ref__").unwrap_or(&field.name).to_string();
                if name.contains("__") || !is_ident(&name) {
                    why.push((field.span.line, Why::NotAFreeFn));
                }
                // A capture by reference is read through it (`(*label)`), unless what was
                // captured is the place a reference points to (`*s` of `s: &str`): the upvar is
                // then that reference itself.
                let outer_ty = enclosing_local_type(ctx, future, &name);
                if matches!(origin, Some(UpvarOrigin::CaptureByRef | UpvarOrigin::CaptureByMutRef))
                    && outer_ty.is_none_or(|t| t != field.ty.to_string())
                {
                    by_ref.push(name.clone());
                }
                match write_ty(ctx, &field.ty, &[]) {
                    Some(ty) => params.push((name, ty)),
                    None => {
                        why.push((field.span.line, Why::Type(field.ty.to_string())));
                        params.push((name, field.ty.to_string()));
                    }
                }
            }
            if future.generic || future.instance.is_some() {
                why.push((line, Why::Generic));
            }
        }
        (None, _) => {}
    }
    let output = match write_ty(ctx, &future.output, &generics) {
        Some(t) => t,
        None => {
            why.push((line, Why::Type(future.output.to_string())));
            future.output.to_string()
        }
    };
    for (_, ty) in &params {
        if !writable(ty) {
            why.push((line, Why::Type(ty.clone())));
        }
    }

    // The states and their fields.
    let closures = source.as_ref().map(|s| closures_in(&s.body, Origin::of(future))).unwrap_or_default();
    let iter_names = iterator_names(future);
    let mut states = Vec::new();
    let flags = flag_presence(&future.body);
    for state in &future.states {
        if matches!(state.id, StateId::Returned | StateId::Panicked) {
            continue;
        }
        let fields = state_fields(ctx, future, state, &generics, &closures, &iter_names, &flags, &mut why);
        states.push(StatePlan { state: state.id, await_line: state.await_site.as_ref().map(|a| a.span.line), fields });
    }
    let exit = match future.output.concrete() {
        Ty::Adt { name, .. } if name == "Result" => Exit::Result,
        Ty::Adt { name, .. } if name == "Option" => Exit::Option,
        _ => Exit::Other,
    };

    let mut plan = Plan {
        future: index,
        type_name: type_name(ctx.futures, future),
        generics,
        params,
        output,
        states,
        code: Code::Outline { why: Vec::new() },
        lifetime: false,
        exit,
        maker: None,
        generic_of: future.instance.as_ref().map(|_| format!("{}Future", camel(&future.name))),
        kind: future.kind,
    };

    // A self-reference or a future that contains itself: an outline, whatever else. Its
    // awaited futures are named by what the source awaits.
    let self_refs = self_references(ctx, future);
    let outline = if !self_refs.is_empty() {
        Some(sorted(self_refs))
    } else if future.recursion.is_some() {
        Some(vec![(line, Why::Recursive)])
    } else {
        None
    };
    if let Some(why) = outline {
        let bases: HashMap<u32, String> = future
            .suspend_states()
            .filter_map(|s| match (s.id, &s.await_site) {
                (StateId::Suspend(k), Some(site)) => Some((k, site.expr.clone())),
                _ => None,
            })
            .collect();
        awaitees(ctx, future, &mut plan, &bases, &mut Vec::new());
        plan.code = Code::Outline { why };
        return plan;
    }
    let Some(source) = source else {
        plan.code = Code::Outline { why: sorted(why) };
        return plan;
    };

    // The body as rustc evaluates it, cut at its awaits.
    let origin = Origin::of(future);
    let mut maybe: Vec<MaybeValue> = plan
        .states
        .iter()
        .flat_map(|s| &s.fields)
        .filter(|f| f.presence == Presence::Maybe)
        .filter_map(|f| Some(MaybeValue { name: f.name.clone(), local: f.local? }))
        .collect();
    maybe.dedup_by_key(|m| m.local);
    let mut rewrite = Rewrite::new(ctx, origin, by_ref, maybe, Some(&future.body));
    let mut body = source.body.clone();
    rewrite.visit_block_mut(&mut body);
    why.extend(rewrite.why.iter().cloned());
    let temps = saved_temps(ctx, future, &plan.states);
    let mut cut = Cut::new(future, origin, temps, iter_names);
    let mut nodes: Vec<Node> = prelude.into_iter().map(Node::Stmt).collect();
    nodes.extend(cut.block(&body, Tail::Finish));
    cut.check_states();
    why.extend(cut.why.iter().cloned());

    // The awaited futures, from what the code awaits.
    awaitees(ctx, future, &mut plan, &cut.bases, &mut why);
    if !subst.is_empty() || self_ty.is_some() {
        substitute(&mut nodes, &subst, self_ty.as_deref());
    }
    plan.code = if why.is_empty() { Code::Compilable { body: nodes } } else { Code::Outline { why: sorted(why) } };
    if future.kind == FutureKind::AsyncBlock {
        plan.maker = maker(ctx, future);
    }
    plan
}

impl FieldPlan {
    fn reason_is_awaitee(&self) -> bool {
        matches!(self.reason, Reason::AwaitedFuture { .. })
    }
}

fn sorted(mut why: Vec<(u32, Why)>) -> Vec<(u32, Why)> {
    why.sort_by_key(|(line, w)| (*line, format!("{w:?}")));
    why.dedup();
    why
}

fn is_ident(text: &str) -> bool {
    syn::parse_str::<syn::Ident>(text).is_ok()
}

/// The type of the variable `name` in the future around an async block or closure.
fn enclosing_local_type(ctx: &Ctx, future: &FutureAnalysis, name: &str) -> Option<String> {
    let span = &future.span;
    let outer = ctx
        .futures
        .iter()
        .filter(|f| {
            f.span.start_byte <= span.start_byte
                && span.end_byte <= f.span.end_byte
                && (f.span.start_byte, f.span.end_byte) != (span.start_byte, span.end_byte)
        })
        .min_by_key(|f| f.span.end_byte - f.span.start_byte)?;
    outer
        .body
        .locals
        .iter()
        .rev()
        .find(|l| l.name == name && matches!(l.kind, LocalKind::ArgCopy | LocalKind::Binding))
        .map(|l| l.ty.to_string())
}

/// The name the enum gives a field (before temporaries are named).
fn plan_name(field: &Field) -> String {
    if field.name == "self" { "__self".into() } else { field.name.clone() }
}

/// The names of the `for` loops' iterators: rustc calls each `iter`; when a state keeps two,
/// the enum names each after its loop's line (`iter_64`).
fn iterator_names(future: &FutureAnalysis) -> HashMap<u32, String> {
    let loops = |s: &State| -> Vec<u32> {
        s.fields
            .iter()
            .filter_map(|f| match f.reason {
                Reason::LoopIterator { line } if f.role != Role::Upvar => Some(line),
                _ => None,
            })
            .collect()
    };
    let clash = future.states.iter().any(|s| loops(s).len() > 1);
    let mut names = HashMap::new();
    for s in &future.states {
        for line in loops(s) {
            names.insert(line, if clash { format!("iter_{line}") } else { "iter".to_string() });
        }
    }
    names
}

/// The closures of a body by their position (`closure@54:16`): their parameters.
fn closures_in(body: &syn::Block, origin: Origin) -> HashMap<(u32, u32), Vec<String>> {
    struct Finder {
        origin: Origin,
        found: HashMap<(u32, u32), Vec<String>>,
    }
    impl<'ast> Visit<'ast> for Finder {
        fn visit_expr_closure(&mut self, c: &'ast syn::ExprClosure) {
            let types = c
                .inputs
                .iter()
                .map(|p| match p {
                    syn::Pat::Type(t) => token_text(&t.ty),
                    _ => "_".to_string(),
                })
                .collect();
            self.found.insert(self.origin.position(c), types);
            syn::visit::visit_expr_closure(self, c);
        }
    }
    let mut finder = Finder { origin, found: HashMap::new() };
    finder.visit_block(body);
    finder.found
}

/// For each drop flag local: whether its value is there at each suspend, by state number.
struct FlagPresence {
    /// (local, state) → presence.
    at: HashMap<(LocalId, u32), Presence>,
    /// Locals a field of which moves out (the rest stays to be dropped).
    part_moved: Vec<LocalId>,
}

fn flag_presence(body: &Body) -> FlagPresence {
    use crate::dataflow::forward;
    let n = body.locals.len();
    // May the value be there as a whole (assigned, nothing moved out since), and may it have
    // been moved out, in whole or in part (the payload of `Some(x)` moved counts as all of it).
    let whole = forward(body, n, |s, k, _| match k {
        StmtKind::Assign(l) => s.insert(l.index()),
        StmtKind::Move(l)
        | StmtKind::MovePart(l, _)
        | StmtKind::MoveVariantPart(l, _, _)
        | StmtKind::StorageDead(l) => s.remove(l.index()),
        _ => {}
    });
    let moved = forward(body, n, |s, k, _| match k {
        StmtKind::Move(l) | StmtKind::MovePart(l, _) | StmtKind::MoveVariantPart(l, _, _) => s.insert(l.index()),
        StmtKind::Assign(l) | StmtKind::StorageDead(l) => s.remove(l.index()),
        _ => {}
    });
    let mut at = HashMap::new();
    for (b, block) in body.blocks.iter().enumerate() {
        let Terminator::Await { suspend, .. } = block.terminator else { continue };
        let Some(state) = body.suspends.get(suspend.index()).and_then(|s| s.state) else { continue };
        let end = block.stmts.len();
        for i in 0..n {
            let presence = match (whole[b][end].contains(i), moved[b][end].contains(i)) {
                (true, false) => Presence::Whole,
                (false, _) => Presence::Moved,
                (true, true) => Presence::Maybe,
            };
            at.insert((LocalId(i as u32), state), presence);
        }
    }
    // A named value a field of which moves out: the rest is still to be dropped.
    let part_moved = body
        .blocks
        .iter()
        .flat_map(|b| &b.stmts)
        .filter_map(|s| match s.kind {
            StmtKind::MovePart(l, _) if !matches!(body.local(l).kind, LocalKind::Temp { .. }) => Some(l),
            _ => None,
        })
        .collect();
    FlagPresence { at, part_moved }
}

#[allow(clippy::too_many_arguments)]
fn state_fields(
    ctx: &Ctx,
    future: &FutureAnalysis,
    state: &State,
    generics: &[Generic],
    closures: &HashMap<(u32, u32), Vec<String>>,
    iter_names: &HashMap<u32, String>,
    flags: &FlagPresence,
    why: &mut Vec<(u32, Why)>,
) -> Vec<FieldPlan> {
    let body = &future.body;
    let suspend = match state.id {
        StateId::Suspend(k) => Some(k),
        _ => None,
    };
    let mut fields: Vec<FieldPlan> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for field in &state.fields {
        // An async fn's body moves its arguments into locals, which the states keep; an async
        // block or closure uses what it captures in place, in every state.
        if suspend.is_some() && field.role == Role::Upvar && future.kind == FutureKind::AsyncFn {
            continue;
        }
        if suspend.is_none() {
            // Unresumed: the arguments, written as `new`'s parameters.
            continue;
        }
        if field.role == Role::DropFlag {
            continue;
        }
        let kind = field.local.map(|l| &body.local(l).kind);
        let (name, rustc_name) = match (&field.role, kind) {
            (Role::Temporary, _) => {
                let n = field.name.strip_prefix(".coroutine_field").unwrap_or("");
                (format!("__temp{n}"), Some(field.name.clone()))
            }
            (_, Some(LocalKind::Iter)) => {
                let line = match field.reason {
                    Reason::LoopIterator { line } => line,
                    _ => 0,
                };
                let name = iter_names.get(&line).cloned().unwrap_or_else(|| "iter".into());
                let renamed = (name != field.name).then(|| field.name.clone());
                (name, renamed)
            }
            (Role::Upvar, _) => match field.name.strip_prefix("_ref__") {
                Some(name) => (name.to_string(), Some(field.name.clone())),
                None => (field.name.clone(), None),
            },
            _ if field.name == "_" => {
                // A `_` argument, kept as `__argN`.
                let i = body
                    .upvars
                    .iter()
                    .position(|u| u.name == "_" && u.origin == UpvarOrigin::Argument)
                    .unwrap_or_default();
                (format!("__arg{i}"), Some("_".into()))
            }
            _ => (plan_name(field), None),
        };
        if seen.contains(&name) {
            why.push((field.span.line, Why::Shadowed(field.name.clone())));
        }
        seen.push(name.clone());
        // The drop flag rustc keeps for this value here, and whether the value is there.
        let flag = state
            .fields
            .iter()
            .find(|f| {
                f.role == Role::DropFlag
                    && f.local.is_some_and(
                        |l| matches!(body.local(l).kind, LocalKind::DropFlag(of) if Some(of) == field.local),
                    )
            })
            .map(|f| f.name.clone());
        let presence = match (field.role.clone(), field.local, suspend) {
            (Role::Local | Role::Temporary, Some(local), Some(k)) => {
                flags.at.get(&(local, k)).copied().unwrap_or(Presence::Whole)
            }
            _ => Presence::Whole,
        };
        if presence != Presence::Whole && field.local.is_some_and(|l| flags.part_moved.contains(&l)) {
            why.push((field.span.line, Why::HiddenValue(field.name.clone())));
        }
        // A value moved away after a borrow is kept because of the borrow: the storage of a
        // borrowed local lives until its scope ends.
        let (mut reason, mut moved_at) = (field.reason.clone(), None);
        if presence == Presence::Moved
            && let (Some(local), Some(line)) = (field.local, state.await_site.as_ref().map(|a| a.span.line))
        {
            let touched: Vec<(u32, StmtKind)> = body
                .blocks
                .iter()
                .flat_map(|b| &b.stmts)
                .filter(|s| s.kind.local() == Some(local) && s.line <= line)
                .map(|s| (s.line, s.kind))
                .collect();
            let borrowed = touched.iter().filter(|(_, k)| matches!(k, StmtKind::Borrow(_))).map(|(l, _)| *l).min();
            moved_at = touched
                .iter()
                .filter(|(l, k)| matches!(k, StmtKind::Move(_)) && borrowed.is_none_or(|b| *l >= b))
                .map(|(l, _)| *l)
                .min();
            if let Some(borrowed) = borrowed {
                reason = Reason::Borrowed { line: borrowed, until: body.local(local).scope_end_line };
            }
        }
        let (ty, note) = if field.role == Role::Awaitee {
            (field.ty.to_string(), None)
        } else {
            match field_type(ctx, field, generics, closures) {
                Some(t) => t,
                None => {
                    why.push((field.span.line, Why::Type(field.ty.to_string())));
                    (field.ty.to_string(), None)
                }
            }
        };
        fields.push(FieldPlan {
            name,
            ty,
            reason,
            awaitee: None,
            boxed: None,
            presence,
            flag,
            rustc_name,
            note,
            local: field.local,
            moved_at,
        });
    }
    fields
}

fn token_text(t: &impl quote::ToTokens) -> String {
    t.to_token_stream().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn std_paths_have_the_keys_of_stds_model() {
        let types = std_types();
        for (key, adt) in &crate::stdlib::index().adts {
            let (path, _) = types.get(key).unwrap_or_else(|| panic!("no path for std's `{key}`"));
            assert!(path.ends_with(&format!("::{}", adt.name)), "{key}: {path}");
        }
        assert_eq!(types["Range"].0, "std::ops::Range");
        assert_eq!(types["slice::Iter"], ("std::slice::Iter".to_string(), 1));
        assert_eq!(types["MutexGuard"], ("std::sync::MutexGuard".to_string(), 1));
    }

    #[test]
    fn instance_names_spell_their_arguments() {
        assert_eq!(camel_type("u8"), "U8");
        assert_eq!(camel_type("[u64; 16]"), "U64Array16");
        assert_eq!(camel_type("&str"), "RefStr");
        assert_eq!(camel_type("Vec<String>"), "VecString");
    }
}
