//! Avro records as JSON and back, with the `apache-avro` crate (the Apache project's own Rust
//! implementation: schema parsing with named references, the binary datum codec, logical
//! types). What is written here is only the mapping between its `Value` and JSON.
//!
//! The JSON mapping is the natural one that Python's `fastavro`, rpk and most tools print: a
//! record is an object, a union is its branch's value (no `{"type": value}` wrapper), an enum
//! its symbol, bytes and fixed are strings of code points U+0000..U+00FF (the Avro JSON
//! encoding of bytes), logical types their underlying number or string. Encoding accepts the
//! same, and also a wrapped union branch (`{"string": "x"}`), and fills missing fields from
//! their defaults.

use std::collections::HashMap;

use apache_avro::schema::{Name, ResolvedSchema, Schema, UnionSchema};
use apache_avro::types::Value as Avro;
use serde_json::{Map, Number, Value as Json};

/// Why an Avro schema, record or JSON value was refused.
#[derive(Debug, thiserror::Error)]
pub enum AvroError {
    #[error("not a valid Avro schema: {0}")]
    Schema(String),
    #[error("does not decode with its Avro schema: {0}")]
    Decode(String),
    #[error("{0} trailing byte(s) after the Avro record")]
    Trailing(usize),
    #[error("does not fit the Avro schema: {0}")]
    Encode(String),
}

/// A parsed Avro schema, with the named types it and its references define.
#[derive(Debug, Clone)]
pub struct AvroCodec {
    schema: Schema,
    references: Vec<Schema>,
    names: HashMap<Name, Schema>,
}

impl AvroCodec {
    /// Parses `text` (the schema's JSON) with the schemas it references (their JSON texts).
    pub fn parse(text: &str, references: &[String]) -> Result<Self, AvroError> {
        // The crate's own message for bad JSON has no position: serde_json's has.
        if let Err(e) = serde_json::from_str::<Json>(text) {
            return Err(AvroError::Schema(format!("not valid JSON: {e}")));
        }
        let (schema, references) = if references.is_empty() {
            (
                Schema::parse_str(text).map_err(|e| AvroError::Schema(e.to_string()))?,
                Vec::new(),
            )
        } else {
            Schema::parse_str_with_list(text, references)
                .map_err(|e| AvroError::Schema(e.to_string()))?
        };
        // Referenced types first: resolving goes in order.
        let mut all: Vec<&Schema> = references.iter().collect();
        all.push(&schema);
        let names = ResolvedSchema::try_from(all)
            .map_err(|e| AvroError::Schema(e.to_string()))?
            .get_names()
            .iter()
            .map(|(n, s)| (n.clone(), (*s).clone()))
            .collect();
        Ok(AvroCodec {
            schema,
            references,
            names,
        })
    }

    /// The record's JSON; the payload must be exactly one datum.
    pub fn decode(&self, payload: &[u8]) -> Result<Json, AvroError> {
        let mut reader = payload;
        let value = apache_avro::from_avro_datum_schemata(
            &self.schema,
            self.references.iter().collect(),
            &mut reader,
            None,
        )
        .map_err(|e| AvroError::Decode(e.to_string()))?;
        if !reader.is_empty() {
            return Err(AvroError::Trailing(reader.len()));
        }
        Ok(to_json(value))
    }

    /// The datum for `json`, checked against the schema.
    pub fn encode(&self, json: &Json) -> Result<Vec<u8>, AvroError> {
        let value = self.value_of(&self.schema, json, "")?;
        apache_avro::to_avro_datum_schemata(&self.schema, self.references.iter().collect(), value)
            .map_err(|e| AvroError::Encode(e.to_string()))
    }

    fn resolve<'a>(&'a self, schema: &'a Schema) -> Result<&'a Schema, AvroError> {
        match schema {
            Schema::Ref { name } => self.names.get(name).ok_or_else(|| {
                AvroError::Schema(format!("unknown named type {}", name.fullname(None)))
            }),
            other => Ok(other),
        }
    }

