//@ edition: 2021
//! A struct moved out of field by field (`drop(job.source)`, `Job { x, ..job }`) gets one drop
//! flag per field path moved, not one per local, in both editions.
async fn y() {}
pub struct Job { pub id: u64, pub source: String, pub profiles: Vec<u8>, pub segments: Vec<u32> }
fn mk() -> Option<Job> { None }
fn take(_: Job) {}
pub async fn a(c: bool) {
    let next = mk();
    let Some(job) = next else { return };
    y().await;
    if c {
        take(Job { profiles: job.profiles.clone(), ..job });
    }
    y().await;
}
pub async fn b(c: bool) {
    let job = mk().unwrap();
    y().await;
    if c {
        take(Job { profiles: job.profiles.clone(), ..job });
    }
    y().await;
}
pub async fn d(c: bool) {
    let job = mk().unwrap();
    y().await;
    if c {
        drop(job.source);
    }
    y().await;
}
pub async fn e(c: bool) {
    let job = mk().unwrap();
    y().await;
    if c {
        take(job);
    }
    y().await;
}
pub struct Outer { pub job: Job, pub name: String }
fn mko() -> Outer { todo!() }
pub async fn two(c: bool) {
    let job = mk().unwrap();
    y().await;
    if c {
        drop(job.source);
        drop(job.segments);
    }
    y().await;
}
pub async fn same_twice(c: bool) {
    let job = mk().unwrap();
    y().await;
    if c {
        drop(job.source);
    } else {
        drop(job.source);
    }
    y().await;
}
pub async fn nested(c: bool) {
    let o = mko();
    y().await;
    if c {
        drop(o.job.source);
        drop(o.name);
    }
    y().await;
}
pub async fn rest_all(c: bool) {
    let o = mko();
    y().await;
    if c {
        let p = Outer { name: String::new(), ..o };
        drop(p);
    }
    y().await;
}
pub fn main() {
    drop(a(true));
    drop(b(true));
    drop(d(true));
    drop(e(true));
    drop(two(true));
    drop(same_twice(true));
    drop(nested(true));
    drop(rest_all(true));
}
