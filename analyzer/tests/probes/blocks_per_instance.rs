//@ edition: 2021
//! An async block or closure inside a generic fn has one layout per instantiation, and rustc
//! names them all alike: each is compared with the instance whose layout it is, in both
//! editions.
pub trait Db {
    async fn write(&self, v: u64) -> u64;
}
pub struct Small;
pub struct Big;
impl Db for Small {
    async fn write(&self, v: u64) -> u64 { v }
}
impl Db for Big {
    async fn write(&self, v: u64) -> u64 {
        let pad = [v; 8];
        std::future::ready(()).await;
        pad[0]
    }
}
pub fn store<D: Db>(db: &D, v: u64) -> impl std::future::Future<Output = u64> + '_ {
    async move { db.write(v).await + 1 }
}
pub async fn each<D: Db>(db: &D) -> u64 {
    let w = |v: u64| async move { v * 2 };
    db.write(w(3).await).await
}
pub fn main() {
    drop(store(&Small, 1));
    drop(store(&Big, 1));
    drop(each(&Small));
    drop(each(&Big));
}
