use super::*;
use crate::words::eq_ignore_case;

#[test]
fn equality_and_hash_follow_ascii_case() {
    let names = [
        "",
        "a",
        "ab",
        "abc",
        "abcd",
        "x-api",
        "x-api-k",
        "x-api-ke",
        "x-api-key",
        "content-type",
        "x-custom-header-07",
        "https://app0042.example",
        "é-ü",
    ];
    for a in names {
        let upper = a.to_ascii_uppercase();
        assert!(eq_ignore_case(a.as_bytes(), upper.as_bytes()), "{a}");
        assert_eq!(
            folded_hash(a.as_bytes()),
            folded_hash(upper.as_bytes()),
            "{a}"
        );
        for b in names {
            assert_eq!(
                eq_ignore_case(a.as_bytes(), b.as_bytes()),
                a.eq_ignore_ascii_case(b),
                "{a} {b}"
            );
        }
    }
}

#[test]
fn probe_sequences_stay_short_for_similar_origins() {
    for n in [9, 100, 1000] {
        let names: Vec<String> = (0..n)
            .map(|i| format!("https://app{i:04}.example"))
            .collect();
        let index = build(names.iter().map(String::as_str));
        let mut probes = 0;
        for (at, name) in names.iter().enumerate() {
            assert!(find(&index, name.as_bytes(), |p| {
                probes += 1;
                p == at
            }));
            let mut slot = home_slot(folded_hash(name.as_bytes()), index.len());
            while (index[slot] & 0xffff_ffff) as usize != at + 1 {
                probes += 1;
                slot = (slot + 1) & (index.len() - 1);
            }
        }
        // Linear probing at load 1/2 expects 1.5 probes a hit; tags compared ~1 per hit.
        assert!(
            probes <= n * 3,
            "{n} names: {probes} probes and comparisons"
        );
    }
}

proptest::proptest! {
    #[test]
    fn word_equality_is_byte_equality_ignoring_case(
        a in proptest::collection::vec(proptest::sample::select(b"aAbB-\xc1\xe1".to_vec()), 0..40),
        b in proptest::collection::vec(proptest::sample::select(b"aAbB-\xc1\xe1".to_vec()), 0..40),
    ) {
        proptest::prop_assert_eq!(eq_ignore_case(&a, &b), a.eq_ignore_ascii_case(&b));
        if a.eq_ignore_ascii_case(&b) {
            proptest::prop_assert_eq!(folded_hash(&a), folded_hash(&b));
        }
    }
}
