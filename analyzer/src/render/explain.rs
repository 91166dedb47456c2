//! `futurelens explain`: the lesson on a future, in words (text) or as JSON
//! (schema `futurelens-explain/1`).
//!
//! In: the analysis, the futures to explain and their [`Explanation`]s (built by
//! `crate::explain`), and the source text (for the listing). Out: a string. The text looks like
//! this (abridged):
//!
//! ```text
//! borrowed  async fn, lines 38-43  →  u32
//!   size 136 B; a thread reserves 8 MiB (main) or 2 MiB (spawned) of stack for itself: ...
//!   Send: yes
//!
//!   line  await  a     source
//!     39         ┬         let header = [7u8; 128];
//!     41  S0     ●         send().await;
//!   a = header  [u8; 128], 128 B, saved in S0
//!
//!   Suspend0, at line 41 (`send()`), 129 B: the future keeps `header` (128 B) because ...
//! ```

use serde_json::{Value, json};

use super::{Theme, grouped, size_text, wrap};
use crate::analysis::{Analysis, FutureAnalysis, Role};
use crate::explain::{Explanation, HintDetail, Kept, MAIN_THREAD_STACK, SPAWNED_THREAD_STACK, TempConstruct};
use crate::liveness::Reason;

pub const SCHEMA: &str = "futurelens-explain/1";

/// The lessons as text, lines wrapped to `width`.
pub fn render_text(
    analysis: &Analysis,
    futures: &[(&FutureAnalysis, Explanation)],
    src: &str,
    theme: &Theme,
    width: usize,
) -> String {
    let lines: Vec<&str> = src.lines().collect();
    let mut out = String::new();
    for (i, (future, explanation)) in futures.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        header(&mut out, analysis, future, explanation, theme, width);
        listing(&mut out, explanation, &lines, theme);
        lessons(&mut out, future, explanation, width);
        hints(&mut out, explanation, theme, width);
    }
    out
}

fn para(out: &mut String, indent: usize, text: &str, width: usize) {
    for (i, line) in wrap(text, width.saturating_sub(indent + 2).max(20)).iter().enumerate() {
        out.push_str(&" ".repeat(if i == 0 { indent } else { indent + 2 }));
        out.push_str(line);
        out.push('\n');
    }
}

fn header(out: &mut String, _analysis: &Analysis, f: &FutureAnalysis, e: &Explanation, theme: &Theme, width: usize) {
    let kind = super::graph_view::kind_text(f.kind);
    out.push_str(&format!(
        "{}  {kind}, lines {}-{}  →  {}\n",
        theme.paint(theme.heading, f.display_name()),
        e.first_line,
        e.last_line,
        f.output
    ));
    let size = match e.size {
        Some(size) => format!(
            "size {}, where a thread reserves {} MiB of stack (main) or {} MiB (spawned), reserved but not \
             touched: {} futures like this one fit in the reservation of one spawned thread.",
            size_text(size),
            MAIN_THREAD_STACK >> 20,
            SPAWNED_THREAD_STACK >> 20,
            grouped(u128::from(SPAWNED_THREAD_STACK / size.max(1)))
        ),
        None => "size not known (a type the file does not reveal), where a thread reserves 8 MiB of stack \
                 (main) or 2 MiB (spawned)."
            .to_string(),
    };
    para(out, 2, &size, width);
    let send = match (f.send.send, &f.send.not_send_because) {
        (Some(true), _) => "Send: yes, tokio::spawn accepts it.".to_string(),
        (Some(false), Some(n)) => format!(
            "Send: no, `{}` ({}) is not Send{}: tokio::spawn rejects it (see the hint).",
            n.value,
            n.ty,
            match n.await_span {
                Some(s) => format!(" and is held across the await at line {}", s.line),
                None => " and is stored in every state".into(),
            }
        ),
        _ => match f.send.unknown.as_deref() {
            Some(ty) if ty != "?" && !ty.contains("?") => {
                format!("Send: not known from this file (`{ty}` is a type it does not reveal).")
            }
            _ => "Send: not known: a value it keeps has a type futurelens cannot infer from the source.".into(),
        },
    };
    para(out, 2, &send, width);
    out.push('\n');
}

