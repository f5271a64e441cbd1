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

use crate::host::is_canonical_host;

/// Longest request `Origin` we look at; longer values are malformed (a DNS name is at most 253 bytes).
pub const MAX_ORIGIN_LEN: usize = 512;

/// A canonical serialized origin, borrowed from the text it was parsed from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
/// Opaque: only [`Origin::parse`] makes one, so every `Origin` is canonical.
pub struct Origin<'a> {
    scheme: &'a str,
    host: &'a str,
    port: Option<&'a str>,
}

impl<'a> Origin<'a> {
    /// Lower-case scheme, without `://`.
    pub fn scheme(&self) -> &'a str {
        self.scheme
    }

    /// Lower-case domain, dotted IPv4, or bracketed canonical IPv6.
    pub fn host(&self) -> &'a str {
        self.host
    }

    /// Decimal port, absent when it is the scheme's default.
    pub fn port(&self) -> Option<&'a str> {
        self.port
    }

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
pub(crate) fn split_host_port(rest: &str) -> Option<(&str, Option<&str>)> {
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
pub(crate) fn is_canonical_port(scheme: &str, port: &str) -> bool {
    let digits = !port.is_empty() && port.len() <= 5 && port.bytes().all(|b| b.is_ascii_digit());
    digits
        && !port.starts_with('0')
        && port.parse::<u32>().is_ok_and(|p| p <= 65535)
        && default_port(scheme) != Some(port)
}

/// True for `0`, `00`, ...: a port that is zero however it is written.
pub(crate) fn is_port_zero(port: &str) -> bool {
    !port.is_empty() && port.bytes().all(|b| b == b'0')
}

#[cfg(test)]
mod tests;
