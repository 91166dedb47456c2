//! Generated async fns: `let`s of values of known sizes (`u64`, `[u8; N]`, `String`,
//! `Vec<u8>`, `u32` from an await, references), used after awaits, borrowed across awaits,
//! dropped (moved only on request, see below) and shadowed, inside blocks, `if`, `match` and
//! loops, with `.await` and `?`.
//!
//! The generator keeps track of what it wrote, so the checks are computed from the program's
//! structure, not from the analysis:
//! - one `SuspendN` state per `.await`, numbered in source order;
//! - a state saves only names of variables that are in scope at its await (and the awaitee);
//! - every variable used after an await (on some path from it, around a loop too, or through
//!   a reference to it) is saved at that await;
//! - the future is at least one byte (the tag) plus the sizes of the values that must be saved
//!   at one await, and each state at least the sizes of its own;
//! - `explain` marks every await, `trace` with its default script ends in `Returned`, and
//!   `desugar`'s code parses.
//!
//! `differential_with_rustc` compiles the generated fns with rustc (`-Zprint-type-sizes`,
//! several fns per file) and requires, for every one, rustc's states, saved locals per
//! suspend point, total size, alignment, each state's size and each field's size and offset,
//! and that rustc too saves every value the generator knows must be saved.
//!
//! `drop(v)` of a `String` or `Vec` (a move) is generated only with
//! `FUTURELENS_PROPTEST_MOVES=1`: moves bring drop flags, which the model does not yet number
//! and place as rustc does (two flags of one future can sit at each other's offsets, and a
//! flag can be saved by one side only). By default `drop` copies a `u64` or an array.
//!
//! Both are deterministic (a fixed seed). `FUTURELENS_PROPTEST_CASES=N` sets the number of
//! generated fns of each test (160 by default); `FUTURELENS_PROPTEST_SEED=S` another seed:
//!
//! ```text
//! FUTURELENS_PROPTEST_CASES=5000 cargo test --release -p futurelens-analyzer --test properties
//! ```
//!
//! Under `CI=true` a missing rustc fails the differential test instead of skipping it.

mod common;

use std::collections::BTreeSet;

use futurelens_analyzer::analysis::{FutureAnalysis, Role};
use futurelens_analyzer::graph::StateId;
use futurelens_analyzer::{Analysis, Edition, Options, analyze};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, RngSeed, TestRng, TestRunner};

/// The type of a `let`: each has a size the checks know.
#[derive(Clone, Copy, Debug)]
enum Ty {
    U64,
    Bytes(u64),
    Text,
    List,
}

impl Ty {
    fn size(self) -> u64 {
        match self {
            Ty::U64 => 8,
            Ty::Bytes(n) => n,
            Ty::Text | Ty::List => 24,
        }
    }

    fn init(self) -> String {
        match self {
            Ty::U64 => "u64 = 7".to_string(),
            Ty::Bytes(n) => format!("[u8; {n}] = [0u8; {n}]"),
            Ty::Text => "String = String::from(\"x\")".to_string(),
            Ty::List => "Vec<u8> = Vec::new()".to_string(),
        }
    }

    fn is_copy(self) -> bool {
        matches!(self, Ty::U64 | Ty::Bytes(_))
    }
}

/// A statement; a `u8` picks among the variables usable at that point (modulo their number),
/// and the statement is left out when there is none.
#[derive(Clone, Debug)]
enum Stmt {
    /// A new variable; `Some(k)` reuses the name of a variable in scope (shadowing).
    Let(Option<u8>, Ty),
    /// `let vN: u32 = number().await;`
    LetAwaited,
    /// `let vN = &vK;`: a reference, 8 bytes.
    LetRef(u8),
    Await,
    Try,
    /// `touch(&vK)`: a use.
    Use(u8),
    /// `drop(vK)`: a move for a `String` or `Vec`, a copy for the others.
    Move(u8),
    If(Vec<Stmt>, Vec<Stmt>),
    Match(Vec<Vec<Stmt>>),
    /// `loop { body; if flag() { break; } }`: the body may run again after its awaits.
    Loop(Vec<Stmt>),
    Block(Vec<Stmt>),
}

fn ty() -> impl Strategy<Value = Ty> {
    prop_oneof![
        Just(Ty::U64),
        prop_oneof![Just(1u64), Just(3), Just(16), Just(64), Just(100)].prop_map(Ty::Bytes),
        Just(Ty::Text),
        Just(Ty::List),
    ]
}

