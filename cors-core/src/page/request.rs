//! A script's request as the browser holds it: the page's origin, the normalised method, the
//! target URL, the headers the script set, the credentials mode; and the preflight it calls for.

use crate::header::{is_forbidden_request_header, is_token};
use crate::method::{is_forbidden, is_safelisted, normalize};
use crate::origin::Origin;
use crate::public_suffix::registrable_domain;
use crate::safelist::unsafe_request_header_names;
use crate::trustworthy::is_loopback_host;

use super::Blocked;
use super::url::Url;

/// One `fetch(url, { method, headers, credentials })` from a page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    origin: String,
    method: String,
    url: Url,
    headers: Vec<(String, String)>,
    credentials: bool,
}

impl Request {
    /// The request a page at `page_origin` makes with `method` to `url` (absolute, or a path on
    /// the page's own origin). Fails as `fetch()` does: on a page origin that is not a serialized
    /// origin, a URL it cannot parse, a method that is not a token or is forbidden
    /// ([Fetch: `Request` constructor](https://fetch.spec.whatwg.org/#dom-request) steps 25.2-25.4);
    /// the method is normalised ([Fetch](https://fetch.spec.whatwg.org/#concept-method-normalize)).
    pub fn new(page_origin: &str, method: &str, url: &str) -> Result<Request, Blocked> {
        if Origin::parse(page_origin.as_bytes()).is_none() {
            return Err(Blocked::InvalidPageOrigin(page_origin.to_owned()));
        }
        let Some(url) = Url::parse(url, page_origin) else {
            return Err(Blocked::InvalidUrl(url.to_owned()));
        };
        if !is_token(method.as_bytes()) {
            return Err(Blocked::InvalidMethod(method.to_owned()));
        }
        if is_forbidden(method) {
            return Err(Blocked::ForbiddenMethod(method.to_owned()));
        }
        Ok(Request {
            origin: page_origin.to_owned(),
            method: normalize(method).to_owned(),
            url,
            headers: Vec::new(),
            credentials: false,
        })
    }

    /// Adds a header as `Headers.append` does: the value loses its leading and trailing
    /// whitespace, a name that is not a token or a value with NUL, CR or LF fails (as does any
    /// other control byte but tab, which no HTTP server parses), and a forbidden
    /// name (`cookie`, `origin`, `sec-*`, ...) is dropped without a word
    /// ([Fetch: append](https://fetch.spec.whatwg.org/#concept-headers-append)).
    pub fn header(mut self, name: &str, value: &str) -> Result<Request, Blocked> {
        let value = value.trim_matches([' ', '\t', '\r', '\n']);
        if !is_token(name.as_bytes()) {
            return Err(Blocked::InvalidHeaderName(name.to_owned()));
        }
        if !is_field_value(value) {
            return Err(Blocked::InvalidHeaderValue(name.to_owned()));
        }
        if !is_forbidden_request_header(name) {
            self.headers.push((name.to_owned(), value.to_owned()));
        }
        Ok(self)
    }

    /// `credentials: "include"`: cookies go along, and the answers must allow credentials.
    pub fn with_credentials(mut self) -> Request {
        self.credentials = true;
        self
    }

    /// The page's origin, which `Origin` carries.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The normalised method.
    pub fn method(&self) -> &str {
        &self.method
    }

    /// The URL, serialized.
    pub fn url(&self) -> &str {
        &self.url.href
    }

    /// The URL's origin.
    pub fn url_origin(&self) -> &str {
        &self.url.origin
    }

    /// `host[:port]` of the URL, the `Host` header's value.
    pub fn host(&self) -> &str {
        &self.url.host
    }

    /// The path and query the request line carries.
    pub fn path_and_query(&self) -> &str {
        &self.url.path_and_query
    }

    /// The headers the script set, in order (forbidden ones dropped).
    pub fn headers(&self) -> impl Iterator<Item = (&str, &str)> {
        self.headers.iter().map(|(n, v)| (n.as_str(), v.as_str()))
    }

