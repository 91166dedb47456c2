//! Drop elaboration: which locals need a drop flag, the `bool` rustc keeps for a value whose
//! initialisation is only known at run time where it may be dropped.
//!
//! In: a lowered [`Body`]. Out: the same body with one local of kind [`LocalKind::DropFlag`]
//! per flag, after every other local. It runs before liveness, which decides where the flags
//! are saved and never changes the body.
//!
//! The rule follows what drop elaboration does with `panic=unwind`, where every call (and every
//! drop of another value, and every overflow, division or bounds check of a debug build) can
//! unwind into a cleanup chain shared by the whole scope (before edition 2024, the calls of a
//! block's tail made after a temporary that outlives the block reach a chain of their own,
//! see `unwinds_into_cleanup`): a local that
//! needs drop gets a flag when, inside its scope, something that can unwind runs while it is
//! initialised and something else runs after it was moved. Reassigning a local does not need
//! one. Exits to one place (every `return` and `?`; the `break`s of one loop) share one drop
//! per local too: moved out on one and still there on another, it needs a flag that only
//! that shared drop reads.

use crate::dataflow::{BitSet, forward, maybe_init};
use crate::ir::{Body, LocalId, LocalKind, NO_DROP_PART, StmtKind};
use crate::ty::{DropGlue, Prim, Ty};

/// Forward state for drop flags: may the local be initialised, may it have been moved out.
pub(crate) struct FlagStates {
    pub(crate) init: Vec<Vec<BitSet>>,
    /// Moved out, in whole or in part.
    pub(crate) moved: Vec<Vec<BitSet>>,
    /// Moved out as a whole (a field moved out leaves the rest to its own drops).
    pub(crate) moved_whole: Vec<Vec<BitSet>>,
    /// The parts moved out of locals that need drop, each its own move path: `(local, part)`.
    pub(crate) parts: Vec<(LocalId, u32)>,
    /// By part: it may still be in place (not moved out since the local was assigned).
    pub(crate) part_unmoved: Vec<Vec<BitSet>>,
    /// By part: it may have been moved out since the local was assigned.
    pub(crate) part_moved: Vec<Vec<BitSet>>,
}

impl FlagStates {
    /// The slots in `parts` of the parts moved out of local `i`.
    fn slots_of(&self, i: usize) -> Vec<usize> {
        (0..self.parts.len()).filter(|&k| self.parts[k].0.index() == i).collect()
    }
}

pub(crate) fn flag_states(body: &Body, n: usize) -> FlagStates {
    let init = maybe_init(body, n);
    let moved = forward(body, n, |s, k, _| match k {
        StmtKind::Move(l) | StmtKind::MovePart(l, _) | StmtKind::MoveVariantPart(l, _, _) => s.insert(l.index()),
        StmtKind::Assign(l) | StmtKind::StorageDead(l) => s.remove(l.index()),
        _ => {}
    });
    // Destructuring that moves out every part that needs drop moves those parts, each its own
    // move path, not the value.
    let moved_whole = forward(body, n, |s, k, at| match k {
        StmtKind::Move(l) if !destructures(body, at, l) => s.insert(l.index()),
        StmtKind::Assign(l) | StmtKind::StorageDead(l) => s.remove(l.index()),
        _ => {}
    });
    let mut parts: Vec<(LocalId, u32)> = Vec::new();
    for stmt in body.blocks.iter().flat_map(|b| &b.stmts) {
        if let StmtKind::MovePart(l, p) = stmt.kind
            && p != NO_DROP_PART
            && !parts.contains(&(l, p))
        {
            parts.push((l, p));
        }
    }
    let slots_of = |l: LocalId| parts.iter().enumerate().filter(move |(_, (pl, _))| *pl == l).map(|(i, _)| i);
    let slot = |l: LocalId, p: u32| parts.iter().position(|&q| q == (l, p));
    let part_unmoved = forward(body, parts.len(), |s, k, _| match k {
        StmtKind::Assign(l) => slots_of(l).for_each(|i| s.insert(i)),
        StmtKind::MovePart(l, p) => {
            if let Some(i) = slot(l, p) {
                s.remove(i)
            }
        }
        StmtKind::Move(l) | StmtKind::StorageDead(l) => slots_of(l).for_each(|i| s.remove(i)),
        _ => {}
    });
    let part_moved = forward(body, parts.len(), |s, k, _| match k {
        StmtKind::MovePart(l, p) => {
            if let Some(i) = slot(l, p) {
                s.insert(i)
            }
        }
        StmtKind::Assign(l) | StmtKind::StorageDead(l) => slots_of(l).for_each(|i| s.remove(i)),
        _ => {}
    });
    FlagStates { init, moved, moved_whole, parts, part_unmoved, part_moved }
}

