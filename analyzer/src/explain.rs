//! The data of a lesson on one future: where its awaits are, how long each saved value lives,
//! what each suspended state keeps and why, and hints on what to change.
//!
//! In: an analysed future (its body, saved sets, states with sizes, `Send` verdict) and the
//! file's source text (to tell a `match` scrutinee from an `if let` one). Out: an
//! [`Explanation`], plain data; `render::explain` puts it into words, text or JSON.

use crate::analysis::{FutureAnalysis, Role};
use crate::diagnostics::Span;
use crate::edition::Edition;
use crate::graph::StateId;
use crate::ir::{LocalId, LocalKind, StmtKind};
use crate::liveness::Reason;

/// What a thread reserves for its stack on Linux by default: the main thread (`ulimit -s`,
/// 8 MiB) and a thread from `std::thread::spawn` (2 MiB). Reserved, not touched.
pub const MAIN_THREAD_STACK: u64 = 8 * 1024 * 1024;
pub const SPAWNED_THREAD_STACK: u64 = 2 * 1024 * 1024;

/// The lesson on one future.
#[derive(Clone, Debug)]
pub struct Explanation {
    /// The future's lines, first to last.
    pub first_line: u32,
    pub last_line: u32,
    pub size: Option<u64>,
    /// Every await that is a state, in state order.
    pub awaits: Vec<AwaitMark>,
    /// The saved values (not upvars, awaitees or drop flags), in order of definition.
    pub values: Vec<LiveRange>,
    /// One per suspend state.
    pub lessons: Vec<Lesson>,
    pub hints: Vec<Hint>,
}

#[derive(Clone, Debug)]
pub struct AwaitMark {
    pub state: u32,
    pub span: Span,
    pub expr: String,
}

/// How long one saved value lives, and the awaits it is saved across.
#[derive(Clone, Debug)]
pub struct LiveRange {
    pub local: LocalId,
    /// The name, or for a temporary the expression that made it.
    pub name: String,
    pub temporary: bool,
    pub ty: String,
    pub size: Option<u64>,
    /// The line it is defined on, and the last line that reads, moves, borrows or drops it.
    pub defined: u32,
    pub last: u32,
    /// The last line of an await that saves it (later than `last` when it is kept without
    /// being used again: borrowed earlier, or a temporary of an unfinished statement).
    pub kept_until: u32,
    /// The states (`N` of `SuspendN`) that save it.
    pub saved_in: Vec<u32>,
}

/// What one suspended state keeps.
#[derive(Clone, Debug)]
pub struct Lesson {
    pub state: u32,
    pub await_span: Span,
    pub expr: String,
    /// The state's size without the tag, when known.
    pub size: Option<u64>,
    pub kept: Vec<Kept>,
    /// The upvars every state keeps.
    pub upvars: Vec<String>,
}

#[derive(Clone, Debug)]
pub struct Kept {
    pub name: String,
    pub role: Role,
    pub ty: String,
    pub size: Option<u64>,
    pub reason: Reason,
    /// For a value kept because it was borrowed: the line a move out of it came after the
    /// borrow and before the await (the move does not end the borrow's hold).
    pub moved_after_borrow: Option<u32>,
}

/// Something the learner could change, with the line it is about.
#[derive(Clone, Debug)]
pub struct Hint {
    pub span: Span,
    /// The saved values it is about (names, or a temporary's expression).
    pub values: Vec<String>,
    pub detail: HintDetail,
}

impl Hint {
    /// The stable name of the hint's kind (in JSON).
    pub fn kind(&self) -> &'static str {
        match self.detail {
            HintDetail::NotSend { .. } => "not_send",
            HintDetail::LargeValue { .. } => "large_value",
            HintDetail::ArgumentTwice { .. } => "argument_stored_twice",
            HintDetail::BorrowToScopeEnd { .. } => "borrow_kept_to_scope_end",
            HintDetail::StatementTemporary { .. } => "statement_temporary",
            HintDetail::BlockingCall { .. } | HintDetail::BlockingLoop { .. } => "blocking_call",
        }
    }
}

