//! Sizes and byte layouts: how many bytes each future takes and where each field sits.
//!
//! In: every future of the file after liveness (its upvars, its saved locals per state and
//! the storage conflicts between them), the file's declarations and the [`Options`] (pointer
//! width, `--assume`). Out: for every future, each [`Field`](crate::analysis::Field)'s size,
//! alignment and offset, each state's printed size, and a [`FutureLayout`] with the total,
//! or `None` plus a note naming each type whose size is unknown.
//!
//! The stage has three parts: [`types`] gives the size, alignment and niche of a type,
//! [`abi`] reproduces rustc's struct and enum layout, and [`coroutine`] rustc's coroutine
//! layout. A future that awaits another future of the file embeds it, so futures are laid out
//! on demand, memoised; a future that contains itself (unboxed recursion, rustc's E0733) gets
//! no size, and `recursion` explains the cycle. With a
//! [`BoxPlan`](crate::boxing::BoxPlan) in the options, the awaitees it chooses are laid out as
//! one pointer (`Pin<Box<..>>`) and their types changed to that.

pub mod abi;
pub mod compare;
pub mod coroutine;
pub mod types;

use std::collections::HashMap;

use crate::analysis::{FutureAnalysis, Options, Role};
use crate::boxing::{BoxPlan, BoxedAwait, BoxedBecause};
use crate::diagnostics::Diagnostic;
use crate::graph::StateId;
use crate::ir::{LocalId, LocalKind, Upvar, UpvarOrigin};
use crate::items::FileIndex;
use crate::ty::Ty;

use abi::Layout;
use coroutine::Coroutine;
pub use types::{Assumption, Target, Unknown};
use types::{Env, FutureSizes};

/// Where the numbers come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SizeSource {
    /// Computed from the source by this stage.
    Estimate,
    /// Read from `rustc -Zprint-type-sizes`.
    Rustc,
}

impl SizeSource {
    pub fn as_str(self) -> &'static str {
        match self {
            SizeSource::Estimate => "estimate",
            SizeSource::Rustc => "rustc",
        }
    }
}

/// Whether a field's bytes belong to it in every state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    /// In the prefix: an upvar, or a local kept by several states (or conflicting with one).
    Prefix,
    /// Kept by one state only: other states reuse its bytes.
    Overlapped,
    /// Not laid out (an unknown size somewhere).
    Unknown,
}

impl Placement {
    pub fn as_str(self) -> &'static str {
        match self {
            Placement::Prefix => "prefix",
            Placement::Overlapped => "overlapped",
            Placement::Unknown => "unknown",
        }
    }
}

/// The whole-future numbers of a layout.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FutureLayout {
    pub size: u64,
    pub align: u64,
    pub source: SizeSource,
    /// The tag that says which state the future is in.
    pub discriminant_size: u64,
    /// Where the tag sits; rustc does not print it, so it is only known from the estimate.
    pub discriminant_offset: Option<u64>,
    /// Bytes of the prefix (upvars, tag, promoted locals), when known.
    pub prefix_size: Option<u64>,
    /// The biggest field: indices into the future's `states` and that state's `fields`.
    pub largest: Option<(usize, usize)>,
}

/// Why a type has no size when it contains itself: the marker the layout gives every field
/// whose size is infinite (unboxed recursion, rustc's E0733).
pub const INFINITE: &str = "it contains itself: unboxed recursion makes an infinitely big future (rustc error E0733)";

/// What laying out a future tells the futures that hold it: its size and alignment, or whether
/// it contains itself. A streamed analysis keeps this much of each future it has laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Laid {
    pub size_align: Option<(u64, u64)>,
    pub infinite: bool,
}

impl Laid {
    fn of(solved: &Solved) -> Laid {
        Laid { size_align: solved.coroutine.as_ref().map(|c| (c.size, c.align)), infinite: solved.infinite }
    }

    /// Whether the future has no size because it contains itself (what the recursion stage
    /// explains).
    pub fn is_infinite(&self) -> bool {
        self.infinite && self.size_align.is_none()
    }
}

