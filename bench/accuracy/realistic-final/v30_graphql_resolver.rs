#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::iter::Peekable;
use std::pin::Pin;
use std::rc::Rc;
use std::str::Chars;
use std::task::{Context, Poll, Waker};

#[derive(Debug, Clone)]
struct Field {
    name: String,
    args: Vec<(String, String)>,
    children: Vec<Field>,
}

#[derive(Debug)]
enum QueryError {
    Syntax(String),
    UnknownField { parent: &'static str, field: String },
    NotFound(u32),
}

fn skip_ws(it: &mut Peekable<Chars>) {
    while it.peek().map_or(false, |c| c.is_whitespace() || *c == ',') {
        it.next();
    }
}

fn ident(it: &mut Peekable<Chars>) -> String {
    let mut s = String::new();
    while let Some(&c) = it.peek() {
        if c.is_alphanumeric() || c == '_' {
            s.push(c);
            it.next();
        } else {
            break;
        }
    }
    s
}

fn parse_selection(it: &mut Peekable<Chars>) -> Result<Vec<Field>, QueryError> {
    skip_ws(it);
    if it.next() != Some('{') {
        return Err(QueryError::Syntax("expected '{'".into()));
    }
    let mut fields = Vec::new();
    loop {
        skip_ws(it);
        match it.peek() {
            Some('}') => {
                it.next();
                return Ok(fields);
            }
            None => return Err(QueryError::Syntax("unexpected end".into())),
            _ => {}
        }
        let name = ident(it);
        if name.is_empty() {
            return Err(QueryError::Syntax(format!("bad char {:?}", it.peek())));
        }
        skip_ws(it);
        let mut args = Vec::new();
        if it.peek() == Some(&'(') {
            it.next();
            let raw: String = it.by_ref().take_while(|c| *c != ')').collect();
            args = raw.split(',').filter_map(|kv| kv.split_once(':')).map(|(k, v)| (k.trim().to_string(), v.trim().trim_matches('"').to_string())).collect();
            skip_ws(it);
        }
        let children = if it.peek() == Some(&'{') { parse_selection(it)? } else { Vec::new() };
        fields.push(Field { name, args, children });
    }
}

#[derive(Debug, Clone)]
struct User {
    id: u32,
    name: String,
    friends: Vec<u32>,
}

struct Loader {
    db: HashMap<u32, User>,
    cache: RefCell<HashMap<u32, Rc<User>>>,
    fetches: RefCell<u32>,
}

impl Loader {
    async fn load(&self, id: u32) -> Result<Rc<User>, QueryError> {
        if let Some(u) = self.cache.borrow().get(&id) {
            return Ok(u.clone());
        }
        *self.fetches.borrow_mut() += 1;
        let u = Rc::new(self.db.get(&id).cloned().ok_or(QueryError::NotFound(id))?);
        self.cache.borrow_mut().insert(id, u.clone());
        Ok(u)
    }
}

fn resolve_user<'a>(loader: &'a Loader, id: u32, sel: &'a [Field], depth: usize) -> Pin<Box<dyn Future<Output = Result<String, QueryError>> + 'a>> {
    Box::pin(async move {
        let user = loader.load(id).await?;
        let mut parts = Vec::new();
        for f in sel {
            let rendered = match f.name.as_str() {
                "id" => user.id.to_string(),
                "name" => format!("\"{}\"", user.name),
                "friends" => {
                    let limit = f.args.iter().find(|(k, _)| k == "first").and_then(|(_, v)| v.parse().ok()).unwrap_or(usize::MAX);
                    let mut items = Vec::new();
                    for fid in user.friends.iter().take(limit) {
                        items.push(resolve_user(loader, *fid, &f.children, depth + 1).await?);
                    }
                    format!("[{}]", items.join(","))
                }
                other => return Err(QueryError::UnknownField { parent: "User", field: other.to_string() }),
            };
            parts.push(format!("\"{}\":{}", f.name, rendered));
        }
        Ok(format!("{{{}}}", parts.join(",")))
    })
}

async fn execute(loader: &Loader, query: &str) -> Result<String, QueryError> {
    let root = parse_selection(&mut query.chars().peekable())?;
    let mut out = BTreeMap::new();
    for f in &root {
        let id: u32 = f.args.iter().find(|(k, _)| k == "id").and_then(|(_, v)| v.parse().ok()).ok_or_else(|| QueryError::Syntax("user needs id".into()))?;
        out.insert(f.name.clone(), resolve_user(loader, id, &f.children, 0).await?);
    }
    Ok(out.into_iter().map(|(k, v)| format!("\"{}\":{}", k, v)).collect::<Vec<_>>().join(","))
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
    let mut db = HashMap::new();
    for (id, name, friends) in [(1, "ada", vec![2, 3]), (2, "bob", vec![1]), (3, "cy", vec![1, 2])] {
        db.insert(id, User { id, name: name.into(), friends });
    }
    let loader = Loader { db, cache: RefCell::new(HashMap::new()), fetches: RefCell::new(0) };
    let queries = [
        "{ user(id: 1) { name, friends(first: 1) { id name } } }",
        "{ user(id: 3) { id friends { name friends { id } } } }",
        "{ user(id: 9) { name } }",
        "{ user(id: 2) { email } }",
        "{ user(id: 1) { name ",
    ];
    let run = async {
        for q in queries {
            match execute(&loader, q).await {
                Ok(json) => println!("{{{}}}", json),
                Err(e) => println!("error: {:?}", e),
            }
        }
    };
    block_on(run);
    println!("fetches: {}", loader.fetches.borrow());
}
