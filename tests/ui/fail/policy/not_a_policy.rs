use actix_web::{App, Responder, get};
use cors_actix::cors;

static PARTNERS: &str = "https://partner.example";

#[cors(policy = PARTNERS)]
#[get("/items")]
async fn handler() -> impl Responder {
    "[]"
}

fn main() {
    let _app = App::new().service(handler);
}
