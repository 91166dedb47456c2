//! The layout primitives rustc applies to every type, reproduced from `rustc_abi`.
//!
//! In: the layouts of the fields (size, alignment, largest niche) and a representation.
//! Out: the layout of a struct ([`univariant`], with rustc's field reordering and its start- and
//! end-biased niche placement), of an enum ([`enumeration`], niche-filling or tagged, whichever
//! rustc picks) and of a union. The coroutine layout in [`super::coroutine`] is built from
//! [`univariant`] too.
//!
//! All arithmetic is checked: a size past the target's object size bound gives `None`, as
//! rustc reports "too big for the target architecture" instead of a layout.

use std::cmp::Reverse;

/// A range of invalid values inside a scalar, which an enclosing enum may use as its tag.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Niche {
    /// Offset of the scalar from the start of the value.
    pub offset: u64,
    /// Size of the scalar in bytes.
    pub size: u64,
    /// How many invalid values the scalar has.
    pub available: u128,
}

/// The size, alignment and largest niche of a type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Layout {
    pub size: u64,
    pub align: u64,
    pub niche: Option<Niche>,
    /// No value of the type exists (`!`, `Infallible`, a struct holding one).
    pub uninhabited: bool,
}

impl Layout {
    /// A scalar of `size` bytes with `available` invalid values at offset 0.
    pub fn scalar(size: u64, align: u64, available: u128) -> Layout {
        let niche = (available > 0).then_some(Niche { offset: 0, size, available });
        Layout { size, align, niche, uninhabited: false }
    }

    /// A plain integer-like value: every bit pattern is valid.
    pub fn plain(size: u64, align: u64) -> Layout {
        Layout { size, align, niche: None, uninhabited: false }
    }

    pub fn zst() -> Layout {
        Layout::plain(0, 1)
    }

    pub fn never() -> Layout {
        Layout { uninhabited: true, ..Layout::zst() }
    }

    /// Zero-sized with alignment 1 (rustc's "1-ZST").
    pub fn is_1zst(&self) -> bool {
        self.size == 0 && self.align == 1
    }

    /// The same bytes with every niche hidden (`UnsafeCell`, `MaybeUninit`, coroutine locals).
    pub fn without_niche(self) -> Layout {
        Layout { niche: None, ..self }
    }

    /// `[T; n]`.
    pub fn array(elem: Layout, n: u64, bound: u64) -> Option<Layout> {
        let size = elem.size.checked_mul(n).filter(|s| *s < bound)?;
        Some(Layout {
            size,
            align: elem.align,
            niche: elem.niche.filter(|_| n != 0),
            uninhabited: elem.uninhabited && n != 0,
        })
    }
}

/// Rounds `n` up to a multiple of `align` (a power of two).
pub fn align_to(n: u64, align: u64) -> Option<u64> {
    let mask = align.max(1) - 1;
    n.checked_add(mask).map(|x| x & !mask)
}

/// How a struct's fields may be laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StructKind {
    /// A sized struct: every field may move.
    AlwaysSized,
    /// A struct whose last field may be unsized: the last field stays last.
    MaybeUnsized,
    /// An enum variant or coroutine variant placed after a prefix of this size and alignment.
    Prefixed { size: u64, align: u64 },
}

/// The parts of `#[repr(..)]` that matter for layout.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Repr {
    /// `repr(C)` or a primitive repr: fields keep declaration order.
    pub keep_order: bool,
    pub c: bool,
    /// `repr(u8)`, `repr(i32)`, ...: the discriminant integer (size in bytes, signed).
    pub int: Option<(u64, bool)>,
    pub pack: Option<u64>,
    pub align: Option<u64>,
}

/// A laid-out struct: its layout and each field's offset (in declaration order).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Struct {
    pub layout: Layout,
    pub offsets: Vec<u64>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Bias {
    Start,
    End,
}

/// rustc's `univariant`: lay out the fields start-biased, then, when the largest niche is
/// neither at the start nor at the end, retry end-biased and keep whichever puts the niche
/// nearer an edge.
pub fn univariant(fields: &[Layout], repr: &Repr, kind: StructKind, bound: u64) -> Option<Struct> {
    let start = biased(fields, repr, kind, Bias::Start, bound)?;
    if kind == StructKind::MaybeUnsized {
        return Some(start);
    }
    let Some(niche) = start.layout.niche else { return Some(start) };
    let head = niche.offset;
    let tail = start.layout.size.saturating_sub(head + niche.size);
    if fields.len() > 1 && head != 0 && tail > 0 {
        let alt = biased(fields, repr, kind, Bias::End, bound)?;
        let alt_head = alt.layout.niche.map_or(0, |n| n.offset);
        if alt_head > head && alt_head > tail {
            return Some(alt);
        }
    }
    Some(start)
}

