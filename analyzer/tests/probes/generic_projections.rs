//@ edition: 2021
//! A parameter typed through an associated type of a generic parameter (`&Store<A::Event>`,
//! `-> Vec<A::Event>`): in the instance for `A = Cart`, rustc sees `Store<CartEvent>` and lays out
//! the instances that body awaits (`Store<CartEvent>::read`).
pub trait Aggregate: Default {
    type Event: Clone;
    fn apply(&mut self, e: &Self::Event);
}
#[derive(Clone)]
pub enum CartEvent {
    Added(String, u32),
    Cleared,
}
#[derive(Default)]
pub struct Cart {
    items: u32,
}
impl Aggregate for Cart {
    type Event = CartEvent;
    fn apply(&mut self, e: &CartEvent) {
        if let CartEvent::Added(_, n) = e {
            self.items += n;
        }
    }
}
async fn leaf() {}
pub struct Store<E> {
    events: Vec<E>,
}
impl<E: Clone> Store<E> {
    pub async fn read(&self, from: usize) -> Vec<E> {
        leaf().await;
        self.events[from..].to_vec()
    }
}
pub async fn load<A: Aggregate>(store: &Store<A::Event>) -> (A, usize) {
    let events = store.read(0).await;
    let mut agg = A::default();
    for e in &events {
        agg.apply(e);
    }
    (agg, events.len())
}
pub async fn drive(carts: &Store<CartEvent>) -> u32 {
    load::<Cart>(carts).await.0.items
}
fn main() {
    let _ = drive;
}
