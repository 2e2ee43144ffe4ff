//! Exactly-once transactions: begin, commit with the consumed offsets, abort, and the
//! member's rewind to the committed offsets after an abort.

use std::sync::atomic::Ordering;
use std::time::Duration;

use anyhow::{anyhow, bail};
use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::error::KafkaError;
use rdkafka::producer::Producer;
use rdkafka::{Offset, TopicPartitionList};

use crate::kafka::options::OffsetReset;

use super::member::Member;
use super::records::{Failure, TxnFailure};
use super::shared::RebalanceContext;
use super::shared::{lock, Shared};

/// How long a transactional call (init, send offsets, commit, abort) may take.
pub(super) const TXN_TIMEOUT: Duration = Duration::from_secs(30);

/// Consecutive aborted transactions after which the member gives up.
pub(super) const MAX_ABORTS: u32 = 5;

pub(super) fn txn_failure(what: &str, e: &KafkaError) -> TxnFailure {
    match e {
        KafkaError::Transaction(r) if r.is_fatal() => {
            TxnFailure::Fatal(format!("{what}: {e} (fatal)"))
        }
        _ => TxnFailure::Abort(format!("{what}: {e}")),
    }
}

/// Runs a transactional call, retrying it while librdkafka says the error is retriable.
pub(super) fn with_retries(
    what: &str,
    mut call: impl FnMut() -> Result<(), KafkaError>,
) -> Result<(), TxnFailure> {
    let mut tries = 0;
    loop {
        match call() {
            Ok(()) => return Ok(()),
            Err(KafkaError::Transaction(r)) if r.is_retriable() && tries < 3 => {
                tries += 1;
                tracing::debug!("{what}: {r}; retrying");
            }
            Err(e) => return Err(txn_failure(what, &e)),
        }
    }
}

impl Shared {
    /// Opens a transaction if none is open (exactly-once).
    pub(super) fn begin_txn(&self) -> Result<(), TxnFailure> {
        if self.txn_open.load(Ordering::SeqCst) {
            return Ok(());
        }
        self.producer()
            .begin_transaction()
            .map_err(|e| txn_failure("begin transaction", &e))?;
        self.txn_open.store(true, Ordering::SeqCst);
        Ok(())
    }

    /// Exactly-once commit point: waits for the open transaction's records, adds the
    /// positions of every finished message to it, and commits. Output records, dead letters
    /// and offsets become visible together or not at all.
    pub(super) fn commit_txn(
        &self,
        consumer: &BaseConsumer<RebalanceContext>,
    ) -> Result<(), TxnFailure> {
        let producer = self.producer();
        if let Err(e) = producer.flush(TXN_TIMEOUT) {
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
            let cgm = consumer
                .group_metadata()
                .ok_or_else(|| TxnFailure::Fatal("no consumer group metadata".into()))?;
            with_retries("send offsets to the transaction", || {
                producer.send_offsets_to_transaction(&tpl, &cgm, TXN_TIMEOUT)
            })?;
        }
        with_retries("commit transaction", || {
            producer.commit_transaction(TXN_TIMEOUT)
        })?;
        self.txn_open.store(false, Ordering::SeqCst);
        self.txn_committed.fetch_add(1, Ordering::Relaxed);
        tracing::debug!(?positions, "transaction committed");
        Ok(())
    }

    /// Aborts the open transaction (its records are never visible to read_committed readers).
    pub(super) fn abort_txn(&self) -> Result<(), TxnFailure> {
        if self.txn_open.swap(false, Ordering::SeqCst) {
            if let Err(e) = self.producer().abort_transaction(TXN_TIMEOUT) {
                return Err(TxnFailure::Fatal(format!("abort transaction: {e}")));
            }
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
            Err(TxnFailure::Fatal(reason)) => {
                bail!("{reason}; stopping (nothing of the open transaction is visible)")
            }
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
            bail!("{MAX_ABORTS} transactions in a row were aborted (last: {reason}); stopping without committing");
        }
        self.txn_messages = 0;
        self.rewind()
    }

    /// Seeks every assigned partition back to its committed offset and forgets the work
    /// done since (it was aborted), so it is processed again.
    pub(super) fn rewind(&mut self) -> anyhow::Result<()> {
        // Anything produced since the abort belongs to work that will be redone.
        if let Err(TxnFailure::Fatal(f)) | Err(TxnFailure::Abort(f)) = self.shared.abort_txn() {
            bail!("{f}");
        }
        self.buffered.clear();
        self.note_buffered();
        let assigned: Vec<i32> = lock(&self.shared.assignment).iter().copied().collect();
        lock(&self.shared.tracker).release(&assigned);
        let committed = self
            .consumer
            .committed(TXN_TIMEOUT)
            .map_err(|e| anyhow!("cannot read committed offsets to rewind: {e}"))?;
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
                .seek_partitions(seek, TXN_TIMEOUT)
                .map_err(|e| anyhow!("cannot rewind to the committed offsets: {e}"))?;
            if let Some(e) = result.elements().iter().find_map(|e| e.error().err()) {
                bail!("cannot rewind to the committed offsets: {e}; stopping without committing");
            }
        }
        tracing::info!(partitions = ?assigned, "rewound to the committed offsets");
        Ok(())
    }
}
