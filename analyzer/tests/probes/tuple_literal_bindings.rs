//@ edition: 2021
//! A number literal bound through a tuple pattern (`let (mut ok, mut errs) = (0, Vec::new())`)
//! is typed by its later use, as `let ok = 0` is: returned as the `usize` of the output type,
//! `ok` is a `usize` kept across the await, in both editions.
async fn fetch() -> Vec<String> {
    vec!["a".to_string()]
}
pub async fn announce(limit: usize) -> (usize, Vec<String>) {
    let (mut ok, mut errs) = (0, Vec::new());
    for line in fetch().await {
        if line.len() < limit {
            ok += 1;
        } else {
            errs.push(line);
        }
    }
    (ok, errs)
}
pub fn main() {
    let _ = announce(3);
}
