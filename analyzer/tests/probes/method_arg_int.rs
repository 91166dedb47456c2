//@ edition: 2021
//! An integer literal binding passed to a method takes the parameter's type (`self.page(n)`
//! with `page(&self, n: usize)` makes `let mut n = 0;` a `usize`), in a trait's default body
//! too, in both editions.
pub trait Src {
    async fn page(&self, n: usize) -> Option<Vec<String>>;
    async fn all(&self) -> Vec<String> {
        let mut all = Vec::new();
        let mut page = 0;
        while let Some(rows) = self.page(page).await {
            all.extend(rows);
            page += 1;
        }
        all
    }
}
pub struct W;
impl Src for W {
    async fn page(&self, n: usize) -> Option<Vec<String>> { None }
}
pub struct S;
impl S {
    pub async fn page(&self, n: usize) -> Option<Vec<String>> { None }
    pub async fn all(&self) -> usize {
        let mut page = 0;
        while let Some(rows) = self.page(page).await { page += 1; }
        page
    }
}
pub fn main() { drop(W.all()); drop(S.all()); }
