//! Preflights reach the policy of the handler they ask about, through real actix services.

use actix_web::http::{Method, StatusCode};
use actix_web::test::{TestRequest, call_service, init_service, read_body};
use actix_web::{App, HttpResponse, Responder, get, post, web};
use cors_actix::cors;
use cors_testkit::{
    assert_headers, assert_no_cors, assert_refused, from_origin, header, preflight,
};

#[cors(origins = ["https://app.example"], max_age = 600)]
#[get("/items")]
async fn list_items() -> impl Responder {
    "[]"
}

#[cors(origins = ["https://admin.example"], credentials = true, allow_headers = ["content-type"])]
#[post("/items")]
async fn create_item() -> impl Responder {
    HttpResponse::Created().body("made")
}

async fn user_options() -> impl Responder {
    HttpResponse::Ok()
        .insert_header(("allow", "GET, POST, OPTIONS"))
        .body("user options")
}

#[actix_web::test]
async fn same_path_different_policies_answer_their_own_preflights() {
    let app = init_service(App::new().service(list_items).service(create_item)).await;

    let res = call_service(
        &app,
        preflight("/items", "https://app.example", "GET").to_request(),
    )
    .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_headers(
        &res,
        &[
            ("access-control-allow-origin", Some("https://app.example")),
            ("access-control-allow-methods", Some("GET")),
            ("access-control-max-age", Some("600")),
            ("access-control-allow-credentials", None),
            (
                "vary",
                Some("Origin, Access-Control-Request-Method, Access-Control-Request-Headers"),
            ),
        ],
    );

    let res = call_service(
        &app,
        preflight("/items", "https://admin.example", "POST")
            .insert_header(("access-control-request-headers", "content-type"))
            .to_request(),
    )
    .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_headers(
        &res,
        &[
            ("access-control-allow-origin", Some("https://admin.example")),
            ("access-control-allow-credentials", Some("true")),
            ("access-control-allow-methods", Some("POST")),
            ("access-control-allow-headers", Some("content-type")),
            ("access-control-max-age", None),
        ],
    );

    // The GET policy's origin asking about POST is refused by the POST policy.
    let res = call_service(
        &app,
        preflight("/items", "https://app.example", "POST").to_request(),
    )
    .await;
    assert_refused(&res);
    assert!(read_body(res).await.is_empty());
}

#[actix_web::test]
async fn actual_requests_get_their_route_policy() {
    let app = init_service(App::new().service(list_items).service(create_item)).await;
    let res = call_service(
        &app,
        from_origin(Method::GET, "/items", "https://app.example").to_request(),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        header(&res, "access-control-allow-origin"),
        Some("https://app.example")
    );
    assert_eq!(header(&res, "vary"), Some("Origin"));

    let res = call_service(
        &app,
        from_origin(Method::POST, "/items", "https://admin.example").to_request(),
    )
    .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    assert_eq!(
        header(&res, "access-control-allow-origin"),
        Some("https://admin.example")
    );
    assert_eq!(
        header(&res, "access-control-allow-credentials"),
        Some("true")
    );

    // Not allowed: the handler still runs (same-origin POSTs carry Origin too), no ACAO.
    let res = call_service(
        &app,
        from_origin(Method::POST, "/items", "https://app.example").to_request(),
    )
    .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    assert_eq!(header(&res, "access-control-allow-origin"), None);
    assert_eq!(header(&res, "vary"), Some("Origin"));
    assert_eq!(read_body(res).await, "made");

    // No Origin: the handler runs; a list policy still varies on Origin.
    let res = call_service(&app, TestRequest::get().uri("/items").to_request()).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(header(&res, "access-control-allow-origin"), None);
    assert_eq!(header(&res, "vary"), Some("Origin"));
}

