//! One page's CORS-preflight cache, on a clock the caller moves, so a test never sleeps.

use std::time::Duration;

use super::{Engine, PreflightGrant, Request};
use crate::method::is_safelisted;

/// What a passed preflight allowed, and until when: one entry per method or header name, keyed by
/// the page's origin, the URL and the credentials mode
/// ([Fetch: CORS-preflight cache](https://fetch.spec.whatwg.org/#cors-preflight-cache)).
#[derive(Clone, Debug, Default)]
pub struct PreflightCache {
    engine: Engine,
    now: Duration,
    entries: Vec<Entry>,
}

#[derive(Clone, Debug)]
struct Entry {
    origin: String,
    url: String,
    credentials: bool,
    item: Item,
    expires: Duration,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Item {
    Method(String),
    Header(String),
}

impl PreflightCache {
    /// An empty cache with `engine`'s lifetimes, its clock at zero.
    pub fn new(engine: Engine) -> PreflightCache {
        PreflightCache {
            engine,
            ..PreflightCache::default()
        }
    }

    /// The engine whose lifetimes this cache follows.
    pub fn engine(&self) -> Engine {
        self.engine
    }

    /// Moves the cache's clock on by `time`: entries older than their lifetime expire.
    pub fn advance(&mut self, time: Duration) {
        self.now = self.now.saturating_add(time);
    }

    /// True when the cache spares `request` its preflight: its method is safelisted or cached,
    /// and so is each of its CORS-unsafe header names
    /// ([Fetch: HTTP fetch](https://fetch.spec.whatwg.org/#http-fetch) step 4.1; method and
    /// header-name [cache entry match](https://fetch.spec.whatwg.org/#concept-cache-match)).
    pub fn covers(&self, request: &Request) -> bool {
        let method = request.method();
        let method_ok = is_safelisted(method.as_bytes())
            || self.matches(request, |item, credentials| match item {
                Item::Method(m) => m == method || (!credentials && m == "*"),
                Item::Header(_) => false,
            });
        method_ok
            && request.unsafe_header_names().iter().all(|name| {
                self.matches(request, |item, credentials| match item {
                    // A `*` entry covers `authorization` too, as the engines' check does.
                    Item::Header(h) => h.eq_ignore_ascii_case(name) || (!credentials && h == "*"),
                    Item::Method(_) => false,
                })
            })
    }

    /// Records what a passed preflight for `request` allowed, for the grant's lifetime under the
    /// engine; a lifetime of zero records nothing (step 7.12-7.13).
    pub fn store(&mut self, request: &Request, grant: &PreflightGrant) {
        let lifetime = grant.lifetime(self.engine);
        let now = self.now;
        self.entries.retain(|e| e.expires > now);
        if lifetime.is_zero() {
            return;
        }
        let items = grant.methods.iter().map(|m| Item::Method(m.clone())).chain(
            grant
                .headers
                .iter()
                .map(|h| Item::Header(h.to_ascii_lowercase())),
        );
        for item in items {
            self.entries
                .retain(|e| !(e.is_for(request) && e.item == item));
            self.entries.push(Entry {
                origin: request.origin().to_owned(),
                url: request.url().to_owned(),
                credentials: request.credentials(),
                item,
                expires: now.saturating_add(lifetime),
            });
        }
    }

    /// Forgets every entry for `request`'s origin, URL and credentials mode, as a failed request
    /// does ([Fetch: clear cache entries](https://fetch.spec.whatwg.org/#concept-cache-clear)).
    pub fn clear(&mut self, request: &Request) {
        self.entries.retain(|e| !e.is_for(request));
    }

    fn matches(&self, request: &Request, item: impl Fn(&Item, bool) -> bool) -> bool {
        self.entries
            .iter()
            .any(|e| e.expires > self.now && e.is_for(request) && item(&e.item, e.credentials))
    }
}

impl Entry {
    fn is_for(&self, request: &Request) -> bool {
        self.origin == request.origin()
            && self.url == request.url()
            && self.credentials == request.credentials()
    }
}
