//! One file per future (`--split`, or `-o DIR/`): the directory is made if need be, and
//! every file is written atomically, named after its future.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::output;

/// Whether `-o PATH` asks for a directory: a path ending in `/` (an existing directory
/// without it stays an error, as for any output file).
pub fn is_directory(path: &Path) -> bool {
    let text = path.to_string_lossy();
    text.ends_with('/') || text.ends_with(std::path::MAIN_SEPARATOR)
}

/// The directory to write one file per future into, if the arguments ask for one:
/// `--split` needs `-o DIR`; `-o DIR/` alone is enough.
pub fn target(split: bool, output: Option<&Path>) -> Result<Option<PathBuf>> {
    match (split, output) {
        (true, None) => bail!("`--split` writes one file per future: give the directory with `-o DIR`"),
        (true, Some(dir)) => Ok(Some(dir.to_path_buf())),
        (false, Some(path)) if is_directory(path) => Ok(Some(path.to_path_buf())),
        (false, _) => Ok(None),
    }
}

/// A file name for a future: its name with every character other than letters, digits,
/// `-` and `_` made `_` (`Server::handle` → `Server__handle`), unique among `taken`.
pub fn file_stem(name: &str, taken: &mut Vec<String>) -> String {
    let mut stem: String =
        name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect();
    if stem.is_empty() {
        stem.push_str("future");
    }
    let mut unique = stem.clone();
    let mut n = 2;
    while taken.contains(&unique) {
        unique = format!("{stem}-{n}");
        n += 1;
    }
    taken.push(unique.clone());
    unique
}

/// Writes each `(name, text)` to `dir/<stem>.<extension>`; returns the paths written.
pub fn write_all(dir: &Path, files: &[(String, String)], extension: &str) -> Result<Vec<PathBuf>> {
    if dir.exists() && !dir.is_dir() {
        bail!("cannot write into `{}`: it is a file, not a directory", dir.display());
    }
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create the directory `{}`", dir.display()))?;
    let mut taken = Vec::new();
    let mut written = Vec::new();
    for (name, text) in files {
        let path = dir.join(format!("{}.{extension}", file_stem(name, &mut taken)));
        output::write_atomically(&path, text.as_bytes())?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_are_safe_and_unique() {
        let mut taken = Vec::new();
        assert_eq!(file_stem("Server::handle", &mut taken), "Server__handle");
        assert_eq!(file_stem("async block@12:5", &mut taken), "async_block_12_5");
        assert_eq!(file_stem("Server::handle", &mut taken), "Server__handle-2");
        assert_eq!(file_stem("<A as T>::m", &mut taken), "_A_as_T___m");
    }
}
