//! Which locals each suspended state keeps, by rustc's rule, and why.
//!
//! In: a lowered [`Body`] with the drop flags `drops::elaborate` added; the body is only read.
//! Out: [`SavedSets`]: for every `SuspendN`, the locals stored in that variant, each with a
//! [`Reason`].
//!
//! The rule is the one in rustc's `locals_live_across_suspend_points`: a local is saved at an
//! await iff it is (live OR borrowed) AND requires storage there.
//! - *live*: some path from the await reads, moves, borrows or drops it before overwriting it
//!   (a drop counts only if the value may still be initialised there; the drop path of the
//!   suspended future counts too, so a value that needs drop and is in scope is live);
//! - *borrowed*: it was borrowed on some path before the await and its scope has not ended
//!   (async bodies are immovable, so a borrow may outlive any use of the reference);
//! - *requires storage*: assigned or borrowed, and neither out of scope nor moved out without
//!   having been borrowed.
//!
//! A drop flag is saved at every await between the point that sets it and one that may read it
//! (a drop of its value, or a point that can unwind into that drop).

use crate::dataflow::{BitSet, forward, maybe_init};
use crate::drops::{flag_states, unwinds};
use crate::ir::{Body, LocalId, LocalKind, StmtKind, SuspendId, Terminator};

/// Why a value is stored in a suspended state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// Read, moved or borrowed after the await, first at `line`.
    UsedLater {
        line: u32,
    },
    /// Needs drop and is still initialised; dropped when its scope ends at `line`.
    DroppedAtScopeEnd {
        line: u32,
    },
    /// Borrowed at `line` and still in scope until `until`.
    Borrowed {
        line: u32,
        until: u32,
    },
    /// The future being awaited.
    AwaitedFuture {
        line: u32,
    },
    /// rustc's `iter` of the enclosing `for` loop.
    LoopIterator {
        line: u32,
    },
    /// A temporary of `expr`, still needed after the await.
    TemporaryInExpression {
        expr: String,
        line: u32,
    },
    /// Whether `of` (a local's name, or a temporary's expression) still needs dropping is
    /// only known at run time.
    DropFlag {
        of: String,
        temporary: bool,
        line: u32,
    },
    /// An argument or a captured variable, stored in every state.
    Argument,
    Captured,
    /// Stored by rustc, which `--rustc` showed, where the estimate predicted nothing.
    OnlyRustc,
}

#[derive(Clone, Debug)]
pub struct SavedLocal {
    pub local: LocalId,
    pub reason: Reason,
}

/// The locals saved at each suspend point, indexed by `SuspendId`.
#[derive(Clone, Debug, Default)]
pub struct SavedSets {
    pub saved: Vec<Vec<SavedLocal>>,
    /// Pairs of saved locals (lower id first) whose storage is needed at the same time, so
    /// they cannot share bytes (rustc's `storage_conflicts`). Drop flags conflict with all.
    pub conflicts: std::collections::BTreeSet<(LocalId, LocalId)>,
}

/// The saved locals of every suspend point, drop flags included.
pub fn compute(body: &Body) -> SavedSets {
    let n = body.locals.len();
    let init = maybe_init(body, n);
    let borrowed = forward(body, n, |s, k, _| match k {
        StmtKind::Borrow(l) => s.insert(l.index()),
        StmtKind::StorageDead(l) => s.remove(l.index()),
        _ => {}
    });
    // Requires-storage needs the borrowed state at each move, so it runs its own walk.
    let requires = requires_storage(body, n, &borrowed);
    // Whether a drop may find a part that needs drop still in place.
    let present = forward(body, n, |s, k, _| match k {
        StmtKind::Assign(l) => s.insert(l.index()),
        StmtKind::Move(l) | StmtKind::PartsGone(l) | StmtKind::Drop(l) | StmtKind::StorageDead(l) => {
            s.remove(l.index())
        }
        _ => {}
    });
    let mut flagged = vec![false; n];
    for l in &body.locals {
        if let LocalKind::DropFlag(of) = l.kind {
            flagged[of.index()] = true;
        }
    }
    // A drop reads the value where it may be there: not once every part that needs drop has
    // moved out, unless a drop flag decides at run time.
    let drop_reads = |l: LocalId, b: usize, s: usize| {
        body.local(l).drop.needs_drop()
            && init[b][s].contains(l.index())
            && (present[b][s].contains(l.index()) || flagged[l.index()])
    };
    let live_in = liveness(body, n, &drop_reads);

    let mut saved = vec![Vec::new(); body.suspends.len()];
    for (b, block) in body.blocks.iter().enumerate() {
        let Terminator::Await { suspend, resume } = block.terminator else { continue };
        if body.suspends[suspend.index()].state.is_none() {
            continue;
        }
        let end = block.stmts.len();
        let mut live = live_in[resume.index()].clone();
        for &l in &body.suspends[suspend.index()].in_scope {
            if drop_reads(l, b, end) {
                live.insert(l.index());
            }
        }
        let borrowed_here = &borrowed[b][end];
        let requires_here = &requires[b][end];
        let mut list = Vec::new();
        for i in 0..n {
            let local = LocalId(i as u32);
            // A flag is saved where it is live (below); a capture's stand-in is the upvar.
            if matches!(body.local(local).kind, LocalKind::DropFlag(_) | LocalKind::Capture) {
                continue;
            }
            if (live.contains(i) || borrowed_here.contains(i)) && requires_here.contains(i) {
                let reason = reason_for(body, local, suspend, resume, borrowed_here.contains(i));
                list.push(SavedLocal { local, reason });
            }
        }
        saved[suspend.index()] = list;
    }
    add_flag_saves(body, &mut saved);
    let conflicts = storage_conflicts(body, &requires, &saved);
    SavedSets { saved, conflicts }
}

