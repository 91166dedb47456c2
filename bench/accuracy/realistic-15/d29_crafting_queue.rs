//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! MMO crafting service: validates recipes against a player's inventory, reserves inputs,
//! runs timed jobs on crafting stations and fires quest hooks when items complete.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, VecDeque};
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

const BAG_SLOTS: usize = 24;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Station { Forge, Loom, Alchemy }

#[derive(Debug, Clone)]
struct Recipe { output: &'static str, qty: u32, station: Station, ticks: u32, inputs: Vec<(&'static str, u32)>, min_skill: u16 }

#[derive(Debug)]
enum CraftError { UnknownRecipe(String), Missing { item: String, have: u32, need: u32 }, Skill { need: u16, have: u16 }, BagFull, StationBusy(Station) }

type Bag = [Option<(&'static str, u32)>; BAG_SLOTS];
type QuestHook = Box<dyn Fn(&str, u32) -> Pin<Box<dyn Future<Output = Option<String>>>>>;

trait InventoryStore {
    async fn load(&self, player: u64) -> Bag;
    async fn save(&self, player: u64, bag: &Bag);
    async fn count(&self, player: u64, item: &str) -> u32 {
        self.load(player).await.iter().flatten().filter(|(n, _)| *n == item).map(|(_, q)| *q).sum::<u32>()
    }
}

struct MemoryStore { bags: RefCell<HashMap<u64, Bag>> }
struct WriteBehindStore { db: RefCell<BTreeMap<u64, Vec<(String, u32)>>>, dirty: RefCell<Vec<u64>>, names: Vec<&'static str> }

impl InventoryStore for MemoryStore {
    async fn load(&self, player: u64) -> Bag { yield_now().await; self.bags.borrow().get(&player).copied().unwrap_or([None; BAG_SLOTS]) }
    async fn save(&self, player: u64, bag: &Bag) { self.bags.borrow_mut().insert(player, *bag); }
}

impl InventoryStore for WriteBehindStore {
    async fn load(&self, player: u64) -> Bag {
        yield_now().await;
        let mut bag = [None; BAG_SLOTS];
        if let Some(rows) = self.db.borrow().get(&player) {
            for (slot, (name, q)) in bag.iter_mut().zip(rows) {
                // intern names so bags can hold &'static str
                *slot = self.names.iter().find(|n| **n == name.as_str()).map(|n| (*n, *q));
            }
        }
        bag
    }
    async fn save(&self, player: u64, bag: &Bag) {
        self.db.borrow_mut().insert(player, bag.iter().flatten().map(|(n, q)| (n.to_string(), *q)).collect());
        self.dirty.borrow_mut().push(player);
        yield_now().await;
    }
}

fn take(bag: &mut Bag, item: &str, mut n: u32) {
    for slot in bag.iter_mut() {
        if n == 0 { break; }
        if let Some((name, q)) = slot {
            if *name == item {
                let used = (*q).min(n);
                *q -= used;
                n -= used;
                if *q == 0 { *slot = None; }
            }
        }
    }
}

fn give(bag: &mut Bag, item: &'static str, n: u32, stack: u32) -> Result<(), CraftError> {
    let mut left = n;
    for slot in bag.iter_mut().flatten().filter(|(name, _)| *name == item) {
        let room = stack - slot.1.min(stack);
        let add = room.min(left);
        slot.1 += add;
        left -= add;
    }
    while left > 0 {
        let free = bag.iter_mut().find(|s| s.is_none()).ok_or(CraftError::BagFull)?;
        let add = left.min(stack);
        *free = Some((item, add));
        left -= add;
    }
    Ok(())
}

struct Workshop { recipes: HashMap<&'static str, Recipe>, queues: BTreeMap<Station, VecDeque<(u64, &'static str, u32)>>, hooks: Vec<QuestHook>, max_queue: usize }

impl Workshop {
    async fn enqueue<S: InventoryStore>(&mut self, store: &S, player: u64, skill: u16, recipe: &str) -> Result<usize, CraftError> {
        let r = self.recipes.get(recipe).cloned().ok_or_else(|| CraftError::UnknownRecipe(recipe.to_string()))?;
        if skill < r.min_skill { return Err(CraftError::Skill { need: r.min_skill, have: skill }); }
        let mut bag = store.load(player).await;
        for (item, need) in &r.inputs {
            let have: u32 = bag.iter().flatten().filter(|(n, _)| n == item).map(|(_, q)| *q).sum::<u32>();
            if have < *need { return Err(CraftError::Missing { item: item.to_string(), have, need: *need }); }
        }
        let q = self.queues.entry(r.station).or_default();
        if q.len() >= self.max_queue { return Err(CraftError::StationBusy(r.station)); }
        for (item, need) in &r.inputs { take(&mut bag, item, *need); }
        store.save(player, &bag).await;
        q.push_back((player, r.output, r.ticks));
        Ok(q.len())
    }

    async fn tick<S: InventoryStore>(&mut self, store: &S, ticks: u32) -> Vec<String> {
        let mut events = Vec::new();
        for _ in 0..ticks {
            let mut finished = Vec::new();
            for (station, q) in self.queues.iter_mut() {
                if let Some(front) = q.front_mut() {
                    front.2 -= 1;
                    if front.2 == 0 { finished.push((*station, q.pop_front().unwrap())); }
                }
            }
            for (station, (player, output, _)) in finished {
                let qty = self.recipes[output].qty;
                let mut bag = store.load(player).await;
                match give(&mut bag, output, qty, 20) {
                    Ok(()) => { store.save(player, &bag).await; events.push(format!("{station:?}: player {player} crafted {qty}x {output}")); }
                    Err(e) => events.push(format!("{station:?}: player {player} {e:?}, {output} sent to mailbox")),
                }
                for hook in &self.hooks { if let Some(msg) = hook(output, qty).await { events.push(msg); } }
            }
            yield_now().await;
        }
        events
    }
}

fn main() {
    let recipe = |output, qty, station, ticks, inputs: &[(&'static str, u32)], min_skill| (output, Recipe { output, qty, station, ticks, inputs: inputs.to_vec(), min_skill });
    let recipes = HashMap::from([
        recipe("iron ingot", 2, Station::Forge, 2, &[("iron ore", 3), ("coal", 1)], 0),
        recipe("iron sword", 1, Station::Forge, 5, &[("iron ingot", 4), ("leather strip", 1)], 40),
        recipe("linen bolt", 1, Station::Loom, 3, &[("flax", 5)], 10),
        recipe("healing draught", 3, Station::Alchemy, 4, &[("marigold", 2), ("spring water", 1)], 25),
    ]);
    let hooks: Vec<QuestHook> = vec![
        Box::new(|item, qty| { let item = item.to_string(); Box::pin(async move { yield_now().await; (item == "iron sword").then(|| "quest 'A Smith's First Blade' complete".to_string()) }) }),
        Box::new(|item, qty| Box::pin(async move { (qty >= 3).then(|| format!("achievement: batch crafter ({qty})")) })),
    ];
    let mut shop = Workshop { recipes, queues: BTreeMap::new(), hooks, max_queue: 2 };

    let mem = MemoryStore { bags: RefCell::new(HashMap::new()) };
    let mut start: Bag = [None; BAG_SLOTS];
    for (i, (n, q)) in [("iron ore", 14), ("coal", 5), ("leather strip", 2), ("iron ingot", 2), ("flax", 4)].into_iter().enumerate() { start[i] = Some((n, q)); }
    mem.bags.borrow_mut().insert(7, start);
    for r in ["iron ingot", "iron ingot", "iron ingot", "linen bolt", "mithril plate"] {
        println!("enqueue {r}: {:?}", block_on(shop.enqueue(&mem, 7, 45, r)));
    }
    for e in block_on(shop.tick(&mem, 6)) { println!("  {e}"); }
    println!("enqueue sword: {:?}", block_on(shop.enqueue(&mem, 7, 45, "iron sword")));
    for e in block_on(shop.tick(&mem, 5)) { println!("  {e}"); }

    let db = WriteBehindStore { db: RefCell::new(BTreeMap::from([(9, vec![("marigold".into(), 6), ("spring water".into(), 2)])])), dirty: RefCell::new(vec![]), names: vec!["marigold", "spring water", "healing draught"] };
    let a = block_on(shop.enqueue(&db, 9, 30, "healing draught"));
    let b = block_on(shop.enqueue(&db, 9, 10, "healing draught"));
    let done = block_on(shop.tick(&db, 4));
    let potions = block_on(db.count(9, "healing draught"));
    let ore = block_on(mem.count(7, "iron ore"));
    println!("alchemy {a:?} {b:?} {done:?}\npotions {potions}, ore left {ore}, dirty {:?}", db.dirty.borrow());
}
