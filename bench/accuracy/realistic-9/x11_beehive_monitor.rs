#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Beehive monitoring: polls hive scales and acoustic sensors, detects swarming and robbing, and writes apiary reports.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::future::Future;
use std::pin::{pin, Pin};
use std::rc::Rc;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
use std::time::Duration;

fn noop_raw_waker() -> RawWaker {
    fn clone(_: *const ()) -> RawWaker {
        noop_raw_waker()
    }
    fn noop(_: *const ()) {}
    static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    RawWaker::new(std::ptr::null(), &VTABLE)
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let waker = unsafe { Waker::from_raw(noop_raw_waker()) };
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

const FFT_BINS: usize = 8;

#[derive(Debug, Clone, Copy)]
struct ScaleSample {
    minute: u32,
    grams: i64,
}

#[derive(Debug, Clone, PartialEq)]
enum HiveAlert {
    Swarm { hive: u16, lost_g: i64 },
    Robbing { hive: u16, activity: u32 },
    QueenlessPiping { hive: u16, peak_bin: usize },
}

struct Apiary {
    history: RefCell<HashMap<u16, Vec<ScaleSample>>>,
    alerts: RefCell<Vec<HiveAlert>>,
}

async fn read_scale(hive: u16, minutes: u32) -> Vec<ScaleSample> {
    let mut out = Vec::new();
    let mut grams = 42_000 + hive as i64 * 1_300;
    for m in (0..minutes).step_by(5) {
        if m % 30 == 0 {
            Yield { left: 1 }.await;
        }
        grams += if m > 60 && m < 75 && hive == 3 { -900 } else { 12 };
        out.push(ScaleSample { minute: m, grams });
    }
    out
}

async fn read_acoustics(hive: u16) -> [u32; FFT_BINS] {
    Yield { left: 2 }.await;
    let mut bins = [0u32; FFT_BINS];
    for (i, b) in bins.iter_mut().enumerate() {
        *b = 100 + ((hive as u32 * 37 + i as u32 * 11) % 60);
    }
    if hive == 5 {
        bins[6] = 900;
    }
    bins
}

impl Apiary {
    async fn inspect(&self, hive: u16) -> Option<HiveAlert> {
        let samples = read_scale(hive, 120).await;
        let drop_g = samples
            .windows(3)
            .map(|w| w[0].grams - w[2].grams)
            .max()
            .unwrap_or(0);
        {
            let mut hist = self.history.borrow_mut();
            hist.entry(hive).or_default().extend(samples.iter().copied());
        }
        if drop_g > 1_500 {
            Yield { left: 1 }.await;
            return Some(HiveAlert::Swarm { hive, lost_g: drop_g });
        }
        let bins = read_acoustics(hive).await;
        let (peak_bin, peak) = bins.iter().enumerate().max_by_key(|(_, v)| **v).map(|(i, v)| (i, *v))?;
        if peak > 600 && peak_bin >= FFT_BINS - 2 {
            return Some(HiveAlert::QueenlessPiping { hive, peak_bin });
        }
        let activity: u32 = bins.iter().sum();
        if activity > 1_300 {
            Some(HiveAlert::Robbing { hive, activity })
        } else {
            None
        }
    }

    async fn sweep(&self, hives: &[u16]) -> usize {
        let mut raised = 0;
        for h in hives.iter() {
            match self.inspect(*h).await {
                Some(alert) => {
                    self.alerts.borrow_mut().push(alert);
                    raised += 1;
                }
                None => continue,
            }
            Yield { left: 1 }.await;
        }
        raised
    }

    async fn daily_report(&self) -> String {
        let mut report = String::new();
        let snapshot: BTreeMap<u16, (i64, i64)> = self
            .history
            .borrow()
            .iter()
            .filter_map(|(h, s)| Some((*h, (s.first()?.grams, s.last()?.grams))))
            .collect();
        for (hive, (first, last)) in &snapshot {
            Yield { left: 1 }.await;
            let delta = last - first;
            writeln!(report, "hive {hive:>2}: {:+.2} kg", delta as f64 / 1000.0).unwrap();
        }
        let alerts = self.alerts.borrow();
        for a in alerts.iter() {
            let line = match a {
                HiveAlert::Swarm { hive, lost_g } => format!("SWARM hive {hive} (-{lost_g} g)"),
                HiveAlert::Robbing { hive, activity } => format!("robbing? hive {hive} level {activity}"),
                HiveAlert::QueenlessPiping { hive, peak_bin } => format!("piping hive {hive} bin {peak_bin}"),
            };
            report.push_str(&line);
            report.push('\n');
        }
        report
    }
}

fn main() {
    let apiary = Rc::new(Apiary { history: RefCell::new(HashMap::new()), alerts: RefCell::new(Vec::new()) });
    let raised = block_on(apiary.sweep(&[1, 2, 3, 4, 5]));
    println!("alerts raised: {raised}");
    print!("{}", block_on(apiary.daily_report()));
    let single = block_on(apiary.inspect(9));
    let bins = block_on(read_acoustics(2));
    let scale = block_on(read_scale(7, 30));
    println!("hive 9: {:?}, bins {:?}, samples {}", single, bins, scale.len());
    println!("poll interval {:?}", Duration::from_secs(300));
}
