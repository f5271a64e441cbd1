//! Just enough of the URL standard for a request's target: its serialized origin, and the path
//! and query sent on the wire. Absolute `http`/`https` URLs, or a path resolved against the page.

use crate::origin::{Origin, default_port, split_host_port};

/// A request URL, split.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Url {
    /// The whole URL, as the console names it.
    pub(crate) href: String,
    /// `scheme://host[:port]`, canonical.
    pub(crate) origin: String,
    /// `host[:port]`, as the `Host` header carries it.
    pub(crate) host: String,
    /// The scheme, lower case.
    pub(crate) scheme: String,
    /// The host alone, lower case.
    pub(crate) hostname: String,
    /// Path and query, as the request line carries them.
    pub(crate) path_and_query: String,
}

impl Url {
    /// Parses `url`; a path (`/items`) is resolved against `page`. `None` for anything else, as
    /// `fetch()` rejects a URL it cannot parse or one with credentials in it.
    pub(crate) fn parse(url: &str, page: &str) -> Option<Url> {
        if url.starts_with('/') && !url.starts_with("//") {
            return Url::parse(&format!("{page}{url}"), page);
        }
        let (scheme, rest) = url.split_once("://")?;
        let scheme = scheme.to_ascii_lowercase();
        if scheme != "http" && scheme != "https" {
            return None;
        }
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let (authority, tail) = rest.split_at(end);
        if authority.contains('@') {
            return None;
        }
        let (host, port) = split_host_port(authority)?;
        let hostname = host.to_ascii_lowercase();
        let port = port.filter(|p| !p.is_empty() && default_port(&scheme) != Some(*p));
        let host = match port {
            Some(port) => format!("{hostname}:{port}"),
            None => hostname.clone(),
        };
        let origin = format!("{scheme}://{host}");
        Origin::parse(origin.as_bytes())?;
        let tail = tail.split('#').next().unwrap_or_default();
        let (path, query) = match tail.split_once('?') {
            Some((path, query)) => (path, Some(query)),
            None => (tail, None),
        };
        // Special URLs read `\` as `/`.
        let path = path.replace('\\', "/");
        let mut path_and_query = match path.starts_with('/') {
            true => encode(&path, b"\"#<>?`{}"),
            false => format!("/{}", encode(&path, b"\"#<>?`{}")),
        };
        if let Some(query) = query {
            path_and_query.push('?');
            path_and_query.push_str(&encode(query, b"\"#<>'"));
        }
        Some(Url {
            href: format!("{origin}{path_and_query}"),
            origin,
            host,
            scheme,
            hostname,
            path_and_query,
        })
    }
}

/// Percent-encodes C0 controls, space, bytes above `~` and `set`, as the URL parser does for a
/// path (`"#<>?\`{}`) or a special URL's query (`"#<>'`)
/// ([URL: percent-encode sets](https://url.spec.whatwg.org/#percent-encoded-bytes)).
fn encode(text: &str, set: &[u8]) -> String {
    let mut out = String::with_capacity(text.len());
    for &b in text.as_bytes() {
        if b <= b' ' || b > b'~' || set.contains(&b) {
            out.push_str(&format!("%{b:02X}"));
        } else {
            out.push(char::from(b));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::Url;

    #[test]
    fn splits_absolute_urls_and_resolves_paths() {
        let url = Url::parse("HTTPS://API.Example:443/items?x=1#top", "https://a.example").unwrap();
        assert_eq!(url.origin, "https://api.example");
        assert_eq!(url.host, "api.example");
        assert_eq!(url.path_and_query, "/items?x=1");
        assert_eq!(url.href, "https://api.example/items?x=1");
        let url = Url::parse("http://localhost:8081", "https://a.example").unwrap();
        assert_eq!(
            (url.origin.as_str(), url.href.as_str()),
            ("http://localhost:8081", "http://localhost:8081/")
        );
        let url = Url::parse("/items", "https://a.example").unwrap();
        assert_eq!(url.href, "https://a.example/items");
        let url = Url::parse("https://a.example/a b\\ü?q=\"x y'", "https://a.example").unwrap();
        assert_eq!(url.path_and_query, "/a%20b/%C3%BC?q=%22x%20y%27");
        for bad in [
            "ftp://a.example/",
            "https://u:p@a.example/",
            "items",
            "https://a b/",
        ] {
            assert_eq!(Url::parse(bad, "https://a.example"), None, "{bad}");
        }
    }
}
