//! The state shared by the consumer loop, the delivery-report thread and the rebalance
//! callbacks, and the offset commit.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicBool, AtomicU64};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

use rdkafka::consumer::{BaseConsumer, CommitMode, Consumer};
use rdkafka::error::KafkaError;
use rdkafka::producer::ThreadedProducer;
use rdkafka::types::RDKafkaErrorCode;
use rdkafka::{Offset, TopicPartitionList};

use crate::kafka::producer::ReportCount;
use crate::metrics::{ConsumerMetrics, TopicSeries};
use crate::pipeline::offsets::OffsetTracker;

use super::context::{OutcomeContext, RebalanceContext};
use super::records::Failure;

/// State shared by the consumer loop, the delivery-report thread and the rebalance callbacks.
pub(super) struct Shared {
    pub(super) topic: String,
    pub(super) tracker: Mutex<OffsetTracker>,
    pub(super) metrics: Arc<ConsumerMetrics>,
    /// The series every message touches, looked up once.
    pub(super) series: TopicSeries,
    pub(super) failures: Mutex<Vec<Failure>>,
    pub(super) assignment: Mutex<BTreeSet<i32>>,
    /// Bumped at every revoke, so the loop can drop work of partitions it lost.
    pub(super) revokes: AtomicU64,
    pub(super) forwarded: AtomicU64,
    pub(super) processed_without_output: AtomicU64,
    pub(super) dead_lettered: Mutex<BTreeMap<String, u64>>,
    pub(super) errors: Mutex<BTreeMap<String, u64>>,
    pub(super) retries: AtomicU64,
    /// Records queued by the loop thread against reports handled by the delivery thread:
    /// at 0, every outcome is counted and in the tracker.
    pub(super) reports: ReportCount,
    /// Set while the breaker is open: partitions assigned meanwhile are paused too.
    pub(super) breaker_paused: AtomicBool,
    pub(super) breaker_opened: AtomicU64,
    pub(super) producer: OnceLock<Arc<ThreadedProducer<OutcomeContext>>>,
    /// Where a partition without committed offsets starts (for the lag before the first message).
    pub(super) reset_earliest: bool,
    /// Assigned partitions whose end offset the statistics do not know (paused before their
    /// first fetch, e.g. while the breaker is open), with their committed offset: the loop
    /// asks the broker for their watermarks instead (`Member::refresh_unknown_lag`).
    pub(super) unknown_end: Mutex<BTreeMap<i32, i64>>,
    /// Exactly-once state: whether a transaction is open, and what the loop must do next.
    pub(super) exactly_once: bool,
    pub(super) txn_open: AtomicBool,
    /// Set when a transaction had to be aborted outside the loop (in a revoke): rewind.
    pub(super) txn_needs_rewind: AtomicBool,
    pub(super) txn_fatal: Mutex<Option<String>>,
    pub(super) txn_committed: AtomicU64,
    pub(super) txn_aborted: AtomicU64,
    /// Bumped at every abort: work begun before it belongs to an aborted transaction.
    pub(super) txn_epoch: AtomicU64,
    /// Partitions revoked since the loop last looked (buffered work of theirs is stale, even
    /// when the same partition was assigned back).
    pub(super) revoked: Mutex<BTreeSet<i32>>,
    /// Assignments received (the idle timeout counts from the last one too).
    pub(super) assigns: AtomicU64,
    /// Set when the member stops on an error: a revoke during shutdown must not commit.
    pub(super) closing_fatal: AtomicBool,
}

pub(super) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Shared {
    pub(super) fn producer(&self) -> &ThreadedProducer<OutcomeContext> {
        self.producer
            .get()
            .expect("the producer is created before the consumer")
    }

    pub(super) fn error(&self, error_type: &str) {
        self.metrics.error(&self.topic, error_type);
        *lock(&self.errors)
            .entry(error_type.to_string())
            .or_default() += 1;
    }

    pub(super) fn commit(
        &self,
        consumer: &BaseConsumer<RebalanceContext>,
        positions: &[(i32, i64)],
        mode: CommitMode,
    ) {
        if positions.is_empty() {
            return;
        }
        let mut tpl = TopicPartitionList::new();
        for (p, next) in positions {
            if tpl
                .add_partition_offset(&self.topic, *p, Offset::Offset(*next))
                .is_err()
            {
                return;
            }
        }
        match consumer.commit(&tpl, mode) {
            Ok(()) => tracing::debug!(?positions, "committed"),
            // The revoke that follows commits these positions synchronously.
            Err(KafkaError::ConsumerCommit(RDKafkaErrorCode::RebalanceInProgress)) => {
                tracing::debug!(?positions, "commit deferred: a rebalance is in progress")
            }
            Err(e) => tracing::warn!(?positions, "commit failed: {e}"),
        }
    }
}
