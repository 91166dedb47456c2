//@ edition: 2021
//! An async block that indexes a captured array, slice or `Vec` captures the indexed value
//! (`&lots[0]` captures `lots`, `grid[r][c].name` captures `grid`, `counts[i] += 1` captures
//! `counts` mutably), and a slice behind a shared reference is captured as the reference,
//! in both editions.
async fn y(_: &str) {}
pub struct Cell {
    pub name: String,
    pub hits: u32,
}
pub async fn run(names: &[String], grid: Vec<[Cell; 2]>) -> u32 {
    let lots = [String::from("a"), String::from("b")];
    let mut counts = [0u32; 4];
    let mut hits = 0;
    let block = async {
        y(&lots[0]).await;
        y(&grid[1][0].name).await;
        y(&names[0]).await;
        counts[2] += 1;
        hits += grid[0][1].hits;
        counts[2]
    };
    let n = block.await;
    let moved = async move {
        y(&lots[1]).await;
        counts[0] + hits
    };
    let m = moved.await;
    n + m
}
pub fn main() {
    drop(run(&[], Vec::new()));
}
