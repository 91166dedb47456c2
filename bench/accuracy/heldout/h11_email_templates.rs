#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]
// Email sender: load templates, fill placeholders, send via SMTP stand-in with a suppression list.

use std::collections::{HashMap, HashSet};

#[derive(Debug, Clone)]
struct Template {
    subject: String,
    body: String,
}

#[derive(Debug)]
struct Outgoing {
    to: String,
    subject: String,
    body: String,
}

#[derive(Debug, PartialEq)]
enum SendStatus {
    Sent(String),
    Suppressed,
    Invalid(String),
}

async fn load_template(name: &str) -> Option<Template> {
    match name {
        "welcome" => Some(Template { subject: "Welcome, {name}!".into(), body: "Hi {name}, your plan is {plan}.".into() }),
        "reset" => Some(Template { subject: "Reset your password".into(), body: "Code: {code}".into() }),
        _ => None,
    }
}

async fn smtp_send(msg: &Outgoing) -> Result<String, String> {
    if msg.to.ends_with("@bounce.test") {
        return Err("550 mailbox unavailable".into());
    }
    Ok(format!("<{}@mail.local>", msg.to.len() * 7919))
}

fn render(text: &str, vars: &HashMap<&str, String>) -> Result<String, String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = rest[open..].find('}').ok_or("unclosed placeholder")? + open;
        let key = &rest[open + 1..close];
        let value = vars.get(key).ok_or(format!("missing var {}", key))?;
        out.push_str(value);
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

struct Mailer {
    suppressed: HashSet<String>,
    cache: HashMap<String, Template>,
}

impl Mailer {
    async fn template(&mut self, name: &str) -> Option<Template> {
        if let Some(t) = self.cache.get(name) {
            return Some(t.clone());
        }
        let t = load_template(name).await?;
        self.cache.insert(name.to_string(), t.clone());
        Some(t)
    }

    async fn send(&mut self, to: &str, tpl: &str, vars: HashMap<&str, String>) -> SendStatus {
        if self.suppressed.contains(to) {
            return SendStatus::Suppressed;
        }
        if !to.contains('@') {
            return SendStatus::Invalid(format!("bad address {}", to));
        }
        let Some(t) = self.template(tpl).await else {
            return SendStatus::Invalid(format!("unknown template {}", tpl));
        };
        let rendered = render(&t.subject, &vars).and_then(|s| Ok((s, render(&t.body, &vars)?)));
        let (subject, body) = match rendered {
            Ok(pair) => pair,
            Err(e) => return SendStatus::Invalid(e),
        };
        match smtp_send(&Outgoing { to: to.to_string(), subject, body }).await {
            Ok(id) => SendStatus::Sent(id),
            Err(e) if e.starts_with("550") => {
                self.suppressed.insert(to.to_string());
                SendStatus::Suppressed
            }
            Err(e) => SendStatus::Invalid(e),
        }
    }
}

pub async fn onboard(users: &[(&str, &str)]) -> usize {
    let mut mailer = Mailer { suppressed: HashSet::new(), cache: HashMap::new() };
    let mut sent = 0;
    for &(email, name) in users {
        let mut vars = HashMap::new();
        vars.insert("name", name.to_string());
        vars.insert("plan", String::from("free"));
        if let SendStatus::Sent(id) = mailer.send(email, "welcome", vars).await {
            println!("queued {} for {}", id, email);
            sent += 1;
        }
    }
    let reset = async |m: &mut Mailer, to: &str, code: u32| -> bool {
        let mut vars = HashMap::new();
        vars.insert("code", format!("{:06}", code));
        matches!(m.send(to, "reset", vars).await, SendStatus::Sent(_))
    };
    if reset(&mut mailer, "ann@example.com", 4821).await {
        sent += 1;
    }
    let retry = mailer.send("x@bounce.test", "reset", HashMap::new()).await;
    assert_eq!(retry, SendStatus::Invalid("missing var code".to_string()));
    sent
}
