#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Transactional email sender: template rendering, SMTP conversation, bounce handling.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::future::Future;
use std::rc::Rc;
use std::cell::RefCell;
use std::task::{Context, Poll, Waker};

mod rt {
    use std::future::Future;
    use std::pin::Pin;
    use std::task::{Context, Poll};
    pub struct Io(bool);
    impl Future for Io {
        type Output = ();
        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            if self.0 { Poll::Ready(()) } else { self.0 = true; cx.waker().wake_by_ref(); Poll::Pending }
        }
    }

    /// Scripted SMTP server connection.
    pub struct SmtpStream { pub transcript: Vec<String>, pub reject_rcpt: Vec<String>, pub in_data: bool }
    impl SmtpStream {
        pub async fn connect(host: &str, port: u16) -> std::io::Result<SmtpStream> {
            Io(false).await;
            Ok(SmtpStream { transcript: vec![format!("220 {host}:{port} ESMTP ready")], reject_rcpt: vec!["bounce@".into()], in_data: false })
        }
        pub async fn command(&mut self, line: &str) -> std::io::Result<(u16, String)> {
            Io(false).await;
            self.transcript.push(format!("C: {}", line.lines().next().unwrap_or("")));
            let reply = if self.in_data {
                self.in_data = false;
                (250, "2.0.0 queued as 8F3A".to_string())
            } else if line.starts_with("EHLO") {
                (250, "mail.example PIPELINING SIZE 10240000".to_string())
            } else if let Some(rcpt) = line.strip_prefix("RCPT TO:") {
                if self.reject_rcpt.iter().any(|r| rcpt.contains(r.as_str())) { (550, "5.1.1 user unknown".into()) } else { (250, "ok".into()) }
            } else if line == "DATA" {
                self.in_data = true;
                (354, "end with .".to_string())
            } else if line == "QUIT" {
                (221, "bye".to_string())
            } else {
                (250, "ok".to_string())
            };
            self.transcript.push(format!("S: {} {}", reply.0, reply.1));
            Ok(reply)
        }
    }
}

#[derive(Debug)]
enum SendError { Io(std::io::Error), Rejected { code: u16, stage: &'static str, msg: String }, Template(String) }
impl From<std::io::Error> for SendError { fn from(e: std::io::Error) -> Self { SendError::Io(e) } }

struct Message { from: String, to: Vec<String>, subject: String, body: String }

fn render(template: &str, vars: &HashMap<&str, String>) -> Result<String, SendError> {
    let mut out = String::with_capacity(template.len() + 64);
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let end = rest[start..].find("}}").ok_or_else(|| SendError::Template("unclosed tag".into()))? + start;
        let name = rest[start + 2..end].trim();
        let value = vars.get(name).ok_or_else(|| SendError::Template(format!("missing var {name}")))?;
        out.push_str(value);
        rest = &rest[end + 2..];
    }
    out.push_str(rest);
    Ok(out)
}

async fn expect(stream: &mut rt::SmtpStream, line: &str, stage: &'static str, ok: u16) -> Result<String, SendError> {
    let (code, msg) = stream.command(line).await?;
    if code != ok { return Err(SendError::Rejected { code, stage, msg }); }
    Ok(msg)
}

struct Mailer { host: String, port: u16, bounces: Rc<RefCell<Vec<String>>>, sent: Rc<RefCell<u32>> }

impl Mailer {
    async fn send(&self, msg: &Message) -> Result<Vec<String>, SendError> {
        let mut stream = rt::SmtpStream::connect(&self.host, self.port).await?;
        let caps = expect(&mut stream, "EHLO app.example", "ehlo", 250).await?;
        expect(&mut stream, &format!("MAIL FROM:<{}>", msg.from), "mail", 250).await?;
        let mut accepted = Vec::new();
        for rcpt in &msg.to {
            match expect(&mut stream, &format!("RCPT TO:<{rcpt}>"), "rcpt", 250).await {
                Ok(_) => accepted.push(rcpt.clone()),
                Err(SendError::Rejected { code, msg, .. }) if code >= 500 => {
                    self.bounces.borrow_mut().push(format!("{rcpt}: {code} {msg}"));
                }
                Err(e) => return Err(e),
            }
        }
        if accepted.is_empty() {
            expect(&mut stream, "QUIT", "quit", 221).await?;
            return Ok(accepted);
        }
        expect(&mut stream, "DATA", "data", 354).await?;
        let mut data = String::new();
        write!(data, "From: {}\r\nTo: {}\r\nSubject: {}\r\n\r\n", msg.from, accepted.join(", "), msg.subject).unwrap();
        for line in msg.body.lines() {
            // dot-stuffing per RFC 5321
            if line.starts_with('.') { data.push('.'); }
            data.push_str(line);
            data.push_str("\r\n");
        }
        data.push_str(".\r\n");
        expect(&mut stream, &data, "body", 250).await?;
        expect(&mut stream, "QUIT", "quit", 221).await?;
        *self.sent.borrow_mut() += 1;
        Ok(accepted)
    }
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = std::pin::pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) { return v; }
    }
}

fn main() {
    let bounces = Rc::new(RefCell::new(Vec::new()));
    let mailer = Mailer { host: "smtp.relay.example".into(), port: 587, bounces: Rc::clone(&bounces), sent: Rc::new(RefCell::new(0)) };
    let template = "Hi {{ name }},\nyour order #{{order}} has shipped.\n.hidden line starting with a dot\nTotal: {{total}}";
    let customers = vec![("Ana", "ana@shop.example", "1001", "$42.00"), ("Bo", "bounce@shop.example", "1002", "$9.99"), ("Cy", "cy@shop.example", "1003", "")];
    let results = block_on(async {
        let mut results = Vec::new();
        for (name, email, order, total) in customers {
            let mut vars = HashMap::from([("name", name.to_string()), ("order", order.to_string())]);
            if !total.is_empty() { vars.insert("total", total.to_string()); }
            let body = match render(template, &vars) {
                Ok(b) => b,
                Err(e) => { results.push(format!("{email}: {e:?}")); continue; }
            };
            let msg = Message { from: "orders@shop.example".into(), to: vec![email.to_string()], subject: format!("Order {order} shipped"), body };
            let r = mailer.send(&msg).await;
            results.push(format!("{email}: {}", r.map(|a| format!("accepted {}", a.len())).unwrap_or_else(|e| format!("{e:?}"))));
        }
        results
    });
    for r in &results { println!("{r}"); }
    println!("sent={} bounces={:?}", mailer.sent.borrow(), bounces.borrow());
}
