use super::*;

fn pre(method: &str, headers: &[(&'static str, &'static str)]) -> bool {
    needs_preflight(
        method.as_bytes(),
        headers.iter().map(|(n, v)| (*n, v.as_bytes())),
    )
}

#[test]
fn methods() {
    assert!(!pre("GET", &[]));
    assert!(!pre("HEAD", &[]));
    assert!(!pre("POST", &[]));
    assert!(pre("PUT", &[]));
    assert!(pre("get", &[]), "methods are case-sensitive");
}

#[test]
fn content_type() {
    assert!(!pre(
        "POST",
        &[("content-type", "text/plain;charset=utf-8")]
    ));
    assert!(!pre(
        "POST",
        &[("Content-Type", "multipart/form-data; boundary=x")]
    ));
    assert!(!pre(
        "POST",
        &[("content-type", "application/x-www-form-urlencoded")]
    ));
    assert!(pre("POST", &[("content-type", "application/json")]));
    assert!(
        pre("POST", &[("content-type", "text/plain; x=\"a\"")]),
        "unsafe byte"
    );
}

#[test]
fn other_headers() {
    assert!(!pre("GET", &[("accept", "application/json")]));
    assert!(pre("GET", &[("accept", "a{b}")]));
    assert!(!pre("GET", &[("accept-language", "en-US,en;q=0.9")]));
    assert!(pre("GET", &[("content-language", "en_US")]));
    assert!(!pre("GET", &[("range", "bytes=0-")]));
    assert!(!pre("GET", &[("range", "bytes=5-10")]));
    assert!(pre("GET", &[("range", "bytes=10-5")]));
    assert!(pre("GET", &[("range", "bytes=0-1,3-4")]));
    assert!(pre("GET", &[("x-api-key", "1")]));
    assert!(pre("GET", &[("authorization", "Bearer x")]));
    assert!(
        !pre("GET", &[("accept-encoding", "gzip")]),
        "forbidden names are not the script's"
    );
}

#[test]
fn size_limits() {
    let long: &'static str = Box::leak("a".repeat(129).into_boxed_str());
    assert!(pre("GET", &[("accept", long)]));
    let ok: &'static str = Box::leak("a".repeat(128).into_boxed_str());
    assert!(!pre("GET", &[("accept", ok)]));
    let lang: &'static str = Box::leak("e".repeat(128).into_boxed_str());
    let many = [
        ("accept", ok),
        ("accept-language", lang),
        ("content-language", lang),
        ("accept", ok),
        ("accept", ok),
        ("accept", ok),
        ("accept", ok),
        ("accept", ok),
    ];
    assert!(!pre("GET", &many), "exactly 1024 bytes");
    let mut more = many.to_vec();
    more.push(("accept", "a"));
    assert!(pre("GET", &more), "1025 bytes");
}

#[test]
fn unsafe_names_are_sorted_lower_case_and_unique() {
    let names = |headers: &[(&'static str, &'static str)]| {
        unsafe_request_header_names(headers.iter().map(|(n, v)| (*n, v.as_bytes())))
    };
    assert_eq!(
        names(&[("X-Trace", "1"), ("authorization", "t"), ("x-trace", "2")]),
        ["authorization", "x-trace"]
    );
    assert_eq!(
        names(&[("content-type", "application/json"), ("accept", "*/*")]),
        ["content-type"]
    );
    assert!(names(&[("accept", "*/*"), ("range", "bytes=0-")]).is_empty());
    let ok: &'static str = Box::leak("a".repeat(128).into_boxed_str());
    let mut many = vec![("accept", ok); 8];
    many.push(("content-language", "e"));
    assert_eq!(
        names(&many),
        ["accept", "content-language"],
        "past 1,024 bytes every safelisted name is unsafe"
    );
}
