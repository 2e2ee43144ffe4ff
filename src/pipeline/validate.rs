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

    fn login_schema() -> SchemaValidator {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/schema.json");
        SchemaValidator::from_file(Path::new(path)).unwrap()
    }

    fn valid_login() -> Value {
        json!({
            "user_id": "u-1", "app_version": "1.2.3", "device_type": "ios",
            "ip": "10.1.2.3", "locale": "en", "device_id": "d-1", "timestamp": 1700000000
        })
    }

    #[test]
    fn the_repo_schema_accepts_a_valid_login() {
        assert!(login_schema().violations(&valid_login()).is_empty());
    }

    #[test]
    fn format_ipv4_is_enforced_and_names_the_field() {
        let mut v = valid_login();
        v["ip"] = json!("999.1.1.1");
        let violations = login_schema().violations(&v);
        assert_eq!(violations.len(), 1, "{violations:?}");
        assert_eq!(violations[0].field, "/ip");
        assert_eq!(violations[0].rule, "format");
    }

    #[test]
    fn a_three_letter_locale_breaks_the_pattern_rule() {
        let mut v = valid_login();
        v["locale"] = json!("eng");
        let violations = login_schema().violations(&v);
        assert_eq!(violations[0].field, "/locale");
        assert_eq!(violations[0].rule, "pattern");
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
