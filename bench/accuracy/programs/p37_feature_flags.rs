#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]

use std::collections::HashMap;

#[derive(Debug, Clone)]
enum Rule {
    Always(bool),
    Percentage(u8),
    AllowList(Vec<String>),
    Region { allowed: Vec<String>, fallback: bool },
}

#[derive(Debug, Clone)]
struct Flag {
    name: String,
    rule: Rule,
    version: u32,
}

#[derive(Debug)]
struct Context {
    user_id: String,
    region: String,
}

async fn fetch_flags(env: &str) -> Result<Vec<Flag>, String> {
    if env == "offline" {
        return Err("flag service unreachable".to_string());
    }
    Ok(vec![
        Flag { name: "new_ui".into(), rule: Rule::Percentage(30), version: 3 },
        Flag { name: "beta".into(), rule: Rule::AllowList(vec!["u1".into(), "u7".into()]), version: 1 },
        Flag { name: "eu_only".into(), rule: Rule::Region { allowed: vec!["eu".into()], fallback: false }, version: 2 },
        Flag { name: "kill_switch".into(), rule: Rule::Always(false), version: 9 },
    ])
}

async fn track_exposure(flag: &str, user: &str, on: bool) {}

fn bucket(user: &str, flag: &str) -> u8 {
    let h = user.bytes().chain(flag.bytes()).fold(7u32, |h, b| h.wrapping_mul(31) ^ b as u32);
    (h % 100) as u8
}

struct FlagClient {
    flags: HashMap<String, Flag>,
    env: String,
}

impl FlagClient {
    async fn refresh(&mut self) -> usize {
        let flags = match fetch_flags(&self.env).await {
            Ok(f) => f,
            Err(e) => {
                println!("keeping {} cached flags: {}", self.flags.len(), e);
                return 0;
            }
        };
        let mut updated = 0;
        for f in flags {
            let newer = self.flags.get(&f.name).map_or(true, |old| old.version < f.version);
            if newer {
                updated += 1;
                self.flags.insert(f.name.clone(), f);
            }
        }
        updated
    }

    async fn is_enabled(&self, name: &str, ctx: &Context) -> bool {
        let Some(flag) = self.flags.get(name) else { return false };
        let on = match &flag.rule {
            Rule::Always(v) => *v,
            Rule::Percentage(p) => bucket(&ctx.user_id, name) < *p,
            Rule::AllowList(users) => users.contains(&ctx.user_id),
            Rule::Region { allowed, .. } if allowed.contains(&ctx.region) => true,
            Rule::Region { fallback, .. } => *fallback,
        };
        track_exposure(name, &ctx.user_id, on).await;
        on
    }
}

async fn render_home(client: &FlagClient, ctx: Context) -> Vec<&'static str> {
    let mut widgets = vec!["header"];
    if client.is_enabled("kill_switch", &ctx).await {
        return widgets;
    }
    if client.is_enabled("new_ui", &ctx).await {
        widgets.push("new_dashboard");
    } else {
        widgets.push("classic_dashboard");
    }
    let beta = client.is_enabled("beta", &ctx).await;
    let eu = client.is_enabled("eu_only", &ctx).await;
    if beta || eu {
        widgets.push("labs");
    }
    widgets
}

async fn flags_demo() -> usize {
    let mut client = FlagClient { flags: HashMap::new(), env: "prod".into() };
    let n = client.refresh().await;
    let page = render_home(&client, Context { user_id: "u7".into(), region: "eu".into() }).await;
    n + page.len()
}
