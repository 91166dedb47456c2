#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]

#[derive(Debug)]
enum ReadError {
    Eof,
    TooLarge(usize),
    Io(String),
}

struct Socket {
    peer: String,
    inbox: Vec<u8>,
    outbox: Vec<u8>,
    pos: usize,
}

impl Socket {
    async fn read_exact(&mut self, n: usize) -> Result<Vec<u8>, ReadError> {
        if self.pos + n > self.inbox.len() {
            return Err(ReadError::Eof);
        }
        let out = self.inbox[self.pos..self.pos + n].to_vec();
        self.pos += n;
        yield_now().await;
        Ok(out)
    }

    async fn write_all(&mut self, data: &[u8]) -> Result<(), ReadError> {
        if self.peer.is_empty() {
            return Err(ReadError::Io("not connected".into()));
        }
        self.outbox.extend_from_slice(data);
        Ok(())
    }

    async fn read_frame(&mut self, max: usize) -> Result<Vec<u8>, ReadError> {
        let header = self.read_exact(4).await?;
        let len = u32::from_be_bytes([header[0], header[1], header[2], header[3]]) as usize;
        if len > max {
            return Err(ReadError::TooLarge(len));
        }
        self.read_exact(len).await
    }

    async fn write_frame(&mut self, payload: &[u8]) -> Result<(), ReadError> {
        let len = (payload.len() as u32).to_be_bytes();
        self.write_all(&len).await?;
        self.write_all(payload).await
    }
}

async fn yield_now() {}

async fn transform(payload: Vec<u8>) -> Vec<u8> {
    payload.into_iter().map(|b| b.to_ascii_uppercase()).rev().collect()
}

async fn handle_client(mut sock: Socket) -> (usize, Option<String>) {
    let mut frames = 0usize;
    let reason = loop {
        let frame = match sock.read_frame(1024).await {
            Ok(f) => f,
            Err(ReadError::Eof) => break None,
            Err(e) => break Some(format!("{:?}", e)),
        };
        if frame == b"quit" {
            let _ = sock.write_frame(b"bye").await;
            break None;
        }
        let reply = transform(frame).await;
        if let Err(e) = sock.write_frame(&reply).await {
            break Some(format!("write failed: {:?}", e));
        }
        frames += 1;
    };
    (frames, reason)
}

async fn accept_loop(peers: Vec<(&str, Vec<u8>)>) -> usize {
    let mut handled = 0;
    for (peer, data) in peers {
        let sock = Socket { peer: peer.to_string(), inbox: data, outbox: Vec::new(), pos: 0 };
        let (n, err) = handle_client(sock).await;
        if let Some(e) = err {
            println!("{} closed with error: {}", peer, e);
        }
        handled += n;
    }
    handled
}
