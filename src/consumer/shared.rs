//! The state shared by the consumer loop and librdkafka's callbacks, and the callbacks
//! themselves (they run on the clients' threads): delivery reports make outcomes durable and
//! count them (`OutcomeContext`); rebalances commit on revoke and track the assignment, and
//! statistics give the lag (`RebalanceContext`). `Shared` holds the producer and the
//! callbacks hold `Shared`, so both live here, with the offset commit.

use std::collections::{BTreeMap, BTreeSet};
use std::marker::PhantomData;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

use rdkafka::client::ClientContext;
use rdkafka::config::RDKafkaLogLevel;
use rdkafka::consumer::{BaseConsumer, CommitMode, Consumer, ConsumerContext, Rebalance};
use rdkafka::error::KafkaError;
use rdkafka::producer::{DeliveryResult, Producer, ProducerContext, ThreadedProducer};
use rdkafka::types::RDKafkaErrorCode;
use rdkafka::{Offset, TopicPartitionList};

use crate::kafka::context::KmsgContext;
use crate::kafka::producer::{await_reports, failure_reason, ReportCount};
use crate::metrics::{ConsumerMetrics, TopicSeries};
use crate::pipeline::offsets::{OffsetTracker, Progress};

use super::labels::{ASSIGN, REBALANCE_ERROR, REVOKE};
use super::lag::{lag_position, settled_position, LagClock};
use super::records::{Failure, Pending, PendingKind, TxnFailure};
use super::stop::Membership;

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
    /// Messages polled during a backoff and buffered, not yet registered with the tracker
    /// (`Member::buffered`'s length): while there are any, the lag does not count what
    /// librdkafka handed over as finished (`settled_position`).
    pub(super) buffered: AtomicUsize,
    /// Per assigned partition, what its lag in time is measured from (`consumer::lag`).
    pub(super) lag_clocks: Mutex<BTreeMap<i32, LagClock>>,
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
    /// How long one commit, abort or rewind may take (`txn::commit_budget`).
    pub(super) txn_budget: Duration,
    /// Set when a transactional call got no answer in time and still waits in librdkafka:
    /// no other transactional call can run, the member stops.
    pub(super) txn_wedged: AtomicBool,
    /// Partitions revoked since the loop last looked (buffered work of theirs is stale, even
    /// when the same partition was assigned back).
    pub(super) revoked: Mutex<BTreeSet<i32>>,
    /// Assignments received.
    pub(super) assigns: AtomicU64,
    /// Joining, assigned or rebalancing, as the rebalance callbacks saw it (the idle rule's
    /// input, `stop::idle_check`).
    pub(super) membership: Mutex<Membership>,
    /// Set when the member stops on an error: a revoke during shutdown must not commit.
    pub(super) closing_fatal: AtomicBool,
    /// Once the member stops: when the whole stop must be done (`--shutdown-timeout`), which
    /// also bounds the revoke that leaving or closing brings.
    pub(super) close_by: Mutex<Option<Instant>>,
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

    /// Sets partition `p`'s lag gauges at `now` (ms since the epoch): `lag` messages, and
    /// how old the next record to finish is, from the tracker's `progress` there.
    pub(super) fn set_lag(&self, p: i32, lag: i64, progress: Progress, now: i64) {
        let lag = lag.max(0);
        let seconds = lock(&self.lag_clocks)
            .entry(p)
            .or_default()
            .observe(lag, progress, now);
        self.metrics.set_lag(&self.topic, p, lag);
        self.metrics.set_lag_seconds(&self.topic, p, seconds);
    }

    /// Forgets the lag series and clock of a partition this instance no longer owns.
    pub(super) fn drop_lag(&self, p: i32) {
        lock(&self.lag_clocks).remove(&p);
        self.metrics.drop_lag(&self.topic, p);
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

/// Now, in ms since the epoch (the clock of record timestamps), for the lag in time.
pub(super) fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

/// What the offset tracker knows of every partition: its position (when something is
/// durable) and its [`Progress`], for the lag gauges.
pub(super) fn tracked_lag_inputs(shared: &Shared) -> (BTreeMap<i32, i64>, BTreeMap<i32, Progress>) {
    let tracker = lock(&shared.tracker);
    (
        tracker.positions().into_iter().collect(),
        tracker.progress().into_iter().collect(),
    )
}

/// Lag per assigned partition from librdkafka's statistics (no extra requests): the end
/// of the partition (last stable offset under read_committed) minus the group's position
/// there (see [`lag_position`]), and the lag in time (see `consumer::lag`).
fn update_lag(shared: &Shared, stats: &rdkafka::Statistics) {
    let Some(topic) = stats.topics.get(&shared.topic) else {
        return;
    };
    // Taken (and released) before the assignment lock, never while holding it.
    let (durable, progress) = tracked_lag_inputs(shared);
    let now = now_ms();
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
        let progress = progress.get(p).copied().unwrap_or_default();
        let idle = !progress.unfinished && shared.buffered.load(Ordering::Relaxed) == 0;
        let position = settled_position(
            lag_position(durable.get(p).copied(), part.committed_offset, reset),
            part.app_offset,
            idle,
        );
        if position >= 0 {
            shared.set_lag(*p, end - position, progress, now);
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
            // Let outcomes already on their way become durable, then commit them. The wait
            // counts kmsg's own records without a delivery report, not librdkafka's out-queue
            // (`in_flight_count`): that also holds its log events, so with `-X debug=...` it
            // never empties and the wait spun for the whole REVOKE_FLUSH on every revoke.
            if let (false, Some(producer)) = (shared.exactly_once, shared.producer.get()) {
                let mut deadline = Instant::now() + REVOKE_FLUSH;
                if let Some(by) = *lock(&shared.close_by) {
                    deadline = deadline.min(by);
                }
                await_reports(producer.client(), &shared.reports, deadline, &|| false);
            }
            *lock(&shared.membership) = Membership::Rebalancing;
            let positions = lock(&shared.tracker).release(&partitions);
            if !shared.exactly_once {
                shared.commit(consumer, &positions, CommitMode::Sync);
            }
            let mut assignment = lock(&shared.assignment);
            for p in &partitions {
                assignment.remove(p);
                shared.drop_lag(*p);
            }
            shared
                .metrics
                .rebalanced(&shared.topic, REVOKE, assignment.len(), &partitions);
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
                *lock(&shared.membership) = Membership::Assigned {
                    since: Instant::now(),
                };
                // Every partition's consumed counter exists (at 0) from its assignment.
                for p in &partitions {
                    shared.metrics.consumed_counter(&shared.topic, *p);
                }
                let mut assignment = lock(&shared.assignment);
                assignment.extend(partitions.iter().copied());
                shared
                    .metrics
                    .rebalanced(&shared.topic, ASSIGN, assignment.len(), &partitions);
            }
            Rebalance::Error(e) => {
                // librdkafka unassigns on a rebalance error: treat it as losing everything.
                tracing::warn!("rebalance error: {e}; dropping the assignment");
                let mut assignment = lock(&shared.assignment);
                let all: Vec<i32> = assignment.iter().copied().collect();
                lock(&shared.tracker).release(&all);
                for p in &all {
                    shared.drop_lag(*p);
                }
                lock(&shared.revoked).extend(all.iter().copied());
                shared.revokes.fetch_add(1, Ordering::SeqCst);
                *lock(&shared.membership) = Membership::Rebalancing;
                assignment.clear();
                shared
                    .metrics
                    .rebalanced(&shared.topic, REBALANCE_ERROR, 0, &all);
            }
            Rebalance::Revoke(_) => {}
        }
    }
}
