//! A crate's files, found as rustc finds them: from the root file through its `mod`
//! declarations, not by listing a directory.
//!
//! In: the crate's root file. Out: every file of the module tree with its module path
//! (`server::conn`), whether a `#[cfg]` guards it, and the declarations whose file is missing
//! or unreadable (rustc would reject those; here they are reported and skipped). The rules
//! are the reference's: `mod x;` in `lib.rs`, `main.rs` or `mod.rs` is `x.rs` or `x/mod.rs`
//! beside it; in `a.rs` it is `a/x.rs` or `a/x/mod.rs`; `#[path]` is relative to the
//! declaring file's directory, or, inside inline modules, to their directory.

use std::path::{Path, PathBuf};

use futurelens_analyzer::parse::{ModDecl, module_decls};

/// One file of the crate.
#[derive(Clone, Debug)]
pub struct ModFile {
    pub path: PathBuf,
    pub module: Vec<String>,
    /// The `cfg` condition that guards it (its own or an enclosing module's).
    pub cfg: Option<String>,
    pub text: String,
}

/// The tree under `root`, in depth-first source order, and what could not be read.
pub fn tree(root: &Path) -> (Vec<ModFile>, Vec<String>) {
    let mut files: Vec<ModFile> = Vec::new();
    let mut problems = Vec::new();
    let mut stack = vec![(root.to_path_buf(), Vec::new(), None::<String>, true)];
    while let Some((path, module, cfg, owns_dir)) = stack.pop() {
        if files.iter().any(|f| f.path == path) {
            continue;
        }
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) => {
                problems.push(format!("cannot read `{}` (module `{}`): {e}", path.display(), module.join("::")));
                continue;
            }
        };
        let decls = module_decls(&text).unwrap_or_default();
        let mut children = Vec::new();
        for decl in &decls {
            let mut child_module = module.clone();
            child_module.extend(decl.parents.iter().map(|(n, _)| n.clone()));
            child_module.push(decl.name.clone());
            let child_cfg = decl.cfg.clone().or_else(|| cfg.clone());
            match child_path(&path, owns_dir, decl) {
                Some((child, child_owns)) => children.push((child, child_module, child_cfg, child_owns)),
                None => problems.push(format!(
                    "module `{}` declared in `{}` has no file ({})",
                    child_module.join("::"),
                    path.display(),
                    candidates(&path, owns_dir, decl)
                        .iter()
                        .map(|p| format!("`{}`", p.display()))
                        .collect::<Vec<_>>()
                        .join(" or ")
                )),
            }
        }
        files.push(ModFile { path, module, cfg, text });
        // Popped in reverse: the first declaration is analysed first.
        stack.extend(children.into_iter().rev());
    }
    (files, problems)
}

/// The directory a file's `mod x;` looks in: its own for a root or `mod.rs` file (or one
/// loaded through `#[path]`), else the one named after it.
fn base_dir(file: &Path, owns_dir: bool) -> PathBuf {
    let dir = file.parent().map(Path::to_path_buf).unwrap_or_default();
    if owns_dir {
        return dir;
    }
    match file.file_stem() {
        Some(stem) => dir.join(stem),
        None => dir,
    }
}

/// Where the declaration's file may be, in the order rustc tries them.
fn candidates(file: &Path, owns_dir: bool, decl: &ModDecl) -> Vec<PathBuf> {
    let mut dir = base_dir(file, owns_dir);
    if let Some(path) = &decl.path
        && decl.parents.is_empty()
    {
        // `#[path]` outside inline modules is relative to the declaring file's directory.
        return vec![file.parent().map(Path::to_path_buf).unwrap_or_default().join(path)];
    }
    for (name, path) in &decl.parents {
        dir = match path {
            Some(p) => dir.join(p),
            None => dir.join(name),
        };
    }
    if let Some(path) = &decl.path {
        return vec![dir.join(path)];
    }
    vec![dir.join(format!("{}.rs", decl.name)), dir.join(&decl.name).join("mod.rs")]
}

/// The declaration's file, and whether it owns its directory (`mod.rs`, or `#[path]`).
fn child_path(file: &Path, owns_dir: bool, decl: &ModDecl) -> Option<(PathBuf, bool)> {
    let found = candidates(file, owns_dir, decl).into_iter().find(|p| p.is_file())?;
    let owns = decl.path.is_some() || found.file_name().is_some_and(|n| n == "mod.rs");
    Some((found, owns))
}

#[cfg(test)]
mod tests {
    use super::tree;

    #[test]
    fn follows_mod_declarations_paths_and_inline_modules() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let write = |rel: &str, text: &str| {
            let p = root.join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        };
        write(
            "src/lib.rs",
            "mod a;\nmod b;\n#[path = \"other/c_file.rs\"] mod c;\nmod inl { mod d; }\n#[cfg(test)] mod t;\nmod gone;\n",
        );
        write("src/a.rs", "mod inner;\n");
        write("src/a/inner.rs", "");
        write("src/b/mod.rs", "mod deep;\n");
        write("src/b/deep.rs", "");
        write("src/other/c_file.rs", "mod e;\n");
        write("src/other/e.rs", "");
        write("src/inl/d.rs", "");
        write("src/t.rs", "");
        let (files, problems) = tree(&root.join("src/lib.rs"));
        let got: Vec<String> = files
            .iter()
            .map(|f| {
                let rel = f.path.strip_prefix(root).unwrap().display().to_string();
                format!(
                    "{rel}={}{}",
                    f.module.join("::"),
                    f.cfg.as_deref().map(|c| format!(" cfg({c})")).unwrap_or_default()
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                "src/lib.rs=",
                "src/a.rs=a",
                "src/a/inner.rs=a::inner",
                "src/b/mod.rs=b",
                "src/b/deep.rs=b::deep",
                "src/other/c_file.rs=c",
                "src/other/e.rs=c::e",
                "src/inl/d.rs=inl::d",
                "src/t.rs=t cfg(test)",
            ]
        );
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("module `gone`") && problems[0].contains("gone.rs"), "{}", problems[0]);
    }
}
