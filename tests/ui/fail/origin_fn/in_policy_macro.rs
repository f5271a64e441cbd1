use actix_web::HttpRequest;
use cors_actix::Policy;

fn is_tenant(_: &str, _: &HttpRequest) -> bool {
    true
}

static P: Policy = cors_actix::policy!(origins = ["https://app.example"], origin_fn = is_tenant);

fn main() {
    let _ = &P;
}
