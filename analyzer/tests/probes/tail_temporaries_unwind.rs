//@ edition: 2021
//! MIR building shares the cleanup drop of a local between two unwinding calls only when the
//! drops scheduled after it are the same. Before edition 2024, a temporary of a block's tail
//! that outlives the block (an awaited future, whose storage is scheduled before its operand
//! runs; a borrowed temporary) is scheduled outside the block's locals: a call made after it
//! in the tail reaches another drop of the local than the block's statements do, so moving
//! the local there needs no flag, unless a call of the same tail made after the same
//! temporaries saw it there. In edition 2024 the tail's temporaries are dropped before the
//! locals and every call shares one drop (checked in both editions).
async fn halt() {}
fn g() -> u64 { 1 }
fn text() -> String { String::new() }
fn convert(s: String) -> Vec<u8> { s.into_bytes() }
fn wrap<T>(_: &T, v: Vec<u8>) -> Vec<u8> { v }
fn wrap2(_: u64, v: Vec<u8>) -> Vec<u8> { v }
pub async fn call_then_await() -> u64 { let r = async { halt().await; 1u64 }; g() + r.await }
pub async fn statement_then_await() -> u64 { let r = async { halt().await; 1u64 }; g(); r.await + 1 }
pub async fn tuple_call_first() -> (u64, u64) { let r = async { halt().await; 1u64 }; (g(), r.await) }
pub async fn tuple_await_first() -> (u64, u64) { let r = async { halt().await; 1u64 }; (r.await, g()) }
pub async fn call_after_await() -> (u64, u64) { let r = async { halt().await; 1u64 }; g(); (r.await, g()) }
pub async fn await_in_statement() -> u64 { let r = async { halt().await; 1u64 }; g(); let x = r.await + 1; x }
pub async fn method_tail() -> Option<Vec<u8>> { let mut l = text(); l.push('x'); halt().await; Some(l.into_bytes()) }
pub async fn plain_tail() -> Vec<u8> { let mut l = text(); l.push('x'); halt().await; l.into_bytes() }
pub async fn moved_in_statement() -> Option<Vec<u8>> { let mut l = text(); l.push('x'); halt().await; let v = l.into_bytes(); Some(v) }
pub async fn tuple_tail() -> (u64, Vec<u8>) { let mut l = text(); l.push('x'); halt().await; (g(), convert(l)) }
pub async fn borrowed_temporary() -> Vec<u8> { let mut l = text(); l.push('x'); halt().await; wrap(&text(), convert(l)) }
pub async fn copied_argument() -> Vec<u8> { let mut l = text(); l.push('x'); halt().await; wrap2(g() + 1, convert(l)) }
pub async fn inner_block() -> (Vec<u8>, u64) { halt().await; let k = { let mut l = text(); l.push('x'); (convert(l), g()) }; halt().await; k }
struct Entry { user: String, secret: Vec<u8>, digits: u32 }
async fn store(e: Entry) -> u32 { e.digits + e.user.len() as u32 + e.secret.len() as u32 }
/// `user.to_string()` and `store(..)` both run after the awaited future's storage was
/// scheduled: they share one drop of `secret`, which needs a flag, but no call of the await
/// reaches that drop, so the flag is not kept across it.
pub async fn await_operand(user: &str) -> u32 {
    let secret = text().into_bytes();
    store(Entry { user: user.to_string(), secret, digits: 6 }).await
}
pub fn main() {
    let _ = call_then_await();
    let _ = statement_then_await();
    let _ = tuple_call_first();
    let _ = tuple_await_first();
    let _ = call_after_await();
    let _ = await_in_statement();
    let _ = method_tail();
    let _ = plain_tail();
    let _ = moved_in_statement();
    let _ = tuple_tail();
    let _ = borrowed_temporary();
    let _ = copied_argument();
    let _ = inner_block();
    let _ = await_operand("ada");
}
