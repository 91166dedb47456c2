//! Names: what a path written in the file refers to, as rustc's name resolution would find it.
//!
//! In: every module of the file (and of the std model, [`crate::stdlib`]) with the names it
//! declares and the `use` declarations it holds. Out: for a path written in a module, the item
//! it names: a type, trait, fn or const of the file (by its key: its path in the file, `rt::Mutex`),
//! of std (by its short name, `Mutex`, `hash_map::Iter`), a module, an associated item
//! (`Vec::new`), or a path into another crate (`tokio::sync::Mutex`), which the analysis does
//! not know and must not guess. Resolution follows the 2018+ rules: a path starts from a name in
//! scope in its module (an item, an import, a glob import, the prelude), a crate name, `crate`,
//! `self`, `super` or `std`/`core`/`alloc`.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use rustc_hash::FxBuildHasher;

/// Which tree a module belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Tree {
    #[default]
    File,
    Std,
}

/// The names one module declares and imports.
#[derive(Clone, Debug, Default)]
pub struct Module {
    /// Types and traits: identifier to key.
    pub types: BTreeMap<String, String>,
    /// Fns, consts, statics, and tuple or unit struct constructors: identifier to key.
    pub values: BTreeMap<String, String>,
    pub modules: BTreeSet<String>,
    /// `use a::b as c;`: `c` to the path as written.
    pub imports: Vec<(String, Vec<String>)>,
    /// `use a::b::*;`
    pub globs: Vec<Vec<String>>,
}

/// Every module of one tree, by path (the root is the empty path).
#[derive(Clone, Debug, Default)]
pub struct Modules {
    pub modules: HashMap<Vec<String>, Module, FxBuildHasher>,
    /// The variants of each enum, by the enum's key (for `use Enum::*`).
    pub variants: HashMap<String, BTreeSet<String>>,
}

impl Modules {
    pub fn module_mut(&mut self, path: &[String]) -> &mut Module {
        if !self.modules.contains_key(path) {
            // Make the parents exist and know the child.
            if let Some((last, parent)) = path.split_last() {
                self.module_mut(parent).modules.insert(last.clone());
            }
            self.modules.insert(path.to_vec(), Module::default());
        }
        self.modules.get_mut(path).expect("just inserted")
    }

    pub fn module(&self, path: &[String]) -> Option<&Module> {
        self.modules.get(path)
    }
}

/// Which namespace a path is looked up in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Ns {
    Type,
    Value,
}

/// What a path names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Res {
    /// A type or trait of the file or of std, by key.
    Type(Tree, String),
    /// A fn, const or constructor of the file or of std, by key.
    Value(Tree, String),
    Module(Tree, Vec<String>),
    /// `Type::name...`: an associated item (or enum variant) of a type, by the type's key.
    Assoc(Tree, String, Vec<String>),
    /// A path into a crate other than std and this file.
    External(Vec<String>),
}

