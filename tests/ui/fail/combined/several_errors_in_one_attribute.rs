use actix_web::{App, Responder, get};
use cors_actix::cors;

#[cors(
    origins = ["https://app.example/", "null", "https://app.example/"],
    methods = [get, POST],
    allow_headers = ["cookie"],
    expose_headers = "*",
    credentials = true,
    max_age = 100000,
    colour = "blue",
)]
#[get("/items")]
async fn handler() -> impl Responder {
    "[]"
}

fn main() {
    let _app = App::new().service(handler);
}