/// Lays out futures and stores the result in them; a future they hold that is not among them
/// is found by key with `earlier` (futures laid out before, in a stream of them). Returns what
/// each one's layout tells the futures that hold it.
pub fn compute(
    futures: &mut [FutureAnalysis],
    earlier: &dyn Fn(&str) -> Option<Laid>,
    index: &FileIndex,
    options: &Options,
) -> Vec<Laid> {
    let env = Env { target: Target::from_width(options.pointer_width), index, assume: &options.assume };
    let (solved, heap): (Vec<Solved>, Vec<Vec<Option<u64>>>) = {
        let mut solver = Solver::new(env, futures, earlier, &options.boxing);
        // Awaited futures first, so that laying out one future rarely recurses into another.
        for i in solver.dependency_order() {
            solver.solved(i);
        }
        let solved: Vec<Solved> = (0..futures.len()).map(|i| solver.solved(i)).collect();
        // A boxed awaitee allocates the whole awaited future: its size, now that all are known.
        let heap = solved
            .iter()
            .zip(futures.iter())
            .map(|(s, f)| {
                s.saved
                    .iter()
                    .zip(&s.boxed)
                    .map(|(l, b)| {
                        b.as_ref()?;
                        types::layout_of(&f.body.local(*l).ty, &env, &mut solver).ok().map(|l| l.size)
                    })
                    .collect()
            })
            .collect();
        (solved, heap)
    };
    let laid = solved.iter().map(Laid::of).collect();
    for ((future, solved), heap) in futures.iter_mut().zip(solved).zip(heap) {
        apply(future, &solved, &heap);
    }
    laid
}

/// The layout of one future: per-field results and, when all are known, the coroutine.
#[derive(Clone, Debug)]
struct Solved {
    upvars: Vec<Result<Layout, Unknown>>,
    saved: Vec<LocalId>,
    locals: Vec<Result<Layout, Unknown>>,
    coroutine: Option<Coroutine>,
    too_big: bool,
    /// For each saved local, whether the box plan boxed it.
    boxed: Vec<Option<Boxing>>,
    /// Whether some field is infinitely big.
    infinite: bool,
}

/// How the box plan boxed an awaitee.
#[derive(Clone, Copy, Debug)]
struct Boxing {
    because: BoxedBecause,
    inline_size: Option<u64>,
}

enum Slot {
    Todo,
    Busy,
    Done(Box<Solved>),
}

struct Solver<'a> {
    env: Env<'a>,
    futures: &'a [FutureAnalysis],
    /// Futures laid out before these, by key: a key they hold names the first of them.
    earlier: &'a dyn Fn(&str) -> Option<Laid>,
    plan: &'a BoxPlan,
    /// Futures by key (name, with an instance's arguments).
    by_name: HashMap<String, usize>,
    memo: Vec<Slot>,
    /// How many futures are being laid out, one inside the other.
    depth: u32,
}

/// Futures nested deeper than this (each awaiting the next) get no size rather than
/// exhausting the stack.
const MAX_NESTING: u32 = 200;

