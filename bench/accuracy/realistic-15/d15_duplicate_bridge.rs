//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Duplicate bridge club scorer: gathers contract results from table terminals and paper
//! travellers, scores each board with vulnerability, and matchpoints the NS field.

use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
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

#[derive(Debug, Clone, Copy, PartialEq)]
enum Strain { Clubs, Diamonds, Hearts, Spades, NoTrump }
#[derive(Debug, Clone, Copy, PartialEq)]
enum Risk { Undoubled, Doubled, Redoubled }
#[derive(Debug, Clone, Copy, PartialEq)]
enum Seat { N, E, S, W }

#[derive(Debug, Clone, PartialEq)]
enum Outcome { PassedOut, Played { level: u8, strain: Strain, risk: Risk, declarer: Seat, delta: i8 } }

#[derive(Debug)]
enum ScoreError { Parse(String), Impossible { level: u8, delta: i8 } }

const VUL: [(bool, bool); 16] = [
    (false, false), (true, false), (false, true), (true, true), (true, false), (false, true), (true, true), (false, false),
    (false, true), (true, true), (false, false), (true, false), (true, true), (false, false), (true, false), (false, true),
];

fn parse_result(s: &str) -> Result<Outcome, ScoreError> {
    let err = || ScoreError::Parse(s.to_string());
    if s.eq_ignore_ascii_case("pass") { return Ok(Outcome::PassedOut); }
    let (contract, seat) = s.rsplit_once(' ').ok_or_else(err)?;
    let declarer = match seat { "N" => Seat::N, "E" => Seat::E, "S" => Seat::S, "W" => Seat::W, _ => return Err(err()) };
    let split = contract.find(['=', '+', '-']).ok_or_else(err)?;
    let (head, tail) = contract.split_at(split);
    let delta: i8 = if tail == "=" { 0 } else { tail.parse().map_err(|_| err())? };
    let risk = if head.ends_with("XX") { Risk::Redoubled } else if head.ends_with('X') { Risk::Doubled } else { Risk::Undoubled };
    let head = head.trim_end_matches('X');
    let level = head.get(..1).and_then(|l| l.parse::<u8>().ok()).filter(|l| (1..=7).contains(l)).ok_or_else(err)?;
    let strain = match &head[1..] { "C" => Strain::Clubs, "D" => Strain::Diamonds, "H" => Strain::Hearts, "S" => Strain::Spades, "NT" | "N" => Strain::NoTrump, _ => return Err(err()) };
    if level as i8 + 6 + delta > 13 || level as i8 + 6 + delta < 0 { return Err(ScoreError::Impossible { level, delta }); }
    Ok(Outcome::Played { level, strain, risk, declarer, delta })
}

fn declarer_score(level: u8, strain: Strain, risk: Risk, vul: bool, delta: i8) -> i32 {
    let mult = match risk { Risk::Undoubled => 1, Risk::Doubled => 2, Risk::Redoubled => 4 };
    if delta < 0 {
        let down = (-delta) as i32;
        return -match (risk, vul) {
            (Risk::Undoubled, v) => down * if v { 100 } else { 50 },
            (_, false) => (mult / 2) * (100 + 200 * (down - 1).min(2) + 300 * (down - 3).max(0)),
            (_, true) => (mult / 2) * (200 + 300 * (down - 1)),
        };
    }
    let per = match strain { Strain::Clubs | Strain::Diamonds => 20, _ => 30 };
    let tricks = level as i32 * per + if strain == Strain::NoTrump { 10 } else { 0 };
    let contract_pts = tricks * mult;
    let mut score = contract_pts + if contract_pts >= 100 { if vul { 500 } else { 300 } } else { 50 };
    score += match level { 6 => if vul { 750 } else { 500 }, 7 => if vul { 1500 } else { 1000 }, _ => 0 };
    score += match risk { Risk::Undoubled => 0, Risk::Doubled => 50, Risk::Redoubled => 100 };
    score += delta as i32 * match risk { Risk::Undoubled => per, Risk::Doubled => if vul { 200 } else { 100 }, Risk::Redoubled => if vul { 400 } else { 200 } };
    score
}

fn ns_score(board: u8, o: &Outcome) -> i32 {
    let (ns_vul, ew_vul) = VUL[(board as usize - 1) % 16];
    match o {
        Outcome::PassedOut => 0,
        Outcome::Played { level, strain, risk, declarer: Seat::N | Seat::S, delta } => declarer_score(*level, *strain, *risk, ns_vul, *delta),
        Outcome::Played { level, strain, risk, delta, .. } => -declarer_score(*level, *strain, *risk, ew_vul, *delta),
    }
}

