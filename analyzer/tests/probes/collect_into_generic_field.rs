//@ edition: 2021
//! A struct literal whose field collects an iterator (`PcmStream { buffers:
//! chunks.map(|c| c.to_vec()).collect() }` with `buffers: VecDeque<Vec<S>>`) collects into the
//! field's collection, of the iterator's items: they settle the struct's parameter, so the
//! generic async fn it is passed to has its instance, `measure<i16>` (in both editions).
use std::collections::VecDeque;
async fn halt() {}
pub struct PcmStream<S> {
    buffers: VecDeque<Vec<S>>,
}
impl<S: Copy> PcmStream<S> {
    async fn read(&mut self) -> Option<Vec<S>> {
        halt().await;
        self.buffers.pop_front()
    }
}
pub async fn measure<S: Copy>(stream: &mut PcmStream<S>) -> usize {
    let mut total = 0;
    while let Some(chunk) = stream.read().await {
        total += chunk.len();
    }
    total
}
pub async fn run() -> usize {
    let speech: Vec<i16> = vec![1, 2, 3, 4, 5];
    let mut ints = PcmStream { buffers: speech.chunks(2).map(|c| c.to_vec()).collect() };
    measure(&mut ints).await
}
pub fn main() {
    let _ = run();
}
