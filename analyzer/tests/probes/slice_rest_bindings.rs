//@ edition: 2021
//! `rest @ ..` in a slice pattern binds what the other elements leave: a subslice through a
//! reference (`&[Detection]`), a shorter array by value (`[u64; 4]` of a `[u64; 5]`), kept
//! across the await like any binding (checked in both editions).
pub struct Detection {
    station: String,
    frames: u32,
}
async fn tick() {}
pub async fn pair(group: &[Detection]) -> u32 {
    let [first, rest @ ..] = group else { return 0 };
    let Some(second) = rest.first() else { return first.frames };
    tick().await;
    first.frames + second.frames + rest.len() as u32
}
pub async fn tail(samples: [u64; 5]) -> u64 {
    let [head, rest @ ..] = samples;
    tick().await;
    head + rest.iter().sum::<u64>()
}
pub async fn ends(samples: [u16; 6]) -> u16 {
    let [a, mid @ .., z] = samples;
    tick().await;
    a + z + mid[0]
}
pub fn main() {
    let _ = pair(&[]);
    let _ = tail([1; 5]);
    let _ = ends([2; 6]);
}
