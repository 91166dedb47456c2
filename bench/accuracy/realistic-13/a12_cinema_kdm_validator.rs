//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Cinema show validator: expands nested show playlists, checks that each feature's key
//! delivery message covers the screen's server and show window, and renews missing keys.

use std::cell::RefCell;
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

struct Yield(bool);
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 { return Poll::Ready(()); }
        self.0 = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}
async fn yield_now() { Yield(false).await }
fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = Box::pin(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) { return v; }
    }
}

#[derive(Debug)]
enum ShowError { NoKey { title: String, screen: u8 }, WrongServer(String), Window { title: String, from: u32, until: u32 }, Cycle(String) }

enum Item { Clip { title: String, minutes: u32, encrypted: bool }, Pack(String) }

#[derive(Clone)]
struct Kdm { title: String, server_thumb: String, from: u32, until: u32 }

struct Show { screen: u8, start: u32, playlist: String }

struct Booth {
    packs: HashMap<String, Vec<Item>>,
    servers: HashMap<u8, String>,
    keys: Rc<RefCell<Vec<Kdm>>>,
}

fn expand<'a>(booth: &'a Booth, pack: &'a str, depth: u8, out: &'a mut Vec<(String, u32, bool)>) -> Pin<Box<dyn Future<Output = Result<u32, ShowError>> + 'a>> {
    Box::pin(async move {
        if depth > 4 { return Err(ShowError::Cycle(pack.to_string())); }
        let items = booth.packs.get(pack).map(Vec::as_slice).unwrap_or(&[]);
        let mut total = 0;
        for item in items {
            match item {
                Item::Clip { title, minutes, encrypted } => {
                    out.push((title.clone(), *minutes, *encrypted));
                    total += minutes;
                }
                Item::Pack(name) => {
                    yield_now().await;
                    total += expand(booth, name, depth + 1, out).await?;
                }
            }
        }
        Ok(total)
    })
}

impl Booth {
    fn check_key(&self, title: &str, screen: u8, start: u32, end: u32) -> Result<(), ShowError> {
        let keys = self.keys.borrow();
        let thumb = self.servers.get(&screen).ok_or(ShowError::NoKey { title: title.into(), screen })?;
        let for_title: Vec<&Kdm> = keys.iter().filter(|k| k.title == title).collect();
        if for_title.is_empty() { return Err(ShowError::NoKey { title: title.into(), screen }); }
        let Some(k) = for_title.iter().find(|k| &k.server_thumb == thumb) else { return Err(ShowError::WrongServer(title.into())) };
        if k.from <= start && end <= k.until { Ok(()) } else { Err(ShowError::Window { title: title.into(), from: k.from, until: k.until }) }
    }

    async fn validate(&self, show: &Show) -> Result<u32, Vec<ShowError>> {
        let mut clips = Vec::new();
        let runtime = expand(self, &show.playlist, 0, &mut clips).await.map_err(|e| vec![e])?;
        let mut clock = show.start;
        let mut errors = Vec::new();
        for (title, minutes, encrypted) in clips {
            if encrypted && let Err(e) = self.check_key(&title, show.screen, clock, clock + minutes) {
                errors.push(e);
            }
            clock += minutes;
        }
        if errors.is_empty() { Ok(runtime) } else { Err(errors) }
    }
}

trait KeyProvider {
    fn lead_minutes(&self) -> u32;
    async fn issue(&self, title: &str, thumb: &str, from: u32) -> Option<Kdm>;

    async fn renew(&self, booth: &Booth, errors: &[ShowError], show: &Show) -> usize {
        let mut issued = 0;
        for e in errors {
            let (ShowError::NoKey { title, .. } | ShowError::WrongServer(title) | ShowError::Window { title, .. }) = e else { continue };
            let Some(thumb) = booth.servers.get(&show.screen) else { continue };
            if let Some(k) = self.issue(title, thumb, show.start.saturating_sub(self.lead_minutes())).await {
                booth.keys.borrow_mut().push(k);
                issued += 1;
            }
        }
        issued
    }
}

