#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Client/server protocol handshake (version negotiation, nonce exchange, key confirmation) as async state machines.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::fmt;
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

#[derive(Debug, Clone, PartialEq)]
enum Msg {
    Hello { versions: Vec<u8>, nonce: [u8; 8] },
    HelloAck { version: u8, nonce: [u8; 8] },
    Finished { mac: u64 },
    Alert(String),
}

#[derive(Debug)]
enum HandshakeError {
    NoCommonVersion(Vec<u8>, Vec<u8>),
    Unexpected { state: &'static str, got: Msg },
    BadMac { expected: u64, got: u64 },
    PeerAlert(String),
    Timeout(&'static str),
}

impl fmt::Display for HandshakeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self:?}")
    }
}

#[derive(Clone)]
struct Pipe {
    queue: Rc<RefCell<VecDeque<Msg>>>,
}

impl Pipe {
    fn send(&self, m: Msg) {
        self.queue.borrow_mut().push_back(m);
    }
    async fn recv(&self, state: &'static str, budget: u32) -> Result<Msg, HandshakeError> {
        let mut spins = 0;
        poll_fn(|cx| {
            if let Some(m) = self.queue.borrow_mut().pop_front() {
                return Poll::Ready(Ok(m));
            }
            spins += 1;
            if spins > budget {
                return Poll::Ready(Err(HandshakeError::Timeout(state)));
            }
            cx.waker().wake_by_ref();
            Poll::Pending
        })
        .await
    }
}

fn derive_key(secret: &[u8; 32], a: &[u8; 8], b: &[u8; 8]) -> u64 {
    secret.iter().chain(a).chain(b).fold(0xcbf29ce484222325, |h: u64, &x| (h ^ x as u64).wrapping_mul(0x100000001b3))
}

struct Peer {
    name: &'static str,
    versions: Vec<u8>,
    psk: [u8; 32],
    tx: Pipe,
    rx: Pipe,
    transcript: RefCell<Vec<String>>,
}

impl Peer {
    fn log(&self, s: impl Into<String>) {
        self.transcript.borrow_mut().push(format!("{}: {}", self.name, s.into()));
    }

    async fn client(&self, nonce: [u8; 8]) -> Result<(u8, u64), HandshakeError> {
        self.tx.send(Msg::Hello { versions: self.versions.clone(), nonce });
        self.log("sent hello");
        let (version, server_nonce) = match self.rx.recv("await_ack", 50).await? {
            Msg::HelloAck { version, nonce } => (version, nonce),
            Msg::Alert(a) => return Err(HandshakeError::PeerAlert(a)),
            got => return Err(HandshakeError::Unexpected { state: "await_ack", got }),
        };
        let key = derive_key(&self.psk, &nonce, &server_nonce);
        self.tx.send(Msg::Finished { mac: key.rotate_left(version as u32) });
        self.log(format!("negotiated v{version}"));
        let mac = match self.rx.recv("await_finished", 50).await? {
            Msg::Finished { mac } => mac,
            Msg::Alert(reason) => return Err(HandshakeError::PeerAlert(reason)),
            got => return Err(HandshakeError::Unexpected { state: "await_finished", got }),
        };
        if mac != key.rotate_right(version as u32) {
            return Err(HandshakeError::BadMac { expected: key.rotate_right(version as u32), got: mac });
        }
        Ok((version, key))
    }

    async fn server(&self, nonce: [u8; 8]) -> Result<(u8, u64), HandshakeError> {
        let Msg::Hello { versions, nonce: client_nonce } = self.rx.recv("await_hello", 50).await? else {
            return Err(HandshakeError::Unexpected { state: "await_hello", got: Msg::Alert("not hello".into()) });
        };
        let Some(&version) = versions.iter().filter(|v| self.versions.contains(v)).max() else {
            self.tx.send(Msg::Alert("protocol_version".into()));
            return Err(HandshakeError::NoCommonVersion(versions, self.versions.clone()));
        };
        Yield(2).await; // pretend to load certificates
        self.tx.send(Msg::HelloAck { version, nonce });
        let key = derive_key(&self.psk, &client_nonce, &nonce);
        match self.rx.recv("await_client_finished", 50).await? {
            Msg::Finished { mac } if mac == key.rotate_left(version as u32) => {
                self.tx.send(Msg::Finished { mac: key.rotate_right(version as u32) });
                self.log("handshake complete");
                Ok((version, key))
            }
            Msg::Finished { mac } => {
                self.tx.send(Msg::Alert("decrypt_error".into()));
                Err(HandshakeError::BadMac { expected: key.rotate_left(version as u32), got: mac })
            }
            got => Err(HandshakeError::Unexpected { state: "await_client_finished", got }),
        }
    }
}

async fn run_pair(client_versions: &[u8], server_versions: &[u8], client_psk: [u8; 32]) -> (Result<(u8, u64), HandshakeError>, Result<(u8, u64), HandshakeError>, usize) {
    let c2s = Pipe { queue: Rc::default() };
    let s2c = Pipe { queue: Rc::default() };
    let client = Peer { name: "client", versions: client_versions.to_vec(), psk: client_psk, tx: c2s.clone(), rx: s2c.clone(), transcript: RefCell::default() };
    let server = Peer { name: "server", versions: server_versions.to_vec(), psk: [0x42; 32], tx: s2c, rx: c2s, transcript: RefCell::default() };

    let mut cf = pin!(client.client(*b"cnonce01"));
    let mut sf = pin!(server.server(*b"snonce99"));
    let (mut cr, mut sr) = (None, None);
    poll_fn(|cx| {
        if cr.is_none() {
            if let Poll::Ready(r) = cf.as_mut().poll(cx) {
                cr = Some(r);
            }
        }
        if sr.is_none() {
            if let Poll::Ready(r) = sf.as_mut().poll(cx) {
                sr = Some(r);
            }
        }
        if cr.is_some() && sr.is_some() { Poll::Ready(()) } else { Poll::Pending }
    })
    .await;
    let lines = client.transcript.borrow().len() + server.transcript.borrow().len();
    (cr.unwrap(), sr.unwrap(), lines)
}

fn main() {
    let scenarios: [(&str, &[u8], &[u8], [u8; 32]); 3] = [("happy", &[1, 2, 3], &[2, 3], [0x42; 32]), ("no-version", &[1], &[2, 3], [0x42; 32]), ("wrong-psk", &[3], &[3], [0x13; 32])];
    for (name, cv, sv, psk) in scenarios {
        let (c, s, lines) = block_on(run_pair(cv, sv, psk));
        let fmt = |r: &Result<(u8, u64), HandshakeError>| match r {
            Ok((v, k)) => format!("ok v{v} key={:04x}", k & 0xffff),
            Err(e) => format!("err {e}"),
        };
        println!("{name:<11} client: {:<32} server: {} ({lines} transcript lines)", fmt(&c), fmt(&s));
    }
}
