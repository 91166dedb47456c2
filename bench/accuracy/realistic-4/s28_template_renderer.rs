#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Mustache-like template renderer with async include loading, filters, sections and a parsed-template cache.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

struct Load(u8);

impl Future for Load {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 == 0 {
            return Poll::Ready(());
        }
        self.0 -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut cx = Context::from_waker(Waker::noop());
    let mut fut = std::pin::pin!(fut);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

#[derive(Debug, Clone)]
enum Value {
    Str(String),
    Num(f64),
    Bool(bool),
    List(Vec<Value>),
    Map(BTreeMap<String, Value>),
}

impl Value {
    fn lookup(&self, path: &str) -> Option<&Value> {
        path.split('.').try_fold(self, |v, key| match v {
            Value::Map(m) => m.get(key),
            Value::List(l) => key.parse::<usize>().ok().and_then(|i| l.get(i)),
            _ => None,
        })
    }
    fn truthy(&self) -> bool {
        match self {
            Value::Bool(b) => *b,
            Value::Str(s) => !s.is_empty(),
            Value::Num(n) => *n != 0.0,
            Value::List(l) => !l.is_empty(),
            Value::Map(_) => true,
        }
    }
    fn render(&self) -> String {
        match self {
            Value::Str(s) => s.clone(),
            Value::Num(n) if n.fract() == 0.0 => format!("{}", *n as i64),
            Value::Num(n) => format!("{:.2}", n),
            Value::Bool(b) => b.to_string(),
            Value::List(l) => format!("[{} items]", l.len()),
            Value::Map(_) => "[object]".into(),
        }
    }
}

#[derive(Debug)]
enum Node {
    Text(String),
    Var { path: String, filters: Vec<String> },
    Section { path: String, inverted: bool, body: Vec<Node> },
    Include(String),
}

#[derive(Debug)]
enum RenderError {
    Unclosed { tag: String, line: usize },
    Stray(String),
    MissingTemplate(String),
    TooDeep(usize),
    UnknownFilter(String),
}

fn parse(src: &str) -> Result<Vec<Node>, RenderError> {
    let mut stack: Vec<(String, bool, Vec<Node>, usize)> = vec![(String::new(), false, Vec::new(), 0)];
    let mut rest = src;
    while let Some(start) = rest.find("{{") {
        let line = src.len() - rest.len();
        let line_no = src[..line].matches('\n').count() + 1;
        if start > 0 {
            stack.last_mut().unwrap().2.push(Node::Text(rest[..start].to_string()));
        }
        let end = rest[start..].find("}}").ok_or_else(|| RenderError::Unclosed { tag: rest[start..].chars().take(12).collect(), line: line_no })?;
        let tag = rest[start + 2..start + end].trim();
        rest = &rest[start + end + 2..];
        match tag.chars().next() {
            Some('#') | Some('^') => stack.push((tag[1..].trim().to_string(), tag.starts_with('^'), Vec::new(), line_no)),
            Some('/') => {
                let (path, inverted, body, _) = stack.pop().filter(|s| s.0 == tag[1..].trim()).ok_or_else(|| RenderError::Stray(tag.to_string()))?;
                let parent = stack.last_mut().ok_or_else(|| RenderError::Stray(tag.to_string()))?;
                parent.2.push(Node::Section { path, inverted, body });
            }
            Some('>') => stack.last_mut().unwrap().2.push(Node::Include(tag[1..].trim().to_string())),
            _ => {
                let mut parts = tag.split('|').map(str::trim);
                let path = parts.next().unwrap_or_default().to_string();
                stack.last_mut().unwrap().2.push(Node::Var { path, filters: parts.map(String::from).collect() });
            }
        }
    }
    if !rest.is_empty() {
        stack.last_mut().unwrap().2.push(Node::Text(rest.to_string()));
    }
    if stack.len() > 1 {
        let (tag, _, _, line) = stack.pop().unwrap();
        return Err(RenderError::Unclosed { tag, line });
    }
    Ok(stack.pop().map(|s| s.2).unwrap_or_default())
}

fn apply_filter(value: String, filter: &str) -> Result<String, RenderError> {
    let (name, arg) = filter.split_once(':').unwrap_or((filter, ""));
    Ok(match name {
        "upper" => value.to_uppercase(),
        "lower" => value.to_lowercase(),
        "default" if value.is_empty() => arg.to_string(),
        "default" => value,
        "truncate" => {
            let n: usize = arg.parse().unwrap_or(10);
            if value.chars().count() > n { format!("{}…", value.chars().take(n).collect::<String>()) } else { value }
        }
        _ => return Err(RenderError::UnknownFilter(name.to_string())),
    })
}

struct Engine {
    sources: HashMap<&'static str, &'static str>,
    cache: RefCell<HashMap<String, Rc<Vec<Node>>>>,
    loads: RefCell<u32>,
}

impl Engine {
    async fn load(&self, name: &str) -> Result<Rc<Vec<Node>>, RenderError> {
        if let Some(hit) = self.cache.borrow().get(name) {
            return Ok(Rc::clone(hit));
        }
        Load(2).await;
        *self.loads.borrow_mut() += 1;
        let src = self.sources.get(name).ok_or_else(|| RenderError::MissingTemplate(name.to_string()))?;
        let nodes = Rc::new(parse(src)?);
        self.cache.borrow_mut().insert(name.to_string(), Rc::clone(&nodes));
        Ok(nodes)
    }