fn requires_storage(body: &Body, n: usize, borrowed: &[Vec<BitSet>]) -> Vec<Vec<BitSet>> {
    let blocks = body.blocks.len();
    let mut entry: Vec<BitSet> = vec![BitSet::new(n); blocks];
    let step = |state: &mut BitSet, b: usize, i: usize| {
        let kind = body.blocks[b].stmts[i].kind;
        match kind {
            StmtKind::Assign(l) | StmtKind::Borrow(l) | StmtKind::Mutate(l) => state.insert(l.index()),
            StmtKind::StorageDead(l) => state.remove(l.index()),
            StmtKind::Move(l) if !borrowed[b][i].contains(l.index()) => state.remove(l.index()),
            _ => {}
        }
    };
    loop {
        let mut changed = false;
        for b in 0..blocks {
            let mut state = entry[b].clone();
            for i in 0..body.blocks[b].stmts.len() {
                step(&mut state, b, i);
            }
            for succ in body.successors(crate::ir::BlockId(b as u32)) {
                changed |= entry[succ.index()].union(&state);
            }
        }
        if !changed {
            break;
        }
    }
    (0..blocks)
        .map(|b| {
            let mut states = vec![entry[b].clone()];
            let mut state = entry[b].clone();
            for i in 0..body.blocks[b].stmts.len() {
                step(&mut state, b, i);
                states.push(state.clone());
            }
            states
        })
        .collect()
}

/// Pairs of saved locals that require storage at the same program point. The check is made
/// after each statement's early effect, so the source and destination of one assignment
/// conflict (rustc issue #73137).
fn storage_conflicts(
    body: &Body,
    requires: &[Vec<BitSet>],
    saved: &[Vec<SavedLocal>],
) -> std::collections::BTreeSet<(LocalId, LocalId)> {
    let mut all: Vec<LocalId> = saved.iter().flatten().map(|s| s.local).collect();
    all.sort();
    all.dedup();
    let mut conflicts = std::collections::BTreeSet::new();
    let reachable = crate::lower::reachable_blocks(body);
    // For each saved local, the program points where it requires storage; two locals conflict
    // when their sets meet. (Pairs per point would cost points × locals², too much for
    // expressions that keep hundreds of temporaries.)
    let points: usize = body.blocks.iter().map(|b| b.stmts.len() + 1).sum();
    let mut occupied: Vec<BitSet> = vec![BitSet::new(points); all.len()];
    let mut point = 0;
    for (b, block) in body.blocks.iter().enumerate() {
        for (i, requires_here) in requires[b].iter().enumerate() {
            if reachable[b] {
                for (k, l) in all.iter().enumerate() {
                    if requires_here.contains(l.index()) {
                        occupied[k].insert(point);
                    }
                }
                if let Some(stmt) = block.stmts.get(i)
                    && let StmtKind::Assign(l) | StmtKind::Borrow(l) | StmtKind::Mutate(l) = stmt.kind
                    && let Ok(k) = all.binary_search(&l)
                {
                    occupied[k].insert(point);
                    // `w = move work` (or an aggregate of moved operands) is one statement in
                    // MIR: the operands it moves out still require storage at its early effect.
                    if let StmtKind::Assign(_) = stmt.kind {
                        for prev in block.stmts[..i].iter().rev() {
                            let (StmtKind::Move(m) | StmtKind::MovePart(m, _)) = prev.kind else { break };
                            if let Ok(j) = all.binary_search(&m) {
                                occupied[j].insert(point);
                            }
                        }
                    }
                }
            }
            point += 1;
        }
    }
    for a in 0..all.len() {
        for c in a + 1..all.len() {
            if occupied[a].intersects(&occupied[c]) {
                conflicts.insert((all[a], all[c]));
            }
        }
    }
    for &flag in all.iter().filter(|l| matches!(body.local(**l).kind, LocalKind::DropFlag(_))) {
        for &other in &all {
            if other != flag {
                conflicts.insert((flag.min(other), flag.max(other)));
            }
        }
    }
    conflicts
}

