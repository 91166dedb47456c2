//! The mdBook preprocessor's work: every code block of the book tagged `rust,futurelens`
//! becomes futurelens' widget for it, rendered at build time by the analyzer library.
//!
//! In: mdBook's preprocessor input, `[context, book]` as JSON (the book is walked as plain
//! JSON: every `{"Chapter": {"content": ..}}` at any depth, so the shape of mdBook's other
//! fields does not matter). Out: the book as JSON, with each tagged block replaced:
//!
//! ````text
//! ```rust,futurelens fn=handle view=graph      options: fn=NAME, view=graph|layout|page,
//! async fn handle() { .. }                               edition=2018|2021|2024
//! ```
//! ````
//!
//! `view=page` (the default) gives the linked widget: the source with its marks, the graph, the
//! layout and the table; `graph` and `layout` keep the code block and put the picture after it.
//! Results are cached by content (the block, its options and this build of the program) in
//! `.futurelens-cache/` beside `book.toml` (`cache-dir` under `[preprocessor.futurelens]`
//! changes it). A block that cannot be analysed becomes a visible error box, with the code
//! still shown, and a warning; with `strict`, the build fails instead.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use futurelens_analyzer::render::page::{self, View};
use futurelens_analyzer::{Edition, EditionSource, Options};
use serde_json::Value;

/// The renderers this preprocessor writes for: its widgets are HTML.
pub fn supports(renderer: &str) -> bool {
    renderer == "html"
}

/// What the preprocessor was told, and what it found.
struct Run<'a> {
    /// What identifies this build of the program in cache keys: a new build renders anew.
    build: String,
    cache_dir: PathBuf,
    edition: Edition,
    warn: &'a mut dyn FnMut(String),
    errors: Vec<String>,
}

/// Preprocesses mdBook's input; `warn` receives one message per block that could not be
/// analysed. With `strict` (or `strict = true` in the book's config), such a block is an error.
pub fn preprocess(input: &str, strict: bool, warn: &mut dyn FnMut(String)) -> Result<String> {
    let value: Value = serde_json::from_str(input).context("the input is not mdBook's [context, book] JSON")?;
    let Value::Array(mut parts) = value else { bail!("the input is not mdBook's [context, book] JSON array") };
    if parts.len() != 2 {
        bail!("the input is not mdBook's [context, book]: an array of {} items", parts.len());
    }
    let mut book = parts.pop().unwrap_or(Value::Null);
    let context = parts.pop().unwrap_or(Value::Null);
    let root = PathBuf::from(context["root"].as_str().unwrap_or("."));
    let config = &context["config"]["preprocessor"]["futurelens"];
    let strict = strict || config["strict"].as_bool() == Some(true);
    let cache_dir = root.join(config["cache-dir"].as_str().unwrap_or(".futurelens-cache"));
    let edition_text = config["edition"].as_str().or(context["config"]["rust"]["edition"].as_str()).unwrap_or("2024");
    let edition: Edition = edition_text.parse().map_err(|e: String| anyhow::anyhow!("book.toml: {e}"))?;
    let mut run = Run { build: build_id(), cache_dir, edition, warn, errors: Vec::new() };
    walk(&mut book, &mut run);
    if strict && !run.errors.is_empty() {
        bail!("{} block(s) could not be analysed (strict):\n  {}", run.errors.len(), run.errors.join("\n  "));
    }
    serde_json::to_string(&book).context("cannot write the book as JSON")
}

fn walk(value: &mut Value, run: &mut Run<'_>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::Object(chapter)) = map.get_mut("Chapter") {
                let name = ["source_path", "path", "name"]
                    .iter()
                    .find_map(|k| chapter.get(*k).and_then(Value::as_str))
                    .unwrap_or("chapter")
                    .to_string();
                if let Some(Value::String(content)) = chapter.get_mut("content") {
                    *content = chapter_content(content, &name, run);
                }
            }
            for v in map.values_mut() {
                walk(v, run);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| walk(v, run)),
        _ => {}
    }
}

