#![deny(warnings)]
#![deny(missing_docs)]
//! Doc comments on an annotated handler stay on the service the user sees.

use actix_web::{App, Responder, get};
use cors_actix::cors;

/// Lists the items.
///
/// Cross-origin reads are allowed from the app.
#[cors(origins = ["https://app.example"])]
/// Doc comments may also sit between the attributes.
#[get("/items")]
pub async fn list() -> impl Responder {
    ""
}

fn main() {
    let _app = App::new().service(list);
}
