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

/// Why an edge into `Returned` leaves the body before its end.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum EarlyExit {
    /// A `return` expression (or a `let ... else { return }`).
    Return,
    /// A `?` whose operand was `Err(_)` or `None`.
    Question,
}

impl EarlyExit {
    pub fn as_str(self) -> &'static str {
        match self {
            EarlyExit::Return => "return",
            EarlyExit::Question => "?",
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
    /// The branches that select this edge, in the order they are taken, in source terms: an
    /// `else` (written or not) is the negated condition, a `for` loop's end `ITER exhausted`.
    pub label: Option<String>,
    /// The one branch that decides this edge (the last fork before it parts from the other
    /// edges), in source terms: `if cell == 0`, `!(n > 0)`, `Err(_)`, `ids exhausted`.
    pub branch: Option<String>,
    /// The edge goes back to an earlier (or the same) state through a loop.
    pub back_edge: bool,
    /// The edge reaches `Returned` through a `return` or `?` rather than the body's end.
    pub early_exit: Option<EarlyExit>,
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
    let final_return = final_return(body);
    let mut edges: Vec<Transition> = Vec::new();
    for (from, start, kind) in origins {
        if let StateId::Suspend(_) = from {
            edges.push(Transition {
                from,
                to: from,
                kind: TransitionKind::Pending,
                lines: Vec::new(),
                label: None,
                branch: Some("Pending".into()),
                back_edge: true,
                early_exit: None,
            });
        }
        edges.extend(edges_from(body, from, start, kind, final_return));
        edges.push(Transition {
            from,
            to: StateId::Panicked,
            kind: TransitionKind::Panic,
            lines: Vec::new(),
            label: Some("unwind".into()),
            branch: Some("unwind".into()),
            back_edge: false,
            early_exit: None,
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

/// The `Return` block at the body's end: the one on the last line (lowering puts the body's own
/// end there; `return` and `?` come earlier).
fn final_return(body: &Body) -> Option<BlockId> {
    let returns = body.blocks.iter().enumerate().filter(|(_, b)| matches!(b.terminator, Terminator::Return));
    returns.max_by_key(|(i, b)| (b.line, *i)).map(|(i, _)| BlockId(i as u32))
}

/// Where a block's code leads without crossing an await.
fn exit_of(body: &Body, block: BlockId) -> Option<StateId> {
    match &body.block(block).terminator {
        Terminator::Await { suspend, .. } => body.suspends[suspend.index()].state.map(StateId::Suspend),
        Terminator::Return => Some(StateId::Returned),
        _ => None,
    }
}

/// The successors of a block inside one poll, with the index of the branch edge to each.
fn successors(body: &Body, block: BlockId) -> Vec<(BlockId, usize)> {
    match &body.block(block).terminator {
        Terminator::Goto(t) => vec![(*t, 0)],
        Terminator::Branch(edges) => edges.iter().enumerate().map(|(i, e)| (e.target, i)).collect(),
        Terminator::Await { .. } | Terminator::Return | Terminator::Diverge => Vec::new(),
    }
}

/// Whether a block forks: its edges lead to more than one block.
fn forks(body: &Body, block: BlockId) -> bool {
    let targets: BTreeSet<BlockId> = successors(body, block).into_iter().map(|(t, _)| t).collect();
    targets.len() > 1
}

/// The blocks one poll can run from a start block, not crossing awaits.
struct Region {
    /// Blocks in breadth-first order.
    order: Vec<BlockId>,
    /// The branches of the first path to each block, in source terms (as [`branch_text`]
    /// words them).
    labels: BTreeMap<BlockId, Vec<String>>,
    /// The predecessors of each block inside the region, with the edge index.
    preds: BTreeMap<BlockId, Vec<(BlockId, usize)>>,
}

impl Region {
    fn explore(body: &Body, start: BlockId) -> Region {
        let mut labels: BTreeMap<BlockId, Vec<String>> = BTreeMap::new();
        let mut preds: BTreeMap<BlockId, Vec<(BlockId, usize)>> = BTreeMap::new();
        let mut queue = VecDeque::from([start]);
        labels.insert(start, Vec::new());
        let mut order = Vec::new();
        while let Some(block) = queue.pop_front() {
            order.push(block);
            let here = labels.get(&block).cloned().unwrap_or_default();
            for (target, i) in successors(body, block) {
                preds.entry(target).or_default().push((block, i));
                if labels.contains_key(&target) {
                    continue;
                }
                let mut path = here.clone();
                path.extend(branch_text(body, block, i));
                labels.insert(target, path);
                queue.push_back(target);
            }
        }
        Region { order, labels, preds }
    }

    fn preds(&self, block: BlockId) -> &[(BlockId, usize)] {
        self.preds.get(&block).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The blocks from which `to` can be reached inside the region, `to` included.
    fn reaching(&self, to: BlockId) -> BTreeSet<BlockId> {
        let mut seen = BTreeSet::new();
        let mut stack = vec![to];
        while let Some(b) = stack.pop() {
            if seen.insert(b) {
                stack.extend(self.preds(b).iter().map(|(p, _)| *p));
            }
        }
        seen
    }

    /// The blocks reachable from `from` inside the region, `from` included.
    fn reachable(&self, body: &Body, from: BlockId) -> BTreeSet<BlockId> {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from];
        while let Some(b) = stack.pop() {
            if seen.insert(b) {
                stack.extend(successors(body, b).into_iter().map(|(t, _)| t));
            }
        }
        seen
    }
}

/// One way to an exit block: the fork edge that decides it, or `None` when every path from the
/// start leads there.
type Route = Option<(BlockId, usize)>;

/// The ways one poll reaches `exit`, each named by its deciding fork. Walking back from the
/// exit, the first fork met decides a route; a fork all of whose edges lead to the exit decides
/// nothing (an `if`/`else` whose arms join again), so the walk goes on past it.
fn routes_to(body: &Body, region: &Region, start: BlockId, exit: BlockId) -> BTreeSet<Route> {
    let mut routes: BTreeSet<Route> = BTreeSet::new();
    let mut walked: BTreeSet<BlockId> = BTreeSet::new();
    let mut stack = vec![exit];
    loop {
        while let Some(b) = stack.pop() {
            if !walked.insert(b) {
                continue;
            }
            if b == start {
                routes.insert(None);
            }
            for &(p, i) in region.preds(b) {
                if forks(body, p) {
                    routes.insert(Some((p, i)));
                } else {
                    stack.push(p);
                }
            }
        }
        let whole = routes.iter().flatten().map(|(p, _)| *p).find(|p| {
            let edges = successors(body, *p);
            edges.iter().all(|(_, i)| routes.contains(&Some((*p, *i))))
        });
        let Some(p) = whole else { break };
        routes.retain(|r| !matches!(r, Some((q, _)) if *q == p));
        stack.push(p);
    }
    routes
}

fn edges_from(
    body: &Body,
    from: StateId,
    start: BlockId,
    kind: TransitionKind,
    final_return: Option<BlockId>,
) -> Vec<Transition> {
    let region = Region::explore(body, start);
    let mut out = Vec::new();
    for &exit in &region.order {
        let Some(to) = exit_of(body, exit) else { continue };
        let early_exit = (to == StateId::Returned && Some(exit) != final_return).then_some(EarlyExit::Return);
        let before_exit = region.reaching(exit);
        for route in routes_to(body, &region, start, exit) {
            let (on_path, label, branch, early_exit) = match route {
                None => (before_exit.clone(), region.labels.get(&exit).cloned().unwrap_or_default(), None, early_exit),
                Some((p, i)) => {
                    let target = successors(body, p).get(i).map(|(t, _)| *t).unwrap_or(p);
                    let mut on_path: BTreeSet<BlockId> =
                        region.reachable(body, target).intersection(&before_exit).copied().collect();
                    on_path.extend(region.reaching(p));
                    let mut label = region.labels.get(&p).cloned().unwrap_or_default();
                    let edge_label = edge(body, p, i).and_then(|e| e.label.clone());
                    let branch = branch_text(body, p, i);
                    label.extend(branch.clone());
                    let branch = branch.or_else(|| label.last().cloned());
                    // A `?` is a fork on `Err(_)`/`None` whose arm returns on the `?`'s own line.
                    let question = matches!(edge_label.as_deref(), Some("Err(_)" | "None"))
                        && body.block(p).line == body.block(exit).line;
                    let early = early_exit.map(|e| if question { EarlyExit::Question } else { e });
                    (on_path, label, branch, early)
                }
            };
            let lines = lines_of(body, &on_path);
            let back_edge = match (from, to) {
                (StateId::Suspend(a), StateId::Suspend(b)) => b <= a,
                _ => false,
            };
            let label = if label.is_empty() { None } else { Some(label.join(", ")) };
            out.push(Transition { from, to, kind, lines, label, branch, back_edge, early_exit });
        }
    }
    out.sort_by(|a, b| {
        (a.to, a.early_exit, a.lines.first(), &a.branch).cmp(&(b.to, b.early_exit, b.lines.first(), &b.branch))
    });
    out
}

fn edge(body: &Body, block: BlockId, i: usize) -> Option<&crate::ir::Edge> {
    match &body.block(block).terminator {
        Terminator::Branch(edges) => edges.get(i),
        _ => None,
    }
}

/// The branch an edge takes, in source terms. An `else` names the condition it negates, and a
/// `for` loop's `None` says which iterator ran out.
fn branch_text(body: &Body, block: BlockId, i: usize) -> Option<String> {
    let Terminator::Branch(edges) = &body.block(block).terminator else { return None };
    let label = edges.get(i)?.label.clone()?;
    let sibling = |prefix: &str| {
        edges
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .find_map(|(_, e)| e.label.as_deref().and_then(|l| l.strip_prefix(prefix)).map(str::to_string))
    };
    if label == "else" {
        let cond = sibling("if ").or_else(|| sibling("while "));
        return Some(match cond {
            Some(cond) => match cond.strip_prefix("let ") {
                Some(pattern) => format!("not {pattern}"),
                None => negate(&cond),
            },
            None => label,
        });
    }
    if label == "None"
        && let Some(head) = sibling("for ")
        && let Some((_, iter)) = head.split_once(" in ")
    {
        return Some(format!("{iter} exhausted"));
    }
    Some(label)
}

/// `!cond`, with parentheses unless the condition is a single path, call or method chain.
fn negate(cond: &str) -> String {
    let simple = cond.chars().all(|c| c.is_alphanumeric() || "_.:()&".contains(c)) && !cond.starts_with('!');
    if simple { format!("!{cond}") } else { format!("!({cond})") }
}

/// The source lines a set of blocks runs.
fn lines_of(body: &Body, blocks: &BTreeSet<BlockId>) -> Vec<u32> {
    let mut lines: BTreeSet<u32> = BTreeSet::new();
    for b in blocks {
        let block = body.block(*b);
        lines.extend(block.stmts.iter().map(|s| s.line).filter(|l| *l > 0));
        if block.line > 0 && !matches!(block.terminator, Terminator::Goto(_)) {
            lines.insert(block.line);
        }
    }
    lines.into_iter().collect()
}