/// A block's options, from the info string after `rust,futurelens`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BlockOptions {
    pub function: Option<String>,
    pub view: Option<String>,
    pub edition: Option<String>,
}

/// The options of a fenced block's info string, if it is tagged `rust,futurelens`
/// (`Err` for an option it does not know).
pub fn parse_info(info: &str) -> Option<Result<BlockOptions, String>> {
    let words: Vec<&str> = info.split(|c: char| c == ',' || c.is_whitespace()).filter(|w| !w.is_empty()).collect();
    if words.first() != Some(&"rust") || !words.contains(&"futurelens") {
        return None;
    }
    let mut options = BlockOptions::default();
    for word in &words[1..] {
        let Some((key, value)) = word.split_once('=') else { continue };
        match key {
            "fn" => options.function = Some(value.to_string()),
            "view" if matches!(value, "graph" | "layout" | "page") => options.view = Some(value.to_string()),
            "view" => return Some(Err(format!("`view={value}`: the views are graph, layout and page"))),
            "edition" => options.edition = Some(value.to_string()),
            other => return Some(Err(format!("unknown option `{other}` (the options are fn, view and edition)"))),
        }
    }
    Some(Ok(options))
}

/// A fence that opens a code block: its character, length and info string.
fn fence_open(line: &str) -> Option<(char, usize, &str)> {
    let trimmed = line.trim_start_matches(' ');
    if line.len() - trimmed.len() > 3 {
        return None;
    }
    let c = trimmed.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let len = trimmed.chars().take_while(|x| *x == c).count();
    let info = trimmed[len..].trim();
    (len >= 3 && !(c == '`' && info.contains('`'))).then_some((c, len, info))
}

fn fence_close(line: &str, c: char, len: usize) -> bool {
    let trimmed = line.trim_start_matches(' ');
    let run = trimmed.chars().take_while(|x| *x == c).count();
    line.len() - trimmed.len() <= 3 && run >= len && trimmed[run..].trim().is_empty()
}

/// A chapter's Markdown with its tagged blocks replaced.
fn chapter_content(content: &str, chapter: &str, run: &mut Run<'_>) -> String {
    let lines: Vec<&str> = content.split_inclusive('\n').collect();
    let mut out = String::with_capacity(content.len());
    let mut i = 0;
    let mut blocks = 0;
    while i < lines.len() {
        let Some((c, len, info)) = fence_open(lines[i]) else {
            out.push_str(lines[i]);
            i += 1;
            continue;
        };
        let end = (i + 1..lines.len()).find(|&j| fence_close(lines[j], c, len)).unwrap_or(lines.len());
        let body: String = lines[i + 1..end].concat();
        match parse_info(info) {
            None => out.push_str(&lines[i..(end + 1).min(lines.len())].concat()),
            Some(options) => {
                blocks += 1;
                let at = format!("{chapter}, line {}", i + 1);
                let prefix = format!("fl{:08x}-{blocks}-", fnv(chapter.as_bytes()) as u32);
                match options.and_then(|o| block(&body, &o, &prefix, &at, run)) {
                    Ok(html) => out.push_str(&html),
                    Err(message) => {
                        (run.warn)(format!("{at}: {message}"));
                        run.errors.push(format!("{at}: {message}"));
                        out.push_str(&error_box(&at, &message, &body));
                    }
                }
            }
        }
        i = end + 1;
    }
    out
}

