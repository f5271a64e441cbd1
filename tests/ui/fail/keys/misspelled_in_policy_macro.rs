use actix_web::App;
use cors_actix::{Cors, Policy, policy};

static PARTNERS: Policy = policy!(origns = ["https://partner.example"], max_age = 600);

fn main() {
    let _app = App::new().wrap(Cors::new(&PARTNERS));
}
