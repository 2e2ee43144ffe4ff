//! Exactly-once transactions: begin, commit with the consumed offsets, abort, and the
//! member's rewind to the committed offsets after an abort.
//!
//! Every commit (flush, offsets, commit) shares one budget, half of `transaction.timeout.ms`
//! ([`commit_budget`]): the coordinator aborts a transaction open longer and bumps the
//! producer's epoch, and a producer still working on it is then fenced. Calls librdkafka
//! says to retry (a coordinator that moved, a timeout) are retried within that budget. A
//! call that cannot finish in it stops the member: librdkafka's
//! `send_offsets_to_transaction` can wait without end for a group coordinator whose broker
//! left the metadata and came back (librdkafka issue #5511), so it runs on a thread of its
//! own and is given up after the budget. A fenced or otherwise fatal producer stops the
//! member too. Stopping is safe: nothing of the open transaction is visible to
//! read_committed readers, and a restart (same `--instance-id`) fences what is left of this
//! instance and resumes from the last committed transaction ([`RESTART_RESUMES`]).

use std::sync::atomic::Ordering;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::bail;
use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::error::KafkaError;
use rdkafka::producer::Producer;
use rdkafka::types::RDKafkaErrorCode;
use rdkafka::{Offset, TopicPartitionList};

use crate::kafka::options::OffsetReset;

use super::member::Member;
use super::records::{Failure, TxnFailure};
use super::shared::RebalanceContext;
use super::shared::{lock, Shared};

/// How long `init_transactions` may take at start-up.
pub(super) const TXN_TIMEOUT: Duration = Duration::from_secs(30);

/// Consecutive aborted transactions after which the member gives up.
pub(super) const MAX_ABORTS: u32 = 5;

/// How long past its budget a call on its own thread may take before it is given up.
const WEDGE_GRACE: Duration = Duration::from_secs(5);

/// The pause between two tries of a retriable transactional call.
const RETRY_PAUSE: Duration = Duration::from_millis(100);

/// The end of every message that stops a member on a transaction it could not finish (the
/// fault suite restarts members that print it, as a supervisor would).
pub const RESTART_RESUMES: &str = "stopping: nothing of the open transaction is visible, and a restart (same --instance-id) resumes from the last committed transaction";

/// How long one commit (flush, offsets and commit together), one abort or one rewind may
/// take: half of `transaction.timeout.ms`, so a commit that runs out of it still ends well
/// before the coordinator aborts the transaction and fences the producer.
pub(super) fn commit_budget(txn_timeout: Duration) -> Duration {
    txn_timeout / 2
}

/// What is left of a budget that ends at `until`.
pub(super) fn left(until: Instant, now: Instant) -> Duration {
    until.saturating_duration_since(now)
}

/// What an error of a transactional call means (pure; table-tested).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TxnErrorKind {
    /// Call again (librdkafka says so: a timeout, a coordinator that moved or loads).
    Retry,
    /// The transaction cannot commit: abort it, rewind and process again.
    Abort,
    /// A newer producer with this transactional.id exists: another instance took over, or
    /// the coordinator aborted a transaction that ran past `transaction.timeout.ms`.
    Fenced,
    /// This producer can do nothing more.
    Fatal,
}

/// Classifies an error by its code and librdkafka's flags.
pub(super) fn classify(code: RDKafkaErrorCode, fatal: bool, retriable: bool) -> TxnErrorKind {
    match code {
        RDKafkaErrorCode::Fenced
        | RDKafkaErrorCode::InvalidProducerEpoch
        | RDKafkaErrorCode::ProducerFenced => TxnErrorKind::Fenced,
        _ if fatal => TxnErrorKind::Fatal,
        _ if retriable => TxnErrorKind::Retry,
        _ => TxnErrorKind::Abort,
    }
}

fn kind_of(e: &KafkaError) -> TxnErrorKind {
    match e {
        KafkaError::Transaction(r) => classify(r.code(), r.is_fatal(), r.is_retriable()),
        other => classify(
            other.rdkafka_error_code().unwrap_or(RDKafkaErrorCode::Fail),
            false,
            false,
        ),
    }
}

/// A message that stops the member (see [`RESTART_RESUMES`]).
pub(super) fn stopping(reason: &str) -> String {
    format!("{reason}; {RESTART_RESUMES}")
}

