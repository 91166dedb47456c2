//! Unboxed recursion, rustc's error E0733: the futures that contain themselves, and why.
//!
//! In: every future after layout (its fields' types, with any what-if boxing applied) and the
//! layout's verdict of which futures are infinitely big. Out: for each such future a
//! [`Recursion`]: the cycle it is on (`walk` awaits `walk`; `ping` awaits `pong`, which awaits
//! `ping`), or the path to the cycle it embeds, and each one's diagnostic (its words are in
//! `render/recursion.rs`): one rustc-style error per cycle, on the cycle's first future, with
//! the fix (`Box::pin(..)` on one await of the cycle), and a note on every other infinite
//! future.
//!
//! A future embeds another when one of its fields holds the other inline: an awaitee, a
//! variable or a capture, directly or inside an `Option`, a tuple, an array... but not behind a
//! pointer (`Box`, `Rc`, `Vec`...). Only edges between futures the layout found infinite are
//! followed, so a cycle reported here is one the layout met.
//!
//! The lowering types some calls by name alone (a method of a receiver whose type it does not
//! know, `other_crate::Type::f`), and such a guess can close a cycle that does not exist: in
//! real code that compiles it always is one. So a cycle is *certain*, reported as rustc's
//! error with an infinite size, only when each edge awaits a call whose target the source
//! settles: `f(..)` of a free fn, `Self::m(..)` or `Type::m(..)` of a type declared in the
//! file, or `x.m(..)` where `x` is `self` or a variable whose type is known to be that type.
//! Through any other edge, the size is reported unknown, with a note naming the guess.

use crate::ir::AwaitedCall;
use std::collections::{HashMap, VecDeque};

use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};

use crate::analysis::{Field, FutureAnalysis, Role};
use crate::diagnostics::Span;
use crate::graph::StateId;
use crate::ir::{FutureKind, LocalId};
use crate::items::FileIndex;
use crate::pointer::is_smart_pointer_name;
use crate::ty::Ty;

/// One edge of a cycle: `from` holds `to`'s future inline in `field`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    pub from: String,
    pub to: String,
    /// `__awaitee`, or the variable or capture that holds the future.
    pub field: String,
    /// The state that keeps the field: the await's state for an awaitee, `Unresumed` for a
    /// capture.
    pub state: StateId,
    /// The `await` keyword for an awaitee, else the field's declaration.
    pub span: Span,
    /// The awaited expression, for an awaitee.
    pub awaited: Option<String>,
    /// Whether the source settles that `field` holds `to`'s future (see the module docs).
    pub certain: bool,
}

/// Why a future is infinitely big.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Recursion {
    /// Whether every edge of the cycle (and of the path to it) is certain: the future is then
    /// infinitely big, as rustc would say; otherwise its size is unknown.
    pub certain: bool,
    /// Whether the future is on a cycle itself, rather than embedding a future that is.
    pub on_cycle: bool,
    /// A shortest cycle: from this future back to it when it is on one, else the cycle of the
    /// future `path` leads to. Empty when the cycle goes through types this stage does not
    /// follow.
    pub cycle: Vec<Step>,
    /// For a future off the cycle: how it reaches the cycle.
    pub path: Vec<Step>,
    /// The saved locals whose size is infinite.
    pub infinite_locals: Vec<LocalId>,
    /// The upvars whose size is infinite, by name.
    pub infinite_upvars: Vec<String>,
    /// Whether this future is the first of its cycle in the file's order: the one rustc's
    /// error is reported on (the others get a note).
    pub first_of_cycle: bool,
    /// A step of the cycle or the path to it whose target is under `#[async_recursion]` or
    /// `#[async_trait]`, whose expansion boxes the future (futurelens does not expand macros).
    pub macro_boxed: Option<Step>,
}

impl Recursion {
    /// Whether this field's size is infinite (for certain).
    pub fn holds_infinite(&self, field: &Field) -> bool {
        if !self.certain {
            return false;
        }
        match (field.role == Role::Upvar, field.local) {
            (true, _) => self.infinite_upvars.contains(&field.name),
            (false, Some(l)) => self.infinite_locals.contains(&l),
            (false, None) => false,
        }
    }
}

