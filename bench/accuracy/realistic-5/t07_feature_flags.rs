#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Feature-flag service: fetches flag definitions from a remote source and evaluates targeting rules.

use std::collections::HashMap;
use std::future::Future;
use std::pin::{pin, Pin};
use std::sync::{Arc, Mutex, RwLock};
use std::task::{Context, Poll, Waker};

struct Yield(u8);

impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 == 0 {
            return Poll::Ready(());
        }
        self.0 -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

struct EvalContext<'a> {
    user_id: &'a str,
    attrs: HashMap<&'a str, &'a str>,
}

trait Rule {
    fn matches(&self, ctx: &EvalContext<'_>) -> bool;
    fn describe(&self) -> String;
}

struct Allowlist(Vec<String>);
struct Percentage(u8);
struct AttrEquals(String, String);

fn fnv1a(s: &str) -> u32 {
    s.bytes().fold(0x811c9dc5u32, |h, b| (h ^ b as u32).wrapping_mul(0x01000193))
}

impl Rule for Allowlist {
    fn matches(&self, ctx: &EvalContext<'_>) -> bool {
        self.0.iter().any(|u| u == ctx.user_id)
    }
    fn describe(&self) -> String {
        format!("allow[{}]", self.0.join(","))
    }
}

impl Rule for Percentage {
    fn matches(&self, ctx: &EvalContext<'_>) -> bool {
        (fnv1a(ctx.user_id) % 100) < self.0 as u32
    }
    fn describe(&self) -> String {
        format!("{}%", self.0)
    }
}

impl Rule for AttrEquals {
    fn matches(&self, ctx: &EvalContext<'_>) -> bool {
        ctx.attrs.get(self.0.as_str()).map_or(false, |v| *v == self.1)
    }
    fn describe(&self) -> String {
        format!("{}=={}", self.0, self.1)
    }
}

struct Flag {
    enabled: bool,
    rules: Vec<Box<dyn Rule + Send + Sync>>,
}

#[derive(Debug)]
enum FlagError {
    Fetch(String),
    Syntax { line: usize, text: String },
    Unknown(String),
}

trait FlagSource {
    async fn fetch(&self) -> Result<String, FlagError>;
}

struct StaticSource(&'static str);

impl FlagSource for StaticSource {
    async fn fetch(&self) -> Result<String, FlagError> {
        Yield(3).await;
        if self.0.is_empty() {
            return Err(FlagError::Fetch("empty response".into()));
        }
        Ok(self.0.to_string())
    }
}

fn parse_rule(spec: &str) -> Option<Box<dyn Rule + Send + Sync>> {
    let (kind, arg) = spec.split_once(':')?;
    Some(match kind {
        "allow" => Box::new(Allowlist(arg.split('+').map(String::from).collect())),
        "pct" => Box::new(Percentage(arg.parse().ok()?)),
        "attr" => {
            let (k, v) = arg.split_once('=')?;
            Box::new(AttrEquals(k.into(), v.into()))
        }
        _ => return None,
    })
}

struct FlagService<S: FlagSource> {
    source: S,
    flags: RwLock<HashMap<String, Flag>>,
    evaluations: Mutex<HashMap<String, (u32, u32)>>,
}

impl<S: FlagSource> FlagService<S> {
    async fn refresh(&self) -> Result<usize, FlagError> {
        let body = self.source.fetch().await?;
        let mut parsed = HashMap::new();
        for (line_no, line) in body.lines().enumerate().filter(|(_, l)| !l.starts_with("//")) {
            let mut fields = line.split_whitespace();
            let (Some(name), Some(state)) = (fields.next(), fields.next()) else {
                return Err(FlagError::Syntax { line: line_no, text: line.to_string() });
            };
            let rules = fields.map(|f| parse_rule(f).ok_or_else(|| FlagError::Syntax { line: line_no, text: f.into() })).collect::<Result<Vec<_>, _>>()?;
            parsed.insert(name.to_string(), Flag { enabled: state == "on", rules });
        }
        let n = parsed.len();
        *self.flags.write().unwrap() = parsed;
        Ok(n)
    }

    async fn is_enabled(&self, name: &str, ctx: &EvalContext<'_>) -> Result<bool, FlagError> {
        Yield(1).await;
        let flags = self.flags.read().unwrap();
        let flag = flags.get(name).ok_or_else(|| FlagError::Unknown(name.into()))?;
        let on = flag.enabled && (flag.rules.is_empty() || flag.rules.iter().any(|r| r.matches(ctx)));
        drop(flags);
        let mut evals = self.evaluations.lock().unwrap();
        let entry = evals.entry(name.to_string()).or_insert((0, 0));
        if on { entry.0 += 1 } else { entry.1 += 1 }
        Ok(on)
    }
}

async fn rollout_report<S: FlagSource>(svc: &FlagService<S>, flag: &str, users: &[&str]) -> (usize, usize) {
    let mut on = 0;
    for &u in users {
        let ctx = EvalContext { user_id: u, attrs: HashMap::from([("plan", if u.ends_with(['0', '5']) { "pro" } else { "free" })]) };
        if svc.is_enabled(flag, &ctx).await.unwrap_or(false) {
            on += 1;
        }
    }
    (on, users.len())
}

fn main() {
    let defs = "// name state rules...\nnew_checkout on pct:30 allow:u-007\ndark_mode on\nbeta_search on attr:plan=pro\nlegacy_export off allow:u-001\n";
    let svc = Arc::new(FlagService { source: StaticSource(defs), flags: RwLock::new(HashMap::new()), evaluations: Mutex::new(HashMap::new()) });

    let users: Vec<String> = (1..=40).map(|i| format!("u-{i:03}")).collect();
    let user_refs: Vec<&str> = users.iter().map(String::as_str).collect();

    let reports = block_on(async {
        let loaded = svc.refresh().await.expect("flag refresh");
        let mut out = Vec::new();
        for flag in ["new_checkout", "dark_mode", "beta_search", "legacy_export"] {
            out.push((flag, rollout_report(&svc, flag, &user_refs).await));
        }
        let missing = svc.is_enabled("ghost", &EvalContext { user_id: "u-1", attrs: HashMap::new() }).await;
        (loaded, out, missing.is_err())
    });

    let (loaded, per_flag, missing_errs) = reports;
    println!("loaded {loaded} flags, unknown flag errors: {missing_errs}");
    for (flag, (on, total)) in per_flag {
        println!("  {flag:<14} {on:>2}/{total}");
    }
    let flags = svc.flags.read().unwrap();
    let described: Vec<String> = flags["new_checkout"].rules.iter().map(|r| r.describe()).collect();
    println!("new_checkout rules: {}", described.join(" OR "));
}
