//! Lowering: each async fn, async block and async closure body becomes an [`ir::Body`].
//!
//! In: the file's top-level items, one at a time ([`Discovery::add`]), and its [`FileIndex`].
//! Out: one [`LoweredFuture`] per future, in source order ([`Discovery::finish`]), each with a
//! control-flow graph that models Rust's evaluation order, scopes and temporaries the way
//! rustc's MIR building does, plus warnings for what it cannot model. Bodies of ordinary fns
//! and closures are lowered too (and thrown away) so that the async blocks inside them know
//! the types of what they capture.
//!
//! The rules, one per construct, live in the submodules: `expr` (expressions and evaluation
//! order), `pat` (bindings), `macros` (std macros whose arguments are expressions), `infer`
//! (the types of expressions), `literals` (an integer literal's binding typed by its later
//! use), `discover` (which items hold futures and what they are named).

mod discover;
mod expr;
mod infer;
mod literals;
mod macros;
mod pat;

use std::collections::BTreeMap;

use crate::diagnostics::{Diagnostic, Span};
use crate::ir::{
    Block, BlockId, Body, Edge, FutureKind, Local, LocalId, LocalKind, Stmt, StmtKind, Suspend, SuspendId, Terminator,
    Upvar, UpvarOrigin,
};
use crate::items::{FileIndex, GenericParam};
use crate::resolve::Resolver;
use crate::ty::{Ty, TyCtx};

pub use discover::Discovery;

/// Resolves the associated types in a type whose bases are known (`<Vec<u8> as IntoIterator>::Item`).
pub fn normalize(index: &FileIndex, ty: &Ty) -> Ty {
    infer::normalize(index, ty)
}

/// An instance of a generic fn: the arguments bound to its parameters, and rustc's name of
/// it (`G<u8>::gm<&str>`).
#[derive(Clone, Debug, PartialEq)]
pub struct Instance {
    pub args: Vec<Ty>,
    pub display: String,
}

/// One future found in the file, lowered.
#[derive(Clone, Debug)]
pub struct LoweredFuture {
    /// The futurelens name (rustc's, without generic arguments).
    pub name: String,
    pub kind: FutureKind,
    /// The whole item or expression.
    pub span: Span,
    /// Where rustc's label for the future starts (the `async` keyword, or a closure's body).
    pub label_span: Span,
    /// The type the future resolves to.
    pub output: Ty,
    pub body: Body,
    pub diagnostics: Vec<Diagnostic>,
    /// Generic parameters: rustc prints no layout for the generic body, only for instances.
    pub generic: bool,
    /// For an instance of a generic fn (or a future inside one): its arguments.
    pub instance: Option<Instance>,
}

/// Limits that keep pathological input from exhausting the stack.
pub const MAX_DEPTH: u32 = 256;

/// A binding visible to a nested body (an async block or closure) from its enclosing body.
#[derive(Clone, Debug)]
pub(crate) struct OuterBinding {
    pub ty: Ty,
}

pub(crate) type OuterEnv = BTreeMap<String, OuterBinding>;

/// How a nested body uses a captured variable.
#[derive(Clone, Debug)]
pub(crate) struct Capture {
    /// The captured place: the variable and the fields below it (`p.name` is `["p", "name"]`).
    pub path: Vec<String>,
    /// The type of the captured place.
    pub ty: Ty,
    /// The type of the variable itself.
    pub root_ty: Ty,
    pub by_value: bool,
    pub mutable: bool,
    pub span: Span,
    /// Every use was through the reference the variable holds (`url.len()` with `url:
    /// &String` captures `*url`): the enclosing body only reads the variable, it does not
    /// borrow it.
    pub through_deref: bool,
    /// The type of a whole value the nested body stores into the variable (`ra = Some(v)`),
    /// which may say what the variable's own declaration left open (`let mut ra = None`).
    pub assigned: Option<Ty>,
}

struct Scope {
    id: u32,
    /// Bindings by name, in declaration order; a later one shadows an earlier one.
    bindings: Vec<(String, LocalId)>,
    /// Every local whose storage ends with this scope, in declaration order.
    locals: Vec<LocalId>,
    end_line: u32,
    /// Whether the scope is a temporary scope (a statement) rather than a block.
    temporary: bool,
    /// A block's tail expression before edition 2024: its temporaries belong to the temporary
    /// scope around the block, and outlive the block's locals.
    transparent: bool,
    /// The bindings of an `if` condition while the condition is evaluated: temporaries made
    /// there belong to the scopes below.
    bindings_only: bool,
}

/// What a `break` can leave: a loop (`loop`, `while`, `for`), or a labelled block, which only
/// a `break` naming its label leaves (and no `continue` goes to).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Breakable {
    Loop { continue_to: BlockId },
    LabelledBlock,
}