impl<'a> Solver<'a> {
    fn new(
        env: Env<'a>,
        futures: &'a [FutureAnalysis],
        earlier: &'a dyn Fn(&str) -> Option<Laid>,
        plan: &'a BoxPlan,
    ) -> Solver<'a> {
        let mut by_name = HashMap::new();
        for (i, f) in futures.iter().enumerate() {
            let key = f.key();
            if earlier(&key).is_none() {
                by_name.entry(key).or_insert(i);
            }
        }
        let memo = futures.iter().map(|_| Slot::Todo).collect();
        Solver { env, futures, earlier, plan, by_name, memo, depth: 0 }
    }

    /// The futures in an order where each comes after the futures its fields embed (as far
    /// as cycles allow), found without recursion.
    fn dependency_order(&self) -> Vec<usize> {
        let deps: Vec<Vec<usize>> = self
            .futures
            .iter()
            .map(|f| {
                let tys = f.body.upvars.iter().map(|u| &u.ty).chain(f.body.locals.iter().map(|l| &l.ty));
                let mut names = Vec::new();
                for ty in tys {
                    future_names(ty, &mut names);
                }
                names.iter().filter_map(|n| self.by_name.get(n.as_str()).copied()).collect()
            })
            .collect();
        let mut order = Vec::with_capacity(deps.len());
        let mut seen = vec![false; deps.len()];
        for root in 0..deps.len() {
            if seen[root] {
                continue;
            }
            seen[root] = true;
            let mut stack = vec![(root, 0usize)];
            while let Some((node, next)) = stack.pop() {
                match deps[node].get(next) {
                    Some(&child) => {
                        stack.push((node, next + 1));
                        if !seen[child] {
                            seen[child] = true;
                            stack.push((child, 0));
                        }
                    }
                    None => order.push(node),
                }
            }
        }
        order
    }

    fn solved(&mut self, i: usize) -> Solved {
        if let Slot::Todo = self.memo[i] {
            self.memo[i] = Slot::Busy;
            self.depth += 1;
            let solved = self.solve(i);
            self.depth -= 1;
            self.memo[i] = Slot::Done(Box::new(solved));
        }
        match &self.memo[i] {
            Slot::Done(s) => (**s).clone(),
            Slot::Todo | Slot::Busy => Solved {
                upvars: Vec::new(),
                saved: Vec::new(),
                locals: Vec::new(),
                coroutine: None,
                too_big: false,
                boxed: Vec::new(),
                infinite: false,
            },
        }
    }

    fn solve(&mut self, i: usize) -> Solved {
        let futures = self.futures;
        let env = self.env;
        let f = &futures[i];
        let body = &f.body;
        let mut saved: Vec<LocalId> = f.saved.saved.iter().flatten().map(|s| s.local).collect();
        saved.sort();
        saved.dedup();
        let upvars: Vec<_> = body.upvars.iter().map(|u| self.upvar(u, &env)).collect();
        let mut locals = Vec::with_capacity(saved.len());
        let mut boxed = Vec::with_capacity(saved.len());
        for &l in &saved {
            let (layout, boxing) = self.saved_local(f, l, &env);
            locals.push(layout);
            boxed.push(boxing);
        }
        let infinite = upvars.iter().chain(&locals).any(|r| matches!(r, Err(u) if u.why == INFINITE));
        let mut solved = Solved { upvars, saved, locals, coroutine: None, too_big: false, boxed, infinite };
        let (Ok(upvars), Ok(locals)) = (
            solved.upvars.iter().cloned().collect::<Result<Vec<_>, _>>(),
            solved.locals.iter().cloned().collect::<Result<Vec<_>, _>>(),
        ) else {
            return solved;
        };
        let position = |l: LocalId| solved.saved.binary_search(&l).ok();
        let suspends: Vec<Vec<usize>> = body
            .states()
            .iter()
            .map(|s| {
                let mut v: Vec<usize> =
                    f.saved.saved.get(s.index()).into_iter().flatten().filter_map(|x| position(x.local)).collect();
                v.sort_unstable();
                v.dedup();
                v
            })
            .collect();
        let n = solved.saved.len();
        let mut conflicts = vec![vec![false; n]; n];
        for (a, row) in conflicts.iter_mut().enumerate() {
            row[a] = true;
        }
        for &(a, b) in &f.saved.conflicts {
            if let (Some(a), Some(b)) = (position(a), position(b)) {
                conflicts[a][b] = true;
                conflicts[b][a] = true;
            }
        }
        let input = coroutine::Input { upvars: &upvars, locals: &locals, suspends: &suspends, conflicts: &conflicts };
        solved.coroutine = coroutine::layout(&input, env.target.bound());
        solved.too_big = solved.coroutine.is_none();
        solved
    }

    /// A saved local's layout, and whether the box plan boxed it: an awaitee the plan names,
    /// or one bigger than its limit (or infinitely big), is one pointer.
    fn saved_local(
        &mut self,
        f: &FutureAnalysis,
        l: LocalId,
        env: &Env<'_>,
    ) -> (Result<Layout, Unknown>, Option<Boxing>) {
        let local = f.body.local(l);
        let plan = self.plan;
        let suspend = match local.kind {
            LocalKind::Awaitee(s) if !plan.is_empty() && !is_boxed(&local.ty) => f.body.suspends.get(s.index()),
            _ => None,
        };
        let Some(suspend) = suspend else {
            return (types::layout_of(&local.ty, env, self), None);
        };
        let pointer = Layout::scalar(env.target.pointer, env.target.pointer, 1);
        if plan.awaits.iter().any(|a| a.matches(suspend.span)) {
            return (Ok(pointer), Some(Boxing { because: BoxedBecause::Named, inline_size: None }));
        }
        let inline = types::layout_of(&local.ty, env, self);
        match (plan.over, &inline) {
            (Some(n), Ok(layout)) if layout.size > n => {
                let inline_size = Some(layout.size);
                (Ok(pointer), Some(Boxing { because: BoxedBecause::Over(n), inline_size }))
            }
            (Some(n), Err(u)) if u.why == INFINITE => {
                (Ok(pointer), Some(Boxing { because: BoxedBecause::Over(n), inline_size: None }))
            }
            _ => (inline, None),
        }
    }

    /// An upvar's layout. A by-reference capture points at a local, which is always sized,
    /// so it is a thin pointer even when the local's type is not known.
    fn upvar(&mut self, upvar: &Upvar, env: &Env<'_>) -> Result<Layout, Unknown> {
        let by_ref = matches!(upvar.origin, UpvarOrigin::CaptureByRef | UpvarOrigin::CaptureByMutRef);
        if by_ref && matches!(&upvar.ty, Ty::Ref { inner, .. } if **inner == Ty::Unknown) {
            let p = env.target.pointer;
            return Ok(Layout::scalar(p, p, 1));
        }
        types::layout_of(&upvar.ty, env, self)
    }
}

