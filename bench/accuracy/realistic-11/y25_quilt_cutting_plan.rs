//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Models a quilt shop's pattern tool that expands block designs into cut pieces, packs them into fabric strips and estimates yardage per fabric.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = std::pin::pin!(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        match f.as_mut().poll(&mut cx) {
            Poll::Ready(out) => return out,
            Poll::Pending => (),
        }
    }
}

struct Stitch {
    left: u8,
}

impl Future for Stitch {
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

async fn pause() {
    Stitch { left: 1 }.await
}

const WOF_IN: f32 = 40.0;
const SEAM_IN: f32 = 0.25;

#[derive(Debug, Clone, PartialEq)]
enum Shape {
    Square(f32),
    Rect(f32, f32),
    HalfSquareTriangle(f32),
}

#[derive(Debug, Clone)]
struct Cut {
    fabric: Cow<'static, str>,
    shape: Shape,
    count: u32,
}

trait Block {
    fn name(&self) -> Cow<'static, str>;
    fn finished_in(&self) -> f32;
    fn pieces(&self) -> Vec<Cut>;

    async fn cuts_for(&self, blocks: u32) -> Vec<Cut> {
        let mut cuts = self.pieces();
        pause().await;
        for c in cuts.iter_mut() {
            c.count *= blocks;
        }
        cuts
    }
}

struct NinePatch {
    dark: &'static str,
    light: &'static str,
    size: f32,
}

struct LogCabin {
    rounds: u8,
    centre: &'static str,
    logs: [&'static str; 2],
}

struct FlyingGeese {
    goose: String,
    sky: String,
    width: f32,
}

impl Block for NinePatch {
    fn name(&self) -> Cow<'static, str> {
        "Nine Patch".into()
    }
    fn finished_in(&self) -> f32 {
        self.size
    }
    fn pieces(&self) -> Vec<Cut> {
        let unit = self.size / 3.0 + 2.0 * SEAM_IN;
        vec![Cut { fabric: self.dark.into(), shape: Shape::Square(unit), count: 5 }, Cut { fabric: self.light.into(), shape: Shape::Square(unit), count: 4 }]
    }
}

impl Block for LogCabin {
    fn name(&self) -> Cow<'static, str> {
        Cow::Owned(format!("Log Cabin ({} rounds)", self.rounds))
    }
    fn finished_in(&self) -> f32 {
        2.0 + self.rounds as f32 * 2.0
    }
    fn pieces(&self) -> Vec<Cut> {
        let mut cuts = vec![Cut { fabric: self.centre.into(), shape: Shape::Square(2.5), count: 1 }];
        let mut side = 2.0f32;
        for round in 0..self.rounds {
            for (k, fabric) in self.logs.iter().cycle().skip(round as usize % 2).take(2).enumerate() {
                let len = side + k as f32 + 2.0 * SEAM_IN;
                cuts.push(Cut { fabric: (*fabric).into(), shape: Shape::Rect(1.0 + 2.0 * SEAM_IN, len), count: 2 });
            }
            side += 2.0;
        }
        cuts
    }
    async fn cuts_for(&self, blocks: u32) -> Vec<Cut> {
        let mut merged: BTreeMap<(String, u32), Cut> = BTreeMap::new();
        for c in self.pieces() {
            pause().await;
            let key = match &c.shape {
                Shape::Rect(_, l) => (c.fabric.to_string(), (l * 100.0) as u32),
                _ => (c.fabric.to_string(), 0),
            };
            merged.entry(key).and_modify(|m| m.count += c.count * blocks).or_insert(Cut { count: c.count * blocks, ..c });
        }
        merged.into_values().collect()
    }
}

impl Block for FlyingGeese {
    fn name(&self) -> Cow<'static, str> {
        Cow::Borrowed("Flying Geese")
    }
    fn finished_in(&self) -> f32 {
        self.width
    }
    fn pieces(&self) -> Vec<Cut> {
        let h = self.width / 2.0;
        vec![
            Cut { fabric: Cow::Owned(self.goose.clone()), shape: Shape::Rect(h + 0.5, self.width + 0.5), count: 1 },
            Cut { fabric: Cow::Owned(self.sky.clone()), shape: Shape::Square(h + 0.5), count: 2 },
        ]
    }
}

