//@ edition: 2021
//! Indexing through an overloaded deref (`&guard[i]` with `guard` a `MutexGuard<Vec<Block>>`,
//! `cells.borrow()[i]`) indexes what the guard points to: the element's type, and so the type
//! of what is cloned or copied out of it, is known (in both editions).
use std::cell::RefCell;
use std::sync::Mutex;
async fn halt() {}
pub struct Block {
    pub name: String,
    pub limit: u32,
}
pub async fn watch(blocks: &Mutex<Vec<Block>>, at: usize) -> usize {
    let (name, limit) = {
        let guard = blocks.lock().unwrap();
        let b = &guard[at];
        (b.name.clone(), b.limit)
    };
    halt().await;
    name.len() + limit as usize
}
pub async fn cell(cells: &RefCell<Vec<(String, u8)>>, at: usize) -> usize {
    let label = cells.borrow()[at].0.clone();
    halt().await;
    label.len()
}
pub fn main() {
    let blocks = Mutex::new(vec![Block { name: String::from("north"), limit: 2 }]);
    let _ = watch(&blocks, 0);
    let cells = RefCell::new(vec![(String::from("a"), 1)]);
    let _ = cell(&cells, 0);
}
