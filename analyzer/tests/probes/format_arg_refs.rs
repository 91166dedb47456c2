//@ edition: 2021
//! A formatting macro borrows each argument: one evaluated before a later argument's await
//! is held as a reference across it (`println!("{}: {}", name, post().await)` keeps a
//! `&String`), and `writeln!(log, "{}", f().await)` holds the reborrowed `&mut String`
//! destination, in both editions.
use std::fmt::Write;
async fn post() -> u32 {
    3
}
pub struct Slip(u32);
impl Slip {
    fn describe(&self) -> String {
        format!("slip {}", self.0)
    }
}
pub async fn report(slip: &Slip) {
    let name = slip.describe();
    println!("{}: {:?}", name, post().await);
}
pub async fn log_to(log: &mut String) {
    writeln!(log, "{}", post().await).unwrap();
}
pub async fn owned_log() -> String {
    let mut log = String::new();
    write!(log, "{} and {}", post().await, post().await).unwrap();
    log
}
pub fn main() {
    drop(report(&Slip(1)));
    let mut s = String::new();
    drop(log_to(&mut s));
    drop(owned_log());
}
