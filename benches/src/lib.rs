//! What every benchmark of this crate shares: four one-route apps that differ only in their CORS
//! layer, the request scenarios sent to them, and the cors-core micro cases.
//!
//! - `benches/requests.rs` and `benches/core.rs`: criterion (wall clock, noisy on a shared machine).
//! - `src/bin/cors-count.rs`: a loop run under valgrind by `count.sh` (instructions, allocations).
//! - `src/bin/cors-server.rs`: the same apps over loopback for `load.sh` (wrk).
//!
//! `BENCHMARKS.md` at the repository root has the method and the figures; `run-all.sh`
//! regenerates them.

pub mod apps;
pub mod core_cases;
pub mod floor;
pub mod scenarios;

pub use apps::AppKind;
pub use scenarios::Scenario;

/// The origin every policy allows.
pub const ALLOWED: &str = "https://app.example";
/// An origin no policy allows.
pub const DISALLOWED: &str = "https://evil.example";
/// An origin no list names, which the run-time checks of the `*-check` apps admit.
pub const TENANT: &str = "https://tenant.example";
