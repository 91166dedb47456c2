//@ edition: 2021
//! A binding initialised with an unsuffixed float literal takes its type from a later use
//! (`km += leg` with `leg: f32`, `d.mul_f32(scale)`), an `if` of float literals is one
//! literal, and a literal in one `match` arm's tuple takes the type another arm gives that
//! element, in both editions.
use std::time::Duration;
async fn y() {}
fn leg(i: u32) -> f32 {
    i as f32 * 0.5
}
pub async fn route(stops: u32) -> f32 {
    let mut km = 0.0;
    for i in 0..stops {
        y().await;
        km += leg(i);
    }
    km
}
pub enum Stage {
    Soak(u32),
    Foam { shade: [u8; 3] },
    Dry,
}
pub async fn stage(s: Stage, large: bool) -> Duration {
    let scale = if large { 1.4 } else { 1.0 };
    let (name, amount, time) = match s {
        Stage::Soak(secs) => (Some("soak"), 0.8, Duration::from_secs(secs as u64)),
        Stage::Foam { shade } => (Some("foam"), 1.2 + shade[0] as f32 / 100.0, Duration::from_secs(40)),
        Stage::Dry => (None, 0.0, Duration::from_secs(9)),
    };
    y().await;
    if name.is_some() && amount * scale > 3.0 {
        y().await;
    }
    time.mul_f32(scale)
}
pub fn main() {
    drop(route(3));
    drop(stage(Stage::Dry, true));
}
