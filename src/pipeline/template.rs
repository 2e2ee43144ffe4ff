//! `view --format TEMPLATE`: kcat's `-f` output templates, byte for byte, so scripts that
//! used `kcat -C -f` move over unchanged. Written by hand after kcat 1.7's `format.c`
//! (`fmt_parse`, `fmt_add`, `fmt_msg_output_str`), quirks included, since no crate does it:
//!
//! - tokens: `%t` topic, `%p` partition, `%o` offset, `%k` key, `%s` value, `%K` / `%S` key /
//!   value length (-1 for a null), `%R` value length as 4 big-endian bytes (-1 for a null),
//!   `%T` timestamp in ms (-1 when the record has none), `%h` headers, `%%` a percent sign;
//!   any other `%` letter, or a `%` at the end, is refused (kcat stops the same way);
//! - `%k` and `%s` write the bytes as they are; a null or empty key or value writes nothing;
//! - `%h` writes `name=value` joined by `,`: a null value is `name=NULL`, an empty one
//!   `name=`; a value is written up to its first NUL byte (kcat prints it with `%.*s`); a
//!   record without headers writes nothing;
//! - escapes in the literal text: `\n`, `\t`, `\r`; `\` and digits is a byte by C's
//!   `strtoul` base 0 (`\0x41`, `\101` octal, `\65` decimal), `\x` and hex digits a byte in
//!   hex but only when the first digit is 0-9 (`\x41` is `A`; kcat reads `\xff` as `ff`),
//!   any other escaped character is itself (`\\` is `\`); a NUL byte produced by an escape
//!   ends that piece of literal text (kcat keeps it as a C string).

use std::io::Write;

/// A `--format` template that kcat would refuse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    #[error("--format {template:?} ends with a lone %: write %% for a percent sign")]
    Empty { template: String },
    #[error("--format {template:?}: %{token} is not a format token (use %t %p %o %k %s %K %S %R %T %h or %%)")]
    Unknown { template: String, token: char },
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Text(Vec<u8>),
    Topic,
    Partition,
    Offset,
    Key,
    KeyLen,
    Value,
    ValueLen,
    ValueLenBinary,
    Timestamp,
    Headers,
}

/// A parsed template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    tokens: Vec<Token>,
}

/// One record's parts, as `render` writes them.
#[derive(Debug, Clone, Copy)]
pub struct FormatRecord<'a> {
    pub topic: &'a str,
    pub partition: i32,
    pub offset: i64,
    /// Milliseconds since the epoch; `None` when the record has none.
    pub timestamp: Option<i64>,
    pub key: Option<&'a [u8]>,
    pub value: Option<&'a [u8]>,
    pub headers: &'a [(&'a str, Option<&'a [u8]>)],
}

impl Template {
    /// Parses a template as kcat's `fmt_parse` does.
    pub fn parse(template: &str) -> Result<Self, TemplateError> {
        let bytes = template.as_bytes();
        let mut tokens = Vec::new();
        let mut s = 0;
        while s < bytes.len() {
            let Some(pct) = bytes[s..].iter().position(|&b| b == b'%').map(|i| s + i) else {
                tokens.push(Token::Text(unescape(&bytes[s..])));
                break;
            };
            if pct > s {
                tokens.push(Token::Text(unescape(&bytes[s..pct])));
            }
            let Some(&c) = bytes.get(pct + 1) else {
                return Err(TemplateError::Empty {
                    template: template.to_string(),
                });
            };
            tokens.push(match c {
                b'o' => Token::Offset,
                b'k' => Token::Key,
                b'K' => Token::KeyLen,
                b's' => Token::Value,
                b'S' => Token::ValueLen,
                b'R' => Token::ValueLenBinary,
                b't' => Token::Topic,
                b'p' => Token::Partition,
                b'T' => Token::Timestamp,
                b'h' => Token::Headers,
                b'%' => Token::Text(b"%".to_vec()),
                _ => {
                    return Err(TemplateError::Unknown {
                        template: template.to_string(),
                        token: template[pct + 1..].chars().next().unwrap_or('?'),
                    })
                }
            });
            s = pct + 2;
        }
        // Text emptied by a leading NUL writes nothing.
        tokens.retain(|t| !matches!(t, Token::Text(text) if text.is_empty()));
        Ok(Template { tokens })
    }

