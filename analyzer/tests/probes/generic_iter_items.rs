//@ edition: 2021
//! A generic body is laid out as rustc sees it before it knows the parameters: the item of
//! `I: IntoIterator<Item = (S, S)>` is `(S, S)`, which may need drop even where `S` is `&str`,
//! so the `Option` a `for` loop (or `while let` over `next()`) matches on is kept across the
//! await in every instance. `map(Into::into)` yields `Into`'s own parameter, not the fn's `T`
//! (checked in both editions).
async fn tick() {}
pub async fn gen_pairs<I, S>(doors: I) -> usize
where
    I: IntoIterator<Item = (S, S)>,
    S: AsRef<str>,
{
    let mut n = 0;
    for (door, change) in doors {
        tick().await;
        n += door.as_ref().len() + change.as_ref().len();
    }
    n
}
pub async fn gen_one<I, S>(doors: I) -> usize
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut n = 0;
    for door in doors {
        tick().await;
        n += door.as_ref().len();
    }
    n
}
pub async fn plain_pairs(doors: Vec<(String, String)>) -> usize {
    let mut n = 0;
    for (door, change) in doors {
        tick().await;
        n += door.len() + change.len();
    }
    n
}
pub async fn gen_while<I, S>(mut it: I) -> usize
where
    I: Iterator<Item = S>,
    S: AsRef<str>,
{
    let mut n = 0;
    while let Some(s) = it.next() {
        tick().await;
        n += s.as_ref().len();
    }
    n
}
pub async fn gen_into<I, S>(doors: I) -> usize
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut n = 0;
    for (i, door) in doors.into_iter().enumerate() {
        tick().await;
        n += door.as_ref().len() + i;
    }
    n
}
pub async fn spread<T>(samples: impl IntoIterator<Item = T>) -> Option<(f64, f64)>
where
    T: Into<f64>,
{
    let mut it = samples.into_iter().map(Into::into);
    let first: f64 = it.next()?;
    tick().await;
    let (lo, hi) = it.fold((first, first), |(lo, hi), x: f64| (lo.min(x), hi.max(x)));
    Some((lo, hi))
}
pub fn main() {
    let _ = spread([1i16, 2]);
    let _ = spread(vec![0.5f32]);
    let _ = gen_while(vec!["a"].into_iter());
    let _ = gen_into(vec!["a"]);
    let _ = gen_pairs(vec![("a", "b")]);
    let _ = gen_pairs(vec![(String::new(), String::new())]);
    let _ = gen_one(vec!["a"]);
    let _ = plain_pairs(vec![]);
}