/// Whether the move of `local` at `at` ends a destructuring pattern that moved out each of
/// its parts that need drop just before (`let Job { name, tags, .. } = job`).
fn destructures(body: &Body, at: (usize, usize), local: LocalId) -> bool {
    for stmt in body.blocks[at.0].stmts[..at.1].iter().rev() {
        match stmt.kind {
            StmtKind::MovePart(l, _) | StmtKind::MoveVariantPart(l, _, _) if l == local => return true,
            StmtKind::Read(l) if l == local => {}
            StmtKind::Assign(l) if l != local => {}
            _ => return false,
        }
    }
    false
}

/// Whether the statement can unwind into the cleanup that drops `local`, as seen by a drop
/// flag's liveness: a call (but not an await's, in the tail of `local`'s scope, whose cleanup
/// reads the flag only where the value is still there), or the drop of another value that may
/// hold one.
pub(crate) fn unwinds(body: &Body, st: &FlagStates, at: (usize, usize), local: LocalId) -> bool {
    let stmt = &body.blocks[at.0].stmts[at.1];
    match stmt.kind {
        StmtKind::Call => !body.in_tail_of(stmt.tail, local),
        StmtKind::Drop(_) => unwinds_into_cleanup(body, st, at, local).is_some(),
        _ => false,
    }
}

/// Whether the statement can unwind into the cleanup that drops `local`, as drop elaboration
/// sees it when it decides which values need a flag, and into which of its drops: `Some(0)` for
/// the drop the scope's statements share, `Some(tail)` for one of a call in the scope's tail
/// made after a temporary of the tail that outlives the scope (the drops scheduled after the
/// local's differ, so MIR building makes another; calls with the same `tail` share it). For an
/// argument's copy (and an async block's by-value capture, held the same way for the whole
/// body), every call reaches the shared one: the body is the tail of the block that holds the
/// copies, but its calls unwind into one cleanup with the rest.
fn unwinds_into_cleanup(body: &Body, st: &FlagStates, at: (usize, usize), local: LocalId) -> Option<u32> {
    let stmt = &body.blocks[at.0].stmts[at.1];
    let init = &st.init[at.0][at.1];
    match stmt.kind {
        StmtKind::Call => Some(
            if matches!(body.local(local).kind, LocalKind::ArgCopy | LocalKind::Capture)
                || !body.in_tail_of(stmt.tail, local)
            {
                0
            } else {
                stmt.tail
            },
        ),
        // Unwinding out of a drop goes on to drop what was declared before: the later local,
        // or a temporary (one of a `let`'s initialiser is dropped once the binding holds its
        // value).
        // The drop of a reassignment (`last = Some(e)`) unwinds into the whole cleanup of the
        // point it runs at.
        StmtKind::Drop(other)
            if body.blocks[at.0].stmts.get(at.1 + 1).is_some_and(|n| n.kind == StmtKind::Assign(other)) =>
        {
            (other != local && init.contains(other.index())).then_some(0)
        }
        StmtKind::Drop(other) => {
            // A temporary's drop unwinds into every local in scope, even where a pattern moved
            // its payload out (an await's result destructured by `let (more, n) = ..`): the
            // temporary itself is still initialised for drop elaboration.
            let temp = matches!(body.local(other).kind, LocalKind::Temp { .. });
            ((other > local || temp && other != local) && init.contains(other.index())).then_some(0)
        }
        _ => None,
    }
}

