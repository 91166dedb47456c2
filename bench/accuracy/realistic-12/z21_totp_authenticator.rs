//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! TOTP second-factor backend: decodes base32 enrolment secrets, derives time-step codes
//! with a toy keyed hash, and verifies with drift windows, replay guard and lockouts.

use std::cell::RefCell;
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

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

fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = Box::pin(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop { if let Poll::Ready(v) = f.as_mut().poll(&mut cx) { return v; } }
}

const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const DRIFT_STEPS: i64 = 1;
const MAX_FAILURES: u8 = 3;
const LOCKOUT: Duration = Duration::from_secs(300);

#[derive(Debug, PartialEq)]
enum AuthError { UnknownUser(String), BadSecret(char), Format(String), Locked { until: u64 }, Replay(u64), Invalid { failures: u8 } }

#[derive(Debug, Clone)]
struct Enrollment { user: String, secret: Vec<u8>, digits: u32, period: u64, last_step: Option<u64>, failures: u8, locked_until: Option<u64> }

fn base32_decode(s: &str) -> Result<Vec<u8>, AuthError> {
    let (mut buf, mut bits, mut out) = (0u32, 0u32, Vec::new());
    for ch in s.chars().filter(|c| !c.is_whitespace() && *c != '=' && *c != '-') {
        let up = ch.to_ascii_uppercase() as u8;
        let v = ALPHABET.iter().position(|&a| a == up).ok_or(AuthError::BadSecret(ch))? as u32;
        buf = (buf << 5) | v;
        bits += 5;
        if bits >= 8 { bits -= 8; out.push((buf >> bits) as u8); buf &= (1 << bits) - 1; }
    }
    Ok(out)
}

fn toy_hash(data: &[u8]) -> [u8; 20] {
    let mut state = [0x6a09e667u32, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f];
    for (i, chunk) in data.chunks(4).enumerate() {
        let word = chunk.iter().fold(0u32, |acc, &b| (acc << 8) | b as u32);
        let s = &mut state[i % 5];
        *s = (*s ^ word).rotate_left(7).wrapping_mul(0x9e3779b1);
        state[(i + 1) % 5] ^= state[i % 5] >> 3;
    }
    let mut out = [0u8; 20];
    for (o, s) in out.chunks_mut(4).zip(state.iter()) { o.copy_from_slice(&s.to_be_bytes()); }
    out
}

fn mac(key: &[u8], msg: &[u8]) -> [u8; 20] {
    let mut k = [0u8; 64];
    k.iter_mut().zip(key.iter()).for_each(|(d, s)| *d = *s);
    let inner: Vec<u8> = k.iter().map(|b| b ^ 0x36).chain(msg.iter().copied()).collect();
    let outer: Vec<u8> = k.iter().map(|b| b ^ 0x5c).chain(toy_hash(&inner).iter().copied()).collect();
    toy_hash(&outer)
}

fn hotp(key: &[u8], counter: u64, digits: u32) -> u32 {
    let h = mac(key, &counter.to_be_bytes());
    let off = (h[19] & 0x0f) as usize;
    let bin = u32::from_be_bytes([h[off] & 0x7f, h[off + 1], h[off + 2], h[off + 3]]);
    bin % 10u32.pow(digits)
}

trait SecretVault {
    async fn fetch(&self, user: &str) -> Result<Enrollment, AuthError>;
    async fn store(&self, e: Enrollment) -> Result<(), AuthError>;
    async fn enroll(&self, user: &str, b32: &str, digits: u32) -> Result<(), AuthError> {
        let secret = base32_decode(b32)?;
        if secret.len() < 10 { return Err(AuthError::Format(format!("secret too short: {} bytes", secret.len()))); }
        self.store(Enrollment { user: user.to_string(), secret, digits, period: 30, last_step: None, failures: 0, locked_until: None }).await
    }
}

#[derive(Default)]
struct MemoryVault { rows: RefCell<HashMap<String, Enrollment>> }
struct AuditedVault<V> { inner: V, log: Rc<RefCell<Vec<String>>> }

