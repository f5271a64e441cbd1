use super::*;

#[test]
fn tchar_table_is_rfc_9110() {
    for b in 0..=255u8 {
        let spec = b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b);
        assert_eq!(is_tchar(b), spec, "byte {b:#04x}");
    }
}

fn names(lines: &[&str]) -> Result<Vec<String>, Result<String, ListError>> {
    let mut seen = Vec::new();
    for_each_name(lines.iter().map(|l| l.as_bytes()), |n| {
        seen.push(String::from_utf8_lossy(n).into_owned());
        n != b"refused"
    })
    .map(|_| seen)
    .map_err(|e| e.map(|n| String::from_utf8_lossy(n).into_owned()))
}

#[test]
fn lists_tolerate_ows_empty_elements_and_several_lines() {
    assert_eq!(names(&["a,b"]).unwrap(), ["a", "b"]);
    assert_eq!(names(&[" a ,\t, b,", "c"]).unwrap(), ["a", "b", "c"]);
    assert_eq!(names(&[""]).unwrap(), Vec::<String>::new());
}

#[test]
fn lists_are_bounded() {
    let many = vec!["x"; MAX_REQUEST_HEADER_NAMES + 1].join(",");
    assert_eq!(names(&[&many]), Err(Err(ListError::TooManyElements)));
    let empties = ",".repeat(MAX_EMPTY_ELEMENTS + 1);
    assert_eq!(names(&[&empties]), Err(Err(ListError::TooManyElements)));
    let long = "a".repeat(MAX_REQUEST_HEADERS_BYTES + 1);
    assert_eq!(names(&[&long]), Err(Err(ListError::TooLong)));
    assert_eq!(names(&["a b"]), Err(Err(ListError::NotToken)));
    assert_eq!(names(&["*"]), Err(Err(ListError::NotToken)));
    assert_eq!(names(&["é"]), Err(Err(ListError::NotToken)));
    assert_eq!(names(&["a,refused,b"]), Err(Ok("refused".into())));
}

/// Fetch's "get, decode, and split" on the rows of its example table whose values could be
/// header-name lists: several lines read as one joined by `, `, empty elements kept (we
/// skip them within a bound), only tabs and spaces trimmed; a quoted string is one value in
/// Fetch and never a token here.
#[test]
fn lists_split_as_fetch_splits_them() {
    assert_eq!(names(&["nosniff,"]).unwrap(), ["nosniff"]);
    assert_eq!(names(&["nosniff", ""]).unwrap(), ["nosniff"]);
    assert_eq!(names(&[""]).unwrap(), Vec::<String>::new());
    assert_eq!(names(&["x/x,y/y"]), Err(Err(ListError::NotToken)));
    assert_eq!(names(&["\"1,2\", 3"]), Err(Err(ListError::NotToken)));
    assert_eq!(names(&["a,,,b"]).unwrap(), ["a", "b"]);
    assert_eq!(names(&["a", ",", "b"]).unwrap(), ["a", "b"]);
    assert_eq!(names(&["\ta \t, b "]).unwrap(), ["a", "b"]);
    assert_eq!(
        names(&["a\r"]),
        Err(Err(ListError::NotToken)),
        "only tab and space trim"
    );
}

/// The list grammar read the plain way: split on commas, trim, check each element.
fn split_then_check(lines: &[Vec<u8>]) -> Result<Vec<Vec<u8>>, Result<Vec<u8>, ListError>> {
    let (mut bytes, mut empties, mut seen) = (0, 0, Vec::new());
    for line in lines {
        bytes += line.len();
        if bytes > MAX_REQUEST_HEADERS_BYTES {
            return Err(Err(ListError::TooLong));
        }
        for element in line.split(|&b| b == b',').map(trim_ows) {
            if element.is_empty() {
                empties += 1;
                if empties > MAX_EMPTY_ELEMENTS {
                    return Err(Err(ListError::TooManyElements));
                }
                continue;
            }
            if seen.len() == MAX_REQUEST_HEADER_NAMES {
                return Err(Err(ListError::TooManyElements));
            }
            if !element.iter().all(|&b| is_tchar(b)) || element == b"*" {
                return Err(Err(ListError::NotToken));
            }
            if element == b"refused" {
                return Err(Ok(element.to_vec()));
            }
            seen.push(element.to_vec());
        }
    }
    Ok(seen)
}

/// Up to 6 field lines of up to 40 bytes drawn from `alphabet`.
fn lines_of(alphabet: &[u8]) -> impl proptest::strategy::Strategy<Value = Vec<Vec<u8>>> {
    let line = proptest::collection::vec(proptest::sample::select(alphabet.to_vec()), 0..40);
    proptest::collection::vec(line, 0..6)
}

proptest::proptest! {
    #[test]
    fn single_pass_scan_reads_lists_as_split_then_check(
        lines in lines_of(b"ab* \t,\x01refusd-")
    ) {
        let mut seen = Vec::new();
        let got = for_each_name(lines.iter().map(Vec::as_slice), |n| {
            seen.push(n.to_vec());
            n != b"refused"
        });
        let got = got.map(|_| seen).map_err(|e| e.map(<[u8]>::to_vec));
        proptest::prop_assert_eq!(got, split_then_check(&lines));
    }

    #[test]
    fn fast_path_agrees_with_the_validating_scan(lines in lines_of(b"abAB* \t,\x01\xc1-")) {
        // Allowed: tokens over the alphabet, as a policy's validated names are.
        let allowed = |n: &[u8]| n.len() <= 3 && n.iter().all(|&b| b"abAB-".contains(&b));
        let fast = all_allowed(lines.iter().map(Vec::as_slice), allowed);
        let scan = for_each_name(lines.iter().map(Vec::as_slice), allowed);
        proptest::prop_assert_eq!(fast, scan.ok());
    }
}

#[test]
fn access_control_names_say_what_was_meant() {
    let said = |name: &str| access_control_misuse(name).unwrap();
    assert_eq!(
        said("Access-Control-Allow-Origin"),
        "`Access-Control-Allow-Origin` in `allow_headers` is a response header, which this \
         library writes itself; remove it and list the page's origin in `origins`"
    );
    assert!(said("access-control-allow-credentials").ends_with("set `credentials = true`"));
    assert!(said("ACCESS-CONTROL-MAX-AGE").ends_with("set `max_age`, e.g. `max_age = 600`"));
    assert!(said("access-control-request-method").contains("only the browser sends"));
    assert!(said("access-control-request-headers").contains("only the browser sends"));
    assert!(said("access-control-foo").ends_with("which scripts do not send; remove it"));
    assert_eq!(access_control_misuse("x-access-control-allow-origin"), None);
    assert_eq!(access_control_misuse("content-type"), None);
}

#[test]
fn forbidden_names() {
    assert!(is_forbidden_request_header("Cookie"));
    assert!(is_forbidden_request_header("sec-fetch-mode"));
    assert!(is_forbidden_request_header("Proxy-Authorization"));
    assert!(!is_forbidden_request_header("authorization"));
    assert!(is_forbidden_response_header("Set-Cookie"));
    assert!(!is_forbidden_response_header("x-request-id"));
}
