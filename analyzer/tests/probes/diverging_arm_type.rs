//@ edition: 2021
//! A diverging match arm (`None => break`) says nothing of the match's type: the other arm
//! does, even when its type is unknown (no `!` local, borrowed by a comparison and kept), in
//! both editions.
macro_rules! next_stop {
    ($n:expr) => {
        if $n < 3 { Some($n as i32 + 1) } else { None }
    };
}
async fn go(_to: i32) {}
pub async fn run(max: u32) -> u32 {
    let mut ticks = 0;
    while ticks < max {
        let next = next_stop!(ticks);
        let target = match next {
            Some(t) => t,
            None => break,
        };
        if target > 1 {
            ticks += 1;
        }
        go(target).await;
        ticks += 1;
    }
    ticks
}
pub fn main() {
    drop(run(5));
}
