//! What happens to one consumed message, as plain logic: decode (UTF-8, JSON) and validate
//! against the schema, which either yields the document or a `Poison` with its DLQ class
//! (a value decoded through the schema registry by the consumer goes through `validate`
//! alone; one it cannot decode is `Poison::deserialization`);
//! the retry policy (exponential backoff with jitter); and the fault injector that makes
//! processing fail transiently in a reproducible way for tests and demos.
//!
//! Outcome classes follow `shared/design/error-handling.md`: poison goes to the DLQ at once,
//! transient failures are retried `max_retries` times and then dead-lettered as
//! `retries_exhausted`.

use std::time::Duration;

use serde_json::Value;

use super::validate::SchemaValidator;

/// `kmsg.dlq.error.class` of a value that `--value-format registry` cannot decode: not
/// registry-framed (wrong magic byte, truncated header), a schema id the registry does not
/// have, or a payload its schema does not decode.
pub const DESERIALIZATION: &str = "deserialization";

/// Every class a [`Poison`] can have (its `kmsg.dlq.error.class`, and the `reason` and
/// `error_type` labels it is counted with).
pub const POISON_CLASSES: [&str; 6] = [
    "null_value",
    "empty_value",
    "not_utf8",
    "json_parse",
    DESERIALIZATION,
    "schema_validation",
];

/// A message that can never be processed: dead-lettered at once, never retried.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Poison {
    /// `decode` or `validate`.
    pub stage: &'static str,
    /// `null_value`, `empty_value`, `not_utf8`, `json_parse`, `deserialization`,
    /// `schema_validation`.
    pub class: &'static str,
    /// One line: which field, which rule.
    pub message: String,
    /// Every validation error, one per line.
    pub detail: String,
}

impl Poison {
    fn decode(class: &'static str, message: impl Into<String>) -> Self {
        let message = message.into();
        Poison {
            stage: "decode",
            class,
            detail: message.clone(),
            message,
        }
    }

    /// A value the schema registry's wire format or codecs cannot decode (stage `decode`,
    /// class [`DESERIALIZATION`]).
    pub fn deserialization(message: impl Into<String>) -> Self {
        Self::decode(DESERIALIZATION, message)
    }
}

/// The value's bytes, or the poison of a null or empty value.
pub fn present(value: Option<&[u8]>) -> Result<&[u8], Poison> {
    let bytes = value.ok_or_else(|| Poison::decode("null_value", "the message value is null"))?;
    if bytes.is_empty() {
        return Err(Poison::decode("empty_value", "the message value is empty"));
    }
    Ok(bytes)
}

/// Decodes a message value and validates it (without a schema, it only has to be JSON).
pub fn decode_and_validate(
    value: Option<&[u8]>,
    schema: Option<&SchemaValidator>,
) -> Result<Value, Poison> {
    let bytes = present(value)?;
    // simdutf8's `compat` check gives std's error position at a fraction of its cost.
    let text = simdutf8::compat::from_utf8(bytes).map_err(|e| {
        Poison::decode(
            "not_utf8",
            format!(
                "the value is not UTF-8: invalid byte at position {}",
                e.valid_up_to()
            ),
        )
    })?;
    let doc: Value = serde_json::from_str(text)
        .map_err(|e| Poison::decode("json_parse", format!("the value is not JSON: {e}")))?;
    if doc.is_null() {
        return Err(Poison::decode("null_value", "the value is JSON null"));
    }
    validate(doc, schema)
}

/// Validates a decoded document against the schema, if any: the document, or the poison
/// naming every violation.
pub fn validate(doc: Value, schema: Option<&SchemaValidator>) -> Result<Value, Poison> {
    if let Some(schema) = schema {
        let violations = schema.violations(&doc);
        if let Some(first) = violations.first() {
            let detail: Vec<String> = violations.iter().map(|v| v.summary()).collect();
            let more = violations.len() - 1;
            return Err(Poison {
                stage: "validate",
                class: "schema_validation",
                message: if more > 0 {
                    format!("{} (+{more} more)", first.summary())
                } else {
                    first.summary()
                },
                detail: detail.join("\n"),
            });
        }
    }
    Ok(doc)
}

/// Exponential backoff with jitter between retries of a transient failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (3 = 1 try + 3 retries).
    pub max_retries: u32,
    pub initial: Duration,
    pub max: Duration,
}

impl RetryPolicy {
    /// The delay before retry number `retry` (1-based); `jitter` in 0..1 picks a point in
    /// the upper half of the exponential step, so retries of many consumers spread out.
    pub fn delay(&self, retry: u32, jitter: f64) -> Duration {
        let exp = self
            .initial
            .saturating_mul(2u32.saturating_pow(retry.saturating_sub(1)))
            .min(self.max);
        exp.mul_f64(0.5 + 0.5 * jitter.clamp(0.0, 1.0))
    }

    /// The longest a message can spend in backoff, for the start-up check against
    /// `max.poll.interval.ms`.
    pub fn worst_case(&self) -> Duration {
        (1..=self.max_retries).map(|r| self.delay(r, 1.0)).sum()
    }
}

/// Makes processing fail transiently on purpose (`--fail-rate`, `--fail-first`), decided by
/// a hash of the seed and the message's coordinates so that a rerun fails the same attempts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FaultInjector {
    pub fail_rate: f64,
    pub fail_first: u32,
    pub seed: u64,
}

impl FaultInjector {
    pub fn is_active(&self) -> bool {
        self.fail_rate > 0.0 || self.fail_first > 0
    }

