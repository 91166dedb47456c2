//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_imports, unused_assignments)]
//! Crowdfunding campaign backend: takes pledges against limited reward tiers, authorises
//! cards through processors, fires stretch-goal hooks and settles or refunds at close.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Mutex;
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
enum PledgeError { TierSoldOut(String), BelowMinimum { tier: String, min: u32 }, Declined(String), Closed }

struct Tier { name: String, min_cents: u32, limit: Option<u32>, claimed: u32 }

#[derive(Debug, Clone)]
struct Pledge { backer: String, tier: String, cents: u32, auth: String }

type HookFuture<'a> = Pin<Box<dyn Future<Output = String> + 'a>>;

trait StretchHook {
    fn threshold(&self) -> u32;
    fn fire<'a>(&'a self, total: u32) -> HookFuture<'a>;
}

struct AnnounceHook { threshold: u32, text: String }
struct UnlockTierHook { threshold: u32, tier: &'static str, campaign: &'static Mutex<Vec<String>> }

impl StretchHook for AnnounceHook {
    fn threshold(&self) -> u32 { self.threshold }
    fn fire<'a>(&'a self, total: u32) -> HookFuture<'a> {
        Box::pin(async move {
            yield_now().await;
            format!("announce: {} (raised {})", self.text, total / 100)
        })
    }
}

impl StretchHook for UnlockTierHook {
    fn threshold(&self) -> u32 { self.threshold }
    fn fire<'a>(&'a self, total: u32) -> HookFuture<'a> {
        Box::pin(async move {
            self.campaign.lock().unwrap().push(self.tier.to_string());
            format!("unlocked tier {}", self.tier)
        })
    }
}

trait Processor {
    fn name(&self) -> &str;
    async fn authorize(&self, backer: &str, cents: u32) -> Result<String, PledgeError>;
    async fn capture(&self, auth: &str) -> bool { yield_now().await; !auth.is_empty() }

    async fn capture_all(&self, pledges: &[Pledge]) -> (u32, Vec<String>) {
        let (mut captured, mut failed) = (0, Vec::new());
        for p in pledges.iter().filter(|p| p.auth.starts_with(self.name())) {
            if self.capture(&p.auth).await { captured += p.cents } else { failed.push(p.backer.clone()) }
        }
        (captured, failed)
    }
}

struct CardGateway { declined: Vec<String>, seq: Mutex<u32> }
struct WalletPay { balance: Mutex<HashMap<String, u32>> }

impl Processor for CardGateway {
    fn name(&self) -> &str { "card" }
    async fn authorize(&self, backer: &str, cents: u32) -> Result<String, PledgeError> {
        yield_now().await;
        if self.declined.iter().any(|d| d == backer) {
            return Err(PledgeError::Declined(backer.to_string()));
        }
        let mut seq = self.seq.lock().unwrap();
        *seq += 1;
        Ok(format!("card-{:05}", *seq))
    }
}

impl Processor for WalletPay {
    fn name(&self) -> &str { "wallet" }
    async fn authorize(&self, backer: &str, cents: u32) -> Result<String, PledgeError> {
        yield_now().await;
        let mut balances = self.balance.lock().unwrap();
        match balances.get_mut(backer) {
            Some(b) if *b >= cents => { *b -= cents; Ok(format!("wallet-{backer}")) }
            _ => Err(PledgeError::Declined(format!("{backer}: insufficient wallet balance"))),
        }
    }
    async fn capture(&self, auth: &str) -> bool { auth.len() > 7 }
}

struct Campaign { goal_cents: u32, open: bool, tiers: Mutex<Vec<Tier>>, pledges: Mutex<Vec<Pledge>>, hooks: Vec<Box<dyn StretchHook>>, fired: Mutex<usize> }

impl Campaign {
    fn raised(&self) -> u32 { self.pledges.lock().unwrap().iter().map(|p| p.cents).sum() }

