//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Stream multiplexer carrying many logical streams over one framed transport (loopback echo).

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet, VecDeque};
use std::future::{poll_fn, Future};
use std::pin::{pin, Pin};
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

struct Yield(u8);

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 == 0 {
            Poll::Ready(())
        } else {
            self.0 -= 1;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
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

const HEADER: usize = 8;
const MAX_PAYLOAD: usize = 16;
const FLAG_FIN: u8 = 0x01;

fn encode(stream: u32, flags: u8, payload: &[u8]) -> Vec<u8> {
    let mut hdr = [0u8; HEADER];
    hdr[..4].copy_from_slice(&stream.to_be_bytes());
    hdr[4..6].copy_from_slice(&(payload.len() as u16).to_be_bytes());
    hdr[6] = flags;
    let mut out = hdr.to_vec();
    out.extend_from_slice(payload);
    out
}

fn decode(frame: &[u8]) -> Option<(u32, u8, &[u8])> {
    let (hdr, body) = frame.split_at_checked(HEADER)?;
    let stream = u32::from_be_bytes(hdr[..4].try_into().ok()?);
    let len = u16::from_be_bytes([hdr[4], hdr[5]]) as usize;
    (body.len() == len).then_some((stream, hdr[6], body))
}

trait Transport {
    async fn send(&self, frame: Vec<u8>);
    async fn recv(&self) -> Option<Vec<u8>>;
    fn wire(&self) -> Rc<RefCell<VecDeque<Vec<u8>>>>;
}

#[derive(Default)]
struct Loopback {
    wire: Rc<RefCell<VecDeque<Vec<u8>>>>,
    sent: Cell<usize>,
}

impl Transport for Loopback {
    async fn send(&self, frame: Vec<u8>) {
        Yield(1).await;
        self.sent.set(self.sent.get() + 1);
        self.wire.borrow_mut().push_back(frame);
    }
    async fn recv(&self) -> Option<Vec<u8>> {
        Yield(1).await;
        self.wire.borrow_mut().pop_front()
    }
    fn wire(&self) -> Rc<RefCell<VecDeque<Vec<u8>>>> {
        Rc::clone(&self.wire)
    }
}

struct Mux<T: Transport> {
    transport: T,
    next_id: Cell<u32>,
    inbound: RefCell<HashMap<u32, VecDeque<Vec<u8>>>>,
    finished: RefCell<HashSet<u32>>,
}

impl<T: Transport> Mux<T> {
    fn new(transport: T) -> Self {
        Mux { transport, next_id: Cell::new(1), inbound: RefCell::default(), finished: RefCell::default() }
    }

    fn open(&self) -> u32 {
        let id = self.next_id.get();
        self.next_id.set(id + 2); // client-initiated streams are odd
        self.inbound.borrow_mut().insert(id, VecDeque::new());
        id
    }

    async fn write(&self, id: u32, data: &[u8]) {
        for chunk in data.chunks(MAX_PAYLOAD) {
            self.transport.send(encode(id, 0, chunk)).await;
        }
    }

    async fn finish(&self, id: u32) {
        self.transport.send(encode(id, FLAG_FIN, &[])).await;
    }

    async fn pump_once(&self) -> bool {
        let Some(frame) = self.transport.recv().await else { return false };
        if let Some((sid, flags, body)) = decode(&frame)
            && let Some(queue) = self.inbound.borrow_mut().get_mut(&sid)
        {
            if !body.is_empty() {
                queue.push_back(body.to_vec());
            }
            if flags & FLAG_FIN != 0 {
                self.finished.borrow_mut().insert(sid);
            }
        }
        true
    }

    async fn read(&self, id: u32) -> Option<Vec<u8>> {
        loop {
            // 2024: the RefMut temporary is dropped before the else branch runs
            if let Some(chunk) = self.inbound.borrow_mut().get_mut(&id).and_then(VecDeque::pop_front) {
                return Some(chunk);
            } else if self.finished.borrow().contains(&id) {
                return None;
            }
            if !self.pump_once().await {
                Yield(1).await;
            }
        }
    }

    async fn in_flight(&self) -> usize {
        let wire = self.transport.wire();
        wire.borrow().len()
    }
}

async fn echo_session<T: Transport>(mux: &Mux<T>, msg: String) -> (u32, String) {
    let id = mux.open();
    mux.write(id, msg.as_bytes()).await;
    mux.finish(id).await;
    let mut received = Vec::with_capacity(msg.len());
    while let Some(chunk) = mux.read(id).await {
        received.extend(chunk);
    }
    (id, String::from_utf8_lossy(&received).into_owned())
}

fn main() {
    let mux = Mux::new(Loopback::default());
    let messages = ["GET /healthz HTTP/1.1", "subscribe ticker=ACME,INIT depth=5 snapshot=true", "ping"];

    let results = block_on(async {
        let mut tasks: Vec<Pin<Box<dyn Future<Output = (u32, String)> + '_>>> =
            messages.iter().map(|m| Box::pin(echo_session(&mux, m.to_string())) as Pin<Box<dyn Future<Output = _>>>).collect();
        let mut slots: Vec<Option<(u32, String)>> = tasks.iter().map(|_| None).collect();
        poll_fn(|cx| {
            let mut all_done = true;
            for (task, slot) in tasks.iter_mut().zip(slots.iter_mut()) {
                if slot.is_none() {
                    match task.as_mut().poll(cx) {
                        Poll::Ready(v) => *slot = Some(v),
                        Poll::Pending => all_done = false,
                    }
                }
            }
            if all_done { Poll::Ready(()) } else { Poll::Pending }
        })
        .await;
        let left = mux.in_flight().await;
        (slots.into_iter().flatten().collect::<Vec<_>>(), left)
    });

    let (sessions, left) = results;
    for (id, echoed) in &sessions {
        println!("stream {id:>2}: {echoed:?}");
    }
    println!("frames sent={} left on wire={left}", mux.transport.sent.get());
    assert!(sessions.iter().zip(messages).all(|((_, e), m)| e == m));
}
