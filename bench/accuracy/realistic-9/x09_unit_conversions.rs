//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Unit conversion library: dimension-checked conversions with remote currency-style rate tables and expression parsing.

use std::collections::HashMap;
use std::fmt;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::{pin, Pin};
use std::sync::{Arc, Mutex, RwLock};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

fn noop_raw() -> RawWaker {
    fn clone(_: *const ()) -> RawWaker {
        noop_raw()
    }
    fn noop(_: *const ()) {}
    static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    RawWaker::new(std::ptr::null(), &VTABLE)
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

struct Yield {
    left: u32,
}

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.left == 0 {
            Poll::Ready(())
        } else {
            self.left -= 1;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

#[derive(Debug)]
enum ConvError {
    UnknownUnit(String),
    DimensionMismatch { from: &'static str, to: &'static str },
    BadNumber(std::num::ParseFloatError),
}

impl From<std::num::ParseFloatError> for ConvError {
    fn from(e: std::num::ParseFloatError) -> Self {
        ConvError::BadNumber(e)
    }
}

impl fmt::Display for ConvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self:?}")
    }
}

trait Dimension {
    const NAME: &'static str;
    fn base_factor(unit: &str) -> Option<f64>;
}

struct Length;
struct Mass;

impl Dimension for Length {
    const NAME: &'static str = "length";
    fn base_factor(unit: &str) -> Option<f64> {
        Some(match unit {
            "m" => 1.0,
            "km" => 1000.0,
            "cm" => 0.01,
            "in" => 0.0254,
            "ft" => 0.3048,
            "mi" => 1609.344,
            _ => return None,
        })
    }
}

impl Dimension for Mass {
    const NAME: &'static str = "mass";
    fn base_factor(unit: &str) -> Option<f64> {
        Some(match unit {
            "kg" => 1.0,
            "g" => 0.001,
            "lb" => 0.45359237,
            "oz" => 0.028349523,
            _ => return None,
        })
    }
}

struct Converter<D: Dimension> {
    overrides: RwLock<HashMap<String, f64>>,
    lookups: Mutex<u32>,
    _dim: PhantomData<D>,
}

impl<D: Dimension> Converter<D> {
    fn new() -> Self {
        Converter { overrides: RwLock::new(HashMap::new()), lookups: Mutex::new(0), _dim: PhantomData }
    }

    async fn factor(&self, unit: &str) -> Result<f64, ConvError> {
        *self.lookups.lock().unwrap() += 1;
        if let Some(f) = self.overrides.read().unwrap().get(unit) {
            return Ok(*f);
        }
        Yield { left: 1 }.await;
        D::base_factor(unit).ok_or_else(|| ConvError::UnknownUnit(format!("{}:{unit}", D::NAME)))
    }

    async fn convert(&self, value: f64, from: &str, to: &str) -> Result<f64, ConvError> {
        let a = self.factor(from).await?;
        let b = self.factor(to).await?;
        Ok(value * a / b)
    }

    async fn parse_and_convert(&self, expr: &str) -> Result<String, ConvError> {
        let (lhs, target) = expr.split_once(" to ").ok_or(ConvError::UnknownUnit(expr.to_string()))?;
        let split_at = lhs.find(|c: char| c.is_alphabetic()).unwrap_or(lhs.len());
        let value: f64 = lhs[..split_at].trim().parse()?;
        let unit = lhs[split_at..].trim();
        let out = self.convert(value, unit, target.trim()).await?;
        Ok(format!("{value} {unit} = {out:.3} {}", target.trim()))
    }

    async fn load_overrides(&self, table: impl IntoIterator<Item = (&'static str, f64)>) -> usize {
        let mut n = 0;
        for (unit, f) in table {
            Yield { left: 1 }.await;
            self.overrides.write().unwrap().insert(unit.to_string(), f);
            n += 1;
        }
        n
    }
}

async fn convert_all<D>(conv: &Converter<D>, exprs: &[&str]) -> (Vec<String>, usize)
where
    D: Dimension,
{
    let mut ok = Vec::new();
    let mut failed = 0;
    for e in exprs {
        match conv.parse_and_convert(e).await {
            Ok(s) => ok.push(s),
            Err(ConvError::UnknownUnit(u)) if u.starts_with(D::NAME) => {
                failed += 1;
                continue;
            }
            Err(_) => failed += 1,
        }
    }
    (ok, failed)
}

fn cross_check<D: Dimension>(conv: &Converter<D>, value: f64, a: &str, b: &str) -> impl Future<Output = bool> {
    async move {
        let there = conv.convert(value, a, b).await;
        let back = match there {
            Ok(v) => conv.convert(v, b, a).await,
            Err(e) => Err(e),
        };
        back.is_ok_and(|v| (v - value).abs() < 1e-9)
    }
}

fn main() {
    let len: Converter<Length> = Converter::new();
    let mass: Converter<Mass> = Converter::new();
    let (l_ok, l_bad) = block_on(convert_all(&len, &["5 km to mi", "12in to cm", "3 furlong to m", "x m to ft"]));
    let (m_ok, m_bad) = block_on(convert_all(&mass, &["2.5 lb to kg", "100 g to oz"]));
    for s in l_ok.iter().chain(m_ok.iter()) {
        println!("{s}");
    }
    println!("failed: length {l_bad}, mass {m_bad}");
    let loaded = block_on(len.load_overrides([("furlong", 201.168), ("league", 4828.032)]));
    println!("overrides {loaded}: {:?}", block_on(len.parse_and_convert("3 furlong to m")).map_err(|e| e.to_string()));
    println!("roundtrip {}", block_on(cross_check(&mass, 7.0, "oz", "g")));
    println!("lookups {}", len.lookups.lock().unwrap());
}
