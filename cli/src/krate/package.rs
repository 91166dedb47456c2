//! Which package and targets to look at, from `cargo metadata`.
//!
//! In: the selection flags (`--manifest-path`, `--package`, `--lib`, `--bin`, `--all-targets`,
//! features). Out: the targets to analyse, each with its root file and edition, and the
//! budgets of `[package.metadata.futurelens]`.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use cargo_metadata::{Metadata, MetadataCommand, Package, TargetKind};
use futurelens_analyzer::Edition;

use super::Selection;

/// One target of a package: what `cargo rustc --lib` (or `--bin NAME`...) builds.
#[derive(Clone, Debug)]
pub struct Target {
    pub package: String,
    pub manifest: PathBuf,
    pub kind: Kind,
    pub name: String,
    pub root: PathBuf,
    pub edition: Edition,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Lib,
    Bin,
    Example,
    Test,
}

impl Kind {
    pub fn word(self) -> &'static str {
        match self {
            Kind::Lib => "lib",
            Kind::Bin => "bin",
            Kind::Example => "example",
            Kind::Test => "test",
        }
    }

    /// The flag of `cargo rustc` that selects a target of this kind.
    pub fn flag(self) -> &'static str {
        match self {
            Kind::Lib => "--lib",
            Kind::Bin => "--bin",
            Kind::Example => "--example",
            Kind::Test => "--test",
        }
    }
}

impl Target {
    pub fn describe(&self) -> String {
        match self.kind {
            Kind::Lib => format!("{} (lib)", self.package),
            kind => format!("{} ({} `{}`)", self.package, kind.word(), self.name),
        }
    }
}

/// The workspace as cargo describes it, with the targets selected.
pub struct Workspace {
    pub root: PathBuf,
    pub targets: Vec<Target>,
    /// `[package.metadata.futurelens]` of each selected package, by package name.
    pub budgets: Vec<(String, serde_json::Value)>,
}

/// Runs `cargo metadata` and picks the targets.
pub fn load(select: &Selection) -> Result<Workspace> {
    let metadata = metadata(select)?;
    let packages = packages(&metadata, select)?;
    let mut targets = Vec::new();
    let mut budgets = Vec::new();
    for package in &packages {
        let chosen = targets_of(package, select)?;
        if chosen.is_empty() {
            continue;
        }
        for t in chosen {
            let kind = match t.kind.first() {
                Some(TargetKind::Bin) => Kind::Bin,
                Some(TargetKind::Example) => Kind::Example,
                Some(TargetKind::Test) => Kind::Test,
                _ => Kind::Lib,
            };
            targets.push(Target {
                package: package.name.to_string(),
                manifest: package.manifest_path.clone().into_std_path_buf(),
                kind,
                name: t.name.clone(),
                root: t.src_path.clone().into_std_path_buf(),
                edition: edition(t.edition.as_str()),
            });
        }
        if let Some(own) = package.metadata.get("futurelens") {
            budgets.push((package.name.to_string(), own.clone()));
        }
    }
    if targets.is_empty() {
        bail!("nothing to analyse: the selected package{} no target the flags select", plural_has(packages.len()));
    }
    Ok(Workspace { root: metadata.workspace_root.clone().into_std_path_buf(), targets, budgets })
}

fn plural_has(n: usize) -> &'static str {
    if n == 1 { " has" } else { "s have" }
}

