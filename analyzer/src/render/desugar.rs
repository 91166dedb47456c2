//! `futurelens desugar`: what the compiler wrote, as Rust a learner can read, compile and run.
//!
//! In: the analysis and the [`Plan`]s of `crate::desugar`. Out: one Rust file, built with
//! `quote` and printed with `prettyplease`: for each future an enum of its states, whose fields
//! are what the analysis says each state keeps (the reason as a doc comment), and, where safe
//! Rust can express it, `new` and an `impl Future` whose `poll` loops over a `match` on the
//! state, polling the stored awaited future at each await. A future that cannot be written so
//! (a self-reference, an await inside a loop...) gets its enum as an outline under
//! `#[cfg(any())]`, with the reasons.
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

use crate::analysis::{Analysis, FutureAnalysis};
use crate::desugar::{Awaitee, Code, FieldPlan, Node, Plan, StatePlan, Why};
use crate::graph::StateId;

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
    match syn::parse2::<syn::File>(tokens) {
        Ok(file) => prettyplease::unparse(&file),
        Err(e) => format!("// internal error: the generated code does not parse ({e}); please report this\n"),
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

/// A type as written, with every `&` given the enum's lifetime `'a`.
fn ty(text: &str, lifetime: bool) -> TokenStream {
    // A `&'static` keeps its lifetime; every other `&` gets the enum's.
    let text = qualify(&text.replace("& '", "&'"));
    let text = if lifetime {
        text.replace("&'static", "\u{0}").replace('&', "&'a ").replace('\u{0}', "&'static")
    } else {
        text
    };
    syn::parse_str::<syn::Type>(&text).map_or_else(|_| quote!(()), |t| quote!(#t))
}

/// Names std types by their full paths, as rustc's short names are not in scope in the output
/// (`vec::IntoIter<u32>` → `std::vec::IntoIter<u32>`).
fn qualify(text: &str) -> String {
    const PATHS: &[(&str, &str)] = &[
        ("vec::IntoIter", "std::vec::IntoIter"),
        ("vec_deque::IntoIter", "std::collections::vec_deque::IntoIter"),
        ("hash_map::IntoIter", "std::collections::hash_map::IntoIter"),
        ("btree_map::IntoIter", "std::collections::btree_map::IntoIter"),
        ("Range", "std::ops::Range"),
        ("RangeInclusive", "std::ops::RangeInclusive"),
        ("Enumerate", "std::iter::Enumerate"),
        ("Rev", "std::iter::Rev"),
        ("StepBy", "std::iter::StepBy"),
        ("Skip", "std::iter::Skip"),
        ("Take", "std::iter::Take"),
        ("Zip", "std::iter::Zip"),
    ];
    let mut out = String::new();
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        let full = PATHS.iter().find(|(short, _)| *short == word.as_str()).map_or(word.as_str(), |(_, f)| f);
        out.push_str(full);
        word.clear();
    };
    for c in text.chars() {
        if c.is_alphanumeric() || c == '_' || c == ':' {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

fn field_ty(field: &FieldPlan, lifetime: bool) -> TokenStream {
    let bound = if lifetime { quote!(+ 'a) } else { quote!() };
    match &field.awaitee {
        Some(Awaitee::Generated { type_name, lifetime: borrows, .. }) => {
            let name = format_ident!("{}", type_name);
            if *borrows { quote!(#name<'a>) } else { quote!(#name) }
        }
        Some(Awaitee::Boxed { output, .. }) => {
            let output = ty(output, lifetime);
            quote!(Pin<Box<dyn Future<Output = #output> #bound>>)
        }
        None => ty(&field.ty, lifetime),
    }
}

fn field_doc(field: &FieldPlan) -> String {
    let reason = format!(" Kept: {}.", super::reason_text(&field.reason));
    match &field.awaitee {
        Some(Awaitee::Boxed { .. }) => format!(
            "{reason} Boxed: this output has no hand-written type for it (a future from outside the \
             file, or one not written here), so it is held as `Pin<Box<dyn Future>>`: a pointer and \
             a vtable pointer (16 B) in place of the future itself, which goes on the heap."
        ),
        Some(Awaitee::Generated { type_name, .. }) => format!("{reason} The hand-written `{type_name}`."),
        None if field.ty.contains('{') || field.ty.contains('?') => {
            format!("{reason} Its type, `{}`, cannot be written in Rust.", field.ty)
        }
        None => reason,
    }
}

fn variant(state: &StatePlan, params: &[(String, String)], lifetime: bool) -> TokenStream {
    let name = format_ident!("{}", state.state.name());
    let (doc, fields): (String, Vec<TokenStream>) = match state.state {
        StateId::Unresumed => (
            " Not polled yet: the arguments.".into(),
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
        Why::SelfReference { state, value, by } => format!(
            "Suspend{state} keeps `{value}` and {by}, which borrows it: a field that points into its own \
             enum. Safe Rust cannot write this type (the borrow would need the enum's own lifetime), and \
             moving the enum would leave the pointer dangling. This is why `Future::poll` takes \
             `Pin<&mut Self>`: a pinned future never moves again, so rustc may keep such borrows. A \
             hand-written version needs a raw pointer and `unsafe`, relying on the same promise."
        ),
        Why::NotStraightLine => "an await in a condition or the middle of an expression: this version \
                                 cuts code at statements (`let p = f().await;`, `x += f().await;`) inside \
                                 blocks, `if`, `match`, `loop`, `while` and `for`"
            .into(),
        Why::EarlyReturn => "a `?` in a future whose output is not a `Result`, or a `return` next to a \
                             closure or async block (which this version does not tell apart)"
            .into(),
        Why::NotAFreeFn => "not a free `async fn` or a method of an inherent impl (a trait method, an \
                            async block or closure, or a body that names `Self`)"
            .into(),
        Why::Generic => "generic: rustc lays out each instance".into(),
        Why::PatternParameter => "a parameter that is a pattern".into(),
        Why::Type(t) => format!("the type `{t}` cannot be written here"),
        Why::UnknownAwaitee(t) => format!("an awaited future whose output is not known: `{t}`"),
        Why::HiddenValue(name) => format!("a temporary or drop flag (`{name}`) crosses an await"),
        Why::Shadowed(name) => format!("two saved values are named `{name}` (shadowing)"),
    }
}

fn one(future: &FutureAnalysis, plan: &Plan) -> TokenStream {
    let lifetime = plan.lifetime;
    let name = format_ident!("{}", plan.type_name);
    let generics = if lifetime { quote!(<'a>) } else { quote!() };
    let variants: Vec<TokenStream> = plan.states.iter().map(|s| variant(s, &plan.params, lifetime)).collect();
    let size = future.layout.as_ref().map_or("not known".to_string(), |l| super::size_text(l.size));
    let mut doc = format!(
        " `{}` (line {}): rustc's future is {size}. This enum differs in size: rustc stores the \
         arguments once, in a prefix every state shares, and lets states overlap field by field; \
         a Rust enum overlaps whole variants, and holds only what each state needs.",
        future.display_name(),
        future.span.line
    );
    let enum_tokens = quote! {
        #name #generics {
            #(#variants,)*
            /// Finished: polling again panics.
            Returned,
            /// A poll panicked: polling again panics.
            Panicked,
        }
    };
    match &plan.code {
        Code::Outline { why } => {
            doc.push_str("\n\n Outline, not compiled: `poll` is not written, because of:");
            for (line, w) in why {
                doc.push_str(&format!("\n - line {line}: {}", why_text(w)));
            }
            let doc = doc_lines(&doc);
            quote! {
                #(#[doc = #doc])*
                #[cfg(any())]
                pub enum #enum_tokens
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
            quote! {
                #(#[doc = #doc])*
                pub enum #enum_tokens

                impl #generics #name #generics {
                    /// What calling the `async fn` does: store the arguments; nothing runs yet.
                    pub fn new(#(#params),*) -> Self {
                        Self::Unresumed { #(#param_names),* }
                    }
                }

                impl #generics Future for #name #generics {
                    type Output = #output;

                    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<#output> {
                        // Every field is `Unpin`, so the enum is too, and can be taken by `&mut`.
                        let this = self.get_mut();
                        'poll: loop {
                            // Take the state out, leaving `Panicked` behind until the next one is
                            // stored: a panic in between leaves the future poisoned, as rustc's does.
                            match std::mem::replace(this, Self::Panicked) {
                                #(#arms)*
                                Self::Returned => panic!("`async fn` resumed after completion"),
                                Self::Panicked => panic!("`async fn` resumed after panicking"),
                            }
                        }
                    }
                }
            }
        }
    }
}

fn stmts(texts: &[String]) -> Vec<TokenStream> {
    texts
        .iter()
        .map(|t| {
            syn::parse_str::<syn::Stmt>(t)
                .map_or_else(|_| quote!(compile_error!("internal error");), |s| returns(quote!(#s)))
        })
        .collect()
}

fn expr(text: &str) -> TokenStream {
    syn::parse_str::<syn::Expr>(text).map_or_else(|_| quote!(compile_error!("internal error")), |e| returns(quote!(#e)))
}

/// `return EXPR` of the body becomes the end of `poll`: the state becomes `Returned` and `poll`
/// returns `Poll::Ready(EXPR)` (a body with a `return` inside a closure is not written); a
/// method's `self` becomes `__self`.
fn returns(tokens: TokenStream) -> TokenStream {
    use proc_macro2::{Delimiter, Group, TokenTree};
    let mut out: Vec<TokenTree> = Vec::new();
    let mut iter = tokens.into_iter().peekable();
    while let Some(tree) = iter.next() {
        match tree {
            TokenTree::Ident(ident) if ident == "return" => {
                let mut value = Vec::new();
                while let Some(next) = iter.peek() {
                    if matches!(next, TokenTree::Punct(p) if p.as_char() == ';') {
                        break;
                    }
                    value.extend(iter.next());
                }
                let value: TokenStream = returns(value.into_iter().collect());
                let value = if value.is_empty() { quote!(()) } else { value };
                let body = quote! {
                    let __output = #value;
                    *this = Self::Returned;
                    return Poll::Ready(__output);
                };
                out.push(TokenTree::Group(Group::new(Delimiter::Brace, body)));
            }
            // A method's `self` is `__self` here.
            TokenTree::Ident(ident) if ident == "self" => {
                out.push(TokenTree::Ident(proc_macro2::Ident::new("__self", ident.span())));
            }
            TokenTree::Group(group) => {
                let mut inner = Group::new(group.delimiter(), returns(group.stream()));
                inner.set_span(group.span());
                out.push(TokenTree::Group(inner));
            }
            other => out.push(other),
        }
    }
    out.into_iter().collect()
}

/// The fields of Suspend`k` without the awaited future.
fn saved(plan: &Plan, k: u32) -> Vec<syn::Ident> {
    plan.states
        .iter()
        .find(|s| s.state == StateId::Suspend(k))
        .map(|s| s.fields.iter().filter(|f| f.awaitee.is_none()).map(|f| ident(&f.name)).collect())
        .unwrap_or_default()
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
    let fields = saved(plan, k);
    let construct = match awaitee_of(plan, k) {
        Some(Awaitee::Generated { type_name, args, .. }) => expr(&format!("{type_name}::new({args})")),
        Some(Awaitee::Boxed { expr: e, .. }) => {
            let e = expr(e);
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

/// Code as written, each await suspending; the flag says the code ends by suspending or
/// returning, so nothing after it runs.
fn emit(plan: &Plan, nodes: &[Node]) -> (TokenStream, bool) {
    let mut out = Vec::new();
    for node in nodes {
        match node {
            Node::Stmt(text) => out.extend(stmts(std::slice::from_ref(text))),
            Node::Await { state, .. } => {
                out.push(suspend(plan, *state));
                return (quote!(#(#out)*), true);
            }
            Node::Finish(value) => {
                out.push(finish(value));
                return (quote!(#(#out)*), true);
            }
            Node::If { cond, then, els } => {
                let cond = expr(cond);
                let (then, _) = emit(plan, then);
                let els = els.as_ref().map(|e| {
                    let (e, _) = emit(plan, e);
                    quote!(else { #e })
                });
                out.push(quote!(if #cond { #then } #els));
            }
            Node::Match { scrutinee, arms } => {
                let scrutinee = expr(scrutinee);
                let arms: Vec<TokenStream> = arms
                    .iter()
                    .map(|(pat, body)| {
                        let pat = arm_pattern(pat);
                        let (body, _) = emit(plan, body);
                        quote!(#pat => { #body })
                    })
                    .collect();
                out.push(quote!(match #scrutinee { #(#arms)* }));
            }
            Node::For { label, pat, expr: e, body } => {
                let label = label.as_deref().map(label_tokens);
                let (body, _) = emit(plan, body);
                let e = expr(e);
                let next = next_item(pat);
                out.push(quote! {
                    let mut iter = IntoIterator::into_iter(#e);
                    #label loop {
                        #next
                        #body
                    }
                });
            }
            Node::Loop { label, cond, body } => {
                let label = label.as_deref().map(label_tokens);
                let (body, _) = emit(plan, body);
                out.push(match cond {
                    Some(c) => {
                        let c = expr(c);
                        quote!(#label while #c { #body })
                    }
                    None => quote!(#label loop { #body }),
                });
            }
            Node::Block(inner) => {
                let (inner, _) = emit(plan, inner);
                out.push(quote!({ #inner }));
            }
        }
    }
    (quote!(#(#out)*), false)
}

fn label_tokens(text: &str) -> TokenStream {
    let l = lifetime(text);
    quote!(#l:)
}

/// The head of a `for` loop's iteration, as rustc writes it: the next item, or leave the loop.
fn next_item(pat: &str) -> TokenStream {
    let stmt =
        stmts(&[format!("let {pat} = match Iterator::next(&mut iter) {{ Some(item) => item, None => break }};")]);
    quote!(#(#stmt)*)
}

/// A match arm's pattern and guard (`Some(x) if x > 0`), as tokens.
fn arm_pattern(text: &str) -> TokenStream {
    let arm = format!("match () {{ {text} => {{}} }}");
    match syn::parse_str::<syn::ExprMatch>(&arm) {
        Ok(m) => match m.arms.first() {
            Some(a) => {
                let pat = &a.pat;
                quote!(#pat)
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

fn finish(value: &str) -> TokenStream {
    let value = expr(value);
    quote! {
        let __output = #value;
        *this = Self::Returned;
        return Poll::Ready(__output);
    }
}

/// The code that runs when await `k` is ready: its value bound, the rest of its block, and
/// the rest of every construct around it. A loop it is in goes on: the rest of this iteration
/// first, then whole iterations.
fn resume(plan: &Plan, nodes: &[Node], k: u32) -> Option<TokenStream> {
    for (i, node) in nodes.iter().enumerate() {
        let inner = match node {
            Node::Await { state, bind } if *state == k => {
                let bind = match bind {
                    Some(pat) => {
                        let stmt = stmts(&[format!("let {pat} = __ready;")]);
                        quote!(#(#stmt)*)
                    }
                    None => quote!(drop(__ready);),
                };
                let (rest, _) = emit(plan, &nodes[i + 1..]);
                return Some(quote!(#bind #rest));
            }
            Node::If { then, els, .. } => {
                let Some(code) = resume(plan, then, k).or_else(|| els.as_ref().and_then(|e| resume(plan, e, k))) else {
                    continue;
                };
                quote!({ #code })
            }
            Node::Block(inner) => {
                let Some(code) = resume(plan, inner, k) else { continue };
                quote!({ #code })
            }
            // Resuming in an arm: its bindings are among the state's fields, already in scope.
            Node::Match { arms, .. } => {
                let Some(code) = arms.iter().find_map(|(_, body)| resume(plan, body, k)) else { continue };
                quote!({ #code })
            }
            Node::For { label, pat, body, .. } => {
                let Some(code) = resume(plan, body, k) else { continue };
                let label = label.as_deref().map(label_tokens);
                let (whole, _) = emit(plan, body);
                let next = next_item(pat);
                quote! {{
                    let mut __rest_of_iteration = true;
                    #label loop {
                        if __rest_of_iteration {
                            __rest_of_iteration = false;
                            #code
                        } else {
                            #next
                            #whole
                        }
                    }
                }}
            }
            Node::Loop { label, cond, body } => {
                let Some(code) = resume(plan, body, k) else { continue };
                let label = label.as_deref().map(label_tokens);
                let (whole, _) = emit(plan, body);
                let check = cond.as_deref().map(|c| {
                    let c = expr(c);
                    quote!(if !(#c) { break; })
                });
                quote! {{
                    let mut __rest_of_iteration = true;
                    #label loop {
                        if __rest_of_iteration {
                            __rest_of_iteration = false;
                            #code
                        } else {
                            #check
                            #whole
                        }
                    }
                }}
            }
            _ => continue,
        };
        let (rest, _) = emit(plan, &nodes[i + 1..]);
        return Some(quote!(#inner #rest));
    }
    None
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
        let fields = saved(plan, state);
        let poll = match awaitee_of(plan, state) {
            Some(Awaitee::Generated { .. }) => quote!(Pin::new(&mut __awaitee).poll(cx)),
            _ => quote!(__awaitee.as_mut().poll(cx)),
        };
        let rest = resume(plan, body, state).unwrap_or_else(|| quote!(compile_error!("internal error: no await");));
        arms.push(quote! {
            #[allow(unused_mut)]
            Self::#name { #(mut #fields,)* mut __awaitee } => match #poll {
                Poll::Pending => {
                    *this = Self::#name { #(#fields,)* __awaitee };
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