/// Column letters for the chart: `a`..`z`, then `A`..`Z`.
fn letter(i: usize) -> char {
    let letters: Vec<char> = ('a'..='z').chain('A'..='Z').collect();
    letters.get(i).copied().unwrap_or('+')
}

fn listing(out: &mut String, e: &Explanation, lines: &[&str], theme: &Theme) {
    let values = &e.values[..e.values.len().min(52)];
    let chart_w = values.len() * 2;
    let mut head = format!("  {:>4}  {:<6} ", "line", "await");
    for i in 0..values.len() {
        head.push(letter(i));
        head.push(' ');
    }
    head.push_str(&" ".repeat(chart_w.saturating_sub(values.len() * 2)));
    head.push_str("  source");
    out.push_str(&theme.paint(theme.dim, head.trim_end()));
    out.push('\n');
    for line in e.first_line..=e.last_line {
        let text = (line as usize).checked_sub(1).and_then(|i| lines.get(i)).copied().unwrap_or("");
        let marks: Vec<String> =
            e.awaits.iter().filter(|a| a.span.line == line).map(|a| format!("S{}", a.state)).collect();
        let mut row = format!("  {line:>4}  ");
        row.push_str(&theme.paint(theme.state, &format!("{:<6}", marks.join(","))));
        row.push(' ');
        for v in values {
            let saved_here = e.awaits.iter().any(|a| a.span.line == line && v.saved_in.contains(&a.state));
            let c = if line < v.defined || line > v.last.max(v.kept_until) {
                ' '
            } else if saved_here {
                '●'
            } else if line == v.defined {
                '┬'
            } else if line == v.last {
                '┴'
            } else if line > v.last {
                '┆'
            } else {
                '│'
            };
            row.push(c);
            row.push(' ');
        }
        row.push_str("  ");
        row.push_str(text);
        out.push_str(row.trim_end());
        out.push('\n');
    }
    if values.is_empty() {
        out.push_str("  no value of the body is kept across an await (only the awaited futures and the arguments)\n");
    } else {
        out.push_str(&theme.paint(
            theme.dim,
            "  ┬ defined  ● saved across the await on this line  ┴ last used, moved or dropped  ┆ kept, unused",
        ));
        out.push('\n');
    }
    for (i, v) in values.iter().enumerate() {
        let saved: Vec<String> = v.saved_in.iter().map(|s| format!("S{s}")).collect();
        let name = if v.temporary { format!("temporary `{}`", v.name) } else { format!("`{}`", v.name) };
        out.push_str(&format!(
            "  {} = {}  {}, {}, saved in {}\n",
            letter(i),
            theme.paint(theme.name, &name),
            theme.paint(theme.ty, &v.ty),
            v.size.map_or("size not known".to_string(), size_text),
            saved.join(", ")
        ));
    }
    out.push('\n');
}

/// Why a kept value is kept, as the end of a sentence.
fn because(kept: &Kept) -> String {
    match &kept.reason {
        Reason::UsedLater { line } => format!("because it is used again at line {line}"),
        Reason::DroppedAtScopeEnd { line } => {
            format!("because it still has to be dropped when its scope ends at line {line}")
        }
        Reason::Borrowed { line, until } => match kept.moved_after_borrow {
            Some(moved) => format!(
                "because it was borrowed at line {line}: although it is moved away at line {moved}, rustc keeps \
                 the storage of a borrowed local until its scope ends at line {until}"
            ),
            None => format!(
                "because it was borrowed at line {line} and rustc keeps a borrowed local until its scope ends \
                 at line {until}"
            ),
        },
        Reason::AwaitedFuture { .. } => "because it is the future being awaited".into(),
        Reason::LoopIterator { line } => format!("because it is the iterator of the `for` loop at line {line}"),
        Reason::TemporaryInExpression { line, .. } => {
            format!("because a temporary lives until the end of its statement (from line {line})")
        }
        Reason::DropFlag { .. } => "because whether it must still be dropped is only known at run time".into(),
        Reason::Argument => "because it is an argument".into(),
        Reason::Captured => "because it is captured".into(),
        Reason::OnlyRustc => "because rustc stores it (the estimate did not predict it)".into(),
    }
}

