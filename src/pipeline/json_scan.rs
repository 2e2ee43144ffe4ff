//! Whether a byte string is one JSON text, without building anything: the check every line
//! of `kmsg produce --input json` (the default) passes before it is sent.
//!
//! Written here rather than taken from serde_json because the check runs once per message on
//! the produce path and only needs a yes or no: serde_json into `IgnoredAny` was about 7% of
//! a 1M-line run's CPU (perf), and this scan (one pass, no allocation, string contents
//! skipped 16 bytes at a time with SSE2) took about 0.6 of its time on the benchmark's
//! 200-byte lines. It is a conservative first check: it says yes only to texts serde_json
//! accepts (RFC 8259, whitespace around the value), and whoever gets `false` asks serde_json,
//! for its verdict and its error message; so what passes is exactly what passed before (the
//! tests hold the two to each other, byte change by byte change).

/// Nesting this scan follows (a fixed stack); a deeper text is left to serde_json, which
/// has no limit when it only skips a text.
const MAX_DEPTH: usize = 128;

/// Whether `bytes` is one JSON value with optional whitespace around it. `true` only when
/// serde_json accepts it too; `false` also for texts serde_json may still accept (invalid
/// UTF-8 inside a string): ask it then.
pub fn is_json(bytes: &[u8]) -> bool {
    let mut scan = Scan { b: bytes, i: 0 };
    scan.ws();
    if !scan.value() {
        return false;
    }
    scan.ws();
    scan.i == bytes.len()
}

struct Scan<'a> {
    b: &'a [u8],
    i: usize,
}

/// Brackets open at once: the stack of a value being scanned.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Open {
    Array,
    Object,
}

