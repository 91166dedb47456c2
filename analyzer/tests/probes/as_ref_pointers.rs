//@ edition: 2021
//! `as_ref()` on an `Rc`, `Arc` or `Box` is the value it points to (`AsRef<T>`), which settles
//! a generic argument (`print(dev.as_ref())` gives `print<Laser>`), in both editions.
use std::rc::Rc;
use std::sync::Arc;
pub trait Device {
    fn name(&self) -> String;
}
pub struct Laser([u64; 4]);
impl Device for Laser {
    fn name(&self) -> String { "laser".into() }
}
async fn y() {}
pub async fn print(dev: &impl Device) -> usize {
    y().await;
    dev.name().len()
}
pub struct Spooler<D: Device> {
    pub device: Rc<D>,
}
impl<D: Device> Spooler<D> {
    pub async fn drain(&self) -> usize {
        print(self.device.as_ref()).await
    }
}
pub async fn shared(d: Arc<Laser>, b: Box<Laser>) -> usize {
    print(d.as_ref()).await + print(b.as_ref()).await
}
pub fn main() {
    let sp = Spooler { device: Rc::new(Laser([0; 4])) };
    drop(sp.drain());
    drop(shared(Arc::new(Laser([1; 4])), Box::new(Laser([2; 4]))));
}
