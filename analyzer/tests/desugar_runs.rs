//! `desugar`'s code compiles and behaves like the original.
//!
//! In: each sample program that compiles, and `desugar --all` of it. The test appends the
//! hand-written futures to the program as a module, plus a `main` that runs, under a tiny
//! executor (a no-op waker, polling until `Ready`), every future written with a `poll` whose
//! arguments and output it can make and print (integers, `bool`, `char`, `String`, `&str`,
//! `Vec`, `Option`: small values that are not empty, so loops run), the original then the
//! hand-written one. Out: a failure when the file does
//! not compile, or when the two print different lines (what the bodies print, drops included:
//! `29_drop_order.rs` prints each value as it is dropped; then the value and the number of
//! polls), and the sizes of both next to each other.

mod common;

use std::path::Path;
use std::process::Command;

use futurelens_analyzer::desugar::{self, Code};
use futurelens_analyzer::render;

/// Types whose values `__Sample::sample()` makes and `{:?}` prints.
fn simple(ty: &str) -> bool {
    let words = ty.split(|c: char| !(c.is_alphanumeric() || c == '_')).filter(|w| !w.is_empty());
    let known = [
        "u8", "u16", "u32", "u64", "usize", "i8", "i16", "i32", "i64", "isize", "bool", "char", "String", "str", "Vec",
        "Option", "Result", "f64",
    ];
    !ty.contains('[') && words.clone().all(|w| known.contains(&w)) && !ty.contains("mut")
}

/// What checking one program found.
#[derive(Default)]
struct Checked {
    compiled: usize,
    ran: usize,
    outlines: usize,
    sizes: Vec<String>,
}

/// Appends `desugar --all` of `src` to it with a `main` that runs each written future next to
/// the original, compiles it, runs it, and compares what each pair prints.
fn check_program(name: &str, src: &str, analysis: &futurelens_analyzer::Analysis, dir: &Path) -> Checked {
    let mut checked = Checked::default();
    let all: Vec<usize> = (0..analysis.futures.len()).collect();
    let plans = desugar::plan(&analysis.futures, &all, src, true);
    let code = render::desugar::render(analysis, &plans);
    let mut program = src.to_string();
    program.push_str("\nmod __desugared {\n");
    program.push_str(&code);
    program.push_str("\nuse super::*;\n}\n\n");
    program.push_str(SAMPLE_VALUES);
    program.push_str(
        "fn __run<F: std::future::Future>(f: F) -> (F::Output, usize) {\n\
         let mut f = std::pin::pin!(f);\n\
         let mut cx = std::task::Context::from_waker(std::task::Waker::noop());\n\
         let mut polls = 0;\n\
         loop { polls += 1; if let std::task::Poll::Ready(v) = f.as_mut().poll(&mut cx) { return (v, polls); } }\n\
         }\n\nfn main() {\n",
    );
    let mut runs = Vec::new();
    for plan in &plans {
        match &plan.code {
            Code::Outline { .. } => checked.outlines += 1,
            Code::Compilable { .. } => {
                checked.compiled += 1;
                let future = &analysis.futures[plan.future];
                if !plan.params.iter().all(|(_, t)| simple(t)) || !simple(&plan.output) {
                    continue;
                }
                let args = vec!["__Sample::sample()"; plan.params.len()].join(", ");
                let f = &future.name;
                let t = &plan.type_name;
                program.push_str(&format!(
                    "    println!(\"== {f} original\");\n\
                     \x20   let (v, n) = __run({f}({args}));\n\
                     \x20   println!(\"{f} -> {{v:?}} after {{n}} polls\");\n\
                     \x20   println!(\"== {f} desugared\");\n\
                     \x20   let (v, n) = __run(__desugared::{t}::new({args}));\n\
                     \x20   println!(\"{f} -> {{v:?}} after {{n}} polls\");\n\
                     \x20   eprintln!(\"size {f} {{}} {{}}\", std::mem::size_of_val(&{f}({args})), \
                     std::mem::size_of::<__desugared::{t}>());\n"
                ));
                runs.push(f.clone());
            }
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
        total.outlines += checked.outlines;
        total.sizes.extend(checked.sizes);
    }
    eprintln!(
        "desugar: {} futures written with poll and compiled, {} of them run and compared; {} outlines",
        total.compiled, total.ran, total.outlines
    );
    eprintln!("sizes (future, rustc's future, hand-written enum):");
    for s in &total.sizes {
        eprintln!("  {s}");
    }
    assert!(total.ran >= 10, "only {} desugared futures were run", total.ran);
}

/// `poll` resumes inside every construct it cuts: `match` arms, `while`, `for`, `loop` with
/// `break` and `continue`, labels, `if`/`else if`, `x += EXPR.await`, `return` and `?`; each
/// future prints its path.
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
"#;
    let analysis = futurelens_analyzer::analyze(src, &futurelens_analyzer::Options::default());
    let checked = check_program("control_flow", src, &analysis, &temp_dir("control-flow"));
    // `step`, `checked` and the six futures that await them.
    assert_eq!((checked.ran, checked.outlines), (8, 0), "every future is written and run");
}

/// Values for arguments: small, and not empty, so that loops over them run.
const SAMPLE_VALUES: &str = "
trait __Sample { fn sample() -> Self; }
macro_rules! __numbers { ($($t:ty),*) => { $(impl __Sample for $t { fn sample() -> Self { 3 as $t } })* } }
__numbers!(u8, u16, u32, u64, usize, i8, i16, i32, i64, isize, f64);
impl __Sample for bool { fn sample() -> Self { true } }
impl __Sample for char { fn sample() -> Self { 'x' } }
impl __Sample for String { fn sample() -> Self { String::from(\"ab\") } }
impl __Sample for &'static str { fn sample() -> Self { \"ab\" } }
impl<T: __Sample> __Sample for Vec<T> { fn sample() -> Self { vec![T::sample(), T::sample()] } }
impl<T: __Sample> __Sample for Option<T> { fn sample() -> Self { Some(T::sample()) } }
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
