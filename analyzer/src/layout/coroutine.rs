//! The byte layout of one coroutine, as rustc's `rustc_abi::layout::coroutine` computes it.
//!
//! In: the layouts of the upvars, of the saved locals (in saved-local order), the saved locals
//! of every `SuspendN` and the storage conflicts between saved locals. Out: [`Coroutine`]:
//! where every upvar, the tag and every saved local sits, the total size and alignment, and the
//! per-state sizes `-Zprint-type-sizes` prints.
//!
//! The algorithm:
//! 1. a saved local kept by two or more states, or losing a storage conflict (the one with
//!    more conflicts loses; ties promote the second), is *promoted* to the prefix; if fewer
//!    than two states still own a local, every local is promoted;
//! 2. the prefix is a struct of the upvars, the tag and the promoted locals, reordered like any
//!    struct (rustc's `univariant`, with its niche placement);
//! 3. each state lays out its remaining locals after the prefix, smallest alignment first,
//!    reusing the same bytes as the other states.

use super::abi::{self, Layout, Repr, StructKind};

/// What the layout is computed from.
pub struct Input<'a> {
    pub upvars: &'a [Layout],
    /// Saved locals in saved-local order (their niches are ignored: rustc stores them as
    /// `MaybeUninit<T>`).
    pub locals: &'a [Layout],
    /// For `Suspend0..N`, the indices of the saved locals each keeps, ascending.
    pub suspends: &'a [Vec<usize>],
    /// `conflicts[a][b]`: saved locals `a` and `b` need storage at the same time. Symmetric,
    /// with every local conflicting with itself.
    pub conflicts: &'a [Vec<bool>],
}

/// The laid-out coroutine.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Coroutine {
    pub size: u64,
    pub align: u64,
    pub tag_size: u64,
    pub tag_offset: u64,
    /// The prefix: upvars, tag and promoted locals, rounded up to its alignment.
    pub prefix_size: u64,
    pub upvar_offsets: Vec<u64>,
    pub local_offsets: Vec<u64>,
    /// Whether each saved local is in the prefix (stored in every state) rather than
    /// overlapped with other states' locals.
    pub promoted: Vec<bool>,
    /// The size rustc prints for each variant, by discriminant: `Unresumed`, `Returned`,
    /// `Panicked`, then `Suspend0..N`.
    pub printed_sizes: Vec<u64>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Assignment {
    Unassigned,
    Assigned(usize),
    Ineligible,
}

/// rustc's `coroutine_saved_local_eligibility`: which locals are promoted to the prefix.
pub fn promoted(input: &Input<'_>) -> Vec<bool> {
    let n = input.locals.len();
    let mut assignment = vec![Assignment::Unassigned; n];
    let mut ineligible = vec![false; n];
    for (k, fields) in input.suspends.iter().enumerate() {
        let variant = 3 + k;
        for &local in fields.iter().filter(|l| **l < n) {
            match assignment[local] {
                Assignment::Unassigned => assignment[local] = Assignment::Assigned(variant),
                Assignment::Assigned(_) => {
                    ineligible[local] = true;
                    assignment[local] = Assignment::Ineligible;
                }
                Assignment::Ineligible => {}
            }
        }
    }
    let conflicts = |a: usize, b: usize| input.conflicts.get(a).and_then(|row| row.get(b)).copied().unwrap_or(false);
    let count = |a: usize| (0..n).filter(|&b| conflicts(a, b)).count();
    for a in 0..n {
        if ineligible[a] {
            continue;
        }
        let count_a = count(a);
        for b in (0..n).filter(|&b| conflicts(a, b)) {
            if ineligible[b] || assignment[a] == assignment[b] {
                continue;
            }
            let remove = if count_a > count(b) { a } else { b };
            ineligible[remove] = true;
            assignment[remove] = Assignment::Ineligible;
        }
    }
    let mut used: Vec<usize> =
        assignment.iter().filter_map(|a| if let Assignment::Assigned(v) = a { Some(*v) } else { None }).collect();
    used.sort_unstable();
    used.dedup();
    if used.len() < 2 {
        return vec![true; n];
    }
    ineligible
}

/// The bytes of the tag for `variants` variants.
pub fn tag_size(variants: usize) -> u64 {
    match variants.saturating_sub(1) {
        0..=0xff => 1,
        0x100..=0xffff => 2,
        _ => 4,
    }
}

