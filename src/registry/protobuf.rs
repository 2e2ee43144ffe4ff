//! Protobuf records as JSON and back. Schemas arrive as `.proto` text (that is what a
//! registry stores), so they are compiled here with `protox` (a pure-Rust protobuf
//! compiler: no `protoc` binary to install) into a `prost-reflect` descriptor pool, whose
//! `DynamicMessage` decodes and encodes any message of it and maps it to and from JSON.
//!
//! The JSON is proto3's canonical mapping with two choices made for pipelines: fields keep
//! their `.proto` names (`user_id`, not `userId`, as `preserving_proto_field_name` does), so
//! the decoded record meets a JSON Schema written for the same event; 64-bit integers are
//! JSON numbers, not strings; and fields at their default value are printed, so that a
//! record always shows every field. Encoding accepts either field name form.

use std::collections::HashMap;

use miette::Diagnostic;
use prost::Message as _;
use prost_reflect::{
    DescriptorPool, DeserializeOptions, DynamicMessage, FileDescriptor, MessageDescriptor,
    SerializeOptions,
};
use protox::file::{ChainFileResolver, File, FileResolver, GoogleFileResolver};
use serde_json::Value as Json;

use super::wire;

/// The name the schema's own file gets inside the compiler (imports use their own names).
const MAIN_FILE: &str = "kmsg-registry-schema.proto";

/// Why a `.proto` schema, record or JSON value was refused.
#[derive(Debug, thiserror::Error)]
pub enum ProtobufError {
    #[error("the .proto schema does not compile: {0}")]
    Compile(String),
    #[error("the .proto schema defines no message")]
    NoMessage,
    #[error("message indexes {0:?} name no message of the schema")]
    NoSuchIndexes(Vec<usize>),
    #[error("message {0:?} is not defined in the .proto schema (it defines {1})")]
    NoSuchMessage(String, String),
    #[error(transparent)]
    Wire(#[from] wire::WireError),
    #[error("does not decode as {0}: {1}")]
    Decode(String, String),
    #[error("does not fit message {0}: {1}")]
    Encode(String, String),
}

/// A compiled `.proto` schema.
#[derive(Debug, Clone)]
pub struct ProtobufCodec {
    file: FileDescriptor,
}

/// The in-memory sources: the schema and the files it imports (registry references).
struct Sources(HashMap<String, File>);

impl FileResolver for Sources {
    fn open_file(&self, name: &str) -> Result<File, protox::Error> {
        self.0
            .get(name)
            .cloned()
            .ok_or_else(|| protox::Error::file_not_found(name))
    }
}

/// A schema file from its registry text: `.proto` source, or (as Confluent's Python
/// serializer registers it, and some registries store it) a base64 `FileDescriptorProto`.
fn source_file(name: &str, text: &str) -> Result<File, protox::Error> {
    let trimmed = text.trim();
    let looks_base64 = !trimmed.is_empty()
        && trimmed
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b));
    if looks_base64 {
        use base64::Engine as _;
        if let Ok(bytes) = base64::engine::general_purpose::STANDARD.decode(trimmed) {
            if let Ok(mut proto) =
                <prost_types::FileDescriptorProto as prost::Message>::decode(&bytes[..])
            {
                proto.name = Some(name.to_string());
                return Ok(File::from_file_descriptor_proto(proto));
            }
        }
    }
    File::from_source(name, text)
}

impl ProtobufCodec {
    /// Compiles `text` with the files it imports, given as (import name, source); Google's
    /// well-known types (`google/protobuf/*.proto`) are built in. Each text is `.proto`
    /// source or a base64 `FileDescriptorProto`.
    pub fn parse(text: &str, imports: &[(String, String)]) -> Result<Self, ProtobufError> {
        let mut texts: HashMap<String, String> = imports.iter().cloned().collect();
        texts.insert(MAIN_FILE.to_string(), text.to_string());
        let mut files = HashMap::new();
        for (name, text) in &texts {
            let file = source_file(name, text)
                .map_err(|e| ProtobufError::Compile(describe(&e, &texts)))?;
            files.insert(name.clone(), file);
        }
        let mut resolver = ChainFileResolver::new();
        resolver.add(Sources(files));
        resolver.add(GoogleFileResolver::new());
        let mut compiler = protox::Compiler::with_file_resolver(resolver);
        compiler.include_imports(true);
        compiler
            .open_file(MAIN_FILE)
            .map_err(|e| ProtobufError::Compile(describe(&e, &texts)))?;
        let pool: DescriptorPool = compiler.descriptor_pool();
        let file = pool.get_file_by_name(MAIN_FILE).ok_or_else(|| {
            ProtobufError::Compile("the schema file is missing after compiling".into())
        })?;
        if file.messages().len() == 0 {
            return Err(ProtobufError::NoMessage);
        }
        Ok(ProtobufCodec { file })
    }

