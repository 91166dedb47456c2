//@ edition: 2021
//! A projection the std model settles (`<Chars as Iterator>::Item` is `char`) decides drop
//! glue: `Peekable<Chars>` needs no drop, is not kept after its last use, and the `String`
//! returned after the await needs no drop flag, in both editions.
async fn y() {}
pub async fn fix(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if chars.peek().is_some_and(|n| n.is_alphabetic()) {
            out.push(c);
            continue;
        }
        out.push(c);
    }
    y().await;
    out
}
pub fn main() {
    drop(fix("ab"));
}
