//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Marina harbour office: takes berth requests by radio and online form, best-fits boats
//! to pontoon berths by length, beam and low-water depth, shuffling visitors when needed.

use std::cell::RefCell;
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
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

#[derive(Debug, Clone)]
struct Boat { name: String, loa: f32, beam: f32, draft: f32, nights: u32 }

struct Berth { id: String, max_loa: f32, max_beam: f32, depth_lw: f32, occupant: Option<Boat> }

#[derive(Debug)]
enum HarbourError { TooBig(String), Full(String), Garbled(String) }

struct Harbour { berths: RefCell<Vec<Berth>>, moves: RefCell<Vec<String>>, rate_per_m: f32 }

fn fits(b: &Berth, boat: &Boat) -> bool {
    boat.loa <= b.max_loa && boat.beam <= b.max_beam && boat.draft + 0.3 <= b.depth_lw
}

impl Harbour {
    fn best_free(&self, boat: &Boat, skip: &[usize]) -> Option<usize> {
        let berths = self.berths.borrow();
        berths.iter().enumerate()
            .filter(|(i, b)| !skip.contains(i) && b.occupant.is_none() && fits(b, boat))
            .min_by(|(_, a), (_, b)| (a.max_loa - boat.loa).partial_cmp(&(b.max_loa - boat.loa)).unwrap())
            .map(|(i, _)| i)
    }

    fn make_room<'a>(&'a self, boat: &'a Boat, skip: &'a [usize], depth: u32) -> Pin<Box<dyn Future<Output = Option<usize>> + 'a>> {
        Box::pin(async move {
            if let Some(i) = self.best_free(boat, skip) {
                return Some(i);
            }
            if depth == 0 {
                return None;
            }
            let candidates: Vec<usize> = self.berths.borrow().iter().enumerate()
                .filter(|(i, b)| !skip.contains(i) && fits(b, boat) && b.occupant.is_some())
                .map(|(i, _)| i)
                .collect();
            for i in candidates {
                let visitor = match self.berths.borrow_mut()[i].occupant.take() {
                    Some(v) => v,
                    None => continue,
                };
                yield_now().await;
                let mut nested = skip.to_vec();
                nested.push(i);
                match self.make_room(&visitor, &nested, depth - 1).await {
                    Some(j) => {
                        let line = format!("{} shifted {} -> {}", visitor.name, self.berths.borrow()[i].id, self.berths.borrow()[j].id);
                        self.moves.borrow_mut().push(line);
                        self.berths.borrow_mut()[j].occupant = Some(visitor);
                        return Some(i);
                    }
                    None => self.berths.borrow_mut()[i].occupant = Some(visitor),
                }
            }
            None
        })
    }

    async fn assign(&self, boat: Boat) -> Result<(String, f32), HarbourError> {
        let possible = self.berths.borrow().iter().any(|b| fits(b, &boat));
        if !possible {
            return Err(HarbourError::TooBig(boat.name));
        }
        let idx = self.make_room(&boat, &[], 2).await.ok_or_else(|| HarbourError::Full(boat.name.clone()))?;
        let fee = boat.loa * self.rate_per_m * boat.nights as f32 * if boat.beam > 5.0 { 1.5 } else { 1.0 };
        let mut berths = self.berths.borrow_mut();
        berths[idx].occupant = Some(boat);
        Ok((berths[idx].id.clone(), fee))
    }
}

trait BookingChannel {
    fn channel(&self) -> &'static str;
    async fn next_request(&mut self) -> Option<Result<Boat, HarbourError>>;

    async fn pending(&mut self) -> Vec<Result<Boat, HarbourError>> {
        let mut all = Vec::new();
        while let Some(r) = self.next_request().await {
            all.push(r);
        }
        all
    }
}