/// Lays out the coroutine; `None` if it is too big for the target (`bound`).
pub fn layout(input: &Input<'_>, bound: u64) -> Option<Coroutine> {
    let n = input.locals.len();
    let variants = 3 + input.suspends.len();
    let promoted = promoted(input);
    let tag_size = tag_size(variants);
    let tag_available = (1u128 << (tag_size * 8)) - variants as u128;
    let tag = Layout::scalar(tag_size, tag_size, tag_available);

    let promoted_locals: Vec<usize> = (0..n).filter(|&l| promoted[l]).collect();
    let mut prefix_fields: Vec<Layout> = input.upvars.to_vec();
    prefix_fields.push(tag);
    prefix_fields.extend(promoted_locals.iter().map(|&l| input.locals[l].without_niche()));
    let prefix = abi::univariant(&prefix_fields, &Repr::default(), StructKind::AlwaysSized, bound)?;
    let upvar_count = input.upvars.len();
    let tag_offset = prefix.offsets[upvar_count];

    let mut local_offsets = vec![0; n];
    for (j, &l) in promoted_locals.iter().enumerate() {
        local_offsets[l] = prefix.offsets[upvar_count + 1 + j];
    }
    let mut size = prefix.layout.size;
    let mut align = prefix.layout.align;
    let kind = StructKind::Prefixed { size: prefix.layout.size, align: prefix.layout.align };
    for fields in input.suspends {
        let own: Vec<usize> = fields.iter().copied().filter(|&l| l < n && !promoted[l]).collect();
        let layouts: Vec<Layout> = own.iter().map(|&l| input.locals[l].without_niche()).collect();
        let variant = abi::univariant(&layouts, &Repr::default(), kind, bound)?;
        for (j, &l) in own.iter().enumerate() {
            local_offsets[l] = variant.offsets[j];
        }
        size = size.max(variant.layout.size);
        align = align.max(variant.layout.align);
    }
    let size = abi::align_to(size, align).filter(|s| *s < bound)?;

    let upvar_offsets = prefix.offsets[..upvar_count].to_vec();
    let upvars_end = input.upvars.iter().zip(&upvar_offsets).map(|(l, o)| o + l.size).max().unwrap_or(0);
    let printed = |fields: &[usize]| -> u64 {
        let mut end = fields.iter().filter(|&&l| l < n).map(|&l| local_offsets[l] + input.locals[l].size).max();
        if end == Some(0) {
            end = None;
        }
        let mut end = end.unwrap_or(upvars_end);
        if tag_offset >= end {
            end += tag_size;
        }
        end.saturating_sub(tag_size)
    };
    let mut printed_sizes = vec![printed(&[]); 3];
    printed_sizes.extend(input.suspends.iter().map(|f| printed(f)));
    Some(Coroutine {
        size,
        align,
        tag_size,
        tag_offset,
        prefix_size: prefix.layout.size,
        upvar_offsets,
        local_offsets,
        promoted,
        printed_sizes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOUND: u64 = 1 << 61;

    fn bytes(n: u64) -> Layout {
        Layout::plain(n, 1)
    }

    fn all_conflict(n: usize) -> Vec<Vec<bool>> {
        vec![vec![true; n]; n]
    }

    /// The worked example `sortv` of the rustc notes: byte-exact against rustc 1.95.
    #[test]
    fn sortv() {
        let bool_ = Layout::scalar(1, 1, 254);
        let locals = [
            bytes(8),             // a: [u8; 8]
            Layout::plain(4, 4),  // b: u32
            bytes(3),             // d: [u8; 3]
            Layout::plain(8, 8),  // e: u64
            bytes(1),             // __awaitee of S0
            Layout::plain(10, 2), // z: [u16; 5]
            bytes(1),             // __awaitee of S1
        ];
        let mut conflicts = vec![vec![false; 7]; 7];
        for group in [&[0, 1, 2, 3, 4][..], &[5, 6][..]] {
            for &a in group {
                for &b in group {
                    conflicts[a][b] = true;
                }
            }
        }
        let suspends = [vec![0, 1, 2, 3, 4], vec![5, 6]];
        let input = Input { upvars: &[bool_], locals: &locals, suspends: &suspends, conflicts: &conflicts };
        let c = layout(&input, BOUND).unwrap();
        assert_eq!((c.size, c.align, c.tag_offset, c.prefix_size), (32, 8, 1, 2));
        assert_eq!(c.local_offsets, vec![12, 8, 2, 24, 5, 4, 2]);
        assert_eq!(c.printed_sizes[3..], [31, 13]);
    }

    #[test]
    fn single_await_promotes_everything() {
        let locals = [bytes(500), bytes(1)];
        let input = Input { upvars: &[], locals: &locals, suspends: &[vec![0, 1]], conflicts: &all_conflict(2) };
        let c = layout(&input, BOUND).unwrap();
        assert_eq!(c.size, 502);
        assert_eq!(c.promoted, vec![true, true]);
        assert_eq!(c.printed_sizes, vec![0, 0, 0, 501]);
    }

    #[test]
    fn tag_grows_past_253_awaits() {
        assert_eq!(tag_size(3 + 253), 1);
        assert_eq!(tag_size(3 + 254), 2);
    }
}
