//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Models an orchard harvest planner that samples fruit ripeness per row and schedules picking crews and bins.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

pub struct Yield(u8);

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        if self.0 == 0 {
            return Poll::Ready(());
        }
        self.0 -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

fn yield_once() -> Yield {
    Yield(1)
}

fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = std::pin::pin!(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        match f.as_mut().poll(&mut cx) {
            Poll::Ready(out) => return out,
            Poll::Pending => {}
        }
    }
}

const ROWS: usize = 6;
const SAMPLES_PER_ROW: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Block {
    North,
    Creek,
    Hillside,
}

trait Fruit {
    const NAME: &'static str;
    const BIN_KG: f32;
    fn ready(brix: f32, firmness: f32) -> bool;
    async fn sample(row: usize, idx: usize) -> (f32, f32) {
        yield_once().await;
        let seed = (row * 31 + idx * 17) as f32;
        (10.0 + (seed % 7.0), 6.0 + (seed % 5.0) * 0.8)
    }
}

struct Honeycrisp;
struct Bartlett;

impl Fruit for Honeycrisp {
    const NAME: &'static str = "Honeycrisp";
    const BIN_KG: f32 = 400.0;
    fn ready(brix: f32, firmness: f32) -> bool {
        brix >= 12.5 && firmness >= 6.5
    }
}

impl Fruit for Bartlett {
    const NAME: &'static str = "Bartlett";
    const BIN_KG: f32 = 360.0;
    fn ready(brix: f32, firmness: f32) -> bool {
        // pears are picked firm and ripened off-tree
        (10.0..14.0).contains(&brix) && firmness > 7.0
    }
    async fn sample(row: usize, idx: usize) -> (f32, f32) {
        Yield(2).await;
        let wobble = ((row + idx) % 4) as f32 * 0.6;
        (11.0 + wobble, 7.2 + wobble / 2.0)
    }
}

#[derive(Debug, Default)]
struct RowReport {
    ready_fraction: f32,
    mean_brix: f32,
    est_kg: f64,
}

async fn survey_rows<F>(block: Block, trees_per_row: [u16; ROWS]) -> BTreeMap<usize, RowReport>
where
    F: Fruit,
{
    let mut out = BTreeMap::new();
    for (row, trees) in trees_per_row.iter().enumerate() {
        let mut samples: Vec<(f32, f32)> = Vec::with_capacity(SAMPLES_PER_ROW);
        for idx in 0..SAMPLES_PER_ROW {
            samples.push(F::sample(row, idx).await);
        }
        let ready = samples.iter().filter(|(b, f)| F::ready(*b, *f)).count();
        let mean_brix = samples.iter().map(|s| s.0).sum::<f32>() / samples.len() as f32;
        // smooth spikes: a row only counts as trending up if consecutive samples rise
        let rising = samples.windows(2).filter(|w| w[1].0 > w[0].0).count();
        let yield_per_tree = match block {
            Block::Hillside => 28.0,
            Block::Creek if rising > SAMPLES_PER_ROW / 2 => 45.0,
            _ => 38.0,
        };
        yield_once().await;
        out.insert(row, RowReport {
            ready_fraction: ready as f32 / SAMPLES_PER_ROW as f32,
            mean_brix,
            est_kg: *trees as f64 * yield_per_tree,
        });
    }
    out
}

#[derive(Debug)]
struct Crew {
    lead: String,
    pickers: u8,
    kg_per_hour: f64,
}

#[derive(Debug)]
enum PlanError {
    NoCrews,
    Overbooked { hours: f64 },
}

impl fmt::Display for PlanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PlanError::NoCrews => f.write_str("no crews available"),
            PlanError::Overbooked { hours } => write!(f, "needs {hours:.1} crew-hours, over the shift budget"),
        }
    }
}

