//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Signup form validation: declarative field rules, async uniqueness/breach checks via async closures, and aggregated error reports.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashSet};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut cx = Context::from_waker(Waker::noop());
    let mut fut = std::pin::pin!(fut);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) { break v; }
    }
}

struct Yield(u32);
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 == 0 { Poll::Ready(()) } else { self.0 -= 1; cx.waker().wake_by_ref(); Poll::Pending }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Problem { Required, TooShort(usize), TooLong(usize), Format(&'static str), Taken, Breached(u32), Mismatch(&'static str) }

type Form = BTreeMap<&'static str, String>;
type Report = BTreeMap<&'static str, Vec<Problem>>;

fn length(v: &str, min: usize, max: usize) -> Option<Problem> {
    match v.chars().count() {
        0 => Some(Problem::Required),
        n if n < min => Some(Problem::TooShort(min)),
        n if n > max => Some(Problem::TooLong(max)),
        _ => None,
    }
}

fn email_ok(v: &str) -> bool {
    if let Some((local, domain)) = v.split_once('@') && !local.is_empty() && let Some((host, tld)) = domain.rsplit_once('.') {
        !host.is_empty() && tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic())
    } else {
        false
    }
}

struct Backend { usernames: RefCell<HashSet<String>>, breached: Vec<(&'static str, u32)>, lookups: Cell<u32> }

impl Backend {
    async fn username_taken(&self, name: &str) -> bool {
        Yield(3).await;
        self.lookups.set(self.lookups.get() + 1);
        self.usernames.borrow().contains(&name.to_lowercase())
    }
    async fn breach_count(&self, password: &str) -> u32 {
        Yield(2).await;
        self.lookups.set(self.lookups.get() + 1);
        let prefix: String = password.chars().take(5).collect();
        self.breached.iter().filter(|(p, _)| p.starts_with(&prefix) && *p == password).map(|(_, n)| *n).sum()
    }
    fn registered(&self) -> usize {
        let names = RefCell::new(self.usernames.borrow().len());
        *names.borrow()
    }
}

async fn check_field(report: &mut Report, field: &'static str, value: &str, rule: impl AsyncFn(&str) -> Vec<Problem>) {
    let problems = rule(value).await;
    if !problems.is_empty() { report.entry(field).or_default().extend(problems); }
}

async fn validate(form: &Form, be: &Backend) -> Result<String, Report> {
    let mut report = Report::new();
    let get = |k: &str| form.get(k).map(String::as_str).unwrap_or("");
    check_field(&mut report, "username", get("username"), async |v: &str| {
        let mut p: Vec<Problem> = length(v, 3, 16).into_iter().collect();
        if !v.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') { p.push(Problem::Format("letters, digits, underscore")); }
        if p.is_empty() && be.username_taken(v).await { p.push(Problem::Taken); }
        p
    }).await;
    check_field(&mut report, "email", get("email"), async |v: &str| {
        if v.is_empty() { vec![Problem::Required] } else if !email_ok(v) { vec![Problem::Format("name@domain.tld")] } else { vec![] }
    }).await;
    check_field(&mut report, "password", get("password"), async |v: &str| {
        let mut p: Vec<Problem> = length(v, 8, 64).into_iter().collect();
        let classes = [v.chars().any(|c| c.is_lowercase()), v.chars().any(|c| c.is_uppercase()), v.chars().any(|c| c.is_ascii_digit())];
        if classes.iter().filter(|b| **b).count() < 2 { p.push(Problem::Format("mix of letters and digits")); }
        if let n @ 1.. = be.breach_count(v).await { p.push(Problem::Breached(n)); }
        p
    }).await;
    check_field(&mut report, "confirm", get("confirm"), async |v: &str| {
        Yield(1).await;
        if v != get("password") { vec![Problem::Mismatch("password")] } else { vec![] }
    }).await;
    if !report.is_empty() { return Err(report); }
    be.usernames.borrow_mut().insert(get("username").to_lowercase());
    Ok(format!("welcome, {}", get("username")))
}

fn form(fields: &str) -> Form {
    fields.split('&').filter_map(|kv| kv.split_once('=')).filter_map(|(k, v)| {
        let key: &'static str = match k { "username" => "username", "email" => "email", "password" => "password", "confirm" => "confirm", _ => return None };
        Some((key, v.to_string()))
    }).collect()
}

fn main() {
    let be = Backend { usernames: RefCell::new(HashSet::from(["admin".to_string(), "root".into()])), breached: vec![("Password1", 2_400_000), ("letmein99", 87_000)], lookups: Cell::new(0) };
    let submissions = [
        "username=ferris&email=ferris@rust-lang.org&password=Crab2024!&confirm=Crab2024!",
        "username=Admin&email=admin@corp&password=Password1&confirm=Password1",
        "username=x!&email=&password=short&confirm=shorter",
        "username=ferris&email=f2@rust-lang.org&password=an0therOne&confirm=an0therOne",
        "username=new_user_42&email=n@ex.io&password=letmein99&confirm=letmein99&extra=1",
    ];
    let results = block_on(async {
        let mut out = Vec::new();
        for s in submissions {
            let f = form(s);
            let r = validate(&f, &be).await;
            match &r {
                Ok(msg) => println!("OK   {msg}"),
                Err(rep) => println!("FAIL {}", rep.iter().map(|(k, v)| format!("{k}: {v:?}")).collect::<Vec<_>>().join("; ")),
            }
            out.push(r);
        }
        out
    });
    println!("backend lookups: {}, registered: {}", be.lookups.get(), be.registered());
    assert!(results[0].is_ok());
    let rep1 = results[1].as_ref().unwrap_err();
    assert_eq!(rep1["username"], vec![Problem::Taken]);
    assert!(matches!(rep1["password"][..], [Problem::Breached(2_400_000)]));
    assert_eq!(results[2].as_ref().unwrap_err().len(), 4);
    assert_eq!(results[3].as_ref().unwrap_err()["username"], vec![Problem::Taken]);
    assert_eq!(be.registered(), 3);
}
