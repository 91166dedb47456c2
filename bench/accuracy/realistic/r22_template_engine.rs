//@ edition: 2021
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::cell::Cell;
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;

mod rt {
    pub async fn sleep(_ms: u64) {}
}

#[derive(Debug)]
pub enum RenderError {
    Unclosed(usize),
    UnknownVar(String),
    MissingTemplate(String),
    TooDeep,
}

#[derive(Debug, PartialEq)]
enum Token<'a> {
    Text(&'a str),
    Var(&'a str, Vec<&'a str>),
    Include(&'a str),
}

fn tokenize(src: &str) -> Result<Vec<Token<'_>>, RenderError> {
    let mut out = Vec::new();
    let mut rest = src;
    let mut offset = 0;
    while let Some(start) = rest.find("{{") {
        if start > 0 {
            out.push(Token::Text(&rest[..start]));
        }
        let end = rest[start..].find("}}").ok_or(RenderError::Unclosed(offset + start))? + start;
        let inner = rest[start + 2..end].trim();
        if let Some(name) = inner.strip_prefix('>') {
            out.push(Token::Include(name.trim()));
        } else {
            let mut parts = inner.split('|').map(str::trim);
            let name = parts.next().unwrap_or("");
            out.push(Token::Var(name, parts.collect()));
        }
        offset += end + 2;
        rest = &rest[end + 2..];
    }
    if !rest.is_empty() {
        out.push(Token::Text(rest));
    }
    Ok(out)
}

fn apply_filter(value: String, filter: &str) -> String {
    match filter {
        "upper" => value.to_uppercase(),
        "lower" => value.to_lowercase(),
        "title" => value
            .split(' ')
            .map(|w| {
                let mut c = w.chars();
                c.next().map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
            })
            .collect::<Vec<_>>()
            .join(" "),
        "escape" => value
            .chars()
            .map(|c| match c {
                '<' => "&lt;".to_string(),
                '>' => "&gt;".to_string(),
                '&' => "&amp;".to_string(),
                c => c.to_string(),
            })
            .collect(),
        f if f.starts_with("truncate:") => value.chars().take(f[9..].parse().unwrap_or(usize::MAX)).collect(),
        _ => value,
    }
}

pub trait Context {
    async fn lookup(&self, key: &str) -> Option<String>;
}

pub struct Engine<'c, C> {
    templates: HashMap<String, String>,
    ctx: &'c C,
    rendered: Cell<u32>,
}

impl<'c, C: Context> Engine<'c, C> {
    pub fn render<'a>(&'a self, name: &'a str, depth: usize) -> Pin<Box<dyn Future<Output = Result<String, RenderError>> + 'a>> {
        Box::pin(async move {
            if depth > 8 {
                return Err(RenderError::TooDeep);
            }
            let src = self.templates.get(name).ok_or_else(|| RenderError::MissingTemplate(name.to_string()))?;
            let mut out = String::with_capacity(src.len());
            for tok in tokenize(src)? {
                match tok {
                    Token::Text(t) => out.push_str(t),
                    Token::Var(key, filters) => {
                        let (key, default) = match key.split_once(" or ") {
                            Some((k, d)) => (k.trim(), Some(d.trim().trim_matches('"'))),
                            None => (key, None),
                        };
                        let value = match (self.ctx.lookup(key).await, default) {
                            (Some(v), _) => v,
                            (None, Some(d)) => d.to_string(),
                            (None, None) => return Err(RenderError::UnknownVar(key.into())),
                        };
                        out.push_str(&filters.iter().fold(value, |v, f| apply_filter(v, f)));
                    }
                    Token::Include(inc) => out.push_str(&self.render(inc, depth + 1).await?),
                }
            }
            self.rendered.set(self.rendered.get() + 1);
            Ok(out)
        })
    }
}

pub struct MapContext(pub HashMap<&'static str, String>);

impl Context for MapContext {
    async fn lookup(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
}

pub struct ProfileContext {
    pub user_id: u64,
}

impl Context for ProfileContext {
    async fn lookup(&self, key: &str) -> Option<String> {
        rt::sleep(3).await;
        match key {
            "user.id" => Some(self.user_id.to_string()),
            "user.name" => Some(format!("user <{}>", self.user_id)),
            _ => None,
        }
    }
}

pub async fn render_pages() -> Result<Vec<String>, RenderError> {
    let mut templates = HashMap::new();
    templates.insert("layout".to_string(), "<h1>{{ title | upper }}</h1>{{> body}}".to_string());
    templates.insert("body".to_string(), "<p>{{ user.name | escape }} ({{ plan or \"free\" }})</p>".to_string());
    let globals = MapContext(HashMap::from([("title", "dashboard".to_string()), ("user.name", "ann".to_string())]));
    let profile = ProfileContext { user_id: 7 };
    let a = Engine { templates: templates.clone(), ctx: &globals, rendered: Cell::new(0) };
    let b = Engine { templates, ctx: &profile, rendered: Cell::new(0) };
    let pages = vec![a.render("layout", 0).await?, b.render("body", 0).await?];
    Ok(pages)
}
