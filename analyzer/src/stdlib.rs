//! What the analysis knows of std: its modules, types, traits and method signatures, written
//! as Rust in `stdlib/api.rs` and indexed like a file of the user's ([`FileIndex`]).
//!
//! In: nothing (the model is part of the program). Out: the index, built once per process.
//! Paths into `std`, `core` and `alloc`, and the prelude, resolve into it; its types are known
//! by short names (`Vec`, `Mutex`, `hash_map::Iter`), which the size table in
//! `layout/types.rs` uses too.

use std::sync::OnceLock;

use crate::items::{FileIndex, IndexBuilder};

/// The model's source.
pub const API: &str = include_str!("stdlib/api.rs");

/// std's model, indexed.
pub fn index() -> &'static FileIndex {
    static INDEX: OnceLock<FileIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        // Its spans count from the model's own start, whatever the file being read.
        let _origin = crate::diagnostics::Origin::default().enter();
        let _lines = crate::diagnostics::Lines::enter(None);
        let file = syn::parse_file(API).unwrap_or_else(|e| panic!("std's model does not parse: {e}"));
        IndexBuilder::for_std().build(&file.items)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resolve::{Ns, Res, Tree};

    #[test]
    fn the_model_is_indexed() {
        let std = index();
        for key in [
            "Vec",
            "String",
            "Option",
            "Mutex",
            "MutexGuard",
            "slice::Iter",
            "IterMut",
            "hash_map::Iter",
            "Range",
            "Cow",
        ] {
            assert!(std.adts.contains_key(key), "{key}");
        }
        assert!(std.adts.contains_key("cmp::Ordering") || std.adts.contains_key("Ordering"));
        assert!(std.adts["MutexGuard"].not_send && std.adts["MutexGuard"].has_drop_impl);
        assert!(std.adts["Option"].copy && !std.adts["Vec"].copy);
        assert!(std.traits.get("Clone").is_some_and(|t| t.blanket));
        let file = FileIndex::default();
        let r = file.resolver();
        let s = |p: &str| p.split("::").map(str::to_string).collect::<Vec<_>>();
        assert_eq!(r.resolve(&[], &s("std::sync::Mutex"), Ns::Type), Some(Res::Type(Tree::Std, "Mutex".into())));
        assert_eq!(
            r.resolve(&[], &s("std::collections::hash_map::HashMap"), Ns::Type),
            Some(Res::Type(Tree::Std, "HashMap".into()))
        );
        assert_eq!(r.resolve(&[], &s("Vec"), Ns::Type), Some(Res::Type(Tree::Std, "Vec".into())));
        assert_eq!(r.resolve(&[], &s("Some"), Ns::Value), Some(Res::Assoc(Tree::Std, "Option".into(), s("Some"))));
    }
}
