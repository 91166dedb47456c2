//! `futurelens desugar`: what the compiler wrote, as Rust a learner can read, compile and run.
//!
//! In: the analysis and the [`Plan`]s of `crate::desugar`. Out: one Rust file, built with
//! `quote` and printed with `prettyplease`: for each future an enum of its states, whose fields
//! are what the analysis says each state keeps (the reason as a doc comment), and, where safe
//! Rust can express it, `new` and an `impl Future` whose `poll` loops over a `match` on the
//! state, polling the stored awaited future at each await. `return` and `?` end the future
//! (`Returned`). A future that cannot be written so (a self-reference, or a future that
//! contains itself) gets its enum as an outline under `#[cfg(any())]`, with the reasons.
//!
//! ```text
//! pub enum LoadUserFuture {
//!     /// Not polled yet: the arguments.
//!     Unresumed { id: u32 },
//!     Returned,
//!     Panicked,
//! }
//! ```

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::visit_mut::VisitMut;

use crate::analysis::{Analysis, FutureAnalysis};
use crate::desugar::{Awaitee, Code, Exit, FieldPlan, Node, Plan, Presence, StatePlan, Why};
use crate::graph::StateId;
use crate::ir::FutureKind;
use crate::liveness::Reason;

/// The file of hand-written futures.
pub fn render(analysis: &Analysis, plans: &[Plan]) -> String {
    let mut items = Vec::new();
    for plan in plans {
        let future = &analysis.futures[plan.future];
        items.push(one(future, plan));
    }
    let header = format!(
        " The state machines rustc builds from `{}`, written by hand (futurelens desugar).\n\n Each \
         enum has the states rustc numbers (`Unresumed`, `Suspend0`.., `Returned`, `Panicked`) and \
         keeps in each what rustc keeps there, with the reason. `poll` loops over a `match` on the \
         state: at each await it polls the stored future, and returns `Poll::Pending` while that \
         future does.",
        analysis.file
    );
    let header = doc_lines(&header);
    let tokens = quote! {
        #(#![doc = #header])*
        #![allow(unused, clippy::all)]
        use std::future::Future;
        use std::pin::Pin;
        use std::task::{Context, Poll};
        #(#items)*
    };
    match syn::parse2::<syn::File>(tokens.clone()) {
        Ok(file) => prettyplease::unparse(&file),
        Err(e) => {
            eprintln!("{tokens}");
            format!("// internal error: the generated code does not parse ({e}); please report this\n")
        }
    }
}

/// A doc comment's text as lines of at most 90 characters, each a ` line` for `#[doc]`.
fn doc_lines(text: &str) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        if paragraph.trim().is_empty() {
            lines.push(String::new());
            continue;
        }
        let indent = if paragraph.trim_start().starts_with("- ") { "   " } else { " " };
        for (i, line) in super::wrap(paragraph.trim(), 90).into_iter().enumerate() {
            lines.push(format!("{}{line}", if i == 0 { " " } else { indent }));
        }
    }
    lines
}

/// Whether the plan's code compiles.
pub fn compilable(plan: &Plan) -> bool {
    matches!(plan.code, Code::Compilable { .. })
}

