//! Workspace-level tests live in `tests/`. This library holds what several of them, and the soak
//! binaries in `src/bin`, share.

pub mod routes;
pub mod soak;
