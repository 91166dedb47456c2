//@ edition: 2021
//! The temporaries of a `for` head (`chain(s)` of `for loc in chain(s).iter()`) live through
//! the whole loop, like a `match` scrutinee's; a constant array borrowed there is promoted to
//! a static and is no temporary, in both editions.
async fn y() {}
fn chain(s: &str) -> Vec<String> { vec![s.to_string()] }
pub struct L;
impl L {
    fn fallback(s: &str) -> Vec<String> { vec![s.to_string()] }
    pub async fn a(&self, s: &str) -> usize {
        let mut n = 0;
        for loc in Self::fallback(s).iter() {
            y().await;
            n += loc.len();
        }
        n
    }
    pub async fn b(&self, s: &str) -> usize {
        let mut n = 0;
        for loc in chain(s).iter() {
            y().await;
            n += loc.len();
        }
        n
    }
    pub async fn c(&self, s: &str) -> usize {
        let mut n = 0;
        for loc in L::fallback(s).iter() {
            y().await;
            n += loc.len();
        }
        n
    }
}
pub async fn promoted() -> usize {
    let mut n = 0;
    for (i, s) in ["a", "bb", "ccc"].iter().enumerate() {
        y().await;
        n += i + s.len();
    }
    n
}
pub fn main() {
    drop(L.a("x"));
    drop(L.b("x"));
    drop(L.c("x"));
    drop(promoted());
}