fn stmt() -> impl Strategy<Value = Stmt> {
    let leaf = prop_oneof![
        5 => (prop::option::weighted(0.2, any::<u8>()), ty()).prop_map(|(s, t)| Stmt::Let(s, t)),
        1 => Just(Stmt::LetAwaited),
        1 => any::<u8>().prop_map(Stmt::LetRef),
        3 => Just(Stmt::Await),
        1 => Just(Stmt::Try),
        6 => any::<u8>().prop_map(Stmt::Use),
        1 => any::<u8>().prop_map(Stmt::Move),
    ];
    leaf.prop_recursive(3, 48, 6, |inner| {
        prop_oneof![
            (prop::collection::vec(inner.clone(), 1..6), prop::collection::vec(inner.clone(), 0..4))
                .prop_map(|(a, b)| Stmt::If(a, b)),
            prop::collection::vec(prop::collection::vec(inner.clone(), 0..4), 1..4).prop_map(Stmt::Match),
            prop::collection::vec(inner.clone(), 1..6).prop_map(Stmt::Loop),
            prop::collection::vec(inner, 1..6).prop_map(Stmt::Block),
        ]
    })
}

fn stmts() -> impl Strategy<Value = Vec<Stmt>> {
    prop::collection::vec(stmt(), 3..14)
}

#[derive(Clone, Debug)]
struct Var {
    name: String,
    size: u64,
    copy: bool,
    /// The variable a reference points to.
    target: Option<usize>,
    /// How many loops enclose its `let`.
    loops: usize,
}

/// What the generator knows about one `.await`, the `SuspendN` of its index.
#[derive(Clone, Debug, Default)]
struct AwaitFacts {
    /// Every variable in scope there, shadowed or moved ones too: the names a state may save.
    in_scope: BTreeSet<String>,
    /// The variables (indices in `Writer::vars`) used after it on some path: they must be saved.
    must_save: BTreeSet<usize>,
}

/// Writes the body of one generated fn and records the facts of its awaits.
#[derive(Default)]
struct Writer {
    out: String,
    vars: Vec<Var>,
    /// The variables in scope, innermost last; blocks truncate it when they close.
    scope: Vec<usize>,
    /// Moved out (a `drop` of a `String` or `Vec`) on some path to here.
    moved: BTreeSet<usize>,
    awaits: Vec<AwaitFacts>,
    /// The variables in scope at each await.
    in_scope_ids: Vec<BTreeSet<usize>>,
    /// The awaits on some path from the entry to here.
    before: BTreeSet<usize>,
    /// The variables used since the start of each enclosing loop's body, innermost last.
    loop_uses: Vec<BTreeSet<usize>>,
    /// The first await index of each enclosing loop's body.
    loop_starts: Vec<usize>,
    fresh: usize,
}

impl Writer {
    fn line(&mut self, depth: usize, text: &str) {
        self.out.push_str(&"    ".repeat(depth));
        self.out.push_str(text);
        self.out.push('\n');
    }

    /// Variables that may be named here: in scope, not shadowed, not moved, and for a
    /// reference, its target not moved either.
    fn usable(&self) -> Vec<usize> {
        let mut seen = BTreeSet::new();
        let mut out = Vec::new();
        for &v in self.scope.iter().rev() {
            if !seen.insert(self.vars[v].name.clone()) {
                continue;
            }
            let target_moved = self.vars[v].target.is_some_and(|t| self.moved.contains(&t));
            if !self.moved.contains(&v) && !target_moved {
                out.push(v);
            }
        }
        out.reverse();
        out
    }

    fn pick(&self, k: u8, keep: impl Fn(&Var) -> bool) -> Option<usize> {
        let usable: Vec<usize> = self.usable().into_iter().filter(|&v| keep(&self.vars[v])).collect();
        (!usable.is_empty()).then(|| usable[k as usize % usable.len()])
    }

    fn declare(&mut self, name: Option<String>, size: u64, copy: bool, target: Option<usize>) -> String {
        let name = name.unwrap_or_else(|| {
            self.fresh += 1;
            format!("v{}", self.fresh)
        });
        self.vars.push(Var { name: name.clone(), size, copy, target, loops: self.loop_starts.len() });
        self.scope.push(self.vars.len() - 1);
        name
    }

    /// A use of `v` here: it, and what it points to, must be saved at every await on a path
    /// to here since its `let` (those are the awaits after its `let` in `before`).
    fn used(&mut self, v: usize) {
        let mut vs = vec![v];
        vs.extend(self.vars[v].target);
        for v in vs {
            for &a in &self.before {
                if self.declared_before(v, a) {
                    self.awaits[a].must_save.insert(v);
                }
            }
            for uses in &mut self.loop_uses {
                uses.insert(v);
            }
        }
    }

