#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]
// WebSocket ping/pong keepalive: send pings on an interval, close the connection after missed pongs.

#[derive(Debug, Clone, PartialEq)]
enum Frame {
    Ping(Vec<u8>),
    Pong(Vec<u8>),
    Text(String),
    Close(u16),
}

#[derive(Debug)]
struct Conn {
    id: u32,
    last_pong_ms: u64,
    outstanding: Option<u32>,
    missed: u8,
    open: bool,
}

async fn ws_send(conn_id: u32, frame: Frame) -> Result<(), String> {
    match frame {
        Frame::Close(_) => Ok(()),
        _ if conn_id == 404 => Err("broken pipe".into()),
        _ => Ok(()),
    }
}

async fn ws_recv(conn_id: u32, tick: u32) -> Option<Frame> {
    match tick % 4 {
        0 => Some(Frame::Pong(tick.saturating_sub(1).to_be_bytes().to_vec())),
        1 => Some(Frame::Text(format!("msg {}", tick))),
        2 if conn_id == 9 => Some(Frame::Close(1000)),
        _ => None,
    }
}

async fn tick_clock(tick: u32) -> u64 {
    tick as u64 * 15_000
}

impl Conn {
    async fn send_ping(&mut self, nonce: u32) -> Result<(), String> {
        if self.outstanding.is_some() {
            self.missed += 1;
        }
        self.outstanding = Some(nonce);
        ws_send(self.id, Frame::Ping(nonce.to_be_bytes().to_vec())).await
    }

    fn on_pong(&mut self, payload: &[u8], now: u64) -> bool {
        let Ok(bytes) = <[u8; 4]>::try_from(payload) else { return false };
        let nonce = u32::from_be_bytes(bytes);
        if self.outstanding == Some(nonce) {
            self.outstanding = None;
            self.missed = 0;
            self.last_pong_ms = now;
            return true;
        }
        false
    }

    async fn close(&mut self, code: u16) {
        if self.open {
            let _ = ws_send(self.id, Frame::Close(code)).await;
            self.open = false;
        }
    }
}

pub async fn keepalive_loop(conn_id: u32, max_ticks: u32) -> (u32, Vec<String>) {
    let mut conn = Conn { id: conn_id, last_pong_ms: tick_clock(0).await, outstanding: None, missed: 0, open: true };
    let mut texts: Vec<String> = Vec::new();
    let mut tick = 0u32;
    while conn.open && tick < max_ticks {
        tick += 1;
        let now = tick_clock(tick).await;
        if let Err(e) = conn.send_ping(tick).await {
            println!("ping failed on {}: {}", conn.id, e);
            conn.close(1011).await;
            break;
        }
        match ws_recv(conn.id, tick).await {
            Some(Frame::Pong(p)) => {
                conn.on_pong(&p, now);
            }
            Some(Frame::Text(t)) => texts.push(t),
            Some(Frame::Close(code)) => {
                conn.close(code).await;
                continue;
            }
            Some(Frame::Ping(p)) => ws_send(conn.id, Frame::Pong(p)).await.unwrap_or(()),
            None => {}
        }
        if conn.missed >= 3 {
            conn.close(1001).await;
        }
    }
    (tick, texts)
}