fn trailing_zeros(n: u64) -> u64 {
    u64::from(n.max(1).trailing_zeros())
}

/// rustc's `univariant_biased`: sort the fields (unless the repr forbids it), then place each
/// at the next offset its alignment allows.
fn biased(fields: &[Layout], repr: &Repr, kind: StructKind, bias: Bias, bound: u64) -> Option<Struct> {
    let n = fields.len();
    let mut order: Vec<usize> = (0..n).collect();
    let end = if kind == StructKind::MaybeUnsized { n.saturating_sub(1) } else { n };
    if !repr.keep_order && n > 1 {
        let sorted = &fields[..end];
        let max_field_align = sorted.iter().map(|f| f.align).max().unwrap_or(1);
        let largest_niche = sorted.iter().filter_map(|f| f.niche).map(|n| n.available).max().unwrap_or(0);
        let group = |f: &Layout| -> u64 {
            if let Some(pack) = repr.pack {
                return f.align.min(pack);
            }
            let size_as_align = trailing_zeros(f.align.max(f.size));
            let niche = f.niche.map_or(0, |n| n.available);
            if largest_niche == 0 {
                size_as_align
            } else {
                match bias {
                    Bias::Start => trailing_zeros(max_field_align).min(size_as_align),
                    Bias::End if niche == largest_niche => trailing_zeros(f.align),
                    Bias::End => size_as_align,
                }
            }
        };
        let niche_of = |f: &Layout| f.niche.map_or(0, |n| n.available);
        match kind {
            StructKind::AlwaysSized | StructKind::MaybeUnsized => order[..end].sort_by_key(|&i| {
                let f = &fields[i];
                let niche = niche_of(f);
                let niche_key = match bias {
                    Bias::Start => !niche,
                    Bias::End => niche,
                };
                let inner_key = match bias {
                    Bias::Start => f.niche.map_or(0, |n| n.offset),
                    Bias::End => f.niche.map_or(0, |n| !(f.size.saturating_sub(n.size + n.offset))),
                };
                (Reverse(group(f)), niche_key, inner_key)
            }),
            StructKind::Prefixed { .. } => order[..end].sort_by_key(|&i| (group(&fields[i]), niche_of(&fields[i]))),
        }
    }
    let mut align = 1;
    let mut offset = 0;
    if let StructKind::Prefixed { size, align: prefix_align } = kind {
        let prefix_align = repr.pack.map_or(prefix_align, |p| prefix_align.min(p));
        align = align.max(prefix_align);
        offset = align_to(size, prefix_align)?;
    }
    let mut offsets = vec![0; n];
    let mut niche: Option<Niche> = None;
    let mut best = 0u128;
    for &i in &order {
        let f = &fields[i];
        let field_align = repr.pack.map_or(f.align, |p| f.align.min(p));
        offset = align_to(offset, field_align)?;
        align = align.max(field_align);
        offsets[i] = offset;
        if let Some(inner) = f.niche {
            let prefer = match bias {
                Bias::Start => inner.available > best,
                Bias::End => inner.available >= best,
            };
            if prefer {
                best = inner.available;
                niche = Some(Niche { offset: inner.offset + offset, ..inner });
            }
        }
        offset = offset.checked_add(f.size)?;
    }
    if let Some(repr_align) = repr.align {
        align = align.max(repr_align);
    }
    let size = align_to(offset, align).filter(|s| *s < bound)?;
    let uninhabited = fields.iter().any(|f| f.uninhabited);
    Some(Struct { layout: Layout { size, align, niche, uninhabited }, offsets })
}

/// A union: as big as its largest field, no niche.
pub fn union(fields: &[Layout], repr: &Repr, bound: u64) -> Option<Layout> {
    let mut align = 1;
    let mut size = 0;
    for f in fields {
        align = align.max(repr.pack.map_or(f.align, |p| f.align.min(p)));
        size = size.max(f.size);
    }
    if let Some(repr_align) = repr.align {
        align = align.max(repr_align);
    }
    let size = align_to(size, align).filter(|s| *s < bound)?;
    Some(Layout { size, align, niche: None, uninhabited: false })
}

