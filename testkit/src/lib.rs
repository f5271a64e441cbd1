//! Test helpers written once and shared by cors-core's integration tests, the workspace tests,
//! the benchmarks and the fuzz targets: [`Request`], a cors-core request made of a method and
//! field lines, and [`CountingAllocator`], a global allocator that counts what each thread
//! allocates.
//!
//! Helpers that need actix (reading a response's CORS headers) live in `tests/tests/common/`.

mod alloc;
mod request;

pub use alloc::{CountingAllocator, Usage};
pub use request::{Bytes, Request};
