//! The JSON envelope of one record: what `kmsg view --output json` prints and
//! `kmsg produce --input json-envelope` reads, so records round-trip byte for byte.
//!
//! Binary-safe: a key, value or header value that is valid UTF-8 is a JSON string with
//! encoding `utf8`; anything else is base64 with encoding `base64`. Absent keys and values
//! (Kafka nulls) are JSON `null`. Headers are a list, since Kafka allows repeated names.
//!
//! A key or value decoded through a schema registry has encoding `registry`: it is the
//! record's JSON itself (an object, not a string), and `key_schema` / `value_schema` say
//! which schema (id, subject, version, type, Protobuf message) it was written with, so that
//! `produce --input json-envelope` can encode it again with the same id. A value that looked
//! registry-framed but did not decode keeps its bytes, with the reason in `value_error`.

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
    /// Decoded through a schema registry: the value is the record's JSON.
    Registry,
}

/// The registry schema a key or value was decoded with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchemaRef {
    pub id: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<i32>,
    /// `avro`, `protobuf` or `json`.
    #[serde(rename = "type")]
    pub schema_type: String,
    /// The Protobuf message's full name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// A key or value decoded through a registry, for [`Envelope::set_decoded`].
#[derive(Debug, Clone, PartialEq)]
pub enum Shown {
    /// Shown as bytes (not registry-framed, or decoding not asked for).
    Bytes,
    Decoded {
        json: serde_json::Value,
        schema: SchemaRef,
    },
    /// Registry-framed (or asked to be) but not decodable: the bytes, and why.
    Failed(String),
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
    pub key: Option<serde_json::Value>,
    #[serde(default)]
    pub key_encoding: Encoding,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_schema: Option<SchemaRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_error: Option<String>,
    #[serde(default)]
    pub value: Option<serde_json::Value>,
    #[serde(default)]
    pub value_encoding: Encoding,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_schema: Option<SchemaRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_error: Option<String>,
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
    #[error("{field} must be a JSON string with encoding {encoding:?}")]
    NotText { field: String, encoding: Encoding },
    #[error("{field} has encoding registry: it must be encoded again with its schema ({field}_schema), which needs a schema registry")]
    Registry { field: String },
    #[error("{field} has encoding registry but no {field}_schema to encode it with")]
    RegistryWithoutSchema { field: String },
}

/// A key or value with encoding `registry`, taken out of an envelope: the record's JSON and
/// the schema it was decoded with (and is to be encoded with again).
#[derive(Debug, Clone, PartialEq)]
pub struct Registered {
    pub json: serde_json::Value,
    pub schema: SchemaRef,
}

/// Writes bytes as a string and says how.
pub fn encode(bytes: &[u8]) -> (String, Encoding) {
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), Encoding::Utf8),
        Err(_) => (B64.encode(bytes), Encoding::Base64),
    }
}

fn decode_json(
    value: &serde_json::Value,
    encoding: Encoding,
    field: &str,
) -> Result<Vec<u8>, EnvelopeError> {
    if encoding == Encoding::Registry {
        return Err(EnvelopeError::Registry {
            field: field.to_string(),
        });
    }
    match value.as_str() {
        Some(text) => decode(text, encoding, field),
        None => Err(EnvelopeError::NotText {
            field: field.to_string(),
            encoding,
        }),
    }
}

