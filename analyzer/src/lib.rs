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
//! Stages 4 to 7 run in `stream`, as the futures come: [`analyze_each`] hands each future out
//! as soon as it and the futures it holds are analysed, so a big file need not be held whole;
//! [`analyze`] collects them. The analyzer does no I/O and never fails: both return an
//! [`Analysis`] whose diagnostics say what went wrong.
//!
//! Public are the modules the CLI, the mdBook preprocessor, the benches, the fuzz target and
//! the tests use; `lower`, `drops`, `dataflow`, `resolve`, `stdlib`, `pointer`, `recursion`,
//! `send` and `stream` are the crate's own (their results reach users as fields of
//! [`FutureAnalysis`]).

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
pub(crate) mod stream;
pub mod trace;
pub mod ty;

pub use analysis::{Analysis, FutureAnalysis, Options};
pub use diagnostics::{Diagnostic, Severity, Span};
pub use edition::{Edition, EditionSource};

/// Whether a file can hold a future at all: one without the word `async` cannot (every async
/// fn, block and closure starts with the keyword; `async_trait` or `tokio::async_io` is not
/// it), and a directory scan skips it without parsing it.
pub fn may_hold_futures(src: &str) -> bool {
    let ident = |c: u8| c.is_ascii_alphanumeric() || c == b'_' || !c.is_ascii();
    let bytes = src.as_bytes();
    src.match_indices("async").any(|(at, _)| {
        let before = at.checked_sub(1).map(|i| bytes[i]);
        let after = bytes.get(at + "async".len()).copied();
        !before.is_some_and(ident) && !after.is_some_and(ident)
    })
}

/// Analyses one source file.
pub fn analyze(src: &str, options: &Options) -> Analysis {
    analyze_in_chunks(src, options, parse::CHUNK_BYTES)
}

/// [`analyze`], parsing a file of more than `chunk_bytes` in chunks of about that size (the
/// tests compare the two ways of parsing on small files).
#[doc(hidden)]
pub fn analyze_in_chunks(src: &str, options: &Options, chunk_bytes: usize) -> Analysis {
    let mut futures = Vec::new();
    let mut analysis = run(src, options, chunk_bytes, &mut |_, future| futures.push(future));
    analysis.futures = futures;
    analysis
}

/// Analyses one source file as [`analyze`] does, handing each future to `each` as soon as it
/// and the futures it holds are analysed, in the order of [`Analysis::futures`], and keeping
/// of it only what the futures after it need (see `stream`): a big file's futures can be
/// printed and dropped one at a time. Returns the analysis without its futures: the file's
/// name, options and own diagnostics.
pub fn analyze_each(src: &str, options: &Options, mut each: impl FnMut(&Streamed<'_>, FutureAnalysis)) -> Analysis {
    run(src, options, parse::CHUNK_BYTES, &mut each)
}

/// What a future handed out by [`analyze_each`] comes with: the file's analysis (its name and
/// options, no futures yet).
pub struct Streamed<'a> {
    pub analysis: &'a Analysis,
}

