#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Actor runtime with typed mailboxes, request/reply via oneshot slots, and a restarting supervisor.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, VecDeque};
use std::future::{poll_fn, Future};
use std::pin::{pin, Pin};
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

struct Yield(u8);

impl Future for Yield {
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
    let mut fut = pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

type Reply<T> = Rc<RefCell<Option<T>>>;

async fn await_reply<T>(slot: Reply<T>, max_spins: u32) -> Option<T> {
    let mut spins = 0;
    poll_fn(|cx| {
        if let Some(v) = slot.borrow_mut().take() {
            return Poll::Ready(Some(v));
        }
        spins += 1;
        if spins > max_spins {
            return Poll::Ready(None);
        }
        cx.waker().wake_by_ref();
        Poll::Pending
    })
    .await
}

#[derive(Debug)]
enum ActorError {
    Crashed(String),
    Overdrawn { balance: i64, requested: i64 },
}

trait Actor: Sized {
    type Msg;
    fn name(&self) -> String;
    async fn handle(&mut self, msg: Self::Msg) -> Result<(), ActorError>;
    fn restart(&self) -> Self;
}

struct Mailbox<A: Actor> {
    queue: RefCell<VecDeque<A::Msg>>,
    delivered: Cell<u64>,
}

struct Addr<A: Actor>(Rc<Mailbox<A>>);

impl<A: Actor> Clone for Addr<A> {
    fn clone(&self) -> Self {
        Addr(Rc::clone(&self.0))
    }
}

impl<A: Actor> Addr<A> {
    fn tell(&self, msg: A::Msg) {
        self.0.queue.borrow_mut().push_back(msg);
    }
    async fn ask<T>(&self, build: impl FnOnce(Reply<T>) -> A::Msg) -> Option<T> {
        let slot: Reply<T> = Rc::new(RefCell::new(None));
        self.tell(build(Rc::clone(&slot)));
        await_reply(slot, 200).await
    }
}

enum AccountMsg {
    Deposit(i64),
    Withdraw(i64, Reply<Result<i64, String>>),
    Balance(Reply<i64>),
    Poison,
}

struct Account {
    id: String,
    balance: i64,
    audit: Addr<AuditLog>,
}

impl Actor for Account {
    type Msg = AccountMsg;
    fn name(&self) -> String {
        format!("account/{}", self.id)
    }
    async fn handle(&mut self, msg: AccountMsg) -> Result<(), ActorError> {
        match msg {
            AccountMsg::Deposit(n) => self.balance += n,
            AccountMsg::Withdraw(n, reply) if n > self.balance => {
                *reply.borrow_mut() = Some(Err(format!("insufficient funds: {} < {n}", self.balance)));
                return Err(ActorError::Overdrawn { balance: self.balance, requested: n });
            }
            AccountMsg::Withdraw(n, reply) => {
                self.balance -= n;
                *reply.borrow_mut() = Some(Ok(self.balance));
            }
            AccountMsg::Balance(reply) => *reply.borrow_mut() = Some(self.balance),
            AccountMsg::Poison => return Err(ActorError::Crashed("poison pill".into())),
        }
        Yield(1).await;
        self.audit.tell(format!("{} balance={}", self.id, self.balance));
        Ok(())
    }
    fn restart(&self) -> Self {
        Account { id: self.id.clone(), balance: self.balance, audit: self.audit.clone() }
    }
}

struct AuditLog {
    lines: Rc<RefCell<Vec<String>>>,
}

impl Actor for AuditLog {
    type Msg = String;
    fn name(&self) -> String {
        "audit".into()
    }
    async fn handle(&mut self, msg: String) -> Result<(), ActorError> {
        Yield(2).await;
        self.lines.borrow_mut().push(msg);
        Ok(())
    }
    fn restart(&self) -> Self {
        AuditLog { lines: Rc::clone(&self.lines) }
    }
}

fn spawn<A: Actor>() -> Addr<A> {
    Addr(Rc::new(Mailbox { queue: RefCell::new(VecDeque::new()), delivered: Cell::new(0) }))
}

async fn supervise<A: Actor>(mut actor: A, addr: Addr<A>, idle_limit: u32, restarts: &Cell<u32>) -> A {
    let mut idle = 0;
    loop {
        let next = addr.0.queue.borrow_mut().pop_front();
        let Some(msg) = next else {
            idle += 1;
            if idle > idle_limit {
                break actor;
            }
            Yield(1).await;
            continue;
        };
        idle = 0;
        addr.0.delivered.set(addr.0.delivered.get() + 1);
        if let Err(e) = actor.handle(msg).await {
            restarts.set(restarts.get() + 1);
            actor = actor.restart();
        }
    }
}

fn main() {
    let lines = Rc::new(RefCell::new(Vec::new()));
    let audit_addr: Addr<AuditLog> = spawn();
    let acct_addr: Addr<Account> = spawn();
    let restarts = Cell::new(0);

    let client = {
        let acct = acct_addr.clone();
        async move {
            acct.tell(AccountMsg::Deposit(500));
            let w1 = acct.ask(|r| AccountMsg::Withdraw(120, r)).await;
            let w2 = acct.ask(|r| AccountMsg::Withdraw(9_000, r)).await;
            acct.tell(AccountMsg::Poison);
            let bal = acct.ask(AccountMsg::Balance).await;
            vec![format!("w1={w1:?}"), format!("w2={w2:?}"), format!("balance={bal:?}")]
        }
    };

    let mut tasks: Vec<Pin<Box<dyn Future<Output = Option<String>> + '_>>> = vec![
        Box::pin(async { Some(supervise(Account { id: "acc-17".into(), balance: 0, audit: audit_addr.clone() }, acct_addr.clone(), 30, &restarts).await.name()) }),
        Box::pin(async { Some(supervise(AuditLog { lines: Rc::clone(&lines) }, audit_addr.clone(), 40, &restarts).await.name()) }),
        Box::pin(async { Some(client.await.join(" ")) }),
    ];
    let mut results: Vec<Option<Option<String>>> = vec![None, None, None];
    block_on(poll_fn(|cx| {
        for (t, slot) in tasks.iter_mut().zip(results.iter_mut()) {
            if slot.is_none() {
                if let Poll::Ready(v) = t.as_mut().poll(cx) {
                    *slot = Some(v);
                }
            }
        }
        if results.iter().all(Option::is_some) { Poll::Ready(()) } else { Poll::Pending }
    }));
    drop(tasks);
    for r in results.iter().flatten().flatten() {
        println!("finished: {r}");
    }
    println!("restarts={} delivered acct={} audit={}", restarts.get(), acct_addr.0.delivered.get(), audit_addr.0.delivered.get());
    lines.borrow().iter().for_each(|l| println!("  audit: {l}"));
}