pub(super) fn txn_failure(what: &str, e: &KafkaError) -> TxnFailure {
    match kind_of(e) {
        TxnErrorKind::Fenced => TxnFailure::Fatal(stopping(&format!(
            "{what}: the transactional producer was fenced ({e}): another member with the same --instance-id took over, or the transaction ran past transaction.timeout.ms and the coordinator aborted it"
        ))),
        TxnErrorKind::Fatal => TxnFailure::Fatal(stopping(&format!("{what}: {e} (fatal)"))),
        TxnErrorKind::Retry | TxnErrorKind::Abort => TxnFailure::Abort(format!("{what}: {e}")),
    }
}

/// Why one try of a transactional call failed.
enum CallError {
    Kafka(KafkaError),
    /// Give up at once with this failure.
    Stop(TxnFailure),
}

/// Runs a transactional call, retrying it while librdkafka says the error is retriable and
/// the budget (until `until`) lasts; each try gets what is left of it. `out_of_time` makes
/// the failure when the budget ran out on a retriable error.
fn with_retries(
    what: &str,
    until: Instant,
    out_of_time: fn(String) -> TxnFailure,
    mut call: impl FnMut(Duration) -> Result<(), CallError>,
) -> Result<(), TxnFailure> {
    loop {
        match call(left(until, Instant::now())) {
            Ok(()) => return Ok(()),
            Err(CallError::Stop(f)) => return Err(f),
            Err(CallError::Kafka(e)) if kind_of(&e) == TxnErrorKind::Retry => {
                if left(until, Instant::now()) <= RETRY_PAUSE {
                    return Err(out_of_time(format!(
                        "{what} did not finish within the commit budget: {e}"
                    )));
                }
                tracing::debug!("{what}: {e}; retrying");
                std::thread::sleep(RETRY_PAUSE);
            }
            Err(CallError::Kafka(e)) => return Err(txn_failure(what, &e)),
        }
    }
}

fn fatal(reason: String) -> TxnFailure {
    TxnFailure::Fatal(stopping(&reason))
}

impl Shared {
    /// Opens a transaction if none is open (exactly-once).
    pub(super) fn begin_txn(&self) -> Result<(), TxnFailure> {
        if self.txn_open.load(Ordering::SeqCst) {
            return Ok(());
        }
        self.producer().begin_transaction().map_err(|e| {
            match txn_failure("begin transaction", &e) {
                TxnFailure::Abort(r) => TxnFailure::Fatal(stopping(&r)),
                f => f,
            }
        })?;
        self.txn_open.store(true, Ordering::SeqCst);
        Ok(())
    }

    /// Exactly-once commit point: waits for the open transaction's records, adds the
    /// positions of every finished message to it, and commits, all within one
    /// [`commit_budget`]. Output records, dead letters and offsets become visible together
    /// or not at all.
    pub(super) fn commit_txn(
        &self,
        consumer: &BaseConsumer<RebalanceContext>,
    ) -> Result<(), TxnFailure> {
        let until = Instant::now() + self.txn_budget;
        let producer = self.producer();
        if let Err(e) = producer.flush(left(until, Instant::now())) {
            // Records not delivered by now would be committed without their offsets.
            return Err(TxnFailure::Abort(format!(
                "records of the transaction were not delivered in time: {e}"
            )));
        }
        if let Some(Failure { reason, .. }) = lock(&self.failures).first() {
            return Err(TxnFailure::Abort(format!(
                "a record of the transaction failed: {reason}"
            )));
        }
        let positions = lock(&self.tracker).take_commits();
        if positions.is_empty() && !self.txn_open.load(Ordering::SeqCst) {
            return Ok(());
        }
        self.begin_txn()?;
        if !positions.is_empty() {
            let tpl = self.offsets_list(&positions);
            // Not resumable: once the budget is gone the transaction can still be aborted.
            with_retries(
                "send offsets to the transaction",
                until,
                TxnFailure::Abort,
                |left| {
                    let cgm = consumer.group_metadata().ok_or_else(|| {
                        CallError::Stop(fatal("no consumer group metadata".into()))
                    })?;
                    self.send_offsets_on_own_thread(&tpl, cgm, left)
                },
            )?;
        }
        // A commit that did not finish may still finish at the coordinator: it cannot be
        // aborted, and rewinding would repeat what it holds, so running out of time stops.
        with_retries("commit transaction", until, fatal, |left| {
            producer.commit_transaction(left).map_err(CallError::Kafka)
        })?;
        self.txn_open.store(false, Ordering::SeqCst);
        self.txn_committed.fetch_add(1, Ordering::Relaxed);
        tracing::debug!(?positions, "transaction committed");
        Ok(())
    }

