//@ edition: 2021
//! `labour += minutes` with `minutes: &u32` is `AddAssign::add_assign(&mut labour, minutes)`,
//! not the built-in operator: `labour` is borrowed, and a borrowed local stays saved across
//! later awaits in its scope (in both editions).
async fn halt() {}
pub async fn labour(tasks: &[(String, u32)]) -> u32 {
    let mut labour = 0;
    for (_, minutes) in tasks {
        labour += minutes;
    }
    let total = labour * 2;
    halt().await;
    total
}
pub async fn by_value(tasks: &[(String, u32)]) -> u32 {
    let mut labour = 0;
    for (_, minutes) in tasks {
        labour += *minutes;
    }
    let total = labour * 2;
    halt().await;
    total
}
pub fn main() {
    let _ = labour(&[]);
    let _ = by_value(&[]);
}
