//! Bugs the fuzz targets found, one test each through the public API, so they stay fixed. Their
//! inputs join `fuzz/corpus/<target>/` with the fix (see `fuzz/README.md`).

use cors_core::{OriginPattern, Policy};

/// fuzz target `pattern`, input `https://*.example.com:184:*`: the pattern was accepted and
/// printed back as `https://*.example.com:*`, the written port silently widened to any port.
/// Corpus: `pattern/found-port-and-port-wildcard` (as found), `pattern/port-and-port-wildcard`.
#[test]
fn a_pattern_with_a_port_and_a_port_wildcard_is_refused() {
    for pattern in [
        "https://*.example.com:8443:*",
        "http://localhost:3000:*",
        "http://[::1]:8080:*",
    ] {
        assert!(
            OriginPattern::parse(pattern).is_err(),
            "{pattern} parsed as {}",
            OriginPattern::parse(pattern).unwrap()
        );
        assert!(
            Policy::builder().allow_origins([pattern]).build().is_err(),
            "the builder accepted {pattern}"
        );
    }
}
