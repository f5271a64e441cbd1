//! A hash index over a list of names, so that looking an origin or a header name up costs the
//! same at 10 names as at 10,000.
//!
//! Names are read as 8-byte words (the last one overlapping, so no byte is copied) and hashed so
//! that names equal ignoring ASCII case collide. That makes one index serve both lookups:
//! byte-exact (origins, compared after the probe) and ASCII case-insensitive (header names). The
//! names hashed are the policy's, not the requester's, so an unkeyed hash gives a requester no way
//! to lengthen probe sequences beyond what the policy built.

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// `bytes[at..at + 8]` as a little-endian word.
#[inline(always)]
fn word(bytes: &[u8], at: usize) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(w)
}

/// A name shorter than 8 bytes as one word that determines it (given its length).
#[inline(always)]
fn short_word(bytes: &[u8]) -> u64 {
    let n = bytes.len();
    if n >= 4 {
        let lo = u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
        let hi = u32::from_le_bytes([bytes[n - 4], bytes[n - 3], bytes[n - 2], bytes[n - 1]]);
        u64::from(lo) | (u64::from(hi) << 32)
    } else if n > 0 {
        u64::from(bytes[0]) | (u64::from(bytes[n / 2]) << 8) | (u64::from(bytes[n - 1]) << 16)
    } else {
        0
    }
}

/// Calls `f` on words that together determine `bytes` (given its length): whole 8-byte words,
/// then the last 8 bytes (overlapping the previous word), or one [`short_word`].
#[inline(always)]
fn for_each_word(bytes: &[u8], mut f: impl FnMut(u64) -> bool) -> bool {
    let n = bytes.len();
    if n < 8 {
        return f(short_word(bytes));
    }
    let mut at = 0;
    while at + 8 < n {
        if !f(word(bytes, at)) {
            return false;
        }
        at += 8;
    }
    f(word(bytes, n - 8))
}

/// ASCII upper-case letters of `w` made lower case, every other byte unchanged.
#[inline(always)]
pub(crate) fn fold(w: u64) -> u64 {
    let heptets = w & !HIGH;
    let at_least_a = heptets + ONES * u64::from(0x80 - b'A');
    let above_z = heptets + ONES * u64::from(0x7f - b'Z');
    let upper = at_least_a & !above_z & !w & HIGH;
    w | (upper >> 2)
}

/// A hash under which names equal ignoring ASCII case collide: each word is hashed with bit
/// `0x20` set in every byte (which maps `A` to `a`), a single `or` where [`fold`] takes nine.
/// Words are taken in pairs, each pair folded by one wide multiplication (as wyhash does), so a
/// 24-byte origin costs two multiplications in sequence.
#[inline]
pub(crate) fn folded_hash(bytes: &[u8]) -> u64 {
    // Odd constants whose bytes lack bit 0x20 somewhere, so no case-set word cancels them to 0.
    const P0: u64 = 0xa076_1d64_78bd_642f;
    const P1: u64 = 0xe703_7ed1_a0b4_28db;
    let mum = |a: u64, b: u64| {
        let r = u128::from(a) * u128::from(b);
        (r as u64) ^ ((r >> 64) as u64)
    };
    let mut h = bytes.len() as u64 ^ P0;
    let mut first: Option<u64> = None;
    for_each_word(bytes, |w| {
        let w = w | (ONES * 0x20);
        match first.take() {
            None => first = Some(w),
            Some(a) => h = mum(a ^ P1, w ^ h),
        }
        true
    });
    match first {
        Some(a) => mum(a ^ P1, h ^ P0),
        None => h,
    }
}

/// ASCII case-insensitive equality, a word at a time; words that are equal as they stand (a
/// lower-case request name against a lower-case policy name) are not folded.
#[inline(always)]
pub(crate) fn eq_ignore_case(a: &[u8], b: &[u8]) -> bool {
    let same = |x: u64, y: u64| x == y || fold(x) == fold(y);
    if a.len() != b.len() {
        return false;
    }
    if a.len() < 8 {
        return same(short_word(a), short_word(b));
    }
    let n = a.len();
    let mut at = 0;
    while at + 8 < n {
        if !same(word(a, at), word(b, at)) {
            return false;
        }
        at += 8;
    }
    same(word(a, n - 8), word(b, n - 8))
}

