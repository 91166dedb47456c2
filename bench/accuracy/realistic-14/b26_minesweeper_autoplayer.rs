//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Minesweeper bot client: opens cells through a game-server API, flood-fills zero
//! regions, and applies single-cell and subset deductions until it must guess.

use std::collections::{BTreeSet, HashSet};
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

#[derive(Debug, PartialEq)]
enum GameOver { Boom(usize, usize), Stuck(usize) }

struct Server { mines: Vec<Vec<bool>>, opens: u32 }

impl Server {
    fn parse(layout: &str) -> Server {
        Server { mines: layout.lines().map(|l| l.trim().chars().map(|c| c == '*').collect()).collect(), opens: 0 }
    }
    fn dims(&self) -> (usize, usize) { (self.mines.len(), self.mines[0].len()) }
    async fn open(&mut self, r: usize, c: usize) -> Option<u8> {
        self.opens += 1;
        yield_now().await;
        if self.mines[r][c] { return None; }
        Some(neighbours(self.dims(), r, c).filter(|&(y, x)| self.mines[y][x]).count() as u8)
    }
}

fn neighbours((h, w): (usize, usize), r: usize, c: usize) -> impl Iterator<Item = (usize, usize)> {
    let rs = r.saturating_sub(1)..=(r + 1).min(h - 1);
    rs.flat_map(move |y| (c.saturating_sub(1)..=(c + 1).min(w - 1)).map(move |x| (y, x))).filter(move |&p| p != (r, c))
}

struct Bot { view: Vec<Vec<Option<u8>>>, flags: HashSet<(usize, usize)> }

fn reveal<'a>(bot: &'a mut Bot, srv: &'a mut Server, r: usize, c: usize) -> Pin<Box<dyn Future<Output = Result<(), GameOver>> + 'a>> {
    Box::pin(async move {
        if bot.view[r][c].is_some() || bot.flags.contains(&(r, c)) {
            return Ok(());
        }
        let n = srv.open(r, c).await.ok_or(GameOver::Boom(r, c))?;
        bot.view[r][c] = Some(n);
        if n == 0 {
            let dims = srv.dims();
            for (y, x) in neighbours(dims, r, c).collect::<Vec<_>>() {
                reveal(bot, srv, y, x).await?;
            }
        }
        Ok(())
    })
}

impl Bot {
    fn constraints(&self) -> Vec<(BTreeSet<(usize, usize)>, usize)> {
        let dims = (self.view.len(), self.view[0].len());
        let mut out = Vec::new();
        for (r, row) in self.view.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let Some(n) = cell else { continue };
                let around: Vec<_> = neighbours(dims, r, c).collect();
                let flagged = around.iter().filter(|p| self.flags.contains(p)).count();
                let unknown: BTreeSet<_> = around.into_iter().filter(|&(y, x)| self.view[y][x].is_none() && !self.flags.contains(&(y, x))).collect();
                if !unknown.is_empty() {
                    out.push((unknown, *n as usize - flagged));
                }
            }
        }
        out
    }

    async fn solve(&mut self, srv: &mut Server, start: (usize, usize)) -> Result<usize, GameOver> {
        reveal(self, srv, start.0, start.1).await?;
        loop {
            let cons = self.constraints();
            let mut safe = BTreeSet::new();
            let mut mines = BTreeSet::new();
            for (a, (cells_a, ma)) in cons.iter().enumerate() {
                match *ma {
                    0 => safe.extend(cells_a.iter().copied()),
                    m if m == cells_a.len() => mines.extend(cells_a.iter().copied()),
                    _ => {}
                }
                for (cells_b, mb) in cons.iter().skip(a + 1) {
                    let (small, big, ms, mb2) = if cells_a.len() <= cells_b.len() { (cells_a, cells_b, *ma, *mb) } else { (cells_b, cells_a, *mb, *ma) };
                    if small.is_subset(big) && small != big {
                        let rest: Vec<_> = big.difference(small).copied().collect();
                        match mb2 - ms {
                            0 => safe.extend(rest),
                            d if d == rest.len() => mines.extend(rest),
                            _ => {}
                        }
                    }
                }
            }
            self.flags.extend(mines.iter().copied());
            if safe.is_empty() {
                let hidden = self.view.iter().flatten().filter(|c| c.is_none()).count() - self.flags.len();
                return if hidden == 0 { Ok(self.flags.len()) } else { Err(GameOver::Stuck(hidden)) };
            }
            for (r, c) in safe {
                reveal(self, srv, r, c).await?;
            }
        }
    }
}

pub fn main() {
    let boards = [
        ("easy", "......\n..*...\n......\n....*.\n......", (4, 0)),
        ("coinflip", "*.\n.*\n..", (2, 0)),
        ("unlucky", "..\n.*", (1, 1)),
    ];
    for (name, layout, start) in boards {
        let mut srv = Server::parse(layout);
        let (h, w) = srv.dims();
        let mut bot = Bot { view: vec![vec![None; w]; h], flags: HashSet::new() };
        let res = block_on(bot.solve(&mut srv, start));
        let picture: Vec<String> = bot.view.iter().enumerate().map(|(r, row)| row.iter().enumerate().map(|(c, v)| match v {
            Some(n) => char::from(b'0' + n),
            None if bot.flags.contains(&(r, c)) => 'F',
            None => '#',
        }).collect()).collect();
        println!("{name}: {res:?} after {} opens -> {}", srv.opens, picture.join("/"));
    }
}
