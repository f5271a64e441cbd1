//! The rulebook: every check a policy must pass, shared by the run-time builder and the
//! compile-time macro, so both report the same problems in the same words.

use std::borrow::Cow;
use std::fmt;

use crate::header::{is_forbidden_request_header, is_forbidden_response_header, is_token};
use crate::method::{MethodDefect, check_method};
use crate::names::NameList;
use crate::origin::{OriginPattern, check_origin};
use crate::policy::{AllowedHeaders, AllowedMethods, AllowedOrigins, Policy};

/// Longest `max_age` accepted: one day (Firefox's cap; Chromium caps at 7200, WebKit at 600).
pub const MAX_AGE_LIMIT: u64 = 86_400;

/// A policy as written, before validation: what `#[cors(..)]` and the builder collect.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PolicySpec {
    /// `origins`; `"*"` alone means any.
    pub origins: Option<Vec<String>>,
    /// `allow_null_origin`.
    pub allow_null_origin: bool,
    /// `methods`; `None` means the route's own.
    pub methods: Option<Vec<String>>,
    /// `allow_headers`; `"*"` alone means any.
    pub allow_headers: Option<Vec<String>>,
    /// `expose_headers`; `"*"` alone means any.
    pub expose_headers: Option<Vec<String>>,
    /// `credentials`.
    pub credentials: bool,
    /// `max_age`, seconds.
    pub max_age: Option<u64>,
    /// `private_network`.
    pub private_network: bool,
    /// `enforce`.
    pub enforce: bool,
}

/// The setting a problem is about; its name is the attribute key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    /// `origins`
    Origins,
    /// `methods`
    Methods,
    /// `allow_headers`
    AllowHeaders,
    /// `expose_headers`
    ExposeHeaders,
    /// `credentials`
    Credentials,
    /// `max_age`
    MaxAge,
}

impl Field {
    /// The attribute key (and builder vocabulary) for this setting.
    pub fn key(self) -> &'static str {
        match self {
            Field::Origins => "origins",
            Field::Methods => "methods",
            Field::AllowHeaders => "allow_headers",
            Field::ExposeHeaders => "expose_headers",
            Field::Credentials => "credentials",
            Field::MaxAge => "max_age",
        }
    }
}

/// Stable identifier of each rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ProblemKind {
    /// No `origins` at all.
    MissingOrigins,
    /// An empty list where at least one item is needed.
    EmptyList,
    /// An origin that is not a canonical serialized origin.
    InvalidOrigin,
    /// A malformed origin pattern.
    InvalidOriginPattern,
    /// `"null"` without `allow_null_origin`.
    NullOriginNotAllowed,
    /// `"*"` beside other items.
    WildcardMixed,
    /// `"*"` with `credentials = true`.
    WildcardWithCredentials,
    /// The same item twice.
    Duplicate,
    /// A method that is not a token.
    InvalidMethod,
    /// `CONNECT`, `TRACE`, `TRACK`.
    ForbiddenMethod,
    /// `get` for `GET`.
    MethodNotUpperCase,
    /// A header name that is not a token.
    InvalidHeaderName,
    /// A request header scripts can never set.
    ForbiddenRequestHeader,
    /// `set-cookie` in `expose_headers`.
    ForbiddenExposedHeader,
    /// `max_age` above [`MAX_AGE_LIMIT`].
    MaxAgeTooLarge,
}

impl ProblemKind {
    /// Every rule, for tests that show each one is enforced.
    pub const ALL: [ProblemKind; 15] = [
        ProblemKind::MissingOrigins,
        ProblemKind::EmptyList,
        ProblemKind::InvalidOrigin,
        ProblemKind::InvalidOriginPattern,
        ProblemKind::NullOriginNotAllowed,
        ProblemKind::WildcardMixed,
        ProblemKind::WildcardWithCredentials,
        ProblemKind::Duplicate,
        ProblemKind::InvalidMethod,
        ProblemKind::ForbiddenMethod,
        ProblemKind::MethodNotUpperCase,
        ProblemKind::InvalidHeaderName,
        ProblemKind::ForbiddenRequestHeader,
        ProblemKind::ForbiddenExposedHeader,
        ProblemKind::MaxAgeTooLarge,
    ];
}

/// One thing wrong with a policy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Which rule.
    pub kind: ProblemKind,
    /// Which setting.
    pub field: Field,
    /// Position of the offending item in its list, when the problem is about one item.
    pub index: Option<usize>,
    /// Lower-case sentence that names the problem and says the fix.
    pub message: String,
}

/// Every problem of a policy that failed to build.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyError {
    problems: Vec<Problem>,
}

impl PolicyError {
    /// The problems, in the order of the settings.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }
}

