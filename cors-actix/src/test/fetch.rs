//! A page's `fetch()`, and the requests a browser puts on the wire for it.

use actix_http::Request as WireRequest;
use actix_web::body::MessageBody;
use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::Method;
use actix_web::http::header::HeaderValue;
use actix_web::test::{TestRequest, try_read_body};
use actix_web::web::Bytes;
use cors_core::page::{Blocked, Preflight, Request, Response};

use super::{Browser, Verdict};

/// One `fetch(url, { method, headers, body, credentials })` from a page at `page_origin`.
///
/// Built like the call a page makes, then sent through an app with [`send`](Fetch::send) (a
/// fresh page each time) or [`Browser::send`] (one page whose preflight cache carries over).
/// Mistakes `fetch()` itself rejects (a forbidden method, a header name that is not a token)
/// come back as a blocked [`Verdict`] with the `TypeError`'s text.
#[derive(Clone, Debug)]
#[must_use = "a Fetch does nothing until it is sent"]
pub struct Fetch {
    request: Result<Request, Blocked>,
    body: Option<String>,
    cookies: Vec<String>,
}

impl Fetch {
    /// A `fetch()` with `method` (normalised as browsers do: `put` is `PUT`, `patch` stays
    /// `patch`) to `url`, absolute or a path on the page's own origin, from a page at
    /// `page_origin` (a serialized origin, `https://app.example.com`).
    pub fn new(page_origin: &str, method: &str, url: &str) -> Fetch {
        Fetch {
            request: Request::new(page_origin, method, url),
            body: None,
            cookies: Vec::new(),
        }
    }

    /// A header the page's script sets (`headers: { name: value }`); names a script may not set
    /// (`cookie`, `origin`, `sec-*`, ...) are dropped, as `fetch()` drops them.
    pub fn header(mut self, name: &str, value: &str) -> Fetch {
        self.request = self.request.and_then(|r| r.header(name, value));
        self
    }

    /// A string body. Without a `content-type` header of the script's, it goes as
    /// `text/plain;charset=UTF-8`, as `fetch()` sends a string (a simple request still).
    pub fn body(mut self, body: impl Into<String>) -> Fetch {
        self.body = Some(body.into());
        self
    }

    /// `credentials: "include"`: cookies go along, and the answers must allow credentials.
    pub fn credentials(mut self) -> Fetch {
        self.request = self.request.map(Request::with_credentials);
        self
    }

    /// A cookie the browser holds for the URL (`name=value`): it goes along on the actual
    /// request when cookies do, with `credentials()` or on a same-origin request, never on a
    /// preflight. Which cookies a browser stores and blocks (third-party ones) is not modelled.
    /// One with a control byte is refused as a header value is.
    pub fn cookie(mut self, cookie: &str) -> Fetch {
        if HeaderValue::from_str(cookie).is_err() {
            self.request = Err(Blocked::InvalidHeaderValue("cookie".to_owned()));
        }
        self.cookies.push(cookie.to_owned());
        self
    }

    /// Sends the call from a fresh page (an empty preflight cache) through `app`.
    pub async fn send<S, B, E>(self, app: &S) -> Verdict
    where
        S: Service<WireRequest, Response = ServiceResponse<B>, Error = E>,
        B: MessageBody,
        E: Into<actix_web::Error>,
    {
        Browser::new().send(app, self).await
    }

    pub(super) fn into_parts(self) -> (Result<Request, Blocked>, Option<String>, Vec<String>) {
        (self.request, self.body, self.cookies)
    }
}

/// An answer as the page's side reads it: status and headers, and the body.
#[derive(Debug)]
pub(super) struct Answer {
    pub(super) head: Response,
    pub(super) body: Bytes,
}

