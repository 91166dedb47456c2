#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::collections::HashMap;
use std::future::Future;
use std::net::{AddrParseError, Ipv4Addr};
use std::pin::Pin;
use std::rc::Rc;
use std::cell::RefCell;
use std::task::{Context, Poll, Waker};

#[derive(Debug, Clone)]
enum Record {
    A(Ipv4Addr),
    Cname(String),
    Txt(String),
}

#[derive(Debug)]
enum ResolveError {
    NxDomain(String),
    BadAddr(AddrParseError),
    BadZone { line: usize, text: String },
    Loop(Vec<String>),
}

impl From<AddrParseError> for ResolveError {
    fn from(e: AddrParseError) -> Self {
        ResolveError::BadAddr(e)
    }
}

fn parse_zone(text: &str) -> Result<HashMap<String, Vec<Record>>, ResolveError> {
    let mut zone: HashMap<String, Vec<Record>> = HashMap::new();
    for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with(';')) {
        let cols: Vec<&str> = line.split_whitespace().collect();
        let [name, "IN", kind, rest @ ..] = cols.as_slice() else {
            return Err(ResolveError::BadZone { line: i + 1, text: line.to_string() });
        };
        let rec = match *kind {
            "A" => Record::A(rest.first().copied().unwrap_or("").parse()?),
            "CNAME" => Record::Cname(rest.join(" ").trim_end_matches('.').to_string()),
            "TXT" => Record::Txt(rest.join(" ").trim_matches('"').to_string()),
            _ => return Err(ResolveError::BadZone { line: i + 1, text: kind.to_string() }),
        };
        zone.entry(name.trim_end_matches('.').to_lowercase()).or_default().push(rec);
    }
    Ok(zone)
}

struct Upstream {
    zone: HashMap<String, Vec<Record>>,
    queries: RefCell<u32>,
}

impl Upstream {
    async fn query(&self, name: &str) -> Option<Vec<Record>> {
        *self.queries.borrow_mut() += 1;
        self.zone.get(name).cloned()
    }
}

struct Resolver {
    upstream: Rc<Upstream>,
    cache: RefCell<HashMap<String, (Vec<Record>, u32)>>,
    now: RefCell<u32>,
    ttl: u32,
}

impl Resolver {
    async fn lookup(&self, name: &str) -> Result<Vec<Record>, ResolveError> {
        let key = name.to_lowercase();
        let now = *self.now.borrow();
        if let Some((recs, exp)) = self.cache.borrow().get(&key) {
            if *exp > now {
                return Ok(recs.clone());
            }
        }
        let recs = self.upstream.query(&key).await.ok_or_else(|| ResolveError::NxDomain(key.clone()))?;
        self.cache.borrow_mut().insert(key, (recs.clone(), now + self.ttl));
        Ok(recs)
    }

    fn resolve_a<'a>(&'a self, name: &'a str, chain: Vec<String>) -> Pin<Box<dyn Future<Output = Result<Vec<Ipv4Addr>, ResolveError>> + 'a>> {
        Box::pin(async move {
            if chain.iter().any(|c| c == name) || chain.len() > 8 {
                let mut c = chain;
                c.push(name.to_string());
                return Err(ResolveError::Loop(c));
            }
            let recs = self.lookup(name).await?;
            let mut addrs: Vec<Ipv4Addr> = recs.iter().filter_map(|r| if let Record::A(a) = r { Some(*a) } else { None }).collect();
            if addrs.is_empty() {
                if let Some(Record::Cname(target)) = recs.iter().find(|r| matches!(r, Record::Cname(_))) {
                    let mut next = chain.clone();
                    next.push(name.to_string());
                    addrs = self.resolve_a(target, next).await?;
                }
            }
            Ok(addrs)
        })
    }
}

fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = Box::pin(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

fn main() {
    let zone_text = "; test zone\nexample.com. IN A 93.184.216.34\nwww.example.com. IN CNAME example.com.\napi.example.com IN A 10.0.0.1\napi.example.com IN A 10.0.0.2\nloop1 IN CNAME loop2\nloop2 IN CNAME loop1\nexample.com IN TXT \"v=spf1 -all\"\n";
    let zone = match parse_zone(zone_text) {
        Ok(z) => z,
        Err(e) => return println!("zone error {:?}", e),
    };
    println!("bad zone: {:?}", parse_zone("x IN A 999.1.1.1").err());
    let up = Rc::new(Upstream { zone, queries: RefCell::new(0) });
    let r = Resolver { upstream: up.clone(), cache: RefCell::new(HashMap::new()), now: RefCell::new(0), ttl: 60 };

    let session = async {
        for name in ["WWW.example.com", "api.example.com", "www.example.com", "loop1", "nope.test"] {
            match r.resolve_a(name, Vec::new()).await {
                Ok(a) => println!("{} -> {:?}", name, a),
                Err(e) => println!("{} !! {:?}", name, e),
            }
        }
    };
    block_on(session);
    println!("upstream queries {}", up.queries.borrow());
    *r.now.borrow_mut() += 120;
    let txt = block_on(async {
        let recs = r.lookup("example.com").await?;
        Ok::<_, ResolveError>(recs.into_iter().filter_map(|x| match x { Record::Txt(t) => Some(t), _ => None }).collect::<Vec<_>>())
    });
    println!("txt {:?}, queries {}", txt, up.queries.borrow());
}
