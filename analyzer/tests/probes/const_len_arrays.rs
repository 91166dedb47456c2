//@ edition: 2021
//! An array whose length is an array constant's `.len()` (`[0i32; SIZES.len()]`), or a slice
//! constant's written as `&[..]`, has that many elements: the futures that keep one across an
//! await have a size (checked in both editions).
const SIZES: [&str; 6] = ["XS", "S", "M", "L", "XL", "XXL"];
const BANDS: &[u8] = &[1, 2, 3];
const ROWS: usize = 2;
async fn tick() {}
pub async fn tally(sold: &[(usize, i32)]) -> i32 {
    let mut by_size = [0i32; SIZES.len()];
    for (s, n) in sold {
        by_size[*s] += n;
        tick().await;
    }
    by_size.iter().sum()
}
pub async fn grid() -> u8 {
    let mut g = [[1u8; BANDS.len()]; ROWS];
    tick().await;
    g[1][2] += 1;
    g[1][2]
}
pub fn main() {
    let _ = tally(&[]);
    let _ = grid();
}
