//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! DHCP lease server: decodes DISCOVER/REQUEST/RELEASE packets, probes for address conflicts and manages a lease pool.

use std::cell::RefCell;
use std::collections::HashMap;
use std::future::Future;
use std::pin::{Pin, pin};
use std::sync::Mutex;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
use std::time::{Duration, Instant};

fn raw_waker() -> RawWaker {
    fn clone(_: *const ()) -> RawWaker { raw_waker() }
    fn noop(_: *const ()) {}
    static VT: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    RawWaker::new(std::ptr::null(), &VT)
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let waker = unsafe { Waker::from_raw(raw_waker()) };
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

const POOL_BASE: [u8; 4] = [192, 168, 1, 100];
const POOL_SIZE: usize = 24;
const LEASE_TIME: Duration = Duration::from_secs(3600);

#[derive(Debug, Clone, Copy, PartialEq)]
enum MsgType { Discover, Offer, Request, Ack, Nak, Release }

#[derive(Debug, Clone)]
struct Packet {
    op: MsgType,
    xid: u32,
    chaddr: [u8; 6],
    requested: Option<[u8; 4]>,
    hostname: Option<String>,
}

#[derive(Debug)]
enum DhcpError { Truncated(usize), BadOp(u8), PoolExhausted, NotOffered(u32) }

#[derive(Debug, Clone)]
struct Lease { ip: [u8; 4], mac: [u8; 6], expires: Instant, hostname: String }

fn fmt_ip(ip: [u8; 4]) -> String {
    ip.iter().map(|b| b.to_string()).collect::<Vec<_>>().join(".")
}

fn fmt_mac(mac: &[u8; 6]) -> String {
    mac.iter().map(|b| format!("{b:02x}")).collect::<Vec<_>>().join(":")
}

fn ip_for(idx: usize) -> [u8; 4] {
    let mut ip = POOL_BASE;
    ip[3] += idx as u8;
    ip
}

fn encode(op: u8, xid: u32, mac: [u8; 6], req: Option<[u8; 4]>, host: &str) -> Vec<u8> {
    let mut out = vec![op];
    out.extend_from_slice(&xid.to_be_bytes());
    out.extend_from_slice(&mac);
    match req {
        Some(ip) => {
            out.push(1);
            out.extend_from_slice(&ip);
        }
        None => out.push(0),
    }
    out.extend_from_slice(host.as_bytes());
    out
}

fn parse_packet(raw: &[u8]) -> Result<Packet, DhcpError> {
    if raw.len() < 12 {
        return Err(DhcpError::Truncated(raw.len()));
    }
    let op = match raw[0] {
        1 => MsgType::Discover,
        3 => MsgType::Request,
        7 => MsgType::Release,
        other => return Err(DhcpError::BadOp(other)),
    };
    let xid = u32::from_be_bytes([raw[1], raw[2], raw[3], raw[4]]);
    let mut chaddr = [0u8; 6];
    chaddr.copy_from_slice(&raw[5..11]);
    let (requested, rest) = if raw[11] == 1 && raw.len() >= 16 {
        (Some([raw[12], raw[13], raw[14], raw[15]]), &raw[16..])
    } else {
        (None, &raw[12..])
    };
    let hostname = std::str::from_utf8(rest).ok().filter(|s| !s.is_empty()).map(str::to_string);
    Ok(Packet { op, xid, chaddr, requested, hostname })
}

async fn arp_probe(ip: [u8; 4]) -> bool {
    Yield { left: 2 }.await;
    ip[3] % 13 == 0
}

struct Server {
    leases: Mutex<HashMap<[u8; 6], Lease>>,
    in_use: RefCell<[bool; POOL_SIZE]>,
    offers: RefCell<HashMap<u32, [u8; 4]>>,
    log: RefCell<Vec<String>>,
}

impl Server {
    fn reply(op: MsgType, req: &Packet, ip: [u8; 4]) -> Packet {
        Packet { op, xid: req.xid, chaddr: req.chaddr, requested: Some(ip), hostname: None }
    }

    async fn handle_discover(&self, pkt: &Packet) -> Result<Packet, DhcpError> {
        if let Some(lease) = self.leases.lock().unwrap().get(&pkt.chaddr)
            && lease.expires > Instant::now()
        {
            self.offers.borrow_mut().insert(pkt.xid, lease.ip);
            return Ok(Self::reply(MsgType::Offer, pkt, lease.ip));
        } else {
            Yield { left: 1 }.await;
        }
        let probe = async |idx: usize| {
            let ip = ip_for(idx);
            if arp_probe(ip).await { None } else { Some(ip) }
        };
        for idx in 0..POOL_SIZE {
            if self.in_use.borrow()[idx] {
                continue;
            }
            match probe(idx).await {
                Some(ip) => {
                    self.in_use.borrow_mut()[idx] = true;
                    self.offers.borrow_mut().insert(pkt.xid, ip);
                    return Ok(Self::reply(MsgType::Offer, pkt, ip));
                }
                None => self.log.borrow_mut().push(format!("conflict on {}", fmt_ip(ip_for(idx)))),
            }
        }
        Err(DhcpError::PoolExhausted)
    }

    async fn handle_request(&self, pkt: &Packet) -> Result<Packet, DhcpError> {
        let offered = self.offers.borrow_mut().remove(&pkt.xid);
        let ip = match (offered, pkt.requested) {
            (Some(o), Some(r)) if o == r => o,
            (Some(o), None) => o,
            (_, Some(r)) => return Ok(Self::reply(MsgType::Nak, pkt, r)),
            _ => return Err(DhcpError::NotOffered(pkt.xid)),
        };
        Yield { left: 1 }.await;
        let lease = Lease {
            ip,
            mac: pkt.chaddr,
            expires: Instant::now() + LEASE_TIME,
            hostname: pkt.hostname.clone().unwrap_or_else(|| format!("host-{}", ip[3])),
        };
        self.log.borrow_mut().push(format!("ACK {} -> {} ({})", fmt_mac(&pkt.chaddr), fmt_ip(ip), lease.hostname));
        self.leases.lock().unwrap().insert(pkt.chaddr, lease);
        Ok(Self::reply(MsgType::Ack, pkt, ip))
    }

    async fn handle_release(&self, pkt: &Packet) -> bool {
        let removed = self.leases.lock().unwrap().remove(&pkt.chaddr);
        Yield { left: 1 }.await;
        let Some(lease) = removed else { return false };
        let idx = (lease.ip[3] - POOL_BASE[3]) as usize;
        self.in_use.borrow_mut()[idx] = false;
        true
    }

    async fn serve(&self, inbox: &[Vec<u8>]) -> Vec<String> {
        let mut replies = Vec::new();
        for raw in inbox.iter() {
            let out = match parse_packet(raw) {
                Ok(p) if p.op == MsgType::Discover => self.handle_discover(&p).await,
                Ok(p) if p.op == MsgType::Request => self.handle_request(&p).await,
                Ok(p) => {
                    let ok = self.handle_release(&p).await;
                    replies.push(format!("release {} ok={ok}", fmt_mac(&p.chaddr)));
                    continue;
                }
                Err(e) => Err(e),
            };
            replies.push(match out {
                Ok(r) => format!("{:?} xid={:#x} ip={}", r.op, r.xid, fmt_ip(r.requested.unwrap_or([0; 4]))),
                Err(e) => format!("error {e:?}"),
            });
        }
        replies
    }
}

fn main() {
    let server = Server {
        leases: Mutex::new(HashMap::new()),
        in_use: RefCell::new([false; POOL_SIZE]),
        offers: RefCell::new(HashMap::new()),
        log: RefCell::new(Vec::new()),
    };
    let laptop = [0x3c, 0x22, 0xfb, 0x01, 0x02, 0x03];
    let phone = [0xa4, 0x83, 0xe7, 0x10, 0x20, 0x30];
    let inbox = vec![
        encode(1, 0x1001, laptop, None, "laptop"),
        encode(3, 0x1001, laptop, None, "laptop"),
        encode(1, 0x2002, phone, None, ""),
        encode(3, 0x2002, phone, Some([192, 168, 1, 150]), ""),
        encode(1, 0x3003, laptop, None, "laptop"),
        vec![9, 9, 9],
        encode(7, 0x4004, laptop, None, ""),
    ];
    let conflict = block_on(arp_probe([192, 168, 1, 117]));
    let replies = block_on(server.serve(&inbox));
    let pkt = parse_packet(&encode(1, 0x5005, phone, None, "tablet")).unwrap();
    let offer = block_on(server.handle_discover(&pkt)).map(|p| fmt_ip(p.requested.unwrap()));
    let ack = block_on(server.handle_request(&pkt)).map(|p| p.op);
    let released = block_on(server.handle_release(&pkt));
    println!("conflict={conflict} offer={offer:?} ack={ack:?} released={released}");
    for r in replies.iter().chain(server.log.borrow().iter()) {
        println!("  {r}");
    }
}
