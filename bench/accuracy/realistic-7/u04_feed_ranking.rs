//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Social feed ranking: gathers candidate posts from several sources, scores them with affinity and freshness, renders a timeline.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::future::Future;
use std::pin::{Pin, pin};
use std::rc::Rc;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

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

fn pause(n: u32) -> Yield { Yield { left: n } }

#[derive(Debug, Clone)]
struct Post {
    id: u64,
    author: String,
    text: String,
    likes: u32,
    age_minutes: u32,
    tags: Vec<String>,
}

struct SocialGraph {
    follows: HashMap<String, f32>,
    muted: Vec<String>,
}

type SourceFuture<'a> = Pin<Box<dyn Future<Output = Vec<Post>> + 'a>>;

struct FeedService {
    graph: SocialGraph,
    store: Rc<RefCell<Vec<Post>>>,
    score_cache: RefCell<HashMap<u64, f32>>,
}

impl FeedService {
    fn following_source(&self) -> SourceFuture<'_> {
        Box::pin(async move {
            pause(2).await;
            self.store.borrow().iter().filter(|p| self.graph.follows.contains_key(&p.author)).cloned().collect()
        })
    }

    fn trending_source(&self, min_likes: u32) -> SourceFuture<'_> {
        Box::pin(async move {
            pause(1).await;
            let store = Rc::clone(&self.store);
            let hot: Vec<Post> = store.borrow().iter().filter(|p| p.likes >= min_likes).cloned().collect();
            pause(1).await;
            hot
        })
    }

    fn fetch_topic(&self, tag: &str) -> impl Future<Output = Vec<Post>> {
        async move {
            pause(1).await;
            self.store.borrow().iter().filter(|p| p.tags.iter().any(|t| t == tag)).cloned().collect()
        }
    }

    async fn gather_candidates(&self, viewer_tags: &[&str]) -> Vec<Post> {
        let mut sources: Vec<SourceFuture<'_>> = vec![self.following_source(), self.trending_source(50)];
        let mut all = Vec::new();
        for src in sources.drain(..) {
            all.extend(src.await);
        }
        for tag in viewer_tags {
            all.extend(self.fetch_topic(tag).await);
        }
        let mut seen = HashSet::new();
        all.retain(|p| seen.insert(p.id));
        all
    }

    async fn score(&self, post: &Post) -> f32 {
        if let Some(s) = self.score_cache.borrow().get(&post.id) {
            return *s;
        } else {
            pause(1).await;
        }
        let freshness = 1.0 / (1.0 + post.age_minutes as f32 / 60.0);
        let mut score = (post.likes as f32 + 1.0).ln() * freshness;
        if let Some(w) = self.graph.follows.get(&post.author)
            && *w > 0.5
        {
            score *= 1.0 + w;
        }
        if post.text.contains('?') {
            pause(1).await;
            score *= 1.1;
        }
        self.score_cache.borrow_mut().insert(post.id, score);
        score
    }

    async fn rank(&self, viewer_tags: &[&str], limit: usize) -> Vec<(u64, f32)> {
        let candidates = self.gather_candidates(viewer_tags).await;
        let mut scored = Vec::with_capacity(candidates.len());
        for p in candidates.iter().filter(|p| !self.graph.muted.contains(&p.author)) {
            let s = self.score(p).await;
            scored.push((p.id, s));
        }
        scored.sort_by(|a, b| b.1.partial_cmp(&a.1).unwrap());
        scored.truncate(limit);
        scored
    }
}

async fn render_feed(svc: &FeedService, viewer_tags: &[&str]) -> String {
    let ranked = svc.rank(viewer_tags, 5).await;
    let snippet = async |id: u64| {
        pause(1).await;
        let store = svc.store.borrow();
        let p = store.iter().find(|p| p.id == id).unwrap();
        let end = p.text.len().min(24);
        format!("@{}: {}", p.author, &p.text[..end])
    };
    let mut out = String::new();
    for (i, (id, score)) in ranked.iter().enumerate() {
        let line = snippet(*id).await;
        out.push_str(&format!("{:>2}. {line} ({score:.2})\n", i + 1));
    }
    out
}

async fn cache_hit_ratio(svc: &FeedService) -> f32 {
    let probes: Vec<Post> = svc.store.borrow().iter().take(4).cloned().collect();
    let before = svc.score_cache.borrow().len();
    for p in &probes {
        svc.score(p).await;
    }
    let after = svc.score_cache.borrow().len();
    1.0 - (after - before) as f32 / probes.len().max(1) as f32
}

fn seed_posts() -> Vec<Post> {
    let raw = "ana|shipping the new parser today|120|30|rust,release\n\
               bo|anyone tried async closures yet?|45|90|rust\n\
               cy|lunch pics from the market|300|240|food\n\
               dee|benchmarks: 3x faster cold start|80|15|perf,rust\n\
               eli|hot take: tabs over spaces|500|600|meta\n\
               bo|reading group meets thursday|5|20|books";
    raw.lines()
        .enumerate()
        .map(|(i, line)| {
            let f: Vec<&str> = line.trim().split('|').collect();
            Post {
                id: 100 + i as u64,
                author: f[0].to_string(),
                text: f[1].to_string(),
                likes: f[2].parse().unwrap_or(0),
                age_minutes: f[3].parse().unwrap_or(0),
                tags: f[4].split(',').map(str::to_string).collect(),
            }
        })
        .collect()
}

fn main() {
    let mut follows = HashMap::new();
    follows.insert("ana".to_string(), 0.9);
    follows.insert("bo".to_string(), 0.4);
    let svc = FeedService {
        graph: SocialGraph { follows, muted: vec!["eli".to_string()] },
        store: Rc::new(RefCell::new(seed_posts())),
        score_cache: RefCell::new(HashMap::new()),
    };
    let f = block_on(svc.following_source()).len();
    let t = block_on(svc.trending_source(100)).len();
    let topic = block_on(svc.fetch_topic("perf")).len();
    let cands = block_on(svc.gather_candidates(&["rust"])).len();
    let first = svc.store.borrow()[0].clone();
    let s = block_on(svc.score(&first));
    let ranked = block_on(svc.rank(&["food"], 3));
    let feed = block_on(render_feed(&svc, &["rust", "books"]));
    let ratio = block_on(cache_hit_ratio(&svc));
    println!("following={f} trending={t} topic={topic} candidates={cands} score={s:.3} top={:?}", ranked.first());
    print!("{feed}");
    println!("cache hit ratio {ratio:.2}");
}