fn run(
    src: &str,
    options: &Options,
    chunk_bytes: usize,
    each: &mut dyn FnMut(&Streamed<'_>, FutureAnalysis),
) -> Analysis {
    let mut analysis = Analysis {
        file: options.file_name.clone(),
        options: options.clone(),
        futures: Vec::new(),
        diagnostics: Vec::new(),
    };
    let _lines = diagnostics::Lines::enter(Some(diagnostics::Lines::of(src)));
    let (items, index) = match index(src, chunk_bytes) {
        Ok(indexed) => indexed,
        Err(diagnostic) => {
            proc_macro2::extra::invalidate_current_thread_spans();
            analysis.diagnostics.push(*diagnostic);
            return analysis;
        }
    };
    // The lowering: the third pass over the items. Each item's futures go through their own
    // stages, and out, as soon as the futures they hold are laid out.
    let mut stream = stream::Stream::new(&index, options);
    let mut discovery = lower::Discovery::new(src, &index, options.edition);
    let mut hand = |future| each(&Streamed { analysis: &analysis }, future);
    items.for_each(src, |met| match met {
        parse::Met::Item(item, end) => {
            discovery.add(item);
            stream.lowered(discovery.take(), Some(end), discovery.first_generic());
            stream.hand_out(&mut hand);
        }
        // Unless a generic body is kept for its instances, no syntax outlives its chunk.
        parse::Met::ChunkDone if discovery.first_generic().is_none() => {
            proc_macro2::extra::invalidate_current_thread_spans()
        }
        parse::Met::ChunkDone => {}
    });
    let first_generic = discovery.first_generic();
    let (instances, warnings) = discovery.finish();
    stream.lowered(instances, None, first_generic);
    stream.hand_out(&mut hand);
    let handed = stream.handed();
    drop(items);
    analysis.diagnostics.extend(warnings);
    if handed == 0 && analysis.diagnostics.iter().all(|d| d.severity != Severity::Error) {
        analysis.diagnostics.push(
            Diagnostic::error("no async fn, async block or async closure in this file", None).with_help(
                "futurelens shows the state machines of `async fn`s, `async { }` blocks and `async |..|` closures",
            ),
        );
    }
    // Every span has been turned into plain numbers: free proc-macro2's per-thread map of
    // source files, which would otherwise grow with every file analysed on this thread.
    proc_macro2::extra::invalidate_current_thread_spans();
    analysis
}

/// The file's items (or the chunks to parse them from) and its index, or the syntax error.
/// The index takes two passes over the items: the names each module declares, then every
/// signature, read with all of them known. A file of at most `chunk_bytes` is parsed once,
/// its items kept for every pass; a bigger one is parsed in chunks, once per pass, each chunk
/// dropped after use (and if a chunk does not parse, the file is parsed whole, for rustc's
/// error).
fn index(src: &str, chunk_bytes: usize) -> Result<(parse::Items, items::FileIndex), Box<Diagnostic>> {
    let mut items = parse::Items::of(src, chunk_bytes)?;
    let mut builder = items::IndexBuilder::default();
    let declare = |builder: &mut items::IndexBuilder, met: parse::Met<'_>| {
        if let parse::Met::Item(item, _) = met {
            builder.add(item);
        }
    };
    if !items.for_each(src, |met| declare(&mut builder, met)) {
        proc_macro2::extra::invalidate_current_thread_spans();
        items = parse::Items::Whole(parse::items(src)?);
        builder = items::IndexBuilder::default();
        items.for_each(src, |met| declare(&mut builder, met));
    }
    let names = builder.names();
    // Parsed in chunks, the index keeps no syntax: each chunk's spans can go once it is read.
    let chunked = matches!(items, parse::Items::Chunks(_));
    if chunked {
        proc_macro2::extra::invalidate_current_thread_spans();
    }
    let mut definer = names.definer();
    items.for_each(src, |met| match met {
        parse::Met::Item(item, _) => definer.add(item),
        parse::Met::ChunkDone => proc_macro2::extra::invalidate_current_thread_spans(),
    });
    let definitions = definer.finish();
    let index = names.index(definitions);
    Ok((items, index))
}

#[cfg(test)]
mod tests {
    use super::may_hold_futures;

    #[test]
    fn only_the_word_async_may_hold_futures() {
        assert!(may_hold_futures("async fn f() {}"));
        assert!(may_hold_futures("fn f() { let b = async{}; }"));
        assert!(may_hold_futures("let c = async|x| x;"));
        assert!(may_hold_futures("async"));
        assert!(!may_hold_futures("#[async_trait] impl T for S {}"));
        assert!(!may_hold_futures("use tokio::io::asyncio; fn not_async() {}"));
        assert!(!may_hold_futures("fn f() {}"));
    }
}
