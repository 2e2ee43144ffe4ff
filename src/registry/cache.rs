//! The registry as the record paths use it: schemas fetched once, compiled once, kept by id
//! and by subject and version, so the hot path never asks twice (a miss is one request, a hit
//! a map lookup under a short lock). Unknown ids are remembered too: a topic full of records
//! framed with an id the registry does not have costs one request, not one per record.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use super::client::{RegistryClient, RegistryError, Version};
use super::codec::{Codec, CodecError, Decoded, SchemaSource, SchemaType};
use super::wire::{self, WireError};

/// A schema the registry gave, compiled.
#[derive(Debug)]
pub struct Known {
    pub id: u32,
    /// The subject (and version) it is registered under, when the registry says.
    pub subject: Option<String>,
    pub version: Option<i32>,
    pub codec: Codec,
}

impl Known {
    pub fn schema_type(&self) -> SchemaType {
        self.codec.schema_type()
    }

    /// `json` encoded with this schema, framed in the registry's wire format (for Protobuf,
    /// `message` picks the message type; the first one by default).
    pub fn encode(
        &self,
        json: &serde_json::Value,
        message: Option<&str>,
    ) -> Result<Vec<u8>, CodecError> {
        Ok(wire::frame(self.id, &self.codec.encode(json, message)?))
    }
}

/// Why a schema could not be had.
#[derive(Debug, thiserror::Error)]
pub enum LookupError {
    #[error(transparent)]
    Registry(#[from] RegistryError),
    #[error("schema id {id} from the registry cannot be used: {source}")]
    Unusable { id: u32, source: CodecError },
    #[error("subject {subject} version {version}: {source}")]
    UnusableSubject {
        subject: String,
        version: Version,
        source: CodecError,
    },
}

impl LookupError {
    /// An unknown subject or id, or a schema that does not compile: bad input (exit 2).
    pub fn is_usage(&self) -> bool {
        match self {
            LookupError::Registry(e) => e.is_usage(),
            _ => true,
        }
    }
}

/// What a record's bytes turned out to be.
#[derive(Debug)]
pub enum Decoding {
    /// Registry-framed, with a known schema, and decoded.
    Decoded { known: Arc<Known>, decoded: Decoded },
    /// Not registry-framed (no magic byte, or too short for the header).
    NotFramed(WireError),
    /// Framed, but the registry has no schema with that id (or one that does not compile).
    UnknownId { id: u32, reason: String },
    /// Framed, and the registry could not be asked (unreachable, refused the credentials,
    /// failed): nothing can be said about the record.
    Unavailable(RegistryError),
    /// Framed with a known schema that the payload does not fit.
    Undecodable {
        known: Arc<Known>,
        error: CodecError,
    },
}

/// A registry client with its caches; share it behind an `Arc`.
#[derive(Debug)]
pub struct Registry {
    client: RegistryClient,
    by_id: Mutex<HashMap<u32, Arc<Known>>>,
    unknown_ids: Mutex<HashMap<u32, String>>,
    by_subject: Mutex<HashMap<(String, Version), Arc<Known>>>,
    /// The topic whose records are decoded, when one is: of the subjects a schema id is
    /// registered under, its `<topic>-value` (then `-key`) is the one named.
    topic: Mutex<Option<String>>,
}

/// The subject to name for a schema id registered under `subjects` (several subjects can
/// hold the same schema, and so the same id): the topic's own (`<topic>-value`, then
/// `<topic>-key`, then any `<topic>-...`) when there is one, else the first the registry lists.
pub fn choose_subject(subjects: &[(String, i32)], topic: Option<&str>) -> Option<(String, i32)> {
    if let Some(topic) = topic {
        let own = [format!("{topic}-value"), format!("{topic}-key")];
        for want in &own {
            if let Some(found) = subjects.iter().find(|(s, _)| s == want) {
                return Some(found.clone());
            }
        }
        let prefix = format!("{topic}-");
        if let Some(found) = subjects.iter().find(|(s, _)| s.starts_with(&prefix)) {
            return Some(found.clone());
        }
    }
    subjects.first().cloned()
}

impl Registry {
    pub fn new(client: RegistryClient) -> Self {
        Registry {
            client,
            by_id: Mutex::default(),
            unknown_ids: Mutex::default(),
            by_subject: Mutex::default(),
            topic: Mutex::default(),
        }
    }

    /// Names the topic whose records this registry decodes (see [`choose_subject`]); call it
    /// before the first record.
    pub fn prefer_topic(&self, topic: &str) {
        *self.topic.lock().expect("registry cache lock") = Some(topic.to_string());
    }

    pub fn client(&self) -> &RegistryClient {
        &self.client
    }

    /// The schema with this id, if it was fetched already.
    pub fn cached(&self, id: u32) -> Option<Arc<Known>> {
        self.by_id
            .lock()
            .expect("registry cache lock")
            .get(&id)
            .cloned()
    }

