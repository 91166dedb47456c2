//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Escrow closing desk: tracks contingencies on a property sale, collects sign-offs from
//! outside verifiers and produces the disbursement sheet once every condition has cleared.

use std::cell::RefCell;
use std::collections::BTreeMap;
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

#[derive(Debug)]
enum EscrowError {
    NotCovered(Condition),
    Failed { condition: Condition, reason: String },
    Short { needed: i64, held: i64 },
    Open(Condition),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Condition { Inspection, Appraisal, TitleSearch, LoanFunding }

const ALL: [Condition; 4] = [Condition::Inspection, Condition::Appraisal, Condition::TitleSearch, Condition::LoanFunding];

struct EscrowFile { property: String, price_cents: i64, deposits: Vec<(String, i64)>, cleared: BTreeMap<Condition, String>, trail: Vec<String> }

impl EscrowFile {
    fn held(&self) -> i64 { self.deposits.iter().map(|(_, c)| *c).sum() }
}

type Shared = Rc<RefCell<EscrowFile>>;

struct ClosingSession { file: Shared, officer: String }

impl Drop for ClosingSession {
    fn drop(&mut self) {
        let line = format!("session closed by {}", self.officer);
        self.file.borrow_mut().trail.push(line);
    }
}

async fn note(file: &Shared, line: &str) {
    yield_now().await;
    file.borrow_mut().trail.push(line.to_string());
}

trait Verifier {
    fn name(&self) -> String;
    fn covers(&self) -> &[Condition];
    async fn verify(&self, file: &Shared, cond: Condition) -> Result<String, EscrowError>;

    async fn verify_all(&self, file: &Shared) -> Result<usize, EscrowError> {
        let mut cleared = 0;
        for &cond in self.covers() {
            let signoff = self.verify(file, cond).await?;
            note(file, &format!("{}: {cond:?} -> {signoff}", self.name())).await;
            file.borrow_mut().cleared.insert(cond, signoff);
            cleared += 1;
        }
        Ok(cleared)
    }
}

struct TitleCompany { liens: Vec<(String, i64)> }
struct Lender { approved_cents: i64, appraisal_cents: i64 }

impl Verifier for TitleCompany {
    fn name(&self) -> String { "Summit Title".into() }
    fn covers(&self) -> &[Condition] { &[Condition::TitleSearch, Condition::Inspection] }

    async fn verify(&self, file: &Shared, cond: Condition) -> Result<String, EscrowError> {
        yield_now().await;
        match cond {
            Condition::TitleSearch if self.liens.is_empty() => Ok("clear title".into()),
            Condition::TitleSearch => {
                let total: i64 = self.liens.iter().map(|(_, c)| *c).sum();
                let held = file.borrow().held();
                if total > held / 10 {
                    let names: Vec<&str> = self.liens.iter().map(|(n, _)| n.as_str()).collect();
                    return Err(EscrowError::Failed { condition: cond, reason: names.join(", ") });
                }
                Ok(format!("{} liens paid from proceeds", self.liens.len()))
            }
            Condition::Inspection => Ok(format!("inspection of {} accepted", file.borrow().property)),
            other => Err(EscrowError::NotCovered(other)),
        }
    }
}

impl Verifier for Lender {
    fn name(&self) -> String { "First Mutual".into() }
    fn covers(&self) -> &[Condition] { &[Condition::Appraisal, Condition::LoanFunding] }

    async fn verify(&self, file: &Shared, cond: Condition) -> Result<String, EscrowError> {
        let price = file.borrow().price_cents;
        yield_now().await;
        match cond {
            Condition::Appraisal if self.appraisal_cents >= price => Ok("appraised at or above price".into()),
            Condition::Appraisal => Err(EscrowError::Failed { condition: cond, reason: "low appraisal".into() }),
            Condition::LoanFunding => {
                let held = file.borrow().held() + self.approved_cents;
                if held < price { Err(EscrowError::Short { needed: price, held }) } else { Ok("wire received".into()) }
            }
            other => Err(EscrowError::NotCovered(other)),
        }
    }
}

async fn clear_with<V>(file: &Shared, verifier: &V) -> Result<usize, EscrowError>
where
    V: Verifier,
{
    let n = verifier.verify_all(file).await?;
    note(file, &format!("{} cleared {n} condition(s)", verifier.name())).await;
    Ok(n)
}

async fn disbursement(file: &Shared, loan_cents: i64) -> Result<Vec<(String, i64)>, EscrowError> {
    for cond in ALL {
        let open = !file.borrow().cleared.contains_key(&cond);
        if open { return Err(EscrowError::Open(cond)); }
        yield_now().await;
    }
    let f = file.borrow();
    let commission = f.price_cents * 5 / 100;
    let mut sheet = vec![("broker commission".to_string(), commission)];
    if let Some(signoff) = f.cleared.get(&Condition::TitleSearch) && signoff.contains("liens") {
        sheet.push(("lien payoff".into(), 900_000));
    }
    let paid_out: i64 = sheet.iter().map(|(_, c)| *c).sum();
    sheet.push(("seller proceeds".into(), f.held() + loan_cents - paid_out));
    Ok(sheet)
}

pub fn main() {
    let file: Shared = Rc::new(RefCell::new(EscrowFile {
        property: "14 Larch Lane".into(),
        price_cents: 48_500_000,
        deposits: Vec::new(),
        cleared: BTreeMap::new(),
        trail: Vec::new(),
    }));
    let title = TitleCompany { liens: vec![("HOA dues".into(), 900_000)] };
    let lender = Lender { approved_cents: 38_800_000, appraisal_cents: 49_000_000 };

    let deposit = async |who: &str, cents: i64| -> i64 {
        yield_now().await;
        file.borrow_mut().deposits.push((who.to_string(), cents));
        file.borrow().held()
    };
    println!("held after earnest money: {}", block_on(deposit("buyer earnest", 1_500_000)));
    println!("held after down payment: {}", block_on(deposit("buyer down", 8_200_000)));

    println!("early disbursement: {:?}", block_on(disbursement(&file, lender.approved_cents)).err());

    let checks: Vec<Pin<Box<dyn Future<Output = Result<usize, EscrowError>> + '_>>> =
        vec![Box::pin(clear_with(&file, &title)), Box::pin(clear_with(&file, &lender))];
    for check in checks {
        match block_on(check) {
            Ok(n) => println!("cleared {n}"),
            Err(EscrowError::Short { needed, held }) => println!("short by {}", needed - held),
            Err(e) => println!("blocked: {e:?}"),
        }
    }

    {
        let session = ClosingSession { file: Rc::clone(&file), officer: "M. Ortega".into() };
        let sheet = block_on(async {
            note(&session.file, &format!("closing opened by {}", session.officer)).await;
            disbursement(&session.file, 38_800_000).await
        });
        for (line, cents) in sheet.unwrap_or_default() {
            println!("{line:>20}: {:>10.2}", cents as f64 / 100.0);
        }
    }
    block_on(note(&file, "file archived"));
    file.borrow().trail.iter().for_each(|l| println!("  {l}"));
}
