//! An immutable list of names (origins, methods, header names) with its precomputed header value.

use std::borrow::Cow;

/// A list of names either borrowed from `'static` data (generated code builds it in a `static`)
/// or owned (the runtime builder), plus the comma-joined header value sent for it.
#[derive(Clone, Debug)]
pub struct NameList {
    names: Names,
    header: Cow<'static, str>,
    /// For owned lists longer than [`INDEXED_FROM`]: a hash table of positions, so that
    /// [`NameList::contains_sorted`] costs the same at 10 names as at 10,000.
    index: Option<HashIndex>,
}

/// See [`build_index`]; its `Debug` gives only the size.
#[derive(Clone)]
struct HashIndex(Box<[u64]>);

impl std::fmt::Debug for HashIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "HashIndex({} slots)", self.0.len())
    }
}

/// Owned lists with more names than this get a hash index (below, bisection is as quick).
const INDEXED_FROM: usize = 8;

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
            index: None,
        }
    }

    /// An owned list; its header value is computed here, once.
    pub fn from_owned(names: Vec<String>) -> NameList {
        let header = names.join(", ");
        let index = (names.len() > INDEXED_FROM).then(|| HashIndex(build_index(&names)));
        NameList {
            names: Names::Owned(names.into_boxed_slice()),
            header: Cow::Owned(header),
            index,
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

    /// Byte-exact membership in a list sorted by bytes: by hash for long owned lists, else in
    /// O(log n).
    pub fn contains_sorted(&self, name: &[u8]) -> bool {
        if let Some(HashIndex(index)) = &self.index {
            let hash = hash(name);
            let mask = index.len() - 1;
            let mut slot = home_slot(hash, index.len());
            // At most half full, so an empty slot ends every probe sequence; the tag spares
            // comparing the bytes of names that merely share the probe sequence.
            loop {
                let entry = index[slot];
                if entry == 0 {
                    return false;
                }
                if entry >> 32 == hash & 0xffff_ffff {
                    let at = (entry & 0xffff_ffff) as usize - 1;
                    if self.get(at).as_bytes() == name {
                        return true;
                    }
                }
                slot = (slot + 1) & mask;
            }
        }
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

/// Open addressing with linear probing: a slot holds the name's position + 1 in its low half and
/// the hash's low 32 bits as a tag in its high half; 0 is empty. At least twice as many slots as
/// names. The names are the policy's, not the requester's, so an unkeyed hash gives a requester
/// no way to lengthen probe sequences beyond what the policy built.
fn build_index(names: &[String]) -> Box<[u64]> {
    let slots = (names.len() * 2).next_power_of_two();
    let mut index = vec![0u64; slots].into_boxed_slice();
    for (at, name) in names.iter().enumerate() {
        let hash = hash(name.as_bytes());
        let mut slot = home_slot(hash, slots);
        while index[slot] != 0 {
            slot = (slot + 1) & (slots - 1);
        }
        let position = u32::try_from(at + 1).expect("fewer than 2^32 names");
        index[slot] = (hash << 32) | u64::from(position);
    }
    index
}

/// Where a probe sequence starts among `slots`: the hash's high bits, the well-mixed ones of a
/// multiplicative hash.
fn home_slot(hash: u64, slots: usize) -> usize {
    ((u128::from(hash) * slots as u128) >> 64) as usize
}

/// A fast multiplicative hash over 8-byte words.
fn hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mix = |h: u64, word: u64| (h.rotate_left(5) ^ word).wrapping_mul(K);
    let mut words = bytes.chunks_exact(8);
    let mut h = bytes.len() as u64;
    for word in &mut words {
        h = mix(h, u64::from_le_bytes(word.try_into().expect("8 bytes")));
    }
    let mut last = [0u8; 8];
    last[..words.remainder().len()].copy_from_slice(words.remainder());
    mix(h, u64::from_le_bytes(last))
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
    fn indexed_lookup_agrees_with_bisection() {
        for n in [INDEXED_FROM, INDEXED_FROM + 1, 100] {
            let mut names: Vec<String> = (0..n).map(|i| format!("https://o{i}.example")).collect();
            names.sort();
            let list = NameList::from_owned(names.clone());
            assert_eq!(list.index.is_some(), n > INDEXED_FROM);
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
