//! Serialized origins and the origin patterns a policy may allow.
//!
//! A request's `Origin` is `scheme "://" host [":" port]` or `null`, lower case, without default
//! port, path, query or userinfo ([Fetch `Origin` header](https://fetch.spec.whatwg.org/#origin-header)).
//! Browsers send exactly this canonical form, so configured origins must be written in it too, and
//! request origins are compared byte for byte.
//!
//! Against Fetch's serialized-origin grammar (`serialized-origin`, `serialized-host`, ...; the
//! 2026 text), `tests/fetch_origin_grammar.rs` pins the two departures: stricter where the URL
//! serializer never writes what the grammar allows (port 0, leading zeros, default ports, IPv6
//! other than with the first longest zero run compressed, a domain ending in a number), and
//! looser where the URL parser accepts more than the grammar (`_` in labels, labels starting or
//! ending with `-`), since browsers send those.

use std::borrow::Cow;

/// Longest request `Origin` we look at; longer values are malformed (a DNS name is at most 253 bytes).
pub const MAX_ORIGIN_LEN: usize = 512;

/// A canonical serialized origin, borrowed from the text it was parsed from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Origin<'a> {
    /// Lower-case scheme, without `://`.
    pub scheme: &'a str,
    /// Lower-case domain, dotted IPv4, or bracketed canonical IPv6.
    pub host: &'a str,
    /// Decimal port, absent when it is the scheme's default.
    pub port: Option<&'a str>,
}

impl<'a> Origin<'a> {
    /// Parses `bytes` as a canonical serialized origin (the form browsers send); `None` otherwise.
    /// Runs in time linear in the input and never allocates.
    pub fn parse(bytes: &'a [u8]) -> Option<Origin<'a>> {
        if bytes.len() > MAX_ORIGIN_LEN {
            return None;
        }
        let text = std::str::from_utf8(bytes).ok()?;
        // The scheme holds no `:`, so the first one must open `://` (a byte scan, no searcher).
        let colon = bytes.iter().position(|&b| b == b':')?;
        if !bytes[colon..].starts_with(b"://") {
            return None;
        }
        let (scheme, rest) = (&text[..colon], &text[colon + 3..]);
        if !is_scheme(scheme) {
            return None;
        }
        let (host, port) = split_host_port(rest)?;
        if !is_canonical_host(host) {
            return None;
        }
        if let Some(port) = port
            && !is_canonical_port(scheme, port)
        {
            return None;
        }
        Some(Origin { scheme, host, port })
    }

    /// Writes the origin back in serialized form.
    pub fn serialize(&self, out: &mut impl std::fmt::Write) -> std::fmt::Result {
        write!(out, "{}://{}", self.scheme, self.host)?;
        match self.port {
            Some(port) => write!(out, ":{port}"),
            None => Ok(()),
        }
    }
}

/// Splits `host[:port]`, keeping IPv6 brackets with the host.
fn split_host_port(rest: &str) -> Option<(&str, Option<&str>)> {
    let host_end = if rest.starts_with('[') {
        rest.find(']')? + 1
    } else {
        rest.find(':').unwrap_or(rest.len())
    };
    let (host, tail) = rest.split_at(host_end);
    match tail.strip_prefix(':') {
        Some(port) => Some((host, Some(port))),
        None if tail.is_empty() => Some((host, None)),
        None => None,
    }
}

fn is_scheme(scheme: &str) -> bool {
    let mut bytes = scheme.bytes();
    matches!(bytes.next(), Some(b'a'..=b'z'))
        && bytes.all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'+' | b'-' | b'.'))
        && scheme.len() <= 32
}

/// Default ports of the special schemes, which the URL serializer leaves out.
pub(crate) fn default_port(scheme: &str) -> Option<&'static str> {
    match scheme {
        "http" | "ws" => Some("80"),
        "https" | "wss" => Some("443"),
        "ftp" => Some("21"),
        _ => None,
    }
}

/// 1 to 65535 without leading zeros, and not the scheme's default. Port 0 never appears: Fetch
/// blocks it as a [bad port](https://fetch.spec.whatwg.org/#bad-port), so no page is ever served
/// from it and no browser sends it.
fn is_canonical_port(scheme: &str, port: &str) -> bool {
    let digits = !port.is_empty() && port.len() <= 5 && port.bytes().all(|b| b.is_ascii_digit());
    digits
        && !port.starts_with('0')
        && port.parse::<u32>().is_ok_and(|p| p <= 65535)
        && default_port(scheme) != Some(port)
}