/// Fills in `recursion` and the diagnostics of every future the layout found infinite
/// (`infinite[i]` for `futures[i]`); `file` is the file's name, for the command the fix
/// suggests. The futures are in the file's order, and a key for which `elsewhere` holds names
/// a future not among them (one that is not infinite: a streamed analysis passes every
/// infinite future it has laid out).
pub fn explain(
    futures: &mut [FutureAnalysis],
    infinite: &[bool],
    elsewhere: &dyn Fn(&str) -> bool,
    index: &FileIndex,
    file: &str,
) {
    let n = futures.len();
    if !infinite.iter().any(|b| *b) {
        return;
    }
    let mut by_name: HashMap<String, usize> = HashMap::new();
    for (i, f) in futures.iter().enumerate() {
        let key = f.key();
        if !elsewhere(&key) {
            by_name.entry(key).or_insert(i);
        }
    }
    let is_infinite = |i: usize| infinite.get(i).copied().unwrap_or(false);
    let edges: Vec<Vec<(usize, Step)>> = (0..n)
        .map(|i| if is_infinite(i) { edges_of(futures, i, &by_name, &is_infinite, index) } else { Vec::new() })
        .collect();
    let certain_edges: Vec<Vec<(usize, Step)>> =
        edges.iter().map(|out| out.iter().filter(|(_, s)| s.certain).cloned().collect()).collect();
    // Certain cycles first, through certain edges only; then what is left, through any edge.
    let mut found: Vec<Option<Recursion>> = vec![None; n];
    let mut first_of_cycle = vec![false; n];
    for (graph, certain) in [(&certain_edges, true), (&edges, false)] {
        let (component, cyclic) = components(graph);
        for i in 0..n {
            if !cyclic[i] || found[i].is_some() {
                continue;
            }
            let cycle = shortest(graph, i, |v| v == i, |v| component[v] == component[i]).unwrap_or_default();
            found[i] = Some(Recursion { certain, on_cycle: true, cycle, ..Recursion::default() });
            first_of_cycle[i] = (0..i).all(|j| !(cyclic[j] && component[j] == component[i]));
        }
        for i in 0..n {
            if !is_infinite(i) || cyclic[i] || found[i].is_some() {
                continue;
            }
            let Some(path) = shortest(graph, i, |v| cyclic[v], is_infinite) else { continue };
            let cycle = path.last().and_then(|s| by_name.get(s.to.as_str())).and_then(|&j| found[j].as_ref());
            let cycle = cycle.map(|r| r.cycle.clone()).unwrap_or_default();
            found[i] = Some(Recursion { certain, on_cycle: false, cycle, path, ..Recursion::default() });
        }
    }
    for (i, recursion) in found.into_iter().enumerate() {
        if !is_infinite(i) {
            continue;
        }
        let mut recursion = recursion.unwrap_or_default();
        let (locals, upvars) = infinite_fields(&futures[i], &by_name, &is_infinite);
        recursion.infinite_locals = locals;
        recursion.infinite_upvars = upvars;
        recursion.first_of_cycle = first_of_cycle[i];
        recursion.macro_boxed = recursion
            .path
            .iter()
            .chain(&recursion.cycle)
            .find(|s| index.by_name.get(&s.to).is_some_and(|sig| sig.boxed_by_macro))
            .cloned();
        let diagnostic = crate::render::recursion::diagnostic(&futures[i], &recursion, file);
        futures[i].diagnostics.push(diagnostic);
        futures[i].recursion = Some(recursion);
    }
}

