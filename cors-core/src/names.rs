//! An immutable list of names (origins, methods, header names) with its precomputed header value.

use std::borrow::Cow;

/// A list of names either borrowed from `'static` data (generated code builds it in a `static`)
/// or owned (the runtime builder), plus the comma-joined header value sent for it.
#[derive(Clone, Debug)]
pub struct NameList {
    names: Names,
    header: Cow<'static, str>,
}

#[derive(Clone, Debug)]
enum Names {
    Static(&'static [&'static str]),
    Owned(Box<[String]>),
}

impl NameList {
    /// A list in a `static`; `header` must be `names` joined with `", "`.
    pub const fn from_static(names: &'static [&'static str], header: &'static str) -> NameList {
        NameList {
            names: Names::Static(names),
            header: Cow::Borrowed(header),
        }
    }

    /// An owned list; its header value is computed here, once.
    pub fn from_owned(names: Vec<String>) -> NameList {
        let header = names.join(", ");
        NameList {
            names: Names::Owned(names.into_boxed_slice()),
            header: Cow::Owned(header),
        }
    }

    /// The names, in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &str> + Clone {
        let (statics, owned): (&[&str], &[String]) = match &self.names {
            Names::Static(names) => (names, &[]),
            Names::Owned(names) => (&[], names),
        };
        NamesIter { statics, owned }
    }

    /// The value sent in a header: the names joined with `", "`.
    pub fn header_value(&self) -> &str {
        &self.header
    }

    /// Number of names.
    pub fn len(&self) -> usize {
        match &self.names {
            Names::Static(names) => names.len(),
            Names::Owned(names) => names.len(),
        }
    }

    /// True when the list has no names.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn get(&self, index: usize) -> &str {
        match &self.names {
            Names::Static(names) => names[index],
            Names::Owned(names) => &names[index],
        }
    }

    /// True when some name satisfies `pred`; a plain slice scan (no chained iterator) for the
    /// request path.
    fn any(&self, pred: impl Fn(&[u8]) -> bool) -> bool {
        match &self.names {
            Names::Static(names) => names.iter().any(|n| pred(n.as_bytes())),
            Names::Owned(names) => names.iter().any(|n| pred(n.as_bytes())),
        }
    }

    /// Byte-exact membership.
    pub fn contains(&self, name: &[u8]) -> bool {
        self.any(|n| n == name)
    }

    /// ASCII case-insensitive membership, for header names.
    pub fn contains_ignore_case(&self, name: &[u8]) -> bool {
        // Length and last byte inline, the whole name out of line: names that differ mostly
        // differ there, so the scan stays a few instructions per listed name. Browsers send
        // lower-case names, as policies hold them: try the exact comparison first.
        #[inline(never)]
        fn same(a: &[u8], b: &[u8]) -> bool {
            a == b || a.eq_ignore_ascii_case(b)
        }
        let last = name.last().map(u8::to_ascii_lowercase);
        self.any(|n| {
            n.len() == name.len() && n.last().map(u8::to_ascii_lowercase) == last && same(n, name)
        })
    }

    /// Byte-exact membership in a list sorted by bytes, in O(log n).
    pub fn contains_sorted(&self, name: &[u8]) -> bool {
        let (mut low, mut high) = (0, self.len());
        while low < high {
            let mid = low + (high - low) / 2;
            match self.get(mid).as_bytes().cmp(name) {
                std::cmp::Ordering::Less => low = mid + 1,
                std::cmp::Ordering::Greater => high = mid,
                std::cmp::Ordering::Equal => return true,
            }
        }
        false
    }
}

#[derive(Clone)]
struct NamesIter<'a> {
    statics: &'a [&'static str],
    owned: &'a [String],
}

impl<'a> Iterator for NamesIter<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        if let Some((first, rest)) = self.statics.split_first() {
            self.statics = rest;
            return Some(first);
        }
        let (first, rest) = self.owned.split_first()?;
        self.owned = rest;
        Some(first)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let len = self.statics.len() + self.owned.len();
        (len, Some(len))
    }
}

impl ExactSizeIterator for NamesIter<'_> {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn static_and_owned_lists_agree() {
        static LIST: NameList = NameList::from_static(&["GET", "POST"], "GET, POST");
        let owned = NameList::from_owned(vec!["GET".into(), "POST".into()]);
        assert_eq!(LIST.header_value(), owned.header_value());
        assert!(LIST.contains(b"POST") && owned.contains(b"POST"));
        assert!(!owned.contains(b"post"));
        assert!(owned.contains_ignore_case(b"post"));
        assert_eq!(owned.iter().collect::<Vec<_>>(), ["GET", "POST"]);
    }

    #[test]
    fn sorted_lookup() {
        let names: Vec<String> = (0..1000)
            .map(|i| format!("https://o{i:04}.example"))
            .collect();
        let list = NameList::from_owned(names.clone());
        assert!(names.iter().all(|n| list.contains_sorted(n.as_bytes())));
        assert!(!list.contains_sorted(b"https://o1000.example"));
        assert!(!list.contains_sorted(b""));
    }
}