/// True for `0`, `00`, ...: a port that is zero however it is written.
fn is_port_zero(port: &str) -> bool {
    !port.is_empty() && port.bytes().all(|b| b == b'0')
}

/// A canonical host: lower-case domain, dotted-decimal IPv4, or `[canonical IPv6]`.
pub(crate) fn is_canonical_host(host: &str) -> bool {
    if let Some(inner) = host.strip_prefix('[') {
        return inner.strip_suffix(']').is_some_and(is_canonical_ipv6);
    }
    if host.is_empty() || host.len() > 253 {
        return false;
    }
    // One pass: every label non-empty, at most 63 bytes of `[a-z0-9_-]`.
    let (mut label, mut last_start) = (0usize, 0usize);
    for (i, b) in host.bytes().enumerate() {
        match b {
            b'.' if label > 0 => (label, last_start) = (0, i + 1),
            b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' if label < 63 => label += 1,
            _ => return false,
        }
    }
    if label == 0 {
        return false;
    }
    if ends_in_a_number(&host[last_start..]) {
        // The URL parser reads a host ending in a number as IPv4, so it must be one, canonically.
        return is_canonical_ipv4(host);
    }
    true
}

/// The URL Standard's "ends in a number" for a host's last label: all decimal digits, or `0x`
/// followed by hex digits only (`0x` alone included); `0xg` is a domain label.
fn ends_in_a_number(last: &str) -> bool {
    match last.strip_prefix("0x") {
        Some(hex) => hex.bytes().all(|b| b.is_ascii_hexdigit()),
        None => !last.is_empty() && last.bytes().all(|b| b.is_ascii_digit()),
    }
}

pub(crate) fn is_canonical_ipv4(host: &str) -> bool {
    let mut parts = 0;
    for part in host.split('.') {
        parts += 1;
        let valid = !part.is_empty()
            && part.len() <= 3
            && part.bytes().all(|b| b.is_ascii_digit())
            && (part == "0" || !part.starts_with('0'))
            && part.parse::<u16>().is_ok_and(|n| n <= 255);
        if !valid || parts > 4 {
            return false;
        }
    }
    parts == 4
}

/// True when `text` is an IPv6 address written as the URL serializer writes it: lower-case hex
/// pieces without leading zeros, the first longest run of two or more zero pieces compressed.
fn is_canonical_ipv6(text: &str) -> bool {
    let Some(pieces) = parse_ipv6(text) else {
        return false;
    };
    let mut buf = [0u8; 40];
    let len = serialize_ipv6(&pieces, &mut buf);
    &buf[..len] == text.as_bytes()
}

fn parse_ipv6(text: &str) -> Option<[u16; 8]> {
    if text.len() > 39 {
        return None;
    }
    let (head, tail) = match text.split_once("::") {
        Some((head, tail)) => (head, Some(tail)),
        None => (text, None),
    };
    let mut pieces = [0u16; 8];
    let mut count = 0;
    let read = |part: &str, out: &mut [u16; 8], at: &mut usize| -> Option<()> {
        if part.is_empty() {
            return Some(());
        }
        for piece in part.split(':') {
            let valid = !piece.is_empty() && piece.len() <= 4 && *at < 8;
            if !valid {
                return None;
            }
            out[*at] = u16::from_str_radix(piece, 16).ok()?;
            *at += 1;
        }
        Some(())
    };
    read(head, &mut pieces, &mut count)?;
    let Some(tail) = tail else {
        return (count == 8).then_some(pieces);
    };
    let mut back = [0u16; 8];
    let mut back_count = 0;
    read(tail, &mut back, &mut back_count)?;
    if count + back_count > 7 {
        return None;
    }
    pieces[8 - back_count..].copy_from_slice(&back[..back_count]);
    Some(pieces)
}

