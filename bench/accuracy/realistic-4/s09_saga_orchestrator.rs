#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Saga orchestrator for order checkout: runs steps in order and compensates completed ones on failure.

use std::cell::RefCell;
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

type LocalBoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

struct Pause {
    remaining: u8,
}

fn pause(n: u8) -> Pause {
    Pause { remaining: n }
}

impl Future for Pause {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        match self.remaining {
            0 => Poll::Ready(()),
            _ => {
                self.remaining -= 1;
                cx.waker().wake_by_ref();
                Poll::Pending
            }
        }
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

#[derive(Debug, Clone)]
enum StepError {
    Declined(String),
    OutOfStock { sku: String, wanted: u32, available: u32 },
    Downstream(&'static str),
}

#[derive(Debug, Default)]
struct SagaCtx {
    order_id: u32,
    sku: String,
    qty: u32,
    amount_cents: i64,
    reservation: Option<String>,
    charge_id: Option<String>,
    shipment: Option<String>,
}

#[derive(Default)]
struct Backends {
    stock: HashMap<String, u32>,
    balances: HashMap<u32, i64>,
    charges: Vec<(String, i64)>,
    carrier_down: bool,
}

type Shared = Rc<RefCell<Backends>>;

trait Step {
    fn name(&self) -> &'static str;
    fn execute<'a>(&'a self, ctx: &'a mut SagaCtx) -> LocalBoxFuture<'a, Result<(), StepError>>;
    fn compensate<'a>(&'a self, ctx: &'a mut SagaCtx) -> LocalBoxFuture<'a, Result<(), StepError>>;
}

struct ReserveStock(Shared);
struct ChargeCard(Shared);
struct BookShipment(Shared);

impl Step for ReserveStock {
    fn name(&self) -> &'static str {
        "reserve-stock"
    }
    fn execute<'a>(&'a self, ctx: &'a mut SagaCtx) -> LocalBoxFuture<'a, Result<(), StepError>> {
        Box::pin(async move {
            pause(1).await;
            let mut b = self.0.borrow_mut();
            let available = b.stock.get(&ctx.sku).copied().unwrap_or(0);
            if available < ctx.qty {
                return Err(StepError::OutOfStock { sku: ctx.sku.clone(), wanted: ctx.qty, available });
            }
            b.stock.insert(ctx.sku.clone(), available - ctx.qty);
            ctx.reservation = Some(format!("res-{}-{}", ctx.order_id, ctx.sku));
            Ok(())
        })
    }
    fn compensate<'a>(&'a self, ctx: &'a mut SagaCtx) -> LocalBoxFuture<'a, Result<(), StepError>> {
        Box::pin(async move {
            if ctx.reservation.take().is_some() {
                pause(1).await;
                *self.0.borrow_mut().stock.entry(ctx.sku.clone()).or_insert(0) += ctx.qty;
            }
            Ok(())
        })
    }
}

impl Step for ChargeCard {
    fn name(&self) -> &'static str {
        "charge-card"
    }
    fn execute<'a>(&'a self, ctx: &'a mut SagaCtx) -> LocalBoxFuture<'a, Result<(), StepError>> {
        Box::pin(async move {
            pause(2).await;
            let balance = self.0.borrow().balances.get(&ctx.order_id).copied().unwrap_or(0);
            if balance < ctx.amount_cents {
                return Err(StepError::Declined(format!("insufficient funds: {} < {}", balance, ctx.amount_cents)));
            }
            let id = format!("ch_{:05}", ctx.order_id * 7 + 11);
            let mut b = self.0.borrow_mut();
            b.balances.insert(ctx.order_id, balance - ctx.amount_cents);
            b.charges.push((id.clone(), ctx.amount_cents));
            ctx.charge_id = Some(id);
            Ok(())
        })
    }
    fn compensate<'a>(&'a self, ctx: &'a mut SagaCtx) -> LocalBoxFuture<'a, Result<(), StepError>> {
        Box::pin(async move {
            let Some(id) = ctx.charge_id.take() else { return Ok(()) };
            pause(1).await;
            let mut b = self.0.borrow_mut();
            b.charges.push((format!("refund:{}", id), -ctx.amount_cents));
            *b.balances.entry(ctx.order_id).or_insert(0) += ctx.amount_cents;
            Ok(())
        })
    }
}

