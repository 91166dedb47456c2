//@ edition: 2021
//! A temporary moved into an aggregate (a tuple, struct literal, tuple-struct constructor or
//! array) needs no drop flag when a `?` after it may return first, in both editions; one passed
//! as a call argument (`+` included) does.
async fn reserve() -> Result<u64, String> { Ok(1) }
pub struct S { pub n: String, pub v: u64 }
pub struct T(pub String, pub u64);
fn take_s(_: S) {}
fn take2(_: T) {}
fn take3(_: [String; 2]) {}
pub async fn g(name: &str) -> Result<(), String> {
    take_s(S { n: name.to_string(), v: reserve().await? });
    Ok(())
}
pub async fn h(name: &str) -> Result<(), String> {
    take2(T(name.to_string(), reserve().await?));
    Ok(())
}
pub async fn i(name: &str) -> Result<(), String> {
    take3([name.to_string(), reserve().await?.to_string()]);
    Ok(())
}
pub async fn j(name: &str) -> Result<usize, String> {
    let s = name.to_string() + &reserve().await?.to_string();
    Ok(s.len())
}
fn take(_: String, _: u64) {}
fn take1(_: (String, u64)) {}
pub async fn a(held: &mut Vec<(String, u64)>, name: &str) -> Result<(), String> {
    held.push((name.to_string(), reserve().await?));
    Ok(())
}
pub async fn b(name: &str) -> Result<(), String> {
    take(name.to_string(), reserve().await?);
    Ok(())
}
pub async fn c(name: &str) -> Result<(), String> {
    take1((name.to_string(), reserve().await?));
    Ok(())
}
pub async fn d(name: &str) -> Result<(), String> {
    let t = (name.to_string(), reserve().await?);
    take1(t);
    Ok(())
}
pub async fn e(name: &str) -> Result<(), String> {
    take(name.to_string(), reserve().await.unwrap_or(0));
    Ok(())
}
pub async fn f(name: &str) -> u64 {
    take1((name.to_string(), reserve().await.unwrap_or(0)));
    1
}
fn main() { let _ = g("a"); let _ = h("b"); let _ = i("c"); let _ = j("d"); let mut v = Vec::new(); let _ = a(&mut v, "a"); let _ = b("b"); let _ = c("c"); let _ = d("d"); let _ = e("e"); let _ = f("f");}
