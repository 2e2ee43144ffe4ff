//! What the member writes: forwards to the output topic and dead letters with their context
//! headers, each with its delivery opaque (`records::Pending`), and the handling of failed
//! deliveries (a failed forward is dead-lettered, a failed DLQ write is retried and finally
//! stops the member).

use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use anyhow::bail;
use rdkafka::error::KafkaError;
use rdkafka::message::{Header, Headers, OwnedHeaders, OwnedMessage};
use rdkafka::producer::BaseRecord;
use rdkafka::types::RDKafkaErrorCode;
use rdkafka::{Message, Timestamp};

use crate::kafka::producer::failure_reason;
use crate::pipeline::dead_letter::DeadLetter;
use crate::pipeline::decide::{Cause, DOWNSTREAM_REJECTED, STAGE_PROCESS};
use crate::pipeline::outcome::Poison;

use super::labels::{PRODUCE, PRODUCE_FAILED};
use super::member::Member;
use super::records::{Failure, Origin, Pending, PendingKind, TxnFailure};
use super::shared::lock;

/// How often a DLQ write is tried before the member gives up (and stops, uncommitted).
pub(super) const DLQ_MAX_ATTEMPTS: u32 = 5;

impl Member {
    /// Queues one record, waiting (while serving delivery reports) if the queue is full.
    /// librdkafka copies key, value and headers, so they are only borrowed here.
    pub(super) fn produce(
        &self,
        topic: &str,
        pending: Pending,
        key: Option<&[u8]>,
        value: Option<&[u8]>,
        headers: Option<OwnedHeaders>,
    ) {
        if self.config.exactly_once {
            match self.shared.begin_txn() {
                Ok(()) => {}
                Err(TxnFailure::Abort(r)) | Err(TxnFailure::Fatal(r)) => {
                    *lock(&self.shared.txn_fatal) = Some(r);
                    return;
                }
            }
        }
        let mut record: BaseRecord<'_, [u8], [u8], Box<Pending>> =
            BaseRecord::with_opaque_to(topic, Box::new(pending));
        // No header list at all for a record without headers (librdkafka allocates one).
        if let Some(h) = headers {
            record = record.headers(h);
        }
        if let Some(k) = key {
            record = record.key(k);
        }
        if let Some(v) = value {
            record = record.payload(v);
        }
        loop {
            match self.producer.send(record) {
                Ok(()) => {
                    self.shared.reports.queued();
                    return;
                }
                Err((KafkaError::MessageProduction(RDKafkaErrorCode::QueueFull), back)) => {
                    record = back;
                    std::thread::sleep(Duration::from_millis(1));
                }
                Err((err, back)) => {
                    // Refused before queueing (e.g. too large for the producer): a failed outcome.
                    let record = OwnedMessage::new(
                        value.map(<[u8]>::to_vec),
                        key.map(<[u8]>::to_vec),
                        topic.to_string(),
                        Timestamp::NotAvailable,
                        -1,
                        -1,
                        back.headers,
                    );
                    lock(&self.shared.failures).push(Failure {
                        pending: back.delivery_opaque,
                        reason: failure_reason(&err),
                        record,
                    });
                    return;
                }
            }
        }
    }

    /// Queues a forward of `msg` to the output topic, with its key, value and headers.
    pub(super) fn forward(
        &self,
        out: &str,
        msg: &impl Message,
        headers: Option<OwnedHeaders>,
        source: Origin,
    ) {
        let pending = Pending {
            source,
            kind: PendingKind::Forward,
        };
        self.produce(out, pending, msg.key(), msg.payload(), headers);
    }

    /// Queues a dead letter of `source` (given up at `stage` for `class`, after `attempts`
    /// processing attempts): its key and value, its headers and the letter's context
    /// headers, written straight into the record. The delivery report needs only the
    /// coordinates (a failed write hands back the record, which holds all the rest).
    pub(super) fn dead_letter(
        &self,
        source: &impl Message,
        stage: &str,
        class: &str,
        message: String,
        detail: String,
        attempts: u32,
    ) {
        let letter = DeadLetter {
            original_topic: source.topic().to_string(),
            original_partition: source.partition(),
            original_offset: source.offset(),
            original_timestamp: source.timestamp().to_millis(),
            group: self.config.group.clone(),
            stage: stage.into(),
            class: class.into(),
            message,
            detail,
            attempts,
            failed_at: SystemTime::now(),
        };
        let original = source
            .headers()
            .into_iter()
            .flat_map(|h| h.iter())
            .map(|h| (h.key, h.value));
        let mut headers = Some(OwnedHeaders::new_with_capacity(16));
        letter.write_headers(original, |key, value| {
            headers = headers.take().map(|h| h.insert(Header { key, value }));
        });
        let pending = Pending {
            source: Origin::At {
                partition: source.partition(),
                offset: source.offset(),
                timestamp: source.timestamp(),
            },
            kind: PendingKind::DeadLetter {
                class: letter.class,
                message: letter.message,
                attempt: 1, // the first write to the DLQ
            },
        };
        let topic = self.config.dlq_topic.clone();
        self.produce(&topic, pending, source.key(), source.payload(), headers);
    }

