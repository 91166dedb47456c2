//! The output of `futurelens top`: the biggest futures of a file or a tree, each with the chain
//! that makes it big; and that chain as one line of text, which `analyze` also prints.
//!
//! In: ranked futures ([`Ranked`]), the infinite ones, and counts. Out: text such as
//!
//! ```text
//! handle  16 448 B  ← Suspend1 awaits parse (16 432 B), line 26
//!                   ← Suspend0 keeps buf: [u8; 16384] (16 384 B), line 17  at 21_large_awaitee.rs:24
//! ```
//!
//! (the first line names the biggest future), or the JSON document `futurelens-top/1`.

use std::fmt::Write;

use serde_json::{Value, json};

use super::recursion::cycle_text;
use crate::analysis::Role;
use crate::attribution::{Chain, Infinite, Link, Ranked};
use crate::recursion::Step;

use super::{Piece, Theme, flow, shorten, size_text, wrap};

pub const SCHEMA: &str = "futurelens-top/1";

/// What the ranking covered, for the closing lines and the JSON document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    pub files: usize,
    /// Futures with a size.
    pub sized: usize,
    /// Futures whose size is not known.
    pub unknown: usize,
    pub threshold: u64,
    pub limit: usize,
}

fn size_or_unknown(size: Option<u64>) -> String {
    size.map_or_else(|| "size unknown".to_string(), size_text)
}

/// One link: `Suspend1 awaits parse (16 432 B), line 26`.
pub fn link_text(link: &Link) -> String {
    let size = size_or_unknown(link.size);
    let state = link.state.name();
    let at = match (&link.file, link.line) {
        (_, 0) => String::new(),
        (Some(file), line) => format!(", {file}:{line}"),
        (None, line) => format!(", line {line}"),
    };
    let twice = if link.twice { " twice: as the argument and as the body's copy, rust-lang/rust#62958" } else { "" };
    match (&link.awaited, &link.callee) {
        (Some(_), Some(callee)) => format!("{state} awaits {callee} ({size}){at}"),
        (Some(expr), None) => format!("{state} awaits `{}`: {} ({size}){at}", shorten(expr, 40), link.ty),
        (None, _) => {
            let what = match (&link.role, &link.temporary_of) {
                (_, Some(expr)) => format!("a temporary of `{}`", shorten(expr, 40)),
                (Role::Upvar, _) if link.captured => format!("the captured {}", link.field),
                (Role::Upvar, _) => format!("the argument {}", link.field),
                _ => link.field.clone(),
            };
            format!("{state} keeps {what}: {} ({size}{twice}){at}", shorten(&link.ty, 48))
        }
    }
}

/// The chain after the future's name and size: `← Suspend1 awaits parse ... ← Suspend0 keeps ...`.
pub fn chain_text(chain: &Chain) -> String {
    chain_links(chain).join("  ")
}

/// The links of a chain, each `← ...`.
pub fn chain_links(chain: &Chain) -> Vec<String> {
    chain.links.iter().map(|l| format!("← {}", link_text(l))).collect()
}

/// The ranked futures, the biggest first, then the infinite ones: one entry each, wrapped to
/// `width` characters with the chain's links and the location aligned under the first link.
pub fn render_text(ranked: &[Ranked], infinite: &[Infinite], totals: &Totals, theme: &Theme, width: usize) -> String {
    let mut out = String::new();
    let name_w = ranked.iter().map(|r| r.name.chars().count()).max().unwrap_or(0).min(40);
    let size_w = ranked.iter().map(|r| size_text(r.size).chars().count()).max().unwrap_or(0);
    for r in ranked {
        let head = [
            Piece::new(theme.heading, format!("{:<name_w$}", r.name)),
            Piece::plain("  "),
            Piece::new(theme.size, format!("{:>size_w$}", size_text(r.size))),
        ];
        let mut items: Vec<Piece> = chain_links(&r.chain).into_iter().map(Piece::plain).collect();
        items.push(Piece::new(theme.dim, format!("at {}:{}", r.file, r.line)));
        let _ = writeln!(out, "{}", flow(theme, &head, &items, width));
    }
    if ranked.is_empty() {
        let _ = writeln!(
            out,
            "no future of {} or more{}",
            size_text(totals.threshold),
            if totals.sized == 0 { " (no future has a known size)" } else { "" }
        );
    }
    if !infinite.is_empty() {
        let _ = writeln!(out, "\n{}", wrap("infinitely big (unboxed recursion, rustc error E0733):", width).join("\n"));
        for f in infinite {
            let why = if f.on_cycle { cycle_text(&f.cycle) } else { embeds_text(&f.cycle) };
            let head = [Piece::plain("  "), Piece::new(theme.heading, f.name.clone()), Piece::plain("  ∞")];
            let items = [Piece::plain(why), Piece::new(theme.dim, format!("at {}:{}", f.file, f.line))];
            let _ = writeln!(out, "{}", flow(theme, &head, &items, width));
        }
    }
    out
}

fn embeds_text(cycle: &[Step]) -> String {
    match cycle.first() {
        Some(step) => format!("embeds `{}`, which contains itself", step.from),
        None => "contains itself".to_string(),
    }
}

/// The JSON document of `top --format json`.
pub fn render_json(ranked: &[Ranked], infinite: &[Infinite], totals: &Totals) -> String {
    let doc = json!({
        "schema": SCHEMA,
        "threshold": totals.threshold,
        "limit": totals.limit,
        "files": totals.files,
        "sized": totals.sized,
        "unknown": totals.unknown,
        "futures": ranked.iter().map(|r| json!({
            "file": r.file,
            "name": r.name,
            "line": r.line,
            "size": r.size,
            "chain": r.chain.links.iter().map(link_json).collect::<Vec<_>>(),
            "why": chain_text(&r.chain),
        })).collect::<Vec<_>>(),
        "infinite": infinite.iter().map(|f| json!({
            "file": f.file,
            "name": f.name,
            "line": f.line,
            "on_cycle": f.on_cycle,
            "cycle": f.cycle.iter().map(step_json).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    });
    let mut out = serde_json::to_string_pretty(&doc).unwrap_or_default();
    out.push('\n');
    out
}

pub fn link_json(link: &Link) -> Value {
    json!({
        "future": link.future,
        "state": link.state.name(),
        "state_size": link.state_size,
        "field": link.field,
        "role": link.role.as_str(),
        "type": link.ty,
        "size": link.size,
        "line": link.line,
        "file": link.file,
        "awaited": link.awaited,
        "callee": link.callee,
        "twice": link.twice,
        "captured": link.captured,
    })
}

pub fn step_json(step: &Step) -> Value {
    json!({
        "from": step.from,
        "to": step.to,
        "field": step.field,
        "state": step.state.name(),
        "line": step.span.line,
        "column": step.span.column,
        "awaited": step.awaited,
    })
}
