#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]
// Feature-flag service: flags with targeting rules and percentage rollouts, refreshed from a remote store.

use std::collections::HashMap;

#[derive(Debug, Clone)]
enum Rule {
    AllowUsers(Vec<u64>),
    Country(String),
    Percent(u8),
}

#[derive(Debug, Clone)]
struct Flag {
    key: String,
    enabled: bool,
    rules: Vec<Rule>,
}

struct UserCtx<'a> {
    id: u64,
    country: &'a str,
}

struct FlagService {
    flags: HashMap<String, Flag>,
    version: u32,
}

async fn fetch_flags(since_version: u32) -> Result<(u32, Vec<Flag>), String> {
    let flags = vec![
        Flag { key: "new_checkout".into(), enabled: true, rules: vec![Rule::Country("NL".into()), Rule::Percent(25)] },
        Flag { key: "dark_mode".into(), enabled: true, rules: vec![Rule::AllowUsers(vec![1, 2, 3])] },
        Flag { key: "legacy_api".into(), enabled: false, rules: vec![] },
    ];
    Ok((since_version + 1, flags))
}

async fn record_exposure(flag: &str, user: u64, on: bool) {}

fn bucket(flag: &str, user: u64) -> u8 {
    let mut h: u64 = 1469598103934665603;
    for b in flag.bytes().chain(user.to_le_bytes()) {
        h ^= b as u64;
        h = h.wrapping_mul(1099511628211);
    }
    (h % 100) as u8
}

impl FlagService {
    async fn refresh(&mut self) -> Result<usize, String> {
        let (version, flags) = fetch_flags(self.version).await?;
        if version <= self.version {
            return Ok(0);
        }
        self.version = version;
        let n = flags.len();
        self.flags = flags.into_iter().map(|f| (f.key.clone(), f)).collect();
        Ok(n)
    }

    fn evaluate(&self, key: &str, user: &UserCtx) -> bool {
        let Some(flag) = self.flags.get(key) else { return false };
        if !flag.enabled {
            return false;
        }
        flag.rules.iter().any(|rule| match rule {
            Rule::AllowUsers(ids) => ids.contains(&user.id),
            Rule::Country(c) if c == user.country => true,
            Rule::Country(_) => false,
            Rule::Percent(p) => bucket(key, user.id) < *p,
        })
    }

    async fn is_enabled(&self, key: &str, user: &UserCtx<'_>) -> bool {
        let on = self.evaluate(key, user);
        record_exposure(key, user.id, on).await;
        on
    }
}

pub async fn render_home(user_id: u64, country: &str) -> Vec<&'static str> {
    let mut svc = FlagService { flags: HashMap::new(), version: 0 };
    if let Err(e) = svc.refresh().await {
        println!("using defaults: {}", e);
    }
    let user = UserCtx { id: user_id, country };
    let mut widgets = vec!["header"];
    if svc.is_enabled("new_checkout", &user).await {
        widgets.push("checkout_v2");
    } else {
        widgets.push("checkout_v1");
    }
    let theme = match svc.is_enabled("dark_mode", &user).await {
        true => "dark",
        false => "light",
    };
    widgets.push(theme);
    let refreshed = async {
        let n = svc.refresh().await.unwrap_or(0);
        n > 0 && svc.version > 1
    }
    .await;
    let legacy = svc.is_enabled("legacy_api", &user).await || svc.is_enabled("missing", &user).await;
    assert!(!legacy);
    widgets
}