/// Names every Rust 2021 module sees without a `use` (the std prelude), with their std paths.
pub const PRELUDE: &[(&str, &str)] = &[
    ("Option", "option::Option"),
    ("Some", "option::Option::Some"),
    ("None", "option::Option::None"),
    ("Result", "result::Result"),
    ("Ok", "result::Result::Ok"),
    ("Err", "result::Result::Err"),
    ("Vec", "vec::Vec"),
    ("String", "string::String"),
    ("Box", "boxed::Box"),
    ("ToString", "string::ToString"),
    ("ToOwned", "borrow::ToOwned"),
    ("Clone", "clone::Clone"),
    ("Copy", "marker::Copy"),
    ("Send", "marker::Send"),
    ("Sync", "marker::Sync"),
    ("Sized", "marker::Sized"),
    ("Unpin", "marker::Unpin"),
    ("Default", "default::Default"),
    ("Drop", "ops::Drop"),
    ("Fn", "ops::Fn"),
    ("FnMut", "ops::FnMut"),
    ("FnOnce", "ops::FnOnce"),
    ("AsyncFn", "ops::AsyncFn"),
    ("AsyncFnMut", "ops::AsyncFnMut"),
    ("AsyncFnOnce", "ops::AsyncFnOnce"),
    ("Iterator", "iter::Iterator"),
    ("IntoIterator", "iter::IntoIterator"),
    ("DoubleEndedIterator", "iter::DoubleEndedIterator"),
    ("ExactSizeIterator", "iter::ExactSizeIterator"),
    ("Extend", "iter::Extend"),
    ("FromIterator", "iter::FromIterator"),
    ("From", "convert::From"),
    ("Into", "convert::Into"),
    ("TryFrom", "convert::TryFrom"),
    ("TryInto", "convert::TryInto"),
    ("AsRef", "convert::AsRef"),
    ("AsMut", "convert::AsMut"),
    ("PartialEq", "cmp::PartialEq"),
    ("Eq", "cmp::Eq"),
    ("PartialOrd", "cmp::PartialOrd"),
    ("Ord", "cmp::Ord"),
    ("Future", "future::Future"),
    ("IntoFuture", "future::IntoFuture"),
    ("drop", "mem::drop"),
];

/// The crate names that mean std.
pub fn is_std_crate(name: &str) -> bool {
    matches!(name, "std" | "core" | "alloc")
}

/// Resolves paths in the file's modules, falling back to std's.
/// An import being followed: the tree and module (its address) it is written in, the name,
/// the namespace.
type Following = (Tree, usize, String, Ns);

pub struct Resolver<'a> {
    file: &'a Modules,
    std: &'a Modules,
    /// The imports being followed right now, as (tree, module, name, namespace): an import
    /// met again while it is being followed is a cycle (`use crate::X;` in the crate root of a
    /// file that never defines `X`) and names nothing.
    following: RefCell<Vec<Following>>,
    /// What each path asked for so far in one module names, by namespace and path: a file
    /// asks for the same paths (`Ok`, `String::new`...) again and again, and following glob
    /// imports is costly. Only the last module's are kept (items come module by module, and a
    /// big file can have tens of thousands of modules).
    resolved: RefCell<Memo>,
    /// What each name looked up in a module named, by the module (its address in its tree)
    /// and namespace: following imports and globs asks for the same names in the same
    /// modules again and again. A result is kept only if no import cycle or depth limit cut
    /// its search short (such a result depends on where the search came from).
    lookups: RefCell<Lookups>,
    looked_up: std::cell::Cell<usize>,
    /// How many searches were cut short so far.
    cuts: std::cell::Cell<usize>,
}

/// Names looked up in a module, by the module's tree, address and namespace.
type Lookups = HashMap<(Tree, usize, Ns), HashMap<String, Option<Res>, FxBuildHasher>, FxBuildHasher>;

/// At most this many lookups are kept; then the memo starts again (a big file can have tens
/// of thousands of modules).
const MAX_LOOKUPS: usize = 1 << 16;

/// The paths resolved in one module.
#[derive(Default)]
struct Memo {
    module: Vec<String>,
    paths: [HashMap<Vec<String>, Option<Res>, FxBuildHasher>; 2],
}

const MAX_STEPS: usize = 32;

impl<'a> Resolver<'a> {
    pub fn new(file: &'a Modules, std: &'a Modules) -> Self {
        Resolver {
            file,
            std,
            following: RefCell::new(Vec::new()),
            resolved: RefCell::default(),
            lookups: RefCell::default(),
            looked_up: std::cell::Cell::new(0),
            cuts: std::cell::Cell::new(0),
        }
    }

    fn tree(&self, tree: Tree) -> &Modules {
        match tree {
            Tree::File => self.file,
            Tree::Std => self.std,
        }
    }

