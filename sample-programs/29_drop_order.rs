//@ edition: 2024
//! Drop order across awaits: a value kept in a suspended state is dropped
//! exactly when it would be without the await, at the end of its scope, in
//! reverse order of declaration. The await only moves it into the future and
//! back. `desugar` writes the same order by hand: each state's fields are
//! taken out of the enum and dropped at the end of the code that resumes it.
//! Look for: `a`, `b` and `c` in the suspend states, and the order of the
//! `drop` lines when this runs (the desugar test compares it).

pub struct Noisy(pub &'static str);

impl Drop for Noisy {
    fn drop(&mut self) {
        println!("drop {}", self.0);
    }
}

async fn step(label: &'static str) {
    println!("step {label}");
}

pub async fn three_values() -> u32 {
    let a = Noisy("a");
    step("one").await;
    let b = Noisy("b");
    {
        let c = Noisy("c");
        step("two").await;
        println!("inner block ends, holding {}", c.0);
    }
    step("three").await;
    println!("body ends, holding {} and {}", a.0, b.0);
    7
}

pub async fn dropped_before() -> u32 {
    let early = Noisy("early");
    drop(early);
    step("after the drop").await;
    let late = Noisy("late");
    step("last").await;
    late.0.len() as u32
}
