//! `#[cors]` composes with every actix routing form: scopes, `#[scope]`, `#[route]`, `#[routes]`,
//! path parameters, and the user's own `name`, `guard` and `wrap`.

use actix_web::http::{Method, StatusCode};
use actix_web::middleware::DefaultHeaders;
use actix_web::test::{TestRequest, call_service, init_service, read_body};
use actix_web::{App, HttpRequest, Responder, get, guard::GuardContext, route, routes, web};
use cors_actix::cors;
use cors_testkit::{from_origin, header, preflight};

const APP: &str = "https://app.example";

#[cors(origins = ["https://app.example"])]
#[get("/items/{id}", name = "item_detail")]
async fn item(path: web::Path<u32>, req: HttpRequest) -> impl Responder {
    let url = req.url_for("item_detail", ["7"]).expect("named route");
    format!("{} {}", path.into_inner(), url.path())
}

#[cors(origins = ["https://app.example"])]
#[route("/multi", method = "PUT", method = "DELETE")]
async fn multi() -> impl Responder {
    "multi"
}

#[cors(origins = ["https://app.example"], methods = [GET])]
#[routes]
#[get("/a")]
#[post("/b")]
#[put("/c")]
async fn several() -> impl Responder {
    "several"
}

fn has_token(ctx: &GuardContext<'_>) -> bool {
    ctx.head().headers().contains_key("x-token")
}

#[cors(origins = ["https://app.example"])]
#[actix_web::get(
    "/guarded",
    guard = "has_token",
    wrap = "DefaultHeaders::new().add((\"x-user-mw\", \"1\"))"
)]
async fn guarded() -> impl Responder {
    "guarded"
}

#[cors(origins = ["https://app.example"])]
#[get("/named")]
async fn keeps_fn_name(req: HttpRequest) -> impl Responder {
    req.url_for_static("keeps_fn_name")
        .expect("name is the fn name")
        .path()
        .to_owned()
}

#[actix_web::scope("/api")]
mod api {
    use actix_web::{Responder, get};
    use cors_actix::cors;

    #[cors(origins = ["https://app.example"], max_age = 60)]
    #[get("/status")]
    pub async fn status() -> impl Responder {
        "up"
    }
}

#[cors(origins = ["https://app.example"])]
#[get("/reports/{id}")]
async fn report(req: HttpRequest) -> impl Responder {
    format!(
        "{} {}",
        req.match_pattern().unwrap_or_default(),
        req.match_name().unwrap_or_default()
    )
}

#[actix_web::test]
async fn match_pattern_and_match_name_name_the_route() {
    let app = init_service(App::new().service(report).service(item)).await;
    let res = call_service(
        &app,
        from_origin(Method::GET, "/reports/9", APP).to_request(),
    )
    .await;
    assert_eq!(header(&res, "access-control-allow-origin"), Some(APP));
    assert_eq!(read_body(res).await, "/reports/{id} report");
}

#[actix_web::test]
async fn path_parameters_and_url_for_names() {
    let app = init_service(App::new().service(item).service(keeps_fn_name)).await;
    let res = call_service(
        &app,
        from_origin(Method::GET, "/items/42", APP).to_request(),
    )
    .await;
    assert_eq!(header(&res, "access-control-allow-origin"), Some(APP));
    assert_eq!(read_body(res).await, "42 /items/7");
    let res = call_service(&app, preflight("/items/42", APP, "GET").to_request()).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let res = call_service(&app, TestRequest::get().uri("/named").to_request()).await;
    assert_eq!(read_body(res).await, "/named");
}

#[actix_web::test]
async fn route_with_several_methods() {
    let app = init_service(App::new().service(multi)).await;
    let res = call_service(&app, preflight("/multi", APP, "DELETE").to_request()).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let methods = header(&res, "access-control-allow-methods").unwrap();
    let mut methods: Vec<&str> = methods.split(", ").collect();
    methods.sort();
    assert_eq!(methods, ["DELETE", "PUT"]);
    let res = call_service(&app, from_origin(Method::PUT, "/multi", APP).to_request()).await;
    assert_eq!(header(&res, "access-control-allow-origin"), Some(APP));
}

#[actix_web::test]
async fn routes_with_a_narrowed_method_list() {
    let app = init_service(App::new().service(several)).await;
    let res = call_service(&app, preflight("/a", APP, "GET").to_request()).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(header(&res, "access-control-allow-methods"), Some("GET"));
    // `/c` serves PUT, which `methods = [GET]` does not allow cross-origin.
    let res = call_service(&app, preflight("/c", APP, "PUT").to_request()).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    // `/b` serves POST, which no method list can narrow out: the browser passes a safelisted
    // method whatever `Access-Control-Allow-Methods` says, so the preflight is answered, and
    // as no method `/b` serves is allowed cross-origin beyond that, no (empty) ACAM is sent.
    let res = call_service(&app, preflight("/b", APP, "POST").to_request()).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(header(&res, "access-control-allow-origin"), Some(APP));
    assert_eq!(header(&res, "access-control-allow-methods"), None);
    let res = call_service(&app, from_origin(Method::POST, "/b", APP).to_request()).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(header(&res, "access-control-allow-origin"), Some(APP));
}

#[actix_web::test]
async fn user_guard_and_wrap_keep_working() {
    let app = init_service(App::new().service(guarded)).await;
    let res = call_service(&app, from_origin(Method::GET, "/guarded", APP).to_request()).await;
    assert_eq!(
        res.status(),
        StatusCode::NOT_FOUND,
        "the user's guard still applies"
    );
    let req = from_origin(Method::GET, "/guarded", APP)
        .insert_header(("x-token", "t"))
        .to_request();
    let res = call_service(&app, req).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(header(&res, "x-user-mw"), Some("1"));
    assert_eq!(header(&res, "access-control-allow-origin"), Some(APP));
}

#[actix_web::test]
async fn inside_web_scope_and_scope_macro() {
    let app = init_service(
        App::new()
            .service(web::scope("/v1").service(item))
            .service(api::status),
    )
    .await;
    let res = call_service(&app, preflight("/v1/items/3", APP, "GET").to_request()).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(header(&res, "access-control-allow-origin"), Some(APP));
    let res = call_service(
        &app,
        from_origin(Method::GET, "/v1/items/3", APP).to_request(),
    )
    .await;
    assert_eq!(header(&res, "access-control-allow-origin"), Some(APP));

    let res = call_service(&app, preflight("/api/status", APP, "GET").to_request()).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(header(&res, "access-control-max-age"), Some("60"));
    let res = call_service(
        &app,
        from_origin(Method::GET, "/api/status", APP).to_request(),
    )
    .await;
    assert_eq!(read_body(res).await, "up");
}

#[actix_web::test]
async fn is_preflight_tells_preflights_apart() {
    let pre = preflight("/", APP, "GET").to_srv_request();
    assert!(cors_actix::is_preflight(&pre));
    let plain = TestRequest::default()
        .method(Method::OPTIONS)
        .insert_header(("origin", APP))
        .to_http_request();
    assert!(!cors_actix::is_preflight(&plain));
    let no_origin = TestRequest::default()
        .method(Method::OPTIONS)
        .insert_header(("access-control-request-method", "GET"))
        .to_http_request();
    assert!(!cors_actix::is_preflight(&no_origin));
}