#[actix_web::test]
async fn preflight_runs_no_handler_and_unserved_methods_are_not_claimed() {
    let app = init_service(App::new().service(list_items)).await;
    // DELETE is not served on /items: no preflight resource claims it, actix answers 404.
    let res = call_service(
        &app,
        preflight("/items", "https://app.example", "DELETE").to_request(),
    )
    .await;
    assert_no_cors(&res, StatusCode::NOT_FOUND, "no route claims the preflight");
    // `patch` is not `PATCH` and neither is served.
    let res = call_service(
        &app,
        preflight("/items", "https://app.example", "get").to_request(),
    )
    .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

#[actix_web::test]
async fn options_without_request_method_reaches_the_users_options_route() {
    for user_first in [false, true] {
        let user = web::resource("/items").route(web::method(Method::OPTIONS).to(user_options));
        let app = if user_first {
            init_service(App::new().service(user).service(list_items)).await
        } else {
            init_service(App::new().service(list_items).service(user)).await
        };
        let plain = TestRequest::default()
            .method(Method::OPTIONS)
            .uri("/items")
            .insert_header(("origin", "https://app.example"))
            .to_request();
        let res = call_service(&app, plain).await;
        assert_eq!(
            res.status(),
            StatusCode::OK,
            "user route first: {user_first}"
        );
        assert_eq!(header(&res, "allow"), Some("GET, POST, OPTIONS"));
        assert_eq!(read_body(res).await, "user options");

        let res = call_service(
            &app,
            preflight("/items", "https://app.example", "GET").to_request(),
        )
        .await;
        if user_first {
            // actix matches resources in registration order: a user OPTIONS route registered
            // first sees preflights too (documented under "Known limitations").
            assert_eq!(res.status(), StatusCode::OK);
        } else {
            assert_eq!(res.status(), StatusCode::NO_CONTENT);
            assert_eq!(
                header(&res, "access-control-allow-origin"),
                Some("https://app.example")
            );
        }
    }
}

#[cors(origins = "*", allow_headers = "*", methods = "*")]
#[actix_web::route("/open", method = "GET", method = "PATCH")]
async fn open() -> impl Responder {
    "open"
}

#[cors(origins = ["http://localhost:*"], private_network = true)]
#[get("/device")]
async fn device() -> impl Responder {
    "device"
}

#[actix_web::test]
async fn any_header_policy_echoes_the_requested_names_never_a_bare_star() {
    let app = init_service(App::new().service(open)).await;
    let req = preflight("/open", "https://anyone.example", "PATCH")
        .append_header(("access-control-request-headers", "authorization,x-trace"))
        .append_header(("access-control-request-headers", "x-more"))
        .to_request();
    let res = call_service(&app, req).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(header(&res, "access-control-allow-origin"), Some("*"));
    assert_eq!(header(&res, "access-control-allow-methods"), Some("PATCH"));
    let echoed: Vec<&str> = res
        .headers()
        .get_all("access-control-allow-headers")
        .map(|v| v.to_str().unwrap())
        .collect();
    assert_eq!(echoed, ["authorization,x-trace", "x-more"]);
    // A requested `*` is refused rather than echoed as a wildcard.
    let req = preflight("/open", "https://anyone.example", "GET")
        .insert_header(("access-control-request-headers", "*"))
        .to_request();
    assert_eq!(
        call_service(&app, req).await.status(),
        StatusCode::FORBIDDEN
    );
}

#[actix_web::test]
async fn private_network_preflight_is_answered_only_for_true() {
    let app = init_service(App::new().service(device)).await;
    let req = preflight("/device", "http://localhost:5173", "GET")
        .insert_header(("access-control-request-private-network", "true"))
        .to_request();
    let res = call_service(&app, req).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        header(&res, "access-control-allow-private-network"),
        Some("true")
    );
    assert_eq!(
        header(&res, "vary"),
        Some(
            "Origin, Access-Control-Request-Method, Access-Control-Request-Headers, Access-Control-Request-Private-Network"
        )
    );
    let res = call_service(
        &app,
        preflight("/device", "http://localhost:5173", "GET").to_request(),
    )
    .await;
    assert_eq!(header(&res, "access-control-allow-private-network"), None);
}

#[cors(
    origins = [
        "https://a0.example", "https://a1.example", "https://a2.example", "https://a3.example",
        "https://a4.example", "https://a5.example", "https://a6.example", "https://a7.example",
        "https://a8.example", "https://a9.example", "https://*.example.org",
    ],
    allow_headers = [
        "h0", "h1", "h2", "h3", "h4", "h5", "h6", "h7", "h8", "X-Api-Key",
    ],
)]
#[get("/long-lists")]
async fn long_lists() -> impl Responder {
    "long"
}

/// Lists longer than cors-core's indexing threshold are emitted with their hash index; every
/// listed origin and header is found through it, case rules intact.
#[actix_web::test]
async fn long_attribute_lists_are_looked_up_through_their_index() {
    let app = init_service(App::new().service(long_lists)).await;
    for i in 0..10 {
        let origin = format!("https://a{i}.example");
        let res = call_service(
            &app,
            preflight("/long-lists", &origin, "GET")
                .insert_header((
                    "access-control-request-headers",
                    format!("h{},x-api-key", i % 9),
                ))
                .to_request(),
        )
        .await;
        assert_eq!(res.status(), StatusCode::NO_CONTENT, "{origin}");
        assert_eq!(
            header(&res, "access-control-allow-origin"),
            Some(origin.as_str())
        );

        let res = call_service(
            &app,
            from_origin(Method::GET, "/long-lists", &origin).to_request(),
        )
        .await;
        assert_eq!(
            header(&res, "access-control-allow-origin"),
            Some(origin.as_str())
        );
    }
    for refused in [
        "https://a10.example",
        "https://A1.example",
        "https://a1.example:443",
    ] {
        let res = call_service(
            &app,
            from_origin(Method::GET, "/long-lists", refused).to_request(),
        )
        .await;
        assert_eq!(
            header(&res, "access-control-allow-origin"),
            None,
            "{refused}"
        );
    }
    let res = call_service(
        &app,
        preflight("/long-lists", "https://a1.example", "GET")
            .insert_header(("access-control-request-headers", "H3,X-API-KEY"))
            .to_request(),
    )
    .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let res = call_service(
        &app,
        preflight("/long-lists", "https://a1.example", "GET")
            .insert_header(("access-control-request-headers", "h9"))
            .to_request(),
    )
    .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
}
