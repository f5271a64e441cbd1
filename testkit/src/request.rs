//! A cors-core request with no framework around it.

use std::borrow::Cow;
use std::cell::Cell;
use std::fmt;

use cors_core::{CorsRequest, RequestHeader};

const HEADERS: [RequestHeader; 4] = [
    RequestHeader::Origin,
    RequestHeader::RequestMethod,
    RequestHeader::RequestHeaders,
    RequestHeader::RequestPrivateNetwork,
];

/// A request as cors-core reads it: the method and the field lines of the headers CORS reads, in
/// order, each value borrowed or owned. Counts the field lines it hands cors-core
/// ([`Request::lines_read`]), so a test can bound the work a hostile request causes.
///
/// ```
/// use cors_core::{Decision, Policy, RequestHeader};
/// use cors_testkit::Request;
///
/// let policy = Policy::builder().allow_origins(["https://app.example"]).build()?;
/// let req = Request::from_fields("GET", [("Origin", "https://app.example")]);
/// assert!(matches!(policy.evaluate(&req), Decision::Actual { rejected: None, .. }));
/// assert_eq!(req.lines_read(), 1, "the one `Origin` line");
/// # Ok::<(), cors_core::PolicyError>(())
/// ```
#[derive(Clone, Default)]
pub struct Request<'a> {
    method: Cow<'a, [u8]>,
    lines: Vec<(RequestHeader, Cow<'a, [u8]>)>,
    lines_read: Cell<usize>,
}

/// Bytes a [`Request`] borrows (`&str`, `&[u8]`, `&[u8; N]`) or owns (`String`, `Vec<u8>`).
pub trait Bytes<'a> {
    /// The bytes.
    fn into_cow(self) -> Cow<'a, [u8]>;
}

impl<'a> Bytes<'a> for &'a str {
    fn into_cow(self) -> Cow<'a, [u8]> {
        Cow::Borrowed(self.as_bytes())
    }
}

impl<'a> Bytes<'a> for &'a String {
    fn into_cow(self) -> Cow<'a, [u8]> {
        Cow::Borrowed(self.as_bytes())
    }
}

impl<'a> Bytes<'a> for &'a [u8] {
    fn into_cow(self) -> Cow<'a, [u8]> {
        Cow::Borrowed(self)
    }
}

impl<'a, const N: usize> Bytes<'a> for &'a [u8; N] {
    fn into_cow(self) -> Cow<'a, [u8]> {
        Cow::Borrowed(self)
    }
}

impl<'a> Bytes<'a> for String {
    fn into_cow(self) -> Cow<'a, [u8]> {
        Cow::Owned(self.into_bytes())
    }
}

impl<'a> Bytes<'a> for Vec<u8> {
    fn into_cow(self) -> Cow<'a, [u8]> {
        Cow::Owned(self)
    }
}

impl<'a> Request<'a> {
    /// A request with `method` and no field line.
    pub fn new(method: impl Bytes<'a>) -> Request<'a> {
        Request {
            method: method.into_cow(),
            ..Request::default()
        }
    }

    /// A request with `method` and `fields`, given as `(name, value)` with any-case names; the
    /// fields CORS does not read are left out.
    pub fn from_fields<N: AsRef<[u8]>, V: Bytes<'a>>(
        method: impl Bytes<'a>,
        fields: impl IntoIterator<Item = (N, V)>,
    ) -> Request<'a> {
        fields
            .into_iter()
            .fold(Request::new(method), |req, (name, value)| {
                req.field(name, value)
            })
    }

    /// A request with `method` and `lines`.
    pub fn from_headers<V: Bytes<'a>>(
        method: impl Bytes<'a>,
        lines: impl IntoIterator<Item = (RequestHeader, V)>,
    ) -> Request<'a> {
        lines
            .into_iter()
            .fold(Request::new(method), |req, (header, value)| {
                req.header(header, value)
            })
    }

    /// Adds a field line of `header`.
    pub fn header(mut self, header: RequestHeader, value: impl Bytes<'a>) -> Request<'a> {
        self.lines.push((header, value.into_cow()));
        self
    }

    /// Adds a field line named `name` in any case; a field CORS does not read is left out.
    pub fn field(self, name: impl AsRef<[u8]>, value: impl Bytes<'a>) -> Request<'a> {
        let name = name.as_ref();
        match HEADERS
            .into_iter()
            .find(|h| h.as_str().as_bytes().eq_ignore_ascii_case(name))
        {
            Some(header) => self.header(header, value),
            None => self,
        }
    }

    /// Every field line, in order, without counting them as read.
    pub fn lines(&self) -> impl Iterator<Item = (RequestHeader, &[u8])> {
        self.lines.iter().map(|(h, v)| (*h, &**v))
    }

    /// How many field lines cors-core has been handed so far.
    pub fn lines_read(&self) -> usize {
        self.lines_read.get()
    }
}

impl CorsRequest for Request<'_> {
    fn method(&self) -> &[u8] {
        &self.method
    }

    fn header_values(&self, header: RequestHeader) -> impl Iterator<Item = &[u8]> {
        self.lines
            .iter()
            .filter(move |(h, _)| *h == header)
            .map(|(_, value)| {
                self.lines_read.set(self.lines_read.get() + 1);
                &**value
            })
    }
}

/// `GET [origin: https://app.example]`, bytes outside UTF-8 replaced.
impl fmt::Debug for Request<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} [", String::from_utf8_lossy(&self.method))?;
        for (i, (header, value)) in self.lines.iter().enumerate() {
            let sep = if i == 0 { "" } else { ", " };
            let value = String::from_utf8_lossy(value);
            write!(f, "{sep}{}: {value}", header.as_str())?;
        }
        f.write_str("]")
    }
}