    /// Whether attempt number `attempt` (1-based) of the message at `partition`/`offset` fails.
    pub fn fails(&self, partition: i32, offset: i64, attempt: u32) -> bool {
        if attempt <= self.fail_first {
            return true;
        }
        if self.fail_rate <= 0.0 {
            return false;
        }
        let h = splitmix64(
            self.seed
                ^ splitmix64((partition as u64) << 40 ^ offset as u64)
                ^ (attempt as u64) << 56,
        );
        (h as f64 / u64::MAX as f64) < self.fail_rate
    }
}

/// A small, well-known integer hash (SplitMix64's finaliser).
fn splitmix64(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema() -> SchemaValidator {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/schema.json");
        SchemaValidator::from_file(std::path::Path::new(path)).unwrap()
    }

    #[test]
    fn every_poison_kind_gets_its_class() {
        let cases: &[(Option<&[u8]>, &str)] = &[
            (None, "null_value"),
            (Some(b""), "empty_value"),
            (Some(b"\xff\xfe"), "not_utf8"),
            (Some(b"{\"a\":"), "json_parse"),
            (Some(b"not json"), "json_parse"),
            (Some(b"null"), "null_value"),
        ];
        for (value, class) in cases {
            let p = decode_and_validate(*value, None).unwrap_err();
            assert_eq!(p.class, *class, "{value:?}");
            assert_eq!(p.stage, "decode");
        }
        assert!(decode_and_validate(Some(b"[1,2]"), None).is_ok());
    }

    #[test]
    fn the_list_of_poison_classes_holds_every_class_and_nothing_else() {
        let values: &[&[u8]] = &[b"", b"\xff", b"{", b"null", br#"{"user_id": 1}"#];
        let mut seen: std::collections::BTreeSet<&str> = values
            .iter()
            .map(|v| {
                decode_and_validate(Some(v), Some(&schema()))
                    .unwrap_err()
                    .class
            })
            .collect();
        seen.insert(decode_and_validate(None, None).unwrap_err().class);
        seen.insert(Poison::deserialization("x").class);
        let listed: std::collections::BTreeSet<&str> = POISON_CLASSES.into_iter().collect();
        assert_eq!(seen, listed);
    }

    #[test]
    fn schema_violations_name_the_field_and_rule_and_list_all() {
        let v = br#"{"user_id":"u","app_version":"1.0.0","device_type":"web","ip":"300.1.1.1","locale":"eng","device_id":"d","timestamp":1}"#;
        let p = decode_and_validate(Some(v), Some(&schema())).unwrap_err();
        assert_eq!((p.stage, p.class), ("validate", "schema_validation"));
        assert!(p.message.contains("(+1 more)"), "{}", p.message);
        assert_eq!(p.detail.lines().count(), 2, "{}", p.detail);
        assert!(p.detail.contains("/ip: format") && p.detail.contains("/locale: maxLength"));
    }

    #[test]
    fn deeply_nested_json_is_poison_not_a_crash() {
        let deep = "[".repeat(100_000) + &"]".repeat(100_000);
        let p = decode_and_validate(Some(deep.as_bytes()), None).unwrap_err();
        assert_eq!(p.class, "json_parse");
    }

    #[test]
    fn backoff_doubles_up_to_the_cap_with_jitter_in_the_upper_half() {
        let p = RetryPolicy {
            max_retries: 5,
            initial: Duration::from_millis(100),
            max: Duration::from_millis(500),
        };
        assert_eq!(p.delay(1, 1.0), Duration::from_millis(100));
        assert_eq!(p.delay(2, 1.0), Duration::from_millis(200));
        assert_eq!(p.delay(3, 1.0), Duration::from_millis(400));
        assert_eq!(p.delay(4, 1.0), Duration::from_millis(500));
        assert_eq!(p.delay(2, 0.0), Duration::from_millis(100));
        assert_eq!(
            p.worst_case(),
            Duration::from_millis(100 + 200 + 400 + 500 + 500)
        );
    }

    #[test]
    fn fail_first_fails_exactly_the_first_attempts() {
        let f = FaultInjector {
            fail_rate: 0.0,
            fail_first: 2,
            seed: 1,
        };
        assert!(f.fails(0, 10, 1) && f.fails(0, 10, 2));
        assert!(!f.fails(0, 10, 3));
    }

    #[test]
    fn fail_rate_is_reproducible_and_near_its_share() {
        let f = FaultInjector {
            fail_rate: 0.2,
            fail_first: 0,
            seed: 42,
        };
        let fails = (0..10_000).filter(|o| f.fails(1, *o, 1)).count();
        assert!((1800..2200).contains(&fails), "{fails}");
        let again = (0..10_000).filter(|o| f.fails(1, *o, 1)).count();
        assert_eq!(fails, again);
    }

    /// A property check: arbitrary bytes never panic the decode → validate → classify path.
    #[test]
    fn random_bytes_never_panic_the_classifier() {
        use rand::{Rng, SeedableRng};
        let schema = schema();
        let mut rng = rand::rngs::StdRng::seed_from_u64(7);
        let seeds: [&[u8]; 4] = [b"{\"ip\":", b"[", b"{\"user_id\":\"", b"\"\\u"];
        for i in 0..20_000 {
            let len = rng.random_range(0..200);
            let mut bytes: Vec<u8> = (0..len).map(|_| rng.random()).collect();
            if i % 2 == 0 {
                bytes.splice(0..0, seeds[i % 4].iter().copied());
            }
            let _ = decode_and_validate(Some(&bytes), Some(&schema));
        }
    }
}
