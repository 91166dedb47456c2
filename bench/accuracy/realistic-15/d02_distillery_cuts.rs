//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Craft distillery still-run recorder: logs vapour temperature and ABV per jar,
//! decides heads/hearts/tails cuts and books proof gallons for the excise return.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

struct Yield(bool);
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 { return Poll::Ready(()); }
        self.0 = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}
async fn yield_now() { Yield(false).await }
fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = Box::pin(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) { return v; }
    }
}

const JARS: usize = 16;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Fraction { Foreshots, Heads, Hearts, Tails }

#[derive(Debug)]
enum Spirit { Whiskey { mash_bill: &'static str }, Brandy(Fruit), Gin { botanicals: u8 } }
#[derive(Debug)]
enum Fruit { Apple, Pear, Grape }

#[derive(Debug)]
enum RunError { BadLine(usize), StillNotRunning, ExciseLocked }

#[derive(Default)]
struct ExciseBook { proof_gallons: HashMap<&'static str, f64>, locked: bool }

type JarTask = Pin<Box<dyn Future<Output = Result<(usize, Fraction), RunError>>>>;

fn classify(spirit: &Spirit, vapour_c: f64, abv: f64) -> Fraction {
    match spirit {
        _ if vapour_c < 78.0 => Fraction::Foreshots,
        Spirit::Brandy(Fruit::Pear) if abv > 72.0 => Fraction::Heads,
        Spirit::Brandy(_) if abv > 75.0 => Fraction::Heads,
        Spirit::Gin { botanicals } if *botanicals > 8 && abv < 62.0 => Fraction::Tails,
        Spirit::Whiskey { .. } | Spirit::Gin { .. } if abv > 80.0 => Fraction::Heads,
        _ if abv < 55.0 => Fraction::Tails,
        _ => Fraction::Hearts,
    }
}

fn parse_run_log(text: &str) -> Result<Vec<(f64, f64, f64)>, RunError> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            let cols: Vec<f64> = l.split_whitespace().filter_map(|c| c.parse().ok()).collect();
            let [temp, abv, litres] = cols[..] else { return Err(RunError::BadLine(i + 1)) };
            Ok((temp, abv, litres))
        })
        .collect()
}

async fn book_hearts(book: Arc<Mutex<ExciseBook>>, class: &'static str, litres: f64, abv: f64) -> Result<f64, RunError> {
    yield_now().await;
    let proof_gallons = litres * 0.264172 * (abv * 2.0) / 100.0;
    let mut guard = book.lock().unwrap();
    if guard.locked {
        return Err(RunError::ExciseLocked);
    }
    *guard.proof_gallons.entry(class).or_insert(0.0) += proof_gallons;
    Ok(proof_gallons)
}

async fn still_run(spirit: Spirit, log: &str, book: Arc<Mutex<ExciseBook>>) -> Result<String, RunError> {
    let rows = parse_run_log(log)?;
    let mut fractions = [Fraction::Foreshots; JARS];
    let mut abvs = [0.0f64; JARS];
    let mut litres = [0.0f64; JARS];
    for (i, (t, a, l)) in rows.iter().copied().take(JARS).enumerate() {
        fractions[i] = classify(&spirit, t, a);
        abvs[i] = a;
        litres[i] = l;
        yield_now().await;
    }
    let class = match &spirit {
        Spirit::Whiskey { .. } => "whiskey",
        Spirit::Brandy(_) => "brandy",
        Spirit::Gin { .. } => "gin",
    };
    let hearts: Vec<usize> = (0..rows.len().min(JARS)).filter(|&i| fractions[i] == Fraction::Hearts).collect();
    let Some(&first) = hearts.first() else { return Err(RunError::StillNotRunning) };
    let total_l: f64 = hearts.iter().map(|&i| litres[i]).sum::<f64>();
    let mean_abv = hearts.iter().map(|&i| abvs[i] * litres[i]).sum::<f64>() / total_l;
    let pg = book_hearts(Arc::clone(&book), class, total_l, mean_abv).await?;
    Ok(format!("{class} {spirit:?}: hearts from jar {first} ({} jars) {total_l:.1} L @ {mean_abv:.1}% = {pg:.2} PG", hearts.len()))
}

fn jar_checks(spirit: &'static Spirit, readings: Vec<(f64, f64)>) -> Vec<JarTask> {
    readings
        .into_iter()
        .enumerate()
        .map(|(i, (t, a))| -> JarTask {
            Box::pin(async move {
                yield_now().await;
                Ok((i, classify(spirit, t, a)))
            })
        })
        .collect()
}

static PEAR: Spirit = Spirit::Brandy(Fruit::Pear);

fn main() {
    let book = Arc::new(Mutex::new(ExciseBook::default()));
    let whiskey_log = "76.5 88 0.3\n79 82 1.2\n81 74 4.0\n84 68 4.5\n\n88 61 3.9\n92 52 2.0\n95 41 1.5\n";
    let gin_log = "77 85 0.2\n80 79 3.0\n86 66 3.5\n90 60 2.5\n";
    let bad_log = "80 70\n";

    let r1 = block_on(still_run(Spirit::Whiskey { mash_bill: "70/20/10" }, whiskey_log, Arc::clone(&book)));
    let r2 = block_on(still_run(Spirit::Gin { botanicals: 11 }, gin_log, Arc::clone(&book)));
    let r3 = block_on(still_run(Spirit::Brandy(Fruit::Apple), bad_log, Arc::clone(&book)));
    for r in [&r1, &r2, &r3] {
        match r {
            Ok(line) => println!("{line}"),
            Err(RunError::BadLine(n)) => println!("log line {n} malformed"),
            Err(e) => println!("run error {e:?}"),
        }
    }

    let direct = block_on(book_hearts(book.clone(), "brandy", 20.0, 65.0)).unwrap();
    book.lock().unwrap().locked = true;
    let locked = block_on(book_hearts(book.clone(), "brandy", 1.0, 60.0));
    assert!(matches!(locked, Err(RunError::ExciseLocked)));

    let tasks = jar_checks(&PEAR, vec![(77.0, 90.0), (80.0, 74.0), (83.0, 66.0), (90.0, 50.0)]);
    let results = block_on(async move {
        let mut out = Vec::new();
        for t in tasks {
            out.push(t.await);
        }
        out
    });
    let summary: Vec<String> = results.into_iter().flatten().map(|(i, f)| format!("{i}:{f:?}")).collect();
    println!("pear jars {}", summary.join(" "));
    let totals = book.lock().unwrap();
    let mut keys: Vec<_> = totals.proof_gallons.iter().collect();
    keys.sort_by(|a, b| a.0.cmp(b.0));
    println!("excise {keys:?} direct={direct:.2}");
}