    /// The message the indexes name: `[0]` is the first top-level message, `[1, 2]` the
    /// third nested message of the second.
    pub fn message_at(&self, indexes: &[usize]) -> Result<MessageDescriptor, ProtobufError> {
        let missing = || ProtobufError::NoSuchIndexes(indexes.to_vec());
        let (&first, rest) = indexes.split_first().ok_or_else(missing)?;
        let mut message = self.file.messages().nth(first).ok_or_else(missing)?;
        for &i in rest {
            let child = message.child_messages().nth(i);
            message = child.ok_or_else(missing)?;
        }
        Ok(message)
    }

    /// The message a producer writes: the named one (full or short name), else the first.
    pub fn message_named(
        &self,
        name: Option<&str>,
    ) -> Result<(MessageDescriptor, Vec<usize>), ProtobufError> {
        let Some(name) = name else {
            return Ok((self.message_at(&[0])?, vec![0]));
        };
        fn search(
            messages: Vec<MessageDescriptor>,
            name: &str,
            path: &mut Vec<usize>,
        ) -> Option<MessageDescriptor> {
            for (i, m) in messages.into_iter().enumerate() {
                path.push(i);
                if m.full_name() == name || m.name() == name {
                    return Some(m);
                }
                if let Some(found) = search(m.child_messages().collect(), name, path) {
                    return Some(found);
                }
                path.pop();
            }
            None
        }
        let mut path = Vec::new();
        match search(self.file.messages().collect(), name, &mut path) {
            Some(m) => Ok((m, path)),
            None => Err(ProtobufError::NoSuchMessage(
                name.to_string(),
                self.file
                    .messages()
                    .map(|m| m.full_name().to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
            )),
        }
    }

    /// Decodes a registry body (message indexes, then the message) into JSON; returns the
    /// message's full name too.
    pub fn decode(&self, body: &[u8]) -> Result<(Json, String), ProtobufError> {
        let (indexes, payload) = wire::split_message_indexes(body)?;
        let desc = self.message_at(&indexes)?;
        let name = desc.full_name().to_string();
        let message = DynamicMessage::decode(desc, payload)
            .map_err(|e| ProtobufError::Decode(name.clone(), e.to_string()))?;
        let options = SerializeOptions::new()
            .use_proto_field_name(true)
            .stringify_64_bit_integers(false)
            .skip_default_fields(false);
        let json = message
            .serialize_with_options(serde_json::value::Serializer, &options)
            .map_err(|e| ProtobufError::Decode(name.clone(), e.to_string()))?;
        Ok((json, name))
    }

    /// Encodes `json` as the message (see [`Self::message_named`]) into a registry body:
    /// message indexes, then the message.
    pub fn encode(&self, json: &Json, message: Option<&str>) -> Result<Vec<u8>, ProtobufError> {
        let (desc, indexes) = self.message_named(message)?;
        let name = desc.full_name().to_string();
        let options = DeserializeOptions::new().deny_unknown_fields(true);
        let msg = DynamicMessage::deserialize_with_options(desc, json, &options)
            .map_err(|e| ProtobufError::Encode(name, e.to_string()))?;
        let mut out = wire::message_indexes(&indexes);
        msg.encode(&mut out).expect("a Vec grows as needed");
        Ok(out)
    }
}

/// The compiler's message, with the file and line it points at when it has one.
fn describe(err: &protox::Error, sources: &HashMap<String, String>) -> String {
    let text = err.to_string();
    let offset = err.labels().and_then(|mut l| l.next()).map(|l| l.offset());
    let file = err.file().unwrap_or(MAIN_FILE);
    match (offset, sources.get(file)) {
        (Some(offset), Some(source)) => {
            let line = source[..offset.min(source.len())].matches('\n').count() + 1;
            if file == MAIN_FILE {
                format!("line {line}: {text}")
            } else {
                format!("{file} line {line}: {text}")
            }
        }
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const LOGIN: &str = include_str!("../../schemas/login.proto");

    fn login() -> Json {
        json!({"user_id": "4a381a71-5a66-4288-b2f8-7935c19aa7f3", "app_version": "2.3.0",
               "ip": "80.222.149.199", "locale": "CO",
               "device_id": "798f2ad2-d955-4152-adef-e6e54a979b63",
               "timestamp": 1741724761, "device_type": "iOS"})
    }

    #[test]
    fn a_login_event_round_trips_with_proto_field_names_and_integer_timestamps() {
        let codec = ProtobufCodec::parse(LOGIN, &[]).unwrap();
        let body = codec.encode(&login(), None).unwrap();
        assert_eq!(body[0], 0, "the first message is the single index byte 0");
        let (json, name) = codec.decode(&body).unwrap();
        assert_eq!(name, "kmsg.login.Login");
        assert_eq!(json, login());
        // Default-valued fields are shown, not dropped.
        let (json, _) = codec.decode(&[0]).unwrap();
        assert_eq!(json["timestamp"], 0);
        assert_eq!(json["locale"], "");
    }

    #[test]
    fn nested_messages_are_found_by_indexes_and_by_name() {
        let text = r#"syntax = "proto3"; package p;
            message A { string a = 1; }
            message B { message Inner { int32 x = 1; } Inner inner = 1; }"#;
        let codec = ProtobufCodec::parse(text, &[]).unwrap();
        let (_, path) = codec.message_named(Some("p.B.Inner")).unwrap();
        assert_eq!(path, [1, 0]);
        let body = codec.encode(&json!({"x": 7}), Some("Inner")).unwrap();
        assert_eq!(&body[..3], &[4, 2, 0]);
        let (json, name) = codec.decode(&body).unwrap();
        assert_eq!((json, name.as_str()), (json!({"x": 7}), "p.B.Inner"));
        assert!(matches!(
            codec.decode(&[2, 6]),
            Err(ProtobufError::NoSuchIndexes(_))
        ));
        let err = codec.message_named(Some("C")).unwrap_err().to_string();
        assert!(err.contains("p.A, p.B"), "{err}");
    }

    #[test]
    fn imports_come_from_references_and_the_well_known_types_are_built_in() {
        let text = r#"syntax = "proto3"; import "common.proto"; import "google/protobuf/timestamp.proto";
            message E { common.Id id = 1; google.protobuf.Timestamp at = 2; }"#;
        let common = (
            "common.proto".to_string(),
            r#"syntax = "proto3"; package common; message Id { string v = 1; }"#.to_string(),
        );
        let codec = ProtobufCodec::parse(text, &[common]).unwrap();
        let v = json!({"id": {"v": "x"}, "at": "2025-03-11T20:26:01Z"});
        let (back, _) = codec.decode(&codec.encode(&v, None).unwrap()).unwrap();
        assert_eq!(back, v);
        let err = ProtobufCodec::parse(text, &[]).unwrap_err().to_string();
        assert!(err.contains("common.proto"), "{err}");
    }

    #[test]
    fn a_base64_file_descriptor_as_python_registers_it_is_understood() {
        let codec = ProtobufCodec::parse(LOGIN, &[]).unwrap();
        let mut proto = codec.file.file_descriptor_proto().clone();
        proto.name = Some("login.proto".into());
        use base64::Engine as _;
        let text =
            base64::engine::general_purpose::STANDARD.encode(prost::Message::encode_to_vec(&proto));
        let from_b64 = ProtobufCodec::parse(&text, &[]).unwrap();
        let body = codec.encode(&login(), None).unwrap();
        assert_eq!(from_b64.decode(&body).unwrap().0, login());
    }

    #[test]
    fn a_schema_that_does_not_compile_names_the_line() {
        let text = "syntax = \"proto3\";\nmessage A {\n  string a = 1\n}\n";
        let err = ProtobufCodec::parse(text, &[]).unwrap_err().to_string();
        assert!(
            err.starts_with("the .proto schema does not compile: line 4"),
            "{err}"
        );
    }

    #[test]
    fn json_that_does_not_fit_and_bytes_that_do_not_decode_are_errors() {
        let codec = ProtobufCodec::parse(LOGIN, &[]).unwrap();
        let mut bad = login();
        bad["timestamp"] = json!("soon");
        assert!(matches!(
            codec.encode(&bad, None),
            Err(ProtobufError::Encode(..))
        ));
        let mut extra = login();
        extra["extra"] = json!(1);
        assert!(matches!(
            codec.encode(&extra, None),
            Err(ProtobufError::Encode(..))
        ));
        let body = codec.encode(&login(), None).unwrap();
        assert!(matches!(
            codec.decode(&body[..body.len() - 4]),
            Err(ProtobufError::Decode(..))
        ));
        assert!(matches!(codec.decode(&[]), Err(ProtobufError::Wire(_))));
    }
}
