//! The JSON envelope of one record: what `kmsg view --output json` prints and
//! `kmsg produce --input json-envelope` reads, so records round-trip byte for byte.
//!
//! Binary-safe: a key, value or header value that is valid UTF-8 is a JSON string with
//! encoding `utf8`; anything else is base64 with encoding `base64`. Absent keys and values
//! (Kafka nulls) are JSON `null`. Headers are a list, since Kafka allows repeated names.

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;
use serde::{Deserialize, Serialize};

/// How bytes are written in a JSON string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Encoding {
    #[default]
    Utf8,
    Base64,
}

/// One record header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnvelopeHeader {
    pub key: String,
    pub value: Option<String>,
    #[serde(default, skip_serializing_if = "is_utf8")]
    pub encoding: Encoding,
}

fn is_utf8(e: &Encoding) -> bool {
    *e == Encoding::Utf8
}

/// One record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Envelope {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partition: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<i64>,
    /// Milliseconds since the UNIX epoch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<i64>,
    #[serde(default)]
    pub key: Option<String>,
    #[serde(default)]
    pub key_encoding: Encoding,
    #[serde(default)]
    pub value: Option<String>,
    #[serde(default)]
    pub value_encoding: Encoding,
    #[serde(default)]
    pub headers: Vec<EnvelopeHeader>,
}

/// Why an envelope line could not be used.
#[derive(Debug, thiserror::Error)]
pub enum EnvelopeError {
    #[error("not a JSON envelope: {0}")]
    Json(String),
    #[error("{field} is not valid base64: {reason}")]
    Base64 { field: String, reason: String },
}

/// Writes bytes as a string and says how.
pub fn encode(bytes: &[u8]) -> (String, Encoding) {
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), Encoding::Utf8),
        Err(_) => (B64.encode(bytes), Encoding::Base64),
    }
}

fn decode(text: &str, encoding: Encoding, field: &str) -> Result<Vec<u8>, EnvelopeError> {
    match encoding {
        Encoding::Utf8 => Ok(text.as_bytes().to_vec()),
        Encoding::Base64 => B64.decode(text).map_err(|e| EnvelopeError::Base64 {
            field: field.to_string(),
            reason: e.to_string(),
        }),
    }
}

/// A record's bytes, decoded from an envelope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawRecord {
    pub partition: Option<i32>,
    pub timestamp: Option<i64>,
    pub key: Option<Vec<u8>>,
    pub value: Option<Vec<u8>>,
    pub headers: Vec<(String, Option<Vec<u8>>)>,
}

impl Envelope {
    /// Builds the envelope of a record.
    #[allow(clippy::too_many_arguments)]
    pub fn from_record(
        topic: &str,
        partition: i32,
        offset: i64,
        timestamp: Option<i64>,
        key: Option<&[u8]>,
        value: Option<&[u8]>,
        headers: Vec<(String, Option<Vec<u8>>)>,
    ) -> Self {
        let (key, key_encoding) = split(key.map(encode));
        let (value, value_encoding) = split(value.map(encode));
        Envelope {
            topic: Some(topic.to_string()),
            partition: Some(partition),
            offset: Some(offset),
            timestamp,
            key,
            key_encoding,
            value,
            value_encoding,
            headers: headers
                .into_iter()
                .map(|(k, v)| {
                    let (value, encoding) = split(v.as_deref().map(encode));
                    EnvelopeHeader {
                        key: k,
                        value,
                        encoding,
                    }
                })
                .collect(),
        }
    }

    /// Parses one line of `--input json-envelope`.
    pub fn parse(line: &str) -> Result<RawRecord, EnvelopeError> {
        let env: Envelope =
            serde_json::from_str(line).map_err(|e| EnvelopeError::Json(e.to_string()))?;
        env.into_raw()
    }

    pub fn into_raw(self) -> Result<RawRecord, EnvelopeError> {
        let key = self
            .key
            .map(|k| decode(&k, self.key_encoding, "key"))
            .transpose()?;
        let value = self
            .value
            .map(|v| decode(&v, self.value_encoding, "value"))
            .transpose()?;
        let mut headers = Vec::with_capacity(self.headers.len());
        for h in self.headers {
            let v = h
                .value
                .map(|v| decode(&v, h.encoding, &format!("header {}", h.key)))
                .transpose()?;
            headers.push((h.key, v));
        }
        Ok(RawRecord {
            partition: self.partition,
            timestamp: self.timestamp,
            key,
            value,
            headers,
        })
    }
}

fn split(encoded: Option<(String, Encoding)>) -> (Option<String>, Encoding) {
    match encoded {
        Some((text, enc)) => (Some(text), enc),
        None => (None, Encoding::Utf8),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_values_round_trip_through_base64() {
        let key: &[u8] = b"k\xff";
        let value: &[u8] = &[0, 159, 146, 150, b'"', b'\n'];
        let env = Envelope::from_record(
            "t",
            2,
            7,
            Some(1),
            Some(key),
            Some(value),
            vec![("h".into(), Some(vec![0xc3, 0x28])), ("n".into(), None)],
        );
        assert_eq!(env.key_encoding, Encoding::Base64);
        assert_eq!(env.value_encoding, Encoding::Base64);
        let line = serde_json::to_string(&env).unwrap();
        let raw = Envelope::parse(&line).unwrap();
        assert_eq!(raw.key.as_deref(), Some(key));
        assert_eq!(raw.value.as_deref(), Some(value));
        assert_eq!(raw.partition, Some(2));
        assert_eq!(raw.headers[0].1.as_deref(), Some(&[0xc3, 0x28][..]));
        assert_eq!(raw.headers[1], ("n".to_string(), None));
    }

    #[test]
    fn text_stays_readable_and_nulls_stay_null() {
        let env = Envelope::from_record("t", 0, 0, None, None, Some(b"{\"a\":1}"), vec![]);
        let line = serde_json::to_string(&env).unwrap();
        assert!(line.contains(r#""value":"{\"a\":1}""#), "{line}");
        assert!(line.contains(r#""key":null"#), "{line}");
        let raw = Envelope::parse(&line).unwrap();
        assert_eq!(raw.key, None);
    }

    #[test]
    fn a_minimal_envelope_needs_only_a_value() {
        let raw = Envelope::parse(r#"{"value":"hi"}"#).unwrap();
        assert_eq!(raw.value.as_deref(), Some(&b"hi"[..]));
        assert!(Envelope::parse(r#"{"value":"@@","value_encoding":"base64"}"#).is_err());
        assert!(Envelope::parse("nope").is_err());
    }
}
