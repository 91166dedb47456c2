#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! SMTP server session: reads command lines from a socket, parses them, enforces the command sequence and delivers messages.

use std::collections::{HashMap, VecDeque};
use std::error::Error;
use std::fmt;
use std::future::Future;
use std::num::ParseIntError;
use std::pin::{pin, Pin};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

fn noop_raw() -> RawWaker {
    fn clone(_: *const ()) -> RawWaker {
        noop_raw()
    }
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

struct Yield {
    left: u32,
}

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

const MAX_RCPT: usize = 3;

#[derive(Debug, Clone, PartialEq)]
enum Command {
    Helo(String),
    MailFrom { addr: String, size: Option<u64> },
    RcptTo(String),
    Data,
    Rset,
    Quit,
}

#[derive(Debug)]
enum SmtpError {
    Syntax(String),
    BadSequence(&'static str),
    TooManyRecipients,
    BadSize(ParseIntError),
    Closed,
}

impl fmt::Display for SmtpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self)
    }
}

impl Error for SmtpError {}

impl From<ParseIntError> for SmtpError {
    fn from(e: ParseIntError) -> Self {
        SmtpError::BadSize(e)
    }
}

fn angle_addr(s: &str) -> Result<String, SmtpError> {
    let start = s.find('<').ok_or_else(|| SmtpError::Syntax(s.to_string()))?;
    let end = s.rfind('>').ok_or_else(|| SmtpError::Syntax(s.to_string()))?;
    let addr = &s[start + 1..end];
    if !addr.is_empty() && !addr.contains('@') {
        return Err(SmtpError::Syntax(addr.to_string()));
    }
    Ok(addr.to_lowercase())
}

fn parse_command(line: &str) -> Result<Command, SmtpError> {
    let upper = line.to_ascii_uppercase();
    if upper.starts_with("HELO ") || upper.starts_with("EHLO ") {
        return Ok(Command::Helo(line[5..].trim().to_string()));
    }
    if upper.starts_with("MAIL FROM:") {
        let rest = &line[10..];
        let addr = angle_addr(rest)?;
        let mut size = None;
        for param in rest.split_whitespace().skip(1) {
            if let Some(v) = param.strip_prefix("SIZE=") {
                size = Some(v.parse::<u64>()?);
            }
        }
        return Ok(Command::MailFrom { addr, size });
    }
    if upper.starts_with("RCPT TO:") {
        return Ok(Command::RcptTo(angle_addr(&line[8..])?));
    }
    match upper.trim() {
        "DATA" => Ok(Command::Data),
        "RSET" => Ok(Command::Rset),
        "QUIT" => Ok(Command::Quit),
        _ => Err(SmtpError::Syntax(line.to_string())),
    }
}

struct Socket {
    incoming: VecDeque<String>,
    written: Vec<String>,
}

impl Socket {
    async fn read_line(&mut self) -> Result<String, SmtpError> {
        Yield { left: 1 }.await;
        self.incoming.pop_front().ok_or(SmtpError::Closed)
    }
    async fn reply(&mut self, code: u16, text: &str) {
        Yield { left: 1 }.await;
        self.written.push(format!("{code} {text}"));
    }
}

#[derive(Debug, Default)]
struct Envelope {
    helo: Option<String>,
    from: Option<String>,
    to: Vec<String>,
}

async fn read_body(sock: &mut Socket) -> Result<String, SmtpError> {
    let mut body = String::new();
    loop {
        let line = sock.read_line().await?;
        if line == "." {
            break;
        }
        let line = line.strip_prefix('.').unwrap_or(&line);
        body.push_str(line);
        body.push_str("\r\n");
    }
    Ok(body)
}

async fn deliver(mailboxes: &mut HashMap<String, Vec<String>>, env: &Envelope, body: String) -> usize {
    for rcpt in env.to.iter() {
        Yield { left: 1 }.await;
        let header = format!("Return-Path: <{}>\r\n", env.from.as_deref().unwrap_or(""));
        mailboxes.entry(rcpt.clone()).or_default().push(header + &body);
    }
    env.to.len()
}

async fn session(sock: &mut Socket, mailboxes: &mut HashMap<String, Vec<String>>) -> Result<u32, Box<dyn Error>> {
    sock.reply(220, "mx.example.org ESMTP ready").await;
    let mut env = Envelope::default();
    let mut delivered = 0;
    loop {
        let line = match sock.read_line().await {
            Ok(l) => l,
            Err(SmtpError::Closed) => break,
            Err(e) => return Err(Box::new(e)),
        };
        let cmd = match parse_command(&line) {
            Ok(c) => c,
            Err(e) => {
                sock.reply(500, &format!("syntax error: {}", e)).await;
                continue;
            }
        };
        match cmd {
            Command::Helo(host) => {
                env.helo = Some(host.clone());
                sock.reply(250, &format!("hello {}", host)).await;
            }
            Command::MailFrom { addr, size } if env.helo.is_some() => {
                if size.unwrap_or(0) > 10_000 {
                    sock.reply(552, "message too large").await;
                    continue;
                }
                env.from = Some(addr);
                sock.reply(250, "sender ok").await;
            }
            Command::MailFrom { .. } => sock.reply(503, "send HELO first").await,
            Command::RcptTo(addr) => {
                if env.from.is_none() {
                    sock.reply(503, "need MAIL first").await;
                } else if env.to.len() >= MAX_RCPT {
                    sock.reply(452, "too many recipients").await;
                } else {
                    env.to.push(addr);
                    sock.reply(250, "recipient ok").await;
                }
            }
            Command::Data => {
                if env.to.is_empty() {
                    sock.reply(554, "no valid recipients").await;
                    continue;
                }
                sock.reply(354, "end data with <CR><LF>.<CR><LF>").await;
                let body = read_body(sock).await?;
                let n = deliver(mailboxes, &env, body).await;
                delivered += n as u32;
                sock.reply(250, &format!("queued for {} recipients", n)).await;
                env = Envelope { helo: env.helo.take(), ..Envelope::default() };
            }
            Command::Rset => {
                env = Envelope { helo: env.helo.take(), ..Envelope::default() };
                sock.reply(250, "reset").await;
            }
            Command::Quit => {
                sock.reply(221, "bye").await;
                break;
            }
        }
    }
    Ok(delivered)
}

fn main() {
    let script = "EHLO client.test\nMAIL FROM:<Alice@Example.com> SIZE=512\nRCPT TO:<bob@example.org>\n\
                  RCPT TO:<nobody>\nRCPT TO:<carol@example.org>\nDATA\nSubject: hi\n\n..leading dot\nbye\n.\n\
                  MAIL FROM:<x@y.z> SIZE=abc\nVRFY bob\nQUIT";
    let mut sock = Socket { incoming: script.lines().map(String::from).collect(), written: Vec::new() };
    let mut boxes = HashMap::new();
    let delivered = block_on(session(&mut sock, &mut boxes)).unwrap();
    for line in &sock.written {
        println!("S: {}", line);
    }
    let mut s2 = Socket { incoming: VecDeque::from(vec!["line one".to_string(), ".".to_string()]), written: vec![] };
    let body = block_on(read_body(&mut s2)).unwrap();
    let l = block_on(s2.read_line());
    block_on(s2.reply(250, "ok"));
    let env = Envelope { helo: None, from: Some("a@b".into()), to: vec!["c@d".into()] };
    let n = block_on(deliver(&mut boxes, &env, body));
    println!("delivered={} extra={} closed={:?} bob has {}", delivered, n, l.is_err(), boxes["bob@example.org"].len());
}
