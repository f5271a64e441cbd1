use super::*;

#[test]
fn state_changing_methods() {
    assert!(!is_state_changing(b"GET"));
    assert!(!is_state_changing(b"HEAD"));
    assert!(!is_state_changing(b"OPTIONS"));
    assert!(is_state_changing(b"POST"));
    assert!(is_state_changing(b"DELETE"));
    assert!(is_state_changing(b"get"), "methods are case-sensitive");
}

#[test]
fn sec_fetch_site() {
    assert_eq!(sec_fetch_site_is_cross_origin(b"same-origin"), Some(false));
    assert_eq!(sec_fetch_site_is_cross_origin(b"none"), Some(false));
    assert_eq!(sec_fetch_site_is_cross_origin(b"same-site"), Some(true));
    assert_eq!(sec_fetch_site_is_cross_origin(b"cross-site"), Some(true));
    assert_eq!(sec_fetch_site_is_cross_origin(b"bogus"), None);
}

#[test]
fn same_origin_comparison() {
    assert!(is_same_origin(
        b"https://shop.example",
        "https",
        "shop.example"
    ));
    assert!(is_same_origin(
        b"https://shop.example",
        "https",
        "shop.example:443"
    ));
    assert!(is_same_origin(
        b"http://127.0.0.1:8080",
        "http",
        "127.0.0.1:8080"
    ));
    assert!(is_same_origin(
        b"https://shop.example",
        "https",
        "Shop.Example"
    ));
    assert!(!is_same_origin(
        b"https://shop.example",
        "http",
        "shop.example"
    ));
    assert!(!is_same_origin(
        b"https://evil.example",
        "https",
        "shop.example"
    ));
    assert!(!is_same_origin(
        b"https://shop.example:8443",
        "https",
        "shop.example"
    ));
    assert!(!is_same_origin(b"null", "https", "shop.example"));
}
