//@ edition: 2021
//! An async closure passed where an `AsyncFnMut(u32) -> Result<T, TxError>` is expected
//! returns what the bound says where its body leaves it open (in both editions): its `Ok(n)`
//! (after `read(attempt).await?`) names no error type, the bound does, so `body(attempt).await` in the instance is a
//! `Result<i64, TxError>` and the error bound by `Err(e)` is kept across the next await.
async fn yield_now() {}
#[derive(Debug)]
enum TxError {
    Conflict(String),
    Exhausted(u32),
}
impl TxError {
    fn retryable(&self) -> bool {
        matches!(self, TxError::Conflict(_))
    }
}
async fn with_retry<T, F>(max: u32, mut body: F) -> (Result<T, TxError>, u32)
where
    F: AsyncFnMut(u32) -> Result<T, TxError>,
{
    let mut attempt = 0;
    let result = loop {
        match body(attempt).await {
            Err(e) if e.retryable() && attempt + 1 < max => {
                yield_now().await;
                println!("{e:?}");
                attempt += 1;
            }
            Err(e) if e.retryable() => break Err(TxError::Exhausted(attempt + 1)),
            other => break other,
        }
    };
    (result, attempt + 1)
}
async fn read(attempt: u32) -> Result<i64, TxError> {
    yield_now().await;
    if attempt == 0 { Err(TxError::Conflict(String::from("busy"))) } else { Ok(7) }
}
async fn transfer(amount: i64) -> (Result<i64, TxError>, u32) {
    with_retry(3, async |attempt: u32| {
        let v = read(attempt).await?;
        Ok(v + amount)
    })
    .await
}
pub fn main() {
    let _ = transfer(5);
}
