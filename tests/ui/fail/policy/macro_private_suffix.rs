use actix_web::App;
use cors_actix::{Cors, Policy, policy};

static PAGES: Policy = policy!(origins = ["https://*.github.io"]);

fn main() {
    let _app = App::new().wrap(Cors::new(&PAGES));
}
