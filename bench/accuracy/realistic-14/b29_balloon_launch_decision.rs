//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Hot-air balloon operator's launch desk: pulls the nearest station observations,
//! decodes wind, gusts, visibility and cloud, and makes a go/no-go call per pilot limits.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

struct Yield(bool);
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 { Poll::Ready(()) } else { self.0 = true; cx.waker().wake_by_ref(); Poll::Pending }
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

#[derive(Debug, Default, Clone)]
struct Obs { station: String, wind_kt: u32, gust_kt: u32, vis_m: u32, ceiling_ft: Option<u32>, precip: bool }

struct Limits { max_wind: u32, max_gust_spread: u32, min_vis: u32, min_ceiling: u32 }

fn decode(report: &str) -> Result<Obs, String> {
    let mut f = report.split_whitespace();
    let station = f.next().ok_or("empty report")?.to_string();
    let mut obs = Obs { station, vis_m: 9999, ..Default::default() };
    for tok in f {
        if let Some(w) = tok.strip_suffix("KT") {
            let w = w.get(3..).ok_or(format!("bad wind {tok}"))?;
            let (mean, gust) = w.split_once('G').unwrap_or((w, w));
            obs.wind_kt = mean.parse().map_err(|_| format!("bad wind {tok}"))?;
            obs.gust_kt = gust.parse().map_err(|_| format!("bad gust {tok}"))?;
        } else if tok.len() == 4 && tok.bytes().all(|b| b.is_ascii_digit()) {
            obs.vis_m = tok.parse().unwrap_or(9999);
        } else if ["BKN", "OVC"].iter().any(|p| tok.starts_with(p)) {
            let base = tok.get(3..6).and_then(|h| h.parse::<u32>().ok()).ok_or(format!("bad cloud {tok}"))? * 100;
            obs.ceiling_ft = Some(obs.ceiling_ft.map_or(base, |c| c.min(base)));
        } else if tok.trim_start_matches(['-', '+']).starts_with("RA") || tok.contains("TS") {
            obs.precip = true;
        }
    }
    Ok(obs)
}

type Feed<'a> = Pin<Box<dyn Future<Output = Option<String>> + 'a>>;

fn fetch<'a>(reports: &'a [&'a str], station: &'a str) -> Feed<'a> {
    Box::pin(async move {
        yield_now().await;
        reports.iter().find(|r| r.starts_with(station)).map(|r| r.to_string())
    })
}

async fn decide(reports: &[&str], stations: &[&str], lim: &Limits) -> Result<(String, Vec<String>), String> {
    let mut raw = None;
    for st in stations {
        if let Some(r) = fetch(reports, st).await {
            raw = Some(r);
            break;
        }
    }
    let obs = decode(&raw.ok_or("no station reporting")?)?;
    let mut reasons = Vec::new();
    match obs.wind_kt {
        w if w > lim.max_wind => reasons.push(format!("wind {w}kt")),
        _ if obs.gust_kt.saturating_sub(obs.wind_kt) > lim.max_gust_spread => reasons.push(format!("gusting {}kt", obs.gust_kt)),
        _ => {}
    }
    if obs.vis_m < lim.min_vis { reasons.push(format!("vis {}m", obs.vis_m)); }
    if let Some(c) = obs.ceiling_ft.filter(|c| *c < lim.min_ceiling) { reasons.push(format!("ceiling {c}ft")); }
    if obs.precip { reasons.push("precipitation".into()); }
    Ok((obs.station, reasons))
}

pub fn main() {
    let lim = Limits { max_wind: 8, max_gust_spread: 5, min_vis: 5000, min_ceiling: 1500 };
    let dawn = ["EGBB 060550Z 24006KT 9999 FEW030", "EGBE 060550Z 27012G20KT 6000 BKN012 -RA"];
    for stations in [&["EGBB", "EGBE"][..], &["EGBE"], &["EGXX"]] {
        match block_on(decide(&dawn, stations, &lim)) {
            Ok((st, r)) if r.is_empty() => println!("{st}: GO"),
            Ok((st, r)) => println!("{st}: NO-GO ({})", r.join(", ")),
            Err(e) => println!("{stations:?}: no decision: {e}"),
        }
    }
    println!("{:?}", decode("EGLL 06xxKT").err());
}
