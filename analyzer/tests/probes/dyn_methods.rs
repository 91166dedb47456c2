//@ edition: 2021
//! A method called on a trait object (in both editions): `ch.kind()` with `ch: &mut Box<dyn
//! Channel>` derefs through the `Box` to `dyn Channel` and finds the trait's method, so `kind`
//! is a `ChannelKind` (one byte, no drop) and the future has a size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChannelKind {
    Sms,
    Mail,
}
pub trait Channel {
    fn kind(&self) -> ChannelKind;
    fn address(&self) -> String;
}
struct Sms;
impl Channel for Sms {
    fn kind(&self) -> ChannelKind {
        ChannelKind::Sms
    }
    fn address(&self) -> String {
        String::from("+1")
    }
}
async fn tick() {}
async fn fan_out(channels: &mut [Box<dyn Channel>]) -> usize {
    let mut n = 0;
    for ch in channels.iter_mut() {
        let kind = ch.kind();
        let to = ch.address();
        tick().await;
        if kind == ChannelKind::Mail {
            n += to.len();
        }
    }
    n
}
async fn first(channel: &dyn Channel) -> ChannelKind {
    let kind = channel.kind();
    tick().await;
    kind
}
pub fn main() {
    let mut channels: Vec<Box<dyn Channel>> = vec![Box::new(Sms)];
    let _ = fan_out(&mut channels);
    let _ = first(&Sms);
}
