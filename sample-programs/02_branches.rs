//@ edition: 2024
//! Branches: every `.await` gets its own suspend state, even if only one of
//! them can run. An `if`/`else` with an await in each arm gives two states,
//! and a `match` with three awaiting arms gives three.
//! Look for: `small` ([u8; 16]) lives only in the `if` arm's state and `big`
//! ([u8; 512]) only in the `else` arm's state; the arms never run together, so
//! rustc overlaps them and the future is sized by `big` alone, not `big + small`.
//! In `if_let`, the scrutinee's `Option<String>` is an unnamed temporary. In edition
//! 2024 (this file) it is dropped before `else`, so only the `Some` arm keeps it; in
//! edition 2021 it lives to the end of the whole `if let`, and both arms keep it
//! (`futurelens compare sample-programs/02_branches.rs::if_let --edition 2021 --edition 2024`).
async fn log_line(msg: &str) {
    let _ = msg.len();
}

async fn cached_page(key: u64) -> Option<String> {
    if key % 2 == 0 { Some(String::from("cached")) } else { None }
}

async fn fetch_page(url: &str) -> String {
    format!("<html>{url}</html>")
}

pub async fn if_else(fast: bool) -> usize {
    if fast {
        let small = [1u8; 16];
        log_line("fast path").await;
        small.len()
    } else {
        let big = [2u8; 512];
        log_line("slow path").await;
        big.len()
    }
}

// The scrutinee await is one state; the `Some` arm and the `else` arm add one each.
pub async fn if_let(key: u64) -> String {
    if let Some(body) = cached_page(key).await {
        log_line(&body).await;
        body
    } else {
        let url: String = format!("/page/{key}");
        fetch_page(&url).await
    }
}

pub enum Command {
    Get(u32),
    Put(u32, String),
    Ping,
}

pub async fn dispatch(cmd: Command) -> u32 {
    match cmd {
        Command::Get(id) => {
            let page: String = fetch_page("/get").await;
            id + page.len() as u32
        }
        Command::Put(id, value) => {
            log_line(&value).await;
            id
        }
        Command::Ping => {
            log_line("ping").await;
            0
        }
    }
}
