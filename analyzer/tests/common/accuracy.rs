//! The agreement of the analysis with rustc over a directory of programs: the figures the
//! `accuracy` example prints and the accuracy ratchet test holds.

use std::path::{Path, PathBuf};

use futurelens_analyzer::layout::compare;
use futurelens_analyzer::{Edition, analyze, crosscheck};

#[derive(Default, Clone)]
pub struct Tally {
    pub files: usize,
    pub futures: usize,
    pub states_ok: usize,
    pub suspends: usize,
    pub suspends_ok: usize,
    pub missing: usize,
    pub extra: usize,
    pub estimated: usize,
    pub total_ok: usize,
    pub exact: usize,
    /// With rustc's numbers attached (what `--rustc` shows): futures with a size, and of
    /// those, the ones whose layout equals rustc's.
    pub rustc_sized: usize,
    pub rustc_exact: usize,
}

/// The `.rs` files of a directory (or the one file), sorted.
pub fn files_of(path: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = if path.is_file() {
        vec![path.to_path_buf()]
    } else {
        std::fs::read_dir(path).map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect()).unwrap_or_default()
    };
    files.retain(|p| p.extension().is_some_and(|e| e == "rs"));
    files.sort();
    files
}

/// Measures every file: the tally over all files first, then one per edition. With
/// `verbose`, every difference is printed.
pub fn measure(files: &[PathBuf], verbose: bool) -> Vec<(Option<Edition>, Tally)> {
    let mut tallies: Vec<(Option<Edition>, Tally)> = vec![(None, Tally::default())];
    tallies.extend(Edition::ALL.iter().map(|e| (Some(*e), Tally::default())));
    for path in files {
        let Ok(layouts) = super::rustc_layouts(path) else {
            println!("{}: does not compile, skipped", path.display());
            continue;
        };
        let src = std::fs::read_to_string(path).unwrap_or_default();
        let options = super::options_for(path, &src);
        let edition = options.edition;
        let analysis = analyze(&src, &options);
        let result = crosscheck::check(&analysis, &layouts);
        // Every future rustc lays out counts; one the analysis does not find fails every figure.
        let mut t = Tally { files: 1, futures: layouts.len(), ..Tally::default() };
        for f in &result.futures {
            t.states_ok += usize::from(f.states_match);
            t.suspends += f.suspends;
            t.suspends_ok += f.suspends_matching;
        }
        t.missing += result.missing.len();
        t.extra += result.extra.len();
        if verbose {
            for d in result.differences() {
                println!("{}: {d}", path.display());
            }
        }
        for (theirs, ours) in layouts.iter().zip(crosscheck::pairing(&analysis, &layouts)) {
            let Some(ours) = ours else {
                t.suspends += theirs.suspend_count();
                continue;
            };
            let Some(layout) = &ours.layout else {
                if verbose {
                    let why = ours.diagnostics.iter().map(|d| d.message.as_str()).collect::<Vec<_>>().join("; ");
                    println!("{}: no size for `{}`: {why}", path.display(), ours.name);
                }
                continue;
            };
            t.estimated += 1;
            t.total_ok += usize::from(layout.size == theirs.size);
            let diffs = compare::differences(ours, theirs);
            t.exact += usize::from(diffs.is_empty());
            if verbose {
                for d in diffs {
                    println!("{}: layout of `{}`: {d}", path.display(), ours.name);
                }
            }
        }
        let mut attached = analysis.clone();
        compare::attach(&mut attached, &layouts);
        for (theirs, ours) in layouts.iter().zip(crosscheck::pairing(&attached, &layouts)) {
            let Some(ours) = ours else { continue };
            if ours.layout.is_some() {
                t.rustc_sized += 1;
                let diffs = compare::differences(ours, theirs);
                t.rustc_exact += usize::from(diffs.is_empty());
                if verbose {
                    for d in diffs {
                        println!("{}: with rustc's numbers, layout of `{}`: {d}", path.display(), ours.name);
                    }
                }
            }
        }
        for (e, total) in &mut tallies {
            if e.is_none_or(|e| e == edition) {
                total.add(&t);
            }
        }
    }
    tallies
}

impl Tally {
    pub fn add(&mut self, o: &Tally) {
        self.files += o.files;
        self.futures += o.futures;
        self.states_ok += o.states_ok;
        self.suspends += o.suspends;
        self.suspends_ok += o.suspends_ok;
        self.missing += o.missing;
        self.extra += o.extra;
        self.estimated += o.estimated;
        self.total_ok += o.total_ok;
        self.exact += o.exact;
        self.rustc_sized += o.rustc_sized;
        self.rustc_exact += o.rustc_exact;
    }
}

pub fn report(t: &Tally) {
    let pct = |a: usize, b: usize| if b == 0 { 100.0 } else { a as f64 * 100.0 / b as f64 };
    println!("files: {}", t.files);
    println!(
        "futures rustc lays out: {} (not found by the analysis: {}; found but not laid out by rustc: {})",
        t.futures, t.missing, t.extra
    );
    println!("states match: {}/{} = {:.1}%", t.states_ok, t.futures, pct(t.states_ok, t.futures));
    println!(
        "saved locals match: {}/{} suspend points = {:.1}%",
        t.suspends_ok,
        t.suspends,
        pct(t.suspends_ok, t.suspends)
    );
    println!("with an estimated size: {}/{} = {:.1}%", t.estimated, t.futures, pct(t.estimated, t.futures));
    println!("total size equal to rustc's: {}/{} = {:.1}%", t.total_ok, t.estimated, pct(t.total_ok, t.estimated));
    println!("whole layout equal to rustc's: {}/{} = {:.1}%", t.exact, t.estimated, pct(t.exact, t.estimated));
    println!(
        "with rustc's numbers (--rustc): sized {}/{} = {:.1}%, whole layout equal {}/{} = {:.1}%",
        t.rustc_sized,
        t.futures,
        pct(t.rustc_sized, t.futures),
        t.rustc_exact,
        t.rustc_sized,
        pct(t.rustc_exact, t.rustc_sized)
    );
}