    /// Whether `v` was in scope at await `a`: its `let` came before and it is still in scope
    /// now (scopes nest, so it was at every await on a path from its `let` to here).
    fn declared_before(&self, v: usize, a: usize) -> bool {
        self.in_scope_ids[a].contains(&v)
    }

    fn await_here(&mut self, depth: usize, text: &str) {
        let facts = AwaitFacts {
            in_scope: self.scope.iter().map(|&v| self.vars[v].name.clone()).collect(),
            ..AwaitFacts::default()
        };
        self.awaits.push(facts);
        self.in_scope_ids.push(self.scope.iter().copied().collect());
        self.before.insert(self.awaits.len() - 1);
        self.line(depth, text);
    }

    fn block(&mut self, stmts: &[Stmt], depth: usize) {
        let mark = self.scope.len();
        for s in stmts {
            self.stmt(s, depth);
        }
        self.scope.truncate(mark);
    }

    fn stmt(&mut self, s: &Stmt, depth: usize) {
        match s {
            Stmt::Let(shadow, ty) => {
                let name = shadow.and_then(|k| self.pick(k, |_| true)).map(|v| self.vars[v].name.clone());
                let name = self.declare(name, ty.size(), ty.is_copy(), None);
                self.line(depth, &format!("let {name}: {};", ty.init()));
            }
            Stmt::LetAwaited => {
                // The variable exists only after the await: declared after it.
                self.fresh += 1;
                let name = format!("v{}", self.fresh);
                self.await_here(depth, &format!("let {name}: u32 = number().await;"));
                self.declare(Some(name), 4, true, None);
            }
            Stmt::LetRef(k) => {
                if let Some(t) = self.pick(*k, |v| v.target.is_none()) {
                    let target = self.vars[t].name.clone();
                    let name = self.declare(None, 8, true, Some(t));
                    self.line(depth, &format!("let {name} = &{target};"));
                }
            }
            Stmt::Await => self.await_here(depth, "leaf().await;"),
            Stmt::Try => {
                self.await_here(depth, "fallible().await?;");
            }
            Stmt::Use(k) => {
                if let Some(v) = self.pick(*k, |_| true) {
                    let name = self.vars[v].name.clone();
                    self.used(v);
                    self.line(depth, &format!("touch(&{name});"));
                }
            }
            Stmt::Move(k) => {
                // A `String` or `Vec` is moved only with `FUTURELENS_PROPTEST_MOVES=1`: its
                // drop flags are not yet numbered and placed as rustc does (see the README).
                // Not a variable of an enclosing loop (the next turn would use it moved), nor
                // one a usable reference points to.
                let loops = self.loop_starts.len();
                let borrowed: BTreeSet<usize> = self.usable().iter().filter_map(|&r| self.vars[r].target).collect();
                if let Some(v) = self
                    .pick(*k, |var| var.target.is_none() && (var.copy || moves() && var.loops == loops))
                    .filter(|v| !borrowed.contains(v))
                {
                    let name = self.vars[v].name.clone();
                    self.used(v);
                    if !self.vars[v].copy {
                        self.moved.insert(v);
                    }
                    self.line(depth, &format!("drop({name});"));
                }
            }
            Stmt::If(a, b) => {
                let (before, moved) = (self.before.clone(), self.moved.clone());
                self.line(depth, "if flag() {");
                self.block(a, depth + 1);
                let (then_before, then_moved) =
                    (std::mem::replace(&mut self.before, before), std::mem::replace(&mut self.moved, moved));
                self.line(depth, "} else {");
                self.block(b, depth + 1);
                self.line(depth, "}");
                self.before.extend(then_before);
                self.moved.extend(then_moved);
            }
            Stmt::Match(arms) => {
                let (before, moved) = (self.before.clone(), self.moved.clone());
                let (mut all_before, mut all_moved) = (BTreeSet::new(), BTreeSet::new());
                self.line(depth, "match pick() {");
                for (i, arm) in arms.iter().enumerate() {
                    let pat = if i + 1 == arms.len() { "_".to_string() } else { i.to_string() };
                    self.before = before.clone();
                    self.moved = moved.clone();
                    self.line(depth + 1, &format!("{pat} => {{"));
                    self.block(arm, depth + 2);
                    self.line(depth + 1, "}");
                    all_before.extend(std::mem::take(&mut self.before));
                    all_moved.extend(std::mem::take(&mut self.moved));
                }
                self.line(depth, "}");
                self.before = all_before;
                self.moved = all_moved;
            }
            Stmt::Loop(body) => {
                self.line(depth, "loop {");
                self.loop_uses.push(BTreeSet::new());
                self.loop_starts.push(self.awaits.len());
                self.block(body, depth + 1);
                self.line(depth + 1, "if flag() {");
                self.line(depth + 2, "break;");
                self.line(depth + 1, "}");
                self.line(depth, "}");
                let uses = self.loop_uses.pop().unwrap_or_default();
                let start = self.loop_starts.pop().unwrap_or_default();
                // The next turn uses, after the awaits of this one, what the body used of the
                // variables declared outside it.
                for v in uses {
                    if self.vars[v].loops > self.loop_starts.len() {
                        continue;
                    }
                    for &a in self.before.iter().filter(|&&a| a >= start) {
                        if self.in_scope_ids[a].contains(&v) {
                            self.awaits[a].must_save.insert(v);
                        }
                    }
                }
            }
            Stmt::Block(body) => {
                self.line(depth, "{");
                self.block(body, depth + 1);
                self.line(depth, "}");
            }
        }
    }
}

