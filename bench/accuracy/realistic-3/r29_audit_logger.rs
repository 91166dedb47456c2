#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Tamper-evident audit log: hash-chained records, segment files, verification and export.

use std::collections::BTreeMap;
use std::fmt;
use std::future::Future;
use std::sync::{Arc, Mutex, RwLock};
use std::task::{Context, Poll, Waker};

mod rt {
    use std::future::Future;
    use std::pin::Pin;
    use std::task::{Context, Poll};
    pub struct Io(bool);
    impl Future for Io {
        type Output = ();
        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            if self.0 { Poll::Ready(()) } else { self.0 = true; cx.waker().wake_by_ref(); Poll::Pending }
        }
    }

    #[derive(Default)]
    pub struct Disk { pub files: std::collections::BTreeMap<String, Vec<u8>>, pub fsyncs: u32 }
    impl Disk {
        pub async fn append(&mut self, path: &str, data: &[u8]) -> std::io::Result<usize> {
            Io(false).await;
            let f = self.files.entry(path.to_string()).or_default();
            f.extend_from_slice(data);
            Ok(f.len())
        }
        pub async fn sync(&mut self) -> std::io::Result<()> { Io(false).await; self.fsyncs += 1; Ok(()) }
        pub async fn read(&self, path: &str) -> std::io::Result<Vec<u8>> {
            Io(false).await;
            self.files.get(path).cloned().ok_or_else(|| std::io::Error::new(std::io::ErrorKind::NotFound, path.to_string()))
        }
    }
}

fn digest(prev: u64, data: &str) -> u64 {
    let mut h = prev ^ 0x9e37_79b9_7f4a_7c15;
    for b in data.bytes() {
        h = (h ^ b as u64).wrapping_mul(0x0100_0000_01b3).rotate_left(7);
    }
    h
}

#[derive(Debug, Clone)]
struct AuditEvent { actor: String, action: String, resource: String, ts: u64 }

#[derive(Debug)]
enum VerifyError { Io(std::io::Error), Corrupt { segment: String, line: usize }, Broken { seq: u64 } }
impl From<std::io::Error> for VerifyError { fn from(e: std::io::Error) -> Self { VerifyError::Io(e) } }
impl fmt::Display for VerifyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VerifyError::Io(e) => write!(f, "{e}"),
            VerifyError::Corrupt { segment, line } => write!(f, "{segment}:{line} unparseable"),
            VerifyError::Broken { seq } => write!(f, "chain broken at seq {seq}"),
        }
    }
}

struct AuditLog { disk: Arc<Mutex<rt::Disk>>, head: Mutex<(u64, u64)>, segment_size: u64, index: RwLock<BTreeMap<u64, String>> }

impl AuditLog {
    fn segment_for(&self, seq: u64) -> String { format!("audit/{:06}.log", seq / self.segment_size) }

    async fn record(&self, ev: AuditEvent) -> std::io::Result<u64> {
        let (seq, hash, line) = {
            let mut head = self.head.lock().unwrap();
            let seq = head.0 + 1;
            let body = format!("{}\t{}\t{}\t{}\t{}", seq, ev.ts, ev.actor, ev.action, ev.resource.replace('\t', " "));
            let hash = digest(head.1, &body);
            *head = (seq, hash);
            (seq, hash, format!("{body}\t{hash:016x}\n"))
        };
        let segment = self.segment_for(seq);
        let mut disk = self.disk.lock().unwrap();
        disk.append(&segment, line.as_bytes()).await?;
        if seq % self.segment_size == 0 {
            disk.sync().await?;
        }
        drop(disk);
        self.index.write().unwrap().entry(seq / self.segment_size).or_insert(segment);
        Ok(seq)
    }

    async fn verify(&self) -> Result<u64, VerifyError> {
        let segments: Vec<String> = self.index.read().unwrap().values().cloned().collect();
        let mut prev = 0u64;
        let mut count = 0;
        for seg in segments {
            let raw = self.disk.lock().unwrap().read(&seg).await?;
            let text = String::from_utf8_lossy(&raw).into_owned();
            for (i, line) in text.lines().enumerate() {
                let Some((body, hash)) = line.rsplit_once('\t') else {
                    return Err(VerifyError::Corrupt { segment: seg.clone(), line: i + 1 });
                };
                let seq: u64 = body.split('\t').next().and_then(|s| s.parse().ok()).ok_or_else(|| VerifyError::Corrupt { segment: seg.clone(), line: i + 1 })?;
                let expected = digest(prev, body);
                if format!("{expected:016x}") != hash { return Err(VerifyError::Broken { seq }); }
                prev = expected;
                count += 1;
            }
        }
        Ok(count)
    }

    async fn export_for(&self, actor: &str) -> Result<Vec<String>, VerifyError> {
        let verified = self.verify().await?;
        let mut out = Vec::new();
        let segments: Vec<String> = self.index.read().unwrap().values().cloned().collect();
        for seg in &segments {
            let raw = { let disk = self.disk.lock().unwrap(); disk.read(seg).await? };
            out.extend(String::from_utf8_lossy(&raw).lines().map(|l| l.split('\t').collect::<Vec<_>>()).filter(|c| c.get(2) == Some(&actor)).map(|c| format!("{} {} {}", c[1], c[3], c[4])));
        }
        Ok(out)
    }
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = std::pin::pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) { return v; }
    }
}

fn main() {
    let log = AuditLog { disk: Arc::new(Mutex::new(rt::Disk::default())), head: Mutex::new((0, 0)), segment_size: 4, index: RwLock::new(BTreeMap::new()) };
    let raw = "alice login console\nalice update_role user:bob\nbob read invoice:17\nalice delete bucket:tmp-\tlogs\nsvc-ci deploy api@v42\nbob read invoice:18\nalice logout console";
    let events: Vec<AuditEvent> = raw
        .lines()
        .zip(1_700_000_000u64..)
        .filter_map(|(l, ts)| {
            let mut p = l.splitn(3, ' ');
            Some(AuditEvent { actor: p.next()?.into(), action: p.next()?.into(), resource: p.next()?.into(), ts })
        })
        .collect();
    let (last_seq, verified, alice) = block_on(async {
        let mut last = 0;
        for ev in events { last = log.record(ev).await.expect("append"); }
        let verified = log.verify().await;
        let alice = log.export_for("alice").await;
        (last, verified, alice)
    });
    println!("last_seq={} verified={:?} alice={:?}", last_seq, verified.map_err(|e| e.to_string()), alice.map(|v| v.len()));
    // Tamper with the first segment and re-verify.
    if let Some(f) = log.disk.lock().unwrap().files.get_mut("audit/000000.log") { f[20] ^= 0x20; }
    let tampered = block_on(log.verify());
    println!("after tamper: {} (fsyncs={})", tampered.map(|n| n.to_string()).unwrap_or_else(|e| e.to_string()), log.disk.lock().unwrap().fsyncs);
}
