//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Maple sugarhouse evaporator controller: reads sap brix from tank refractometers,
//! plans boils with the rule of 86, draws off syrup at density and grades each barrel.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
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

#[derive(Debug)]
enum BoilError { ProbeOffline(u8), SapTooThin { tank: u8, brix: f32 }, EmptyTank(u8) }

#[derive(Debug, Clone, Copy, PartialEq)]
enum Grade { GoldenDelicate, AmberRich, DarkRobust, VeryDarkStrong }

trait BrixProbe {
    async fn read_brix(&self, tank: u8) -> Result<f32, BoilError>;
    async fn averaged(&self, tank: u8, samples: usize) -> Result<f32, BoilError> {
        let mut total = 0.0f32;
        for _ in 0..samples {
            total += self.read_brix(tank).await?;
            yield_now().await;
        }
        Ok(total / samples as f32)
    }
}

struct Refractometer { offsets: [f32; 4] }
struct HandHydrometer { readings: RefCell<Vec<f32>> }

impl BrixProbe for Refractometer {
    async fn read_brix(&self, tank: u8) -> Result<f32, BoilError> {
        yield_now().await;
        let off = self.offsets.get(tank as usize).copied().ok_or(BoilError::ProbeOffline(tank))?;
        Ok(2.1 + off)
    }
}

impl BrixProbe for HandHydrometer {
    async fn read_brix(&self, tank: u8) -> Result<f32, BoilError> {
        let next = { self.readings.borrow_mut().pop() };
        yield_now().await;
        next.ok_or(BoilError::EmptyTank(tank))
    }
    async fn averaged(&self, tank: u8, samples: usize) -> Result<f32, BoilError> {
        // hydrometer readings are already tank averages
        self.read_brix(tank).await
    }
}

fn rule_of_86(brix: f32) -> f32 { 86.0 / brix }

fn grade_from_transmittance(t: u8) -> Grade {
    match t {
        75..=u8::MAX => Grade::GoldenDelicate,
        50..=74 => Grade::AmberRich,
        25..=49 => Grade::DarkRobust,
        _ => Grade::VeryDarkStrong,
    }
}

struct Evaporator {
    pan_temp_log: [u16; 24],
    drawn: Rc<RefCell<BTreeMap<u32, (f32, Grade)>>>,
    next_barrel: u32,
}

impl Evaporator {
    async fn boil<P>(&mut self, probe: &P, tank: u8, gallons: f32) -> Result<f32, BoilError>
    where
        P: BrixProbe,
    {
        let brix = probe.averaged(tank, 3).await?;
        if brix < 1.2 {
            return Err(BoilError::SapTooThin { tank, brix });
        }
        let ratio = rule_of_86(brix);
        let mut syrup = 0.0;
        for (i, slot) in self.pan_temp_log.iter_mut().enumerate() {
            *slot = 212 + (i as u16 % 7);
            if i % 8 == 7 { yield_now().await; }
        }
        let draw_temp = self.pan_temp_log.iter().copied().max().unwrap_or(0);
        if draw_temp >= 218 {
            syrup = gallons / ratio;
        }
        Ok(syrup)
    }

    async fn barrel(&mut self, gallons: f32, transmittance: u8) -> u32 {
        let id = self.next_barrel;
        self.next_barrel += 1;
        yield_now().await;
        self.drawn.borrow_mut().insert(id, (gallons, grade_from_transmittance(transmittance)));
        id
    }
}

fn parse_tank_sheet(sheet: &str) -> Vec<(u8, f32)> {
    sheet
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let mut parts = l.split(',').map(str::trim);
            let tank = parts.next()?.parse().ok()?;
            let gal = parts.next()?.parse().ok()?;
            Some((tank, gal))
        })
        .collect()
}

async fn run_night(sheet: &str) -> Result<String, BoilError> {
    let refr = Refractometer { offsets: [0.0, 0.4, -0.3, 0.8] };
    let hydro = HandHydrometer { readings: RefCell::new(vec![2.6, 1.9]) };
    let drawn = Rc::new(RefCell::new(BTreeMap::new()));
    let mut evap = Evaporator { pan_temp_log: [0; 24], drawn: Rc::clone(&drawn), next_barrel: 100 };
    let mut report = String::from("night boil:\n");
    for (tank, gal) in parse_tank_sheet(sheet) {
        let syrup = match evap.boil(&refr, tank, gal).await {
            Ok(s) => s,
            Err(BoilError::ProbeOffline(t)) => evap.boil(&hydro, t, gal).await?,
            Err(e) => return Err(e),
        };
        let id = evap.barrel(syrup, 40 + tank * 12).await;
        report.push_str(&format!("  tank {tank}: {gal} gal sap -> {syrup:.2} gal syrup (barrel {id})\n"));
    }
    let total: f32 = drawn.borrow().values().map(|(g, _)| *g).sum::<f32>();
    report.push_str(&format!("total {total:.2} gal\n"));
    Ok(report)
}

fn main() {
    let sheet = "# tank,gallons\n0, 400\n1, 250\n\n3, 120\n5, 80\n";
    let out = block_on(run_night(sheet));
    match out {
        Ok(r) => print!("{r}"),
        Err(e) => println!("boil failed: {e:?}"),
    }

    let refr = Refractometer { offsets: [0.1; 4] };
    let hydro = HandHydrometer { readings: RefCell::new(vec![2.0, 2.2, 2.4]) };
    let a = block_on(refr.averaged(2, 4)).unwrap();
    let b = block_on(hydro.averaged(1, 2)).unwrap();
    let c = block_on(hydro.read_brix(1)).unwrap();
    let d = block_on(refr.read_brix(0)).unwrap();
    println!("averages {a:.2} {b:.2} {c:.2} {d:.2}");

    let log = Rc::new(RefCell::new(BTreeMap::new()));
    let mut evap = Evaporator { pan_temp_log: [0; 24], drawn: log.clone(), next_barrel: 1 };
    let mut grade_check = async || {
        let id = evap.barrel(3.5, 80).await;
        let id2 = evap.barrel(2.0, 10).await;
        (id, id2)
    };
    let (x, y) = block_on(grade_check());
    println!("barrels {x} {y}: {:?}", log.borrow().values().map(|v| v.1).collect::<Vec<_>>());

    let thin = block_on(async {
        let hydro = HandHydrometer { readings: RefCell::new(vec![0.9]) };
        let mut ev = Evaporator { pan_temp_log: [0; 24], drawn: Rc::new(RefCell::new(BTreeMap::new())), next_barrel: 0 };
        ev.boil(&hydro, 7, 10.0).await
    });
    assert!(matches!(thin, Err(BoilError::SapTooThin { tank: 7, .. })));
}