#[derive(Clone, Debug)]
pub enum HintDetail {
    /// A value that is not `Send` is held across an await: `tokio::spawn` rejects the future.
    NotSend {
        ty: String,
        culprit: String,
        state: Option<u32>,
        await_line: Option<u32>,
        /// The value was moved away (`drop(guard)`) at this line before the await, and is still
        /// kept because it was borrowed first.
        dropped_at: Option<u32>,
        /// The value is an awaited future of the file, which holds the real culprit.
        through: Option<String>,
        /// The value is a temporary, named by its expression.
        temporary: bool,
    },
    /// A value of at least the threshold's size is kept across an await.
    LargeValue { size: u64, threshold: u64, state: u32, await_line: u32, awaitee: bool },
    /// An argument kept by some state as the body's copy, next to its upvar.
    /// Each argument kept twice: its size and the states that keep the body's copy.
    ArgumentTwice { args: Vec<ArgumentKept> },
    /// A borrowed local kept across an await although it is not used after the await.
    BorrowToScopeEnd { borrowed_at: u32, last_use: u32, scope_end: u32, state: u32, await_line: u32 },
    /// A temporary kept to the end of its statement (or `match`, `if let`, block tail).
    StatementTemporary { construct: TempConstruct, edition: Edition, state: u32, await_line: u32 },
    /// A call that blocks the thread, with the awaits around it.
    BlockingCall { callee: String, before: Option<u32>, after: Option<u32> },
    /// A `for` loop with no await in it, over data whose size the source does not fix: it
    /// holds the thread for as long as the data is long.
    BlockingLoop { over: String, first_line: u32, last_line: u32 },
}

/// An argument whose body copy some states keep.
#[derive(Clone, Debug)]
pub struct ArgumentKept {
    pub name: String,
    pub size: Option<u64>,
    pub states: Vec<u32>,
}

/// Where a temporary that crosses an await was made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TempConstruct {
    /// The scrutinee of a `match`: it lives to the end of the `match`, in every edition.
    MatchScrutinee,
    /// The scrutinee of an `if let`: to the end of the `else` before 2024, of the `then` block
    /// from 2024 on.
    IfLetScrutinee,
    /// The tail expression of a block: until after the block's locals before 2024.
    Tail,
    /// The tail expression of a block inside a statement: to the end of that statement
    /// before 2024, to the end of the block from 2024 on.
    BlockTailInStatement,
    /// A statement: to its `;`.
    Statement,
}

impl TempConstruct {
    pub fn as_str(self) -> &'static str {
        match self {
            TempConstruct::MatchScrutinee => "match_scrutinee",
            TempConstruct::IfLetScrutinee => "if_let_scrutinee",
            TempConstruct::Tail => "tail_expression",
            TempConstruct::BlockTailInStatement => "block_tail_in_statement",
            TempConstruct::Statement => "statement",
        }
    }
}

/// Calls that block the thread they run on, by the path the IR records (a path ending in `::`
/// matches a whole module or type).
pub const BLOCKING: &[&str] = &[
    "std::thread::sleep",
    "std::fs::",
    "std::net::TcpStream::connect",
    "std::net::TcpListener::accept",
    "std::net::TcpListener::bind",
    "std::net::UdpSocket::",
    "std::io::Stdin::read_line",
    "Stdin.read_line",
    "std::io::Read::read",
    "std::sync::Mutex::lock",
    "std::sync::RwLock::read",
    "std::sync::RwLock::write",
    "std::sync::mpsc::Receiver::recv",
    "std::thread::JoinHandle::join",
];

/// Whether a call to `callee` blocks the thread.
pub fn is_blocking(callee: &str) -> bool {
    BLOCKING.iter().any(|path| if path.ends_with("::") { callee.starts_with(path) } else { callee == *path })
}