/// The futures of the file a type holds inline, by name.
fn inline_futures(ty: &Ty, out: &mut Vec<String>) {
    /// std types other than the smart pointers that hold their arguments behind a pointer, or
    /// not at all.
    const INDIRECT: &[&str] = &[
        "Weak",
        "Vec",
        "VecDeque",
        "LinkedList",
        "BinaryHeap",
        "HashMap",
        "HashSet",
        "BTreeMap",
        "BTreeSet",
        "NonNull",
        "Unique",
        "PhantomData",
        "JoinHandle",
    ];
    match ty {
        Ty::AsyncFnFuture { .. } | Ty::BlockFuture { .. } => out.extend(ty.future_key()),
        Ty::Array(inner, _) => inline_futures(inner, out),
        Ty::Tuple(items) => items.iter().for_each(|t| inline_futures(t, out)),
        Ty::Closure { captures, .. } => captures.iter().for_each(|t| inline_futures(t, out)),
        Ty::Adt { name, args } if !is_smart_pointer_name(name) && !INDIRECT.contains(&name.as_str()) => {
            args.iter().for_each(|t| inline_futures(t, out))
        }
        _ => {}
    }
}

/// The fields of a future that hold an infinite future inline, in the order a reader meets
/// them: captures (in `Unresumed`), then each suspend state's awaitee, then its other fields.
fn holders(f: &FutureAnalysis) -> Vec<(StateId, &Field, Span)> {
    let mut out = Vec::new();
    if let Some(unresumed) = f.states.first() {
        out.extend(unresumed.fields.iter().map(|x| (unresumed.id, x, x.span)));
    }
    for awaitees_first in [true, false] {
        for state in f.suspend_states() {
            let at = state.await_site.as_ref().map(|a| a.span);
            for field in state.fields.iter().filter(|x| x.role != Role::Upvar) {
                if (field.role == Role::Awaitee) == awaitees_first {
                    let span = if field.role == Role::Awaitee { at.unwrap_or(field.span) } else { field.span };
                    out.push((state.id, field, span));
                }
            }
        }
    }
    out
}

/// The edges from one future to the infinite futures it holds inline: one per target, a
/// certain one when there is one.
fn edges_of(
    futures: &[FutureAnalysis],
    i: usize,
    by_name: &HashMap<String, usize>,
    infinite: &dyn Fn(usize) -> bool,
    index: &FileIndex,
) -> Vec<(usize, Step)> {
    let f = &futures[i];
    let mut edges: Vec<(usize, Step)> = Vec::new();
    for (state, field, span) in holders(f) {
        let mut names = Vec::new();
        inline_futures(&field.ty, &mut names);
        for name in names {
            let Some(&j) = by_name.get(name.as_str()) else { continue };
            let known = edges.iter().position(|(k, _)| *k == j);
            if !infinite(j) || known.is_some_and(|k| edges[k].1.certain) {
                continue;
            }
            let site =
                (field.role == Role::Awaitee).then(|| f.state(state).and_then(|s| s.await_site.as_ref())).flatten();
            let awaited = site.map(|a| a.expr.clone());
            let certain = site.is_some_and(|a| settled_call(f, &a.call, &futures[j], index));
            let step = Step { from: f.key(), to: name, field: field.name.clone(), state, span, awaited, certain };
            match known {
                Some(k) if certain => edges[k] = (j, step),
                Some(_) => {}
                None => edges.push((j, step)),
            }
        }
    }
    edges
}

/// Whether `call`, awaited in `from`, is a call whose target the source settles to be `to`:
/// see the module docs.
fn settled_call(from: &FutureAnalysis, call: &AwaitedCall, to: &FutureAnalysis, index: &FileIndex) -> bool {
    if index.by_name.get(&to.name).is_some_and(|sig| sig.boxed_by_macro) {
        return false;
    }
    let method = to.name.rsplit("::").next().unwrap_or("");
    // A method of a type the file declares: no other crate's inherent method can win.
    let declared_owner = owner(&to.name).filter(|o| index.adt(o).is_some());
    match call {
        AwaitedCall::Free(f) => f == method && to.kind == FutureKind::AsyncFn,
        AwaitedCall::Assoc { ty, method: m } => {
            let ty = if ty == "Self" { owner(&from.name).unwrap_or_default() } else { ty.clone() };
            m == method && declared_owner.is_some_and(|o| o == ty)
        }
        AwaitedCall::Method { receiver, method: m } => {
            m == method && declared_owner.is_some_and(|o| receiver_is(from, receiver, &o))
        }
        AwaitedCall::Other => false,
    }
}

