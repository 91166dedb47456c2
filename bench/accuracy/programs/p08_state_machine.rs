#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]

#[derive(Debug, Clone, PartialEq)]
enum State {
    Idle,
    Connecting { attempt: u8 },
    Connected { session: u64 },
    Draining { pending: usize },
    Closed,
}

#[derive(Debug)]
enum Event {
    Start,
    Ok(u64),
    Fail,
    Message(String),
    Shutdown,
}

async fn next_event(step: u32) -> Event {
    match step {
        0 => Event::Start,
        1 => Event::Fail,
        2 => Event::Ok(77),
        3 | 4 => Event::Message(format!("msg{}", step)),
        _ => Event::Shutdown,
    }
}

async fn deliver(session: u64, msg: &str) -> bool {
    session != 0 && !msg.is_empty()
}

async fn flush_one() -> usize {
    1
}

struct Machine {
    state: State,
    delivered: u32,
}

impl Machine {
    async fn step(&mut self, ev: Event) {
        let next = match (&self.state, ev) {
            (State::Idle, Event::Start) => State::Connecting { attempt: 1 },
            (State::Connecting { attempt }, Event::Fail) if *attempt < 3 => {
                State::Connecting { attempt: attempt + 1 }
            }
            (State::Connecting { .. }, Event::Fail) => State::Closed,
            (State::Connecting { .. }, Event::Ok(s)) => State::Connected { session: s },
            (State::Connected { session }, Event::Message(m)) => {
                let session = *session;
                if deliver(session, &m).await {
                    self.delivered += 1;
                }
                State::Connected { session }
            }
            (State::Connected { .. }, Event::Shutdown) => State::Draining { pending: 2 },
            (s, _) => s.clone(),
        };
        self.state = next;
    }

    async fn drain(&mut self) {
        while let State::Draining { pending } = self.state {
            if pending == 0 {
                self.state = State::Closed;
                break;
            }
            let flushed = flush_one().await;
            self.state = State::Draining { pending: pending.saturating_sub(flushed) };
        }
    }
}

async fn run_machine() -> u32 {
    let mut m = Machine { state: State::Idle, delivered: 0 };
    let mut step = 0u32;
    loop {
        if m.state == State::Closed {
            break;
        }
        let ev = next_event(step).await;
        m.step(ev).await;
        if let State::Draining { .. } = m.state {
            m.drain().await;
        }
        step += 1;
        if step > 20 {
            break;
        }
    }
    m.delivered
}
