//@ edition: 2021
//! A generic parameter only the result names is settled by a `let` annotation, through
//! `.await` and `?` (`let w2s: Vec<W2> = import(ids).await?;` gives `import<W2>`), in both
//! editions.
pub trait Doc: Sized {
    fn parse(s: &str) -> Option<Self>;
}
pub struct W2 { pub wages: u64, pub name: String }
pub struct Int([u64; 3]);
impl Doc for W2 {
    fn parse(s: &str) -> Option<Self> { Some(W2 { wages: s.len() as u64, name: s.into() }) }
}
impl Doc for Int {
    fn parse(s: &str) -> Option<Self> { Some(Int([s.len() as u64; 3])) }
}
async fn fetch(id: &str) -> String { id.to_string() }
pub async fn import<D: Doc>(ids: &[&str]) -> Result<Vec<D>, String> {
    let mut out = Vec::new();
    for id in ids {
        let text = fetch(id).await;
        out.push(D::parse(&text).ok_or(text)?);
    }
    Ok(out)
}
pub async fn one<D: Doc>(id: &str) -> Option<D> {
    let text = fetch(id).await;
    D::parse(&text)
}
pub async fn fill(ids: &[&str]) -> Result<usize, String> {
    let w2s: Vec<W2> = import(ids).await?;
    let ints: Vec<Int> = import(ids).await?;
    let first: Option<W2> = one("a").await;
    Ok(w2s.len() + ints.len() + first.map_or(0, |w| w.name.len()))
}
pub fn main() {
    drop(fill(&["a"]));
}
