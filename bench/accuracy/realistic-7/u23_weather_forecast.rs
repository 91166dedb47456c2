#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Weather forecast service: pulls METAR-like station observations, interpolates to a grid point and writes a text forecast.

use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::num::ParseIntError;
use std::pin::{pin, Pin};
use std::sync::{Arc, RwLock};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
use std::time::{Duration, Instant};

fn noop_raw() -> RawWaker {
    fn clone(_: *const ()) -> RawWaker { noop_raw() }
    fn noop(_: *const ()) {}
    static VT: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    RawWaker::new(std::ptr::null(), &VT)
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

struct Yield { left: u32 }

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.left == 0 {
            return Poll::Ready(());
        }
        self.left -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

#[derive(Debug, Clone, Copy)]
struct Obs { temp_c: i32, dew_c: i32, wind_dir: u16, wind_kt: u16, pressure_hpa: u16 }

#[derive(Debug)]
enum WxError { Missing(String), Malformed(String), Number(ParseIntError) }

impl From<ParseIntError> for WxError {
    fn from(e: ParseIntError) -> Self { WxError::Number(e) }
}

fn parse_temp(tok: &str) -> Result<i32, WxError> {
    match tok.strip_prefix('M') {
        Some(neg) => Ok(-neg.parse::<i32>()?),
        None => Ok(tok.parse()?),
    }
}

fn parse_metar(line: &str) -> Result<(String, Obs), WxError> {
    let toks: Vec<&str> = line.split_whitespace().collect();
    let station = toks.first().ok_or_else(|| WxError::Malformed(line.into()))?.to_string();
    let wind = toks.iter().find(|t| t.ends_with("KT")).ok_or_else(|| WxError::Malformed(format!("{}: no wind", station)))?;
    let wind_dir = if wind.starts_with("VRB") { 0 } else { wind[..3].parse()? };
    let wind_kt = wind[3..5].parse()?;
    let temps = toks.iter().find(|t| t.contains('/') && t.len() <= 7).ok_or_else(|| WxError::Malformed(format!("{}: no temp", station)))?;
    let (t, d) = temps.split_once('/').unwrap();
    let press = toks.iter().find(|t| t.starts_with('Q')).map(|q| q[1..].parse::<u16>()).transpose()?.unwrap_or(1013);
    Ok((station, Obs { temp_c: parse_temp(t)?, dew_c: parse_temp(d)?, wind_dir, wind_kt, pressure_hpa: press }))
}

struct Feed { raw: HashMap<&'static str, &'static str> }

impl Feed {
    async fn fetch(&self, station: &str) -> Result<String, WxError> {
        Yield { left: 2 }.await;
        self.raw.get(station).map(|s| s.to_string()).ok_or_else(|| WxError::Missing(station.to_string()))
    }
}

struct Station { id: &'static str, lat: f64, lon: f64 }

async fn collect(feed: &Feed, stations: &[Station], cache: Arc<RwLock<BTreeMap<String, (Instant, Obs)>>>) -> Vec<String> {
    let mut errors = Vec::new();
    for st in stations.iter() {
        let fresh = cache.read().unwrap().get(st.id).map_or(false, |(at, _)| at.elapsed() < Duration::from_secs(600));
        if fresh {
            continue;
        }
        let obs = match feed.fetch(st.id).await {
            Ok(raw) => parse_metar(&raw),
            Err(e) => Err(e),
        };
        match obs {
            Ok((id, o)) => {
                Yield { left: 1 }.await;
                cache.write().unwrap().insert(id, (Instant::now(), o));
            }
            Err(e) => errors.push(format!("{:?}", e)),
        }
    }
    errors
}

async fn interpolate(stations: &[Station], cache: &RwLock<BTreeMap<String, (Instant, Obs)>>, lat: f64, lon: f64) -> Option<(f64, f64, f64)> {
    let mut wsum = 0.0;
    let (mut t, mut d, mut p) = (0.0, 0.0, 0.0);
    for st in stations {
        Yield { left: 1 }.await;
        let guard = cache.read().unwrap();
        let (_, obs) = match guard.get(st.id) {
            Some(e) => e,
            None => continue,
        };
        let dist2 = (st.lat - lat).powi(2) + (st.lon - lon).powi(2);
        let w = 1.0 / dist2.max(1e-6);
        wsum += w;
        t += w * obs.temp_c as f64;
        d += w * obs.dew_c as f64;
        p += w * obs.pressure_hpa as f64;
    }
    if wsum == 0.0 { None } else { Some((t / wsum, d / wsum, p / wsum)) }
}

async fn forecast_text(stations: &[Station], cache: Arc<RwLock<BTreeMap<String, (Instant, Obs)>>>, place: &str, lat: f64, lon: f64) -> String {
    let Some((t, d, p)) = interpolate(stations, &cache, lat, lon).await else {
        return format!("{}: no data", place);
    };
    let spread = t - d;
    let mut text = format!("{}: {:.0}°C, ", place, t);
    text.push_str(if spread < 2.5 { "fog or low cloud likely" } else if p < 1005.0 { "unsettled, showers" } else { "mostly dry" });
    let windiest = cache.read().unwrap().values().map(|(_, o)| o.wind_kt).max().unwrap_or(0);
    if windiest > 20 {
        Yield { left: 1 }.await;
        text.push_str(&format!(", gusty winds up to {} kt", windiest));
    }
    text
}

fn main() {
    let mut raw = HashMap::new();
    raw.insert("EDDB", "EDDB 121150Z 24012KT 9999 FEW030 08/03 Q1008");
    raw.insert("EDDH", "EDDH 121150Z 27024G35KT 6000 BKN012 06/05 Q1002");
    raw.insert("EDDL", "EDDL 121150Z VRB03KT 0800 FG M01/M01 Q1021");
    raw.insert("EDDM", "EDDM 121150Z garbage");
    let feed = Feed { raw };
    let stations = [Station { id: "EDDB", lat: 52.36, lon: 13.50 }, Station { id: "EDDH", lat: 53.63, lon: 9.99 },
        Station { id: "EDDL", lat: 51.28, lon: 6.76 }, Station { id: "EDDM", lat: 48.35, lon: 11.78 }, Station { id: "EDDF", lat: 50.03, lon: 8.56 }];
    let cache = Arc::new(RwLock::new(BTreeMap::new()));
    let errors = block_on(collect(&feed, &stations, Arc::clone(&cache)));
    let again = block_on(collect(&feed, &stations, Arc::clone(&cache)));
    let point = block_on(interpolate(&stations, &cache, 52.0, 11.0));
    let berlin = block_on(forecast_text(&stations, Arc::clone(&cache), "Berlin", 52.52, 13.40));
    let duesseldorf = block_on(forecast_text(&stations, Arc::clone(&cache), "Duesseldorf", 51.23, 6.78));
    let empty = block_on(forecast_text(&stations[3..], Arc::new(RwLock::new(BTreeMap::new())), "Nowhere", 0.0, 0.0));
    let raw1 = block_on(feed.fetch("EDDB")).map(|s| s.len());
    println!("errors={:?}\nagain={}", errors, again.len());
    println!("point={:?} raw={:?}", point.map(|(t, d, p)| (t.round(), d.round(), p.round())), raw1);
    println!("{}\n{}\n{}", berlin, duesseldorf, empty);
}