    fn render_nodes<'a>(&'a self, nodes: &'a [Node], ctx: &'a Value, out: &'a mut String, depth: usize) -> Pin<Box<dyn Future<Output = Result<(), RenderError>> + 'a>> {
        Box::pin(async move {
            if depth > 6 {
                return Err(RenderError::TooDeep(depth));
            }
            for node in nodes {
                match node {
                    Node::Text(t) => out.push_str(t),
                    Node::Var { path, filters } => {
                        let mut s = if path == "." { ctx.render() } else { ctx.lookup(path).map(Value::render).unwrap_or_default() };
                        for f in filters {
                            s = apply_filter(s, f)?;
                        }
                        out.push_str(&s);
                    }
                    Node::Section { path, inverted, body } => match (ctx.lookup(path), inverted) {
                        (Some(Value::List(items)), false) => {
                            for item in items {
                                self.render_nodes(body, item, out, depth + 1).await?;
                            }
                        }
                        (Some(v), false) if v.truthy() => self.render_nodes(body, ctx, out, depth + 1).await?,
                        (v, true) if !v.map_or(false, Value::truthy) => self.render_nodes(body, ctx, out, depth + 1).await?,
                        _ => {}
                    },
                    Node::Include(name) => {
                        let included = self.load(name).await?;
                        self.render_nodes(&included, ctx, out, depth + 1).await?;
                    }
                }
            }
            Ok(())
        })
    }

    async fn render(&self, name: &str, ctx: &Value) -> Result<String, RenderError> {
        let nodes = self.load(name).await?;
        let mut out = String::new();
        self.render_nodes(&nodes, ctx, &mut out, 0).await?;
        Ok(out)
    }
}

fn main() {
    let sources = HashMap::from([
        ("page", "{{> header}}{{#items}}- {{name | truncate:8}} x{{qty}}{{#backorder}} (backorder){{/backorder}}\n{{/items}}{{^items}}cart empty\n{{/items}}{{> footer}}"),
        ("header", "Hello {{user.name | default:guest | upper}}!\n"),
        ("footer", "total: {{total}} {{currency | lower}}"),
        ("loop", "{{> loop}}"),
        ("broken", "{{#items}} unterminated"),
        ("badfilter", "{{user.name | shout}}"),
    ]);
    let engine = Engine { sources, cache: RefCell::new(HashMap::new()), loads: RefCell::new(0) };
    let item = |name: &str, qty: f64, back: bool| Value::Map(BTreeMap::from([("name".into(), Value::Str(name.into())), ("qty".into(), Value::Num(qty)), ("backorder".into(), Value::Bool(back))]));
    let ctx = Value::Map(BTreeMap::from([
        ("user".into(), Value::Map(BTreeMap::from([("name".into(), Value::Str("Zoë".into()))]))),
        ("items".into(), Value::List(vec![item("mechanical keyboard", 1.0, false), item("usb-c cable", 3.0, true)])),
        ("total".into(), Value::Num(149.5)),
        ("currency".into(), Value::Str("EUR".into())),
    ]));
    let empty = Value::Map(BTreeMap::from([("items".into(), Value::List(vec![])), ("total".into(), Value::Num(0.0)), ("currency".into(), Value::Str("EUR".into()))]));
    let results = block_on(async {
        let mut results = Vec::new();
        for (name, c) in [("page", &ctx), ("page", &empty), ("loop", &ctx), ("broken", &ctx), ("badfilter", &ctx), ("missing", &ctx)] {
            results.push((name, engine.render(name, c).await));
        }
        results
    });
    for (name, r) in results {
        match r {
            Ok(text) => println!("--- {}\n{}", name, text),
            Err(RenderError::Unclosed { tag, line }) => println!("--- {}: unclosed '{}' at line {}", name, tag, line),
            Err(e) => println!("--- {}: {:?}", name, e),
        }
    }
    println!("template loads: {}", engine.loads.borrow());
}