/// Backward liveness; returns the live-in set of each block.
fn liveness(body: &Body, n: usize, drop_reads: &dyn Fn(LocalId, usize, usize) -> bool) -> Vec<BitSet> {
    let blocks = body.blocks.len();
    let mut live_in = vec![BitSet::new(n); blocks];
    loop {
        let mut changed = false;
        for b in (0..blocks).rev() {
            let mut state = BitSet::new(n);
            for succ in body.successors(crate::ir::BlockId(b as u32)) {
                state.union(&live_in[succ.index()]);
            }
            if let Terminator::Await { suspend, .. } = body.blocks[b].terminator {
                // The drop path of a suspended future drops what is in scope.
                let end = body.blocks[b].stmts.len();
                for &l in &body.suspends[suspend.index()].in_scope {
                    if drop_reads(l, b, end) {
                        state.insert(l.index());
                    }
                }
            }
            for (i, stmt) in body.blocks[b].stmts.iter().enumerate().rev() {
                match stmt.kind {
                    StmtKind::Assign(l) | StmtKind::StorageDead(l) => state.remove(l.index()),
                    StmtKind::Read(l)
                    | StmtKind::Move(l)
                    | StmtKind::MovePart(l, _)
                    | StmtKind::MoveVariantPart(l, _, _)
                    | StmtKind::Borrow(l)
                    | StmtKind::Mutate(l) => state.insert(l.index()),
                    StmtKind::Drop(l) => {
                        if drop_reads(l, b, i) {
                            state.insert(l.index());
                        }
                    }
                    StmtKind::Call
                    | StmtKind::Variant(..)
                    | StmtKind::NotVariant(..)
                    | StmtKind::PartsGone(_)
                    | StmtKind::MoveLeaf(..) => {}
                }
            }
            if live_in[b] != state {
                live_in[b] = state;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    live_in
}

/// The first line after the await where the local is read, moved or borrowed again.
fn first_use_after(body: &Body, local: LocalId, resume: crate::ir::BlockId) -> Option<u32> {
    let mut seen = vec![false; body.blocks.len()];
    let mut stack = vec![resume];
    let mut best: Option<(usize, usize, u32)> = None;
    while let Some(b) = stack.pop() {
        if std::mem::replace(&mut seen[b.index()], true) {
            continue;
        }
        let mut stopped = false;
        for (i, stmt) in body.block(b).stmts.iter().enumerate() {
            match stmt.kind {
                StmtKind::Read(l)
                | StmtKind::Move(l)
                | StmtKind::MovePart(l, _)
                | StmtKind::MoveVariantPart(l, _, _)
                | StmtKind::Borrow(l)
                | StmtKind::Mutate(l)
                    if l == local =>
                {
                    let candidate = (b.index(), i, stmt.line);
                    if best.is_none_or(|cur| (candidate.0, candidate.1) < (cur.0, cur.1)) {
                        best = Some(candidate);
                    }
                    stopped = true;
                    break;
                }
                StmtKind::Assign(l) | StmtKind::StorageDead(l) | StmtKind::Drop(l) if l == local => {
                    stopped = true;
                    break;
                }
                _ => {}
            }
        }
        if !stopped {
            stack.extend(body.successors(b));
        }
    }
    best.map(|(_, _, line)| line)
}

fn last_borrow_line(body: &Body, local: LocalId, before_block: usize) -> Option<u32> {
    body.blocks[..=before_block.min(body.blocks.len().saturating_sub(1))]
        .iter()
        .flat_map(|b| b.stmts.iter())
        .filter(|s| s.kind == StmtKind::Borrow(local))
        .map(|s| s.line)
        .next_back()
}

fn reason_for(body: &Body, local: LocalId, suspend: SuspendId, resume: crate::ir::BlockId, borrowed: bool) -> Reason {
    let l = body.local(local);
    let await_line = body.suspends[suspend.index()].span.line;
    match &l.kind {
        LocalKind::Awaitee(_) => return Reason::AwaitedFuture { line: await_line },
        LocalKind::Iter => return Reason::LoopIterator { line: l.span.line },
        LocalKind::Temp { expr } | LocalKind::TryBranch { expr } => {
            return Reason::TemporaryInExpression { expr: expr.clone(), line: l.span.line };
        }
        LocalKind::DropFlag(of) => return flag_reason(body, *of),
        LocalKind::ArgCopy | LocalKind::Binding | LocalKind::Capture => {}
    }
    if let Some(line) = first_use_after(body, local, resume) {
        return Reason::UsedLater { line };
    }
    if l.drop.needs_drop() {
        return Reason::DroppedAtScopeEnd { line: l.scope_end_line };
    }
    if borrowed {
        let block = body
            .blocks
            .iter()
            .position(|b| matches!(b.terminator, Terminator::Await { suspend: s, .. } if s == suspend))
            .unwrap_or(0);
        let line = last_borrow_line(body, local, block).unwrap_or(l.span.line);
        return Reason::Borrowed { line, until: l.scope_end_line };
    }
    Reason::UsedLater { line: await_line }
}

/// The reason of a drop flag: names the local it guards (a temporary by its expression).
fn flag_reason(body: &Body, of: LocalId) -> Reason {
    let local = body.local(of);
    match &local.kind {
        LocalKind::Temp { expr } | LocalKind::TryBranch { expr } => {
            Reason::DropFlag { of: expr.clone(), temporary: true, line: local.span.line }
        }
        _ => Reason::DropFlag { of: local.name.clone(), temporary: false, line: local.span.line },
    }
}

/// Adds each drop flag to the suspend points where it is live. A flag is written when its
/// local is initialised or moved, and read wherever the local's drop may run: at every point
/// that can unwind within its scope once it has been initialised, at its own drops, and on the
/// drop path of a suspended future.
fn add_flag_saves(body: &Body, saved: &mut [Vec<SavedLocal>]) {
    let flags: Vec<(LocalId, LocalId)> = (0..body.locals.len())
        .map(|i| LocalId(i as u32))
        .filter_map(|flag| match body.local(flag).kind {
            LocalKind::DropFlag(of) => Some((flag, of)),
            _ => None,
        })
        .collect();
    if flags.is_empty() {
        return;
    }
    let n = body.locals.len();
    let st = flag_states(body, n);
    let blocks = body.blocks.len();
    for (flag, flag_of) in flags {
        let of = flag_of.index();
        let scheduled = |b: usize, s: usize| st.init[b][s].contains(of) || st.moved[b][s].contains(of);
        let exits = body.exit_flags.iter().find(|(l, _)| *l == flag_of).map(|(_, e)| e);
        let exits_only = exits.is_some();
        // Backward liveness of the flag alone.
        let mut live_in = vec![false; blocks];
        let mut live_at_yield = vec![false; blocks];
        loop {
            let mut changed = false;
            for b in (0..blocks).rev() {
                let block = &body.blocks[b];
                let mut live = body.successors(crate::ir::BlockId(b as u32)).iter().any(|s| live_in[s.index()]);
                if let Terminator::Await { suspend, .. } = block.terminator {
                    let end = block.stmts.len();
                    let tail = body.suspends[suspend.index()].tail;
                    // The await's poll can unwind into the cleanup that drops the value (not for
                    // a flag only its exits' shared drop reads).
                    live |= !exits_only
                        && if body.in_tail_of(tail, flag_of) {
                            st.init[b][end].contains(of)
                        } else {
                            scheduled(b, end)
                        };
                    live_at_yield[b] = live;
                }
                for (s, stmt) in block.stmts.iter().enumerate().rev() {
                    match stmt.kind {
                        StmtKind::Assign(l) | StmtKind::Move(l) if l == flag_of => live = false,
                        // A flag needed only by the drop its exits share is read there alone.
                        StmtKind::Drop(l) if l == flag_of && exits_only => {
                            live |= exits.is_some_and(|e| e.contains(&stmt.exit)) && scheduled(b, s)
                        }
                        _ if exits_only => {}
                        // A drop where the value is neither initialised nor moved-from on
                        // any path is elided: it reads no flag.
                        StmtKind::Drop(l) if l == flag_of => {
                            live |= st.init[b][s].contains(of) && st.moved[b][s].contains(of)
                        }
                        _ if unwinds(body, &st, (b, s), flag_of) && scheduled(b, s) => live = true,
                        _ => {}
                    }
                }
                if live_in[b] != live {
                    live_in[b] = live;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        for (b, block) in body.blocks.iter().enumerate() {
            let Terminator::Await { suspend, .. } = block.terminator else { continue };
            if live_at_yield[b] && body.suspends[suspend.index()].state.is_some() {
                saved[suspend.index()].push(SavedLocal { local: flag, reason: flag_reason(body, flag_of) });
            }
        }
    }
}
