//! Target `origin`: the input is a request's `Origin` value.
//!
//! An accepted origin serializes back to exactly its bytes and has the canonical shape; a refused
//! one is refused by `check_origin` too, whose suggested fix (if any) is itself canonical; and a
//! fixed set of patterns and policies (one with a list long enough to be hashed) admit it exactly
//! when the reference does.

use std::sync::LazyLock;

use cors_core::{Origin, OriginPattern, Policy, check_origin};

use super::reference::{parse_pattern, pattern_matches, policy_allows};

/// Patterns every input is matched against.
const PATTERNS: [&str; 6] = [
    "https://*.example.com",
    "https://*.example.com:*",
    "https://*.example.com:8443",
    "http://localhost:*",
    "http://[::1]:*",
    "https://*.a.b.c",
];

/// A policy mixing exact origins, `null` and the patterns above.
const POLICY_ORIGINS: [&str; 9] = [
    "https://app.example",
    "http://localhost:8080",
    "http://[2001:db8::1]:8443",
    "http://127.0.0.1:3000",
    "https://*.example.com",
    "https://*.example.com:8443",
    "http://localhost:*",
    "http://[::1]:*",
    "https://*.a.b.c",
];

/// Enough exact origins for a run-time policy to look them up by hash rather than bisection.
const MANY_ORIGINS: [&str; 12] = [
    "https://app.example",
    "https://app.example:8443",
    "https://api.example",
    "https://a.example",
    "https://b.example",
    "https://ab.example",
    "http://app.example",
    "http://localhost:3000",
    "http://localhost:3001",
    "http://127.0.0.1:8080",
    "http://[::1]:8080",
    "https://xn--bcher-kva.example",
];

static COMPILED: LazyLock<Vec<OriginPattern>> = LazyLock::new(|| {
    PATTERNS
        .iter()
        .map(|p| OriginPattern::parse(p).expect("valid pattern"))
        .collect()
});

static MANY: LazyLock<Policy> = LazyLock::new(|| {
    Policy::builder()
        .allow_origins(MANY_ORIGINS)
        .build()
        .expect("valid policy")
});

static POLICY: LazyLock<Policy> = LazyLock::new(|| {
    Policy::builder()
        .allow_origins(POLICY_ORIGINS)
        .allow_null_origin()
        .build()
        .expect("valid policy")
});

/// Checks every origin invariant on `data`.
pub fn check(data: &[u8]) {
    match Origin::parse(data) {
        Some(origin) => check_accepted(data, &origin),
        None => check_refused(data),
    }
    assert_eq!(
        POLICY.allows_origin(data),
        policy_allows(&POLICY_ORIGINS, true, data),
        "policy and reference disagree on {:?}",
        String::from_utf8_lossy(data)
    );
    assert_eq!(
        MANY.allows_origin(data),
        policy_allows(&MANY_ORIGINS, false, data),
        "a long exact list and the reference disagree on {:?}",
        String::from_utf8_lossy(data)
    );
}

fn check_accepted(data: &[u8], origin: &Origin<'_>) {
    let mut serialized = String::new();
    origin.serialize(&mut serialized).expect("write to String");
    assert_eq!(serialized.as_bytes(), data, "serialize(parse(o)) != o");
    assert!(data.len() <= cors_core::__private::MAX_ORIGIN_LEN);
    let authority = &data[origin.scheme().len() + "://".len()..];
    assert!(
        data.iter()
            .all(|b| b.is_ascii_graphic() && !b.is_ascii_uppercase())
            && !authority.iter().any(|b| b"@/?#\\%".contains(b)),
        "canonical origins are lower-case visible ASCII without userinfo, path, query or fragment"
    );
    assert!(!origin.scheme().is_empty() && !origin.host().is_empty());
    if let Some(port) = origin.port() {
        assert!(
            !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()),
            "port {port:?}"
        );
        assert!(!port.starts_with('0'), "port 0 or a leading zero: {port:?}");
    }
    let text = std::str::from_utf8(data).expect("accepted origins are ASCII");
    assert_eq!(
        check_origin(text),
        Ok(()),
        "configured and request rules agree"
    );
    for (pattern, compiled) in PATTERNS.iter().zip(COMPILED.iter()) {
        let reference = parse_pattern(pattern).expect("pattern shape");
        assert_eq!(
            compiled.matches(origin),
            pattern_matches(&reference, text),
            "pattern {pattern} on {text}"
        );
    }
}

fn check_refused(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let defect = check_origin(text).expect_err("request and configured rules agree");
    assert!(!defect.message(text).is_empty());
    if let Some(fix) = &defect.fix {
        assert_ne!(fix, text, "a fix must change something");
        assert!(
            Origin::parse(fix.as_bytes()).is_some(),
            "the suggested fix {fix:?} for {text:?} is not canonical"
        );
    }
}
