use super::*;

fn assert_send_sync<T: Send + Sync>() {}

#[test]
fn policy_is_send_sync_and_const_constructible() {
    assert_send_sync::<Policy>();
    static PATTERNS: [OriginPattern; 1] = [OriginPattern::from_parts(
        "https",
        ".example.org",
        true,
        crate::pattern::PortRule::Default,
    )];
    static POLICY: Policy = Policy::from_parts(
        AllowedOrigins::from_parts(
            false,
            false,
            NameList::from_static(&["https://a.example"], "https://a.example"),
            Cow::Borrowed(&PATTERNS),
        ),
        AllowedMethods::List(NameList::from_static(&["GET"], "GET")),
        AllowedHeaders::List(NameList::from_static(&[], "")),
        None,
        true,
        Some("600"),
        false,
    );
    assert!(POLICY.allows_origin(b"https://a.example"));
    assert!(POLICY.allows_origin(b"https://x.example.org"));
    assert!(!POLICY.allows_origin(b"https://b.example"));
    assert_eq!(POLICY.max_age(), Some("600"));
    assert_eq!(
        POLICY.origins().to_string(),
        "https://a.example, https://*.example.org"
    );
}

#[test]
fn exact_origins_are_byte_exact() {
    let p = Policy::builder()
        .allow_origins(["https://a.example"])
        .build()
        .unwrap();
    assert!(p.allows_origin(b"https://a.example"));
    assert!(!p.allows_origin(b"https://A.example"));
    assert!(!p.allows_origin(b"https://a.example/"));
    assert!(!p.allows_origin(b"https://a.example.evil"));
    assert!(!p.allows_origin(b"null"));
}

#[test]
fn null_origin_needs_opt_in() {
    let p = Policy::builder()
        .allow_origins(["https://a.example"])
        .allow_null_origin()
        .build()
        .unwrap();
    assert!(p.allows_origin(b"null"));
    assert_eq!(p.origins().to_string(), "https://a.example, null");
}

#[test]
fn thousand_origins_all_found() {
    let origins: Vec<String> = (0..1000).map(|i| format!("https://t{i}.example")).collect();
    let p = Policy::builder().allow_origins(&origins).build().unwrap();
    assert!(origins.iter().all(|o| p.allows_origin(o.as_bytes())));
    assert!(!p.allows_origin(b"https://t1000.example"));
}
