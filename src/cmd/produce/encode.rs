//! `--value-schema` and `--key-schema`: keys and values turned from JSON into the Confluent
//! wire format with a registry subject's schema, resolved once before anything is sent; an
//! envelope's key or value decoded through a registry (encoding `registry`) is encoded again
//! with its own schema id. What to do with a message that does not fit (`verdict`, pure and
//! unit-tested) follows `--on-invalid`, like any other bad input.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;
use serde_json::Value as Json;
use tokio::runtime::Handle;

use super::input::Parsed;
use crate::cli::{OnInvalid, SchemaSpec};
use crate::envelope::{EnvelopeError, Registered};
use crate::error::usage;
use crate::pipeline::generate::InvalidKind;
use crate::registry::{Codec, Known, Registry};

/// How many different reasons the summary counts skipped messages by; the rest are counted
/// together.
const MAX_REASON_KINDS: usize = 20;
/// The summary's reason for skipped messages beyond `MAX_REASON_KINDS` different ones.
const OTHER_REASONS: &str = "(other reasons)";

/// The schema keys or values are encoded with, as the summary names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(super) struct SchemaUsed {
    pub(super) subject: String,
    pub(super) version: Option<i32>,
    pub(super) id: u32,
    #[serde(rename = "type")]
    pub(super) schema_type: &'static str,
    /// The Protobuf message's full name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) message: Option<String>,
}

impl std::fmt::Display for SchemaUsed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.subject)?;
        if let Some(v) = self.version {
            write!(f, " version {v}")?;
        }
        write!(f, " (id {}, {}", self.id, self.schema_type)?;
        if let Some(m) = &self.message {
            write!(f, " {m}")?;
        }
        f.write_str(")")
    }
}

/// A subject's schema, resolved and compiled.
struct Target {
    used: SchemaUsed,
    known: Arc<Known>,
}

impl Target {
    /// Resolves `spec` (a usage error when the subject, version or Protobuf message is
    /// unknown or the schema does not compile; an error naming the URL when the registry
    /// cannot be asked).
    async fn resolve(
        registry: &Registry,
        spec: &SchemaSpec,
        message: Option<&str>,
        field: &str,
    ) -> anyhow::Result<Target> {
        let known = registry
            .by_subject(&spec.subject, spec.version)
            .await
            .map_err(|e| anyhow::Error::from(e).context(format!("--{field}-schema {spec}")))?;
        let message = match (&known.codec, message) {
            (Codec::Protobuf(codec), name) => {
                let (desc, _) = codec
                    .message_named(name)
                    .map_err(|e| usage(format!("--{field}-message: {} {e}", spec.subject)))?;
                Some(desc.full_name().to_string())
            }
            (_, Some(name)) => {
                return Err(usage(format!(
                    "--{field}-message {name} names a Protobuf message, but {} is {}",
                    spec.subject,
                    known.schema_type().name()
                )))
            }
            (_, None) => None,
        };
        Ok(Target {
            used: SchemaUsed {
                subject: known
                    .subject
                    .clone()
                    .unwrap_or_else(|| spec.subject.clone()),
                version: known.version,
                id: known.id,
                schema_type: known.schema_type().name(),
                message,
            },
            known,
        })
    }

    fn encode(&self, json: &Json, field: &str) -> Result<Vec<u8>, String> {
        self.known
            .encode(json, self.used.message.as_deref())
            .map_err(|e| format!("{field} {e}"))
    }
}

/// Why a message was not encoded.
#[derive(Debug)]
pub(super) enum Refusal {
    /// It does not fit its schema, is not JSON, or names a schema id the registry does not
    /// have: bad input.
    Misfit(String),
    /// The registry could not be asked: the run stops.
    Registry(anyhow::Error),
}

/// Encodes keys and values for a run.
pub(super) struct Encoder {
    registry: Option<Arc<Registry>>,
    runtime: Handle,
    value: Option<Target>,
    key: Option<Target>,
}

impl Encoder {
    /// Resolves the subjects asked for (each `(spec, Protobuf message)`), before anything is
    /// sent. Call from the async runtime: the encoder keeps a handle to it for the schema ids
    /// envelopes name.
    pub(super) async fn start(
        registry: Option<Arc<Registry>>,
        value: Option<&(SchemaSpec, Option<String>)>,
        key: Option<&(SchemaSpec, Option<String>)>,
    ) -> anyhow::Result<Encoder> {
        let mut targets = [None, None];
        for (slot, (asked, field)) in targets.iter_mut().zip([(value, "value"), (key, "key")]) {
            if let Some((spec, message)) = asked {
                let registry = registry
                    .as_deref()
                    .ok_or_else(|| usage(format!("--{field}-schema needs a schema registry")))?;
                *slot = Some(Target::resolve(registry, spec, message.as_deref(), field).await?);
            }
        }
        let [value, key] = targets;
        Ok(Encoder {
            registry,
            runtime: Handle::current(),
            value,
            key,
        })
    }

