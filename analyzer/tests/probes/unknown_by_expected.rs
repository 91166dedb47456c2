//@ edition: 2021
//! A value whose type the source does not reveal (`opt.map(..).unwrap_or_default()`) takes the
//! type a struct literal's field expects: `tags` is a `Vec<String>`, moved into the `Card`
//! after calls that can unwind, so it gets a drop flag kept across the await, in both
//! editions.
async fn tick() {}
pub struct Card {
    front: String,
    tags: Vec<String>,
}
pub async fn import(cards: &mut Vec<Card>, lines: &[&str]) -> usize {
    let mut added = 0;
    for line in lines {
        let mut cols = line.split('\t');
        let front = cols.next().unwrap_or("");
        let tags = cols.next().map(|t| t.split(',').map(str::to_string).collect()).unwrap_or_default();
        cards.push(Card { front: front.into(), tags });
        added += 1;
        if added % 3 == 0 {
            tick().await;
        }
    }
    added
}
pub fn main() {
    let mut v = Vec::new();
    let _ = import(&mut v, &[]);
}