fn serialize_ipv6(pieces: &[u16; 8], out: &mut [u8; 40]) -> usize {
    // The first longest run of at least two zero pieces is compressed (WHATWG URL, IPv6 serializer).
    let (mut best, mut best_len, mut run, mut run_len) = (None, 1, 0, 0);
    for (i, &piece) in pieces.iter().enumerate() {
        if piece == 0 {
            if run_len == 0 {
                run = i;
            }
            run_len += 1;
            if run_len > best_len {
                best = Some(run);
                best_len = run_len;
            }
        } else {
            run_len = 0;
        }
    }
    let mut len = 0;
    let mut push = |b: u8| {
        out[len] = b;
        len += 1;
    };
    let mut i = 0;
    while i < 8 {
        if Some(i) == best {
            push(b':');
            if i == 0 {
                push(b':');
            }
            i += best_len;
            continue;
        }
        let piece = pieces[i];
        let mut started = false;
        for shift in [12, 8, 4, 0] {
            let nibble = ((piece >> shift) & 0xf) as u8;
            if nibble != 0 || started || shift == 0 {
                started = true;
                push(b"0123456789abcdef"[nibble as usize]);
            }
        }
        if i < 7 {
            push(b':');
        }
        i += 1;
    }
    len
}

/// What is wrong with a configured origin, and the canonical form to write instead when one exists.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OriginDefect {
    /// The first defect found.
    pub kind: OriginDefectKind,
    /// The origin the user most likely meant, in canonical form.
    pub fix: Option<String>,
}

/// Ways a configured origin can fail to be a serialized origin.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OriginDefectKind {
    /// Leading or trailing whitespace.
    Whitespace,
    /// No `scheme://`.
    NoScheme,
    /// `file:` documents have opaque origins; browsers send `null`.
    FileScheme,
    /// Upper-case letters in scheme or host.
    UpperCase,
    /// A path, or a trailing slash.
    Path,
    /// A `?query`.
    Query,
    /// A `#fragment`.
    Fragment,
    /// `user:password@`.
    Userinfo,
    /// The scheme's default port, which browsers leave out.
    DefaultPort,
    /// Port 0, a bad port no page is served from.
    PortZero,
    /// A port that is not 0-65535 written without leading zeros.
    InvalidPort,
    /// A host with non-ASCII characters (browsers send the punycode form).
    NonAsciiHost,
    /// Anything else that is not `scheme://host[:port]`.
    Malformed,
}

impl OriginDefect {
    /// The lower-case sentence that names the defect in `origin` and says the fix.
    pub fn message(&self, origin: &str) -> String {
        let what = match self.kind {
            OriginDefectKind::Whitespace => "has surrounding whitespace",
            OriginDefectKind::NoScheme => "has no scheme",
            OriginDefectKind::FileScheme => {
                return format!(
                    "origin `{origin}` cannot be allowed: `file:` documents send the origin `null`; \
                     write `\"null\"` with `allow_null_origin = true` if you really mean it"
                );
            }
            OriginDefectKind::UpperCase => "has upper-case letters (browsers send lower case)",
            OriginDefectKind::Path => "has a path",
            OriginDefectKind::Query => "has a query",
            OriginDefectKind::Fragment => "has a fragment",
            OriginDefectKind::Userinfo => "has userinfo",
            OriginDefectKind::DefaultPort => {
                "has the scheme's default port (browsers leave it out)"
            }
            OriginDefectKind::PortZero => {
                return format!(
                    "origin `{origin}` has port 0, which browsers never fetch from (Fetch blocks \
                     it as a bad port); write the port the page is served on"
                );
            }
            OriginDefectKind::InvalidPort => "has an invalid port",
            OriginDefectKind::NonAsciiHost => {
                "has a non-ASCII host; write its punycode (`xn--`) form"
            }
            OriginDefectKind::Malformed => {
                "is not a serialized origin; write `scheme://host[:port]`"
            }
        };
        match &self.fix {
            Some(fix) => format!("origin `{origin}` {what}; write `{fix}`"),
            None => format!("origin `{origin}` {what}"),
        }
    }
}

/// Checks that a configured origin is canonical, explaining the first defect otherwise.
pub fn check_origin(text: &str) -> Result<(), OriginDefect> {
    if Origin::parse(text.as_bytes()).is_some() {
        return Ok(());
    }
    let kind = diagnose(text);
    // Without a scheme, suggest the secure one.
    let fix = match kind {
        OriginDefectKind::NoScheme => normalize(&format!("https://{text}")),
        _ => normalize(text),
    };
    let fixed = fix
        .as_deref()
        .filter(|f| Origin::parse(f.as_bytes()).is_some());
    Err(OriginDefect {
        kind,
        fix: fixed.filter(|f| *f != text).map(str::to_owned),
    })
}

