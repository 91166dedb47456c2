//! The estimated layouts next to rustc's: what differs, and replacing the estimate by rustc's
//! numbers (`--rustc`).
//!
//! In: an [`Analysis`] (with estimated layouts) and the futures parsed from
//! `rustc -Zprint-type-sizes`. Out: the list of differences of one future
//! ([`differences`]), or the analysis with rustc's sizes and offsets in place and every
//! difference as a note ([`attach`]). Futures are matched by rustc's names, fields by role,
//! name and order of offset.

use std::collections::BTreeMap;

use crate::analysis::{Analysis, Field, FutureAnalysis, Role, State};
use crate::diagnostics::Diagnostic;
use crate::rustc::{RustcField, RustcFuture, RustcRole, RustcVariant};

use super::{FutureLayout, Placement, SizeSource};

/// Every way the estimated layout of `ours` differs from rustc's; empty when they agree byte
/// for byte. Without an estimate, says so in one line.
pub fn differences(ours: &FutureAnalysis, theirs: &RustcFuture) -> Vec<String> {
    let Some(layout) = &ours.layout else {
        return vec![format!("no estimate (some size is unknown); rustc: {} bytes", theirs.size)];
    };
    let mut out = Vec::new();
    if layout.size != theirs.size || layout.align != theirs.align {
        out.push(format!(
            "size: estimate {} bytes (align {}), rustc {} bytes (align {})",
            layout.size, layout.align, theirs.size, theirs.align
        ));
    }
    if layout.discriminant_size != theirs.discriminant_size {
        out.push(format!(
            "discriminant: estimate {} bytes, rustc {} bytes",
            layout.discriminant_size, theirs.discriminant_size
        ));
    }
    for state in &ours.states {
        let name = state.id.name();
        let Some(variant) = theirs.variant(&name) else {
            out.push(format!("{name}: rustc has no such state"));
            continue;
        };
        if state.size != Some(variant.printed_size) {
            out.push(format!("{name}: estimate {} bytes, rustc {} bytes", shown(state.size), variant.printed_size));
        }
        for (field, theirs) in pair_fields(state, variant) {
            match (field, theirs) {
                (Some(f), Some(t)) if f.size != Some(t.size) || f.offset != Some(t.offset) => out.push(format!(
                    "{name}: `{}` is {} bytes at offset {} in the estimate, {} bytes at offset {} in rustc",
                    f.name,
                    shown(f.size),
                    shown(f.offset),
                    t.size,
                    t.offset
                )),
                (Some(f), None) => out.push(format!("{name}: only the estimate stores `{}`", f.name)),
                (None, Some(t)) => out.push(format!("{name}: only rustc stores `{}`", t.name)),
                _ => {}
            }
        }
    }
    out
}

fn shown(n: Option<u64>) -> String {
    n.map_or_else(|| "?".to_string(), |n| n.to_string())
}

fn role_of(field: &Field) -> RustcRole {
    if field.role == Role::Upvar { RustcRole::Upvar } else { RustcRole::Local }
}

/// Pairs a state's fields with rustc's: same role and name, in order of offset. Each side
/// appears once; `None` marks a field the other side lacks. Ours are given by index.
fn pair_fields<'a>(state: &'a State, variant: &'a RustcVariant) -> Vec<(Option<&'a Field>, Option<&'a RustcField>)> {
    pair_indices(state, variant)
        .into_iter()
        .map(|(a, b)| (a.and_then(|i| state.fields.get(i)), b.and_then(|j| variant.fields.get(j))))
        .collect()
}

fn pair_indices(state: &State, variant: &RustcVariant) -> Vec<(Option<usize>, Option<usize>)> {
    type Key = (bool, String);
    // Unnamed temporaries and drop flags (`.coroutine_fieldN`) pair by type, then by order of
    // offset: their numbers follow MIR local order, which is the saved-set check's business.
    let key = |upvar: bool, name: &str, ty: String| -> Key {
        if name.starts_with(".coroutine_field") {
            (upvar, format!(".{}", crate::rustc::normalize_type_name(&ty)))
        } else {
            (upvar, name.to_string())
        }
    };
    let mut ours: BTreeMap<Key, Vec<usize>> = BTreeMap::new();
    for (i, f) in state.fields.iter().enumerate() {
        ours.entry(key(role_of(f) == RustcRole::Upvar, &f.name, f.ty.to_string())).or_default().push(i);
    }
    let mut theirs: BTreeMap<Key, Vec<usize>> = BTreeMap::new();
    for (j, f) in variant.fields.iter().enumerate() {
        let ty = f.ty.clone().unwrap_or_default();
        theirs.entry(key(f.role == RustcRole::Upvar, &f.name, ty)).or_default().push(j);
    }
    let mut pairs = Vec::new();
    for (key, mut mine) in ours {
        mine.sort_by_key(|&i| (state.fields[i].offset.unwrap_or(u64::MAX), i));
        let other = theirs.remove(&key).unwrap_or_default();
        let n = mine.len().max(other.len());
        for k in 0..n {
            pairs.push((mine.get(k).copied(), other.get(k).copied()));
        }
    }
    for (_, other) in theirs {
        pairs.extend(other.into_iter().map(|j| (None, Some(j))));
    }
    pairs
}

/// What [`attach`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Attached {
    /// Futures that now carry rustc's numbers.
    pub futures: usize,
    /// Of those, how many had an estimate equal to rustc's, byte for byte.
    pub agreeing: usize,
    /// Of those, how many had an estimate at all.
    pub estimated: usize,
}

