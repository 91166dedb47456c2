//@ edition: 2021
//! A match guard reads its bindings as the values they refer to (in both editions): `n > *bal`
//! on an `i64` binding is the built-in comparison, not a call, so it cannot unwind, and the
//! variant parts moved by the arms after it need no drop flag.
use std::rc::Rc;
async fn yield_now() {}
enum Msg { Dep(i64), Wd(i64, Rc<String>), Bal(Rc<String>), Poison }
async fn handle(bal: &mut i64, msg: Msg) -> Result<(), ()> {
    match msg {
        Msg::Dep(n) => *bal += n,
        Msg::Wd(n, reply) if n > *bal => { drop(reply); return Err(()); }
        Msg::Wd(n, reply) => { *bal -= n; drop(reply); }
        Msg::Bal(reply) => drop(reply),
        Msg::Poison => return Err(()),
    }
    yield_now().await;
    Ok(())
}
async fn handle2(bal: &mut i64, msg: Msg) -> Result<(), ()> {
    match msg {
        Msg::Dep(n) => *bal += n,
        Msg::Wd(n, reply) => { *bal -= n; drop(reply); }
        Msg::Bal(reply) => drop(reply),
        Msg::Poison => return Err(()),
    }
    yield_now().await;
    Ok(())
}
pub fn main() { let mut b = 0; let _ = handle(&mut b, Msg::Poison); let mut c = 0; let _ = handle2(&mut c, Msg::Poison); }
