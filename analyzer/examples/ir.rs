//! Prints the lowered body of one future (its locals and blocks of statements), the saved set
//! of every state, and the storage conflicts: the analysis' intermediate steps, for finding
//! where it departs from rustc.
//!
//! ```text
//! cargo run -p futurelens-analyzer --example ir -- FILE FN [2018|2021|2024]
//! ```

use futurelens_analyzer::ir::{LocalKind, Terminator};
use futurelens_analyzer::{Edition, Options, analyze};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(file), Some(name)) = (args.first(), args.get(1)) else {
        eprintln!("usage: ir FILE FN [EDITION]");
        std::process::exit(2);
    };
    let src = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{file}: {e}"));
    let edition = match args.get(2) {
        Some(e) => e.parse().unwrap_or_else(|e| panic!("{e}")),
        None => Edition::declared_in(&src).unwrap_or(Edition::E2021),
    };
    let analysis = analyze(&src, &Options { file_name: file.clone(), edition, ..Options::default() });
    for f in analysis.select(name) {
        println!("== {} (edition {edition})", f.name);
        let body = &f.body;
        for (i, l) in body.locals.iter().enumerate() {
            let kind = match &l.kind {
                LocalKind::Temp { expr } => format!("temp `{expr}`"),
                LocalKind::DropFlag(of) => format!("drop flag of _{}", of.0),
                other => format!("{other:?}"),
            };
            println!("  _{i}: {} {} [{kind}] drop={:?} scope={} line {}", l.name, l.ty, l.drop, l.scope, l.span.line);
        }
        for (b, block) in body.blocks.iter().enumerate() {
            println!("  bb{b}:");
            for s in &block.stmts {
                println!("    {:?} (line {}{})", s.kind, s.line, if s.tail != 0 { ", tail" } else { "" });
            }
            let t = match &block.terminator {
                Terminator::Goto(t) => format!("goto bb{}", t.0),
                Terminator::Branch(edges) => format!(
                    "branch {}",
                    edges
                        .iter()
                        .map(|e| format!("bb{} {}", e.target.0, e.label.as_deref().unwrap_or("")))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                Terminator::Await { suspend, resume } => format!(
                    "await S{} -> bb{}",
                    body.suspends[suspend.index()].state.map_or("-".into(), |s| s.to_string()),
                    resume.0
                ),
                Terminator::Return => "return".into(),
                Terminator::Diverge => "diverge".into(),
            };
            println!("    -> {t}");
        }
        for state in f.suspend_states() {
            let fields: Vec<String> =
                state.fields.iter().filter_map(|x| x.local.map(|l| format!("_{} {}", l.0, x.name))).collect();
            println!("  {}: {}", state.id.name(), fields.join(", "));
        }
        for call in &body.calls {
            println!("  call {} at {}:{} in bb{}", call.callee, call.span.line, call.span.column, call.block.0);
        }
        let conflicts: Vec<String> = f.saved.conflicts.iter().map(|(a, b)| format!("_{}-_{}", a.0, b.0)).collect();
        println!("  conflicts: {}", conflicts.join(" "));
    }
}
