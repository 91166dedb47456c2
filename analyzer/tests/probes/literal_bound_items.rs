//@ edition: 2021
//! Integer literals in an array or `vec!` passed as `impl IntoIterator<Item = (&str, u32)>`
//! take the bound's types, so the instance is `settle<[(&str, u32); 2]>`, not `i32`, in both
//! editions.
async fn y() {}
pub async fn settle(items: impl IntoIterator<Item = (&'static str, u32)>) -> u32 {
    let mut total = 0;
    for (_, cents) in items {
        y().await;
        total += cents;
    }
    total
}
pub async fn weigh<I>(items: I) -> f32
where
    I: IntoIterator<Item = f32>,
{
    let mut sum = 0.0;
    for w in items {
        y().await;
        sum += w;
    }
    sum
}
pub fn main() {
    drop(settle([("latte", 475), ("nachos", 950)]));
    drop(settle(vec![("cover", 2000)]));
    drop(weigh([1.5, 2.0]));
}