    /// True with `credentials: "include"`.
    pub fn credentials(&self) -> bool {
        self.credentials
    }

    /// True when the URL's origin is the page's: then CORS plays no part at all.
    pub fn is_same_origin(&self) -> bool {
        self.url.origin == self.origin
    }

    /// The value of `Origin` on the request itself: every cross-origin request carries it, and
    /// a same-origin one when its method is neither `GET` nor `HEAD`
    /// ([Fetch: append a request `Origin` header](https://fetch.spec.whatwg.org/#append-a-request-origin-header)).
    pub fn origin_header(&self) -> Option<&str> {
        let sent = !self.is_same_origin() || !matches!(self.method.as_str(), "GET" | "HEAD");
        sent.then_some(self.origin.as_str())
    }

    /// `Sec-Fetch-Site`, which browsers send (with `Sec-Fetch-Mode: cors` and `Sec-Fetch-Dest:
    /// empty` for a `fetch()`, preflights included) to a potentially trustworthy URL only:
    /// `https`, or a loopback host. `same-origin`; `same-site` when the schemes match and the
    /// hosts, or their registrable domains, are equal (ports do not make sites); else
    /// `cross-site` ([Fetch Metadata](https://w3c.github.io/webappsec-fetch-metadata/#sec-fetch-site-header),
    /// [HTML: same site](https://html.spec.whatwg.org/multipage/browsers.html#same-site)).
    pub fn sec_fetch_site(&self) -> Option<&'static str> {
        if self.url.scheme != "https" && !is_loopback_host(&self.url.hostname) {
            return None;
        }
        if self.is_same_origin() {
            return Some("same-origin");
        }
        let page = Origin::parse(self.origin.as_bytes())?;
        let site = |host| registrable_domain(host).unwrap_or(host);
        let same_site =
            page.scheme() == self.url.scheme && site(page.host()) == site(&self.url.hostname);
        Some(if same_site { "same-site" } else { "cross-site" })
    }

    /// The CORS-unsafe request-header names, sorted, lower case, unique.
    pub fn unsafe_header_names(&self) -> Vec<String> {
        unsafe_request_header_names(self.headers.iter().map(|(n, v)| (n.as_str(), v.as_bytes())))
    }

    /// The preflight a browser sends first, when the request is cross-origin and its method is
    /// not safelisted or it has CORS-unsafe headers
    /// ([Fetch: HTTP fetch](https://fetch.spec.whatwg.org/#http-fetch) step 4.1); `None`
    /// otherwise. A cached preflight can spare it ([`PreflightCache`](super::PreflightCache)).
    pub fn preflight(&self) -> Option<Preflight> {
        if self.is_same_origin() {
            return None;
        }
        let names = self.unsafe_header_names();
        if is_safelisted(self.method.as_bytes()) && names.is_empty() {
            return None;
        }
        Some(Preflight {
            method: self.method.clone(),
            headers: (!names.is_empty()).then(|| names.join(",")),
        })
    }
}

/// True for a value HTTP can carry: no control byte but tab.
pub(crate) fn is_field_value(value: &str) -> bool {
    !value.bytes().any(|b| (b < 0x20 && b != b'\t') || b == 0x7f)
}

/// What a preflight carries besides `Origin` and `Accept: */*`
/// ([Fetch: CORS-preflight fetch](https://fetch.spec.whatwg.org/#cors-preflight-fetch-0) steps 1-5).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Preflight {
    method: String,
    headers: Option<String>,
}

impl Preflight {
    /// `Access-Control-Request-Method`: the request's method.
    pub fn request_method(&self) -> &str {
        &self.method
    }

    /// `Access-Control-Request-Headers`: the unsafe names joined by a bare `,`, or `None` (the
    /// header is then left out).
    pub fn request_headers(&self) -> Option<&str> {
        self.headers.as_deref()
    }
}
