//! Reading the source to analyse, with messages that say what is wrong with a path.

use std::io::Read;
use std::path::Path;

use anyhow::{Result, bail};

/// A source file read into memory, with the name to show in messages.
pub struct Source {
    pub name: String,
    pub text: String,
}

pub fn read(path: &Path) -> Result<Source> {
    if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes).map_err(|e| anyhow::anyhow!("cannot read standard input: {e}"))?;
        return decode("<stdin>".into(), bytes);
    }
    let name = path.display().to_string();
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => bail!("`{name}` is a directory, not a file"),
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => bail!("`{name}` does not exist"),
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => bail!("cannot read `{name}`: permission denied"),
        Err(e) => bail!("cannot read `{name}`: {e}"),
    }
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => bail!("cannot read `{name}`: permission denied"),
        Err(e) => bail!("cannot read `{name}`: {e}"),
    };
    decode(name, bytes)
}

fn decode(name: String, bytes: Vec<u8>) -> Result<Source> {
    if bytes.contains(&0) {
        bail!("`{name}` is not Rust source: it contains NUL bytes (a binary file?)");
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Source { name, text }),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let valid = &e.as_bytes()[..at];
            let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
            bail!(
                "`{name}` is not valid UTF-8 (invalid byte at line {line}, byte offset {at}); Rust source must be UTF-8"
            )
        }
    }
}