/// Builds the lesson on `future`. `threshold`: the size from which a saved value is "large".
pub fn explain(future: &FutureAnalysis, src: &str, edition: Edition, threshold: u64) -> Explanation {
    let body = &future.body;
    let awaits: Vec<AwaitMark> = future
        .states
        .iter()
        .filter_map(|s| match (s.id, &s.await_site) {
            (StateId::Suspend(n), Some(site)) => Some(AwaitMark { state: n, span: site.span, expr: site.expr.clone() }),
            _ => None,
        })
        .collect();

    // Every line each local is touched on (not counting the end of its storage).
    let mut touched: Vec<Vec<(u32, StmtKind)>> = vec![Vec::new(); body.locals.len()];
    for block in &body.blocks {
        for stmt in &block.stmts {
            if let Some(local) = stmt.kind.local()
                && !matches!(stmt.kind, StmtKind::StorageDead(_))
                && let Some(lines) = touched.get_mut(local.index())
            {
                lines.push((stmt.line, stmt.kind));
            }
        }
    }
    for lines in &mut touched {
        lines.sort_by_key(|(line, _)| *line);
    }

    let mut lessons = Vec::new();
    let mut values: Vec<LiveRange> = Vec::new();
    for state in &future.states {
        let (StateId::Suspend(n), Some(site)) = (state.id, &state.await_site) else { continue };
        let mut kept = Vec::new();
        for field in state.fields.iter().filter(|f| f.role != Role::Upvar) {
            let Some(local) = field.local else { continue };
            // A value moved away before the await after a borrow is kept because of the borrow,
            // whatever reason liveness met first (its drop at scope end, behind a drop flag).
            let lines = &touched[local.index()];
            let borrowed_at = lines
                .iter()
                .find(|(l, kind)| matches!(kind, StmtKind::Borrow(_)) && *l <= site.span.line)
                .map(|(l, _)| *l);
            let moved_after_borrow = borrowed_at.and_then(|borrow| {
                lines
                    .iter()
                    .find(|(l, kind)| matches!(kind, StmtKind::Move(_)) && *l >= borrow && *l <= site.span.line)
                    .map(|(l, _)| *l)
            });
            let reason = match (borrowed_at, moved_after_borrow, &field.reason) {
                (Some(line), Some(_), Reason::DroppedAtScopeEnd { .. } | Reason::Borrowed { .. }) => {
                    Reason::Borrowed { line, until: body.local(local).scope_end_line }
                }
                _ => field.reason.clone(),
            };
            kept.push(Kept {
                name: display_name(future, local),
                role: field.role.clone(),
                ty: field.ty.to_string(),
                size: field.size,
                reason,
                moved_after_borrow,
            });
            if matches!(field.role, Role::Awaitee | Role::DropFlag) {
                continue;
            }
            match values.iter_mut().find(|v| v.local == local) {
                Some(range) => {
                    range.saved_in.push(n);
                    range.kept_until = range.kept_until.max(site.span.line);
                }
                None => {
                    let l = body.local(local);
                    let lines = &touched[local.index()];
                    let defined = l.span.line;
                    let last = lines.iter().map(|(line, _)| *line).max().unwrap_or(defined).max(defined);
                    values.push(LiveRange {
                        local,
                        name: display_name(future, local),
                        temporary: !l.is_named(),
                        ty: field.ty.to_string(),
                        size: field.size,
                        defined,
                        last,
                        kept_until: last.max(site.span.line),
                        saved_in: vec![n],
                    });
                }
            }
        }
        lessons.push(Lesson {
            state: n,
            await_span: site.span,
            expr: site.expr.clone(),
            size: state.size,
            kept,
            upvars: state.fields.iter().filter(|f| f.role == Role::Upvar).map(|f| f.name.clone()).collect(),
        });
    }
    values.sort_by_key(|v| (v.defined, v.local));

    let mut hints = Vec::new();
    not_send_hint(future, &touched, &mut hints);
    for lesson in &lessons {
        for kept in &lesson.kept {
            if let Some(size) = kept.size
                && size >= threshold
                && kept.role != Role::DropFlag
            {
                hints.push(Hint {
                    span: lesson.await_span,
                    values: vec![kept.name.clone()],
                    detail: HintDetail::LargeValue {
                        size,
                        threshold,
                        state: lesson.state,
                        await_line: lesson.await_span.line,
                        awaitee: kept.role == Role::Awaitee,
                    },
                });
            }
        }
    }
    argument_twice_hints(future, &mut hints);
    for lesson in &lessons {
        for (kept, field_local) in lesson.kept.iter().zip(saved_locals(future, lesson.state)) {
            let Reason::Borrowed { line, until } = kept.reason else { continue };
            let l = body.local(field_local);
            if !l.is_named() || kept.moved_after_borrow.is_some() {
                continue;
            }
            // The last line the value is really used on (its drop at scope end aside).
            let last_use = touched[field_local.index()]
                .iter()
                .filter(|(_, kind)| !matches!(kind, StmtKind::Drop(_)))
                .map(|(line, _)| *line)
                .max()
                .unwrap_or(line);
            if last_use < lesson.await_span.line && !hints.iter().any(|h: &Hint| same_borrow_hint(h, &kept.name)) {
                hints.push(Hint {
                    span: l.span,
                    values: vec![kept.name.clone()],
                    detail: HintDetail::BorrowToScopeEnd {
                        borrowed_at: line,
                        last_use,
                        scope_end: until,
                        state: lesson.state,
                        await_line: lesson.await_span.line,
                    },
                });
            }
        }
        for (kept, field_local) in lesson.kept.iter().zip(saved_locals(future, lesson.state)) {
            if !matches!(kept.reason, Reason::TemporaryInExpression { .. }) {
                continue;
            }
            let l = body.local(field_local);
            // A value without drop glue (an operand computed before the await, `a + f().await`)
            // is kept because its expression uses it after the await, in every edition: no
            // statement to split.
            if !l.drop.needs_drop() {
                continue;
            }
            // One hint per temporary, at the first await it crosses.
            if hints.iter().any(|h: &Hint| h.kind() == "statement_temporary" && h.span == l.span) {
                continue;
            }
            // The item a `for` loop's `next()` returns is the loop's own: no statement to split.
            if matches!(&l.kind, LocalKind::Temp { expr } if expr.starts_with("Iterator::next(")) {
                continue;
            }
            hints.push(Hint {
                span: l.span,
                values: vec![kept.name.clone()],
                detail: HintDetail::StatementTemporary {
                    construct: match temp_construct(src, l.span) {
                        TempConstruct::Statement if l.outlives_block => TempConstruct::BlockTailInStatement,
                        construct => construct,
                    },
                    edition,
                    state: lesson.state,
                    await_line: lesson.await_span.line,
                },
            });
        }
    }
    for call in &body.calls {
        if !is_blocking(&call.callee) {
            continue;
        }
        // By position: an await later in the call's own line (`lock().len() + f().await`) is after it.
        let at = (call.span.line, call.span.column);
        let before = awaits.iter().map(|a| (a.span.line, a.span.column)).filter(|p| *p < at).max().map(|p| p.0);
        let after = awaits.iter().map(|a| (a.span.line, a.span.column)).filter(|p| *p > at).min().map(|p| p.0);
        hints.push(Hint {
            span: call.span,
            values: Vec::new(),
            detail: HintDetail::BlockingCall { callee: call.callee.clone(), before, after },
        });
    }
    blocking_loops(future, src, &mut hints);
    hints.sort_by_key(|h| (h.span.line, h.span.column, h.kind()));
    Explanation {
        first_line: future.span.line,
        last_line: future.span.end_line,
        size: future.layout.as_ref().map(|l| l.size),
        awaits,
        values,
        lessons,
        hints,
    }
}