    /// `send_offsets_to_transaction` on a thread of its own, waited for `left` plus
    /// [`WEDGE_GRACE`]: librdkafka may never answer it (see the module doc), and then the
    /// producer is given up (wedged: no other transactional call can run while it waits).
    fn send_offsets_on_own_thread(
        &self,
        tpl: &TopicPartitionList,
        cgm: rdkafka::consumer::ConsumerGroupMetadata,
        left: Duration,
    ) -> Result<(), CallError> {
        let Some(producer) = self.producer.get().cloned() else {
            return Err(CallError::Stop(fatal("no producer".into())));
        };
        let tpl = tpl.clone();
        let (tx, rx) = mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("kmsg-txn-offsets".into())
            .spawn(move || {
                let _ = tx.send(producer.send_offsets_to_transaction(&tpl, &cgm, left));
            });
        if let Err(e) = spawned {
            return Err(CallError::Stop(TxnFailure::Abort(format!(
                "cannot start a thread to send the offsets: {e}"
            ))));
        }
        match rx.recv_timeout(left + WEDGE_GRACE) {
            Ok(result) => result.map_err(CallError::Kafka),
            Err(_) => {
                self.txn_wedged.store(true, Ordering::SeqCst);
                Err(CallError::Stop(fatal(format!(
                    "sending the offsets to the transaction got no answer within {} (the group coordinator did not answer after a broker left and came back, librdkafka issue #5511)",
                    humantime::format_duration(Duration::from_secs((left + WEDGE_GRACE).as_secs()))
                ))))
            }
        }
    }

    /// Aborts the open transaction (its records are never visible to read_committed
    /// readers), retrying within the budget while librdkafka says the abort can be resumed.
    pub(super) fn abort_txn(&self) -> Result<(), TxnFailure> {
        if self.txn_open.swap(false, Ordering::SeqCst) {
            if self.txn_wedged.load(Ordering::SeqCst) {
                // A call still waits in librdkafka: no other can run.
                return Err(fatal(
                    "cannot abort the transaction: a transactional call got no answer".into(),
                ));
            }
            let until = Instant::now() + self.txn_budget;
            let producer = self.producer();
            with_retries("abort transaction", until, fatal, |left| {
                producer.abort_transaction(left).map_err(CallError::Kafka)
            })
            .map_err(|f| match f {
                TxnFailure::Abort(r) => fatal(r),
                f => f,
            })?;
            self.txn_aborted.fetch_add(1, Ordering::Relaxed);
        }
        lock(&self.failures).clear();
        // Nothing of the aborted work may be committed by any later path.
        let assigned: Vec<i32> = lock(&self.assignment).iter().copied().collect();
        lock(&self.tracker).release(&assigned);
        self.txn_epoch.fetch_add(1, Ordering::SeqCst);
        Ok(())
    }

    pub(super) fn offsets_list(&self, positions: &[(i32, i64)]) -> TopicPartitionList {
        let mut tpl = TopicPartitionList::new();
        for (p, next) in positions {
            let _ = tpl.add_partition_offset(&self.topic, *p, Offset::Offset(*next));
        }
        tpl
    }
}

impl Member {
    /// Exactly-once commit point; an abortable failure aborts and rewinds.
    pub(super) fn commit_txn_or_rewind(&mut self) -> anyhow::Result<()> {
        match self.shared.commit_txn(&self.consumer) {
            Ok(()) => {
                self.txn_messages = 0;
                self.aborts_in_a_row = 0;
                Ok(())
            }
            Err(TxnFailure::Abort(reason)) => self.abort_and_rewind(&reason),
            Err(TxnFailure::Fatal(reason)) => bail!("{reason}"),
        }
    }

    /// Aborts the open transaction and goes back to the committed offsets.
    pub(super) fn abort_and_rewind(&mut self, reason: &str) -> anyhow::Result<()> {
        tracing::warn!("aborting the transaction: {reason}");
        if let Err(TxnFailure::Fatal(f)) | Err(TxnFailure::Abort(f)) = self.shared.abort_txn() {
            bail!("{f}");
        }
        self.aborts_in_a_row += 1;
        if self.aborts_in_a_row > MAX_ABORTS {
            bail!(
                "{}",
                stopping(&format!(
                    "{MAX_ABORTS} transactions in a row were aborted (last: {reason})"
                ))
            );
        }
        self.txn_messages = 0;
        self.rewind()
    }