/// Open addressing with linear probing. A slot holds a name's position + 1 in its low half and
/// its hash's low 32 bits as a tag in its high half; 0 is empty. At least twice as many slots as
/// names, so an empty slot ends every probe sequence.
pub(crate) fn build<'a>(names: impl ExactSizeIterator<Item = &'a str>) -> Vec<u64> {
    let slots = (names.len() * 2).next_power_of_two();
    let mut index = vec![0u64; slots];
    for (at, name) in names.enumerate() {
        let hash = folded_hash(name.as_bytes());
        let mut slot = home_slot(hash, slots);
        while index[slot] != 0 {
            slot = (slot + 1) & (slots - 1);
        }
        let position = u32::try_from(at + 1).expect("fewer than 2^32 names");
        index[slot] = (hash << 32) | u64::from(position);
    }
    index
}

/// Positions of the names whose hash shares `name`'s tag, in probe order; the caller compares.
#[inline]
pub(crate) fn find(index: &[u64], name: &[u8], mut same: impl FnMut(usize) -> bool) -> bool {
    let hash = folded_hash(name);
    let mask = index.len() - 1;
    let mut slot = home_slot(hash, index.len());
    loop {
        let entry = index[slot];
        if entry == 0 {
            return false;
        }
        if entry >> 32 == hash & 0xffff_ffff && same((entry & 0xffff_ffff) as usize - 1) {
            return true;
        }
        slot = (slot + 1) & mask;
    }
}

/// Where a probe sequence starts among `slots` (a power of two): the hash's high bits.
fn home_slot(hash: u64, slots: usize) -> usize {
    ((u128::from(hash) * slots as u128) >> 64) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_lowers_ascii_letters_only() {
        for b in 0..=255u8 {
            let w = u64::from_le_bytes([b, b'A', b'z', b'@', b'[', 0x80, 0xc1, b'Z']);
            let want = u64::from_le_bytes([
                b.to_ascii_lowercase(),
                b'a',
                b'z',
                b'@',
                b'[',
                0x80,
                0xc1,
                b'z',
            ]);
            assert_eq!(fold(w), want, "byte {b:#04x}");
        }
    }

    #[test]
    fn equality_and_hash_follow_ascii_case() {
        let names = [
            "",
            "a",
            "ab",
            "abc",
            "abcd",
            "x-api",
            "x-api-k",
            "x-api-ke",
            "x-api-key",
            "content-type",
            "x-custom-header-07",
            "https://app0042.example",
            "é-ü",
        ];
        for a in names {
            let upper = a.to_ascii_uppercase();
            assert!(eq_ignore_case(a.as_bytes(), upper.as_bytes()), "{a}");
            assert_eq!(
                folded_hash(a.as_bytes()),
                folded_hash(upper.as_bytes()),
                "{a}"
            );
            for b in names {
                assert_eq!(
                    eq_ignore_case(a.as_bytes(), b.as_bytes()),
                    a.eq_ignore_ascii_case(b),
                    "{a} {b}"
                );
            }
        }
    }

    #[test]
    fn probe_sequences_stay_short_for_similar_origins() {
        for n in [9, 100, 1000] {
            let names: Vec<String> = (0..n)
                .map(|i| format!("https://app{i:04}.example"))
                .collect();
            let index = build(names.iter().map(String::as_str));
            let mut probes = 0;
            for (at, name) in names.iter().enumerate() {
                assert!(find(&index, name.as_bytes(), |p| {
                    probes += 1;
                    p == at
                }));
                let mut slot = home_slot(folded_hash(name.as_bytes()), index.len());
                while (index[slot] & 0xffff_ffff) as usize != at + 1 {
                    probes += 1;
                    slot = (slot + 1) & (index.len() - 1);
                }
            }
            // Linear probing at load 1/2 expects 1.5 probes a hit; tags compared ~1 per hit.
            assert!(
                probes <= n * 3,
                "{n} names: {probes} probes and comparisons"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn word_equality_is_byte_equality_ignoring_case(
            a in proptest::collection::vec(proptest::sample::select(b"aAbB-\xc1\xe1".to_vec()), 0..40),
            b in proptest::collection::vec(proptest::sample::select(b"aAbB-\xc1\xe1".to_vec()), 0..40),
        ) {
            proptest::prop_assert_eq!(eq_ignore_case(&a, &b), a.eq_ignore_ascii_case(&b));
            if a.eq_ignore_ascii_case(&b) {
                proptest::prop_assert_eq!(folded_hash(&a), folded_hash(&b));
            }
        }
    }
}