impl FutureSizes for Solver<'_> {
    fn future(&mut self, ty: &Ty) -> Result<Layout, Unknown> {
        let Some(key) = ty.future_key() else {
            return Err(Unknown::new(ty, "it is not a future of this file"));
        };
        let name = key.as_str();
        if let Some(laid) = (self.earlier)(name) {
            return match laid.size_align {
                Some((size, align)) => Ok(Layout::plain(size, align)),
                None if laid.infinite => Err(Unknown::new(ty, INFINITE)),
                None => Err(Unknown::new(ty, format!("the size of `{name}` is not known (see `{name}`)"))),
            };
        }
        let Some(&i) = self.by_name.get(name) else {
            return Err(Unknown::new(ty, format!("`{name}` has no body in this file")));
        };
        if let Slot::Busy = self.memo[i] {
            return Err(Unknown::new(ty, INFINITE));
        }
        if self.depth >= MAX_NESTING && matches!(self.memo[i], Slot::Todo) {
            return Err(Unknown::new(ty, format!("futures nest more than {MAX_NESTING} deep here")));
        }
        let solved = self.solved(i);
        match solved.coroutine {
            Some(c) => Ok(Layout::plain(c.size, c.align)),
            None if solved.infinite => Err(Unknown::new(ty, INFINITE)),
            None => Err(Unknown::new(ty, format!("the size of `{name}` is not known (see `{name}`)"))),
        }
    }
}

/// Whether a type is already a pointer to the future (`Pin<Box<..>>`, `Box<..>`).
fn is_boxed(ty: &Ty) -> bool {
    match ty {
        Ty::Adt { name, args } if name == "Pin" => args.first().is_some_and(is_boxed),
        Ty::Adt { name, .. } => name == "Box",
        _ => false,
    }
}

/// `Pin<Box<ty>>`.
fn pin_box(ty: Ty) -> Ty {
    Ty::adt("Pin", vec![Ty::adt("Box", vec![ty])])
}

/// The futures of the file a type names directly (`{async fn body of f()}` inside an
/// `Option`, a tuple, ...), not behind a pointer.
fn future_names(ty: &Ty, out: &mut Vec<String>) {
    match ty {
        Ty::AsyncFnFuture { .. } | Ty::BlockFuture { .. } => out.extend(ty.future_key()),
        Ty::Array(inner, _) => future_names(inner, out),
        Ty::Tuple(items) => items.iter().for_each(|t| future_names(t, out)),
        Ty::Adt { name, args }
            if !crate::pointer::is_smart_pointer_name(name) && !matches!(name.as_str(), "Pin" | "Vec") =>
        {
            args.iter().for_each(|t| future_names(t, out))
        }
        Ty::Adt { name, args } if name == "Pin" => args.iter().for_each(|t| future_names(t, out)),
        _ => {}
    }
}

/// Stores a future's layout in its fields and states, with a note per unknown size; gives the
/// awaitees the box plan boxed their boxed type, and records them.
fn apply(future: &mut FutureAnalysis, solved: &Solved, heap: &[Option<u64>]) {
    let position = |l: LocalId| solved.saved.binary_search(&l).ok();
    record_boxing(future, solved, heap);
    let coroutine = solved.coroutine.as_ref();
    for state in &mut future.states {
        let mut upvar_index = 0;
        for field in &mut state.fields {
            let (layout, offset, placement) = match (field.role == Role::Upvar, field.local.and_then(position)) {
                (true, _) => {
                    let k = upvar_index;
                    upvar_index += 1;
                    let offset = coroutine.and_then(|c| c.upvar_offsets.get(k).copied());
                    (solved.upvars.get(k), offset, Placement::Prefix)
                }
                (false, Some(j)) => {
                    let offset = coroutine.and_then(|c| c.local_offsets.get(j).copied());
                    let placement = match coroutine.and_then(|c| c.promoted.get(j)) {
                        Some(true) => Placement::Prefix,
                        Some(false) => Placement::Overlapped,
                        None => Placement::Unknown,
                    };
                    (solved.locals.get(j), offset, placement)
                }
                (false, None) => (None, None, Placement::Unknown),
            };
            let layout = layout.and_then(|l| l.as_ref().ok());
            field.size = layout.map(|l| l.size);
            field.align = layout.map(|l| l.align);
            field.offset = offset;
            field.placement = placement;
        }
        state.size = coroutine.and_then(|c| c.printed_sizes.get(state.id.discriminant() as usize).copied());
    }
    future.layout = coroutine.map(|c| FutureLayout {
        size: c.size,
        align: c.align,
        source: SizeSource::Estimate,
        discriminant_size: c.tag_size,
        discriminant_offset: Some(c.tag_offset),
        prefix_size: Some(c.prefix_size),
        largest: largest_field(future),
    });
    future.diagnostics.extend(unknown_notes(future, solved));
}

