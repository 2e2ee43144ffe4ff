//! Building and running a member: its shared state, producer (with transactions under
//! exactly-once) and consumer, its breaker, sink lanes and validator threads; then its main
//! loop (`drive`) until a stop condition, and the run summary.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use anyhow::anyhow;
use rdkafka::consumer::{BaseConsumer, Consumer};
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
use super::decode::{DecodeCounts, ValueStage};
use super::drive::{drive, finish_fatal, leave_group};
use super::member::Member;
use super::revoke_book::RevokeBook;
use super::shared::{lock, OutcomeContext, RebalanceContext, Shared};
use super::stop::{leaves_group, Membership};
use super::summary::{DecodeSummary, Summary, TxnCounts};
use super::txn::{commit_budget, TXN_TIMEOUT};

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
        lag_clocks: Mutex::new(BTreeMap::new()),
        buffered: AtomicUsize::new(0),
        exactly_once: config.exactly_once,
        txn_open: AtomicBool::new(false),
        txn_needs_rewind: AtomicBool::new(false),
        txn_fatal: Mutex::new(None),
        txn_committed: AtomicU64::new(0),
        txn_aborted: AtomicU64::new(0),
        txn_epoch: AtomicU64::new(0),
        txn_budget: commit_budget(config.txn_timeout),
        txn_wedged: AtomicBool::new(false),
        revoked: Mutex::new(BTreeSet::new()),
        assigns: AtomicU64::new(0),
        membership: Mutex::new(Membership::Joining),
        closing_fatal: AtomicBool::new(false),
        close_by: Mutex::new(None),
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
    let stage = Arc::new(ValueStage::new(
        config.schema.clone(),
        config.registry.clone(),
        tokio::runtime::Handle::current(),
    ));
    let start_instant = Instant::now();
    let mut member = Member {
        stage,
        decode_counts: DecodeCounts::default(),
        held_for_registry: 0,
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
        rewound_at: start_instant,
        dispatch,
        validators,
        dropped_on_revoke: 0,
        shutdown_timed_out: false,
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
    let close_by = lock(&shared.close_by).unwrap_or_else(Instant::now);
    if leaves_group(member.config.static_member, reason) {
        leave_group(&member, close_by);
    } else {
        tracing::info!(
            instance = %member.config.instance,
            "static member stopped by a signal or its caller: not leaving the group; the coordinator keeps its partitions for this --instance-id until session.timeout.ms passes, and a restart within it takes them back without a rebalance"
        );
    }
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
        registry: member.config.registry.is_some().then(|| DecodeSummary {
            decoded: member.decode_counts.decoded_by_subject(),
            decode_failures: member.decode_counts.failed_by_subject(),
            held_for_registry: member.held_for_registry,
        }),
        transactions: member.config.exactly_once.then(|| TxnCounts {
            committed: shared.txn_committed.load(Ordering::Relaxed),
            aborted: shared.txn_aborted.load(Ordering::Relaxed),
        }),
        not_finished_at_exit: left,
        dropped_on_revoke: member.dropped_on_revoke,
        shutdown_timed_out: member.shutdown_timed_out,
        duration_secs: elapsed,
        active_secs: member.activity.span().as_secs_f64(),
        msgs_per_sec: member.activity.rate(Duration::from_secs_f64(elapsed)),
        stopped_by: reason,
    })
}
