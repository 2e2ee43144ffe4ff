//! The member: its consumer, producer and state, how it is built and run, and the small
//! bookkeeping every path shares (registering a consumed message, timing it, the lag of
//! partitions the statistics know no end of).

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use anyhow::anyhow;
use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::message::OwnedMessage;
use rdkafka::producer::{Producer, ThreadedProducer};

use crate::kafka::options::OffsetReset;
use crate::kafka::producer::ReportCount;
use crate::metrics::ConsumerMetrics;
use crate::pipeline::activity::Activity;
use crate::pipeline::breaker::Breaker;
use crate::pipeline::offsets::OffsetTracker;
use crate::sink::http::HttpSink;

use super::burst::validator_pool;
use super::calls::Dispatch;
use super::config::ConsumerConfig;
use super::drive::{drive, finish_fatal};
use super::lag::lag_position;
use super::revoke_book::RevokeBook;
use super::shared::{lock, Shared};
use super::shared::{OutcomeContext, RebalanceContext};
use super::summary::{Summary, TxnCounts};
use super::txn::TXN_TIMEOUT;

/// How often the lag of partitions the statistics know no (current) end of is asked of the
/// broker.
pub(super) const UNKNOWN_LAG_REFRESH: Duration = Duration::from_secs(5);

/// The member: consumer, producer, shared state.
pub(super) struct Member {
    pub(super) config: ConsumerConfig,
    pub(super) consumer: Arc<BaseConsumer<RebalanceContext>>,
    pub(super) producer: Arc<ThreadedProducer<OutcomeContext>>,
    pub(super) shared: Arc<Shared>,
    /// Messages fetched while partitions were paused for a backoff, in fetch order.
    pub(super) buffered: VecDeque<OwnedMessage>,
    /// The revokes this member has seen, and those since the current wait began.
    pub(super) revoke_book: RevokeBook,
    pub(super) stop: Arc<AtomicBool>,
    /// Messages consumed, and when the first and the last arrived.
    pub(super) activity: Activity,
    /// `kafka_consumer_messages_consumed_total` per partition, looked up once per partition.
    pub(super) consumed_counters: BTreeMap<i32, prometheus::IntCounter>,
    /// When the lag of partitions with an unknown end was last asked of the broker.
    pub(super) lag_refreshed: Instant,
    /// A fatal error met inside a backoff wait, raised by the main loop.
    pub(super) fatal: Option<anyhow::Error>,
    pub(super) sink: Option<HttpSink>,
    /// Guards the downstream (the HTTP sink or the fault injector) when there is one.
    pub(super) breaker: Option<Breaker>,
    /// Messages handled in the open transaction (exactly-once).
    pub(super) txn_messages: u64,
    pub(super) aborts_in_a_row: u32,
    /// With `--sink-url`: concurrent downstream calls, one per partition at a time.
    pub(super) dispatch: Option<Dispatch>,
    /// Threads that decode and validate a burst of polled messages beside the loop thread,
    /// when processing cannot fail and the machine has more than one CPU.
    pub(super) validators: Option<rayon::ThreadPool>,
    /// Consumed messages given up uncommitted because their partition was revoked before
    /// their outcome was queued (`Summary::dropped_on_revoke`).
    pub(super) dropped_on_revoke: u64,
}

impl Member {
    pub(super) fn stopped(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }

    pub(super) fn max_reached(&self) -> bool {
        self.config
            .max_messages
            .is_some_and(|m| self.activity.count() >= m)
    }

    /// Nothing waiting and no call in flight (always true without a sink).
    pub(super) fn dispatch_idle(&self) -> bool {
        self.dispatch.as_ref().is_none_or(|d| d.lanes.is_empty())
    }

    /// Registers a consumed message with the offset tracker and counts it.
    pub(super) fn begin(&mut self, p: i32, off: i64) {
        lock(&self.shared.tracker).begin(p, off);
        self.count_consumed(p);
    }

    /// Counts a message received from partition `p`.
    pub(super) fn count_consumed(&mut self, p: i32) {
        let shared = &self.shared;
        self.consumed_counters
            .entry(p)
            .or_insert_with(|| shared.metrics.consumed_counter(&shared.topic, p))
            .inc();
    }

    pub(super) fn observe(&self, started: Instant) {
        self.shared
            .series
            .processing
            .observe(started.elapsed().as_secs_f64());
    }

    /// Lag of the partitions whose end offset librdkafka's statistics do not know: a paused
    /// partition that was never fetched (the breaker opened first) has no high watermark
    /// there, and its lag is exactly what an operator needs to see. Asked of the broker at
    /// most every [`UNKNOWN_LAG_REFRESH`], only for those partitions.
    pub(super) fn refresh_unknown_lag(&mut self, now: Instant) {
        if now.saturating_duration_since(self.lag_refreshed) < UNKNOWN_LAG_REFRESH {
            return;
        }
        self.lag_refreshed = now;
        let unknown = lock(&self.shared.unknown_end).clone();
        if unknown.is_empty() {
            return;
        }
        let durable: BTreeMap<i32, i64> =
            lock(&self.shared.tracker).positions().into_iter().collect();
        for (p, committed) in unknown {
            if !lock(&self.shared.assignment).contains(&p) {
                continue;
            }
            match self
                .consumer
                .fetch_watermarks(&self.shared.topic, p, Duration::from_secs(1))
            {
                Ok((low, high)) => {
                    let reset = if self.shared.reset_earliest {
                        low
                    } else {
                        high
                    };
                    let position = lag_position(durable.get(&p).copied(), committed, reset);
                    self.shared
                        .metrics
                        .set_lag(&self.shared.topic, p, (high - position).max(0));
                }
                Err(e) => tracing::debug!(partition = p, "cannot read the watermarks: {e}"),
            }
        }
    }
}

