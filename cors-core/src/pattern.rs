//! Origin patterns: whole leading labels (`https://*.example.com`) and any port
//! (`http://localhost:*`).

use std::borrow::Cow;

use crate::host::is_canonical_ipv4;
use crate::origin::{Origin, split_host_port};
use crate::origin_defect::{OriginDefect, check_origin};

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
#[non_exhaustive]
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
            Origin::parse(concrete.as_bytes()).and_then(|o| o.port()),
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
            origin.host().len() > self.host.len() && origin.host().ends_with(&*self.host)
        } else {
            origin.host() == self.host
        };
        let port = match &self.port {
            PortRule::Default => origin.port().is_none(),
            PortRule::Exact(p) => origin.port() == Some(p),
            PortRule::Any => true,
        };
        origin.scheme() == self.scheme && host && port
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
mod tests;
