//@ edition: 2021
//! A constant defined as the length of an array constant (`const BANDS: usize =
//! FREQS_HZ.len();`) sizes the arrays that use it, in both editions.
const FREQS_HZ: [u16; 8] = [250, 500, 1000, 2000, 3000, 4000, 6000, 8000];
const BANDS: usize = FREQS_HZ.len();
const PAIRS: usize = BANDS / 2;
async fn y() {}
pub async fn fit(base: f32) -> f32 {
    let mut gains = [0.0f32; BANDS];
    let pairs = [(0u8, 0u8); PAIRS];
    for (i, g) in gains.iter_mut().enumerate() {
        y().await;
        *g = base + FREQS_HZ[i] as f32;
    }
    y().await;
    gains.iter().sum::<f32>() + pairs.len() as f32
}
pub fn main() {
    drop(fit(1.0));
}
