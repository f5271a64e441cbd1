//! The rulebook: every check a policy must pass, shared by the run-time builder and the
//! compile-time macro, so both report the same problems in the same words.

use std::borrow::Cow;

use crate::header::{
    access_control_misuse, is_forbidden_request_header, is_forbidden_response_header, is_token,
};
use crate::method::{MethodDefect, check_method};
use crate::names::NameList;
use crate::origin::Origin;
use crate::origin_defect::{OriginDefect, OriginDefectKind, check_origin};
use crate::pattern::{OriginPattern, PatternDefect};
use crate::policy::{AllowedHeaders, AllowedMethods, AllowedOrigins, Policy};
use crate::problem::{Field, PolicyError, ProblemKind, Problems};
use crate::public_suffix::covered_suffix;
use crate::spec::PolicySpec;
use crate::trustworthy::is_loopback_host;

/// Longest `max_age` accepted: one day (Firefox's cap; Chromium caps at 7200, WebKit at 600).
pub const MAX_AGE_LIMIT: u64 = 86_400;

/// Checks `spec` against every rule and builds the policy, or returns all problems at once.
pub fn validate(spec: &PolicySpec) -> Result<Policy, PolicyError> {
    let mut problems = Problems(Vec::new());
    let origins = check_origins(spec, &mut problems);
    let methods = check_methods(spec, &mut problems);
    let allow_headers = check_allow_headers(spec, &mut problems);
    let expose_headers = check_expose_headers(spec, &mut problems);
    if let Some(age) = spec.max_age.filter(|&a| a > MAX_AGE_LIMIT) {
        problems.push(
            ProblemKind::MaxAgeTooLarge,
            Field::MaxAge,
            None,
            format!(
                "`max_age = {age}` is above {MAX_AGE_LIMIT} seconds (one day), which no browser \
                 honours; write at most `max_age = {MAX_AGE_LIMIT}` (Chromium caps it at 7200 and \
                 Safari at 600)"
            ),
        );
    }
    if !problems.0.is_empty() {
        return Err(PolicyError {
            problems: problems.0,
        });
    }
    Ok(Policy::from_validated(
        origins,
        methods,
        allow_headers,
        expose_headers,
        spec,
    ))
}

/// Shared checks for a list where `"*"` alone means "any": mixing and credentials.
fn wildcard(items: &[String], field: Field, credentials: bool, problems: &mut Problems) -> bool {
    let Some(index) = items.iter().position(|i| i == "*") else {
        return false;
    };
    let key = field.key();
    if items.len() > 1 {
        problems.push(
            ProblemKind::WildcardMixed,
            field,
            Some(index),
            format!("`\"*\"` in `{key}` cannot be combined with other entries; use `{key} = \"*\"` alone or list them"),
        );
    }
    if credentials {
        let why = match field {
            Field::Origins => {
                "browsers refuse `Access-Control-Allow-Origin: *` on credentialed requests"
            }
            _ => "on credentialed requests browsers read `*` as a literal name, not a wildcard",
        };
        problems.push(
            ProblemKind::WildcardWithCredentials,
            field,
            Some(index),
            format!("`{key} = \"*\"` cannot be used with `credentials = true`: {why}; list them explicitly"),
        );
    }
    true
}

fn duplicate(
    items: &[String],
    index: usize,
    same: impl Fn(&str, &str) -> bool,
    field: Field,
    problems: &mut Problems,
) -> bool {
    let item = &items[index];
    if items[..index].iter().any(|earlier| same(earlier, item)) {
        problems.push(
            ProblemKind::Duplicate,
            field,
            Some(index),
            format!("`{item}` appears twice in `{}`; remove one", field.key()),
        );
        return true;
    }
    false
}