impl SecretVault for MemoryVault {
    async fn fetch(&self, user: &str) -> Result<Enrollment, AuthError> {
        Yield(false).await;
        self.rows.borrow().get(user).cloned().ok_or_else(|| AuthError::UnknownUser(user.to_string()))
    }
    async fn store(&self, e: Enrollment) -> Result<(), AuthError> {
        Yield(false).await;
        self.rows.borrow_mut().insert(e.user.clone(), e);
        Ok(())
    }
}

impl<V: SecretVault> SecretVault for AuditedVault<V> {
    async fn fetch(&self, user: &str) -> Result<Enrollment, AuthError> {
        let r = self.inner.fetch(user).await;
        self.log.borrow_mut().push(format!("fetch {user} ok={}", r.is_ok()));
        r
    }
    async fn store(&self, e: Enrollment) -> Result<(), AuthError> {
        let line = format!("store {} failures={} last_step={:?}", e.user, e.failures, e.last_step);
        self.inner.store(e).await?;
        self.log.borrow_mut().push(line);
        Ok(())
    }
}

async fn verify<V: SecretVault>(vault: &V, user: &str, code: &str, now: u64) -> Result<i64, AuthError> {
    let mut e = vault.fetch(user).await?;
    if let Some(until) = e.locked_until.filter(|&u| u > now) { return Err(AuthError::Locked { until }); }
    let code: u32 = code.trim().replace(' ', "").parse().map_err(|_| AuthError::Format(code.to_string()))?;
    let step = now / e.period;
    let hit = (-DRIFT_STEPS..=DRIFT_STEPS).find(|d| hotp(&e.secret, (step as i64 + d) as u64, e.digits) == code);
    let result = match hit {
        Some(d) if e.last_step.map_or(false, |l| (step as i64 + d) as u64 <= l) => Err(AuthError::Replay((step as i64 + d) as u64)),
        Some(d) => { e.last_step = Some((step as i64 + d) as u64); e.failures = 0; Ok(d) }
        None => {
            e.failures += 1;
            if e.failures >= MAX_FAILURES { e.locked_until = Some(now + LOCKOUT.as_secs()); e.failures = 0; }
            Err(AuthError::Invalid { failures: e.failures })
        }
    };
    vault.store(e).await?;
    result
}

fn main() {
    let vault = MemoryVault::default();
    let secret = "JBSW Y3DP EHPK 3PXP JBSW Y3DP";
    println!("enroll: {:?}", block_on(vault.enroll("ana", secret, 6)));
    println!("short: {:?}", block_on(vault.enroll("bo", "JBSW", 6)));
    println!("bad char: {:?}", block_on(vault.enroll("bo", "JBSW1!", 6)));
    let key = base32_decode(secret).unwrap();
    let now = 1_717_000_000u64;
    let code_at = |t: u64| format!("{:06}", hotp(&key, t / 30, 6));
    for (label, code, t) in [("current", code_at(now), now), ("replay", code_at(now), now + 1), ("late", code_at(now), now + 30), ("next", code_at(now + 60), now + 60)] {
        println!("{label:<8} {:?}", block_on(verify(&vault, "ana", &code, t)));
    }
    let log = Rc::new(RefCell::new(Vec::new()));
    let audited = AuditedVault { inner: MemoryVault::default(), log: Rc::clone(&log) };
    block_on(audited.enroll("cy", secret, 8)).unwrap();
    let brute = async |attempts: u32| -> Vec<Result<i64, AuthError>> {
        let mut out = Vec::new();
        for i in 0..attempts { out.push(verify(&audited, "cy", &format!("{:08}", i * 7919), now + i as u64).await); }
        out
    };
    println!("{:?}", block_on(brute(5)));
    println!("after lockout: {:?}", block_on(verify(&audited, "cy", &format!("{:08}", hotp(&key, (now + 400) / 30, 8)), now + 400)));
    println!("unknown: {:?}", block_on(verify(&audited, "zed", "123456", now)));
    println!("audit lines: {}", log.borrow().len());
}