    fn value_of(&self, schema: &Schema, json: &Json, path: &str) -> Result<Avro, AvroError> {
        let schema = self.resolve(schema)?;
        let wrong = |want: &str| {
            AvroError::Encode(format!(
                "{}: expected {want}, got {}",
                if path.is_empty() { "the record" } else { path },
                kind_of(json)
            ))
        };
        Ok(match schema {
            Schema::Null => match json {
                Json::Null => Avro::Null,
                _ => return Err(wrong("null")),
            },
            Schema::Boolean => Avro::Boolean(json.as_bool().ok_or_else(|| wrong("a boolean"))?),
            Schema::Int | Schema::Date | Schema::TimeMillis => {
                let n = json
                    .as_i64()
                    .and_then(|n| i32::try_from(n).ok())
                    .ok_or_else(|| wrong("an int (32-bit integer)"))?;
                match schema {
                    Schema::Date => Avro::Date(n),
                    Schema::TimeMillis => Avro::TimeMillis(n),
                    _ => Avro::Int(n),
                }
            }
            Schema::Long
            | Schema::TimeMicros
            | Schema::TimestampMillis
            | Schema::TimestampMicros
            | Schema::TimestampNanos
            | Schema::LocalTimestampMillis
            | Schema::LocalTimestampMicros
            | Schema::LocalTimestampNanos => {
                let n = json
                    .as_i64()
                    .ok_or_else(|| wrong("a long (64-bit integer)"))?;
                match schema {
                    Schema::TimeMicros => Avro::TimeMicros(n),
                    Schema::TimestampMillis => Avro::TimestampMillis(n),
                    Schema::TimestampMicros => Avro::TimestampMicros(n),
                    Schema::TimestampNanos => Avro::TimestampNanos(n),
                    Schema::LocalTimestampMillis => Avro::LocalTimestampMillis(n),
                    Schema::LocalTimestampMicros => Avro::LocalTimestampMicros(n),
                    Schema::LocalTimestampNanos => Avro::LocalTimestampNanos(n),
                    _ => Avro::Long(n),
                }
            }
            Schema::Float => Avro::Float(json.as_f64().ok_or_else(|| wrong("a float"))? as f32),
            Schema::Double => Avro::Double(json.as_f64().ok_or_else(|| wrong("a double"))?),
            Schema::String => {
                Avro::String(json.as_str().ok_or_else(|| wrong("a string"))?.to_string())
            }
            Schema::Uuid => {
                let s = json.as_str().ok_or_else(|| wrong("a UUID string"))?;
                Avro::Uuid(uuid::Uuid::parse_str(s).map_err(|_| wrong("a UUID string"))?)
            }
            Schema::Bytes => Avro::Bytes(
                latin1_bytes(json)
                    .ok_or_else(|| wrong("a string of bytes (code points up to U+00FF)"))?,
            ),
            Schema::Fixed(f) => {
                let bytes = latin1_bytes(json).ok_or_else(|| wrong("a string of bytes"))?;
                if bytes.len() != f.size {
                    return Err(wrong(&format!("{} bytes", f.size)));
                }
                Avro::Fixed(f.size, bytes)
            }
            Schema::Decimal(_) | Schema::BigDecimal | Schema::Duration => {
                return Err(AvroError::Encode(format!(
                    "{path}: encoding the {schema} logical type from JSON is not supported"
                )))
            }
            Schema::Enum(e) => {
                let s = json.as_str().ok_or_else(|| wrong("an enum symbol"))?;
                let i = e
                    .symbols
                    .iter()
                    .position(|x| x == s)
                    .ok_or_else(|| wrong(&format!("one of {:?}", e.symbols)))?;
                Avro::Enum(i as u32, s.to_string())
            }
            Schema::Array(a) => {
                let items = json.as_array().ok_or_else(|| wrong("an array"))?;
                Avro::Array(
                    items
                        .iter()
                        .enumerate()
                        .map(|(i, v)| self.value_of(&a.items, v, &format!("{path}[{i}]")))
                        .collect::<Result<_, _>>()?,
                )
            }
            Schema::Map(m) => {
                let obj = json.as_object().ok_or_else(|| wrong("an object (map)"))?;
                Avro::Map(
                    obj.iter()
                        .map(|(k, v)| Ok((k.clone(), self.value_of(&m.types, v, &join(path, k))?)))
                        .collect::<Result<_, AvroError>>()?,
                )
            }
            Schema::Record(r) => {
                let obj = json
                    .as_object()
                    .ok_or_else(|| wrong("an object (record)"))?;
                if let Some(extra) = obj.keys().find(|k| !r.lookup.contains_key(*k)) {
                    return Err(AvroError::Encode(format!(
                        "{}: field {extra:?} is not in record {}",
                        if path.is_empty() { "the record" } else { path },
                        r.name.fullname(None)
                    )));
                }
                let mut fields = Vec::with_capacity(r.fields.len());
                for f in &r.fields {
                    let at = join(path, &f.name);
                    let v = match (obj.get(&f.name), &f.default) {
                        (Some(v), _) => self.value_of(&f.schema, v, &at)?,
                        (None, Some(d)) => self.default_value(&f.schema, d, &at)?,
                        (None, None) => {
                            return Err(AvroError::Encode(format!(
                                "{at}: missing (it has no default)"
                            )))
                        }
                    };
                    fields.push((f.name.clone(), v));
                }
                Avro::Record(fields)
            }
            Schema::Union(u) => self.union_from_json(u, json, path)?,
            Schema::Ref { .. } => unreachable!("resolved above"),
        })
    }

