#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]
// Payment flow: authorize, capture, and partial/full refunds with a ledger.

#[derive(Debug, Clone, Copy, PartialEq)]
enum PaymentState {
    Authorized,
    Captured,
    PartiallyRefunded,
    Refunded,
    Voided,
}

#[derive(Debug, Clone)]
struct Payment {
    id: String,
    amount_cents: u64,
    refunded_cents: u64,
    state: PaymentState,
}

#[derive(Debug)]
struct LedgerEntry {
    payment_id: String,
    delta: i64,
    memo: String,
}

async fn gateway_authorize(card: &str, amount: u64) -> Result<String, String> {
    if card.len() != 16 {
        return Err("invalid card number".into());
    }
    if amount > 1_000_000 {
        return Err("amount over limit".into());
    }
    Ok(format!("auth_{}_{}", &card[12..], amount))
}

async fn gateway_capture(auth_id: &str) -> Result<(), String> {
    Ok(())
}

async fn gateway_refund(auth_id: &str, amount: u64) -> Result<String, String> {
    Ok(format!("re_{}_{}", auth_id, amount))
}

struct PaymentService {
    ledger: Vec<LedgerEntry>,
}

impl PaymentService {
    async fn charge(&mut self, card: &str, amount_cents: u64) -> Result<Payment, String> {
        let id = gateway_authorize(card, amount_cents).await?;
        let mut payment = Payment { id, amount_cents, refunded_cents: 0, state: PaymentState::Authorized };
        if let Err(e) = gateway_capture(&payment.id).await {
            payment.state = PaymentState::Voided;
            return Err(format!("capture failed: {}", e));
        }
        payment.state = PaymentState::Captured;
        self.ledger.push(LedgerEntry { payment_id: payment.id.clone(), delta: amount_cents as i64, memo: "capture".into() });
        Ok(payment)
    }

    async fn refund(&mut self, payment: &mut Payment, amount: Option<u64>) -> Result<u64, String> {
        let remaining = payment.amount_cents - payment.refunded_cents;
        let amount = amount.unwrap_or(remaining);
        match payment.state {
            PaymentState::Captured | PaymentState::PartiallyRefunded if amount <= remaining => {}
            PaymentState::Captured | PaymentState::PartiallyRefunded => {
                return Err(format!("refund {} exceeds remaining {}", amount, remaining));
            }
            other => return Err(format!("cannot refund in state {:?}", other)),
        }
        let refund_id = gateway_refund(&payment.id, amount).await?;
        payment.refunded_cents += amount;
        payment.state = if payment.refunded_cents == payment.amount_cents {
            PaymentState::Refunded
        } else {
            PaymentState::PartiallyRefunded
        };
        self.ledger.push(LedgerEntry { payment_id: payment.id.clone(), delta: -(amount as i64), memo: refund_id });
        Ok(remaining - amount)
    }

    fn balance(&self) -> i64 {
        self.ledger.iter().map(|e| e.delta).sum()
    }
}

pub async fn checkout_and_return() -> Result<i64, String> {
    let mut svc = PaymentService { ledger: Vec::new() };
    let mut p = svc.charge("4242424242424242", 5_000).await?;
    let left = svc.refund(&mut p, Some(1_500)).await?;
    assert_eq!(p.state, PaymentState::PartiallyRefunded);
    let left = svc.refund(&mut p, None).await?;
    assert_eq!(left, 0);
    if svc.refund(&mut p, Some(1)).await.is_ok() {
        return Err("refunded twice".into());
    }
    let bad = svc.charge("1234", 100).await;
    if let Err(msg) = &bad {
        println!("declined: {}", msg);
    }
    Ok(svc.balance())
}
