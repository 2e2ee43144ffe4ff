//! The value stage every path runs first: a record value becomes the JSON document that
//! `--schema` checks, or the poison it is dead-lettered with. With `--value-format json` the
//! value is JSON text (`pipeline::outcome`). With `--value-format registry` it is decoded
//! through the schema registry: a value that is not registry-framed (wrong magic byte,
//! truncated header), names a schema id the registry does not have, or does not decode with
//! its schema is poison of class `deserialization` (stage `decode`); a registry that cannot
//! be asked (unreachable, credentials refused, 5xx) is not the record's fault: the stage says
//! `Unavailable` and the paths hold the record (never a dead letter, never a commit past it).
//!
//! The registry's cache makes a known schema id a map lookup and a codec decode: no request
//! and no `Handle::block_on`. Only a miss asks the registry (blocking on the runtime, from the
//! member's thread); the loop thread primes the cache for a burst before the validator
//! threads see it, so they never wait on the registry. Counting by subject happens on the
//! loop thread (`DecodeCounts`), from the `DecodeNote` each check leaves.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use serde_json::Value;
use tokio::runtime::Handle;

use crate::pipeline::outcome::{decode_and_validate, present, validate, Poison};
use crate::pipeline::validate::SchemaValidator;
use crate::registry::wire::{self, WireError};
use crate::registry::{Decoding, Known, Registry};

/// The error type (`kafka_consumer_processing_errors_total`, the summary's errors) of a
/// record held because the schema registry could not be asked.
pub(super) const REGISTRY_UNAVAILABLE: &str = "registry_unavailable";

/// The subject label of a failure with no known schema (not framed, an unknown id).
pub(super) const UNKNOWN_SUBJECT: &str = "unknown";

/// What the registry stage saw of one value, for the metrics and the summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum DecodeNote {
    /// No registry stage (`--value-format json`, a null or empty value, or the registry
    /// could not be asked).
    None,
    /// Decoded with the schema of this id.
    Decoded(u32),
    /// Not decoded: why (a metrics label), under which subject.
    Failed {
        subject: String,
        reason: &'static str,
    },
}

/// What the value stage made of one value.
#[derive(Debug)]
pub(super) enum Checked {
    /// Valid: its document, when the caller asked to keep it.
    Valid(Option<Value>),
    /// Never processable: dead-letter it.
    Poison(Poison),
    /// The registry could not be asked (why): hold the record and ask again.
    Unavailable(String),
}

/// The stage's verdict on one value.
#[derive(Debug)]
pub(super) struct Verdict {
    pub(super) checked: Checked,
    pub(super) note: DecodeNote,
}

impl Verdict {
    /// A slot for a verdict still to be made (the validator threads fill a burst's slots).
    pub(super) fn pending() -> Self {
        Verdict {
            checked: Checked::Valid(None),
            note: DecodeNote::None,
        }
    }

    fn plain(checked: Result<Value, Poison>, keep: bool) -> Self {
        Verdict {
            checked: match checked {
                Ok(doc) => Checked::Valid(keep.then_some(doc)),
                Err(p) => Checked::Poison(p),
            },
            note: DecodeNote::None,
        }
    }
}

