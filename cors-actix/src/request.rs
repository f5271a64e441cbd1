//! Reading CORS request headers out of actix-web requests, without copying.

use std::cell::Cell;

use actix_web::HttpRequest;
use actix_web::dev::{RequestHead, ServiceRequest};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use cors_core::enforce::{is_same_origin, sec_fetch_site_is_cross_origin};
use cors_core::{CorsRequest, RequestHeader, RequestKind, classify};

/// `Access-Control-Request-Private-Network`.
pub(crate) static ACRPN: HeaderName =
    HeaderName::from_static("access-control-request-private-network");
/// `Access-Control-Allow-Private-Network`.
pub(crate) const ACAPN: HeaderName =
    HeaderName::from_static("access-control-allow-private-network");

/// The name actix knows each CORS request header by.
pub(crate) fn header_name(header: RequestHeader) -> &'static HeaderName {
    match header {
        RequestHeader::Origin => &header::ORIGIN,
        RequestHeader::RequestMethod => &header::ACCESS_CONTROL_REQUEST_METHOD,
        RequestHeader::RequestHeaders => &header::ACCESS_CONTROL_REQUEST_HEADERS,
        RequestHeader::RequestPrivateNetwork => &ACRPN,
    }
}

/// An actix request head seen through cors-core's [`CorsRequest`]. It looks `Origin` up once,
/// however often it is read, and a mirrored ACAO is a reference-counted clone of its value.
pub(crate) struct Head<'a> {
    head: &'a RequestHead,
    /// Every `Origin` field line; `None`: not looked up yet.
    origins: Cell<Option<&'a [HeaderValue]>>,
}

impl<'a> Head<'a> {
    pub(crate) fn new(head: &'a RequestHead) -> Head<'a> {
        Head {
            head,
            origins: Cell::new(None),
        }
    }

    /// The request head.
    pub(crate) fn request_head(&self) -> &'a RequestHead {
        self.head
    }

    /// Every `Origin` field line.
    #[inline]
    fn origins(&self) -> &'a [HeaderValue] {
        if let Some(origins) = self.origins.get() {
            return origins;
        }
        let origins = self.head.headers().get_all(header::ORIGIN).as_slice();
        self.origins.set(Some(origins));
        origins
    }

    /// The first `Origin` value.
    #[inline]
    pub(crate) fn origin(&self) -> Option<&'a HeaderValue> {
        self.origins().first()
    }
}

impl CorsRequest for Head<'_> {
    fn method(&self) -> &[u8] {
        self.head.method.as_str().as_bytes()
    }

    #[inline]
    fn header_values(&self, header: RequestHeader) -> impl Iterator<Item = &[u8]> {
        let values = match header {
            RequestHeader::Origin => self.origins().iter(),
            _ => self.head.headers().get_all(header_name(header)),
        };
        values.map(|value| value.as_bytes())
    }
}

mod sealed {
    pub trait Sealed {}
    impl Sealed for actix_web::dev::RequestHead {}
    impl Sealed for actix_web::HttpRequest {}
    impl Sealed for actix_web::dev::ServiceRequest {}
}

/// Anything that carries a request head: [`ServiceRequest`], [`HttpRequest`], [`RequestHead`].
/// Sealed: those three implement it.
pub trait HasRequestHead: sealed::Sealed {
    /// The request head.
    fn request_head(&self) -> &RequestHead;
}

impl HasRequestHead for RequestHead {
    fn request_head(&self) -> &RequestHead {
        self
    }
}

impl HasRequestHead for HttpRequest {
    fn request_head(&self) -> &RequestHead {
        self.head()
    }
}

impl HasRequestHead for ServiceRequest {
    fn request_head(&self) -> &RequestHead {
        self.head()
    }
}

/// True for a CORS preflight (`OPTIONS` + `Origin` + `Access-Control-Request-Method`).
///
/// Preflights never carry credentials, so authentication middleware must let them through:
///
/// ```
/// # use actix_web::{dev::ServiceRequest, test::TestRequest};
/// fn needs_auth(req: &ServiceRequest) -> bool {
///     !cors_actix::is_preflight(req)
/// }
/// let req = TestRequest::default()
///     .method(actix_web::http::Method::OPTIONS)
///     .insert_header(("origin", "https://app.example"))
///     .insert_header(("access-control-request-method", "PUT"))
///     .to_srv_request();
/// assert!(!needs_auth(&req));
/// ```
pub fn is_preflight(req: &impl HasRequestHead) -> bool {
    classify(&Head::new(req.request_head())) == RequestKind::Preflight
}

/// True unless the request is known to come from its own origin: `Sec-Fetch-Site` when the
/// browser sent it, else a single `Origin` compared with the request's scheme and `Host`
/// (default ports and case aside). The check `enforce` makes before refusing a request, for
/// handlers that must refuse pages elsewhere themselves: a cross-origin form `POST` is a simple
/// request, sent without a preflight, so its handler runs whatever CORS says.
///
/// ```
/// # use actix_web::test::TestRequest;
/// let own = TestRequest::post()
///     .insert_header(("host", "app.example"))
///     .insert_header(("origin", "http://app.example"))
///     .to_http_request();
/// assert!(!cors_actix::is_cross_origin(&own));
/// let other = TestRequest::post()
///     .insert_header(("origin", "https://evil.example"))
///     .to_http_request();
/// assert!(cors_actix::is_cross_origin(&other));
/// ```
pub fn is_cross_origin(req: &HttpRequest) -> bool {
    let headers = req.headers();
    if let Some(cross) = headers
        .get("sec-fetch-site")
        .and_then(|v| sec_fetch_site_is_cross_origin(v.as_bytes()))
    {
        return cross;
    }
    let mut origins = headers.get_all(header::ORIGIN);
    let (Some(origin), None) = (origins.next(), origins.next()) else {
        return true;
    };
    let info = req.connection_info();
    !is_same_origin(origin.as_bytes(), info.scheme(), info.host())
}
