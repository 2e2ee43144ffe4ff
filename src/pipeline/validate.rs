//! JSON Schema validation, compiled once at start-up and reused for every message.
//!
//! Uses the `jsonschema` crate with `format` assertions on (so `"format": "ipv4"` is enforced,
//! which the JSON Schema spec leaves optional). A violation names the field (JSON pointer)
//! and the rule (keyword) that failed, for DLQ headers and producer reports.

use std::path::{Path, PathBuf};

use serde_json::Value;

/// Why a schema could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum SchemaError {
    #[error("--schema {path}: {reason}")]
    Read { path: PathBuf, reason: String },
    #[error("--schema {path} is not valid JSON: {reason}")]
    NotJson { path: PathBuf, reason: String },
    #[error("--schema {path} is not a valid JSON Schema: {reason}")]
    NotSchema { path: PathBuf, reason: String },
}

/// One failed rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// JSON pointer to the offending value ("" for the whole document).
    pub field: String,
    /// The schema keyword that failed (`format`, `required`, `pattern`, ...).
    pub rule: String,
    /// The validator's message.
    pub message: String,
}

impl Violation {
    /// One line: `/ip: format: "999.1.1.1" is not a "ipv4"`.
    pub fn summary(&self) -> String {
        let field = if self.field.is_empty() {
            "/"
        } else {
            &self.field
        };
        format!("{field}: {}: {}", self.rule, self.message)
    }
}

/// A compiled schema.
#[derive(Debug)]
pub struct SchemaValidator {
    validator: jsonschema::Validator,
}

