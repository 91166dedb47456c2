//! The state graph: which states one `poll` can move between.
//!
//! In: a lowered [`Body`] with its awaits numbered. Out: [`Transition`]s: a first poll from
//! `Unresumed` to every await reachable without crossing another await (or straight to
//! `Returned`), the same from each `SuspendN` once its awaited future is ready (loops give
//! back-edges and self-edges), the `Pending` self-loop of every suspend state, and the unwind
//! into `Panicked`. Each edge knows the lines its code runs and the branch that selects it.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use petgraph::graph::{DiGraph, NodeIndex};

use crate::ir::{BlockId, Body, Terminator};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StateId {
    Unresumed,
    Suspend(u32),
    Returned,
    Panicked,
}

impl StateId {
    pub fn name(self) -> String {
        match self {
            StateId::Unresumed => "Unresumed".into(),
            StateId::Suspend(n) => format!("Suspend{n}"),
            StateId::Returned => "Returned".into(),
            StateId::Panicked => "Panicked".into(),
        }
    }

    /// The discriminant rustc gives the variant.
    pub fn discriminant(self) -> u32 {
        match self {
            StateId::Unresumed => 0,
            StateId::Returned => 1,
            StateId::Panicked => 2,
            StateId::Suspend(n) => 3 + n,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum TransitionKind {
    Start,
    Resume,
    Pending,
    Panic,
}

impl TransitionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            TransitionKind::Start => "start",
            TransitionKind::Resume => "resume",
            TransitionKind::Pending => "pending",
            TransitionKind::Panic => "panic",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transition {
    pub from: StateId,
    pub to: StateId,
    pub kind: TransitionKind,
    /// Source lines the edge's code runs, ascending.
    pub lines: Vec<u32>,
    /// The branches that select this edge, in the order they are taken.
    pub label: Option<String>,
    /// The edge goes back to an earlier (or the same) state through a loop.
    pub back_edge: bool,
}

/// The state graph of one future.
#[derive(Clone, Debug, Default)]
pub struct StateGraph {
    pub graph: DiGraph<StateId, Transition>,
    pub nodes: BTreeMap<StateId, NodeIndex>,
}

impl StateGraph {
    pub fn transitions(&self) -> impl Iterator<Item = &Transition> {
        self.graph.edge_weights()
    }

    pub fn states(&self) -> impl Iterator<Item = StateId> + '_ {
        self.nodes.keys().copied()
    }
}

/// Builds the state graph of a body.
pub fn build(body: &Body) -> StateGraph {
    let mut sg = StateGraph::default();
    let mut states = vec![StateId::Unresumed];
    let mut origins = vec![(StateId::Unresumed, Body::ENTRY, TransitionKind::Start)];
    for suspend in body.states() {
        let n = body.suspends[suspend.index()].state.unwrap_or(0);
        states.push(StateId::Suspend(n));
        if let Some(resume) = resume_block(body, suspend) {
            origins.push((StateId::Suspend(n), resume, TransitionKind::Resume));
        }
    }
    states.push(StateId::Returned);
    states.push(StateId::Panicked);
    for s in &states {
        let idx = sg.graph.add_node(*s);
        sg.nodes.insert(*s, idx);
    }
    let mut edges: Vec<Transition> = Vec::new();
    for (from, start, kind) in origins {
        if let StateId::Suspend(_) = from {
            edges.push(Transition {
                from,
                to: from,
                kind: TransitionKind::Pending,
                lines: Vec::new(),
                label: None,
                back_edge: true,
            });
        }
        edges.extend(edges_from(body, from, start, kind));
        edges.push(Transition {
            from,
            to: StateId::Panicked,
            kind: TransitionKind::Panic,
            lines: Vec::new(),
            label: Some("unwind".into()),
            back_edge: false,
        });
    }
    for edge in edges {
        let (a, b) = (sg.nodes[&edge.from], sg.nodes[&edge.to]);
        sg.graph.add_edge(a, b, edge);
    }
    sg
}

fn resume_block(body: &Body, suspend: crate::ir::SuspendId) -> Option<BlockId> {
    body.blocks.iter().find_map(|b| match b.terminator {
        Terminator::Await { suspend: s, resume } if s == suspend => Some(resume),
        _ => None,
    })
}

/// Where a block's code leads without crossing an await.
fn exit_of(body: &Body, block: BlockId) -> Option<StateId> {
    match &body.block(block).terminator {
        Terminator::Await { suspend, .. } => body.suspends[suspend.index()].state.map(StateId::Suspend),
        Terminator::Return => Some(StateId::Returned),
        _ => None,
    }
}

fn edges_from(body: &Body, from: StateId, start: BlockId, kind: TransitionKind) -> Vec<Transition> {
    // Breadth-first from the start block, not crossing awaits; the first path to a block gives
    // its branch labels.
    let mut labels: BTreeMap<BlockId, Vec<String>> = BTreeMap::new();
    let mut queue = VecDeque::from([start]);
    labels.insert(start, Vec::new());
    let mut order = Vec::new();
    while let Some(block) = queue.pop_front() {
        order.push(block);
        let here = labels[&block].clone();
        if let Terminator::Branch(edges) = &body.block(block).terminator {
            for edge in edges {
                if !labels.contains_key(&edge.target) {
                    let mut path = here.clone();
                    if let Some(l) = &edge.label {
                        path.push(l.clone());
                    }
                    labels.insert(edge.target, path);
                    queue.push_back(edge.target);
                }
            }
        } else if let Terminator::Goto(t) = body.block(block).terminator {
            if !labels.contains_key(&t) {
                labels.insert(t, here.clone());
                queue.push_back(t);
            }
        }
    }
    let reached: BTreeSet<BlockId> = order.iter().copied().collect();
    let mut targets: BTreeMap<StateId, BlockId> = BTreeMap::new();
    for &block in &order {
        if let Some(to) = exit_of(body, block) {
            targets.entry(to).or_insert(block);
        }
    }
    let mut out = Vec::new();
    for (to, first_block) in targets {
        // Lines of every reached block that can get to this target.
        let ends: Vec<BlockId> = order.iter().copied().filter(|b| exit_of(body, *b) == Some(to)).collect();
        let on_path = blocks_reaching(body, &reached, &ends);
        let mut lines: BTreeSet<u32> = BTreeSet::new();
        for b in &on_path {
            let block = body.block(*b);
            lines.extend(block.stmts.iter().map(|s| s.line).filter(|l| *l > 0));
            if block.line > 0 && !matches!(block.terminator, Terminator::Goto(_)) {
                lines.insert(block.line);
            }
        }
        let path = &labels[&first_block];
        let label = if path.is_empty() { None } else { Some(path.join(", ")) };
        let back_edge = match (from, to) {
            (StateId::Suspend(a), StateId::Suspend(b)) => b <= a,
            _ => false,
        };
        out.push(Transition { from, to, kind, lines: lines.into_iter().collect(), label, back_edge });
    }
    out
}

/// The blocks of `within` from which one of `ends` can be reached inside `within`.
fn blocks_reaching(body: &Body, within: &BTreeSet<BlockId>, ends: &[BlockId]) -> BTreeSet<BlockId> {
    let mut preds: BTreeMap<BlockId, Vec<BlockId>> = BTreeMap::new();
    for &b in within {
        if exit_of(body, b).is_some() {
            continue;
        }
        for s in body.successors(b) {
            if within.contains(&s) {
                preds.entry(s).or_default().push(b);
            }
        }
    }
    let mut seen: BTreeSet<BlockId> = BTreeSet::new();
    let mut stack: Vec<BlockId> = ends.to_vec();
    while let Some(b) = stack.pop() {
        if !seen.insert(b) {
            continue;
        }
        if let Some(ps) = preds.get(&b) {
            stack.extend(ps.iter().copied());
        }
    }
    seen
}
