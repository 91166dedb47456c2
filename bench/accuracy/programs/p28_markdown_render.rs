#![allow(dead_code, unused_variables, unused_mut, unused_assignments, unreachable_code)]

#[derive(Debug, PartialEq)]
enum Block {
    Heading(u8, String),
    Paragraph(String),
    Code { lang: Option<String>, lines: Vec<String> },
    ListItem(String),
}

async fn read_source(name: &str) -> Result<String, String> {
    if name.is_empty() {
        return Err("no file".to_string());
    }
    Ok("# Title\n\nSome *text* here.\n\n```rust\nfn main() {}\n```\n- one\n- two\n".to_string())
}

async fn highlight(lang: &str, line: &str) -> String {
    if lang == "rust" { format!("<span class=rs>{}</span>", line) } else { line.to_string() }
}

async fn write_output(name: &str, html: &str) -> usize {
    html.len()
}

fn parse_blocks(src: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut lines = src.lines().peekable();
    while let Some(line) = lines.next() {
        if let Some(rest) = line.strip_prefix("```") {
            let lang = if rest.is_empty() { None } else { Some(rest.to_string()) };
            let mut code = Vec::new();
            while let Some(l) = lines.next() {
                if l.starts_with("```") {
                    break;
                }
                code.push(l.to_string());
            }
            blocks.push(Block::Code { lang, lines: code });
        } else if line.starts_with('#') {
            let level = line.chars().take_while(|c| *c == '#').count() as u8;
            blocks.push(Block::Heading(level, line[level as usize..].trim().to_string()));
        } else if let Some(item) = line.strip_prefix("- ") {
            blocks.push(Block::ListItem(item.to_string()));
        } else if !line.trim().is_empty() {
            blocks.push(Block::Paragraph(line.to_string()));
        }
    }
    blocks
}

async fn render_block(block: &Block) -> String {
    match block {
        Block::Heading(level, text) => format!("<h{0}>{1}</h{0}>", level, text),
        Block::Paragraph(text) => format!("<p>{}</p>", text.replace('*', "")),
        Block::ListItem(text) => format!("<li>{}</li>", text),
        Block::Code { lang, lines } => {
            let lang_name = lang.as_deref().unwrap_or("text");
            let mut out = String::from("<pre>");
            for l in lines {
                out.push_str(&highlight(lang_name, l).await);
                out.push('\n');
            }
            out + "</pre>"
        }
    }
}

async fn render_file(name: &str) -> Result<usize, String> {
    let src = read_source(name).await?;
    let blocks = parse_blocks(&src);
    let mut html = String::with_capacity(src.len() * 2);
    let mut in_list = false;
    for block in &blocks {
        let is_item = matches!(block, Block::ListItem(_));
        if is_item && !in_list {
            html.push_str("<ul>");
        } else if !is_item && in_list {
            html.push_str("</ul>");
        }
        in_list = is_item;
        html += &render_block(block).await;
    }
    if in_list {
        html.push_str("</ul>");
    }
    Ok(write_output(name, &html).await)
}

async fn render_site(pages: &[&str]) -> usize {
    let mut total = 0;
    for p in pages {
        total += render_file(p).await.unwrap_or_default();
    }
    total
}
