//@ edition: 2021
//! A `bool` const generic argument settles an instance like an integer one (in both
//! editions): `db.apply(Normalize::<true> { .. })` lays out `Db::apply<Normalize<true>>` and
//! the trait method it awaits, `<Normalize<true> as Migration>::up`, apart from `false`'s.
trait Migration { async fn up(&self) -> usize; }
struct Normalize<const UPPER: bool> { col: &'static str }
impl<const UPPER: bool> Migration for Normalize<UPPER> {
    async fn up(&self) -> usize { if UPPER { self.col.len() } else { 0 } }
}
struct Db;
impl Db {
    async fn apply<M: Migration>(&self, m: M) -> usize { m.up().await }
}
async fn run_all(db: &Db) -> usize {
    db.apply(Normalize::<true> { col: "sku" }).await + db.apply(Normalize::<{ false }> { col: "x" }).await
}
pub fn main() { let _ = run_all(&Db); }
