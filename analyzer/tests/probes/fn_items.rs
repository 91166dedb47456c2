//@ edition: 2021
//! A method of a primitive type used as a value (in both editions): `map(str::trim)` passes a
//! zero-sized fn item, so the iterator is `Map<Lines, fn item>` and its items are `&str`, a
//! reference: borrowing through `line` does not keep `line`.
async fn send(_: &str) -> usize {
    1
}
async fn replay(traffic: &str) -> usize {
    let mut n = 0;
    for line in traffic.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let fields: Vec<&str> = line.split(',').collect();
        n += send(fields[0]).await;
    }
    n
}
async fn parse_all(text: &str) -> u32 {
    let mut total = 0;
    for n in text.split(' ').map(str::len) {
        total += n as u32;
        send("x").await;
    }
    total
}
pub fn main() {
    let _ = replay("a,b\n c,d");
    let _ = parse_all("a bb");
}
