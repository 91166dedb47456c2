#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Observatory night planner: orders targets by altitude, slews the mount, focuses and takes exposure sequences.

use std::collections::{BTreeMap, HashSet, VecDeque};
use std::fmt::Write as _;
use std::future::Future;
use std::pin::{pin, Pin};
use std::sync::{Arc, RwLock};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
use std::time::{Duration, Instant};

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
struct Target {
    name: String,
    ra_h: f64,
    dec_deg: f64,
    filters: Vec<char>,
    exposure: Duration,
}

#[derive(Debug, Clone, Copy, Default)]
struct MountState {
    ra_h: f64,
    dec_deg: f64,
    parked: bool,
    focus_pos: i32,
}

#[derive(Debug)]
enum MountFault {
    BelowHorizon { name: String, alt: f64 },
    CableWrap,
    CloudedOut,
}

fn altitude(t: &Target, lst_h: f64, lat_deg: f64) -> f64 {
    let ha = ((lst_h - t.ra_h) * 15.0).to_radians();
    let dec = t.dec_deg.to_radians();
    let lat = lat_deg.to_radians();
    (dec.sin() * lat.sin() + dec.cos() * lat.cos() * ha.cos()).asin().to_degrees()
}

async fn slew(mount: &RwLock<MountState>, t: &Target) -> Result<Duration, MountFault> {
    let (dra, ddec) = {
        let m = mount.read().unwrap();
        ((t.ra_h - m.ra_h).abs() * 15.0, (t.dec_deg - m.dec_deg).abs())
    };
    if dra > 300.0 {
        return Err(MountFault::CableWrap);
    }
    let steps = ((dra.max(ddec)) / 10.0).ceil() as u32;
    for _ in 0..steps {
        Yield { left: 1 }.await;
    }
    let mut m = mount.write().unwrap();
    m.ra_h = t.ra_h;
    m.dec_deg = t.dec_deg;
    m.parked = false;
    Ok(Duration::from_secs(steps as u64 * 4))
}

async fn autofocus(mount: &RwLock<MountState>, filter: char) -> i32 {
    let offsets: [i32; 5] = [-40, -20, 0, 20, 40];
    let base = mount.read().unwrap().focus_pos;
    let mut best = (i32::MAX, base);
    for off in offsets.iter() {
        Yield { left: 1 }.await;
        let hfr = (off + (filter as i32 % 7) * 5 - 10).abs();
        if hfr < best.0 {
            best = (hfr, base + off);
        }
    }
    mount.write().unwrap().focus_pos = best.1;
    best.1
}

async fn expose(t: &Target, filter: char, seeing: &[f32]) -> Result<String, MountFault> {
    let avg: f32 = seeing.iter().sum::<f32>() / seeing.len().max(1) as f32;
    Yield { left: 2 }.await;
    if avg > 4.0 {
        return Err(MountFault::CloudedOut);
    }
    Ok(format!("{}_{}_{}s.fits", t.name.replace(' ', "_"), filter, t.exposure.as_secs()))
}

async fn observe_night(targets: Vec<Target>, lat: f64, seeing_log: &str) -> (Vec<String>, Vec<String>) {
    let mount = Arc::new(RwLock::new(MountState { parked: true, focus_pos: 5000, ..Default::default() }));
    let seeing: Vec<f32> = seeing_log.split_whitespace().filter_map(|s| s.parse().ok()).collect();
    let mut lst = 20.0;
    let mut by_alt: BTreeMap<i64, Target> = BTreeMap::new();
    for t in targets {
        by_alt.insert(-(altitude(&t, lst, lat) * 100.0) as i64, t);
    }
    let mut frames = Vec::new();
    let mut problems = Vec::new();
    let mut focused: HashSet<char> = HashSet::new();
    let mut chunk = seeing.chunks(3);
    for (neg_alt, t) in by_alt {
        let alt = -(neg_alt as f64) / 100.0;
        if alt < 20.0 {
            problems.push(format!("{}", MountFaultDisplay(&MountFault::BelowHorizon { name: t.name.clone(), alt })));
            continue;
        }
        match slew(&mount, &t).await {
            Ok(d) => lst += d.as_secs_f64() / 3600.0,
            Err(e) => {
                problems.push(format!("{}", MountFaultDisplay(&e)));
                continue;
            }
        }
        let window = chunk.next().unwrap_or(&[]);
        for f in t.filters.iter() {
            if focused.insert(*f) {
                autofocus(&mount, *f).await;
            }
            match expose(&t, *f, window).await {
                Ok(name) => frames.push(name),
                Err(MountFault::CloudedOut) => {
                    problems.push(format!("{} clouded", t.name));
                    break;
                }
                Err(e) => return (frames, vec![format!("{e:?}")]),
            }
        }
    }
    mount.write().unwrap().parked = true;
    (frames, problems)
}

struct MountFaultDisplay<'a>(&'a MountFault);

impl std::fmt::Display for MountFaultDisplay<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            MountFault::BelowHorizon { name, alt } => write!(f, "{name} too low ({alt:.1} deg)"),
            MountFault::CableWrap => f.write_str("cable wrap limit"),
            MountFault::CloudedOut => f.write_str("clouds"),
        }
    }
}

fn main() {
    let targets = vec![
        Target { name: "M 31".into(), ra_h: 0.71, dec_deg: 41.3, filters: vec!['L', 'R', 'G', 'B'], exposure: Duration::from_secs(300) },
        Target { name: "M 57".into(), ra_h: 18.9, dec_deg: 33.0, filters: vec!['H', 'O'], exposure: Duration::from_secs(600) },
        Target { name: "NGC 7000".into(), ra_h: 20.98, dec_deg: 44.3, filters: vec!['H'], exposure: Duration::from_secs(900) },
        Target { name: "Omega Cen".into(), ra_h: 13.4, dec_deg: -47.5, filters: vec!['L'], exposure: Duration::from_secs(120) },
    ];
    let started = Instant::now();
    let (frames, problems) = block_on(observe_night(targets.clone(), 47.0, "1.8 2.1 2.0 2.4 5.1 4.8 1.9"));
    println!("frames: {:?}", frames);
    println!("problems: {:?}", problems);
    let mount = RwLock::new(MountState::default());
    let r = block_on(slew(&mount, &targets[1]));
    let fpos = block_on(autofocus(&mount, 'R'));
    let e = block_on(expose(&targets[0], 'L', &[5.0]));
    println!("slew {:?}, focus {fpos}, expose err {}", r.ok(), e.is_err());
    let mut report = String::new();
    write!(report, "planned in {}ms", started.elapsed().as_millis().min(1)).unwrap();
    println!("{report}");
}
