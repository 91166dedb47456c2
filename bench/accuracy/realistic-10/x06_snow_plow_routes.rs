//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Models a municipal snow-plow dispatcher that prioritises street segments by class and routes trucks and sidewalk units.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

struct Yield(bool);
impl Future for Yield {
    type Output = ();
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let me = self.get_mut();
        if me.0 {
            return Poll::Ready(());
        }
        me.0 = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = std::pin::pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(r) = fut.as_mut().poll(&mut cx) {
            return r;
        }
    }
}

fn radio_check() -> Yield {
    Yield(false)
}

async fn drive(segment_m: u32, speed_kmh: u32) -> Duration {
    radio_check().await;
    let secs = segment_m as u64 * 36 / (speed_kmh.max(1) as u64 * 10);
    Yield(false).await;
    Duration::from_secs(secs)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum StreetClass {
    Arterial = 1,
    Collector = 2,
    Residential = 3,
    CulDeSac = 4,
}

#[derive(Debug, Clone)]
struct Segment {
    id: u16,
    name: String,
    class: StreetClass,
    length_m: u32,
    hill: bool,
    ends: (u8, u8),
}

trait Unit {
    fn call_sign(&self) -> String;
    fn can_take(&self, seg: &Segment) -> bool;
    async fn clear(&mut self, seg: &Segment) -> Duration;
    async fn refill_if_needed(&mut self) -> bool {
        radio_check().await;
        false
    }
}

struct PlowTruck {
    number: u8,
    salt_kg: f32,
    wing_plow: bool,
}

struct SidewalkTractor {
    name: &'static str,
    fuel_pct: u8,
}

impl Unit for PlowTruck {
    fn call_sign(&self) -> String {
        format!("PLOW-{:02}", self.number)
    }
    fn can_take(&self, seg: &Segment) -> bool {
        seg.class != StreetClass::CulDeSac || !self.wing_plow
    }
    async fn clear(&mut self, seg: &Segment) -> Duration {
        let speed = if self.wing_plow { 35 } else { 25 };
        let t = drive(seg.length_m, speed).await;
        let rate = if seg.hill { 0.09 } else { 0.05 };
        self.salt_kg -= seg.length_m as f32 * rate;
        t
    }
    async fn refill_if_needed(&mut self) -> bool {
        if self.salt_kg < 150.0 {
            radio_check().await;
            drive(2500, 40).await;
            self.salt_kg = 1200.0;
            return true;
        }
        false
    }
}

impl Unit for SidewalkTractor {
    fn call_sign(&self) -> String {
        self.name.to_uppercase()
    }
    fn can_take(&self, seg: &Segment) -> bool {
        matches!(seg.class, StreetClass::Residential | StreetClass::CulDeSac) && !seg.hill
    }
    async fn clear(&mut self, seg: &Segment) -> Duration {
        self.fuel_pct = self.fuel_pct.saturating_sub((seg.length_m / 100) as u8);
        drive(seg.length_m, 8).await
    }
}

async fn work_route<U>(unit: &mut U, queue: Rc<RefCell<VecDeque<Segment>>>, shift: Duration) -> (String, Vec<u16>, Duration)
where
    U: Unit,
{
    let mut done = Vec::new();
    let mut elapsed = Duration::ZERO;
    let mut skipped: Vec<Segment> = Vec::new();
    loop {
        let next = queue.borrow_mut().pop_front();
        let Some(seg) = next else { break };
        if !unit.can_take(&seg) {
            skipped.push(seg);
            continue;
        }
        if unit.refill_if_needed().await {
            elapsed += Duration::from_secs(20 * 60);
        }
        let t = unit.clear(&seg).await;
        elapsed += t;
        done.push(seg.id);
        if elapsed >= shift {
            break;
        }
    }
    // whatever this unit could not handle goes back for the next one
    queue.borrow_mut().extend(skipped);
    (unit.call_sign(), done, elapsed)
}

/// Depth-first walk from the depot intersection to list reachable segments, used to check the network is connected.
async fn reachable(
    adjacency: &HashMap<u8, Vec<(u8, u16)>>,
    at: u8,
    seen: &mut HashSet<u8>,
    out: &mut BTreeSet<u16>,
) {
    if !seen.insert(at) {
        return;
    }
    radio_check().await;
    let Some(edges) = adjacency.get(&at) else { return };
    for &(to, seg) in edges {
        out.insert(seg);
        Box::pin(reachable(adjacency, to, seen, out)).await;
    }
}

pub fn main() {
    let raw = "\
        1|Main St|A|2400|n|0-1
        2|Oak Ave|C|1300|y|1-2
        3|Birch Ln|R|600|n|2-3
        4|Quarry Rd|A|3100|y|0-4
        5|Fern Ct|D|180|n|3-5
        6|Elm St|R|750|n|4-6
        7|Hill Crest|R|500|y|6-7
        8|Lake Ct|D|220|n|8-9";
    let segments: Vec<Segment> = raw
        .lines()
        .filter_map(|l| {
            let f: Vec<&str> = l.trim().split('|').collect();
            let [id, name, class, len, hill, ends] = f.as_slice() else { return None };
            let (a, b) = ends.split_once('-')?;
            Some(Segment {
                id: id.parse().ok()?,
                name: name.to_string(),
                class: match *class {
                    "A" => StreetClass::Arterial,
                    "C" => StreetClass::Collector,
                    "R" => StreetClass::Residential,
                    _ => StreetClass::CulDeSac,
                },
                length_m: len.parse().ok()?,
                hill: *hill == "y",
                ends: (a.parse().ok()?, b.parse().ok()?),
            })
        })
        .collect();

    let mut adjacency: HashMap<u8, Vec<(u8, u16)>> = HashMap::new();
    for s in &segments {
        adjacency.entry(s.ends.0).or_default().push((s.ends.1, s.id));
        adjacency.entry(s.ends.1).or_default().push((s.ends.0, s.id));
    }
    let mut seen = HashSet::new();
    let mut reach = BTreeSet::new();
    block_on(reachable(&adjacency, 0, &mut seen, &mut reach));
    let orphaned: Vec<&str> = segments.iter().filter(|s| !reach.contains(&s.id)).map(|s| s.name.as_str()).collect();
    println!("unreachable from depot: {orphaned:?}");

    let mut ordered = segments.clone();
    ordered.sort_by_key(|s| (s.class, std::cmp::Reverse(s.hill), s.length_m));
    let queue = Rc::new(RefCell::new(VecDeque::from(ordered)));

    let mut truck = PlowTruck { number: 7, salt_kg: 300.0, wing_plow: true };
    let mut small_truck = PlowTruck { number: 12, salt_kg: 900.0, wing_plow: false };
    let mut tractor = SidewalkTractor { name: "walkie", fuel_pct: 90 };
    let passes = Cell::new(0u32);

    block_on(async {
        let shift = Duration::from_secs(5 * 60);
        let reports = [
            work_route(&mut truck, Rc::clone(&queue), shift).await,
            work_route(&mut tractor, Rc::clone(&queue), shift).await,
            work_route(&mut small_truck, Rc::clone(&queue), Duration::from_secs(3600)).await,
        ];
        for (sign, done, time) in reports.iter() {
            passes.set(passes.get() + done.len() as u32);
            println!("{sign}: segments {done:?} in {}s", time.as_secs());
        }
        radio_check().await;
    });
    let left: Vec<u16> = queue.borrow().iter().map(|s| s.id).collect();
    println!("cleared {} segments; still queued {left:?}; truck salt {:.0}kg", passes.get(), truck.salt_kg);
}
