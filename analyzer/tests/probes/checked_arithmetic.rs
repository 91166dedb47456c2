//@ edition: 2021
//! Built-in integer arithmetic is checked in the debug builds rustc makes by default: `+ - *`
//! and `-x` for overflow, `/ %` for a zero divisor, `<< >>` for the shift amount, and an index
//! into an array or slice for its bounds (a constant one too). The check panics, and unwinds,
//! as a call does: a local that is there when it runs and moved out before a later call gets
//! a drop flag. Bit operations, comparisons, casts, tuple fields, float arithmetic and a
//! negative literal check nothing (in both editions).
async fn halt() {}
fn consume(_: String) {}
const LEN: usize = 4;
pub async fn plain(n: u64) -> u64 { let s = String::new(); let m = n; consume(s); halt().await; m }
pub async fn add(n: u64) -> u64 { let s = String::new(); let m = n + 1; consume(s); halt().await; m }
pub async fn literals() -> u64 { let s = String::new(); let m = 2u64 + 3; consume(s); halt().await; m }
pub async fn constant() -> usize { let s = String::new(); let m = LEN * 2; consume(s); halt().await; m }
pub async fn add_assign(mut n: u64) -> u64 { let s = String::new(); n += 1; consume(s); halt().await; n }
pub async fn divide(n: u64, d: u64) -> u64 { let s = String::new(); let m = n / d; consume(s); halt().await; m }
pub async fn remainder(a: u32) -> u32 { let s = String::new(); let m = a % 7; consume(s); halt().await; m }
pub async fn shift(a: u32) -> u32 { let s = String::new(); let m = a >> 1; consume(s); halt().await; m }
pub async fn negate(n: i64) -> i64 { let s = String::new(); let m = -n; consume(s); halt().await; m }
pub async fn both_deref(n: &u64) -> u64 { let s = String::new(); let m = *n + *n; consume(s); halt().await; m }
pub async fn index(v: [u8; 4], i: usize) -> u8 { let s = String::new(); let m = v[i]; consume(s); halt().await; m }
pub async fn constant_index(v: [u8; 4]) -> u8 { let s = String::new(); let m = v[2]; consume(s); halt().await; m }
pub async fn slice_index(v: &[u8]) -> u8 { let s = String::new(); let m = v[2]; consume(s); halt().await; m }
pub async fn wrapping(n: u64) -> u64 { let s = String::new(); let m = n.wrapping_add(1); consume(s); halt().await; m }
pub async fn float(n: f64) -> f64 { let s = String::new(); let m = n + 1.0; consume(s); halt().await; m }
pub async fn bit_and(n: u64) -> u64 { let s = String::new(); let m = n & 3; consume(s); halt().await; m }
pub async fn negative_literal() -> i64 { let s = String::new(); let m = -5; consume(s); halt().await; m }
pub async fn cast(n: u64) -> u8 { let s = String::new(); let m = n as u8; consume(s); halt().await; m }
pub async fn compare(n: u64) -> bool { let s = String::new(); let m = n < 3; consume(s); halt().await; m }
pub async fn tuple_field(t: (u8, u8)) -> u8 { let s = String::new(); let m = t.0; consume(s); halt().await; m }
pub async fn after_the_move(n: u64) -> u64 { let s = String::new(); consume(s); let m = n + 1; halt().await; m }
/// The operands before the checked one are moved out first: `next` is gone when `hops - 1`
/// runs, so it needs no flag.
pub async fn operand_order(hops: u8) -> usize {
    let next = vec![hops];
    halt().await;
    take(next, hops - 1).await
}
async fn take(v: Vec<u8>, n: u8) -> usize { v.len() + n as usize }
pub fn main() {
    let _ = plain(1);
    let _ = add(1);
    let _ = literals();
    let _ = constant();
    let _ = add_assign(1);
    let _ = divide(1, 2);
    let _ = remainder(1);
    let _ = shift(1);
    let _ = negate(1);
    let _ = both_deref(&1);
    let _ = index([0; 4], 1);
    let _ = constant_index([0; 4]);
    let _ = slice_index(&[1, 2, 3]);
    let _ = wrapping(1);
    let _ = float(1.0);
    let _ = bit_and(1);
    let _ = negative_literal();
    let _ = cast(1);
    let _ = compare(1);
    let _ = tuple_field((1, 2));
    let _ = after_the_move(1);
    let _ = operand_order(1);
}
