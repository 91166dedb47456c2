//! A target's futures: each file of its module tree analysed, paired with rustc's layouts,
//! and ranked with chains that run across files and into dependencies' futures.
//!
//! In: a target, its files and (when the build succeeded) rustc's layouts. Out: a
//! [`TargetReport`]: every file's analysis with rustc's numbers attached, the ranking, and how
//! many of the futures rustc laid out were paired with their source. A future's name is
//! rustc's path in the crate (`conn::handle`, `<conn::Server as Service>::call`); async
//! blocks and closures are named by place (`async block@12:16` in its file).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use futurelens_analyzer::analysis::Role;
use futurelens_analyzer::attribution::{self, Chain, Link};
use futurelens_analyzer::graph::StateId;
use futurelens_analyzer::ir::FutureKind;
use futurelens_analyzer::layout::compare;
use futurelens_analyzer::rustc::{self, RustcFuture, RustcFutureKind};
use futurelens_analyzer::{Analysis, EditionSource, Options, crosscheck};

use super::modules::ModFile;
use super::package::Target;

/// One file of a target, analysed.
pub struct FileReport {
    pub file: ModFile,
    /// The path rustc is given for it (relative to the workspace root), used in names.
    pub rel: String,
    pub analysis: Analysis,
}

/// What became of the futures rustc laid out for the target.
#[derive(Clone, Debug, Default)]
pub struct Pairing {
    /// The target's own futures rustc laid out, and how many of them the analysis found.
    pub local: usize,
    pub paired: usize,
    /// rustc's names of the target's futures the analysis did not find.
    pub unpaired: Vec<String>,
    /// Async blocks an attribute macro (`#[tokio::main]`, `#[tracing::instrument]`) made out
    /// of an async fn's body, paired with that fn: (rustc's name, the fn's name). Counted in
    /// `paired`.
    pub macro_bodies: Vec<(String, String)>,
    /// Futures of dependencies (and of std) that rustc laid out inside this target's.
    pub dependency: usize,
}

pub struct TargetReport {
    pub target: Target,
    pub files: Vec<FileReport>,
    /// rustc's layouts, when the build gave them.
    pub rustc: Option<Vec<RustcFuture>>,
    pub build_error: Option<String>,
    pub pairing: Pairing,
    pub problems: Vec<String>,
}

/// The path rustc names a file by: relative to the workspace root, with `/`.
pub fn rel_path(path: &Path, workspace_root: &Path) -> String {
    let rel = path.strip_prefix(workspace_root).unwrap_or(path);
    rel.to_string_lossy().replace('\\', "/")
}

/// Analyses every file of the tree with the target's edition.
pub fn analyse(
    target: &Target,
    files: Vec<ModFile>,
    workspace_root: &Path,
    base: &Options,
) -> anyhow::Result<Vec<FileReport>> {
    let mut out = Vec::new();
    for file in files {
        let rel = rel_path(&file.path, workspace_root);
        let options = Options {
            file_name: rel.clone(),
            edition: target.edition,
            edition_source: EditionSource::Manifest(target.manifest.display().to_string()),
            ..base.clone()
        };
        let analysis = if futurelens_analyzer::may_hold_futures(&file.text) {
            crate::cmd::analyze_on_large_stack(&file.text, &options)?
        } else {
            Analysis { file: rel.clone(), options, futures: Vec::new(), diagnostics: Vec::new() }
        };
        out.push(FileReport { file, rel, analysis });
    }
    Ok(out)
}

/// Whether rustc's future is the target's own (not a dependency's): an async block or closure
/// in one of its files, or an async fn under one of its top-level names.
fn is_local(r: &RustcFuture, files: &[FileReport], roots: &BTreeSet<String>) -> bool {
    if let Some((file, _)) = rustc::block_location(&r.rustc_name) {
        return files.iter().any(|f| f.rel == file);
    }
    if r.kind != RustcFutureKind::AsyncFn {
        return false;
    }
    let name = r.name.trim_start_matches('<');
    let first = name.split("::").next().unwrap_or(name);
    let first = first.split(' ').next().unwrap_or(first);
    roots.contains(first)
}

