//! Sizes against the compiler: every sample program is compiled with `-Zprint-type-sizes`.
//! For every future rustc lays out and whose types the model knows, the estimated layout must
//! equal rustc's byte for byte (total size and alignment, each state's printed size, each
//! field's size and offset); the futures without an estimate are a ratchet, their count may
//! only go down; and once rustc's layouts are attached (`--rustc`), the analysis must carry
//! exactly rustc's numbers.

mod common;

use futurelens_analyzer::crosscheck;
use futurelens_analyzer::layout::{SizeSource, compare};

/// The futures of the sample programs that rustc lays out: the ratchet below counts from them.
const FUTURES_RUSTC_LAYS_OUT: usize = 173;
/// Of those, the futures the analysis has no estimated size for (a type the model does not
/// know): this count may only go down.
const UNSIZED_FUTURES: usize = 0;

#[test]
fn estimates_equal_rustc_byte_for_byte() {
    let mut futures = 0;
    let mut unsized_futures = Vec::new();
    let mut problems = Vec::new();
    for path in common::sample_programs() {
        if common::skip_as_not_compiling(&path) {
            continue;
        }
        let analysis = common::analyze_path(&path);
        let rustc = common::rustc_layouts(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for (theirs, ours) in rustc.iter().zip(crosscheck::pairing(&analysis, &rustc)) {
            futures += 1;
            let Some(ours) = ours else {
                problems.push(format!(
                    "{}: `{}`: rustc lays it out, the analysis does not find it",
                    analysis.file, theirs.name
                ));
                continue;
            };
            if ours.layout.is_none() {
                let why = ours.diagnostics.iter().map(|d| d.message.as_str()).collect::<Vec<_>>().join("; ");
                unsized_futures.push(format!("{}: `{}`: {why}", analysis.file, ours.name));
                continue;
            }
            for d in compare::differences(ours, theirs) {
                problems.push(format!("{}: `{}`: {d}", analysis.file, ours.name));
            }
        }
    }
    assert!(problems.is_empty(), "{} difference(s) with rustc:\n{}", problems.len(), problems.join("\n"));
    assert_eq!(
        futures, FUTURES_RUSTC_LAYS_OUT,
        "rustc lays out {futures} futures of the sample programs, not {FUTURES_RUSTC_LAYS_OUT}: \
         set FUTURES_RUSTC_LAYS_OUT to {futures} (and check UNSIZED_FUTURES)"
    );
    // More than the ratchet allows is a regression; fewer lowers the ratchet.
    let unsized_count = unsized_futures.len();
    assert_eq!(
        unsized_count,
        UNSIZED_FUTURES,
        "futures without an estimated size: {unsized_count}, where UNSIZED_FUTURES says {UNSIZED_FUTURES} (if \
         fewer, lower UNSIZED_FUTURES to {unsized_count}):\n{}",
        unsized_futures.join("\n")
    );
}

#[test]
fn attached_rustc_layouts_are_rustc_numbers() {
    let mut checked = 0;
    for path in common::sample_programs() {
        if common::skip_as_not_compiling(&path) {
            continue;
        }
        let mut analysis = common::analyze_path(&path);
        let rustc = common::rustc_layouts(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let report = compare::attach(&mut analysis, &rustc);
        assert_eq!(report.agreeing, report.estimated, "{}: the estimate disagrees with rustc", analysis.file);
        for (theirs, ours) in rustc.iter().zip(crosscheck::pairing(&analysis, &rustc)) {
            let Some(ours) = ours else { continue };
            let layout = ours.layout.as_ref().unwrap_or_else(|| panic!("{}: no layout attached", ours.name));
            assert_eq!((layout.size, layout.align, layout.source), (theirs.size, theirs.align, SizeSource::Rustc));
            for state in &ours.states {
                let variant = theirs.variant(&state.id.name()).expect("same states");
                assert_eq!(state.size, Some(variant.printed_size), "{}: {}", ours.name, state.id.name());
                let mut ours_fields: Vec<(u64, u64)> =
                    state.fields.iter().map(|f| (f.offset.unwrap_or(u64::MAX), f.size.unwrap_or(0))).collect();
                let mut theirs_fields: Vec<(u64, u64)> = variant.fields.iter().map(|f| (f.offset, f.size)).collect();
                ours_fields.sort();
                theirs_fields.sort();
                assert_eq!(ours_fields, theirs_fields, "{}: {}", ours.name, state.id.name());
            }
            checked += 1;
        }
    }
    assert_eq!(checked, FUTURES_RUSTC_LAYS_OUT, "every future rustc lays out is checked");
}

#[test]
fn unboxed_recursion_has_no_size_and_no_overflow() {
    let src = "async fn ping(n: u32) { if n > 0 { pong(n - 1).await } }\n\
               async fn pong(n: u32) { if n > 0 { ping(n - 1).await } }\n\
               async fn me(n: u32) { if n > 0 { me(n - 1).await } }\n\
               async fn boxed(n: u32) { if n > 0 { Box::pin(boxed(n - 1)).await } }\n";
    let analysis = futurelens_analyzer::analyze(src, &Default::default());
    let size =
        |name: &str| analysis.futures.iter().find(|f| f.name == name).and_then(|f| f.layout.as_ref()).map(|l| l.size);
    assert_eq!((size("ping"), size("pong"), size("me")), (None, None, None));
    assert_eq!(size("boxed"), Some(16));
    let me = analysis.futures.iter().find(|f| f.name == "me").expect("me");
    assert!(
        me.diagnostics.iter().any(|d| d.code == Some("E0733") && d.severity == futurelens_analyzer::Severity::Error),
        "{:?}",
        me.diagnostics
    );
}

#[test]
fn unknown_types_are_named_and_can_be_assumed() {
    let src = "async fn tick() {}\nasync fn f(s: Sleep) { tick().await; drop(s) }\n";
    let plain = futurelens_analyzer::analyze(src, &Default::default());
    let f = plain.futures.iter().find(|f| f.name == "f").expect("f");
    assert!(f.layout.is_none());
    assert!(
        f.diagnostics
            .iter()
            .any(|d| d.message.contains("`Sleep`") && d.help.as_deref().is_some_and(|h| h.contains("--assume")))
    );
    let assume = vec![futurelens_analyzer::layout::Assumption::parse("Sleep=16:8").expect("parse")];
    let options = futurelens_analyzer::Options { assume, ..Default::default() };
    let known = futurelens_analyzer::analyze(src, &options);
    let f = known.futures.iter().find(|f| f.name == "f").expect("f");
    // The upvar, the body's copy (kept for its drop) and the awaitee, the tag, a drop flag.
    assert_eq!(f.layout.as_ref().map(|l| (l.size, l.align)), Some((40, 8)));
}

/// Types declared by the probe of `type_model_matches_rustc`.
const PROBE_TYPES: &str = r#"
pub struct Header { pub version: u8, pub length: u64, pub flags: u16 }
#[repr(C)] pub struct CHeader { pub version: u8, pub length: u64, pub flags: u16 }
pub enum Kind { Ping, Data, Close }
pub enum Small { A(u32), B }
pub enum Mixed { A(String), B(u8), C }
pub enum Wide { A([u8; 3]), B(u64) }
#[repr(u8)] pub enum Tagged { A = 1, B = 200 }
pub enum Signed { A = -1, B = 1 }
pub enum Payload { Text(String), Bytes(Vec<u8>), Nothing }
pub struct Gen<T> { pub t: T, pub n: u8 }
pub union Both { pub a: u32, pub b: [u8; 6] }
#[repr(align(16))] pub struct Aligned(pub u8);
#[repr(packed)] pub struct Packed { pub a: u8, pub b: u32 }
pub struct Flags { pub on: bool, pub id: u32, pub more: Option<bool> }
pub struct Nested { pub head: Header, pub kind: Kind, pub tail: (u8, u16) }
"#;

/// The type model against rustc: a probe file asserts, at compile time, the size and
/// alignment of every type (and of `Option` of it, which shows its niche) as the model
/// computes them; rustc compiles it only if every number is right.
#[test]
fn type_model_matches_rustc() {
    use futurelens_analyzer::layout::abi::Layout;
    use futurelens_analyzer::layout::types::{Env, FutureSizes, Target, Unknown, layout_of};
    use futurelens_analyzer::ty::Ty;

    struct NoFutures;
    impl FutureSizes for NoFutures {
        fn future(&mut self, ty: &Ty) -> Result<Layout, Unknown> {
            Err(Unknown::new(ty, "no futures here"))
        }
    }
    let written = [
        "u8",
        "u128",
        "char",
        "bool",
        "()",
        "&str",
        "&[u8]",
        "&mut u64",
        "*const u8",
        "*const [u8]",
        "fn()",
        "Box<dyn Fn()>",
        "Box<u64>",
        "Box<str>",
        "std::rc::Rc<str>",
        "std::sync::Arc<u8>",
        "std::ptr::NonNull<u8>",
        "String",
        "Vec<u8>",
        "Option<String>",
        "Option<Option<String>>",
        "Option<&u8>",
        "Option<Box<u8>>",
        "Option<bool>",
        "Option<Option<bool>>",
        "Option<char>",
        "Option<u32>",
        "Option<Option<u32>>",
        "Result<u32, u8>",
        "Result<u8, String>",
        "Result<String, String>",
        "Result<(), String>",
        "(u8, u32, u16)",
        "(bool, u64)",
        "[u16; 5]",
        "std::time::Duration",
        "std::time::Instant",
        "std::cell::RefCell<u8>",
        "std::cell::Cell<bool>",
        "std::sync::Mutex<u64>",
        "std::sync::RwLock<u8>",
        "std::collections::HashMap<u8, u8>",
        "std::collections::BTreeMap<String, u8>",
        "std::collections::VecDeque<u8>",
        "std::sync::mpsc::Sender<u8>",
        "std::task::Poll<u32>",
        "std::net::SocketAddr",
        "std::net::IpAddr",
        "std::ops::Range<usize>",
        "std::ops::RangeInclusive<u8>",
        "std::borrow::Cow<'static, str>",
        "std::marker::PhantomData<String>",
        "std::mem::MaybeUninit<bool>",
        "std::mem::ManuallyDrop<bool>",
        "std::pin::Pin<Box<u8>>",
        "std::num::NonZeroU32",
        "std::fs::File",
        "std::cell::Ref<'static, u64>",
        "std::cell::RefMut<'static, String>",
        "std::sync::MutexGuard<'static, u64>",
        "std::sync::RwLockReadGuard<'static, Vec<u8>>",
        "std::sync::RwLockWriteGuard<'static, u8>",
        "std::str::Lines<'static>",
        "std::str::Split<'static, char>",
        "std::str::Split<'static, &'static str>",
        "std::str::Split<'static, fn(char) -> bool>",
        "std::str::Split<'static, [char; 3]>",
        "std::str::SplitN<'static, char>",
        "std::str::SplitWhitespace<'static>",
        "std::str::SplitAsciiWhitespace<'static>",
        "std::str::SplitTerminator<'static, char>",
        "std::str::Matches<'static, char>",
        "std::str::CharIndices<'static>",
        "std::rc::Weak<u8>",
        "std::sync::Weak<String>",
        "std::cell::OnceCell<u64>",
        "std::sync::OnceLock<u64>",
        "std::sync::Condvar",
        "std::iter::Peekable<std::vec::IntoIter<u8>>",
        "std::iter::StepBy<std::ops::Range<usize>>",
        "std::iter::Zip<std::slice::Iter<'static, u8>, std::slice::Iter<'static, u8>>",
        "std::iter::Chain<std::slice::Iter<'static, u8>, std::slice::Iter<'static, u8>>",
        "std::iter::Fuse<std::slice::Iter<'static, u8>>",
        "std::iter::Skip<std::slice::Iter<'static, u8>>",
        "std::iter::Take<std::str::Chars<'static>>",
        "std::iter::Map<std::slice::Iter<'static, u8>, fn(&u8) -> u8>",
        "std::iter::Filter<std::slice::Iter<'static, u8>, fn(&&u8) -> bool>",
        "std::iter::Once<u8>",
        "std::iter::Repeat<u8>",
        "std::collections::hash_map::Keys<'static, u8, u8>",
        "std::collections::hash_map::Values<'static, u8, String>",
        "std::collections::hash_map::Drain<'static, u8, u8>",
        "std::collections::btree_map::Keys<'static, u8, u8>",
        "std::collections::btree_map::Range<'static, u8, u8>",
        "std::collections::btree_map::RangeMut<'static, u8, String>",
        "std::collections::btree_set::Range<'static, u64>",
        "std::vec::Drain<'static, u8>",
        "std::string::Drain<'static>",
        "std::slice::Chunks<'static, u8>",
        "std::slice::Windows<'static, u64>",
        "std::slice::ChunksMut<'static, u8>",
        "std::ops::RangeFrom<usize>",
        "std::ops::ControlFlow<String, u8>",
        "std::num::ParseIntError",
        "std::num::ParseFloatError",
        "std::str::Utf8Error",
        "std::string::FromUtf8Error",
        "std::io::Error",
        "std::io::ErrorKind",
        "std::fmt::Error",
        "std::sync::PoisonError<u8>",
        "std::sync::TryLockError<u8>",
        "std::cell::BorrowError",
        "std::thread::JoinHandle<u8>",
        "std::time::SystemTimeError",
        "std::collections::LinkedList<u8>",
        "std::collections::BinaryHeap<u8>",
        "std::sync::atomic::Ordering",
        "std::cmp::Ordering",
        "std::hash::DefaultHasher",
        "std::hash::RandomState",
        "std::option::IntoIter<u8>",
        "std::option::Iter<'static, u8>",
        "std::sync::mpsc::SendError<u8>",
        "std::sync::mpsc::TryRecvError",
        "std::char::ToUppercase",
        "Header",
        "CHeader",
        "Kind",
        "Small",
        "Mixed",
        "Wide",
        "Tagged",
        "Signed",
        "Payload",
        "Gen<u32>",
        "Gen<bool>",
        "Both",
        "Aligned",
        "Packed",
        "Flags",
        "Nested",
        "Option<Kind>",
        "Option<Small>",
    ];
    let index_file = syn::parse_file(PROBE_TYPES).expect("probe types parse");
    let index = futurelens_analyzer::items::FileIndex::build(&index_file);
    let env = Env { target: Target::from_width(64), index: &index, assume: &[] };
    let mut probe = String::from(PROBE_TYPES);
    probe.push_str("use std::mem::{align_of, size_of};\n");
    for text in written {
        let syn_ty: syn::Type = syn::parse_str(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        let ty = index.type_from_syn(&syn_ty);
        let layout = layout_of(&ty, &env, &mut NoFutures).unwrap_or_else(|u| panic!("{text}: unknown: {u:?}"));
        let option = layout_of(&Ty::adt("Option", vec![ty.clone()]), &env, &mut NoFutures).expect("Option");
        probe.push_str(&format!(
            "const _: () = assert!(size_of::<{text}>() == {} && align_of::<{text}>() == {}, \"{text}\");\n\
             const _: () = assert!(size_of::<Option<{text}>>() == {}, \"Option<{text}>\");\n",
            layout.size, layout.align, option.size
        ));
    }
    // Iterator types, named as the lowering names them (by their std module).
    let u8_ = Ty::Prim(futurelens_analyzer::ty::Prim::U8);
    let string = Ty::string();
    let iterators = [
        (Ty::adt("slice::Iter", vec![u8_.clone()]), "std::slice::Iter<'static, u8>"),
        (Ty::adt("IterMut", vec![string.clone()]), "std::slice::IterMut<'static, String>"),
        (Ty::adt("vec::IntoIter", vec![string.clone()]), "std::vec::IntoIter<String>"),
        (Ty::adt("array::IntoIter", vec![string.clone(), Ty::Const(3)]), "std::array::IntoIter<String, 3>"),
        (Ty::adt("vec_deque::Iter", vec![u8_.clone()]), "std::collections::vec_deque::Iter<'static, u8>"),
        (Ty::adt("vec_deque::IntoIter", vec![u8_.clone()]), "std::collections::vec_deque::IntoIter<u8>"),
        (
            Ty::adt("hash_map::Iter", vec![u8_.clone(), string.clone()]),
            "std::collections::hash_map::Iter<'static, u8, String>",
        ),
        (
            Ty::adt("hash_map::IntoIter", vec![u8_.clone(), string.clone()]),
            "std::collections::hash_map::IntoIter<u8, String>",
        ),
        (Ty::adt("hash_set::Iter", vec![u8_.clone()]), "std::collections::hash_set::Iter<'static, u8>"),
        (
            Ty::adt("btree_map::Iter", vec![u8_.clone(), u8_.clone()]),
            "std::collections::btree_map::Iter<'static, u8, u8>",
        ),
        (Ty::adt("btree_set::IntoIter", vec![u8_.clone()]), "std::collections::btree_set::IntoIter<u8>"),
        (Ty::adt("Chars", vec![]), "std::str::Chars<'static>"),
        (
            Ty::adt("Enumerate", vec![Ty::adt("slice::Iter", vec![u8_])]),
            "std::iter::Enumerate<std::slice::Iter<'static, u8>>",
        ),
    ];
    for (ty, text) in iterators {
        let layout = layout_of(&ty, &env, &mut NoFutures).unwrap_or_else(|u| panic!("{text}: unknown: {u:?}"));
        let option = layout_of(&Ty::adt("Option", vec![ty.clone()]), &env, &mut NoFutures).expect("Option");
        probe.push_str(&format!(
            "const _: () = assert!(size_of::<{text}>() == {} && align_of::<{text}>() == {}, \"{text}\");\n\
             const _: () = assert!(size_of::<Option<{text}>>() == {}, \"Option<{text}>\");\n",
            layout.size, layout.align, option.size
        ));
    }
    let dir = std::env::temp_dir().join(format!("futurelens-type-probe-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("probe.rs");
    std::fs::write(&file, &probe).expect("write probe");
    let output = std::process::Command::new("rustc")
        .args(["--edition", "2021", "--crate-type", "lib", "--emit", "metadata", "--cap-lints", "allow", "-o"])
        .arg(dir.join("probe.rmeta"))
        .arg(&file)
        .output()
        .expect("run rustc");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(output.status.success(), "the model disagrees with rustc:\n{}", String::from_utf8_lossy(&output.stderr));
}

/// `--rustc` shows rustc's fields, all of them: one rustc stores that the estimate did not
/// predict is shown with rustc's type and numbers and says so; one only the estimate stored
/// is left out. The estimate of one program is given the rustc layout of another with the
/// same fn, which keeps one more `String` across the await.
#[test]
fn attached_layouts_show_every_field_rustc_stores_and_no_other() {
    let one = "async fn y() {}\n\
               async fn f() { let s = String::new(); y().await; drop(s); }\n\
               pub fn main() { let _ = f(); }\n";
    let two = "async fn y() {}\n\
               async fn f() { let s = String::new(); let t = String::from(\"t\"); y().await; drop(s); drop(t); }\n\
               pub fn main() { let _ = f(); }\n";
    let dir = common::tempdir();
    let layouts = |name: &str, src: &str| {
        let path = dir.join(name);
        std::fs::write(&path, src).expect("write");
        common::rustc_layouts(&path).expect("compiles")
    };
    let (rustc_one, rustc_two) = (layouts("one.rs", one), layouts("two.rs", two));
    let suspend_fields = |analysis: &futurelens_analyzer::Analysis| -> Vec<(String, String, Option<u64>, Option<u64>)> {
        let f = analysis.futures.iter().find(|f| f.name == "f").expect("f");
        let state = f.states.iter().find(|s| s.id.name() == "Suspend0").expect("Suspend0");
        state.fields.iter().map(|x| (x.name.clone(), format!("{:?}", x.reason), x.size, x.offset)).collect()
    };

    let mut analysis = futurelens_analyzer::analyze(one, &Default::default());
    compare::attach(&mut analysis, &rustc_two);
    let fields = suspend_fields(&analysis);
    let t = fields.iter().find(|(name, ..)| name == "t").unwrap_or_else(|| panic!("`t` is shown: {fields:?}"));
    assert_eq!(t.1, "OnlyRustc", "{fields:?}");
    let theirs =
        rustc_two.iter().find(|r| r.name == "f").and_then(|r| r.variant("Suspend0")).expect("rustc's Suspend0");
    let rustc_t = theirs.fields.iter().find(|x| x.name == "t").expect("rustc stores t");
    assert_eq!((t.2, t.3), (Some(rustc_t.size), Some(rustc_t.offset)));
    assert_eq!(fields.len(), theirs.fields.len(), "{fields:?}");

    let mut analysis = futurelens_analyzer::analyze(two, &Default::default());
    compare::attach(&mut analysis, &rustc_one);
    let fields = suspend_fields(&analysis);
    assert!(fields.iter().all(|(name, ..)| name != "t"), "rustc does not store `t`: {fields:?}");
    let _ = std::fs::remove_dir_all(&dir);
}