impl fmt::Display for PolicyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.problems.len();
        write!(
            f,
            "invalid CORS policy ({n} problem{}):",
            if n == 1 { "" } else { "s" }
        )?;
        for problem in &self.problems {
            write!(f, "\n  - {}", problem.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for PolicyError {}

struct Problems(Vec<Problem>);

impl Problems {
    fn push(&mut self, kind: ProblemKind, field: Field, index: Option<usize>, message: String) {
        self.0.push(Problem {
            kind,
            field,
            index,
            message,
        });
    }
}

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
    let mut allowed = AllowedOrigins {
        any: false,
        null: false,
        exact: NameList::from_static(&[], ""),
        patterns: Cow::Borrowed(&[]),
    };
    let Some(items) = &spec.origins else {
        problems.push(
            ProblemKind::MissingOrigins,
            Field::Origins,
            None,
            "missing `origins`; list the allowed origins, e.g. `origins = [\"https://app.example\"]`, or write `origins = \"*\"`".into(),
        );
        return allowed;
    };
    if items.is_empty() {
        problems.push(
            ProblemKind::EmptyList,
            Field::Origins,
            None,
            "`origins` is empty, so no origin is allowed; list at least one origin".into(),
        );
    }
    allowed.any = wildcard(items, Field::Origins, spec.credentials, problems);
    allowed.null = spec.allow_null_origin;
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
                Ok(pattern) => patterns.push(pattern),
                Err(defect) => problems.push(
                    ProblemKind::InvalidOriginPattern,
                    Field::Origins,
                    Some(index),
                    defect.message(item),
                ),
            }
            continue;
        }
        match check_origin(item) {
            Ok(()) => exact.push(item.clone()),
            Err(defect) => problems.push(
                ProblemKind::InvalidOrigin,
                Field::Origins,
                Some(index),
                defect.message(item),
            ),
        }
    }
    exact.sort_unstable();
    allowed.exact = NameList::from_owned(exact);
    allowed.patterns = Cow::Owned(patterns);
    allowed
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
mod tests {
    use super::*;

    fn strings(items: &[&str]) -> Option<Vec<String>> {
        Some(items.iter().map(|s| s.to_string()).collect())
    }

    fn spec(origins: &[&str]) -> PolicySpec {
        PolicySpec {
            origins: strings(origins),
            ..PolicySpec::default()
        }
    }

    fn problems(spec: &PolicySpec) -> Vec<(ProblemKind, Field, Option<usize>)> {
        match validate(spec) {
            Ok(_) => Vec::new(),
            Err(e) => e
                .problems()
                .iter()
                .map(|p| (p.kind, p.field, p.index))
                .collect(),
        }
    }

    use Field as F;
    use ProblemKind as K;

    #[test]
    fn all_lists_every_rule() {
        // Each rule gets a distinct position; adding a rule fails to compile here (no wildcard
        // arm), and `ALL` must then hold it at its position.
        let position = |kind: ProblemKind| match kind {
            K::MissingOrigins => 0,
            K::EmptyList => 1,
            K::InvalidOrigin => 2,
            K::InvalidOriginPattern => 3,
            K::NullOriginNotAllowed => 4,
            K::WildcardMixed => 5,
            K::WildcardWithCredentials => 6,
            K::Duplicate => 7,
            K::InvalidMethod => 8,
            K::ForbiddenMethod => 9,
            K::MethodNotUpperCase => 10,
            K::InvalidHeaderName => 11,
            K::ForbiddenRequestHeader => 12,
            K::ForbiddenExposedHeader => 13,
            K::MaxAgeTooLarge => 14,
        };
        for (i, kind) in ProblemKind::ALL.iter().enumerate() {
            assert_eq!(position(*kind), i, "{kind:?}");
        }
    }

    #[test]
    fn missing_and_empty_origins() {
        assert_eq!(
            problems(&PolicySpec::default()),
            [(K::MissingOrigins, F::Origins, None)]
        );
        assert_eq!(problems(&spec(&[])), [(K::EmptyList, F::Origins, None)]);
    }

    #[test]
    fn each_bad_origin_is_reported_at_its_index() {
        let s = spec(&[
            "https://ok.example",
            "https://a.com/",
            "HTTPS://b.com",
            "https://c.com:443",
            "null",
            "https://*.com",
            "https://ok.example",
        ]);
        assert_eq!(
            problems(&s),
            [
                (K::InvalidOrigin, F::Origins, Some(1)),
                (K::InvalidOrigin, F::Origins, Some(2)),
                (K::InvalidOrigin, F::Origins, Some(3)),
                (K::NullOriginNotAllowed, F::Origins, Some(4)),
                (K::InvalidOriginPattern, F::Origins, Some(5)),
                (K::Duplicate, F::Origins, Some(6)),
            ]
        );
    }

    #[test]
    fn null_with_opt_in_is_accepted() {
        let s = PolicySpec {
            allow_null_origin: true,
            ..spec(&["null"])
        };
        assert!(validate(&s).unwrap().allows_origin(b"null"));
    }