fn lessons(out: &mut String, f: &FutureAnalysis, e: &Explanation, width: usize) {
    if e.lessons.is_empty() {
        para(out, 2, "This future has no await: its first poll runs it to the end (Unresumed → Returned).", width);
        out.push('\n');
        return;
    }
    for lesson in &e.lessons {
        let mut parts: Vec<String> = Vec::new();
        for kept in &lesson.kept {
            let size = kept.size.map_or(String::new(), |s| format!(" ({})", size_text(s)));
            let what = match kept.role {
                Role::Awaitee => format!("the awaited future `{}`{size}", super::shorten(&lesson.expr, 40)),
                Role::DropFlag => {
                    format!("a drop flag for `{}`{size}", kept.name.trim_start_matches("drop flag of "))
                }
                Role::Temporary => format!("the temporary `{}`{size}", super::shorten(&kept.name, 40)),
                _ => format!("`{}`{size}", kept.name),
            };
            let why = if kept.role == Role::Awaitee { String::new() } else { format!(" {}", because(kept)) };
            parts.push(format!("{what}{why}"));
        }
        let kept = match parts.len() {
            0 => "nothing of the body".to_string(),
            1 => parts.remove(0),
            _ => {
                let last = parts.pop().unwrap_or_default();
                format!("{}; and {last}", parts.join("; "))
            }
        };
        let upvars = if lesson.upvars.is_empty() {
            String::new()
        } else {
            let names: Vec<String> = lesson.upvars.iter().map(|n| format!("`{n}`")).collect();
            let upvars: Vec<&crate::analysis::Field> = f
                .states
                .first()
                .map(|s| s.fields.iter().filter(|x| x.role == Role::Upvar).collect())
                .unwrap_or_default();
            let argument = |u: &&crate::analysis::Field| u.reason == Reason::Argument;
            let what = match (upvars.iter().any(argument), upvars.iter().any(|u| !argument(u))) {
                (true, true) => "arguments and captured variables",
                (true, false) => "arguments",
                _ => "captured variables",
            };
            format!(" Like every state, it also keeps the {what} {}.", names.join(", "))
        };
        let size = lesson.size.map_or(String::new(), |s| format!(", {}", size_text(s)));
        let text = format!(
            "Suspend{}, while suspended at line {} (`{}.await`){size}: the future keeps {kept}.{upvars}",
            lesson.state,
            lesson.await_span.line,
            super::shorten(&lesson.expr, 40)
        );
        para(out, 2, &text, width);
    }
    out.push('\n');
}

/// What to call instead of a blocking callee, in async code.
fn blocking_fix(callee: &str) -> &'static str {
    let fixes = [
        ("std::thread::sleep", "tokio::time::sleep(..).await"),
        ("std::fs::", "tokio::fs"),
        ("std::net::TcpStream", "tokio::net::TcpStream"),
        ("std::net::TcpListener", "tokio::net::TcpListener"),
        ("std::net::UdpSocket", "tokio::net::UdpSocket"),
        ("std::io::Stdin::read_line", "tokio::io::stdin() with AsyncBufReadExt::read_line"),
        ("Stdin.read_line", "tokio::io::stdin() with AsyncBufReadExt::read_line"),
        ("std::io::Read::read", "tokio::io::AsyncReadExt"),
        ("std::sync::Mutex", "tokio::sync::Mutex (`lock().await`)"),
        ("std::sync::RwLock", "tokio::sync::RwLock"),
        ("std::sync::mpsc", "tokio::sync::mpsc (`recv().await`)"),
    ];
    fixes.iter().find(|(path, _)| callee.starts_with(path)).map_or("the async equivalent", |(_, fix)| fix)
}

