//! Header names and the comma-separated name lists CORS exchanges
//! ([Fetch: HTTP new-header syntax](https://fetch.spec.whatwg.org/#http-new-header-syntax)).

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
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

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

/// True for `set-cookie`/`set-cookie2`, which browsers never expose
/// ([Fetch](https://fetch.spec.whatwg.org/#forbidden-response-header-name)).
pub fn is_forbidden_response_header(name: &str) -> bool {
    name.eq_ignore_ascii_case("set-cookie") || name.eq_ignore_ascii_case("set-cookie2")
}

/// Why a request's header-name list is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListError {
    /// More than [`MAX_REQUEST_HEADERS_BYTES`] bytes.
    TooLong,
    /// More than [`MAX_REQUEST_HEADER_NAMES`] names or [`MAX_EMPTY_ELEMENTS`] empty elements.
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
    let (mut bytes, mut names, mut empties) = (0usize, 0usize, 0usize);
    for line in lines {
        bytes += line.len();
        if bytes > MAX_REQUEST_HEADERS_BYTES {
            return Err(Err(ListError::TooLong));
        }
        for element in line.split(|&b| b == b',') {
            let name = trim_ows(element);
            if name.is_empty() {
                empties += 1;
                if empties > MAX_EMPTY_ELEMENTS {
                    return Err(Err(ListError::TooManyElements));
                }
                continue;
            }
            names += 1;
            if names > MAX_REQUEST_HEADER_NAMES {
                return Err(Err(ListError::TooManyElements));
            }
            // `*` is a token but would act as a wildcard if echoed back.
            if !is_token(name) || name == b"*" {
                return Err(Err(ListError::NotToken));
            }
            if !visit(name) {
                return Err(Ok(name));
            }
        }
    }
    Ok(names)
}

/// Strips RFC 9110 optional whitespace (space, horizontal tab).
pub fn trim_ows(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|&b| b != b' ' && b != b'\t');
    let Some(start) = start else { return &[] };
    let end = bytes
        .iter()
        .rposition(|&b| b != b' ' && b != b'\t')
        .unwrap_or(start);
    &bytes[start..=end]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(lines: &[&str]) -> Result<Vec<String>, Result<String, ListError>> {
        let mut seen = Vec::new();
        for_each_name(lines.iter().map(|l| l.as_bytes()), |n| {
            seen.push(String::from_utf8_lossy(n).into_owned());
            n != b"refused"
        })
        .map(|_| seen)
        .map_err(|e| e.map(|n| String::from_utf8_lossy(n).into_owned()))
    }

    #[test]
    fn lists_tolerate_ows_empty_elements_and_several_lines() {
        assert_eq!(names(&["a,b"]).unwrap(), ["a", "b"]);
        assert_eq!(names(&[" a ,\t, b,", "c"]).unwrap(), ["a", "b", "c"]);
        assert_eq!(names(&[""]).unwrap(), Vec::<String>::new());
    }

    #[test]
    fn lists_are_bounded() {
        let many = vec!["x"; MAX_REQUEST_HEADER_NAMES + 1].join(",");
        assert_eq!(names(&[&many]), Err(Err(ListError::TooManyElements)));
        let empties = ",".repeat(MAX_EMPTY_ELEMENTS + 1);
        assert_eq!(names(&[&empties]), Err(Err(ListError::TooManyElements)));
        let long = "a".repeat(MAX_REQUEST_HEADERS_BYTES + 1);
        assert_eq!(names(&[&long]), Err(Err(ListError::TooLong)));
        assert_eq!(names(&["a b"]), Err(Err(ListError::NotToken)));
        assert_eq!(names(&["*"]), Err(Err(ListError::NotToken)));
        assert_eq!(names(&["é"]), Err(Err(ListError::NotToken)));
        assert_eq!(names(&["a,refused,b"]), Err(Ok("refused".into())));
    }

    #[test]
    fn forbidden_names() {
        assert!(is_forbidden_request_header("Cookie"));
        assert!(is_forbidden_request_header("sec-fetch-mode"));
        assert!(is_forbidden_request_header("Proxy-Authorization"));
        assert!(!is_forbidden_request_header("authorization"));
        assert!(is_forbidden_response_header("Set-Cookie"));
        assert!(!is_forbidden_response_header("x-request-id"));
    }
}
