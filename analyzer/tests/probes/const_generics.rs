//@ edition: 2021
//! Const generics (in both editions): a const parameter is bound by the arguments written
//! (`Buf<64>`, `frame::<16>`, a const item as an argument) and by the array a `[T; N]`
//! pattern meets (`for x in [a, b, c]` iterates an `array::IntoIter<T, 3>`); each instance is
//! laid out with its own length.
async fn tick() {}
const MTU: usize = 32;
struct Buf<const N: usize> {
    data: [u8; N],
    len: usize,
}
impl<const N: usize> Buf<N> {
    async fn fill(&mut self) -> usize {
        tick().await;
        self.len = N;
        self.data[0] as usize
    }
}
async fn frame<const N: usize>(tag: u8) -> [u8; N] {
    let mut out = [tag; N];
    tick().await;
    out[0] = 1;
    out
}
async fn each(names: [&str; 3]) -> usize {
    let mut total = 0;
    for name in names {
        tick().await;
        total += name.len();
    }
    total
}
async fn hold() -> usize {
    let mut b: Buf<64> = Buf { data: [0; 64], len: 0 };
    b.fill().await;
    let f = frame::<16>(3).await;
    let g = frame::<MTU>(4).await;
    let mut total = b.len + f.len() + g.len();
    for (key, weight) in [("a", 1u64), ("b", 2)] {
        tick().await;
        total += key.len() + weight as usize;
    }
    total + each(["x", "y", "z"]).await
}
pub fn main() {
    let _ = hold();
}
