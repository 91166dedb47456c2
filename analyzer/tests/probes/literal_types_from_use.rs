//@ edition: 2021
//! A number literal bound to a variable takes the type of where the value goes: the value a
//! `loop` breaks with when the loop is the body's value (`break learned` in a fn returning
//! `usize`), the declared output of an async closure (`async |..| -> usize`), and the length
//! of `vec![x; n]` (a `usize`); a `for` binding over a range of literals (`for n in 2..=5`)
//! too, and the range's iterator with it. `buf.get(a..b)` on a slice is a subslice, `Option<&[u8]>`,
//! not an element (in both editions).
async fn halt() {}
pub async fn learned(batches: Vec<Vec<u8>>) -> usize {
    let mut learned = 0;
    let mut it = batches.into_iter();
    loop {
        let Some(batch) = it.next() else { break learned };
        halt().await;
        if !batch.is_empty() {
            learned += 1;
        }
    }
}
pub async fn tables(n: u8) -> usize {
    let count = 3;
    let tables: Vec<Vec<u8>> = vec![Vec::new(); count];
    halt().await;
    std::hint::black_box(count);
    tables.len() + n as usize
}
pub async fn seatings() -> usize {
    let mut best = 0;
    for n in 2..=5 {
        let tables: Vec<Vec<u8>> = vec![Vec::new(); n];
        halt().await;
        best += tables.len();
    }
    best
}
pub async fn window(buf: &[u8], pos: usize, len: usize) -> usize {
    let body = buf.get(pos..pos + len);
    halt().await;
    body.map_or(0, |b| b.len())
}
pub fn main() {
    let _ = learned(vec![vec![1]]);
    let _ = tables(1);
    let _ = window(&[1, 2, 3], 0, 2);
    let _ = seatings();
    let wash = async |pct: f32| -> usize {
        let mut washed = 0;
        for _ in 0..3 {
            washed += 1;
        }
        halt().await;
        if pct > 1.0 {
            return 0;
        }
        washed
    };
    let _ = wash(1.0);
}
