//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Electronic pilot logbook: merges flights from an EFB export and OCR'd paper pages,
//! totals time by aircraft class and evaluates passenger, night and IFR recency.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashSet};
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Class { SingleEnginePiston, MultiEnginePiston, Turboprop, Jet, Glider }

#[derive(Debug, Clone, PartialEq)]
struct Flight { day: i64, ac_type: String, reg: String, route: (String, String), total_min: u32, pic_min: u32, night_min: u32, ifr_min: u32, landings_day: u8, landings_night: u8, approaches: u8 }

#[derive(Debug)]
enum LogError { Date(String), Duration(String), Columns { source: &'static str, line: usize } }

#[derive(Debug, PartialEq)]
enum Currency { Current { until_day: i64 }, Lapsed { since_day: i64 }, NeverMet }

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

fn parse_date(s: &str) -> Result<i64, LogError> {
    let p: Vec<i64> = s.split(['-', '/']).map(|x| x.parse().map_err(|_| LogError::Date(s.into()))).collect::<Result<_, _>>()?;
    match p[..] {
        [y, m, d] | [d, m, y] if y > 1900 && (1..=12).contains(&m) && (1..=31).contains(&d) => Ok(days_from_civil(y, m, d)),
        _ => Err(LogError::Date(s.into())),
    }
}

fn parse_duration(s: &str) -> Result<u32, LogError> {
    let s = s.trim();
    if s.is_empty() || s == "-" { return Ok(0); }
    if let Some((h, m)) = s.split_once(':') {
        return Ok(h.parse::<u32>().map_err(|_| LogError::Duration(s.into()))? * 60 + m.parse::<u32>().map_err(|_| LogError::Duration(s.into()))?);
    }
    s.parse::<f32>().map(|h| (h * 60.0).round() as u32).map_err(|_| LogError::Duration(s.into()))
}

fn class_of(ac_type: &str) -> Class {
    match ac_type {
        "C172" | "PA28" | "SR22" | "DA40" => Class::SingleEnginePiston,
        "PA34" | "DA42" | "BE58" => Class::MultiEnginePiston,
        t if t.starts_with("DH8") || t.starts_with("AT7") || t == "PC12" => Class::Turboprop,
        t if t.starts_with("ASK") || t.starts_with("LS") => Class::Glider,
        _ => Class::Jet,
    }
}

trait LogSource {
    fn name(&self) -> &'static str;
    async fn read_lines(&mut self) -> Vec<String>;
    async fn flights(&mut self) -> Result<Vec<Flight>, LogError> {
        let lines = self.read_lines().await;
        parse_rows(self.name(), &lines)
    }
}

fn parse_rows(name: &'static str, lines: &[String]) -> Result<Vec<Flight>, LogError> {
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let c: Vec<&str> = line.split(',').map(str::trim).collect();
        if c.len() != 12 { return Err(LogError::Columns { source: name, line: i + 1 }); }
        out.push(Flight {
            day: parse_date(c[0])?, ac_type: c[1].to_uppercase(), reg: c[2].to_uppercase(), route: (c[3].into(), c[4].into()),
            total_min: parse_duration(c[5])?, pic_min: parse_duration(c[6])?, night_min: parse_duration(c[7])?, ifr_min: parse_duration(c[8])?,
            landings_day: c[9].parse().unwrap_or(0), landings_night: c[10].parse().unwrap_or(0), approaches: c[11].parse().unwrap_or(0),
        });
    }
    Ok(out)
}

struct EfbExport { csv: &'static str }
struct PaperScan { pages: Vec<&'static str> }

impl LogSource for EfbExport {
    fn name(&self) -> &'static str { "EFB" }
    async fn read_lines(&mut self) -> Vec<String> { yield_now().await; self.csv.lines().skip(1).map(String::from).collect() }
}
impl LogSource for PaperScan {
    fn name(&self) -> &'static str { "paper" }
    async fn read_lines(&mut self) -> Vec<String> {
        let mut out = Vec::new();
        for page in self.pages.drain(..) {
            yield_now().await;
            // OCR turns separators into pipes and O into 0 in registrations
            out.extend(page.lines().filter(|l| !l.trim().is_empty()).map(|l| l.replace('|', ",").replace("G-0", "G-O")));
        }
        out
    }
    async fn flights(&mut self) -> Result<Vec<Flight>, LogError> {
        // OCR marks illegible rows with '?'; those go to manual review instead of failing the import
        let lines: Vec<String> = self.read_lines().await.into_iter().filter(|l| !l.contains('?')).collect();
        parse_rows(self.name(), &lines)
    }
}

fn recency(book: &[Flight], today: i64, window: i64, need: u32, count: impl Fn(&Flight) -> u32) -> Currency {
    let mut events: Vec<(i64, u32)> = book.iter().map(|f| (f.day, count(f))).filter(|e| e.1 > 0).collect();
    events.sort_by(|a, b| b.0.cmp(&a.0));
    let mut acc = 0;
    for (day, n) in events {
        acc += n;
        if acc >= need {
            let until = day + window;
            return if until >= today { Currency::Current { until_day: until } } else { Currency::Lapsed { since_day: until } };
        }
    }
    Currency::NeverMet
}

async fn import<S: LogSource>(src: &mut S, book: &Rc<RefCell<Vec<Flight>>>) -> Result<usize, LogError> {
    let flights = src.flights().await?;
    let mut b = book.borrow_mut();
    let seen: HashSet<(i64, String, u32)> = b.iter().map(|f| (f.day, f.reg.clone(), f.total_min)).collect();
    let before = b.len();
    b.extend(flights.into_iter().filter(|f| !seen.contains(&(f.day, f.reg.clone(), f.total_min))));
    Ok(b.len() - before)
}

fn main() {
    let book = Rc::new(RefCell::new(Vec::new()));
    let mut efb = EfbExport { csv: "date,type,reg,from,to,total,pic,night,ifr,ldg_d,ldg_n,app\n2024-03-02,PA28,G-OBAY,EGKB,EGTO,1:10,1:10,-,-,2,0,0\n2024-04-20,DA42,G-CTCE,EGLK,EGTE,2.4,2.4,0.8,1.6,1,1,2\n2024-05-11,C172,G-OSUS,EGKB,EGKB,0:45,0:45,0:45,-,0,3,0\n2024-05-30,DA42,G-CTCE,EGTE,EGLK,2:05,0,0,1:50,1,0,3\n" };
    let mut paper = PaperScan { pages: vec!["02/03/2024|PA28|G-0BAY|EGKB|EGTO|1:10|1:10|-|-|2|0|0\n15/01/2024|ASK21|G-CJTZ|EGHL|EGHL|0:25|0:25|-|-|1|0|0", "\n01/06/2024|C172|G-0SUS|EGKB|LFAT|1:30|1:30|-|-|1|0|0\n0?/06/2024|C1?2|G-0SUS|LFAT|EGKB|1:3?|||\n"] };
    let a = block_on(import(&mut efb, &book));
    let b = block_on(import(&mut paper, &book));
    let mut broken = EfbExport { csv: "hdr\n2024-13-45,C172,G-X,A,B,1:00,1:00,-,-,1,0,0\n" };
    let c = block_on(import(&mut broken, &book));
    println!("imported efb={a:?} paper={b:?} broken={c:?}");

    let today = parse_date("2024-07-15").unwrap();
    let flights = book.borrow().clone();
    let mut totals: BTreeMap<Class, (u32, u32)> = BTreeMap::new();
    for f in &flights {
        let t = totals.entry(class_of(&f.ac_type)).or_default();
        t.0 += f.total_min;
        t.1 += f.pic_min;
    }
    for (class, (tot, pic)) in &totals { println!("{class:?}: {}:{:02} total, {}:{:02} PIC", tot / 60, tot % 60, pic / 60, pic % 60); }
    let checks: Vec<(&str, Pin<Box<dyn Future<Output = Currency> + '_>>)> = vec![
        ("passengers (3 ldg/90d)", Box::pin(async { yield_now().await; recency(&flights, today, 90, 3, |f| (f.landings_day + f.landings_night) as u32) })),
        ("night passengers (3 night ldg/90d)", Box::pin(async { recency(&flights, today, 90, 3, |f| f.landings_night as u32) })),
        ("IFR (6 approaches/183d)", Box::pin(async { yield_now().await; recency(&flights, today, 183, 6, |f| f.approaches as u32) })),
    ];
    for (name, fut) in checks { println!("{name}: {:?}", block_on(fut)); }
    let night_total = async || { yield_now().await; flights.iter().map(|f| f.night_min).sum::<u32>() };
    println!("night total {} min over {} flights", block_on(night_total()), flights.len());
}
