//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::cell::Cell;
use std::future::Future;
use std::io;
use std::pin::Pin;

const BUF_SIZE: usize = 16 * 1024;
const MAX_HEADERS: usize = 64;

type BoxFut<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

pub trait Stream {
    fn read<'a>(&'a mut self, buf: &'a mut [u8]) -> BoxFut<'a, io::Result<usize>>;
    fn write<'a>(&'a mut self, data: &'a [u8]) -> BoxFut<'a, io::Result<usize>>;
}

#[derive(Debug)]
pub enum ProxyError { BadRequest(&'static str), NoBackend, Io(io::Error) }

impl From<io::Error> for ProxyError {
    fn from(e: io::Error) -> Self { ProxyError::Io(e) }
}

pub struct MemPipe { data: Vec<u8>, pos: usize, pub written: Vec<u8> }

impl Stream for MemPipe {
    fn read<'a>(&'a mut self, buf: &'a mut [u8]) -> BoxFut<'a, io::Result<usize>> {
        Box::pin(async move {
            let n = (self.data.len() - self.pos).min(buf.len());
            buf[..n].copy_from_slice(&self.data[self.pos..self.pos + n]);
            self.pos += n;
            Ok(n)
        })
    }
    fn write<'a>(&'a mut self, data: &'a [u8]) -> BoxFut<'a, io::Result<usize>> {
        Box::pin(async move {
            self.written.extend_from_slice(data);
            Ok(data.len())
        })
    }
}

fn rewrite_head(head: &str, upstream_host: &str, client_ip: &str) -> Result<String, ProxyError> {
    let mut lines = head.split("\r\n");
    let request_line = lines.next().filter(|l| !l.is_empty()).ok_or(ProxyError::BadRequest("empty request"))?;
    let mut out = String::with_capacity(head.len() + 64);
    out.push_str(request_line);
    out.push_str("\r\n");
    let mut forwarded = None;
    for (i, line) in lines.take_while(|l| !l.is_empty()).enumerate() {
        if i >= MAX_HEADERS {
            return Err(ProxyError::BadRequest("too many headers"));
        }
        let Some((name, value)) = line.split_once(':') else { return Err(ProxyError::BadRequest("malformed header")) };
        match name.trim().to_ascii_lowercase().as_str() {
            "host" => out += &format!("Host: {}\r\n", upstream_host),
            "x-forwarded-for" => forwarded = Some(format!("{}, {}", value.trim(), client_ip)),
            "connection" | "proxy-authorization" | "keep-alive" => {}
            _ => {
                out.push_str(line);
                out.push_str("\r\n");
            }
        }
    }
    out += &format!("X-Forwarded-For: {}\r\n\r\n", forwarded.unwrap_or_else(|| client_ip.to_string()));
    Ok(out)
}

pub async fn copy(from: &mut dyn Stream, to: &mut dyn Stream) -> io::Result<u64> {
    let mut buf = [0u8; BUF_SIZE];
    let mut total = 0;
    loop {
        let n = from.read(&mut buf).await?;
        if n == 0 {
            return Ok(total);
        }
        let mut written = 0;
        while written < n {
            match to.write(&buf[written..n]).await? {
                0 => return Err(io::ErrorKind::WriteZero.into()),
                w => written += w,
            }
        }
        total += n as u64;
    }
}

pub struct Balancer { pub backends: Vec<String>, next: Cell<usize>, healthy: Vec<Cell<bool>> }

impl Balancer {
    fn pick(&self) -> Option<(usize, &str)> {
        let len = self.backends.len();
        for _ in 0..len {
            let i = self.next.get() % len;
            self.next.set(i + 1);
            if self.healthy[i].get() {
                return Some((i, self.backends[i].as_str()));
            }
        }
        None
    }
}

pub async fn handle(
    client: &mut dyn Stream,
    balancer: &Balancer,
    client_ip: &str,
    connect: impl Fn(&str) -> BoxFut<'static, Option<Box<dyn Stream>>>,
) -> Result<u64, ProxyError> {
    let mut head = Vec::new();
    let mut buf = [0u8; 1024];
    let header_end = loop {
        let n = client.read(&mut buf).await?;
        if n == 0 {
            return Err(ProxyError::BadRequest("eof before headers"));
        }
        head.extend_from_slice(&buf[..n]);
        if let Some(pos) = head.windows(4).position(|w| w == b"\r\n\r\n") {
            break pos + 4;
        }
        if head.len() > BUF_SIZE {
            return Err(ProxyError::BadRequest("headers too large"));
        }
    };
    let text = std::str::from_utf8(&head[..header_end]).map_err(|_| ProxyError::BadRequest("non-utf8 headers"))?;
    let (mut upstream, host) = loop {
        let (idx, host) = balancer.pick().ok_or(ProxyError::NoBackend)?;
        match connect(host).await {
            Some(stream) => break (stream, host.to_string()),
            None => balancer.healthy[idx].set(false),
        }
    };
    let rewritten = rewrite_head(text, &host, client_ip)?;
    upstream.write(rewritten.as_bytes()).await?;
    upstream.write(&head[header_end..]).await?;
    Ok(copy(upstream.as_mut(), client).await?)
}

pub async fn proxy_once(raw: &[u8]) -> Result<(u64, usize), ProxyError> {
    let mut client = MemPipe { data: raw.to_vec(), pos: 0, written: Vec::new() };
    let backends = vec!["dead-1:8080".to_string(), "app-2:8080".to_string()];
    let healthy = backends.iter().map(|_| Cell::new(true)).collect();
    let balancer = Balancer { backends, next: Cell::new(0), healthy };
    let connect = |host: &str| -> BoxFut<'static, Option<Box<dyn Stream>>> {
        let dead = host.starts_with("dead");
        Box::pin(async move {
            if dead {
                return None;
            }
            let reply = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".to_vec();
            Some(Box::new(MemPipe { data: reply, pos: 0, written: Vec::new() }) as Box<dyn Stream>)
        })
    };
    let n = handle(&mut client, &balancer, "203.0.113.9", connect).await?;
    Ok((n, client.written.len()))
}
