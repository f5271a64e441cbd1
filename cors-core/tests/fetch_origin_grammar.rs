//! `Origin::parse` against Fetch's serialized-origin grammar, transcribed below from the Fetch
//! standard's `Origin` header section as of its 2026-06 review draft (`review-drafts/2026-06.bs`,
//! the newest stored text; it carries the grammar of whatwg/fetch 301650c).
//!
//! The grammar describes the values browsers send, and the parser accepts exactly those, with two
//! departures, each pinned here:
//! - stricter, where the URL serializer never produces what the grammar allows: port 0 (a bad
//!   port), leading zeros, the scheme's default port or more than 65535; IPv6 written other than
//!   the URL serializer writes it (the first longest run of zero pieces compressed); a domain
//!   ending in a number (the URL parser reads it as IPv4);
//! - looser, where the URL parser accepts more than the grammar: `_` in a label and labels
//!   starting or ending with `-` (UTS 46 runs with CheckHyphens off, and `_` is no forbidden
//!   domain code point), which Chromium and Firefox send (`https://my_app.example`).

use std::net::Ipv6Addr;

use cors_core::Origin;
use proptest::prelude::*;

// --- the grammar, one function per production ---------------------------------------------------

fn lower_alpha(b: u8) -> bool {
    b.is_ascii_lowercase()
}

fn lower_alphanum(b: u8) -> bool {
    lower_alpha(b) || b.is_ascii_digit()
}

/// `serialized-scheme = lower-alpha *( lower-alphanum / "+" / "-" / "." )`
fn serialized_scheme(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && lower_alpha(b[0])
        && b[1..]
            .iter()
            .all(|&c| lower_alphanum(c) || b"+-.".contains(&c))
}

/// `dec-octet`: 0-255 without leading zeros.
fn dec_octet(s: &str) -> bool {
    let b = s.as_bytes();
    match b.len() {
        1 => b[0].is_ascii_digit(),
        2 => (b'1'..=b'9').contains(&b[0]) && b[1].is_ascii_digit(),
        3 => match b[0] {
            b'1' => b[1].is_ascii_digit() && b[2].is_ascii_digit(),
            b'2' => {
                ((b'0'..=b'4').contains(&b[1]) && b[2].is_ascii_digit())
                    || (b[1] == b'5' && (b'0'..=b'5').contains(&b[2]))
            }
            _ => false,
        },
        _ => false,
    }
}

/// `serialized-ipv4 = dec-octet "." dec-octet "." dec-octet "." dec-octet`
fn serialized_ipv4(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    parts.len() == 4 && parts.iter().all(|p| dec_octet(p))
}

/// `h16 = "0" / ( non-zero-hex 0*3hex )`, lower-case hex.
fn h16(s: &str) -> bool {
    let hex = |c: u8| c.is_ascii_digit() || (b'a'..=b'f').contains(&c);
    let b = s.as_bytes();
    s == "0" || (!b.is_empty() && b.len() <= 4 && b[0] != b'0' && b.iter().all(|&c| hex(c)))
}

/// `serialized-ipv6`: eight `h16`, or `::` standing for at least two of them (so at most six
/// around it).
fn serialized_ipv6(s: &str) -> bool {
    let pieces = |part: &str| -> Option<usize> {
        if part.is_empty() {
            return Some(0);
        }
        let all: Vec<&str> = part.split(':').collect();
        all.iter().all(|p| h16(p)).then_some(all.len())
    };
    match s.split_once("::") {
        None => pieces(s) == Some(8),
        Some((head, tail)) => match (pieces(head), pieces(tail)) {
            (Some(h), Some(t)) => h + t <= 6,
            _ => false,
        },
    }
}

/// `domain-label = lower-alphanum / ( lower-alphanum *( lower-alphanum / "-" ) lower-alphanum )`
fn domain_label(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && lower_alphanum(b[0])
        && lower_alphanum(b[b.len() - 1])
        && b.iter().all(|&c| lower_alphanum(c) || c == b'-')
}

/// `serialized-domain = *( domain-label "." ) domain-label`
fn serialized_domain(s: &str) -> bool {
    s.split('.').all(domain_label)
}

/// `serialized-host = serialized-ipv4 / "[" serialized-ipv6 "]" / serialized-domain`
fn serialized_host(s: &str) -> bool {
    match s.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
        Some(v6) => serialized_ipv6(v6),
        None => serialized_ipv4(s) || serialized_domain(s),
    }
}

/// `serialized-origin = serialized-scheme "://" serialized-host [ ":" serialized-port ]`, with
/// `serialized-port = 1*5DIGIT`.
fn serialized_origin(s: &str) -> bool {
    let Some((scheme, rest)) = s.split_once("://") else {
        return false;
    };
    let (host, port) = match rest.rfind(':') {
        Some(at) if !rest[at..].contains(']') => (&rest[..at], Some(&rest[at + 1..])),
        _ => (rest, None),
    };
    let port_ok =
        port.is_none_or(|p| (1..=5).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()));
    serialized_scheme(scheme) && serialized_host(host) && port_ok
}

// --- the departures, read independently of cors-core --------------------------------------------

