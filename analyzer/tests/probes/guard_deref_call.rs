//@ edition: 2021
//! `*guard` and `guard.field` through `Deref` call `Deref::deref`, which can unwind while the
//! guard is there: a guard dropped by hand (`drop(battery)`) before an await after an early
//! `return` gets a drop flag, in both editions.
use std::sync::Mutex;
pub struct Robot {
    pub battery: Mutex<u32>,
    pub state: Mutex<State>,
}
pub struct State {
    pub level: u32,
}
async fn y() {}
pub async fn run(r: &Robot, need: u32) -> Result<u32, u32> {
    let mut battery = r.battery.lock().unwrap();
    if *battery < need {
        return Err(need);
    }
    *battery -= need;
    drop(battery);
    y().await;
    Ok(need)
}
pub async fn field(r: &Robot, need: u32) -> Result<u32, u32> {
    let state = r.state.lock().unwrap();
    if state.level < need {
        return Err(need);
    }
    drop(state);
    y().await;
    Ok(need)
}
pub fn main() {
    let r = Robot { battery: Mutex::new(3), state: Mutex::new(State { level: 1 }) };
    drop(run(&r, 1));
    drop(field(&r, 1));
}