    /// Seeks every assigned partition back to its committed offset and forgets the work
    /// done since (it was aborted), so it is processed again. The committed offsets are
    /// asked again within the budget while any partition's answer is an error: starting
    /// such a partition over from `--offset-reset` would repeat committed work.
    pub(super) fn rewind(&mut self) -> anyhow::Result<()> {
        // Anything produced since the abort belongs to work that will be redone.
        if let Err(TxnFailure::Fatal(f)) | Err(TxnFailure::Abort(f)) = self.shared.abort_txn() {
            bail!("{f}");
        }
        self.buffered.clear();
        self.note_buffered();
        let assigned: Vec<i32> = lock(&self.shared.assignment).iter().copied().collect();
        lock(&self.shared.tracker).release(&assigned);
        let until = Instant::now() + self.shared.txn_budget;
        let committed = loop {
            let why = match self.consumer.committed(left(until, Instant::now())) {
                Ok(tpl) => match tpl
                    .elements_for_topic(&self.shared.topic)
                    .iter()
                    .find_map(|e| e.error().err().map(|err| (e.partition(), err)))
                {
                    None => break tpl,
                    Some((p, err)) => format!("partition {p}: {err}"),
                },
                Err(e) => e.to_string(),
            };
            if left(until, Instant::now()) <= RETRY_PAUSE {
                bail!(
                    "{}",
                    stopping(&format!(
                        "cannot read the committed offsets to rewind to ({why})"
                    ))
                );
            }
            tracing::debug!("reading the committed offsets to rewind to: {why}; retrying");
            std::thread::sleep(RETRY_PAUSE);
        };
        let mut seek = TopicPartitionList::new();
        for e in committed.elements_for_topic(&self.shared.topic) {
            let to = match e.offset() {
                Offset::Offset(o) => Offset::Offset(o),
                _ => match self.config.offset_reset {
                    OffsetReset::Earliest => Offset::Beginning,
                    OffsetReset::Latest => Offset::End,
                },
            };
            let _ = seek.add_partition_offset(&self.shared.topic, e.partition(), to);
        }
        if seek.count() > 0 {
            let result = self
                .consumer
                .seek_partitions(seek, left(until, Instant::now()).max(RETRY_PAUSE))
                .map_err(|e| {
                    anyhow::anyhow!(stopping(&format!(
                        "cannot rewind to the committed offsets: {e}"
                    )))
                })?;
            if let Some(e) = result.elements().iter().find_map(|e| e.error().err()) {
                bail!(
                    "{}",
                    stopping(&format!("cannot rewind to the committed offsets: {e}"))
                );
            }
        }
        // The idle clock starts over: what was rewound is read again before it may stop.
        self.rewound_at = Instant::now();
        tracing::info!(partitions = ?assigned, "rewound to the committed offsets");
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_commit_has_half_the_transaction_timeout() {
        let s = Duration::from_secs;
        assert_eq!(commit_budget(s(60)), s(30));
        assert_eq!(commit_budget(s(20)), s(10));
        let t0 = Instant::now();
        assert_eq!(left(t0 + s(10), t0 + s(4)), s(6));
        assert_eq!(left(t0 + s(10), t0 + s(11)), Duration::ZERO);
    }

    #[test]
    fn fenced_beats_every_flag_then_fatal_then_retriable() {
        use RDKafkaErrorCode as C;
        use TxnErrorKind as K;
        for (code, fatal, retriable, kind) in [
            (C::Fenced, true, false, K::Fenced),
            (C::InvalidProducerEpoch, false, false, K::Fenced),
            (C::ProducerFenced, false, true, K::Fenced),
            (C::InvalidTransactionalState, true, false, K::Fatal),
            (C::NotCoordinator, false, true, K::Retry),
            (C::RequestTimedOut, false, true, K::Retry),
            (C::CoordinatorLoadInProgress, true, true, K::Fatal),
            (C::MessageTimedOut, false, false, K::Abort),
            (C::TopicAuthorizationFailed, false, false, K::Abort),
        ] {
            assert_eq!(classify(code, fatal, retriable), kind, "{code:?}");
        }
    }

    #[test]
    fn a_stopping_message_says_a_restart_resumes() {
        let m = stopping("commit transaction: boom");
        assert!(m.starts_with("commit transaction: boom; stopping: "), "{m}");
        assert!(m.contains("resumes from the last committed transaction"));
    }
}