/// The registry's answer for one value, classified (pure): the decoded JSON, the
/// deserialization poison with its metrics reason and subject, or unavailability.
pub(super) fn classify(decoding: Decoding) -> (Result<Value, Checked>, DecodeNote) {
    let failed = |subject: Option<&str>, reason, message: String| {
        (
            Err(Checked::Poison(Poison::deserialization(message))),
            DecodeNote::Failed {
                subject: subject.unwrap_or(UNKNOWN_SUBJECT).to_string(),
                reason,
            },
        )
    };
    match decoding {
        Decoding::Decoded { known, decoded } => (Ok(decoded.json), DecodeNote::Decoded(known.id)),
        Decoding::NotFramed(e) => {
            let reason = match e {
                WireError::WrongMagic(_) | WireError::Empty => "wrong_magic_byte",
                _ => "truncated_header",
            };
            failed(None, reason, format!("not registry-framed: {e}"))
        }
        Decoding::UnknownId { id, reason } => failed(
            None,
            "unknown_schema_id",
            if reason.contains(&format!("schema id {id}")) {
                reason
            } else {
                format!("schema id {id}: {reason}")
            },
        ),
        Decoding::Undecodable { known, error } => failed(
            known.subject.as_deref(),
            "undecodable_payload",
            format!(
                "schema id {} ({}{}) does not decode the payload: {error}",
                known.id,
                known.schema_type().name(),
                known
                    .subject
                    .as_deref()
                    .map(|s| format!(", subject {s}"))
                    .unwrap_or_default()
            ),
        ),
        Decoding::Unavailable(e) => (Err(Checked::Unavailable(e.to_string())), DecodeNote::None),
    }
}

/// Decodes and validates record values, as `--value-format` and `--schema` say. Shared by the
/// loop thread and the validator threads.
pub(super) struct ValueStage {
    schema: Option<Arc<SchemaValidator>>,
    registry: Option<(Arc<Registry>, Handle)>,
}

impl ValueStage {
    /// The stage; `runtime` is the runtime registry lookups block on (used only with a
    /// registry).
    pub(super) fn new(
        schema: Option<Arc<SchemaValidator>>,
        registry: Option<Arc<Registry>>,
        runtime: Handle,
    ) -> Self {
        ValueStage {
            schema,
            registry: registry.map(|r| (r, runtime)),
        }
    }

    pub(super) fn registry(&self) -> Option<&Registry> {
        self.registry.as_ref().map(|(r, _)| &**r)
    }

    /// Decodes and validates one value; keeps the document when `keep` (the HTTP sink's
    /// body). A cached schema id costs no request; a miss blocks on the registry: call it
    /// from a blocking thread.
    pub(super) fn check(&self, value: Option<&[u8]>, keep: bool) -> Verdict {
        self.check_with(value, keep, &mut None)
    }

    /// [`check`](Self::check) with the schema the previous value of a run of values used:
    /// consecutive values with the same schema id (the usual case) take no lock at all.
    pub(super) fn check_with(
        &self,
        value: Option<&[u8]>,
        keep: bool,
        last: &mut Option<Arc<Known>>,
    ) -> Verdict {
        let Some((registry, runtime)) = &self.registry else {
            return Verdict::plain(decode_and_validate(value, self.schema.as_deref()), keep);
        };
        let bytes = match present(value) {
            Ok(b) => b,
            Err(p) => return Verdict::plain(Err(p), keep),
        };
        let decoding = match wire::split(bytes) {
            Err(e) => Decoding::NotFramed(e),
            Ok(framed) => {
                let id = framed.schema_id;
                if last.as_ref().is_none_or(|k| k.id != id) {
                    *last = registry.cached(id);
                }
                match last.as_deref() {
                    Some(known) => match known.codec.decode(framed.body) {
                        Ok(decoded) => {
                            return self.validated(Ok(decoded.json), DecodeNote::Decoded(id), keep)
                        }
                        Err(error) => Decoding::Undecodable {
                            known: last.clone().expect("a schema was found"),
                            error,
                        },
                    },
                    None => runtime.block_on(registry.decode(bytes)),
                }
            }
        };
        let (decoded, note) = classify(decoding);
        self.validated(decoded, note, keep)
    }

    /// The verdict on a decoded value: validated against `--schema`.
    fn validated(&self, decoded: Result<Value, Checked>, note: DecodeNote, keep: bool) -> Verdict {
        let checked = match decoded {
            Ok(json) => match validate(json, self.schema.as_deref()) {
                Ok(doc) => Checked::Valid(keep.then_some(doc)),
                Err(p) => Checked::Poison(p),
            },
            Err(checked) => checked,
        };
        Verdict { checked, note }
    }

