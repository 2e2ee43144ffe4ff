//! `--decode auto|registry|raw` of the reading commands (`view`, `dlq list`, `dlq show`):
//! turns a record's key or value into what the envelope and the table show, through the
//! schema registry's cache (one request per schema id in a whole run).
//!
//! auto: registry-framed bytes with an id the registry knows are decoded; anything else
//! (not framed, an unknown id, no registry given) is shown as bytes. A known id whose
//! payload does not decode is shown as bytes with the reason. registry: every key and value
//! is decoded, and one that is not framed or names an unknown id is shown as bytes with the
//! reason. raw: bytes as they are.

use std::sync::Arc;

use tokio::runtime::Handle;

use super::context::Context;
use crate::cli::DecodeMode;
use crate::envelope::{SchemaRef, Shown};
use crate::registry::{Decoding, Registry, RegistryError};

/// Decodes keys and values for a reading command.
#[derive(Clone)]
pub struct RecordDecoder {
    registry: Option<Arc<Registry>>,
    mode: DecodeMode,
    runtime: Handle,
}

impl RecordDecoder {
    /// The decoder for `mode` of the records of `topic` (whose own subjects are named when
    /// a schema is registered under several); `registry` mode without a registry is a usage
    /// error. Call from the async runtime (it keeps a handle to it for the lookups).
    pub fn new(ctx: &Context, mode: DecodeMode, topic: &str) -> anyhow::Result<Self> {
        let registry = match mode {
            DecodeMode::Raw => None,
            DecodeMode::Auto => ctx.registry_if_any()?,
            DecodeMode::Registry => Some(ctx.registry("--decode registry")?),
        };
        if let Some(r) = &registry {
            r.prefer_topic(topic);
        }
        Ok(RecordDecoder {
            registry,
            mode,
            runtime: Handle::current(),
        })
    }

    /// How to show `bytes` (a key or value). Blocking on a registry request at the first
    /// record of each schema id: call it from a blocking thread. A registry that cannot be
    /// asked (unreachable, credentials refused) is an error: the command stops.
    pub fn show(&self, bytes: Option<&[u8]>) -> Result<Shown, RegistryError> {
        let (Some(registry), Some(bytes)) = (&self.registry, bytes) else {
            return Ok(Shown::Bytes);
        };
        let strict = self.mode == DecodeMode::Registry;
        Ok(match self.runtime.block_on(registry.decode(bytes)) {
            Decoding::Unavailable(e) => return Err(e),
            Decoding::Decoded { known, decoded } => Shown::Decoded {
                json: decoded.json,
                schema: SchemaRef {
                    id: known.id,
                    subject: known.subject.clone(),
                    version: known.version,
                    schema_type: known.schema_type().name().to_string(),
                    message: decoded.message,
                },
            },
            Decoding::Undecodable { known, error } => Shown::Failed(format!(
                "schema id {} ({}): {error}",
                known.id,
                known.schema_type().name()
            )),
            Decoding::NotFramed(e) if strict => Shown::Failed(format!("not registry-framed: {e}")),
            Decoding::UnknownId { reason, .. } if strict => Shown::Failed(reason),
            Decoding::NotFramed(_) | Decoding::UnknownId { .. } => Shown::Bytes,
        })
    }
}

/// The text a table or `--output raw` shows for a key or value: the decoded JSON (pretty
/// when asked), else the bytes as text, marked when decoding failed.
pub fn shown_text(shown: &Shown, bytes: Option<&[u8]>, pretty: bool) -> Option<String> {
    match shown {
        Shown::Decoded { json, .. } => Some(if pretty {
            serde_json::to_string_pretty(json).unwrap_or_default()
        } else {
            json.to_string()
        }),
        Shown::Failed(reason) => Some(format!(
            "(undecodable: {reason}) {}",
            String::from_utf8_lossy(bytes.unwrap_or_default())
        )),
        Shown::Bytes => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_show_the_json_or_say_why_not() {
        let decoded = Shown::Decoded {
            json: serde_json::json!({"a": 1}),
            schema: SchemaRef {
                id: 1,
                subject: None,
                version: None,
                schema_type: "avro".into(),
                message: None,
            },
        };
        assert_eq!(
            shown_text(&decoded, Some(b"x"), false).unwrap(),
            r#"{"a":1}"#
        );
        assert!(shown_text(&decoded, None, true).unwrap().contains("\n"));
        let failed = Shown::Failed("truncated".into());
        assert_eq!(
            shown_text(&failed, Some(b"ab"), false).unwrap(),
            "(undecodable: truncated) ab"
        );
        assert_eq!(shown_text(&Shown::Bytes, Some(b"ab"), false), None);
    }
}
