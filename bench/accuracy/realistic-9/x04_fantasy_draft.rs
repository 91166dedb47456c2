//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Fantasy league draft room: snake-order draft where each team's strategy picks from the remaining player pool.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::future::Future;
use std::pin::{pin, Pin};
use std::rc::Rc;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

fn noop_waker() -> Waker {
    fn clone(_: *const ()) -> RawWaker {
        RawWaker::new(std::ptr::null(), &VTABLE)
    }
    fn noop(_: *const ()) {}
    static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    unsafe { Waker::from_raw(RawWaker::new(std::ptr::null(), &VTABLE)) }
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let waker = noop_waker();
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Position {
    Keeper,
    Defender,
    Midfielder,
    Forward,
}

#[derive(Debug, Clone)]
struct Player {
    id: u32,
    name: String,
    pos: Position,
    projected: f32,
}

type Pool = Rc<RefCell<BTreeMap<u32, Player>>>;

trait DraftStrategy {
    fn label(&self) -> String;
    async fn choose(&mut self, pool: &Pool, roster: &[Player]) -> Option<u32>;

    async fn pick(&mut self, pool: &Pool, roster: &mut Vec<Player>) -> Option<Player> {
        Yield { left: 1 }.await;
        let id = self.choose(pool, roster).await?;
        let player = pool.borrow_mut().remove(&id)?;
        roster.push(player.clone());
        Some(player)
    }
}

struct BestAvailable;

struct PositionalNeed {
    needs: HashMap<Position, u8>,
}

impl DraftStrategy for BestAvailable {
    fn label(&self) -> String {
        "best-available".to_string()
    }
    async fn choose(&mut self, pool: &Pool, roster: &[Player]) -> Option<u32> {
        Yield { left: 2 }.await;
        let best = pool
            .borrow()
            .values()
            .max_by(|a, b| a.projected.total_cmp(&b.projected))
            .map(|p| p.id);
        best
    }
}

impl DraftStrategy for PositionalNeed {
    fn label(&self) -> String {
        let mut s = String::from("need:");
        for (pos, n) in self.needs.iter().filter(|(_, n)| **n > 0) {
            write!(s, "{:?}x{n},", pos).unwrap();
        }
        s
    }
    async fn choose(&mut self, pool: &Pool, roster: &[Player]) -> Option<u32> {
        let filled: HashSet<Position> = roster.iter().map(|p| p.pos).collect();
        Yield { left: 1 }.await;
        let wanted: Vec<Position> = self
            .needs
            .iter()
            .filter(|(pos, n)| **n > 0 && !filled.contains(*pos))
            .map(|(pos, _)| *pos)
            .collect();
        let choice = pool
            .borrow()
            .values()
            .filter(|p| wanted.is_empty() || wanted.contains(&p.pos))
            .max_by(|a, b| a.projected.total_cmp(&b.projected))
            .map(|p| (p.id, p.pos));
        if let Some((id, pos)) = choice
            && let Some(n) = self.needs.get_mut(&pos)
        {
            *n = n.saturating_sub(1);
        }
        Yield { left: 1 }.await;
        choice.map(|(id, _)| id)
    }
}

async fn run_draft<A, B>(pool: Pool, a: &mut A, b: &mut B, rounds: usize) -> (Vec<Player>, Vec<Player>)
where
    A: DraftStrategy,
    B: DraftStrategy,
{
    let mut roster_a = Vec::new();
    let mut roster_b = Vec::new();
    for round in 0..rounds {
        let a_first = round % 2 == 0;
        if a_first {
            a.pick(&pool, &mut roster_a).await;
            b.pick(&pool, &mut roster_b).await;
        } else {
            b.pick(&pool, &mut roster_b).await;
            a.pick(&pool, &mut roster_a).await;
        }
        if pool.borrow().is_empty() {
            break;
        }
    }
    (roster_a, roster_b)
}

fn load_pool(text: &str) -> Pool {
    let mut map = BTreeMap::new();
    for (i, line) in text.lines().enumerate() {
        let parts: Vec<&str> = line.split('|').map(str::trim).collect();
        let pos = match parts[1] {
            "GK" => Position::Keeper,
            "DF" => Position::Defender,
            "MF" => Position::Midfielder,
            _ => Position::Forward,
        };
        let projected = parts[2].parse().unwrap_or(0.0);
        map.insert(i as u32, Player { id: i as u32, name: parts[0].to_string(), pos, projected });
    }
    Rc::new(RefCell::new(map))
}

fn summarize(label: &str, roster: &[Player]) -> String {
    let total: f32 = roster.iter().map(|p| p.projected).sum();
    let names: Vec<&str> = roster.iter().map(|p| &p.name[..p.name.len().min(6)]).collect();
    format!("{label}: {:.1} pts [{}]", total, names.join(", "))
}

fn main() {
    let text = "Alvarez|FW|8.4\nBrandt|MF|7.9\nCosta|DF|5.2\nDurand|GK|4.8\nEkwueme|FW|7.1\nFoster|GK|5.5\nGarcia|MF|6.6\nHolm|DF|6.0";
    let pool = load_pool(text);
    let mut best = BestAvailable;
    let mut need = PositionalNeed {
        needs: HashMap::from([(Position::Keeper, 1), (Position::Defender, 1), (Position::Forward, 1)]),
    };
    let label_need = need.label();
    let (ra, rb) = block_on(run_draft(pool.clone(), &mut best, &mut need, 3));
    println!("{}", summarize(&best.label(), &ra));
    println!("{}", summarize(&label_need, &rb));
    let pool2 = load_pool(text);
    let mut b1 = BestAvailable;
    let mut b2 = BestAvailable;
    let (x, y) = block_on(run_draft(pool2.clone(), &mut b1, &mut b2, 10));
    println!("mirror draft {} vs {} picks, left {}", x.len(), y.len(), pool2.borrow().len());
    let mut solo = Vec::new();
    let p = block_on(BestAvailable.pick(&pool2, &mut solo));
    println!("solo pick {:?}", p.map(|p| p.name));
}
