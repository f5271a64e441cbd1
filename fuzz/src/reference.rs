//! Reference answers written without cors-core's code: string splitting and label lists, slow
//! and obvious. Only "is this origin canonical" is asked of cors-core (`Origin::parse`), whose
//! answers the `origin` target checks by round trip.

/// RFC 9110 `token`: one or more `tchar`.
pub fn is_token(bytes: &[u8]) -> bool {
    const TCHAR_SYMBOLS: &[u8] = b"!#$%&'*+-.^_`|~";
    !bytes.is_empty()
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || TCHAR_SYMBOLS.contains(b))
}

/// Fetch's CORS-safelisted methods, byte for byte.
pub fn is_safelisted(method: &[u8]) -> bool {
    [&b"GET"[..], b"HEAD", b"POST"].contains(&method)
}

/// Which ports a configured pattern admits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Port<'a> {
    /// No port written: only origins without a port.
    Default,
    /// `:8443`: exactly that port.
    Exact(&'a str),
    /// `:*`: any port, none included.
    Any,
}

/// A configured origin pattern, read the simple way: `scheme://[*.]host[:port|:*]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pattern<'a> {
    /// The scheme, as written.
    pub scheme: &'a str,
    /// `*.` in front of the host.
    pub subdomains: bool,
    /// The host after `*.`, or the whole host.
    pub host: &'a str,
    /// The port rule.
    pub port: Port<'a>,
}

/// Reads a configured pattern; `None` when it is not of the pattern shape at all.
pub fn parse_pattern(text: &str) -> Option<Pattern<'_>> {
    let (scheme, rest) = text.split_once("://")?;
    let (subdomains, rest) = match rest.strip_prefix("*.") {
        Some(rest) => (true, rest),
        None => (false, rest),
    };
    let (host, port) = match rest.strip_suffix(":*") {
        Some(host) => (host, Port::Any),
        None => match split_authority(rest)? {
            (host, Some(port)) => (host, Port::Exact(port)),
            (host, None) => (host, Port::Default),
        },
    };
    Some(Pattern {
        scheme,
        subdomains,
        host,
        port,
    })
}

/// `host[:port]`, the port after the last colon outside IPv6 brackets.
pub fn split_authority(authority: &str) -> Option<(&str, Option<&str>)> {
    if authority.starts_with('[') {
        let end = authority.find(']')? + 1;
        let (host, rest) = authority.split_at(end);
        return match rest {
            "" => Some((host, None)),
            _ => Some((host, Some(rest.strip_prefix(':')?))),
        };
    }
    Some(match authority.rsplit_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    })
}

/// True when `*.{base}` would admit sites of several registrants: `base` has no registrable
/// domain of its own (it is a public suffix, ICANN or private section), or a label below it
/// has none (a wildcard rule such as `*.compute.amazonaws.com`). Asked of the list through its
/// registrable-domain lookup, not through the suffix lookup cors-core uses.
pub fn covers_public_suffix(base: &str) -> bool {
    use psl::Psl;
    let registrable = |name: &str| psl::List.domain(name.as_bytes()).is_some();
    !registrable(base) || !registrable(&format!("x.{base}"))
}

/// True when `host` is `suffix` with one or more whole, non-empty labels in front of it.
pub fn is_strict_subdomain(host: &str, suffix: &str) -> bool {
    let host: Vec<&str> = host.split('.').collect();
    let suffix: Vec<&str> = suffix.split('.').collect();
    if host.len() <= suffix.len() {
        return false;
    }
    let (front, back) = host.split_at(host.len() - suffix.len());
    back == suffix.as_slice() && front.iter().all(|label| !label.is_empty())
}

/// True when the serialized `origin` belongs to `pattern`.
pub fn pattern_matches(pattern: &Pattern<'_>, origin: &str) -> bool {
    let Some((scheme, authority)) = origin.split_once("://") else {
        return false;
    };
    let Some((host, port)) = split_authority(authority) else {
        return false;
    };
    let host_ok = if pattern.subdomains {
        is_strict_subdomain(host, pattern.host)
    } else {
        host == pattern.host
    };
    let port_ok = match pattern.port {
        Port::Default => port.is_none(),
        Port::Exact(p) => port == Some(p),
        Port::Any => true,
    };
    scheme == pattern.scheme && host_ok && port_ok
}

/// Whether a policy configured with the origins `configured` (as written, all valid) and the
/// `null` opt-in admits a request whose `Origin` is `origin`.
pub fn policy_allows(configured: &[&str], null: bool, origin: &[u8]) -> bool {
    if configured.contains(&"*") {
        return true;
    }
    if origin == b"null" {
        return null;
    }
    let Ok(text) = std::str::from_utf8(origin) else {
        return false;
    };
    if configured.iter().any(|c| !c.contains('*') && *c == text) {
        return true;
    }
    // Patterns only admit canonical origins, the form browsers send.
    cors_core::Origin::parse(origin).is_some()
        && configured
            .iter()
            .filter(|c| c.contains('*'))
            .filter_map(|c| parse_pattern(c))
            .any(|p| pattern_matches(&p, text))
}

/// `bytes` without leading and trailing spaces and tabs (RFC 9110 OWS).
pub fn trim_ows(mut bytes: &[u8]) -> &[u8] {
    while let [b' ' | b'\t', rest @ ..] = bytes {
        bytes = rest;
    }
    while let [rest @ .., b' ' | b'\t'] = bytes {
        bytes = rest;
    }
    bytes
}

/// An `Access-Control-Request-Headers` value, read in full without bounds.
#[derive(Debug, Default)]
pub struct ListFacts<'a> {
    /// Bytes of all field lines together.
    pub bytes: usize,
    /// The non-empty elements, trimmed of spaces and tabs, in order.
    pub names: Vec<&'a [u8]>,
    /// Elements that are empty after trimming.
    pub empties: usize,
}

impl<'a> ListFacts<'a> {
    /// Splits every line at commas and trims each element.
    pub fn read(lines: &[&'a [u8]]) -> ListFacts<'a> {
        let mut facts = ListFacts::default();
        for line in lines {
            facts.bytes += line.len();
            for element in line.split(|&b| b == b',') {
                let name = trim_ows(element);
                if name.is_empty() {
                    facts.empties += 1;
                } else {
                    facts.names.push(name);
                }
            }
        }
        facts
    }

    /// True when some name is not a token, or is `*`.
    pub fn has_bad_name(&self) -> bool {
        self.names.iter().any(|n| !is_token(n) || *n == b"*")
    }

    /// True when the list is within every bound and every name is a token other than `*`: the
    /// only lists whose names may be echoed.
    pub fn is_echoable(&self) -> bool {
        self.bytes <= cors_core::__private::MAX_REQUEST_HEADERS_BYTES
            && self.names.len() <= cors_core::__private::MAX_REQUEST_HEADER_NAMES
            && self.empties <= cors_core::__private::MAX_EMPTY_ELEMENTS
            && !self.has_bad_name()
    }
}
