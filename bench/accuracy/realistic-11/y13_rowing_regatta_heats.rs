//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Models a rowing regatta results office that draws lanes, records heat finishes and progresses crews to repechages and finals.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

fn block_on<T>(fut: impl Future<Output = T>) -> T {
    let mut fut = std::pin::pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    let mut n = 0u32;
    while n < 1_000_000 {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
        n += 1;
    }
    panic!("future never completed");
}

struct Yield {
    left: u8,
}

impl Future for Yield {
    type Output = ();
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let me = self.get_mut();
        if me.left > 0 {
            me.left -= 1;
            cx.waker().wake_by_ref();
            Poll::Pending
        } else {
            Poll::Ready(())
        }
    }
}

async fn yield_n(n: u8) {
    Yield { left: n }.await
}

const LANES: usize = 6;
const QUALIFY_DIRECT: usize = 2;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Crew {
    club: String,
    boat: &'static str,
    seed: u8,
}

#[derive(Debug, Clone)]
enum Finish {
    Time(Duration),
    DidNotFinish,
    Excluded(String),
}

#[derive(Debug)]
struct HeatResult {
    heat: u8,
    order: Vec<(Crew, Finish)>,
}

fn draw_lanes(crews: &[Crew], heats: usize) -> Vec<[Option<Crew>; LANES]> {
    let mut draw: Vec<[Option<Crew>; LANES]> = (0..heats).map(|_| Default::default()).collect();
    let mut sorted: Vec<&Crew> = crews.iter().collect();
    sorted.sort_by_key(|c| c.seed);
    let lane_order = [2usize, 3, 1, 4, 0, 5];
    let snake = (0..heats).chain((0..heats).rev()).cycle().take(sorted.len());
    for (i, (crew, heat)) in sorted.into_iter().zip(snake).enumerate() {
        let round = i / heats;
        if let Some(&lane) = lane_order.get(round) {
            draw[heat][lane] = Some(crew.clone());
        }
    }
    draw
}

fn simulated_time(crew: &Crew, lane: usize, wind_ms: f32) -> Finish {
    let base = 400.0 + crew.seed as f32 * 1.7 + (lane as f32 - 2.5).abs() * wind_ms * 0.4;
    match crew.club.as_str() {
        c if c.ends_with("(late)") => Finish::Excluded("missed marshalling".into()),
        _ if base > 430.0 => Finish::DidNotFinish,
        _ => Finish::Time(Duration::from_millis((base * 1000.0) as u64)),
    }
}

async fn race_heat(heat: u8, lanes: [Option<Crew>; LANES], wind_ms: f32) -> HeatResult {
    let mut order = Vec::new();
    for (lane, slot) in lanes.into_iter().enumerate() {
        let Some(crew) = slot else { continue };
        yield_n(1).await;
        let finish = simulated_time(&crew, lane, wind_ms);
        order.push((crew, finish));
    }
    order.sort_by(|a, b| match (&a.1, &b.1) {
        (Finish::Time(x), Finish::Time(y)) => x.cmp(y),
        (Finish::Time(_), _) => std::cmp::Ordering::Less,
        (_, Finish::Time(_)) => std::cmp::Ordering::Greater,
        _ => std::cmp::Ordering::Equal,
    });
    yield_n(2).await;
    HeatResult { heat, order }
}

async fn progress(results: Vec<HeatResult>) -> (Vec<Crew>, Vec<Crew>, HashSet<String>) {
    let mut finalists = Vec::new();
    let mut repechage = Vec::new();
    let mut out = HashSet::new();
    for HeatResult { heat, order } in results {
        for (place, (crew, finish)) in order.into_iter().enumerate() {
            match (place, finish) {
                (p, Finish::Time(_)) if p < QUALIFY_DIRECT => finalists.push(crew),
                (_, Finish::Time(t)) if t < Duration::from_secs(425) => repechage.push(crew),
                (_, Finish::Excluded(why)) => {
                    out.insert(format!("{} ({why})", crew.club));
                }
                (_, Finish::Time(_) | Finish::DidNotFinish) => {
                    out.insert(crew.club);
                }
            }
        }
        yield_n(1).await;
    }
    (finalists, repechage, out)
}

fn format_time(d: &Duration) -> String {
    let s = d.as_secs_f64();
    format!("{}:{:05.2}", (s / 60.0) as u32, s % 60.0)
}

pub fn main() {
    let clubs = ["Leander", "Thames RC", "Molesey", "Tideway Scullers", "Durham Univ", "Agecroft", "Nottingham", "Bedford (late)", "Clyde", "Tyne", "Exeter"];
    let crews: Vec<Crew> = clubs
        .iter()
        .enumerate()
        .map(|(i, c)| Crew { club: c.to_string(), boat: "M8+", seed: (i * 3 % 11) as u8 + 1 })
        .collect();
    let draw = draw_lanes(&crews, 2);

    let wind_ms = 3.5f32;
    let mut heats: Vec<Pin<Box<dyn Future<Output = HeatResult>>>> = Vec::new();
    for (i, lanes) in draw.into_iter().enumerate() {
        heats.push(Box::pin(race_heat(i as u8 + 1, lanes, wind_ms)));
    }
    let results: Vec<HeatResult> = heats.into_iter().map(block_on).collect();
    for r in &results {
        let line: Vec<String> = r
            .order
            .iter()
            .map(|(c, f)| match f {
                Finish::Time(t) => format!("{} {}", c.club, format_time(t)),
                other => format!("{} {other:?}", c.club),
            })
            .collect();
        println!("heat {}: {}", r.heat, line.join(" | "));
    }

    let (finalists, rep, out) = block_on(progress(results));
    println!("final: {:?}", finalists.iter().map(|c| &c.club).collect::<Vec<_>>());
    println!("repechage: {:?}", rep.iter().map(|c| c.club.as_str()).collect::<Vec<_>>());
    let mut out: Vec<_> = out.into_iter().collect();
    out.sort();
    println!("eliminated: {out:?}");

    let rep_crews = rep.clone();
    let run_rep = async move |wind: f32| -> Vec<String> {
        let mut lanes: [Option<Crew>; LANES] = Default::default();
        for (slot, crew) in lanes.iter_mut().zip(rep_crews.iter()) {
            *slot = Some(crew.clone());
        }
        let res = race_heat(9, lanes, wind).await;
        yield_n(1).await;
        res.order.into_iter().take(2).map(|(c, _)| c.club).collect()
    };
    let through = block_on(run_rep(1.0));
    let mut final_field: BTreeMap<usize, String> = BTreeMap::new();
    'fill: for (lane, club) in [2usize, 3, 1, 4, 0, 5].iter().zip(finalists.iter().map(|c| c.club.clone()).chain(through)) {
        if final_field.len() == LANES {
            break 'fill;
        }
        final_field.insert(*lane, club);
    }
    let by_club: HashMap<&str, usize> = final_field.iter().map(|(l, c)| (c.as_str(), *l)).collect();
    println!("final lanes {final_field:?}; Leander in lane {:?}", by_club.get("Leander"));
}
