#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! BitTorrent-style downloader: tracks peer bitfields, picks rarest pieces first, downloads blocks and verifies piece hashes.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeSet, HashMap};
use std::future::Future;
use std::pin::{pin, Pin};
use std::sync::{Arc, RwLock};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
use std::time::{Duration, Instant};

fn noop_raw() -> RawWaker {
    fn clone(_: *const ()) -> RawWaker { noop_raw() }
    fn noop(_: *const ()) {}
    static VT: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    RawWaker::new(std::ptr::null(), &VT)
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let waker = unsafe { Waker::from_raw(noop_raw()) };
    let mut cx = Context::from_waker(&waker);
    let mut fut = pin!(fut);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

struct Yield { left: u32 }

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.left == 0 {
            return Poll::Ready(());
        }
        self.left -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

const PIECES: usize = 10;
const PIECE_LEN: usize = 16;
const BLOCK: usize = 8;

#[derive(Debug)]
enum PeerError { Choked(u32), Disconnected(u32), HashMismatch(usize) }

struct Peer { id: u32, bitfield: Vec<u8>, choked: Cell<bool>, corrupt_piece: Option<usize>, sent: Cell<usize> }

impl Peer {
    fn has(&self, piece: usize) -> bool {
        self.bitfield.get(piece / 8).map_or(false, |b| b & (0x80 >> (piece % 8)) != 0)
    }

    async fn request_block(&self, piece: usize, offset: usize, buf: &mut [u8; BLOCK]) -> Result<usize, PeerError> {
        if self.choked.get() {
            return Err(PeerError::Choked(self.id));
        }
        Yield { left: 1 + (self.id % 2) }.await;
        for (i, slot) in buf.iter_mut().enumerate() {
            *slot = ((piece * PIECE_LEN + offset + i) % 251) as u8;
        }
        if self.corrupt_piece == Some(piece) {
            buf[0] ^= 0xff;
        }
        self.sent.set(self.sent.get() + BLOCK);
        Ok(BLOCK)
    }
}

fn expected_hash(piece: usize) -> u32 {
    (0..PIECE_LEN).map(|i| ((piece * PIECE_LEN + i) % 251) as u32).fold(7u32, |h, b| h.wrapping_mul(31).wrapping_add(b))
}

fn hash_piece(data: &[u8]) -> u32 {
    data.iter().fold(7u32, |h, b| h.wrapping_mul(31).wrapping_add(*b as u32))
}

fn bitfield(pieces: &[usize]) -> Vec<u8> {
    let mut bf = vec![0u8; (PIECES + 7) / 8];
    for p in pieces {
        bf[p / 8] |= 0x80 >> (p % 8);
    }
    bf
}

struct Download { have: RwLock<BTreeSet<usize>>, storage: RwLock<HashMap<usize, Vec<u8>>>, failures: RefCell<Vec<String>> }

fn rarest_first(dl: &Download, peers: &[Peer]) -> Vec<usize> {
    let have = dl.have.read().unwrap();
    let availability: Vec<usize> = (0..PIECES).map(|p| peers.iter().filter(|peer| peer.has(p)).count()).collect();
    let mut order: Vec<(usize, usize)> = availability.iter().copied().zip(0..PIECES).filter(|(n, p)| *n > 0 && !have.contains(p)).collect();
    order.sort();
    order.into_iter().map(|(_, p)| p).collect()
}

async fn fetch_piece(peer: &Peer, piece: usize) -> Result<Vec<u8>, PeerError> {
    let mut data = Vec::with_capacity(PIECE_LEN);
    let mut buf = [0u8; BLOCK];
    for offset in (0..PIECE_LEN).step_by(BLOCK) {
        let n = peer.request_block(piece, offset, &mut buf).await?;
        data.extend_from_slice(&buf[..n]);
    }
    Yield { left: 1 }.await;
    if hash_piece(&data) != expected_hash(piece) {
        return Err(PeerError::HashMismatch(piece));
    }
    Ok(data)
}

async fn download(dl: Arc<Download>, peers: &[Peer], picker: impl Fn(&Download, &[Peer]) -> Vec<usize>) -> (usize, Duration) {
    let started = Instant::now();
    let mut rounds = 0;
    loop {
        let wanted = picker(&dl, peers);
        if wanted.is_empty() || rounds > 5 {
            break;
        }
        rounds += 1;
        for piece in wanted {
            let candidates: Vec<&Peer> = peers.iter().filter(|p| p.has(piece) && !p.choked.get()).collect();
            let mut got = None;
            for peer in candidates.iter() {
                match fetch_piece(peer, piece).await {
                    Ok(data) => {
                        got = Some(data);
                        break;
                    }
                    Err(e) => dl.failures.borrow_mut().push(format!("peer {}: {:?}", peer.id, e)),
                }
            }
            if let Some(data) = got {
                let mut storage = dl.storage.write().unwrap();
                storage.insert(piece, data);
                drop(storage);
                Yield { left: 1 }.await;
                dl.have.write().unwrap().insert(piece);
            }
        }
        if let Some(p) = peers.iter().find(|p| p.choked.get()) {
            p.choked.set(false);
        }
    }
    (dl.have.read().unwrap().len(), started.elapsed())
}

async fn assemble(dl: &Download) -> Option<Vec<u8>> {
    Yield { left: 1 }.await;
    let storage = dl.storage.read().unwrap();
    let mut out = Vec::with_capacity(PIECES * PIECE_LEN);
    for p in 0..PIECES {
        out.extend_from_slice(storage.get(&p)?);
    }
    Some(out)
}

fn main() {
    let peers = vec![
        Peer { id: 1, bitfield: bitfield(&[0, 1, 2, 3, 4, 5]), choked: Cell::new(false), corrupt_piece: Some(2), sent: Cell::new(0) },
        Peer { id: 2, bitfield: bitfield(&[2, 3, 4, 5, 6, 7, 8]), choked: Cell::new(true), corrupt_piece: None, sent: Cell::new(0) },
        Peer { id: 3, bitfield: bitfield(&[0, 8, 9]), choked: Cell::new(false), corrupt_piece: None, sent: Cell::new(0) },
    ];
    let dl = Arc::new(Download { have: RwLock::default(), storage: RwLock::default(), failures: RefCell::default() });
    let (have, took) = block_on(download(Arc::clone(&dl), &peers, rarest_first));
    let file = block_on(assemble(&dl));
    let mut buf = [0u8; BLOCK];
    let choked = Peer { id: 9, bitfield: vec![], choked: Cell::new(true), corrupt_piece: None, sent: Cell::new(0) };
    let c = block_on(choked.request_block(0, 0, &mut buf));
    let p = block_on(fetch_piece(&peers[2], 9)).map(|d| d.len());
    let sequential = |dl: &Download, _: &[Peer]| -> Vec<usize> { (0..PIECES).filter(|p| !dl.have.read().unwrap().contains(p)).take(1).collect() };
    let dl2 = Arc::new(Download { have: RwLock::default(), storage: RwLock::default(), failures: RefCell::default() });
    let (have2, _) = block_on(download(Arc::clone(&dl2), &peers, sequential));
    println!("have={}/{} complete={} choked={:?} piece9={:?} seq_have={}", have, PIECES, file.map_or(0, |f| f.len()), c.err(), p, have2);
    println!("uploaded by peers: {:?}", peers.iter().map(|p| (p.id, p.sent.get())).collect::<Vec<_>>());
    println!("failures: {:?}", dl.failures.borrow());
}