/// What makes a value that is not `Send` stop blocking `tokio::spawn`, by the type inside it.
fn not_send_fix(value: &str, culprit: &str, temporary: bool) -> String {
    let scope = if temporary {
        "end the temporary's statement before the await: bind what you need from it with a `let` of its own".to_string()
    } else {
        format!("put `{value}` in an inner block that ends before the await")
    };
    let copy_out = if temporary { "" } else { " (copy out what you need)" };
    let base = culprit.trim_start_matches('&');
    if base.starts_with("dyn ") || culprit.contains("dyn ") {
        return "add `+ Send` to the trait object (`Pin<Box<dyn Future<Output = T> + Send>>`), so the \
                boxed future must be Send too"
            .into();
    }
    if base.starts_with("Rc<") || base.starts_with("Weak<") {
        return format!("use `Arc` instead of `Rc`, or {scope}");
    }
    if base.contains("Guard<") {
        return format!("{scope}{copy_out}, or use tokio::sync::Mutex, whose guard is Send");
    }
    if base.starts_with("Ref<")
        || base.starts_with("RefMut<")
        || base.starts_with("RefCell<")
        || base.starts_with("Cell<")
    {
        return format!("{scope}{copy_out}, or share the data through `Arc<Mutex<T>>`");
    }
    if base.starts_with('*') {
        return format!(
            "{scope}, or keep the pointer in a type you have made Send (`unsafe impl Send`), if \
             sending it is really sound"
        );
    }
    format!("{scope}, or make `{culprit}` Send")
}

