//! Invariants of cors-core, checked on arbitrary bytes: by the cargo-fuzz targets in
//! `fuzz_targets/` (nightly, libFuzzer) and, on stable, by `tests/tests/fuzz_corpus.rs`, which
//! includes this module with `#[path]` and replays every file under `fuzz/corpus/<target>/`.
//!
//! Each `check` decodes its input, runs cors-core and panics when an invariant breaks; inputs that
//! do not decode are simply uninteresting. The reference checks in [`reference`] are written
//! independently of cors-core (simple, slow, obviously right), so a bug must be made twice to
//! go unnoticed.
//!
//! ```text
//! origin       the bytes are a request `Origin`
//! pattern      `configured pattern \n request origin`
//! header_list  `Access-Control-Request-Headers` field lines separated by `\n`
//! evaluate     one byte choosing a policy, then `METHOD \n name: value \n name: value ...`
//! ```

pub mod evaluate;
pub mod header_list;
pub mod origin;
pub mod pattern;
pub mod reference;

/// A target's check: panics when an invariant breaks.
pub type Check = fn(&[u8]);

/// Every target: its name (the corpus folder and the fuzz binary) and its check.
pub const TARGETS: [(&str, Check); 4] = [
    ("origin", origin::check),
    ("pattern", pattern::check),
    ("header_list", header_list::check),
    ("evaluate", evaluate::check),
];