    async fn pledge<P>(&self, processor: &P, backer: &str, tier: &str, cents: u32) -> Result<Vec<String>, PledgeError>
    where
        P: Processor,
    {
        if !self.open { return Err(PledgeError::Closed); }
        {
            let tiers = self.tiers.lock().unwrap();
            let t = tiers.iter().find(|t| t.name == tier).ok_or_else(|| PledgeError::TierSoldOut(tier.to_string()))?;
            if cents < t.min_cents { return Err(PledgeError::BelowMinimum { tier: tier.to_string(), min: t.min_cents }); }
            if t.limit.map_or(false, |l| t.claimed >= l) { return Err(PledgeError::TierSoldOut(tier.to_string())); }
        }
        let auth = processor.authorize(backer, cents).await?;
        self.tiers.lock().unwrap().iter_mut().filter(|t| t.name == tier).for_each(|t| t.claimed += 1);
        self.pledges.lock().unwrap().push(Pledge { backer: backer.to_string(), tier: tier.to_string(), cents, auth });
        let total = self.raised();
        let mut announcements = Vec::new();
        let already = *self.fired.lock().unwrap();
        for hook in self.hooks.iter().skip(already).take_while(|h| h.threshold() <= total) {
            announcements.push(hook.fire(total).await);
            *self.fired.lock().unwrap() += 1;
        }
        Ok(announcements)
    }
}

static UNLOCKED: Mutex<Vec<String>> = Mutex::new(Vec::new());

pub fn main() {
    let tier = |name: &str, min_cents, limit| Tier { name: name.into(), min_cents, limit, claimed: 0 };
    let campaign = Campaign {
        goal_cents: 50_000, open: true,
        tiers: Mutex::new(vec![tier("early-bird", 2_500, Some(2)), tier("standard", 3_500, None), tier("collector", 15_000, Some(1))]),
        pledges: Mutex::new(Vec::new()),
        hooks: vec![Box::new(AnnounceHook { threshold: 10_000, text: "colour edition funded".into() }), Box::new(UnlockTierHook { threshold: 30_000, tier: "workshop-visit", campaign: &UNLOCKED })],
        fired: Mutex::new(0),
    };
    let card = CardGateway { declined: vec!["mallory".into()], seq: Mutex::new(0) };
    let wallet = WalletPay { balance: Mutex::new(HashMap::from([("kim".to_string(), 30_000), ("raj".to_string(), 1_000)])) };

    let attempts: [(&str, &str, u32, bool); 7] = [("ana", "early-bird", 2_500, true), ("bob", "early-bird", 3_000, true), ("cy", "early-bird", 2_500, true), ("kim", "collector", 25_000, false), ("mallory", "standard", 3_500, true), ("raj", "standard", 3_500, false), ("dee", "standard", 2_000, true)];
    for (backer, tier, cents, by_card) in attempts {
        let res = if by_card { block_on(campaign.pledge(&card, backer, tier, cents)) } else { block_on(campaign.pledge(&wallet, backer, tier, cents)) };
        match res {
            Ok(news) if news.is_empty() => println!("{backer}: pledged {tier}"),
            Ok(news) => println!("{backer}: pledged {tier} -> {}", news.join("; ")),
            Err(e) => println!("{backer}: {e:?}"),
        }
    }
    let raised = campaign.raised();
    let pledges = campaign.pledges.lock().unwrap().clone();
    let settle = async |funded: bool| -> String {
        if !funded {
            yield_now().await;
            return format!("goal missed, releasing {} authorisations", pledges.len());
        }
        let (a, fa) = card.capture_all(&pledges).await;
        let (b, fb) = wallet.capture_all(&pledges).await;
        format!("captured {} + {}, failed {:?}", a, b, fa.into_iter().chain(fb).collect::<Vec<_>>())
    };
    println!("raised {raised} of {}: {}", campaign.goal_cents, block_on(settle(raised >= campaign.goal_cents)));
    println!("if funded: {}", block_on(settle(true)));
    println!("unlocked tiers: {:?}", UNLOCKED.lock().unwrap());
}
