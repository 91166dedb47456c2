//@ edition: 2024
//! A lock guard held across an await: `std::sync::MutexGuard` is not `Send`,
//! so a future that keeps one in a suspended state is not `Send` either, and
//! `tokio::spawn` rejects it. The fix is to end the guard's scope before the
//! await: an inner block does it. `drop(guard)` does not, once the guard has
//! been used through `DerefMut` (`guard.push(1)` borrows it): rustc keeps a
//! borrowed local until its scope ends, moved out or not.
//! Look for: `guard` in Suspend0 of `held` and `dropped`, not in `scoped`; the
//! `Send` verdict of each; `std::thread::sleep` in `held`, which blocks the
//! executor's thread.

use std::sync::Mutex;

async fn flush() {}

pub async fn held(counter: &Mutex<u32>) -> u32 {
    let mut guard = counter.lock().unwrap();
    *guard += 1;
    std::thread::sleep(std::time::Duration::from_millis(1));
    flush().await;
    *guard
}

pub async fn dropped(log: &Mutex<Vec<u32>>) {
    let mut guard = log.lock().unwrap();
    guard.push(1);
    drop(guard);
    flush().await;
}

pub async fn scoped(counter: &Mutex<u32>) -> u32 {
    let value: u32 = {
        let mut guard = counter.lock().unwrap();
        *guard += 1;
        *guard
    };
    flush().await;
    value
}
