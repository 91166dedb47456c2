//! `desugar`'s code compiles and behaves like the original.
//!
//! In: each sample program that compiles, and `desugar --all` of it. The test appends the
//! hand-written futures to the program as a module, plus a `main` that runs, under a tiny
//! executor (a no-op waker, polling until `Ready`, then once more), every future written with
//! a `poll`: the original then the hand-written one, from the same sample arguments (small
//! values that are not empty, so loops run; the file's own structs and enums are built from
//! samples of their fields). An async block runs through the plain fn that makes it, written
//! again by `desugar`; a generic fn's body through its instances; a block or closure inside
//! another future through that future. Out: a failure when the file does not compile, when a
//! pair prints different lines (what the bodies print, drops included: `29_drop_order.rs` and
//! `07_temporaries.rs` print values as they are dropped; then the value, the number of polls,
//! and what polling again after `Ready` says, which tells `Returned` from `Panicked`), when a
//! written future is not run, or when a future is an outline for another reason than a
//! self-reference, or without saying where the borrow and the await are. It prints the sizes
//! of both futures next to each other.

mod common;

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

use futurelens_analyzer::desugar::{self, Code, Plan, Why};
use futurelens_analyzer::ir::FutureKind;
use futurelens_analyzer::render;

/// The file's own structs and enums: how to build a sample of each from samples of its fields.
struct FileTypes {
    /// Type name → (the expression that builds it from `__Sample::sample()`s, its field types).
    types: HashMap<String, (String, Vec<syn::Type>)>,
}

impl FileTypes {
    fn of(src: &str) -> FileTypes {
        let mut types = HashMap::new();
        let Ok(file) = syn::parse_file(src) else { return FileTypes { types } };
        let sample = "__Sample::sample()";
        for item in &file.items {
            match item {
                syn::Item::Struct(s) if s.generics.params.is_empty() => {
                    let name = s.ident.to_string();
                    let tys: Vec<syn::Type> = s.fields.iter().map(|f| f.ty.clone()).collect();
                    let build = match &s.fields {
                        syn::Fields::Named(named) => {
                            let fields: Vec<String> = named
                                .named
                                .iter()
                                .map(|f| format!("{}: {sample}", f.ident.as_ref().expect("named")))
                                .collect();
                            format!("{name} {{ {} }}", fields.join(", "))
                        }
                        syn::Fields::Unnamed(u) => format!("{name}({})", vec![sample; u.unnamed.len()].join(", ")),
                        syn::Fields::Unit => name.clone(),
                    };
                    types.insert(name, (build, tys));
                }
                syn::Item::Enum(e) if e.generics.params.is_empty() => {
                    let name = e.ident.to_string();
                    let Some(v) = e.variants.first() else { continue };
                    let tys: Vec<syn::Type> = v.fields.iter().map(|f| f.ty.clone()).collect();
                    let build = match &v.fields {
                        syn::Fields::Named(named) => {
                            let fields: Vec<String> = named
                                .named
                                .iter()
                                .map(|f| format!("{}: {sample}", f.ident.as_ref().expect("named")))
                                .collect();
                            format!("{name}::{} {{ {} }}", v.ident, fields.join(", "))
                        }
                        syn::Fields::Unnamed(u) => {
                            format!("{name}::{}({})", v.ident, vec![sample; u.unnamed.len()].join(", "))
                        }
                        syn::Fields::Unit => format!("{name}::{}", v.ident),
                    };
                    types.insert(name, (build, tys));
                }
                _ => {}
            }
        }
        FileTypes { types }
    }

