//! The stages after lowering, run as the futures come, and the order they are handed out in.
//!
//! In: the futures of a file as the lowering makes them, a top-level item at a time (then the
//! instances of generic fns, at the end), the file's index and the options. Out: each future's
//! [`FutureAnalysis`], handed out in the order of `Analysis::futures` as soon as it and every
//! future of the file its fields hold are laid out and judged. Of a future handed out, only
//! what the futures after it need is kept ([`Earlier`]): its size and alignment, its `Send`
//! verdict, the biggest field of its largest state, and the whole future only when it
//! contains itself (for the recursion stage). So a big file's analysis need not be held
//! whole: each future can be printed and dropped as it comes.
//!
//! Drop elaboration, liveness, the states and the state graph are a future's own: they run as
//! soon as it is lowered. Layout, recursion and `Send` look into the futures a future holds
//! (awaitees, futures kept in variables or captured), so they run on a batch: the first
//! future not handed out and every future it holds, transitively, that is not laid out yet,
//! once none of them holds a future that may still be lowered (one of a fn further down the
//! file, or an instance of a generic fn). A batch is laid out as a whole file is: the futures
//! it holds first, cycles (unboxed recursion) within it; a key names the first future with it.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use crate::analysis::{self, FutureAnalysis, Options};
use crate::attribution::{self, Hop, Link};
use crate::diagnostics::Diagnostic;
use crate::items::FileIndex;
use crate::layout::Laid;
use crate::lower::LoweredFuture;
use crate::send::{Judged, SendReport};
use crate::ty::Ty;
use crate::{drops, graph, ir, layout, liveness, recursion, send, ty};

/// Where a future comes in the order of futures: where it starts and ends in the source,
/// whether it is an instance of a generic fn (after the generic body), and when it was lowered.
type Order = (usize, usize, bool, usize);

/// What is kept of a future laid out and judged, for the futures that hold it: a big file has
/// hundreds of thousands, so what is usually the key again, or empty, takes no room.
struct Summary {
    laid: Laid,
    /// Its name as shown, when it is not the key.
    display: Option<Box<str>>,
    /// Its name without an instance's arguments, when it is not the key.
    name: Option<Box<str>>,
    send: Option<Box<SendReport>>,
    /// The verdict of a future whose report says no more than it.
    verdict: Option<bool>,
    sized: bool,
    link: Option<Box<Link>>,
}

impl Summary {
    fn of(key: &str, future: &FutureAnalysis, laid: Laid) -> Summary {
        let other = |name: &str| (name != key).then(|| name.into());
        let report = &future.send;
        let plain = report.not_send_because.is_none() && report.unknown.is_none();
        let hop = Hop::of(future);
        Summary {
            laid,
            display: other(future.display_name()),
            name: other(&future.name),
            send: (!plain).then(|| Box::new(report.clone())),
            verdict: report.send,
            sized: hop.sized,
            link: hop.link.map(Box::new),
        }
    }

    fn judged(&self, key: &str) -> Judged {
        let report = match &self.send {
            Some(report) => SendReport::clone(report),
            None => SendReport { send: self.verdict, ..SendReport::default() },
        };
        Judged { display: self.display.as_deref().unwrap_or(key).to_string(), report }
    }

    fn hop(&self, key: &str) -> Hop {
        let name = self.name.as_deref().unwrap_or(key).to_string();
        Hop { name, sized: self.sized, link: self.link.as_deref().cloned() }
    }
}

/// What the futures laid out so far leave for the ones after them, by key (the first future
/// with a key).
#[derive(Default)]
pub struct Earlier {
    summaries: HashMap<String, Summary>,
    /// The futures that contain themselves, whole, as the layout left them: the recursion
    /// stage follows their fields.
    infinite: Vec<(Order, FutureAnalysis)>,
}

impl Earlier {
    /// What the chain of what makes a future big needs of the future with this key.
    fn hop(&self, key: &str) -> Option<Hop> {
        self.summaries.get(key).map(|s| s.hop(key))
    }
}

/// A future of the file a future holds (in a field's type, at any depth).
struct Dep {
    key: String,
    /// The name without an instance's arguments.
    name: String,
    /// An instance of a generic fn (or a future inside one).
    instance: bool,
    /// An async block or closure (`async block@L:C`), not an async fn.
    block: bool,
}

struct Pending {
    future: FutureAnalysis,
    deps: Vec<Dep>,
    /// Laid out and judged; handed out when its turn comes.
    done: bool,
}

