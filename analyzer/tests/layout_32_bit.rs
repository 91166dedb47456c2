//! The type model on a 32-bit target, against rustc. No 32-bit std is installed, but rustc
//! knows every built-in target: a `#![no_core]` probe, compiled for 32-bit ARM
//! (`armv7-unknown-linux-gnueabihf`) and for `wasm32-unknown-unknown`, declares the few lang
//! items it needs and asserts, at compile time, the size and alignment of each type as the
//! model computes them with `--target-pointer-width 32`. rustc compiles the probe only if
//! every number is right.
//!
//! What this does not check: std types (`String`, `Vec`, ...; no std for the target) and whole
//! futures (an async fn needs most of core's lang items); those 32-bit sizes rest on the
//! 64-bit comparisons of `layout_vs_rustc.rs` and on the types checked here. On i686 (x86),
//! `u64` and `f64` are 4-byte aligned inside structs, which the model does not follow: it
//! models 32-bit ARM and wasm32, where they are 8-byte aligned.

mod common;

use futurelens_analyzer::layout::abi::Layout;
use futurelens_analyzer::layout::types::{Env, FutureSizes, Target, Unknown, layout_of};
use futurelens_analyzer::ty::Ty;

/// The 32-bit targets rustc lays the probe out for.
const TARGETS: [&str; 2] = ["armv7-unknown-linux-gnueabihf", "wasm32-unknown-unknown"];

/// The lang items a `#![no_core]` crate needs to declare types and ask their size, for
/// compilers since the `Sized` hierarchy (1.89) and before it.
const PRELUDES: [&str; 2] = [
    "#[lang = \"pointee_sized\"] pub trait PointeeSized {}\n\
     #[lang = \"meta_sized\"] pub trait MetaSized: PointeeSized {}\n\
     #[lang = \"sized\"] pub trait Sized: MetaSized {}\n",
    "#[lang = \"sized\"] pub trait Sized {}\n",
];

/// The probe's own types: every layout rule the model has, with pointers and `usize` in them.
const TYPES: &str = r#"
#[lang = "copy"] pub trait Copy {}
impl Copy for u8 {}
impl Copy for u32 {}
#[lang = "neg"] pub trait Neg { type Output; fn neg(self) -> Self::Output; }
impl Neg for isize { type Output = isize; fn neg(self) -> isize { loop {} } }
#[rustc_intrinsic] pub const fn size_of<T>() -> usize;
#[rustc_intrinsic] pub const fn align_of<T>() -> usize;