    /// A field's default: for a union it is of the first branch (the Avro rule).
    fn default_value(
        &self,
        schema: &Schema,
        default: &Json,
        path: &str,
    ) -> Result<Avro, AvroError> {
        match self.resolve(schema)? {
            Schema::Union(u) => {
                let first = u
                    .variants()
                    .first()
                    .ok_or_else(|| AvroError::Schema("empty union".into()))?;
                Ok(Avro::Union(
                    0,
                    Box::new(self.value_of(first, default, path)?),
                ))
            }
            other => self.value_of(other, default, path),
        }
    }

    fn union_from_json(&self, u: &UnionSchema, json: &Json, path: &str) -> Result<Avro, AvroError> {
        // The wrapped form of the Avro JSON encoding: {"branch type": value}.
        if let Json::Object(obj) = json {
            if obj.len() == 1 {
                let (key, inner) = obj.iter().next().expect("one entry");
                for (i, branch) in u.variants().iter().enumerate() {
                    if branch_name(branch) == *key {
                        return Ok(Avro::Union(
                            i as u32,
                            Box::new(self.value_of(branch, inner, path)?),
                        ));
                    }
                }
            }
        }
        // The natural form: the first branch the value fits.
        for (i, branch) in u.variants().iter().enumerate() {
            if let Ok(v) = self.value_of(branch, json, path) {
                return Ok(Avro::Union(i as u32, Box::new(v)));
            }
        }
        Err(AvroError::Encode(format!(
            "{}: {} fits no branch of the union [{}]",
            if path.is_empty() { "the record" } else { path },
            kind_of(json),
            u.variants()
                .iter()
                .map(branch_name)
                .collect::<Vec<_>>()
                .join(", ")
        )))
    }
}

/// The name a union branch goes by in the wrapped JSON form: the full name of a named type,
/// else the primitive's name.
fn branch_name(schema: &Schema) -> String {
    match schema.name() {
        Some(n) => n.fullname(None),
        None => match schema {
            Schema::Array(_) => "array".into(),
            Schema::Map(_) => "map".into(),
            other => format!("{:?}", apache_avro::schema::SchemaKind::from(other)).to_lowercase(),
        },
    }
}

fn join(path: &str, field: &str) -> String {
    if path.is_empty() {
        field.to_string()
    } else {
        format!("{path}.{field}")
    }
}

fn kind_of(json: &Json) -> &'static str {
    match json {
        Json::Null => "null",
        Json::Bool(_) => "a boolean",
        Json::Number(n) if n.is_i64() || n.is_u64() => "an integer",
        Json::Number(_) => "a number",
        Json::String(_) => "a string",
        Json::Array(_) => "an array",
        Json::Object(_) => "an object",
    }
}

/// Bytes from a JSON string whose code points are all below U+0100.
fn latin1_bytes(json: &Json) -> Option<Vec<u8>> {
    json.as_str()?
        .chars()
        .map(|c| u8::try_from(u32::from(c)).ok())
        .collect()
}

fn latin1_string(bytes: &[u8]) -> Json {
    Json::String(bytes.iter().map(|&b| char::from(b)).collect())
}

fn number(f: f64) -> Json {
    Number::from_f64(f)
        .map(Json::Number)
        .unwrap_or_else(|| Json::String(f.to_string()))
}

