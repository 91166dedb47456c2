//! The lowered form of one future's body: a tiny MIR.
//!
//! In: nothing (plain data types). Out: the vocabulary shared by lowering (which builds a
//! [`Body`]), liveness (which runs dataflow over it) and the graph (which walks its blocks).
//! Indices are typed (`LocalId`, `BlockId`, `SuspendId`) and point into `Vec` arenas.

use crate::diagnostics::Span;
use crate::ty::{DropGlue, Ty};

macro_rules! id {
    ($name:ident) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub u32);

        impl $name {
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }
    };
}

id!(LocalId);
id!(BlockId);
id!(SuspendId);

/// What kind of future a body belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum FutureKind {
    AsyncFn,
    AsyncBlock,
    AsyncClosure,
}

impl FutureKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FutureKind::AsyncFn => "async_fn",
            FutureKind::AsyncBlock => "async_block",
            FutureKind::AsyncClosure => "async_closure",
        }
    }
}

/// A field of the future present in every state: an argument or a captured variable.
#[derive(Clone, Debug)]
pub struct Upvar {
    /// rustc's field name without the leading dot: `x`, `_ref__x`, `__arg0`, `self`.
    pub name: String,
    pub ty: Ty,
    pub span: Span,
    pub origin: UpvarOrigin,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UpvarOrigin {
    Argument,
    CaptureByRef,
    CaptureByMutRef,
    CaptureByValue,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LocalKind {
    /// The body's copy of an async fn argument (`let x = x;`).
    ArgCopy,
    /// A by-value capture of an async block that the body moves out of (`fut.await` on a
    /// captured future). The value lives in the upvar, so the local is never saved: it stands
    /// for the upvar in drop elaboration, whose flag for it rustc does save.
    Capture,
    /// A `let` or pattern binding.
    Binding,
    /// An unnamed temporary; `expr` is the source text of the expression that produced it.
    Temp { expr: String },
    /// The `ControlFlow` a `?` matches on (`Try::branch(expr)`): a temporary to the end of
    /// the statement, whose payload always moves out (so it needs no drop flag).
    TryBranch { expr: String },
    /// The `__awaitee` of an `.await`.
    Awaitee(SuspendId),
    /// rustc's `iter` of a `for` loop.
    Iter,
    /// A drop flag for another local.
    DropFlag(LocalId),
}

#[derive(Clone, Debug)]
pub struct Local {
    /// rustc's field name without the leading dot; empty for temporaries and drop flags.
    pub name: String,
    pub kind: LocalKind,
    pub ty: Ty,
    pub drop: DropGlue,
    pub span: Span,
    /// The line where the local's scope ends (its drop at scope end, if it needs one).
    pub scope_end_line: u32,
    /// The scope the local belongs to (see [`Body::tail_sets`]).
    pub scope: u32,
    /// Moved without a call that can unwind after it in its scope (the `ControlFlow` of a
    /// `?`, the box and elements of `vec![..]`): it never gets a drop flag.
    pub flagless: bool,
    /// A temporary of a block's tail that lives on past the block, to the end of the
    /// enclosing statement (before edition 2024).
    pub outlives_block: bool,
}

impl Local {
    pub fn is_named(&self) -> bool {
        !self.name.is_empty()
    }
}

/// The part number of a [`StmtKind::MovePart`] or [`StmtKind::MoveVariantPart`] whose part has
/// no drop glue: moving it out needs no flag.
pub const NO_DROP_PART: u32 = u32::MAX;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StmtKind {
    /// A full write: the local becomes initialised.
    Assign(LocalId),
    /// A copy, or a read of part of the local.
    Read(LocalId),
    /// The whole value moves out; the local becomes uninitialised.
    Move(LocalId),
    /// A field moves out; the rest of the value stays and is dropped later. The number names
    /// the part's field path within the body (see [`Body::parts`]): each path is its own move
    /// path, with its own drop flag.
    MovePart(LocalId, u32),
    /// A part of one variant of an enum moves out (`x` of `Some(x)`); the rest stays. The
    /// numbers name the variant within the body, and the part's path inside it (see
    /// [`Body::parts`]).
    MoveVariantPart(LocalId, u32, u32),
    /// With a [`StmtKind::MoveVariantPart`] of a variant nested in another
    /// (`Err(Error::Failed { unit, .. })`, whose part is the outer one): the field it moves,
    /// by its own path. Drop elaboration flags such a field on its own where a call can unwind
    /// both while it is there and after it moved (a match guard runs before the arm moves it).
    MoveLeaf(LocalId, u32, u32),
    /// The path goes on knowing the local holds this variant (a match arm on it): the parts of
    /// the other variants are not there to drop.
    Variant(LocalId, u32),
    /// The path goes on knowing the local does not hold this variant (the `else` of an
    /// `if let`).
    NotVariant(LocalId, u32),
    /// `&x`, `&mut x`, a raw borrow, an auto-ref'd method receiver, a by-ref capture.
    Borrow(LocalId),
    /// A write to part of the local (`t.1 = 6`); the value stays initialised.
    Mutate(LocalId),
    /// Every part of the value that needs drop has moved out (`S { a, ..base }` taking all
    /// of them): the value stays in place, and its drops read it only through a drop flag.
    PartsGone(LocalId),
    /// The value is dropped (end of scope, or before being overwritten).
    Drop(LocalId),
    /// The local's storage ends.
    StorageDead(LocalId),
    /// A call that may unwind (it matters for drop flags).
    Call,
}

impl StmtKind {
    pub fn local(self) -> Option<LocalId> {
        match self {
            StmtKind::Assign(l)
            | StmtKind::Read(l)
            | StmtKind::Move(l)
            | StmtKind::MovePart(l, _)
            | StmtKind::MoveVariantPart(l, _, _)
            | StmtKind::MoveLeaf(l, _, _)
            | StmtKind::Variant(l, _)
            | StmtKind::NotVariant(l, _)
            | StmtKind::Borrow(l)
            | StmtKind::Mutate(l)
            | StmtKind::Drop(l)
            | StmtKind::PartsGone(l)
            | StmtKind::StorageDead(l) => Some(l),
            StmtKind::Call => None,
        }
    }
}

#[derive(Clone, Copy, Debug)]
pub struct Stmt {
    pub kind: StmtKind,
    pub line: u32,
    /// For the calls of an `.await` in tail position: an index into [`Body::tail_sets`].
    pub tail: u32,
    /// For a drop on the way out of a `return` or `?` (1) or a `break` or `continue` (2 and
    /// up, one per loop and kind): MIR's exits to one place share one drop per local, which
    /// is conditional when the local is there on one such exit and moved out on another.
    /// 0 for any other statement.
    pub exit: u32,
}

#[derive(Clone, Debug)]
pub struct Edge {
    pub target: BlockId,
    /// The branch that selects this edge, for display (`if ready`, `Some(x)`, `Err(_)`).
    pub label: Option<String>,
}

#[derive(Clone, Debug)]
pub enum Terminator {
    Goto(BlockId),
    Branch(Vec<Edge>),
    /// Suspend at an `.await`; `resume` runs when the awaited future is ready.
    Await {
        suspend: SuspendId,
        resume: BlockId,
    },
    /// The body completes (`Returned`).
    Return,
    /// Control never continues (a panic, or a call to a fn returning `!`).
    Diverge,
}

#[derive(Clone, Debug)]
pub struct Block {
    pub stmts: Vec<Stmt>,
    pub terminator: Terminator,
    /// The line the terminator belongs to.
    pub line: u32,
}

/// One `.await`: it becomes a `SuspendN` state if it is reachable.
#[derive(Clone, Debug)]
pub struct Suspend {
    /// The position of the `await` keyword.
    pub span: Span,
    /// Source text of the awaited expression.
    pub expr: String,
    pub awaitee: LocalId,
    /// Locals in scope at the await, for the coroutine's drop path.
    pub in_scope: Vec<LocalId>,
    /// The await's index in rustc's numbering, once unreachable awaits are removed.
    pub state: Option<u32>,
    /// The scopes this await is the tail expression of: an index into [`Body::tail_sets`].
    pub tail: u32,
    /// The future awaited, when it is an async fn of the file (its key: name and arguments).
    pub callee: Option<String>,
    /// How the awaited expression names what it calls, when it is a call.
    pub call: AwaitedCall,
}

/// The syntactic form of an awaited call, which decides whether the source alone settles its
/// target (see `recursion`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum AwaitedCall {
    /// `f(..)`.
    Free(String),
    /// `Type::m(..)` (`Self` as written).
    Assoc { ty: String, method: String },
    /// `x.m(..)` on a plain variable `x`.
    Method { receiver: String, method: String },
    /// Anything else.
    #[default]
    Other,
}

/// A call the body makes, with what it calls, for explanations (a blocking call between two
/// awaits) and for following awaits to the fn they call.
#[derive(Clone, Debug)]
pub struct CallSite {
    pub span: Span,
    /// The block the call is made in.
    pub block: BlockId,
    /// What is called: a fn of the file by its futurelens name (`fetch`, `Type::m`), a fn or
    /// method of std by its path (`std::thread::sleep`, `std::sync::Mutex::lock`), or the path
    /// as written when it resolves to neither.
    pub callee: String,
    /// A method call (`x.m()`), not a path call.
    pub method: bool,
}

/// The lowered body of one future.
#[derive(Clone, Debug, Default)]
pub struct Body {
    pub upvars: Vec<Upvar>,
    pub locals: Vec<Local>,
    pub blocks: Vec<Block>,
    pub suspends: Vec<Suspend>,
    /// The calls the body makes, in evaluation order.
    pub calls: Vec<CallSite>,
    /// Sets of scopes an `.await` sits in the tail expression of; index 0 is the empty set.
    /// With edition 2021 an await in tail position unwinds through drops of its scopes' locals
    /// that are built apart from the rest of the scope, so its calls read no drop flag of them.
    pub tail_sets: Vec<Vec<u32>>,
    /// The iterators of `for` loops over data of a length the source fixes (a range with
    /// literal bounds, an array literal).
    pub fixed_iters: Vec<LocalId>,
    /// The field paths of the parts moved out of locals (`source` of `job.source`, each field
    /// `..job` takes, `1` of `let (_, b) = pair`), named by [`StmtKind::MovePart`] and
    /// [`StmtKind::MoveVariantPart`]: drop elaboration keeps one flag per part, not per local.
    /// The empty path stands for every part with no field path (an element, a field behind
    /// something else).
    pub parts: Vec<String>,
    /// Set by drop elaboration: the locals whose flag only the drop shared by some exits reads
    /// (see [`Stmt::exit`]), with those exits.
    pub exit_flags: Vec<(LocalId, Vec<u32>)>,
}

/// In a set of [`Body::tail_sets`], an entry with this bit set is no scope: it counts the
/// temporaries a block's tail had made outside the block when the call ran. Two calls in the
/// tail share their cleanup only when they count the same.
pub const TAIL_GENERATION: u32 = 1 << 31;

impl Body {
    /// Whether a statement or await marked with `tail` is in the tail of `local`'s scope.
    pub fn in_tail_of(&self, tail: u32, local: LocalId) -> bool {
        tail != 0 && self.tail_sets.get(tail as usize).is_some_and(|set| set.contains(&self.local(local).scope))
    }

    pub fn local(&self, id: LocalId) -> &Local {
        &self.locals[id.index()]
    }

    pub fn block(&self, id: BlockId) -> &Block {
        &self.blocks[id.index()]
    }

    pub fn successors(&self, id: BlockId) -> Vec<BlockId> {
        match &self.block(id).terminator {
            Terminator::Goto(t) => vec![*t],
            Terminator::Branch(edges) => edges.iter().map(|e| e.target).collect(),
            Terminator::Await { resume, .. } => vec![*resume],
            Terminator::Return | Terminator::Diverge => Vec::new(),
        }
    }

    pub const ENTRY: BlockId = BlockId(0);

    /// The reachable suspends in rustc's numbering order.
    pub fn states(&self) -> Vec<SuspendId> {
        let mut numbered: Vec<(u32, SuspendId)> =
            self.suspends.iter().enumerate().filter_map(|(i, s)| s.state.map(|n| (n, SuspendId(i as u32)))).collect();
        numbered.sort();
        numbered.into_iter().map(|(_, id)| id).collect()
    }
}