pub struct Stream<'a> {
    index: &'a FileIndex,
    options: &'a Options,
    pending: BTreeMap<Order, Pending>,
    /// The futures pending and not laid out, by key.
    keys: HashMap<String, BTreeSet<Order>>,
    lowered: usize,
    /// The end (byte, line) of the last item lowered; `None` once every future is lowered.
    lowered_to: Option<(usize, u32)>,
    /// Where the first generic fn with futures starts and ends: its instances, lowered at the
    /// end, come in the order of futures from there.
    first_generic: Option<(usize, usize)>,
    /// Where the last async fn of each name starts: a future of that name that is not lowered
    /// yet is lowered with it.
    fn_starts: HashMap<&'a str, usize>,
    pub earlier: Earlier,
    handed: usize,
}

impl<'a> Stream<'a> {
    pub fn new(index: &'a FileIndex, options: &'a Options) -> Stream<'a> {
        let mut fn_starts: HashMap<&str, usize> = HashMap::new();
        for sig in index.by_start.values().filter(|sig| sig.is_async) {
            let start = fn_starts.entry(sig.name.as_str()).or_insert(sig.start_byte);
            *start = (*start).max(sig.start_byte);
        }
        Stream {
            index,
            options,
            pending: BTreeMap::new(),
            keys: HashMap::new(),
            lowered: 0,
            lowered_to: Some((0, 0)),
            first_generic: None,
            fn_starts,
            earlier: Earlier::default(),
            handed: 0,
        }
    }

    /// How many futures were handed out.
    pub fn handed(&self) -> usize {
        self.handed
    }

    /// Takes futures just lowered (in the order they were lowered), runs their own stages, and
    /// notes how far the lowering has got: to the end (byte, line) of an item, or (`None`) to
    /// the end of the file; `first_generic` is the lowering's.
    pub fn lowered(
        &mut self,
        futures: Vec<LoweredFuture>,
        to: Option<(usize, u32)>,
        first_generic: Option<(usize, usize)>,
    ) {
        for lowered in futures {
            let future = own_stages(lowered);
            let order = (future.span.start_byte, future.span.end_byte, future.instance.is_some(), self.lowered);
            self.lowered += 1;
            let deps = deps_of(&future);
            self.keys.entry(future.key()).or_default().insert(order);
            self.pending.insert(order, Pending { future, deps, done: false });
        }
        self.lowered_to = to;
        self.first_generic = first_generic;
    }

    /// Hands out, in order, every future that can be: laid out and judged, with no future
    /// still to be lowered that could come before it.
    pub fn hand_out(&mut self, each: &mut dyn FnMut(FutureAnalysis)) {
        while let Some((&order, front)) = self.pending.first_key_value() {
            if self.instance_may_precede(order) {
                return;
            }
            if !front.done {
                let Some(batch) = self.batch(order) else { return };
                self.finish(&batch);
            }
            let Some((_, pending)) = self.pending.pop_first() else { return };
            self.handed += 1;
            each(pending.future);
        }
    }

    /// Whether an instance of a generic fn, lowered at the end, may come before `order`.
    fn instance_may_precede(&self, order: Order) -> bool {
        self.lowered_to.is_some()
            && self.first_generic.is_some_and(|(s, e)| (order.0, order.1, order.2) >= (s, e, true))
    }

    /// The batch of `front`: it and every future it holds, transitively, not laid out yet, in
    /// order; `None` while one of them holds a future that may still be lowered.
    fn batch(&self, front: Order) -> Option<Vec<Order>> {
        let mut members = vec![front];
        let mut seen: HashSet<Order> = HashSet::from([front]);
        let mut i = 0;
        while let Some(&member) = members.get(i) {
            for dep in &self.pending[&member].deps {
                if self.earlier.summaries.contains_key(&dep.key) {
                    continue;
                }
                if let Some(&first) = self.keys.get(&dep.key).and_then(BTreeSet::first) {
                    if seen.insert(first) {
                        members.push(first);
                    }
                    continue;
                }
                if self.may_come(dep) {
                    return None;
                }
            }
            i += 1;
        }
        members.sort_unstable();
        Some(members)
    }

    /// Whether a future not lowered yet may still be.
    fn may_come(&self, dep: &Dep) -> bool {
        let Some((byte, line)) = self.lowered_to else { return false };
        if dep.instance {
            return true;
        }
        if dep.block {
            // `async block@L:C`: lowered with the item around line L.
            let line_of = dep.name.rsplit_once('@').and_then(|(_, at)| at.split(':').next()?.parse::<u32>().ok());
            return line_of.is_none_or(|l| l >= line);
        }
        self.fn_starts.get(dep.name.as_str()).is_some_and(|&start| start >= byte)
    }

    /// Lays out, explains and judges a batch, and keeps what the futures after it need.
    fn finish(&mut self, batch: &[Order]) {
        let (index, options) = (self.index, self.options);
        let mut futures: Vec<FutureAnalysis> = Vec::with_capacity(batch.len());
        for order in batch {
            let Some(pending) = self.pending.remove(order) else { continue };
            futures.push(pending.future);
        }
        let summaries = &self.earlier.summaries;
        let laid = layout::compute(&mut futures, &|key| summaries.get(key).map(|s| s.laid), index, options);
        if laid.iter().any(Laid::is_infinite) {
            self.explain(batch, &mut futures, &laid);
        }
        let summaries = &self.earlier.summaries;
        send::compute(&mut futures, &|key| summaries.get(key).map(|s| s.judged(key)), index);
        for (future, laid) in futures.iter().zip(laid) {
            if let std::collections::hash_map::Entry::Vacant(slot) = self.earlier.summaries.entry(future.key()) {
                let summary = Summary::of(slot.key(), future, laid);
                slot.insert(summary);
            }
        }
        // With the whole batch summarised, each future's chain can follow the ones it holds.
        for (order, mut future) in batch.iter().zip(futures) {
            future.chain = attribution::chain_through(&future, |key| self.earlier.hop(key));
            let key = future.key();
            if let Some(orders) = self.keys.get_mut(&key) {
                orders.remove(order);
                if orders.is_empty() {
                    self.keys.remove(&key);
                }
            }
            self.pending.insert(*order, Pending { future, deps: Vec::new(), done: true });
        }
    }

    /// The recursion stage for a batch with futures that contain themselves, with every such
    /// future laid out before it (whole, as the layout left them): the cycles they are on.
    fn explain(&mut self, batch: &[Order], futures: &mut Vec<FutureAnalysis>, laid: &[Laid]) {
        for ((order, future), laid) in batch.iter().zip(futures.iter()).zip(laid) {
            if laid.is_infinite() {
                self.earlier.infinite.push((*order, future.clone()));
            }
        }
        // The batch's futures and the earlier infinite ones, in order.
        let mut all: Vec<(Order, Option<usize>, FutureAnalysis, bool)> = Vec::new();
        for (i, (order, future)) in batch.iter().zip(futures.drain(..)).enumerate() {
            all.push((*order, Some(i), future, laid[i].is_infinite()));
        }
        for (order, future) in &self.earlier.infinite {
            if !batch.contains(order) {
                all.push((*order, None, future.clone(), true));
            }
        }
        all.sort_by_key(|(order, ..)| *order);
        let infinite: Vec<bool> = all.iter().map(|(.., infinite)| *infinite).collect();
        let mut whole: Vec<FutureAnalysis> = Vec::with_capacity(all.len());
        let mut places = Vec::with_capacity(all.len());
        for (_, place, future, _) in all {
            places.push(place);
            whole.push(future);
        }
        // A key whose first future was laid out before and is finite names no future here.
        let summaries = &self.earlier.summaries;
        let elsewhere = |key: &str| summaries.get(key).is_some_and(|s| !s.laid.is_infinite());
        recursion::explain(&mut whole, &infinite, &elsewhere, self.index, &self.options.file_name);
        let mut back: Vec<(usize, FutureAnalysis)> =
            places.into_iter().zip(whole).filter_map(|(place, future)| Some((place?, future))).collect();
        back.sort_by_key(|(place, _)| *place);
        futures.extend(back.into_iter().map(|(_, future)| future));
    }
}

