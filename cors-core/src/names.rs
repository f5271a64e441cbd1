//! An immutable list of names (origins, methods, header names) with its precomputed header value.

use std::borrow::Cow;

/// A list of names either borrowed from `'static` data (generated code builds it in a `static`)
/// or owned (the runtime builder), plus the comma-joined header value sent for it.
#[derive(Clone, Debug)]
pub struct NameList {
    names: Names,
    header: Cow<'static, str>,
    /// For lists longer than [`INDEXED_FROM`]: a hash index of positions (case-folded hashes),
    /// so lookups cost the same at 10 names as at 10,000; empty otherwise.
    index: Cow<'static, [u64]>,
}

/// Lists with more names than this get a hash index; below, a scan is as quick.
pub const INDEXED_FROM: usize = 8;

#[derive(Clone, Debug)]
enum Names {
    Static(&'static [&'static str]),
    Owned(Box<[String]>),
}

impl NameList {
    /// A list in a `static`, without an index (a long one is scanned); `header` must be `names`
    /// joined with `", "`.
    pub const fn from_static(names: &'static [&'static str], header: &'static str) -> NameList {
        NameList::from_static_indexed(names, header, &[])
    }

    /// A list in a `static` with its index as [`NameList::index_slots`] gave it (generated code
    /// emits both, so a compile-time list is looked up like a run-time one).
    #[doc(hidden)]
    pub const fn from_static_indexed(
        names: &'static [&'static str],
        header: &'static str,
        index: &'static [u64],
    ) -> NameList {
        NameList {
            names: Names::Static(names),
            header: Cow::Borrowed(header),
            index: Cow::Borrowed(index),
        }
    }

    /// An owned list; its header value and index are computed here, once.
    pub fn from_owned(names: Vec<String>) -> NameList {
        let header = names.join(", ");
        let index = if names.len() > INDEXED_FROM {
            crate::index::build(names.iter().map(String::as_str))
        } else {
            Vec::new()
        };
        NameList {
            names: Names::Owned(names.into_boxed_slice()),
            header: Cow::Owned(header),
            index: Cow::Owned(index),
        }
    }

    /// The hash index's slots (empty for short lists), for generated code to emit.
    #[doc(hidden)]
    pub fn index_slots(&self) -> &[u64] {
        &self.index
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

    fn get(&self, index: usize) -> &[u8] {
        match &self.names {
            Names::Static(names) => names[index].as_bytes(),
            Names::Owned(names) => names[index].as_bytes(),
        }
    }

    /// True when some name satisfies `pred`; a plain slice scan (no chained iterator) for the
    /// request path.
    #[inline]
    fn any(&self, pred: impl Fn(&[u8]) -> bool) -> bool {
        match &self.names {
            Names::Static(names) => names.iter().any(|n| pred(n.as_bytes())),
            Names::Owned(names) => names.iter().any(|n| pred(n.as_bytes())),
        }
    }

    /// Byte-exact membership.
    pub fn contains(&self, name: &[u8]) -> bool {
        if !self.index.is_empty() {
            return crate::index::find(&self.index, name, |at| self.get(at) == name);
        }
        self.any(|n| n == name)
    }

    /// ASCII case-insensitive membership, for header names.
    pub fn contains_ignore_case(&self, name: &[u8]) -> bool {
        use crate::words::eq_ignore_case;
        if !self.index.is_empty() {
            return crate::index::find(&self.index, name, |at| eq_ignore_case(self.get(at), name));
        }
        // Length first: names that differ mostly differ there.
        self.any(|n| n.len() == name.len() && eq_ignore_case(n, name))
    }

    /// Byte-exact membership in a list sorted by bytes: by hash for long lists, by a scan for
    /// a few names (lengths differ first, so most names cost one comparison), else in O(log n).
    #[inline(always)]
    pub(crate) fn contains_sorted(&self, name: &[u8]) -> bool {
        if !self.index.is_empty() {
            return crate::index::find(&self.index, name, |at| self.get(at) == name);
        }
        if self.len() <= SCANNED {
            return self.any(|n| n == name);
        }
        let (mut low, mut high) = (0, self.len());
        while low < high {
            let mid = low + (high - low) / 2;
            match self.get(mid).cmp(name) {
                std::cmp::Ordering::Less => low = mid + 1,
                std::cmp::Ordering::Greater => high = mid,
                std::cmp::Ordering::Equal => return true,
            }
        }
        false
    }
}

/// Lists up to this long are scanned rather than searched.
const SCANNED: usize = 4;

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
    fn indexed_lookup_agrees_with_bisection() {
        for n in [INDEXED_FROM, INDEXED_FROM + 1, 100] {
            let mut names: Vec<String> = (0..n).map(|i| format!("https://o{i}.example")).collect();
            names.sort();
            let list = NameList::from_owned(names.clone());
            assert_eq!(!list.index.is_empty(), n > INDEXED_FROM);
            for i in 0..n + 50 {
                let probe = format!("https://o{i}.example");
                assert_eq!(list.contains_sorted(probe.as_bytes()), i < n, "{probe}");
            }
            for probe in ["", "https://o1.exampl", "https://o1.example.", "x"] {
                assert!(!list.contains_sorted(probe.as_bytes()));
            }
        }
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