/// The widget for one block, from the cache when the same block was rendered before.
fn block(source: &str, options: &BlockOptions, prefix: &str, at: &str, run: &mut Run<'_>) -> Result<String, String> {
    let edition: Edition = match &options.edition {
        Some(e) => e.parse()?,
        None => run.edition,
    };
    let view = match options.view.as_deref() {
        Some("graph") => View::Graph,
        Some("layout") => View::Layout,
        _ => View::Page,
    };
    let key = format!("{}\n{:?}\n{}\n{prefix}\n{source}", run.build, options, edition.as_str());
    let cached = run.cache_dir.join(format!("{:016x}.html", fnv(key.as_bytes())));
    if let Ok(html) = std::fs::read_to_string(&cached) {
        return Ok(html);
    }
    let analysis = futurelens_analyzer::analyze(
        source,
        &Options { file_name: at.to_string(), edition, edition_source: EditionSource::Flag, ..Options::default() },
    );
    if analysis.futures.is_empty() {
        let message = analysis
            .diagnostics
            .first()
            .map(|d| match d.span {
                Some(s) => format!("{} (line {} of the block)", d.message, s.line),
                None => d.message.clone(),
            })
            .unwrap_or_else(|| "no future in this block".to_string());
        return Err(message);
    }
    let futures: Vec<_> = match &options.function {
        Some(name) => {
            let found = analysis.select(name);
            if found.is_empty() {
                let names: Vec<&str> = analysis.futures.iter().map(|f| f.name.as_str()).collect();
                return Err(format!("no future named `{name}`; the block has: {}", names.join(", ")));
            }
            found
        }
        None => analysis.futures.iter().collect(),
    };
    let widget = page::widget(&analysis, source, &futures, prefix, view);
    // A blank line would end Markdown's HTML block.
    let widget: String = widget.lines().filter(|l| !l.trim().is_empty()).map(|l| format!("{l}\n")).collect();
    let html = match view {
        View::Page => format!("\n{widget}\n"),
        View::Graph | View::Layout => format!("```rust,ignore\n{source}```\n\n{widget}\n"),
    };
    let _ = write_cache(&run.cache_dir, &cached, &html);
    Ok(html)
}

/// Stores a rendered block: written to a temporary file and renamed, so a reader never sees
/// half of it. A cache that cannot be written only costs time.
fn write_cache(dir: &Path, path: &Path, html: &str) -> std::io::Result<()> {
    use std::io::Write;
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(html.as_bytes())?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// A visible error in the book, with the block's code still shown.
fn error_box(at: &str, message: &str, source: &str) -> String {
    format!(
        "<div class=\"fl-error\" role=\"alert\" style=\"border: 2px solid #b00020; background: #fdecec; color: \
         #1a1a1a; padding: 0.5rem 0.8rem; border-radius: 6px; margin: 1rem 0;\"><strong>futurelens could not \
         analyse this block</strong> ({}): {}</div>\n\n```rust,ignore\n{source}```\n",
        page::html(at),
        page::html(message)
    )
}

/// The version, and the size and time of this executable, so that the cache never serves
/// what an older build rendered.
fn build_id() -> String {
    let meta = std::env::current_exe().and_then(std::fs::metadata).ok();
    let size = meta.as_ref().map_or(0, std::fs::Metadata::len);
    let time = meta
        .and_then(|m| m.modified().ok())
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    format!("{} {size} {time}", env!("CARGO_PKG_VERSION"))
}

/// FNV-1a, 64 bits: a hash that is the same on every machine and every Rust version.
pub fn fnv(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn info_strings() {
        assert_eq!(parse_info("rust"), None);
        assert_eq!(parse_info("rust,ignore"), None);
        assert_eq!(parse_info("text,futurelens"), None);
        assert_eq!(parse_info("rust,futurelens"), Some(Ok(BlockOptions::default())));
        assert_eq!(
            parse_info("rust,futurelens fn=handle view=layout"),
            Some(Ok(BlockOptions { function: Some("handle".into()), view: Some("layout".into()), edition: None }))
        );
        assert!(matches!(parse_info("rust,futurelens,view=tree"), Some(Err(_))));
        assert!(matches!(parse_info("rust,futurelens colour=red"), Some(Err(_))));
    }

    #[test]
    fn fences() {
        assert_eq!(fence_open("```rust,futurelens\n"), Some(('`', 3, "rust,futurelens")));
        assert_eq!(fence_open("    ```rust\n"), None);
        assert_eq!(fence_open("~~~~ rust\n"), Some(('~', 4, "rust")));
        assert!(fence_close("```\n", '`', 3));
        assert!(!fence_close("``\n", '`', 3));
        assert!(!fence_close("```rust\n", '`', 3));
    }

    #[test]
    fn fnv_is_stable() {
        assert_eq!(fnv(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
