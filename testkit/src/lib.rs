//! Test helpers written once and shared by the workspace's tests, examples' tests, benchmarks and
//! fuzz targets, one home per kind:
//!
//! | kind | here | feature |
//! |---|---|---|
//! | a cors-core request, no framework | [`Request`] | — |
//! | a counting allocator | [`CountingAllocator`], [`Usage`] | — |
//! | ports on 127.0.0.1, a binary running on them | [`free_port`], [`Running`] | — |
//! | requests as a browser sends them, for actix services | [`preflight`], [`from_origin`] | `actix` |
//! | an actix response's CORS headers, read and asserted | [`header`], [`assert_headers`], .. | `actix` |
//! | the browser engines, through WebDriver | [`engines`] | `browser` |
//!
//! cors-core's tests, the benchmarks and the fuzz targets use the default (no feature), so they
//! build without actix or a WebDriver client.

mod alloc;
mod port;
mod request;
mod running;

pub use alloc::{CountingAllocator, Usage};
pub use port::{free_port, wait_until_listening};
pub use request::{Bytes, Request};
pub use running::Running;

#[cfg(feature = "actix")]
mod actix_request;
#[cfg(feature = "actix")]
mod response;

#[cfg(feature = "actix")]
pub use actix_request::{from_origin, preflight};
#[cfg(feature = "actix")]
pub use response::{
    Response, all, assert_headers, assert_no_cors, assert_refused, has_no_cors_headers, header,
};

#[cfg(feature = "browser")]
pub mod engines;