    /// With a registry: makes sure the schema id `value` names is in the cache (or known to be
    /// unknown), asking the registry on a miss. Returns why when the registry cannot be asked.
    /// Anything that is not framed needs no lookup.
    /// `last` is the id primed before (skipped without a lock).
    pub(super) fn prime(&self, value: Option<&[u8]>, last: &mut Option<u32>) -> Result<(), String> {
        let (Some((registry, runtime)), Some(bytes)) = (&self.registry, value) else {
            return Ok(());
        };
        let Ok(framed) = wire::split(bytes) else {
            return Ok(());
        };
        let id = framed.schema_id;
        if *last == Some(id) {
            return Ok(());
        }
        if registry.cached(id).is_some() {
            *last = Some(id);
            return Ok(());
        }
        match runtime.block_on(registry.decode(bytes)) {
            Decoding::Unavailable(e) => Err(e.to_string()),
            _ => Ok(()),
        }
    }
}

/// Decodes and decode failures of a run, by subject (the summary's part; the Prometheus
/// counters are `ConsumerMetrics`').
#[derive(Default)]
pub(super) struct DecodeCounts {
    /// By schema id: its subject, its counter, and the count.
    pub(super) decoded: HashMap<u32, (String, prometheus::IntCounter, u64)>,
    /// By subject and reason.
    pub(super) failed: BTreeMap<(String, String), u64>,
}

impl DecodeCounts {
    /// Records decoded, by subject.
    pub(super) fn decoded_by_subject(&self) -> BTreeMap<String, u64> {
        let mut out = BTreeMap::new();
        for (subject, _, n) in self.decoded.values() {
            *out.entry(subject.clone()).or_default() += n;
        }
        out
    }

