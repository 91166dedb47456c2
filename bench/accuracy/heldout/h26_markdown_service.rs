#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]
// Markdown renderer service: fetch a document, render a small markdown subset to HTML, cache results.

use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq)]
enum Block {
    Heading(u8, String),
    Paragraph(String),
    ListItem(String),
    Code(String),
}

struct RenderService {
    cache: HashMap<String, (u64, String)>,
    rendered: u32,
}

async fn fetch_markdown(path: &str) -> Result<(u64, String), String> {
    if !path.ends_with(".md") {
        return Err(format!("{} is not markdown", path));
    }
    Ok((3, "# Title\n\nSome *intro* text.\n\n- one\n- two\n\n```\nlet x = 1;\n```\n## End".to_string()))
}

async fn sanitize(html: String) -> String {
    html.replace("<script", "&lt;script")
}

fn parse(src: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut in_code = false;
    let mut code = String::new();
    for line in src.lines() {
        if line.starts_with("```") {
            if in_code {
                blocks.push(Block::Code(std::mem::take(&mut code)));
            }
            in_code = !in_code;
            continue;
        }
        if in_code {
            code.push_str(line);
            code.push('\n');
            continue;
        }
        let hashes = line.chars().take_while(|c| *c == '#').count();
        if hashes > 0 && hashes <= 6 {
            blocks.push(Block::Heading(hashes as u8, line[hashes..].trim().to_string()));
        } else if let Some(item) = line.strip_prefix("- ") {
            blocks.push(Block::ListItem(item.to_string()));
        } else if !line.trim().is_empty() {
            blocks.push(Block::Paragraph(line.to_string()));
        }
    }
    blocks
}

fn inline(text: &str) -> String {
    let parts: Vec<&str> = text.split('*').collect();
    parts.iter().enumerate().map(|(i, p)| if i % 2 == 1 { format!("<em>{}</em>", p) } else { p.to_string() }).collect()
}

impl RenderService {
    async fn render(&mut self, path: &str) -> Result<String, String> {
        let (version, src) = fetch_markdown(path).await?;
        if let Some((v, html)) = self.cache.get(path) {
            if *v == version {
                return Ok(html.clone());
            }
        }
        let mut html = String::new();
        let mut in_list = false;
        for block in parse(&src) {
            let is_item = matches!(block, Block::ListItem(_));
            if in_list && !is_item {
                html.push_str("</ul>\n");
            }
            if is_item && !in_list {
                html.push_str("<ul>\n");
            }
            in_list = is_item;
            let piece = match block {
                Block::Heading(level, text) => format!("<h{0}>{1}</h{0}>\n", level, inline(&text)),
                Block::Paragraph(text) => format!("<p>{}</p>\n", inline(&text)),
                Block::ListItem(text) => format!("<li>{}</li>\n", inline(&text)),
                Block::Code(code) => format!("<pre><code>{}</code></pre>\n", code.replace('<', "&lt;")),
            };
            html.push_str(&piece);
        }
        if in_list {
            html.push_str("</ul>\n");
        }
        let clean = sanitize(html).await;
        self.cache.insert(path.to_string(), (version, clean.clone()));
        self.rendered += 1;
        Ok(clean)
    }
}

async fn access_log(path: &str, status: u16, bytes: usize) -> Result<(), String> {
    if status >= 500 { Err(format!("alert: {} -> {}", path, status)) } else { Ok(()) }
}

pub async fn handle_requests(paths: &[&str]) -> Vec<(u16, usize)> {
    let mut svc = RenderService { cache: HashMap::new(), rendered: 0 };
    let mut responses = Vec::new();
    for path in paths {
        let resp = match svc.render(path).await {
            Ok(body) => (200, body.len()),
            Err(e) if e.contains("not markdown") => (415, 0),
            Err(_) => (500, 0),
        };
        if let Err(alert) = access_log(path, resp.0, resp.1).await {
            println!("{}", alert);
        }
        responses.push(resp);
    }
    let preview = async |s: &mut RenderService, p: &str| -> usize {
        let html = s.render(p).await.unwrap_or_default();
        sanitize(html).await.lines().count()
    };
    let lines = preview(&mut svc, "docs/preview.md").await;
    let cached_again = svc.render("docs/intro.md").await.map(|h| h.len()).unwrap_or(0);
    assert!(svc.rendered <= paths.len() as u32 + 1);
    responses
}