    /// Dead-letters a message processing gave up on (see `pipeline::decide`); a rejection
    /// by the downstream also counts as an error.
    pub(super) fn give_up(&self, msg: &impl Message, cause: Cause) {
        if cause.class == DOWNSTREAM_REJECTED {
            self.shared.error(DOWNSTREAM_REJECTED);
        }
        self.dead_letter(
            msg,
            STAGE_PROCESS,
            cause.class,
            cause.message,
            cause.detail,
            cause.attempts,
        );
    }

    /// Dead-letters a message that can never be processed.
    pub(super) fn poison(&self, msg: &impl Message, poison: Poison) {
        self.shared.error(poison.class);
        self.dead_letter(
            msg,
            poison.stage,
            poison.class,
            poison.message,
            poison.detail,
            1,
        );
    }

    /// A processed message: forwarded to the output topic, or done when there is none.
    pub(super) fn succeed(&self, msg: Arc<OwnedMessage>) {
        match &self.config.output_topic {
            Some(out) => self.forward(
                out,
                &*msg,
                msg.headers().cloned(),
                Origin::Message(msg.clone()),
            ),
            None => self.done_without_output(msg.partition(), msg.offset()),
        }
    }

    /// A processed message with no output topic: its outcome is final at once.
    pub(super) fn done_without_output(&self, p: i32, off: i64) {
        lock(&self.shared.tracker).complete(p, off);
        self.shared
            .processed_without_output
            .fetch_add(1, Ordering::Relaxed);
        self.shared.series.succeeded.inc();
    }

    /// Failure handling that never stops the member (used inside a backoff wait).
    pub(super) fn process_failures_nonfatal(&mut self) {
        if let Err(e) = self.process_failures() {
            self.stop.store(true, Ordering::Relaxed);
            if self.fatal.is_none() {
                self.fatal = Some(e);
            }
        }
    }

    /// Failed deliveries: a failed forward is dead-lettered (stage `produce`); failed DLQ
    /// writes are retried together after one backoff, and after `DLQ_MAX_ATTEMPTS` the member
    /// stops uncommitted past the message.
    pub(super) fn process_failures(&mut self) -> anyhow::Result<()> {
        if self.config.exactly_once {
            // A failed record dooms the transaction: the loop aborts it and rewinds.
            return Ok(());
        }
        let failures: Vec<Failure> = std::mem::take(&mut *lock(&self.shared.failures));
        // A partition revoked meanwhile is processed again by its new owner.
        let failures: Vec<Failure> = failures
            .into_iter()
            .filter(|f| lock(&self.shared.tracker).tracks(f.pending.source.partition()))
            .collect();
        let mut dlq_retries = Vec::new();
        for Failure {
            pending,
            reason,
            record,
        } in failures
        {
            let pending = *pending;
            match pending.kind {
                PendingKind::Forward => {
                    self.shared.error(PRODUCE);
                    let target = self.config.output_topic.clone().unwrap_or_default();
                    let source = pending.source.into_message(&self.shared.topic, &record);
                    self.dead_letter(
                        &*source,
                        "produce",
                        PRODUCE_FAILED,
                        format!("cannot forward to {target}: {reason}"),
                        reason.clone(),
                        1,
                    );
                }
                PendingKind::DeadLetter {
                    class,
                    message,
                    attempt,
                } => {
                    if attempt >= DLQ_MAX_ATTEMPTS {
                        bail!(
                            "cannot write to the DLQ topic {} after {attempt} attempts: {reason}; stopping without committing past {} partition {} offset {}",
                            self.config.dlq_topic,
                            self.shared.topic,
                            pending.source.partition(),
                            pending.source.offset()
                        );
                    }
                    tracing::warn!(attempt, "DLQ write failed ({reason}); retrying");
                    let retry = Pending {
                        source: pending.source,
                        kind: PendingKind::DeadLetter {
                            class,
                            message,
                            attempt: attempt + 1,
                        },
                    };
                    // The failed record is the dead letter as it was sent: key, value and
                    // headers.
                    dlq_retries.push((record, retry));
                }
            }
        }
        if let Some(max_attempt) = dlq_retries
            .iter()
            .filter_map(|(_, p)| match p.kind {
                PendingKind::DeadLetter { attempt, .. } => Some(attempt),
                PendingKind::Forward => None,
            })
            .max()
        {
            std::thread::sleep(Duration::from_millis(100 * 2u64.pow(max_attempt.min(5))));
            let topic = self.config.dlq_topic.clone();
            for (record, pending) in dlq_retries {
                let headers = record.headers().cloned();
                self.produce(&topic, pending, record.key(), record.payload(), headers);
            }
        }
        Ok(())
    }
}
