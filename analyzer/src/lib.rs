//! futurelens' analyzer: the state machine rustc builds out of every `async fn`, async block
//! and async closure of a source file, computed from the source alone.
//!
//! The pipeline, one module per stage:
//! 1. [`parse`]: `&str` to syntax trees, one top-level item at a time, or a diagnostic for a
//!    syntax error;
//! 2. [`items`]: the index of the file's types and fns;
//! 3. `lower`: each future's body to a small MIR ([`ir::Body`]), in evaluation order;
//! 4. `drops`: drop elaboration, the drop flags rustc adds to the body;
//! 5. [`liveness`]: the locals each `SuspendN` keeps, by rustc's rule, with a reason;
//! 6. [`graph`]: the transitions between states;
//! 7. [`layout`]: the size of every future and the offset of every field, as rustc lays them out
//!    (as if some awaits were boxed, with a [`boxing::BoxPlan`]); `recursion` explains the
//!    futures that contain themselves;
//! 8. [`analysis`]: the assembled result, which [`render`] turns into text or JSON.
//!
//! The analyzer does no I/O and never fails: [`analyze`] returns an [`Analysis`] whose
//! diagnostics say what went wrong.
//!
//! Public are the modules the CLI, the mdBook preprocessor, the benches, the fuzz target and
//! the tests use; `lower`, `drops`, `dataflow`, `resolve`, `stdlib`, `pointer`, `recursion` and
//! `send` are the crate's own (their results reach users as fields of [`FutureAnalysis`]).

pub mod analysis;
pub mod attribution;
pub mod boxing;
pub mod comparison;
pub mod crosscheck;
pub(crate) mod dataflow;
pub mod desugar;
pub mod diagnostics;
pub(crate) mod drops;
pub mod edition;
pub mod explain;
pub mod graph;
pub mod ir;
pub mod items;
pub mod layout;
pub mod liveness;
pub(crate) mod lower;
pub mod parse;
pub(crate) mod pointer;
pub(crate) mod recursion;
pub mod render;
pub(crate) mod resolve;
pub mod rustc;
pub(crate) mod send;
pub(crate) mod stdlib;
pub mod trace;
pub mod ty;

pub use analysis::{Analysis, FutureAnalysis, Options};
pub use diagnostics::{Diagnostic, Severity, Span};
pub use edition::{Edition, EditionSource};

/// Whether a file can hold a future at all: one without the text `async` cannot, and a
/// directory scan skips it without parsing it.
pub fn may_hold_futures(src: &str) -> bool {
    src.contains("async")
}

/// Analyses one source file.
pub fn analyze(src: &str, options: &Options) -> Analysis {
    analyze_in_chunks(src, options, parse::CHUNK_BYTES)
}

/// [`analyze`], parsing a file of more than `chunk_bytes` in chunks of about that size (the
/// tests compare the two ways of parsing on small files).
#[doc(hidden)]
pub fn analyze_in_chunks(src: &str, options: &Options, chunk_bytes: usize) -> Analysis {
    let mut diagnostics = Vec::new();
    let (index, lowered, warnings) = match lower_file(src, options, chunk_bytes) {
        Ok(lowered) => lowered,
        Err(diagnostic) => {
            proc_macro2::extra::invalidate_current_thread_spans();
            return Analysis {
                file: options.file_name.clone(),
                options: options.clone(),
                futures: Vec::new(),
                diagnostics: vec![*diagnostic],
            };
        }
    };
    diagnostics.extend(warnings);
    let futures = lowered
        .into_iter()
        .map(|future| {
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
                boxed: Vec::new(),
                send: send::SendReport::default(),
            }
        })
        .collect::<Vec<_>>();
    let mut futures = futures;
    layout::compute(&mut futures, &index, options);
    send::compute(&mut futures, &index);
    if futures.is_empty() && diagnostics.iter().all(|d| d.severity != Severity::Error) {
        diagnostics.push(Diagnostic::error("no async fn, async block or async closure in this file", None).with_help(
            "futurelens shows the state machines of `async fn`s, `async { }` blocks and `async |..|` closures",
        ));
    }
    // Every span has been turned into plain numbers: free proc-macro2's per-thread map of
    // source files, which would otherwise grow with every file analysed on this thread.
    proc_macro2::extra::invalidate_current_thread_spans();
    Analysis { file: options.file_name.clone(), options: options.clone(), futures, diagnostics }
}

/// The file's index, its futures lowered and the file's warnings, or the syntax error. The
/// index takes two passes over the items (the names each module declares, then every
/// signature read with all of them known), and the lowering a third, with the index at hand.
/// A file of at most `chunk_bytes` is parsed once, its items kept for every pass; a bigger one
/// is parsed in chunks, once per pass, each chunk dropped after use (and if a chunk does not
/// parse, the file is parsed whole, for rustc's error).
fn lower_file(
    src: &str,
    options: &Options,
    chunk_bytes: usize,
) -> Result<(items::FileIndex, Vec<lower::LoweredFuture>, Vec<Diagnostic>), Box<Diagnostic>> {
    let chunks = parse::chunks(src, chunk_bytes);
    if chunks.len() > 1 {
        let mut builder = items::IndexBuilder::default();
        if parse::for_each_item_in(src, &chunks, |item| builder.add(&item)) {
            // Each pass' spans can go once its syntax is dropped: the index holds none.
            proc_macro2::extra::invalidate_current_thread_spans();
            let names = builder.names();
            let mut definer = names.definer();
            parse::for_each_item_in(src, &chunks, |item| definer.add(&item));
            let definitions = definer.finish();
            let index = names.index(definitions);
            proc_macro2::extra::invalidate_current_thread_spans();
            let mut discovery = lower::Discovery::new(src, &index, options.edition);
            parse::for_each_item_in(src, &chunks, |item| discovery.add(&item));
            let (lowered, warnings) = discovery.finish();
            return Ok((index, lowered, warnings));
        }
        proc_macro2::extra::invalidate_current_thread_spans();
    }
    let items = parse::items(src)?;
    let index = items::IndexBuilder::default().build(&items);
    let mut discovery = lower::Discovery::new(src, &index, options.edition);
    for item in items {
        discovery.add(&item);
    }
    let (lowered, warnings) = discovery.finish();
    Ok((index, lowered, warnings))
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
