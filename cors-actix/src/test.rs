//! What a browser would do, in `cargo test`: a page's `fetch()` sent through an actix service
//! as a browser sends it (the preflight when one is due, then the actual request only if the
//! preflight passed, `Origin` included), and what the page gets: allowed or blocked and why, in
//! the console's words, whether a preflight went out, the status and the headers it can read.
//!
//! ```
//! use actix_web::{App, HttpResponse, put, test};
//! use cors_actix::cors;
//! use cors_actix::test::{Browser, Fetch};
//!
//! #[cors(origins = ["https://app.example.com"], allow_headers = ["content-type"], max_age = 600)]
//! #[put("/items/{id}")]
//! async fn update_item() -> HttpResponse {
//!     HttpResponse::Ok().insert_header(("x-request-id", "7")).finish()
//! }
//!
//! # actix_web::rt::System::new().block_on(async {
//! let app = test::init_service(App::new().service(update_item)).await;
//! let put = || {
//!     Fetch::new("https://app.example.com", "PUT", "https://api.example.com/items/7")
//!         .header("content-type", "application/json")
//! };
//! let verdict = put().send(&app).await;
//! assert!(verdict.is_allowed(), "{verdict}");
//! assert!(verdict.preflight_sent());
//! assert_eq!(verdict.status().map(|s| s.as_u16()), Some(200));
//! assert!(!verdict.can_read("x-request-id"), "not in expose_headers");
//!
//! let evil = Fetch::new("https://evil.example", "PUT", "https://api.example.com/items/7")
//!     .send(&app)
//!     .await;
//! assert_eq!(
//!     evil.to_string(),
//!     "Access to fetch at 'https://api.example.com/items/7' from origin 'https://evil.example' \
//!      has been blocked by CORS policy: Response to preflight request doesn't pass access \
//!      control check: No 'Access-Control-Allow-Origin' header is present on the requested \
//!      resource. If an opaque response serves your needs, set the request's mode to 'no-cors' \
//!      to fetch the resource with CORS disabled."
//! );
//!
//! let mut browser = Browser::new(); // one page, one preflight cache
//! assert!(browser.send(&app, put()).await.preflight_sent());
//! assert!(!browser.send(&app, put()).await.preflight_sent(), "cached for max_age");
//! browser.advance(std::time::Duration::from_secs(600));
//! assert!(browser.send(&app, put()).await.preflight_sent(), "expired");
//! # });
//! ```
//!
//! Any service made by `actix_web::test::init_service` will do, with this crate's CORS or
//! another's (an `actix-cors` app before a migration), or none. The page's side of the protocol
//! is `cors_core`'s (`cors_core::page`), so every decision cites its step of the Fetch standard;
//! where today's engines depart from it the model follows them, as this repository's browser
//! suite measured them in Chromium, Firefox and WebKit (each of its scenarios also runs through
//! `Fetch`): a bare `Access-Control-Allow-Headers: *` covers `authorization`, and each engine caps
//! the preflight cache its own way ([`Engine`], [`Browser::for_engine`]).
//!
//! The requests carry what the browser's would: `Origin` (on same-origin calls too, unless `GET`
//! or `HEAD`), `Host`, `Accept`, the script's headers, `Sec-Fetch-Site`/`-Mode`/`-Dest` to
//! `https` and loopback URLs. Not modelled: cookies the browser stores (a test passes the ones it
//! holds with [`Fetch::cookie`]; third-party cookie blocking is the browser's), redirects (a `3xx`
//! answer is what the page reads), and Private Network Access.

mod browser;
mod fetch;
mod verdict;

pub use browser::Browser;
pub use cors_core::page::{Blocked, CorsFailure, Engine};
pub use fetch::Fetch;
pub use verdict::Verdict;

#[cfg(test)]
mod tests;
