use actix_web::App;
use cors_actix::{Cors, Policy, policy};

static PARTNERS: Policy = policy!(origins = ["https://partner.example/"], credentials = true);

fn main() {
    let _app = App::new().wrap(Cors::new(&PARTNERS));
}
