//! Which edition a file is analysed in: `--edition`, else the file's own `//@ edition` line,
//! else `package.edition` of the nearest `Cargo.toml` above it (or its workspace's, through
//! `edition.workspace = true`), else 2024, what `cargo new` and the Playground use.
//!
//! In: the flag, the file's path and text. Out: the edition and where it came from, plus a
//! warning when a manifest could not be read.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use futurelens_analyzer::{Edition, EditionSource};

/// The edition to analyse `path` (whose text is `src`) in.
pub fn resolve(flag: Option<Edition>, path: &Path, src: &str) -> (Edition, EditionSource, Option<String>) {
    if let Some(edition) = flag {
        return (edition, EditionSource::Flag, None);
    }
    if let Some(edition) = Edition::declared_in(src) {
        return (edition, EditionSource::Directive, None);
    }
    if path.as_os_str() == "-" {
        return (Edition::default(), EditionSource::Default, None);
    }
    match from_manifest(path) {
        Ok(Some((edition, manifest))) => (edition, EditionSource::Manifest(manifest), None),
        Ok(None) => (Edition::default(), EditionSource::Default, None),
        Err(warning) => (Edition::default(), EditionSource::Default, Some(warning)),
    }
}

/// The nearest `Cargo.toml` above `path`, looked up once per directory (a directory run asks
/// for every file).
fn nearest_manifest(start: &Path) -> Option<PathBuf> {
    static FOUND: OnceLock<Mutex<HashMap<PathBuf, Option<PathBuf>>>> = OnceLock::new();
    let absolute = std::path::absolute(start).ok()?;
    let dir = absolute.parent()?;
    let cache = FOUND.get_or_init(Mutex::default);
    if let Some(known) = cache.lock().ok().and_then(|c| c.get(dir).cloned()) {
        return known;
    }
    let found = dir.ancestors().map(|dir| dir.join("Cargo.toml")).find(|m| m.is_file());
    if let Ok(mut c) = cache.lock() {
        c.insert(dir.to_path_buf(), found.clone());
    }
    found
}

fn read_table(manifest: &Path) -> Result<toml::Table, String> {
    let text = std::fs::read_to_string(manifest).map_err(|e| format!("cannot read `{}`: {e}", manifest.display()))?;
    text.parse::<toml::Table>().map_err(|e| {
        let first = e.to_string().lines().next().unwrap_or_default().to_string();
        format!("cannot read the edition from `{}`: {first}", manifest.display())
    })
}

type ManifestEdition = Result<Option<(Edition, String)>, String>;

/// The edition of the package whose manifest is nearest above `path`; `None` when that
/// manifest has no `[package]` (a virtual workspace) or there is none. Each manifest is read
/// once per run (a directory run asks for every file).
fn from_manifest(path: &Path) -> ManifestEdition {
    static READ: OnceLock<Mutex<HashMap<PathBuf, ManifestEdition>>> = OnceLock::new();
    let Some(manifest) = nearest_manifest(path) else { return Ok(None) };
    let cache = READ.get_or_init(Mutex::default);
    if let Some(known) = cache.lock().ok().and_then(|c| c.get(&manifest).cloned()) {
        return known;
    }
    let result = read_manifest(&manifest);
    if let Ok(mut c) = cache.lock() {
        c.insert(manifest, result.clone());
    }
    result
}

fn read_manifest(manifest: &Path) -> ManifestEdition {
    let table = read_table(manifest)?;
    let Some(package) = table.get("package").and_then(|p| p.as_table()) else { return Ok(None) };
    let shown = manifest.display().to_string();
    let edition = match package.get("edition") {
        None => return Err(format!("`{shown}` has no `package.edition` (edition 2015, which has no `async fn`)")),
        Some(toml::Value::String(e)) => e.clone(),
        Some(toml::Value::Table(t)) if t.get("workspace").and_then(|w| w.as_bool()) == Some(true) => {
            workspace_edition(manifest)?
        }
        Some(_) => return Err(format!("`{shown}`: `package.edition` is not an edition")),
    };
    let edition: Edition = edition.parse().map_err(|e| format!("`{shown}`: {e}"))?;
    Ok(Some((edition, shown)))
}

/// `workspace.package.edition` of the workspace root above a member's manifest.
fn workspace_edition(member: &Path) -> Result<String, String> {
    let dirs = member.parent().into_iter().flat_map(Path::ancestors);
    for dir in dirs {
        let candidate = dir.join("Cargo.toml");
        if !candidate.is_file() {
            continue;
        }
        let table = read_table(&candidate)?;
        let Some(workspace) = table.get("workspace").and_then(|w| w.as_table()) else { continue };
        return workspace
            .get("package")
            .and_then(|p| p.get("edition"))
            .and_then(|e| e.as_str())
            .map(str::to_string)
            .ok_or_else(|| {
                format!(
                    "`{}` says `edition.workspace = true`, but `{}` has no `workspace.package.edition`",
                    member.display(),
                    candidate.display()
                )
            });
    }
    Err(format!("`{}` says `edition.workspace = true`, but no workspace root is above it", member.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, rel: &str, text: &str) -> PathBuf {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&path, text).expect("write");
        path
    }

    #[test]
    fn order_of_sources() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = write(dir.path(), "pkg/src/lib.rs", "async fn f() {}");
        write(dir.path(), "pkg/Cargo.toml", "[package]\nname = \"p\"\nedition = \"2021\"\n");
        let (e, source, _) = resolve(None, &file, "async fn f() {}");
        assert_eq!(e, Edition::E2021);
        assert!(matches!(source, EditionSource::Manifest(m) if m.ends_with("Cargo.toml")));
        let (e, source, _) = resolve(None, &file, "//@ edition: 2018\nasync fn f() {}");
        assert_eq!((e, source), (Edition::E2018, EditionSource::Directive));
        let (e, source, _) = resolve(Some(Edition::E2024), &file, "//@ edition: 2018\n");
        assert_eq!((e, source), (Edition::E2024, EditionSource::Flag));
    }

    #[test]
    fn workspace_inheritance_and_virtual_manifests() {
        let dir = tempfile::tempdir().expect("tempdir");
        write(dir.path(), "Cargo.toml", "[workspace]\nmembers = [\"a\"]\n[workspace.package]\nedition = \"2021\"\n");
        write(dir.path(), "a/Cargo.toml", "[package]\nname = \"a\"\nedition.workspace = true\n");
        let file = write(dir.path(), "a/src/main.rs", "");
        assert_eq!(resolve(None, &file, "").0, Edition::E2021);
        // A file beside the virtual manifest belongs to no package: the default.
        let loose = write(dir.path(), "loose.rs", "");
        assert_eq!(resolve(None, &loose, "").1, EditionSource::Default);
    }

    #[test]
    fn unreadable_manifest_is_a_warning() {
        let dir = tempfile::tempdir().expect("tempdir");
        write(dir.path(), "Cargo.toml", "[package\n");
        let file = write(dir.path(), "x.rs", "");
        let (e, source, warning) = resolve(None, &file, "");
        assert_eq!((e, source), (Edition::E2024, EditionSource::Default));
        assert!(warning.is_some_and(|w| w.contains("cannot read the edition")));
    }
}