fn check_origins(spec: &PolicySpec, problems: &mut Problems) -> AllowedOrigins {
    let none = || {
        AllowedOrigins::from_parts(
            false,
            false,
            NameList::from_static(&[], ""),
            Cow::Borrowed(&[]),
        )
    };
    let Some(items) = &spec.origins else {
        // Beside a run-time check, the static list may be left out: the check decides alone.
        if spec.origin_check {
            return none();
        }
        problems.push(
            ProblemKind::MissingOrigins,
            Field::Origins,
            None,
            "missing `origins`; list the allowed origins, e.g. `origins = [\"https://app.example\"]`, or write `origins = \"*\"`".into(),
        );
        return none();
    };
    if items.is_empty() {
        problems.push(
            ProblemKind::EmptyList,
            Field::Origins,
            None,
            "`origins` is empty, so no origin is allowed; list at least one origin".into(),
        );
    }
    let any = wildcard(items, Field::Origins, spec.credentials, problems);
    if any && spec.origin_check {
        problems.push(
            ProblemKind::WildcardWithOriginCheck,
            Field::Origins,
            items.iter().position(|i| i == "*"),
            "`origins = \"*\"` admits every origin, so the run-time origin check would never run; \
             list the static origins, or leave `origins` out and let the check decide"
                .into(),
        );
    }
    let (mut exact, mut patterns) = (Vec::new(), Vec::new());
    for (index, item) in items.iter().enumerate() {
        if item == "*" || duplicate(items, index, |a, b| a == b, Field::Origins, problems) {
            continue;
        }
        if item == "null" {
            if !spec.allow_null_origin {
                problems.push(
                    ProblemKind::NullOriginNotAllowed,
                    Field::Origins,
                    Some(index),
                    "origin `null` is sent by sandboxed iframes, `file:` pages and after cross-origin \
                     redirects, so any site can produce it; set `allow_null_origin = true` to allow it deliberately".into(),
                );
            }
            continue;
        }
        if item.contains('*') {
            match OriginPattern::parse(item) {
                Ok(pattern) => {
                    check_pattern(spec, index, item, &pattern, problems);
                    patterns.push(pattern);
                }
                Err(defect) => {
                    let kind = match &defect {
                        PatternDefect::Origin(d) if origin_kind(d) == ProblemKind::PortZero => {
                            ProblemKind::PortZero
                        }
                        _ => ProblemKind::InvalidOriginPattern,
                    };
                    problems.push(kind, Field::Origins, Some(index), defect.message(item));
                }
            }
            continue;
        }
        match check_origin(item) {
            Ok(()) => {
                let origin = Origin::parse(item.as_bytes()).expect("a checked origin parses");
                let what = ("origin", origin.scheme(), origin.host());
                check_secure(spec, index, item, what, problems);
                exact.push(item.clone());
            }
            Err(defect) => problems.push(
                origin_kind(&defect),
                Field::Origins,
                Some(index),
                defect.message(item),
            ),
        }
    }
    exact.sort_unstable();
    AllowedOrigins::from_parts(
        any,
        spec.allow_null_origin,
        NameList::from_owned(exact),
        Cow::Owned(patterns),
    )
}

/// The rule an origin defect breaks: port 0 has its own.
fn origin_kind(defect: &OriginDefect) -> ProblemKind {
    match defect.kind {
        OriginDefectKind::PortZero => ProblemKind::PortZero,
        _ => ProblemKind::InvalidOrigin,
    }
}

/// The rules a well-formed pattern can still break: a public suffix below `*.`, plain `http`.
fn check_pattern(
    spec: &PolicySpec,
    index: usize,
    item: &str,
    pattern: &OriginPattern,
    problems: &mut Problems,
) {
    let (scheme, base) = (pattern.scheme(), pattern.host());
    if pattern.is_subdomain_pattern()
        && !spec.allow_public_suffix_patterns
        && let Some(section) = covered_suffix(base)
    {
        problems.push(
            ProblemKind::PublicSuffixPattern,
            Field::Origins,
            Some(index),
            format!(
                "origin pattern `{item}` admits every site registered under `{base}`, a public \
                 suffix ({} of the Public Suffix List), other people's included; name your own \
                 domain, e.g. `{scheme}://example.{base}` or `{scheme}://*.example.{base}`, or set \
                 `allow_public_suffix_patterns = true` if you run `{base}`",
                section.describe(),
            ),
        );
    }
    check_secure(
        spec,
        index,
        item,
        ("origin pattern", scheme, base),
        problems,
    );
}

