#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Tamper-evident audit log: hash-chained records, pluggable async sinks and an offline verifier that pinpoints edits.

use std::cell::RefCell;
use std::fmt::Write as _;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

fn waker() -> Waker {
    fn clone(_: *const ()) -> RawWaker { RawWaker::new(std::ptr::null(), &VTABLE) }
    fn noop(_: *const ()) {}
    static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    unsafe { Waker::from_raw(clone(std::ptr::null())) }
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let w = waker();
    let mut cx = Context::from_waker(&w);
    let mut fut = Box::pin(fut);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) { return v; }
    }
}

struct Yield { n: u8 }
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.n == 0 { Poll::Ready(()) } else { self.n -= 1; cx.waker().wake_by_ref(); Poll::Pending }
    }
}

fn digest(prev: &[u8; 16], body: &str) -> [u8; 16] {
    let (mut a, mut b) = (0xcbf29ce484222325u64, 0x84222325cbf29ce4u64);
    for &x in prev.iter().chain(body.as_bytes()) {
        a = (a ^ x as u64).wrapping_mul(0x100000001b3);
        b = (b ^ a.rotate_left(17)).wrapping_mul(0x9e3779b97f4a7c15) ^ x as u64;
    }
    let mut out = [0u8; 16];
    out[..8].copy_from_slice(&a.to_be_bytes());
    out[8..].copy_from_slice(&b.to_be_bytes());
    out
}

fn hex(h: &[u8]) -> String { h.iter().fold(String::new(), |mut s, b| { let _ = write!(s, "{b:02x}"); s }) }

#[derive(Debug, Clone)]
struct Record { seq: u64, actor: String, action: String, prev: [u8; 16], hash: [u8; 16] }

#[derive(Debug)]
enum AuditError { Sink(String), Broken { seq: u64, reason: &'static str } }

trait AuditSink {
    async fn write(&mut self, rec: &Record) -> Result<(), AuditError>;
    async fn write_all(&mut self, recs: &[Record]) -> Result<usize, AuditError> {
        for r in recs { self.write(r).await?; }
        Ok(recs.len())
    }
}

struct MemSink { rows: Rc<RefCell<Vec<Record>>> }
impl AuditSink for MemSink {
    async fn write(&mut self, rec: &Record) -> Result<(), AuditError> {
        Yield { n: 1 }.await;
        self.rows.borrow_mut().push(rec.clone());
        Ok(())
    }
}

struct SyslogSink { lines: Vec<String>, max: usize }
impl AuditSink for SyslogSink {
    async fn write(&mut self, rec: &Record) -> Result<(), AuditError> {
        if self.lines.len() >= self.max { return Err(AuditError::Sink(format!("syslog full at seq {}", rec.seq))); }
        Yield { n: 2 }.await;
        self.lines.push(format!("<134>audit seq={} actor={} {}", rec.seq, rec.actor, rec.action));
        Ok(())
    }
}

struct Tee<A, B> { primary: A, secondary: B, secondary_errors: u32 }
impl<A: AuditSink, B: AuditSink> AuditSink for Tee<A, B> {
    async fn write(&mut self, rec: &Record) -> Result<(), AuditError> {
        self.primary.write(rec).await?;
        if let Err(e) = self.secondary.write(rec).await { self.secondary_errors += 1; }
        Ok(())
    }
}

struct AuditLog<S> { head: [u8; 16], seq: u64, sink: S }

impl<S: AuditSink> AuditLog<S> {
    async fn append(&mut self, actor: &str, action: &str) -> Result<String, AuditError> {
        let body = format!("{}|{actor}|{action}", self.seq + 1);
        let hash = digest(&self.head, &body);
        let rec = Record { seq: self.seq + 1, actor: actor.into(), action: action.into(), prev: self.head, hash };
        self.sink.write(&rec).await?;
        self.head = hash;
        self.seq += 1;
        Ok(hex(&hash[..4]))
    }
}

async fn verify(rows: &[Record]) -> Result<u64, AuditError> {
    let mut expected_prev = [0u8; 16];
    for (i, r) in rows.iter().enumerate() {
        if i % 2 == 0 { Yield { n: 1 }.await; }
        let Record { seq, actor, action, prev, hash } = r;
        if *seq != i as u64 + 1 { return Err(AuditError::Broken { seq: *seq, reason: "gap in sequence" }); }
        if *prev != expected_prev { return Err(AuditError::Broken { seq: *seq, reason: "prev pointer mismatch" }); }
        if digest(prev, &format!("{seq}|{actor}|{action}")) != *hash { return Err(AuditError::Broken { seq: *seq, reason: "content hash mismatch" }); }
        expected_prev = *hash;
    }
    Ok(rows.len() as u64)
}

fn main() {
    let rows = Rc::new(RefCell::new(Vec::new()));
    let sink = Tee { primary: MemSink { rows: rows.clone() }, secondary: SyslogSink { lines: Vec::new(), max: 4 }, secondary_errors: 0 };
    let mut log = AuditLog { head: [0; 16], seq: 0, sink };
    let actions = "alice:login\nalice:role.grant bob admin\nbob:db.export customers\nbob:logout\nmallory:login\nmallory:audit.purge";
    let (heads, verdicts) = block_on(async {
        let mut heads = Vec::new();
        for line in actions.lines() {
            let (actor, action) = line.split_once(':').unwrap();
            heads.push(log.append(actor, action).await.expect("append"));
        }
        let clean = verify(&rows.borrow()).await;
        let mut edited = rows.borrow().clone();
        edited[2].action = "db.export nothing".into();
        let tampered = verify(&edited).await;
        let mut dropped = rows.borrow().clone();
        dropped.remove(4);
        let gap = verify(&dropped).await;
        let mut replica = MemSink { rows: Rc::new(RefCell::new(Vec::new())) };
        let copied = replica.write_all(&rows.borrow()).await;
        (heads, [clean.map(|n| n.to_string()), tampered.map(|_| String::new()), gap.map(|_| String::new()), copied.map(|n| format!("copied {n}"))])
    });
    println!("chain heads: {}", heads.join(" -> "));
    for v in &verdicts { println!("{v:?}"); }
    println!("syslog lines={} errors={}", log.sink.secondary.lines.len(), log.sink.secondary_errors);
    assert!(matches!(verdicts[1], Err(AuditError::Broken { seq: 3, reason: "content hash mismatch" })));
    assert!(matches!(verdicts[2], Err(AuditError::Broken { seq: 6, .. })));
    assert_eq!(log.sink.secondary_errors, 2);
}
