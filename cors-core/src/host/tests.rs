use super::*;

/// `is_canonical_host` read the plain way: split into labels, then check each.
fn host_by_labels(host: &str) -> bool {
    if let Some(inner) = host.strip_prefix('[') {
        return inner.strip_suffix(']').is_some_and(is_canonical_ipv6);
    }
    if host.is_empty() || host.len() > 253 {
        return false;
    }
    let last = host.rsplit('.').next().unwrap_or(host);
    let hex = last.strip_prefix("0x");
    let number = match hex {
        Some(hex) => hex.chars().all(|c| c.is_ascii_hexdigit()),
        None => last.chars().all(|c| c.is_ascii_digit()),
    };
    if number {
        return is_canonical_ipv4(host);
    }
    host.split('.').all(|label| {
        (1..=63).contains(&label.len())
            && label
                .bytes()
                .all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_'))
    })
}

proptest::proptest! {
    #[test]
    fn one_pass_host_check_reads_hosts_as_labels(
        host in proptest::collection::vec(
            proptest::sample::select(b"a0x1.-_A:[]9".to_vec()), 0..80),
        // Sometimes a label of 60 to 65 bytes, around the 63-byte bound, joined or appended.
        long in proptest::option::of((60usize..66, proptest::bool::ANY)),
    ) {
        let mut host = String::from_utf8(host).unwrap();
        if let Some((len, joined)) = long {
            host.push_str(if joined { "." } else { "" });
            host.push_str(&"c".repeat(len));
        }
        proptest::prop_assert_eq!(is_canonical_host(&host), host_by_labels(&host), "{}", host);
    }
}