/// Packs pieces across width-of-fabric strips; returns inches of yardage needed per fabric.
async fn yardage(cuts: Vec<Cut>) -> HashMap<String, f32> {
    let mut by_fabric: HashMap<String, Vec<(f32, f32)>> = HashMap::new();
    for Cut { fabric, shape, count } in cuts {
        let (w, h) = match shape {
            Shape::Square(s) => (s, s),
            Shape::Rect(a, b) => (a.max(b), a.min(b)),
            Shape::HalfSquareTriangle(s) => (s + 0.875, s + 0.875),
        };
        by_fabric.entry(fabric.into_owned()).or_default().extend(std::iter::repeat((w, h)).take(count as usize));
    }
    let mut out = HashMap::new();
    for (fabric, mut pieces) in by_fabric {
        pause().await;
        pieces.sort_by(|a, b| b.1.total_cmp(&a.1).then(b.0.total_cmp(&a.0)));
        let mut strips: Vec<(f32, f32)> = Vec::new();
        'piece: for (w, h) in pieces {
            for strip in strips.iter_mut() {
                if strip.1 >= h && strip.0 + w <= WOF_IN {
                    strip.0 += w;
                    continue 'piece;
                }
            }
            strips.push((w, h));
        }
        let inches: f32 = strips.iter().map(|s| s.1).sum();
        out.insert(fabric, inches);
    }
    out
}

async fn plan_quilt<B>(block: &B, across: u32, down: u32) -> (String, HashMap<String, f32>)
where
    B: Block,
{
    let n = across * down;
    let cuts = block.cuts_for(n).await;
    let yards = yardage(cuts).await;
    let size = format!("{} x{n}: {:.0}\" x {:.0}\"", block.name(), across as f32 * block.finished_in(), down as f32 * block.finished_in());
    (size, yards)
}

pub fn main() {
    let nine = NinePatch { dark: "indigo", light: "muslin", size: 9.0 };
    let cabin = LogCabin { rounds: 3, centre: "red", logs: ["cream", "brown"] };
    let geese = FlyingGeese { goose: String::from("saffron"), sky: String::from("muslin"), width: 6.0 };

    let plans = vec![block_on(plan_quilt(&nine, 6, 8)), block_on(plan_quilt(&cabin, 5, 5)), block_on(plan_quilt(&geese, 4, 12))];
    let mut shop_list: BTreeMap<String, f32> = BTreeMap::new();
    for (size, yards) in &plans {
        println!("{size}");
        for (fabric, inches) in yards {
            *shop_list.entry(fabric.clone()).or_insert(0.0) += inches;
        }
    }
    let round_up = |inches: f32| -> f32 { (inches / 36.0 * 8.0).ceil() / 8.0 + 0.125 };
    let price_check = async move |prices: HashMap<&'static str, f32>| -> Vec<String> {
        let mut lines = Vec::new();
        for (fabric, inches) in &shop_list {
            pause().await;
            let yd = round_up(*inches);
            let line = match prices.get(fabric.as_str()) {
                Some(&p) if yd > 5.0 => format!("{fabric}: {yd:.3} yd (bolt discount) ${:.2}", yd * p * 0.85),
                Some(&p) => format!("{fabric}: {yd:.3} yd ${:.2}", yd * p),
                None => format!("{fabric}: {yd:.3} yd (special order)"),
            };
            lines.push(line);
        }
        lines
    };
    let prices: HashMap<&'static str, f32> = [("indigo", 13.5), ("muslin", 7.25), ("cream", 11.0), ("brown", 11.0), ("red", 12.0)].into_iter().collect();
    for l in block_on(price_check(prices)) {
        println!("  {l}");
    }
}