/// The first path segments under which the target's own futures are named: its top-level
/// modules and the root file's items.
fn local_roots(files: &[FileReport]) -> BTreeSet<String> {
    let mut roots = BTreeSet::new();
    for f in files {
        if let Some(first) = f.file.module.first() {
            roots.insert(first.clone());
        }
        if f.file.module.is_empty() {
            for future in &f.analysis.futures {
                let name = future.name.trim_start_matches('<');
                if let Some(first) = name.split("::").next().and_then(|s| s.split(' ').next()) {
                    roots.insert(first.to_string());
                }
            }
        }
    }
    roots
}

/// rustc's futures as one file's analysis names them: async fns of its module relative to it,
/// async blocks and closures of that file.
fn for_file(rustc: &[RustcFuture], file: &FileReport) -> Vec<(usize, RustcFuture)> {
    let mut out = Vec::new();
    for (i, r) in rustc.iter().enumerate() {
        match rustc::block_location(&r.rustc_name) {
            Some((path, _)) if path == file.rel => out.push((i, r.clone())),
            Some(_) => {}
            None if r.kind == RustcFutureKind::AsyncFn => {
                if let Some(name) = rustc::relative_to_module(&r.name, &file.file.module) {
                    out.push((i, RustcFuture { name, ..r.clone() }));
                }
            }
            None => {}
        }
    }
    out
}

/// Where each of rustc's futures was paired: (file, future) by index.
type Pairs = BTreeMap<usize, (usize, usize)>;

/// Attaches rustc's layouts to every file and counts what was paired.
pub fn attach(files: &mut [FileReport], rustc: &[RustcFuture]) -> (Pairing, Pairs) {
    let roots = local_roots(files);
    let mut pairs: Pairs = BTreeMap::new();
    for (fi, file) in files.iter_mut().enumerate() {
        if file.analysis.futures.is_empty() {
            continue;
        }
        let subset = for_file(rustc, file);
        let theirs: Vec<RustcFuture> = subset.iter().map(|(_, r)| r.clone()).collect();
        compare::attach(&mut file.analysis, &theirs);
        for ((i, _), ours) in subset.iter().zip(crosscheck::pairing(&file.analysis, &theirs)) {
            if let Some(ours) = ours
                && let Some(k) = file.analysis.futures.iter().position(|f| std::ptr::eq(f, ours))
            {
                pairs.entry(*i).or_insert((fi, k));
            }
        }
    }
    let mut pairing = Pairing::default();
    for (i, r) in rustc.iter().enumerate() {
        if is_local(r, files, &roots) {
            pairing.local += 1;
            if pairs.contains_key(&i) {
                pairing.paired += 1;
            } else if let Some(name) = macro_body_of(r, files) {
                pairing.paired += 1;
                pairing.macro_bodies.push((r.rustc_name.clone(), name));
            } else {
                pairing.unpaired.push(r.rustc_name.clone());
            }
        } else {
            pairing.dependency += 1;
        }
    }
    (pairing, pairs)
}

/// The async fn whose body an attribute macro turned into the async block `r` names: a block
/// rustc places inside the fn's span where the source itself has no block (the macro's
/// output is not in the file; the block holds the fn's body, so its states are the fn's).
fn macro_body_of(r: &RustcFuture, files: &[FileReport]) -> Option<String> {
    let (path, start) = rustc::block_location(&r.rustc_name)?;
    let (line, column) = start.split_once(':')?;
    let at = (line.parse::<u32>().ok()?, column.parse::<u32>().ok()?);
    let file = files.iter().find(|f| f.rel == path)?;
    file.analysis
        .futures
        .iter()
        .filter(|f| f.kind == FutureKind::AsyncFn)
        .find(|f| (f.span.line, f.span.column) <= at && at <= (f.span.end_line, f.span.end_column))
        .map(|f| qualify(&file.file.module, f.display_name()))
}