/// With `credentials = true`, a plain-`http` origin that is not loopback: anyone on the network
/// path can answer as that origin and use the session the browser sends it.
fn check_secure(
    spec: &PolicySpec,
    index: usize,
    item: &str,
    (what, scheme, host): (&str, &str, &str),
    problems: &mut Problems,
) {
    if !spec.credentials || spec.allow_insecure_origins || scheme != "http" {
        return;
    }
    if is_loopback_host(host) {
        return;
    }
    let secure = format!("https{}", &item["http".len()..]);
    problems.push(
        ProblemKind::InsecureOriginWithCredentials,
        Field::Origins,
        Some(index),
        format!(
            "{what} `{item}` is plain `http`, so with `credentials = true` anyone on the network \
             path can act as that origin and use the user's session; write `{secure}`, or set \
             `allow_insecure_origins = true` to accept the risk"
        ),
    );
}

fn check_methods(spec: &PolicySpec, problems: &mut Problems) -> AllowedMethods {
    let Some(items) = &spec.methods else {
        return AllowedMethods::Route;
    };
    if items.is_empty() {
        problems.push(
            ProblemKind::EmptyList,
            Field::Methods,
            None,
            "`methods` is empty; list methods, or leave `methods` out to allow the route's own"
                .into(),
        );
    }
    if wildcard(items, Field::Methods, spec.credentials, problems) {
        return AllowedMethods::Any;
    }
    for (index, item) in items.iter().enumerate() {
        if duplicate(items, index, |a, b| a == b, Field::Methods, problems) {
            continue;
        }
        if let Err(defect) = check_method(item) {
            let kind = match defect {
                MethodDefect::NotToken => ProblemKind::InvalidMethod,
                MethodDefect::Forbidden => ProblemKind::ForbiddenMethod,
                MethodDefect::NotUpperCase(_) => ProblemKind::MethodNotUpperCase,
            };
            problems.push(kind, Field::Methods, Some(index), defect.message(item));
        }
    }
    AllowedMethods::List(NameList::from_owned(items.clone()))
}

/// Header-name checks common to `allow_headers` and `expose_headers`; returns the lower-case names.
fn check_header_names(
    items: &[String],
    field: Field,
    forbidden: fn(&str) -> bool,
    forbidden_kind: ProblemKind,
    problems: &mut Problems,
) -> Vec<String> {
    let key = field.key();
    for (index, item) in items.iter().enumerate() {
        if duplicate(
            items,
            index,
            |a, b| a.eq_ignore_ascii_case(b),
            field,
            problems,
        ) {
            continue;
        }
        if !is_token(item.as_bytes()) {
            problems.push(
                ProblemKind::InvalidHeaderName,
                field,
                Some(index),
                format!(
                    "`{item}` in `{key}` is not a valid header name; write one word of letters, \
                     digits and `-`, e.g. `x-api-key`"
                ),
            );
        } else if let Some(message) = (field == Field::AllowHeaders)
            .then(|| access_control_misuse(item))
            .flatten()
        {
            problems.push(
                ProblemKind::AccessControlHeader,
                field,
                Some(index),
                message,
            );
        } else if forbidden(item) {
            let why = match field {
                Field::ExposeHeaders => "browsers never expose it to scripts",
                _ => "scripts can never set it (a forbidden request header)",
            };
            problems.push(
                forbidden_kind,
                field,
                Some(index),
                format!("`{item}` in `{key}` has no effect: {why}; remove it"),
            );
        }
    }
    items.iter().map(|i| i.to_ascii_lowercase()).collect()
}

fn check_allow_headers(spec: &PolicySpec, problems: &mut Problems) -> AllowedHeaders {
    let items = spec.allow_headers.as_deref().unwrap_or_default();
    if wildcard(items, Field::AllowHeaders, spec.credentials, problems) {
        return AllowedHeaders::Any;
    }
    let names = check_header_names(
        items,
        Field::AllowHeaders,
        is_forbidden_request_header,
        ProblemKind::ForbiddenRequestHeader,
        problems,
    );
    AllowedHeaders::List(NameList::from_owned(names))
}

fn check_expose_headers(spec: &PolicySpec, problems: &mut Problems) -> Option<String> {
    let items = spec.expose_headers.as_deref().unwrap_or_default();
    if wildcard(items, Field::ExposeHeaders, spec.credentials, problems) {
        return Some("*".into());
    }
    let names = check_header_names(
        items,
        Field::ExposeHeaders,
        is_forbidden_response_header,
        ProblemKind::ForbiddenExposedHeader,
        problems,
    );
    (!names.is_empty()).then(|| names.join(", "))
}

#[cfg(test)]
mod tests;