    /// What `segments`, written in `module` of the file, names in namespace `ns` (for the
    /// last segment; earlier ones are modules or types).
    pub fn resolve(&self, module: &[String], segments: &[String], ns: Ns) -> Option<Res> {
        {
            let memo = self.resolved.borrow();
            if memo.module == module
                && let Some(res) = memo.paths[ns as usize].get(segments)
            {
                return res.clone();
            }
        }
        let res = self.resolve_in(Tree::File, module, segments, ns, 0);
        let mut memo = self.resolved.borrow_mut();
        if memo.module != module {
            *memo = Memo { module: module.to_vec(), ..Memo::default() };
        }
        memo.paths[ns as usize].insert(segments.to_vec(), res.clone());
        res
    }

    fn resolve_in(&self, tree: Tree, module: &[String], segments: &[String], ns: Ns, depth: usize) -> Option<Res> {
        if depth > MAX_STEPS {
            self.cuts.set(self.cuts.get() + 1);
            return None;
        }
        let (first, rest) = segments.split_first()?;
        // Where the path starts.
        let start: Res = match first.as_str() {
            "crate" => Res::Module(tree, Vec::new()),
            "self" => Res::Module(tree, module.to_vec()),
            "super" => Res::Module(tree, module[..module.len().saturating_sub(1)].to_vec()),
            name if is_std_crate(name) && tree == Tree::File && !self.declares_module(module, name) => {
                Res::Module(Tree::Std, Vec::new())
            }
            name => {
                let ns_first = if rest.is_empty() { ns } else { Ns::Type };
                match self.lookup_name(tree, module, name, ns_first, depth) {
                    Some(res) => res,
                    // A crate this file does not define: not std, not known.
                    None if !rest.is_empty() => return Some(Res::External(segments.to_vec())),
                    None => return None,
                }
            }
        };
        let mut current = start;
        let mut rest = rest;
        // `super::super::x`
        while let (Res::Module(t, m), Some(next)) = (&current, rest.first()) {
            if next != "super" {
                break;
            }
            current = Res::Module(*t, m[..m.len().saturating_sub(1)].to_vec());
            rest = &rest[1..];
        }
        for (i, segment) in rest.iter().enumerate() {
            let last = i + 1 == rest.len();
            let want = if last { ns } else { Ns::Type };
            current = match current {
                Res::Module(t, m) => match self.lookup_in_module(t, &m, segment, want, depth) {
                    Some(res) => res,
                    None if !last => self.lookup_in_module(t, &m, segment, Ns::Type, depth)?,
                    None => return None,
                },
                Res::Type(t, key) => Res::Assoc(t, key, rest[i..].to_vec()),
                Res::Assoc(t, key, mut more) => {
                    more.push(segment.clone());
                    Res::Assoc(t, key, more)
                }
                Res::Value(..) => return None,
                Res::External(mut path) => {
                    path.push(segment.clone());
                    Res::External(path)
                }
            };
            if let Res::Assoc(..) = current {
                return Some(current);
            }
        }
        Some(current)
    }

    fn declares_module(&self, module: &[String], name: &str) -> bool {
        self.file.module(module).is_some_and(|m| m.modules.contains(name))
    }

    /// A name used as the first segment of a path in `module`: its items, imports, glob
    /// imports, then (for the file) the crate root's crates and the prelude.
    fn lookup_name(&self, tree: Tree, module: &[String], name: &str, ns: Ns, depth: usize) -> Option<Res> {
        if let Some(res) = self.lookup_in_module(tree, module, name, ns, depth) {
            return Some(res);
        }
        if ns == Ns::Value
            && let Some(res) = self.lookup_in_module(tree, module, name, Ns::Type, depth)
            && matches!(res, Res::Module(..))
        {
            return Some(res);
        }
        if let Some((_, path)) = PRELUDE.iter().find(|(n, _)| *n == name) {
            let segments: Vec<String> = path.split("::").map(str::to_string).collect();
            return self.resolve_in(Tree::Std, &[], &segments, ns, depth + 1);
        }
        None
    }

