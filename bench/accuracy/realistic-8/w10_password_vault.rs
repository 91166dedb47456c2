//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Password vault: unlocks with a stretched master key, stores encrypted entries, and audits for weak or reused passwords.

use std::collections::{HashMap, HashSet};
use std::error::Error;
use std::fmt;
use std::future::Future;
use std::pin::{pin, Pin};
use std::sync::{Arc, RwLock};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
use std::time::{Duration, Instant};

fn noop_raw_waker() -> RawWaker {
    fn clone(_: *const ()) -> RawWaker {
        noop_raw_waker()
    }
    fn noop(_: *const ()) {}
    static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    RawWaker::new(std::ptr::null(), &VTABLE)
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let waker = unsafe { Waker::from_raw(noop_raw_waker()) };
    let mut cx = Context::from_waker(&waker);
    let mut fut = pin!(fut);
    loop {
        if let Poll::Ready(out) = fut.as_mut().poll(&mut cx) {
            return out;
        }
    }
}

struct Yield {
    left: u32,
}

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.left == 0 {
            Poll::Ready(())
        } else {
            self.left -= 1;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

const KEY_LEN: usize = 32;
const ROUNDS: u32 = 4000;

#[derive(Debug)]
enum VaultError {
    Locked,
    BadMaster,
    NotFound(String),
    Corrupt { entry: String, reason: String },
}

impl fmt::Display for VaultError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VaultError::Locked => write!(f, "vault is locked"),
            VaultError::BadMaster => write!(f, "wrong master password"),
            VaultError::NotFound(n) => write!(f, "no entry named {n}"),
            VaultError::Corrupt { entry, reason } => write!(f, "entry {entry} corrupt: {reason}"),
        }
    }
}

impl Error for VaultError {}

impl From<std::string::FromUtf8Error> for VaultError {
    fn from(e: std::string::FromUtf8Error) -> Self {
        VaultError::Corrupt { entry: "?".into(), reason: e.to_string() }
    }
}

struct Sealed {
    nonce: u64,
    ciphertext: Vec<u8>,
    tag: u32,
}

struct Vault {
    salt: [u8; 16],
    verifier: u32,
    key: RwLock<Option<[u8; KEY_LEN]>>,
    entries: RwLock<HashMap<String, Sealed>>,
    unlocked_at: RwLock<Option<Instant>>,
}

async fn stretch(master: &str, salt: &[u8; 16]) -> [u8; KEY_LEN] {
    let mut key = [0u8; KEY_LEN];
    for (i, b) in master.bytes().chain(salt.iter().copied()).enumerate() {
        key[i % KEY_LEN] ^= b.rotate_left(i as u32 % 7);
    }
    for round in 0..ROUNDS {
        let mut carry = round as u8;
        for b in key.iter_mut() {
            *b = b.wrapping_mul(31).wrapping_add(carry);
            carry = *b;
        }
        if round % 1000 == 0 {
            Yield { left: 1 }.await;
        }
    }
    key
}

fn checksum(data: &[u8]) -> u32 {
    data.iter().fold(2166136261u32, |h, b| (h ^ *b as u32).wrapping_mul(16777619))
}

fn keystream_xor(key: &[u8; KEY_LEN], nonce: u64, data: &[u8]) -> Vec<u8> {
    data.iter().enumerate().map(|(i, b)| b ^ key[i % KEY_LEN] ^ (nonce >> (i % 8 * 8)) as u8).collect()
}

impl Vault {
    async fn unlock(&self, master: &str) -> Result<Duration, VaultError> {
        let started = Instant::now();
        let key = stretch(master, &self.salt).await;
        if checksum(&key) != self.verifier {
            Yield { left: 2 }.await;
            return Err(VaultError::BadMaster);
        }
        *self.key.write().unwrap() = Some(key);
        *self.unlocked_at.write().unwrap() = Some(Instant::now());
        Ok(started.elapsed())
    }

    async fn store(&self, name: &str, secret: &str) -> Result<(), VaultError> {
        let key = (*self.key.read().unwrap()).ok_or(VaultError::Locked)?;
        Yield { left: 1 }.await;
        let nonce = checksum(name.as_bytes()) as u64 ^ 0xA5A5;
        let ciphertext = keystream_xor(&key, nonce, secret.as_bytes());
        let tag = checksum(&ciphertext);
        self.entries.write().unwrap().insert(name.to_string(), Sealed { nonce, ciphertext, tag });
        Ok(())
    }

    async fn reveal(&self, name: &str) -> Result<String, VaultError> {
        let key = (*self.key.read().unwrap()).ok_or(VaultError::Locked)?;
        let (nonce, ct) = if let Some(s) = self.entries.read().unwrap().get(name) {
            if checksum(&s.ciphertext) != s.tag {
                return Err(VaultError::Corrupt { entry: name.to_string(), reason: "tag mismatch".into() });
            }
            (s.nonce, s.ciphertext.clone())
        } else {
            Yield { left: 1 }.await;
            return Err(VaultError::NotFound(name.to_string()));
        };
        Yield { left: 1 }.await;
        let plain = String::from_utf8(keystream_xor(&key, nonce, &ct))?;
        Ok(plain)
    }
}

async fn audit(vault: &Vault) -> Result<Vec<String>, Box<dyn Error>> {
    let names: Vec<String> = { vault.entries.read().unwrap().keys().cloned().collect() };
    let mut seen: HashSet<String> = HashSet::new();
    let mut findings = Vec::new();
    for name in names.iter() {
        let pw = vault.reveal(name).await?;
        if pw.len() < 10 {
            findings.push(format!("{name}: too short ({} chars)", pw.len()));
        }
        if !pw.chars().any(|c| c.is_ascii_digit()) || !pw.chars().any(|c| c.is_ascii_punctuation()) {
            findings.push(format!("{name}: low character variety"));
        }
        if !seen.insert(pw) {
            findings.push(format!("{name}: reused password"));
        }
    }
    findings.sort();
    Ok(findings)
}

fn main() {
    let salt = *b"fresh-salt-16by!";
    let verifier = checksum(&block_on(stretch("correct horse", &salt)));
    let vault = Arc::new(Vault { salt, verifier, key: RwLock::new(None), entries: RwLock::new(HashMap::new()), unlocked_at: RwLock::new(None) });
    println!("store while locked: {:?}", block_on(vault.store("x", "y")).err().map(|e| e.to_string()));
    println!("bad unlock: {:?}", block_on(vault.unlock("hunter2")).map_err(|e| e.to_string()));
    let took = block_on(vault.unlock("correct horse")).expect("unlock");
    println!("unlocked (under 2s: {})", took.as_millis() < 2000);
    for (name, pw) in [("mail", "S3cure!pass-word"), ("bank", "short1"), ("forum", "S3cure!pass-word"), ("wifi", "letmeinplease")] {
        block_on(vault.store(name, pw)).unwrap();
    }
    println!("bank = {}", block_on(vault.reveal("bank")).unwrap());
    match block_on(vault.reveal("nas")) {
        Ok(p) => println!("nas = {p}"),
        Err(e) => println!("nas: {e}"),
    }
    for f in block_on(audit(&vault)).unwrap() {
        println!("audit: {f}");
    }
    let v2 = Arc::clone(&vault);
    let rotate = async move |name: &str, new_pw: String| -> Result<String, VaultError> {
        let old = v2.reveal(name).await?;
        v2.store(name, &new_pw).await?;
        Ok(format!("{name}: {} -> {} chars", old.len(), new_pw.len()))
    };
    println!("{:?}", block_on(rotate("bank", "N3w&Longer#Secret".to_string())));
}
