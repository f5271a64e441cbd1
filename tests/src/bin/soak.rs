//! Runs the soak (see `cors_tests::soak`) and prints its figures; exits 1 when it failed.
//! Usage: `soak SERVER_BINARY SECONDS [CONNECTIONS]`; `scripts/soak.sh` builds and calls it.

use std::time::Duration;

use cors_tests::soak::{Bound, run};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(server), Some(seconds)) = (args.first(), args.get(1).and_then(|s| s.parse().ok()))
    else {
        eprintln!("usage: soak SERVER_BINARY SECONDS [CONNECTIONS]");
        std::process::exit(2);
    };
    let connections = args.get(2).and_then(|c| c.parse().ok()).unwrap_or(4);
    let report = run(
        server,
        connections,
        Bound::Duration(Duration::from_secs(seconds)),
    )
    .unwrap_or_else(|e| panic!("cannot run the soak server {server}: {e}"));
    println!("{report}");
    let problems = report.problems();
    for problem in &problems {
        eprintln!("soak failed: {problem}");
    }
    std::process::exit(i32::from(!problems.is_empty()));
}
