#![deny(warnings)]

mod handlers {
    use actix_web::{Responder, get};
    use cors_actix::cors;

    #[cors(origins = ["https://app.example"])]
    #[get("/items")]
    pub async fn list() -> impl Responder {
        ""
    }

    pub mod nested {
        use actix_web::{Responder, post};
        use cors_actix::cors;

        #[cors(origins = ["https://app.example"])]
        #[post("/items")]
        pub(crate) async fn create() -> impl Responder {
            ""
        }
    }
}

fn main() {
    let _app = actix_web::App::new()
        .service(handlers::list)
        .service(cors_actix::routes![handlers::nested::create]);
}