/// A loop or labelled block being lowered.
struct LoopCtx {
    label: Option<String>,
    kind: Breakable,
    break_to: BlockId,
    scope_depth: usize,
    /// The type of the loop's (or block's) value, as its `break value`s give it.
    break_ty: Option<Ty>,
}

/// Whether a `break` with this label (or none, for the innermost loop) leaves `c`.
fn breaks_to(c: &LoopCtx, label: Option<&str>) -> bool {
    match label {
        Some(l) => c.label.as_deref() == Some(l),
        None => matches!(c.kind, Breakable::Loop { .. }),
    }
}

/// Where a `break` or `continue` jumps: the block, and the depth of the scopes to exit first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Jump {
    pub to: BlockId,
    pub scope_depth: usize,
}

/// A field's name as the IR and the types name it: `name`, or `0` for a tuple field.
pub(crate) fn member_name(member: &syn::Member) -> String {
    match member {
        syn::Member::Named(i) => i.to_string(),
        syn::Member::Unnamed(i) => i.index.to_string(),
    }
}

/// Shared state for lowering every body of one file.
pub(crate) struct FileCtx<'a> {
    pub src: &'a str,
    pub index: &'a FileIndex,
    /// The names of the generic fns that hold futures: a sync body that names none of them
    /// and holds no `async` or `.await` has nothing to lower (`discover::holds_nothing`).
    pub host_idents: Vec<String>,
    pub resolver: Resolver<'a>,
    pub edition: crate::edition::Edition,
    /// Instances of generic async fns the bodies lowered so far use: the fn's futurelens
    /// name and the generic arguments (see `discover`).
    pub instances: Vec<(String, Vec<Ty>)>,
    /// The generic arguments of the instance being lowered (empty for other bodies): the
    /// futures found in it are that instance's.
    pub instance_args: Vec<Ty>,
    pub futures: Vec<LoweredFuture>,
    /// The file's diagnostics that belong to no future (a sync fn's errors, limits hit).
    pub warnings: Vec<Diagnostic>,
}

/// What a closure's caller says of it: the `Fn` bound of the parameter it is passed to.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct ClosureHint {
    pub inputs: Vec<Ty>,
    /// The bound's output, the callee's own parameters unknown; for an `AsyncFn` bound, what
    /// the closure's future gives.
    pub output: Ty,
}

