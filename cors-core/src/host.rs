//! Host forms of a serialized origin: lower-case domains, dotted-decimal IPv4 and bracketed
//! IPv6 in the URL serializer's canonical form.

/// A canonical host: lower-case domain, dotted-decimal IPv4, or `[canonical IPv6]`.
pub(crate) fn is_canonical_host(host: &str) -> bool {
    if let Some(inner) = host.strip_prefix('[') {
        return inner.strip_suffix(']').is_some_and(is_canonical_ipv6);
    }
    if host.is_empty() || host.len() > 253 {
        return false;
    }
    // One pass: every label non-empty, at most 63 bytes of `[a-z0-9_-]`.
    let (mut label, mut last_start) = (0usize, 0usize);
    for (i, b) in host.bytes().enumerate() {
        match b {
            b'.' if label > 0 => (label, last_start) = (0, i + 1),
            b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' if label < 63 => label += 1,
            _ => return false,
        }
    }
    if label == 0 {
        return false;
    }
    if ends_in_a_number(&host[last_start..]) {
        // The URL parser reads a host ending in a number as IPv4, so it must be one, canonically.
        return is_canonical_ipv4(host);
    }
    true
}

/// The URL Standard's "ends in a number" for a host's last label: all decimal digits, or `0x`
/// followed by hex digits only (`0x` alone included); `0xg` is a domain label.
fn ends_in_a_number(last: &str) -> bool {
    match last.strip_prefix("0x") {
        Some(hex) => hex.bytes().all(|b| b.is_ascii_hexdigit()),
        None => !last.is_empty() && last.bytes().all(|b| b.is_ascii_digit()),
    }
}

pub(crate) fn is_canonical_ipv4(host: &str) -> bool {
    let mut parts = 0;
    for part in host.split('.') {
        parts += 1;
        let valid = !part.is_empty()
            && part.len() <= 3
            && part.bytes().all(|b| b.is_ascii_digit())
            && (part == "0" || !part.starts_with('0'))
            && part.parse::<u16>().is_ok_and(|n| n <= 255);
        if !valid || parts > 4 {
            return false;
        }
    }
    parts == 4
}

/// True when `text` is an IPv6 address written as the URL serializer writes it: lower-case hex
/// pieces without leading zeros, the first longest run of two or more zero pieces compressed.
fn is_canonical_ipv6(text: &str) -> bool {
    let Some(pieces) = parse_ipv6(text) else {
        return false;
    };
    let mut buf = [0u8; 40];
    let len = serialize_ipv6(&pieces, &mut buf);
    &buf[..len] == text.as_bytes()
}

fn parse_ipv6(text: &str) -> Option<[u16; 8]> {
    if text.len() > 39 {
        return None;
    }
    let (head, tail) = match text.split_once("::") {
        Some((head, tail)) => (head, Some(tail)),
        None => (text, None),
    };
    let mut pieces = [0u16; 8];
    let mut count = 0;
    let read = |part: &str, out: &mut [u16; 8], at: &mut usize| -> Option<()> {
        if part.is_empty() {
            return Some(());
        }
        for piece in part.split(':') {
            let valid = !piece.is_empty() && piece.len() <= 4 && *at < 8;
            if !valid {
                return None;
            }
            out[*at] = u16::from_str_radix(piece, 16).ok()?;
            *at += 1;
        }
        Some(())
    };
    read(head, &mut pieces, &mut count)?;
    let Some(tail) = tail else {
        return (count == 8).then_some(pieces);
    };
    let mut back = [0u16; 8];
    let mut back_count = 0;
    read(tail, &mut back, &mut back_count)?;
    if count + back_count > 7 {
        return None;
    }
    pieces[8 - back_count..].copy_from_slice(&back[..back_count]);
    Some(pieces)
}

fn serialize_ipv6(pieces: &[u16; 8], out: &mut [u8; 40]) -> usize {
    // The first longest run of at least two zero pieces is compressed (WHATWG URL, IPv6 serializer).
    let (mut best, mut best_len, mut run, mut run_len) = (None, 1, 0, 0);
    for (i, &piece) in pieces.iter().enumerate() {
        if piece == 0 {
            if run_len == 0 {
                run = i;
            }
            run_len += 1;
            if run_len > best_len {
                best = Some(run);
                best_len = run_len;
            }
        } else {
            run_len = 0;
        }
    }
    let mut len = 0;
    let mut push = |b: u8| {
        out[len] = b;
        len += 1;
    };
    let mut i = 0;
    while i < 8 {
        if Some(i) == best {
            push(b':');
            if i == 0 {
                push(b':');
            }
            i += best_len;
            continue;
        }
        let piece = pieces[i];
        let mut started = false;
        for shift in [12, 8, 4, 0] {
            let nibble = ((piece >> shift) & 0xf) as u8;
            if nibble != 0 || started || shift == 0 {
                started = true;
                push(b"0123456789abcdef"[nibble as usize]);
            }
        }
        if i < 7 {
            push(b':');
        }
        i += 1;
    }
    len
}

#[cfg(test)]
mod tests;