/// The saved locals of a state, in the order of its fields (upvars left out).
fn saved_locals(future: &FutureAnalysis, state: u32) -> Vec<LocalId> {
    future
        .states
        .iter()
        .find(|s| s.id == StateId::Suspend(state))
        .map(|s| s.fields.iter().filter(|f| f.role != Role::Upvar).filter_map(|f| f.local).collect())
        .unwrap_or_default()
}

fn same_borrow_hint(hint: &Hint, name: &str) -> bool {
    matches!(hint.detail, HintDetail::BorrowToScopeEnd { .. }) && hint.values.iter().any(|v| v == name)
}

/// A local's name, or for a temporary the expression that made it.
fn display_name(future: &FutureAnalysis, local: LocalId) -> String {
    let l = future.body.local(local);
    if l.is_named() {
        return l.name.clone();
    }
    match &l.kind {
        LocalKind::Temp { expr } | LocalKind::TryBranch { expr } => expr.clone(),
        LocalKind::DropFlag(of) => format!("drop flag of {}", display_name(future, *of)),
        _ => l.name.clone(),
    }
}

fn not_send_hint(future: &FutureAnalysis, touched: &[Vec<(u32, StmtKind)>], hints: &mut Vec<Hint>) {
    let Some(because) = &future.send.not_send_because else { return };
    let await_line = because.await_span.map(|s| s.line);
    let dropped_at = because.local.and_then(|local| {
        let limit = await_line?;
        touched[local.index()].iter().find(|(l, kind)| matches!(kind, StmtKind::Move(_)) && *l < limit).map(|(l, _)| *l)
    });
    let span = because.await_span.unwrap_or(future.label_span);
    let temporary = because.local.is_some_and(|l| !future.body.local(l).is_named());
    hints.push(Hint {
        span,
        values: vec![because.value.clone()],
        detail: HintDetail::NotSend {
            ty: because.ty.clone(),
            culprit: because.culprit.clone(),
            state: because.state,
            await_line,
            dropped_at,
            through: because.through.clone(),
            temporary,
        },
    });
}

