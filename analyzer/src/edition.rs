//! Rust editions: which one a file is analysed in, and where that choice came from.
//!
//! In: an edition name (`2021`), or a source file's text (its `//@ edition: 2024` line). Out:
//! [`Edition`] and [`EditionSource`]. The rules that differ between editions live where they
//! apply (temporary scopes in `lower`, captures in `lower::captures_to_upvars`); this module
//! only names the editions. Reading `Cargo.toml` is I/O, so the CLI does it.

use std::fmt;
use std::str::FromStr;

/// A Rust edition. Async code needs 2018 or later.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Edition {
    E2018,
    E2021,
    /// What `cargo new` and the Playground use, and so the default.
    #[default]
    E2024,
}

impl Edition {
    pub const ALL: [Edition; 3] = [Edition::E2018, Edition::E2021, Edition::E2024];

    pub fn as_str(self) -> &'static str {
        match self {
            Edition::E2018 => "2018",
            Edition::E2021 => "2021",
            Edition::E2024 => "2024",
        }
    }

    /// RFC 2229: closures and async blocks capture disjoint fields, not whole variables.
    pub fn captures_disjoint_fields(self) -> bool {
        self >= Edition::E2021
    }

    /// RFC 3606: the temporaries of a block's tail expression are dropped at the end of the
    /// block, before its locals, rather than at the end of the enclosing statement.
    pub fn tail_temporaries_end_with_block(self) -> bool {
        self >= Edition::E2024
    }

    /// `if_let_rescope`: the temporaries of an `if let` scrutinee are dropped before `else`.
    pub fn if_let_rescope(self) -> bool {
        self >= Edition::E2024
    }

    /// The edition a source file declares with a `//@ edition: N` line (the directive rustc's
    /// own tests use) among its leading comment lines.
    pub fn declared_in(src: &str) -> Option<Edition> {
        for line in src.lines().map(str::trim) {
            if line.is_empty() {
                continue;
            }
            if !line.starts_with("//") && !line.starts_with("#!") {
                return None;
            }
            let Some(rest) = line.strip_prefix("//@") else { continue };
            let Some(value) = rest.trim().strip_prefix("edition") else { continue };
            let value = value.trim_start().strip_prefix(':').unwrap_or(value).trim();
            return value.parse().ok();
        }
        None
    }
}

impl fmt::Display for Edition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Edition {
    type Err = String;

    fn from_str(text: &str) -> Result<Edition, String> {
        match text.trim() {
            "2018" => Ok(Edition::E2018),
            "2021" => Ok(Edition::E2021),
            "2024" => Ok(Edition::E2024),
            "2015" => Err("edition 2015 has no `async fn`: use 2018, 2021 or 2024".into()),
            other => Err(format!("`{other}` is not an edition: use 2018, 2021 or 2024")),
        }
    }
}

/// Where the edition of an analysis came from, for the headers that report it.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum EditionSource {
    /// `--edition` on the command line.
    Flag,
    /// The file's `//@ edition` line.
    Directive,
    /// `package.edition` of this `Cargo.toml` (or its workspace's, through `edition.workspace`).
    Manifest(String),
    /// Nothing said which: the default.
    #[default]
    Default,
}

impl EditionSource {
    /// A short phrase: "from --edition", "from Cargo.toml at ...".
    pub fn describe(&self) -> String {
        match self {
            EditionSource::Flag => "from --edition".into(),
            EditionSource::Directive => "from the file's `//@ edition` line".into(),
            EditionSource::Manifest(path) => format!("from {path}"),
            EditionSource::Default => "the default: no --edition, no `//@ edition` line, no Cargo.toml".into(),
        }
    }

    pub fn kind(&self) -> &'static str {
        match self {
            EditionSource::Flag => "flag",
            EditionSource::Directive => "directive",
            EditionSource::Manifest(_) => "manifest",
            EditionSource::Default => "default",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directive() {
        assert_eq!(Edition::declared_in("//@ edition: 2024\nfn f() {}"), Some(Edition::E2024));
        assert_eq!(Edition::declared_in("//@ edition:2018\n"), Some(Edition::E2018));
        assert_eq!(Edition::declared_in("#![allow(x)]\n// text\n//@ edition: 2021\n"), Some(Edition::E2021));
        assert_eq!(Edition::declared_in("fn f() {}\n//@ edition: 2021\n"), None);
        assert_eq!(Edition::declared_in("//! docs\n"), None);
    }

    #[test]
    fn names() {
        assert_eq!("2021".parse::<Edition>(), Ok(Edition::E2021));
        assert!("2015".parse::<Edition>().unwrap_err().contains("2018"));
        assert!("21".parse::<Edition>().is_err());
        assert_eq!(Edition::default(), Edition::E2024);
    }
}