/// One generated async fn and what the generator knows about it.
struct Generated {
    name: String,
    code: String,
    vars: Vec<Var>,
    awaits: Vec<AwaitFacts>,
}

fn generate(name: &str, stmts: &[Stmt]) -> Generated {
    let mut w = Writer::default();
    w.block(stmts, 1);
    let code = format!("pub async fn {name}() -> Result<(), ()> {{\n{}    Ok(())\n}}\n", w.out);
    Generated { name: name.to_string(), code, vars: w.vars, awaits: w.awaits }
}

const HELPERS: &str = "async fn leaf() {}\nasync fn number() -> u32 { 7 }\n\
    async fn fallible() -> Result<u8, ()> { Ok(1) }\nfn flag() -> bool { true }\nfn pick() -> u8 { 0 }\n\
    fn touch<T: ?Sized>(_: &T) {}\n";

fn source(fns: &[Generated]) -> String {
    let mut src = HELPERS.to_string();
    for g in fns {
        src.push_str(&g.code);
    }
    src
}

fn options() -> Options {
    Options { file_name: "generated.rs".into(), edition: Edition::E2021, ..Options::default() }
}

/// The generated fns of each test, and the seed: `FUTURELENS_PROPTEST_CASES`,
/// `FUTURELENS_PROPTEST_SEED`.
fn cases() -> u32 {
    std::env::var("FUTURELENS_PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(160)
}

/// Whether `String`s and `Vec`s are moved (`FUTURELENS_PROPTEST_MOVES=1`).
fn moves() -> bool {
    std::env::var("FUTURELENS_PROPTEST_MOVES").is_ok_and(|v| v == "1")
}

fn seed() -> u64 {
    std::env::var("FUTURELENS_PROPTEST_SEED").ok().and_then(|n| n.parse().ok()).unwrap_or(13)
}

/// The names a state saves, but upvars and unnamed temporaries and drop flags.
fn saved_names(future: &FutureAnalysis, n: usize) -> Option<BTreeSet<String>> {
    let state = future.state(StateId::Suspend(n as u32))?;
    Some(
        state
            .fields
            .iter()
            .filter(|f| f.role != Role::Upvar && f.role != Role::DropFlag && !f.name.starts_with('.'))
            .map(|f| f.name.clone())
            .collect(),
    )
}

/// The checks computed from the generator's facts; every broken one, in words.
fn invariants(g: &Generated, analysis: &Analysis, src: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let Some(future) = analysis.futures.iter().find(|f| f.name == g.name) else {
        return vec!["the generated fn is not found".into()];
    };
    let suspends = future.states.iter().filter(|s| matches!(s.id, StateId::Suspend(_))).count();
    if suspends != g.awaits.len() {
        problems.push(format!("{suspends} suspend states for {} awaits", g.awaits.len()));
        return problems;
    }
    for (n, facts) in g.awaits.iter().enumerate() {
        let saved = saved_names(future, n).unwrap_or_default();
        for name in saved.iter().filter(|s| *s != "__awaitee") {
            if !facts.in_scope.contains(name) {
                problems.push(format!("Suspend{n} saves `{name}`, which is not in scope at its await"));
            }
        }
        for &v in &facts.must_save {
            if !saved.contains(&g.vars[v].name) {
                problems.push(format!("Suspend{n} does not save `{}`, used after its await", g.vars[v].name));
            }
        }
        let least: u64 = facts.must_save.iter().map(|&v| g.vars[v].size).sum();
        if let Some(state) = future.state(StateId::Suspend(n as u32))
            && let Some(size) = state.size
            && size < least
        {
            problems.push(format!("Suspend{n} is {size} bytes, less than the {least} it must save"));
        }
        if let Some(layout) = &future.layout
            && layout.size < least + 1
        {
            problems
                .push(format!("the future is {} bytes, less than the tag and the {least} of Suspend{n}", layout.size));
        }
    }
    let explained = futurelens_analyzer::explain::explain(future, src, analysis.options.edition, 1024);
    if explained.awaits.len() != g.awaits.len() {
        problems.push(format!("explain marks {} awaits of {}", explained.awaits.len(), g.awaits.len()));
    }
    let run = futurelens_analyzer::trace::trace(future, &Default::default());
    if run.end != futurelens_analyzer::trace::End::Returned {
        problems.push(format!("the default trace ends in {:?}", run.end));
    }
    problems
}

proptest! {
    #![proptest_config(Config { cases: cases(), rng_seed: RngSeed::Fixed(seed()), ..Config::default() })]

    #[test]
    fn invariants_hold(stmts in stmts()) {
        let g = generate("generated", &stmts);
        let src = source(std::slice::from_ref(&g));
        let analysis = analyze(&src, &options());
        let problems = invariants(&g, &analysis, &src);
        prop_assert!(problems.is_empty(), "{}\nin\n{}", problems.join("\n"), src);
        let all: Vec<usize> = (0..analysis.futures.len()).collect();
        let plans = futurelens_analyzer::desugar::plan(&analysis.futures, &all, &src, true);
        let code = futurelens_analyzer::render::desugar::render(&analysis, &plans);
        prop_assert!(!code.contains("internal error"), "desugar writes code that parses, for\n{}\n{}", src, code);
    }
}

/// Generated fns per rustc run: one compile amortised over many futures.
const BATCH: usize = 64;

#[test]
fn differential_with_rustc() {
    if !common::tool_available("rustc", &["--version"], "https://rustup.rs") {
        return;
    }
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &{
            let mut bytes = [0u8; 32];
            bytes[..8].copy_from_slice(&seed().to_le_bytes());
            bytes
        }),
    );
    let strategy = stmts();
    let total = cases() as usize;
    let mut failures = Vec::new();
    let (mut compared, mut suspends, mut must_save) = (0, 0, 0);
    let dir = std::env::temp_dir().join(format!("futurelens-properties-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    for batch in 0..total.div_ceil(BATCH) {
        let fns: Vec<Generated> = (batch * BATCH..total.min((batch + 1) * BATCH))
            .map(|i| generate(&format!("g{i}"), &strategy.new_tree(&mut runner).expect("a program").current()))
            .collect();
        let src = source(&fns);
        let path = dir.join(format!("batch{batch}.rs"));
        std::fs::write(&path, &src).expect("write the generated program");
        let rustc = common::rustc_layouts_in(&path, Edition::E2021)
            .unwrap_or_else(|e| panic!("rustc rejects a generated program ({e}):\n{src}"));
        let analysis = analyze(&src, &options());
        for g in &fns {
            let mut problems = invariants(g, &analysis, &src);
            match (analysis.futures.iter().find(|f| f.name == g.name), rustc.iter().find(|r| r.name == g.name)) {
                (Some(ours), Some(theirs)) => {
                    compared += 1;
                    problems.extend(futurelens_analyzer::crosscheck::check_future(ours, theirs).differences);
                    problems.extend(futurelens_analyzer::layout::compare::differences(ours, theirs));
                    // The generator's facts hold in rustc too.
                    for (n, facts) in g.awaits.iter().enumerate() {
                        suspends += 1;
                        must_save += facts.must_save.len();
                        let Some(variant) = theirs.variant(&format!("Suspend{n}")) else { continue };
                        for &v in &facts.must_save {
                            if !variant.fields.iter().any(|f| f.name == g.vars[v].name) {
                                problems.push(format!("rustc does not save `{}` in Suspend{n}", g.vars[v].name));
                            }
                        }
                    }
                }
                (ours, theirs) => problems.push(format!(
                    "found by the analysis: {}, laid out by rustc: {}",
                    ours.is_some(),
                    theirs.is_some()
                )),
            }
            if !problems.is_empty() {
                failures.push(format!("{}\n{}{}", problems.join("\n"), HELPERS, g.code));
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    eprintln!(
        "{compared} generated futures compared with rustc ({suspends} suspend points, {must_save} values known to be saved)"
    );
    assert_eq!(compared, total, "every generated fn is compared");
    assert!(
        failures.is_empty(),
        "{} of {total} generated fns differ from rustc:\n\n{}",
        failures.len(),
        failures.iter().take(5).cloned().collect::<Vec<_>>().join("\n\n")
    );
}
