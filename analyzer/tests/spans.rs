//! The spans the lowering takes from the ends of a node (`diagnostics::Located`) are the spans
//! syn gives by printing the node (`syn::spanned::Spanned`), for every expression, statement,
//! block, arm and macro of the sample programs, the accuracy programs and a file of the forms
//! whose first or last token is easy to get wrong (labels, attributes, closures, `else`).

mod common;

use futurelens_analyzer::diagnostics::{Located, Span};
use syn::spanned::Spanned;
use syn::visit::Visit;

struct Check<'a> {
    file: &'a str,
    checked: usize,
    wrong: Vec<String>,
}

impl Check<'_> {
    fn check(&mut self, node: &(impl Located + Spanned + quote::ToTokens)) {
        self.checked += 1;
        let fast = Span::from_proc_macro(node.located());
        let printed = Span::from_proc_macro(node.span());
        if fast != printed {
            self.wrong.push(format!("{}: `{}`: {fast:?}, printed {printed:?}", self.file, node.to_token_stream()));
        }
    }
}

impl<'ast> Visit<'ast> for Check<'_> {
    fn visit_expr(&mut self, e: &'ast syn::Expr) {
        self.check(e);
        syn::visit::visit_expr(self, e);
    }
    fn visit_stmt(&mut self, s: &'ast syn::Stmt) {
        self.check(s);
        syn::visit::visit_stmt(self, s);
    }
    fn visit_block(&mut self, b: &'ast syn::Block) {
        self.check(b);
        syn::visit::visit_block(self, b);
    }
    fn visit_arm(&mut self, a: &'ast syn::Arm) {
        self.check(a);
        syn::visit::visit_arm(self, a);
    }
    fn visit_local(&mut self, l: &'ast syn::Local) {
        self.check(l);
        syn::visit::visit_local(self, l);
    }
    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        self.check(m);
        syn::visit::visit_macro(self, m);
    }
    fn visit_expr_method_call(&mut self, e: &'ast syn::ExprMethodCall) {
        self.check(e);
        syn::visit::visit_expr_method_call(self, e);
    }
    fn visit_expr_closure(&mut self, e: &'ast syn::ExprClosure) {
        self.check(e);
        syn::visit::visit_expr_closure(self, e);
    }
    fn visit_expr_if(&mut self, e: &'ast syn::ExprIf) {
        self.check(e);
        syn::visit::visit_expr_if(self, e);
    }
    fn visit_expr_for_loop(&mut self, e: &'ast syn::ExprForLoop) {
        self.check(e);
        syn::visit::visit_expr_for_loop(self, e);
    }
}

const FORMS: &str = r#"
async fn forms(v: Vec<u8>, o: Option<u8>) -> u8 {
    #[allow(unused)]
    let a = 1;
    let f = move |x: u8| -> u8 { x + 1 };
    let g = async move || 1;
    let h = |x| x;
    'outer: for i in 0..3 {
        'inner: loop { break 'outer; }
        while let Some(x) = o { break 'inner; }
        continue 'outer;
    }
    let l = 'b: { break 'b 2 };
    let Some(z) = o else { return 0 };
    let t = (1,);
    let r = &mut [0u8; 4][1..];
    let s = S { a: 1, ..Default::default() };
    let c = v.iter().map(|x| x * 2).collect::<Vec<_>>();
    #[rustfmt::skip] { let _ = -a; }
    match o { Some(1) => 1, Some(_) if a > 0 => { 2 } #[allow(unused)] None => 3, _ => 4 }
    if a == 1 { 1 } else if a == 2 { 2 } else { 3 };
    unsafe { core::ptr::null::<u8>() };
    let _ = async { 1 }.await;
    let _ = (a as u16) << 2;
    let _ = ..;
    let _ = ..=a;
    let _ = a..;
    let _ = !true;
    let _ = *&a;
    let _ = t.0;
    let _ = [a, a];
    let _ = return;
    println!("{}", a);
    vec![1, 2];
    std::mem::drop(c)
}
"#;

#[test]
fn located_spans_are_the_printed_spans() {
    let root = common::workspace_root();
    let mut files = common::sample_programs();
    let mut dirs = vec![root.join("bench/accuracy")];
    let mut accuracy = Vec::new();
    while let Some(dir) = dirs.pop() {
        for path in std::fs::read_dir(&dir).expect("bench/accuracy").flatten().map(|e| e.path()) {
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                accuracy.push(path);
            }
        }
    }
    accuracy.sort();
    files.extend(accuracy);
    let mut sources: Vec<(String, String)> =
        files.iter().map(|p| (p.display().to_string(), std::fs::read_to_string(p).expect("read"))).collect();
    sources.push(("forms".into(), FORMS.into()));
    let mut checked = 0;
    let mut wrong = Vec::new();
    for (name, src) in &sources {
        let Ok(file) = syn::parse_file(src) else { continue };
        let mut check = Check { file: name, checked: 0, wrong: Vec::new() };
        check.visit_file(&file);
        checked += check.checked;
        wrong.extend(check.wrong);
    }
    assert!(checked > 10_000, "only {checked} nodes checked");
    assert!(wrong.is_empty(), "{} of {checked} spans differ:\n{}", wrong.len(), wrong.join("\n"));
}
