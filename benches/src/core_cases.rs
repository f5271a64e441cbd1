//! cors-core micro cases: a policy and one request, evaluated with no framework around them.

use cors_core::{Decision, Policy, RequestHeader};
use cors_testkit::Request;

/// What a case's decision must be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expect {
    /// An actual request whose origin is allowed.
    Allowed,
    /// An actual request whose origin is not.
    NotAllowed,
    /// A preflight answered `204`.
    PreflightAccepted,
    /// A preflight answered `403`.
    PreflightRejected,
}

/// One micro case.
#[derive(Clone, Debug)]
pub struct CoreCase {
    /// Name on command lines and in tables.
    pub name: String,
    /// The policy.
    pub policy: Policy,
    /// The request.
    pub request: Request<'static>,
    /// The decision it must get.
    pub expect: Expect,
}

impl CoreCase {
    /// Evaluates once; what the benchmarks time.
    pub fn evaluate(&self) -> Decision<'_> {
        self.policy.evaluate(&self.request)
    }

    /// Total bytes of the request's header values.
    pub fn header_bytes(&self) -> usize {
        self.request.lines().map(|(_, value)| value.len()).sum()
    }

    /// Checks the decision against [`CoreCase::expect`].
    pub fn check(&self) -> Result<(), String> {
        let got = match self.evaluate() {
            Decision::Actual { rejected: None, .. } => Expect::Allowed,
            Decision::Actual {
                rejected: Some(_), ..
            }
            | Decision::NotCors(_) => Expect::NotAllowed,
            Decision::PreflightAccepted(_) => Expect::PreflightAccepted,
            Decision::PreflightRejected(_) => Expect::PreflightRejected,
        };
        if got == self.expect {
            Ok(())
        } else {
            Err(format!(
                "{}: got {got:?}, want {:?}",
                self.name, self.expect
            ))
        }
    }
}

fn origins(n: usize) -> Vec<String> {
    (0..n)
        .map(|i| format!("https://app{i:04}.example"))
        .collect()
}

fn get_from(origin: &str) -> Request<'static> {
    Request::new("GET").header(RequestHeader::Origin, origin.to_owned())
}

fn preflight(acrh: impl IntoIterator<Item = Vec<u8>>) -> Request<'static> {
    let mut req = Request::new("OPTIONS")
        .header(RequestHeader::Origin, "https://app0000.example")
        .header(RequestHeader::RequestMethod, "GET");
    for line in acrh {
        req = req.header(RequestHeader::RequestHeaders, line);
    }
    req
}

/// `count` bytes of `x-custom-header-NN, ` repeated (names a policy may allow).
fn name_list(count: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(count + 32);
    let mut i = 0;
    while out.len() < count {
        out.extend_from_slice(format!("x-custom-header-{:02}, ", i % 100).as_bytes());
        i += 1;
    }
    out.truncate(count);
    out
}

const MIB: usize = 1 << 20;

/// Every micro case: exact origin lookup at 1/10/1,000 origins (hit and miss), patterns, a
/// preflight with 10 requested headers, and adversarial `Access-Control-Request-Headers`.
pub fn all() -> Vec<CoreCase> {
    let mut cases = Vec::new();
    for n in [1, 10, 1000] {
        let list = origins(n);
        let policy = Policy::builder()
            .allow_origins(&list)
            .build()
            .expect("valid");
        cases.push(CoreCase {
            name: format!("exact-{n}-hit"),
            policy: policy.clone(),
            // The last in sorted order: the longest binary-search path.
            request: get_from(&list[n - 1]),
            expect: Expect::Allowed,
        });
        cases.push(CoreCase {
            name: format!("exact-{n}-miss"),
            policy,
            request: get_from("https://app9999.example"),
            expect: Expect::NotAllowed,
        });
    }
    let patterns = Policy::builder()
        .allow_origins(origins(10))
        .allow_origins(["https://*.example.org", "http://localhost:*"])
        .build()
        .expect("valid");
    cases.push(CoreCase {
        name: "pattern-subdomain-hit".into(),
        policy: patterns.clone(),
        request: get_from("https://eu.api.example.org"),
        expect: Expect::Allowed,
    });
    cases.push(CoreCase {
        name: "pattern-port-hit".into(),
        policy: patterns.clone(),
        request: get_from("http://localhost:8080"),
        expect: Expect::Allowed,
    });
    cases.push(CoreCase {
        name: "pattern-miss".into(),
        policy: patterns,
        request: get_from("https://example.org.evil.example"),
        expect: Expect::NotAllowed,
    });

    // As a browser sends them: lower case, sorted, comma-separated.
    let browser = [
        "authorization",
        "cache-control",
        "content-type",
        "if-none-match",
        "x-api-key",
        "x-client-version",
        "x-csrf-token",
        "x-request-id",
        "x-requested-with",
        "x-trace-id",
    ];
    // Ten names of one length that differ only at the end: the worst case for the list scan.
    let similar: Vec<String> = (0..10).map(|i| format!("x-custom-header-{i:02}")).collect();
    let requests = [
        ("preflight-10-headers", browser.join(",")),
        ("preflight-10-similar-headers", similar.join(", ")),
    ];
    for (name, requested) in requests {
        let policy = Policy::builder()
            .allow_origins(origins(10))
            .allow_methods(["GET", "POST"])
            .allow_headers(["x-tenant", "accept-version"])
            .allow_headers(browser.iter().rev())
            .allow_headers(&similar)
            .max_age(600)
            .build()
            .expect("valid");
        cases.push(CoreCase {
            name: name.into(),
            policy,
            request: preflight([requested.into_bytes()]),
            expect: Expect::PreflightAccepted,
        });
    }

    // Adversarial lists under an any-header policy, the one that reads every name it is sent.
    let any = Policy::builder()
        .allow_origins(origins(10))
        .allow_any_header()
        .build()
        .expect("valid");
    let adversarial: [(&str, Vec<Vec<u8>>, Expect); 4] = [
        (
            "acrh-1KiB-list",
            vec![name_list(1024)],
            Expect::PreflightAccepted,
        ),
        (
            "acrh-1MiB-one-line",
            vec![name_list(MIB)],
            Expect::PreflightRejected,
        ),
        (
            "acrh-1MiB-in-1KiB-lines",
            vec![name_list(1024); 1024],
            Expect::PreflightRejected,
        ),
        (
            "acrh-1MiB-commas-in-1KiB-lines",
            vec![vec![b','; 1024]; 1024],
            Expect::PreflightRejected,
        ),
    ];
    for (name, lines, expect) in adversarial {
        cases.push(CoreCase {
            name: name.into(),
            policy: any.clone(),
            request: preflight(lines),
            expect,
        });
    }
    cases
}