/// An enum's variants: the field layouts of each and its discriminant value.
pub struct EnumInput<'a> {
    pub variants: &'a [Vec<Layout>],
    pub discriminants: &'a [i128],
    /// Some variant has an explicit `= value`: rustc then never uses a niche for the tag.
    pub explicit_discriminants: bool,
    pub repr: Repr,
}

/// Integer sizes rustc may choose for a discriminant.
const INTEGERS: [u64; 5] = [1, 2, 4, 8, 16];

fn fits_unsigned(size: u64, v: u128) -> bool {
    size >= 16 || v < (1u128 << (size * 8))
}

fn fits_signed(size: u64, v: i128) -> bool {
    if size >= 16 {
        return true;
    }
    let half = 1i128 << (size * 8 - 1);
    (-half..half).contains(&v)
}

/// rustc's `repr_discr`: the discriminant integer for values `min..=max`.
fn discr_integer(min: i128, max: i128, repr: &Repr) -> (u64, bool) {
    if let Some(int) = repr.int {
        return int;
    }
    let at_least = if repr.c { 4 } else { 1 };
    if min >= 0 {
        let size = INTEGERS.into_iter().find(|&s| fits_unsigned(s, max as u128)).unwrap_or(16);
        (size.max(at_least), false)
    } else {
        let size = INTEGERS.into_iter().find(|&s| fits_signed(s, min) && fits_signed(s, max)).unwrap_or(16);
        (size.max(at_least), true)
    }
}

fn mask(size: u64) -> u128 {
    if size >= 16 { u128::MAX } else { (1u128 << (size * 8)) - 1 }
}

/// rustc's `layout_of_struct_or_enum` for an enum.
pub fn enumeration(input: &EnumInput<'_>, bound: u64) -> Option<Layout> {
    let repr = &input.repr;
    let absent = |fields: &[Layout]| fields.iter().any(|f| f.uninhabited) && fields.iter().all(Layout::is_1zst);
    let present: Vec<usize> = (0..input.variants.len()).filter(|&i| repr.c || !absent(&input.variants[i])).collect();
    let Some(&first) = present.first() else { return Some(Layout::never()) };
    let inhibit_opt = repr.c || repr.int.is_some();
    if present.len() == 1 && !inhibit_opt {
        return univariant(&input.variants[first], repr, StructKind::AlwaysSized, bound).map(|s| s.layout);
    }
    let niche_filled = if inhibit_opt || input.explicit_discriminants { None } else { niche_filling(input, bound) };
    let tagged = tagged(input, bound)?;
    Some(match niche_filled {
        None => tagged,
        Some(niched) => {
            let avail = |l: &Layout| l.niche.map_or(0, |n| n.available);
            if tagged.size > niched.size || (tagged.size == niched.size && avail(&tagged) < avail(&niched)) {
                niched
            } else {
                tagged
            }
        }
    })
}

/// The niche-filling candidate: the largest variant keeps its bytes, the others are encoded
/// as invalid values of its largest niche and must fit before or after that niche.
fn niche_filling(input: &EnumInput<'_>, bound: u64) -> Option<Layout> {
    let variants = input.variants;
    if variants.len() < 2 {
        return None;
    }
    let mut align = 1;
    let mut layouts = Vec::with_capacity(variants.len());
    for v in variants {
        let st = univariant(v, &input.repr, StructKind::AlwaysSized, bound)?;
        align = align.max(st.layout.align);
        layouts.push(st.layout);
    }
    // `max_by_key` keeps the last of equal maxima, as rustc's does.
    let largest = (0..layouts.len()).max_by_key(|&i| layouts[i].size)?;
    let absent = |fields: &[Layout]| fields.iter().any(|f| f.uninhabited) && fields.iter().all(Layout::is_1zst);
    let needs_disc = |i: usize| i != largest && !absent(&variants[i]);
    let first = (0..variants.len()).find(|&i| needs_disc(i))?;
    let last = (0..variants.len()).rev().find(|&i| needs_disc(i))?;
    let count = (last - first + 1) as u128;
    let niche = layouts[largest].niche?;
    if count > niche.available {
        return None;
    }
    let size = align_to(layouts[largest].size, align)?;
    for (i, layout) in layouts.iter().enumerate() {
        if i == largest || layout.size <= niche.offset {
            continue;
        }
        let this_offset = align_to(niche.offset + niche.size, layout.align)?;
        if this_offset + layout.size > size {
            return None;
        }
    }
    let available = niche.available - count;
    Some(Layout {
        size,
        align,
        niche: (available > 0).then_some(Niche { available, ..niche }),
        uninhabited: layouts.iter().all(|l| l.uninhabited),
    })
}