/// A hint's message and its fix.
pub fn hint_words(hint: &crate::explain::Hint) -> (String, String) {
    let value = hint.values.first().map(String::as_str).unwrap_or("");
    match &hint.detail {
        HintDetail::NotSend { ty, culprit, state, await_line, dropped_at, through, temporary } => {
            let across = match (state, await_line) {
                (Some(s), Some(l)) => format!("is held across the await at line {l} (Suspend{s})"),
                _ => "is stored in every state".into(),
            };
            let inner = if culprit != ty { format!(", because `{culprit}` inside it is not") } else { String::new() };
            let message = match through {
                Some(callee) => format!(
                    "not Send: the awaited future of `{callee}` {across}, and it is not Send{inner}; tokio::spawn \
                     rejects this future"
                ),
                None => {
                    let what = if *temporary { "the temporary " } else { "" };
                    format!("not Send: {what}`{value}` ({ty}) {across}{inner}; tokio::spawn rejects this future")
                }
            };
            let fix = match (through, dropped_at) {
                (Some(callee), _) => format!("explain `{callee}`: the fix is there"),
                (None, Some(line)) => format!(
                    "`drop({value})` at line {line} is not enough: it was borrowed first (a method call through \
                     Deref borrows it), and rustc (1.95) still keeps a borrowed local until its scope ends. Put \
                     it in an inner block that ends before the await, or use an async-aware type \
                     (tokio::sync::Mutex, Arc instead of Rc)"
                ),
                (None, None) => not_send_fix(value, culprit, *temporary),
            };
            (message, fix)
        }
        HintDetail::LargeValue { size, threshold, state, await_line, awaitee } => {
            let message = format!(
                "large: `{value}` ({}) is kept across the await at line {await_line} (Suspend{state}), at least \
                 {}; every future that awaits this one embeds it",
                size_text(*size),
                size_text(*threshold)
            );
            let fix = if *awaitee {
                "`Box::pin` the awaited call (`Box::pin(call()).await`): the future keeps a pointer, the callee's \
                 state goes on the heap"
                    .to_string()
            } else {
                format!(
                    "end `{value}`'s scope before the await, or move the work on it into a helper that keeps it in \
                     a `Box` (or a `Vec`)"
                )
            };
            (message, fix)
        }
        HintDetail::ArgumentTwice { args } => {
            let each: Vec<String> = args
                .iter()
                .map(|a| {
                    let states: Vec<String> = a.states.iter().map(|s| format!("Suspend{s}")).collect();
                    let size = a.size.map_or(String::new(), |s| format!(", {}", size_text(s)));
                    format!("`{}`{size}, in {}", a.name, states.join(", "))
                })
                .collect();
            let (one, them) = if args.len() == 1 { ("argument", "it") } else { ("arguments", "them") };
            let message = format!(
                "{one} stored twice: {} (rust-lang/rust#62958): kept as {one} in every state, and as the \
                 body's copy of {them} in the states named",
                each.join("; ")
            );
            let fix = "write `fn f(..) -> impl Future<Output = T> { async move { .. } }`: an `async move` block \
                       uses its captured variables in place, with no second copy"
                .to_string();
            (message, fix)
        }
        HintDetail::BorrowToScopeEnd { borrowed_at, last_use, scope_end, state, await_line } => (
            format!(
                "borrow kept to the end of scope: `{value}` was borrowed at line {borrowed_at} and last used at \
                 line {last_use}, yet it is kept across the await at line {await_line} (Suspend{state}) because its \
                 scope ends at line {scope_end}"
            ),
            format!(
                "put `{value}` and the code that borrows it in an inner block `{{ .. }}` that ends before the await"
            ),
        ),
        HintDetail::StatementTemporary { construct, edition, state, await_line } => {
            let (lives, change) = match construct {
                TempConstruct::MatchScrutinee => (
                    "a temporary in a `match` scrutinee lives until the end of the whole `match`",
                    "the same in every edition",
                ),
                TempConstruct::IfLetScrutinee => (
                    "a temporary in an `if let` scrutinee lives through its blocks",
                    "edition 2024 drops it before the `else` block, but not before the `then` block",
                ),
                TempConstruct::Tail if edition.tail_temporaries_end_with_block() => (
                    "a temporary in a block's tail expression lives until the whole tail expression is done",
                    "before 2024 it lived on until after the block's locals",
                ),
                TempConstruct::Tail => (
                    "a temporary in a block's tail expression lives until after the block's locals",
                    "edition 2024 drops it before the block's locals",
                ),
                TempConstruct::BlockTailInStatement => (
                    "a temporary in the tail expression of a block inside a statement lives until the end of \
                     that statement",
                    "edition 2024 drops it at the end of the block",
                ),
                TempConstruct::Statement => {
                    ("a temporary lives until the end of its statement", "the same in every edition")
                }
            };
            (
                format!(
                    "temporary across an await: `{}` is kept across the await at line {await_line} \
                     (Suspend{state}): {lives} (this file: edition {}; {change})",
                    super::shorten(value, 40),
                    edition.as_str()
                ),
                "bind the value to a `let` in a statement of its own, so it is dropped (or named and scoped) \
                 before the await"
                    .to_string(),
            )
        }
        HintDetail::BlockingCall { callee, before, after } => {
            let between = match (before, after) {
                (Some(b), Some(a)) => format!("between the awaits at lines {b} and {a}"),
                (Some(b), None) => format!("after the await at line {b}"),
                (None, Some(a)) => format!("before the await at line {a}"),
                (None, None) => "in a future with no await".into(),
            };
            (
                format!(
                    "blocking call: `{callee}` {between} blocks the executor's worker thread, and no other task runs \
                     on it meanwhile (Tokio's guidance: at most about 100 µs between awaits)"
                ),
                format!("use {} or run it in `tokio::task::spawn_blocking`", blocking_fix(callee)),
            )
        }
        HintDetail::BlockingLoop { over, first_line, last_line } => (
            format!(
                "blocking loop: the `for` loop over `{}` (lines {first_line}-{last_line}) has no await in it, \
                 so it holds the executor's worker thread for as long as the data is long (Tokio's guidance: \
                 at most about 100 µs between awaits)",
                super::shorten(over, 40)
            ),
            "for long data, yield now and then (`tokio::task::yield_now().await` every N items), or move \
             the loop into `tokio::task::spawn_blocking`"
                .to_string(),
        ),
    }
}

