//! Who makes a future big: the chain from a future down to the value that dominates its size.
//!
//! In: an analysed file (with layouts). Out: for one future, a [`Chain`]: the dominant field
//! of its largest state and, when that field holds another future of the file (an awaitee, or
//! a future kept in a variable), the dominant field of that future's largest state, and so on
//! down to a plain value or a future whose size is not known. For a whole file, the futures
//! ranked by size ([`rank`]), and those that are infinitely big.
//!
//! ```text
//! handle 16 448 B ← Suspend1 awaits parse (16 432 B), line 26 ← Suspend0 keeps buf: [u8; 16384] (16 384 B), line 17
//! ```

use crate::analysis::{Analysis, Field, FutureAnalysis, Role, State};
use crate::graph::StateId;
use crate::ir::LocalKind;
use crate::liveness::Reason;
use crate::recursion::Step;
use crate::ty::Ty;

/// One step down the chain: the biggest field of a future's largest state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    /// The future whose state this is.
    pub future: String,
    pub state: StateId,
    pub state_size: Option<u64>,
    pub field: String,
    pub role: Role,
    pub ty: String,
    pub size: Option<u64>,
    /// The await's line for an awaitee, else the line that declares the field; 0 when no
    /// source is at hand (a dependency's future, known from rustc's layout only).
    pub line: u32,
    /// The file of `line` when it is not the file of the chain's first future.
    pub file: Option<String>,
    /// The awaited expression, for an awaitee.
    pub awaited: Option<String>,
    /// The future of the file the field holds inline, which the next link looks into.
    pub callee: Option<String>,
    /// A temporary: the expression that produced it.
    pub temporary_of: Option<String>,
    /// An argument kept both as the upvar and as the body's copy (rust-lang/rust#62958).
    pub twice: bool,
    /// An upvar that is a captured variable rather than an argument.
    pub captured: bool,
}

/// Why a future is as big as it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chain {
    pub future: String,
    pub size: u64,
    pub links: Vec<Link>,
}

/// How far the chain follows futures into futures.
const MAX_LINKS: usize = 32;

/// Computes every future's chain again from the layouts it has now: after rustc's numbers
/// replaced the estimate (`layout::compare::attach`).
pub fn rechain(analysis: &mut Analysis) {
    // A key names the first future with it.
    let mut hops: std::collections::HashMap<String, Hop> = std::collections::HashMap::new();
    for f in &analysis.futures {
        hops.entry(f.key()).or_insert_with(|| Hop::of(f));
    }
    let find = |key: &str| hops.get(key).cloned();
    for future in &mut analysis.futures {
        future.chain = chain_through(future, find);
    }
}

/// What the chain needs of a future it goes through: its name, whether it has a layout, and
/// the biggest field of its largest state. A streamed analysis keeps this much of each future
/// it has handed out.
#[derive(Clone, Debug)]
pub struct Hop {
    pub name: String,
    pub sized: bool,
    pub link: Option<Link>,
}

impl Hop {
    pub fn of(f: &FutureAnalysis) -> Hop {
        Hop { name: f.name.clone(), sized: f.layout.is_some(), link: dominant(f) }
    }
}

/// The chain of a future with a layout (`None` without one), finding the futures it goes
/// through (by key) with `find`. The stream runs it as each future is laid out, into
/// [`FutureAnalysis::chain`].
pub fn chain_through(future: &FutureAnalysis, find: impl Fn(&str) -> Option<Hop>) -> Option<Chain> {
    let size = future.layout.as_ref()?.size;
    let mut links = Vec::new();
    let mut seen = vec![future.name.clone()];
    let mut current = dominant(future);
    while links.len() < MAX_LINKS {
        let Some(link) = current else { break };
        let next = link.callee.as_deref().and_then(&find);
        links.push(link);
        match next {
            Some(next) if next.sized && !seen.contains(&next.name) => {
                seen.push(next.name);
                current = next.link;
            }
            _ => break,
        }
    }
    Some(Chain { future: future.name.clone(), size, links })
}