    async fn source(
        &self,
        stored: super::client::StoredSchema,
    ) -> Result<SchemaSource, RegistryError> {
        Ok(SchemaSource {
            schema_type: stored.schema_type,
            references: self.client.resolve_references(&stored.references).await?,
            text: stored.schema,
        })
    }

    /// The schema with this id: from the cache, else fetched and compiled once.
    pub async fn by_id(&self, id: u32) -> Result<Arc<Known>, LookupError> {
        if let Some(known) = self.cached(id) {
            return Ok(known);
        }
        let stored = self.client.by_id(id).await?;
        let source = self.source(stored).await?;
        let codec = Codec::build(&source).map_err(|source| LookupError::Unusable { id, source })?;
        let subjects = self.client.subjects_of_id(id).await;
        let topic = self.topic.lock().expect("registry cache lock").clone();
        let (subject, version) = match choose_subject(&subjects, topic.as_deref()) {
            Some((s, v)) => (Some(s), Some(v)),
            None => (None, None),
        };
        let known = Arc::new(Known {
            id,
            subject,
            version,
            codec,
        });
        self.by_id
            .lock()
            .expect("registry cache lock")
            .insert(id, known.clone());
        Ok(known)
    }

    /// A subject's version (`latest` is resolved once, at the first call): what a producer
    /// encodes with.
    pub async fn by_subject(
        &self,
        subject: &str,
        version: Version,
    ) -> Result<Arc<Known>, LookupError> {
        let key = (subject.to_string(), version);
        if let Some(known) = self
            .by_subject
            .lock()
            .expect("registry cache lock")
            .get(&key)
        {
            return Ok(known.clone());
        }
        let v = self.client.version(subject, version).await?;
        let source = self.source(v.stored).await?;
        let codec = Codec::build(&source).map_err(|source| LookupError::UnusableSubject {
            subject: subject.to_string(),
            version,
            source,
        })?;
        let known = Arc::new(Known {
            id: v.id,
            subject: Some(v.subject),
            version: Some(v.version),
            codec,
        });
        self.by_subject
            .lock()
            .expect("registry cache lock")
            .insert(key, known.clone());
        self.by_id
            .lock()
            .expect("registry cache lock")
            .entry(v.id)
            .or_insert_with(|| known.clone());
        Ok(known)
    }

    /// Decodes a record value (or key) framed in the registry's wire format.
    pub async fn decode(&self, bytes: &[u8]) -> Decoding {
        let framed = match wire::split(bytes) {
            Ok(f) => f,
            Err(e) => return Decoding::NotFramed(e),
        };
        let id = framed.schema_id;
        let known = match self.cached(id) {
            Some(k) => k,
            None => {
                if let Some(reason) = self
                    .unknown_ids
                    .lock()
                    .expect("registry cache lock")
                    .get(&id)
                {
                    return Decoding::UnknownId {
                        id,
                        reason: reason.clone(),
                    };
                }
                match self.by_id(id).await {
                    Ok(k) => k,
                    Err(LookupError::Registry(
                        e @ (RegistryError::Unreachable { .. }
                        | RegistryError::Http { .. }
                        | RegistryError::Unauthorized { .. }
                        | RegistryError::Body { .. }),
                    )) => return Decoding::Unavailable(e),
                    Err(e) => {
                        // What will not change (an id the registry does not have, a schema
                        // that does not compile) is remembered.
                        let reason = e.to_string();
                        self.unknown_ids
                            .lock()
                            .expect("registry cache lock")
                            .insert(id, reason.clone());
                        return Decoding::UnknownId { id, reason };
                    }
                }
            }
        };
        match known.codec.decode(framed.body) {
            Ok(decoded) => Decoding::Decoded { known, decoded },
            Err(error) => Decoding::Undecodable { known, error },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_topic_s_own_subject_is_named_for_a_shared_id() {
        let list = |names: &[&str]| -> Vec<(String, i32)> {
            names.iter().map(|n| (n.to_string(), 1)).collect()
        };
        let subjects = list(&["other-value", "logins-key", "logins-value", "logins-extra"]);
        let pick = |topic| choose_subject(&subjects, topic).map(|(s, _)| s);
        assert_eq!(pick(Some("logins")).as_deref(), Some("logins-value"));
        assert_eq!(pick(Some("other")).as_deref(), Some("other-value"));
        assert_eq!(pick(Some("nope")).as_deref(), Some("other-value"));
        assert_eq!(pick(None).as_deref(), Some("other-value"));
        let keyed = list(&["a-value", "logins-key", "logins-extra"]);
        assert_eq!(
            choose_subject(&keyed, Some("logins")).unwrap().0,
            "logins-key"
        );
        let prefixed = list(&["a-value", "logins-extra"]);
        assert_eq!(
            choose_subject(&prefixed, Some("logins")).unwrap().0,
            "logins-extra"
        );
        assert_eq!(choose_subject(&[], Some("logins")), None);
    }
}
