//! Reading names eight bytes at a time: loads with no copy, ASCII case folding, byte search.
//! The request path compares and splits header names and origins this way instead of byte by
//! byte.

pub(crate) const ONES: u64 = 0x0101_0101_0101_0101;
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

/// Where the words that determine an `n`-byte name start: `f(Some(at))` for each whole 8-byte
/// word, then for the last 8 bytes (overlapping the previous word); `f(None)` once for a name
/// shorter than 8 bytes (its [`short_word`]). Names of one length share their starts, so two can
/// be compared word by word. Stops when `f` returns false, and returns whether it never did.
#[inline(always)]
fn for_each_start(n: usize, mut f: impl FnMut(Option<usize>) -> bool) -> bool {
    if n < 8 {
        return f(None);
    }
    let mut at = 0;
    while at + 8 < n {
        if !f(Some(at)) {
            return false;
        }
        at += 8;
    }
    f(Some(n - 8))
}

/// The word of `bytes` starting at `start` (see [`for_each_start`]).
#[inline(always)]
fn word_at(bytes: &[u8], start: Option<usize>) -> u64 {
    match start {
        Some(at) => word(bytes, at),
        None => short_word(bytes),
    }
}

/// Calls `f` on the words that together determine `bytes` (given its length).
#[inline(always)]
pub(crate) fn for_each_word(bytes: &[u8], mut f: impl FnMut(u64)) {
    for_each_start(bytes.len(), |start| {
        f(word_at(bytes, start));
        true
    });
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

/// ASCII case-insensitive equality, a word at a time; words that are equal as they stand (a
/// lower-case request name against a lower-case policy name) are not folded.
#[inline(always)]
pub(crate) fn eq_ignore_case(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len()
        && for_each_start(a.len(), |start| {
            let (x, y) = (word_at(a, start), word_at(b, start));
            x == y || fold(x) == fold(y)
        })
}

/// The first `needle` in `bytes`, eight bytes at a time.
#[inline]
pub(crate) fn find_byte(bytes: &[u8], needle: u8) -> Option<usize> {
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut chunks {
        let x = word(chunk, 0) ^ (ONES * u64::from(needle));
        // The lowest set high bit marks the first zero byte of `x`, the first `needle`.
        let zero = x.wrapping_sub(ONES) & !x & HIGH;
        if zero != 0 {
            return Some(at + (zero.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(|&b| b == needle)
        .map(|i| at + i)
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
    fn find_byte_finds_the_first() {
        for len in 0..20 {
            let mut line = vec![b'a'; len];
            assert_eq!(find_byte(&line, b','), None);
            for at in 0..len {
                line[at] = b',';
                assert_eq!(find_byte(&line, b','), Some(at));
                if at + 1 < len {
                    line[at + 1] = b',';
                    assert_eq!(find_byte(&line, b','), Some(at), "{len} {at}");
                    line[at + 1] = b'a';
                }
                line[at] = 0x2c ^ 0x01;
                assert_eq!(find_byte(&line, b','), None);
                line[at] = b'a';
            }
        }
    }
}
