//! The result of analysing a file: every future with its states, saved fields and reasons.
//!
//! In: lowered bodies, their saved sets and state graphs. Out: [`Analysis`], the plain data
//! every renderer takes. Nothing here formats text.

use crate::boxing::{BoxPlan, BoxedAwait};
use crate::diagnostics::{Diagnostic, Span};
use crate::edition::{Edition, EditionSource};
use crate::graph::{StateGraph, StateId};
use crate::ir::{Body, FutureKind, LocalId, LocalKind, UpvarOrigin};
use crate::layout::{Assumption, FutureLayout, Placement};
use crate::liveness::{Reason, SavedSets};
use crate::recursion::Recursion;
use crate::ty::Ty;

/// What the analysis assumes about the compilation.
#[derive(Clone, Debug)]
pub struct Options {
    /// The file name used in messages and in rustc's names of async blocks.
    pub file_name: String,
    /// The edition whose rules apply (temporary scopes, captures), and where it came from.
    pub edition: Edition,
    pub edition_source: EditionSource,
    pub pointer_width: u32,
    /// Sizes the user supplies for types the model does not know (`--assume`).
    pub assume: Vec<Assumption>,
    /// Awaits to lay out as if they were `Box::pin(..).await` (what-if boxing); empty by default.
    pub boxing: BoxPlan,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            file_name: "<input>".into(),
            edition: Edition::default(),
            edition_source: EditionSource::Default,
            pointer_width: 64,
            assume: Vec::new(),
            boxing: BoxPlan::default(),
        }
    }
}

/// The analysis of one file.
#[derive(Clone, Debug)]
pub struct Analysis {
    pub file: String,
    pub options: Options,
    pub futures: Vec<FutureAnalysis>,
    /// Diagnostics that belong to no single future (parse errors, "no async code").
    pub diagnostics: Vec<Diagnostic>,
}

impl Analysis {
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .chain(self.futures.iter().flat_map(|f| &f.diagnostics))
            .any(|d| d.severity == crate::diagnostics::Severity::Error)
    }

    /// The futures whose name is `name`, or whose last path segment is (`handle` finds
    /// `Server::handle`).
    pub fn select(&self, name: &str) -> Vec<&FutureAnalysis> {
        // One instance of a generic fn, as it is shown (`keep<u8>`).
        let instance: Vec<_> =
            self.futures.iter().filter(|f| f.instance.is_some() && f.display_name() == name).collect();
        if !instance.is_empty() {
            return instance;
        }
        let exact: Vec<_> = self.futures.iter().filter(|f| f.name == name).collect();
        if !exact.is_empty() {
            return exact;
        }
        self.futures.iter().filter(|f| f.name.rsplit("::").next() == Some(name)).collect()
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Role {
    Upvar,
    Local,
    Awaitee,
    Temporary,
    DropFlag,
}

impl Role {
    pub fn as_str(&self) -> &'static str {
        match self {
            Role::Upvar => "upvar",
            Role::Local => "local",
            Role::Awaitee => "awaitee",
            Role::Temporary => "temporary",
            Role::DropFlag => "drop_flag",
        }
    }
}

/// One field of a state: an upvar or a saved local.
#[derive(Clone, Debug)]
pub struct Field {
    /// rustc's name without the leading dot: `x`, `__awaitee`, `iter`, `_ref__x`, or
    /// `.coroutine_fieldN` for temporaries and drop flags.
    pub name: String,
    pub role: Role,
    pub ty: Ty,
    pub reason: Reason,
    /// The saved local, for locals (not upvars).
    pub local: Option<LocalId>,
    /// The body's copy of an argument: with the argument's upvar, one value kept twice
    /// (rust-lang/rust#62958).
    pub arg_copy: bool,
    pub span: Span,
    /// Bytes, alignment and offset from the start of the future; `None` when not known.
    pub size: Option<u64>,
    pub align: Option<u64>,
    pub offset: Option<u64>,
    /// Whether the field has its own bytes in every state or shares them with other states.
    pub placement: Placement,
}

/// An `.await` of the body.
#[derive(Clone, Debug)]
pub struct AwaitSite {
    pub span: Span,
    pub expr: String,
    /// How the awaited expression names what it calls.
    pub call: crate::ir::AwaitedCall,
}

#[derive(Clone, Debug)]
pub struct State {
    pub id: StateId,
    pub await_site: Option<AwaitSite>,
    pub fields: Vec<Field>,
    /// The size `-Zprint-type-sizes` prints for this variant (without the discriminant).
    pub size: Option<u64>,
}