pub struct Header { pub version: u8, pub length: u64, pub flags: u16 }
#[repr(C)] pub struct CHeader { pub version: u8, pub length: u64, pub flags: u16 }
pub struct Pointers { pub len: usize, pub raw: *const u8, pub bytes: &'static [u8], pub text: &'static str, pub id: u64 }
pub enum Kind { Ping, Data, Close }
pub enum Small { A(u32), B }
pub enum Wide { A([u8; 3]), B(u64) }
pub enum Words { A(usize), B(&'static u8), C }
#[repr(u8)] pub enum Tagged { A = 1, B = 200 }
pub enum Signed { A = -1, B = 1 }
pub enum Opt<T> { None, Some(T) }
pub struct Gen<T> { pub t: T, pub n: u8 }
pub union Both { pub a: u32, pub b: [u8; 6] }
#[repr(align(16))] pub struct Aligned(pub u8);
#[repr(packed)] pub struct Packed { pub a: u8, pub b: u32 }
pub struct Flags { pub on: bool, pub id: u32, pub more: Opt<bool> }
pub struct Nested { pub head: Header, pub kind: Kind, pub tail: (u8, u16), pub at: Pointers }
"#;

/// Types whose size the probe asserts, as written in it.
const WRITTEN: &[&str] = &[
    "u8",
    "u16",
    "u32",
    "u64",
    "i64",
    "usize",
    "isize",
    "f32",
    "f64",
    "char",
    "bool",
    "()",
    "&'static u8",
    "&'static str",
    "&'static [u8]",
    "&'static mut u64",
    "*const u8",
    "*const [u8]",
    "fn()",
    "(u8, u32, u16)",
    "(bool, u64)",
    "(u8, usize)",
    "[u16; 5]",
    "[usize; 3]",
    "Header",
    "CHeader",
    "Pointers",
    "Kind",
    "Small",
    "Wide",
    "Words",
    "Tagged",
    "Signed",
    "Gen<u32>",
    "Gen<usize>",
    "Gen<&'static [u8]>",
    "Both",
    "Aligned",
    "Packed",
    "Flags",
    "Nested",
    "Opt<&'static u8>",
    "Opt<usize>",
    "Opt<Kind>",
    "Opt<Opt<bool>>",
];

struct NoFutures;

impl FutureSizes for NoFutures {
    fn future(&mut self, ty: &Ty) -> Result<Layout, Unknown> {
        Err(Unknown::new(ty, "no futures here"))
    }
}

/// The probe: the types, then one compile-time assertion of size and alignment per type, as
/// array lengths (a mismatch is a type error that prints both numbers).
fn probe(prelude: &str) -> String {
    let index_file = syn::parse_file(TYPES).expect("probe types parse");
    let index = futurelens_analyzer::items::FileIndex::build(&index_file);
    let env = Env { target: Target::from_width(32), index: &index, assume: &[] };
    let mut probe = format!(
        "#![feature(no_core, lang_items, intrinsics, rustc_attrs)]\n#![no_core]\n\
         #![allow(internal_features, dead_code)]\n{prelude}{TYPES}"
    );
    for text in WRITTEN {
        let syn_ty: syn::Type = syn::parse_str(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        let ty = index.type_from_syn(&syn_ty);
        let layout = layout_of(&ty, &env, &mut NoFutures).unwrap_or_else(|u| panic!("{text}: unknown: {u:?}"));
        probe.push_str(&format!(
            "const _: [(); {}] = [(); size_of::<{text}>()]; // size of {text}\n\
             const _: [(); {}] = [(); align_of::<{text}>()]; // align of {text}\n",
            layout.size, layout.align
        ));
    }
    probe
}

#[test]
fn type_model_matches_rustc_on_32_bit_targets() {
    if !common::tool_available("rustc", &["--version"], "https://rustup.rs") {
        return;
    }
    for target in TARGETS {
        if let Err(report) = compile_probe(target) {
            panic!("the 32-bit type model disagrees with rustc for {target}:\n{report}");
        }
    }
}

/// Compiles the probe for `target` with the first prelude this rustc accepts; `Err` has
/// rustc's errors.
fn compile_probe(target: &str) -> Result<(), String> {
    let dir = tempfile_dir(target);
    let mut failures = Vec::new();
    for prelude in PRELUDES {
        let file = dir.join("probe32.rs");
        std::fs::write(&file, probe(prelude)).expect("write probe");
        let output = std::process::Command::new("rustc")
            .env("RUSTC_BOOTSTRAP", "1")
            .args(["--target", target, "--edition", "2021", "--crate-type", "lib", "--emit", "metadata"])
            .args(["--cap-lints", "allow", "-o"])
            .arg(dir.join("probe32.rmeta"))
            .arg(&file)
            .output()
            .expect("run rustc");
        if output.status.success() {
            let _ = std::fs::remove_dir_all(&dir);
            return Ok(());
        }
        failures.push(String::from_utf8_lossy(&output.stderr).to_string());
    }
    let _ = std::fs::remove_dir_all(&dir);
    // The prelude this compiler knows is the one whose errors are not about lang items.
    Err(failures.iter().find(|e| !e.contains("E0522")).unwrap_or(&failures[0]).clone())
}

fn tempfile_dir(target: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("futurelens-probe32-{}-{target}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}