    /// A name declared in, or imported into, `module`.
    fn lookup_in_module(&self, tree: Tree, module: &[String], name: &str, ns: Ns, depth: usize) -> Option<Res> {
        if depth > MAX_STEPS {
            self.cuts.set(self.cuts.get() + 1);
            return None;
        }
        let m = self.tree(tree).module(module)?;
        let key = (tree, std::ptr::from_ref(m) as usize, ns);
        if let Some(res) = self.lookups.borrow().get(&key).and_then(|names| names.get(name)) {
            return res.clone();
        }
        let cuts = self.cuts.get();
        let res = self.lookup_in(tree, module, m, name, ns, depth);
        if self.cuts.get() == cuts {
            let mut lookups = self.lookups.borrow_mut();
            if self.looked_up.get() >= MAX_LOOKUPS {
                lookups.clear();
                self.looked_up.set(0);
            }
            self.looked_up.set(self.looked_up.get() + 1);
            lookups.entry(key).or_default().insert(name.to_string(), res.clone());
        }
        res
    }

    /// [`Self::lookup_in_module`], not memoised.
    fn lookup_in(&self, tree: Tree, module: &[String], m: &Module, name: &str, ns: Ns, depth: usize) -> Option<Res> {
        let declared = match ns {
            Ns::Type => m.types.get(name).map(|k| Res::Type(tree, k.clone())),
            Ns::Value => m.values.get(name).map(|k| Res::Value(tree, k.clone())),
        };
        if declared.is_some() {
            return declared;
        }
        if ns == Ns::Type && m.modules.contains(name) {
            let mut path = module.to_vec();
            path.push(name.to_string());
            return Some(Res::Module(tree, path));
        }
        let key = (tree, std::ptr::from_ref(m) as usize, name.to_string(), ns);
        if self.following.borrow().contains(&key) {
            self.cuts.set(self.cuts.get() + 1);
            return None;
        }
        self.following.borrow_mut().push(key);
        let imported = self.lookup_imported(tree, module, m, name, ns, depth);
        self.following.borrow_mut().pop();
        imported
    }

    /// A name brought into `module` by its `use` items: named imports first, then globs.
    fn lookup_imported(
        &self,
        tree: Tree,
        module: &[String],
        m: &Module,
        name: &str,
        ns: Ns,
        depth: usize,
    ) -> Option<Res> {
        let imported = m
            .imports
            .iter()
            .filter(|(alias, _)| alias == name)
            .find_map(|(_, path)| self.resolve_import(tree, module, path, ns, depth));
        if imported.is_some() {
            return imported;
        }
        for glob in &m.globs {
            match self.resolve_import(tree, module, glob, Ns::Type, depth) {
                Some(Res::Module(t, target)) => {
                    if (t, target.as_slice()) == (tree, module) {
                        continue;
                    }
                    if let Some(res) = self.lookup_in_module(t, &target, name, ns, depth + 1) {
                        return Some(res);
                    }
                }
                // An enum's variants imported with `use Enum::*`.
                Some(Res::Type(t, key)) if ns == Ns::Value && self.has_variant(t, &key, name) => {
                    return Some(Res::Assoc(t, key, vec![name.to_string()]));
                }
                _ => {}
            }
        }
        None
    }

    /// Whether the enum `key` of `tree` has a variant `name`.
    fn has_variant(&self, tree: Tree, key: &str, name: &str) -> bool {
        let modules = if tree == Tree::File { self.file } else { self.std };
        modules.variants.get(key).is_some_and(|v| v.contains(name))
    }