/// A future's own stages: drop elaboration, liveness, states, the state graph, and notes on
/// values kept because their type is assumed to need drop.
fn own_stages(future: LoweredFuture) -> FutureAnalysis {
    let mut body = future.body;
    drops::elaborate(&mut body);
    let saved = liveness::compute(&body);
    let states = analysis::build_states(&body, &saved);
    let graph = graph::build(&body);
    let mut diagnostics = future.diagnostics;
    diagnostics.extend(assumption_notes(&body, &saved));
    FutureAnalysis {
        name: future.name,
        kind: future.kind,
        span: future.span,
        label_span: future.label_span,
        output: future.output,
        body,
        saved,
        states,
        graph,
        diagnostics,
        generic: future.generic,
        instance: future.instance,
        layout: None,
        recursion: None,
        chain: None,
        boxed: Vec::new(),
        send: send::SendReport::default(),
    }
}

/// The futures of the file a future's upvars and locals hold, at any depth of their types
/// (behind pointers too: `Send` looks there).
fn deps_of(future: &FutureAnalysis) -> Vec<Dep> {
    let mut deps: Vec<Dep> = Vec::new();
    let tys = future.body.upvars.iter().map(|u| &u.ty).chain(future.body.locals.iter().map(|l| &l.ty));
    for ty in tys {
        walk(ty, &mut |t| {
            let (Ty::AsyncFnFuture { name, args } | Ty::BlockFuture { name, args, .. }) = t else { return };
            let key = ty::instance_name(name, args);
            if !deps.iter().any(|d| d.key == key) {
                let block = matches!(t, Ty::BlockFuture { .. });
                deps.push(Dep { key, name: name.clone(), instance: !args.is_empty(), block });
            }
        });
    }
    deps
}

