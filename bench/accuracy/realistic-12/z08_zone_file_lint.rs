//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! DNS zone-file linter: parses $ORIGIN/$TTL directives and records, qualifies names,
//! and reports CNAME conflicts, CNAME loops, missing glue and lagging secondaries.

use std::borrow::Cow;
use std::cell::Cell;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::future::Future;
use std::net::Ipv4Addr;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

struct Yield { ready: bool }
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.ready { return Poll::Ready(()); }
        self.ready = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}
fn yield_now() -> Yield { Yield { ready: false } }

fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = std::pin::pin!(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop { if let Poll::Ready(v) = f.as_mut().poll(&mut cx) { return v; } }
}

#[derive(Debug, Clone, PartialEq)]
enum RData { A(Ipv4Addr), Ns(String), Cname(String), Mx(u16, String), Txt(String), Soa { mname: String, serial: u32 } }

#[derive(Debug, Clone)]
struct Record { name: String, ttl: u32, rdata: RData, line: usize }

#[derive(Debug)]
enum ZoneError { Syntax { line: usize, msg: String }, BadIp { line: usize, text: String }, NoSoa }

#[derive(Debug)]
enum Finding { CnameConflict(String), CnameLoop(String), MissingGlue { ns: String }, Lagging { ns: String, have: u32, want: u32 }, Unreachable(String), MxToCname(String) }

fn qualify<'a>(name: &'a str, origin: &str) -> Cow<'a, str> {
    match name {
        "@" => Cow::Owned(origin.to_string()),
        n if n.ends_with('.') => Cow::Borrowed(n),
        n => Cow::Owned(format!("{n}.{origin}")),
    }
}

fn parse_zone(src: &str, default_origin: &str) -> Result<(Vec<Record>, String), ZoneError> {
    let (mut origin, mut ttl, mut last_owner) = (default_origin.to_string(), 3600u32, String::new());
    let mut out = Vec::new();
    for (idx, raw) in src.lines().enumerate() {
        let line = idx + 1;
        let text = raw.split(';').next().unwrap_or("");
        if text.trim().is_empty() { continue; }
        let mut toks: Vec<&str> = text.split_whitespace().collect();
        match toks[0] {
            "$ORIGIN" => { origin = toks.get(1).ok_or(ZoneError::Syntax { line, msg: "$ORIGIN needs a name".into() })?.to_string(); continue; }
            "$TTL" => { ttl = toks.get(1).and_then(|t| t.parse().ok()).ok_or(ZoneError::Syntax { line, msg: "bad $TTL".into() })?; continue; }
            _ => {}
        }
        let owner = if raw.starts_with(char::is_whitespace) { last_owner.clone() } else { qualify(toks.remove(0), &origin).into_owned() };
        last_owner = owner.clone();
        let mut rec_ttl = ttl;
        if let Some(t) = toks.first().and_then(|t| t.parse::<u32>().ok()) { rec_ttl = t; toks.remove(0); }
        if toks.first() == Some(&"IN") { toks.remove(0); }
        let syntax = |msg: &str| ZoneError::Syntax { line, msg: msg.to_string() };
        let rdata = match toks.as_slice() {
            ["A", ip] => RData::A(ip.parse().map_err(|_| ZoneError::BadIp { line, text: ip.to_string() })?),
            ["NS", host] => RData::Ns(qualify(host, &origin).into_owned()),
            ["CNAME", target] => RData::Cname(qualify(target, &origin).into_owned()),
            ["MX", pref, host] => RData::Mx(pref.parse().map_err(|_| syntax("bad MX preference"))?, qualify(host, &origin).into_owned()),
            ["TXT", rest @ ..] => RData::Txt(rest.join(" ").trim_matches('"').to_string()),
            ["SOA", mname, _rname, serial, ..] => RData::Soa { mname: qualify(mname, &origin).into_owned(), serial: serial.parse().map_err(|_| syntax("bad serial"))? },
            other => return Err(syntax(&format!("unsupported record {:?}", other))),
        };
        out.push(Record { name: owner, ttl: rec_ttl, rdata, line });
    }
    Ok((out, origin))
}

trait Prober {
    async fn soa_serial(&self, ns: &str) -> Result<u32, String>;
    async fn check_ns(&self, ns: &str, want: u32) -> Option<Finding> {
        match self.soa_serial(ns).await {
            Ok(have) if have >= want => None,
            Ok(have) => Some(Finding::Lagging { ns: ns.to_string(), have, want }),
            Err(e) => Some(Finding::Unreachable(format!("{ns}: {e}"))),
        }
    }
}

