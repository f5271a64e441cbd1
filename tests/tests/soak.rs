//! The short soak: the soak server (this package's `soak_server` binary) under the mixed load of
//! `cors_tests::soak`, bounded by a request count. The long form is `scripts/soak.sh`.

use cors_tests::soak::{Bound, run};

/// Requests in the short form: about ten seconds of a debug build on two shared cores.
const REQUESTS: u64 = 50_000;

#[test]
fn mixed_load_is_answered_correctly_without_panics_or_memory_growth() {
    let report = run(
        env!("CARGO_BIN_EXE_soak_server"),
        4,
        Bound::Requests(REQUESTS),
    )
    .expect("the soak server starts");
    println!("{report}");
    assert_eq!(report.problems(), Vec::<String>::new(), "{report}");
    assert!(report.ok >= REQUESTS, "{report}");
}
