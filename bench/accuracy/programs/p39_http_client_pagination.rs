#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]

#[derive(Debug, Clone)]
struct Page {
    items: Vec<Repo>,
    next_cursor: Option<String>,
}

#[derive(Debug, Clone)]
struct Repo {
    name: String,
    stars: u32,
    archived: bool,
    language: Option<String>,
}

#[derive(Debug)]
enum ApiError {
    RateLimited { retry_after: u64 },
    Status(u16),
    Decode(String),
}

async fn http_get(url: &str) -> Result<(u16, String), String> {
    Ok((200, url.to_string()))
}

async fn sleep_ms(ms: u64) {}

fn decode_page(body: &str, cursor: Option<&str>) -> Result<Page, ApiError> {
    let n: u32 = cursor.and_then(|c| c.parse().ok()).unwrap_or(0);
    if body.is_empty() {
        return Err(ApiError::Decode("empty body".into()));
    }
    let items = (0..3)
        .map(|i| Repo {
            name: format!("repo{}", n * 3 + i),
            stars: (n * 3 + i) * 17 % 100,
            archived: i == 2,
            language: if i == 1 { None } else { Some("Rust".into()) },
        })
        .collect();
    let next_cursor = if n < 3 { Some((n + 1).to_string()) } else { None };
    Ok(Page { items, next_cursor })
}

async fn get_page(org: &str, cursor: Option<&str>) -> Result<Page, ApiError> {
    let url = match cursor {
        Some(c) => format!("https://api.test/orgs/{}/repos?cursor={}", org, c),
        None => format!("https://api.test/orgs/{}/repos", org),
    };
    let (status, body) = http_get(&url).await.map_err(ApiError::Decode)?;
    match status {
        200 => decode_page(&body, cursor),
        429 => Err(ApiError::RateLimited { retry_after: 1000 }),
        s => Err(ApiError::Status(s)),
    }
}

async fn list_all(org: &str, max_pages: usize) -> Result<Vec<Repo>, ApiError> {
    let mut all = Vec::new();
    let mut cursor: Option<String> = None;
    let mut pages = 0;
    loop {
        let page = match get_page(org, cursor.as_deref()).await {
            Ok(p) => p,
            Err(ApiError::RateLimited { retry_after }) => {
                sleep_ms(retry_after).await;
                continue;
            }
            Err(e) => return Err(e),
        };
        all.extend(page.items);
        pages += 1;
        cursor = match page.next_cursor {
            Some(c) if pages < max_pages => Some(c),
            _ => break,
        };
    }
    Ok(all)
}

async fn top_rust_repos(orgs: &[&str]) -> Vec<(String, u32)> {
    let mut picked: Vec<(String, u32)> = Vec::new();
    let fetch_org = async |org: &str| -> Result<Vec<Repo>, ApiError> {
        let first = list_all(org, 1).await?;
        if first.is_empty() {
            return Ok(first);
        }
        list_all(org, 10).await
    };
    for org in orgs {
        let repos = match fetch_org(org).await {
            Ok(r) => r,
            Err(e) => {
                println!("{}: {:?}", org, e);
                continue;
            }
        };
        for r in repos.into_iter().filter(|r| !r.archived) {
            if let Some(lang) = &r.language {
                if lang == "Rust" && r.stars > 20 {
                    picked.push((format!("{}/{}", org, r.name), r.stars));
                }
            }
        }
    }
    picked.sort_by(|a, b| b.1.cmp(&a.1));
    picked
}
