//! Target `pattern`: the input is `configured origin or pattern \n request origin`.
//!
//! A pattern the library accepts has the reference shape (subdomain suffixes of two or more
//! labels, never an IP address), prints back as written, and matches exactly the origins the
//! reference matches: the request origin of the input, and origins derived from the pattern
//! (a subdomain, the apex, a glued-on prefix, an appended label). A policy built from the
//! configured item admits exactly what the reference admits. The builder refuses a well-formed
//! pattern exactly when `*.` stands over a public suffix, unless the suffix's owner opts in.

use cors_core::{Origin, OriginPattern, Policy};

use super::reference::{
    Pattern, Port, covers_public_suffix, parse_pattern, pattern_matches, policy_allows,
};

/// Checks every pattern invariant on `data`.
pub fn check(data: &[u8]) {
    let (configured, request) = match data.iter().position(|&b| b == b'\n') {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, &b""[..]),
    };
    let Ok(configured) = std::str::from_utf8(configured) else {
        return;
    };
    let policy = Policy::builder().allow_origins([configured]).build();
    if let Ok(policy) = &policy {
        assert_eq!(
            policy.allows_origin(request),
            policy_allows(&[configured], false, request),
            "policy [{configured}] and reference disagree on {:?}",
            String::from_utf8_lossy(request)
        );
    }
    if configured == "*" || !configured.contains('*') {
        return;
    }
    let Ok(pattern) = OriginPattern::parse(configured) else {
        assert!(policy.is_err(), "the builder accepted {configured}");
        return;
    };
    assert_eq!(pattern.to_string(), configured, "pattern prints as written");
    let reference = parse_pattern(configured).expect("an accepted pattern has the pattern shape");
    let public = reference.subdomains && covers_public_suffix(reference.host);
    assert_eq!(
        policy.is_ok(),
        !public,
        "the builder and the public suffix list disagree on {configured}"
    );
    let owner = Policy::builder()
        .allow_origins([configured])
        .allow_public_suffix_patterns(true)
        .build();
    assert!(owner.is_ok(), "the owner's opt-in refused {configured}");
    if reference.subdomains {
        let host = reference.host;
        assert!(host.contains('.'), "`*.` over a bare top-level domain");
        assert!(
            !host.starts_with('[')
                && !host
                    .split('.')
                    .all(|l| l.bytes().all(|b| b.is_ascii_digit())),
            "`*.` over an IP address"
        );
    }
    compare(&pattern, &reference, request);
    for derived in derived_origins(&reference) {
        compare(&pattern, &reference, derived.as_bytes());
    }
}

/// The library and the reference agree on `origin` (when it is canonical: the library only
/// matches parsed origins).
fn compare(pattern: &OriginPattern, reference: &Pattern<'_>, origin: &[u8]) {
    let Some(parsed) = Origin::parse(origin) else {
        return;
    };
    let text = std::str::from_utf8(origin).expect("canonical origins are ASCII");
    assert_eq!(
        pattern.matches(&parsed),
        pattern_matches(reference, text),
        "pattern {pattern} on {text}"
    );
}

/// Origins on both sides of the pattern's edge.
fn derived_origins(p: &Pattern<'_>) -> Vec<String> {
    let port = match p.port {
        Port::Exact(port) => format!(":{port}"),
        Port::Default | Port::Any => String::new(),
    };
    let (scheme, host) = (p.scheme, p.host);
    let hosts = [
        format!("a.{host}"),
        format!("a.b.{host}"),
        host.to_owned(),
        format!("evil{host}"),
        format!("a.{host}.evil"),
        format!("a{}", host.trim_start_matches(|c| c != '.')),
    ];
    let mut origins = Vec::new();
    for host in hosts {
        origins.push(format!("{scheme}://{host}{port}"));
        origins.push(format!("{scheme}://{host}:8080"));
        origins.push(format!("{scheme}://{host}"));
    }
    origins
}
