//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Locksmith master-key planner: derives pin stacks for each cylinder from change and
//! master bittings, and audits the system for accidental cross-keying.

use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

struct Yield(bool);
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 { Poll::Ready(()) } else { self.0 = true; cx.waker().wake_by_ref(); Poll::Pending }
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

#[derive(Debug)]
enum KeyError { Length(String), Depth(char), MacsViolation { key: String, pos: usize } }

const MACS: u8 = 7;

fn parse_bitting(s: &str) -> Result<Vec<u8>, KeyError> {
    if s.len() != 6 { return Err(KeyError::Length(s.to_string())); }
    let cuts: Vec<u8> = s.chars().map(|c| c.to_digit(10).map(|d| d as u8).ok_or(KeyError::Depth(c))).collect::<Result<_, _>>()?;
    if let Some(pos) = cuts.windows(2).position(|w| w[0].abs_diff(w[1]) > MACS) {
        return Err(KeyError::MacsViolation { key: s.to_string(), pos });
    }
    Ok(cuts)
}

fn opens(pins: &[Vec<u8>], key: &[u8]) -> bool {
    pins.iter().zip(key).all(|(shear_lines, cut)| shear_lines.contains(cut))
}

async fn pin_cylinder(master: &[u8], change: &str) -> Result<Vec<Vec<u8>>, KeyError> {
    let change = parse_bitting(change)?;
    yield_now().await;
    Ok(master
        .iter()
        .zip(&change)
        .map(|(&m, &c)| if m == c { vec![m] } else { vec![m.min(c), m.max(c)] })
        .collect())
}

async fn cross_key_report<I, S>(master: &[u8], doors: I) -> Result<Vec<String>, KeyError>
where
    I: IntoIterator<Item = (S, S)>,
    S: AsRef<str>,
{
    let mut cylinders: BTreeMap<String, (Vec<u8>, Vec<Vec<u8>>)> = BTreeMap::new();
    for (door, change) in doors {
        let pins = pin_cylinder(master, change.as_ref()).await?;
        cylinders.insert(door.as_ref().to_string(), (parse_bitting(change.as_ref())?, pins));
    }
    let mut findings = Vec::new();
    for (door, (key, _)) in &cylinders {
        for (other, (_, pins)) in &cylinders {
            if door != other && opens(pins, key) {
                findings.push(format!("{door} key opens {other}"));
            }
        }
        yield_now().await;
    }
    if let Some((door, (_, pins))) = cylinders.iter().next()
        && !opens(pins, master)
    {
        findings.push(format!("master fails on {door}"));
    }
    Ok(findings)
}

pub fn main() {
    let master = parse_bitting("464646").unwrap();
    let wing_a = vec![("101".to_string(), "262626".to_string()), ("102".to_string(), "282626".to_string()), ("103".to_string(), "262828".to_string())];
    println!("wing A: {:?}", block_on(cross_key_report(&master, wing_a)));
    let wing_b = [("201", "666666"), ("202", "464666"), ("203", "444444")];
    println!("wing B: {:?}", block_on(cross_key_report(&master, wing_b)));
    println!("bad: {:?}", block_on(cross_key_report(&master, [("301", "0909x0")])));
    println!("macs: {:?}", block_on(cross_key_report(&master, [("302", "090909")])));

    let stack_count = async |change: &str| -> usize {
        match pin_cylinder(&master, change).await {
            Ok(pins) => pins.iter().map(|p| p.len() + 1).sum(),
            Err(_) => 0,
        }
    };
    println!("pins for 262626: {}", block_on(stack_count("262626")));
}
