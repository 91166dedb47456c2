//@ edition: 2021
//! Exits to one place share one drop per local: `return Err(E::Embargoed(line.origin))` moves a
//! field of `line` before one exit, and the `?` after the await leaves it all there before
//! another, so the shared drop reads a flag for the field, set before the await and read after
//! it (checked in both editions).
pub struct Line {
    origin: String,
    desc: String,
    qty: u32,
}
pub enum E {
    Embargoed(String),
    Bad,
}
async fn classify(_: &str) -> Result<u32, E> {
    Ok(1)
}
pub async fn assess(lines: Vec<Line>, embargo: &str) -> Result<u32, E> {
    let mut total = 0;
    for line in lines {
        if line.origin == embargo {
            return Err(E::Embargoed(line.origin));
        }
        let c = classify(&line.desc).await?;
        total += c + line.qty;
    }
    Ok(total)
}
fn parse(raw: &str) -> Result<Line, E> {
    Ok(Line { origin: raw.to_string(), desc: String::new(), qty: 1 })
}
pub async fn parsed(raws: &str, embargo: &[&str]) -> Result<u32, E> {
    let mut total = 0;
    for raw in raws.lines() {
        let line = parse(raw)?;
        if embargo.iter().any(|e| *e == line.origin) {
            return Err(E::Embargoed(line.origin));
        }
        let c = classify(&line.desc).await?;
        total += c + line.qty;
    }
    Ok(total)
}
pub async fn single(line: Line, embargo: &str) -> Result<u32, E> {
    if line.origin == embargo {
        return Err(E::Embargoed(line.origin));
    }
    let c = classify(&line.desc).await?;
    Ok(c + line.qty)
}
pub fn main() {
    let _ = assess(vec![], "x");
    let _ = parsed("", &[]);
    let _ = single(Line { origin: String::new(), desc: String::new(), qty: 1 }, "x");
}