/// A type as written, with every `&` given the enum's lifetime `'a`, and a `dyn` type bounded
/// by it.
fn ty(text: &str, lifetime: bool) -> TokenStream {
    // A `&'static` keeps its lifetime; every other `&` gets the enum's.
    let text = text.replace("& '", "&'");
    let text = if lifetime {
        let text = text.replace("&'static", "\u{0}").replace('&', "&'a ").replace('\u{0}', "&'static");
        bound_dyn(&text)
    } else {
        text
    };
    syn::parse_str::<syn::Type>(&text).map_or_else(|_| quote!(()), |t| quote!(#t))
}

/// `dyn Future<Output = u64>` → `dyn Future<Output = u64> + 'a`: a boxed future held by a
/// borrowing enum may borrow too.
fn bound_dyn(text: &str) -> String {
    let Some(start) = text.find("dyn ") else { return text.to_string() };
    // The end of the `dyn` type: the `>` that closes the bracket it sits in.
    let mut depth = 0i32;
    let mut end = text.len();
    for (i, c) in text[start..].char_indices() {
        match c {
            '<' | '(' => depth += 1,
            '>' | ')' if depth == 0 => {
                end = start + i;
                break;
            }
            '>' | ')' => depth -= 1,
            _ => {}
        }
    }
    let inner = &text[start..end];
    if inner.contains("'a") || inner.contains("'static") {
        return text.to_string();
    }
    format!("{} + 'a{}", &text[..end].trim_end(), bound_dyn(&text[end..]))
}

/// A field's type: the value's, or how an awaited future is held; a value that may have moved
/// away is an `Option`, one that has moved is `MaybeUninit` (bytes that hold nothing).
fn field_ty(field: &FieldPlan, lifetime: bool) -> TokenStream {
    let bound = if lifetime { quote!(+ 'a) } else { quote!() };
    match &field.awaitee {
        Some(Awaitee::Generated { type_name, lifetime: borrows, boxed, .. }) => {
            let name = format_ident!("{}", type_name);
            let t = if *borrows { quote!(#name<'a>) } else { quote!(#name) };
            if *boxed { quote!(Pin<Box<#t>>) } else { t }
        }
        Some(Awaitee::Held { ty: t, lifetime: borrows, .. }) => {
            let text = if *borrows { held_with_lifetime(t) } else { t.clone() };
            ty(&text, lifetime)
        }
        Some(Awaitee::Boxed { output, .. }) => {
            let output = ty(output, lifetime);
            quote!(Pin<Box<dyn Future<Output = #output> #bound>>)
        }
        None => {
            let t = ty(&field.ty, lifetime);
            match field.presence {
                Presence::Whole => t,
                Presence::Moved => quote!(std::mem::MaybeUninit<#t>),
                Presence::Maybe => quote!(Option<#t>),
            }
        }
    }
}

/// A held hand-written future that borrows: `AsyncBlock19Future<'a>` (inside a `Pin<Box<..>>`
/// too).
fn held_with_lifetime(text: &str) -> String {
    match text.strip_prefix("Pin<Box<").and_then(|t| t.strip_suffix(">>")) {
        Some(inner) => format!("Pin<Box<{inner}<'a>>>"),
        None => format!("{text}<'a>"),
    }
}

fn field_doc(field: &FieldPlan) -> String {
    let mut doc = match &field.reason {
        // rustc's `for` keeps the `Option` that `next()` returned while the body runs.
        Reason::TemporaryInExpression { expr, line } if expr.starts_with("Iterator::next(") => format!(
            " Kept: the `Option` that `Iterator::next` returned for the `for` loop at line {line}, a \
             temporary still in scope while the loop's body runs."
        ),
        reason => format!(" Kept: {}.", super::reason_text(reason)),
    };
    match &field.awaitee {
        Some(Awaitee::Boxed { .. }) => doc.push_str(
            " Boxed: this output has no hand-written type for it (a future from outside the file, or \
             one not written here), so it is held as `Pin<Box<dyn Future>>`: a pointer and a vtable \
             pointer (16 B) in place of the future itself, which goes on the heap.",
        ),
        Some(Awaitee::Generated { type_name, boxed: false, .. }) => {
            doc.push_str(&format!(" The hand-written `{type_name}`."))
        }
        Some(Awaitee::Generated { type_name, boxed: true, .. }) => doc.push_str(&format!(
            " The hand-written `{type_name}`, boxed as the source boxes it: a pointer here, the future \
             on the heap."
        )),
        Some(Awaitee::Held { ty, .. }) if ty.ends_with("Future") || ty.ends_with("Future>>") => {
            let what = if ty.contains("AsyncClosure") { "async closure's body" } else { "async block" };
            doc.push_str(&format!(" The hand-written `{ty}` of the {what}, held as it is."))
        }
        Some(Awaitee::Held { ty, .. }) => {
            doc.push_str(&format!(" Held as it is: `{ty}` is `Unpin`, and can be written."))
        }
        None if field.ty.contains('{') || field.ty.contains('?') => {
            doc.push_str(&format!(" Its type, `{}`, cannot be written in Rust.", field.ty))
        }
        None => {}
    }
    let flag = field.flag.as_deref().map(|f| format!("`{f}`, 1 B")).unwrap_or_else(|| "none here".into());
    match field.presence {
        Presence::Whole if field.flag.is_some() => doc.push_str(&format!(
            " rustc also keeps its drop flag here ({flag}), which is set: the value is always there at \
             this await, and an enum drops what it holds without a flag."
        )),
        Presence::Whole => {}
        Presence::Moved if matches!(field.reason, Reason::Captured | Reason::Argument) => doc.push_str(
            " The code after this await does not use it: it may have been moved away (into the awaited \
             call), and rustc keeps its bytes in every state. Here they hold nothing: `MaybeUninit`.",
        ),
        Presence::Moved => {
            let moved = field.moved_at.map(|l| format!(" at line {l}")).unwrap_or_default();
            let flag = field
                .flag
                .as_deref()
                .map(|f| format!(" (its drop flag, `{f}`, 1 B, says there is nothing to drop)"))
                .unwrap_or_default();
            doc.push_str(&format!(
                " It was moved away{moved} before this await, but rustc still reserves its bytes{flag}: \
                 `MaybeUninit` is such bytes, holding no value."
            ))
        }
        Presence::Maybe => doc.push_str(&format!(
            " It may have been moved away before this await, depending on the path taken: rustc keeps a \
             drop flag ({flag}) that says whether it still has to be dropped. Here the `Option` is \
             that flag: `None` once moved."
        )),
    }
    if let Some(name) = &field.rustc_name {
        doc.push_str(&match name.as_str() {
            "_" => " rustc's `_`: the argument, moved into the body and dropped at its end.".to_string(),
            "iter" => " rustc names every loop's iterator `iter`; here each is named after its loop.".to_string(),
            other => format!(" rustc's `{other}`."),
        });
    }
    if let Some(note) = &field.note {
        doc.push(' ');
        doc.push_str(note);
    }
    doc
}

fn variant(state: &StatePlan, plan: &Plan) -> TokenStream {
    let (params, lifetime) = (&plan.params, plan.lifetime);
    let name = format_ident!("{}", state.state.name());
    let (doc, fields): (String, Vec<TokenStream>) = match state.state {
        StateId::Unresumed => (
            match plan.kind {
                FutureKind::AsyncFn => " Not polled yet: the arguments.",
                FutureKind::AsyncBlock => " Not polled yet: what the block captures.",
                FutureKind::AsyncClosure => " Not polled yet: the closure's arguments and what it captures.",
            }
            .into(),
            params
                .iter()
                .map(|(n, t)| {
                    let n = ident(n);
                    let t = ty(t, lifetime);
                    quote!(#n: #t)
                })
                .collect(),
        ),
        _ => (
            format!(" Suspended at the await on line {}.", state.await_line.unwrap_or(0)),
            state
                .fields
                .iter()
                .map(|f| {
                    let n = ident(&f.name);
                    let t = field_ty(f, lifetime);
                    let d = field_doc(f);
                    let d = doc_lines(&d);
                    quote!(#(#[doc = #d])* #n: #t)
                })
                .collect(),
        ),
    };
    let doc = doc_lines(&doc);
    quote!(#(#[doc = #doc])* #name { #(#fields),* })
}

fn ident(name: &str) -> syn::Ident {
    syn::parse_str::<syn::Ident>(name).unwrap_or_else(|_| syn::Ident::new("__field", Span::call_site()))
}

fn why_text(why: &Why) -> String {
    match why {
        Why::SelfReference { state, value, by, borrow_line, await_line } => format!(
            "Suspend{state}, the await on line {await_line}, keeps {value} and {by} (the borrow is at \
             line {borrow_line})."
        ),
        Why::Recursive => "the future contains itself (E0733): no type, hand-written or not, can hold \
                           itself inline; `Box::pin` on the recursive await puts the inner future on the \
                           heap"
            .into(),
        Why::NotStraightLine => "an await this version does not cut code at: inside a macro's arguments, \
                                 or in a branch (`if`, `match`, a block) that is itself part of an \
                                 expression"
            .into(),
        Why::NotAFreeFn => "not an async fn, method, block or closure this version can write (a receiver \
                            such as `self: Box<Self>`, a trait's default method, a capture of a field)"
            .into(),
        Why::Generic => "generic in a way the enum cannot take (lifetime parameters, a `where` clause, \
                         the parameters of an impl)"
            .into(),
        Why::Type(t) => format!("the type `{t}` cannot be written here"),
        Why::UnknownAwaitee(t) => format!("an awaited future whose output is not known: `{t}`"),
        Why::HiddenValue(name) => format!(
            "`{name}` crosses an await in a way this version cannot hold (moved in part, or used other \
             than moved while it may already have been)"
        ),
        Why::Shadowed(name) => format!("two saved values are named `{name}` (shadowing)"),
        Why::Unwritten(name) => format!("it builds or holds `{name}`, which is not written as code here"),
        Why::InModule(module) => format!(
            "it is defined inside `mod {module}`, and its code may name what only that module sees; this \
             output is one module, at the file's root"
        ),
    }
}

/// `<'a, T: Clone>` to declare the enum's generics, and `<'a, T>` to name them.
fn generics(plan: &Plan) -> (TokenStream, TokenStream) {
    let mut decl: Vec<TokenStream> = Vec::new();
    let mut names: Vec<TokenStream> = Vec::new();
    if plan.lifetime {
        decl.push(quote!('a));
        names.push(quote!('a));
    }
    for g in &plan.generics {
        let d: TokenStream = g.decl.parse().unwrap_or_default();
        let n = ident(&g.name);
        if plan.lifetime && !g.decl.starts_with("const ") {
            if g.decl.contains(':') { decl.push(quote!(#d + 'a)) } else { decl.push(quote!(#d: 'a)) }
        } else {
            decl.push(d);
        }
        names.push(quote!(#n));
    }
    if decl.is_empty() { (quote!(), quote!()) } else { (quote!(<#(#decl),*>), quote!(<#(#names),*>)) }
}

fn one(future: &FutureAnalysis, plan: &Plan) -> TokenStream {
    let plan = &captures_moved(future, plan);
    let lifetime = plan.lifetime;
    let name = format_ident!("{}", plan.type_name);
    let (decl, names) = generics(plan);
    let variants: Vec<TokenStream> = plan.states.iter().map(|s| variant(s, plan)).collect();
    let size = future.layout.as_ref().map_or("not known".to_string(), |l| super::size_text(l.size));
    let size = match (&plan.generic_of, future.generic) {
        (_, true) => "the generic body, whose code every instance shares; rustc lays out each instance".to_string(),
        (Some(generic), _) => {
            format!("an instance of the generic body `{generic}`, written for its types; rustc's future is {size}")
        }
        _ => format!("rustc's future is {size}"),
    };
    let mut doc = format!(
        " `{}` (line {}): {size}. This enum's size can differ from it: rustc stores the arguments \
         once, in a prefix every state shares, and lets states overlap field by field; a Rust enum \
         overlaps whole variants, and holds only what each state needs.",
        future.display_name(),
        future.span.line
    );
    let enum_tokens = quote! {
        #name #decl {
            #(#variants,)*
            /// Finished: polling again panics.
            Returned,
            /// A poll panicked: polling again panics.
            Panicked,
        }
    };
    match &plan.code {
        Code::Outline { why } => {
            let (refs, others): (Vec<_>, Vec<_>) = why.iter().partition(|(_, w)| w.is_self_reference());
            if !refs.is_empty() {
                doc.push_str(
                    "\n\n Outline, not compiled: a state keeps a value and a borrow of it, which safe Rust \
                     cannot write:",
                );
                for (_, w) in &refs {
                    doc.push_str(&format!("\n - {}", why_text(w)));
                }
                doc.push_str(
                    "\n\n Such a field points into its own enum: safe Rust cannot write its type (the borrow \
                     would need the enum's own lifetime), and moving the enum would leave the pointer \
                     dangling. This is why `Future::poll` takes `Pin<&mut Self>`: a pinned future never \
                     moves again, so rustc may keep such borrows. A hand-written version needs a raw pointer \
                     and `unsafe`, relying on the same promise.",
                );
            }
            if !others.is_empty() {
                doc.push_str("\n\n Outline, not compiled: `poll` is not written, because of:");
            }
            for (line, w) in others {
                if *line == 0 {
                    doc.push_str(&format!("\n - {}", why_text(w)));
                } else {
                    doc.push_str(&format!("\n - line {line}: {}", why_text(w)));
                }
            }
            let doc = doc_lines(&doc);
            quote! {
                #(#[doc = #doc])*
                #[cfg(any())]
                pub(crate) enum #enum_tokens
            }
        }
        Code::Compilable { body } => {
            let output = ty(&plan.output, lifetime);
            let params: Vec<TokenStream> = plan
                .params
                .iter()
                .map(|(n, t)| {
                    let n = ident(n);
                    let t = ty(t, lifetime);
                    quote!(#n: #t)
                })
                .collect();
            let param_names: Vec<syn::Ident> = plan.params.iter().map(|(n, _)| ident(n)).collect();
            let arms = arms(plan, body);
            let doc = doc_lines(&doc);
            let new_doc = match future.kind {
                FutureKind::AsyncFn => " What calling the `async fn` does: store the arguments; nothing runs yet.",
                FutureKind::AsyncBlock => {
                    " What evaluating the `async` block does: store what it captures; nothing runs yet."
                }
                FutureKind::AsyncClosure => {
                    " What calling the async closure does: store its arguments and what it captures; nothing \
                     runs yet."
                }
            };
            let new_doc = doc_lines(new_doc);
            // A generic enum is `Unpin` only if its parameters are; `poll` moves every field in
            // and out, and never pins one, so it may say so for any.
            let unpin = (!plan.generics.is_empty()).then(|| {
                let d = doc_lines(
                    " `poll` moves every field in and out of the enum and never pins one, so the enum \
                     may be `Unpin` whatever its parameters are.",
                );
                quote! {
                    #(#[doc = #d])*
                    impl #decl Unpin for #name #names {}
                }
            });
            let maker = plan.maker.as_ref().and_then(|m| {
                let item = syn::parse_str::<syn::ItemFn>(&m.item).ok()?;
                let d = doc_lines(&format!(
                    " `{}`, as rustc compiles it: the async block becomes the value of its hand-written \
                     future, built from what the block captures.",
                    m.name
                ));
                Some(quote! {
                    #(#[doc = #d])*
                    #item
                })
            });
            quote! {
                #(#[doc = #doc])*
                pub(crate) enum #enum_tokens

                impl #decl #name #names {
                    #(#[doc = #new_doc])*
                    pub fn new(#(#params),*) -> Self {
                        Self::Unresumed { #(#param_names),* }
                    }
                }

                #unpin

                impl #decl Future for #name #names {
                    type Output = #output;

                    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<#output> {
                        let this = self.get_mut();
                        'poll: loop {
                            match std::mem::replace(this, Self::Panicked) {
                                #(#arms)*
                                Self::Returned => panic!("`async fn` resumed after completion"),
                                Self::Panicked => panic!("`async fn` resumed after panicking"),
                            }
                        }
                    }
                }

                #maker
            }
        }
    }
}

/// An async block or closure uses what it captured in place, and rustc keeps it in every
/// state; one the code after an await never names may have been moved away before it (into
/// the awaited call), and is kept as bytes holding nothing there.
fn captures_moved(future: &FutureAnalysis, plan: &Plan) -> Plan {
    let mut plan = plan.clone();
    let Code::Compilable { body } = &plan.code else { return plan };
    if future.kind == FutureKind::AsyncFn {
        return plan;
    }
    let body = body.clone();
    for i in 0..plan.states.len() {
        let StateId::Suspend(k) = plan.states[i].state else { continue };
        let after = resume(&plan, &body, k, 0).map(|(code, _)| idents(code)).unwrap_or_default();
        for field in plan.states[i].fields.iter_mut() {
            let captured = matches!(field.reason, Reason::Captured | Reason::Argument);
            if captured && field.awaitee.is_none() && !after.contains(&field.name) && !plainly_copy(&field.ty) {
                field.presence = Presence::Moved;
            }
        }
    }
    plan
}

/// Whether a type is `Copy` on its face: a number, `bool`, `char`, a shared reference, or a
/// tuple or array of those.
fn plainly_copy(text: &str) -> bool {
    fn copy(t: &syn::Type) -> bool {
        const SCALARS: &[&str] = &[
            "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64", "i128", "isize", "f32", "f64",
            "bool", "char",
        ];
        match t {
            syn::Type::Reference(r) => r.mutability.is_none(),
            syn::Type::Path(p) => p.qself.is_none() && SCALARS.iter().any(|s| p.path.is_ident(s)),
            syn::Type::Tuple(tuple) => tuple.elems.iter().all(copy),
            syn::Type::Array(a) => copy(&a.elem),
            syn::Type::Paren(p) => copy(&p.elem),
            _ => false,
        }
    }
    syn::parse_str::<syn::Type>(text).is_ok_and(|t| copy(&t))
}

/// Every identifier in some code.
fn idents(tokens: TokenStream) -> Vec<String> {
    let mut out = Vec::new();
    for tree in tokens {
        match tree {
            proc_macro2::TokenTree::Ident(i) => out.push(i.to_string()),
            proc_macro2::TokenTree::Group(g) => out.extend(idents(g.stream())),
            _ => {}
        }
    }
    out
}

/// Rewrites what ends the future early: `return VALUE` stores `Returned` and returns
/// `Poll::Ready(VALUE)`; `x?` is the `match` it stands for, its early return the same way.
/// A closure's `return` and `?` are its own, and stay.
struct Exits {
    exit: Exit,
    /// The future's output type: the value is written with it, as `return` would coerce it.
    output: TokenStream,
}

impl VisitMut for Exits {
    fn visit_stmt_mut(&mut self, s: &mut syn::Stmt) {
        syn::visit_mut::visit_stmt_mut(self, s);
        // `return x;` became a block that returns, which needs no `;`.
        if let syn::Stmt::Expr(e @ syn::Expr::Block(_), Some(_)) = s
            && token_text_ends_in_return(e)
        {
            *s = syn::Stmt::Expr(e.clone(), None);
        }
    }

    fn visit_expr_mut(&mut self, e: &mut syn::Expr) {
        if matches!(e, syn::Expr::Closure(_) | syn::Expr::Async(_)) {
            return;
        }
        syn::visit_mut::visit_expr_mut(self, e);
        match e {
            syn::Expr::Return(r) => {
                let value = r.expr.as_ref().map_or_else(|| quote!(()), |v| quote!(#v));
                let output = &self.output;
                *e = syn::parse_quote!({
                    let __output: #output = #value;
                    *this = Self::Returned;
                    return Poll::Ready(__output);
                });
            }
            syn::Expr::Try(t) if self.exit != Exit::Other => {
                let inner = &t.expr;
                let output = &self.output;
                *e = match self.exit {
                    Exit::Result => syn::parse_quote! {
                        match #inner {
                            Ok(value) => value,
                            Err(error) => {
                                let __output: #output = Err(From::from(error));
                                *this = Self::Returned;
                                return Poll::Ready(__output);
                            }
                        }
                    },
                    _ => syn::parse_quote! {
                        match #inner {
                            Some(value) => value,
                            None => {
                                *this = Self::Returned;
                                return Poll::Ready(None);
                            }
                        }
                    },
                };
            }
            _ => {}
        }
    }
}

/// Whether a block ends by returning from `poll` (a rewritten `return`).
fn token_text_ends_in_return(e: &syn::Expr) -> bool {
    let syn::Expr::Block(b) = e else { return false };
    matches!(b.block.stmts.last(), Some(syn::Stmt::Expr(syn::Expr::Return(_), _)))
}

/// A method's `self` is `__self` here (`self` cannot name a field or a parameter of `new`).
fn self_to_field(tokens: TokenStream) -> TokenStream {
    use proc_macro2::{Group, TokenTree};
    tokens
        .into_iter()
        .map(|tree| match tree {
            TokenTree::Ident(ident) if ident == "self" => {
                TokenTree::Ident(proc_macro2::Ident::new("__self", ident.span()))
            }
            TokenTree::Group(group) => {
                let mut inner = Group::new(group.delimiter(), self_to_field(group.stream()));
                inner.set_span(group.span());
                TokenTree::Group(inner)
            }
            other => other,
        })
        .collect()
}

fn stmt(plan: &Plan, text: &str) -> TokenStream {
    match syn::parse_str::<syn::Stmt>(text) {
        Ok(mut s) => {
            Exits { exit: plan.exit, output: ty(&plan.output, plan.lifetime) }.visit_stmt_mut(&mut s);
            self_to_field(quote!(#s))
        }
        Err(_) => quote!(compile_error!("internal error");),
    }
}

fn expr(plan: &Plan, text: &str) -> TokenStream {
    match syn::parse_str::<syn::Expr>(text) {
        Ok(mut e) => {
            Exits { exit: plan.exit, output: ty(&plan.output, plan.lifetime) }.visit_expr_mut(&mut e);
            self_to_field(quote!(#e))
        }
        Err(_) => quote!(compile_error!("internal error")),
    }
}

/// The fields of Suspend`k` without the awaited future.
fn saved(plan: &Plan, k: u32) -> Vec<&FieldPlan> {
    plan.states
        .iter()
        .find(|s| s.state == StateId::Suspend(k))
        .map(|s| s.fields.iter().filter(|f| f.awaitee.is_none()).collect())
        .unwrap_or_default()
}

/// How the fields are stored into Suspend`k`: by name, a moved value as bytes holding nothing.
fn store(plan: &Plan, k: u32) -> Vec<TokenStream> {
    saved(plan, k)
        .into_iter()
        .map(|f| {
            let n = ident(&f.name);
            match f.presence {
                Presence::Moved => quote!(#n: std::mem::MaybeUninit::uninit()),
                _ => quote!(#n),
            }
        })
        .collect()
}

/// How Suspend`k`'s pattern takes the fields out: a moved value is not bound.
fn bind(plan: &Plan, k: u32) -> Vec<TokenStream> {
    saved(plan, k)
        .into_iter()
        .map(|f| {
            let n = ident(&f.name);
            match f.presence {
                Presence::Moved => quote!(#n: _),
                _ => quote!(mut #n),
            }
        })
        .collect()
}

fn awaitee_of(plan: &Plan, k: u32) -> Option<&Awaitee> {
    plan.states
        .iter()
        .find(|s| s.state == StateId::Suspend(k))
        .and_then(|s| s.fields.iter().find_map(|f| f.awaitee.as_ref()))
}

/// Suspend at await `k`: store what Suspend`k` keeps and the awaited future, then go round
/// the poll loop, which polls it at once.
fn suspend(plan: &Plan, k: u32) -> TokenStream {
    let state = format_ident!("Suspend{}", k);
    let fields = store(plan, k);
    let construct = match awaitee_of(plan, k) {
        Some(Awaitee::Generated { type_name, args, boxed, .. }) => {
            let c = expr(plan, &format!("{type_name}::new({args})"));
            if *boxed { quote!(Box::pin(#c)) } else { c }
        }
        Some(Awaitee::Held { expr: e, .. }) => expr(plan, e),
        Some(Awaitee::Boxed { expr: e, .. }) => {
            let e = expr(plan, e);
            quote!(Box::pin(#e))
        }
        None => quote!(compile_error!("internal error: no awaited future")),
    };
    quote! {
        let __awaitee = #construct;
        *this = Self::#state { #(#fields,)* __awaitee };
        continue 'poll;
    }
}

/// Code as written, each await suspending; the flag says the code ends on every path by
/// suspending or returning, so nothing after it runs (and nothing after it is written).
fn emit(plan: &Plan, nodes: &[Node]) -> (TokenStream, bool) {
    let mut out = Vec::new();
    for node in nodes {
        let ends = match node {
            Node::Stmt(text) => {
                out.push(stmt(plan, text));
                returns(text)
            }
            Node::Await { state, .. } => {
                out.push(suspend(plan, *state));
                true
            }
            Node::Finish(value) => {
                out.push(finish(plan, value));
                true
            }
            Node::If { cond, then, els } => {
                let cond = expr(plan, cond);
                let (then, then_ends) = emit(plan, then);
                let (els, els_ends) = match els {
                    Some(e) => {
                        let (e, ends) = emit(plan, e);
                        (Some(quote!(else { #e })), ends)
                    }
                    None => (None, false),
                };
                out.push(quote!(if #cond { #then } #els));
                then_ends && els_ends
            }
            Node::Match { scrutinee, arms } => {
                let scrutinee = expr(plan, scrutinee);
                let mut all_end = !arms.is_empty();
                let arms: Vec<TokenStream> = arms
                    .iter()
                    .map(|(pat, body)| {
                        let pat = arm_pattern(pat);
                        let (body, ends) = emit(plan, body);
                        all_end &= ends;
                        quote!(#pat => { #body })
                    })
                    .collect();
                out.push(quote!(match #scrutinee { #(#arms)* }));
                all_end
            }
            Node::For { label, pat, expr: e, iter, body } => {
                let label = label.as_deref().map(label_tokens);
                let (body, _) = emit(plan, body);
                let e = expr(plan, e);
                let iter = ident(iter);
                let next = next_item(plan, pat, &iter);
                out.push(quote! {
                    let mut #iter = IntoIterator::into_iter(#e);
                    #label loop {
                        #next
                        #body
                    }
                });
                false
            }
            Node::Loop { label, cond, body, bind } => {
                let label = label.as_deref().map(label_tokens);
                let (body, _) = emit(plan, body);
                let looped = match cond {
                    Some(c) => {
                        let c = expr(plan, c);
                        quote!(#label while #c { #body })
                    }
                    None => quote!(#label loop { #body }),
                };
                out.push(bound(bind.as_deref(), looped));
                false
            }
            Node::Block(inner) => {
                let (inner, ends) = emit(plan, inner);
                out.push(quote!({ #inner }));
                ends
            }
        };
        if ends {
            return (quote!(#(#out)*), true);
        }
    }
    (quote!(#(#out)*), false)
}

/// Whether a statement of the body returns (`return ..;`).
fn returns(text: &str) -> bool {
    matches!(syn::parse_str::<syn::Stmt>(text), Ok(syn::Stmt::Expr(syn::Expr::Return(_), _)))
}

/// `let PAT = VALUE;` for a loop whose value is bound, or the loop as a statement.
fn bound(bind: Option<&str>, value: TokenStream) -> TokenStream {
    match bind.and_then(|b| syn::parse_str::<syn::Ident>(b).ok()) {
        Some(name) => quote!(let #name = #value;),
        None => quote!(#value),
    }
}

fn label_tokens(text: &str) -> TokenStream {
    let l = lifetime(text);
    quote!(#l:)
}

/// The head of a `for` loop's iteration, as rustc writes it: the next item, or leave the loop.
fn next_item(plan: &Plan, pat: &str, iter: &syn::Ident) -> TokenStream {
    stmt(plan, &format!("let {pat} = match Iterator::next(&mut {iter}) {{ Some(item) => item, None => break }};"))
}

/// A match arm's pattern and guard (`Some(x) if x > 0`), as tokens.
fn arm_pattern(text: &str) -> TokenStream {
    let arm = format!("match () {{ {text} => {{}} }}");
    match syn::parse_str::<syn::ExprMatch>(&arm) {
        Ok(m) => match m.arms.first() {
            Some(a) => {
                let pat = &a.pat;
                self_to_field(quote!(#pat))
            }
            None => quote!(_),
        },
        Err(_) => quote!(_ => compile_error!("internal error"), _),
    }
}

fn lifetime(text: &str) -> syn::Lifetime {
    syn::parse_str::<syn::Lifetime>(text.trim_end_matches(':').trim())
        .unwrap_or_else(|_| syn::Lifetime::new("'__label", Span::call_site()))
}

fn finish(plan: &Plan, value: &str) -> TokenStream {
    let value = expr(plan, value);
    // The output type, for the value to coerce to it as `return` would (not for `()`).
    let output = (plan.output != "()").then(|| {
        let t = ty(&plan.output, plan.lifetime);
        quote!(: #t)
    });
    quote! {
        let __output #output = #value;
        *this = Self::Returned;
        return Poll::Ready(__output);
    }
}

/// The code that runs when await `k` is ready: its value bound, the rest of its block, and
/// the rest of every construct around it. A loop it is in goes on: the rest of this iteration
/// first, then the loop as written (`depth`: how many loops around it are resumed so). The
/// flag says the code ends on every path by suspending or returning.
fn resume(plan: &Plan, nodes: &[Node], k: u32, depth: usize) -> Option<(TokenStream, bool)> {
    for (i, node) in nodes.iter().enumerate() {
        let (inner, ends) = match node {
            Node::Await { state, bind } if *state == k => {
                let bind = match bind {
                    Some(pat) => stmt(plan, &format!("let {pat} = __ready;")),
                    None => quote!(drop(__ready);),
                };
                let (rest, ends) = emit(plan, &nodes[i + 1..]);
                let declared = redeclare(plan, &nodes[..i], k, &rest);
                return Some((quote!(#declared #bind #rest), ends));
            }
            Node::If { then, els, .. } => {
                let Some((code, ends)) =
                    resume(plan, then, k, depth).or_else(|| els.as_ref().and_then(|e| resume(plan, e, k, depth)))
                else {
                    continue;
                };
                (quote!({ #code }), ends)
            }
            Node::Block(inner) => {
                let Some((code, ends)) = resume(plan, inner, k, depth) else { continue };
                (quote!({ #code }), ends)
            }
            // Resuming in an arm: its bindings are among the state's fields, already in scope.
            Node::Match { arms, .. } => {
                let Some((code, ends)) = arms.iter().find_map(|(_, body)| resume(plan, body, k, depth)) else {
                    continue;
                };
                (quote!({ #code }), ends)
            }
            Node::For { label, pat, body, iter, .. } => {
                let Some((code, ends)) = resume(plan, body, k, depth + 1) else { continue };
                let label_tokens = label.as_deref().map(label_tokens);
                let (whole, _) = emit(plan, body);
                let next = next_item(plan, pat, &ident(iter));
                let looped = quote!(#label_tokens loop { #next #whole });
                rest_then_loop(code, ends, label.as_deref(), looped, depth)
            }
            Node::Loop { label, cond, body, bind } => {
                let Some((code, ends)) = resume(plan, body, k, depth + 1) else { continue };
                let label_tokens = label.as_deref().map(label_tokens);
                let (whole, _) = emit(plan, body);
                let looped = match cond {
                    Some(c) => {
                        let c = expr(plan, c);
                        quote!(#label_tokens while #c { #whole })
                    }
                    None => quote!(#label_tokens loop { #whole }),
                };
                let (code, ends) = rest_then_loop(code, ends, label.as_deref(), looped, depth);
                (bound(bind.as_deref(), code), ends)
            }
            _ => continue,
        };
        let (rest, rest_ends) = if ends { (quote!(), true) } else { emit(plan, &nodes[i + 1..]) };
        let declared = redeclare(plan, &nodes[..i], k, &quote!(#inner #rest));
        return Some((quote!(#declared #inner #rest), rest_ends));
    }
    None
}

/// The rest of a loop's iteration (`code`), then the loop as written (`looped`): in the rest,
/// a `continue` of that loop ends the rest (`break '__iteration`), and a `break` leaves both
/// (`break '__loop`), with its value. When the rest ends by suspending or returning on every
/// path (`ends`) and leaves the loop nowhere, the loop is not written again. The flag says
/// the whole ends so.
fn rest_then_loop(
    code: TokenStream,
    ends: bool,
    label: Option<&str>,
    looped: TokenStream,
    depth: usize,
) -> (TokenStream, bool) {
    let suffix = if depth == 0 { String::new() } else { (depth + 1).to_string() };
    let outer = lifetime(&format!("'__loop{suffix}"));
    let iteration = lifetime(&format!("'__iteration{suffix}"));
    let Ok(mut block) = syn::parse2::<syn::Block>(quote!({ #code })) else {
        return (quote!(compile_error!("internal error: the rest of an iteration does not parse");), false);
    };
    let mut exits =
        LoopExits { label, outer: &outer, iteration: &iteration, nested: 0, broke: false, continued: false };
    exits.visit_block_mut(&mut block);
    if ends && !exits.broke && !exits.continued {
        return (quote!(#block), true);
    }
    let rest = if exits.continued { quote!(#iteration: #block) } else { quote!(#block) };
    let code = if exits.broke { quote!(#outer: { #rest #looped }) } else { quote!({ #rest #looped }) };
    (code, false)
}

/// Rewrites the `break` and `continue` of one loop in the rest of its iteration.
struct LoopExits<'a> {
    label: Option<&'a str>,
    outer: &'a syn::Lifetime,
    iteration: &'a syn::Lifetime,
    /// Loops inside the rest, whose unlabelled `break` and `continue` are their own.
    nested: usize,
    broke: bool,
    continued: bool,
}

impl LoopExits<'_> {
    fn ours(&self, label: &Option<syn::Lifetime>) -> bool {
        match label {
            None => self.nested == 0,
            Some(l) => self.label.is_some_and(|ours| l.to_string() == ours.trim_end_matches(':').trim()),
        }
    }
}

impl VisitMut for LoopExits<'_> {
    fn visit_expr_mut(&mut self, e: &mut syn::Expr) {
        match e {
            syn::Expr::Closure(_) | syn::Expr::Async(_) => return,
            syn::Expr::Loop(_) | syn::Expr::While(_) | syn::Expr::ForLoop(_) => {
                self.nested += 1;
                syn::visit_mut::visit_expr_mut(self, e);
                self.nested -= 1;
                return;
            }
            syn::Expr::Break(b) if self.ours(&b.label) => {
                b.label = Some(self.outer.clone());
                self.broke = true;
            }
            syn::Expr::Continue(c) if self.ours(&c.label) => {
                let iteration = self.iteration;
                *e = syn::parse_quote!(break #iteration);
                self.continued = true;
                return;
            }
            _ => {}
        }
        syn::visit_mut::visit_expr_mut(self, e);
    }
}

/// The variables declared before the construct the await is in, which the state does not keep
/// (their value is not needed: declared without one, or assigned again before it is read) and
/// which the code after the await uses: resuming inside the construct, they are declared again
/// (`let mut x;`), as the code that declared them does not run again.
fn redeclare(plan: &Plan, before: &[Node], k: u32, after: &TokenStream) -> TokenStream {
    let kept: Vec<String> = saved(plan, k).iter().map(|f| f.name.clone()).collect();
    let assigned = assignments(after.clone());
    let mut out = Vec::new();
    for node in before {
        let pat = match node {
            Node::Stmt(text) => match syn::parse_str::<syn::Stmt>(text) {
                Ok(syn::Stmt::Local(local)) => local.pat,
                _ => continue,
            },
            Node::Await { bind: Some(bind), .. } => match syn::parse_str::<syn::Stmt>(&format!("let {bind};")) {
                Ok(syn::Stmt::Local(local)) => local.pat,
                _ => continue,
            },
            _ => continue,
        };
        let name = match &pat {
            syn::Pat::Ident(id) if id.by_ref.is_none() && id.subpat.is_none() => &id.ident,
            syn::Pat::Type(t) => match &*t.pat {
                syn::Pat::Ident(id) if id.by_ref.is_none() && id.subpat.is_none() => &id.ident,
                _ => continue,
            },
            _ => continue,
        };
        let name = name.to_string();
        if !kept.contains(&name) && assigned.contains(&name) {
            out.push(quote!(let #pat;));
        }
    }
    quote!(#(#out)*)
}

/// The variables some code assigns (`x = ..`, not `let x = ..`).
fn assignments(tokens: TokenStream) -> Vec<String> {
    use proc_macro2::TokenTree;
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let mut out = Vec::new();
    for (i, tree) in trees.iter().enumerate() {
        match tree {
            TokenTree::Ident(name) => {
                let eq = matches!(trees.get(i + 1), Some(TokenTree::Punct(p)) if p.as_char() == '=' && p.spacing() == proc_macro2::Spacing::Alone);
                let declared = matches!(i.checked_sub(1).and_then(|j| trees.get(j)), Some(TokenTree::Ident(k)) if k == "let" || k == "mut");
                if eq && !declared {
                    out.push(name.to_string());
                }
            }
            TokenTree::Group(g) => out.extend(assignments(g.stream())),
            _ => {}
        }
    }
    out
}

fn arms(plan: &Plan, body: &[Node]) -> Vec<TokenStream> {
    let mut arms = Vec::new();
    let params: Vec<syn::Ident> = plan.params.iter().map(|(n, _)| ident(n)).collect();
    let (first, _) = emit(plan, body);
    arms.push(quote! {
        #[allow(unused_mut)]
        Self::Unresumed { #(mut #params),* } => { #first }
    });
    for state in plan.states.iter().filter_map(|s| match s.state {
        StateId::Suspend(k) => Some(k),
        _ => None,
    }) {
        let name = format_ident!("Suspend{}", state);
        let fields = bind(plan, state);
        let stored = store(plan, state);
        let poll = match awaitee_of(plan, state) {
            Some(Awaitee::Generated { boxed: false, .. }) => quote!(Pin::new(&mut __awaitee).poll(cx)),
            Some(Awaitee::Held { ty, .. }) if !ty.starts_with("Pin<") => quote!(Pin::new(&mut __awaitee).poll(cx)),
            _ => quote!(__awaitee.as_mut().poll(cx)),
        };
        let rest = resume(plan, body, state, 0)
            .map(|(code, _)| code)
            .unwrap_or_else(|| quote!(compile_error!("internal error: no await");));
        arms.push(quote! {
            #[allow(unused_mut)]
            Self::#name { #(#fields,)* mut __awaitee } => match #poll {
                Poll::Pending => {
                    *this = Self::#name { #(#stored,)* __awaitee };
                    return Poll::Pending;
                }
                Poll::Ready(__ready) => {
                    #rest
                }
            },
        });
    }
    arms
}
