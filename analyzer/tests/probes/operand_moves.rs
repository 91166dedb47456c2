//@ edition: 2021
//! Operands moved in order (in both editions): rustc makes each operand of a struct literal,
//! tuple or call a temporary, in the order written, so a local moved as an early operand is
//! gone before a later operand calls anything: no drop flag (`d_arg_struct`, `a_local`), while
//! a call made before the move (`b_arg_call_first`, `c_arg_let`) needs one.
use std::collections::HashMap;
pub struct Tracker { fences: Vec<u32>, inside: HashMap<u32, u32> }
async fn tick() -> Option<u32> { None }
fn make() -> Vec<u32> { vec![] }
pub async fn a_local(n: u32) -> usize {
    let fences = make();
    let tracker = Tracker { fences, inside: HashMap::new() };
    tick().await;
    tracker.inside.len() + n as usize
}
pub async fn b_arg_call_first(fences: Vec<u32>) -> usize {
    let tracker = Tracker { inside: HashMap::new(), fences };
    tick().await;
    tracker.inside.len()
}
pub async fn c_arg_let(fences: Vec<u32>) -> usize {
    let n = HashMap::<u32, u32>::new().len();
    let f = fences;
    tick().await;
    f.len() + n
}
pub async fn d_arg_struct(fences: Vec<u32>) -> usize {
    let tracker = Tracker { fences, inside: HashMap::new() };
    tick().await;
    tracker.inside.len()
}
pub fn main() {
    let _ = a_local(1);
    let _ = b_arg_call_first(vec![]);
    let _ = c_arg_let(vec![]);
    let _ = d_arg_struct(vec![]);
}