/// The biggest field of the largest state (the first on a tie, in rustc's state order).
fn dominant(f: &FutureAnalysis) -> Option<Link> {
    let state = largest_state(f)?;
    let mut best: Option<&Field> = None;
    for field in &state.fields {
        if field.size.unwrap_or(0) > best.and_then(|b| b.size).unwrap_or(0) {
            best = Some(field);
        }
    }
    let field = best?;
    let awaited = match field.role {
        Role::Awaitee => state.await_site.as_ref().map(|a| a.expr.clone()),
        _ => None,
    };
    let line = match (&awaited, &state.await_site) {
        (Some(_), Some(site)) => site.span.line,
        _ => field.span.line,
    };
    let callee = match &field.ty {
        Ty::AsyncFnFuture { .. } | Ty::BlockFuture { .. } => field.ty.future_key(),
        _ => None,
    };
    let temporary_of = match (&field.reason, field.local.map(|l| &f.body.local(l).kind)) {
        (Reason::TemporaryInExpression { expr, .. }, _) => Some(expr.clone()),
        (_, Some(LocalKind::Temp { expr } | LocalKind::TryBranch { expr })) => Some(expr.clone()),
        _ => None,
    };
    // An argument's upvar and the body's copy of it tie; either is the argument kept twice.
    let is_copy = |x: &Field| x.arg_copy;
    let twice = match field.role {
        Role::Local => is_copy(field) && state.fields.iter().any(|u| u.role == Role::Upvar && u.name == field.name),
        Role::Upvar => state.fields.iter().any(|x| x.role == Role::Local && x.name == field.name && is_copy(x)),
        _ => false,
    };
    Some(Link {
        future: f.name.clone(),
        state: state.id,
        state_size: state.size,
        field: field.name.clone(),
        role: field.role.clone(),
        ty: field.ty.to_string(),
        size: field.size,
        line,
        file: None,
        awaited,
        callee,
        temporary_of,
        twice,
        captured: field.reason == Reason::Captured,
    })
}

/// The state whose fields take the most bytes (the first on a tie). Not the biggest printed
/// size: rustc prints a state's size up to its last field, and a field all states share is
/// often placed after the overlapping ones, so a state with one small argument can print
/// nearly the whole future's size.
fn largest_state(f: &FutureAnalysis) -> Option<&State> {
    let bytes = |s: &State| s.fields.iter().filter_map(|x| x.size).sum::<u64>();
    let mut best: Option<(&State, u64)> = None;
    for state in &f.states {
        if state.size.is_none() {
            continue;
        }
        let n = bytes(state);
        if best.is_none_or(|(_, b)| n > b) {
            best = Some((state, n));
        }
    }
    best.map(|(s, _)| s).or_else(|| f.states.first())
}

/// A future of a file with its size and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ranked {
    pub file: String,
    pub name: String,
    pub line: u32,
    pub size: u64,
    pub chain: Chain,
}

/// A future of a file that is infinitely big.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Infinite {
    pub file: String,
    pub name: String,
    pub line: u32,
    pub on_cycle: bool,
    pub cycle: Vec<Step>,
}

/// What [`rank`] finds in one file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileRanking {
    pub sized: Vec<Ranked>,
    pub infinite: Vec<Infinite>,
    /// Futures whose size is not known (unknown types, generic bodies).
    pub unknown: usize,
}

/// Every future of a file with a size, with its chain; the infinite ones apart.
pub fn rank(analysis: &Analysis) -> FileRanking {
    let mut out = FileRanking::default();
    for f in &analysis.futures {
        match (f.chain.clone(), &f.recursion) {
            (Some(chain), _) => out.sized.push(Ranked {
                file: analysis.file.clone(),
                name: f.name.clone(),
                line: f.span.line,
                size: chain.size,
                chain,
            }),
            (None, Some(r)) if r.certain => out.infinite.push(Infinite {
                file: analysis.file.clone(),
                name: f.name.clone(),
                line: f.span.line,
                on_cycle: r.on_cycle,
                cycle: r.cycle.clone(),
            }),
            (None, _) => out.unknown += 1,
        }
    }
    out
}

/// Puts the biggest first (then by file, line and name) and keeps those of at least
/// `threshold` bytes, at most `limit` of them.
pub fn top(mut all: Vec<Ranked>, threshold: u64, limit: usize) -> Vec<Ranked> {
    all.retain(|r| r.size >= threshold);
    all.sort_by(|a, b| b.size.cmp(&a.size).then_with(|| (&a.file, a.line, &a.name).cmp(&(&b.file, b.line, &b.name))));
    all.truncate(limit);
    all
}
