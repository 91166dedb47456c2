//@ edition: 2021
//! A trait default body run for an instance of a generic impl (in both editions): its `Self` is
//! the whole implementing type, so the impl's parameters are bound through it.
pub trait Store {
    async fn get(&self, key: &str) -> Option<String>;
    async fn get_or(&self, key: &str, default: &str) -> String {
        self.get(key).await.unwrap_or_else(|| default.to_string())
    }
}
pub struct MemStore;
impl Store for MemStore {
    async fn get(&self, key: &str) -> Option<String> { Some(key.to_string()) }
}
pub struct Logged<S> { inner: S }
impl<S: Store> Store for Logged<S> {
    async fn get(&self, key: &str) -> Option<String> {
        self.inner.get(key).await
    }
}
pub async fn exercise() -> String {
    let l = Logged { inner: MemStore };
    l.get_or("a", "b").await
}
fn main() { let _ = exercise(); }
