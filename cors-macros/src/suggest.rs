//! The known key nearest to an unknown one, for "did you mean" (as rustc suggests names: a few
//! edits away, or the same key in the builder's vocabulary, `allow_origins` for `origins`).
//! Edits are counted by strsim's optimal string alignment distance: an insertion, a deletion, a
//! substitution or a swap of two neighbours is one edit each (`oirgins` is one from `origins`).

/// Every key of `#[cors(..)]` and `policy!(..)`, in the order the docs list them.
pub const KEYS: [&str; 15] = [
    "origins",
    "methods",
    "allow_headers",
    "expose_headers",
    "credentials",
    "max_age",
    "private_network",
    "allow_null_origin",
    "enforce",
    "allow_public_suffix_patterns",
    "allow_insecure_origins",
    "policy",
    "origin_fn",
    "origin_fn_async",
    "off",
];

/// The known key `unknown` most likely stands for, if one is close enough.
pub fn nearest_key(unknown: &str) -> Option<&'static str> {
    let most = (unknown.chars().count() / 3).max(1);
    let by_edits = KEYS
        .iter()
        .map(|key| (strsim::osa_distance(unknown, key), *key))
        .filter(|&(distance, _)| distance <= most)
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, key)| key);
    by_edits.or_else(|| {
        // `allow_origins` (the builder method) for `origins`, `headers` for `allow_headers`.
        KEYS.into_iter().find(|key| {
            let suffix = |long: &str, short: &str| {
                long.strip_suffix(short)
                    .is_some_and(|rest| rest.ends_with('_'))
            };
            suffix(unknown, key) || suffix(key, unknown)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        let cases = [
            ("orgins", Some("origins")),
            ("oirgins", Some("origins")),
            ("allow_headres", Some("allow_headers")),
            ("origin", Some("origins")),
            ("allowed_headers", Some("allow_headers")),
            ("maxage", Some("max_age")),
            ("credential", Some("credentials")),
            ("allow_origins", Some("origins")),
            ("allow_credentials", Some("credentials")),
            ("allow_methods", Some("methods")),
            ("headers", Some("allow_headers")),
            ("colour", None),
            ("x", None),
        ];
        for (unknown, expected) in cases {
            assert_eq!(nearest_key(unknown), expected, "{unknown}");
        }
    }
}
