//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Transactional email templating: parses `{{var|filter}}` placeholders and renders per-recipient bodies with async lookups.

use std::cell::RefCell;
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

fn block_on<T>(fut: impl Future<Output = T>) -> T {
    let mut fut = std::pin::pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    let mut polls = 0u32;
    loop {
        polls += 1;
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) { return v; }
        assert!(polls < 100_000, "runaway future");
    }
}

struct Yield(u32);
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 == 0 { return Poll::Ready(()); }
        self.0 -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

#[derive(Debug, PartialEq)]
enum Piece<'t> { Text(&'t str), Var { name: &'t str, filter: Option<&'t str> } }

#[derive(Debug)]
enum RenderError { Unclosed(usize), MissingVar(String), UnknownFilter(String) }

fn parse(tpl: &str) -> Result<Vec<Piece<'_>>, RenderError> {
    let mut out = Vec::new();
    let mut rest = tpl;
    let mut offset = 0;
    while let Some(start) = rest.find("{{") {
        if start > 0 { out.push(Piece::Text(&rest[..start])); }
        let Some(len) = rest[start + 2..].find("}}") else { return Err(RenderError::Unclosed(offset + start)); };
        let inner = rest[start + 2..start + 2 + len].trim();
        let (name, filter) = match inner.split_once('|') {
            Some((n, f)) => (n.trim(), Some(f.trim())),
            None => (inner, None),
        };
        out.push(Piece::Var { name, filter });
        offset += start + len + 4;
        rest = &rest[start + len + 4..];
    }
    if !rest.is_empty() { out.push(Piece::Text(rest)); }
    Ok(out)
}

struct Directory { users: RefCell<HashMap<u32, HashMap<&'static str, String>>>, lookups: RefCell<u32> }

impl Directory {
    async fn field(&self, user: u32, name: &str) -> Option<String> {
        Yield(1).await;
        *self.lookups.borrow_mut() += 1;
        self.users.borrow().get(&user)?.get(name).cloned()
    }

    fn known_fields(&self, user: u32) -> usize {
        let snapshot = RefCell::new(self.users.borrow().get(&user).map(|m| m.len()));
        snapshot.borrow().unwrap_or(0) // temporary Ref dropped before `snapshot` (edition 2024)
    }
}

fn title_case(s: &str) -> String {
    s.split(' ').map(|w| {
        let mut cs = w.chars();
        match cs.next() { Some(c) => c.to_uppercase().chain(cs.flat_map(|c| c.to_lowercase())).collect(), None => String::new() }
    }).collect::<Vec<String>>().join(" ")
}

async fn apply_filter(filter: Option<&str>, value: String) -> Result<String, RenderError> {
    Yield(1).await;
    Ok(match filter {
        None => value,
        Some("upper") => value.to_uppercase(),
        Some("title") => title_case(&value),
        Some(f) if let Some(n) = f.strip_prefix("trunc:") && let Ok(n) = n.parse::<usize>() => {
            if value.chars().count() > n { format!("{}…", value.chars().take(n).collect::<String>()) } else { value }
        }
        Some(f) => return Err(RenderError::UnknownFilter(f.to_string())),
    })
}

async fn render(pieces: &[Piece<'_>], resolve: impl AsyncFn(&str) -> Option<String>) -> Result<String, RenderError> {
    let mut out = String::new();
    for p in pieces {
        match p {
            Piece::Text(t) => out.push_str(t),
            Piece::Var { name, filter } => {
                let v = resolve(name).await.ok_or_else(|| RenderError::MissingVar(name.to_string()))?;
                out.push_str(&apply_filter(*filter, v).await?);
            }
        }
    }
    Ok(out)
}

async fn send_batch(dir: &Directory, tpl: &str, recipients: &[u32], outbox: Rc<RefCell<Vec<(u32, String)>>>) -> Vec<(u32, String)> {
    let pieces = match parse(tpl) { Ok(p) => p, Err(e) => return recipients.iter().map(|r| (*r, format!("{e:?}"))).collect() };
    let mut failures = Vec::new();
    for &uid in recipients {
        let globals = [("company", "Acme Cloud"), ("support", "help@acme.test")];
        let resolver = async |name: &str| -> Option<String> {
            if let Some((_, v)) = globals.iter().find(|(k, _)| *k == name) { return Some(v.to_string()); }
            dir.field(uid, name).await
        };
        match render(&pieces, resolver).await {
            Ok(body) => outbox.borrow_mut().push((uid, body)),
            Err(e) => failures.push((uid, format!("{e:?}"))),
        }
    }
    failures
}

fn main() {
    let mut users = HashMap::new();
    users.insert(1, HashMap::from([("name", "ada lovelace".to_string()), ("order", "A-1001".to_string()), ("item", "Analytical Engine spare gears".to_string())]));
    users.insert(2, HashMap::from([("name", "GRACE hopper".to_string()), ("order", "A-1002".to_string()), ("item", "Compiler".to_string())]));
    users.insert(3, HashMap::from([("name", "alan".to_string())]));
    let dir = Directory { users: RefCell::new(users), lookups: RefCell::new(0) };
    let outbox = Rc::new(RefCell::new(Vec::new()));
    let tpl = "Hi {{ name | title }},\nYour {{company|upper}} order {{order}} ({{ item | trunc:12 }}) has shipped.\nQuestions? {{support}}";
    let (failures, broken) = block_on(async {
        let f = send_batch(&dir, tpl, &[1, 2, 3], outbox.clone()).await;
        let b = send_batch(&dir, "Hello {{name", &[1], outbox.clone()).await;
        let odd = render(&parse("{{x|shout}}").unwrap(), async |_n: &str| Some("hey".to_string())).await;
        assert!(matches!(odd, Err(RenderError::UnknownFilter(_))));
        (f, b)
    });
    for (uid, body) in outbox.borrow().iter() { println!("--- to {uid} ---\n{body}"); }
    println!("failures: {failures:?}\nbroken: {broken:?}\nlookups: {}", dir.lookups.borrow());
    assert_eq!(outbox.borrow().len(), 2);
    assert_eq!(dir.known_fields(3), 1);
    assert!(outbox.borrow()[0].1.contains("Analytical E…"));
}