struct StudioPortal { titles: Vec<&'static str> }
struct EmailDesk { inbox: RefCell<Vec<String>> }

impl KeyProvider for StudioPortal {
    fn lead_minutes(&self) -> u32 { 60 }
    async fn issue(&self, title: &str, thumb: &str, from: u32) -> Option<Kdm> {
        yield_now().await;
        self.titles.contains(&title).then(|| Kdm { title: title.into(), server_thumb: thumb.into(), from, until: from + 7 * 1440 })
    }
}

impl KeyProvider for EmailDesk {
    fn lead_minutes(&self) -> u32 { 24 * 60 }
    async fn issue(&self, title: &str, thumb: &str, from: u32) -> Option<Kdm> {
        self.inbox.borrow_mut().push(format!("request {title} for {thumb}"));
        yield_now().await;
        Some(Kdm { title: title.into(), server_thumb: thumb.into(), from, until: from + 2 * 1440 })
    }
}

async fn prepare<P>(booth: &Booth, provider: &P, show: &Show) -> String
where
    P: KeyProvider,
{
    match booth.validate(show).await {
        Ok(min) => format!("screen {} ok ({min} min)", show.screen),
        Err(errors) => {
            let n = provider.renew(booth, &errors, show).await;
            let retry = booth.validate(show).await;
            format!("screen {}: {} problem(s), {n} key(s) issued, now {:?}", show.screen, errors.len(), retry.map_err(|e| e.len()))
        }
    }
}

pub fn main() {
    let clip = |t: &str, m, e| Item::Clip { title: t.into(), minutes: m, encrypted: e };
    let mut packs = HashMap::new();
    packs.insert("ads".to_string(), vec![clip("Popcorn Promo", 2, false), clip("Bank Spot", 1, false)]);
    packs.insert("trailers".to_string(), vec![Item::Pack("ads".into()), clip("Dune Teaser", 3, true)]);
    packs.insert("evening-1".to_string(), vec![Item::Pack("trailers".into()), clip("Harbour Lights", 118, true)]);
    packs.insert("evening-2".to_string(), vec![Item::Pack("ads".into()), clip("The Long Field", 97, true)]);
    packs.insert("loop".to_string(), vec![Item::Pack("loop".into())]);
    let keys = Rc::new(RefCell::new(vec![
        Kdm { title: "Harbour Lights".into(), server_thumb: "srv-a1".into(), from: 0, until: 10_000 },
        Kdm { title: "The Long Field".into(), server_thumb: "srv-b7".into(), from: 0, until: 1_000 },
    ]));
    let booth = Booth { packs, servers: HashMap::from([(1, "srv-a1".to_string()), (2, "srv-b2".to_string())]), keys: Rc::clone(&keys) };
    let portal = StudioPortal { titles: vec!["Dune Teaser"] };
    let email = EmailDesk { inbox: RefCell::new(Vec::new()) };

    let s1 = Show { screen: 1, start: 1_140, playlist: "evening-1".into() };
    let s2 = Show { screen: 2, start: 1_260, playlist: "evening-2".into() };
    println!("{}", block_on(prepare(&booth, &portal, &s1)));
    println!("{}", block_on(prepare(&booth, &email, &s2)));
    println!("{:?}", block_on(booth.validate(&Show { screen: 1, start: 0, playlist: "loop".into() })).err().map(|e| format!("{:?}", e[0])));

    let runtime_of = async |pack: &str| -> u32 {
        let mut clips = Vec::new();
        yield_now().await;
        expand(&booth, pack, 0, &mut clips).await.unwrap_or(0)
    };
    println!("trailers {} min, evening-2 {} min", block_on(runtime_of("trailers")), block_on(runtime_of("evening-2")));
    let inbox = block_on(async {
        yield_now().await;
        email.inbox.borrow().join("; ")
    });
    println!("{} keys on file; {inbox}", keys.borrow().len());
}