/// Names the first defect of a non-canonical origin, in the order a reader would fix them.
fn diagnose(text: &str) -> OriginDefectKind {
    use OriginDefectKind as K;
    if text.trim() != text {
        return K::Whitespace;
    }
    let Some((scheme, rest)) = text.split_once("://") else {
        return if text.to_ascii_lowercase().starts_with("file:") {
            K::FileScheme
        } else {
            K::NoScheme
        };
    };
    if scheme.eq_ignore_ascii_case("file") {
        return K::FileScheme;
    }
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, after) = rest.split_at(authority_end);
    if authority.contains('@') {
        return K::Userinfo;
    }
    match after.as_bytes().first() {
        Some(b'/') => return K::Path,
        Some(b'?') => return K::Query,
        Some(b'#') => return K::Fragment,
        _ => {}
    }
    if !text.is_ascii() {
        return K::NonAsciiHost;
    }
    if text.bytes().any(|b| b.is_ascii_uppercase()) {
        return K::UpperCase;
    }
    match split_host_port(authority) {
        Some((_, Some(port))) if default_port(scheme) == Some(port) => K::DefaultPort,
        Some((_, Some(port))) if is_port_zero(port) => K::PortZero,
        Some((_, Some(port))) if !is_canonical_port(scheme, port) => K::InvalidPort,
        _ => K::Malformed,
    }
}

/// The canonical origin a user most likely meant: trimmed, lower-cased, without userinfo, path,
/// query, fragment, default port or leading zeros in the port.
fn normalize(text: &str) -> Option<String> {
    let text = text.trim();
    let (scheme, rest) = text.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    let authority = authority.rsplit_once('@').map_or(authority, |(_, a)| a);
    let (host, port) = split_host_port(authority)?;
    let host = host.to_ascii_lowercase();
    let port = port
        .map(|p| p.trim_start_matches('0'))
        .map(|p| if p.is_empty() { "0" } else { p })
        .filter(|p| default_port(&scheme) != Some(*p));
    Some(match port {
        Some(port) => format!("{scheme}://{host}:{port}"),
        None => format!("{scheme}://{host}"),
    })
}

/// An allowed family of origins: `https://*.example.com` (one or more whole labels in front of the
/// suffix, never the apex) and/or any port, `http://localhost:*`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OriginPattern {
    scheme: Cow<'static, str>,
    /// `.example.com` for subdomain patterns, else the exact host.
    host: Cow<'static, str>,
    subdomains: bool,
    port: PortRule,
}

/// Which ports an [`OriginPattern`] admits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PortRule {
    /// No port in the origin: the scheme's default.
    Default,
    /// Exactly this port.
    Exact(Cow<'static, str>),
    /// Any port, the default included.
    Any,
}

/// Why a pattern is not a valid origin pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PatternDefect {
    /// `*` anywhere but as the whole first host label or the whole port.
    Misplaced,
    /// `*.com`: a pattern whose suffix is a single label covers a whole top-level domain.
    BareTld,
    /// `*.1.2.3` or `*.[::1]`: IP addresses have no subdomains.
    IpHost,
    /// The rest of the pattern is not a canonical origin.
    Origin(OriginDefect),
}

impl PatternDefect {
    /// The lower-case sentence naming the defect of `pattern` and its fix.
    pub fn message(&self, pattern: &str) -> String {
        match self {
            PatternDefect::Misplaced => format!(
                "origin pattern `{pattern}` is not supported: `*` may only stand for whole leading \
                 host labels (`https://*.example.com`) or for the port (`http://localhost:*`)"
            ),
            PatternDefect::BareTld => format!(
                "origin pattern `{pattern}` covers a whole top-level domain; name the registrable \
                 domain, e.g. `https://*.example.com`"
            ),
            PatternDefect::IpHost => format!(
                "origin pattern `{pattern}` puts `*.` before an IP address, which has no subdomains"
            ),
            PatternDefect::Origin(defect) => {
                format!("origin pattern `{pattern}`: {}", defect.message(pattern))
            }
        }
    }
}