    /// The target of a `use` path written in `module`.
    fn resolve_import(&self, tree: Tree, module: &[String], path: &[String], ns: Ns, depth: usize) -> Option<Res> {
        // `use` paths resolve like other paths, from the module that holds them; a leading
        // `::` or a crate name goes to that crate.
        let res = self.resolve_in(tree, module, path, ns, depth + 1);
        match res {
            Some(Res::External(_)) | None if tree == Tree::File => {
                // `use std::...` in the file, or a path from the crate root.
                self.resolve_in(tree, &[], path, ns, depth + 1).filter(|r| !matches!(r, Res::External(_))).or(res)
            }
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(path: &str) -> Vec<String> {
        if path.is_empty() { Vec::new() } else { path.split("::").map(str::to_string).collect() }
    }

    fn trees() -> (Modules, Modules) {
        let mut std = Modules::default();
        std.module_mut(&s("sync")).types.insert("Mutex".into(), "Mutex".into());
        std.module_mut(&s("vec")).types.insert("Vec".into(), "Vec".into());
        std.module_mut(&s("option")).types.insert("Option".into(), "Option".into());
        let mut file = Modules::default();
        let rt = file.module_mut(&s("rt"));
        rt.types.insert("Mutex".into(), "rt::Mutex".into());
        rt.imports.push(("StdMutex".into(), s("std::sync::Mutex")));
        file.module_mut(&[]).imports.push(("Mutex".into(), s("std::sync::Mutex")));
        file.module_mut(&s("app")).globs.push(s("super::rt"));
        (file, std)
    }

    #[test]
    fn import_cycles_name_nothing_and_end() {
        // `use crate::Connection;` in the root of a file that never defines it, and two
        // modules importing each other's name: each is a cycle, and resolving ends.
        let std = Modules::default();
        let mut file = Modules::default();
        file.module_mut(&[]).imports.push(("Connection".into(), s("crate::Connection")));
        file.module_mut(&[]).imports.push(("Frame".into(), s("crate::Frame")));
        file.module_mut(&s("a")).imports.push(("X".into(), s("crate::b::X")));
        file.module_mut(&s("b")).imports.push(("X".into(), s("crate::a::X")));
        file.module_mut(&s("a")).globs.push(s("crate::b"));
        file.module_mut(&s("b")).globs.push(s("crate::a"));
        file.module_mut(&[]).modules.insert("a".into());
        file.module_mut(&[]).modules.insert("b".into());
        let r = Resolver::new(&file, &std);
        assert_eq!(r.resolve(&[], &s("Connection"), Ns::Type), None);
        assert_eq!(r.resolve(&s("a"), &s("X"), Ns::Type), None);
        assert_eq!(r.resolve(&s("b"), &s("Y"), Ns::Value), None);
    }

    #[test]
    fn paths() {
        let (file, std) = trees();
        let r = Resolver::new(&file, &std);
        let ty = |m: &str, p: &str| r.resolve(&s(m), &s(p), Ns::Type);
        assert_eq!(ty("", "Mutex"), Some(Res::Type(Tree::Std, "Mutex".into())));
        assert_eq!(ty("", "rt::Mutex"), Some(Res::Type(Tree::File, "rt::Mutex".into())));
        assert_eq!(ty("rt", "Mutex"), Some(Res::Type(Tree::File, "rt::Mutex".into())));
        assert_eq!(ty("rt", "StdMutex"), Some(Res::Type(Tree::Std, "Mutex".into())));
        assert_eq!(ty("app", "Mutex"), Some(Res::Type(Tree::File, "rt::Mutex".into())));
        assert_eq!(ty("app", "crate::Mutex"), Some(Res::Type(Tree::Std, "Mutex".into())));
        assert_eq!(ty("", "Vec"), Some(Res::Type(Tree::Std, "Vec".into())));
        assert_eq!(ty("", "tokio::sync::Mutex"), Some(Res::External(s("tokio::sync::Mutex"))));
        assert_eq!(
            r.resolve(&[], &s("Vec::new"), Ns::Value),
            Some(Res::Assoc(Tree::Std, "Vec".into(), vec!["new".into()]))
        );
    }
}