pub(crate) struct Builder<'f, 'a> {
    pub file: &'f mut FileCtx<'a>,
    pub body: Body,
    current: BlockId,
    scopes: Vec<Scope>,
    loops: Vec<LoopCtx>,
    /// Bindings of the enclosing body, for captures; `None` for fn bodies.
    outer: Option<OuterEnv>,
    pub captures: Vec<Capture>,
    /// Whether the nested body is `move`.
    move_captures: bool,
    /// Whether the body is an async closure's.
    pub closure_body: bool,
    /// For an async block: the by-value captures its body moves out of, by captured place,
    /// each with the local that stands for it (see [`LocalKind::Capture`]).
    pub capture_locals: Option<Vec<(Vec<String>, LocalId)>>,
    /// The form of the call the `.await` being lowered awaits.
    pub awaited_call: crate::ir::AwaitedCall,
    /// The generic parameters in scope (bound to types in an instance).
    pub generics: Vec<GenericParam>,
    /// What `Self` is in the body.
    pub self_ty: Option<Ty>,
    /// The module the body is in, for resolving paths.
    pub module: Vec<String>,
    pub diagnostics: Vec<Diagnostic>,
    /// The name of the future being lowered (for naming nested items), or of the host fn.
    pub context_name: String,
    /// Whether the body is async (awaits are states) or a host whose awaits are errors.
    is_async: bool,
    pub depth: u32,
    /// Set once the depth limit was hit, so the warning is given once.
    depth_exceeded: bool,
    /// The type `return` produces, to type `?`.
    pub return_ty: Ty,
    /// In a fn that returns a future without being async, the output that future has: what
    /// an async block of the body is expected to produce.
    pub block_output: Ty,
    /// An awaitee whose storage ends once the await's result has been stored.
    pending_awaitee: Option<LocalId>,
    /// The exit whose drops are being emitted (see [`Stmt::exit`]); 0 outside one.
    exit_key: u32,
    /// The binding a `let x = match ..` or `let x = if ..` initialises: each arm writes its
    /// value into it before its temporaries are dropped (and before its awaitee's storage
    /// ends), as rustc's MIR does.
    arm_dest: Option<LocalId>,
    /// Bindings typed only by an unsuffixed number literal so far (see `literals`).
    literal_bindings: Vec<(String, LocalId, literals::Literal)>,
    /// A `for` binding over a range of number literals (`for n in 2..=5`): the loop's
    /// iterator and `next()` temporary, retyped with it (range name, iterator, temporary).
    literal_ranges: Vec<(LocalId, &'static str, LocalId, LocalId)>,
    next_scope: u32,
    /// Block scopes whose tail expression is being lowered.
    tail_scopes: Vec<u32>,
    /// Of those, the ones whose tail has made a temporary that outlives the block (before
    /// edition 2024): a call made after it unwinds through the block's locals apart from the
    /// block's statements (see [`Builder::emit`]).
    extended_tails: Vec<u32>,
    /// How many such temporaries have been made: calls made between the same two share
    /// their cleanup (see [`crate::ir::TAIL_GENERATION`]).
    tail_generation: u32,
    /// What the `Fn` bound of the parameter the next closure lowered is passed to says of it:
    /// the parameter types it takes when its own say nothing, and what it returns.
    pub closure_inputs: Option<ClosureHint>,
    /// Enum variants matched in the body, by name; their index names them in the IR.
    variants: Vec<String>,
    /// A match guard's bindings: references into the scrutinee that the guard reads as the
    /// values they point to.
    pub(crate) guard_refs: Vec<LocalId>,
    /// The call a `let` annotation types the result of (`let v: Vec<W2> = f(x).await?;`): where
    /// it starts, the annotated type, and how many `?`s stand between them.
    pub(crate) expected_call: Option<(usize, Ty, u8)>,
    /// A `let` annotation's type for the `collect` or `partition` call (by where its name
    /// starts) whose result the binding is: the items fill its `_`s.
    pub(crate) expected_collect: Option<(usize, Ty)>,
}

impl<'f, 'a> Builder<'f, 'a> {
    pub(crate) fn new(file: &'f mut FileCtx<'a>, context_name: String, is_async: bool) -> Builder<'f, 'a> {
        let mut body = Body::default();
        body.tail_sets.push(Vec::new());
        body.blocks.push(Block { stmts: Vec::new(), terminator: Terminator::Return, line: 0 });
        Builder {
            file,
            body,
            current: Body::ENTRY,
            scopes: Vec::new(),
            loops: Vec::new(),
            outer: None,
            captures: Vec::new(),
            move_captures: false,
            closure_body: false,
            capture_locals: None,
            awaited_call: crate::ir::AwaitedCall::Other,
            generics: Vec::new(),
            self_ty: None,
            module: Vec::new(),
            diagnostics: Vec::new(),
            context_name,
            is_async,
            depth: 0,
            depth_exceeded: false,
            return_ty: Ty::Unknown,
            block_output: Ty::Unknown,
            pending_awaitee: None,
            exit_key: 0,
            arm_dest: None,
            literal_bindings: Vec::new(),
            literal_ranges: Vec::new(),
            next_scope: 0,
            tail_scopes: Vec::new(),
            extended_tails: Vec::new(),
            tail_generation: 0,
            closure_inputs: None,
            variants: Vec::new(),
            guard_refs: Vec::new(),
            expected_call: None,
            expected_collect: None,
        }
    }

    pub fn index(&self) -> &'a FileIndex {
        self.file.index
    }

