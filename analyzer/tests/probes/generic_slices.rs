//@ edition: 2021
//! Generic instances through deref coercion (in both editions): `scan(&targets)` with
//! `targets: Vec<Probe>` and `scan<T: Check>(items: &[T])` is `scan<Probe>`, and the trait's
//! default async method is laid out for that type; `.iter()` on an array field whose length
//! is a const parameter is the slice's iterator.
pub trait Check {
    fn name(&self) -> String;
    async fn ping(&self) -> usize;
    async fn report(&self) -> String {
        let n = self.ping().await;
        format!("{}: {n}", self.name())
    }
}
pub struct Probe {
    pub host: String,
}
impl Check for Probe {
    fn name(&self) -> String {
        self.host.clone()
    }
    async fn ping(&self) -> usize {
        tick().await;
        self.host.len()
    }
}
async fn tick() {}
async fn scan<T: Check>(items: &[T]) -> usize {
    let mut total = 0;
    for item in items {
        let line = item.report().await;
        total += line.len();
    }
    total
}
pub struct Ring<const N: usize> {
    slots: [u64; N],
}
impl<const N: usize> Ring<N> {
    async fn sum(&self) -> u64 {
        let mut total = 0;
        for (i, v) in self.slots.iter().enumerate() {
            tick().await;
            total += v + i as u64;
        }
        total
    }
}
pub fn main() {
    let targets = vec![Probe { host: "a".into() }];
    let _ = scan(&targets);
    let ring = Ring::<4> { slots: [1, 2, 3, 4] };
    let _ = ring.sum();
}
