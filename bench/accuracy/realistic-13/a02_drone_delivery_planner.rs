//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Drone delivery planner: assigns parcels to drones by payload and battery range,
//! subdivides long legs into waypoints and flies them through an airspace clearance service.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::RwLock;
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
enum PlanError {
    Parse(String),
    Overweight { parcel: String, kg: f32 },
    NoRange(String),
    Denied { cell: (i32, i32) },
}

#[derive(Debug, Clone)]
struct Parcel { id: String, kg: f32, dest: (i32, i32) }

struct Drone { name: String, max_kg: f32, battery_wh: f32, wh_per_km: f32 }

struct Mission { drone: String, parcels: Vec<Parcel>, waypoints: Vec<(i32, i32)>, notes: HashMap<String, String> }

struct Planner { base: (i32, i32), fleet: RwLock<Vec<Drone>>, log: RwLock<Vec<String>> }

fn dist(a: (i32, i32), b: (i32, i32)) -> f32 {
    (((a.0 - b.0).pow(2) + (a.1 - b.1).pow(2)) as f32).sqrt()
}

fn parse_parcel(line: &str) -> Result<Parcel, PlanError> {
    let Some((id, rest)) = line.split_once(':') else { return Err(PlanError::Parse(line.into())) };
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let [kg, x, y] = fields.as_slice() else { return Err(PlanError::Parse(line.into())) };
    let num = |s: &str| s.parse::<i32>().map_err(|_| PlanError::Parse(s.into()));
    let kg = kg.trim_end_matches("kg").parse::<f32>().map_err(|_| PlanError::Parse(kg.to_string()))?;
    Ok(Parcel { id: id.trim().into(), kg, dest: (num(x)?, num(y)?) })
}

fn subdivide<'a>(a: (i32, i32), b: (i32, i32), max_leg: f32, out: &'a mut Vec<(i32, i32)>) -> Pin<Box<dyn Future<Output = usize> + 'a>> {
    Box::pin(async move {
        if dist(a, b) <= max_leg {
            out.push(b);
            return 1;
        }
        let mid = ((a.0 + b.0) / 2, (a.1 + b.1) / 2);
        yield_now().await;
        let left = subdivide(a, mid, max_leg, out).await;
        left + subdivide(mid, b, max_leg, out).await
    })
}

trait Airspace {
    async fn clearance(&self, cell: (i32, i32)) -> bool;

    async fn clear_route(&self, points: &[(i32, i32)]) -> Result<(), PlanError> {
        for &p in points {
            if !self.clearance(p).await {
                return Err(PlanError::Denied { cell: p });
            }
        }
        Ok(())
    }
}

struct CityAirspace { no_fly: Vec<(i32, i32)> }
struct RuralAirspace { checks: RwLock<u32>, radius: i32 }

impl Airspace for CityAirspace {
    async fn clearance(&self, cell: (i32, i32)) -> bool {
        yield_now().await;
        !self.no_fly.contains(&cell)
    }
}

impl Airspace for RuralAirspace {
    async fn clearance(&self, cell: (i32, i32)) -> bool {
        *self.checks.write().unwrap() += 1;
        yield_now().await;
        cell.0.abs() <= self.radius && cell.1.abs() <= self.radius
    }

    async fn clear_route(&self, points: &[(i32, i32)]) -> Result<(), PlanError> {
        let Some(&last) = points.last() else { return Ok(()) };
        if self.clearance(last).await { Ok(()) } else { Err(PlanError::Denied { cell: last }) }
    }
}

impl Planner {
    fn pick_drone(&self, p: &Parcel) -> Result<String, PlanError> {
        let fleet = self.fleet.read().unwrap();
        let needed = dist(self.base, p.dest) * 2.0;
        let best = fleet.iter().filter(|d| d.max_kg >= p.kg).find(|d| d.battery_wh / d.wh_per_km >= needed);
        match best {
            Some(d) => Ok(d.name.clone()),
            None if fleet.iter().all(|d| d.max_kg < p.kg) => Err(PlanError::Overweight { parcel: p.id.clone(), kg: p.kg }),
            None => Err(PlanError::NoRange(p.id.clone())),
        }
    }

    async fn build_mission(&self, parcel: Parcel) -> Result<Mission, PlanError> {
        let drone = self.pick_drone(&parcel)?;
        let mut waypoints = vec![self.base];
        let legs = subdivide(self.base, parcel.dest, 4.0, &mut waypoints).await;
        let mut notes = HashMap::new();
        notes.insert("legs".to_string(), legs.to_string());
        Ok(Mission { drone, parcels: vec![parcel], waypoints, notes })
    }
}

async fn fly<A>(planner: &Planner, airspace: &A, mission: Mission) -> Result<f32, PlanError>
where
    A: Airspace,
{
    airspace.clear_route(&mission.waypoints).await?;
    let drone = mission.drone;
    let legs = mission.notes.get("legs").cloned().unwrap_or_default();
    let mut km = 0.0;
    for pair in mission.waypoints.windows(2) {
        km += dist(pair[0], pair[1]);
        yield_now().await;
    }
    {
        let mut fleet = planner.fleet.write().unwrap();
        if let Some(d) = fleet.iter_mut().find(|d| d.name == drone) && km > 0.0 {
            d.battery_wh -= km * 2.0 * d.wh_per_km;
        }
    }
    planner.log.write().unwrap().push(format!("{drone}: {km:.1} km over {legs} legs"));
    Ok(km)
}

pub fn main() {
    let fleet = vec![
        Drone { name: "hex-1".into(), max_kg: 2.5, battery_wh: 400.0, wh_per_km: 18.0 },
        Drone { name: "quad-7".into(), max_kg: 1.0, battery_wh: 250.0, wh_per_km: 9.0 },
    ];
    let planner = Planner { base: (0, 0), fleet: RwLock::new(fleet), log: RwLock::new(Vec::new()) };
    let city = CityAirspace { no_fly: vec![(3, 3), (-2, 5)] };
    let rural = RuralAirspace { checks: RwLock::new(0), radius: 20 };

    let manifest = "P1: 0.8kg 6 6\nP2: 2.0kg 9 -1\nP3: 4.0kg 1 1\nP4 garbage\nP5: 0.5kg 30 2\nP6: 1.2kg -25 0";
    for (i, line) in manifest.lines().enumerate() {
        let outcome = block_on(async {
            let parcel = parse_parcel(line)?;
            let mission = planner.build_mission(parcel).await?;
            if i % 2 == 0 { fly(&planner, &city, mission).await } else { fly(&planner, &rural, mission).await }
        });
        match outcome {
            Ok(km) => println!("{line:<18} -> {km:.1} km"),
            Err(e) => println!("{line:<18} -> {e:?}"),
        }
    }

    let battery_of = async |name: &str| -> Option<f32> {
        yield_now().await;
        planner.fleet.read().unwrap().iter().find(|d| d.name == name).map(|d| d.battery_wh)
    };
    for name in ["hex-1", "quad-7", "ghost"] {
        println!("{name}: {:?}", block_on(battery_of(name)));
    }

    let mut pts = vec![(0, 0)];
    println!("split legs: {}", block_on(subdivide((0, 0), (20, 0), 3.0, &mut pts)));
    let summary = async {
        let log = &planner.log;
        let origin_clear = rural.clearance((1, 1)).await && city.clearance((1, 1)).await;
        format!("{} (origin clear: {origin_clear})", log.read().unwrap().join("; "))
    };
    println!("{} | rural checks {}", block_on(summary), rural.checks.read().unwrap());
}
