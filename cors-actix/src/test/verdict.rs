//! What the page gets from one call.

use std::fmt;

use actix_web::http::StatusCode;
use actix_web::web::Bytes;
use cors_core::page::{Blocked, Request, can_read};

use super::fetch::Answer;

/// What a page's `fetch()` came to: allowed (status, readable headers, body) or blocked (why).
///
/// `Display` words a blocked call as Chromium's console does ("Access to fetch at '…' from origin
/// '…' has been blocked by CORS policy: …"), so `assert!(verdict.is_allowed(), "{verdict}")`
/// fails with the sentence a developer would see in the browser.
#[derive(Debug)]
pub struct Verdict {
    request: Option<Request>,
    preflight_sent: bool,
    outcome: Result<Answer, Blocked>,
}

impl Verdict {
    pub(super) fn allowed(request: Request, preflight_sent: bool, answer: Answer) -> Verdict {
        Verdict {
            request: Some(request),
            preflight_sent,
            outcome: Ok(answer),
        }
    }

    pub(super) fn blocked(request: Request, preflight_sent: bool, reason: Blocked) -> Verdict {
        Verdict {
            request: Some(request),
            preflight_sent,
            outcome: Err(reason),
        }
    }

    /// `fetch()` itself refused the call: nothing was sent.
    pub(super) fn refused(reason: Blocked) -> Verdict {
        Verdict {
            request: None,
            preflight_sent: false,
            outcome: Err(reason),
        }
    }

    /// True when the page reads the response (whatever its status).
    pub fn is_allowed(&self) -> bool {
        self.outcome.is_ok()
    }

    /// True when the browser sent a preflight (`OPTIONS`) for this call; false when none was
    /// due or a cached one covered it.
    pub fn preflight_sent(&self) -> bool {
        self.preflight_sent
    }

    /// The status the page reads; `None` when blocked.
    pub fn status(&self) -> Option<StatusCode> {
        let answer = self.outcome.as_ref().ok()?;
        StatusCode::from_u16(answer.head.status()).ok()
    }

    /// True when the page's script can read response header `name`: present, and for a
    /// cross-origin call safelisted (`content-type`, ...) or exposed by
    /// `Access-Control-Expose-Headers`. False when blocked.
    pub fn can_read(&self, name: &str) -> bool {
        match (&self.request, &self.outcome) {
            (Some(request), Ok(answer)) => can_read(request, &answer.head, name),
            _ => false,
        }
    }

    /// The value of response header `name` as `response.headers.get(name)` returns it to the
    /// page (field lines joined by `, `); `None` when it cannot read it.
    pub fn header(&self, name: &str) -> Option<String> {
        let answer = self.outcome.as_ref().ok()?;
        let value = answer.head.get(name).filter(|_| self.can_read(name))?;
        Some(String::from_utf8_lossy(&value).into_owned())
    }

    /// The body the page reads; `None` when blocked.
    pub fn body(&self) -> Option<&Bytes> {
        self.outcome.as_ref().ok().map(|answer| &answer.body)
    }

    /// Why the call was blocked; `None` when allowed. Its `Display` is the console's sentence
    /// after "has been blocked by CORS policy: ".
    pub fn reason(&self) -> Option<&Blocked> {
        self.outcome.as_ref().err()
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some(request) = &self.request else {
            // Only a refusal has no request.
            return match &self.outcome {
                Err(reason) => write!(
                    f,
                    "TypeError: Failed to execute 'fetch' on 'Window': {reason}"
                ),
                Ok(_) => Ok(()),
            };
        };
        match &self.outcome {
            Err(reason) => f.write_str(&reason.console_message(request.url(), request.origin())),
            Ok(answer) => write!(
                f,
                "{} {} from origin '{}': allowed, status {}{}",
                request.method(),
                request.url(),
                request.origin(),
                answer.head.status(),
                match self.preflight_sent {
                    true => ", after a preflight",
                    false => "",
                }
            ),
        }
    }
}
