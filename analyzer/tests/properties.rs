//! Generated async fns with random nesting of `let`, `if`, `match`, `loop`, `?` and `.await`:
//! whatever the shape, the analysis keeps its invariants.
//! - one `SuspendN` state per `.await` (the generator only writes reachable awaits);
//! - a state saves only values in scope at its await;
//! - no state is smaller than its largest field, and the future is no smaller than any state;
//! - `explain` marks every await, `trace` with its default script ends in `Returned`, and
//!   `desugar`'s code parses.

use futurelens_analyzer::analysis::Role;
use futurelens_analyzer::graph::StateId;
use futurelens_analyzer::{Options, analyze};
use proptest::prelude::*;

#[derive(Clone, Debug)]
enum Stmt {
    Let(u8, Init),
    Await,
    Try,
    Use(u8),
    If(Vec<Stmt>, Vec<Stmt>),
    Match(Vec<Vec<Stmt>>),
    Loop(Vec<Stmt>),
    Block(Vec<Stmt>),
}

#[derive(Clone, Debug)]
enum Init {
    Int,
    Text,
    Bytes,
    Awaited,
}

fn stmt() -> impl Strategy<Value = Stmt> {
    let leaf = prop_oneof![
        (0u8..4, prop_oneof![Just(Init::Int), Just(Init::Text), Just(Init::Bytes), Just(Init::Awaited)])
            .prop_map(|(n, init)| Stmt::Let(n, init)),
        Just(Stmt::Await),
        Just(Stmt::Try),
        (0u8..4).prop_map(Stmt::Use),
    ];
    leaf.prop_recursive(4, 40, 4, |inner| {
        prop_oneof![
            (prop::collection::vec(inner.clone(), 0..4), prop::collection::vec(inner.clone(), 0..4))
                .prop_map(|(a, b)| Stmt::If(a, b)),
            prop::collection::vec(prop::collection::vec(inner.clone(), 0..3), 1..4).prop_map(Stmt::Match),
            prop::collection::vec(inner.clone(), 0..4).prop_map(Stmt::Loop),
            prop::collection::vec(inner, 0..4).prop_map(Stmt::Block),
        ]
    })
}

/// Writes the statements; returns how many `.await`s were written.
fn write(stmts: &[Stmt], out: &mut String, depth: usize) -> usize {
    let pad = "    ".repeat(depth);
    let mut awaits = 0;
    for s in stmts {
        match s {
            Stmt::Let(n, Init::Int) => out.push_str(&format!("{pad}let v{n}: u64 = {n};\n")),
            Stmt::Let(n, Init::Text) => out.push_str(&format!("{pad}let v{n} = String::from(\"x\");\n")),
            Stmt::Let(n, Init::Bytes) => out.push_str(&format!("{pad}let v{n} = [0u8; 64];\n")),
            Stmt::Let(n, Init::Awaited) => {
                out.push_str(&format!("{pad}let v{n}: u32 = number().await;\n"));
                awaits += 1;
            }
            Stmt::Await => {
                out.push_str(&format!("{pad}leaf().await;\n"));
                awaits += 1;
            }
            Stmt::Try => {
                out.push_str(&format!("{pad}let _checked: u8 = fallible().await?;\n"));
                awaits += 1;
            }
            Stmt::Use(n) => out.push_str(&format!("{pad}touch(&{n});\n")),
            Stmt::If(a, b) => {
                out.push_str(&format!("{pad}if flag() {{\n"));
                awaits += write(a, out, depth + 1);
                out.push_str(&format!("{pad}}} else {{\n"));
                awaits += write(b, out, depth + 1);
                out.push_str(&format!("{pad}}}\n"));
            }
            Stmt::Match(arms) => {
                out.push_str(&format!("{pad}match pick() {{\n"));
                for (i, arm) in arms.iter().enumerate() {
                    let pat = if i + 1 == arms.len() { "_".to_string() } else { i.to_string() };
                    out.push_str(&format!("{pad}    {pat} => {{\n"));
                    awaits += write(arm, out, depth + 2);
                    out.push_str(&format!("{pad}    }}\n"));
                }
                out.push_str(&format!("{pad}}}\n"));
            }
            Stmt::Loop(body) => {
                out.push_str(&format!("{pad}loop {{\n"));
                awaits += write(body, out, depth + 1);
                out.push_str(&format!("{pad}    break;\n{pad}}}\n"));
            }
            Stmt::Block(body) => {
                out.push_str(&format!("{pad}{{\n"));
                awaits += write(body, out, depth + 1);
                out.push_str(&format!("{pad}}}\n"));
            }
        }
    }
    awaits
}

fn program(stmts: &[Stmt]) -> (String, usize) {
    let mut body = String::new();
    let awaits = write(stmts, &mut body, 1);
    let src = format!(
        "async fn leaf() {{}}\nasync fn number() -> u32 {{ 7 }}\nasync fn fallible() -> Result<u8, ()> {{ Ok(1) }}\n\
         fn flag() -> bool {{ true }}\nfn pick() -> u8 {{ 0 }}\nfn touch<T>(_: &T) {{}}\n\
         pub async fn generated() -> Result<(), ()> {{\n{body}    Ok(())\n}}\n"
    );
    (src, awaits)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn invariants_hold(stmts in prop::collection::vec(stmt(), 0..8)) {
        let (src, awaits) = program(&stmts);
        let analysis = analyze(&src, &Options::default());
        let future = analysis.futures.iter().find(|f| f.name == "generated").expect("the generated fn is found");

        let suspends = future.states.iter().filter(|s| matches!(s.id, StateId::Suspend(_))).count();
        prop_assert_eq!(suspends, awaits, "one state per await in\n{}", src);

        for suspend in future.body.suspends.iter().filter(|s| s.state.is_some()) {
            let n = suspend.state.unwrap_or_default();
            let state = future.state(StateId::Suspend(n)).expect("state exists");
            for field in state.fields.iter().filter(|f| f.role != Role::Upvar && f.role != Role::DropFlag) {
                let local = field.local.expect("a saved local");
                prop_assert!(
                    suspend.in_scope.contains(&local) || field.role == Role::Awaitee,
                    "`{}` saved in Suspend{} but not in scope there, in\n{}", field.name, n, src
                );
            }
        }

        let explained = futurelens_analyzer::explain::explain(future, &src, analysis.options.edition, 1024);
        prop_assert_eq!(explained.awaits.len(), awaits, "every await is marked, in\n{}", src);
        let run = futurelens_analyzer::trace::trace(future, &Default::default());
        prop_assert_eq!(&run.end, &futurelens_analyzer::trace::End::Returned, "the default trace ends, in\n{}", src);
        let all: Vec<usize> = (0..analysis.futures.len()).collect();
        let plans = futurelens_analyzer::desugar::plan(&analysis.futures, &all, &src, true);
        let code = futurelens_analyzer::render::desugar::render(&analysis, &plans);
        prop_assert!(!code.contains("internal error"), "desugar writes code that parses, for\n{}\n{}", src, code);

        if let Some(layout) = &future.layout {
            for state in &future.states {
                let largest = state.fields.iter().filter_map(|f| f.size).max().unwrap_or(0);
                if let Some(size) = state.size {
                    // rustc prints a state's size without its tag (one or two bytes).
                    prop_assert!(size + 2 >= largest, "{:?} is {} bytes, smaller than a field of {}", state.id, size, largest);
                }
                prop_assert!(layout.size >= largest, "the future ({} bytes) is smaller than a field of {}", layout.size, largest);
            }
        }
    }
}