    #[test]
    fn wildcards() {
        assert_eq!(
            problems(&spec(&["https://a.example", "*"])),
            [(K::WildcardMixed, F::Origins, Some(1))]
        );
        let cred = |mut s: PolicySpec| {
            s.credentials = true;
            problems(&s)
        };
        assert_eq!(
            cred(spec(&["*"])),
            [(K::WildcardWithCredentials, F::Origins, Some(0))]
        );
        let base = spec(&["https://a.example"]);
        assert_eq!(
            cred(PolicySpec {
                methods: strings(&["*"]),
                ..base.clone()
            }),
            [(K::WildcardWithCredentials, F::Methods, Some(0))]
        );
        assert_eq!(
            cred(PolicySpec {
                allow_headers: strings(&["x-a", "*"]),
                ..base.clone()
            }),
            [
                (K::WildcardMixed, F::AllowHeaders, Some(1)),
                (K::WildcardWithCredentials, F::AllowHeaders, Some(1))
            ]
        );
        assert_eq!(
            cred(PolicySpec {
                expose_headers: strings(&["*"]),
                ..base.clone()
            }),
            [(K::WildcardWithCredentials, F::ExposeHeaders, Some(0))]
        );
        assert!(
            problems(&PolicySpec {
                methods: strings(&["*"]),
                allow_headers: strings(&["*"]),
                expose_headers: strings(&["*"]),
                ..spec(&["*"])
            })
            .is_empty()
        );
    }

    #[test]
    fn methods() {
        let s = PolicySpec {
            methods: strings(&["GET", "get", "TRACE", "GE T", "PURGE", "GET"]),
            ..spec(&["*"])
        };
        assert_eq!(
            problems(&s),
            [
                (K::MethodNotUpperCase, F::Methods, Some(1)),
                (K::ForbiddenMethod, F::Methods, Some(2)),
                (K::InvalidMethod, F::Methods, Some(3)),
                (K::Duplicate, F::Methods, Some(5)),
            ]
        );
        assert_eq!(
            problems(&PolicySpec {
                methods: strings(&[]),
                ..spec(&["*"])
            }),
            [(K::EmptyList, F::Methods, None)]
        );
    }

    #[test]
    fn header_names() {
        let s = PolicySpec {
            allow_headers: strings(&["content-type", "Cookie", "x a", "Content-Type", "sec-foo"]),
            expose_headers: strings(&["x-id", "Set-Cookie", "x-id"]),
            ..spec(&["*"])
        };
        assert_eq!(
            problems(&s),
            [
                (K::ForbiddenRequestHeader, F::AllowHeaders, Some(1)),
                (K::InvalidHeaderName, F::AllowHeaders, Some(2)),
                (K::Duplicate, F::AllowHeaders, Some(3)),
                (K::ForbiddenRequestHeader, F::AllowHeaders, Some(4)),
                (K::ForbiddenExposedHeader, F::ExposeHeaders, Some(1)),
                (K::Duplicate, F::ExposeHeaders, Some(2)),
            ]
        );
    }

    #[test]
    fn max_age_bound() {
        assert_eq!(
            problems(&PolicySpec {
                max_age: Some(86_401),
                ..spec(&["*"])
            }),
            [(K::MaxAgeTooLarge, F::MaxAge, None)]
        );
        assert!(
            problems(&PolicySpec {
                max_age: Some(86_400),
                ..spec(&["*"])
            })
            .is_empty()
        );
    }

    #[test]
    fn messages_are_lower_case_and_say_the_fix() {
        let err = validate(&PolicySpec {
            credentials: true,
            ..spec(&["*", "https://a.com/"])
        })
        .unwrap_err();
        let text = err.to_string();
        assert_eq!(
            text,
            "invalid CORS policy (3 problems):\n  \
             - `\"*\"` in `origins` cannot be combined with other entries; use `origins = \"*\"` alone or list them\n  \
             - `origins = \"*\"` cannot be used with `credentials = true`: browsers refuse `Access-Control-Allow-Origin: *` on credentialed requests; list them explicitly\n  \
             - origin `https://a.com/` has a path; write `https://a.com`"
        );
        for p in err.problems() {
            assert!(!p.message.starts_with(char::is_uppercase), "{}", p.message);
        }
    }

    #[test]
    fn builder_and_spec_agree() {
        let from_builder = Policy::builder()
            .allow_origins(["https://a.com/"])
            .max_age(90_000)
            .build()
            .unwrap_err();
        let from_spec = validate(&PolicySpec {
            max_age: Some(90_000),
            ..spec(&["https://a.com/"])
        })
        .unwrap_err();
        assert_eq!(from_builder, from_spec);
    }

    #[test]
    fn built_values_are_precomputed() {
        let p = Policy::builder()
            .allow_origins(["https://b.example", "https://a.example"])
            .allow_methods(["GET", "PATCH"])
            .allow_headers(["Content-Type", "x-api-key"])
            .expose_headers(["X-Request-Id"])
            .max_age(600)
            .build()
            .unwrap();
        assert_eq!(
            p.origins().exact.iter().collect::<Vec<_>>(),
            ["https://a.example", "https://b.example"]
        );
        assert!(matches!(p.methods(), AllowedMethods::List(l) if l.header_value() == "GET, PATCH"));
        assert!(
            matches!(p.allow_headers(), AllowedHeaders::List(l) if l.header_value() == "content-type, x-api-key")
        );
        assert_eq!(p.expose_headers(), Some("x-request-id"));
        assert_eq!(p.max_age(), Some("600"));
    }
}
