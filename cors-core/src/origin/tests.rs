use super::*;
use crate::origin_defect::{OriginDefectKind, check_origin};

fn canonical(s: &str) -> bool {
    Origin::parse(s.as_bytes()).is_some()
}

#[test]
fn accepts_canonical_origins() {
    for s in [
        "https://a.example",
        "http://localhost:8080",
        "http://127.0.0.1:3000",
        "https://[::1]",
        "http://[2001:db8::1]:8080",
        "https://xn--bcher-kva.example",
        "chrome-extension://abcdefghijklmnop",
        "http://localhost:1",
        "https://a.example:65535",
        // A last label that is not a number: a domain (URL Standard, "ends in a number").
        "https://a.0xg",
        "https://a.1x",
    ] {
        assert!(canonical(s), "{s}");
    }
}

#[test]
fn rejects_non_canonical_origins() {
    for s in [
        "https://a.example/",
        "https://A.example",
        "HTTPS://a.example",
        "https://a.example:443",
        "http://a.example:80",
        "https://a.example:0443",
        "https://a.example:65536",
        "http://localhost:0",
        "http://localhost:00",
        "https://a.0x",
        "https://a.0x1f",
        "https://a.example:",
        "https://user@a.example",
        "https://a.example?x",
        "a.example",
        "https://",
        "https://a..example",
        "https://a.example.",
        "https://[::0001]",
        "https://[0:0:0:0:0:0:0:1]",
        "https://[::FFFF]",
        "https://[::ffff:1.2.3.4]",
        "https://1.2.3",
        "https://01.2.3.4",
        "https://1.2.3.256",
        "https://ä.example",
        "null",
        "",
    ] {
        assert!(!canonical(s), "{s}");
    }
}

#[test]
fn ipv6_compresses_first_longest_zero_run() {
    assert!(!canonical("http://[1:0:0:2:0:0:0:3]"));
    assert!(canonical("http://[1:0:0:2::3]"), "the longest run wins");
    assert!(
        canonical("http://[1::2:0:0:3:4]"),
        "the first of equal runs wins"
    );
    assert!(!canonical("http://[1:0:0:2::3:4]"));
    assert!(canonical("http://[1:0:2:0:3:0:4:5]"));
    assert!(
        !canonical("http://[1::2:0:3:0:4:5]"),
        "a single zero piece is not compressed"
    );
    assert!(canonical("http://[::]"));
}

#[test]
fn serialize_round_trips() {
    let o = Origin::parse(b"http://[::1]:8080").unwrap();
    let mut s = String::new();
    o.serialize(&mut s).unwrap();
    assert_eq!(s, "http://[::1]:8080");
}

fn defect(s: &str) -> (OriginDefectKind, Option<String>) {
    let d = check_origin(s).unwrap_err();
    (d.kind, d.fix)
}

#[test]
fn defects_name_the_fix() {
    use OriginDefectKind as K;
    let fix = |s: &str| Some(s.to_owned());
    assert_eq!(defect("https://a.com/"), (K::Path, fix("https://a.com")));
    assert_eq!(defect("https://a.com/x?y"), (K::Path, fix("https://a.com")));
    assert_eq!(defect("https://a.com?y"), (K::Query, fix("https://a.com")));
    assert_eq!(
        defect("https://a.com#y"),
        (K::Fragment, fix("https://a.com"))
    );
    assert_eq!(
        defect("https://u:p@a.com"),
        (K::Userinfo, fix("https://a.com"))
    );
    assert_eq!(
        defect("https://App.com"),
        (K::UpperCase, fix("https://app.com"))
    );
    assert_eq!(
        defect("https://a.com:443"),
        (K::DefaultPort, fix("https://a.com"))
    );
    assert_eq!(
        defect("https://a.com:08"),
        (K::InvalidPort, fix("https://a.com:8"))
    );
    assert_eq!(defect("https://a.com:99999"), (K::InvalidPort, None));
    assert_eq!(defect("https://a.com:0"), (K::PortZero, None));
    assert_eq!(defect("https://a.com:000"), (K::PortZero, None));
    assert_eq!(
        defect(" https://a.com"),
        (K::Whitespace, fix("https://a.com"))
    );
    assert_eq!(defect("a.com"), (K::NoScheme, fix("https://a.com")));
    assert_eq!(defect("*.a.com"), (K::NoScheme, None));
    assert_eq!(defect("file:///etc"), (K::FileScheme, None));
    assert_eq!(defect("https://bü.com"), (K::NonAsciiHost, None));
    assert_eq!(defect("https://a b.com"), (K::Malformed, None));
    assert_eq!(
        check_origin("https://a.com/")
            .unwrap_err()
            .message("https://a.com/"),
        "origin `https://a.com/` has a path; write `https://a.com`"
    );
}