/// The tagged candidate: a discriminant at offset 0, each variant's fields after it.
fn tagged(input: &EnumInput<'_>, bound: u64) -> Option<Layout> {
    let repr = &input.repr;
    let (mut min, mut max) = (i128::MAX, i128::MIN);
    for (i, fields) in input.variants.iter().enumerate() {
        if !repr.c && fields.iter().any(|f| f.uninhabited) {
            continue;
        }
        let value = input.discriminants.get(i).copied().unwrap_or(i as i128);
        min = min.min(value);
        max = max.max(value);
    }
    if min > max {
        (min, max) = (0, 0);
    }
    let (min_size, signed) = discr_integer(min, max, repr);
    let mut prefix_align = min_size;
    if repr.c {
        for f in input.variants.iter().flatten() {
            prefix_align = prefix_align.max(f.align);
        }
    }
    let mut align = 1;
    let mut size = 0;
    let mut start_align = 256;
    let mut uninhabited = true;
    for fields in input.variants {
        let kind = StructKind::Prefixed { size: min_size, align: prefix_align };
        let st = univariant(fields, repr, kind, bound)?;
        let mut by_offset: Vec<usize> = (0..fields.len()).collect();
        by_offset.sort_by_key(|&i| st.offsets[i]);
        if let Some(&i) = by_offset.iter().find(|&&i| !fields[i].is_1zst()) {
            start_align = start_align.min(fields[i].align);
        }
        size = size.max(st.layout.size);
        align = align.max(st.layout.align);
        uninhabited &= st.layout.uninhabited;
    }
    let size = align_to(size, align).filter(|s| *s < bound)?;
    let mut tag_size = min_size;
    if !repr.c && repr.int.is_none() && INTEGERS.contains(&start_align) && start_align > min_size {
        tag_size = start_align;
    }
    let m = mask(tag_size);
    let (start, end) = ((min as u128) & m, (max as u128) & m);
    let available = start.wrapping_sub(end).wrapping_sub(1) & m;
    let _ = signed;
    Some(Layout {
        size,
        align,
        niche: (available > 0).then_some(Niche { offset: 0, size: tag_size, available }),
        uninhabited,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOUND: u64 = 1 << 61;

    fn u(size: u64) -> Layout {
        Layout::plain(size, size)
    }

    fn bool_() -> Layout {
        Layout::scalar(1, 1, 254)
    }

    fn strukt(fields: &[Layout]) -> Struct {
        univariant(fields, &Repr::default(), StructKind::AlwaysSized, BOUND).unwrap()
    }

    fn option(t: Layout) -> Layout {
        let variants = vec![vec![], vec![t]];
        let input = EnumInput {
            variants: &variants,
            discriminants: &[0, 1],
            explicit_discriminants: false,
            repr: Repr::default(),
        };
        enumeration(&input, BOUND).unwrap()
    }

    #[test]
    fn reorders_by_alignment() {
        let s = strukt(&[u(1), u(4), u(2)]);
        assert_eq!((s.layout.size, s.offsets.clone()), (8, vec![6, 0, 4]));
        let c = univariant(
            &[u(1), u(4), u(2)],
            &Repr { keep_order: true, c: true, ..Repr::default() },
            StructKind::AlwaysSized,
            BOUND,
        )
        .unwrap();
        assert_eq!((c.layout.size, c.offsets), (12, vec![0, 4, 8]));
    }

    #[test]
    fn option_niches() {
        assert_eq!(option(bool_()).size, 1);
        assert_eq!(option(option(bool_())).niche.map(|n| n.available), Some(252));
        assert_eq!(option(u(4)).size, 8);
        let ptr = Layout::scalar(8, 8, 1);
        assert_eq!(option(ptr).size, 8);
        assert_eq!(option(option(ptr)).size, 16);
        // `enum E { A(u32), B }` is tagged with a 4-byte tag (the first field's alignment).
        let e = option(u(4));
        assert_eq!(e.niche.map(|n| (n.size, n.available)), Some((4, (1u128 << 32) - 2)));
    }

    #[test]
    fn end_biased_struct() {
        // `(u32, [u8; 64], bool)`-like: the bool's niche is moved to the end.
        let s = strukt(&[u(4), Layout::plain(64, 1), bool_()]);
        assert_eq!(s.layout.size, 72);
        assert_eq!(s.offsets, vec![0, 4, 68]);
    }
}
