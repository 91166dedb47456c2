//! Writing results: to standard output, or atomically to a file (a temporary file in the same
//! directory, renamed over the target once complete, so no half-written file is ever left).

use std::io::{self, Write};
use std::path::Path;

use anyhow::{Context, Result};

/// Writes `text` to `path`, or to standard output when there is no path.
pub fn emit(text: &str, path: Option<&Path>) -> Result<()> {
    match path {
        // A file gets plain text: colour is for terminals.
        Some(path) => write_atomically(path, anstream::adapter::strip_str(text).to_string().as_bytes()),
        None => {
            let mut out = anstream::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.flush()?;
            Ok(())
        }
    }
}

pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("cannot write `{}`: cannot create a file in `{}`", path.display(), dir.display()))?;
    tmp.write_all(bytes).with_context(|| format!("cannot write `{}`", path.display()))?;
    tmp.as_file().sync_all().ok();
    tmp.persist(path).map_err(|e| e.error).with_context(|| format!("cannot write `{}`", path.display()))?;
    Ok(())
}

/// Whether an error is a closed pipe on standard output (`futurelens ... | head`).
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| cause.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe))
}
