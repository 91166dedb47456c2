//@ edition: 2021
//! A captured variable used only as the scrutinee of a `match`, `if let`, `while let` or a
//! destructuring `let` is captured (in both editions): testing a variant or binding by
//! reference captures it by shared reference (by value in a `move` block, where a reference is
//! captured whole), a binding that moves a value out captures it by value, and `_` captures
//! nothing.
async fn y() {}
enum Node { Term(String), And(Vec<Node>) }
fn matched<'a>(node: &'a Node) -> impl std::future::Future<Output = usize> + 'a {
    async move { y().await; match node { Node::And(xs) => xs.len(), Node::Term(t) => t.len() } }
}
fn if_let<'a>(node: &'a Node) -> impl std::future::Future<Output = usize> + 'a {
    async move { y().await; if let Node::And(xs) = node { xs.len() } else { 0 } }
}
fn moved_out(opt: Option<String>) -> impl std::future::Future<Output = usize> {
    async move { y().await; match opt { Some(s) => s.len(), None => 0 } }
}
fn by_ref<'a>(opt: &'a Option<String>, pair: (String, u64)) -> impl std::future::Future<Output = usize> + 'a {
    let local = Some(7u64);
    async move {
        y().await;
        let (name, n) = pair;
        let k = match local { Some(k) => k, None => 0 };
        name.len() + n as usize + k as usize + if let Some(s) = opt { s.len() } else { 0 }
    }
}
fn borrowed(v: Vec<u8>) -> usize {
    let f = async {
        let mut it = v.iter();
        y().await;
        let mut n = 0;
        while let Some(b) = it.next() { n += *b as usize; }
        match v { _ => n }
    };
    drop(f);
    v.len()
}
fn not_captured(opt: Option<String>) -> impl std::future::Future<Output = u8> {
    async move { y().await; match opt { _ => 1 } }
}
pub fn main() {
    let n = Node::Term(String::new());
    let o = Some(String::from("x"));
    let _ = matched(&n);
    let _ = if_let(&n);
    let _ = moved_out(None);
    let _ = by_ref(&o, (String::new(), 1));
    let _ = borrowed(vec![1]);
    let _ = not_captured(None);
}
