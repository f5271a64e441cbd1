//! Where the engines depart from each other: how long each caches a preflight.

use std::time::Duration;

/// A browser engine, for what the Fetch standard leaves to the user agent.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Engine {
    /// Chromium (Blink): `max_age` capped at 7200 s, 5 s when absent or unparsable
    /// (`services/network/cors/preflight_result.cc`, `kMaxTimeout`).
    #[default]
    Chromium,
    /// Firefox (Gecko): capped at 86400 s, 5 s when absent, not cached when `0` or unparsable
    /// (`netwerk/protocol/http/nsCORSListenerProxy.cpp`, `AddResultToCache`).
    Firefox,
    /// WebKit: capped at 600 s, 5 s when absent or unparsable
    /// (`Source/WebCore/loader/CrossOriginPreflightResultCache.cpp`).
    Webkit,
}

/// When `Access-Control-Max-Age` is absent or unparsable
/// ([Fetch](https://fetch.spec.whatwg.org/#cors-preflight-fetch-0) step 7.9).
const DEFAULT_SECONDS: u64 = 5;

impl Engine {
    /// Every engine the model knows.
    pub const ALL: [Engine; 3] = [Engine::Chromium, Engine::Firefox, Engine::Webkit];

    /// The engine's cap on `max_age`, in seconds (step 7.10).
    pub fn max_age_cap(self) -> u64 {
        match self {
            Engine::Chromium => 7200,
            Engine::Firefox => 86400,
            Engine::Webkit => 600,
        }
    }

    /// How long a passed preflight whose `Access-Control-Max-Age` is `value` stays cached.
    pub(crate) fn preflight_lifetime(self, value: Option<&[u8]>) -> Duration {
        let parsed = value.map(|v| {
            let digits = !v.is_empty() && v.iter().all(u8::is_ascii_digit);
            digits.then(|| {
                std::str::from_utf8(v)
                    .ok()
                    .and_then(|s| s.parse::<u64>().ok())
                    .unwrap_or(u64::MAX)
            })
        });
        let negative = value
            .and_then(|v| v.strip_prefix(b"-"))
            .is_some_and(|v| !v.is_empty() && v.iter().all(u8::is_ascii_digit));
        let seconds = match (parsed, self) {
            (None, _) => DEFAULT_SECONDS,
            (Some(None), Engine::Chromium) if negative => 0,
            (Some(None), Engine::Firefox) => 0,
            (Some(None), _) => DEFAULT_SECONDS,
            (Some(Some(seconds)), _) => seconds,
        };
        Duration::from_secs(seconds.min(self.max_age_cap()))
    }
}
