#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]
// Saga workflow for a trip booking: run steps in order, on failure run compensations in reverse.

#[derive(Debug, Clone, Copy, PartialEq)]
enum Step {
    ReserveFlight,
    ReserveHotel,
    ChargeCard,
    SendConfirmation,
}

#[derive(Debug, Default)]
struct SagaLog {
    done: Vec<(Step, String)>,
    compensated: Vec<Step>,
    failed_at: Option<Step>,
}

struct TripRequest {
    traveler: String,
    city: String,
    nights: u8,
    budget_cents: u64,
}

async fn call_service(step: Step, req: &TripRequest) -> Result<String, String> {
    match step {
        Step::ReserveFlight => Ok(format!("FL-{}", req.city.to_uppercase())),
        Step::ReserveHotel if req.nights == 0 => Err("hotel needs at least one night".into()),
        Step::ReserveHotel => Ok(format!("HT-{}", req.nights)),
        Step::ChargeCard if req.budget_cents < 50_000 => Err("card declined".into()),
        Step::ChargeCard => Ok("CH-1".into()),
        Step::SendConfirmation => Ok(format!("mail to {}", req.traveler)),
    }
}

async fn compensate(step: Step, reference: &str) -> Result<(), String> {
    match step {
        Step::SendConfirmation => Ok(()),
        _ if reference.is_empty() => Err("missing reference".into()),
        _ => Ok(()),
    }
}

trait Saga {
    async fn run(&self, log: &mut SagaLog) -> Result<(), String>;
}

struct BookTrip {
    req: TripRequest,
    steps: Vec<Step>,
}

impl Saga for BookTrip {
    async fn run(&self, log: &mut SagaLog) -> Result<(), String> {
        for &step in &self.steps {
            match call_service(step, &self.req).await {
                Ok(reference) => log.done.push((step, reference)),
                Err(e) => {
                    log.failed_at = Some(step);
                    rollback(log).await;
                    return Err(format!("{:?} failed: {}", step, e));
                }
            }
        }
        Ok(())
    }
}

async fn rollback(log: &mut SagaLog) {
    while let Some((step, reference)) = log.done.pop() {
        let mut attempts = 0;
        loop {
            attempts += 1;
            match compensate(step, &reference).await {
                Ok(()) => break,
                Err(_) if attempts < 3 => continue,
                Err(e) => {
                    println!("manual intervention needed for {:?}: {}", step, e);
                    break;
                }
            }
        }
        log.compensated.push(step);
    }
}

pub async fn book(city: &str, nights: u8, budget_cents: u64) -> Result<usize, String> {
    let saga = BookTrip {
        req: TripRequest { traveler: "sam@example.com".into(), city: city.into(), nights, budget_cents },
        steps: vec![Step::ReserveFlight, Step::ReserveHotel, Step::ChargeCard, Step::SendConfirmation],
    };
    let mut log = SagaLog::default();
    let outcome = saga.run(&mut log).await;
    match outcome {
        Ok(()) => Ok(log.done.len()),
        Err(e) => {
            assert_eq!(log.done.len(), 0);
            println!("rolled back {:?} after {:?}", log.compensated, log.failed_at);
            Err(e)
        }
    }
}

pub async fn demo() -> (bool, bool) {
    let ok = book("lisbon", 3, 120_000).await.is_ok();
    let declined = async { book("oslo", 2, 10_000).await.is_err() }.await;
    (ok, declined)
}
