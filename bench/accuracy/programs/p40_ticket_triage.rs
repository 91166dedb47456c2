#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]

use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Priority {
    Low,
    Normal,
    High,
    Urgent,
}

#[derive(Debug, Clone)]
struct Ticket {
    id: u32,
    subject: String,
    body: String,
    customer_tier: u8,
}

#[derive(Debug)]
struct Assignment {
    ticket: u32,
    agent: String,
    priority: Priority,
}

async fn fetch_open_tickets() -> Vec<Ticket> {
    vec![
        Ticket { id: 1, subject: "Site down".into(), body: "500 errors everywhere".into(), customer_tier: 3 },
        Ticket { id: 2, subject: "Invoice question".into(), body: "why charged twice".into(), customer_tier: 1 },
        Ticket { id: 3, subject: "Feature idea".into(), body: "dark mode pls".into(), customer_tier: 0 },
    ]
}

async fn agent_load(agent: &str) -> u32 {
    agent.len() as u32
}

async fn sentiment(text: &str) -> i8 {
    if text.contains("twice") || text.contains("down") { -2 } else { 1 }
}

async fn assign(ticket_id: u32, agent: &str) -> Result<(), String> {
    if agent.is_empty() { Err(format!("no agent for {}", ticket_id)) } else { Ok(()) }
}

async fn classify(t: &Ticket) -> Priority {
    let text = format!("{} {}", t.subject, t.body).to_lowercase();
    let mood = sentiment(&text).await;
    match (t.customer_tier, mood) {
        (_, _) if text.contains("down") || text.contains("outage") => Priority::Urgent,
        (3.., m) if m < 0 => Priority::High,
        (_, m) if m < 0 => Priority::Normal,
        _ => Priority::Low,
    }
}

async fn pick_agent(agents: &[&str], priority: Priority) -> Option<String> {
    let mut best: Option<(&str, u32)> = None;
    for a in agents {
        let load = agent_load(a).await;
        if priority == Priority::Urgent && load > 10 {
            continue;
        }
        if best.map_or(true, |(_, l)| load < l) {
            best = Some((a, load));
        }
    }
    best.map(|(a, _)| a.to_string())
}

async fn triage(agents: &[&str]) -> (Vec<Assignment>, HashMap<Priority, u32>) {
    let tickets = fetch_open_tickets().await;
    let mut assignments = Vec::new();
    let mut histogram: HashMap<Priority, u32> = HashMap::new();
    for t in &tickets {
        let priority = classify(t).await;
        *histogram.entry(priority).or_insert(0) += 1;
        if priority == Priority::Low {
            continue;
        }
        let Some(agent) = pick_agent(agents, priority).await else {
            println!("ticket {} left unassigned", t.id);
            continue;
        };
        match assign(t.id, &agent).await {
            Ok(()) => assignments.push(Assignment { ticket: t.id, agent, priority }),
            Err(e) => println!("{}", e),
        }
    }
    (assignments, histogram)
}