/// Runs the member until a stop condition; blocking.
pub(super) fn run_member(
    config: ConsumerConfig,
    sink: Option<HttpSink>,
    metrics: Arc<ConsumerMetrics>,
    stop: Arc<AtomicBool>,
) -> anyhow::Result<Summary> {
    let shared = Arc::new(Shared {
        topic: config.topic.clone(),
        tracker: Mutex::new(OffsetTracker::default()),
        series: metrics.topic_series(&config.topic),
        metrics,
        failures: Mutex::new(Vec::new()),
        assignment: Mutex::new(BTreeSet::new()),
        revokes: AtomicU64::new(0),
        forwarded: AtomicU64::new(0),
        processed_without_output: AtomicU64::new(0),
        dead_lettered: Mutex::new(BTreeMap::new()),
        errors: Mutex::new(BTreeMap::new()),
        retries: AtomicU64::new(0),
        reports: ReportCount::default(),
        breaker_paused: AtomicBool::new(false),
        breaker_opened: AtomicU64::new(0),
        producer: OnceLock::new(),
        reset_earliest: config.offset_reset == OffsetReset::Earliest,
        unknown_end: Mutex::new(BTreeMap::new()),
        exactly_once: config.exactly_once,
        txn_open: AtomicBool::new(false),
        txn_needs_rewind: AtomicBool::new(false),
        txn_fatal: Mutex::new(None),
        txn_committed: AtomicU64::new(0),
        txn_aborted: AtomicU64::new(0),
        txn_epoch: AtomicU64::new(0),
        revoked: Mutex::new(BTreeSet::new()),
        assigns: AtomicU64::new(0),
        closing_fatal: AtomicBool::new(false),
    });
    let producer: Arc<ThreadedProducer<OutcomeContext>> = Arc::new(
        config
            .producer
            .create_with_context(OutcomeContext::new(shared.clone()))
            .map_err(|e| anyhow!("cannot create the producer: {e}"))?,
    );
    let _ = shared.producer.set(producer.clone());
    if config.exactly_once {
        // Fences any earlier member with the same transactional.id and aborts its open
        // transaction, so a restarted instance never duplicates what a crashed one wrote.
        producer.init_transactions(TXN_TIMEOUT).map_err(|e| {
            anyhow!(
                "cannot start transactions (transactional.id kmsg-{}-{}): {e}",
                config.group,
                config.instance
            )
        })?;
    }
    let consumer: BaseConsumer<RebalanceContext> = config
        .consumer
        .create_with_context(RebalanceContext::new(shared.clone()))
        .map_err(|e| anyhow!("cannot create the consumer: {e}"))?;
    let consumer = Arc::new(consumer);
    consumer
        .subscribe(&[&config.topic])
        .map_err(|e| anyhow!("cannot subscribe to {}: {e}", config.topic))?;
    tracing::info!(group = %config.group, instance = %config.instance, topic = %config.topic, "consuming");

    let breaker = (sink.is_some() || config.injector.is_active())
        .then(|| Breaker::new(config.breaker))
        .transpose()
        .map_err(|e| anyhow!(e))?;
    let dispatch = sink
        .as_ref()
        .map(|_| Dispatch::new(config.sink_concurrency));
    let validators = if breaker.is_none() && !config.exactly_once {
        validator_pool()?
    } else {
        None
    };
    let mut member = Member {
        sink,
        breaker,
        config,
        consumer,
        producer,
        shared: shared.clone(),
        buffered: VecDeque::new(),
        revoke_book: RevokeBook::default(),
        stop,
        activity: Activity::default(),
        consumed_counters: BTreeMap::new(),
        lag_refreshed: Instant::now(),
        fatal: None,
        txn_messages: 0,
        aborts_in_a_row: 0,
        dispatch,
        validators,
        dropped_on_revoke: 0,
    };
    let start = Instant::now();
    let reason = match drive(&mut member) {
        Ok(reason) => reason,
        Err(e) => {
            // No commit of unfinished or aborted work on the way out, not even in the
            // revoke that closing the consumer triggers.
            shared.closing_fatal.store(true, Ordering::SeqCst);
            return Err(finish_fatal(&member, e));
        }
    };
    let left = lock(&shared.tracker).in_flight() as u64;
    member.consumer.unsubscribe();
    let elapsed = start.elapsed().as_secs_f64().max(1e-6);
    let dead_lettered = lock(&shared.dead_lettered).clone();
    let errors = lock(&shared.errors).clone();
    let forwarded = shared.forwarded.load(Ordering::Relaxed);
    let processed_without_output = shared.processed_without_output.load(Ordering::Relaxed);
    Ok(Summary {
        group: member.config.group.clone(),
        instance: member.config.instance.clone(),
        topic: member.config.topic.clone(),
        topic_is_default: member.config.topic_is_default,
        consumed: member.activity.count(),
        forwarded,
        processed_without_output,
        dead_lettered_total: dead_lettered.values().sum(),
        dead_lettered,
        retries: shared.retries.load(Ordering::Relaxed),
        errors,
        breaker_opened: shared.breaker_opened.load(Ordering::Relaxed),
        transactions: member.config.exactly_once.then(|| TxnCounts {
            committed: shared.txn_committed.load(Ordering::Relaxed),
            aborted: shared.txn_aborted.load(Ordering::Relaxed),
        }),
        not_finished_at_exit: left,
        dropped_on_revoke: member.dropped_on_revoke,
        duration_secs: elapsed,
        active_secs: member.activity.span().as_secs_f64(),
        msgs_per_sec: member.activity.rate(Duration::from_secs_f64(elapsed)),
        stopped_by: reason,
    })
}
