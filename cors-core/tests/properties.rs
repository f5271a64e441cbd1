//! Properties over arbitrary input: parsing never panics, canonical origins round-trip, and
//! evaluating any request never panics.

use cors_core::{CorsRequest, Origin, Policy, RequestHeader, check_origin};
use proptest::prelude::*;

fn canonical_origin() -> impl Strategy<Value = String> {
    let scheme = prop_oneof![
        Just("http"),
        Just("https"),
        "[a-z][a-z0-9+.-]{0,8}".prop_map(|_| "ws")
    ];
    let label = "[a-z0-9][a-z0-9-]{0,10}";
    let host = prop_oneof![
        prop::collection::vec(label, 1..4).prop_map(|l| format!("{}.example", l.join("."))),
        (0u8..=255, 0u8..=255, 0u8..=255, 0u8..=255)
            .prop_map(|(a, b, c, d)| format!("{a}.{b}.{c}.{d}")),
        any::<[u16; 8]>()
            .prop_map(|p| format!("[{}]", std::net::Ipv6Addr::from(p)))
            .prop_filter("std writes IPv4-mapped addresses differently", |s| !s
                .contains('.')),
    ];
    let port = prop::option::of(1u16..);
    (scheme, host, port).prop_filter_map("no default ports", |(s, h, p)| match p {
        Some(80 | 443) => None,
        Some(p) => Some(format!("{s}://{h}:{p}")),
        None => Some(format!("{s}://{h}")),
    })
}

struct Req(String, Vec<(RequestHeader, Vec<u8>)>);

impl CorsRequest for Req {
    fn method(&self) -> &[u8] {
        self.0.as_bytes()
    }
    fn header_values(&self, h: RequestHeader) -> impl Iterator<Item = &[u8]> {
        self.1
            .iter()
            .filter(move |(n, _)| *n == h)
            .map(|(_, v)| v.as_slice())
    }
}

fn header() -> impl Strategy<Value = RequestHeader> {
    prop_oneof![
        Just(RequestHeader::Origin),
        Just(RequestHeader::RequestMethod),
        Just(RequestHeader::RequestHeaders),
        Just(RequestHeader::RequestPrivateNetwork),
    ]
}

proptest! {
    #[test]
    fn parse_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..80)) {
        let _ = Origin::parse(&bytes);
        if let Ok(text) = std::str::from_utf8(&bytes) {
            let _ = check_origin(text);
            let _ = cors_core::OriginPattern::parse(text);
        }
    }

    #[test]
    fn canonical_origins_round_trip(origin in canonical_origin()) {
        let parsed = Origin::parse(origin.as_bytes());
        prop_assert!(parsed.is_some(), "{origin}");
        let mut out = String::new();
        parsed.unwrap().serialize(&mut out).unwrap();
        prop_assert_eq!(&out, &origin);
        prop_assert!(check_origin(&origin).is_ok());
    }

    #[test]
    fn evaluation_never_panics(
        method in prop_oneof![Just("OPTIONS".to_string()), Just("GET".to_string()), "[ -~]{0,8}"],
        headers in prop::collection::vec((header(), prop::collection::vec(any::<u8>(), 0..64)), 0..6),
    ) {
        let policy = Policy::builder()
            .allow_origins(["https://a.example", "https://*.example.org", "http://localhost:*"])
            .allow_headers(["x-a"])
            .build()
            .unwrap();
        let req = Req(method, headers);
        let _ = policy.evaluate(&req);
        let any = Policy::builder().allow_any_origin().allow_any_header().allow_any_method().build().unwrap();
        let _ = any.evaluate(&req);
    }
}
