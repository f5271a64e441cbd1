//! The fuzz targets' invariants, replayed on stable over every committed corpus file
//! (`fuzz/corpus/<target>/*`), so the README test command checks them without nightly or
//! libFuzzer. The checks are the fuzz crate's own (`fuzz/src`), included here, not copied.
//! Live fuzzing: `fuzz/run.sh <seconds>` (see `fuzz/README.md`).

#[path = "../../fuzz/src/lib.rs"]
mod invariants;

use std::path::{Path, PathBuf};

/// Fewer seeds than this means the corpus went missing.
const MIN_SEEDS: usize = 20;

fn corpus(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fuzz/corpus")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("corpus entry").path())
        .collect();
    files.sort();
    files
}

/// Runs `target`'s check on each of its corpus files; reports every file that breaks an
/// invariant, not just the first.
fn replay(target: &str) {
    let (_, check) = invariants::TARGETS
        .iter()
        .find(|(name, _)| *name == target)
        .expect("a fuzz target of that name");
    let files = corpus(target);
    assert!(
        files.len() >= MIN_SEEDS,
        "{target}: {} corpus files",
        files.len()
    );
    let failures: Vec<String> = files
        .iter()
        .filter_map(|file| {
            let data = std::fs::read(file).expect("readable corpus file");
            std::panic::catch_unwind(|| check(&data))
                .err()
                .map(|panic| {
                    let message = panic
                        .downcast_ref::<String>()
                        .map(String::as_str)
                        .or_else(|| panic.downcast_ref::<&str>().copied())
                        .unwrap_or("(no message)");
                    format!("{}: {message}", file.display())
                })
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} {target} inputs break an invariant:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}

#[test]
fn origin_corpus_round_trips_and_matches_the_reference() {
    replay("origin");
}

#[test]
fn pattern_corpus_matches_only_dot_bounded_subdomains() {
    replay("pattern");
}

#[test]
fn header_list_corpus_stays_within_bounds() {
    replay("header_list");
}

#[test]
fn evaluate_corpus_plans_are_safe() {
    replay("evaluate");
}

#[test]
fn every_target_is_replayed() {
    let names: Vec<&str> = invariants::TARGETS.iter().map(|(name, _)| *name).collect();
    let mut dirs: Vec<String> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/corpus"))
            .expect("fuzz/corpus")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
    dirs.sort();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(dirs, sorted, "one corpus folder per fuzz target");
}
