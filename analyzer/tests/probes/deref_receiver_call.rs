//@ edition: 2021
//! A method reached through `Deref` (`storage.write(text)` with `storage: Rc<S>`) calls
//! `Deref::deref` before its arguments are evaluated: a call that can unwind while `text` is
//! still there, so `text`, moved into the call, gets a drop flag, in both editions.
use std::rc::Rc;
pub struct S;
impl S { pub async fn write(&self, c: String) -> Result<usize, String> { Ok(c.len()) } }
pub struct B { pub dirty: bool, pub s: Rc<S>, pub t: String }
impl B {
    pub async fn a(&mut self) -> Result<bool, String> {
        if !self.dirty { return Ok(false); }
        let storage = Rc::clone(&self.s);
        let text = self.t.to_string();
        let written = storage.write(text).await?;
        self.dirty = false;
        Ok(written > 0)
    }
    pub async fn b(&mut self) -> Result<bool, String> {
        let storage = Rc::clone(&self.s);
        let text = self.t.to_string();
        let written = storage.write(text).await?;
        Ok(written > 0)
    }
    pub async fn c(&mut self) -> Result<bool, String> {
        if !self.dirty { return Ok(false); }
        let storage = Rc::clone(&self.s);
        let text = self.t.to_string();
        let written = storage.write(text).await;
        Ok(true)
    }
    pub async fn d(&mut self) -> Result<bool, String> {
        if !self.dirty { return Ok(false); }
        let storage = Rc::clone(&self.s);
        let written = storage.write(String::new()).await?;
        Ok(true)
    }
    pub async fn e(&mut self) -> bool {
        if !self.dirty { return false; }
        let storage = Rc::clone(&self.s);
        let text = self.t.to_string();
        let written = storage.write(text).await;
        true
    }
}
pub fn main() { let mut x = B { dirty: true, s: Rc::new(S), t: String::new() }; drop(x.a()); drop(x.b()); drop(x.c()); drop(x.d()); drop(x.e()); }
