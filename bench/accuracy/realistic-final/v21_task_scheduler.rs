#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};

type LocalTask = Pin<Box<dyn Future<Output = ()>>>;

struct TaskWaker {
    id: usize,
    ready: Arc<Mutex<VecDeque<usize>>>,
}

impl Wake for TaskWaker {
    fn wake(self: Arc<Self>) {
        self.ready.lock().unwrap().push_back(self.id);
    }
}

#[derive(Clone)]
struct Timers {
    now: Rc<Cell<u64>>,
    pending: Rc<RefCell<BTreeMap<u64, Vec<Waker>>>>,
}

struct Sleep {
    until: u64,
    timers: Timers,
}

impl Future for Sleep {
    type Output = ();
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.timers.now.get() >= self.until {
            return Poll::Ready(());
        }
        self.timers.pending.borrow_mut().entry(self.until).or_default().push(cx.waker().clone());
        Poll::Pending
    }
}

impl Timers {
    fn sleep(&self, ms: u64) -> Sleep {
        Sleep { until: self.now.get() + ms, timers: self.clone() }
    }
    fn advance_to_next(&self) -> bool {
        let next = self.pending.borrow_mut().pop_first();
        match next {
            Some((t, wakers)) => {
                self.now.set(t);
                wakers.into_iter().for_each(Waker::wake);
                true
            }
            None => false,
        }
    }
}

struct Scheduler {
    tasks: HashMap<usize, LocalTask>,
    ready: Arc<Mutex<VecDeque<usize>>>,
    next_id: usize,
    timers: Timers,
}

impl Scheduler {
    fn new() -> Self {
        Scheduler {
            tasks: HashMap::new(),
            ready: Arc::new(Mutex::new(VecDeque::new())),
            next_id: 0,
            timers: Timers { now: Rc::new(Cell::new(0)), pending: Rc::new(RefCell::new(BTreeMap::new())) },
        }
    }

    fn spawn<F: Future<Output = ()> + 'static>(&mut self, f: F) -> usize {
        let id = self.next_id;
        self.next_id += 1;
        self.tasks.insert(id, Box::pin(f));
        self.ready.lock().unwrap().push_back(id);
        id
    }

    fn run(&mut self) -> u64 {
        let mut polls = 0;
        loop {
            let next = self.ready.lock().unwrap().pop_front();
            let Some(id) = next else {
                if self.tasks.is_empty() || !self.timers.advance_to_next() {
                    return polls;
                }
                continue;
            };
            let Some(task) = self.tasks.get_mut(&id) else { continue };
            let waker = Waker::from(Arc::new(TaskWaker { id, ready: self.ready.clone() }));
            let mut cx = Context::from_waker(&waker);
            polls += 1;
            if task.as_mut().poll(&mut cx).is_ready() {
                self.tasks.remove(&id);
            }
        }
    }
}

async fn heartbeat(name: &'static str, t: Timers, every: u64, times: u32, log: Rc<RefCell<Vec<String>>>) {
    for i in 0..times {
        t.sleep(every).await;
        log.borrow_mut().push(format!("t={} {} beat {}", t.now.get(), name, i));
    }
}

async fn cron_job(t: Timers, spec: &str, log: Rc<RefCell<Vec<String>>>) {
    let delays: Vec<u64> = spec.split(',').filter_map(|s| s.trim().parse().ok()).collect();
    for d in delays {
        t.sleep(d).await;
        let line = format!("t={} cron fired after {}", t.now.get(), d);
        log.borrow_mut().push(line);
    }
}

fn main() {
    let mut sched = Scheduler::new();
    let log = Rc::new(RefCell::new(Vec::new()));
    let t = sched.timers.clone();
    sched.spawn(heartbeat("api", t.clone(), 30, 3, log.clone()));
    sched.spawn(heartbeat("db", t.clone(), 45, 2, log.clone()));
    sched.spawn(cron_job(t.clone(), "10, 50, x, 5", log.clone()));
    let l2 = log.clone();
    let t2 = t.clone();
    sched.spawn(async move {
        t2.sleep(100).await;
        let n = l2.borrow().len();
        l2.borrow_mut().push(format!("t={} summary: {} events so far", t2.now.get(), n));
    });
    let counter = Rc::new(Cell::new(0));
    let c = counter.clone();
    let t3 = t.clone();
    let bump = async move |n: u64| {
        t3.sleep(n).await;
        c.set(c.get() + 1);
    };
    sched.spawn(async move {
        bump(1).await;
        bump(2).await;
    });
    let polls = sched.run();
    for line in log.borrow().iter() {
        println!("{}", line);
    }
    println!("polls={} final time={} bumps={}", polls, t.now.get(), counter.get());
}
