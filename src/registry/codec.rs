//! One registered schema, ready to decode and encode records: Avro (`avro`), Protobuf
//! (`protobuf`) or JSON Schema (the record is JSON text, checked by the `jsonschema` crate
//! as `--schema` files are). Built once per schema id and shared by every record that
//! names it.

use serde_json::Value as Json;

use super::avro::{AvroCodec, AvroError};
use super::protobuf::{ProtobufCodec, ProtobufError};
use crate::pipeline::validate::SchemaValidator;

/// The schema types a registry knows (its `schemaType`; absent means Avro).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SchemaType {
    Avro,
    Protobuf,
    Json,
}

impl SchemaType {
    /// The registry's name for it (`AVRO`, `PROTOBUF`, `JSON`).
    pub fn registry_name(self) -> &'static str {
        match self {
            SchemaType::Avro => "AVRO",
            SchemaType::Protobuf => "PROTOBUF",
            SchemaType::Json => "JSON",
        }
    }

    /// kmsg's lower-case name (`avro`, `protobuf`, `json`), as in `--type` and envelopes.
    pub fn name(self) -> &'static str {
        match self {
            SchemaType::Avro => "avro",
            SchemaType::Protobuf => "protobuf",
            SchemaType::Json => "json",
        }
    }

    /// From the registry's `schemaType` field (absent: Avro).
    pub fn from_registry(name: Option<&str>) -> Option<Self> {
        match name.map(str::to_ascii_uppercase).as_deref() {
            None | Some("AVRO") => Some(SchemaType::Avro),
            Some("PROTOBUF") => Some(SchemaType::Protobuf),
            Some("JSON") => Some(SchemaType::Json),
            Some(_) => None,
        }
    }
}

/// Why a schema could not be used, or a record not decoded or encoded.
#[derive(Debug, thiserror::Error)]
pub enum CodecError {
    #[error(transparent)]
    Avro(#[from] AvroError),
    #[error(transparent)]
    Protobuf(#[from] ProtobufError),
    #[error("not a valid JSON Schema: {0}")]
    JsonSchema(String),
    #[error("not JSON: {0}")]
    NotJson(String),
    #[error("does not match its JSON Schema: {0}")]
    JsonInvalid(String),
}

/// A schema's source as the registry gives it: its text and the texts it references, each
/// under the name it is imported by (Protobuf) or defines (Avro).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaSource {
    pub schema_type: SchemaType,
    pub text: String,
    pub references: Vec<(String, String)>,
}

/// A compiled schema.
#[derive(Debug)]
pub enum Codec {
    Avro(AvroCodec),
    Protobuf(ProtobufCodec),
    Json(SchemaValidator),
}

/// A decoded record: its JSON, and for Protobuf the message's full name.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub json: Json,
    pub message: Option<String>,
}

impl Codec {
    /// Compiles a schema.
    pub fn build(source: &SchemaSource) -> Result<Codec, CodecError> {
        Ok(match source.schema_type {
            SchemaType::Avro => {
                let refs: Vec<String> = source.references.iter().map(|(_, t)| t.clone()).collect();
                Codec::Avro(AvroCodec::parse(&source.text, &refs)?)
            }
            SchemaType::Protobuf => {
                Codec::Protobuf(ProtobufCodec::parse(&source.text, &source.references)?)
            }
            SchemaType::Json => {
                let schema: Json = serde_json::from_str(&source.text)
                    .map_err(|e| CodecError::JsonSchema(e.to_string()))?;
                Codec::Json(SchemaValidator::from_value(&schema).map_err(CodecError::JsonSchema)?)
            }
        })
    }

    pub fn schema_type(&self) -> SchemaType {
        match self {
            Codec::Avro(_) => SchemaType::Avro,
            Codec::Protobuf(_) => SchemaType::Protobuf,
            Codec::Json(_) => SchemaType::Json,
        }
    }

    /// Decodes the body after the 5-byte registry header.
    pub fn decode(&self, body: &[u8]) -> Result<Decoded, CodecError> {
        Ok(match self {
            Codec::Avro(c) => Decoded {
                json: c.decode(body)?,
                message: None,
            },
            Codec::Protobuf(c) => {
                let (json, name) = c.decode(body)?;
                Decoded {
                    json,
                    message: Some(name),
                }
            }
            Codec::Json(v) => {
                let json: Json =
                    serde_json::from_slice(body).map_err(|e| CodecError::NotJson(e.to_string()))?;
                check_json(v, &json)?;
                Decoded {
                    json,
                    message: None,
                }
            }
        })
    }

    /// Encodes `json` into the body that follows the 5-byte header (for Protobuf,
    /// `message` picks the message type; the first one by default).
    pub fn encode(&self, json: &Json, message: Option<&str>) -> Result<Vec<u8>, CodecError> {
        Ok(match self {
            Codec::Avro(c) => c.encode(json)?,
            Codec::Protobuf(c) => c.encode(json, message)?,
            Codec::Json(v) => {
                check_json(v, json)?;
                serde_json::to_vec(json).expect("a JSON value serializes")
            }
        })
    }
}

fn check_json(validator: &SchemaValidator, json: &Json) -> Result<(), CodecError> {
    let violations = validator.violations(json);
    match violations.first() {
        None => Ok(()),
        Some(v) => Err(CodecError::JsonInvalid(v.summary())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn source(schema_type: SchemaType, text: &str) -> SchemaSource {
        SchemaSource {
            schema_type,
            text: text.to_string(),
            references: Vec::new(),
        }
    }

    #[test]
    fn the_three_shipped_login_schemas_carry_the_same_event() {
        let event = json!({"user_id": "u", "app_version": "2.3.0", "ip": "80.222.149.199",
            "locale": "CO", "device_id": "d", "timestamp": 1741724761, "device_type": "iOS"});
        for (t, text) in [
            (SchemaType::Avro, include_str!("../../schemas/login.avsc")),
            (
                SchemaType::Protobuf,
                include_str!("../../schemas/login.proto"),
            ),
            (SchemaType::Json, include_str!("../../schema.json")),
        ] {
            let codec = Codec::build(&source(t, text)).unwrap();
            assert_eq!(codec.schema_type(), t);
            let body = codec.encode(&event, None).unwrap();
            assert_eq!(codec.decode(&body).unwrap().json, event, "{t:?}");
        }
    }

    #[test]
    fn a_json_schema_record_must_be_json_and_match() {
        let codec =
            Codec::build(&source(SchemaType::Json, include_str!("../../schema.json"))).unwrap();
        assert!(matches!(
            codec.decode(b"{nope"),
            Err(CodecError::NotJson(_))
        ));
        let err = codec
            .decode(br#"{"ip": "1.2.3.4"}"#)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("does not match its JSON Schema: "), "{err}");
        assert!(matches!(
            Codec::build(&source(SchemaType::Json, "[1")),
            Err(CodecError::JsonSchema(_))
        ));
    }

    #[test]
    fn schema_type_names() {
        assert_eq!(SchemaType::from_registry(None), Some(SchemaType::Avro));
        assert_eq!(
            SchemaType::from_registry(Some("PROTOBUF")),
            Some(SchemaType::Protobuf)
        );
        assert_eq!(
            SchemaType::from_registry(Some("json")),
            Some(SchemaType::Json)
        );
        assert_eq!(SchemaType::from_registry(Some("THRIFT")), None);
        assert_eq!(SchemaType::Json.registry_name(), "JSON");
    }
}
