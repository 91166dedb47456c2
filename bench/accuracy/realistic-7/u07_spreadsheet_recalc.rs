//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Spreadsheet recalculation engine: parses cell formulas, orders cells topologically and evaluates them, fetching FX rates remotely.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::future::Future;
use std::num::ParseFloatError;
use std::pin::{Pin, pin};
use std::sync::Mutex;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

fn noop_raw() -> RawWaker {
    fn clone(_: *const ()) -> RawWaker { noop_raw() }
    fn noop(_: *const ()) {}
    static VT: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    RawWaker::new(std::ptr::null(), &VT)
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let waker = unsafe { Waker::from_raw(noop_raw()) };
    let mut cx = Context::from_waker(&waker);
    let mut fut = pin!(fut);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

struct Yield { left: u32 }

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.left == 0 {
            return Poll::Ready(());
        }
        self.left -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

#[derive(Debug)]
enum CalcError {
    Parse(String),
    BadNumber(ParseFloatError),
    Cycle(Vec<String>),
    Fx(String),
}

impl From<ParseFloatError> for CalcError {
    fn from(e: ParseFloatError) -> Self { CalcError::BadNumber(e) }
}

#[derive(Debug, Clone)]
enum Expr {
    Num(f64),
    Ref(String),
    Add(String, String),
    Mul(String, String),
    Sum(char, u32, u32),
    Fx(String),
}

fn parse_formula(src: &str) -> Result<Expr, CalcError> {
    let Some(body) = src.strip_prefix('=') else {
        return Ok(Expr::Num(src.trim().parse()?));
    };
    if let Some(inner) = body.strip_prefix("SUM(").and_then(|s| s.strip_suffix(')')) {
        let (a, b) = inner.split_once(':').ok_or_else(|| CalcError::Parse(inner.to_string()))?;
        let col = a.chars().next().ok_or_else(|| CalcError::Parse(a.to_string()))?;
        let lo: u32 = a[1..].parse().map_err(|_| CalcError::Parse(a.to_string()))?;
        let hi: u32 = b[1..].parse().map_err(|_| CalcError::Parse(b.to_string()))?;
        return Ok(Expr::Sum(col, lo, hi));
    }
    if let Some(code) = body.strip_prefix("FX(").and_then(|s| s.strip_suffix(')')) {
        return Ok(Expr::Fx(code.to_string()));
    }
    if let Some((l, r)) = body.split_once('+') {
        return Ok(Expr::Add(l.trim().to_string(), r.trim().to_string()));
    }
    if let Some((l, r)) = body.split_once('*') {
        return Ok(Expr::Mul(l.trim().to_string(), r.trim().to_string()));
    }
    Ok(Expr::Ref(body.trim().to_string()))
}

fn deps(expr: &Expr) -> Vec<String> {
    let is_ref = |s: &String| s.chars().next().is_some_and(|c| c.is_ascii_uppercase());
    match expr {
        Expr::Ref(r) => vec![r.clone()],
        Expr::Add(a, b) | Expr::Mul(a, b) => [a, b].into_iter().filter(|s| is_ref(s)).cloned().collect(),
        Expr::Sum(c, lo, hi) => (*lo..=*hi).map(|i| format!("{c}{i}")).collect(),
        _ => Vec::new(),
    }
}

async fn fetch_rate(code: &str) -> Result<f64, CalcError> {
    Yield { left: 3 }.await;
    match code {
        "EUR" => Ok(1.08),
        "GBP" => Ok(1.27),
        "JPY" => Ok(0.0067),
        other => Err(CalcError::Fx(other.to_string())),
    }
}

struct Sheet {
    formulas: BTreeMap<String, String>,
    values: RefCell<HashMap<String, f64>>,
    fx_cache: Mutex<HashMap<String, f64>>,
}

impl Sheet {
    fn operand(&self, s: &str) -> Result<f64, CalcError> {
        let values = self.values.borrow();
        if let Some(v) = values.get(s)
            && v.is_finite()
        {
            return Ok(*v);
        }
        if s.chars().next().is_some_and(|c| c.is_ascii_uppercase()) { Ok(0.0) } else { Ok(s.parse()?) }
    }

    async fn eval(&self, expr: &Expr) -> Result<f64, CalcError> {
        match expr {
            Expr::Num(n) => Ok(*n),
            Expr::Ref(r) => self.operand(r),
            Expr::Add(a, b) => Ok(self.operand(a)? + self.operand(b)?),
            Expr::Mul(a, b) => Ok(self.operand(a)? * self.operand(b)?),
            Expr::Sum(c, lo, hi) => {
                Yield { left: 1 }.await;
                (*lo..=*hi).map(|i| self.operand(&format!("{c}{i}"))).sum()
            }
            Expr::Fx(code) => {
                if let Some(rate) = self.fx_cache.lock().unwrap().get(code) {
                    Ok(*rate)
                } else {
                    let r = fetch_rate(code).await?;
                    self.fx_cache.lock().unwrap().insert(code.clone(), r);
                    Ok(r)
                }
            }
        }
    }

    fn order(&self) -> Result<Vec<String>, CalcError> {
        let mut indegree: HashMap<&str, usize> = HashMap::new();
        let mut users: HashMap<String, Vec<&str>> = HashMap::new();
        for (cell, f) in &self.formulas {
            let d: Vec<String> = deps(&parse_formula(f)?).into_iter().filter(|d| self.formulas.contains_key(d)).collect();
            indegree.insert(cell, d.len());
            for dep in d {
                users.entry(dep).or_default().push(cell);
            }
        }
        let mut ready: VecDeque<&str> = indegree.iter().filter(|(_, n)| **n == 0).map(|(c, _)| *c).collect();
        let mut out = Vec::new();
        while let Some(cell) = ready.pop_front() {
            out.push(cell.to_string());
            for u in users.get(cell).map(|v| v.as_slice()).unwrap_or(&[]) {
                let n = indegree.get_mut(u).unwrap();
                *n -= 1;
                if *n == 0 {
                    ready.push_back(u);
                }
            }
        }
        if out.len() != self.formulas.len() {
            let stuck = indegree.into_iter().filter(|(_, n)| *n > 0).map(|(c, _)| c.to_string()).collect();
            return Err(CalcError::Cycle(stuck));
        }
        Ok(out)
    }

    async fn recalc(&self) -> Result<usize, CalcError> {
        let order = self.order()?;
        for cell in order.iter() {
            let expr = parse_formula(&self.formulas[cell])?;
            let v = self.eval(&expr).await?;
            self.values.borrow_mut().insert(cell.clone(), v);
        }
        Ok(order.len())
    }
}

async fn column_total(sheet: &Sheet, col: char) -> f64 {
    let snapshot = RefCell::new(sheet.values.borrow().clone());
    Yield { left: 1 }.await;
    snapshot.borrow().iter().filter(|(k, _)| k.starts_with(col)).map(|(_, v)| *v).sum()
}

fn main() {
    let src = "A1 100\nA2 250.5\nA3 =A1+A2\nB1 =FX(EUR)\nB2 =A3*B1\nB3 =SUM(A1:A3)\nC1 =B2+B3\nC2 =FX(GBP)";
    let formulas: BTreeMap<String, String> = src
        .lines()
        .filter_map(|l| l.split_once(' '))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let mut sheet = Sheet { formulas, values: RefCell::default(), fx_cache: Mutex::default() };
    let n = block_on(sheet.recalc());
    let rate = block_on(fetch_rate("JPY")).unwrap();
    let direct = block_on(sheet.eval(&Expr::Fx("EUR".into()))).unwrap();
    let total = block_on(column_total(&sheet, 'A'));

    let edit = async |cell: &str, formula: &str| {
        sheet.values.borrow_mut().remove(cell);
        Yield { left: 1 }.await;
        let expr = parse_formula(formula)?;
        let v = sheet.eval(&expr).await?;
        sheet.values.borrow_mut().insert(cell.to_string(), v);
        Ok::<f64, CalcError>(v)
    };
    let e1 = block_on(edit("D1", "=C1*2"));
    let e2 = block_on(edit("D2", "=FX(XAU)"));
    let e3 = block_on(edit("D3", "12,5"));

    sheet.formulas.insert("A1".into(), "=C1".into());
    let cyc = block_on(sheet.recalc());
    println!("recalc={n:?} jpy={rate} eur={direct} colA={total:.2}");
    println!("edits: {e1:?} {e2:?} {e3:?}");
    println!("cycle: {cyc:?}");
    let values = sheet.values.borrow();
    let mut keys: Vec<_> = values.keys().collect();
    keys.sort();
    for k in keys {
        println!("  {k} = {:.3}", values[k]);
    }
}
