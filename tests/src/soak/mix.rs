//! The requests of the soak and the answers they must get.

use crate::routes::APP;

/// One request of the mix and what its response must be.
pub struct Case {
    /// What the request is.
    pub name: &'static str,
    /// The raw HTTP/1.1 request.
    pub request: Vec<u8>,
    /// The status the server must answer.
    pub status: u16,
    /// The single `Access-Control-Allow-Origin` the response must carry, or `None` for none.
    pub allow_origin: Option<&'static str>,
}

fn request(method: &str, path: &str, headers: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = format!("{method} {path} HTTP/1.1\r\nhost: 127.0.0.1\r\n").into_bytes();
    for (name, value) in headers {
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(b": ");
        out.extend_from_slice(value);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"content-length: 0\r\n\r\n");
    out
}

fn case(
    name: &'static str,
    status: u16,
    allow_origin: Option<&'static str>,
    method: &str,
    path: &str,
    headers: &[(&str, &[u8])],
) -> Case {
    Case {
        name,
        request: request(method, path, headers),
        status,
        allow_origin,
    }
}

/// The mix, in the order each connection cycles through it (from a different starting point).
pub fn mix() -> Vec<Case> {
    const O: &str = "origin";
    const ACRM: &str = "access-control-request-method";
    const ACRH: &str = "access-control-request-headers";
    let app = APP.as_bytes();
    let evil = &b"https://evil.example"[..];
    let huge_origin = crate::routes::huge_origin();
    let long_list = "a,".repeat(32 * 1024);
    let mut comma_lines: Vec<(&str, &[u8])> = vec![(O, app), (ACRM, b"PUT")];
    comma_lines.extend(std::iter::repeat_n((ACRH, &b","[..]), 80));
    vec![
        case(
            "preflight",
            204,
            Some(APP),
            "OPTIONS",
            "/items",
            &[(O, app), (ACRM, b"POST"), (ACRH, b"content-type")],
        ),
        case(
            "preflight, any header",
            204,
            Some(APP),
            "OPTIONS",
            "/echo",
            &[(O, app), (ACRM, b"PUT"), (ACRH, b"x-a, x-b")],
        ),
        case(
            "preflight, refused origin",
            403,
            None,
            "OPTIONS",
            "/items",
            &[(O, evil), (ACRM, b"GET")],
        ),
        case(
            "actual",
            200,
            Some("https://eu.example.org"),
            "GET",
            "/items",
            &[(O, b"https://eu.example.org")],
        ),
        case(
            "actual, refused origin",
            200,
            None,
            "POST",
            "/items",
            &[(O, evil)],
        ),
        case(
            "actual, any origin",
            200,
            Some("*"),
            "GET",
            "/public",
            &[(O, evil)],
        ),
        case(
            "actual, null",
            200,
            Some("null"),
            "GET",
            "/sandboxed",
            &[(O, b"null")],
        ),
        case("no Origin", 200, None, "GET", "/items", &[]),
        case(
            "no Origin, any origin",
            200,
            Some("*"),
            "GET",
            "/public",
            &[],
        ),
        case(
            "hostile: 64 KiB list",
            403,
            None,
            "OPTIONS",
            "/echo",
            &[(O, app), (ACRM, b"PUT"), (ACRH, long_list.as_bytes())],
        ),
        case(
            "hostile: 80 comma lines",
            403,
            None,
            "OPTIONS",
            "/echo",
            &comma_lines,
        ),
        case(
            "hostile: 64 KiB origin",
            200,
            None,
            "GET",
            "/items",
            &[(O, huge_origin.as_bytes())],
        ),
        case(
            "hostile: two Origin lines",
            200,
            None,
            "GET",
            "/items",
            &[(O, app), (O, app)],
        ),
        case(
            "hostile: two Origin lines, preflight",
            403,
            None,
            "OPTIONS",
            "/items",
            &[(O, app), (O, app), (ACRM, b"GET")],
        ),
        case(
            "hostile: non-ASCII origin",
            200,
            None,
            "GET",
            "/items",
            &[(O, b"https://b\xfc.example.org")],
        ),
        case(
            "hostile: userinfo",
            200,
            None,
            "GET",
            "/items",
            &[(O, b"https://app.example@evil.example")],
        ),
        case(
            "hostile: upper-case scheme",
            403,
            None,
            "OPTIONS",
            "/items",
            &[(O, b"HTTPS://app.example"), (ACRM, b"GET")],
        ),
        case(
            "hostile: IPv6 look-alike",
            200,
            None,
            "GET",
            "/items",
            &[(O, b"http://[0:0:0:0:0:0:0:1]:8080")],
        ),
        case(
            "hostile: non-ASCII list",
            403,
            None,
            "OPTIONS",
            "/echo",
            &[(O, app), (ACRM, b"PUT"), (ACRH, b"x-\xe4")],
        ),
        // Refused by actix's HTTP parser before any middleware: `400`, connection closed.
        case(
            "hostile: control byte",
            400,
            None,
            "GET",
            "/items",
            &[(O, b"https://app\x01.example")],
        ),
    ]
}
