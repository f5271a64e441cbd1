//! Subdomain patterns over a public suffix: `https://*.co.uk` or `https://*.github.io` admits
//! every site registered under the suffix, other people's included. The suffixes come from the
//! [Public Suffix List](https://publicsuffix.org/), both its ICANN and its private section, as
//! compiled into the `psl` crate (a new list is a new `psl` release: bump the crate).
//!
//! Validation only: no request ever reaches this module.

use psl::{List, Psl, Type};

/// The two sections of the Public Suffix List.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    /// Suffixes run by registries (`co.uk`, `com.au`).
    Icann,
    /// Suffixes companies open to their customers (`github.io`, `herokuapp.com`).
    Private,
}

impl Section {
    /// How a message names the section.
    pub fn describe(self) -> &'static str {
        match self {
            Section::Icann => "ICANN section",
            Section::Private => "private section",
        }
    }
}

/// Whether `*.{base}` would cover public suffixes, and which section of the list says so:
/// `base` is one (`co.uk`), or every label below it is one (a wildcard rule such as
/// `*.compute.amazonaws.com`). `None` for a registrable domain or anything below one. `base` is a
/// canonical (lower-case, ASCII) host.
pub fn covered_suffix(base: &str) -> Option<Section> {
    let exactly = |name: &str| match List.suffix(name.as_bytes()) {
        Some(found) if found.as_bytes() == name.as_bytes() => found.typ().map(section),
        _ => None,
    };
    // `_` is no label a rule names, so it only meets wildcard rules, never their exceptions.
    exactly(base).or_else(|| exactly(&format!("_.{base}")))
}

/// The registrable domain of a canonical host (`example.co.uk` for `a.example.co.uk`), as the
/// [URL standard](https://url.spec.whatwg.org/#host-registrable-domain) has it; `None` for an IP
/// address or a host that is itself a public suffix (`localhost`, `co.uk`).
pub fn registrable_domain(host: &str) -> Option<&str> {
    if host.starts_with('[') || crate::host::is_canonical_ipv4(host) {
        return None;
    }
    let domain = List.domain(host.as_bytes())?;
    let len = domain.as_bytes().len();
    Some(&host[host.len() - len..])
}

fn section(typ: Type) -> Section {
    match typ {
        Type::Icann => Section::Icann,
        Type::Private => Section::Private,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registrable_domains() {
        assert_eq!(
            registrable_domain("a.b.example.co.uk"),
            Some("example.co.uk")
        );
        assert_eq!(registrable_domain("api.example.com"), Some("example.com"));
        assert_eq!(
            registrable_domain("someone.github.io"),
            Some("someone.github.io")
        );
        assert_eq!(registrable_domain("co.uk"), None);
        assert_eq!(registrable_domain("127.0.0.1"), None);
        assert_eq!(registrable_domain("[::1]"), None);
    }

    #[test]
    fn both_sections_count() {
        assert_eq!(covered_suffix("co.uk"), Some(Section::Icann));
        assert_eq!(covered_suffix("com.au"), Some(Section::Icann));
        assert_eq!(covered_suffix("github.io"), Some(Section::Private));
        assert_eq!(covered_suffix("herokuapp.com"), Some(Section::Private));
    }

    #[test]
    fn wildcard_rules_cover_the_labels_below() {
        // `*.compute.amazonaws.com` and `*.ck`: each label below is itself a suffix.
        assert_eq!(
            covered_suffix("compute.amazonaws.com"),
            Some(Section::Private)
        );
        assert_eq!(covered_suffix("ck"), Some(Section::Icann));
        assert_eq!(
            covered_suffix("a.compute.amazonaws.com"),
            Some(Section::Private)
        );
        // `!www.ck`: an exception, registrable.
        assert_eq!(covered_suffix("www.ck"), None);
    }

    #[test]
    fn registrable_domains_and_below_are_not_suffixes() {
        for base in [
            "example.co.uk",
            "a.example.co.uk",
            "someone.github.io",
            "example.com",
            "example.org",
            "app.localhost",
        ] {
            assert_eq!(covered_suffix(base), None, "{base}");
        }
    }
}
