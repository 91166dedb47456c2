//! Writing results: to standard output, or atomically to a file (a temporary file in the same
//! directory, renamed over the target once complete, so no half-written file is ever left),
//! all at once ([`emit`]) or as the output is made ([`Streaming`]).

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use futurelens_analyzer::render;

/// Writes `text` to `path`, or to standard output when there is no path.
pub fn emit(text: &str, path: Option<&Path>) -> Result<()> {
    match path {
        // A file gets plain text: colour is for terminals.
        // Text without an escape holds no colour: it is written as it is, not copied.
        Some(path) if !text.contains('\x1b') => write_atomically(path, text.as_bytes()),
        Some(path) => write_atomically(path, anstream::adapter::strip_str(text).to_string().as_bytes()),
        None => Ok(write_styled(io::stdout().lock(), anstream::AutoStream::choice(&io::stdout()), text)?),
    }
}

/// Writes `text` (which may hold colour escapes, stripped when the stream takes no colour) to
/// standard error in one go: diagnostics come in many small pieces, and standard error is not
/// buffered.
pub fn to_stderr(text: &str) {
    // Standard error gone is nothing to report on standard error.
    let _ = write_styled(io::stderr().lock(), anstream::AutoStream::choice(&io::stderr()), text);
}

/// Writes `text` to `stream` in one call, without its colour escapes when `choice` (the
/// stream's resolved choice) takes no colour.
fn write_styled(mut stream: impl Write, choice: anstream::ColorChoice, text: &str) -> io::Result<()> {
    if choice == anstream::ColorChoice::Never && text.contains('\x1b') {
        stream.write_all(anstream::adapter::strip_str(text).to_string().as_bytes())?;
    } else {
        stream.write_all(text.as_bytes())?;
    }
    stream.flush()
}

/// Writes `bytes` to `path` through a temporary file in the same directory, renamed over
/// `path` once complete. The file gets the permissions any new file gets (`0o666` less the
/// umask: 0644 under the usual umask 022), or, when it replaces a file, that file's.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut file = OutputFile::create(path)?;
    file.write(bytes)?;
    file.commit()
}

/// A file being written: a temporary file renamed over the target by [`OutputFile::commit`],
/// or a device, FIFO or socket written in place.
enum OutputFile {
    InPlace(PathBuf, BufWriter<std::fs::File>),
    Temporary(PathBuf, BufWriter<tempfile::NamedTempFile>),
}

impl OutputFile {
    fn create(path: &Path) -> Result<OutputFile> {
        let cannot = || format!("cannot write `{}`", path.display());
        if path.is_dir() {
            bail!("{}: it is a directory", cannot());
        }
        // A device, a FIFO or a socket (`-o /dev/null`, `-o /dev/stderr`, a named pipe) is
        // written to in place: renaming a file over it would replace it with a regular file.
        if let Ok(existing) = std::fs::metadata(path)
            && !existing.is_file()
        {
            let out = std::fs::OpenOptions::new().write(true).open(path).with_context(cannot)?;
            return Ok(OutputFile::InPlace(path.to_path_buf(), BufWriter::new(out)));
        }
        let (target, tmp) = temporary_beside(path)?;
        Ok(OutputFile::Temporary(target, BufWriter::with_capacity(1 << 16, tmp)))
    }

    fn write(&mut self, bytes: &[u8]) -> Result<()> {
        let (path, written) = match self {
            OutputFile::InPlace(path, out) => (path, out.write_all(bytes)),
            OutputFile::Temporary(path, out) => (path, out.write_all(bytes)),
        };
        written.with_context(|| format!("cannot write `{}`", path.display()))
    }

    /// Makes the written bytes the file's.
    fn commit(self) -> Result<()> {
        match self {
            OutputFile::InPlace(path, mut out) => {
                out.flush().with_context(|| format!("cannot write `{}`", path.display()))
            }
            OutputFile::Temporary(path, out) => {
                let cannot = || format!("cannot write `{}`", path.display());
                let tmp = out.into_inner().map_err(|e| e.into_error()).with_context(cannot)?;
                tmp.as_file().sync_all().ok();
                tmp.persist(&path).map_err(|e| e.error).with_context(cannot)?;
                Ok(())
            }
        }
    }
}

