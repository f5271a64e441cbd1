//! One page in one browser: its preflight cache carries over from call to call.

use std::time::Duration;

use actix_http::Request as WireRequest;
use actix_web::body::MessageBody;
use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::Uri;
use cors_core::page::{Blocked, Engine, PreflightCache, cors_check, preflight_check};

use super::fetch::{send_actual, send_preflight};
use super::{Fetch, Verdict};

/// A page's browser: what [`Fetch::send`] does, with one preflight cache kept across calls, as
/// `Access-Control-Max-Age` asks (5 s when absent, never with `0`, capped by the engine). Its
/// clock moves only with [`advance`](Browser::advance), so a test never sleeps.
#[derive(Clone, Debug, Default)]
pub struct Browser {
    cache: PreflightCache,
}

impl Browser {
    /// A page in Chromium, which caps `max_age` at 7200 s.
    pub fn new() -> Browser {
        Browser::for_engine(Engine::Chromium)
    }

    /// A page in `engine`, with that engine's cap on `max_age` (Chromium 7200 s, Firefox
    /// 86400 s, WebKit 600 s; the console wording stays Chromium's).
    pub fn for_engine(engine: Engine) -> Browser {
        Browser {
            cache: PreflightCache::new(engine),
        }
    }

    /// Lets `time` pass: cached preflights older than their max age expire.
    pub fn advance(&mut self, time: Duration) {
        self.cache.advance(time);
    }

    /// Sends `fetch` through `app` as this page: a preflight first when one is due and not
    /// cached, then the actual request only if the preflight passed.
    pub async fn send<S, B, E>(&mut self, app: &S, fetch: Fetch) -> Verdict
    where
        S: Service<WireRequest, Response = ServiceResponse<B>, Error = E>,
        B: MessageBody,
        E: Into<actix_web::Error>,
    {
        let (request, body, cookies) = fetch.into_parts();
        let request = match request {
            // The URL was parsed and percent-encoded as a browser does; `Uri` is the last word.
            Ok(request) if Uri::try_from(request.url()).is_err() => {
                return Verdict::refused(Blocked::InvalidUrl(request.url().to_owned()));
            }
            Ok(request) => request,
            Err(rejected) => return Verdict::refused(rejected),
        };
        let mut preflight_sent = false;
        if let Some(preflight) = request.preflight()
            && !self.cache.covers(&request)
        {
            let answer = send_preflight(app, &request, &preflight).await;
            preflight_sent = true;
            match preflight_check(&request, &answer.head) {
                Ok(grant) => self.cache.store(&request, &grant),
                Err(blocked) => {
                    self.cache.clear(&request);
                    return Verdict::blocked(request, true, blocked);
                }
            }
        }
        let answer = send_actual(app, &request, body.as_deref(), &cookies).await;
        if !request.is_same_origin()
            && let Err(failure) = cors_check(&request, &answer.head)
        {
            self.cache.clear(&request);
            return Verdict::blocked(request, preflight_sent, failure.on_actual());
        }
        Verdict::allowed(request, preflight_sent, answer)
    }
}