impl SchemaValidator {
    /// Reads and compiles a schema file (draft 7 and later; the draft comes from `$schema`).
    pub fn from_file(path: &Path) -> Result<Self, SchemaError> {
        let text = std::fs::read_to_string(path).map_err(|e| SchemaError::Read {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?;
        let schema: Value = serde_json::from_str(&text).map_err(|e| SchemaError::NotJson {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?;
        Self::from_value(&schema).map_err(|reason| SchemaError::NotSchema {
            path: path.to_path_buf(),
            reason,
        })
    }

    /// Compiles a schema given as a JSON value.
    pub fn from_value(schema: &Value) -> Result<Self, String> {
        if !(schema.is_object() || schema.is_boolean()) {
            return Err("a schema must be a JSON object or a boolean".into());
        }
        jsonschema::options()
            .should_validate_formats(true)
            .build(schema)
            .map(|validator| SchemaValidator { validator })
            .map_err(|e| e.to_string())
    }

    /// All violations of `value` (empty when valid). The errors are collected only for an
    /// invalid value: `is_valid` stops at the first failure and allocates nothing, which is
    /// what almost every message needs.
    pub fn violations(&self, value: &Value) -> Vec<Violation> {
        if self.validator.is_valid(value) {
            return Vec::new();
        }
        self.validator
            .iter_errors(value)
            .map(|e| Violation {
                field: e.instance_path().as_str().to_string(),
                rule: e.kind().keyword().to_string(),
                message: e.to_string(),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn repo_schema(name: &str) -> SchemaValidator {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(name);
        SchemaValidator::from_file(&path).unwrap()
    }

    /// `schema.json`: the original system's contract.
    fn login_schema() -> SchemaValidator {
        repo_schema("schema.json")
    }

    /// An event exactly as the original system's generator sends it.
    fn valid_login() -> Value {
        json!({
            "user_id": "4a381a71-5a66-4288-b2f8-7935c19aa7f3", "app_version": "2.3.0",
            "ip": "80.222.149.199", "locale": "CO",
            "device_id": "798f2ad2-d955-4152-adef-e6e54a979b63", "timestamp": 1741724761,
            "device_type": "android"
        })
    }

    /// The rules `value` breaks, as (field, keyword) pairs.
    fn rules(schema: &SchemaValidator, value: &Value) -> Vec<(String, String)> {
        schema
            .violations(value)
            .into_iter()
            .map(|v| (v.field, v.rule))
            .collect()
    }

    fn pair(field: &str, rule: &str) -> (String, String) {
        (field.to_string(), rule.to_string())
    }

    #[test]
    fn the_repo_schema_is_draft_07_and_accepts_the_original_generators_event() {
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/schema.json"));
        let doc: Value = serde_json::from_str(&text.unwrap()).unwrap();
        assert_eq!(doc["$schema"], "http://json-schema.org/draft-07/schema#");
        assert!(login_schema().violations(&valid_login()).is_empty());
    }

    #[test]
    fn any_device_type_or_app_version_string_and_any_two_character_locale_pass() {
        let schema = login_schema();
        for (field, value) in [
            ("device_type", "iOS"),
            ("device_type", "android"),
            ("device_type", "Smart TV"),
            ("app_version", "2.3"),
            ("app_version", "v10.0.1-beta"),
            ("locale", "RU"),
            ("locale", "en"),
            ("locale", "é1"),
            ("user_id", ""),
        ] {
            let mut v = valid_login();
            v[field] = json!(value);
            assert!(schema.violations(&v).is_empty(), "{field}={value}");
        }
        let mut v = valid_login();
        v["timestamp"] = json!(-1);
        assert!(schema.violations(&v).is_empty(), "any integer timestamp");
    }

    #[test]
    fn format_ipv4_is_asserted_under_draft_07_and_names_the_field() {
        let schema = login_schema();
        let mut v = valid_login();
        for ip in ["80.222.149.199", "10.1.2.3", "255.255.255.255", "0.0.0.0"] {
            v["ip"] = json!(ip);
            assert!(schema.violations(&v).is_empty(), "{ip}");
        }
        for ip in [
            "999.1.1.1",
            "256.0.0.1",
            "1.2.3",
            "1.2.3.4.5",
            "::1",
            "host",
        ] {
            v["ip"] = json!(ip);
            assert_eq!(rules(&schema, &v), [pair("/ip", "format")], "{ip}");
        }
    }

    #[test]
    fn a_locale_of_other_than_two_characters_breaks_its_length_rule() {
        let schema = login_schema();
        let mut v = valid_login();
        v["locale"] = json!("COL");
        assert_eq!(rules(&schema, &v), [pair("/locale", "maxLength")]);
        v["locale"] = json!("C");
        assert_eq!(rules(&schema, &v), [pair("/locale", "minLength")]);
    }

    #[test]
    fn a_timestamp_sent_as_a_string_and_other_wrong_types_break_the_type_rule() {
        let schema = login_schema();
        let mut v = valid_login();
        v["timestamp"] = json!("1741724761");
        assert_eq!(rules(&schema, &v), [pair("/timestamp", "type")]);
        v["timestamp"] = json!(1741724761.5);
        assert_eq!(rules(&schema, &v), [pair("/timestamp", "type")]);
        let mut v = valid_login();
        v["device_type"] = json!(1);
        assert_eq!(rules(&schema, &v), [pair("/device_type", "type")]);
    }

    #[test]
    fn every_required_field_is_reported_when_missing() {
        for field in [
            "user_id",
            "app_version",
            "device_type",
            "ip",
            "locale",
            "device_id",
            "timestamp",
        ] {
            let mut v = valid_login();
            v.as_object_mut().unwrap().remove(field);
            let violations = login_schema().violations(&v);
            assert_eq!(violations.len(), 1, "{field}: {violations:?}");
            assert_eq!(violations[0].rule, "required");
            assert!(violations[0].message.contains(field), "{:?}", violations[0]);
        }
    }

    #[test]
    fn extra_properties_are_refused() {
        let mut v = valid_login();
        v["extra"] = json!(1);
        assert_eq!(
            login_schema().violations(&v)[0].rule,
            "additionalProperties"
        );
    }

    #[test]
    fn the_strict_schema_accepts_the_original_event_and_refuses_looser_shapes() {
        let strict = repo_schema("schema.strict.json");
        let contract = login_schema();
        let mut v = valid_login();
        assert!(strict.violations(&v).is_empty());
        v["device_type"] = json!("iOS");
        assert!(strict.violations(&v).is_empty());
        for (field, value, rule) in [
            ("device_type", json!("ios"), "enum"),
            ("locale", json!("co"), "pattern"),
            ("app_version", json!("2.3"), "pattern"),
            ("user_id", json!("user-1"), "pattern"),
            ("device_id", json!("dev-1"), "pattern"),
            ("timestamp", json!(-1), "minimum"),
        ] {
            let mut v = valid_login();
            v[field] = value;
            assert!(
                contract.violations(&v).is_empty(),
                "{field}: the contract passes it"
            );
            assert_eq!(rules(&strict, &v), [pair(&format!("/{field}"), rule)]);
        }
        // Everything the contract refuses, the strict schema refuses too.
        for (field, value) in [("ip", json!("999.1.1.1")), ("timestamp", json!("1"))] {
            let mut v = valid_login();
            v[field] = value;
            assert!(!strict.violations(&v).is_empty(), "{field}");
        }
    }

    #[test]
    fn a_broken_schema_is_refused_with_the_reason() {
        assert!(SchemaValidator::from_value(&json!({"type": "no-such-type"})).is_err());
        assert!(SchemaValidator::from_value(&json!([1, 2])).is_err());
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("s.json");
        std::fs::write(&p, "{not json").unwrap();
        let err = SchemaValidator::from_file(&p).unwrap_err().to_string();
        assert!(err.contains("is not valid JSON"), "{err}");
        let err = SchemaValidator::from_file(Path::new("/no/such.json"))
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("--schema /no/such.json"), "{err}");
    }
}
