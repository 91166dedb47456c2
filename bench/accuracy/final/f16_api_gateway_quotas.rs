#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]
// API gateway with quotas: authenticates API keys, enforces per-plan
// quotas and forwards requests to backend services.

use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Plan {
    Free,
    Pro,
    Enterprise,
}

#[derive(Debug)]
pub struct Request {
    pub api_key: String,
    pub route: String,
    pub body: Vec<u8>,
}

#[derive(Debug, PartialEq)]
pub enum Response {
    Ok(u16, String),
    TooManyRequests { retry_after: u32 },
    Unauthorized,
    NotFound,
}

async fn lookup_key(key: &str) -> Option<Plan> {
    match key.split_once('_')?.0 {
        "free" => Some(Plan::Free),
        "pro" => Some(Plan::Pro),
        "ent" => Some(Plan::Enterprise),
        _ => None,
    }
}

async fn forward(service: &str, body: &[u8]) -> Result<String, u16> {
    if service == "billing" && body.is_empty() {
        return Err(422);
    }
    Ok(format!("{} handled {} bytes", service, body.len()))
}

pub struct Gateway {
    pub used: HashMap<String, u32>,
    pub window_secs: u32,
}

impl Gateway {
    fn limit(plan: Plan) -> Option<u32> {
        match plan {
            Plan::Free => Some(100),
            Plan::Pro => Some(10_000),
            Plan::Enterprise => None,
        }
    }

    pub async fn handle(&mut self, req: Request) -> Response {
        let Some(plan) = lookup_key(&req.api_key).await else {
            return Response::Unauthorized;
        };
        let used = self.used.entry(req.api_key.clone()).or_insert(0);
        if let Some(limit) = Self::limit(plan) {
            if *used >= limit {
                return Response::TooManyRequests { retry_after: self.window_secs };
            }
        }
        *used += 1;
        let service = match req.route.trim_start_matches('/').split('/').next() {
            Some("users") => "accounts",
            Some("invoices") | Some("payments") => "billing",
            Some(other) if other.starts_with("search") => "search",
            _ => return Response::NotFound,
        };
        match forward(service, &req.body).await {
            Ok(text) => Response::Ok(200, text),
            Err(code) => Response::Ok(code, String::new()),
        }
    }

    pub async fn reset_window(&mut self) -> u32 {
        let total: u32 = self.used.values().sum();
        self.used.clear();
        total
    }
}

pub async fn replay_log(lines: Vec<String>) -> HashMap<String, u32> {
    let mut gw = Gateway { used: HashMap::new(), window_secs: 60 };
    let mut status_counts: HashMap<String, u32> = HashMap::new();
    for (i, line) in lines.iter().enumerate() {
        let Some((key, route)) = line.split_once(' ') else { continue };
        let req = Request { api_key: key.to_string(), route: route.to_string(), body: vec![0; i % 3] };
        let label = match gw.handle(req).await {
            Response::Ok(code, _) if code >= 400 => "backend_error",
            Response::Ok(..) => "ok",
            Response::TooManyRequests { .. } => "throttled",
            Response::Unauthorized => "unauthorized",
            Response::NotFound => "not_found",
        };
        *status_counts.entry(label.to_string()).or_default() += 1;
        if i > 0 && i % 1000 == 0 {
            let served = gw.reset_window().await;
            println!("window served {}", served);
        }
    }
    status_counts
}

pub async fn probe_backends() -> Vec<(String, bool)> {
    let check = async |name: &str| -> bool { forward(name, b"ping").await.is_ok() };
    let mut out = Vec::new();
    for name in ["accounts", "billing", "search"] {
        out.push((name.to_string(), check(name).await));
    }
    let key_ok = lookup_key("pro_123").await == Some(Plan::Pro);
    out.push(("keys".into(), key_ok));
    out
}
