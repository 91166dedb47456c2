#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Map tile server cache: LRU of rendered tiles, upstream fetch with parent-tile overzoom fallback and prefetch.

use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

struct Fetching(u8);

impl Future for Fetching {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 == 0 {
            return Poll::Ready(());
        }
        self.0 -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut cx = Context::from_waker(Waker::noop());
    let mut fut = std::pin::pin!(fut);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct TileId {
    z: u8,
    x: u32,
    y: u32,
}

impl TileId {
    fn parse(path: &str) -> Option<TileId> {
        let mut it = path.trim_start_matches('/').trim_end_matches(".png").split('/');
        let z = it.next()?.parse().ok()?;
        let x = it.next()?.parse().ok()?;
        let y = it.next()?.parse().ok()?;
        let max = 1u32.checked_shl(z as u32)?;
        (x < max && y < max).then_some(TileId { z, x, y })
    }

    fn quadkey(&self) -> String {
        (1..=self.z)
            .rev()
            .map(|i| {
                let mask = 1 << (i - 1);
                let digit = ((self.x & mask != 0) as u8) + 2 * ((self.y & mask != 0) as u8);
                char::from(b'0' + digit)
            })
            .collect()
    }

    fn parent(&self) -> Option<TileId> {
        (self.z > 0).then(|| TileId { z: self.z - 1, x: self.x / 2, y: self.y / 2 })
    }

    fn neighbours(&self) -> impl Iterator<Item = TileId> + '_ {
        let max = 1i64 << self.z;
        [(-1i64, 0i64), (1, 0), (0, -1), (0, 1)]
            .into_iter()
            .map(move |(dx, dy)| (self.x as i64 + dx, self.y as i64 + dy))
            .filter(move |(x, y)| *x >= 0 && *y >= 0 && *x < max && *y < max)
            .map(move |(x, y)| TileId { z: self.z, x: x as u32, y: y as u32 })
    }
}

#[derive(Debug, Clone, Copy)]
struct Tile<const N: usize> {
    pixels: [u8; N],
    overzoomed: u8,
}

#[derive(Debug)]
enum TileError {
    OutOfCoverage(TileId),
    Upstream(u16),
    BadPath(String),
}

trait TileSource<const N: usize> {
    async fn render(&self, id: TileId) -> Result<Tile<N>, TileError>;
}

struct Renderer {
    max_zoom: u8,
    coverage_quadkey: String,
}

impl TileSource<16> for Renderer {
    async fn render(&self, id: TileId) -> Result<Tile<16>, TileError> {
        Fetching(2).await;
        if id.z > self.max_zoom {
            return Err(TileError::OutOfCoverage(id));
        }
        let qk = id.quadkey();
        if !qk.starts_with(&self.coverage_quadkey) && !self.coverage_quadkey.starts_with(&qk) {
            return Err(TileError::Upstream(404));
        }
        let mut pixels = [0u8; 16];
        for (i, p) in pixels.iter_mut().enumerate() {
            *p = (id.x as usize * 31 + id.y as usize * 17 + i * id.z as usize) as u8;
        }
        Ok(Tile { pixels, overzoomed: 0 })
    }
}

struct TileCache<S, const N: usize> {
    source: S,
    capacity: usize,
    entries: HashMap<TileId, Tile<N>>,
    lru: VecDeque<TileId>,
    hits: u32,
    misses: u32,
}

impl<S: TileSource<N>, const N: usize> TileCache<S, N> {
    fn touch(&mut self, id: TileId) {
        if let Some(pos) = self.lru.iter().position(|t| *t == id) {
            self.lru.remove(pos);
        }
        self.lru.push_back(id);
        while self.lru.len() > self.capacity {
            if let Some(old) = self.lru.pop_front() {
                self.entries.remove(&old);
            }
        }
    }

    fn get<'a>(&'a mut self, id: TileId, depth: u8) -> Pin<Box<dyn Future<Output = Result<Tile<N>, TileError>> + 'a>> {
        Box::pin(async move {
            if let Some(tile) = self.entries.get(&id).copied() {
                self.hits += 1;
                self.touch(id);
                return Ok(tile);
            }
            self.misses += 1;
            let tile = match self.source.render(id).await {
                Ok(t) => t,
                Err(TileError::OutOfCoverage(_)) if depth < 3 => {
                    let parent = id.parent().ok_or(TileError::OutOfCoverage(id))?;
                    let mut up = self.get(parent, depth + 1).await?;
                    let quadrant = ((id.x & 1) + 2 * (id.y & 1)) as usize;
                    for (i, p) in up.pixels.iter_mut().enumerate() {
                        *p = p.wrapping_add(quadrant as u8 * 4 + (i as u8 % 4));
                    }
                    up.overzoomed += 1;
                    up
                }
                Err(e) => return Err(e),
            };
            self.entries.insert(id, tile);
            self.touch(id);
            Ok(tile)
        })
    }

    async fn serve(&mut self, path: &str) -> Result<(TileId, Tile<N>), TileError> {
        let id = TileId::parse(path).ok_or_else(|| TileError::BadPath(path.to_string()))?;
        let tile = self.get(id, 0).await?;
        let prefetch: Vec<TileId> = id.neighbours().filter(|n| !self.entries.contains_key(n)).take(2).collect();
        for n in prefetch {
            let _ = self.get(n, 0).await;
        }
        Ok((id, tile))
    }
}

fn main() {
    let renderer = Renderer { max_zoom: 4, coverage_quadkey: "21".to_string() };
    let mut cache: TileCache<Renderer, 16> = TileCache { source: renderer, capacity: 8, entries: HashMap::new(), lru: VecDeque::new(), hits: 0, misses: 0 };
    let requests = ["/2/1/2.png", "/3/2/4.png", "/3/3/4.png", "/6/20/36.png", "/6/21/36.png", "/1/0/1.png", "/1/1/1.png", "/2/9/9.png", "/bad", "/2/1/2.png"];
    let results = block_on(async {
        let mut out = Vec::new();
        for r in requests {
            let line = match cache.serve(r).await {
                Ok((id, tile)) => {
                    let checksum: u32 = tile.pixels.iter().map(|p| *p as u32).sum();
                    format!("{} qk={} sum={} overzoom={}", r, id.quadkey(), checksum, tile.overzoomed)
                }
                Err(TileError::Upstream(code)) => format!("{} upstream {}", r, code),
                Err(e) => format!("{} error {:?}", r, e),
            };
            out.push(line);
        }
        out
    });
    results.iter().for_each(|l| println!("{}", l));
    println!("hits={} misses={} cached={}", cache.hits, cache.misses, cache.entries.len());
}