/// The type a method belongs to, from its futurelens name: `Type::m`, `module::Type::m` or
/// `<Type as Trait>::m` give `Type`.
fn owner(name: &str) -> Option<String> {
    if let Some(at) = name.find(" as ") {
        let before = &name[..at];
        let after_angle = before.split_once('<').map(|(_, t)| t)?;
        return after_angle.split('<').next().map(str::to_string);
    }
    let mut parts = name.rsplit("::");
    parts.next()?;
    parts.next().map(str::to_string)
}

/// Whether every variable or argument of `f` named `name` has a type known to be `owner` (or
/// a reference to it).
fn receiver_is(f: &FutureAnalysis, name: &str, owner: &str) -> bool {
    let upvars = f.body.upvars.iter().filter(|u| u.name == name).map(|u| &u.ty);
    let locals = f.body.locals.iter().filter(|l| l.name == name).map(|l| &l.ty);
    let tys: Vec<&Ty> = upvars.chain(locals).collect();
    !tys.is_empty() && tys.iter().all(|t| matches!(t.peel_refs(), Ty::Adt { name, .. } if name == owner))
}

/// The strongly connected component of every future, and whether it lies on a cycle.
fn components(edges: &[Vec<(usize, Step)>]) -> (Vec<usize>, Vec<bool>) {
    let mut graph: DiGraph<(), ()> = DiGraph::new();
    let nodes: Vec<NodeIndex> = edges.iter().map(|_| graph.add_node(())).collect();
    for (i, out) in edges.iter().enumerate() {
        for (j, _) in out {
            graph.add_edge(nodes[i], nodes[*j], ());
        }
    }
    let mut component = vec![0; edges.len()];
    let mut cyclic = vec![false; edges.len()];
    for (c, scc) in tarjan_scc(&graph).into_iter().enumerate() {
        let on_cycle =
            scc.len() > 1 || scc.first().is_some_and(|n| edges[n.index()].iter().any(|(j, _)| *j == n.index()));
        for node in scc {
            component[node.index()] = c;
            cyclic[node.index()] = on_cycle;
        }
    }
    (component, cyclic)
}

/// A shortest path of at least one edge from `from` to a future that satisfies `goal`, through
/// futures that satisfy `allowed` (breadth first; ties go to the first edge).
fn shortest(
    edges: &[Vec<(usize, Step)>],
    from: usize,
    goal: impl Fn(usize) -> bool,
    allowed: impl Fn(usize) -> bool,
) -> Option<Vec<Step>> {
    let mut previous: Vec<Option<(usize, usize)>> = vec![None; edges.len()];
    let mut seen = vec![false; edges.len()];
    let mut queue = VecDeque::from([from]);
    while let Some(u) = queue.pop_front() {
        for (k, (v, _)) in edges[u].iter().enumerate() {
            let v = *v;
            if goal(v) {
                let mut path = vec![edges[u][k].1.clone()];
                let mut at = u;
                while at != from {
                    let (p, e) = previous[at]?;
                    path.push(edges[p][e].1.clone());
                    at = p;
                }
                path.reverse();
                return Some(path);
            }
            if !seen[v] && v != from && allowed(v) {
                seen[v] = true;
                previous[v] = Some((u, k));
                queue.push_back(v);
            }
        }
    }
    None
}

/// The saved locals and upvars of a future that hold an infinite future.
fn infinite_fields(
    f: &FutureAnalysis,
    by_name: &HashMap<String, usize>,
    infinite: &dyn Fn(usize) -> bool,
) -> (Vec<LocalId>, Vec<String>) {
    let (mut locals, mut upvars) = (Vec::new(), Vec::new());
    for field in f.states.iter().flat_map(|s| &s.fields) {
        let mut names = Vec::new();
        inline_futures(&field.ty, &mut names);
        if !names.iter().any(|n| by_name.get(n.as_str()).is_some_and(|&j| infinite(j))) {
            continue;
        }
        match field.local {
            Some(l) if !locals.contains(&l) => locals.push(l),
            None if field.role == Role::Upvar && !upvars.contains(&field.name) => upvars.push(field.name.clone()),
            _ => {}
        }
    }
    (locals, upvars)
}
