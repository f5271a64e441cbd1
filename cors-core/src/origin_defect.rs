//! Why a configured origin is not a serialized origin, and the canonical form the user most
//! likely meant: the diagnosis behind compile errors and `PolicyError`.

use crate::origin::{Origin, default_port, is_canonical_port, is_port_zero, split_host_port};

/// What is wrong with a configured origin, and the canonical form to write instead when one exists.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct OriginDefect {
    /// The first defect found.
    pub kind: OriginDefectKind,
    /// The origin the user most likely meant, in canonical form.
    pub fix: Option<String>,
}

/// Ways a configured origin can fail to be a serialized origin.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
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
