//! The known key nearest to an unknown one, for "did you mean" (as rustc suggests names: a few
//! edits away, or the same key in the builder's vocabulary, `allow_origins` for `origins`).

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
        .map(|key| (edit_distance(unknown, key), *key))
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

/// Edits (insert, delete, substitute, swap two neighbours) from `a` to `b`: the optimal string
/// alignment distance.
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    // Rows i - 2, i - 1 and i of the table of distances between prefixes.
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut last: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut row = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let substitute = usize::from(a[i - 1] != b[j - 1]);
            row[j] = (last[j] + 1)
                .min(row[j - 1] + 1)
                .min(last[j - 1] + substitute);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                row[j] = row[j].min(before[j - 2] + 1);
            }
        }
        before = std::mem::replace(&mut last, row);
    }
    last[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(edit_distance("origins", "origins"), 0);
        assert_eq!(edit_distance("orgins", "origins"), 1);
        assert_eq!(edit_distance("orgiins", "origins"), 1);
        assert_eq!(edit_distance("oirgins", "origins"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn suggestions() {
        let cases = [
            ("orgins", Some("origins")),
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
