//@ edition: 2021
//! `str::split` with a closure or a `[char; N]` pattern: the iterator holds the haystack,
//! a `CharIndices` and the pattern (64 bytes with a zero-sized closure, 72 with a one-byte
//! capture or a pair of chars), kept across the await of a `for` over it (checked in both editions).
async fn tick() {}
pub async fn tokens(raw: &str) -> usize {
    let mut n = 0;
    for tok in raw.split(|c: char| c == ',' || c.is_whitespace()).filter(|t| !t.is_empty()) {
        tick().await;
        n += tok.len();
    }
    n
}
pub async fn by_byte(raw: &str, sep: u8) -> usize {
    let mut n = 0;
    for tok in raw.split(move |c: char| c as u8 == sep) {
        tick().await;
        n += tok.len();
    }
    n
}
pub async fn by_set(raw: &str) -> usize {
    let mut n = 0;
    for tok in raw.split([';', '|']) {
        tick().await;
        n += tok.len();
    }
    n
}
pub fn main() {
    let _ = tokens("a, b");
    let _ = by_byte("a;b", b';');
    let _ = by_set("a;b|c");
}
