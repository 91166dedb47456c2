#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::collections::VecDeque;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

mod wire {
    pub async fn send(bytes: &[u8]) -> usize {
        bytes.len()
    }
    pub async fn sleep(_ms: u64) {}
}

#[derive(Debug, Clone)]
enum Event {
    Connect { host: String, port: u16 },
    Ack(u32),
    Data(Vec<u8>),
    Timeout,
    Close,
}

#[derive(Debug)]
enum Conn {
    Idle,
    Connecting { host: String, port: u16, attempts: u8 },
    Established { host: String, seq: u32, unacked: VecDeque<(u32, Vec<u8>)> },
    Closing { host: String, pending: usize },
    Closed { reason: String },
}

impl fmt::Display for Conn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self {
            Conn::Idle => "idle",
            Conn::Connecting { .. } => "connecting",
            Conn::Established { .. } => "established",
            Conn::Closing { .. } => "closing",
            Conn::Closed { .. } => "closed",
        };
        f.write_str(name)
    }
}

impl Conn {
    async fn on_event(self, ev: Event) -> Conn {
        match (self, ev) {
            (Conn::Idle, Event::Connect { host, port }) => {
                wire::send(b"SYN").await;
                Conn::Connecting { host, port, attempts: 1 }
            }
            (Conn::Connecting { host, port, attempts }, Event::Timeout) if attempts < 3 => {
                wire::sleep(100 * attempts as u64).await;
                wire::send(b"SYN").await;
                Conn::Connecting { host, port, attempts: attempts + 1 }
            }
            (Conn::Connecting { host, .. }, Event::Timeout) => Conn::Closed { reason: format!("{} unreachable", host) },
            (Conn::Connecting { host, .. }, Event::Ack(_)) => Conn::Established { host, seq: 0, unacked: VecDeque::new() },
            (Conn::Established { host, mut seq, mut unacked }, Event::Data(d)) => {
                let n = wire::send(&d).await;
                seq += n as u32;
                unacked.push_back((seq, d));
                Conn::Established { host, seq, unacked }
            }
            (Conn::Established { host, seq, mut unacked }, Event::Ack(upto)) => {
                while let Some((s, _)) = unacked.front() {
                    if *s > upto {
                        break;
                    }
                    unacked.pop_front();
                }
                Conn::Established { host, seq, unacked }
            }
            (Conn::Established { host, unacked, .. }, Event::Close) => {
                wire::send(b"FIN").await;
                Conn::Closing { host, pending: unacked.len() }
            }
            (Conn::Closing { host, pending }, Event::Ack(_)) if pending > 1 => Conn::Closing { host, pending: pending - 1 },
            (Conn::Closing { host, .. }, Event::Ack(_)) | (Conn::Closing { host, .. }, Event::Timeout) => {
                Conn::Closed { reason: format!("{} closed cleanly", host) }
            }
            (state @ Conn::Closed { .. }, _) => state,
            (state, ev) => {
                println!("ignoring {:?} in {}", ev, state);
                state
            }
        }
    }

    fn is_terminal(&self) -> bool {
        matches!(self, Conn::Closed { .. })
    }
}

struct Driver {
    state: Option<Conn>,
    history: Vec<String>,
}

impl Driver {
    async fn feed(&mut self, events: &mut VecDeque<Event>) -> usize {
        let mut steps = 0;
        while let Some(ev) = events.pop_front() {
            let cur = self.state.take().unwrap_or(Conn::Idle);
            let next = cur.on_event(ev).await;
            self.history.push(next.to_string());
            let done = next.is_terminal();
            self.state = Some(next);
            steps += 1;
            if done {
                break;
            }
        }
        steps
    }
}

fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = std::pin::pin!(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

fn main() {
    let mut events: VecDeque<Event> = vec![
        Event::Connect { host: "db.internal".into(), port: 5432 },
        Event::Timeout,
        Event::Ack(0),
        Event::Data(b"hello".to_vec()),
        Event::Data(b"world!!".to_vec()),
        Event::Ack(5),
        Event::Connect { host: "other".into(), port: 1 },
        Event::Close,
        Event::Ack(12),
        Event::Data(vec![1, 2, 3]),
    ]
    .into();
    let mut d = Driver { state: None, history: vec![] };
    let steps = block_on(async {
        let n = d.feed(&mut events).await;
        wire::sleep(1).await;
        n
    });
    println!("{} steps: {}", steps, d.history.join(" -> "));
    if let Some(Conn::Closed { reason }) = &d.state {
        println!("final: {}", reason);
    }
    println!("left over events: {}", events.len());

    let unreachable = async {
        let mut c = Conn::Idle;
        c = c.on_event(Event::Connect { host: "nowhere".into(), port: 80 }).await;
        for _ in 0..5 {
            if c.is_terminal() {
                break;
            }
            c = c.on_event(Event::Timeout).await;
        }
        c
    };
    println!("{:?}", block_on(unreachable));

    let replay = async |evs: Vec<Event>| {
        let mut c = Conn::Idle;
        for e in evs {
            c = c.on_event(e).await;
        }
        c.to_string()
    };
    let s = block_on(replay(vec![Event::Connect { host: "h".into(), port: 2 }, Event::Ack(0), Event::Close, Event::Timeout]));
    println!("replay ended {}", s);
}