/// Replaces the estimated layouts by rustc's (matched by name; for a generic fn, its first
/// instantiation) and adds a note for every difference with the estimate.
pub fn attach(analysis: &mut Analysis, rustc: &[RustcFuture]) -> Attached {
    let mut report = Attached::default();
    let paired = crate::crosscheck::pairing(analysis, rustc);
    let pairs: Vec<Option<usize>> =
        analysis.futures.iter().map(|f| paired.iter().position(|p| p.is_some_and(|p| std::ptr::eq(p, f)))).collect();
    for (future, paired) in analysis.futures.iter_mut().zip(pairs) {
        let matching: Vec<&RustcFuture> = paired.into_iter().map(|i| &rustc[i]).collect();
        let Some(theirs) = matching.first() else {
            if future.generic {
                let instances: Vec<String> = rustc
                    .iter()
                    .filter(|r| r.name == future.name && r.kind == crate::rustc::RustcFutureKind::AsyncFn)
                    .map(|r| format!("`{}`", crate::rustc::instance_key(&r.rustc_name)))
                    .collect();
                let note = if instances.is_empty() {
                    "rustc printed no layout for this generic future: the file has no concrete instantiation of it"
                        .to_string()
                } else {
                    format!("rustc lays out each instantiation of this generic future: {}", instances.join(", "))
                };
                future.diagnostics.push(Diagnostic::note(note, Some(future.span)));
            }
            continue;
        };
        let differences = differences(future, theirs);
        report.futures += 1;
        report.estimated += usize::from(future.layout.is_some());
        report.agreeing += usize::from(differences.is_empty());
        if matching.len() > 1 {
            let list: Vec<String> = matching.iter().map(|r| format!("`{}` {} bytes", r.rustc_name, r.size)).collect();
            future.diagnostics.push(Diagnostic::note(
                format!("rustc lays out {} instantiations: {}; the first is shown", matching.len(), list.join(", ")),
                Some(future.span),
            ));
        }
        let exact = differences.is_empty();
        if future.layout.is_some() {
            for d in &differences {
                future.diagnostics.push(Diagnostic::note(format!("rustc disagrees with the estimate: {d}"), None));
            }
        }
        use_rustc_numbers(future, theirs, exact);
    }
    crate::attribution::rechain(analysis);
    report
}

/// Writes rustc's sizes and offsets into the future. Alignments and the tag offset, which
/// rustc does not always print, are kept from the estimate only when it agreed exactly.
fn use_rustc_numbers(future: &mut FutureAnalysis, theirs: &RustcFuture, exact: bool) {
    let old = future.layout.clone();
    for state in &mut future.states {
        let Some(variant) = theirs.variant(&state.id.name()) else {
            clear(state);
            continue;
        };
        state.size = Some(variant.printed_size);
        let pairs = pair_indices(state, variant);
        let mut matched = vec![false; state.fields.len()];
        let mut theirs_matched = vec![false; variant.fields.len()];
        for (i, j) in pairs {
            let (Some(i), Some(j)) = (i, j) else { continue };
            let (field, t) = (&mut state.fields[i], &variant.fields[j]);
            matched[i] = true;
            theirs_matched[j] = true;
            let estimated_align = field.align.filter(|_| field.size == Some(t.size));
            field.size = Some(t.size);
            field.offset = Some(t.offset);
            // Unnamed fields pair by type; rustc's number is the one to show.
            field.name.clone_from(&t.name);
            field.align = t.align.or(estimated_align);
            if !exact {
                field.placement = Placement::Unknown;
            }
        }
        // rustc's layout is the one shown: a field only the estimate stores goes (the notes
        // say so), and one only rustc stores is shown with rustc's type and numbers.
        let mut matched = matched.into_iter();
        state.fields.retain(|_| matched.next().unwrap_or(false));
        let unpaired = variant.fields.iter().zip(theirs_matched).filter(|(_, m)| !m).map(|(t, _)| t);
        state.fields.extend(unpaired.map(|t| unpredicted(t, future.span)));
        state.fields.sort_by_key(|f| f.offset.unwrap_or(u64::MAX));
    }
    future.layout = Some(FutureLayout {
        size: theirs.size,
        align: theirs.align,
        source: SizeSource::Rustc,
        discriminant_size: theirs.discriminant_size,
        discriminant_offset: old.as_ref().filter(|_| exact).and_then(|l| l.discriminant_offset),
        prefix_size: old.as_ref().filter(|_| exact).and_then(|l| l.prefix_size),
        largest: None,
    });
    let largest = super::largest_field(future);
    if let Some(layout) = &mut future.layout {
        layout.largest = largest;
    }
}

/// A field rustc stores that the estimate did not predict, as rustc prints it.
fn unpredicted(t: &RustcField, span: crate::diagnostics::Span) -> Field {
    let ty =
        t.ty.as_ref()
            .map_or(crate::ty::Ty::Unknown, |name| crate::ty::Ty::Adt { name: name.clone(), args: Vec::new() });
    let role = match (t.role, t.name.as_str()) {
        (RustcRole::Upvar, _) => Role::Upvar,
        (_, "__awaitee") => Role::Awaitee,
        _ if t.is_unnamed() && t.size == 1 && t.ty.as_deref() == Some("bool") => Role::DropFlag,
        _ if t.is_unnamed() => Role::Temporary,
        _ => Role::Local,
    };
    Field {
        name: t.name.clone(),
        role,
        ty,
        reason: crate::liveness::Reason::OnlyRustc,
        local: None,
        arg_copy: false,
        span,
        size: Some(t.size),
        align: t.align,
        offset: Some(t.offset),
        placement: Placement::Unknown,
    }
}

fn clear(state: &mut State) {
    state.size = None;
    for field in &mut state.fields {
        field.size = None;
        field.offset = None;
        field.align = None;
        field.placement = Placement::Unknown;
    }
}