impl OriginPattern {
    /// Parses a configured pattern; `text` must contain `*`.
    pub fn parse(text: &str) -> Result<OriginPattern, PatternDefect> {
        let (scheme, rest) = text
            .split_once("://")
            .ok_or_else(|| PatternDefect::Origin(check_origin(text).unwrap_err()))?;
        let (host, subdomains) = match rest.strip_prefix("*.") {
            Some(rest) => (rest, true),
            None => (rest, false),
        };
        let (host, port) = match host.strip_suffix(":*") {
            Some(host) => (host, None),
            None => (host, Some(())),
        };
        if scheme.contains('*') || host.contains('*') {
            return Err(PatternDefect::Misplaced);
        }
        // `host:8443:*` names a port and any port at once.
        if port.is_none() && matches!(split_host_port(host), Some((_, Some(_))) | None) {
            return Err(PatternDefect::Misplaced);
        }
        let concrete = format!("{scheme}://{host}");
        check_origin(&concrete).map_err(PatternDefect::Origin)?;
        let port_rule = match (
            port,
            Origin::parse(concrete.as_bytes()).and_then(|o| o.port),
        ) {
            (None, _) => PortRule::Any,
            (Some(()), Some(p)) => PortRule::Exact(Cow::Owned(p.to_owned())),
            (Some(()), None) => PortRule::Default,
        };
        let bare_host = match split_host_port(host) {
            Some((h, _)) => h,
            None => host,
        };
        if subdomains {
            if bare_host.starts_with('[') || is_canonical_ipv4(bare_host) {
                return Err(PatternDefect::IpHost);
            }
            if !bare_host.contains('.') {
                return Err(PatternDefect::BareTld);
            }
        }
        if !subdomains && port_rule != PortRule::Any {
            return Err(PatternDefect::Misplaced);
        }
        Ok(OriginPattern {
            scheme: Cow::Owned(scheme.to_owned()),
            host: Cow::Owned(if subdomains {
                format!(".{bare_host}")
            } else {
                bare_host.to_owned()
            }),
            subdomains,
            port: port_rule,
        })
    }

    /// Builds a pattern from parts produced by [`OriginPattern::parse`]; used by generated code.
    #[doc(hidden)]
    pub const fn from_parts(
        scheme: &'static str,
        host: &'static str,
        subdomains: bool,
        port: PortRule,
    ) -> OriginPattern {
        OriginPattern {
            scheme: Cow::Borrowed(scheme),
            host: Cow::Borrowed(host),
            subdomains,
            port,
        }
    }

    /// The parts [`OriginPattern::from_parts`] takes, for code generation.
    #[doc(hidden)]
    pub fn parts(&self) -> (&str, &str, bool, &PortRule) {
        (&self.scheme, &self.host, self.subdomains, &self.port)
    }

    /// The scheme every matching origin has.
    pub fn scheme(&self) -> &str {
        &self.scheme
    }

    /// The host of every matching origin, or for a subdomain pattern the domain they are all
    /// below (`example.com` for `https://*.example.com`).
    pub fn host(&self) -> &str {
        match self.subdomains {
            true => self.host.strip_prefix('.').unwrap_or(&self.host),
            false => &self.host,
        }
    }

    /// True for a subdomain pattern (`https://*.example.com`).
    pub fn is_subdomain_pattern(&self) -> bool {
        self.subdomains
    }

    /// True when the canonical `origin` belongs to this pattern.
    pub fn matches(&self, origin: &Origin<'_>) -> bool {
        let host = if self.subdomains {
            // At least one whole label before the dot-led suffix: never the apex itself.
            origin.host.len() > self.host.len() && origin.host.ends_with(&*self.host)
        } else {
            origin.host == self.host
        };
        let port = match &self.port {
            PortRule::Default => origin.port.is_none(),
            PortRule::Exact(p) => origin.port == Some(p),
            PortRule::Any => true,
        };
        origin.scheme == self.scheme && host && port
    }
}

impl std::fmt::Display for OriginPattern {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let star = if self.subdomains { "*" } else { "" };
        write!(f, "{}://{star}{}", self.scheme, self.host)?;
        match &self.port {
            PortRule::Default => Ok(()),
            PortRule::Exact(p) => write!(f, ":{p}"),
            PortRule::Any => f.write_str(":*"),
        }
    }
}

#[cfg(test)]
mod tests {
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

    fn canonical(s: &str) -> bool {
        Origin::parse(s.as_bytes()).is_some()
    }

