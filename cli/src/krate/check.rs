//! `cargo futurelens check`: budgets for CI.
//!
//! In: the report, and budgets: `--max SIZE`, `max-future-size` and the `limits` table of
//! `[package.metadata.futurelens]`, or a baseline file (`--baseline`, schema
//! `futurelens-baseline/1`). Out: every future over its budget with the chain that makes it
//! big and the `Box::pin` that would take the most off it; every future that grew past the
//! baseline by more than `--max-growth`, with the fields responsible; exit 1 when any.
//! `--save` writes the baseline instead (sorted by name, stable for diffs).

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use futurelens_analyzer::analysis::Role;
use futurelens_analyzer::attribution::Ranked;
use futurelens_analyzer::render;
use serde_json::{Value, json};

use super::{CrateArgs, Report, json_text, parse_size, size};
use crate::args::Format;
use crate::output;

pub const BASELINE_SCHEMA: &str = "futurelens-baseline/1";

#[derive(Debug, Clone, clap::Args)]
pub struct CheckArgs {
    /// The largest a future may be: bytes (`16384`) or with a unit (`16KiB`, `1MiB`). Overrides
    /// `max-future-size` of `[package.metadata.futurelens]`, not its per-future `limits`.
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    pub max: Option<u64>,

    /// Compare every future's size with this file (written by `--save`); exit 1 when one grew.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// Write the current sizes to the `--baseline` file instead of comparing.
    #[arg(long, requires = "baseline")]
    pub save: bool,

    /// How much a future may grow past the baseline: bytes (`64`, `1KiB`) or percent (`5%`).
    #[arg(long, value_name = "SIZE|PCT", value_parser = Growth::parse, default_value = "0")]
    pub max_growth: Growth,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Growth {
    Bytes(u64),
    Percent(f64),
}

impl Growth {
    fn parse(text: &str) -> Result<Growth, String> {
        match text.trim().strip_suffix('%') {
            Some(p) => p
                .trim()
                .parse::<f64>()
                .ok()
                .filter(|p| p.is_finite() && *p >= 0.0)
                .map(Growth::Percent)
                .ok_or_else(|| format!("`{text}` is not a percentage")),
            None => parse_size(text).map(Growth::Bytes),
        }
    }

    fn allows(self, before: u64, after: u64) -> bool {
        let grew = after.saturating_sub(before);
        match self {
            Growth::Bytes(b) => grew <= b,
            Growth::Percent(p) => (grew as f64) <= before as f64 * p / 100.0,
        }
    }

    fn text(self) -> String {
        match self {
            Growth::Bytes(b) => size(b),
            Growth::Percent(p) => format!("{p}%"),
        }
    }
}

/// One future as checked: its key in the baseline, and its ranking entry.
struct Entry<'r> {
    key: String,
    target: String,
    ranked: &'r Ranked,
}

fn entries(report: &Report) -> Vec<Entry<'_>> {
    let several = report.targets.len() > 1;
    let mut out = Vec::new();
    for (t, ranking) in report.targets.iter().zip(&report.ranking) {
        for r in &ranking.sized {
            let name = if r.name.starts_with("async ") {
                // `async block@12:16` is named by place: its file makes it unique.
                r.name.replacen('@', &format!("@{}:", r.file), 1)
            } else {
                r.name.clone()
            };
            let key = if several { format!("{}/{}::{name}", t.target.package, t.target.name) } else { name };
            out.push(Entry { key, target: t.target.describe(), ranked: r });
        }
    }
    out.sort_by(|a, b| a.key.cmp(&b.key));
    out
}

/// The budget of a future, and where it comes from.
fn budget(report: &Report, args: &CheckArgs, e: &Entry<'_>) -> Result<Option<(u64, String)>> {
    for (package, meta) in &report.budgets {
        if let Some(limits) = meta.get("limits").and_then(Value::as_object)
            && let Some(v) = limits.get(&e.ranked.name)
        {
            let n = meta_size(v).with_context(|| {
                format!("`[package.metadata.futurelens.limits]` of `{package}`: `{}`", e.ranked.name)
            })?;
            return Ok(Some((n, format!("its limit in [package.metadata.futurelens.limits] of {package}"))));
        }
    }
    if let Some(max) = args.max {
        return Ok(Some((max, "--max".into())));
    }
    for (package, meta) in &report.budgets {
        if let Some(v) = meta.get("max-future-size") {
            let n = meta_size(v)
                .with_context(|| format!("`max-future-size` in `[package.metadata.futurelens]` of `{package}`"))?;
            return Ok(Some((n, format!("max-future-size of {package}"))));
        }
    }
    Ok(None)
}

