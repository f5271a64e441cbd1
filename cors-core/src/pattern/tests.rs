use super::*;

fn pattern(s: &str) -> OriginPattern {
    OriginPattern::parse(s).unwrap()
}

fn matches(p: &OriginPattern, o: &str) -> bool {
    Origin::parse(o.as_bytes()).is_some_and(|o| p.matches(&o))
}

#[test]
fn subdomain_patterns_are_dot_bounded_and_exclude_the_apex() {
    let p = pattern("https://*.example.com");
    assert!(matches(&p, "https://a.example.com"));
    assert!(matches(&p, "https://a.b.example.com"));
    assert!(!matches(&p, "https://example.com"));
    assert!(!matches(&p, "https://evilexample.com"));
    assert!(!matches(&p, "https://a.example.com.evil"));
    assert!(!matches(&p, "http://a.example.com"));
    assert!(!matches(&p, "https://a.example.com:8443"));
    assert!(
        !matches(&p, "https://A.example.com"),
        "only canonical origins match"
    );
    assert_eq!(p.to_string(), "https://*.example.com");
}

#[test]
fn port_patterns() {
    let p = pattern("http://localhost:*");
    assert!(matches(&p, "http://localhost"));
    assert!(matches(&p, "http://localhost:5173"));
    assert!(!matches(&p, "http://localhost.evil:5173"));
    assert!(!matches(&p, "https://localhost:5173"));
    let both = pattern("https://*.example.com:*");
    assert!(matches(&both, "https://a.example.com:8443"));
    let exact_port = pattern("https://*.example.com:8443");
    assert!(matches(&exact_port, "https://a.example.com:8443"));
    assert!(!matches(&exact_port, "https://a.example.com"));
    assert_eq!(both.to_string(), "https://*.example.com:*");
}

#[test]
fn bad_patterns() {
    assert_eq!(
        OriginPattern::parse("https://*.com"),
        Err(PatternDefect::BareTld)
    );
    assert_eq!(
        OriginPattern::parse("https://a*.example.com"),
        Err(PatternDefect::Misplaced)
    );
    assert_eq!(
        OriginPattern::parse("https://*example.com"),
        Err(PatternDefect::Misplaced)
    );
    assert_eq!(
        OriginPattern::parse("https://a.*.example.com"),
        Err(PatternDefect::Misplaced)
    );
    assert_eq!(
        OriginPattern::parse("*://a.example.com"),
        Err(PatternDefect::Misplaced)
    );
    assert_eq!(
        OriginPattern::parse("https://*.1.2.3.4"),
        Err(PatternDefect::IpHost)
    );
    for both in [
        "https://*.example.com:184:*",
        "http://[::1]:8080:*",
        "http://localhost:3000:*",
    ] {
        assert_eq!(
            OriginPattern::parse(both),
            Err(PatternDefect::Misplaced),
            "{both}"
        );
    }
    assert!(matches!(
        OriginPattern::parse("https://*.Example.com"),
        Err(PatternDefect::Origin(_))
    ));
    assert!(matches!(
        OriginPattern::parse("https://*.example.com/"),
        Err(PatternDefect::Origin(_))
    ));
}
