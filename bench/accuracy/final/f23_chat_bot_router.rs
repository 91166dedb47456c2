#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]
// Chat bot command router: parses "!command args" messages and dispatches
// them to handlers, with per-user cooldowns and admin-only commands.

use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    Help,
    Roll(u32),
    Remind { minutes: u32, text: String },
    Kick(String),
    Unknown(String),
}

pub struct ChatMessage {
    pub user: String,
    pub channel: String,
    pub text: String,
    pub ts: u64,
}

fn parse(text: &str) -> Option<Command> {
    let rest = text.strip_prefix('!')?;
    let mut parts = rest.splitn(2, ' ');
    let name = parts.next()?;
    let args = parts.next().unwrap_or("").trim();
    Some(match name {
        "help" => Command::Help,
        "roll" => Command::Roll(args.parse().unwrap_or(6)),
        "remind" => {
            let (mins, text) = args.split_once(' ')?;
            Command::Remind { minutes: mins.parse().ok()?, text: text.to_string() }
        }
        "kick" if !args.is_empty() => Command::Kick(args.to_string()),
        other => Command::Unknown(other.to_string()),
    })
}

async fn reply(channel: &str, text: String) -> bool {
    println!("#{}: {}", channel, text);
    !text.is_empty()
}

async fn is_admin(user: &str) -> bool {
    user == "root" || user.starts_with("mod_")
}

async fn schedule_reminder(user: &str, minutes: u32, text: &str) -> u64 {
    minutes as u64 * 60 + text.len() as u64
}

pub struct Router {
    pub last_used: HashMap<String, u64>,
    pub cooldown_secs: u64,
    pub rng_state: u32,
}

impl Router {
    pub async fn dispatch(&mut self, msg: &ChatMessage) -> Option<bool> {
        let cmd = parse(&msg.text)?;
        if let Some(last) = self.last_used.get(&msg.user) {
            if msg.ts < last + self.cooldown_secs && cmd != Command::Help {
                return Some(reply(&msg.channel, format!("{}: slow down", msg.user)).await);
            }
        }
        self.last_used.insert(msg.user.clone(), msg.ts);
        let text = match cmd {
            Command::Help => "commands: !help !roll [n] !remind <min> <text> !kick <user>".to_string(),
            Command::Roll(0) => "a zero-sided die? no.".to_string(),
            Command::Roll(sides) => {
                self.rng_state = self.rng_state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                format!("{} rolled {}", msg.user, self.rng_state % sides + 1)
            }
            Command::Remind { minutes, text } if minutes > 24 * 60 => "too far in the future".to_string(),
            Command::Remind { minutes, text } => {
                let id = schedule_reminder(&msg.user, minutes, &text).await;
                format!("reminder #{} set", id)
            }
            Command::Kick(target) => {
                if !is_admin(&msg.user).await {
                    return Some(reply(&msg.channel, "admins only".into()).await);
                }
                format!("{} was kicked by {}", target, msg.user)
            }
            Command::Unknown(name) => format!("unknown command !{}", name),
        };
        Some(reply(&msg.channel, text).await)
    }
}

pub async fn run(messages: Vec<ChatMessage>) -> (u32, u32) {
    let mut router = Router { last_used: HashMap::new(), cooldown_secs: 5, rng_state: 42 };
    let mut handled = 0;
    let mut ignored = 0;
    for msg in messages.iter() {
        match router.dispatch(msg).await {
            Some(true) => handled += 1,
            Some(false) => {}
            None => ignored += 1,
        }
    }
    let greet = async move |name: String| reply("general", format!("welcome {}", name)).await;
    if greet("newcomer".to_string()).await {
        handled += 1;
    }
    (handled, ignored)
}