fn meta_size(v: &Value) -> Result<u64> {
    match v {
        Value::Number(n) => n.as_u64().context("not a size in bytes"),
        Value::String(s) => parse_size(s).map_err(|e| anyhow::anyhow!(e)),
        _ => bail!("not a size: write a number of bytes or a string such as \"16KiB\""),
    }
}

pub fn run(args: &CrateArgs, report: &Report, c: &CheckArgs) -> Result<ExitCode> {
    let all = entries(report);
    let has_budget = c.max.is_some()
        || report.budgets.iter().any(|(_, m)| m.get("max-future-size").is_some() || m.get("limits").is_some());
    if !has_budget && c.baseline.is_none() {
        bail!(
            "`check` needs a budget: `--max SIZE`, `max-future-size` in `[package.metadata.futurelens]` of \
             Cargo.toml, or `--baseline FILE`"
        );
    }
    if c.save {
        let path = c.baseline.as_ref().expect("clap requires --baseline with --save");
        let doc = baseline_doc(&all);
        output::write_atomically(path, json_text(&doc).as_bytes())?;
        let _ = writeln_err(&format!("wrote the sizes of {} futures to `{}`", all.len(), path.display()));
        return Ok(ExitCode::SUCCESS);
    }
    let mut over = Vec::new();
    for e in &all {
        if let Some((limit, from)) = budget(report, c, e)?
            && e.ranked.size > limit
        {
            over.push((e, limit, from));
        }
    }
    let comparison = match &c.baseline {
        Some(path) => Some(compare(path, &all, c.max_growth)?),
        None => None,
    };
    let unknown: usize = report.ranking.iter().map(|r| r.unknown).sum();
    let failed = !over.is_empty() || comparison.as_ref().is_some_and(|b| !b.grew.is_empty());
    let text = match args.format {
        Format::Text => text(report, &over, comparison.as_ref(), c, all.len(), unknown),
        Format::Json => json_text(&json!({
            "schema": "futurelens-check/1",
            "passed": !failed,
            "checked": all.len(),
            "unknown": unknown,
            "over": over.iter().map(|(e, limit, from)| json!({
                "name": e.ranked.name,
                "target": e.target,
                "file": e.ranked.file,
                "line": e.ranked.line,
                "size": e.ranked.size,
                "limit": limit,
                "limit_from": from,
                "chain": e.ranked.chain.links.iter().map(render::top::link_json).collect::<Vec<_>>(),
                "why": render::top::chain_text(&e.ranked.chain),
                "help": suggestion(report, e.ranked),
            })).collect::<Vec<_>>(),
            "baseline": comparison.as_ref().map(|b| b.json(c)),
        })),
    };
    output::emit(&text, args.output.as_deref())?;
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn writeln_err(message: &str) -> std::io::Result<()> {
    use std::io::Write;
    writeln!(anstream::stderr().lock(), "{message}")
}

/// What would take the most off a future: boxing the await its chain goes through, or, when
/// the chain ends in a value it keeps, keeping that value in a smaller scope or a box.
fn suggestion(report: &Report, r: &Ranked) -> Option<String> {
    let first = r.chain.links.first()?;
    let at = |l: &futurelens_analyzer::attribution::Link| match &l.file {
        Some(f) => format!("{f}:{}", l.line),
        None => format!("{}:{}", r.file, l.line),
    };
    let own = r.chain.links.iter().take_while(|l| l.file.is_none() && l.line > 0 && l.future == r.name);
    if let Some(awaitee) = own.clone().find(|l| l.role == Role::Awaitee && l.size.is_some_and(|s| s > 16)) {
        let moved = awaitee.size.unwrap_or(0);
        let what = awaitee
            .awaited
            .as_deref()
            .filter(|a| !a.is_empty())
            .map(|a| format!("`Box::pin({a}).await`"))
            .unwrap_or_else(|| "`Box::pin(..).await`".into());
        let after = super::locate(report, r)
            .map(|(t, f, k)| &report.targets[t].files[f].analysis.futures[k])
            .and_then(|future| size_if_boxed(future, awaitee.state))
            .map(|n| format!("; the future would be about {}", size(n)))
            .unwrap_or_default();
        return Some(format!(
            "box the await at {}: {what} keeps {} on the heap instead{after}",
            at(awaitee),
            size(moved)
        ));
    }
    let last = r.chain.links.iter().rfind(|l| l.line > 0).unwrap_or(first);
    Some(format!(
        "`{}` ({}) is kept across an await at {}: end its scope before the await (an inner block), or keep it in a `Box`",
        last.field,
        last.size.map(size).unwrap_or_else(|| "size unknown".into()),
        at(last)
    ))
}

/// About the future's size if the awaitee of `state` were a pointer: the most bytes one
/// state's fields take (the awaitee as 8), plus a one-byte tag, rounded up to the alignment.
fn size_if_boxed(
    future: &futurelens_analyzer::FutureAnalysis,
    state: futurelens_analyzer::graph::StateId,
) -> Option<u64> {
    let align = future.layout.as_ref().map_or(8, |l| l.align.max(1));
    let mut largest = 0;
    for s in &future.states {
        let mut bytes = 0;
        for f in &s.fields {
            let n = f.size?;
            bytes += if s.id == state && f.role == Role::Awaitee { 8 } else { n };
        }
        largest = largest.max(bytes);
    }
    Some((largest + 1).div_ceil(align) * align)
}

fn text(
    report: &Report,
    over: &[(&Entry<'_>, u64, String)],
    comparison: Option<&Comparison>,
    c: &CheckArgs,
    checked: usize,
    unknown: usize,
) -> String {
    let mut out = String::new();
    for (e, limit, from) in over {
        let r = e.ranked;
        let _ = writeln!(
            out,
            "error: `{}` is {}, over its budget of {} ({from}) by {}",
            r.name,
            size(r.size),
            size(*limit),
            size(r.size - limit)
        );
        let _ = writeln!(out, "  --> {}:{}", r.file, r.line);
        for link in render::top::chain_links(&r.chain) {
            let _ = writeln!(out, "   {link}");
        }
        if let Some(help) = suggestion(report, r) {
            let _ = writeln!(out, "  help: {help}");
        }
        out.push('\n');
    }
    if let Some(b) = comparison {
        out.push_str(&b.text(c));
    }
    let unknown = if unknown > 0 { format!("; {unknown} without a size were not checked") } else { String::new() };
    let grew = comparison.map_or(0, |b| b.grew.len());
    let verdict = if over.is_empty() && grew == 0 { "ok" } else { "FAILED" };
    let _ = writeln!(
        out,
        "check {verdict}: {checked} futures checked, {} over budget{}{unknown}",
        over.len(),
        comparison.map(|_| format!(", {grew} grew past the baseline")).unwrap_or_default()
    );
    out
}

/// The baseline of the current sizes: each future's size and its largest state's fields.
fn baseline_doc(all: &[Entry<'_>]) -> Value {
    let mut futures = serde_json::Map::new();
    for e in all {
        let r = e.ranked;
        futures.insert(
            e.key.clone(),
            json!({
                "size": r.size,
                "file": r.file,
                "why": render::top::chain_text(&r.chain),
                "largest_field": r.chain.links.first().map(|l| json!({"state": l.state.name(), "name": l.field, "size": l.size})),
            }),
        );
    }
    json!({ "schema": BASELINE_SCHEMA, "futures": Value::Object(futures) })
}

struct Change {
    key: String,
    before: u64,
    after: u64,
    /// The largest field then and now, when it changed.
    field_before: Option<String>,
    field_now: Option<String>,
    why: String,
}

struct Comparison {
    file: PathBuf,
    grew: Vec<Change>,
    grew_within: Vec<Change>,
    shrank: Vec<Change>,
    new: Vec<(String, u64)>,
    gone: Vec<(String, u64)>,
}

fn compare(path: &PathBuf, all: &[Entry<'_>], growth: Growth) -> Result<Comparison> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => bail!(
            "the baseline `{}` does not exist: write it with `cargo futurelens check --baseline {} --save`",
            path.display(),
            path.display()
        ),
        Err(e) => bail!("cannot read the baseline `{}`: {e}", path.display()),
    };
    let doc: Value = serde_json::from_str(&text).map_err(|e| {
        anyhow::anyhow!("{}:{}:{}: the baseline is not JSON: {e}", path.display(), e.line(), e.column())
    })?;
    if doc.get("schema").and_then(Value::as_str) != Some(BASELINE_SCHEMA) {
        bail!("`{}` is not a futurelens baseline (its `schema` is not `{BASELINE_SCHEMA}`)", path.display());
    }
    let Some(old) = doc.get("futures").and_then(Value::as_object) else {
        bail!("`{}`: the baseline has no `futures` object", path.display());
    };
    let field_of = |v: &Value| {
        v.get("largest_field").filter(|f| !f.is_null()).map(|f| {
            format!(
                "{} in {} ({})",
                f.get("name").and_then(Value::as_str).unwrap_or("?"),
                f.get("state").and_then(Value::as_str).unwrap_or("?"),
                f.get("size").and_then(Value::as_u64).map(size).unwrap_or_else(|| "?".into())
            )
        })
    };
    let mut cmp = Comparison {
        file: path.clone(),
        grew: Vec::new(),
        grew_within: Vec::new(),
        shrank: Vec::new(),
        new: Vec::new(),
        gone: Vec::new(),
    };
    for e in all {
        let r = e.ranked;
        let Some(before) = old.get(&e.key) else {
            cmp.new.push((e.key.clone(), r.size));
            continue;
        };
        let Some(size_before) = before.get("size").and_then(Value::as_u64) else { continue };
        let now_field =
            r.chain.links.first().map(|l| {
                format!("{} in {} ({})", l.field, l.state.name(), l.size.map(size).unwrap_or_else(|| "?".into()))
            });
        let change = Change {
            key: e.key.clone(),
            before: size_before,
            after: r.size,
            field_before: field_of(before),
            field_now: now_field,
            why: render::top::chain_text(&r.chain),
        };
        match r.size.cmp(&size_before) {
            std::cmp::Ordering::Greater if growth.allows(size_before, r.size) => cmp.grew_within.push(change),
            std::cmp::Ordering::Greater => cmp.grew.push(change),
            std::cmp::Ordering::Less => cmp.shrank.push(change),
            std::cmp::Ordering::Equal => {}
        }
    }
    for (key, v) in old {
        if !all.iter().any(|e| &e.key == key) {
            cmp.gone.push((key.clone(), v.get("size").and_then(Value::as_u64).unwrap_or(0)));
        }
    }
    Ok(cmp)
}

impl Change {
    fn line(&self) -> String {
        let delta = self.after as i128 - self.before as i128;
        let pct = if self.before > 0 {
            format!(", {:+.1}%", delta as f64 * 100.0 / self.before as f64)
        } else {
            String::new()
        };
        let sign = if delta >= 0 { "+" } else { "-" };
        let fields = match (&self.field_before, &self.field_now) {
            (Some(b), Some(n)) if b != n => format!("\n      largest field was {b}, is {n}"),
            (None, Some(n)) => format!("\n      largest field is {n}"),
            _ => String::new(),
        };
        format!(
            "  {}: {} -> {} ({sign}{}{pct}){fields}\n      {}",
            self.key,
            size(self.before),
            size(self.after),
            size(delta.unsigned_abs() as u64),
            self.why
        )
    }

    fn json(&self) -> Value {
        json!({
            "name": self.key,
            "before": self.before,
            "after": self.after,
            "delta": self.after as i128 - self.before as i128,
            "largest_field_before": self.field_before,
            "largest_field": self.field_now,
            "why": self.why,
        })
    }
}

impl Comparison {
    fn text(&self, c: &CheckArgs) -> String {
        let mut out = String::new();
        let file = self.file.display();
        if !self.grew.is_empty() {
            let _ = writeln!(out, "error: grew past the baseline `{file}` by more than {}:", c.max_growth.text());
            for ch in &self.grew {
                let _ = writeln!(out, "{}", ch.line());
            }
            out.push('\n');
        }
        for (title, list) in [("grew, within --max-growth", &self.grew_within), ("shrank", &self.shrank)] {
            if !list.is_empty() {
                let _ = writeln!(out, "{title}:");
                for ch in list {
                    let _ = writeln!(out, "{}", ch.line());
                }
                out.push('\n');
            }
        }
        for (title, list) in [("new since the baseline", &self.new), ("gone since the baseline", &self.gone)] {
            if !list.is_empty() {
                let _ = writeln!(out, "{title}:");
                for (key, n) in list {
                    let _ = writeln!(out, "  {key}: {}", size(*n));
                }
                out.push('\n');
            }
        }
        out
    }

    fn json(&self, c: &CheckArgs) -> Value {
        json!({
            "file": self.file.display().to_string(),
            "max_growth": c.max_growth.text(),
            "grew": self.grew.iter().map(Change::json).collect::<Vec<_>>(),
            "grew_within": self.grew_within.iter().map(Change::json).collect::<Vec<_>>(),
            "shrank": self.shrank.iter().map(Change::json).collect::<Vec<_>>(),
            "new": self.new.iter().map(|(k, n)| json!({"name": k, "size": n})).collect::<Vec<_>>(),
            "gone": self.gone.iter().map(|(k, n)| json!({"name": k, "size": n})).collect::<Vec<_>>(),
        })
    }
}
