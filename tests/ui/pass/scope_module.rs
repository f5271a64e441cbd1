#![deny(warnings)]

use actix_web::App;

#[actix_web::scope("/api")]
mod api {
    use actix_web::{Responder, get, post};
    use cors_actix::cors;

    #[cors(origins = ["https://app.example"])]
    #[get("/items")]
    pub async fn list() -> impl Responder {
        ""
    }

    #[cors(origins = ["https://admin.example"], credentials = true)]
    #[post("/items")]
    pub async fn create() -> impl Responder {
        ""
    }
}

fn main() {
    let _app = App::new().service(api::list).service(api::create);
}
