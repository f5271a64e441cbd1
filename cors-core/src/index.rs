//! A hash index over a list of names, so that looking an origin or a header name up costs the
//! same at 10 names as at 10,000.
//!
//! Names are read as 8-byte words (the last one overlapping, so no byte is copied) and hashed so
//! that names equal ignoring ASCII case collide. That makes one index serve both lookups:
//! byte-exact (origins, compared after the probe) and ASCII case-insensitive (header names). The
//! names hashed are the policy's, not the requester's, so an unkeyed hash gives a requester no way
//! to lengthen probe sequences beyond what the policy built.

use crate::words::{ONES, for_each_word};

/// A hash under which names equal ignoring ASCII case collide: each word is hashed with bit
/// `0x20` set in every byte (which maps `A` to `a`), a single `or` where
/// [`fold`](crate::words::fold) takes nine.
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
    });
    match first {
        Some(a) => mum(a ^ P1, h ^ P0),
        None => h,
    }
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

/// True when `same` accepts one of the positions whose tag matches `name`'s hash, tried in probe
/// order: the caller compares the names.
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
mod tests;
