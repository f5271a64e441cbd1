//! `Vary` for CORS responses ([Fetch: CORS protocol and HTTP caches](https://fetch.spec.whatwg.org/#cors-protocol-and-http-caches)).
//!
//! A response whose ACAO depends on the request must say so with `Vary: Origin`, appended to what
//! the handler set, without duplicates, and not at all when the handler already sent `Vary: *`.

use crate::header::trim_ows;

/// A set of request headers a response varies on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct VarySet(u8);

const NAMES: [&str; 4] = [
    "Origin",
    "Access-Control-Request-Method",
    "Access-Control-Request-Headers",
    "Access-Control-Request-Private-Network",
];

/// Every subset's header value, indexed by the set's bits, so appending never allocates.
const VALUES: [&str; 16] = [
    "",
    "Origin",
    "Access-Control-Request-Method",
    "Origin, Access-Control-Request-Method",
    "Access-Control-Request-Headers",
    "Origin, Access-Control-Request-Headers",
    "Access-Control-Request-Method, Access-Control-Request-Headers",
    "Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
    "Access-Control-Request-Private-Network",
    "Origin, Access-Control-Request-Private-Network",
    "Access-Control-Request-Method, Access-Control-Request-Private-Network",
    "Origin, Access-Control-Request-Method, Access-Control-Request-Private-Network",
    "Access-Control-Request-Headers, Access-Control-Request-Private-Network",
    "Origin, Access-Control-Request-Headers, Access-Control-Request-Private-Network",
    "Access-Control-Request-Method, Access-Control-Request-Headers, Access-Control-Request-Private-Network",
    "Origin, Access-Control-Request-Method, Access-Control-Request-Headers, Access-Control-Request-Private-Network",
];

impl VarySet {
    /// Nothing.
    pub const NONE: VarySet = VarySet(0);
    /// `Origin`.
    pub const ORIGIN: VarySet = VarySet(1);
    /// What a preflight response varies on.
    pub const PREFLIGHT: VarySet = VarySet(0b0111);
    /// What a preflight response varies on when Private Network Access is enabled.
    pub const PREFLIGHT_PRIVATE_NETWORK: VarySet = VarySet(0b1111);

    /// The set as bits (`Origin` = 1, then the request headers in the order above), for tables
    /// of prepared header values indexed by set.
    pub const fn bits(self) -> u8 {
        self.0
    }

    /// The set with these bits (see [`VarySet::bits`]); bits beyond the four names are dropped.
    pub const fn from_bits(bits: u8) -> VarySet {
        VarySet(bits & 0b1111)
    }

    /// True when empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The `Vary` value naming this set, e.g. `Origin, Access-Control-Request-Method`.
    pub const fn header_value(self) -> &'static str {
        VALUES[(self.0 & 0b1111) as usize]
    }

    /// The part of this set not already named by the response's `Vary` field lines; empty when
    /// one of them is `*`. Tokens compare ASCII case-insensitively.
    pub fn missing_from<'a>(self, existing: impl IntoIterator<Item = &'a [u8]>) -> VarySet {
        let mut missing = self.0;
        for line in existing {
            for token in line.split(|&b| b == b',').map(trim_ows) {
                if token == b"*" {
                    return VarySet::NONE;
                }
                for (bit, name) in NAMES.iter().enumerate() {
                    if token.eq_ignore_ascii_case(name.as_bytes()) {
                        missing &= !(1 << bit);
                    }
                }
            }
        }
        VarySet(missing)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_name_exactly_the_set() {
        for bits in 0..16u8 {
            let expected: Vec<&str> = (0..4)
                .filter(|b| bits & (1 << b) != 0)
                .map(|b| NAMES[b])
                .collect();
            assert_eq!(VarySet(bits).header_value(), expected.join(", "));
        }
    }

    #[test]
    fn appends_only_what_is_missing() {
        let set = VarySet::PREFLIGHT;
        assert_eq!(set.missing_from([]), set);
        assert_eq!(
            set.missing_from([&b"accept-encoding, origin"[..]])
                .header_value(),
            "Access-Control-Request-Method, Access-Control-Request-Headers"
        );
        assert_eq!(
            set.missing_from([
                &b"Origin"[..],
                b"ACCESS-CONTROL-REQUEST-METHOD,access-control-request-headers"
            ]),
            VarySet::NONE
        );
        assert_eq!(
            VarySet::ORIGIN.missing_from([&b"Accept-Encoding, *"[..]]),
            VarySet::NONE
        );
        assert_eq!(
            VarySet::ORIGIN.missing_from([&b"Origins"[..]]),
            VarySet::ORIGIN
        );
    }
}
