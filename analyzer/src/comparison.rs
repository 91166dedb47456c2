//! Two layouts of a future side by side: the same fn in two files (inline and boxed
//! recursion), or one future before and after what-if boxing.
//!
//! In: two analysed futures, each with the name of its file. Out: a [`Comparison`]: each
//! side's total, and every state and field paired by name, with the size on both sides (a
//! number, infinite, or unknown). Renderers show it; [`delta`] is the difference of two sizes.

use crate::analysis::{Analysis, AwaitSite, Field, FutureAnalysis, Role, State};
use crate::boxing::BoxedAwait;
use crate::ty::Ty;

/// A size as the comparison shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Size {
    Bytes(u64),
    /// The future contains itself (unboxed recursion).
    Infinite,
    /// Not known (a type the model does not know, or no layout).
    Unknown,
}

impl Size {
    /// The size of the whole future.
    pub fn of_future(f: &FutureAnalysis) -> Size {
        match (&f.layout, &f.recursion) {
            (Some(layout), _) => Size::Bytes(layout.size),
            (None, Some(r)) if r.certain => Size::Infinite,
            _ => Size::Unknown,
        }
    }

    /// The size rustc prints for a state (without the tag); infinite when the state holds an
    /// infinite field.
    pub fn of_state(f: &FutureAnalysis, state: &State) -> Size {
        match (state.size, &f.recursion) {
            (Some(n), _) => Size::Bytes(n),
            (None, Some(r)) if state.fields.iter().any(|x| r.holds_infinite(x)) => Size::Infinite,
            _ => Size::Unknown,
        }
    }

    pub fn of_field(f: &FutureAnalysis, field: &Field) -> Size {
        match (field.size, &f.recursion) {
            (Some(n), _) => Size::Bytes(n),
            (None, Some(r)) if r.holds_infinite(field) => Size::Infinite,
            _ => Size::Unknown,
        }
    }
}

/// How a size changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Delta {
    Bytes(i128),
    /// From infinite to a number: the recursion is boxed.
    Finite,
    /// From a number to infinite.
    Infinite,
    /// Infinite on both sides.
    Same,
    Unknown,
}

/// `after - before`.
pub fn delta(before: Size, after: Size) -> Delta {
    match (before, after) {
        (Size::Bytes(a), Size::Bytes(b)) => Delta::Bytes(i128::from(b) - i128::from(a)),
        (Size::Infinite, Size::Bytes(_)) => Delta::Finite,
        (Size::Bytes(_), Size::Infinite) => Delta::Infinite,
        (Size::Infinite, Size::Infinite) => Delta::Same,
        _ => Delta::Unknown,
    }
}

/// One side of the comparison.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Side {
    pub file: String,
    pub future: String,
    pub line: u32,
    pub size: Size,
    pub align: Option<u64>,
    /// `estimate` or `rustc`.
    pub source: &'static str,
}

/// A field on one side: its type and size.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldSide {
    pub ty: String,
    pub size: Size,
}

/// A field of a state, paired by role and name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldRow {
    pub upvar: bool,
    pub name: String,
    pub before: Option<FieldSide>,
    pub after: Option<FieldSide>,
}

/// An await laid out as boxed, in the compared future or in one it awaits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BoxedRow {
    /// The future whose await it is.
    pub future: String,
    pub boxed: BoxedAwait,
    /// The awaitee's size as written, and as boxed (one pointer).
    pub before: Size,
    pub after: Size,
}

/// A state, paired by name (`Suspend1` with `Suspend1`).
#[derive(Clone, Debug)]
pub struct StateRow {
    pub name: String,
    /// The await of the state, from the first side that has it.
    pub await_site: Option<AwaitSite>,
    /// The state's size on each side; `None` when that side has no such state.
    pub before: Option<Size>,
    pub after: Option<Size>,
    pub fields: Vec<FieldRow>,
}

#[derive(Clone, Debug)]
pub struct Comparison {
    pub before: Side,
    pub after: Side,
    pub states: Vec<StateRow>,
    /// The awaits the after side lays out as boxed (what-if boxing), in the future itself and
    /// in the futures it awaits.
    pub boxed: Vec<BoxedRow>,
    /// Whether the after side is the before side laid out as if some awaits were boxed.
    pub what_if: bool,
}

fn side(file: &str, f: &FutureAnalysis) -> Side {
    Side {
        file: file.to_string(),
        future: f.name.clone(),
        line: f.span.line,
        size: Size::of_future(f),
        align: f.layout.as_ref().map(|l| l.align),
        source: f.layout.as_ref().map_or("estimate", |l| l.source.as_str()),
    }
}

