//! Target `header_list`: the input is `Access-Control-Request-Headers` field lines separated by
//! `\n`, read with `cors_core::__private::for_each_name`.
//!
//! Bounded work: no line is pulled once the byte budget is spent, and the visitor sees at most
//! the name bound. Every name handed to the visitor is a token other than `*`, with no spaces
//! around it; a list accepted in full names exactly the reference's elements; each refusal
//! reason is backed by the reference reading of the input.

use std::cell::Cell;

use cors_core::__private::{MAX_REQUEST_HEADER_NAMES, MAX_REQUEST_HEADERS_BYTES, for_each_name};
use cors_core::ListError;

use super::reference::{ListFacts, is_token};

/// Names the visitor refuses, as a list policy refuses names it does not allow.
fn refused(name: &[u8]) -> bool {
    name.len() >= 6 && name[..6].eq_ignore_ascii_case(b"x-deny")
}

/// Checks every list invariant on `data`.
pub fn check(data: &[u8]) {
    let lines: Vec<&[u8]> = data.split(|&b| b == b'\n').collect();
    let facts = ListFacts::read(&lines);
    let pulled = Cell::new(0usize);
    let pulled_bytes = Cell::new(0usize);
    let counted = lines.iter().map(|&line| {
        // Bytes of the lines pulled before this one: the parser had not yet spent its budget.
        assert!(
            pulled_bytes.get() <= MAX_REQUEST_HEADERS_BYTES,
            "a line was pulled after {} bytes",
            pulled_bytes.get()
        );
        pulled.set(pulled.get() + 1);
        pulled_bytes.set(pulled_bytes.get() + line.len());
        line
    });
    let mut visited: Vec<&[u8]> = Vec::new();
    let result = for_each_name(counted, |name| {
        assert!(is_token(name) && name != b"*", "visited {name:?}");
        visited.push(name);
        !refused(name)
    });
    assert!(visited.len() <= MAX_REQUEST_HEADER_NAMES);
    assert_eq!(
        visited.as_slice(),
        &facts.names[..visited.len()],
        "names visited in order, untouched but for trimming"
    );
    match result {
        Ok(count) => {
            assert_eq!(
                pulled.get(),
                lines.len(),
                "an accepted list was read in full"
            );
            assert_eq!(count, visited.len());
            assert_eq!(visited, facts.names);
            assert!(
                facts.is_echoable(),
                "accepted a list beyond its bounds: {facts:?}"
            );
        }
        Err(Ok(name)) => {
            assert!(
                refused(name),
                "stopped at {name:?}, which the visitor accepted"
            );
            assert_eq!(visited.last(), Some(&name));
        }
        Err(Err(ListError::TooLong)) => {
            assert!(pulled_bytes.get() > MAX_REQUEST_HEADERS_BYTES);
        }
        Err(Err(ListError::TooManyElements)) => {
            assert!(
                facts.names.len() > MAX_REQUEST_HEADER_NAMES
                    || facts.empties > cors_core::__private::MAX_EMPTY_ELEMENTS,
                "{facts:?}"
            );
        }
        Err(Err(ListError::NotToken)) => assert!(facts.has_bad_name()),
        Err(Err(other)) => panic!("a list error this reference does not model: {other:?}"),
    }
}
