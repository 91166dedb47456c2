//! Whether each future is `Send`, as `tokio::spawn` requires, and if not, which value makes it so.
//!
//! In: the analysed futures (their upvars and the fields of every suspend state) and the file's
//! index of types. Out: a [`SendReport`] per future: `Some(true)`, `Some(false)` with the value,
//! its type, the type inside it that is not `Send` and the await it is held across, or `None`
//! with the type the source does not reveal.
//!
//! rustc decides it the same way: a future is `Send` when everything it stores in any state is
//! (the upvars, and the values saved across each await, the awaited futures among them). `&T` is
//! `Send` when `T` is `Sync`; `Arc<T>` when `T` is `Send + Sync`; `Mutex<T>` is `Sync` when `T` is
//! `Send`. A future of the file that is awaited is judged by its own report.

use std::collections::BTreeMap;

use crate::analysis::{FutureAnalysis, Role};
use crate::diagnostics::Span;
use crate::ir::LocalId;
use crate::items::FileIndex;
use crate::ty::{Ty, substitute};

/// The verdict on one future.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SendReport {
    /// `Some(true)`: `Send`; `Some(false)`: not, see `not_send_because`; `None`: some type the
    /// file does not reveal, named in `unknown`.
    pub send: Option<bool>,
    pub not_send_because: Option<NotSend>,
    pub unknown: Option<String>,
}

/// The first stored value that is not `Send`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotSend {
    /// The field's name (`guard`, `__awaitee`, `self`).
    pub value: String,
    /// The saved local (`None` for an upvar).
    pub local: Option<LocalId>,
    /// The field's type.
    pub ty: String,
    /// The type inside it that is not `Send` (or not `Sync`, behind a shared reference).
    pub culprit: String,
    /// The suspend state that holds it (`None` for an upvar, held in every state).
    pub state: Option<u32>,
    /// The await it is held across.
    pub await_span: Option<Span>,
    /// When the value is an awaited future of the file: that future's name, whose own report
    /// says what inside it is not `Send`.
    pub through: Option<String>,
}

/// What judging a future tells the futures that hold it: its name as shown, and its verdict.
/// A streamed analysis keeps this much of each future it has judged.
#[derive(Clone, Debug)]
pub struct Judged {
    pub display: String,
    pub report: SendReport,
}

/// Judges futures and stores the verdict in them; a future they hold that is not among them
/// is found by key with `earlier` (futures judged before, in a stream of them). A key names
/// the first future with it.
pub fn compute(futures: &mut [FutureAnalysis], earlier: &dyn Fn(&str) -> Option<Judged>, index: &FileIndex) {
    let mut keys: BTreeMap<String, usize> = BTreeMap::new();
    for (i, f) in futures.iter().enumerate() {
        let key = f.key();
        if earlier(&key).is_none() {
            keys.entry(key).or_insert(i);
        }
    }
    let mut judge = Judge { futures, earlier, index, keys: &keys, memo: BTreeMap::new(), visiting: Default::default() };
    let reports: Vec<SendReport> = (0..judge.futures.len()).map(|i| judge.future(i)).collect();
    for (future, report) in futures.iter_mut().zip(reports) {
        future.send = report;
    }
}

/// Why a type is not known to be `Send`.
enum Verdict {
    Yes,
    /// This type, inside the one judged, is not `Send` (or `Sync`).
    No(String),
    /// The source does not tell for this type.
    Unknown(String),
}

struct Judge<'a> {
    futures: &'a [FutureAnalysis],
    earlier: &'a dyn Fn(&str) -> Option<Judged>,
    index: &'a FileIndex,
    keys: &'a BTreeMap<String, usize>,
    /// `None` while a future is being judged: a cycle (recursion through `Box::pin`) assumes
    /// `Send`, as rustc's auto traits do.
    memo: BTreeMap<usize, Option<SendReport>>,
    /// The named types being judged: a type met again inside itself (`Vec<Node>` in `Node`)
    /// adds nothing, as for rustc's coinductive auto traits.
    visiting: std::collections::BTreeSet<(bool, Ty)>,
}

