//@ edition: 2024
//! Loops: an `.await` inside a loop body is ONE suspend state, re-entered on
//! every iteration. Whatever the next iteration needs must be saved in it.
//! Look for: a `for` loop keeps rustc's hidden iterator (named `iter`) in the
//! state: a `Range<u8>` is 2 bytes, a `vec::IntoIter<u32>` is 32 bytes.
//! `while let` keeps the popped `job` and the `queue` it came from; the labelled
//! loop keeps both the outer and the inner iterator.

async fn tick() {}

async fn try_send(attempt: u32) -> bool {
    attempt >= 3
}

async fn run_job(job: &str) -> usize {
    job.len()
}

async fn fetch_price(id: u32) -> u64 {
    id as u64 * 100
}

pub async fn retry_loop() -> u32 {
    let mut attempts: u32 = 0;
    loop {
        attempts += 1;
        if try_send(attempts).await {
            break attempts;
        }
    }
}

pub async fn countdown(mut n: u32) {
    while n > 0 {
        tick().await;
        n -= 1;
    }
}

pub async fn drain(mut queue: Vec<String>) -> usize {
    let mut done: usize = 0;
    while let Some(job) = queue.pop() {
        done += run_job(&job).await;
    }
    done
}

pub async fn total_price(ids: Vec<u32>) -> u64 {
    let mut total: u64 = 0;
    for id in ids {
        total += fetch_price(id).await;
    }
    total
}

pub async fn three_ticks() {
    for _ in 0..3u8 {
        tick().await;
    }
}

// `break 'rows` leaves both loops at once.
pub async fn first_zero(grid: Vec<Vec<u8>>) -> Option<(usize, usize)> {
    'rows: for (r, row) in grid.into_iter().enumerate() {
        for (c, cell) in row.into_iter().enumerate() {
            if cell == 0 {
                return Some((r, c));
            }
            if cell == 255 {
                break 'rows;
            }
            tick().await;
        }
    }
    None
}