/// A name of the file's module as rustc writes it from the crate root.
pub fn qualify(module: &[String], name: &str) -> String {
    if module.is_empty() || name.starts_with("async block@") || name.starts_with("async closure@") {
        return name.to_string();
    }
    let prefix = module.join("::");
    match name.strip_prefix('<') {
        Some(rest) => format!("<{prefix}::{rest}"),
        None => format!("{prefix}::{name}"),
    }
}

/// How far a chain follows futures, across files and into dependencies.
const MAX_LINKS: usize = 32;

/// Every sized future of the target, ranked, with chains that go on across files and into
/// dependencies; and the infinitely big ones, and how many have no size.
pub fn rank(report: &TargetReport, pairs: &Pairs) -> attribution::FileRanking {
    let mut out = attribution::FileRanking::default();
    for (fi, file) in report.files.iter().enumerate() {
        let ranking = attribution::rank(&file.analysis);
        out.unknown += ranking.unknown;
        for mut r in ranking.sized {
            let start = file.analysis.futures.iter().position(|f| f.name == r.name);
            let mut chain = qualify_chain(&r.chain, file, None);
            if let (Some(rustc), Some(k)) = (&report.rustc, start) {
                extend(&mut chain, report, pairs, rustc, fi, k, &r.chain);
            }
            r.name = qualify(&file.file.module, &r.name);
            r.chain = chain;
            out.sized.push(r);
        }
        for mut inf in ranking.infinite {
            inf.name = qualify(&file.file.module, &inf.name);
            out.infinite.push(inf);
        }
    }
    out
}

/// The chain with the file's names qualified, and the file named on every link when the
/// chain started in another file.
fn qualify_chain(chain: &Chain, file: &FileReport, other_file: Option<&str>) -> Chain {
    let module = &file.file.module;
    let links = chain
        .links
        .iter()
        .map(|l| Link {
            future: qualify(module, &l.future),
            callee: l.callee.as_ref().map(|c| qualify(module, c)),
            file: other_file.map(str::to_string),
            ..l.clone()
        })
        .collect();
    Chain { future: qualify(module, &chain.future), size: chain.size, links }
}

/// Follows the chain's last link into the future its field holds when that future is not in
/// the same file: another file's (its own chain is appended) or a dependency's (rustc's
/// layout alone gives its biggest field).
fn extend(
    chain: &mut Chain,
    report: &TargetReport,
    pairs: &Pairs,
    rustc: &[RustcFuture],
    fi: usize,
    k: usize,
    local: &Chain,
) {
    let origin = &report.files[fi].rel;
    // The last link's future, in its file, paired with rustc's.
    let Some(last) = local.links.last() else { return };
    let file = &report.files[fi];
    let Some(holder) = file.analysis.futures.iter().position(|f| f.name == last.future).or(Some(k)) else { return };
    let Some((&ri, _)) = pairs.iter().find(|(_, (f, h))| *f == fi && *h == holder) else { return };
    let mut ty = field_type(&rustc[ri], last.state, &last.field);
    let mut seen: BTreeSet<usize> = BTreeSet::from([ri]);
    while let Some(t) = ty.take() {
        if let Some(last) = chain.links.last_mut()
            && last.ty == "?"
        {
            last.ty = t.clone();
        }
        if chain.links.len() >= MAX_LINKS {
            break;
        }
        let Some(next) = find_future(rustc, &t) else { break };
        if !seen.insert(next) {
            break;
        }
        let callee = match pairs.get(&next) {
            Some(&(nf, nk)) => qualify(&report.files[nf].file.module, &report.files[nf].analysis.futures[nk].name),
            None => dependency_name(&rustc[next].rustc_name),
        };
        if let Some(last) = chain.links.last_mut()
            && last.callee.is_none()
        {
            last.callee = Some(callee);
        }
        match pairs.get(&next) {
            Some(&(nf, nk)) => {
                let other = &report.files[nf];
                let future = &other.analysis.futures[nk];
                let Some(sub) = future.chain.clone() else { break };
                let shown = qualify_chain(&sub, other, (other.rel != *origin).then_some(other.rel.as_str()));
                chain.links.extend(shown.links);
                let Some(end) = sub.links.last() else { break };
                let holder = other.analysis.futures.iter().position(|f| f.name == end.future).unwrap_or(nk);
                let Some((&ri, _)) = pairs.iter().find(|(_, (f, h))| *f == nf && *h == holder) else { break };
                seen.insert(ri);
                ty = field_type(&rustc[ri], end.state, &end.field);
            }
            None => {
                let Some((link, next_ty)) = dependency_link(&rustc[next]) else { break };
                chain.links.push(link);
                ty = next_ty;
            }
        }
    }
}

