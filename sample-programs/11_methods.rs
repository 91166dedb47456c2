//@ edition: 2024
//! Async methods: the receiver is just another argument, captured as the
//! upvar `self`. `&self` and `&mut self` store an 8-byte reference; `self`
//! by value moves the whole struct into the future (here 4 + 256 bytes).
//! Look for: `read_header` keeps only the reference, `finish` keeps the whole
//! `Connection` as an upvar and again as a body local; an `impl Trait for`
//! async fn (stable since Rust 1.75) is printed as
//! `{async fn body of <Connection as Service>::call()}`.

async fn wait_readable(fd: u32) {
    let _ = fd;
}

async fn write_all(fd: u32, bytes: &[u8]) -> usize {
    let _ = fd;
    bytes.len()
}

pub struct Connection {
    fd: u32,
    buffer: [u8; 256],
}

impl Connection {
    pub async fn read_header(&self) -> u8 {
        wait_readable(self.fd).await;
        self.buffer[0]
    }

    pub async fn fill(&mut self, byte: u8) -> usize {
        wait_readable(self.fd).await;
        self.buffer = [byte; 256];
        write_all(self.fd, &self.buffer).await
    }

    // Consumes the connection: the future owns all 260 bytes of it.
    pub async fn finish(self) -> usize {
        let sent: usize = write_all(self.fd, &self.buffer).await;
        wait_readable(self.fd).await;
        sent
    }
}

trait Service {
    async fn call(&mut self, request: String) -> String;
}

impl Service for Connection {
    async fn call(&mut self, request: String) -> String {
        let sent: usize = write_all(self.fd, request.as_bytes()).await;
        wait_readable(self.fd).await;
        format!("{request}: {sent} bytes")
    }
}

// Calling the trait method from a plain async fn: its future nests inside this one.
pub async fn serve(conn: &mut Connection) -> String {
    let request: String = String::from("GET /");
    conn.call(request).await
}
