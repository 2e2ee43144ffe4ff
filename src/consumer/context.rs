//! The librdkafka callbacks, turned into shared state: delivery reports make outcomes durable
//! and count them (`OutcomeContext`); rebalances commit on revoke and track the assignment,
//! and statistics give the lag (`RebalanceContext`).

use std::collections::BTreeMap;
use std::marker::PhantomData;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rdkafka::client::ClientContext;
use rdkafka::config::RDKafkaLogLevel;
use rdkafka::consumer::{BaseConsumer, CommitMode, Consumer, ConsumerContext, Rebalance};
use rdkafka::error::KafkaError;
use rdkafka::producer::{DeliveryResult, Producer, ProducerContext};
use rdkafka::TopicPartitionList;

use crate::kafka::context::KmsgContext;
use crate::kafka::producer::failure_reason;

use super::lag::lag_position;
use super::records::{Failure, Pending, PendingKind, TxnFailure};
use super::shared::{lock, Shared};

/// How long a revoke waits for the revoked partitions' in-flight outcomes.
pub(super) const REVOKE_FLUSH: Duration = Duration::from_secs(10);

/// A client's context in a member: kmsg's logging plus the member's shared state. The role
/// (`Outcomes` for the producer, `Rebalances` for the consumer) says which callbacks it takes.
pub(super) struct MemberContext<R> {
    inner: KmsgContext,
    shared: Arc<Shared>,
    _role: PhantomData<R>,
}

/// The producer's role: delivery reports make offsets committable and count outcomes.
pub(super) struct Outcomes;
/// The consumer's role: commits synchronously on revoke, tracks the assignment for
/// `/readyz`, and reads the lag from librdkafka's statistics.
pub(super) struct Rebalances;

pub(super) type OutcomeContext = MemberContext<Outcomes>;
pub(super) type RebalanceContext = MemberContext<Rebalances>;

/// What differs between the two roles' client callbacks.
pub(super) trait Role: Send + Sync + 'static {
    /// Whether librdkafka's statistics carry this client's consumer lag.
    const READS_LAG: bool;
}
impl Role for Outcomes {
    const READS_LAG: bool = false;
}
impl Role for Rebalances {
    const READS_LAG: bool = true;
}

impl<R: Role> MemberContext<R> {
    pub(super) fn new(shared: Arc<Shared>) -> Self {
        MemberContext {
            inner: KmsgContext::default(),
            shared,
            _role: PhantomData,
        }
    }
}

impl<R: Role> ClientContext for MemberContext<R> {
    fn log(&self, level: RDKafkaLogLevel, fac: &str, log_message: &str) {
        self.inner.log(level, fac, log_message)
    }
    fn stats(&self, statistics: rdkafka::Statistics) {
        if R::READS_LAG {
            update_lag(&self.shared, &statistics);
        }
    }
    fn error(&self, error: KafkaError, reason: &str) {
        self.inner.error(error, reason)
    }
}

impl ProducerContext for OutcomeContext {
    type DeliveryOpaque = Box<Pending>;

    fn delivery(&self, result: &DeliveryResult<'_>, pending: Box<Pending>) {
        let shared = &self.shared;
        match result {
            Ok(_) => {
                let (p, off) = (pending.source.partition(), pending.source.offset());
                // Counted before the tracker hears of it: whoever sees the message done (the
                // shutdown's wait, under the tracker's lock) also sees it counted.
                match &pending.kind {
                    PendingKind::Forward => {
                        shared.forwarded.fetch_add(1, Ordering::Relaxed);
                        shared.series.succeeded.inc();
                    }
                    PendingKind::DeadLetter { class, message, .. } => {
                        *lock(&shared.dead_lettered)
                            .entry(class.clone())
                            .or_default() += 1;
                        shared
                            .metrics
                            .dead_lettered(&shared.topic, class, p, off, message);
                    }
                }
                lock(&shared.tracker).complete(p, off);
            }
            Err((err, record)) => lock(&shared.failures).push(Failure {
                pending,
                reason: failure_reason(err),
                record: record.detach(),
            }),
        }
        shared.reports.reported();
    }
}

