#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Zoo feeding rounds: builds keeper routes from diet sheets, checks commissary stock and records animals that refused food.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::fmt::Write as _;
use std::future::Future;
use std::pin::{pin, Pin};
use std::rc::Rc;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
use std::time::Duration;

fn noop_raw() -> RawWaker {
    fn clone(_: *const ()) -> RawWaker {
        noop_raw()
    }
    fn noop(_: *const ()) {}
    static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    RawWaker::new(std::ptr::null(), &VTABLE)
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let waker = unsafe { Waker::from_raw(noop_raw()) };
    let mut cx = Context::from_waker(&waker);
    let mut fut = pin!(fut);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

struct Yield {
    left: u32,
}

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.left == 0 {
            Poll::Ready(())
        } else {
            self.left -= 1;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

#[derive(Debug, Clone)]
struct DietLine {
    animal: String,
    enclosure: char,
    item: String,
    grams: u32,
    live_prey: bool,
}

#[derive(Debug)]
enum FeedResult {
    Ate(u32),
    Partial { offered: u32, eaten: u32 },
    Refused,
    Skipped(String),
}

struct Commissary {
    stock: RefCell<HashMap<String, u32>>,
    live_prey_permit: bool,
}

impl Commissary {
    async fn draw(&self, item: &str, grams: u32) -> Result<u32, String> {
        Yield { left: 1 }.await;
        let mut stock = self.stock.borrow_mut();
        let have = stock.get_mut(item).ok_or_else(|| format!("{item} not stocked"))?;
        if *have == 0 {
            return Err(format!("{item} out"));
        }
        let given = grams.min(*have);
        *have -= given;
        Ok(given)
    }
}

fn parse_diets(sheet: &str) -> Vec<DietLine> {
    sheet
        .lines()
        .skip(1)
        .filter_map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            if cols.len() < 4 {
                return None;
            }
            let (item, live) = match cols[2].strip_prefix("LIVE ") {
                Some(rest) => (rest.to_string(), true),
                None => (cols[2].to_string(), false),
            };
            Some(DietLine { animal: cols[0].to_string(), enclosure: cols[1].chars().next()?, item, grams: cols[3].parse().ok()?, live_prey: live })
        })
        .collect()
}

async fn feed_animal(line: &DietLine, store: &Commissary, appetite: &HashMap<&str, f32>) -> FeedResult {
    if line.live_prey && !store.live_prey_permit {
        return FeedResult::Skipped("no live-prey permit".into());
    }
    let given = match store.draw(&line.item, line.grams).await {
        Ok(g) => g,
        Err(e) => return FeedResult::Skipped(e),
    };
    Yield { left: 2 }.await;
    let ratio = appetite.get(line.animal.as_str()).copied().unwrap_or(1.0);
    let eaten = (given as f32 * ratio) as u32;
    match eaten {
        0 => FeedResult::Refused,
        e if e >= given => FeedResult::Ate(given),
        e => FeedResult::Partial { offered: given, eaten: e },
    }
}

async fn keeper_round(keeper: &str, diets: &[DietLine], store: Rc<Commissary>, appetite: HashMap<&str, f32>) -> (String, Vec<String>) {
    let mut by_enclosure: BTreeMap<char, Vec<&DietLine>> = BTreeMap::new();
    for d in diets {
        by_enclosure.entry(d.enclosure).or_default().push(d);
    }
    let mut route: VecDeque<char> = by_enclosure.keys().copied().collect();
    let mut log = String::new();
    let mut vet_flags = Vec::new();
    let mut walked = Duration::ZERO;
    writeln!(log, "Round for {keeper}").unwrap();
    while let Some(enc) = route.pop_front() {
        walked += Duration::from_secs(240);
        Yield { left: 1 }.await;
        let lines = &by_enclosure[&enc];
        let mut fed: HashSet<&str> = HashSet::new();
        for line in lines.iter() {
            let result = feed_animal(line, &store, &appetite).await;
            match &result {
                FeedResult::Refused => vet_flags.push(format!("{} refused {}", line.animal, line.item)),
                FeedResult::Partial { offered, eaten } if *eaten * 2 < *offered => {
                    vet_flags.push(format!("{} ate {eaten}/{offered}g", line.animal))
                }
                FeedResult::Skipped(why) => {
                    writeln!(log, "  [{enc}] {}: skipped ({why})", line.animal).unwrap();
                    continue;
                }
                _ => {}
            }
            fed.insert(&line.animal);
            writeln!(log, "  [{enc}] {} <- {} : {:?}", line.animal, line.item, result).unwrap();
        }
        if fed.is_empty() {
            writeln!(log, "  [{enc}] nobody fed").unwrap();
        }
    }
    write!(log, "walked {} min", walked.as_secs() / 60).unwrap();
    (log, vet_flags)
}

fn main() {
    let sheet = "animal\tenc\titem\tgrams\nMeerkats\tB\tLIVE crickets\t200\nMeerkats\tB\tveg mix\t300\nLion (Kito)\tA\tbeef\t6000\nOtter\tC\therring\t900\nOtter\tC\tsmelt\t400\nTortoise\tD\tgreens\t500\nbroken line";
    let diets = parse_diets(sheet);
    let store = Rc::new(Commissary {
        stock: RefCell::new(HashMap::from([("beef".into(), 8000), ("herring".into(), 500), ("veg mix".into(), 1000), ("greens".into(), 0), ("crickets".into(), 300)])),
        live_prey_permit: false,
    });
    let appetite = HashMap::from([("Lion (Kito)", 0.4), ("Otter", 1.0), ("Tortoise", 0.0)]);
    let (log, flags) = block_on(keeper_round("Priya", &diets, store.clone(), appetite));
    println!("{log}");
    println!("vet flags: {:?}", flags);
    let r = block_on(feed_animal(&diets[0], &store, &HashMap::new()));
    let d = block_on(store.draw("beef", 5000));
    println!("{:?} {:?}, beef left {:?}", r, d, store.stock.borrow().get("beef"));
}