trait ResultFeed {
    async fn fetch(&mut self) -> Vec<(u8, u32, String)>;
}
struct TableTerminal { table: u32, rows: Vec<(u8, &'static str)> }
struct PaperTraveller { board: u8, text: &'static str }

impl ResultFeed for TableTerminal {
    async fn fetch(&mut self) -> Vec<(u8, u32, String)> {
        let mut out = Vec::new();
        for (b, r) in self.rows.drain(..) {
            yield_now().await;
            out.push((b, self.table, r.to_string()));
        }
        out
    }
}
impl ResultFeed for PaperTraveller {
    async fn fetch(&mut self) -> Vec<(u8, u32, String)> {
        yield_now().await;
        self.text.lines().filter_map(|l| l.split_once(':')).filter_map(|(ns, r)| Some((self.board, ns.trim().parse().ok()?, r.trim().to_string()))).collect()
    }
}

async fn gather<F: ResultFeed>(feed: &mut F, sheet: Arc<Mutex<BTreeMap<u8, Vec<(u32, i32)>>>>) -> Vec<String> {
    let mut problems = Vec::new();
    for (board, ns_pair, text) in feed.fetch().await {
        match parse_result(&text) {
            Ok(o) => sheet.lock().unwrap().entry(board).or_default().push((ns_pair, ns_score(board, &o))),
            Err(e) => problems.push(format!("board {board} pair {ns_pair}: {e:?}")),
        }
    }
    problems
}

fn matchpoints(sheet: &BTreeMap<u8, Vec<(u32, i32)>>) -> HashMap<u32, (u32, u32)> {
    let mut totals: HashMap<u32, (u32, u32)> = HashMap::new();
    for rows in sheet.values() {
        let top = 2 * (rows.len() as u32 - 1);
        for &(pair, s) in rows {
            let mp: u32 = rows.iter().map(|&(_, o)| if s > o { 2 } else if s == o { 1 } else { 0 }).sum::<u32>() - 1;
            let t = totals.entry(pair).or_default();
            *t = (t.0 + mp, t.1 + top);
        }
    }
    totals
}

fn main() {
    let sheet = Arc::new(Mutex::new(BTreeMap::new()));
    let mut t1 = TableTerminal { table: 1, rows: vec![(1, "4S= N"), (2, "3NT+1 S"), (3, "4HX-2 N")] };
    let mut t2 = TableTerminal { table: 2, rows: vec![(1, "4S+1 N"), (2, "3NT-1 S"), (3, "6S= E"), (4, "PASS")] };
    let mut paper = PaperTraveller { board: 1, text: "3: 5SX-1 N\n4: 2H= E\n5: 9Z= N\n" };
    let mut paper4 = PaperTraveller { board: 4, text: "1: 1NT= N\n3: 2DXX+1 W\n" };

    let mut problems = block_on(gather(&mut t1, sheet.clone()));
    problems.extend(block_on(gather(&mut t2, sheet.clone())));
    problems.extend(block_on(gather(&mut paper, sheet.clone())));
    problems.extend(block_on(gather(&mut paper4, sheet.clone())));
    for p in &problems { println!("director: {p}"); }

    let sheet = sheet.lock().unwrap();
    for (b, rows) in sheet.iter() { println!("board {b}: {rows:?}"); }
    let mut ranking: Vec<(u32, f64)> = matchpoints(&sheet).into_iter().map(|(p, (mp, top))| (p, 100.0 * mp as f64 / top.max(1) as f64)).collect();
    ranking.sort_by(|a, b| b.1.total_cmp(&a.1));
    for (i, (pair, pct)) in ranking.iter().enumerate() { println!("{}. NS pair {pair} {pct:.1}%", i + 1); }

    assert_eq!(declarer_score(4, Strain::Spades, Risk::Undoubled, false, 0), 420);
    assert_eq!(declarer_score(3, Strain::NoTrump, Risk::Undoubled, true, 1), 630);
    assert_eq!(declarer_score(4, Strain::Hearts, Risk::Doubled, false, -3), -500);
    assert_eq!(declarer_score(2, Strain::Diamonds, Risk::Redoubled, true, 1), 1160);
    let check = async |r: &str| parse_result(r).map(|o| ns_score(13, &o));
    println!("7NT= N on board 13: {:?}", block_on(check("7NT= N")));
}