    /// The schema values are encoded with, when `--value-schema` was given.
    pub(super) fn value_schema(&self) -> Option<SchemaUsed> {
        self.value.as_ref().map(|t| t.used.clone())
    }

    /// The schema keys are encoded with, when `--key-schema` was given.
    pub(super) fn key_schema(&self) -> Option<SchemaUsed> {
        self.key.as_ref().map(|t| t.used.clone())
    }

    /// Encodes the message's key and value as asked. Blocks on a registry request the first
    /// time an envelope names a schema id: call it from a blocking thread.
    pub(super) fn encode(&self, parsed: &mut Parsed) -> Result<(), Refusal> {
        if let Some(bytes) = self.encode_part(
            self.value.as_ref(),
            parsed.value_registered.take(),
            parsed.msg.value.as_deref(),
            "value",
        )? {
            parsed.msg.value = Some(bytes);
        }
        if let Some(bytes) = self.encode_part(
            self.key.as_ref(),
            parsed.key_registered.take(),
            parsed.msg.key.as_deref(),
            "key",
        )? {
            parsed.msg.key = Some(bytes);
        }
        Ok(())
    }

    /// The encoded bytes of a key or value, or `None` to send it as it is. A subject given by
    /// flag wins over the schema an envelope names.
    fn encode_part(
        &self,
        target: Option<&Target>,
        registered: Option<Box<Registered>>,
        bytes: Option<&[u8]>,
        field: &str,
    ) -> Result<Option<Vec<u8>>, Refusal> {
        let encoded = match (target, registered) {
            (None, None) => return Ok(None),
            (None, Some(r)) => return self.encode_again(*r, field).map(Some),
            (Some(target), Some(r)) => target.encode(&r.json, field),
            // A Kafka null stays null (a tombstone).
            (Some(_), None) if bytes.is_none() => return Ok(None),
            (Some(target), None) => {
                as_json(bytes.unwrap_or_default(), field).and_then(|j| target.encode(&j, field))
            }
        };
        encoded.map(Some).map_err(Refusal::Misfit)
    }

    /// An envelope's registry-decoded key or value, encoded again with the schema id it
    /// names.
    fn encode_again(&self, r: Registered, field: &str) -> Result<Vec<u8>, Refusal> {
        let Some(registry) = &self.registry else {
            let field = field.to_string();
            return Err(Refusal::Misfit(
                EnvelopeError::Registry { field }.to_string(),
            ));
        };
        let id = r.schema.id;
        let known = match self.runtime.block_on(registry.by_id(id)) {
            Ok(known) => known,
            Err(e) if e.is_usage() => {
                return Err(Refusal::Misfit(format!("{field}_schema id {id}: {e}")))
            }
            Err(e) => return Err(Refusal::Registry(e.into())),
        };
        known
            .encode(&r.json, r.schema.message.as_deref())
            .map_err(|e| Refusal::Misfit(format!("{field} {e} (schema id {id})")))
    }
}

/// A key or value's JSON: a value must be JSON; a key that is not is taken as a JSON
/// string (so plain text keys fit a `string` schema).
fn as_json(bytes: &[u8], field: &str) -> Result<Json, String> {
    match serde_json::from_slice(bytes) {
        Ok(json) => Ok(json),
        Err(e) if field == "value" => Err(format!("value is not JSON: {e}")),
        Err(_) => match std::str::from_utf8(bytes) {
            Ok(text) => Ok(Json::String(text.to_string())),
            Err(_) => Err(format!("{field} is neither JSON nor UTF-8 text")),
        },
    }
}

/// Where a message came from, to name it when it does not fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Origin {
    /// An input line (numbered from 1).
    Line(u64),
    /// The generator's `number`th message (from 1), bad on purpose when `kind` says so.
    Generated {
        number: u64,
        kind: Option<InvalidKind>,
    },
    /// `--value`.
    Single,
}

/// What becomes of a message that does not fit (pure; unit-tested).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Verdict {
    /// Stop the run with this message (after flushing what was sent before it).
    Stop(String),
    /// Skip it and count it under this reason.
    Skip(String),
}

