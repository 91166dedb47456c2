//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! All-sky meteor camera network: collects detections uploaded by stations, links those that
//! coincide in time from different sites, triangulates entry heights and files candidate fireballs.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::cell::RefCell;
use std::task::{Context, Poll, Waker};

struct Yield(bool);
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 { return Poll::Ready(()); }
        self.0 = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}
async fn yield_now() { Yield(false).await }
fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = Box::pin(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) { return v; }
    }
}

const COINCIDENCE_MS: u64 = 400;
const EARTH_R_KM: f64 = 6371.0;

#[derive(Debug, Clone, Copy)]
struct Site { lat: f64, lon: f64 }

#[derive(Debug, Clone)]
struct Detection { station: String, t_ms: u64, azimuth: f64, elevation: f64, peak_mag: f32, frames: u16 }

#[derive(Debug, PartialEq)]
enum Verdict { Fireball { height_km: u32, stations: usize }, Meteor { height_km: u32 }, Single(String), Rejected(&'static str) }

fn parse_upload(station: &str, csv: &str) -> Vec<Detection> {
    csv.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let f: Vec<f64> = l.split(',').map(|x| x.trim().parse::<f64>()).collect::<Result<_, _>>().ok()?;
            match f[..] {
                [t, az, el, mag, frames] if el > 0.0 && el <= 90.0 => Some(Detection { station: station.to_string(), t_ms: t as u64, azimuth: az, elevation: el, peak_mag: mag as f32, frames: frames as u16 }),
                _ => None,
            }
        })
        .collect()
}

fn ground_distance_km(a: Site, b: Site) -> f64 {
    let (p1, p2) = (a.lat.to_radians(), b.lat.to_radians());
    let dlon = (b.lon - a.lon).to_radians();
    let c = (p1.sin() * p2.sin() + p1.cos() * p2.cos() * dlon.cos()).clamp(-1.0, 1.0).acos();
    c * EARTH_R_KM
}

/// Crude two-station height: the meteor sits where both elevation rays meet over the baseline.
fn triangulate(a: &Detection, b: &Detection, sites: &HashMap<String, Site>) -> Option<f64> {
    let base = ground_distance_km(*sites.get(&a.station)?, *sites.get(&b.station)?);
    let (ta, tb) = (a.elevation.to_radians().tan(), b.elevation.to_radians().tan());
    (ta + tb > 0.0).then(|| base * ta * tb / (ta + tb))
}

async fn link(mut all: Vec<Detection>) -> Vec<Vec<Detection>> {
    all.sort_by_key(|d| d.t_ms);
    let mut queue: VecDeque<Detection> = all.into();
    let mut groups = Vec::new();
    while let Some(first) = queue.pop_front() {
        let mut group = vec![first];
        while let Some(next) = queue.front() {
            if next.t_ms - group[0].t_ms > COINCIDENCE_MS { break; }
            let d = queue.pop_front().unwrap();
            if !group.iter().any(|g| g.station == d.station) { group.push(d); }
        }
        yield_now().await;
        groups.push(group);
    }
    groups
}

async fn classify(group: &[Detection], sites: &HashMap<String, Site>) -> Verdict {
    let [first, rest @ ..] = group else { return Verdict::Rejected("empty") };
    if first.frames < 3 { return Verdict::Rejected("too few frames (plane or satellite glint)") }
    let Some(second) = rest.first() else { return Verdict::Single(first.station.clone()) };
    yield_now().await;
    match triangulate(first, second, sites) {
        Some(h) if !(60.0..=140.0).contains(&h) => Verdict::Rejected("implausible height"),
        Some(h) if group.iter().map(|d| d.peak_mag).fold(f32::MAX, f32::min) <= -4.0 => Verdict::Fireball { height_km: h.round() as u32, stations: group.len() },
        Some(h) => Verdict::Meteor { height_km: h.round() as u32 },
        None => Verdict::Rejected("unknown station"),
    }
}

fn main() {
    let sites: HashMap<String, Site> = [("OBS-HILL", Site { lat: 51.0, lon: -1.0 }), ("OBS-COAST", Site { lat: 50.0, lon: -1.0 }), ("OBS-FARM", Site { lat: 51.2, lon: 0.4 })]
        .into_iter().map(|(k, v)| (k.to_string(), v)).collect();
    let uploads = [
        ("OBS-HILL", "# t_ms,az,el,mag,frames\n1000,170,65,-5.2,40\n50000,10,30,1.0,12\n90000,90,20,2.0,2\n"),
        ("OBS-COAST", "1150,350,65,-4.4,35\n50200,0,3,1.5,9\nbad,row\n"),
        ("OBS-FARM", "1300,250,60,-3.0,20\n70000,45,95,0,10\n71000,45,35,0.5,8\n"),
    ];
    let all: Vec<Detection> = uploads.iter().flat_map(|(s, csv)| parse_upload(s, csv)).collect();
    assert_eq!(all.len(), 7);

    let groups = block_on(link(all));
    assert_eq!(groups.iter().map(Vec::len).collect::<Vec<_>>(), vec![3, 2, 1, 1]);

    let verdicts: Vec<Verdict> = block_on(async {
        let mut v = Vec::new();
        for g in &groups {
            v.push(classify(g, &sites).await);
        }
        v
    });
    assert_eq!(verdicts[0], Verdict::Fireball { height_km: 119, stations: 3 });
    assert_eq!(verdicts[1], Verdict::Rejected("implausible height"));
    assert_eq!(verdicts[2], Verdict::Single("OBS-FARM".into()));
    assert!(matches!(verdicts[3], Verdict::Rejected(_)));

    let archive = Rc::new(RefCell::new(BTreeMap::<u64, String>::new()));
    let store = {
        let archive = Rc::clone(&archive);
        move |t: u64, v: &Verdict| {
            let line = format!("{v:?}");
            let archive = Rc::clone(&archive);
            async move {
                yield_now().await;
                archive.borrow_mut().insert(t, line);
            }
        }
    };
    for (g, v) in groups.iter().zip(&verdicts) {
        block_on(store(g[0].t_ms, v));
    }
    assert_eq!(archive.borrow().len(), 4);
    println!("{:#?}", archive.borrow());
}
