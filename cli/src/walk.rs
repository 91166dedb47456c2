//! Finding the `.rs` files under a directory: sorted, skipping `target/` and hidden
//! directories, never following symbolic links (so no loops).

use std::path::{Path, PathBuf};

/// Every `.rs` file under `root`, in a stable order, plus the directories that could not be
/// read (with the reason).
pub fn rust_files(root: &Path) -> (Vec<PathBuf>, Vec<(PathBuf, std::io::Error)>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) => {
                errors.push((dir, e));
                continue;
            }
        };
        let mut children: Vec<(PathBuf, std::fs::FileType)> =
            entries.filter_map(|e| e.ok()).filter_map(|e| e.file_type().ok().map(|t| (e.path(), t))).collect();
        children.sort_by(|a, b| a.0.cmp(&b.0));
        let mut subdirs = Vec::new();
        for (path, file_type) in children {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if file_type.is_dir() {
                if !name.starts_with('.') && name != "target" {
                    subdirs.push(path);
                }
            } else if file_type.is_file() && path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
        // Depth-first, in sorted order.
        stack.extend(subdirs.into_iter().rev());
    }
    files.sort();
    (files, errors)
}