/// Decides which locals get a drop flag and adds the flags to the body as `bool` locals of kind
/// [`LocalKind::DropFlag`] (after every other local, as drop elaboration does). MIR building shares one cleanup chain per scope, so the
/// cleanup drop of a local is reached both from calls made while it is initialised and from
/// calls made after it was moved: if both happen, the drop needs a flag. So does a drop at the
/// end of a scope (or before a reassignment) where the value may or may not have been moved.
pub fn elaborate(body: &mut Body) {
    let n = body.locals.len();
    let st = flag_states(body, n);
    let mut flagged = Vec::new();
    let mut exit_flags = Vec::new();
    for i in 0..n {
        let local = LocalId(i as u32);
        let l = body.local(local);
        if !l.drop.needs_drop() || l.flagless || matches!(l.kind, LocalKind::Awaitee(_)) {
            continue;
        }
        let need = flag_need(body, &st, i);
        if let Need::Exits(exits) = &need {
            exit_flags.push((local, exits.clone()));
        }
        let flags = match need {
            Need::None => 0,
            Need::Cleanup | Need::Exits(_) => 1,
            Need::Parts(n) => n,
            // One flag per part moved out: each field path is its own move path.
            Need::Conditional => st.parts.iter().filter(|(l, _)| *l == local).count().max(1),
        };
        flagged.extend(std::iter::repeat_n(local, flags));
    }
    flagged.extend(variant_part_flags(body, &st));
    body.exit_flags = exit_flags;
    // A capture's place is a field of the future itself, rustc's first local: its flag comes
    // before the body's own.
    flagged.sort_by_key(|l| body.local(*l).kind != LocalKind::Capture);
    for of in flagged {
        let of_local = body.local(of);
        let local = crate::ir::Local {
            name: String::new(),
            kind: LocalKind::DropFlag(of),
            ty: Ty::Prim(Prim::Bool),
            drop: DropGlue::No,
            span: of_local.span,
            scope_end_line: of_local.scope_end_line,
            scope: of_local.scope,
            flagless: true,
            outlives_block: false,
        };
        body.locals.push(local);
    }
}

/// Why a local needs a drop flag, if it does.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Need {
    None,
    /// Its cleanup drop is reached while it is there and after it was moved out.
    Cleanup,
    /// A drop may find it there or moved out as a whole: a flag for it, and one for each part
    /// moved out of it.
    Conditional,
    /// This many of the parts moved out of it need their own flag: each is there at one point
    /// that can unwind into its cleanup (or at one of its drops) and gone at another.
    Parts(usize),
    /// Only the drop shared by these exits to one place may find it there or gone: that drop
    /// alone reads the flag.
    Exits(Vec<u32>),
}