/// The future a field's type names. rustc prints field types with paths trimmed where the
/// last segments are unique (`frame::read` for `proto::frame::read`, `Vec` for
/// `std::vec::Vec`), and type names in full: the full name that ends with the field's wins,
/// when only one does.
fn find_future(rustc: &[RustcFuture], ty: &str) -> Option<usize> {
    if let Some(i) = rustc.iter().position(|r| r.rustc_name == ty) {
        return Some(i);
    }
    let key = rustc::instance_key(ty);
    if let Some(i) = rustc.iter().position(|r| rustc::instance_key(&r.rustc_name) == key) {
        return Some(i);
    }
    let suffix = format!("::{key}");
    let mut found = rustc.iter().enumerate().filter(|(_, r)| rustc::instance_key(&r.rustc_name).ends_with(&suffix));
    match (found.next(), found.next()) {
        (Some((i, _)), None) => Some(i),
        _ => None,
    }
}

/// The type rustc gives a field of a state.
fn field_type(r: &RustcFuture, state: StateId, field: &str) -> Option<String> {
    let variant = r.variant(&state.name())?;
    variant.fields.iter().find(|f| f.name == field).and_then(|f| f.ty.clone())
}

/// The biggest field of the largest state of a future known from rustc's layout alone.
fn dependency_link(r: &RustcFuture) -> Option<(Link, Option<String>)> {
    let variant = r.variants.iter().filter(|v| v.name.starts_with("Suspend")).max_by_key(|v| v.printed_size)?;
    let field = variant.fields.iter().max_by_key(|f| f.size)?;
    let state = variant.name.strip_prefix("Suspend").and_then(|n| n.parse().ok()).map(StateId::Suspend)?;
    let awaitee = field.name == "__awaitee";
    let inner = field.ty.clone().filter(|t| t.starts_with("{async "));
    let link = Link {
        future: dependency_name(&r.rustc_name),
        state,
        state_size: Some(variant.printed_size),
        field: field.name.clone(),
        role: match (awaitee, field.is_unnamed()) {
            (true, _) => Role::Awaitee,
            (false, true) => Role::Temporary,
            (false, false) => Role::Local,
        },
        ty: field.ty.clone().unwrap_or_else(|| "?".into()),
        size: Some(field.size),
        line: 0,
        file: None,
        awaited: awaitee.then(String::new),
        callee: inner.as_deref().map(dependency_name),
        temporary_of: None,
        twice: false,
        captured: false,
    };
    Some((link, inner))
}

/// A dependency's future as rustc names it, without the braces: `tokio::sync::Mutex<u8>::lock`,
/// `async block@tokio::sync::Mutex<u8>::lock::{closure#0}::{closure#0}`.
fn dependency_name(rustc_name: &str) -> String {
    let inner = rustc_name.trim();
    let inner = inner.strip_prefix('{').and_then(|i| i.strip_suffix('}')).unwrap_or(inner);
    let inner = inner.strip_prefix("async fn body of ").map(|i| i.strip_suffix("()").unwrap_or(i)).unwrap_or(inner);
    rustc::normalize_type_name(inner)
}