    /// Writes one record.
    pub fn render<W: Write>(&self, out: &mut W, r: &FormatRecord<'_>) -> std::io::Result<()> {
        let len = |b: Option<&[u8]>| b.map_or(-1, |b| b.len() as i64);
        for token in &self.tokens {
            match token {
                Token::Text(text) => out.write_all(text)?,
                Token::Topic => out.write_all(r.topic.as_bytes())?,
                Token::Partition => write!(out, "{}", r.partition)?,
                Token::Offset => write!(out, "{}", r.offset)?,
                Token::Key => out.write_all(r.key.unwrap_or_default())?,
                Token::Value => out.write_all(r.value.unwrap_or_default())?,
                Token::KeyLen => write!(out, "{}", len(r.key))?,
                Token::ValueLen => write!(out, "{}", len(r.value))?,
                Token::ValueLenBinary => out.write_all(&(len(r.value) as u32).to_be_bytes())?,
                Token::Timestamp => write!(out, "{}", r.timestamp.unwrap_or(-1))?,
                Token::Headers => {
                    for (i, (name, value)) in r.headers.iter().enumerate() {
                        if i > 0 {
                            out.write_all(b",")?;
                        }
                        out.write_all(name.as_bytes())?;
                        out.write_all(b"=")?;
                        match value {
                            None => out.write_all(b"NULL")?,
                            Some(v) => {
                                let end = v.iter().position(|&b| b == 0).unwrap_or(v.len());
                                out.write_all(&v[..end])?;
                            }
                        }
                    }
                }
            }
        }
        Ok(())
    }
}

/// kcat's `fmt_add` on one piece of literal text (see the module doc).
fn unescape(text: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let mut s = 0;
    while s < text.len() {
        if text[s] == b'\\' && s + 1 < text.len() {
            s += 1;
            let mut base = 0;
            match text[s] {
                b't' => out.push(b'\t'),
                b'n' => out.push(b'\n'),
                b'r' => out.push(b'\r'),
                c => {
                    if c == b'x' {
                        s += 1;
                        base = 16;
                    }
                    match text.get(s) {
                        Some(d) if d.is_ascii_digit() => {
                            let (value, used) = strtoul(&text[s..], base);
                            out.push(value as u8);
                            if used > 0 {
                                s += used - 1;
                            }
                        }
                        Some(&d) => out.push(d),
                        // `\x` at the very end: kcat copies the terminating NUL and stops.
                        None => out.push(0),
                    }
                }
            }
        } else {
            out.push(text[s]);
        }
        s += 1;
    }
    // kcat keeps the text as a C string: it ends at the first NUL.
    if let Some(nul) = out.iter().position(|&b| b == 0) {
        out.truncate(nul);
    }
    out
}