fn flag_need(body: &Body, st: &FlagStates, i: usize) -> Need {
    // The whole value, and each part moved out of it, are drop elaboration's own move paths,
    // each with its own flag: initialised at one point that can unwind, moved out at another.
    // By cleanup drop (see `unwinds_into_cleanup`): reached while the value is there, and
    // after it was moved out (as a whole, or each part).
    let mut cleanups: Vec<(u32, bool, bool)> = Vec::new();
    let mut conditional_drop = false;
    let slots = st.slots_of(i);
    let mut part_cleanups: Vec<(u32, Vec<bool>, Vec<bool>)> = Vec::new();
    let mut part_conditional = vec![false; slots.len()];
    for (b, block) in body.blocks.iter().enumerate() {
        for (s, stmt) in block.stmts.iter().enumerate() {
            let init = &st.init[b][s];
            let (unmoved, moved) = (&st.part_unmoved[b][s], &st.part_moved[b][s]);
            if let Some(cleanup) = unwinds_into_cleanup(body, st, (b, s), LocalId(i as u32)) {
                let at = match cleanups.iter().position(|c| c.0 == cleanup) {
                    Some(at) => at,
                    None => {
                        cleanups.push((cleanup, false, false));
                        part_cleanups.push((cleanup, vec![false; slots.len()], vec![false; slots.len()]));
                        cleanups.len() - 1
                    }
                };
                cleanups[at].1 |= init.contains(i);
                cleanups[at].2 |= st.moved_whole[b][s].contains(i);
                for (k, &slot) in slots.iter().enumerate() {
                    part_cleanups[at].1[k] |= init.contains(i) && unmoved.contains(slot);
                    part_cleanups[at].2[k] |= moved.contains(slot);
                }
            }
            // The drop runs on a value that may or may not have been moved out (a part
            // moved out on one path and not on another makes the part's drop conditional).
            if stmt.kind == StmtKind::Drop(LocalId(i as u32)) && init.contains(i) {
                conditional_drop |= st.moved_whole[b][s].contains(i);
                for (k, &slot) in slots.iter().enumerate() {
                    part_conditional[k] |= moved.contains(slot) && unmoved.contains(slot);
                }
            }
        }
    }
    let parts = (0..slots.len())
        .filter(|&k| part_cleanups.iter().any(|(_, ins, outs)| ins[k] && outs[k]) || part_conditional[k])
        .count();
    if cleanups.iter().any(|&(_, there, gone)| there && gone) {
        Need::Cleanup
    } else if conditional_drop {
        Need::Conditional
    } else if parts > 0 {
        Need::Parts(parts)
    } else {
        let exits = mixed_exits(body, st, i);
        if exits.is_empty() { Need::None } else { Need::Exits(exits) }
    }
}

/// At a statement, whether local `i` is all there (`Some(true)`), moved out as a whole on
/// every path (`Some(false)`), or neither (a part moved, or a mix).
fn whole_state(st: &FlagStates, b: usize, s: usize, i: usize) -> Option<bool> {
    let (init, moved) = (st.init[b][s].contains(i), st.moved_whole[b][s].contains(i));
    // Moved out in part: a field, or a variant's field.
    let part = st.moved[b][s].contains(i);
    match (init, moved, part) {
        (true, _, false) => Some(true),
        (false, true, _) => Some(false),
        _ => None,
    }
}

/// Exits (see `Stmt::exit`) at which local `i` is all there on one and moved out on another
/// (as a whole, or a part of it on every path to that exit, `return Err(line.origin)`): their
/// shared drop reads the local's flag.
fn mixed_exits(body: &Body, st: &FlagStates, i: usize) -> Vec<u32> {
    let slots = st.slots_of(i);
    let mut exits: Vec<(u32, bool)> = Vec::new();
    for (b, block) in body.blocks.iter().enumerate() {
        for (s, stmt) in block.stmts.iter().enumerate() {
            if stmt.kind != StmtKind::Drop(LocalId(i as u32)) || stmt.exit == 0 {
                continue;
            }
            let part_gone =
                || slots.iter().any(|&k| st.part_moved[b][s].contains(k) && !st.part_unmoved[b][s].contains(k));
            match whole_state(st, b, s, i) {
                Some(there) => exits.push((stmt.exit, there)),
                None if st.init[b][s].contains(i) && part_gone() => exits.push((stmt.exit, false)),
                None => {}
            }
        }
    }
    let mut mixed: Vec<u32> =
        exits.iter().filter(|&&(e, t)| t && exits.iter().any(|&(f, u)| f == e && !u)).map(|&(e, _)| e).collect();
    mixed.dedup();
    mixed
}