    /// Decode failures, by subject, then reason.
    pub(super) fn failed_by_subject(&self) -> BTreeMap<String, BTreeMap<String, u64>> {
        let mut out: BTreeMap<String, BTreeMap<String, u64>> = BTreeMap::new();
        for ((subject, reason), n) in &self.failed {
            *out.entry(subject.clone())
                .or_default()
                .entry(reason.clone())
                .or_default() += n;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::codec::SchemaSource;
    use crate::registry::{Codec, RegistryError, SchemaType};
    use serde_json::json;

    fn known(subject: Option<&str>) -> Arc<Known> {
        let codec = Codec::build(&SchemaSource {
            schema_type: SchemaType::Avro,
            text: include_str!("../../schemas/login.avsc").into(),
            references: Vec::new(),
        })
        .unwrap();
        Arc::new(Known {
            id: 7,
            subject: subject.map(str::to_string),
            version: Some(1),
            codec,
        })
    }

    fn event() -> Value {
        json!({"user_id": "u", "app_version": "2.3.0", "ip": "80.222.149.199",
            "locale": "CO", "device_id": "d", "timestamp": 1741724761, "device_type": "iOS"})
    }

    /// (decoding) → (poison message, metrics reason, subject) or the decoded id.
    #[test]
    fn every_registry_answer_has_its_outcome_reason_and_subject() {
        let k = known(Some("logins-value"));
        let body = k.codec.encode(&event(), None).unwrap();
        let decoded = k.codec.decode(&body).unwrap();
        let (json, note) = classify(Decoding::Decoded {
            known: k.clone(),
            decoded,
        });
        assert_eq!((json.unwrap(), note), (event(), DecodeNote::Decoded(7)));

        let error = k.codec.decode(&body[..3]).unwrap_err();
        let table: Vec<(Decoding, &str, &str, &str)> = vec![
            (
                Decoding::NotFramed(WireError::WrongMagic(b'{')),
                "not registry-framed: magic byte 0x7b is not the registry's 0x00",
                "wrong_magic_byte",
                UNKNOWN_SUBJECT,
            ),
            (
                Decoding::NotFramed(WireError::TruncatedHeader(3)),
                "not registry-framed: truncated header: 3 byte(s)",
                "truncated_header",
                UNKNOWN_SUBJECT,
            ),
            (
                Decoding::UnknownId {
                    id: 99,
                    reason: "schema id 99 not found in the schema registry".into(),
                },
                "schema id 99 not found in the schema registry",
                "unknown_schema_id",
                UNKNOWN_SUBJECT,
            ),
            (
                Decoding::UnknownId {
                    id: 5,
                    reason: "it does not compile".into(),
                },
                "schema id 5: it does not compile",
                "unknown_schema_id",
                UNKNOWN_SUBJECT,
            ),
            (
                Decoding::Undecodable {
                    known: k.clone(),
                    error,
                },
                "schema id 7 (avro, subject logins-value) does not decode the payload: ",
                "undecodable_payload",
                "logins-value",
            ),
            (
                Decoding::Undecodable {
                    known: known(None),
                    error: k.codec.decode(&[]).unwrap_err(),
                },
                "schema id 7 (avro) does not decode the payload: ",
                "undecodable_payload",
                UNKNOWN_SUBJECT,
            ),
        ];
        for (decoding, message, want_reason, want_subject) in table {
            let what = format!("{decoding:?}");
            let (out, note) = classify(decoding);
            let Err(Checked::Poison(p)) = out else {
                panic!("{what}: not poison");
            };
            assert_eq!((p.stage, p.class), ("decode", "deserialization"), "{what}");
            assert!(p.message.starts_with(message), "{what}: {}", p.message);
            assert_eq!(
                note,
                DecodeNote::Failed {
                    subject: want_subject.into(),
                    reason: want_reason
                },
                "{what}"
            );
        }
    }

    #[test]
    fn a_registry_that_cannot_be_asked_is_not_the_record_s_fault() {
        let (out, note) = classify(Decoding::Unavailable(RegistryError::Unreachable {
            url: "http://sr".into(),
            reason: "connection refused".into(),
        }));
        let Err(Checked::Unavailable(why)) = out else {
            panic!("not a hold");
        };
        assert!(why.contains("unreachable"), "{why}");
        assert_eq!(note, DecodeNote::None);
    }

    #[test]
    fn without_a_registry_values_are_json_text_as_before() {
        let stage = ValueStage {
            schema: None,
            registry: None,
        };
        let v = stage.check(Some(b"{\"a\":1}"), true);
        assert!(matches!(v.checked, Checked::Valid(Some(_))));
        assert!(matches!(
            stage.check(Some(b"\x00\x00\x00\x00\x01"), false).checked,
            Checked::Poison(Poison {
                class: "not_utf8",
                ..
            }) | Checked::Poison(Poison {
                class: "json_parse",
                ..
            })
        ));
        assert_eq!(
            stage.prime(Some(b"\x00\x00\x00\x00\x01"), &mut None),
            Ok(())
        );
    }

    #[test]
    fn counts_add_up_by_subject() {
        let mut c = DecodeCounts::default();
        let counter = || prometheus::IntCounter::new("x", "x").unwrap();
        c.decoded.insert(1, ("a".into(), counter(), 3));
        c.decoded.insert(2, ("a".into(), counter(), 2));
        c.decoded.insert(3, ("b".into(), counter(), 1));
        c.failed
            .insert(("unknown".into(), "unknown_schema_id".into()), 4);
        c.failed
            .insert(("b".into(), "undecodable_payload".into()), 1);
        assert_eq!(
            c.decoded_by_subject(),
            BTreeMap::from([("a".into(), 5), ("b".into(), 1)])
        );
        assert_eq!(c.failed_by_subject()["unknown"]["unknown_schema_id"], 4);
        assert_eq!(c.failed_by_subject()["b"]["undecodable_payload"], 1);
    }
}
