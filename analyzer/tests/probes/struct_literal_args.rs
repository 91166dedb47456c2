//@ edition: 2021
//! Generic arguments written on a struct literal's path (`Chunks::<7> { .. }`,
//! `Tagged::<u16> { .. }`) settle the instance of the generic fn it is passed to (in both
//! editions): `count<7>` and `count<64>` are laid out apart.
async fn yield_now() {}
struct Chunks<const N: usize> { data: &'static [u8], pos: usize }
struct Tagged<T> { items: Vec<T> }
async fn count<const N: usize>(c: Chunks<N>) -> usize { let buf = [0u8; N]; yield_now().await; buf.len() + c.pos + c.data.len() }
async fn first<T: Copy>(t: Tagged<T>) -> Option<T> { yield_now().await; t.items.first().copied() }
async fn run() -> usize {
    let a = count(Chunks::<7> { data: b"abc", pos: 0 }).await;
    let b = count(Chunks::<64> { data: b"abc", pos: 1 }).await;
    let c = first(Tagged::<u16> { items: Vec::new() }).await;
    a + b + c.map_or(0, usize::from)
}
pub fn main() { let _ = run(); }