/// For parts moved out of one value, `(local, variant, part)`, the part each shares its flag
/// with: the outermost moved part whose field path contains it (`Err(e)` holds the `path` of
/// `Err(Error::Io { path, .. })`), or itself.
fn outermost(body: &Body, parts: &[(LocalId, u32, u32)]) -> impl Fn(LocalId, u32, u32) -> u32 {
    let path = |p: u32| body.parts.get(p as usize).map_or("", String::as_str);
    let within = |inner: &str, outer: &str| {
        !outer.is_empty()
            && inner.len() > outer.len()
            && inner.starts_with(outer)
            && inner.as_bytes()[outer.len()] == b'.'
    };
    let map: Vec<((LocalId, u32, u32), u32)> = parts
        .iter()
        .map(|&(l, v, f)| {
            let outer = parts
                .iter()
                .filter(|&&(m, w, g)| m == l && w == v && within(path(f), path(g)))
                .min_by_key(|&&(_, _, g)| path(g).len())
                .map_or(f, |&(_, _, g)| g);
            ((l, v, f), outer)
        })
        .collect();
    move |l, v, f| map.iter().find(|(k, _)| *k == (l, v, f)).map_or(f, |&(_, o)| o)
}

/// The flags of the parts moved out of enum variants (`x` of `Some(x)`), one per local,
/// variant and field path: drop elaboration knows, on the path of a match arm, that the other variants' parts
/// are not there, so such a part needs a flag only where it may be there on one path and gone
/// (moved, or another variant) on another: at a drop of the local, or between two points that
/// can unwind into its cleanup.
fn variant_part_flags(body: &Body, st: &FlagStates) -> Vec<LocalId> {
    let mut parts: Vec<(LocalId, u32, u32)> = Vec::new();
    for stmt in body.blocks.iter().flat_map(|b| &b.stmts) {
        if let StmtKind::MoveVariantPart(l, v, f) = stmt.kind
            && !parts.contains(&(l, v, f))
            && body.local(l).drop.needs_drop()
            && !body.local(l).flagless
        {
            parts.push((l, v, f));
        }
    }
    // A part inside another part moved out of the same variant (`Err(Error::Io { path, .. })`
    // and `Err(e)`) shares its flag.
    let canon = outermost(body, &parts);
    let parts: Vec<(LocalId, u32, u32)> = parts.iter().copied().filter(|p| canon(p.0, p.1, p.2) == p.2).collect();
    if parts.is_empty() {
        return Vec::new();
    }
    let n = parts.len();
    // Which parts a statement puts in place (`true`) or takes away (`false`).
    let effect = |kind: StmtKind, p: (LocalId, u32, u32)| -> Option<bool> {
        match kind {
            StmtKind::Assign(l) if l == p.0 => Some(true),
            StmtKind::Move(l) | StmtKind::StorageDead(l) if l == p.0 => Some(false),
            StmtKind::MoveVariantPart(l, v, f) if l == p.0 && v == p.1 && canon(l, v, f) == p.2 => Some(false),
            StmtKind::NotVariant(l, v) if l == p.0 && v == p.1 => Some(false),
            StmtKind::Variant(l, v) if l == p.0 && v != p.1 => Some(false),
            _ => None,
        }
    };
    let there = forward(body, n, |s, k, _| {
        for (i, &p) in parts.iter().enumerate() {
            match effect(k, p) {
                Some(true) => s.insert(i),
                Some(false) => s.remove(i),
                None => {}
            }
        }
    });
    let gone = forward(body, n, |s, k, _| {
        for (i, &p) in parts.iter().enumerate() {
            match effect(k, p) {
                Some(true) => s.remove(i),
                Some(false) => s.insert(i),
                None => {}
            }
        }
    });
    let mut flagged = Vec::new();
    for (i, &(local, _, _)) in parts.iter().enumerate() {
        let (mut unwinds_there, mut unwinds_gone, mut conditional) = (false, false, false);
        for (b, block) in body.blocks.iter().enumerate() {
            for (s, stmt) in block.stmts.iter().enumerate() {
                let init = &st.init[b][s];
                let scheduled = init.contains(local.index()) || st.moved[b][s].contains(local.index());
                let (is_there, is_gone) = (there[b][s].contains(i), gone[b][s].contains(i));
                if scheduled && unwinds(body, st, (b, s), local) {
                    unwinds_there |= is_there;
                    unwinds_gone |= is_gone;
                }
                if stmt.kind == StmtKind::Drop(local) && init.contains(local.index()) && is_there && is_gone {
                    conditional = true;
                }
            }
        }
        if unwinds_there && unwinds_gone || conditional {
            flagged.push(local);
        }
    }
    flagged.extend(leaf_flags(body, st));
    flagged
}