/// Looser: `_` in the host, or a domain label starting or ending with `-`.
fn url_parser_extension(s: &str) -> bool {
    let host = s.split_once("://").map_or("", |(_, r)| r);
    let host = host.split(':').next().unwrap_or("");
    host.contains('_')
        || host
            .split('.')
            .any(|l| l.starts_with('-') || l.ends_with('-'))
}

/// Stricter: what the grammar allows but the URL serializer never writes.
fn never_serialized(scheme: &str, host: &str, port: Option<&str>) -> bool {
    let bad_port = port.is_some_and(|p| {
        let default = matches!(
            (scheme, p),
            ("http" | "ws", "80") | ("https" | "wss", "443") | ("ftp", "21")
        );
        p.starts_with('0') || p.parse::<u32>().unwrap() > 65535 || default
    });
    let bad_host = match host.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
        // The URL serializer's text is what std writes (RFC 5952), for non-IPv4-mapped addresses.
        Some(v6) => v6.parse::<Ipv6Addr>().unwrap().to_string() != v6,
        None => {
            let last = host.rsplit('.').next().unwrap();
            let number = match last.strip_prefix("0x") {
                Some(hex) => hex.bytes().all(|b| b.is_ascii_hexdigit()),
                None => last.bytes().all(|b| b.is_ascii_digit()),
            };
            number && !serialized_ipv4(host)
        }
    };
    bad_port || bad_host
}

// --- generators ---------------------------------------------------------------------------------

fn scheme() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("http".to_owned()),
        Just("https".to_owned()),
        "[a-z][a-z0-9+.-]{0,6}"
    ]
}

fn label() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z0-9]",
        "[a-z0-9][a-z0-9-]{0,8}[a-z0-9]",
        "0x[0-9a-z]{0,3}",
        "[0-9]{1,3}"
    ]
}

fn ipv6_text() -> impl Strategy<Value = String> {
    // Pieces biased to zero so runs appear, then written three ways: as std writes it, without
    // compression, or with the last run of zeros compressed.
    let piece = prop_oneof![3 => Just(0u16), 1 => any::<u16>()];
    (prop::array::uniform8(piece), 0..3u8).prop_filter_map("not IPv4-mapped", |(p, form)| {
        let addr = Ipv6Addr::from(p);
        if addr.to_ipv4_mapped().is_some() {
            return None;
        }
        let hex: Vec<String> = p.iter().map(|x| format!("{x:x}")).collect();
        Some(match form {
            0 => addr.to_string(),
            1 => hex.join(":"),
            _ => {
                let end = (0..8).rev().find(|&i| p[i] == 0)?;
                let start = (0..=end).rev().take_while(|&i| p[i] == 0).last()?;
                if end - start < 1 {
                    return None;
                }
                format!("{}::{}", hex[..start].join(":"), hex[end + 1..].join(":"))
            }
        })
    })
}

fn host() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::collection::vec(label(), 1..5).prop_map(|l| l.join(".")),
        prop::array::uniform4(any::<u8>())
            .prop_map(|o| format!("{}.{}.{}.{}", o[0], o[1], o[2], o[3])),
        ipv6_text().prop_map(|v6| format!("[{v6}]")),
    ]
}

fn grammar_origin() -> impl Strategy<Value = (String, String, Option<String>)> {
    (scheme(), host(), prop::option::of("[0-9]{1,5}"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    /// Every value the grammar describes is accepted, unless the URL serializer never writes it.
    #[test]
    fn grammar_values_are_accepted_unless_never_serialized((scheme, host, port) in grammar_origin()) {
        let text = match &port {
            Some(p) => format!("{scheme}://{host}:{p}"),
            None => format!("{scheme}://{host}"),
        };
        prop_assert!(serialized_origin(&text), "the generator left the grammar: {}", text);
        let expected = !never_serialized(&scheme, &host, port.as_deref());
        prop_assert_eq!(Origin::parse(text.as_bytes()).is_some(), expected, "{}", text);
    }

    /// Everything accepted is in the grammar, but for the URL parser's `_` and edge hyphens.
    #[test]
    fn accepted_values_are_in_the_grammar(
        text in "[a-z]{1,5}://[a-z0-9_.:\\[\\]-]{1,24}",
    ) {
        if Origin::parse(text.as_bytes()).is_some() {
            prop_assert!(serialized_origin(&text) || url_parser_extension(&text), "{}", text);
        }
    }
}

#[test]
fn departures_from_the_grammar() {
    let parse = |s: &str| Origin::parse(s.as_bytes()).is_some();
    // Looser: what the URL parser produces and the grammar leaves out.
    for s in [
        "https://my_app.example",
        "https://-a-.example",
        "https://a.b-.example",
    ] {
        assert!(parse(s) && !serialized_origin(s), "{s}");
    }
    // Stricter: in the grammar, never serialized.
    for s in [
        "http://localhost:0",
        "http://localhost:080",
        "https://a.example:443",
        "https://a.example:99999",
        "http://[1:0:0:0:0:0:0:1]",
        "http://[1::2:0:0:0:3]",
        "https://a.1",
        "https://a.0x1f",
    ] {
        assert!(!parse(s) && serialized_origin(s), "{s}");
    }
}
