//@ edition: 2021
//! Assigning through a reference or to a field drops the old value in place after the new
//! one is evaluated, and that drop can unwind, in both editions: a local moved into the place
//! (`*belt = passed`) gets a drop flag, kept across the awaits before, since calls made while
//! it is still there share its cleanup.
#![allow(dead_code)]
use std::collections::VecDeque;
async fn y() -> bool {
    true
}
pub async fn through_ref(belt: &mut VecDeque<String>) -> usize {
    let mut passed = VecDeque::new();
    while let Some(s) = belt.pop_front() {
        if y().await {
            passed.push_back(s);
        }
    }
    let n = passed.len();
    *belt = passed;
    n
}
pub struct Shelf {
    names: Vec<String>,
    count: usize,
}
pub async fn into_field(shelf: &mut Shelf, extra: &str) -> usize {
    let mut names = vec![extra.to_string()];
    y().await;
    names.push(extra.to_uppercase());
    shelf.names = names;
    shelf.count += 1;
    shelf.count
}
pub async fn copy_field(shelf: &mut Shelf, extra: &str) -> usize {
    let label = extra.to_string();
    y().await;
    shelf.count = label.len();
    shelf.count
}
pub fn main() {
    let mut belt = VecDeque::new();
    let _ = through_ref(&mut belt);
    let mut shelf = Shelf { names: Vec::new(), count: 0 };
    let _ = into_field(&mut shelf, "a");
    let _ = copy_field(&mut shelf, "a");
}
