//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Car rental counter: matches reservations to vehicles with free upgrades, records
//! checkout/return inspections and prices mileage, fuel, late-return and damage charges.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
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

fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = Box::pin(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop { if let Poll::Ready(v) = f.as_mut().poll(&mut cx) { return v; } }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Class { Economy, Compact, Midsize, Suv, Van }

#[derive(Debug, Clone, PartialEq)]
enum Damage { Scratch { panel: String, cm: u8 }, Dent { panel: String, severity: u8 }, Windshield }

#[derive(Debug, Clone)]
struct Vehicle { plate: String, class: Class, odometer_km: u32, fuel_eighths: u8, damage: Vec<Damage>, rented: bool }

#[derive(Debug, Clone)]
enum Extra { ChildSeat, Gps, ExtraDriver(String) }

#[derive(Debug, Clone)]
struct Reservation { code: String, customer: String, class: Class, pickup_hour: u32, return_hour: u32, extras: Vec<Extra> }

#[derive(Debug, Clone)]
struct Agreement { res: Reservation, plate: String, charged_class: Class, out_km: u32, out_fuel: u8, known_damage: usize }

#[derive(Debug)]
enum RentalError { NoVehicle(Class), UnknownPlate(String), Inspection(String), NotRented(String) }

struct ReturnReport { plate: String, km: u32, fuel_eighths: u8, new_damage: Vec<Damage>, hour: u32 }

fn parse_return(line: &str) -> Result<ReturnReport, RentalError> {
    let bad = |m: &str| RentalError::Inspection(format!("{m}: {line}"));
    let mut it = line.split_whitespace();
    let plate = it.next().ok_or_else(|| bad("plate"))?.to_string();
    let (mut km, mut fuel, mut hour, mut new_damage) = (None, None, None, Vec::new());
    for kv in it {
        match kv.split_once('=') {
            Some(("km", v)) => km = v.parse().ok(),
            Some(("hour", v)) => hour = v.parse().ok(),
            Some(("fuel", v)) => fuel = v.split_once('/').and_then(|(n, d)| Some(n.parse::<u8>().ok()? * 8 / d.parse::<u8>().ok()?.max(1))),
            Some(("dmg", v)) => for d in v.split(',') {
                let parts: Vec<&str> = d.split(':').collect();
                new_damage.push(match parts.as_slice() {
                    ["scratch", panel, cm] => Damage::Scratch { panel: panel.to_string(), cm: cm.parse().map_err(|_| bad("scratch"))? },
                    ["dent", panel, sev] => Damage::Dent { panel: panel.to_string(), severity: sev.parse().map_err(|_| bad("dent"))? },
                    ["windshield"] => Damage::Windshield,
                    _ => return Err(bad("damage code")),
                });
            },
            _ => return Err(bad("field")),
        }
    }
    Ok(ReturnReport { plate, km: km.ok_or_else(|| bad("km"))?, fuel_eighths: fuel.ok_or_else(|| bad("fuel"))?, new_damage, hour: hour.ok_or_else(|| bad("hour"))? })
}

trait RatePlan {
    fn name(&self) -> String;
    async fn daily_rate(&self, class: Class) -> f64;
    async fn invoice(&self, ag: &Agreement, ret: &ReturnReport) -> BTreeMap<&'static str, f64> {
        let mut lines = BTreeMap::new();
        let days = ((ag.res.return_hour - ag.res.pickup_hour) as f64 / 24.0).ceil().max(1.0);
        lines.insert("base", days * self.daily_rate(ag.charged_class).await);
        let driven = ret.km.saturating_sub(ag.out_km) as f64;
        lines.insert("mileage", (driven - 250.0 * days).max(0.0) * 0.25);
        lines.insert("fuel", ag.out_fuel.saturating_sub(ret.fuel_eighths) as f64 * 14.0);
        lines.insert("late", ret.hour.saturating_sub(ag.res.return_hour + 1) as f64 * 12.5);
        let extras: f64 = ag.res.extras.iter().map(|e| match e { Extra::ChildSeat => 9.0, Extra::Gps => 7.5, Extra::ExtraDriver(_) => 12.0 }).sum::<f64>() * days;
        lines.insert("extras", extras);
        let damage: f64 = ret.new_damage.iter().map(|d| match d { Damage::Scratch { cm, .. } => 20.0 + *cm as f64 * 4.0, Damage::Dent { severity, .. } => 150.0 * *severity as f64, Damage::Windshield => 400.0 }).sum();
        lines.insert("damage", damage);
        lines
    }
}

struct Standard;
struct Corporate { discount: f64, waive_mileage: bool }

impl RatePlan for Standard {
    fn name(&self) -> String { "standard".into() }
    async fn daily_rate(&self, class: Class) -> f64 {
        Yield(false).await;
        [39.0, 45.0, 58.0, 79.0, 95.0][class as usize]
    }
}

