//! Header names and the comma-separated name lists CORS exchanges
//! ([Fetch: HTTP new-header syntax](https://fetch.spec.whatwg.org/#http-new-header-syntax)).

use crate::words::find_byte;

/// Most bytes of `Access-Control-Request-Headers` (all field lines together) we read.
pub const MAX_REQUEST_HEADERS_BYTES: usize = 4096;
/// Most names in `Access-Control-Request-Headers` we accept.
pub const MAX_REQUEST_HEADER_NAMES: usize = 64;
/// Most empty list elements tolerated (RFC 9110 §5.6.1 asks for "a reasonable number").
pub const MAX_EMPTY_ELEMENTS: usize = 16;

/// RFC 9110 `token`: one or more `tchar`.
pub fn is_token(bytes: &[u8]) -> bool {
    !bytes.is_empty() && bytes.iter().all(|&b| is_tchar(b))
}

fn is_tchar(b: u8) -> bool {
    TCHAR[usize::from(b)]
}

/// `tchar` as a table: one load per byte on the request path.
static TCHAR: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric()
            || matches!(c, b'!' | b'#'..=b'\'' | b'*' | b'+')
            || matches!(c, b'-' | b'.' | b'^' | b'_' | b'`' | b'|' | b'~');
        b += 1;
    }
    table
};

/// Request headers scripts cannot set ([Fetch](https://fetch.spec.whatwg.org/#forbidden-request-header)).
const FORBIDDEN_REQUEST: [&str; 21] = [
    "accept-charset",
    "accept-encoding",
    "access-control-request-headers",
    "access-control-request-method",
    "access-control-request-private-network",
    "connection",
    "content-length",
    "cookie",
    "cookie2",
    "date",
    "dnt",
    "expect",
    "host",
    "keep-alive",
    "origin",
    "referer",
    "set-cookie",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
];

/// True for names a script can never send, so allowing them is pointless.
pub fn is_forbidden_request_header(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    FORBIDDEN_REQUEST.contains(&lower.as_str())
        || lower == "via"
        || lower.starts_with("proxy-")
        || lower.starts_with("sec-")
}

/// For an `Access-Control-*` name listed in `allow_headers`, the sentence saying what it is and
/// what the user meant; `None` for any other name. These are the CORS protocol's own headers
/// ([Fetch](https://fetch.spec.whatwg.org/#http-new-header-syntax)): the response ones this
/// library writes from the policy, the request ones only the browser sends, on preflights. No
/// script sends any of them, so listing one is always a misconfiguration.
pub fn access_control_misuse(name: &str) -> Option<String> {
    let lower = name.to_ascii_lowercase();
    let rest = lower.strip_prefix("access-control-")?;
    let (what, instead) = match rest {
        "allow-origin" => (RESPONSE, "list the page's origin in `origins`"),
        "allow-credentials" => (RESPONSE, "set `credentials = true`"),
        "allow-methods" => (RESPONSE, "list the methods in `methods`"),
        "allow-headers" => (RESPONSE, "list the request headers themselves"),
        "expose-headers" => (RESPONSE, "list the response headers in `expose_headers`"),
        "max-age" => (RESPONSE, "set `max_age`, e.g. `max_age = 600`"),
        "allow-private-network" => (RESPONSE, "set `private_network = true`"),
        "request-method" => (PREFLIGHT, "list the methods in `methods`"),
        "request-headers" => (PREFLIGHT, "list the request headers themselves"),
        "request-private-network" => (PREFLIGHT, "set `private_network = true`"),
        _ => {
            return Some(format!(
                "`{name}` in `allow_headers` is a CORS protocol header, which scripts do not send; \
                 remove it"
            ));
        }
    };
    Some(format!(
        "`{name}` in `allow_headers` is {what}; remove it and {instead}"
    ))
}

const RESPONSE: &str = "a response header, which this library writes itself";
const PREFLIGHT: &str = "a preflight header, which only the browser sends";

/// True for `set-cookie`/`set-cookie2`, which browsers never expose
/// ([Fetch](https://fetch.spec.whatwg.org/#forbidden-response-header-name)).
pub fn is_forbidden_response_header(name: &str) -> bool {
    name.eq_ignore_ascii_case("set-cookie") || name.eq_ignore_ascii_case("set-cookie2")
}

/// Why a request's header-name list is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ListError {
    /// More than 4096 bytes in all.
    TooLong,
    /// More than 64 names, or more than 16 empty elements.
    TooManyElements,
    /// An element that is not a token (after trimming optional whitespace).
    NotToken,
}

