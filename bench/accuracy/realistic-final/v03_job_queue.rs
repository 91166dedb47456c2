#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::cell::RefCell;
use std::collections::VecDeque;
use std::fmt::Debug;
use std::future::Future;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

mod rt {
    use std::future::Future;
    use std::pin::Pin;
    use std::task::{Context, Poll};

    pub struct YieldNow(bool);
    impl Future for YieldNow {
        type Output = ();
        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            if self.0 {
                Poll::Ready(())
            } else {
                self.0 = true;
                cx.waker().wake_by_ref();
                Poll::Pending
            }
        }
    }
    pub fn yield_now() -> YieldNow {
        YieldNow(false)
    }
}

#[derive(Debug, Clone)]
enum Job {
    Resize { id: u32, width: u32, height: u32 },
    Email { to: String, subject: String },
    Noop,
}

#[derive(Debug)]
enum Outcome {
    Done(u32),
    Failed(String),
    Skipped,
}

struct Queue {
    pending: RefCell<VecDeque<Job>>,
    completed: RefCell<Vec<Outcome>>,
}

impl Queue {
    fn new() -> Rc<Self> {
        Rc::new(Queue { pending: RefCell::new(VecDeque::new()), completed: RefCell::new(Vec::new()) })
    }

    fn push(&self, job: Job) {
        self.pending.borrow_mut().push_back(job);
    }

    fn pop(&self) -> Option<Job> {
        self.pending.borrow_mut().pop_front()
    }
}

async fn run_job(job: Job) -> Outcome {
    match job {
        Job::Resize { id, width, height } => {
            rt::yield_now().await;
            if width == 0 || height == 0 {
                Outcome::Failed(format!("bad dims for {}", id))
            } else {
                Outcome::Done(width * height)
            }
        }
        Job::Email { to, subject } => {
            if !to.contains('@') {
                return Outcome::Failed(format!("invalid address {}", to));
            }
            rt::yield_now().await;
            Outcome::Done(subject.len() as u32)
        }
        Job::Noop => Outcome::Skipped,
    }
}

async fn drain<F, Fut>(q: Rc<Queue>, mut hook: F) -> usize
where
    F: FnMut(&Outcome) -> Fut,
    Fut: Future<Output = bool>,
{
    let mut count = 0;
    while let Some(job) = q.pop() {
        let outcome = run_job(job).await;
        let keep_going = hook(&outcome).await;
        q.completed.borrow_mut().push(outcome);
        count += 1;
        if !keep_going {
            break;
        }
    }
    count
}

async fn retry_failed<T: Debug + Clone>(items: Vec<T>, attempts: usize) -> Vec<T> {
    let mut left = items;
    for round in 0..attempts {
        rt::yield_now().await;
        let before = left.len();
        left = left.into_iter().skip(1).collect();
        if left.len() == before {
            break;
        }
    }
    left
}

fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = Box::pin(f);
    let waker = Waker::noop();
    let mut cx = Context::from_waker(&waker);
    loop {
        match f.as_mut().poll(&mut cx) {
            Poll::Ready(v) => return v,
            Poll::Pending => continue,
        }
    }
}

fn main() {
    let q = Queue::new();
    q.push(Job::Resize { id: 1, width: 640, height: 480 });
    q.push(Job::Email { to: "ops@example.com".into(), subject: "nightly".into() });
    q.push(Job::Email { to: "nobody".into(), subject: "x".into() });
    q.push(Job::Noop);
    q.push(Job::Resize { id: 2, width: 0, height: 1 });

    let failures = Rc::new(RefCell::new(0u32));
    let f2 = failures.clone();
    let hook = move |o: &Outcome| {
        let failed = matches!(o, Outcome::Failed(_));
        let f3 = f2.clone();
        async move {
            if failed {
                *f3.borrow_mut() += 1;
            }
            *f3.borrow() < 3
        }
    };
    let n = block_on(drain(q.clone(), hook));
    println!("processed {} jobs, {} failures", n, failures.borrow());
    for o in q.completed.borrow().iter() {
        if let Outcome::Done(v) = o {
            println!("done {}", v);
        }
    }

    let left = block_on(retry_failed(vec!["a", "b", "c"], 2));
    let left_nums = block_on(retry_failed(vec![1u64, 2, 3, 4], 3));
    println!("{:?} {:?}", left, left_nums);

    let summarize = async |q: Rc<Queue>| -> String {
        rt::yield_now().await;
        let done = q.completed.borrow().iter().filter(|o| matches!(o, Outcome::Done(_))).count();
        format!("{} done, {} pending", done, q.pending.borrow().len())
    };
    println!("{}", block_on(summarize(q.clone())));
}