impl Step for BookShipment {
    fn name(&self) -> &'static str {
        "book-shipment"
    }
    fn execute<'a>(&'a self, ctx: &'a mut SagaCtx) -> LocalBoxFuture<'a, Result<(), StepError>> {
        Box::pin(async move {
            pause(3).await;
            if self.0.borrow().carrier_down {
                return Err(StepError::Downstream("carrier API 503"));
            }
            ctx.shipment = Some(format!("trk-{}", ctx.order_id));
            Ok(())
        })
    }
    fn compensate<'a>(&'a self, ctx: &'a mut SagaCtx) -> LocalBoxFuture<'a, Result<(), StepError>> {
        Box::pin(async move {
            ctx.shipment = None;
            Ok(())
        })
    }
}

#[derive(Debug)]
enum SagaOutcome {
    Completed { steps: usize },
    RolledBack { failed_at: &'static str, cause: StepError, compensated: Vec<&'static str> },
}

struct Orchestrator {
    steps: Vec<Box<dyn Step>>,
}

impl Orchestrator {
    async fn run(&self, ctx: &mut SagaCtx, mut audit: impl FnMut(String)) -> SagaOutcome {
        let mut done: Vec<&dyn Step> = Vec::new();
        for step in &self.steps {
            audit(format!("order {} -> {}", ctx.order_id, step.name()));
            match step.execute(ctx).await {
                Ok(()) => done.push(step.as_ref()),
                Err(cause) => {
                    let mut compensated = Vec::new();
                    while let Some(prev) = done.pop() {
                        match prev.compensate(ctx).await {
                            Ok(()) => compensated.push(prev.name()),
                            Err(e) => audit(format!("compensation of {} failed: {:?}", prev.name(), e)),
                        }
                    }
                    return SagaOutcome::RolledBack { failed_at: step.name(), cause, compensated };
                }
            }
        }
        SagaOutcome::Completed { steps: done.len() }
    }
}

fn main() {
    let shared: Shared = Rc::new(RefCell::new(Backends::default()));
    {
        let mut b = shared.borrow_mut();
        b.stock.insert("kbd-01".into(), 5);
        b.stock.insert("mouse-7".into(), 1);
        b.balances.extend([(1, 10_000), (2, 500), (3, 9_000), (4, 9_000)]);
    }
    let saga = Orchestrator {
        steps: vec![Box::new(ReserveStock(shared.clone())), Box::new(ChargeCard(shared.clone())), Box::new(BookShipment(shared.clone()))],
    };
    let orders = vec![(1, "kbd-01", 2, 4_000), (2, "kbd-01", 1, 2_000), (3, "mouse-7", 3, 1_500), (4, "kbd-01", 1, 2_500)];
    let mut audit_log: Vec<String> = Vec::new();
    let outcomes = block_on(async {
        let mut outcomes = Vec::new();
        for (id, sku, qty, amount) in orders {
            if id == 4 {
                shared.borrow_mut().carrier_down = true;
            }
            let mut ctx = SagaCtx { order_id: id, sku: sku.to_string(), qty, amount_cents: amount, ..Default::default() };
            let outcome = saga.run(&mut ctx, |line| audit_log.push(line)).await;
            outcomes.push((id, outcome, ctx.shipment.clone()));
        }
        outcomes
    });
    for (id, outcome, shipment) in &outcomes {
        match outcome {
            SagaOutcome::Completed { steps } => println!("order {}: completed {} steps, shipment {:?}", id, steps, shipment),
            SagaOutcome::RolledBack { failed_at, cause: StepError::Declined(why), .. } => println!("order {}: declined at {}: {}", id, failed_at, why),
            SagaOutcome::RolledBack { failed_at, cause, compensated } => println!("order {}: failed at {} ({:?}), undid {:?}", id, failed_at, cause, compensated),
        }
    }
    let b = shared.borrow();
    println!("stock={:?} charges={:?} audit_lines={}", b.stock.get("kbd-01"), b.charges, audit_log.len());
}