    /// What resolving a type written in this body needs.
    pub fn ty_ctx(&self) -> TyCtx<'_> {
        let index = self.file.index;
        TyCtx {
            resolver: &self.file.resolver,
            module: &self.module,
            generics: &self.generics,
            self_ty: self.self_ty.as_ref(),
            aliases: Some(&index.aliases),
            std_aliases: Some(&crate::stdlib::index().aliases),
            consts: Some(&index.const_values),
        }
    }

    /// A type written in this body.
    /// A type written in the body's item, resolved; in an instance, the associated types its
    /// bound parameters settle are normalized (`A::Event` with `A = Cart` is `CartEvent`).
    pub fn resolve_ty(&self, ty: &syn::Type) -> Ty {
        infer::normalize(self.index(), &crate::ty::from_syn(ty, &self.ty_ctx()))
    }

    /// Records a call the body makes (see [`crate::ir::CallSite`]).
    pub fn record_call(&mut self, span: crate::diagnostics::Span, callee: String, method: bool) {
        let block = self.current;
        self.body.calls.push(crate::ir::CallSite { span, block, callee, method });
    }

    /// Notes that the body uses an instance of a generic async fn, to lower it too.
    pub fn request_instance(&mut self, name: &str, args: &[Ty]) {
        let args: Vec<Ty> = args.iter().map(|a| infer::normalize(self.index(), a)).collect();
        if args.is_empty() || !args.iter().all(Ty::is_concrete) {
            return;
        }
        let request = (name.to_string(), args);
        if !self.file.instances.contains(&request) {
            self.file.instances.push(request);
        }
    }

    /// Source text of a node, with runs of whitespace folded, for labels and reasons.
    pub fn text(&self, node: &(impl crate::diagnostics::Located + ?Sized)) -> String {
        let span = Span::of(node);
        let raw = span.text(self.file.src).unwrap_or("");
        let mut out = String::with_capacity(raw.len());
        let mut last_space = false;
        for c in raw.chars() {
            if c.is_whitespace() {
                if !last_space {
                    out.push(' ');
                }
                last_space = true;
            } else {
                out.push(c);
                last_space = false;
            }
        }
        out
    }

    // ---- blocks and statements ----

    pub fn new_block(&mut self) -> BlockId {
        let id = BlockId(self.body.blocks.len() as u32);
        self.body.blocks.push(Block { stmts: Vec::new(), terminator: Terminator::Diverge, line: 0 });
        id
    }

    pub fn emit(&mut self, kind: StmtKind, line: u32) {
        let current = self.current;
        let pending = self.pending_awaitee.take();
        let exit = if matches!(kind, StmtKind::Drop(_)) { self.exit_key } else { 0 };
        // MIR building shares a cleanup drop between unwinding calls only when the drops
        // scheduled after it match. A temporary of a block's tail that outlives the block
        // (before edition 2024) is scheduled outside the block's locals: a call made after it
        // unwinds through their drops apart from the block's statements.
        let tail = if kind == StmtKind::Call && !self.extended_tails.is_empty() {
            let mut set = self.extended_tails.clone();
            set.push(crate::ir::TAIL_GENERATION | self.tail_generation);
            self.intern_tail_set(set)
        } else {
            0
        };
        let stmts = &mut self.body.blocks[current.index()].stmts;
        let stmt = Stmt { kind, line, tail, exit };
        match (pending, kind) {
            // `let x = f().await`: the result is written into `x` while the awaitee's storage
            // is still live (rustc's `match into_future(..) { mut __awaitee => .. }`).
            (Some(awaitee), StmtKind::Assign(_)) => {
                stmts.push(stmt);
                stmts.push(Stmt { kind: StmtKind::StorageDead(awaitee), line, tail: 0, exit: 0 });
            }
            (Some(awaitee), _) => {
                stmts.push(Stmt { kind: StmtKind::StorageDead(awaitee), line, tail: 0, exit: 0 });
                stmts.push(stmt);
            }
            (None, _) => stmts.push(stmt),
        }
    }

    /// Ends the awaitee's storage once the await's result has been stored.
    pub fn end_awaitee_after_result(&mut self, awaitee: LocalId) {
        self.pending_awaitee = Some(awaitee);
    }

    pub fn terminate(&mut self, terminator: Terminator, line: u32) {
        if let Some(awaitee) = self.pending_awaitee.take() {
            let current = self.current;
            self.body.blocks[current.index()].stmts.push(Stmt {
                kind: StmtKind::StorageDead(awaitee),
                line,
                tail: 0,
                exit: 0,
            });
        }
        let current = self.current;
        let block = &mut self.body.blocks[current.index()];
        block.terminator = terminator;
        block.line = line;
    }

    /// Ends the current block with `terminator` and continues in a fresh, unreachable block.
    pub fn terminate_and_continue(&mut self, terminator: Terminator, line: u32) {
        self.terminate(terminator, line);
        self.current = self.new_block();
    }

    pub fn goto(&mut self, target: BlockId, line: u32) {
        self.terminate(Terminator::Goto(target), line);
    }

    pub fn branch(&mut self, edges: Vec<(BlockId, Option<String>)>, line: u32) {
        let edges = edges.into_iter().map(|(target, label)| Edge { target, label }).collect();
        self.terminate(Terminator::Branch(edges), line);
    }

    pub fn switch_to(&mut self, block: BlockId) {
        self.current = block;
    }

    // ---- locals and scopes ----

    pub fn new_local(&mut self, name: String, kind: LocalKind, ty: Ty, span: Span) -> LocalId {
        let drop = ty.drop_glue(self.file.index);
        let id = LocalId(self.body.locals.len() as u32);
        self.body.locals.push(Local {
            name,
            kind,
            ty,
            drop,
            span,
            scope_end_line: span.end_line,
            scope: 0,
            flagless: false,
            outlives_block: false,
        });
        id
    }

    /// A temporary whose storage ends with the innermost temporary scope.
    pub fn new_temp(&mut self, expr: String, ty: Ty, span: Span) -> LocalId {
        let id = self.new_local(String::new(), LocalKind::Temp { expr }, ty, span);
        self.register_in_temp_scope(id);
        id
    }

    /// Marks a local that never needs a drop flag (see [`Local::flagless`]).
    pub fn set_flagless(&mut self, id: LocalId) {
        self.body.locals[id.index()].flagless = true;
    }

    /// Sets a local's type once it is known (a `let` without annotation learns it from the
    /// initialiser).
    pub fn set_type(&mut self, id: LocalId, ty: Ty) {
        let drop = ty.drop_glue(self.file.index);
        let local = &mut self.body.locals[id.index()];
        local.ty = ty;
        local.drop = drop;
    }

    pub fn push_scope(&mut self, end_line: u32, temporary: bool) {
        self.next_scope += 1;
        let id = self.next_scope;
        self.scopes.push(Scope {
            id,
            bindings: Vec::new(),
            locals: Vec::new(),
            end_line,
            temporary,
            transparent: false,
            bindings_only: false,
        });
    }

    /// Enters the tail expression of the block whose scope is innermost. Its temporaries end
    /// with the block in edition 2024 (RFC 3606), with the enclosing statement before.
    pub fn push_tail_scope(&mut self, end_line: u32) {
        self.push_scope(end_line, true);
        if !self.file.edition.tail_temporaries_end_with_block()
            && let Some(scope) = self.scopes.last_mut()
        {
            scope.transparent = true;
        }
    }

    /// Marks the innermost scope as holding only bindings (see [`Scope::bindings_only`]).
    pub fn set_bindings_only(&mut self, on: bool) {
        if let Some(scope) = self.scopes.last_mut() {
            scope.bindings_only = on;
        }
    }

    /// The id of the innermost block scope.
    pub fn block_scope_id(&self) -> u32 {
        self.scopes.iter().rev().find(|s| !s.temporary).map(|s| s.id).unwrap_or(0)
    }

    /// Lowering enters the tail expression of the innermost block scope.
    pub fn enter_tail(&mut self) {
        let id = self.block_scope_id();
        self.tail_scopes.push(id);
    }

    pub fn leave_tail(&mut self) {
        if let Some(id) = self.tail_scopes.pop() {
            self.extended_tails.retain(|&e| e != id);
        }
    }

    /// The blocks a temporary made now outlives: each transparent tail scope it passes (see
    /// [`Builder::push_tail_scope`]) passes it past its block's scope. Returns the index of the
    /// scope that ends its storage, or `None` for the innermost.
    fn temp_scope_index(&self) -> (Option<usize>, Vec<u32>) {
        let mut at = self.scopes.len();
        let mut passed = Vec::new();
        while at > 0 && (self.scopes[at - 1].transparent || self.scopes[at - 1].bindings_only) {
            if self.scopes[at - 1].transparent {
                if at >= 2 {
                    passed.push(self.scopes[at - 2].id);
                }
                at = at.saturating_sub(2);
            } else {
                at -= 1;
            }
        }
        if at == 0 { (None, Vec::new()) } else { (Some(at), passed) }
    }

    /// A temporary about to be made outlives these blocks: later calls in their tails unwind
    /// apart (see `extended_tails`).
    pub fn note_extended_temp(&mut self) {
        let (_, passed) = self.temp_scope_index();
        for id in passed {
            if self.tail_scopes.contains(&id) {
                if !self.extended_tails.contains(&id) {
                    self.extended_tails.push(id);
                }
                self.tail_generation += 1;
            }
        }
    }

    /// The interned set of scopes whose tail expression is being lowered.
    pub fn tail_mark(&mut self) -> u32 {
        if self.tail_scopes.is_empty() {
            return 0;
        }
        let set = self.tail_scopes.clone();
        self.intern_tail_set(set)
    }

    fn intern_tail_set(&mut self, mut set: Vec<u32>) -> u32 {
        set.sort();
        set.dedup();
        if let Some(i) = self.body.tail_sets.iter().position(|s| *s == set) {
            return i as u32;
        }
        self.body.tail_sets.push(set);
        (self.body.tail_sets.len() - 1) as u32
    }

    /// Puts a binding in scope (its storage ends with the innermost block scope).
    pub fn bind(&mut self, name: String, id: LocalId) {
        if let Some(scope) = self.scopes.iter_mut().rev().find(|s| !s.temporary) {
            scope.bindings.push((name, id));
            scope.locals.push(id);
            let (end, scope_id) = (scope.end_line, scope.id);
            self.body.locals[id.index()].scope_end_line = end;
            self.body.locals[id.index()].scope = scope_id;
        }
    }

    /// Registers a local in the innermost block scope without a name (rustc's `iter`, extended
    /// temporaries).
    pub fn register_in_block_scope(&mut self, id: LocalId) {
        if let Some(scope) = self.scopes.iter_mut().rev().find(|s| !s.temporary) {
            scope.locals.push(id);
            let (end, scope_id) = (scope.end_line, scope.id);
            self.body.locals[id.index()].scope_end_line = end;
            self.body.locals[id.index()].scope = scope_id;
        }
    }

    pub fn register_in_temp_scope(&mut self, id: LocalId) {
        // A transparent tail scope passes its temporaries on, past its block's scope.
        self.note_extended_temp();
        let (at, passed) = self.temp_scope_index();
        let at = at.unwrap_or(self.scopes.len());
        if passed.iter().any(|id| self.tail_scopes.contains(id)) {
            self.body.locals[id.index()].outlives_block = true;
        }
        // The scope the temporary is made in (for `Body::tail_sets`) is the innermost one,
        // whichever scope ends its storage.
        let made_in = self.scopes.last().map(|s| s.id).unwrap_or(0);
        if let Some(scope) = at.checked_sub(1).and_then(|i| self.scopes.get_mut(i)) {
            scope.locals.push(id);
            let end = scope.end_line;
            self.body.locals[id.index()].scope_end_line = end;
            self.body.locals[id.index()].scope = made_in;
        }
    }

    /// Leaves the innermost scope: drops its values in reverse order, then ends their storage.
    pub fn pop_scope(&mut self, line: u32) {
        let Some(scope) = self.scopes.pop() else { return };
        self.exit_locals(&scope.locals, line);
    }

    fn exit_locals(&mut self, locals: &[LocalId], line: u32) {
        for &local in locals.iter().rev() {
            if self.body.locals[local.index()].drop.needs_drop() {
                self.emit(StmtKind::Drop(local), line);
            }
            self.emit(StmtKind::StorageDead(local), line);
        }
    }

    /// Emits the drops of every scope above `depth` without leaving them (for `break`,
    /// `continue`, `return` and `?`).
    pub fn exit_scopes_to(&mut self, depth: usize, line: u32) {
        let locals: Vec<Vec<LocalId>> =
            self.scopes[depth.min(self.scopes.len())..].iter().map(|s| s.locals.clone()).collect();
        for scope in locals.iter().rev() {
            self.exit_locals(scope, line);
        }
    }

    /// Emits the drops of a `return` or `?` (every scope) or a `break` or `continue` to
    /// `target` (the scopes inside it), marked as drops of that exit.
    pub fn exit_scopes_for(&mut self, depth: usize, target: Option<BlockId>, line: u32) {
        self.exit_key = target.map_or(1, |b| b.0 + 2);
        self.exit_scopes_to(depth, line);
        self.exit_key = 0;
    }

    /// Forgets the innermost scope without emitting its drops (they were emitted on every
    /// path out of it already).
    pub fn discard_scope(&mut self) {
        self.scopes.pop();
    }

    pub fn scope_depth(&self) -> usize {
        self.scopes.len()
    }

    pub fn lookup(&self, name: &str) -> Option<LocalId> {
        for scope in self.scopes.iter().rev() {
            if let Some((_, id)) = scope.bindings.iter().rev().find(|(n, _)| n == name) {
                return Some(*id);
            }
        }
        None
    }

    /// Every local whose storage is live here.
    pub fn locals_in_scope(&self) -> Vec<LocalId> {
        self.scopes.iter().flat_map(|s| s.locals.iter().copied()).collect()
    }

    /// Every binding visible here, for a nested body's captures.
    pub fn visible_env(&self) -> OuterEnv {
        let mut env = self.outer.clone().unwrap_or_default();
        for up in &self.body.upvars {
            env.insert(up.name.clone(), OuterBinding { ty: up.ty.clone() });
        }
        for scope in &self.scopes {
            for (name, id) in &scope.bindings {
                env.insert(name.clone(), OuterBinding { ty: self.body.locals[id.index()].ty.clone() });
            }
        }
        env
    }

    /// Looks a name up in the enclosing body. Returns its type if it is captured.
    pub fn outer_binding(&self, name: &str) -> Option<Ty> {
        self.outer.as_ref()?.get(name).map(|b| b.ty.clone())
    }

    #[allow(clippy::too_many_arguments)]
    pub fn note_capture(
        &mut self,
        mut path: Vec<String>,
        ty: Ty,
        root_ty: Ty,
        by_value: bool,
        mutable: bool,
        span: Span,
        through_deref: bool,
    ) {
        // The body of an async closure called by reference (`AsyncFn`) borrows what the
        // closure captured (moved in, for a `move` closure) unless it moves it out.
        let by_value = by_value || self.move_captures && !self.closure_body;
        let mut ty = ty;
        // A `move` capture stops at a reference: the reference itself is captured.
        if self.move_captures && (path.len() > 1 || through_deref) && matches!(root_ty.concrete(), Ty::Ref { .. }) {
            path.truncate(1);
            ty = root_ty.clone();
        }
        let through_deref = through_deref && matches!(root_ty.concrete(), Ty::Ref { .. });
        self.captures.push(Capture { path, ty, root_ty, by_value, mutable, span, through_deref, assigned: None });
    }

    /// The local standing for the captured place `path` (created on its first move, in the
    /// body's outermost scope, so that it is dropped at the body's end); `None` outside an
    /// async block.
    pub(crate) fn capture_local(&mut self, path: &[String], ty: &Ty, span: Span) -> Option<LocalId> {
        let known = self.capture_locals.as_ref()?.iter().find(|(p, _)| p == path).map(|(_, l)| *l);
        if known.is_some() {
            return known;
        }
        let local = self.new_local(path.join("__"), LocalKind::Capture, ty.clone(), span);
        if let Some(scope) = self.scopes.first_mut() {
            scope.locals.push(local);
            let (end, scope_id) = (scope.end_line, scope.id);
            self.body.locals[local.index()].scope_end_line = end;
            self.body.locals[local.index()].scope = scope_id;
        }
        self.capture_locals.as_mut()?.push((path.to_vec(), local));
        Some(local)
    }

    /// The number naming an enum variant in this body's IR.
    /// The number of a part's field path (see [`crate::ir::Body::parts`]), or
    /// [`crate::ir::NO_DROP_PART`] for a part without drop glue, which needs no flag.
    pub(crate) fn part_id(&mut self, path: &str, needs_drop: bool) -> u32 {
        if !needs_drop {
            return crate::ir::NO_DROP_PART;
        }
        match self.body.parts.iter().position(|p| p == path) {
            Some(i) => i as u32,
            None => {
                self.body.parts.push(path.to_string());
                (self.body.parts.len() - 1) as u32
            }
        }
    }

    pub(crate) fn variant_id(&mut self, name: &str) -> u32 {
        match self.variants.iter().position(|v| v == name) {
            Some(i) => i as u32,
            None => {
                self.variants.push(name.to_string());
                (self.variants.len() - 1) as u32
            }
        }
    }

    pub fn set_outer(&mut self, outer: OuterEnv, move_captures: bool) {
        self.outer = Some(outer);
        self.move_captures = move_captures;
    }

    // ---- loops ----

    /// Enters a loop: `continue` goes to `continue_to`, `break` to `break_to`.
    pub fn push_loop(&mut self, label: Option<String>, continue_to: BlockId, break_to: BlockId) {
        let scope_depth = self.scopes.len();
        self.loops.push(LoopCtx {
            label,
            kind: Breakable::Loop { continue_to },
            break_to,
            scope_depth,
            break_ty: None,
        });
    }

    /// Enters a labelled block: `break 'label` goes to `break_to`.
    pub fn push_labelled_block(&mut self, label: String, break_to: BlockId) {
        let scope_depth = self.scopes.len();
        self.loops.push(LoopCtx {
            label: Some(label),
            kind: Breakable::LabelledBlock,
            break_to,
            scope_depth,
            break_ty: None,
        });
    }

    /// Leaves the innermost loop or labelled block; gives the type its `break`s carried.
    pub fn pop_loop(&mut self) -> Ty {
        self.loops.pop().and_then(|c| c.break_ty).unwrap_or(Ty::Unknown)
    }

    /// A `break` with this label (or none) carries a value of this type.
    pub fn note_break_value(&mut self, label: Option<&str>, ty: Ty) {
        if !ty.is_known() {
            return;
        }
        let at = self.loops.iter().rposition(|c| breaks_to(c, label));
        if let Some(c) = at.map(|i| &mut self.loops[i]) {
            // Each `break` may say what another leaves open (`break Err(e)`, `break other`).
            c.break_ty = Some(match c.break_ty.take() {
                Some(known) => known.refined_by(&ty),
                None => ty,
            });
        }
    }

    /// The innermost loop or labelled block with this label, or without one, the innermost loop.
    fn breakable(&self, label: Option<&str>) -> Option<&LoopCtx> {
        self.loops.iter().rev().find(|c| breaks_to(c, label))
    }

    /// Where a `break` with this label (or none) goes.
    pub fn break_target(&self, label: Option<&str>) -> Option<Jump> {
        self.breakable(label).map(|c| Jump { to: c.break_to, scope_depth: c.scope_depth })
    }

    /// Where a `continue` with this label (or none) goes; `None` for a labelled block.
    pub fn continue_target(&self, label: Option<&str>) -> Option<Jump> {
        self.breakable(label).and_then(|c| match c.kind {
            Breakable::Loop { continue_to } => Some(Jump { to: continue_to, scope_depth: c.scope_depth }),
            Breakable::LabelledBlock => None,
        })
    }

    /// A `break` or `continue`: exits the scopes inside the target, jumps there, and goes on
    /// in a new block (unreachable, like the code after it).
    pub fn jump(&mut self, target: Jump, line: u32) {
        self.exit_scopes_for(target.scope_depth, Some(target.to), line);
        self.goto(target.to, line);
        let next = self.new_block();
        self.switch_to(next);
    }

    // ---- awaits ----

    pub fn is_async(&self) -> bool {
        self.is_async
    }

    /// Suspends the body: the current block ends in an await and lowering goes on in the
    /// block that runs when the awaited future is ready.
    pub fn suspend(&mut self, span: Span, expr: String, awaitee: LocalId, call: crate::ir::AwaitedCall) -> SuspendId {
        let id = SuspendId(self.body.suspends.len() as u32);
        let in_scope = self.locals_in_scope();
        let tail = self.tail_mark();
        let callee = self.body.local(awaitee).ty.future_key();
        self.body.suspends.push(Suspend { span, expr, awaitee, in_scope, state: None, tail, callee, call });
        // The await gets a block of its own, created now: rustc numbers yields in the order
        // their blocks were created, which is evaluation order.
        let yield_block = self.new_block();
        self.goto(yield_block, span.line);
        self.current = yield_block;
        let resume = self.new_block();
        self.terminate(Terminator::Await { suspend: id, resume }, span.line);
        self.current = resume;
        id
    }

    pub fn warn(&mut self, diagnostic: Diagnostic) {
        if !self.diagnostics.contains(&diagnostic) {
            self.diagnostics.push(diagnostic);
        }
    }

    /// Guards recursion on deeply nested input; returns false once the limit is reached.
    pub fn enter(&mut self, span: Span) -> bool {
        if self.depth >= MAX_DEPTH {
            if !self.depth_exceeded {
                self.depth_exceeded = true;
                self.diagnostics.push(
                    Diagnostic::error(
                        format!("expression nested more than {MAX_DEPTH} levels deep; the rest of it is not analysed"),
                        Some(span),
                    )
                    .with_label("nesting limit reached here"),
                );
            }
            return false;
        }
        self.depth += 1;
        true
    }

    pub fn leave(&mut self) {
        self.depth -= 1;
    }

    /// Finishes the body: numbers the reachable awaits in block order, the order rustc uses.
    pub fn finish(mut self) -> (Body, Vec<Diagnostic>, Vec<Capture>) {
        let reachable = reachable_blocks(&self.body);
        let mut next = 0;
        for (i, block) in self.body.blocks.iter().enumerate() {
            if !reachable[i] {
                continue;
            }
            if let Terminator::Await { suspend, .. } = block.terminator {
                self.body.suspends[suspend.index()].state = Some(next);
                next += 1;
            }
        }
        (self.body, self.diagnostics, self.captures)
    }
}