    /// Whether `__Sample::sample()` can make a value of this type.
    fn sampleable(&self, ty: &syn::Type, seen: &mut Vec<String>) -> bool {
        const STD: &[&str] = &[
            "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64", "i128", "isize", "f32", "f64",
            "bool", "char", "String", "Vec", "Option", "Result", "Box", "Rc", "Arc", "Mutex", "RefCell", "HashMap",
        ];
        match ty {
            syn::Type::Reference(r) => match &*r.elem {
                syn::Type::Path(p) if p.path.is_ident("str") => r.mutability.is_none(),
                syn::Type::Slice(s) => self.sampleable(&s.elem, seen),
                inner => self.sampleable(inner, seen),
            },
            syn::Type::Array(a) => self.sampleable(&a.elem, seen),
            syn::Type::Tuple(t) => t.elems.len() <= 3 && t.elems.iter().all(|e| self.sampleable(e, seen)),
            syn::Type::Ptr(_) => true,
            syn::Type::Paren(p) => self.sampleable(&p.elem, seen),
            syn::Type::Path(p) if p.qself.is_none() => {
                let Some(last) = p.path.segments.last() else { return false };
                let name = last.ident.to_string();
                let args_ok = match &last.arguments {
                    syn::PathArguments::None => true,
                    syn::PathArguments::AngleBracketed(a) => a.args.iter().all(|arg| match arg {
                        syn::GenericArgument::Type(t) => self.sampleable(t, seen),
                        _ => false,
                    }),
                    syn::PathArguments::Parenthesized(_) => false,
                };
                if !args_ok {
                    return false;
                }
                if STD.contains(&name.as_str()) {
                    return true;
                }
                if seen.contains(&name) {
                    return true;
                }
                match self.types.get(&name) {
                    Some((_, fields)) => {
                        seen.push(name);
                        fields.iter().all(|f| self.sampleable(f, seen))
                    }
                    None => false,
                }
            }
            _ => false,
        }
    }

    fn sampleable_text(&self, ty: &str) -> bool {
        syn::parse_str::<syn::Type>(ty).is_ok_and(|t| self.sampleable(&t, &mut Vec::new()))
    }

    /// `impl __Sample` for each of the file's types that can be made.
    fn impls(&self) -> String {
        let mut out = String::new();
        let mut names: Vec<&String> = self.types.keys().collect();
        names.sort();
        for name in names {
            if !self.sampleable_text(name) {
                continue;
            }
            let (build, _) = &self.types[name];
            out.push_str(&format!("impl __Sample for {name} {{ fn sample() -> Self {{ {build} }} }}\n"));
        }
        out
    }
}

