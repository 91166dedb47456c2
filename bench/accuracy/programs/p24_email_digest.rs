#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]

#[derive(Debug, Clone)]
struct User {
    id: u32,
    email: String,
    wants_digest: bool,
}

#[derive(Debug)]
struct Notification {
    user_id: u32,
    title: String,
    priority: u8,
}

trait Mailer {
    async fn send(&mut self, to: &str, subject: &str, body: String) -> Result<(), String>;
}

struct SmtpMailer {
    sent: u32,
    max_per_run: u32,
}

struct DryRunMailer {
    outbox: Vec<(String, String)>,
}

impl Mailer for SmtpMailer {
    async fn send(&mut self, to: &str, subject: &str, body: String) -> Result<(), String> {
        if self.sent >= self.max_per_run {
            return Err("rate limited".to_string());
        }
        smtp_deliver(to, body.len()).await?;
        self.sent += 1;
        Ok(())
    }
}

impl Mailer for DryRunMailer {
    async fn send(&mut self, to: &str, subject: &str, body: String) -> Result<(), String> {
        self.outbox.push((to.to_string(), format!("{}\n{}", subject, body)));
        Ok(())
    }
}

async fn smtp_deliver(to: &str, len: usize) -> Result<(), String> {
    if to.ends_with("@bounce.test") { Err(format!("bounce {}", to)) } else { Ok(()) }
}

async fn load_users() -> Vec<User> {
    vec![
        User { id: 1, email: "a@x.test".into(), wants_digest: true },
        User { id: 2, email: "b@bounce.test".into(), wants_digest: true },
        User { id: 3, email: "c@x.test".into(), wants_digest: false },
    ]
}

async fn pending_for(user_id: u32) -> Vec<Notification> {
    (0..user_id as u8)
        .map(|i| Notification { user_id, title: format!("event {}", i), priority: i % 3 })
        .collect()
}

fn render(user: &User, notes: &[Notification]) -> String {
    let mut body = format!("Hello {},\n", user.email);
    for (i, n) in notes.iter().enumerate() {
        let marker = if n.priority >= 2 { "!" } else { "-" };
        body.push_str(&format!("{} {}. {}\n", marker, i + 1, n.title));
    }
    body
}

async fn send_digests(mailer: &mut SmtpMailer) -> (u32, u32) {
    let users = load_users().await;
    let (mut ok, mut failed) = (0u32, 0u32);
    for user in users.iter().filter(|u| u.wants_digest) {
        let notes = pending_for(user.id).await;
        if notes.is_empty() {
            continue;
        }
        let subject = format!("{} new notifications", notes.len());
        match mailer.send(&user.email, &subject, render(user, &notes)).await {
            Ok(()) => ok += 1,
            Err(e) if e == "rate limited" => break,
            Err(_) => failed += 1,
        }
    }
    (ok, failed)
}

async fn preview_digests() -> usize {
    let mut dry = DryRunMailer { outbox: Vec::new() };
    for user in load_users().await {
        let notes = pending_for(user.id).await;
        let _ = dry.send(&user.email, "preview", render(&user, &notes)).await;
    }
    dry.outbox.len()
}
