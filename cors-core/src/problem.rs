//! What is wrong with a policy: every problem found, each naming its rule, its setting and the
//! fix, in the same words at compile time and at run time.

use std::fmt;

/// The setting a problem is about; its name is the attribute key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
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
    /// An origin or pattern with port 0, which browsers never fetch from.
    PortZero,
    /// A subdomain pattern over a public suffix (`https://*.co.uk`), without
    /// `allow_public_suffix_patterns`.
    PublicSuffixPattern,
    /// `"null"` without `allow_null_origin`.
    NullOriginNotAllowed,
    /// `"*"` beside other items.
    WildcardMixed,
    /// `"*"` with `credentials = true`.
    WildcardWithCredentials,
    /// A plain-`http` origin that is not loopback with `credentials = true`, without
    /// `allow_insecure_origins`.
    InsecureOriginWithCredentials,
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
    /// An `Access-Control-*` name in `allow_headers`.
    AccessControlHeader,
    /// `set-cookie` in `expose_headers`.
    ForbiddenExposedHeader,
    /// `max_age` above one day (86400 seconds).
    MaxAgeTooLarge,
    /// `"*"` beside a run-time origin check, which would then never run.
    WildcardWithOriginCheck,
}

impl ProblemKind {
    /// Every rule, for tests and documentation that show each one is enforced. A slice, not an
    /// array: a new rule is not a breaking change.
    pub fn all() -> &'static [ProblemKind] {
        &ALL
    }
}

const ALL: [ProblemKind; 20] = [
    ProblemKind::MissingOrigins,
    ProblemKind::EmptyList,
    ProblemKind::InvalidOrigin,
    ProblemKind::InvalidOriginPattern,
    ProblemKind::PortZero,
    ProblemKind::PublicSuffixPattern,
    ProblemKind::NullOriginNotAllowed,
    ProblemKind::WildcardMixed,
    ProblemKind::WildcardWithCredentials,
    ProblemKind::InsecureOriginWithCredentials,
    ProblemKind::Duplicate,
    ProblemKind::InvalidMethod,
    ProblemKind::ForbiddenMethod,
    ProblemKind::MethodNotUpperCase,
    ProblemKind::InvalidHeaderName,
    ProblemKind::ForbiddenRequestHeader,
    ProblemKind::AccessControlHeader,
    ProblemKind::ForbiddenExposedHeader,
    ProblemKind::MaxAgeTooLarge,
    ProblemKind::WildcardWithOriginCheck,
];

/// One thing wrong with a policy.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
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
    pub(crate) problems: Vec<Problem>,
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

/// Problems as validation finds them.
pub(crate) struct Problems(pub(crate) Vec<Problem>);

impl Problems {
    pub(crate) fn push(
        &mut self,
        kind: ProblemKind,
        field: Field,
        index: Option<usize>,
        message: String,
    ) {
        self.0.push(Problem {
            kind,
            field,
            index,
            message,
        });
    }
}