/// `--on-invalid` applied to a message that does not fit: a line or generated message is
/// skipped (and counted by reason; a generated one bad on purpose under its kind) or stops
/// the run, naming it; `--value` always stops.
pub(super) fn verdict(policy: OnInvalid, origin: Origin, reason: &str) -> Verdict {
    let skips = match origin {
        Origin::Line(_) => "lines",
        Origin::Generated { .. } => "messages",
        Origin::Single => return Verdict::Stop(format!("--value: {reason}")),
    };
    let (label, key) = match origin {
        Origin::Generated {
            number,
            kind: Some(kind),
        } => (
            format!(
                "generated message {number} (bad on purpose: {})",
                kind.as_str()
            ),
            format!("{}: {reason}", kind.as_str()),
        ),
        Origin::Generated { number, kind: None } => {
            (format!("generated message {number}"), reason.to_string())
        }
        Origin::Line(line) => (format!("line {line}"), reason.to_string()),
        Origin::Single => unreachable!("--value returned above"),
    };
    match policy {
        OnInvalid::Skip => Verdict::Skip(key),
        OnInvalid::Abort => Verdict::Stop(format!(
            "{label}: {reason} (nothing after it was sent; --on-invalid skip skips such {skips})"
        )),
    }
}

/// Counts a skipped message under its reason, keeping at most `MAX_REASON_KINDS` reasons.
pub(super) fn count_reason(reasons: &mut BTreeMap<String, u64>, reason: String) {
    let known = reasons.contains_key(&reason);
    let others = usize::from(reasons.contains_key(OTHER_REASONS));
    let key = if known || reasons.len() - others < MAX_REASON_KINDS {
        reason
    } else {
        OTHER_REASONS.to_string()
    };
    *reasons.entry(key).or_default() += 1;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_misfit_stops_naming_its_origin_or_is_skipped_under_its_reason() {
        let reason = "value does not fit the Avro schema: timestamp: expected a long";
        assert_eq!(
            verdict(OnInvalid::Abort, Origin::Line(7), reason),
            Verdict::Stop(format!(
                "line 7: {reason} (nothing after it was sent; --on-invalid skip skips such lines)"
            ))
        );
        assert_eq!(
            verdict(OnInvalid::Skip, Origin::Line(7), reason),
            Verdict::Skip(reason.to_string())
        );
        let bad = Origin::Generated {
            number: 12,
            kind: Some(InvalidKind::TimestampAsString),
        };
        match verdict(OnInvalid::Abort, bad, reason) {
            Verdict::Stop(text) => assert!(
                text.starts_with(&format!(
                    "generated message 12 (bad on purpose: timestamp_as_string): {reason}"
                )) && text.ends_with("skips such messages)"),
                "{text}"
            ),
            other => panic!("{other:?}"),
        }
        assert_eq!(
            verdict(OnInvalid::Skip, bad, reason),
            Verdict::Skip(format!("timestamp_as_string: {reason}"))
        );
        let plain = Origin::Generated {
            number: 3,
            kind: None,
        };
        assert_eq!(
            verdict(OnInvalid::Skip, plain, reason),
            Verdict::Skip(reason.to_string())
        );
        // --value is one message the user typed: skipping it would send nothing silently.
        for policy in [OnInvalid::Abort, OnInvalid::Skip] {
            assert_eq!(
                verdict(policy, Origin::Single, reason),
                Verdict::Stop(format!("--value: {reason}"))
            );
        }
    }

    #[test]
    fn skipped_reasons_are_counted_up_to_a_limit() {
        let mut reasons = BTreeMap::new();
        for i in 0..MAX_REASON_KINDS + 5 {
            count_reason(&mut reasons, format!("reason {i}"));
        }
        count_reason(&mut reasons, "reason 0".to_string());
        assert_eq!(reasons.len(), MAX_REASON_KINDS + 1);
        assert_eq!(reasons["reason 0"], 2);
        assert_eq!(reasons[OTHER_REASONS], 5);
        assert_eq!(reasons.values().sum::<u64>(), MAX_REASON_KINDS as u64 + 6);
    }

    #[test]
    fn a_value_must_be_json_and_a_key_may_be_text() {
        assert_eq!(
            as_json(br#"{"a":1}"#, "value").unwrap(),
            serde_json::json!({"a": 1})
        );
        let err = as_json(b"user-1", "value").unwrap_err();
        assert!(err.starts_with("value is not JSON"), "{err}");
        assert_eq!(as_json(b"user-1", "key").unwrap(), Json::from("user-1"));
        assert_eq!(as_json(b"12", "key").unwrap(), Json::from(12));
        assert!(as_json(b"\xff", "key").is_err());
    }

    #[test]
    fn the_schema_used_reads_as_subject_version_id_and_type() {
        let used = SchemaUsed {
            subject: "login-value".into(),
            version: Some(2),
            id: 41,
            schema_type: "protobuf",
            message: Some("kmsg.login.Login".into()),
        };
        assert_eq!(
            used.to_string(),
            "login-value version 2 (id 41, protobuf kmsg.login.Login)"
        );
    }
}