#[derive(Clone, Debug)]
pub struct FutureAnalysis {
    pub name: String,
    pub kind: FutureKind,
    pub span: Span,
    pub label_span: Span,
    pub output: Ty,
    pub body: Body,
    pub saved: SavedSets,
    pub states: Vec<State>,
    pub graph: StateGraph,
    pub diagnostics: Vec<Diagnostic>,
    /// rustc prints no layout for a generic body; only for its instantiations.
    pub generic: bool,
    /// The byte layout; `None` when some field's size is not known.
    pub layout: Option<FutureLayout>,
    /// When the future is infinitely big (unboxed recursion): the cycle that makes it so.
    pub recursion: Option<Recursion>,
    /// What makes the future as big as it is: the dominant field of its largest state, down
    /// through the futures of the file it holds; `None` without a layout.
    pub chain: Option<crate::attribution::Chain>,
    /// The awaits the options' box plan laid out as boxed (empty without a plan).
    pub boxed: Vec<BoxedAwait>,
    /// For an instance of a generic fn (or a future inside one): its generic arguments and
    /// rustc's name for it.
    pub instance: Option<crate::lower::Instance>,
    /// Whether the future is `Send`, and if not, why.
    pub send: crate::send::SendReport,
}

impl FutureAnalysis {
    /// What types name this future by: its name, with an instance's arguments.
    pub fn key(&self) -> String {
        match &self.instance {
            Some(i) => crate::ty::instance_name(&self.name, &i.args),
            None => self.name.clone(),
        }
    }

    /// The name to show: rustc's, with an instance's arguments (`G<u8>::gm<&str>`).
    pub fn display_name(&self) -> &str {
        match &self.instance {
            Some(i) => &i.display,
            None => &self.name,
        }
    }

    pub fn state(&self, id: StateId) -> Option<&State> {
        self.states.iter().find(|s| s.id == id)
    }

    pub fn suspend_states(&self) -> impl Iterator<Item = &State> {
        self.states.iter().filter(|s| matches!(s.id, StateId::Suspend(_)))
    }
}

/// Assembles the states of a future from its body and saved sets.
pub fn build_states(body: &Body, saved: &SavedSets) -> Vec<State> {
    let upvars: Vec<Field> = body
        .upvars
        .iter()
        .map(|u| Field {
            name: u.name.clone(),
            role: Role::Upvar,
            ty: u.ty.clone(),
            reason: if u.origin == UpvarOrigin::Argument { Reason::Argument } else { Reason::Captured },
            local: None,
            arg_copy: false,
            span: u.span,
            size: None,
            align: None,
            offset: None,
            placement: Placement::Prefix,
        })
        .collect();
    // Unnamed saved locals are numbered like rustc's `..coroutine_fieldN`: by their index
    // among all saved locals, in local order.
    let mut all_saved: Vec<LocalId> = saved.saved.iter().flatten().map(|s| s.local).collect();
    all_saved.sort();
    all_saved.dedup();
    let field_name = |local: LocalId| -> String {
        let l = body.local(local);
        if l.is_named() {
            l.name.clone()
        } else {
            let n = all_saved.iter().position(|x| *x == local).unwrap_or(0);
            format!(".coroutine_field{n}")
        }
    };
    let mut states = vec![State { id: StateId::Unresumed, await_site: None, fields: upvars.clone(), size: None }];
    for suspend in body.states() {
        let s = &body.suspends[suspend.index()];
        let mut fields = upvars.clone();
        let mut locals = saved.saved[suspend.index()].clone();
        locals.sort_by_key(|l| l.local);
        for sl in locals {
            let l = body.local(sl.local);
            let role = match l.kind {
                LocalKind::Awaitee(_) => Role::Awaitee,
                LocalKind::Temp { .. } | LocalKind::TryBranch { .. } => Role::Temporary,
                LocalKind::DropFlag(_) => Role::DropFlag,
                LocalKind::ArgCopy | LocalKind::Binding | LocalKind::Iter | LocalKind::Capture => Role::Local,
            };
            fields.push(Field {
                name: field_name(sl.local),
                role,
                ty: l.ty.clone(),
                reason: sl.reason,
                local: Some(sl.local),
                arg_copy: l.kind == LocalKind::ArgCopy,
                span: l.span,
                size: None,
                align: None,
                offset: None,
                placement: Placement::Unknown,
            });
        }
        states.push(State {
            id: StateId::Suspend(s.state.unwrap_or(0)),
            await_site: Some(AwaitSite { span: s.span, expr: s.expr.clone(), call: s.call.clone() }),
            fields,
            size: None,
        });
    }
    states.push(State { id: StateId::Returned, await_site: None, fields: upvars.clone(), size: None });
    states.push(State { id: StateId::Panicked, await_site: None, fields: upvars, size: None });
    states
}