/// Pairs the states and fields of two futures.
pub fn compare(before: (&str, &FutureAnalysis), after: (&str, &FutureAnalysis)) -> Comparison {
    let (a, b) = (before.1, after.1);
    let mut names: Vec<String> = a.states.iter().map(|s| s.id.name()).collect();
    for s in &b.states {
        if !names.contains(&s.id.name()) {
            names.push(s.id.name());
        }
    }
    let states = names
        .into_iter()
        .map(|name| {
            let sa = a.states.iter().find(|s| s.id.name() == name);
            let sb = b.states.iter().find(|s| s.id.name() == name);
            StateRow {
                await_site: sa.or(sb).and_then(|s| s.await_site.clone()),
                before: sa.map(|s| Size::of_state(a, s)),
                after: sb.map(|s| Size::of_state(b, s)),
                fields: pair_fields(a, sa, b, sb),
                name,
            }
        })
        .collect();
    Comparison { before: side(before.0, a), after: side(after.0, b), states, boxed: Vec::new(), what_if: false }
}

/// A future as written (`a` of `before`) and as if boxed (`b` of `after`, the same file
/// analysed with a [`BoxPlan`](crate::boxing::BoxPlan)), with every boxed await of `b` and of
/// the futures `b` awaits.
pub fn what_if(before: &Analysis, a: &FutureAnalysis, after: &Analysis, b: &FutureAnalysis) -> Comparison {
    let mut c = compare((&before.file, a), (&after.file, b));
    c.what_if = true;
    for f in reachable(after, b) {
        let written = before.futures.iter().find(|x| x.name == f.name);
        for boxed in &f.boxed {
            let awaitee = |f: &FutureAnalysis| {
                let state = f.state(boxed.state)?;
                let field = state.fields.iter().find(|x| x.role == Role::Awaitee)?;
                Some(Size::of_field(f, field))
            };
            c.boxed.push(BoxedRow {
                future: f.name.clone(),
                boxed: boxed.clone(),
                before: written.and_then(awaitee).unwrap_or(Size::Unknown),
                after: awaitee(f).unwrap_or(Size::Unknown),
            });
        }
    }
    c
}

/// `f` and the futures of the file its fields hold, inline or boxed, transitively: the
/// futures a poll of `f` may run.
fn reachable<'a>(analysis: &'a Analysis, f: &'a FutureAnalysis) -> Vec<&'a FutureAnalysis> {
    let mut out = vec![f];
    let mut k = 0;
    while let Some(current) = out.get(k).copied() {
        k += 1;
        let mut names = Vec::new();
        for field in current.states.iter().flat_map(|s| &s.fields) {
            futures_named(&field.ty, &mut names);
        }
        for name in names {
            if let Some(next) = analysis.futures.iter().find(|x| x.name == name)
                && !out.iter().any(|x| x.name == next.name)
            {
                out.push(next);
            }
        }
    }
    out
}

/// The futures of the file a type mentions, anywhere in it.
fn futures_named(ty: &Ty, out: &mut Vec<String>) {
    match ty {
        Ty::AsyncFnFuture { .. } | Ty::BlockFuture { .. } => out.extend(ty.future_key()),
        Ty::Array(inner, _) | Ty::Slice(inner) => futures_named(inner, out),
        Ty::Ref { inner, .. } | Ty::Ptr { inner, .. } => futures_named(inner, out),
        Ty::Tuple(items) | Ty::Adt { args: items, .. } => items.iter().for_each(|t| futures_named(t, out)),
        Ty::Closure { captures, .. } => captures.iter().for_each(|t| futures_named(t, out)),
        _ => {}
    }
}

/// The fields of a state on both sides, paired by role, name and order: first every field of
/// the before side, then those only the after side has.
fn pair_fields(a: &FutureAnalysis, sa: Option<&State>, b: &FutureAnalysis, sb: Option<&State>) -> Vec<FieldRow> {
    let fields_a: Vec<&Field> = sa.map(|s| s.fields.iter().collect()).unwrap_or_default();
    let fields_b: Vec<&Field> = sb.map(|s| s.fields.iter().collect()).unwrap_or_default();
    let key = |f: &Field| (f.role == Role::Upvar, f.name.clone());
    let mut used = vec![false; fields_b.len()];
    let mut rows = Vec::new();
    for fa in &fields_a {
        let matched = fields_b.iter().enumerate().find(|(j, fb)| !used[*j] && key(fb) == key(fa)).map(|(j, _)| j);
        if let Some(j) = matched {
            used[j] = true;
        }
        rows.push(FieldRow {
            upvar: fa.role == Role::Upvar,
            name: fa.name.clone(),
            before: Some(FieldSide { ty: fa.ty.to_string(), size: Size::of_field(a, fa) }),
            after: matched.map(|j| FieldSide { ty: fields_b[j].ty.to_string(), size: Size::of_field(b, fields_b[j]) }),
        });
    }
    for fb in fields_b.iter().zip(&used).filter(|(_, used)| !**used).map(|(fb, _)| fb) {
        rows.push(FieldRow {
            upvar: fb.role == Role::Upvar,
            name: fb.name.clone(),
            before: None,
            after: Some(FieldSide { ty: fb.ty.to_string(), size: Size::of_field(b, fb) }),
        });
    }
    rows
}
