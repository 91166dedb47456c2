//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Chunked Game-of-Life world server: cells live in fixed-size chunks that are stepped
//! across borders, then persisted and restored through async chunk stores (raw and RLE).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
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

fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = std::pin::pin!(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop { if let Poll::Ready(v) = f.as_mut().poll(&mut cx) { return v; } }
}

const CHUNK: usize = 8;
type Cells = [[bool; CHUNK]; CHUNK];
type ChunkPos = (i32, i32);

#[derive(Debug)]
enum StoreError { Full(usize), Corrupt(ChunkPos, String) }

#[derive(Default, Clone)]
struct World { chunks: HashMap<ChunkPos, Cells>, generation: u64 }

impl World {
    fn alive(&self, x: i64, y: i64) -> bool {
        let c = CHUNK as i64;
        let pos = (x.div_euclid(c) as i32, y.div_euclid(c) as i32);
        self.chunks.get(&pos).map_or(false, |cells| cells[y.rem_euclid(c) as usize][x.rem_euclid(c) as usize])
    }
    fn set(&mut self, x: i64, y: i64) {
        let c = CHUNK as i64;
        let cells = self.chunks.entry((x.div_euclid(c) as i32, y.div_euclid(c) as i32)).or_insert([[false; CHUNK]; CHUNK]);
        cells[y.rem_euclid(c) as usize][x.rem_euclid(c) as usize] = true;
    }
    fn population(&self) -> usize { self.chunks.values().flat_map(|c| c.iter()).flatten().filter(|&&b| b).count() }
}

fn parse_pattern(world: &mut World, text: &str, ox: i64, oy: i64) {
    for (y, line) in text.lines().enumerate() {
        for (x, ch) in line.chars().enumerate().filter(|(_, ch)| *ch == 'O') { world.set(ox + x as i64, oy + y as i64); }
    }
}

async fn step(world: &mut World) -> usize {
    let mut candidates: BTreeSet<ChunkPos> = BTreeSet::new();
    for &(cx, cy) in world.chunks.keys() {
        for dy in -1..=1 { for dx in -1..=1 { candidates.insert((cx + dx, cy + dy)); } }
    }
    let mut next: HashMap<ChunkPos, Cells> = HashMap::new();
    for (i, &(cx, cy)) in candidates.iter().enumerate() {
        let mut cells = [[false; CHUNK]; CHUNK];
        let mut any = false;
        for (ly, row) in cells.iter_mut().enumerate() {
            for (lx, cell) in row.iter_mut().enumerate() {
                let (x, y) = (cx as i64 * CHUNK as i64 + lx as i64, cy as i64 * CHUNK as i64 + ly as i64);
                let n = (-1..=1).flat_map(|dy| (-1..=1).map(move |dx| (dx, dy))).filter(|&(dx, dy)| (dx, dy) != (0, 0) && world.alive(x + dx, y + dy)).count();
                *cell = matches!((world.alive(x, y), n), (true, 2) | (_, 3));
                any |= *cell;
            }
        }
        if any { next.insert((cx, cy), cells); }
        if i % 3 == 0 { Yield(false).await; }
    }
    world.chunks = next;
    world.generation += 1;
    world.chunks.len()
}

trait ChunkStore {
    async fn save(&mut self, pos: ChunkPos, cells: &Cells) -> Result<(), StoreError>;
    async fn load(&mut self, pos: ChunkPos) -> Result<Option<Cells>, StoreError>;
    async fn load_region(&mut self, positions: &[ChunkPos]) -> Result<World, StoreError> {
        let mut w = World::default();
        for &p in positions {
            if let Some(c) = self.load(p).await? { w.chunks.insert(p, c); }
        }
        Ok(w)
    }
}

struct RawStore { saved: BTreeMap<ChunkPos, Cells>, limit: usize }
struct RleStore { blobs: HashMap<ChunkPos, String> }

impl ChunkStore for RawStore {
    async fn save(&mut self, pos: ChunkPos, cells: &Cells) -> Result<(), StoreError> {
        Yield(false).await;
        if self.saved.len() >= self.limit && !self.saved.contains_key(&pos) { return Err(StoreError::Full(self.limit)); }
        self.saved.insert(pos, *cells);
        Ok(())
    }
    async fn load(&mut self, pos: ChunkPos) -> Result<Option<Cells>, StoreError> { Ok(self.saved.get(&pos).copied()) }
}

impl ChunkStore for RleStore {
    async fn save(&mut self, pos: ChunkPos, cells: &Cells) -> Result<(), StoreError> {
        let mut s = String::new();
        for row in cells {
            let mut run = (row[0], 0);
            for &b in row.iter().chain(std::iter::once(&!row[CHUNK - 1])) {
                if b == run.0 { run.1 += 1; } else { let _ = write!(s, "{}{}", run.1, if run.0 { 'o' } else { 'b' }); run = (b, 1); }
            }
            s.push('$');
        }
        Yield(false).await;
        self.blobs.insert(pos, s);
        Ok(())
    }
    async fn load(&mut self, pos: ChunkPos) -> Result<Option<Cells>, StoreError> {
        Yield(false).await;
        let Some(blob) = self.blobs.get(&pos) else { return Ok(None) };
        let mut cells = [[false; CHUNK]; CHUNK];
        for (y, row) in blob.split('$').filter(|r| !r.is_empty()).enumerate() {
            let (mut x, mut num) = (0usize, 0usize);
            for ch in row.chars() {
                match ch {
                    d if d.is_ascii_digit() => num = num * 10 + d.to_digit(10).unwrap() as usize,
                    'o' | 'b' if x + num <= CHUNK && y < CHUNK => { for cx in x..x + num { cells[y][cx] = ch == 'o'; } x += num; num = 0; }
                    other => return Err(StoreError::Corrupt(pos, format!("row {y}: unexpected `{other}`"))),
                }
            }
        }
        Ok(Some(cells))
    }
}

async fn persist<S: ChunkStore>(world: &World, store: &mut S) -> Result<usize, StoreError> {
    let mut keys: Vec<&ChunkPos> = world.chunks.keys().collect();
    keys.sort();
    for k in &keys { store.save(**k, &world.chunks[*k]).await?; }
    Ok(keys.len())
}

fn main() {
    let mut world = World::default();
    parse_pattern(&mut world, ".O.\n..O\nOOO", 5, 5);
    parse_pattern(&mut world, "OO\nOO", -3, -3);
    parse_pattern(&mut world, "OOO", 20, 2);
    let run = async |w: &mut World, gens: u32| -> Vec<(u64, usize, usize)> {
        let mut trace = Vec::new();
        for _ in 0..gens { let chunks = step(w).await; trace.push((w.generation, chunks, w.population())); }
        trace
    };
    println!("{:?}", block_on(run(&mut world, 12)).iter().step_by(3).collect::<Vec<_>>());
    let mut raw = RawStore { saved: BTreeMap::new(), limit: 2 };
    println!("raw persist: {:?}", block_on(persist(&world, &mut raw)));
    let mut rle = RleStore { blobs: HashMap::new() };
    let saved = block_on(persist(&world, &mut rle)).unwrap();
    let keys: Vec<ChunkPos> = rle.blobs.keys().copied().collect();
    let restored = block_on(rle.load_region(&keys)).unwrap();
    println!("rle saved {saved}, restored population {} vs {}", restored.population(), world.population());
    let raw_back = block_on(raw.load_region(&keys)).unwrap();
    println!("raw restored {} chunks", raw_back.chunks.len());
    rle.blobs.insert((99, 99), "3b2x3b$".into());
    println!("corrupt: {:?}", block_on(rle.load((99, 99))).err());
}
