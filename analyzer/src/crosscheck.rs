//! Comparing the analysis with rustc's own layout of the same futures.
//!
//! In: an [`Analysis`] and the futures parsed from rustc's `-Zprint-type-sizes` output. Out:
//! a [`Crosscheck`] saying, for every future rustc printed, whether the states and the saved
//! locals of each `SuspendN` agree, and what differs when they do not.

use std::collections::BTreeSet;

use crate::analysis::{Analysis, FutureAnalysis, Role};
use crate::graph::StateId;
use crate::rustc::{RustcFuture, RustcRole};

/// The agreement of one future with rustc.
#[derive(Clone, Debug)]
pub struct FutureCheck {
    pub name: String,
    pub states_match: bool,
    /// Suspend states compared, and how many of them hold the same saved locals.
    pub suspends: usize,
    pub suspends_matching: usize,
    pub differences: Vec<String>,
}

#[derive(Clone, Debug, Default)]
pub struct Crosscheck {
    pub futures: Vec<FutureCheck>,
    /// Futures rustc printed that the analysis does not have, and the reverse.
    pub missing: Vec<String>,
    pub extra: Vec<String>,
}

impl Crosscheck {
    pub fn differences(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for f in &self.futures {
            out.extend(f.differences.iter().map(|d| format!("`{}`: {d}", f.name)));
        }
        out.extend(self.missing.iter().map(|n| format!("rustc lays out `{n}`, which the analysis did not find")));
        out.extend(self.extra.iter().map(|n| format!("the analysis found `{n}`, which rustc does not lay out")));
        out
    }
}

/// The analysis' future that is rustc's: the same name, and for an instance of a generic
/// fn, the same generic arguments.
pub fn pair<'a>(analysis: &'a Analysis, theirs: &RustcFuture) -> Option<&'a FutureAnalysis> {
    let mut same_name: Vec<&FutureAnalysis> = analysis.futures.iter().filter(|f| f.name == theirs.name).collect();
    if same_name.is_empty() {
        let loose = crate::rustc::loose_name(&theirs.name);
        same_name = analysis.futures.iter().filter(|f| crate::rustc::loose_name(&f.name) == loose).collect();
    }
    if same_name.is_empty() {
        // `<std::rc::Rc<Reel> as ReelReader>::scan` is the analysis' `<Rc<Reel> as ReelReader>::scan`.
        let loosest = crate::rustc::without_modules(&crate::rustc::loose_name(&theirs.name));
        same_name = analysis
            .futures
            .iter()
            .filter(|f| crate::rustc::without_modules(&crate::rustc::loose_name(&f.name)) == loosest)
            .collect();
    }
    let instances: Vec<&&FutureAnalysis> = same_name.iter().filter(|f| f.instance.is_some()).collect();
    if instances.is_empty() {
        return same_name.into_iter().find(|f| !f.generic).or(None);
    }
    let key = crate::rustc::instance_key(&theirs.rustc_name);
    let loose = crate::rustc::without_modules(&key);
    instances
        .iter()
        .find(|f| crate::rustc::normalize_type_name(f.display_name()) == key)
        .or_else(|| {
            instances
                .iter()
                .find(|f| crate::rustc::without_modules(&crate::rustc::normalize_type_name(f.display_name())) == loose)
        })
        .map(|f| **f)
        // An async block inside instances carries no arguments in rustc's name: the first.
        .or_else(|| {
            (theirs.kind != crate::rustc::RustcFutureKind::AsyncFn).then(|| instances.first().map(|f| **f)).flatten()
        })
}

/// [`pair`] for every future rustc printed, in order. An async block or closure inside a
/// generic fn has one layout per instantiation, and rustc names them all alike (no generic
/// arguments): they are shared out among the analysis' instances of that block one to one,
/// each to the instance whose estimate is closest to it.
pub fn pairing<'a>(analysis: &'a Analysis, rustc: &[RustcFuture]) -> Vec<Option<&'a FutureAnalysis>> {
    let mut out: Vec<Option<&FutureAnalysis>> = rustc.iter().map(|r| pair(analysis, r)).collect();
    let mut groups: std::collections::BTreeMap<&str, Vec<usize>> = std::collections::BTreeMap::new();
    for (i, r) in rustc.iter().enumerate() {
        if r.kind != crate::rustc::RustcFutureKind::AsyncFn && out[i].is_some_and(|f| f.instance.is_some()) {
            groups.entry(r.name.as_str()).or_default().push(i);
        }
    }
    for (_, theirs) in groups.into_iter().filter(|(_, g)| g.len() > 1) {
        let name = out[theirs[0]].map(|f| f.name.clone()).unwrap_or_default();
        let ours: Vec<&FutureAnalysis> =
            analysis.futures.iter().filter(|f| f.name == name && f.instance.is_some()).collect();
        if ours.len() < 2 {
            continue;
        }
        let mut costs: Vec<(usize, usize, usize)> = Vec::new();
        for &i in &theirs {
            for (k, f) in ours.iter().enumerate() {
                costs.push((distance(f, &rustc[i]), i, k));
            }
        }
        costs.sort_unstable();
        let (mut given, mut taken) = (BTreeSet::new(), BTreeSet::new());
        for (_, i, k) in costs {
            if !given.contains(&i) && !taken.contains(&k) {
                out[i] = Some(ours[k]);
                given.insert(i);
                taken.insert(k);
            }
        }
    }
    out
}

