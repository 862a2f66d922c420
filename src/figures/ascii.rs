//! Runs of ASCII letters and the bytes sought around digits, read eight or thirty-two bytes at a
//! time: the tokenizer and the search for date stretches walk every word of a text with these,
//! and a byte at a time cost a fifth of tokenizing and most of the stretch search.

/// The length of the run of ASCII letters at the start of `bytes`, eight bytes at a time: most
/// words are read in one step.
pub(super) fn letter_run(bytes: &[u8]) -> usize {
    let mut n = 0;
    while let Some(chunk) = bytes.get(n..n + 8) {
        let others = not_letters(u64::from_le_bytes(chunk.try_into().expect("eight bytes")));
        if others != 0 {
            // the first byte (the lowest, read little-endian) that is no letter
            return n + (others.trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    n + bytes[n..].iter().take_while(|b| b.is_ascii_alphabetic()).count()
}

/// The length of the run of ASCII letters that ends at `end` (exclusive) in `bytes`, eight bytes
/// at a time, read backwards.
pub(super) fn letter_run_before(bytes: &[u8], end: usize) -> usize {
    let mut n = 0;
    while n + 8 <= end {
        let chunk = &bytes[end - n - 8..end - n];
        let others = not_letters(u64::from_le_bytes(chunk.try_into().expect("eight bytes")));
        if others != 0 {
            // the last byte (the highest, read little-endian) that is no letter
            return n + (others.leading_zeros() / 8) as usize;
        }
        n += 8;
    }
    n + bytes[..end - n].iter().rev().take_while(|b| b.is_ascii_alphabetic()).count()
}

/// The offset of the first ASCII letter in `bytes`, eight bytes at a time.
pub(super) fn first_letter(bytes: &[u8]) -> Option<usize> {
    let mut n = 0;
    while let Some(chunk) = bytes.get(n..n + 8) {
        const HIGH: u64 = 0x8080_8080_8080_8080;
        let letters =
            !not_letters(u64::from_le_bytes(chunk.try_into().expect("eight bytes"))) & HIGH;
        if letters != 0 {
            return Some(n + (letters.trailing_zeros() / 8) as usize);
        }
        n += 8;
    }
    bytes[n..].iter().position(u8::is_ascii_alphabetic).map(|k| n + k)
}

/// The high bit of each byte of `word` that is not an ASCII letter. Each byte's low seven bits,
/// folded to lower case, are compared with 'a' and 'z' by adding to them what carries into the
/// high bit from 'a' and from past 'z' on (no sum leaves its byte); a byte with its own high bit
/// set is no ASCII letter.
fn not_letters(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = ONES * 0x80;
    let folded = (word & !HIGH) | (ONES * 0x20);
    let from_a = folded + ONES * (0x80 - u64::from(b'a'));
    let past_z = folded + ONES * (0x80 - u64::from(b'z') - 1);
    let letters = from_a & !past_z & !word & HIGH;
    !letters & HIGH
}

/// The offset of the first ASCII digit in `bytes` from `from` on, eight bytes at a time: a
/// digit is a byte whose value less '0' is below ten (its high bit clear, and its low seven bits
/// below ten, tested by what adding 118 carries into the high bit).
pub(super) fn next_digit(bytes: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = ONES * 0x80;
    let mut n = from;
    while let Some(chunk) = bytes.get(n..n + 8) {
        let offset = u64::from_le_bytes(chunk.try_into().expect("eight bytes")) ^ (ONES * 0x30);
        let digits = !((offset & !HIGH) + ONES * (0x80 - 10)) & !offset & HIGH;
        if digits != 0 {
            return Some(n + (digits.trailing_zeros() / 8) as usize);
        }
        n += 8;
    }
    bytes[n.min(bytes.len())..].iter().position(u8::is_ascii_digit).map(|k| n + k)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every byte at every place of a run, against reading a byte at a time, both ways.
    #[test]
    fn letter_runs_are_read_as_one_byte_at_a_time() {
        for b in 0..=255u8 {
            for at in 0..20 {
                let mut bytes = b"abcdefghijKLMNOPqrstuvwxyZ".to_vec();
                bytes[at] = b;
                let want = bytes.iter().take_while(|b| b.is_ascii_alphabetic()).count();
                assert_eq!(letter_run(&bytes), want, "{b} at {at}");
                for end in 0..=bytes.len() {
                    let want =
                        bytes[..end].iter().rev().take_while(|b| b.is_ascii_alphabetic()).count();
                    assert_eq!(letter_run_before(&bytes, end), want, "{b} at {at}, end {end}");
                }
                let mut others = [b'1'; 26];
                others[at] = b;
                for from in 0..others.len() {
                    let want = others[from..].iter().position(u8::is_ascii_alphabetic);
                    assert_eq!(first_letter(&others[from..]), want, "{b} at {at}, from {from}");
                }
            }
        }
    }

    #[test]
    fn the_next_digit_is_the_first_digit() {
        for b in 0..=255u8 {
            for at in 0..20 {
                let mut bytes = [b'x'; 20];
                bytes[at] = b;
                for from in 0..=bytes.len() {
                    let want = (from..bytes.len()).find(|&k| bytes[k].is_ascii_digit());
                    assert_eq!(next_digit(&bytes, from), want, "{b} at {at}, from {from}");
                }
            }
        }
    }
}
