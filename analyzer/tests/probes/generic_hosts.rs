//@ edition: 2021
//! A generic sync fn or method whose body holds an async block (in both editions): rustc lays
//! the block out once per instance of the fn, even when the fn returns it boxed as `dyn Future`.
use std::future::Future;
use std::pin::Pin;
pub trait Source {
    fn name(&self) -> String;
}
pub struct A;
pub struct B(pub [u8; 40]);
impl Source for A {
    fn name(&self) -> String {
        "a".into()
    }
}
impl Source for B {
    fn name(&self) -> String {
        format!("b{}", self.0.len())
    }
}
async fn leaf() {}
pub struct Engine<S> {
    src: S,
}
impl<S: Source> Engine<S> {
    pub fn run<'a>(&'a self) -> Pin<Box<dyn Future<Output = usize> + 'a>> {
        Box::pin(async move {
            let n = self.src.name();
            leaf().await;
            n.len()
        })
    }
}
pub fn spawn_like<T: Source + 'static>(t: T) -> Pin<Box<dyn Future<Output = usize>>> {
    let label = 3usize;
    Box::pin(async move {
        leaf().await;
        t.name().len() + label
    })
}
pub async fn drive() -> usize {
    let a = Engine { src: A };
    let b = Engine { src: B([0; 40]) };
    a.run().await + b.run().await + spawn_like(B([1; 40])).await
}
fn main() {
    let _ = drive();
}
