//@ edition: 2021
//! Captures (RFC 2229): an async block captures the disjoint places it uses (`job.payload`
//! and `job.id`, not `job`), a place behind `Deref` by capturing the smart pointer itself, a
//! variable once however often it is used; an async closure's body, called by reference,
//! borrows what the closure captured unless it moves it; an ordinary closure copies a shared
//! reference it only reads through.
use std::rc::Rc;
use std::sync::Mutex;
pub struct Job {
    pub id: u64,
    pub payload: String,
    pub note: String,
}
pub struct Board {
    pub owner: Mutex<String>,
}
async fn up(s: &str) -> usize {
    s.len()
}
async fn leaf() {}
pub fn disjoint(job: Job) -> impl std::future::Future<Output = usize> {
    async move { up(&job.payload).await + job.id as usize }
}
pub fn through_rc(board: Rc<Board>) -> impl std::future::Future<Output = usize> {
    async move {
        leaf().await;
        board.owner.lock().unwrap().len()
    }
}
pub fn twice(name: String) -> impl std::future::Future<Output = usize> {
    async move {
        let a = up(&name).await;
        a + up(&name).await
    }
}
pub async fn closure_body(client: &Board, id: String) -> usize {
    let send = async move |n: u32| -> usize {
        leaf().await;
        client.owner.lock().unwrap().len() + id.len() + n as usize
    };
    send(1).await + send(2).await
}
/// An ordinary closure that only reads through a shared reference copies the reference it
/// reads through (`*url`, a `&str`, 16 bytes) instead of borrowing the variable; an async block
/// beside it keeps the borrow (`_ref__url`).
pub async fn closure_copies_ref(url: &&str) -> usize {
    let len = || url.len();
    leaf().await;
    let block = async { url.len() };
    leaf().await;
    len() + block.await
}
pub async fn closure_copies_arg(url: &str) -> usize {
    let pass = || up(url);
    leaf().await;
    pass().await
}
