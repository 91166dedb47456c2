//@ edition: 2024
//! Temporaries: a value that was never given a name can still cross an await.
//! A temporary lives until the end of its statement (for a `match` scrutinee,
//! until the end of the whole `match`).
//! Look for unnamed fields in the suspend states: the `String` from
//! `&make_label()` (and the `&str` made from it) in `call_args`; the `Lock`
//! from `lock(7).id()` in `match_guard`, whose Drop runs after the match; and
//! the left operand of `a + b().await`, computed first and saved for the `+`.

async fn count() -> u32 {
    3
}

async fn save(id: u32) {
    let _ = id;
}

async fn suffix() -> String {
    String::from("-v2")
}

fn make_label() -> String {
    String::from("report")
}

fn describe(label: &str, n: u32) -> String {
    format!("{label} x{n}")
}

pub struct Lock {
    id: u32,
}

impl Drop for Lock {
    fn drop(&mut self) {
        println!("unlock {}", self.id);
    }
}

impl Lock {
    fn id(&self) -> u32 {
        self.id
    }
}

fn lock(id: u32) -> Lock {
    Lock { id }
}

// Arguments are evaluated left to right: the String is created, then we await.
pub async fn call_args() -> String {
    describe(&make_label(), count().await)
}

// Same work, but the await happens first: no String crosses it.
pub async fn call_args_reordered() -> String {
    let n: u32 = count().await;
    describe(&make_label(), n)
}

pub async fn match_guard() -> u32 {
    match lock(7).id() {
        0 => 0,
        id => {
            save(id).await;
            id
        }
    }
}

pub async fn left_operand(price: u64) -> u64 {
    price * 2 + count().await as u64
}

pub async fn left_operand_string(base: &str) -> String {
    String::from(base) + &suffix().await
}