impl Judge<'_> {
    fn future(&mut self, i: usize) -> SendReport {
        match self.memo.get(&i) {
            Some(Some(done)) => return done.clone(),
            Some(None) => return SendReport { send: Some(true), ..SendReport::default() },
            None => {}
        }
        self.memo.insert(i, None);
        let futures = self.futures;
        let future = &futures[i];
        let mut unknown: Option<String> = None;
        let mut found: Option<NotSend> = None;
        'states: for state in &future.states {
            let suspend = match state.id {
                crate::graph::StateId::Unresumed => None,
                crate::graph::StateId::Suspend(n) => Some(n),
                _ => continue,
            };
            for field in &state.fields {
                // Upvars are judged once, in Unresumed.
                if suspend.is_some() && field.role == Role::Upvar {
                    continue;
                }
                let (verdict, through) = self.field(&field.ty);
                match verdict {
                    Verdict::Yes => {}
                    Verdict::Unknown(ty) => {
                        unknown.get_or_insert(ty);
                    }
                    Verdict::No(culprit) => {
                        // A temporary is named by the expression that made it.
                        let value = match field.local.map(|l| &future.body.local(l).kind) {
                            Some(crate::ir::LocalKind::Temp { expr } | crate::ir::LocalKind::TryBranch { expr }) => {
                                expr.clone()
                            }
                            _ => field.name.clone(),
                        };
                        found = Some(NotSend {
                            value,
                            local: field.local,
                            ty: field.ty.to_string(),
                            culprit,
                            state: suspend,
                            await_span: state.await_site.as_ref().map(|a| a.span),
                            through,
                        });
                        break 'states;
                    }
                }
            }
        }
        let report = match found {
            Some(because) => SendReport { send: Some(false), not_send_because: Some(because), unknown: None },
            None if unknown.is_some() => SendReport { send: None, not_send_because: None, unknown },
            None => SendReport { send: Some(true), not_send_because: None, unknown: None },
        };
        self.memo.insert(i, Some(report.clone()));
        report
    }

    /// A stored field: a future of the file is judged by its report, anything else by its type.
    fn field(&mut self, ty: &Ty) -> (Verdict, Option<String>) {
        let Some(key) = ty.future_key() else { return (self.send(ty, 0), None) };
        let (report, display) = if let Some(judged) = (self.earlier)(&key) {
            (judged.report, judged.display)
        } else if let Some(&callee) = self.keys.get(&key) {
            (self.future(callee), self.futures[callee].display_name().to_string())
        } else {
            return (self.send(ty, 0), None);
        };
        let verdict = match report.send {
            Some(true) => Verdict::Yes,
            Some(false) => Verdict::No(report.not_send_because.map(|n| n.culprit).unwrap_or_else(|| ty.to_string())),
            None => Verdict::Unknown(report.unknown.unwrap_or_else(|| ty.to_string())),
        };
        (verdict, Some(display))
    }

    /// Whether a key names a future of the file judged here or before.
    fn knows(&self, key: &str) -> bool {
        self.keys.contains_key(key) || (self.earlier)(key).is_some()
    }

    fn send(&mut self, ty: &Ty, depth: u32) -> Verdict {
        if depth > 16 {
            return Verdict::Unknown(ty.to_string());
        }
        match ty {
            Ty::Prim(_) | Ty::Unit | Ty::Never | Ty::Str | Ty::FnPtr => Verdict::Yes,
            Ty::Ptr { .. } => Verdict::No(ty.to_string()),
            Ty::Ref { mutable: true, inner } => self.send(inner, depth + 1),
            Ty::Ref { mutable: false, inner } => self.sync(inner, depth + 1),
            Ty::Array(inner, _) | Ty::ParamArray(inner, _) | Ty::Slice(inner) => self.send(inner, depth + 1),
            Ty::Const(_) | Ty::ConstBool(_) => Verdict::Yes,
            Ty::Tuple(items) => self.all(items, depth, Judge::send),
            Ty::Inst { ty, .. } => self.send(ty, depth + 1),
            Ty::Closure { captures, .. } => self.all(captures, depth, Judge::send),
            Ty::Dyn(bounds, _) => dyn_verdict(ty, bounds),
            // A future of the file is judged by its report; one without a body here is not known.
            Ty::AsyncFnFuture { .. } | Ty::BlockFuture { .. } => {
                if ty.future_key().is_some_and(|key| self.knows(&key)) {
                    self.field(ty).0
                } else {
                    Verdict::Unknown(ty.to_string())
                }
            }
            Ty::Adt { name, args } => {
                if let Some((params, target)) = self.index.alias(name) {
                    return self.send(&substitute(target, params, args), depth + 1);
                }
                let Some(decl) = self.index.adt(name) else { return Verdict::Unknown(ty.to_string()) };
                if decl.not_send {
                    return Verdict::No(ty.to_string());
                }
                // `Arc<T>` shares `T` between threads: `T` must be `Send + Sync`.
                if name == "Arc" {
                    let inner = ty.first_arg();
                    return both(self.send(&inner, depth + 1), self.sync(&inner, depth + 1));
                }
                let fields: Vec<Ty> = decl.field_types().iter().map(|t| substitute(t, &decl.generics, args)).collect();
                self.inside((true, ty.clone()), |judge| judge.all(&fields, depth, Judge::send))
            }
            Ty::Unknown | Ty::Param { .. } | Ty::Assoc { .. } | Ty::Opaque(_) => Verdict::Unknown(ty.to_string()),
        }
    }

    /// Whether `&T` may be shared between threads.
    fn sync(&mut self, ty: &Ty, depth: u32) -> Verdict {
        if depth > 16 {
            return Verdict::Unknown(ty.to_string());
        }
        match ty {
            Ty::Prim(_) | Ty::Unit | Ty::Never | Ty::Str | Ty::FnPtr => Verdict::Yes,
            Ty::Ptr { .. } => Verdict::No(ty.to_string()),
            Ty::Ref { inner, .. } | Ty::Array(inner, _) | Ty::Slice(inner) => self.sync(inner, depth + 1),
            Ty::Tuple(items) => self.all(items, depth, Judge::sync),
            Ty::Inst { ty, .. } => self.sync(ty, depth + 1),
            Ty::Closure { captures, .. } => self.all(captures, depth, Judge::sync),
            Ty::Dyn(bounds, _) if bounds.split(" + ").any(|b| b == "Sync") => Verdict::Yes,
            Ty::Adt { name, args } => {
                if let Some((params, target)) = self.index.alias(name) {
                    return self.sync(&substitute(target, params, args), depth + 1);
                }
                let Some(decl) = self.index.adt(name) else { return Verdict::Unknown(ty.to_string()) };
                let not_sync = self.index.impls.iter().any(|i| {
                    i.negative && i.trait_key.as_deref() == Some("Sync") && i.self_key.as_deref() == Some(name)
                });
                if not_sync {
                    return Verdict::No(ty.to_string());
                }
                // A lock makes its contents shareable if they can be sent.
                if matches!(name.as_str(), "Mutex" | "RwLock") {
                    return self.send(&ty.first_arg(), depth + 1);
                }
                // std's guards are `Sync` when what they guard is; `Rc` is neither.
                if decl.not_send && !name.ends_with("Guard") {
                    return Verdict::No(ty.to_string());
                }
                let fields: Vec<Ty> = decl.field_types().iter().map(|t| substitute(t, &decl.generics, args)).collect();
                self.inside((false, ty.clone()), |judge| judge.all(&fields, depth, Judge::sync))
            }
            _ => Verdict::Unknown(ty.to_string()),
        }
    }

    /// Judges the fields of a named type, unless that type is already being judged.
    fn inside(&mut self, key: (bool, Ty), judge: impl FnOnce(&mut Self) -> Verdict) -> Verdict {
        if !self.visiting.insert(key.clone()) {
            return Verdict::Yes;
        }
        let verdict = judge(self);
        self.visiting.remove(&key);
        verdict
    }

    fn all(&mut self, tys: &[Ty], depth: u32, check: fn(&mut Self, &Ty, u32) -> Verdict) -> Verdict {
        let mut result = Verdict::Yes;
        for ty in tys {
            match check(self, ty, depth + 1) {
                Verdict::Yes => {}
                no @ Verdict::No(_) => return no,
                unknown @ Verdict::Unknown(_) => {
                    if matches!(result, Verdict::Yes) {
                        result = unknown;
                    }
                }
            }
        }
        result
    }
}

fn both(a: Verdict, b: Verdict) -> Verdict {
    match (a, b) {
        (no @ Verdict::No(_), _) | (_, no @ Verdict::No(_)) => no,
        (unknown @ Verdict::Unknown(_), _) | (_, unknown @ Verdict::Unknown(_)) => unknown,
        _ => Verdict::Yes,
    }
}

/// `dyn Trait + Send` is `Send`; a `dyn` of std's traits without the bound is not.
fn dyn_verdict(ty: &Ty, bounds: &str) -> Verdict {
    let bounds: Vec<&str> = bounds.split(" + ").collect();
    if bounds.contains(&"Send") {
        return Verdict::Yes;
    }
    let std_traits =
        ["Future", "Fn", "FnMut", "FnOnce", "Any", "Error", "Display", "Debug", "Iterator", "Read", "Write"];
    if bounds.iter().all(|b| std_traits.contains(b)) {
        Verdict::No(ty.to_string())
    } else {
        Verdict::Unknown(ty.to_string())
    }
}
