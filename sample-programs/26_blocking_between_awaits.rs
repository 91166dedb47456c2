//@ edition: 2024
//! Blocking between awaits: a poll runs the code from one await to the next
//! without stopping, on one of the executor's worker threads, and no other
//! task runs on that thread meanwhile. A loop over data of any length with no
//! await inside, or a blocking call such as `std::thread::sleep`, holds it for
//! as long as it takes (Tokio's guidance: at most about 100 µs between awaits).
//! Look for: the blocking hints of `sum_all` (the loop) and `pause` (the
//! sleep); `sum_yielding` awaits inside its loop every 1024 items, and
//! `sum_ten` loops over a range of fixed length: neither gets a hint.

async fn tick() {}

pub async fn sum_all(values: Vec<u64>) -> u64 {
    tick().await;
    let mut total: u64 = 0;
    for v in &values {
        total += v;
    }
    tick().await;
    total
}

pub async fn sum_yielding(values: Vec<u64>) -> u64 {
    let mut total: u64 = 0;
    let mut seen: u64 = 0;
    for v in values {
        total += v;
        seen += 1;
        if seen % 1024 == 0 {
            tick().await;
        }
    }
    total
}

pub async fn sum_ten() -> u64 {
    let mut total: u64 = 0;
    for i in 0..10 {
        total += i;
    }
    tick().await;
    total
}

pub async fn pause() {
    tick().await;
    std::thread::sleep(std::time::Duration::from_millis(50));
    tick().await;
}