/// Calls `visit` on each name of a `#field-name` list spread over `lines`, skipping optional
/// whitespace and empty elements. Stops at the first name `visit` refuses (returning that name in
/// `Err(Ok(name))`) or at the first malformed input (`Err(Err(..))`). Linear in the bytes read;
/// refuses input beyond the bounds above before reading it all.
pub fn for_each_name<'a, I, F>(lines: I, mut visit: F) -> Result<usize, Result<&'a [u8], ListError>>
where
    I: IntoIterator<Item = &'a [u8]>,
    F: FnMut(&'a [u8]) -> bool,
{
    let mut budget = Budget::default();
    for line in lines {
        budget.line(line).map_err(Err)?;
        let mut from = 0;
        loop {
            let element = Element::at(line, from);
            let name = &line[element.start..element.end];
            if element.token && name.is_empty() {
                budget.empty().map_err(Err)?;
            } else {
                budget.name().map_err(Err)?;
                // `*` is a token but would act as a wildcard if echoed back.
                if !element.token || name == b"*" {
                    return Err(Err(ListError::NotToken));
                }
                if !visit(name) {
                    return Err(Ok(name));
                }
            }
            if element.next > line.len() {
                break;
            }
            from = element.next;
        }
    }
    Ok(budget.names)
}

/// The bounds every reading of a request list counts against.
#[derive(Default)]
struct Budget {
    bytes: usize,
    names: usize,
    empties: usize,
}

impl Budget {
    #[inline]
    fn line(&mut self, line: &[u8]) -> Result<(), ListError> {
        bump(
            &mut self.bytes,
            line.len(),
            MAX_REQUEST_HEADERS_BYTES,
            ListError::TooLong,
        )
    }

    #[inline]
    fn empty(&mut self) -> Result<(), ListError> {
        bump(
            &mut self.empties,
            1,
            MAX_EMPTY_ELEMENTS,
            ListError::TooManyElements,
        )
    }

    #[inline]
    fn name(&mut self) -> Result<(), ListError> {
        bump(
            &mut self.names,
            1,
            MAX_REQUEST_HEADER_NAMES,
            ListError::TooManyElements,
        )
    }
}

#[inline]
fn bump(count: &mut usize, by: usize, max: usize, error: ListError) -> Result<(), ListError> {
    *count += by;
    if *count > max { Err(error) } else { Ok(()) }
}

/// The fast path of [`for_each_name`] for a policy that lists its names: `Some(count)` when
/// every name of the list is `allowed` and the list is within the bounds, `None` otherwise (then
/// [`for_each_name`] tells why). It checks no byte itself, so `allowed` must accept tokens only,
/// as a validated policy's names are; elements are found a word at a time.
#[inline]
pub fn all_allowed<'a, I, F>(lines: I, allowed: F) -> Option<usize>
where
    I: IntoIterator<Item = &'a [u8]>,
    F: Fn(&'a [u8]) -> bool,
{
    let mut budget = Budget::default();
    for line in lines {
        budget.line(line).ok()?;
        let mut rest = line;
        loop {
            let (element, next) = match find_byte(rest, b',') {
                Some(at) => (&rest[..at], Some(&rest[at + 1..])),
                None => (rest, None),
            };
            let name = trim_ows(element);
            if name.is_empty() {
                budget.empty().ok()?;
            } else if budget.name().is_err() || !allowed(name) {
                return None;
            }
            match next {
                Some(next) => rest = next,
                None => break,
            }
        }
    }
    Some(budget.names)
}

/// One comma-separated element of a list line, found in a single pass over its bytes.
struct Element {
    /// The name's bounds, optional whitespace excluded.
    start: usize,
    end: usize,
    /// False when the element holds a byte no token may (it is then not empty either).
    token: bool,
    /// Where the next element starts (past the line's end after its last element).
    next: usize,
}

impl Element {
    fn at(line: &[u8], mut i: usize) -> Element {
        let ows = |b: u8| b == b' ' || b == b'\t';
        while i < line.len() && ows(line[i]) {
            i += 1;
        }
        let start = i;
        while i < line.len() && is_tchar(line[i]) {
            i += 1;
        }
        let end = i;
        while i < line.len() && ows(line[i]) {
            i += 1;
        }
        let token = i == line.len() || line[i] == b',';
        Element {
            start,
            end,
            token,
            next: i + 1,
        }
    }
}

/// Strips RFC 9110 optional whitespace (space, horizontal tab).
#[inline]
pub fn trim_ows(bytes: &[u8]) -> &[u8] {
    let ows = |b: &u8| *b == b' ' || *b == b'\t';
    if !bytes.first().is_some_and(ows) && !bytes.last().is_some_and(ows) {
        return bytes;
    }
    let start = bytes.iter().position(|&b| b != b' ' && b != b'\t');
    let Some(start) = start else { return &[] };
    let end = bytes
        .iter()
        .rposition(|&b| b != b' ' && b != b'\t')
        .unwrap_or(start);
    &bytes[start..=end]
}

#[cfg(test)]
mod tests;
