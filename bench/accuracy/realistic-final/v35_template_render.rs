//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::cell::RefCell;
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

#[derive(Debug, Clone)]
enum Value {
    Str(String),
    List(Vec<Value>),
    Bool(bool),
}

#[derive(Debug, Clone, PartialEq)]
enum Token<'a> {
    Text(&'a str),
    Var(&'a str),
    Tag(&'a str),
}

fn tokenize(src: &str) -> impl Iterator<Item = Token<'_>> {
    let mut rest = src;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let next = [rest.find("{{"), rest.find("{%")].into_iter().flatten().min();
        match next {
            Some(0) => {
                let (close, is_var) = if rest.starts_with("{{") { ("}}", true) } else { ("%}", false) };
                let end = rest.find(close).unwrap_or(rest.len() - 2);
                let inner = rest[2..end].trim();
                rest = &rest[(end + 2).min(rest.len())..];
                Some(if is_var { Token::Var(inner) } else { Token::Tag(inner) })
            }
            Some(i) => {
                let t = &rest[..i];
                rest = &rest[i..];
                Some(Token::Text(t))
            }
            None => Some(Token::Text(std::mem::take(&mut rest))),
        }
    })
}

trait PartialLoader {
    async fn load(&self, name: &str) -> Option<String>;
}

struct MemLoader {
    partials: HashMap<&'static str, &'static str>,
    loads: RefCell<u32>,
}

impl PartialLoader for MemLoader {
    async fn load(&self, name: &str) -> Option<String> {
        *self.loads.borrow_mut() += 1;
        self.partials.get(name).map(|s| s.to_string())
    }
}

fn lookup<'v>(ctx: &'v [HashMap<String, Value>], name: &str) -> Option<&'v Value> {
    ctx.iter().rev().find_map(|scope| scope.get(name))
}

fn render<'a, L: PartialLoader>(tokens: &'a [Token<'a>], ctx: &'a mut Vec<HashMap<String, Value>>, loader: &'a L, depth: u32) -> Pin<Box<dyn Future<Output = Result<String, String>> + 'a>> {
    Box::pin(async move {
        if depth > 4 {
            return Err("include depth exceeded".into());
        }
        let mut out = String::new();
        let mut i = 0;
        while i < tokens.len() {
            match &tokens[i] {
                Token::Text(t) => out.push_str(t),
                Token::Var(v) => match lookup(ctx, v) {
                    Some(Value::Str(s)) => out.push_str(s),
                    Some(Value::Bool(b)) => out.push_str(if *b { "yes" } else { "no" }),
                    Some(Value::List(l)) => out.push_str(&format!("[{} items]", l.len())),
                    None => out.push_str(&format!("<?{}>", v)),
                },
                Token::Tag(tag) => {
                    let parts: Vec<&str> = tag.split_whitespace().collect();
                    if let ["include", name] = parts.as_slice()
                        && let Some(src) = loader.load(name).await
                    {
                        let sub: Vec<Token> = tokenize(&src).collect();
                        let mut inner_ctx = ctx.clone();
                        out.push_str(&render(&sub, &mut inner_ctx, loader, depth + 1).await?);
                    } else if let ["for", var, "in", list] = parts.as_slice() {
                        let end = tokens[i..].iter().position(|t| *t == Token::Tag("endfor")).map(|p| p + i).ok_or("missing endfor")?;
                        let items = match lookup(ctx, list) {
                            Some(Value::List(items)) => items.clone(),
                            _ => Vec::new(),
                        };
                        for item in items {
                            let mut scope = HashMap::new();
                            scope.insert(var.to_string(), item);
                            ctx.push(scope);
                            let body = render(&tokens[i + 1..end], ctx, loader, depth).await;
                            ctx.pop();
                            out.push_str(&body?);
                        }
                        i = end;
                    } else {
                        out.push_str(&format!("<!{}>", tag));
                    }
                }
            }
            i += 1;
        }
        Ok(out)
    })
}

fn count_vars(src: &str) -> usize {
    let seen = RefCell::new(std::collections::HashSet::new());
    for t in tokenize(src) {
        if let Token::Var(v) = t {
            seen.borrow_mut().insert(v.to_string());
        }
    }
    // 2024: the Ref temporary is dropped before the local `seen`
    seen.borrow().len()
}

fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = Box::pin(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

fn main() {
    let loader = MemLoader {
        partials: [("header", "== {{ title }} ==\n"), ("item", "- {{ it }}\n"), ("loop", "{% include loop %}")].into_iter().collect(),
        loads: RefCell::new(0),
    };
    let page = "{% include header %}Hello {{ user }}! admin={{ admin }}\n{% for it in items %}{% include item %}{% endfor %}{{ nope }}{% bogus %}";
    let tokens: Vec<Token> = tokenize(page).collect();
    println!("{} tokens, {} distinct vars", tokens.len(), count_vars(page));
    let mut root = HashMap::new();
    root.insert("title".to_string(), Value::Str("Dashboard".into()));
    root.insert("user".to_string(), Value::Str("ana".into()));
    root.insert("admin".to_string(), Value::Bool(true));
    root.insert("items".to_string(), Value::List(vec![Value::Str("one".into()), Value::Str("two".into())]));
    let mut ctx = vec![root];
    match block_on(render(&tokens, &mut ctx, &loader, 0)) {
        Ok(s) => print!("{}", s),
        Err(e) => println!("render error: {}", e),
    }
    println!("\nloads {}", loader.loads.borrow());

    let looped = block_on(async {
        let toks: Vec<Token> = tokenize("{% include loop %}").collect();
        let mut c = vec![HashMap::new()];
        render(&toks, &mut c, &loader, 0).await
    });
    println!("recursive include: {:?}", looped);

    let prefetch = async {
        let mut found = 0;
        for name in ["header", "item", "footer"] {
            if loader.load(name).await.is_some() {
                found += 1;
            }
        }
        found
    };
    println!("prefetched {} partials", block_on(prefetch));
}