/// The natural JSON of a decoded Avro value (see the module doc).
fn to_json(value: Avro) -> Json {
    match value {
        Avro::Null => Json::Null,
        Avro::Boolean(b) => Json::Bool(b),
        Avro::Int(n) | Avro::Date(n) | Avro::TimeMillis(n) => Json::from(n),
        Avro::Long(n)
        | Avro::TimeMicros(n)
        | Avro::TimestampMillis(n)
        | Avro::TimestampMicros(n)
        | Avro::TimestampNanos(n)
        | Avro::LocalTimestampMillis(n)
        | Avro::LocalTimestampMicros(n)
        | Avro::LocalTimestampNanos(n) => Json::from(n),
        Avro::Float(f) => number(f64::from(f)),
        Avro::Double(f) => number(f),
        Avro::Bytes(b) | Avro::Fixed(_, b) => latin1_string(&b),
        Avro::String(s) | Avro::Enum(_, s) => Json::String(s),
        Avro::Uuid(u) => Json::String(u.to_string()),
        Avro::Union(_, v) => to_json(*v),
        Avro::Array(items) => Json::Array(items.into_iter().map(to_json).collect()),
        Avro::Map(m) => Json::Object(m.into_iter().map(|(k, v)| (k, to_json(v))).collect()),
        Avro::Record(fields) => Json::Object(
            fields
                .into_iter()
                .map(|(k, v)| (k, to_json(v)))
                .collect::<Map<_, _>>(),
        ),
        Avro::Decimal(d) => latin1_string(&Vec::<u8>::try_from(&d).unwrap_or_default()),
        Avro::BigDecimal(d) => Json::String(d.to_string()),
        Avro::Duration(d) => latin1_string(&<[u8; 12]>::from(d)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const LOGIN: &str = include_str!("../../schemas/login.avsc");

    fn login() -> Json {
        json!({"user_id": "4a381a71-5a66-4288-b2f8-7935c19aa7f3", "app_version": "2.3.0",
               "ip": "80.222.149.199", "locale": "CO",
               "device_id": "798f2ad2-d955-4152-adef-e6e54a979b63",
               "timestamp": 1741724761, "device_type": "android"})
    }

    #[test]
    fn a_login_event_round_trips_through_the_shipped_schema() {
        let codec = AvroCodec::parse(LOGIN, &[]).unwrap();
        let bytes = codec.encode(&login()).unwrap();
        assert_eq!(codec.decode(&bytes).unwrap(), login());
    }

    #[test]
    fn a_json_value_that_does_not_fit_is_refused_naming_the_field() {
        let codec = AvroCodec::parse(LOGIN, &[]).unwrap();
        let cases = [
            (
                "timestamp",
                json!("1741724761"),
                "timestamp: expected a long",
            ),
            ("locale", json!(7), "locale: expected a string"),
        ];
        for (field, value, want) in cases {
            let mut v = login();
            v[field] = value;
            let err = codec.encode(&v).unwrap_err().to_string();
            assert!(err.contains(want), "{err}");
        }
        let mut v = login();
        v.as_object_mut().unwrap().remove("device_type");
        let err = codec.encode(&v).unwrap_err().to_string();
        assert!(err.contains("device_type: missing"), "{err}");
        let mut v = login();
        v["extra"] = json!(1);
        let err = codec.encode(&v).unwrap_err().to_string();
        assert!(
            err.contains("\"extra\" is not in record kmsg.login.Login"),
            "{err}"
        );
    }

    #[test]
    fn truncated_and_overlong_payloads_are_errors() {
        let codec = AvroCodec::parse(LOGIN, &[]).unwrap();
        let bytes = codec.encode(&login()).unwrap();
        assert!(matches!(
            codec.decode(&bytes[..bytes.len() - 3]),
            Err(AvroError::Decode(_))
        ));
        let mut long = bytes.clone();
        long.push(0);
        assert!(matches!(codec.decode(&long), Err(AvroError::Trailing(1))));
    }

    #[test]
    fn unions_enums_bytes_defaults_and_references() {
        let kind = r#"{"type": "enum", "name": "Kind", "namespace": "t", "symbols": ["A", "B"]}"#;
        let schema = r#"{"type": "record", "name": "R", "namespace": "t", "fields": [
            {"name": "opt", "type": ["null", "string"], "default": null},
            {"name": "n", "type": ["null", "long"]},
            {"name": "kind", "type": "t.Kind"},
            {"name": "raw", "type": "bytes"},
            {"name": "tags", "type": {"type": "map", "values": "int"}, "default": {}}
        ]}"#;
        let codec = AvroCodec::parse(schema, &[kind.to_string()]).unwrap();
        let v = json!({"n": 5, "kind": "B", "raw": "\u{0}\u{ff}"});
        let bytes = codec.encode(&v).unwrap();
        assert_eq!(
            codec.decode(&bytes).unwrap(),
            json!({"opt": null, "n": 5, "kind": "B", "raw": "\u{0}\u{ff}", "tags": {}})
        );
        // The wrapped union form is accepted too.
        let wrapped = json!({"opt": {"string": "x"}, "n": {"long": 1}, "kind": "A", "raw": ""});
        let back = codec.decode(&codec.encode(&wrapped).unwrap()).unwrap();
        assert_eq!(back["opt"], "x");
        let err = codec
            .encode(&json!({"n": 1, "kind": "C", "raw": ""}))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("kind: expected one of [\"A\", \"B\"]"),
            "{err}"
        );
        let err = codec
            .encode(&json!({"n": "x", "kind": "A", "raw": ""}))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("fits no branch of the union [null, long]"),
            "{err}"
        );
    }

    #[test]
    fn a_schema_that_is_not_avro_is_refused() {
        for bad in ["{", r#"{"type": "record", "name": "R"}"#, r#""nope""#] {
            assert!(
                matches!(AvroCodec::parse(bad, &[]), Err(AvroError::Schema(_))),
                "{bad}"
            );
        }
    }
}
