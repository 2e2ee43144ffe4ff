//! Plain data the member's records and transactions leave behind, shared by the loop and the
//! librdkafka callbacks: the delivery opaque of every produced record (`Pending`: where it
//! came from and what it is for), a failed delivery (`Failure`), and why a transaction could
//! not be committed (`TxnFailure`).

use std::sync::Arc;

use rdkafka::message::OwnedMessage;
use rdkafka::{Message, Timestamp};

/// What an in-flight produce is for.
pub(super) enum PendingKind {
    Forward,
    DeadLetter {
        class: String,
        message: String,
        attempt: u32,
    },
}

/// Where an in-flight record came from. A dead letter, and a forward of a message handled
/// straight from the poll, keep only its coordinates (the record librdkafka copied holds the
/// same key and value, and a failed delivery hands that record back); a forward of a message
/// that went through the general path keeps the consumed message.
pub(super) enum Origin {
    Message(Arc<OwnedMessage>),
    At {
        partition: i32,
        offset: i64,
        timestamp: Timestamp,
    },
}

impl Origin {
    pub(super) fn partition(&self) -> i32 {
        match self {
            Origin::Message(m) => m.partition(),
            Origin::At { partition, .. } => *partition,
        }
    }

    pub(super) fn offset(&self) -> i64 {
        match self {
            Origin::Message(m) => m.offset(),
            Origin::At { offset, .. } => *offset,
        }
    }

    /// The consumed message, rebuilt from the failed record's key, value and headers when
    /// only the coordinates were kept.
    pub(super) fn into_message(self, topic: &str, record: &OwnedMessage) -> Arc<OwnedMessage> {
        match self {
            Origin::Message(m) => m,
            Origin::At {
                partition,
                offset,
                timestamp,
            } => Arc::new(OwnedMessage::new(
                record.payload().map(<[u8]>::to_vec),
                record.key().map(<[u8]>::to_vec),
                topic.to_string(),
                timestamp,
                partition,
                offset,
                record.headers().cloned(),
            )),
        }
    }
}

/// A delivery that failed (or a record refused before queueing): its opaque, the reason,
/// and the record as librdkafka had it (key, value, headers).
pub(super) struct Failure {
    pub(super) pending: Box<Pending>,
    pub(super) reason: String,
    pub(super) record: OwnedMessage,
}

/// The delivery opaque of every record the member produces.
pub(super) struct Pending {
    pub(super) source: Origin,
    pub(super) kind: PendingKind,
}

/// Why a transaction could not be committed.
pub(super) enum TxnFailure {
    /// Abort, rewind to the committed offsets, and process again.
    Abort(String),
    /// Fenced or fatal: the member must stop.
    Fatal(String),
}
