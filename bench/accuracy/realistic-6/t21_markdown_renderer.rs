//@ edition: 2024
#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code, unused_imports)]
//! Markdown-to-HTML renderer for docs pages: block parsing, inline emphasis/code, and async link validation against a site map.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

fn block_on<F: Future>(fut: F) -> F::Output {
    let mut cx = Context::from_waker(Waker::noop());
    let mut fut = Box::pin(fut);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) { return v; }
    }
}

struct Yield { n: u32 }
impl Future for Yield {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.n == 0 { Poll::Ready(()) } else { self.n -= 1; cx.waker().wake_by_ref(); Poll::Pending }
    }
}

#[derive(Debug, PartialEq)]
enum Block { Heading(usize, String), Para(String), List(Vec<String>), Code(Option<String>, Vec<String>) }

fn parse_blocks(src: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut lines = src.lines().peekable();
    while let Some(line) = lines.next() {
        let t = line.trim_end();
        if let Some(lang) = t.strip_prefix("```") {
            let mut body = Vec::new();
            while let Some(l) = lines.next() && !l.starts_with("```") { body.push(l.to_string()); }
            blocks.push(Block::Code((!lang.is_empty()).then(|| lang.to_string()), body));
        } else if let Some(level) = t.find(|c| c != '#') && level > 0 && level <= 6 && t[level..].starts_with(' ') {
            blocks.push(Block::Heading(level, t[level + 1..].to_string()));
        } else if let Some(item) = t.strip_prefix("- ") {
            let mut items = vec![item.to_string()];
            while let Some(next) = lines.peek() && let Some(it) = next.strip_prefix("- ") {
                items.push(it.to_string());
                lines.next();
            }
            blocks.push(Block::List(items));
        } else if !t.is_empty() {
            let mut para = t.to_string();
            while let Some(next) = lines.peek() && !next.trim().is_empty() && !next.starts_with(['#', '-', '`']) {
                para.push(' ');
                para.push_str(next.trim());
                lines.next();
            }
            blocks.push(Block::Para(para));
        }
    }
    blocks
}