/// Every type in `ty` where a future the stages look into can be: arguments, elements,
/// pointees, captures (not what a `dyn`, a closure or a block returns).
fn walk(ty: &Ty, f: &mut impl FnMut(&Ty)) {
    f(ty);
    match ty {
        Ty::Ref { inner, .. } | Ty::Ptr { inner, .. } | Ty::Array(inner, _) | Ty::Slice(inner) => walk(inner, f),
        Ty::Inst { ty, .. } => walk(ty, f),
        Ty::Tuple(items)
        | Ty::Adt { args: items, .. }
        | Ty::AsyncFnFuture { args: items, .. }
        | Ty::BlockFuture { args: items, .. }
        | Ty::Closure { captures: items, .. } => items.iter().for_each(|t| walk(t, f)),
        _ => {}
    }
}

/// Notes for saved values kept only because their type was assumed to need drop: the source
/// does not say whether it does (a type declared elsewhere, or a generic parameter).
fn assumption_notes(body: &ir::Body, saved: &liveness::SavedSets) -> Vec<Diagnostic> {
    let mut notes: Vec<Diagnostic> = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for entry in saved.saved.iter().flatten() {
        let local = body.local(entry.local);
        let (ty::DropGlue::Assumed(why), liveness::Reason::DroppedAtScopeEnd { .. }) = (&local.drop, &entry.reason)
        else {
            continue;
        };
        if !local.is_named() || !seen.insert(entry.local) {
            continue;
        }
        notes.push(Diagnostic::note(
            format!(
                "`{}` is kept until its scope ends because its type `{}` is assumed to need drop: {why}",
                local.name, local.ty
            ),
            Some(local.span),
        ));
    }
    notes
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names of the futures handed out after each item is lowered, then at the end.
    fn handed_out(src: &str) -> Vec<Vec<String>> {
        let options = Options::default();
        let items = crate::parse::items(src).expect("parses");
        let index = crate::items::IndexBuilder::default().build(&items);
        let mut stream = Stream::new(&index, &options);
        let mut discovery = crate::lower::Discovery::new(src, &index, options.edition);
        let mut steps = Vec::new();
        for item in &items {
            discovery.add(item);
            let end = crate::diagnostics::Span::of(item).end();
            stream.lowered(discovery.take(), Some(end), discovery.first_generic());
            let mut names = Vec::new();
            stream.hand_out(&mut |f| names.push(f.display_name().to_string()));
            steps.push(names);
        }
        let first_generic = discovery.first_generic();
        let (rest, _) = discovery.finish();
        stream.lowered(rest, None, first_generic);
        let mut names = Vec::new();
        stream.hand_out(&mut |f| names.push(f.display_name().to_string()));
        steps.push(names);
        steps
    }

    #[test]
    fn a_future_is_handed_out_once_the_futures_it_holds_are_lowered() {
        let src = "async fn a() {}\nasync fn b() { a().await }\nasync fn c() { d().await }\nasync fn d() {}\n";
        assert_eq!(handed_out(src), [vec!["a"], vec!["b"], vec![], vec!["c", "d"], vec![]]);
    }

    #[test]
    fn futures_after_a_generic_fn_wait_for_its_instances() {
        let src = "async fn a() {}\nasync fn g<T>(t: T) -> T { t }\nasync fn h() { g(1u8).await; }\n";
        assert_eq!(handed_out(src), [vec!["a"], vec!["g"], vec![], vec!["g<u8>", "h"]]);
    }
}