/// C's `strtoul` on text that starts with a digit: base 0 (a `0x` prefix is hex, a leading
/// `0` octal, else decimal) or 16 (an optional `0x` prefix); saturates at `u64::MAX` as
/// `ULONG_MAX`. Returns the value and how many bytes it read.
fn strtoul(text: &[u8], base: u32) -> (u64, usize) {
    let hex_prefix = text.len() > 2
        && text[0] == b'0'
        && (text[1] | 0x20) == b'x'
        && text[2].is_ascii_hexdigit();
    let (radix, start) = match base {
        16 if hex_prefix => (16, 2),
        16 => (16, 0),
        _ if hex_prefix => (16, 2),
        _ if text[0] == b'0' => (8, 0),
        _ => (10, 0),
    };
    let mut value: u64 = 0;
    let mut used = start;
    for &b in &text[start..] {
        let Some(d) = (b as char).to_digit(radix) else {
            break;
        };
        value = value
            .checked_mul(u64::from(radix))
            .and_then(|v| v.checked_add(u64::from(d)))
            .unwrap_or(u64::MAX);
        used += 1;
    }
    (value, used)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(template: &str, r: &FormatRecord<'_>) -> Vec<u8> {
        let mut out = Vec::new();
        Template::parse(template)
            .unwrap()
            .render(&mut out, r)
            .unwrap();
        out
    }

    fn record<'a>(
        key: Option<&'a [u8]>,
        value: Option<&'a [u8]>,
        headers: &'a [(&'a str, Option<&'a [u8]>)],
    ) -> FormatRecord<'a> {
        FormatRecord {
            topic: "t1",
            partition: 3,
            offset: 42,
            timestamp: Some(1_700_000_000_123),
            key,
            value,
            headers,
        }
    }

    #[test]
    fn tokens_write_the_records_parts() {
        let h: &[(&str, Option<&[u8]>)] = &[("a", Some(b"1")), ("b", None), ("c", Some(b""))];
        let r = record(Some(b"k"), Some(b"val"), h);
        assert_eq!(
            render("%t %p %o %T %k=%s %K %S [%h] 100%%\\n", &r),
            b"t1 3 42 1700000000123 k=val 1 3 [a=1,b=NULL,c=] 100%\n"
        );
        assert_eq!(render("%R", &r), [0, 0, 0, 3]);
    }

    #[test]
    fn nulls_write_nothing_and_lengths_of_minus_one() {
        let r = FormatRecord {
            timestamp: None,
            ..record(None, None, &[])
        };
        assert_eq!(render("<%k|%s|%K|%S|%h|%T>", &r), b"<||-1|-1||-1>");
        assert_eq!(render("%R", &r), [0xff; 4]);
        let empty = record(Some(b""), Some(b""), &[]);
        assert_eq!(render("<%k|%s|%K|%S>", &empty), b"<||0|0>");
    }

    #[test]
    fn binary_bytes_are_written_as_they_are_and_header_values_stop_at_nul() {
        let h: &[(&str, Option<&[u8]>)] = &[("bin", Some(&[0xff, 0x41, 0x00, 0x42]))];
        let r = record(Some(&[0xff, 0x00, 0xfe]), Some(&[0, 1, 2, 0xff]), h);
        assert_eq!(
            render("%k|%s|%h", &r),
            [0xff, 0x00, 0xfe, b'|', 0, 1, 2, 0xff, b'|', b'b', b'i', b'n', b'=', 0xff, 0x41]
        );
    }

    #[test]
    fn escapes_follow_kcats_reading_of_them() {
        assert_eq!(unescape(br"a\tb\nc\rd"), b"a\tb\nc\rd");
        assert_eq!(unescape(br"\\ \q \%"), br"\ q %");
        assert_eq!(unescape(br"\x41\x4a"), b"AJ");
        assert_eq!(
            unescape(br"\xff"),
            b"ff",
            "a hex letter first is not read as hex"
        );
        assert_eq!(unescape(br"\101 \0101 \65 \0x42"), b"e A A B");
        assert_eq!(unescape(br"a\0b"), b"a", "a NUL ends the text");
        assert_eq!(unescape(br"end\"), br"end\");
        assert_eq!(unescape(br"\1234"), [0xd2]);
    }

    #[test]
    fn templates_kcat_refuses_are_refused() {
        assert!(matches!(
            Template::parse("%k %"),
            Err(TemplateError::Empty { .. })
        ));
        let err = Template::parse("%k %z").unwrap_err();
        assert!(
            err.to_string().contains("%z is not a format token"),
            "{err}"
        );
        assert_eq!(Template::parse("").unwrap().tokens, vec![]);
    }
}