fn escape(s: &str) -> String { s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;") }

struct SiteMap { pages: HashSet<&'static str>, checks: RefCell<u32>, broken: RefCell<Vec<String>> }

impl SiteMap {
    async fn exists(&self, href: &str) -> bool {
        Yield { n: 1 }.await;
        *self.checks.borrow_mut() += 1;
        href.starts_with("https://") || self.pages.contains(href.split('#').next().unwrap_or(""))
    }
    fn broken_count(&self) -> usize {
        let snapshot = RefCell::new(self.broken.borrow().len());
        *snapshot.borrow() // Ref temporary is dropped before `snapshot` under 2024 tail-expression rules
    }
}

async fn render_inline(text: &str, site: &SiteMap) -> String {
    let mut out = String::new();
    let mut chars = text.char_indices().peekable();
    let (mut in_code, mut in_em, mut in_strong) = (false, false, false);
    while let Some((i, c)) = chars.next() {
        match c {
            '`' => { out.push_str(if in_code { "</code>" } else { "<code>" }); in_code = !in_code; }
            '*' if !in_code && matches!(chars.peek(), Some((_, '*'))) => {
                chars.next();
                out.push_str(if in_strong { "</strong>" } else { "<strong>" });
                in_strong = !in_strong;
            }
            '*' if !in_code => { out.push_str(if in_em { "</em>" } else { "<em>" }); in_em = !in_em; }
            '[' if !in_code && let Some(close) = text[i..].find("](") && let Some(end) = text[i + close..].find(')') => {
                let label = &text[i + 1..i + close];
                let href = &text[i + close + 2..i + close + end];
                let ok = site.exists(href).await;
                if !ok { site.broken.borrow_mut().push(href.to_string()); }
                out.push_str(&format!("<a href=\"{href}\"{}>{}</a>", if ok { "" } else { " class=\"broken\"" }, escape(label)));
                while let Some(&(j, _)) = chars.peek() && j < i + close + end + 1 { chars.next(); }
            }
            c => out.push_str(&escape(&c.to_string())),
        }
    }
    out
}

async fn render(blocks: &[Block], site: &SiteMap) -> (String, Vec<(usize, String)>) {
    let mut html = Vec::new();
    let mut toc = Vec::new();
    for b in blocks {
        let piece = match b {
            Block::Heading(n, t) => {
                let slug: String = t.to_lowercase().chars().filter(|c| !matches!(c, '*' | '`')).map(|c| if c.is_alphanumeric() { c } else { '-' }).collect();
                toc.push((*n, slug.clone()));
                format!("<h{n} id=\"{slug}\">{}</h{n}>", render_inline(t, site).await)
            }
            Block::Para(p) => format!("<p>{}</p>", render_inline(p, site).await),
            Block::List(items) => {
                let mut lis = String::new();
                for it in items { lis += &format!("<li>{}</li>", render_inline(it, site).await); }
                format!("<ul>{lis}</ul>")
            }
            Block::Code(lang, body) => format!("<pre class=\"{}\">{}</pre>", lang.as_deref().unwrap_or("text"), escape(&body.join("\n"))),
        };
        html.push(piece);
    }
    (html.join("\n"), toc)
}

struct Page { slug: String, html: String, toc: Vec<(usize, String)>, kinds: Vec<&'static str> }

async fn toc_html(toc: &[(usize, String)]) -> String {
    Yield { n: 1 }.await;
    let items: Vec<String> = toc.iter().map(|(lvl, slug)| format!("{}<a href=\"#{slug}\">{slug}</a>", "  ".repeat(lvl - 1))).collect();
    format!("<nav>\n{}\n</nav>", items.join("\n"))
}

async fn render_page(slug: &str, src: &str, site: &SiteMap) -> Page {
    let blocks = parse_blocks(src);
    let kinds = blocks.iter().map(|b| match b { Block::Heading(..) => "h", Block::Para(_) => "p", Block::List(_) => "ul", Block::Code(..) => "pre" }).collect();
    let (body, toc) = render(&blocks, site).await;
    let nav = toc_html(&toc).await;
    Page { slug: slug.to_string(), html: format!("{nav}\n{body}"), toc, kinds }
}

async fn render_site(pages: &[(&str, &str)], site: &SiteMap) -> Vec<Page> {
    let mut out = Vec::with_capacity(pages.len());
    for (slug, src) in pages {
        let page = render_page(slug, src, site).await;
        if page.toc.is_empty() { println!("warning: {slug} has no headings"); }
        out.push(page);
    }
    out
}

const DOC: &str = "# Getting *started*
Install the CLI and run `init`.
See [the guide](/guide#setup) or [old docs](/v1/intro).

## Options
- `--fast` skips checks
- `--out <dir>` sets output, see [paths](/paths)
- link to [rust](https://rust-lang.org)

```sh
tool init --out <dir> && echo ok
```
Trailing para with **bold** & <tags>.
";

fn main() {
    let site = SiteMap { pages: HashSet::from(["/guide", "/paths", "/"]), checks: RefCell::new(0), broken: RefCell::new(Vec::new()) };
    let sources = [("/guide", DOC), ("/changelog", "Fixed *many* bugs, see [issues](https://github.com/x/y).")];
    let pages = block_on(async {
        let pages = render_site(&sources, &site).await;
        let total: usize = pages.iter().map(|p| p.html.len()).sum();
        println!("rendered {} pages, {total} bytes", pages.len());
        pages
    });
    let Page { html, toc, kinds, .. } = &pages[0];
    println!("{html}\n\ntoc={toc:?}\nchecks={} broken={:?}", site.checks.borrow(), site.broken.borrow());
    println!("{}: {}", pages[1].slug, pages[1].html);
    assert_eq!(*kinds, ["h", "p", "h", "ul", "pre", "p"]);
    assert_eq!(site.broken_count(), 1);
    assert!(html.contains("<strong>bold</strong> &amp; &lt;tags&gt;"));
}