/// Changes the type of every awaitee the plan boxed to `Pin<Box<..>>` and lists them in
/// `future.boxed`.
fn record_boxing(future: &mut FutureAnalysis, solved: &Solved, heap: &[Option<u64>]) {
    for (j, (&l, boxing)) in solved.saved.iter().zip(&solved.boxed).enumerate() {
        let Some(boxing) = boxing else { continue };
        let local = future.body.local(l);
        let LocalKind::Awaitee(s) = local.kind else { continue };
        let Some((state, span, expr)) = future
            .body
            .suspends
            .get(s.index())
            .and_then(|s| Some((StateId::Suspend(s.state?), s.span, s.expr.clone())))
        else {
            continue;
        };
        let inline_ty = local.ty.clone();
        let boxed_ty = pin_box(inline_ty.clone());
        future.body.locals[l.index()].ty = boxed_ty.clone();
        for field in future.states.iter_mut().flat_map(|s| &mut s.fields).filter(|x| x.local == Some(l)) {
            field.ty = boxed_ty.clone();
        }
        future.boxed.push(BoxedAwait {
            state,
            span,
            expr,
            inline_ty: inline_ty.to_string(),
            heap_size: heap.get(j).copied().flatten(),
            inline_size: boxing.inline_size,
            because: boxing.because,
        });
    }
    future.boxed.sort_by_key(|b| (b.span.line, b.span.column));
}

/// The biggest field of any state (the first one found on a tie).
pub fn largest_field(future: &FutureAnalysis) -> Option<(usize, usize)> {
    let mut best: Option<((usize, usize), u64)> = None;
    for (s, state) in future.states.iter().enumerate() {
        for (i, field) in state.fields.iter().enumerate() {
            let size = field.size.unwrap_or(0);
            if size > 0 && best.is_none_or(|(_, b)| size > b) {
                best = Some(((s, i), size));
            }
        }
    }
    best.map(|(at, _)| at)
}

/// One note per field whose size is unknown (one per type when the type is known).
fn unknown_notes(future: &FutureAnalysis, solved: &Solved) -> Vec<Diagnostic> {
    let mut notes: Vec<Diagnostic> = Vec::new();
    let mut push = |d: Diagnostic| {
        if !notes.iter().any(|n| n.message == d.message) {
            notes.push(d);
        }
    };
    let body = &future.body;
    let named = body.upvars.iter().map(|u| (u.name.clone(), u.span, String::new()));
    let named = named.chain(solved.saved.iter().map(|&l| {
        let local = body.local(l);
        let what = match &local.kind {
            crate::ir::LocalKind::Awaitee(s) => {
                format!(" (the future of `{}`)", body.suspends.get(s.index()).map(|s| s.expr.as_str()).unwrap_or(""))
            }
            crate::ir::LocalKind::Temp { expr } | crate::ir::LocalKind::TryBranch { expr } => {
                format!(" (the temporary `{expr}`)")
            }
            _ => String::new(),
        };
        let name = if local.name.is_empty() { "temporary".to_string() } else { local.name.clone() };
        (name, local.span, what)
    }));
    let results = solved.upvars.iter().chain(&solved.locals);
    for ((name, span, what), result) in named.zip(results) {
        let Err(unknown) = result else { continue };
        if unknown.ty == Ty::Unknown.to_string() {
            push(
                Diagnostic::note(
                    format!("size of `{name}`{what} unknown: its type is not known from the source"),
                    Some(span),
                )
                .with_help(format!("annotate its type (`let {name}: Type = …`)")),
            );
        } else if unknown.why == INFINITE {
            // The recursion stage explains the cycle.
            continue;
        } else if unknown.why.starts_with("the size of `") {
            push(Diagnostic::note(format!("size of `{}` unknown: {}", unknown.ty, unknown.why), Some(span)));
        } else {
            let bare = unknown.ty.clone();
            push(
                Diagnostic::note(format!("size of `{}` unknown: {}", unknown.ty, unknown.why), Some(span))
                    .with_help(format!("give it with `--assume '{bare}=SIZE[:ALIGN]'`")),
            );
        }
    }
    if solved.too_big {
        push(Diagnostic::note("the future is too big for the target: rustc rejects it", Some(future.span)));
    }
    notes
}
