//! The forward dataflow that drop elaboration and liveness share.
//!
//! In: an [`ir::Body`](crate::ir::Body) and a transfer function over its statements. Out: for
//! every block, the state (a [`BitSet`] of locals) before each of its statements and after the
//! last one.

use crate::ir::{Body, StmtKind};

/// A set of local (or other) indices.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct BitSet(Vec<u64>);

impl BitSet {
    pub(crate) fn new(n: usize) -> BitSet {
        BitSet(vec![0; n.div_ceil(64)])
    }
    pub(crate) fn insert(&mut self, i: usize) {
        self.0[i / 64] |= 1 << (i % 64);
    }
    pub(crate) fn remove(&mut self, i: usize) {
        self.0[i / 64] &= !(1 << (i % 64));
    }
    pub(crate) fn contains(&self, i: usize) -> bool {
        self.0[i / 64] & (1 << (i % 64)) != 0
    }
    pub(crate) fn intersects(&self, other: &BitSet) -> bool {
        self.0.iter().zip(&other.0).any(|(a, b)| a & b != 0)
    }
    pub(crate) fn union(&mut self, other: &BitSet) -> bool {
        let mut changed = false;
        for (a, b) in self.0.iter_mut().zip(&other.0) {
            let new = *a | *b;
            changed |= new != *a;
            *a = new;
        }
        changed
    }
}

/// A forward "may" analysis: the state before each statement of each block. The transfer
/// function sees each statement's kind and its place (block, index in the block).
pub(crate) fn forward(
    body: &Body,
    n: usize,
    transfer: impl Fn(&mut BitSet, StmtKind, (usize, usize)),
) -> Vec<Vec<BitSet>> {
    let blocks = body.blocks.len();
    let mut entry: Vec<BitSet> = vec![BitSet::new(n); blocks];
    let mut dirty = vec![true; blocks];
    loop {
        let mut changed = false;
        for b in 0..blocks {
            if !dirty[b] {
                continue;
            }
            dirty[b] = false;
            let mut state = entry[b].clone();
            for (i, stmt) in body.blocks[b].stmts.iter().enumerate() {
                transfer(&mut state, stmt.kind, (b, i));
            }
            for succ in body.successors(crate::ir::BlockId(b as u32)) {
                if entry[succ.index()].union(&state) {
                    dirty[succ.index()] = true;
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    // Expand to per-statement states.
    (0..blocks)
        .map(|b| {
            let mut states = Vec::with_capacity(body.blocks[b].stmts.len() + 1);
            let mut state = entry[b].clone();
            states.push(state.clone());
            for (i, stmt) in body.blocks[b].stmts.iter().enumerate() {
                transfer(&mut state, stmt.kind, (b, i));
                states.push(state.clone());
            }
            states
        })
        .collect()
}

/// Which locals may be initialised before each statement: assigned, and not since moved
/// out, dropped or out of storage.
pub(crate) fn maybe_init(body: &Body, n: usize) -> Vec<Vec<BitSet>> {
    forward(body, n, |s, k, _| match k {
        StmtKind::Assign(l) => s.insert(l.index()),
        StmtKind::Move(l) | StmtKind::Drop(l) | StmtKind::StorageDead(l) => s.remove(l.index()),
        _ => {}
    })
}
