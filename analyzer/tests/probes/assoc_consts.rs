//@ edition: 2021
//! Associated constants have their declared types: std's (`Duration::ZERO`, `u32::MAX`,
//! `f64::INFINITY`) and the file's own, inherent or from a trait impl (`Self::LIMIT`,
//! `Sq::SIDES`), in both editions.
use std::time::Duration;
async fn y() {}
pub async fn totals(n: u32) -> u64 {
    let mut total = Duration::ZERO;
    let mut low = u32::MAX;
    let mut best = f64::NEG_INFINITY;
    let eps = f32::EPSILON;
    let bits = u64::BITS;
    for i in 0..n {
        y().await;
        total += Duration::from_millis(i as u64);
        low = low.min(i);
        best = best.max(i as f64);
    }
    total.as_secs() + low as u64 + best as u64 + eps as u64 + bits as u64
}
pub struct Cfg;
impl Cfg {
    const LIMIT: usize = 4;
    const NAME: &'static str = "cfg";
}
pub trait Shape {
    const SIDES: u8;
}
pub struct Sq;
impl Shape for Sq {
    const SIDES: u8 = 4;
}
impl Cfg {
    pub async fn run(&self) -> usize {
        let a = Self::LIMIT;
        let b = Cfg::NAME;
        let c = Sq::SIDES;
        let d = i16::MIN;
        y().await;
        a + b.len() + c as usize + d as usize
    }
}
pub fn main() {
    drop(totals(3));
    drop(Cfg.run());
}
