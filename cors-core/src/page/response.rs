//! An answer as the browser reads it: a status and a header list.

use crate::header::{is_token, trim_ows};

/// A response's status and header list, as the adapter read it off the app's answer.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Response {
    status: u16,
    headers: Vec<(String, Vec<u8>)>,
}

impl Response {
    /// A response with `status` and no headers yet.
    pub fn new(status: u16) -> Response {
        Response {
            status,
            headers: Vec::new(),
        }
    }

    /// Appends one field line.
    pub fn header(mut self, name: &str, value: impl AsRef<[u8]>) -> Response {
        self.headers
            .push((name.to_ascii_lowercase(), value.as_ref().to_vec()));
        self
    }

    /// The status.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// Every field line of `name` (ASCII case-insensitive), in order.
    pub fn values<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a [u8]> + 'a {
        self.headers
            .iter()
            .filter(move |(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_slice())
    }

    /// The lower-case names of the header list, unique, in order of first appearance.
    pub fn names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = Vec::new();
        for (name, _) in &self.headers {
            if !names.contains(&name.as_str()) {
                names.push(name);
            }
        }
        names
    }

    /// The field lines of `name` joined with `, `, as `Headers.get` returns them
    /// ([Fetch: get](https://fetch.spec.whatwg.org/#concept-header-list-get)); `None` when absent.
    pub fn get(&self, name: &str) -> Option<Vec<u8>> {
        let mut values = self.values(name);
        let first = values.next()?.to_vec();
        Some(values.fold(first, |mut joined, value| {
            joined.extend_from_slice(b", ");
            joined.extend_from_slice(value);
            joined
        }))
    }

    /// The elements of a `#token` list header, empty ones skipped; `Ok(None)` when absent,
    /// `Err(())` when an element is not a token
    /// ([Fetch: extract header list values](https://fetch.spec.whatwg.org/#extract-header-list-values)).
    pub(crate) fn tokens(&self, name: &str) -> Result<Option<Vec<String>>, ()> {
        let Some(joined) = self.get(name) else {
            return Ok(None);
        };
        let mut tokens = Vec::new();
        for element in joined.split(|&b| b == b',').map(trim_ows) {
            if element.is_empty() {
                continue;
            }
            if !is_token(element) {
                return Err(());
            }
            tokens.push(String::from_utf8_lossy(element).into_owned());
        }
        Ok(Some(tokens))
    }
}