    #[test]
    fn accepts_canonical_origins() {
        for s in [
            "https://a.example",
            "http://localhost:8080",
            "http://127.0.0.1:3000",
            "https://[::1]",
            "http://[2001:db8::1]:8080",
            "https://xn--bcher-kva.example",
            "chrome-extension://abcdefghijklmnop",
            "http://localhost:1",
            "https://a.example:65535",
            // A last label that is not a number: a domain (URL Standard, "ends in a number").
            "https://a.0xg",
            "https://a.1x",
        ] {
            assert!(canonical(s), "{s}");
        }
    }

    #[test]
    fn rejects_non_canonical_origins() {
        for s in [
            "https://a.example/",
            "https://A.example",
            "HTTPS://a.example",
            "https://a.example:443",
            "http://a.example:80",
            "https://a.example:0443",
            "https://a.example:65536",
            "http://localhost:0",
            "http://localhost:00",
            "https://a.0x",
            "https://a.0x1f",
            "https://a.example:",
            "https://user@a.example",
            "https://a.example?x",
            "a.example",
            "https://",
            "https://a..example",
            "https://a.example.",
            "https://[::0001]",
            "https://[0:0:0:0:0:0:0:1]",
            "https://[::FFFF]",
            "https://[::ffff:1.2.3.4]",
            "https://1.2.3",
            "https://01.2.3.4",
            "https://1.2.3.256",
            "https://ä.example",
            "null",
            "",
        ] {
            assert!(!canonical(s), "{s}");
        }
    }

    #[test]
    fn ipv6_compresses_first_longest_zero_run() {
        assert!(!canonical("http://[1:0:0:2:0:0:0:3]"));
        assert!(canonical("http://[1:0:0:2::3]"), "the longest run wins");
        assert!(
            canonical("http://[1::2:0:0:3:4]"),
            "the first of equal runs wins"
        );
        assert!(!canonical("http://[1:0:0:2::3:4]"));
        assert!(canonical("http://[1:0:2:0:3:0:4:5]"));
        assert!(
            !canonical("http://[1::2:0:3:0:4:5]"),
            "a single zero piece is not compressed"
        );
        assert!(canonical("http://[::]"));
    }

    #[test]
    fn serialize_round_trips() {
        let o = Origin::parse(b"http://[::1]:8080").unwrap();
        let mut s = String::new();
        o.serialize(&mut s).unwrap();
        assert_eq!(s, "http://[::1]:8080");
    }

    fn defect(s: &str) -> (OriginDefectKind, Option<String>) {
        let d = check_origin(s).unwrap_err();
        (d.kind, d.fix)
    }

    #[test]
    fn defects_name_the_fix() {
        use OriginDefectKind as K;
        let fix = |s: &str| Some(s.to_owned());
        assert_eq!(defect("https://a.com/"), (K::Path, fix("https://a.com")));
        assert_eq!(defect("https://a.com/x?y"), (K::Path, fix("https://a.com")));
        assert_eq!(defect("https://a.com?y"), (K::Query, fix("https://a.com")));
        assert_eq!(
            defect("https://a.com#y"),
            (K::Fragment, fix("https://a.com"))
        );
        assert_eq!(
            defect("https://u:p@a.com"),
            (K::Userinfo, fix("https://a.com"))
        );
        assert_eq!(
            defect("https://App.com"),
            (K::UpperCase, fix("https://app.com"))
        );
        assert_eq!(
            defect("https://a.com:443"),
            (K::DefaultPort, fix("https://a.com"))
        );
        assert_eq!(
            defect("https://a.com:08"),
            (K::InvalidPort, fix("https://a.com:8"))
        );
        assert_eq!(defect("https://a.com:99999"), (K::InvalidPort, None));
        assert_eq!(defect("https://a.com:0"), (K::PortZero, None));
        assert_eq!(defect("https://a.com:000"), (K::PortZero, None));
        assert_eq!(
            defect(" https://a.com"),
            (K::Whitespace, fix("https://a.com"))
        );
        assert_eq!(defect("a.com"), (K::NoScheme, fix("https://a.com")));
        assert_eq!(defect("*.a.com"), (K::NoScheme, None));
        assert_eq!(defect("file:///etc"), (K::FileScheme, None));
        assert_eq!(defect("https://bü.com"), (K::NonAsciiHost, None));
        assert_eq!(defect("https://a b.com"), (K::Malformed, None));
        assert_eq!(
            check_origin("https://a.com/")
                .unwrap_err()
                .message("https://a.com/"),
            "origin `https://a.com/` has a path; write `https://a.com`"
        );
    }

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
}
