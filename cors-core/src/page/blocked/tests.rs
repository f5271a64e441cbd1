use super::*;

const PAGE: &str = "https://app.example";
const API: &str = "https://api.example/items";

#[test]
fn console_words_each_reason_as_chromium() {
    let message = |b: Blocked| b.console_message(API, PAGE);
    let prefix = format!(
        "Access to fetch at '{API}' from origin '{PAGE}' has been blocked by CORS policy: "
    );
    let pre = "Response to preflight request doesn't pass access control check: ";
    let hint = " Have the server send the header with a valid value, or, if an opaque response \
                serves your needs, set the request's mode to 'no-cors' to fetch the resource with \
                CORS disabled.";
    let cases = [
        (
            CorsFailure::MissingAllowOrigin.on_preflight(),
            format!(
                "{prefix}{pre}No 'Access-Control-Allow-Origin' header is present on the requested \
                 resource. If an opaque response serves your needs, set the request's mode to \
                 'no-cors' to fetch the resource with CORS disabled."
            ),
        ),
        (
            CorsFailure::MissingAllowOrigin.on_actual(),
            format!(
                "{prefix}No 'Access-Control-Allow-Origin' header is present on the requested \
                 resource. If an opaque response serves your needs, set the request's mode to \
                 'no-cors' to fetch the resource with CORS disabled."
            ),
        ),
        (
            CorsFailure::AllowOriginMismatch("https://b.example".into()).on_actual(),
            format!(
                "{prefix}The 'Access-Control-Allow-Origin' header has a value 'https://b.example' \
                 that is not equal to the supplied origin.{hint}"
            ),
        ),
        (
            CorsFailure::MultipleAllowOrigin("a, b".into()).on_actual(),
            format!(
                "{prefix}The 'Access-Control-Allow-Origin' header contains multiple values 'a, b', \
                 but only one is allowed.{hint}"
            ),
        ),
        (
            CorsFailure::InvalidAllowOrigin("nope".into()).on_actual(),
            format!(
                "{prefix}The 'Access-Control-Allow-Origin' header contains the invalid value \
                 'nope'.{hint}"
            ),
        ),
        (
            CorsFailure::WildcardWithCredentials.on_actual(),
            format!(
                "{prefix}The value of the 'Access-Control-Allow-Origin' header in the response \
                 must not be the wildcard '*' when the request's credentials mode is 'include'."
            ),
        ),
        (
            CorsFailure::InvalidAllowCredentials(String::new()).on_preflight(),
            format!(
                "{prefix}{pre}The value of the 'Access-Control-Allow-Credentials' header in the \
                 response is '' which must be 'true' when the request's credentials mode is \
                 'include'."
            ),
        ),
        (
            Blocked::PreflightStatus(403),
            format!("{prefix}{pre}It does not have HTTP ok status."),
        ),
        (
            Blocked::PreflightRedirect,
            format!("{prefix}{pre}Redirect is not allowed for a preflight request."),
        ),
        (
            Blocked::MethodNotAllowed("patch".into()),
            format!(
                "{prefix}Method patch is not allowed by Access-Control-Allow-Methods in preflight \
                 response."
            ),
        ),
        (
            Blocked::HeaderNotAllowed("x-a".into()),
            format!(
                "{prefix}Request header field x-a is not allowed by Access-Control-Allow-Headers \
                 in preflight response."
            ),
        ),
        (
            Blocked::InvalidAllowMethods,
            format!(
                "{prefix}Cannot parse Access-Control-Allow-Methods response header field in \
                 preflight response."
            ),
        ),
        (
            Blocked::InvalidAllowHeaders,
            format!(
                "{prefix}Cannot parse Access-Control-Allow-Headers response header field in \
                 preflight response."
            ),
        ),
        (
            Blocked::ForbiddenMethod("TRACE".into()),
            "TypeError: Failed to execute 'fetch' on 'Window': 'TRACE' HTTP method is \
             unsupported."
                .to_owned(),
        ),
        (
            Blocked::InvalidUrl("nope".into()),
            "TypeError: Failed to execute 'fetch' on 'Window': Failed to parse URL from nope"
                .to_owned(),
        ),
    ];
    for (blocked, want) in cases {
        assert_eq!(message(blocked), want);
    }
}
