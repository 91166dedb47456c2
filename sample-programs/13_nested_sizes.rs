//@ edition: 2024
//! Nested futures: while an `.await` is pending, the callee's whole future is
//! stored inside the caller's state (as `__awaitee`), so sizes add up level by level.
//! Look for: `read_block` keeps a 1024-byte array across its await, `read_two`
//! embeds that future, and `read_file` embeds `read_two`'s, so all three are
//! over 1 KiB. `read_file_boxed` awaits the same work through `Box::pin(..)`:
//! its state holds only an 8-byte `Pin<Box<..>>` and the 1 KiB lives on the heap.
//! Recursion needs the same trick: `walk` cannot contain itself, so it boxes.

async fn disk_ready() {}

async fn read_block(lba: u64) -> u8 {
    let block = [lba as u8; 1024];
    disk_ready().await;
    block[1023]
}

async fn read_two(first: u64) -> u16 {
    let a: u8 = read_block(first).await;
    let b: u8 = read_block(first + 1).await;
    a as u16 + b as u16
}

pub async fn read_file(start: u64) -> u16 {
    let name: String = format!("file@{start}");
    let sum: u16 = read_two(start).await;
    sum + name.len() as u16
}

pub async fn read_file_boxed(start: u64) -> u16 {
    let name: String = format!("file@{start}");
    let sum: u16 = Box::pin(read_two(start)).await;
    sum + name.len() as u16
}

pub async fn walk(depth: u32) -> u32 {
    if depth == 0 {
        return 0;
    }
    disk_ready().await;
    1 + Box::pin(walk(depth - 1)).await
}