struct StaticProber(HashMap<&'static str, u32>);
struct FlakyProber { serial: u32, calls: Cell<u32> }

impl Prober for StaticProber {
    async fn soa_serial(&self, ns: &str) -> Result<u32, String> {
        yield_now().await;
        self.0.get(ns).copied().ok_or_else(|| "REFUSED".to_string())
    }
}
impl Prober for FlakyProber {
    async fn soa_serial(&self, _ns: &str) -> Result<u32, String> {
        self.calls.set(self.calls.get() + 1);
        yield_now().await;
        if self.calls.get() % 2 == 0 { Err("timeout".into()) } else { Ok(self.serial) }
    }
}

fn chase<'a>(cnames: &'a HashMap<String, String>, name: String, seen: HashSet<String>) -> Pin<Box<dyn Future<Output = Result<String, String>> + 'a>> {
    Box::pin(async move {
        yield_now().await;
        let Some(next) = cnames.get(&name) else { return Ok(name) };
        let mut seen = seen;
        if !seen.insert(name.clone()) { return Err(name); }
        chase(cnames, next.clone(), seen).await
    })
}

async fn lint<P: Prober>(records: &[Record], origin: &str, prober: &P) -> Result<Vec<Finding>, ZoneError> {
    let serial = records.iter().find_map(|r| match &r.rdata { RData::Soa { serial, .. } => Some(*serial), _ => None }).ok_or(ZoneError::NoSoa)?;
    let mut by_name: BTreeMap<&str, Vec<&RData>> = BTreeMap::new();
    records.iter().for_each(|r| by_name.entry(r.name.as_str()).or_default().push(&r.rdata));
    let cnames: HashMap<String, String> = records.iter().filter_map(|r| match &r.rdata { RData::Cname(t) => Some((r.name.clone(), t.clone())), _ => None }).collect();
    let mut findings = Vec::new();
    for (name, rds) in &by_name {
        if rds.len() > 1 && rds.iter().any(|r| matches!(r, RData::Cname(_))) { findings.push(Finding::CnameConflict(name.to_string())); }
        for rd in rds {
            if let RData::Mx(_, host) = rd && cnames.contains_key(host) { findings.push(Finding::MxToCname(host.clone())); }
        }
    }
    for name in cnames.keys() {
        if let Err(at) = chase(&cnames, name.clone(), HashSet::new()).await { findings.push(Finding::CnameLoop(at)); }
    }
    for r in records.iter().filter(|r| r.name == origin) {
        let RData::Ns(ns) = &r.rdata else { continue };
        let has_glue = by_name.get(ns.as_str()).is_some_and(|v| v.iter().any(|d| matches!(d, RData::A(_))));
        if ns.ends_with(origin) && !has_glue { findings.push(Finding::MissingGlue { ns: ns.clone() }); }
        findings.extend(prober.check_ns(ns, serial).await);
    }
    Ok(findings)
}

const ZONE: &str = "$ORIGIN example.org.
$TTL 300
@ IN SOA ns1 hostmaster 2024060101 7200 900 1209600 300
    IN NS ns1
    IN NS ns2
    IN NS ns.partner.net.
    IN MX 10 mail
ns1 A 192.0.2.1
mail CNAME mx-pool
mx-pool 60 A 192.0.2.25
www CNAME web
www TXT \"legacy\"
web CNAME www
api 120 IN A 192.0.2.80 ; service
";

fn main() {
    let (records, origin) = parse_zone(ZONE, "invalid.").expect("zone parses");
    println!("{} records in {origin}", records.len());
    println!("{:?}", parse_zone("@ A 300.1.1.1", "x.").err());
    println!("{:?}", parse_zone("@ LOC 1 2 3", "x.").err());
    let stat = StaticProber(HashMap::from([("ns1.example.org.", 2024060101), ("ns2.example.org.", 2024053001)]));
    let flaky = FlakyProber { serial: 2024060101, calls: Cell::new(0) };
    for f in block_on(lint(&records, &origin, &stat)).unwrap() { println!("static: {f:?}"); }
    let flaky_findings = block_on(lint(&records, &origin, &flaky)).unwrap();
    println!("flaky: {} findings after {} probes", flaky_findings.len(), flaky.calls.get());
    let ttl_spread = async |recs: &[Record]| {
        yield_now().await;
        let (lo, hi) = recs.iter().fold((u32::MAX, 0), |(lo, hi), r| (lo.min(r.ttl), hi.max(r.ttl)));
        format!("ttl range {lo}..={hi}")
    };
    println!("{}", block_on(ttl_spread(&records)));
    println!("{:?}", block_on(lint(&records[1..], &origin, &stat)).err());
}