fn hints(out: &mut String, e: &Explanation, theme: &Theme, width: usize) {
    if e.hints.is_empty() {
        out.push_str(&theme.paint(theme.dim, "  no hints"));
        out.push('\n');
        return;
    }
    out.push_str(&theme.paint(theme.heading, "  hints"));
    out.push('\n');
    for hint in &e.hints {
        let (message, fix) = hint_words(hint);
        let head = format!("line {}", hint.span.line);
        let body_w = width.saturating_sub(14).max(30);
        for (i, line) in wrap(&message, body_w).iter().enumerate() {
            let lead = if i == 0 { format!("    {head:<10}") } else { " ".repeat(14) };
            out.push_str(&lead);
            out.push_str(&if i == 0 { theme.paint(theme.warning, line) } else { line.clone() });
            out.push('\n');
        }
        for (i, line) in wrap(&format!("fix: {fix}"), body_w).iter().enumerate() {
            out.push_str(&" ".repeat(if i == 0 { 14 } else { 16 }));
            out.push_str(line);
            out.push('\n');
        }
    }
}

/// The lessons as a JSON document (`futurelens-explain/1`).
pub fn render_json(analysis: &Analysis, futures: &[(&FutureAnalysis, Explanation)]) -> String {
    let doc = json!({
        "schema": SCHEMA,
        "file": analysis.file,
        "edition": analysis.options.edition.as_str(),
        "thread_stack": {"main": MAIN_THREAD_STACK, "spawned": SPAWNED_THREAD_STACK},
        "futures": futures.iter().map(|(f, e)| future_json(f, e)).collect::<Vec<_>>(),
    });
    let mut out = serde_json::to_string_pretty(&doc).unwrap_or_default();
    out.push('\n');
    out
}

fn future_json(f: &FutureAnalysis, e: &Explanation) -> Value {
    json!({
        "name": f.display_name(),
        "kind": f.kind.as_str(),
        "lines": {"first": e.first_line, "last": e.last_line},
        "size": e.size,
        "send": f.send.send,
        "not_send_because": f.send.not_send_because.as_ref().map(super::json::not_send),
        "send_unknown_type": f.send.unknown,
        "awaits": e.awaits.iter().map(|a| json!({
            "state": format!("Suspend{}", a.state),
            "line": a.span.line,
            "column": a.span.column,
            "expr": a.expr,
        })).collect::<Vec<_>>(),
        "values": e.values.iter().map(|v| json!({
            "name": v.name,
            "temporary": v.temporary,
            "type": v.ty,
            "size": v.size,
            "defined": v.defined,
            "last": v.last,
            "kept_until": v.kept_until,
            "saved_in": v.saved_in.iter().map(|s| format!("Suspend{s}")).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "states": e.lessons.iter().map(|l| json!({
            "state": format!("Suspend{}", l.state),
            "await": {"line": l.await_span.line, "column": l.await_span.column, "expr": l.expr},
            "size": l.size,
            "kept": l.kept.iter().map(|k| {
                let mut v = json!({
                    "name": k.name,
                    "role": k.role.as_str(),
                    "type": k.ty,
                    "size": k.size,
                    "reason": super::json::reason(&k.reason),
                });
                if let Some(line) = k.moved_after_borrow {
                    v["moved_after_borrow"] = json!(line);
                }
                v
            }).collect::<Vec<_>>(),
            "upvars": l.upvars,
        })).collect::<Vec<_>>(),
        "hints": e.hints.iter().map(|h| {
            let (message, fix) = hint_words(h);
            json!({
                "kind": h.kind(),
                "span": {"line": h.span.line, "column": h.span.column, "end_line": h.span.end_line, "end_column": h.span.end_column},
                "values": h.values,
                "message": message,
                "fix": fix,
            })
        }).collect::<Vec<_>>(),
    })
}