/// The preflight a browser sends for `request`: `OPTIONS`, `Origin`, `Accept: */*`,
/// `Access-Control-Request-Method` and, when there are unsafe names, `-Headers`, and the fetch
/// metadata; no cookies, no
/// script headers, no body ([Fetch: CORS-preflight fetch](https://fetch.spec.whatwg.org/#cors-preflight-fetch-0)).
pub(super) async fn send_preflight<S, B, E>(
    app: &S,
    request: &Request,
    preflight: &Preflight,
) -> Answer
where
    S: Service<WireRequest, Response = ServiceResponse<B>, Error = E>,
    B: MessageBody,
    E: Into<actix_web::Error>,
{
    let mut wire = TestRequest::default()
        .method(Method::OPTIONS)
        .uri(request.url())
        .insert_header(("host", request.host()))
        .insert_header(("origin", request.origin()))
        .insert_header(("accept", "*/*"))
        .insert_header(("access-control-request-method", preflight.request_method()));
    if let Some(names) = preflight.request_headers() {
        wire = wire.insert_header(("access-control-request-headers", names));
    }
    call(app, fetch_metadata(wire, request)).await
}

/// The actual request: the script's method, headers and body, `Origin` when the browser sends
/// one, `Accept: */*` unless the script set `accept`, the fetch metadata, and the cookies when
/// they go along.
pub(super) async fn send_actual<S, B, E>(
    app: &S,
    request: &Request,
    body: Option<&str>,
    cookies: &[String],
) -> Answer
where
    S: Service<WireRequest, Response = ServiceResponse<B>, Error = E>,
    B: MessageBody,
    E: Into<actix_web::Error>,
{
    // `Request::new` accepted the method as a token, which is all `Method` asks.
    let method = Method::from_bytes(request.method().as_bytes()).unwrap_or(Method::GET);
    let mut wire = TestRequest::default()
        .method(method)
        .uri(request.url())
        .insert_header(("host", request.host()));
    if let Some(origin) = request.origin_header() {
        wire = wire.insert_header(("origin", origin));
    }
    let has = |name: &str| request.headers().any(|(n, _)| n.eq_ignore_ascii_case(name));
    if !has("accept") {
        wire = wire.insert_header(("accept", "*/*"));
    }
    if body.is_some() && !has("content-type") {
        wire = wire.insert_header(("content-type", "text/plain;charset=UTF-8"));
    }
    for (name, value) in request.headers() {
        wire = wire.append_header((name, value));
    }
    // Cookies go along with `credentials: "include"`, and on same-origin calls by default.
    if !cookies.is_empty() && (request.credentials() || request.is_same_origin()) {
        wire = wire.insert_header(("cookie", cookies.join("; ")));
    }
    if let Some(body) = body {
        wire = wire.set_payload(body.to_owned());
    }
    call(app, fetch_metadata(wire, request)).await
}

/// `Sec-Fetch-Site`, `-Mode: cors` and `-Dest: empty`, which a `fetch()` and its preflight carry
/// to a potentially trustworthy URL.
fn fetch_metadata(wire: TestRequest, request: &Request) -> TestRequest {
    match request.sec_fetch_site() {
        Some(site) => wire
            .insert_header(("sec-fetch-site", site))
            .insert_header(("sec-fetch-mode", "cors"))
            .insert_header(("sec-fetch-dest", "empty")),
        None => wire,
    }
}

async fn call<S, B, E>(app: &S, wire: TestRequest) -> Answer
where
    S: Service<WireRequest, Response = ServiceResponse<B>, Error = E>,
    B: MessageBody,
    E: Into<actix_web::Error>,
{
    // An error the app returns is answered by the server with the error's own response.
    let (status, headers, body) = match app.call(wire.to_request()).await {
        Ok(res) => {
            let (status, headers) = (res.status(), res.headers().clone());
            // A body that fails mid-way reaches the page as what was read: nothing here.
            (
                status,
                headers,
                try_read_body(res).await.unwrap_or_default(),
            )
        }
        Err(error) => {
            let res = error.into().error_response();
            let (status, headers) = (res.status(), res.headers().clone());
            let body = actix_web::body::to_bytes(res.into_body()).await;
            (status, headers, body.unwrap_or_default())
        }
    };
    let mut head = Response::new(status.as_u16());
    for (name, value) in headers.iter() {
        head = head.header(name.as_str(), value.as_bytes());
    }
    Answer { head, body }
}
