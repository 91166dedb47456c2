//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::collections::VecDeque;
use std::time::Duration;

mod rt {
    pub async fn sleep(_ms: u64) {}
}

#[derive(Debug, Clone)]
pub struct Email {
    pub id: u64,
    pub from: String,
    pub to: Vec<String>,
    pub subject: String,
    pub body: String,
    pub attempts: u32,
}

#[derive(Debug, PartialEq)]
pub enum Delivery {
    Sent,
    Deferred(Duration),
    Bounced(String),
}

pub trait SmtpConn {
    async fn command(&mut self, line: &str) -> Result<(u16, String), String>;
}

pub struct FakeSmtp {
    pub log: Vec<String>,
    pub reject_domain: &'static str,
    pub busy: bool,
}

impl SmtpConn for FakeSmtp {
    async fn command(&mut self, line: &str) -> Result<(u16, String), String> {
        rt::sleep(2).await;
        self.log.push(line.to_string());
        let verb = line.split(|c| c == ':' || c == ' ').next().unwrap_or("");
        Ok(match verb {
            "MAIL" if self.busy => (451, "try again later".into()),
            "RCPT" if line.trim_end_matches('>').ends_with(self.reject_domain) => (550, "no such user".into()),
            "DATA" => (354, "go ahead".into()),
            _ => (250, "ok".into()),
        })
    }
}

async fn expect<C: SmtpConn>(conn: &mut C, line: &str, want: u16) -> Result<(), (u16, String)> {
    match conn.command(line).await {
        Ok((code, _)) if code == want => Ok(()),
        Ok((code, text)) => Err((code, text)),
        Err(e) => Err((421, e)),
    }
}

fn classify(code: u16, text: String, attempts: u32) -> Delivery {
    match code {
        400..=499 if attempts < 5 => Delivery::Deferred(Duration::from_secs(60 * 2u64.pow(attempts))),
        400..=499 => Delivery::Bounced(format!("gave up after {attempts} attempts: {text}")),
        _ => Delivery::Bounced(text),
    }
}

pub async fn deliver<C: SmtpConn>(conn: &mut C, mail: &Email) -> Delivery {
    let Email { from, to, subject, body, attempts, .. } = mail;
    if let Err((code, text)) = expect(conn, &format!("MAIL FROM:<{from}>"), 250).await {
        return classify(code, text, *attempts);
    }
    let mut accepted = 0;
    for rcpt in to {
        match expect(conn, &format!("RCPT TO:<{rcpt}>"), 250).await {
            Ok(()) => accepted += 1,
            Err((550, _)) => continue,
            Err((code, text)) => return classify(code, text, *attempts),
        }
    }
    if accepted == 0 {
        return Delivery::Bounced("no valid recipients".into());
    }
    if let Err((code, text)) = expect(conn, "DATA", 354).await {
        return classify(code, text, *attempts);
    }
    let mut payload = format!("Subject: {subject}\r\n\r\n");
    for line in body.lines() {
        if line.starts_with('.') {
            payload.push('.');
        }
        payload.push_str(line);
        payload.push_str("\r\n");
    }
    conn.command(&payload).await.ok();
    match expect(conn, ".", 250).await {
        Ok(()) => Delivery::Sent,
        Err((code, text)) => classify(code, text, *attempts),
    }
}

#[derive(Default)]
pub struct Outbox {
    queue: VecDeque<Email>,
    deferred: Vec<(Email, Duration)>,
    bounced: Vec<(u64, String)>,
}

impl Outbox {
    pub async fn flush(&mut self, conn: &mut FakeSmtp) -> usize {
        let mut sent = 0;
        let batch = std::mem::take(&mut self.queue);
        for mut mail in batch {
            mail.attempts += 1;
            match deliver(conn, &mail).await {
                Delivery::Sent => sent += 1,
                Delivery::Deferred(after) => self.deferred.push((mail, after)),
                Delivery::Bounced(reason) => self.bounced.push((mail.id, reason)),
            }
        }
        sent
    }

    pub async fn run(&mut self, conn: &mut FakeSmtp, rounds: u32) -> (usize, usize) {
        let mut sent = 0;
        for round in 0..rounds {
            sent += self.flush(conn).await;
            let Some(wait) = self.deferred.iter().map(|(_, d)| *d).min() else { break };
            rt::sleep(wait.as_millis() as u64).await;
            self.queue.extend(self.deferred.drain(..).map(|(m, _)| m));
            conn.busy = round % 2 == 1;
        }
        (sent, self.bounced.len())
    }
}