/// Which blocks can run, starting from the entry block.
pub fn reachable_blocks(body: &Body) -> Vec<bool> {
    let mut seen = vec![false; body.blocks.len()];
    let mut stack = vec![Body::ENTRY];
    while let Some(block) = stack.pop() {
        if std::mem::replace(&mut seen[block.index()], true) {
            continue;
        }
        stack.extend(body.successors(block));
    }
    seen
}

/// The places a nested body captures, as rustc settles them from the uses it recorded:
/// whole variables before edition 2021; disjoint places apart, a place inside another captured
/// place absorbed by it (by value wins).
pub(crate) fn finalize_captures(captures: &[Capture], edition: crate::edition::Edition) -> Vec<Capture> {
    // Before edition 2021 a closure captures whole variables, not the fields it uses.
    let whole: Vec<Capture>;
    let captures = if edition.captures_disjoint_fields() {
        captures
    } else {
        whole = captures
            .iter()
            .map(|c| Capture { path: c.path[..1].to_vec(), ty: c.root_ty.clone(), ..c.clone() })
            .collect();
        &whole
    };
    // Disjoint places are captured apart (`job.payload` and `job.id`); a place inside another
    // captured place is captured with it (the ancestor wins), and by-value wins.
    let mut merged: Vec<Capture> = Vec::new();
    for cap in captures {
        if let Some(ancestor) = merged.iter_mut().find(|m| cap.path.starts_with(&m.path)) {
            if cap.path == ancestor.path
                && let Some(t) = &cap.assigned
            {
                ancestor.assigned = Some(ancestor.assigned.take().map_or_else(|| t.clone(), |a| a.refined_by(t)));
            }
            ancestor.by_value |= cap.by_value;
            ancestor.mutable |= cap.mutable;
            ancestor.through_deref &= cap.through_deref;
            continue;
        }
        let mut cap = cap.clone();
        let first_descendant = merged.iter().position(|m| m.path.starts_with(&cap.path));
        merged.retain(|m| {
            let inside = m.path.starts_with(&cap.path);
            if inside {
                cap.by_value |= m.by_value;
                cap.mutable |= m.mutable;
                cap.through_deref &= m.through_deref;
            }
            !inside
        });
        match first_descendant {
            Some(at) => merged.insert(at.min(merged.len()), cap),
            None => merged.push(cap),
        }
    }
    merged
}

/// Turns the captures a nested body recorded into its upvars, rustc's way: by-ref captures are
/// named `_ref__path`, by-value ones `path`, field paths joined by `__`.
pub(crate) fn captures_to_upvars(merged: &[Capture]) -> Vec<Upvar> {
    merged
        .iter()
        .cloned()
        .map(|cap| {
            let joined = cap.path.join("__");
            let (name, ty, origin) = if cap.by_value {
                (joined, cap.ty, UpvarOrigin::CaptureByValue)
            } else if cap.mutable {
                (
                    format!("_ref__{joined}"),
                    Ty::Ref { mutable: true, inner: Box::new(cap.ty) },
                    UpvarOrigin::CaptureByMutRef,
                )
            } else {
                (format!("_ref__{joined}"), Ty::reference(cap.ty), UpvarOrigin::CaptureByRef)
            };
            Upvar { name, ty, span: cap.span, origin }
        })
        .collect()
}