impl RatePlan for Corporate {
    fn name(&self) -> String { format!("corporate -{:.0}%", self.discount * 100.0) }
    async fn daily_rate(&self, class: Class) -> f64 { Standard.daily_rate(class).await * (1.0 - self.discount) }
    async fn invoice(&self, ag: &Agreement, ret: &ReturnReport) -> BTreeMap<&'static str, f64> {
        let mut lines = Standard.invoice(ag, ret).await;
        lines.insert("base", lines["base"] * (1.0 - self.discount));
        if self.waive_mileage { lines.remove("mileage"); }
        lines
    }
}

async fn checkout(fleet: &Rc<RefCell<Vec<Vehicle>>>, res: Reservation) -> Result<Agreement, RentalError> {
    Yield(false).await;
    let mut fleet = fleet.borrow_mut();
    let idx = fleet.iter().enumerate()
        .filter(|(_, v)| !v.rented && v.class >= res.class && v.fuel_eighths >= 6)
        .min_by_key(|(_, v)| (v.class, v.damage.len(), v.odometer_km))
        .map(|(i, _)| i)
        .ok_or(RentalError::NoVehicle(res.class))?;
    let v = &mut fleet[idx];
    v.rented = true;
    Ok(Agreement { charged_class: res.class, plate: v.plate.clone(), out_km: v.odometer_km, out_fuel: v.fuel_eighths, known_damage: v.damage.len(), res })
}

async fn check_in<P: RatePlan>(fleet: &Rc<RefCell<Vec<Vehicle>>>, open: &mut HashMap<String, Agreement>, line: &str, plan: &P) -> Result<(String, f64, String), RentalError> {
    let report = parse_return(line)?;
    let ag = open.remove(&report.plate).ok_or_else(|| RentalError::NotRented(report.plate.clone()))?;
    let lines = plan.invoice(&ag, &report).await;
    {
        let mut f = fleet.borrow_mut();
        let v = f.iter_mut().find(|v| v.plate == report.plate).ok_or_else(|| RentalError::UnknownPlate(report.plate.clone()))?;
        v.rented = false;
        v.odometer_km = report.km;
        v.fuel_eighths = report.fuel_eighths;
        v.damage.extend(report.new_damage.iter().cloned());
    }
    let mut summary = String::new();
    for (k, v) in lines.iter().filter(|(_, v)| **v > 0.0) { let _ = write!(summary, "{k}={v:.2} "); }
    Ok((ag.res.customer.clone(), lines.values().sum(), summary))
}

fn main() {
    let mk = |plate: &str, class: Class, km: u32, fuel: u8| Vehicle { plate: plate.into(), class, odometer_km: km, fuel_eighths: fuel, damage: vec![], rented: false };
    let fleet = Rc::new(RefCell::new(vec![mk("ECO-101", Class::Economy, 12000, 8), mk("CMP-220", Class::Compact, 30500, 8), mk("MID-310", Class::Midsize, 8000, 5), mk("SUV-400", Class::Suv, 41000, 8), mk("VAN-501", Class::Van, 15000, 7)]));
    let res = |code: &str, who: &str, class: Class, extras: Vec<Extra>| Reservation { code: code.into(), customer: who.into(), class, pickup_hour: 10, return_hour: 82, extras };
    let mut open = HashMap::new();
    let checkouts = block_on(async {
        let mut out = Vec::new();
        for r in [res("R1", "Ng", Class::Economy, vec![]), res("R2", "Olsen", Class::Midsize, vec![Extra::Gps]), res("R3", "Park", Class::Economy, vec![Extra::ChildSeat, Extra::ExtraDriver("Lee".into())]), res("R4", "Quinn", Class::Van, vec![])] {
            out.push(checkout(&fleet, r).await);
        }
        out
    });
    for c in checkouts {
        match c { Ok(ag) => { println!("{} -> {} (charged {:?})", ag.res.customer, ag.plate, ag.charged_class); open.insert(ag.plate.clone(), ag); } Err(e) => println!("{e:?}") }
    }
    let corp = Corporate { discount: 0.15, waive_mileage: true };
    let returns = ["ECO-101 km=12950 fuel=6/8 hour=83", "SUV-400 km=41800 fuel=1/2 hour=90 dmg=scratch:door_fl:12,dent:bumper:2", "CMP-220 km=30700 fuel=8/8 hour=70 dmg=laser:roof", "ECO-101 km=1 fuel=8/8 hour=1", "ZZZ-999 km=1 fuel=8/8"];
    for (i, line) in returns.iter().enumerate() {
        let r = if i % 2 == 0 { block_on(check_in(&fleet, &mut open, line, &Standard)) } else { block_on(check_in(&fleet, &mut open, line, &corp)) };
        println!("{:?}", r.map(|(who, total, s)| format!("{who}: {total:.2} [{}]", s.trim())));
    }
    let utilisation = async |class: Class| -> (usize, usize) {
        Yield(false).await;
        let f = fleet.borrow();
        (f.iter().filter(|v| v.class == class && v.rented).count(), f.iter().filter(|v| v.class == class).count())
    };
    println!("{} / {}: compact {:?} van {:?}", Standard.name(), corp.name(), block_on(utilisation(Class::Compact)), block_on(utilisation(Class::Van)));
    println!("suv day rate {:.2} vs {:.2}", block_on(Standard.daily_rate(Class::Suv)), block_on(corp.daily_rate(Class::Suv)));
}