struct VhfLog { calls: Vec<&'static str> }
struct WebForm { submissions: Vec<HashMap<&'static str, String>> }

impl BookingChannel for VhfLog {
    fn channel(&self) -> &'static str { "VHF 80" }
    async fn next_request(&mut self) -> Option<Result<Boat, HarbourError>> {
        let call = self.calls.pop()?;
        yield_now().await;
        let words: Vec<&str> = call.split_whitespace().collect();
        let parsed = match words.as_slice() {
            [name, loa, beam, draft, nights] => (|| Some(Boat { name: name.replace('_', " "), loa: loa.parse().ok()?, beam: beam.parse().ok()?, draft: draft.parse().ok()?, nights: nights.parse().ok()? }))(),
            _ => None,
        };
        Some(parsed.ok_or_else(|| HarbourError::Garbled(call.to_string())))
    }
}

impl BookingChannel for WebForm {
    fn channel(&self) -> &'static str { "web" }
    async fn next_request(&mut self) -> Option<Result<Boat, HarbourError>> {
        let form = self.submissions.pop()?;
        yield_now().await;
        let num = |k: &str| form.get(k).and_then(|v| v.parse::<f32>().ok());
        let boat = match (form.get("name"), num("loa"), num("beam"), num("draft")) {
            (Some(name), Some(loa), Some(beam), Some(draft)) => Ok(Boat { name: name.clone(), loa, beam, draft, nights: num("nights").unwrap_or(1.0) as u32 }),
            _ => Err(HarbourError::Garbled(format!("{:?}", form.get("name")))),
        };
        Some(boat)
    }
}

async fn process<C>(harbour: &Harbour, channel: &mut C) -> f32
where
    C: BookingChannel,
{
    let mut takings = 0.0;
    for req in channel.pending().await {
        match req {
            Ok(boat) => match harbour.assign(boat).await {
                Ok((berth, fee)) => { takings += fee; println!("[{}] berth {berth}, fee {fee:.2}", channel.channel()); }
                Err(e) => println!("[{}] {e:?}", channel.channel()),
            },
            Err(e) => println!("[{}] {e:?}", channel.channel()),
        }
    }
    takings
}

pub fn main() {
    let berth = |id: &str, max_loa, max_beam, depth_lw| Berth { id: id.into(), max_loa, max_beam, depth_lw, occupant: None };
    let harbour = Harbour {
        berths: RefCell::new(vec![berth("A1", 9.0, 3.4, 2.0), berth("A2", 12.0, 4.2, 2.4), berth("B1", 15.0, 5.0, 3.0), berth("T1", 22.0, 7.0, 3.5)]),
        moves: RefCell::new(Vec::new()),
        rate_per_m: 3.2,
    };
    let mut vhf = VhfLog { calls: vec!["Mega_Yacht 40 9 4 2", "Wave_Dancer 11.5 3.9 1.8 3", "Puffin 8.5 3.0 1.2 1", "static noise"] };
    let form = |pairs: &[(&'static str, &str)]| pairs.iter().map(|(k, v)| (*k, v.to_string())).collect::<HashMap<_, _>>();
    let mut web = WebForm {
        submissions: vec![
            form(&[("name", "Orca"), ("loa", "14.2"), ("beam", "4.5"), ("draft", "2.2"), ("nights", "4")]),
            form(&[("name", "Nemo"), ("loa", "8.0"), ("beam", "2.9"), ("draft", "1.0")]),
            form(&[("loa", "8.0")]),
        ],
    };
    let vhf_total = block_on(process(&harbour, &mut vhf));
    let web_total = block_on(process(&harbour, &mut web));
    println!("takings: vhf {vhf_total:.2}, web {web_total:.2}");

    let depart = async |name: &str| -> bool {
        yield_now().await;
        let mut berths = harbour.berths.borrow_mut();
        match berths.iter_mut().find(|b| b.occupant.as_ref().map_or(false, |o| o.name == name)) {
            Some(b) => b.occupant.take().is_some(),
            None => false,
        }
    };
    println!("Puffin departs: {}, Ghost departs: {}", block_on(depart("Puffin")), block_on(depart("Ghost")));
    let cat = Boat { name: "Cat Nap".into(), loa: 13.0, beam: 6.8, draft: 1.1, nights: 2 };
    println!("late arrival: {:?}", block_on(harbour.assign(cat.clone())));
    println!("second catamaran: {:?}", block_on(harbour.assign(Boat { name: "Twin Hull".into(), ..cat })));
    let plan = block_on(async {
        yield_now().await;
        harbour.berths.borrow().iter().map(|b| format!("{}={}", b.id, b.occupant.as_ref().map_or("-", |o| o.name.as_str()))).collect::<Vec<_>>().join(" ")
    });
    println!("{plan}\nmoves: {:?}", harbour.moves.borrow());
}
