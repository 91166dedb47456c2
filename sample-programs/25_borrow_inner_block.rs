//@ edition: 2024
//! A borrow ended by an inner block. Once a local has been borrowed, rustc
//! keeps it in every suspend state until its scope ends, even when the last
//! use of the borrow is long before the await. Moving the local and the code
//! that borrows it into an inner block ends its scope before the await, and
//! the 512-byte buffer is no longer part of the suspended state.
//! Look for: `buf` in Suspend0 of `checksum_then_send`, and not in
//! `checksum_in_block`; the sizes of the two futures.

async fn send(sum: u32) -> u32 {
    sum
}

fn checksum(bytes: &[u8]) -> u32 {
    bytes.iter().map(|&b| b as u32).sum()
}

pub async fn checksum_then_send() -> u32 {
    let buf = [1u8; 512];
    let sum: u32 = checksum(&buf);
    send(sum).await
}

pub async fn checksum_in_block() -> u32 {
    let sum: u32 = {
        let buf = [1u8; 512];
        checksum(&buf)
    };
    send(sum).await
}