/// Lag per assigned partition from librdkafka's statistics (no extra requests): the end
/// of the partition (last stable offset under read_committed) minus the group's position
/// there (see [`lag_position`]).
fn update_lag(shared: &Shared, stats: &rdkafka::Statistics) {
    let Some(topic) = stats.topics.get(&shared.topic) else {
        return;
    };
    // Taken (and released) before the assignment lock, never while holding it.
    let durable: BTreeMap<i32, i64> = lock(&shared.tracker).positions().into_iter().collect();
    let assignment = lock(&shared.assignment);
    for (p, part) in &topic.partitions {
        if *p < 0 || !assignment.contains(p) {
            continue;
        }
        let end = if part.ls_offset >= 0 {
            part.ls_offset
        } else {
            part.hi_offset
        };
        let reset = if shared.reset_earliest {
            part.lo_offset
        } else {
            end
        };
        // No end yet (paused before its first fetch), or a stale one: while the breaker
        // holds the partitions paused nothing is fetched, so the statistics keep the end
        // of the last fetch and the lag would stop growing exactly when it matters. Both
        // are asked of the broker instead (`refresh_unknown_lag`).
        if end < 0 || shared.breaker_paused.load(Ordering::SeqCst) {
            lock(&shared.unknown_end).insert(*p, part.committed_offset);
            continue;
        }
        lock(&shared.unknown_end).remove(p);
        let position = lag_position(durable.get(p).copied(), part.committed_offset, reset);
        if position >= 0 {
            shared
                .metrics
                .set_lag(&shared.topic, *p, (end - position).max(0));
        }
    }
}

/// The partitions of `topic` in a rebalance's list.
pub(super) fn partitions_of(tpl: &TopicPartitionList, topic: &str) -> Vec<i32> {
    tpl.elements_for_topic(topic)
        .iter()
        .map(|e| e.partition())
        .collect()
}

impl ConsumerContext for RebalanceContext {
    fn pre_rebalance(&self, consumer: &BaseConsumer<Self>, rebalance: &Rebalance<'_>) {
        let shared = &self.shared;
        if let Rebalance::Revoke(tpl) = rebalance {
            let partitions = partitions_of(tpl, &shared.topic);
            shared.revokes.fetch_add(1, Ordering::SeqCst);
            lock(&shared.revoked).extend(partitions.iter().copied());
            if shared.exactly_once && shared.closing_fatal.load(Ordering::SeqCst) {
                // Stopping on an error: the open transaction must not commit.
                let _ = shared.abort_txn();
            } else if shared.exactly_once {
                // Commit the open transaction (it may hold records of the revoked partitions).
                match shared.commit_txn(consumer) {
                    Ok(()) => {}
                    Err(TxnFailure::Abort(reason)) => {
                        tracing::warn!("aborting the transaction on revoke: {reason}");
                        if let Err(TxnFailure::Fatal(f)) | Err(TxnFailure::Abort(f)) =
                            shared.abort_txn()
                        {
                            *lock(&shared.txn_fatal) = Some(f);
                        }
                        shared.txn_needs_rewind.store(true, Ordering::SeqCst);
                    }
                    Err(TxnFailure::Fatal(f)) => *lock(&shared.txn_fatal) = Some(f),
                }
            }
            // Let outcomes already on their way become durable, then commit them.
            if let (false, Some(producer)) = (shared.exactly_once, shared.producer.get()) {
                let deadline = Instant::now() + REVOKE_FLUSH;
                while producer.in_flight_count() > 0 && Instant::now() < deadline {
                    let _ = producer.flush(Duration::from_millis(100));
                }
            }
            let positions = lock(&shared.tracker).release(&partitions);
            if !shared.exactly_once {
                shared.commit(consumer, &positions, CommitMode::Sync);
            }
            let mut assignment = lock(&shared.assignment);
            for p in &partitions {
                assignment.remove(p);
                shared.metrics.drop_lag(&shared.topic, *p);
            }
            shared
                .metrics
                .rebalanced(&shared.topic, "revoke", assignment.len(), &partitions);
        }
    }

    fn post_rebalance(&self, consumer: &BaseConsumer<Self>, rebalance: &Rebalance<'_>) {
        let shared = &self.shared;
        match rebalance {
            Rebalance::Assign(tpl) => {
                if shared.breaker_paused.load(Ordering::SeqCst) {
                    // Pause state does not survive a rebalance: re-apply it while open.
                    if let Err(e) = consumer.pause(tpl) {
                        tracing::warn!("cannot pause newly assigned partitions: {e}");
                    }
                }
                let partitions = partitions_of(tpl, &shared.topic);
                shared.assigns.fetch_add(1, Ordering::SeqCst);
                let mut assignment = lock(&shared.assignment);
                assignment.extend(partitions.iter().copied());
                shared
                    .metrics
                    .rebalanced(&shared.topic, "assign", assignment.len(), &partitions);
            }
            Rebalance::Error(e) => {
                // librdkafka unassigns on a rebalance error: treat it as losing everything.
                tracing::warn!("rebalance error: {e}; dropping the assignment");
                let mut assignment = lock(&shared.assignment);
                let all: Vec<i32> = assignment.iter().copied().collect();
                lock(&shared.tracker).release(&all);
                lock(&shared.revoked).extend(all.iter().copied());
                shared.revokes.fetch_add(1, Ordering::SeqCst);
                assignment.clear();
                shared.metrics.rebalanced(&shared.topic, "error", 0, &all);
            }
            Rebalance::Revoke(_) => {}
        }
    }
}