/// How far an estimate is from rustc's layout: a different total weighs more than any
/// number of differing fields; no estimate is as far as can be.
fn distance(ours: &FutureAnalysis, theirs: &RustcFuture) -> usize {
    match &ours.layout {
        None => usize::MAX,
        Some(layout) => {
            usize::from(layout.size != theirs.size) * 1_000_000
                + crate::layout::compare::differences(ours, theirs).len()
        }
    }
}

/// Compares every future rustc laid out with the analysis' future of the same name.
pub fn check(analysis: &Analysis, rustc: &[RustcFuture]) -> Crosscheck {
    let mut result = Crosscheck::default();
    for (theirs, paired) in rustc.iter().zip(pairing(analysis, rustc)) {
        match paired {
            None => result.missing.push(theirs.rustc_name.clone()),
            Some(one) => result.futures.push(check_future(one, theirs)),
        }
    }
    for ours in &analysis.futures {
        if !ours.generic && ours.instance.is_none() && !rustc.iter().any(|r| r.name == ours.name) {
            result.extra.push(ours.name.clone());
        }
    }
    result
}

fn names(fields: impl Iterator<Item = String>) -> BTreeSet<String> {
    fields.collect()
}

pub fn check_future(ours: &FutureAnalysis, theirs: &RustcFuture) -> FutureCheck {
    let mut check = FutureCheck {
        name: theirs.name.clone(),
        states_match: true,
        suspends: 0,
        suspends_matching: 0,
        differences: Vec::new(),
    };
    let our_states: Vec<String> = ours.states.iter().map(|s| s.id.name()).collect();
    let their_states: Vec<String> = theirs.variants.iter().map(|v| v.name.clone()).collect();
    if our_states != their_states {
        check.states_match = false;
        check.suspends = their_states.len().saturating_sub(3);
        check.differences.push(format!(
            "states: the analysis has {}, rustc {}",
            our_states.join(", "),
            their_states.join(", ")
        ));
        return check;
    }
    for state in ours.states.iter().filter(|s| matches!(s.id, StateId::Suspend(_))) {
        let Some(variant) = theirs.variant(&state.id.name()) else { continue };
        check.suspends += 1;
        let mut same = true;
        let ours_named = names(
            state.fields.iter().filter(|f| f.role != Role::Upvar && !f.name.starts_with('.')).map(|f| f.name.clone()),
        );
        let theirs_named = names(
            variant.fields.iter().filter(|f| f.role == RustcRole::Local && !f.is_unnamed()).map(|f| f.name.clone()),
        );
        if ours_named != theirs_named {
            same = false;
            let only_ours: Vec<_> = ours_named.difference(&theirs_named).cloned().collect();
            let only_theirs: Vec<_> = theirs_named.difference(&ours_named).cloned().collect();
            check.differences.push(format!(
                "{}: saved only by the analysis: [{}]; only by rustc: [{}]",
                state.id.name(),
                only_ours.join(", "),
                only_theirs.join(", ")
            ));
        }
        let ours_unnamed: Vec<String> = state
            .fields
            .iter()
            .filter(|f| f.role != Role::Upvar && f.name.starts_with('.'))
            .map(|f| f.ty.to_string())
            .collect();
        let theirs_unnamed: Vec<String> = variant
            .fields
            .iter()
            .filter(|f| f.role == RustcRole::Local && f.is_unnamed())
            .map(|f| f.ty.clone().unwrap_or_default())
            .collect();
        if ours_unnamed.len() != theirs_unnamed.len() {
            same = false;
            check.differences.push(format!(
                "{}: unnamed temporaries and drop flags: the analysis has [{}], rustc [{}]",
                state.id.name(),
                ours_unnamed.join(", "),
                theirs_unnamed.join(", ")
            ));
        }
        let ours_up = names(state.fields.iter().filter(|f| f.role == Role::Upvar).map(|f| f.name.clone()));
        let theirs_up = names(variant.fields.iter().filter(|f| f.role == RustcRole::Upvar).map(|f| f.name.clone()));
        if ours_up != theirs_up {
            same = false;
            check.differences.push(format!(
                "{}: upvars: the analysis has [{}], rustc [{}]",
                state.id.name(),
                ours_up.into_iter().collect::<Vec<_>>().join(", "),
                theirs_up.into_iter().collect::<Vec<_>>().join(", ")
            ));
        }
        if same {
            check.suspends_matching += 1;
        }
    }
    check
}
