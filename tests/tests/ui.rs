//! Compile-time errors of `#[cors]` and `policy!`: one failing case per file, each with the
//! reviewed `.stderr` it must produce, plus every routing composition that must compile.
//!
//! Regenerate snapshots deliberately with `TRYBUILD=overwrite cargo test -p cors-tests --test ui`
//! and review the diff.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("ui/fail/**/*.rs");
    t.pass("ui/pass/*.rs");
}