/// Output written as it is made: to standard output, or to a file, created at the first
/// write and complete (renamed over the target) only at [`Streaming::finish`]. Nothing
/// written, no file.
pub struct Streaming {
    path: Option<PathBuf>,
    stdout: Option<BufWriter<anstream::AutoStream<std::io::Stdout>>>,
    file: Option<OutputFile>,
}

impl Streaming {
    pub fn new(path: Option<&Path>) -> Streaming {
        Streaming { path: path.map(Path::to_path_buf), stdout: None, file: None }
    }

    pub fn write(&mut self, bytes: &[u8]) -> Result<()> {
        match &self.path {
            None => {
                let out = self.stdout.get_or_insert_with(|| BufWriter::with_capacity(1 << 16, anstream::stdout()));
                out.write_all(bytes)?;
                Ok(())
            }
            Some(path) => {
                if self.file.is_none() {
                    self.file = Some(OutputFile::create(path)?);
                }
                match &mut self.file {
                    Some(file) => file.write(bytes),
                    None => Ok(()),
                }
            }
        }
    }

    /// Flushes standard output, or makes the file complete.
    pub fn finish(self) -> Result<()> {
        if let Some(mut out) = self.stdout {
            out.flush()?;
        }
        match self.file {
            Some(file) => file.commit(),
            None => Ok(()),
        }
    }
}

/// A temporary file beside `path` (or beside the file a symbolic link at `path` names), with
/// the permissions the file will have, and the path it is to be renamed to.
fn temporary_beside(path: &Path) -> Result<(PathBuf, tempfile::NamedTempFile)> {
    let cannot = || format!("cannot write `{}`", path.display());
    // A symbolic link keeps pointing where it did: the file it names is the one replaced.
    let resolved;
    let path = if path.symlink_metadata().is_ok_and(|m| m.file_type().is_symlink())
        && let Ok(target) = std::fs::canonicalize(path)
    {
        resolved = target;
        resolved.as_path()
    } else {
        path
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // The mode goes to open(2), which takes the umask off it, as for any new file.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let tmp = builder.tempfile_in(dir).map_err(|e| anyhow::anyhow!("{}: {}", cannot(), cannot_create(&e, dir)))?;
    if let Ok(existing) = std::fs::metadata(path)
        && existing.is_file()
    {
        tmp.as_file().set_permissions(existing.permissions()).with_context(cannot)?;
    }
    Ok((path.to_path_buf(), tmp))
}

/// Why no file could be created in `dir`, in words that name `dir`, not the temporary file.
fn cannot_create(err: &io::Error, dir: &Path) -> String {
    let dir = dir.display();
    match err.kind() {
        io::ErrorKind::NotFound => format!("the directory `{dir}` does not exist"),
        io::ErrorKind::PermissionDenied => format!("permission denied in `{dir}`"),
        io::ErrorKind::NotADirectory => format!("`{dir}` is not a directory"),
        kind => match err.raw_os_error() {
            Some(code) => format!("cannot create a file in `{dir}`: {}", io::Error::from_raw_os_error(code)),
            None => format!("cannot create a file in `{dir}`: {kind}"),
        },
    }
}

/// Where text goes, for the width it is wrapped to.
#[derive(Clone, Copy, Debug)]
pub enum Stream {
    Stdout,
    Stderr,
}

/// The width to wrap text to: `COLUMNS` when it holds a number, else the terminal's when the
/// stream is one, else [`render::DEFAULT_WIDTH`].
pub fn width(stream: Stream) -> usize {
    if let Some(columns) = std::env::var("COLUMNS").ok().and_then(|c| c.trim().parse::<usize>().ok())
        && columns > 0
    {
        return columns;
    }
    let size = match stream {
        Stream::Stdout => terminal_size::terminal_size_of(io::stdout()),
        Stream::Stderr => terminal_size::terminal_size_of(io::stderr()),
    };
    size.map(|(w, _)| usize::from(w.0)).filter(|w| *w > 0).unwrap_or(render::DEFAULT_WIDTH)
}

/// The width of the output: the default in a file (`-o`), else standard output's.
pub fn output_width(path: Option<&Path>) -> usize {
    match path {
        Some(_) => render::DEFAULT_WIDTH,
        None => width(Stream::Stdout),
    }
}

/// Whether an error is a closed pipe on standard output (`futurelens ... | head`).
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| cause.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe))
}