fn decode(text: &str, encoding: Encoding, field: &str) -> Result<Vec<u8>, EnvelopeError> {
    match encoding {
        Encoding::Utf8 | Encoding::Registry => Ok(text.as_bytes().to_vec()),
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
            key: key.map(serde_json::Value::String),
            key_encoding,
            key_schema: None,
            key_error: None,
            value: value.map(serde_json::Value::String),
            value_encoding,
            value_schema: None,
            value_error: None,
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

    /// Shows the key (`is_key`) or value as the registry decoded it, or says why it did not.
    pub fn set_decoded(&mut self, is_key: bool, shown: Shown) {
        let (value, encoding, schema, error) = if is_key {
            (
                &mut self.key,
                &mut self.key_encoding,
                &mut self.key_schema,
                &mut self.key_error,
            )
        } else {
            (
                &mut self.value,
                &mut self.value_encoding,
                &mut self.value_schema,
                &mut self.value_error,
            )
        };
        match shown {
            Shown::Bytes => {}
            Shown::Decoded { json, schema: s } => {
                *value = Some(json);
                *encoding = Encoding::Registry;
                *schema = Some(s);
            }
            Shown::Failed(reason) => *error = Some(reason),
        }
    }

    /// Takes the key (`is_key`) or value out when its encoding is `registry`, leaving a
    /// Kafka null in its place for [`Envelope::into_raw`]; `None` for any other encoding.
    pub fn take_registered(&mut self, is_key: bool) -> Result<Option<Registered>, EnvelopeError> {
        let (value, encoding, schema, field) = if is_key {
            (
                &mut self.key,
                &mut self.key_encoding,
                &mut self.key_schema,
                "key",
            )
        } else {
            (
                &mut self.value,
                &mut self.value_encoding,
                &mut self.value_schema,
                "value",
            )
        };
        if *encoding != Encoding::Registry {
            return Ok(None);
        }
        let Some(schema) = schema.take() else {
            return Err(EnvelopeError::RegistryWithoutSchema {
                field: field.to_string(),
            });
        };
        *encoding = Encoding::Utf8;
        Ok(value.take().map(|json| Registered { json, schema }))
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
            .map(|k| decode_json(&k, self.key_encoding, "key"))
            .transpose()?;
        let value = self
            .value
            .map(|v| decode_json(&v, self.value_encoding, "value"))
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
    fn a_registry_decoded_value_is_json_with_its_schema_and_needs_encoding_again() {
        let mut env =
            Envelope::from_record("t", 0, 5, None, None, Some(b"\0\0\0\0\x01\x02"), vec![]);
        let schema = SchemaRef {
            id: 1,
            subject: Some("t-value".into()),
            version: Some(2),
            schema_type: "avro".into(),
            message: None,
        };
        env.set_decoded(
            false,
            Shown::Decoded {
                json: serde_json::json!({"a": 1}),
                schema: schema.clone(),
            },
        );
        let line = serde_json::to_string(&env).unwrap();
        assert!(line.contains(r#""value":{"a":1}"#), "{line}");
        assert!(line.contains(r#""value_encoding":"registry""#), "{line}");
        assert!(
            line.contains(
                r#""value_schema":{"id":1,"subject":"t-value","version":2,"type":"avro"}"#
            ),
            "{line}"
        );
        let back: Envelope = serde_json::from_str(&line).unwrap();
        assert_eq!(back.value_schema, Some(schema));
        let err = Envelope::parse(&line).unwrap_err().to_string();
        assert!(err.contains("value has encoding registry"), "{err}");
        // A failure keeps the bytes and says why.
        let mut env = Envelope::from_record("t", 0, 5, None, None, Some(b"\0\0"), vec![]);
        env.set_decoded(false, Shown::Failed("truncated".into()));
        let line = serde_json::to_string(&env).unwrap();
        assert!(line.contains(r#""value_error":"truncated""#), "{line}");
        assert_eq!(
            Envelope::parse(&line).unwrap().value.as_deref(),
            Some(&b"\0\0"[..])
        );
        assert!(Envelope::parse(r#"{"value": {"a": 1}}"#).is_err());
    }

    #[test]
    fn a_registry_value_is_taken_out_with_its_schema() {
        let line = r#"{"key":"k","value":{"a":1},"value_encoding":"registry","value_schema":{"id":7,"type":"avro"}}"#;
        let mut env: Envelope = serde_json::from_str(line).unwrap();
        assert_eq!(env.take_registered(true).unwrap(), None);
        let taken = env.take_registered(false).unwrap().unwrap();
        assert_eq!(taken.json, serde_json::json!({"a": 1}));
        assert_eq!(taken.schema.id, 7);
        let raw = env.into_raw().unwrap();
        assert_eq!((raw.key.as_deref(), raw.value), (Some(&b"k"[..]), None));
        let mut env: Envelope =
            serde_json::from_str(r#"{"value":{"a":1},"value_encoding":"registry"}"#).unwrap();
        let err = env.take_registered(false).unwrap_err().to_string();
        assert!(err.contains("no value_schema"), "{err}");
    }

    #[test]
    fn a_minimal_envelope_needs_only_a_value() {
        let raw = Envelope::parse(r#"{"value":"hi"}"#).unwrap();
        assert_eq!(raw.value.as_deref(), Some(&b"hi"[..]));
        assert!(Envelope::parse(r#"{"value":"@@","value_encoding":"base64"}"#).is_err());
        assert!(Envelope::parse("nope").is_err());
    }
}