/// The program with `#[derive(Debug)]` on each of its structs and enums that has none, so
/// that the test can print what the futures return. Lines stay where they are.
fn with_debug(src: &str) -> String {
    let Ok(file) = syn::parse_file(src) else { return src.to_string() };
    let mut lines: Vec<String> = src.lines().map(str::to_string).collect();
    for item in &file.items {
        let (attrs, keyword_line) = match item {
            syn::Item::Struct(s) => (&s.attrs, syn::spanned::Spanned::span(&s.struct_token).start().line),
            syn::Item::Enum(e) => (&e.attrs, syn::spanned::Spanned::span(&e.enum_token).start().line),
            _ => continue,
        };
        let debug = attrs
            .iter()
            .any(|a| a.path().is_ident("derive") && quote::ToTokens::to_token_stream(a).to_string().contains("Debug"));
        if !debug && let Some(line) = lines.get_mut(keyword_line - 1) {
            line.insert_str(0, "#[derive(Debug)] ");
        }
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

/// What checking one program found.
#[derive(Default)]
struct Checked {
    compiled: usize,
    ran: usize,
    /// Written and compiled, run through the future that contains or instantiates them.
    through: usize,
    /// Written and compiled, inside a future that is an outline (a self-reference): not run.
    inside_outline: Vec<String>,
    outlines: Vec<String>,
    sizes: Vec<String>,
}

/// How the test calls a future: the original and the hand-written one, from the same values.
struct Run {
    label: String,
    original: String,
    desugared: String,
    /// The hand-written type, for its size.
    type_name: String,
    params: Vec<(String, String)>,
}

/// The run of a written future, when it can be called by itself: an async fn (an instance by
/// its generic arguments), or an async block through the fn that makes it.
fn run_of(plan: &Plan, analysis: &futurelens_analyzer::Analysis) -> Option<Run> {
    let future = &analysis.futures[plan.future];
    match future.kind {
        FutureKind::AsyncFn if !future.generic => {
            let original = match &future.instance {
                Some(instance) => {
                    let args: Vec<String> = instance.args.iter().map(ToString::to_string).collect();
                    format!("{}::<{}>", future.name, args.join(", "))
                }
                None => future.name.clone(),
            };
            Some(Run {
                label: future.display_name().to_string(),
                original,
                desugared: format!("__desugared::{}::new", plan.type_name),
                type_name: plan.type_name.clone(),
                params: plan.params.clone(),
            })
        }
        FutureKind::AsyncBlock => plan.maker.as_ref().map(|m| Run {
            label: format!("{} (by {})", future.display_name(), m.name),
            original: m.name.clone(),
            desugared: format!("__desugared::{}", m.name),
            type_name: plan.type_name.clone(),
            params: m.params.clone(),
        }),
        _ => None,
    }
}

/// The smallest other future whose source contains this one's.
fn enclosing(analysis: &futurelens_analyzer::Analysis, index: usize) -> Option<usize> {
    let span = &analysis.futures[index].span;
    analysis
        .futures
        .iter()
        .enumerate()
        .filter(|(j, f)| {
            *j != index
                && f.instance.is_none()
                && f.span.start_byte <= span.start_byte
                && span.end_byte <= f.span.end_byte
                && (f.span.start_byte, f.span.end_byte) != (span.start_byte, span.end_byte)
        })
        .min_by_key(|(_, f)| f.span.end_byte - f.span.start_byte)
        .map(|(j, _)| j)
}

/// Collapses a doc comment's lines into one line of text.
fn doc_text(code: &str) -> String {
    code.lines()
        .map(|l| l.trim().trim_start_matches("///").trim())
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Appends `desugar --all` of `src` to it with a `main` that runs each written future next to
/// the original, compiles it, runs it, and compares what each pair prints.
fn check_program(name: &str, src: &str, analysis: &futurelens_analyzer::Analysis, dir: &Path) -> Checked {
    let mut checked = Checked::default();
    let all: Vec<usize> = (0..analysis.futures.len()).collect();
    let plans = desugar::plan(&analysis.futures, &all, src, true);
    let code = render::desugar::render(analysis, &plans);
    let file_types = FileTypes::of(src);
    let mut program = with_debug(src);
    program.push_str("\nmod __desugared {\n");
    program.push_str(&code);
    program.push_str("\nuse super::*;\n}\n\n");
    program.push_str(SAMPLE_VALUES);
    program.push_str(&file_types.impls());
    program.push_str(RUNNER);
    program.push_str("fn main() {\n    std::panic::set_hook(Box::new(|_| {}));\n");
    let text = doc_text(&code);
    let mut runs: Vec<String> = Vec::new();
    let mut ran_types: Vec<String> = Vec::new();
    for plan in &plans {
        let future = &analysis.futures[plan.future];
        match &plan.code {
            Code::Outline { why } => {
                checked.outlines.push(format!("{name}: {}", future.display_name()));
                for (_, w) in why {
                    let Why::SelfReference { borrow_line, await_line, .. } = w else {
                        panic!(
                            "{name}: `{}` is an outline for another reason than a self-reference: {w:?}",
                            future.display_name()
                        );
                    };
                    let (borrow, at) =
                        (format!("the borrow is at line {borrow_line}"), format!("the await on line {await_line}"));
                    assert!(
                        *borrow_line > 0 && text.contains(&borrow) && text.contains(&at),
                        "{name}: the outline of `{}` does not say where its borrow and its await are ({borrow}, {at})",
                        future.display_name()
                    );
                }
            }
            Code::Compilable { .. } => {
                checked.compiled += 1;
                let Some(run) = run_of(plan, analysis) else { continue };
                let unsampleable: Vec<&String> =
                    run.params.iter().map(|(_, t)| t).filter(|t| !file_types.sampleable_text(t)).collect();
                assert!(
                    unsampleable.is_empty(),
                    "{name}: `{}` cannot be run: no sample value for {unsampleable:?}",
                    run.label
                );
                let args = vec!["__Sample::sample()"; run.params.len()].join(", ");
                let (label, original, desugared, t) = (&run.label, &run.original, &run.desugared, &run.type_name);
                program.push_str(&format!(
                    "    println!(\"== {label} original\");\n\
                     \x20   __report(\"{label}\", __run({original}({args})));\n\
                     \x20   println!(\"== {label} desugared\");\n\
                     \x20   __report(\"{label}\", __run({desugared}({args})));\n\
                     \x20   eprintln!(\"size {label} {{}} {{}}\", std::mem::size_of_val(&{original}({args})), \
                     std::mem::size_of::<__desugared::{t}>());\n"
                ));
                runs.push(label.clone());
                ran_types.push(plan.type_name.clone());
            }
        }
    }
    // A written future that is not run by itself runs inside the future that builds or awaits
    // it, or through its instances; inside an outline, it is compiled only.
    let written: Vec<&Plan> = plans.iter().filter(|p| matches!(p.code, Code::Compilable { .. })).collect();
    for plan in &written {
        if ran_types.contains(&plan.type_name) {
            continue;
        }
        let future = &analysis.futures[plan.future];
        if future.generic {
            let instances: Vec<&&Plan> = written
                .iter()
                .filter(|p| {
                    let f = &analysis.futures[p.future];
                    f.instance.is_some() && f.name == future.name && f.span.start_byte == future.span.start_byte
                })
                .collect();
            assert!(
                !instances.is_empty() && instances.iter().all(|p| ran_types.contains(&p.type_name)),
                "{name}: the generic `{}` runs through no instance",
                future.display_name()
            );
            checked.through += 1;
            continue;
        }
        let parent = enclosing(analysis, plan.future);
        let parent_plan =
            parent.and_then(|j| plans.iter().find(|p| p.future == j && analysis.futures[j].instance.is_none()));
        match parent_plan {
            Some(p) if matches!(p.code, Code::Outline { .. }) => {
                checked.inside_outline.push(format!("{name}: {}", future.display_name()));
            }
            Some(p) if ran_types.contains(&p.type_name) => checked.through += 1,
            _ => panic!("{name}: `{}` is written but never run", future.display_name()),
        }
    }
    program.push_str("}\n");
    let file = dir.join(format!("{}.rs", name.replace(['/', '.'], "_")));
    std::fs::write(&file, &program).expect("write program");
    let exe = dir.join("program");
    let output = Command::new("rustc")
        .args(["--edition", analysis.options.edition.as_str(), "--cap-lints", "allow", "-o"])
        .arg(&exe)
        .arg(&file)
        .output()
        .expect("rustc runs");
    assert!(
        output.status.success(),
        "{name}: the desugared code does not compile:\n{}\n--- program ---\n{program}",
        String::from_utf8_lossy(&output.stderr)
    );
    let run = Command::new(&exe).output().expect("program runs");
    assert!(run.status.success(), "{name}: the program fails: {}", String::from_utf8_lossy(&run.stderr));
    let stdout = String::from_utf8_lossy(&run.stdout).to_string();
    for f in &runs {
        let original = section(&stdout, &format!("== {f} original"));
        let desugared = section(&stdout, &format!("== {f} desugared"));
        assert_eq!(original, desugared, "{name}: `{f}` prints differently when desugared");
        assert!(!original.is_empty(), "{name}: `{f}` printed nothing");
        checked.ran += 1;
    }
    for line in String::from_utf8_lossy(&run.stderr).lines() {
        if let Some(rest) = line.strip_prefix("size ") {
            checked.sizes.push(format!("{name}: {rest}"));
        }
    }
    checked
}

fn temp_dir(what: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("futurelens-desugar-{what}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[test]
fn desugared_futures_compile_and_print_what_the_originals_print() {
    if !common::tool_available("rustc", &["--version"], "install a Rust toolchain") {
        return;
    }
    let dir = temp_dir("samples");
    let mut total = Checked::default();
    for path in common::sample_programs() {
        if common::skip_as_not_compiling(&path) {
            continue;
        }
        let src = std::fs::read_to_string(&path).expect("read sample");
        let analysis = common::analyze_path(&path);
        let checked = check_program(&common::display_name(&path), &src, &analysis, &dir);
        total.compiled += checked.compiled;
        total.ran += checked.ran;
        total.through += checked.through;
        total.inside_outline.extend(checked.inside_outline);
        total.outlines.extend(checked.outlines);
        total.sizes.extend(checked.sizes);
    }
    eprintln!(
        "desugar: {} futures written with poll and compiled: {} run and compared by themselves, {} through the \
         future that builds or instantiates them, {} inside a self-referential outline (compiled only); {} \
         outlines, each for a self-reference",
        total.compiled,
        total.ran,
        total.through,
        total.inside_outline.len(),
        total.outlines.len()
    );
    for f in &total.inside_outline {
        eprintln!("  compiled only (inside an outline): {f}");
    }
    for f in &total.outlines {
        eprintln!("  outline: {f}");
    }
    eprintln!("sizes (future, rustc's future, hand-written enum):");
    for s in &total.sizes {
        eprintln!("  {s}");
    }
    assert!(total.ran >= 100, "only {} desugared futures were run", total.ran);
}

/// `poll` resumes inside every construct it cuts: `match` arms, `while`, `for`, `loop` with
/// `break` and `continue`, labels, `if`/`else if`, `x += EXPR.await`, awaits inside
/// expressions and conditions, `return` and `?`; each future prints its path.
#[test]
fn control_flow_resumes_where_the_original_does() {
    if !common::tool_available("rustc", &["--version"], "install a Rust toolchain") {
        return;
    }
    let src = r#"
async fn step(n: u32) -> u32 {
    println!("step {n}");
    n
}

pub async fn arms(k: u32) -> u32 {
    let mut total: u32 = 0;
    match k % 3 {
        0 => {
            let x: u32 = step(10).await;
            total += x;
        }
        1 => println!("one"),
        _ => {
            let x: u32 = step(20).await;
            total += x;
            step(21).await;
        }
    }
    total
}

pub async fn loops(n: u32) -> u32 {
    let mut i: u32 = 0;
    let mut sum: u32 = 0;
    'outer: loop {
        i += 1;
        if i > n + 4 {
            break;
        }
        if i % 2 == 0 {
            continue;
        }
        let mut j: u32 = 0;
        while j < i {
            j += 1;
            if j == 3 {
                continue 'outer;
            }
            let s: u32 = step(j).await;
            sum += s;
        }
    }
    sum
}

pub async fn each(items: Vec<u32>) -> u32 {
    let mut sum: u32 = 0;
    for (i, item) in items.into_iter().enumerate() {
        if i == 5 {
            break;
        }
        sum += step(item).await;
    }
    sum
}

async fn checked(n: u32) -> Result<u32, String> {
    if n > 100 { Err(format!("{n} is too big")) } else { Ok(n) }
}

fn parse(n: u32) -> Result<u32, String> {
    Ok(n + 1)
}

pub async fn tries(n: u32) -> Result<u32, String> {
    let a: u32 = step(n).await;
    if a > 5 {
        return Ok(a * 10);
    }
    let b: u32 = parse(a)?;
    let c: u32 = checked(b * 50).await?;
    Ok(c)
}

pub async fn returns_early(n: u32) -> Result<u32, String> {
    let a: u32 = step(n).await;
    if a > 2 {
        return Ok(a * 10);
    }
    step(99).await;
    Ok(0)
}

pub async fn chain(n: u32) -> u32 {
    if n == 0 {
        step(0).await
    } else if n < 5 {
        let a: u32 = step(1).await;
        let b: u32 = step(2).await;
        a + b
    } else {
        step(3).await;
        9
    }
}

pub async fn inside(n: u32) -> u32 {
    let mut tries: u32 = 0;
    let found: u32 = loop {
        tries += 1;
        if step(tries).await > n {
            break tries * 2;
        }
    };
    let sum = step(1).await + step(2).await * step(3).await;
    while step(tries).await < n + 3 {
        tries += 1;
    }
    match step(n % 2).await {
        0 => found + sum,
        _ => found + sum + tries,
    }
}

async fn maybe(n: u32) -> Option<u32> {
    if n > 1 { Some(n) } else { None }
}

pub async fn options(n: u32) -> Option<u32> {
    let a = maybe(n).await?;
    let b = maybe(a - 1).await.map(|x| x + 1)?;
    Some(a + b)
}
"#;
    let analysis = futurelens_analyzer::analyze(src, &futurelens_analyzer::Options::default());
    let checked = check_program("control_flow", src, &analysis, &temp_dir("control-flow"));
    // `step`, `checked`, `maybe` and the eight futures that await them.
    assert_eq!((checked.ran, checked.outlines.len()), (11, 0), "every future is written and run");
}

/// Values for arguments: small, and not empty, so that loops over them run (a recursive type
/// stops after two levels).
const SAMPLE_VALUES: &str = "
trait __Sample { fn sample() -> Self; }
thread_local! { static __DEPTH: std::cell::Cell<u32> = const { std::cell::Cell::new(0) }; }
macro_rules! __numbers { ($($t:ty),*) => { $(impl __Sample for $t { fn sample() -> Self { 3 as $t } })* } }
__numbers!(u8, u16, u32, u64, u128, usize, i8, i16, i32, i64, i128, isize, f32, f64);
impl __Sample for bool { fn sample() -> Self { true } }
impl __Sample for char { fn sample() -> Self { 'x' } }
impl __Sample for String { fn sample() -> Self { String::from(\"ab\") } }
impl __Sample for &'static str { fn sample() -> Self { \"ab\" } }
impl<T: __Sample> __Sample for Vec<T> {
    fn sample() -> Self {
        let depth = __DEPTH.with(|d| { d.set(d.get() + 1); d.get() });
        let v = if depth > 2 { Vec::new() } else { vec![T::sample(), T::sample()] };
        __DEPTH.with(|d| d.set(d.get() - 1));
        v
    }
}
impl<T: __Sample> __Sample for Option<T> { fn sample() -> Self { Some(T::sample()) } }
impl<T: __Sample, E> __Sample for Result<T, E> { fn sample() -> Self { Ok(T::sample()) } }
impl<T: __Sample> __Sample for Box<T> { fn sample() -> Self { Box::new(T::sample()) } }
impl<T: __Sample> __Sample for std::rc::Rc<T> { fn sample() -> Self { std::rc::Rc::new(T::sample()) } }
impl<T: __Sample> __Sample for std::sync::Arc<T> { fn sample() -> Self { std::sync::Arc::new(T::sample()) } }
impl<T: __Sample> __Sample for std::sync::Mutex<T> { fn sample() -> Self { std::sync::Mutex::new(T::sample()) } }
impl<T: __Sample> __Sample for std::cell::RefCell<T> { fn sample() -> Self { std::cell::RefCell::new(T::sample()) } }
impl<K: __Sample + std::hash::Hash + Eq, V: __Sample> __Sample for std::collections::HashMap<K, V> {
    fn sample() -> Self { std::iter::once((K::sample(), V::sample())).collect() }
}
impl<T: __Sample + 'static> __Sample for &'static T { fn sample() -> Self { Box::leak(Box::new(T::sample())) } }
impl<T: __Sample + 'static> __Sample for &'static mut T { fn sample() -> Self { Box::leak(Box::new(T::sample())) } }
impl<T: __Sample + 'static> __Sample for &'static [T] { fn sample() -> Self { Vec::<T>::sample().leak() } }
impl<T: __Sample + 'static> __Sample for &'static mut [T] { fn sample() -> Self { Vec::<T>::sample().leak() } }
impl<T: __Sample, const N: usize> __Sample for [T; N] { fn sample() -> Self { std::array::from_fn(|_| T::sample()) } }
impl<A: __Sample, B: __Sample> __Sample for (A, B) { fn sample() -> Self { (A::sample(), B::sample()) } }
impl<A: __Sample, B: __Sample, C: __Sample> __Sample for (A, B, C) { fn sample() -> Self { (A::sample(), B::sample(), C::sample()) } }
impl<T> __Sample for *const T { fn sample() -> Self { std::ptr::null() } }
impl<T> __Sample for *mut T { fn sample() -> Self { std::ptr::null_mut() } }
";

/// Runs a future to `Ready` under a no-op waker, then polls it once more and says what that
/// does (a finished future panics: `Returned` and `Panicked` say different things).
const RUNNER: &str = "
fn __run<F: std::future::Future>(f: F) -> (F::Output, usize, String) {
    let mut f = std::pin::pin!(f);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    let mut polls = 0;
    let value = loop {
        polls += 1;
        if let std::task::Poll::Ready(v) = f.as_mut().poll(&mut cx) { break v; }
    };
    let again = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| { let _ = f.as_mut().poll(&mut cx); }));
    let said = match again {
        Ok(()) => String::from(\"no panic\"),
        Err(e) => e.downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| e.downcast_ref::<String>().cloned()).unwrap_or_default(),
    };
    (value, polls, said)
}

fn __report<T: std::fmt::Debug>(label: &str, (value, polls, again): (T, usize, String)) {
    println!(\"{label} -> {value:?} after {polls} polls; polled again: {again}\");
}

";

/// The lines after `marker`, up to the next `== ` line.
fn section(stdout: &str, marker: &str) -> Vec<String> {
    stdout
        .lines()
        .skip_while(|l| *l != marker)
        .skip(1)
        .take_while(|l| !l.starts_with("== "))
        .map(str::to_string)
        .collect()
}
