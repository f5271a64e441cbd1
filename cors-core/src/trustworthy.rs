//! Which `http` origins browsers still treat as secure: loopback ones.
//!
//! [Secure Contexts, "Is origin potentially trustworthy?"](https://w3c.github.io/webappsec-secure-contexts/#is-origin-trustworthy)
//! step 3: a host in `127.0.0.0/8` or `::1/128`; step 4: `localhost`, or a name ending in
//! `.localhost` (the user agent resolves them to loopback, per "let localhost be localhost").
//! No one between the browser and such a server can read or forge its traffic, so a credentialed
//! policy may name it over plain `http`.

use crate::host::is_canonical_ipv4;

/// True for a canonical host that only ever reaches this machine: `localhost`, `*.localhost`,
/// `127.0.0.0/8`, `[::1]`.
pub fn is_loopback_host(host: &str) -> bool {
    host == "localhost"
        || host.ends_with(".localhost")
        || host == "[::1]"
        || (is_canonical_ipv4(host) && host.starts_with("127."))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_hosts() {
        for host in [
            "localhost",
            "app.localhost",
            "a.b.localhost",
            "127.0.0.1",
            "127.1.2.3",
            "127.255.255.255",
            "[::1]",
        ] {
            assert!(is_loopback_host(host), "{host}");
        }
        for host in [
            "localhost.example",
            "evillocalhost",
            "127.example",
            "128.0.0.1",
            "10.0.0.1",
            "[::2]",
            "[::ffff:7f00:1]",
            "app.example.com",
        ] {
            assert!(!is_loopback_host(host), "{host}");
        }
    }
}
