//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::{Rc, Weak};
use std::sync::RwLock;

mod rt {
    pub async fn sleep(_ms: u64) {}
    pub async fn yield_now() {}
}

#[derive(Debug, Clone, Default)]
pub struct Flag {
    pub name: String,
    pub enabled: bool,
    pub rollout: u8,
    pub allow: Vec<String>,
    pub deny: Vec<String>,
}

pub struct User<'a> {
    pub id: &'a str,
    pub country: Option<&'a str>,
    pub beta: bool,
}

fn bucket(flag: &str, user: &str) -> u8 {
    let h = flag.bytes().chain([b':']).chain(user.bytes()).fold(0x811c9dc5u32, |h, b| (h ^ b as u32).wrapping_mul(0x01000193));
    (h % 100) as u8
}

fn parse_flag(line: &str) -> Option<Flag> {
    let mut words = line.split_whitespace();
    let name = words.next()?.to_string();
    let enabled = matches!(words.next()?, "on" | "true");
    let rollout = words.next().and_then(|w| w.trim_end_matches('%').parse().ok()).unwrap_or(100);
    let mut flag = Flag { name, enabled, rollout, ..Default::default() };
    for w in words {
        if let Some((k, v)) = w.split_once('=')
            && let list = v.split(',').map(String::from).collect::<Vec<_>>()
            && !list.is_empty()
        {
            match k {
                "allow" => flag.allow = list,
                "deny" => flag.deny = list,
                _ => {}
            }
        }
    }
    Some(flag)
}

pub trait FlagSource {
    async fn fetch_all(&self) -> Result<Vec<Flag>, String>;

    async fn fetch(&self, name: &str) -> Option<Flag> {
        self.fetch_all().await.ok()?.into_iter().find(|f| f.name == name)
    }
}

pub struct HttpSource {
    pub body: String,
}

impl FlagSource for HttpSource {
    async fn fetch_all(&self) -> Result<Vec<Flag>, String> {
        rt::sleep(30).await;
        Ok(self.body.lines().filter(|l| !l.trim().is_empty()).filter_map(parse_flag).collect())
    }
}

pub type Listener = dyn Fn(&str, bool);

pub struct Flags<S> {
    source: S,
    flags: RwLock<HashMap<String, Flag>>,
    listeners: RefCell<Vec<Weak<Listener>>>,
}

impl<S: FlagSource> Flags<S> {
    pub fn new(source: S) -> Self {
        Flags { source, flags: RwLock::default(), listeners: RefCell::default() }
    }

    pub async fn is_enabled(&self, name: &str, user: &User<'_>) -> bool {
        let flag = if let Some(f) = self.flags.read().unwrap().get(name).cloned() {
            f
        } else {
            let Some(f) = self.source.fetch(name).await else { return false };
            self.flags.write().unwrap().insert(name.to_string(), f.clone());
            f
        };
        if flag.deny.iter().any(|d| d == user.id) {
            return false;
        }
        if let Some(country) = user.country
            && flag.allow.iter().any(|a| a == country || a == user.id)
        {
            return true;
        }
        flag.enabled && (user.beta || bucket(name, user.id) < flag.rollout)
    }

    pub fn subscribe(&self, listener: &Rc<Listener>) {
        self.listeners.borrow_mut().push(Rc::downgrade(listener));
    }

    pub async fn refresh(&self) -> Result<usize, String> {
        let fresh = self.source.fetch_all().await?;
        let mut changed = Vec::new();
        {
            let mut flags = self.flags.write().unwrap();
            for f in fresh {
                if let Some(old) = flags.get(&f.name)
                    && old.enabled == f.enabled
                {
                    flags.insert(f.name.clone(), f);
                    continue;
                }
                changed.push((f.name.clone(), f.enabled));
                flags.insert(f.name.clone(), f);
            }
        }
        let listeners: Vec<Rc<Listener>> = self.listeners.borrow().iter().filter_map(Weak::upgrade).collect();
        for (name, on) in &changed {
            listeners.iter().for_each(|l| l(name, *on));
            rt::yield_now().await;
        }
        Ok(changed.len())
    }
}

pub async fn render_home(flags: &Flags<HttpSource>, user_id: &str) -> Vec<&'static str> {
    let log = Rc::new(RefCell::new(Vec::<String>::new()));
    let sink = log.clone();
    let listener: Rc<Listener> = Rc::new(move |name: &str, on: bool| sink.borrow_mut().push(format!("{name}={on}")));
    flags.subscribe(&listener);
    flags.refresh().await.ok();
    let user = User { id: user_id, country: Some("NZ"), beta: user_id.starts_with("staff-") };
    let mut widgets = vec!["header"];
    for (flag, widget) in [("new-search", "search-v2"), ("dark-mode", "theme-toggle"), ("recs", "recommendations")] {
        if flags.is_enabled(flag, &user).await {
            widgets.push(widget);
        }
    }
    println!("flag changes: {:?}", log.borrow());
    widgets
}
