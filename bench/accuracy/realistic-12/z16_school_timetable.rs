//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! School timetable builder: places weekly lessons into day/period slots without teacher,
//! class or room clashes, via async backtracking (Box::pin recursion) over availability.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

struct Yield(bool);
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 { Poll::Ready(()) } else { self.0 = true; cx.waker().wake_by_ref(); Poll::Pending }
    }
}

fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = Box::pin(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop { if let Poll::Ready(v) = f.as_mut().poll(&mut cx) { return v; } }
}

const DAYS: usize = 5;
const PERIODS: usize = 4;
const DAY_NAMES: [&str; DAYS] = ["Mon", "Tue", "Wed", "Thu", "Fri"];
type Slot = (usize, usize);

#[derive(Debug, Clone)]
struct Lesson { class: String, subject: String, teacher: String, needs_lab: bool }

#[derive(Debug)]
enum PlanError { Parse(String), Infeasible { deepest: usize, total: usize }, Budget(u64) }

fn parse_requirements(src: &str) -> Result<Vec<Lesson>, PlanError> {
    let mut out = Vec::new();
    for line in src.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let f: Vec<&str> = line.split_whitespace().collect();
        let (class, subject, teacher, count, lab) = match f.as_slice() {
            [c, s, t, n] => (c, s, t, n, false),
            [c, s, t, n, "lab"] => (c, s, t, n, true),
            _ => return Err(PlanError::Parse(line.to_string())),
        };
        let n: usize = count.strip_prefix('x').and_then(|n| n.parse().ok()).ok_or_else(|| PlanError::Parse(line.to_string()))?;
        out.extend(std::iter::repeat(Lesson { class: class.to_string(), subject: subject.to_string(), teacher: teacher.to_string(), needs_lab: lab }).take(n));
    }
    Ok(out)
}

trait Availability {
    async fn is_free(&self, teacher: &str, slot: Slot) -> bool;
    async fn free_slots(&self, teacher: &str) -> Vec<Slot> {
        let mut v = Vec::new();
        for d in 0..DAYS {
            for p in 0..PERIODS {
                if self.is_free(teacher, (d, p)).await { v.push((d, p)); }
            }
        }
        v
    }
}

struct FullTime;
struct PartTime { off_days: HashMap<&'static str, Vec<usize>>, no_first_period: HashSet<&'static str> }

impl Availability for FullTime {
    async fn is_free(&self, _t: &str, _s: Slot) -> bool { true }
}
impl Availability for PartTime {
    async fn is_free(&self, teacher: &str, (day, period): Slot) -> bool {
        Yield(false).await;
        let off = self.off_days.get(teacher).map_or(false, |d| d.contains(&day));
        !off && !(period == 0 && self.no_first_period.contains(teacher))
    }
}

#[derive(Default)]
struct State { teacher: HashSet<(String, Slot)>, class: HashSet<(String, Slot)>, labs_used: HashMap<Slot, u8>, placed: Vec<Option<Slot>>, deepest: usize }

struct Ctx<'a, A> { lessons: &'a [Lesson], order: Vec<usize>, avail: &'a A, free: HashMap<String, Vec<Slot>>, labs: u8, budget: Cell<u64> }