async fn assign_crews(
    mut crews: VecDeque<Crew>,
    rows: &BTreeMap<usize, RowReport>,
    shift_hours: f64,
) -> Result<Vec<(String, Vec<usize>)>, PlanError> {
    if crews.is_empty() {
        return Err(PlanError::NoCrews);
    }
    let pickable: Vec<(usize, f64)> = rows
        .iter()
        .filter_map(|(r, rep)| (rep.ready_fraction >= 0.5).then_some((*r, rep.est_kg * rep.ready_fraction as f64)))
        .collect();
    let total_kg: f64 = pickable.iter().map(|p| p.1).sum();
    let capacity: f64 = crews.iter().map(|c| c.kg_per_hour * c.pickers as f64).sum();
    let hours = total_kg / capacity.max(1.0);
    if hours > shift_hours {
        return Err(PlanError::Overbooked { hours });
    }
    let mut plan: Vec<(String, Vec<usize>)> = Vec::new();
    let mut queue = pickable.into_iter();
    'crews: while let Some(crew) = crews.pop_front() {
        let mut budget = crew.kg_per_hour * crew.pickers as f64 * shift_hours;
        let mut mine = Vec::new();
        loop {
            let Some((row, kg)) = queue.next() else {
                plan.push((crew.lead, mine));
                break 'crews;
            };
            yield_once().await;
            mine.push(row);
            budget -= kg;
            if budget <= 0.0 {
                break;
            }
        }
        plan.push((crew.lead, mine));
    }
    Ok(plan)
}

async fn order_bins<F: Fruit>(reports: &BTreeMap<usize, RowReport>) -> u32 {
    let mut bins = 0u32;
    for chunk in reports.values().collect::<Vec<_>>().chunks(2) {
        let kg: f64 = chunk.iter().map(|r| r.est_kg * r.ready_fraction as f64).sum();
        bins += (kg / F::BIN_KG as f64).ceil() as u32;
        yield_once().await;
    }
    bins
}

pub fn main() {
    let trees = [120u16, 118, 130, 96, 140, 101];
    let crews = || {
        VecDeque::from(vec![
            Crew { lead: "Rosa".into(), pickers: 8, kg_per_hour: 95.0 },
            Crew { lead: "Tomas".into(), pickers: 6, kg_per_hour: 110.0 },
        ])
    };

    let apples = block_on(survey_rows::<Honeycrisp>(Block::Creek, trees));
    let pears = block_on(survey_rows::<Bartlett>(Block::Hillside, trees));

    let mut summary: HashMap<&str, u32> = HashMap::new();
    let with_bins = async |name: &'static str, rows: &BTreeMap<usize, RowReport>, bins: u32| {
        yield_once().await;
        let best = rows
            .iter()
            .max_by(|a, b| a.1.mean_brix.total_cmp(&b.1.mean_brix))
            .map(|(r, rep)| format!("row {r} @ {:.1} brix", rep.mean_brix))
            .unwrap_or_default();
        println!("{name}: {bins} bins, best {best}");
        bins
    };

    block_on(async {
        let apple_bins = order_bins::<Honeycrisp>(&apples).await;
        summary.insert(Honeycrisp::NAME, with_bins(Honeycrisp::NAME, &apples, apple_bins).await);
        let pear_bins = order_bins::<Bartlett>(&pears).await;
        summary.insert(Bartlett::NAME, with_bins(Bartlett::NAME, &pears, pear_bins).await);

        for (label, rows, shift) in [("apples", &apples, 10.0), ("pears", &pears, 1.5)] {
            match assign_crews(crews(), rows, shift).await {
                Ok(plan) => {
                    for (lead, rows) in plan {
                        println!("  {label}: crew {lead} -> rows {rows:?}");
                    }
                }
                Err(e) => println!("  {label}: {e}"),
            }
        }
        let none = assign_crews(VecDeque::new(), &apples, 8.0).await;
        println!("  empty roster: {}", none.unwrap_err());
    });
    let mut keys: Vec<_> = summary.into_iter().collect();
    keys.sort();
    println!("{keys:?}");
}