impl Scan<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.i += 1;
        }
    }

    /// One value, nested ones included, with an explicit stack (no recursion).
    fn value(&mut self) -> bool {
        let mut stack = [Open::Array; MAX_DEPTH];
        let mut depth = 0usize;
        loop {
            // A value is expected here.
            self.ws();
            match self.peek() {
                Some(b'{') => {
                    if depth == MAX_DEPTH {
                        return false;
                    }
                    self.i += 1;
                    self.ws();
                    if self.peek() == Some(b'}') {
                        self.i += 1;
                    } else {
                        stack[depth] = Open::Object;
                        depth += 1;
                        if !self.key() {
                            return false;
                        }
                        continue;
                    }
                }
                Some(b'[') => {
                    if depth == MAX_DEPTH {
                        return false;
                    }
                    self.i += 1;
                    self.ws();
                    if self.peek() == Some(b']') {
                        self.i += 1;
                    } else {
                        stack[depth] = Open::Array;
                        depth += 1;
                        continue;
                    }
                }
                Some(b'"') => {
                    self.i += 1;
                    if !self.string() {
                        return false;
                    }
                }
                Some(b'-' | b'0'..=b'9') => {
                    if !self.number() {
                        return false;
                    }
                }
                Some(b't') => {
                    if !self.literal(b"true") {
                        return false;
                    }
                }
                Some(b'f') => {
                    if !self.literal(b"false") {
                        return false;
                    }
                }
                Some(b'n') => {
                    if !self.literal(b"null") {
                        return false;
                    }
                }
                _ => return false,
            }
            // A value ended: close what it ends, or go on to the next element.
            loop {
                if depth == 0 {
                    return true;
                }
                self.ws();
                match (stack[depth - 1], self.peek()) {
                    (Open::Array, Some(b',')) => {
                        self.i += 1;
                        break;
                    }
                    (Open::Object, Some(b',')) => {
                        self.i += 1;
                        self.ws();
                        if !self.key() {
                            return false;
                        }
                        break;
                    }
                    (Open::Array, Some(b']')) | (Open::Object, Some(b'}')) => {
                        self.i += 1;
                        depth -= 1;
                    }
                    _ => return false,
                }
            }
        }
    }

    /// `"key"` and its colon (whitespace before the key already skipped).
    fn key(&mut self) -> bool {
        if self.peek() != Some(b'"') {
            return false;
        }
        self.i += 1;
        if !self.string() {
            return false;
        }
        self.ws();
        if self.peek() != Some(b':') {
            return false;
        }
        self.i += 1;
        true
    }

    /// The rest of a string after its opening quote. Plain ASCII is skipped eight bytes at a
    /// time; any byte above 0x7F sends the whole text to serde_json (`false`), which
    /// decides about UTF-8 as it always has.
    fn string(&mut self) -> bool {
        let b = self.b;
        loop {
            self.i += plain_run(&b[self.i..]);
            match self.peek() {
                None => return false,
                Some(b'"') => {
                    self.i += 1;
                    return true;
                }
                Some(b'\\') => {
                    self.i += 1;
                    match self.peek() {
                        Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => self.i += 1,
                        Some(b'u') => {
                            let hex = b.get(self.i + 1..self.i + 5);
                            if !hex.is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) {
                                return false;
                            }
                            self.i += 5;
                        }
                        _ => return false,
                    }
                }
                Some(c) if !(0x20..=0x7F).contains(&c) => return false,
                Some(_) => self.i += 1,
            }
        }
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`
    fn number(&mut self) -> bool {
        if self.peek() == Some(b'-') {
            self.i += 1;
        }
        match self.peek() {
            Some(b'0') => self.i += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return false,
        }
        if self.peek() == Some(b'.') {
            self.i += 1;
            if !self.peek().is_some_and(|c| c.is_ascii_digit()) {
                return false;
            }
            self.digits();
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.i += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.i += 1;
            }
            if !self.peek().is_some_and(|c| c.is_ascii_digit()) {
                return false;
            }
            self.digits();
        }
        true
    }

    fn digits(&mut self) {
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.i += 1;
        }
    }

    fn literal(&mut self, word: &[u8]) -> bool {
        if self.b[self.i..].starts_with(word) {
            self.i += word.len();
            true
        } else {
            false
        }
    }
}

/// How many bytes at the start of `b` a string scan can skip: up to the first quote,
/// backslash, control character or byte above 0x7F, give or take the last fewer-than-16
/// bytes, which the caller looks at one by one.
#[cfg(target_arch = "x86_64")]
fn plain_run(b: &[u8]) -> usize {
    use std::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_cmplt_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128,
        _mm_set1_epi8,
    };
    let mut i = 0;
    // SAFETY: SSE2 is part of every x86_64 CPU; each load reads 16 bytes inside `b`
    // (i + 16 <= len), unaligned loads being allowed by `loadu`.
    unsafe {
        let quote = _mm_set1_epi8(b'"' as i8);
        let backslash = _mm_set1_epi8(b'\\' as i8);
        let space = _mm_set1_epi8(0x20);
        while i + 16 <= b.len() {
            let v = _mm_loadu_si128(b.as_ptr().add(i).cast::<__m128i>());
            // Signed: bytes above 0x7F are negative, so "below 0x20" catches them too.
            let stops = _mm_or_si128(
                _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)),
                _mm_cmplt_epi8(v, space),
            );
            let mask = _mm_movemask_epi8(stops) as u32;
            if mask != 0 {
                return i + mask.trailing_zeros() as usize;
            }
            i += 16;
        }
    }
    i
}

/// As above, eight bytes at a time where SSE2 is not there.
#[cfg(not(target_arch = "x86_64"))]
fn plain_run(b: &[u8]) -> usize {
    let mut i = 0;
    while i + 8 <= b.len() {
        let stops = stop_bytes(u64::from_le_bytes(b[i..i + 8].try_into().expect("8 bytes")));
        if stops != 0 {
            return i + (stops.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    i
}

/// The bytes of eight (little-endian in `x`) a string scan must stop at, a quote, a
/// backslash, a control character or one above 0x7F, as the high bit of each such byte;
/// the lowest one set is exact (the tricks below can only flag bytes above a real one).
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn stop_bytes(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // A byte below n shows in (v - n * ONES) & !v & HIGH; a zero byte of v ^ (c * ONES) is
    // a byte equal to c.
    let below = |v: u64, n: u64| v.wrapping_sub(n * ONES) & !v & HIGH;
    (x & HIGH)
        | below(x, 0x20)
        | below(x ^ (b'"' as u64 * ONES), 1)
        | below(x ^ (b'\\' as u64 * ONES), 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn serde_accepts(b: &[u8]) -> bool {
        serde_json::from_slice::<serde::de::IgnoredAny>(b).is_ok()
    }

    /// Never says yes where serde_json says no; and says yes on the texts it should.
    fn agrees(b: &[u8]) {
        let ours = is_json(b);
        let theirs = serde_accepts(b);
        assert!(
            !ours || theirs,
            "accepted what serde_json refuses: {:?}",
            String::from_utf8_lossy(b)
        );
        if b.is_ascii() && b.len() < MAX_DEPTH {
            assert_eq!(ours, theirs, "{:?}", String::from_utf8_lossy(b));
        }
    }

    #[test]
    fn valid_texts_pass() {
        for t in [
            r#"{"id":1,"user":"user-0001","ts":1767225600001,"lang":"en","text":"Lorem ipsum"}"#,
            r#"  {"a": [1, -2.5e+3, 0, 0.0, 1E9, true, false, null, "x\"y\\z\u00e9\n"], "b": {}} "#,
            "[]",
            "0",
            "\"\"",
            "[[[[{}]]]]",
            r#"{"k":"\/\b\f\r\t"}"#,
            "-0.0e-0",
        ] {
            assert!(is_json(t.as_bytes()), "{t}");
            agrees(t.as_bytes());
        }
    }

    #[test]
    fn invalid_texts_fail() {
        for t in [
            "",
            " ",
            "{",
            "}",
            "[1,]",
            "{\"a\":1,}",
            "{\"a\" 1}",
            "{a:1}",
            "01",
            "1.",
            ".5",
            "-",
            "1e",
            "1e+",
            "+1",
            "tru",
            "nul",
            "\"abc",
            "\"a\\x\"",
            "\"\\u12G4\"",
            "\"\\u12\"",
            "\"tab\there\"",
            "[1 2]",
            "{} {}",
            "{\"a\":1}x",
            "[\"a\",]",
            "NaN",
            "[-]",
            "{\"a\":}",
            "{,}",
            "[,1]",
            "'a'",
            "\u{0}",
        ] {
            assert!(!is_json(t.as_bytes()), "{t:?}");
            agrees(t.as_bytes());
        }
    }

    #[test]
    fn nesting_deeper_than_the_stack_is_left_to_serde_json() {
        let nested = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        assert!(is_json(nested(MAX_DEPTH).as_bytes()));
        assert!(!is_json(nested(MAX_DEPTH + 1).as_bytes()));
        assert!(serde_accepts(nested(MAX_DEPTH + 1).as_bytes()));
    }

    #[test]
    fn non_ascii_goes_to_serde_json() {
        // Valid UTF-8 and invalid bytes inside strings alike: serde_json decides.
        assert!(!is_json("{\"a\":\"é\"}".as_bytes()));
        assert!(!is_json(b"{\"a\":\"\xff\"}"));
        agrees(b"{\"a\":\"\xff\"}");
    }

    #[test]
    fn every_cut_and_every_byte_change_of_a_text_agrees_with_serde_json() {
        // A deterministic sweep: each prefix, each single-byte deletion and each byte replaced
        // by each character that matters to the grammar.
        let text = br#"{"id":12,"s":"a\"b\\c\u00e9 long enough to use the 8-byte skip","n":[-1.5e3,0,true,false,null,{}],"e":""}"#;
        let specials = b" \t\n\r{}[]:,\"\\/-+.eE0189abfnrtuxyz\x00\x1f\x7f";
        for cut in 0..=text.len() {
            agrees(&text[..cut]);
        }
        for at in 0..text.len() {
            let mut t = text.to_vec();
            t.remove(at);
            agrees(&t);
            for &c in specials {
                let mut t = text.to_vec();
                t[at] = c;
                agrees(&t);
            }
        }
    }

    #[test]
    fn the_eight_byte_skip_finds_each_stop_byte_at_every_position() {
        for &stop in b"\"\\\x00\x1f\x80\xff" {
            for at in 0..8 {
                let mut chunk = [b'a'; 8];
                chunk[at] = stop;
                let stops = stop_bytes(u64::from_le_bytes(chunk));
                assert_eq!(stops.trailing_zeros() / 8, at as u32, "{stop} at {at}");
            }
        }
        for &stop in b"\"\\\x00\x1f\x80\xff" {
            for at in 0..40 {
                let mut text = vec![b'a'; 40];
                text[at] = stop;
                let run = plain_run(&text);
                // Stops at the byte, or leaves a tail shorter than a chunk before it.
                assert!(
                    run == at || (run < at && text.len() - run < 16),
                    "{stop} at {at}: {run}"
                );
            }
        }
        assert_eq!(stop_bytes(u64::from_le_bytes(*b" ~!#[]{}")), 0);
        assert_eq!(
            stop_bytes(u64::from_le_bytes(*b"\x20\x7e\x5b\x5d\x21\x23\x7f\x41")),
            0
        );
    }
}