fn solve<'a, A: Availability>(ctx: &'a Ctx<'a, A>, st: Rc<RefCell<State>>, depth: usize) -> Pin<Box<dyn Future<Output = Result<(), PlanError>> + 'a>> {
    Box::pin(async move {
        if depth == ctx.order.len() { return Ok(()); }
        let left = ctx.budget.get().checked_sub(1).ok_or(PlanError::Budget(0))?;
        ctx.budget.set(left);
        if depth % 8 == 0 { Yield(false).await; }
        let li = ctx.order[depth];
        let l = &ctx.lessons[li];
        let mut candidates: Vec<Slot> = ctx.free[&l.teacher].clone();
        {
            let s = st.borrow();
            let same_day = |d: usize| (0..PERIODS).filter(|&p| s.class.contains(&(format!("{}/{}", l.class, l.subject), (d, p)))).count();
            candidates.retain(|&slot| !s.teacher.contains(&(l.teacher.clone(), slot)) && !s.class.contains(&(l.class.clone(), slot)) && (!l.needs_lab || s.labs_used.get(&slot).copied().unwrap_or(0) < ctx.labs));
            candidates.sort_by_key(|&(d, p)| (same_day(d), p, d));
        }
        for slot in candidates {
            {
                let mut s = st.borrow_mut();
                s.deepest = s.deepest.max(depth);
                s.teacher.insert((l.teacher.clone(), slot));
                s.class.insert((l.class.clone(), slot));
                s.class.insert((format!("{}/{}", l.class, l.subject), slot));
                if l.needs_lab { *s.labs_used.entry(slot).or_default() += 1; }
                s.placed[li] = Some(slot);
            }
            match solve(ctx, Rc::clone(&st), depth + 1).await {
                Ok(()) => return Ok(()),
                Err(PlanError::Budget(n)) => return Err(PlanError::Budget(n)),
                Err(_) => {}
            }
            let mut s = st.borrow_mut();
            s.teacher.remove(&(l.teacher.clone(), slot));
            s.class.remove(&(l.class.clone(), slot));
            s.class.remove(&(format!("{}/{}", l.class, l.subject), slot));
            if l.needs_lab { *s.labs_used.get_mut(&slot).unwrap() -= 1; }
            s.placed[li] = None;
        }
        let deepest = st.borrow().deepest;
        Err(PlanError::Infeasible { deepest, total: ctx.order.len() })
    })
}

async fn build<A: Availability>(lessons: &[Lesson], avail: &A, labs: u8, budget: u64) -> Result<Vec<Option<Slot>>, PlanError> {
    let mut free = HashMap::new();
    for t in lessons.iter().map(|l| l.teacher.clone()).collect::<HashSet<_>>() {
        let slots = avail.free_slots(&t).await;
        free.insert(t, slots);
    }
    let mut order: Vec<usize> = (0..lessons.len()).collect();
    order.sort_by_key(|&i| (free[&lessons[i].teacher].len(), !lessons[i].needs_lab));
    let ctx = Ctx { lessons, order, avail, free, labs, budget: Cell::new(budget) };
    let st = Rc::new(RefCell::new(State { placed: vec![None; lessons.len()], ..Default::default() }));
    solve(&ctx, Rc::clone(&st), 0).await?;
    let placed = st.borrow().placed.clone();
    Ok(placed)
}

fn render(class: &str, lessons: &[Lesson], placed: &[Option<Slot>]) -> String {
    let mut grid = [[""; DAYS]; PERIODS];
    for (l, slot) in lessons.iter().zip(placed) {
        if let (true, Some((d, p))) = (l.class == class, slot) { grid[*p][*d] = &l.subject; }
    }
    let mut out = format!("{class:<5}{}\n", DAY_NAMES.iter().map(|d| format!("{d:<10}")).collect::<String>());
    for (p, row) in grid.iter().enumerate() {
        let _ = writeln!(out, "P{:<4}{}", p + 1, row.iter().map(|s| format!("{:<10}", if s.is_empty() { "." } else { s })).collect::<String>());
    }
    out
}

const REQS: &str = "7A maths Hill x4\n7A english Okafor x3\n7A science Ng x2 lab\n7A art Reyes x1\n\
7B maths Hill x4\n7B english Okafor x3\n7B science Ng x3 lab\n7B music Reyes x2\n8A maths Patel x4\n8A science Ng x2 lab";

fn main() {
    let lessons = parse_requirements(REQS).expect("requirements");
    println!("{} lessons", lessons.len());
    match block_on(build(&lessons, &FullTime, 1, 100_000)) {
        Ok(placed) => { print!("{}", render("7A", &lessons, &placed)); print!("{}", render("7B", &lessons, &placed)); }
        Err(e) => println!("full-time failed: {e:?}"),
    }
    let pt = PartTime { off_days: HashMap::from([("Ng", vec![0, 1, 2]), ("Reyes", vec![4])]), no_first_period: HashSet::from(["Ng"]) };
    println!("part-time: {:?}", block_on(build(&lessons, &pt, 1, 20_000)).map(|p| p.iter().flatten().count()));
    println!("{:?}", parse_requirements("9C drama x2").err());
    let load = async |teacher: &str| -> usize {
        Yield(false).await;
        lessons.iter().filter(|l| l.teacher == teacher).count()
    };
    println!("Hill {} Ng {}", block_on(load("Hill")), block_on(load("Ng")));
}
