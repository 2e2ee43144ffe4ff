//! The Confluent wire format: how a registry-encoded record value starts. Byte 0 is the magic
//! byte 0, bytes 1..5 the schema id (big-endian u32), and for Protobuf a list of message
//! indexes (a zig-zag varint count, then that many zig-zag varints; the count 0 alone means
//! the first message, `[0]`) before the payload.
//!
//! This is the only part written here rather than taken from a crate: it is a 5-byte header
//! plus varints, the crates that implement it (e.g. `schema_registry_converter`) bring their
//! own HTTP client and codec choices, and keeping it pure lets every edge (truncated header,
//! wrong magic byte, overlong varint) be unit-tested. The codecs themselves are libraries
//! (see `avro` and `protobuf`).

/// The magic byte every registry-framed record starts with.
pub const MAGIC: u8 = 0;

/// Why bytes are not a registry-framed record.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WireError {
    #[error("empty value: no magic byte")]
    Empty,
    #[error("magic byte {0:#04x} is not the registry's 0x00")]
    WrongMagic(u8),
    #[error("truncated header: {0} byte(s), a registry header needs 5 (magic byte and schema id)")]
    TruncatedHeader(usize),
    #[error("truncated Protobuf message indexes")]
    TruncatedIndexes,
    #[error("Protobuf message indexes are malformed: {0}")]
    BadIndexes(&'static str),
}

/// A registry-framed value split into its schema id and the rest (for Protobuf the rest still
/// starts with the message indexes: see [`split_message_indexes`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Framed<'a> {
    pub schema_id: u32,
    pub body: &'a [u8],
}

/// Splits `bytes` into schema id and body, or says why it is not registry-framed.
pub fn split(bytes: &[u8]) -> Result<Framed<'_>, WireError> {
    match bytes.first() {
        None => return Err(WireError::Empty),
        Some(&m) if m != MAGIC => return Err(WireError::WrongMagic(m)),
        Some(_) => {}
    }
    if bytes.len() < 5 {
        return Err(WireError::TruncatedHeader(bytes.len()));
    }
    let schema_id = u32::from_be_bytes([bytes[1], bytes[2], bytes[3], bytes[4]]);
    Ok(Framed {
        schema_id,
        body: &bytes[5..],
    })
}

/// The 5-byte header for `schema_id`, followed by `body`.
pub fn frame(schema_id: u32, body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(5 + body.len());
    out.push(MAGIC);
    out.extend_from_slice(&schema_id.to_be_bytes());
    out.extend_from_slice(body);
    out
}

/// Reads the Protobuf message indexes at the start of `body`: the path from the file's
/// top-level messages to the one encoded (`[0]` is the first message, `[1, 0]` the first
/// nested message of the second). Returns them and the payload after them.
pub fn split_message_indexes(body: &[u8]) -> Result<(Vec<usize>, &[u8]), WireError> {
    let (count, mut rest) = read_zigzag(body)?;
    if count == 0 {
        return Ok((vec![0], rest));
    }
    if count < 0 || count as usize > rest.len() {
        return Err(WireError::BadIndexes("count out of range"));
    }
    let mut indexes = Vec::with_capacity(count as usize);
    for _ in 0..count {
        let (index, tail) = read_zigzag(rest)?;
        if index < 0 {
            return Err(WireError::BadIndexes("negative index"));
        }
        indexes.push(index as usize);
        rest = tail;
    }
    Ok((indexes, rest))
}

/// Encodes message indexes as the serializers do (`[0]` as the single byte 0).
pub fn message_indexes(indexes: &[usize]) -> Vec<u8> {
    let mut out = Vec::new();
    if indexes == [0] {
        out.push(0);
        return out;
    }
    write_zigzag(&mut out, indexes.len() as i64);
    for &i in indexes {
        write_zigzag(&mut out, i as i64);
    }
    out
}

fn read_zigzag(bytes: &[u8]) -> Result<(i64, &[u8]), WireError> {
    let mut value: u64 = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if i >= 10 {
            return Err(WireError::BadIndexes("varint longer than 10 bytes"));
        }
        value |= u64::from(b & 0x7f) << (7 * i);
        if b & 0x80 == 0 {
            let decoded = ((value >> 1) as i64) ^ -((value & 1) as i64);
            return Ok((decoded, &bytes[i + 1..]));
        }
    }
    Err(WireError::TruncatedIndexes)
}

fn write_zigzag(out: &mut Vec<u8>, v: i64) {
    let mut z = ((v << 1) ^ (v >> 63)) as u64;
    while z >= 0x80 {
        out.push((z as u8) | 0x80);
        z >>= 7;
    }
    out.push(z as u8);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_a_framed_value_and_frames_it_back() {
        let bytes = frame(0x0102_0304, b"payload");
        assert_eq!(&bytes[..5], &[0, 1, 2, 3, 4]);
        let f = split(&bytes).unwrap();
        assert_eq!(f.schema_id, 0x0102_0304);
        assert_eq!(f.body, b"payload");
    }

    #[test]
    fn refuses_what_is_not_framed() {
        let cases: &[(&[u8], WireError)] = &[
            (b"", WireError::Empty),
            (b"{\"a\":1}", WireError::WrongMagic(b'{')),
            (&[0, 0, 1], WireError::TruncatedHeader(3)),
            (&[0], WireError::TruncatedHeader(1)),
        ];
        for (bytes, want) in cases {
            assert_eq!(split(bytes).unwrap_err(), *want, "{bytes:?}");
        }
        // A header alone is framed, with an empty body (the codec judges that).
        assert_eq!(split(&[0, 0, 0, 0, 7]).unwrap().body, b"");
    }

    #[test]
    fn message_indexes_round_trip_with_the_first_message_as_one_zero_byte() {
        for idx in [vec![0], vec![1], vec![2, 0], vec![0, 3, 1], vec![200]] {
            let mut bytes = message_indexes(&idx);
            if idx == [0] {
                assert_eq!(bytes, [0]);
            }
            bytes.extend_from_slice(b"rest");
            let (got, rest) = split_message_indexes(&bytes).unwrap();
            assert_eq!(got, idx);
            assert_eq!(rest, b"rest");
        }
        // [1] is count 1 then index 1, zig-zag: 2, 2.
        assert_eq!(message_indexes(&[1]), [2, 2]);
    }

    #[test]
    fn malformed_message_indexes_are_errors_not_panics() {
        assert_eq!(
            split_message_indexes(&[]).unwrap_err(),
            WireError::TruncatedIndexes
        );
        assert_eq!(
            split_message_indexes(&[0x80]).unwrap_err(),
            WireError::TruncatedIndexes
        );
        // Count -1 (zig-zag 1).
        assert!(matches!(
            split_message_indexes(&[1]).unwrap_err(),
            WireError::BadIndexes(_)
        ));
        // Count 3 but one byte follows.
        assert!(matches!(
            split_message_indexes(&[6, 2]).unwrap_err(),
            WireError::BadIndexes(_)
        ));
        assert!(matches!(
            split_message_indexes(&[0xff; 12]).unwrap_err(),
            WireError::BadIndexes(_)
        ));
    }
}