fn metadata(select: &Selection) -> Result<Metadata> {
    let mut cmd = MetadataCommand::new();
    if let Some(path) = &select.manifest_path {
        if !path.is_file() {
            bail!("`{}` does not exist: `--manifest-path` names a package's Cargo.toml", path.display());
        }
        cmd.manifest_path(path);
    } else if find_manifest(&std::env::current_dir().context("cannot read the current directory")?).is_none() {
        bail!(
            "could not find `Cargo.toml` in the current directory or any parent: run `cargo futurelens` in a \
             package, or give `--manifest-path PATH/Cargo.toml` (`futurelens analyze FILE` reads a single file)"
        );
    }
    cmd.no_deps();
    // Features are checked by cargo itself in the build; here they only must parse.
    let mut other = Vec::new();
    if !select.features.is_empty() {
        other.push(format!("--features={}", select.features.join(",")));
    }
    if select.all_features {
        other.push("--all-features".into());
    }
    if select.no_default_features {
        other.push("--no-default-features".into());
    }
    cmd.other_options(other);
    cmd.exec().map_err(|e| match e {
        cargo_metadata::Error::CargoMetadata { stderr } => {
            anyhow::anyhow!("`cargo metadata` failed:\n{}", stderr.trim_end())
        }
        other => anyhow::anyhow!("cannot run `cargo metadata`: {other}"),
    })
}

fn find_manifest(dir: &Path) -> Option<PathBuf> {
    dir.ancestors().map(|d| d.join("Cargo.toml")).find(|p| p.is_file())
}

/// The packages `--package` names, else the package of the current directory (the manifest's),
/// else (a virtual workspace) its default members.
fn packages<'m>(metadata: &'m Metadata, select: &Selection) -> Result<Vec<&'m Package>> {
    let members = metadata.workspace_packages();
    if !select.package.is_empty() {
        let mut out = Vec::new();
        for name in &select.package {
            match members.iter().find(|p| p.name.as_str() == name.as_str()) {
                Some(p) => out.push(*p),
                None => {
                    let names: Vec<&str> = members.iter().map(|p| p.name.as_str()).collect();
                    bail!(
                        "package `{name}` is not a member of the workspace at `{}`\n  its packages are: {}",
                        metadata.workspace_root,
                        names.join(", ")
                    );
                }
            }
        }
        return Ok(out);
    }
    if let Some(root) = metadata.root_package() {
        return Ok(vec![root]);
    }
    let defaults = metadata.workspace_default_packages();
    Ok(if defaults.is_empty() { members } else { defaults })
}

fn targets_of<'p>(package: &'p Package, select: &Selection) -> Result<Vec<&'p cargo_metadata::Target>> {
    let is_lib = |t: &&cargo_metadata::Target| t.is_lib() || t.is_proc_macro() || t.kind.iter().any(is_lib_kind);
    let lib = package.targets.iter().find(is_lib);
    let bins: Vec<&cargo_metadata::Target> = package.targets.iter().filter(|t| t.is_bin()).collect();
    let mut out: Vec<&cargo_metadata::Target> = Vec::new();
    let explicit = select.lib || !select.bin.is_empty() || select.all_targets;
    if select.all_targets {
        out.extend(lib);
        out.extend(bins.iter().copied());
        out.extend(package.targets.iter().filter(|t| t.is_example() || t.is_test()));
        return Ok(out);
    }
    if select.lib {
        match lib {
            Some(lib) => out.push(lib),
            None if select.package.is_empty() => bail!("package `{}` has no library target (`--lib`)", package.name),
            None => {}
        }
    }
    for name in &select.bin {
        match bins.iter().find(|t| t.name == *name) {
            Some(t) => out.push(t),
            None => {
                let names: Vec<&str> = bins.iter().map(|t| t.name.as_str()).collect();
                bail!(
                    "package `{}` has no binary `{name}`{}",
                    package.name,
                    if names.is_empty() {
                        String::new()
                    } else {
                        format!("\n  its binaries are: {}", names.join(", "))
                    }
                );
            }
        }
    }
    if !explicit {
        match lib {
            Some(lib) => out.push(lib),
            None => out.extend(bins.iter().copied()),
        }
    }
    Ok(out)
}

fn is_lib_kind(kind: &TargetKind) -> bool {
    matches!(kind, TargetKind::Lib | TargetKind::RLib | TargetKind::DyLib | TargetKind::CDyLib | TargetKind::StaticLib)
}

fn edition(text: &str) -> Edition {
    text.parse().unwrap_or_default()
}
