//@ edition: 2021
//! A trait's methods are found by method syntax only where the trait is in scope (in both
//! editions): without `use std::borrow::BorrowMut`, `this.borrow_mut()` on an
//! `&Rc<RefCell<T>>` is `RefCell::borrow_mut` reached through `Rc`, a `RefMut<T>` held across
//! the await, and `f.borrow()` is `RefCell::borrow`.
use std::cell::RefCell;
use std::rc::Rc;
struct F { lag: u8, log: Vec<u64> }
async fn y(_: u8) {}
async fn append(this: &Rc<RefCell<F>>) -> usize {
    let mut f = this.borrow_mut();
    y(f.lag).await;
    f.log.push(1);
    f.log.len()
}
async fn apply(f: &Rc<RefCell<F>>) -> usize {
    let (log, lag) = { let g = f.borrow(); (g.log.clone(), g.lag) };
    for _ in log.iter() { y(1).await; }
    lag as usize
}
pub fn main() {
    let r = Rc::new(RefCell::new(F { lag: 0, log: vec![] }));
    let _ = append(&r);
    let _ = apply(&r);
}