/// One hint for all the arguments whose body copy some state keeps.
fn argument_twice_hints(future: &FutureAnalysis, hints: &mut Vec<Hint>) {
    let body = &future.body;
    let mut args = Vec::new();
    let mut span = None;
    for (i, local) in body.locals.iter().enumerate() {
        if local.kind != LocalKind::ArgCopy {
            continue;
        }
        let id = LocalId(i as u32);
        let mut states = Vec::new();
        let mut size = None;
        for state in &future.states {
            if let StateId::Suspend(n) = state.id
                && let Some(field) = state.fields.iter().find(|f| f.local == Some(id))
            {
                states.push(n);
                size = size.or(field.size);
            }
        }
        if !states.is_empty() {
            span.get_or_insert(local.span);
            args.push(ArgumentKept { name: local.name.clone(), size, states });
        }
    }
    if let Some(span) = span {
        let values = args.iter().map(|a| a.name.clone()).collect();
        hints.push(Hint { span, values, detail: HintDetail::ArgumentTwice { args } });
    }
}

/// What made a temporary: read from the line its expression starts on.
fn temp_construct(src: &str, span: Span) -> TempConstruct {
    let start = span.start_byte.min(src.len());
    let Some(head) = src.get(..start) else { return TempConstruct::Statement };
    let line_start = head.rfind('\n').map_or(0, |i| i + 1);
    let before = head[line_start..].trim_start();
    let before = before.trim_start_matches("} else ").trim_start_matches("else ");
    if before.starts_with("match ") {
        return TempConstruct::MatchScrutinee;
    }
    if before.starts_with("if let ") || before.starts_with("while let ") {
        return TempConstruct::IfLetScrutinee;
    }
    // A tail: the expression's line does not end its statement, and the block closes next.
    let line_end = src[start..].find('\n').map_or(src.len(), |i| start + i);
    let rest = src[line_end..].trim_start();
    let line = src[line_start..line_end].trim_end();
    if !line.ends_with(';') && !line.ends_with('{') && rest.starts_with('}') && !before.starts_with("let ") {
        return TempConstruct::Tail;
    }
    TempConstruct::Statement
}

/// `for` loops with no await inside, over anything but a range with literal bounds.
fn blocking_loops(future: &FutureAnalysis, src: &str, hints: &mut Vec<Hint>) {
    let body = &future.body;
    for (i, local) in body.locals.iter().enumerate().filter(|(_, l)| l.kind == LocalKind::Iter) {
        let local_id = crate::ir::LocalId(i as u32);
        let first = local.span.line;
        let Some(last) = loop_end_line(src, local.span.end_byte) else { continue };
        if body.suspends.iter().any(|s| s.state.is_some() && s.span.line >= first && s.span.line <= last) {
            continue;
        }
        let Some(over) = src.get(local.span.start_byte..local.span.end_byte) else { continue };
        let fixed = body.fixed_iters.contains(&local_id);
        if !fixed {
            hints.push(Hint {
                span: local.span,
                values: Vec::new(),
                detail: HintDetail::BlockingLoop { over: over.to_string(), first_line: first, last_line: last },
            });
        }
    }
}

/// The line of the `}` that closes the loop body starting after `from` (the iterated
/// expression's end): the first `{` after it, matched to its `}`.
fn loop_end_line(src: &str, from: usize) -> Option<u32> {
    let rest = src.get(from..)?;
    let open = rest.find('{')?;
    let mut depth = 0usize;
    for (i, c) in rest[open..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    let end = from + open + i;
                    return Some(src[..end].matches('\n').count() as u32 + 1);
                }
            }
            _ => {}
        }
    }
    None
}