/// The flags of fields moved out of a variant nested in another (see [`StmtKind::MoveLeaf`]):
/// each its own move path, flagged where a call can unwind into the value's cleanup both while
/// the field is there (the variant known, a match guard running) and after it moved.
fn leaf_flags(body: &Body, st: &FlagStates) -> Vec<LocalId> {
    let mut leaves: Vec<(LocalId, u32, u32)> = Vec::new();
    for stmt in body.blocks.iter().flat_map(|b| &b.stmts) {
        if let StmtKind::MoveLeaf(l, v, f) = stmt.kind
            && !leaves.contains(&(l, v, f))
            && !body.local(l).flagless
        {
            leaves.push((l, v, f));
        }
    }
    let mut flagged = Vec::new();
    for &(local, variant, leaf) in &leaves {
        // There: the local holds the variant and the field has not moved.
        let there = forward(body, 1, |s, k, _| match k {
            StmtKind::Variant(l, v) if l == local && v == variant => s.insert(0),
            StmtKind::MoveLeaf(l, v, f) if (l, v, f) == (local, variant, leaf) => s.remove(0),
            StmtKind::Assign(l)
            | StmtKind::Move(l)
            | StmtKind::StorageDead(l)
            | StmtKind::NotVariant(l, _)
            | StmtKind::Variant(l, _)
                if l == local =>
            {
                s.remove(0)
            }
            _ => {}
        });
        let gone = forward(body, 1, |s, k, _| match k {
            StmtKind::MoveLeaf(l, v, f) if (l, v, f) == (local, variant, leaf) => s.insert(0),
            StmtKind::Assign(l) | StmtKind::StorageDead(l) if l == local => s.remove(0),
            _ => {}
        });
        // The variant known is the outer one: the field is there only on a path on to its own
        // move (the arm that binds it, its guard included), not in another arm of that variant.
        let is_move = |k: StmtKind| k == StmtKind::MoveLeaf(local, variant, leaf);
        let kills =
            |k: StmtKind| matches!(k, StmtKind::Assign(l) | StmtKind::Move(l) | StmtKind::StorageDead(l) if l == local);
        let blocks = body.blocks.len();
        let mut reach_in = vec![false; blocks];
        loop {
            let mut changed = false;
            for b in (0..blocks).rev() {
                let mut reach = body.successors(crate::ir::BlockId(b as u32)).iter().any(|succ| reach_in[succ.index()]);
                for stmt in body.blocks[b].stmts.iter().rev() {
                    if is_move(stmt.kind) {
                        reach = true;
                    } else if kills(stmt.kind) {
                        reach = false;
                    }
                }
                if reach != reach_in[b] {
                    reach_in[b] = reach;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        let (mut unwinds_there, mut unwinds_gone) = (false, false);
        for (b, block) in body.blocks.iter().enumerate() {
            // Whether each statement is followed, on some path, by the field's move.
            let mut ahead = vec![false; block.stmts.len()];
            let mut reach = body.successors(crate::ir::BlockId(b as u32)).iter().any(|succ| reach_in[succ.index()]);
            for (s, stmt) in block.stmts.iter().enumerate().rev() {
                ahead[s] = reach;
                if is_move(stmt.kind) {
                    reach = true;
                } else if kills(stmt.kind) {
                    reach = false;
                }
            }
            for s in 0..block.stmts.len() {
                let scheduled = st.init[b][s].contains(local.index()) || st.moved[b][s].contains(local.index());
                if scheduled && unwinds(body, st, (b, s), local) {
                    unwinds_there |= there[b][s].contains(0) && ahead[s];
                    unwinds_gone |= gone[b][s].contains(0);
                }
            }
        }
        if unwinds_there && unwinds_gone {
            flagged.push(local);
        }
    }
    flagged
}
