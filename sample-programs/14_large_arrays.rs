//@ edition: 2024
//! Big arrays and the await that keeps them: the size of a future is set by
//! what its largest state holds, and locals of different states share bytes.
//! Look for: `checksum_after_io` keeps its 4 KiB `buf` because it is read after
//! the await (4 KiB + a few bytes); `hash_before_io` finishes with `buf` before
//! the await, so its future stays tiny; in `one_branch_or_other` the 2 KiB
//! `left` and the 1 KiB `right` live in different states and overlap, so the
//! future is about 2 KiB, not 3; `borrowed_only` keeps its array although it is
//! never read again, because it was borrowed and is still in scope.
#![allow(unused_variables)]

async fn disk_io() {}

fn sum(bytes: &[u8]) -> u64 {
    bytes.iter().map(|b| *b as u64).sum()
}

pub async fn checksum_after_io(seed: u8) -> u64 {
    let buf = [seed; 4096];
    disk_io().await;
    sum(&buf)
}

pub async fn hash_before_io(seed: u8) -> u64 {
    let total: u64 = {
        let buf = [seed; 4096];
        sum(&buf)
    };
    disk_io().await;
    total
}

pub async fn one_branch_or_other(wide: bool) -> u64 {
    if wide {
        let left = [1u8; 2048];
        disk_io().await;
        sum(&left)
    } else {
        let right = [2u16; 512];
        disk_io().await;
        right[0] as u64
    }
}

pub async fn borrowed_only() {
    let scratch = [0u64; 64];
    let first: u64 = scratch[0] + sum(&[1, 2, 3]);
    let view: &[u64] = &scratch;
    disk_io().await;
}

pub async fn two_arrays_two_awaits() -> u64 {
    let a = [3u32; 100];
    disk_io().await;
    let b = [4u8; 300];
    disk_io().await;
    a[0] as u64 + sum(&b)
}
