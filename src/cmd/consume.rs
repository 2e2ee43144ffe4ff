//! `kmsg consume --group G`: one member of the pipeline's consumer group.
//!
//! Per message: decode → validate (`pipeline::outcome`) → process (the fault injector; the
//! HTTP downstream and circuit breaker plug in here) → forward to the output topic, or
//! dead-letter with context headers (`pipeline::dead_letter`). Poison goes to the DLQ at once;
//! transient failures are retried in partition order with backoff while the consumer keeps
//! polling (its partitions paused) so it stays in the group.
//!
//! Offsets (at-least-once): a message's offset becomes committable only when the delivery
//! report of its outcome arrives (`pipeline::offsets::OffsetTracker`); commits are
//! asynchronous on an interval and synchronous on revoke and at shutdown. A DLQ write that
//! keeps failing stops the member with exit 1 without committing past that message.
//!
//! The Kafka loop runs on a blocking thread; deliveries are pipelined (a `ThreadedProducer`
//! reports them on its own thread), never one synchronous wait per message. With
//! `--sink-url`, messages wait in per-partition lanes (`pipeline::lanes`) and up to
//! `--sink-concurrency` HTTP calls run on the async runtime at once, at most one per
//! partition, so each partition keeps its order while the loop goes on polling.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{mpsc, Arc, Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant, SystemTime};

use anyhow::{anyhow, bail, Context as _};
use rdkafka::client::ClientContext;
use rdkafka::config::RDKafkaLogLevel;
use rdkafka::consumer::{BaseConsumer, CommitMode, Consumer, ConsumerContext, Rebalance};
use rdkafka::error::KafkaError;
use rdkafka::message::{BorrowedMessage, Header, Headers, OwnedHeaders, OwnedMessage};
use rdkafka::producer::{BaseRecord, DeliveryResult, Producer, ProducerContext, ThreadedProducer};
use rdkafka::types::RDKafkaErrorCode;
use rdkafka::{ClientConfig, Message, Offset, Timestamp, TopicPartitionList};
use serde::Serialize;

use super::Context;
use crate::cli::{ConsumeArgs, OffsetReset, OutputFormat};
use crate::error::usage;
use crate::kafka::admin::Admin;
use crate::kafka::context::KmsgContext;
use crate::kafka::http_sink::HttpSink;
use crate::kafka::producer::{failure_reason, ReportCount};
use crate::metrics::{ConsumerMetrics, TopicSeries};
use crate::output;
use crate::pipeline::activity::Activity;
use crate::pipeline::breaker::{Breaker, BreakerConfig, BreakerState, Permit, Transition};
use crate::pipeline::dead_letter::DeadLetter;
use crate::pipeline::lanes::{Lanes, Ticket};
use crate::pipeline::offsets::OffsetTracker;
use crate::pipeline::outcome::{decode_and_validate, FaultInjector, Poison, RetryPolicy};
use crate::pipeline::sink::CallResult;
use crate::pipeline::validate::SchemaValidator;

/// How often a DLQ write is tried before the member gives up (and stops, uncommitted).
const DLQ_MAX_ATTEMPTS: u32 = 5;
/// librdkafka's default `max.poll.interval.ms`.
const DEFAULT_MAX_POLL_INTERVAL: Duration = Duration::from_secs(300);
/// How long a transactional call (init, send offsets, commit, abort) may take.
const TXN_TIMEOUT: Duration = Duration::from_secs(30);
/// librdkafka's default `transaction.timeout.ms`.
const DEFAULT_TXN_TIMEOUT: Duration = Duration::from_secs(60);
/// Consecutive aborted transactions after which the member gives up.
const MAX_ABORTS: u32 = 5;
/// Messages buffered during a backoff before the partitions are paused.
const MAX_BUFFERED: usize = 10_000;
/// How long a revoke waits for the revoked partitions' in-flight outcomes.
const REVOKE_FLUSH: Duration = Duration::from_secs(10);
/// With `--sink-url`: messages waiting in one partition's lane at which it is paused, and
/// at which it is resumed again.
const LANE_HIGH: usize = 1_000;
const LANE_LOW: usize = 250;
/// Highest `--sink-concurrency`.
const MAX_SINK_CONCURRENCY: usize = 1_024;

/// Validated `consume` settings.
struct ConsumePlan {
    group: String,
    topic: String,
    /// `topic` is `DEFAULT_INPUT_TOPIC` because none was given.
    topic_is_default: bool,
    output_topic: Option<String>,
    dlq_topic: String,
    /// Shared with the validator threads.
    schema: Option<Arc<SchemaValidator>>,
    instance: String,
    retry: RetryPolicy,
    injector: FaultInjector,
    consumer: ClientConfig,
    producer: ClientConfig,
    max_messages: Option<u64>,
    idle_timeout: Option<Duration>,
    commit_interval: Duration,
    shutdown_timeout: Duration,
    metrics_addr: Option<SocketAddr>,
    sink_url: Option<String>,
    sink_timeout: Duration,
    sink_concurrency: usize,
    breaker: BreakerConfig,
    exactly_once: bool,
    txn_max_messages: u64,
    txn_max_interval: Duration,
    offset_reset: OffsetReset,
}

/// The input topic when neither `--topic` nor `INPUT_TOPIC` names one: the pipeline's own
/// (`kmsg topics create` makes it), announced on stderr so it is never read unnoticed.
pub(crate) const DEFAULT_INPUT_TOPIC: &str = "posts";

fn default_instance_id() -> String {
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|h| h.trim().to_string())
        .unwrap_or_else(|_| "kmsg".into());
    format!("{host}-{}", std::process::id())
}

impl ConsumePlan {
    fn from_args(args: &ConsumeArgs, ctx: &Context) -> anyhow::Result<Self> {
        if args.group.trim().is_empty() {
            return Err(usage("--group (GROUP_ID) is empty"));
        }
        if args.max_retries > 100 {
            return Err(usage(
                "--max-retries above 100 is not a retry policy; lower it",
            ));
        }
        let (topic, topic_is_default) = match &args.topic {
            Some(t) => (t.clone(), false),
            None => (DEFAULT_INPUT_TOPIC.to_string(), true),
        };
        for name in [
            Some(&topic),
            args.output_topic.as_ref(),
            args.dlq_topic.as_ref(),
        ]
        .into_iter()
        .flatten()
        {
            super::topics::validate_topic_name(name).map_err(usage)?;
        }
        let dlq_topic = args
            .dlq_topic
            .clone()
            .unwrap_or_else(|| format!("{topic}.dlq"));
        if dlq_topic == topic || args.output_topic.as_ref() == Some(&topic) {
            return Err(usage(
                "the output and DLQ topics must differ from the input topic (a loop would re-read its own output)",
            ));
        }
        if !(0.0..=1.0).contains(&args.fail_rate) {
            return Err(usage(format!(
                "--fail-rate {} is invalid: it is a share between 0 and 1",
                args.fail_rate
            )));
        }
        if args.retry_backoff.is_zero() || args.retry_backoff_max < args.retry_backoff {
            return Err(usage(
                "--retry-backoff must be above 0 and at most --retry-backoff-max",
            ));
        }
        if args.max_messages == Some(0) {
            return Err(usage("--max-messages 0 would consume nothing"));
        }
        if args.commit_interval.is_zero() {
            return Err(usage("--commit-interval must be above 0"));
        }
        let retry = RetryPolicy {
            max_retries: args.max_retries,
            initial: args.retry_backoff,
            max: args.retry_backoff_max,
        };
        let max_poll = ctx
            .settings
            .extra
            .get("max.poll.interval.ms")
            .and_then(|v| v.parse().ok())
            .map(Duration::from_millis)
            .unwrap_or(DEFAULT_MAX_POLL_INTERVAL);
        if retry.worst_case() >= max_poll {
            return Err(usage(format!(
                "--max-retries {} with --retry-backoff-max {} can keep one message in backoff for {}, longer than max.poll.interval.ms ({}): lower them",
                args.max_retries,
                humantime::format_duration(args.retry_backoff_max),
                humantime::format_duration(retry.worst_case()),
                humantime::format_duration(max_poll)
            )));
        }
        let schema = args
            .schema
            .as_deref()
            .map(SchemaValidator::from_file)
            .transpose()
            .map_err(|e| usage(e.to_string()))?
            .map(Arc::new);
        let breaker = BreakerConfig {
            threshold: args.breaker_threshold,
            open_for: args.breaker_timeout,
            probes: args.breaker_probes,
        };
        Breaker::new(breaker).map_err(usage)?;
        if let Some(url) = &args.sink_url {
            HttpSink::check_url(url).map_err(usage)?;
        }
        for (flag, d, max) in [
            (
                "--breaker-timeout",
                args.breaker_timeout,
                Duration::from_secs(86_400),
            ),
            (
                "--shutdown-timeout",
                args.shutdown_timeout,
                Duration::from_secs(3_600),
            ),
            (
                "--sink-timeout",
                args.sink_timeout,
                Duration::from_secs(600),
            ),
            (
                "--retry-backoff-max",
                args.retry_backoff_max,
                Duration::from_secs(3_600),
            ),
        ] {
            if d > max {
                return Err(usage(format!(
                    "{flag} {} is longer than the {} kmsg allows",
                    humantime::format_duration(d),
                    humantime::format_duration(max)
                )));
            }
        }
        if (args.sink_url.is_some() || args.fail_rate > 0.0 || args.fail_first > 0)
            && args.breaker_threshold > args.max_retries + 1
        {
            tracing::warn!(
                "--breaker-threshold {} is above --max-retries + 1 ({}): in an outage the first message can run out of retries and be dead-lettered before the breaker opens",
                args.breaker_threshold,
                args.max_retries + 1
            );
        }
        // The member's revoke handling is built for eager rebalances (every partition
        // revoked, then the new assignment): incremental ones are refused, not half-served.
        let extra = &ctx.settings.extra;
        if let Some(v) = extra
            .get("partition.assignment.strategy")
            .filter(|v| v.contains("cooperative"))
        {
            return Err(usage(format!(
                "kmsg consume rebalances eagerly and cannot honour -X partition.assignment.strategy={v}: use range or roundrobin"
            )));
        }
        if let Some(v) = extra
            .get("group.protocol")
            .filter(|v| !v.eq_ignore_ascii_case("classic"))
        {
            return Err(usage(format!(
                "kmsg consume rebalances eagerly and cannot honour -X group.protocol={v} (incremental): use classic"
            )));
        }
        if args.exactly_once {
            if args.offset_reset == OffsetReset::Latest {
                return Err(usage(
                    "--exactly-once with --offset-reset latest could skip messages when a first transaction is rewound: use earliest",
                ));
            }
            if args.instance_id.is_none() {
                return Err(usage(
                    "--exactly-once needs a stable --instance-id (or INSTANCE_ID): its transactional.id derives from it, so a restarted member fences its previous self",
                ));
            }
            for (key, refused) in [
                ("isolation.level", &["read_uncommitted"][..]),
                ("enable.idempotence", &["false"][..]),
                ("acks", &["0", "1"][..]),
            ] {
                if let Some(v) = extra.get(key) {
                    if refused.contains(&v.as_str()) {
                        return Err(usage(format!(
                            "--exactly-once cannot honour -X {key}={v}: transactions need isolation.level=read_committed, idempotence and acks=all"
                        )));
                    }
                }
            }
            if extra.contains_key("transactional.id") {
                return Err(usage(
                    "--exactly-once derives transactional.id from --group and --instance-id: do not set it with -X",
                ));
            }
            if args.txn_max_messages == 0 || args.txn_max_interval.is_zero() {
                return Err(usage(
                    "--txn-max-messages and --txn-max-interval must be above 0",
                ));
            }
            let txn_timeout = extra
                .get("transaction.timeout.ms")
                .and_then(|v| v.parse().ok())
                .map(Duration::from_millis)
                .unwrap_or(DEFAULT_TXN_TIMEOUT);
            let worst = retry.worst_case() + args.sink_timeout * (args.max_retries + 1);
            if worst >= txn_timeout {
                return Err(usage(format!(
                    "with --exactly-once one message can take {} in retries, longer than transaction.timeout.ms ({}): lower --max-retries, --retry-backoff-max or --sink-timeout",
                    humantime::format_duration(worst),
                    humantime::format_duration(txn_timeout)
                )));
            }
        }
        if args.sink_timeout.is_zero() {
            return Err(usage("--sink-timeout must be above 0"));
        }
        if !(1..=MAX_SINK_CONCURRENCY).contains(&args.sink_concurrency) {
            return Err(usage(format!(
                "--sink-concurrency {} is out of range: give 1 to {MAX_SINK_CONCURRENCY} calls in flight",
                args.sink_concurrency
            )));
        }
        let instance = args.instance_id.clone().unwrap_or_else(default_instance_id);
        let reset = match args.offset_reset {
            OffsetReset::Earliest => "earliest",
            OffsetReset::Latest => "latest",
        };
        let given_instance = crate::kafka::config::Given {
            value: instance.as_str(),
            explicit: args.instance_id.is_some(),
        };
        let consumer = ctx
            .settings
            .pipeline_consumer_config(&args.group, given_instance, reset)?;
        let transactional_id = args
            .exactly_once
            .then(|| format!("kmsg-{}-{instance}", args.group));
        let compression = crate::kafka::config::Given::or(
            args.compression.map(crate::cli::Compression::codec),
            crate::kafka::config::CONSUME_COMPRESSION,
        );
        let producer = ctx.settings.pipeline_producer_config(
            given_instance,
            transactional_id.as_deref(),
            compression,
        )?;
        Ok(ConsumePlan {
            group: args.group.clone(),
            topic,
            topic_is_default,
            output_topic: args.output_topic.clone(),
            dlq_topic,
            schema,
            instance,
            retry,
            injector: FaultInjector {
                fail_rate: args.fail_rate,
                fail_first: args.fail_first,
                seed: args.seed,
            },
            consumer,
            producer,
            max_messages: args.max_messages,
            idle_timeout: args.idle_timeout,
            commit_interval: args.commit_interval,
            shutdown_timeout: args.shutdown_timeout,
            metrics_addr: args.metrics_addr,
            sink_url: args.sink_url.clone(),
            sink_timeout: args.sink_timeout,
            sink_concurrency: args.sink_concurrency,
            breaker,
            exactly_once: args.exactly_once,
            txn_max_messages: args.txn_max_messages,
            txn_max_interval: args.txn_max_interval,
            offset_reset: args.offset_reset,
        })
    }
}

/// What an in-flight produce is for.
enum PendingKind {
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
enum Origin {
    Message(Arc<OwnedMessage>),
    At {
        partition: i32,
        offset: i64,
        timestamp: Timestamp,
    },
}

impl Origin {
    fn partition(&self) -> i32 {
        match self {
            Origin::Message(m) => m.partition(),
            Origin::At { partition, .. } => *partition,
        }
    }

    fn offset(&self) -> i64 {
        match self {
            Origin::Message(m) => m.offset(),
            Origin::At { offset, .. } => *offset,
        }
    }

    /// The consumed message, rebuilt from the failed record's key, value and headers when
    /// only the coordinates were kept.
    fn into_message(self, topic: &str, record: &OwnedMessage) -> Arc<OwnedMessage> {
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
struct Failure {
    pending: Box<Pending>,
    reason: String,
    record: OwnedMessage,
}

/// The delivery opaque of every record the member produces.
struct Pending {
    source: Origin,
    kind: PendingKind,
}

/// State shared by the consumer loop, the delivery-report thread and the rebalance callbacks.
struct Shared {
    topic: String,
    tracker: Mutex<OffsetTracker>,
    metrics: Arc<ConsumerMetrics>,
    /// The series every message touches, looked up once.
    series: TopicSeries,
    failures: Mutex<Vec<Failure>>,
    assignment: Mutex<BTreeSet<i32>>,
    /// Bumped at every revoke, so the loop can drop work of partitions it lost.
    revokes: AtomicU64,
    forwarded: AtomicU64,
    processed_without_output: AtomicU64,
    dead_lettered: Mutex<BTreeMap<String, u64>>,
    errors: Mutex<BTreeMap<String, u64>>,
    retries: AtomicU64,
    /// Records queued by the loop thread against reports handled by the delivery thread:
    /// at 0, every outcome is counted and in the tracker.
    reports: ReportCount,
    /// Set while the breaker is open: partitions assigned meanwhile are paused too.
    breaker_paused: AtomicBool,
    breaker_opened: AtomicU64,
    producer: OnceLock<Arc<ThreadedProducer<OutcomeContext>>>,
    /// Where a partition without committed offsets starts (for the lag before the first message).
    reset_earliest: bool,
    /// Assigned partitions whose end offset the statistics do not know (paused before their
    /// first fetch, e.g. while the breaker is open), with their committed offset: the loop
    /// asks the broker for their watermarks instead (`Member::refresh_unknown_lag`).
    unknown_end: Mutex<BTreeMap<i32, i64>>,
    /// Exactly-once state: whether a transaction is open, and what the loop must do next.
    exactly_once: bool,
    txn_open: AtomicBool,
    /// Set when a transaction had to be aborted outside the loop (in a revoke): rewind.
    txn_needs_rewind: AtomicBool,
    txn_fatal: Mutex<Option<String>>,
    txn_committed: AtomicU64,
    txn_aborted: AtomicU64,
    /// Bumped at every abort: work begun before it belongs to an aborted transaction.
    txn_epoch: AtomicU64,
    /// Partitions revoked since the loop last looked (buffered work of theirs is stale, even
    /// when the same partition was assigned back).
    revoked: Mutex<BTreeSet<i32>>,
    /// Assignments received (the idle timeout counts from the last one too).
    assigns: AtomicU64,
    /// Set when the member stops on an error: a revoke during shutdown must not commit.
    closing_fatal: AtomicBool,
}

/// Why a transaction could not be committed.
enum TxnFailure {
    /// Abort, rewind to the committed offsets, and process again.
    Abort(String),
    /// Fenced or fatal: the member must stop.
    Fatal(String),
}

fn txn_failure(what: &str, e: &KafkaError) -> TxnFailure {
    match e {
        KafkaError::Transaction(r) if r.is_fatal() => {
            TxnFailure::Fatal(format!("{what}: {e} (fatal)"))
        }
        _ => TxnFailure::Abort(format!("{what}: {e}")),
    }
}

/// Runs a transactional call, retrying it while librdkafka says the error is retriable.
fn with_retries(
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

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Shared {
    fn producer(&self) -> &ThreadedProducer<OutcomeContext> {
        self.producer
            .get()
            .expect("the producer is created before the consumer")
    }

    /// Opens a transaction if none is open (exactly-once).
    fn begin_txn(&self) -> Result<(), TxnFailure> {
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
    fn commit_txn(&self, consumer: &BaseConsumer<RebalanceContext>) -> Result<(), TxnFailure> {
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
    fn abort_txn(&self) -> Result<(), TxnFailure> {
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

    fn offsets_list(&self, positions: &[(i32, i64)]) -> TopicPartitionList {
        let mut tpl = TopicPartitionList::new();
        for (p, next) in positions {
            let _ = tpl.add_partition_offset(&self.topic, *p, Offset::Offset(*next));
        }
        tpl
    }

    fn error(&self, error_type: &str) {
        self.metrics.error(&self.topic, error_type);
        *lock(&self.errors)
            .entry(error_type.to_string())
            .or_default() += 1;
    }

    fn commit(
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

/// Producer context: delivery reports make offsets committable and count outcomes.
struct OutcomeContext {
    inner: KmsgContext,
    shared: Arc<Shared>,
}

impl ClientContext for OutcomeContext {
    fn log(&self, level: RDKafkaLogLevel, fac: &str, log_message: &str) {
        self.inner.log(level, fac, log_message)
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

/// Consumer context: commits synchronously on revoke, tracks the assignment for `/readyz`.
struct RebalanceContext {
    inner: KmsgContext,
    shared: Arc<Shared>,
}

impl ClientContext for RebalanceContext {
    fn log(&self, level: RDKafkaLogLevel, fac: &str, log_message: &str) {
        self.inner.log(level, fac, log_message)
    }
    fn stats(&self, statistics: rdkafka::Statistics) {
        self.update_lag(&statistics);
    }
    fn error(&self, error: KafkaError, reason: &str) {
        self.inner.error(error, reason)
    }
}

fn partitions_of(tpl: &TopicPartitionList, topic: &str) -> Vec<i32> {
    tpl.elements_for_topic(topic)
        .iter()
        .map(|e| e.partition())
        .collect()
}

impl RebalanceContext {
    /// Lag per assigned partition from librdkafka's statistics (no extra requests): the end
    /// of the partition (last stable offset under read_committed) minus the group's position
    /// there (see [`lag_position`]).
    fn update_lag(&self, stats: &rdkafka::Statistics) {
        let shared = &self.shared;
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
}

/// How often the lag of partitions the statistics know no (current) end of is asked of the
/// broker.
const UNKNOWN_LAG_REFRESH: Duration = Duration::from_secs(5);

/// The group's position in a partition, for lag: one past the last message whose outcome is
/// durable (what the next commit will say), else the committed offset, else where
/// `auto.offset.reset` starts. Messages fetched but not yet durable — in flight, retrying, or
/// held back while the circuit breaker is open — still count as lag: they are not done.
fn lag_position(durable: Option<i64>, committed: i64, reset: i64) -> i64 {
    durable
        .or((committed >= 0).then_some(committed))
        .unwrap_or(reset)
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

/// The run summary.
#[derive(Debug, Serialize)]
pub(crate) struct Summary {
    group: String,
    instance: String,
    topic: String,
    /// No `--topic` (or `INPUT_TOPIC`) was given: the run read the default input topic.
    topic_is_default: bool,
    consumed: u64,
    forwarded: u64,
    processed_without_output: u64,
    dead_lettered: BTreeMap<String, u64>,
    dead_lettered_total: u64,
    retries: u64,
    errors: BTreeMap<String, u64>,
    breaker_opened: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    transactions: Option<TxnCounts>,
    not_finished_at_exit: u64,
    /// Consumed, then given up uncommitted because their partition was revoked before their
    /// outcome was queued (waiting in a burst, a retry backoff, an open breaker or a
    /// downstream lane, or in a downstream call): their new owner consumes them.
    dropped_on_revoke: u64,
    duration_secs: f64,
    /// From the first message consumed to the last: the time the messages took, without
    /// the start-up or an idle tail.
    active_secs: f64,
    /// Messages per second over `active_secs` (see `Activity::rate`).
    msgs_per_sec: f64,
    stopped_by: String,
}

/// Transactions of an exactly-once run.
#[derive(Debug, Serialize)]
struct TxnCounts {
    committed: u64,
    aborted: u64,
}

/// Why the loop ended.
enum StopReason {
    Signal,
    MaxMessages,
    Idle,
}

/// Where things stood when a wait began.
#[derive(Clone, Copy)]
struct WaitMark {
    revokes: u64,
    epoch: u64,
}

/// The member: consumer, producer, shared state.
struct Member {
    plan: ConsumePlan,
    consumer: Arc<BaseConsumer<RebalanceContext>>,
    producer: Arc<ThreadedProducer<OutcomeContext>>,
    shared: Arc<Shared>,
    /// Messages fetched while partitions were paused for a backoff, in fetch order.
    buffered: VecDeque<OwnedMessage>,
    /// `Shared::revokes` when this member last applied the revokes to its waiting work.
    revokes_seen: u64,
    /// Partitions revoked since the current wait began (`mark`).
    revoked_in_wait: BTreeSet<i32>,
    stop: Arc<AtomicBool>,
    /// Messages consumed, and when the first and the last arrived.
    activity: Activity,
    /// `kafka_consumer_messages_consumed_total` per partition, looked up once per partition.
    consumed_counters: BTreeMap<i32, prometheus::IntCounter>,
    /// When the lag of partitions with an unknown end was last asked of the broker.
    lag_refreshed: Instant,
    /// A fatal error met inside a backoff wait, raised by the main loop.
    fatal: Option<anyhow::Error>,
    sink: Option<HttpSink>,
    /// Guards the downstream (the HTTP sink or the fault injector) when there is one.
    breaker: Option<Breaker>,
    /// Messages handled in the open transaction (exactly-once).
    txn_messages: u64,
    aborts_in_a_row: u32,
    /// With `--sink-url`: concurrent downstream calls, one per partition at a time.
    dispatch: Option<Dispatch>,
    /// Threads that decode and validate a burst of polled messages beside the loop thread,
    /// when processing cannot fail and the machine has more than one CPU.
    validators: Option<rayon::ThreadPool>,
    /// Consumed messages given up uncommitted because their partition was revoked before
    /// their outcome was queued (`Summary::dropped_on_revoke`).
    dropped_on_revoke: u64,
}

/// A message of the `--sink-url` path, from its poll to its outcome.
struct Call {
    msg: Arc<OwnedMessage>,
    /// Why it can never be processed (decode or schema); dead-lettered in its turn, no call.
    poison: Option<Poison>,
    /// Attempts that count towards `--max-retries`.
    attempt: u32,
    /// Calls made (the fault injector's `--fail-first` counts calls).
    calls: u32,
    /// `txn_epoch` when it was polled: work of an aborted transaction is dropped.
    epoch: u64,
    /// When its first call started.
    started: Option<Instant>,
}

/// A downstream call's result, sent back from the async runtime.
struct Completion {
    ticket: Ticket,
    call: Box<Call>,
    result: CallResult,
}

/// The `--sink-url` dispatcher's state: lanes, the channel calls report on, and pauses.
struct Dispatch {
    lanes: Lanes<Box<Call>>,
    tx: mpsc::Sender<Completion>,
    rx: mpsc::Receiver<Completion>,
    /// Partitions paused because their lane is full.
    backpressured: BTreeSet<i32>,
    /// Set while every partition is paused because the breaker is open, until then.
    open_until: Option<Instant>,
    /// No dispatch before then (half-open: the probes are out).
    refused_until: Option<Instant>,
}

impl Dispatch {
    fn new(limit: usize) -> Self {
        let (tx, rx) = mpsc::channel();
        Dispatch {
            lanes: Lanes::new(limit),
            tx,
            rx,
            backpressured: BTreeSet::new(),
            open_until: None,
            refused_until: None,
        }
    }
}

impl Member {
    fn stopped(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }

    /// Queues one record, waiting (while serving delivery reports) if the queue is full.
    /// librdkafka copies key, value and headers, so they are only borrowed here.
    fn produce(
        &self,
        topic: &str,
        pending: Pending,
        key: Option<&[u8]>,
        value: Option<&[u8]>,
        headers: Option<OwnedHeaders>,
    ) {
        if self.plan.exactly_once {
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
    fn forward(
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
    fn dead_letter(
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
            group: self.plan.group.clone(),
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
        let topic = self.plan.dlq_topic.clone();
        self.produce(&topic, pending, source.key(), source.payload(), headers);
    }

    /// Lag of the partitions whose end offset librdkafka's statistics do not know: a paused
    /// partition that was never fetched (the breaker opened first) has no high watermark
    /// there, and its lag is exactly what an operator needs to see. Asked of the broker at
    /// most every [`UNKNOWN_LAG_REFRESH`], only for those partitions.
    fn refresh_unknown_lag(&mut self, now: Instant) {
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

    /// Counts a message received from partition `p`.
    fn count_consumed(&mut self, p: i32) {
        let shared = &self.shared;
        self.consumed_counters
            .entry(p)
            .or_insert_with(|| shared.metrics.consumed_counter(&shared.topic, p))
            .inc();
    }

    /// Handles a message straight from the poll. When processing cannot fail (no fault
    /// injector, no breaker) a valid message is forwarded from librdkafka's buffer: no copy
    /// of it is made or kept, and its delivery report needs only its coordinates (a failed
    /// delivery hands back the record, with the same key, value and headers). Anything else
    /// takes the general path with a copy of the message. `started` is when the poll
    /// returned it.
    fn handle_polled(&mut self, msg: &BorrowedMessage<'_>, started: Instant) {
        // There is a breaker exactly when processing can fail (here: the fault injector).
        if self.breaker.is_some() {
            return self.handle(msg.detach());
        }
        self.begin(msg.partition(), msg.offset());
        let verdict = check(msg.payload(), self.plan.schema.as_deref());
        self.conclude(msg, verdict);
        self.observe(started);
    }

    /// Queues the outcome of a polled message whose processing cannot fail: a valid one is
    /// forwarded from librdkafka's buffer (its delivery report needs only its coordinates; a
    /// failed delivery hands back the record), or marked done without an output topic; a
    /// poisoned one is dead-lettered, also from the buffer.
    fn conclude(&mut self, msg: &BorrowedMessage<'_>, verdict: Result<(), Poison>) {
        let (p, off) = (msg.partition(), msg.offset());
        match verdict {
            Ok(()) => match &self.plan.output_topic {
                Some(out) => {
                    let origin = Origin::At {
                        partition: p,
                        offset: off,
                        timestamp: msg.timestamp(),
                    };
                    self.forward(out, msg, msg.headers().map(|h| h.detach()), origin);
                }
                None => self.done_without_output(p, off),
            },
            Err(poison) => self.poison(msg, poison),
        }
    }

    /// Polls what the consumer has at hand after `first`, up to `BURST` messages and
    /// `--max-messages`, registering each (`begin`) before the next poll: that poll may serve
    /// a revoke, whose commit then stops below every message not finished yet. A consumer
    /// error ends the burst and is handed back. `held` is the burst validated before, not
    /// finished yet.
    fn poll_burst<'c>(
        &mut self,
        consumer: &'c BaseConsumer<RebalanceContext>,
        first: BorrowedMessage<'c>,
        mut held: Option<&mut Burst<'c>>,
    ) -> (Vec<BorrowedMessage<'c>>, Option<KafkaError>) {
        self.activity.note(Instant::now());
        self.begin(first.partition(), first.offset());
        let mut burst = vec![first];
        while burst.len() < BURST && !self.max_reached() {
            let polled = consumer.poll(Duration::ZERO);
            self.after_poll(Some(&mut burst), held.as_deref_mut());
            match polled {
                Some(Ok(m)) => {
                    self.activity.note(Instant::now());
                    self.begin(m.partition(), m.offset());
                    burst.push(m);
                }
                Some(Err(e)) => return (burst, Some(e)),
                None => break,
            }
        }
        (burst, None)
    }

    /// After a poll of the burst path: when it served a revoke, the messages of the released
    /// partitions, among those polled so far and in the held burst, are dropped before a
    /// message of the new assignment tracks such a partition again (and would keep them).
    fn after_poll<'c>(
        &mut self,
        polled: Option<&mut Vec<BorrowedMessage<'c>>>,
        held: Option<&mut Burst<'c>>,
    ) {
        if self.take_revoked().is_none() {
            return;
        }
        if let Some(messages) = polled {
            self.drop_released(messages, None);
        }
        if let Some(burst) = held {
            self.drop_released(&mut burst.messages, Some(&mut burst.verdicts));
        }
    }

    /// Drops the messages (and their verdicts) of partitions the offset tracker released in
    /// a revoke: their new owner reads them again from the committed offset.
    fn drop_released(
        &mut self,
        messages: &mut Vec<BorrowedMessage<'_>>,
        verdicts: Option<&mut Vec<Result<(), Poison>>>,
    ) {
        let tracker = lock(&self.shared.tracker);
        let keep: Vec<bool> = messages
            .iter()
            .map(|m| tracker.tracks(m.partition()))
            .collect();
        drop(tracker);
        let dropped = keep.iter().filter(|k| !**k).count();
        if dropped == 0 {
            return;
        }
        tracing::debug!(dropped, "revoked before they were handled; not committed");
        self.dropped_on_revoke += dropped as u64;
        retain_flagged(messages, &keep);
        if let Some(v) = verdicts {
            retain_flagged(v, &keep);
        }
    }

    /// Forwards or dead-letters each message of a validated burst in poll order, as
    /// `handle_polled` does. A partition revoked since the burst was polled was released
    /// with its commit below these messages: its messages are dropped here and its new owner
    /// reads them again. Each message's processing time is observed as the time from the
    /// poll to the end of its burst (one clock read per burst, not per message).
    fn finish_burst(&mut self, burst: Burst<'_>) {
        let revoked = self.shared.revokes.load(Ordering::SeqCst) != burst.revokes;
        let mut concluded = 0;
        for (msg, verdict) in burst.messages.iter().zip(burst.verdicts) {
            let (p, off) = (msg.partition(), msg.offset());
            if revoked && !lock(&self.shared.tracker).tracks(p) {
                tracing::debug!(
                    partition = p,
                    offset = off,
                    "dropped: revoked before it was handled; not committed"
                );
                self.dropped_on_revoke += 1;
                continue;
            }
            self.conclude(msg, verdict);
            concluded += 1;
        }
        let seconds = burst.polled.elapsed().as_secs_f64();
        for _ in 0..concluded {
            self.shared.series.processing.observe(seconds);
        }
    }

    /// Decodes and validates each payload. With the validator threads and enough payloads,
    /// they do it while this thread forwards or dead-letters `previous` (the pipeline step),
    /// or, with nothing to finish, this thread takes a share of the checks. `previous` is
    /// always finished before this returns.
    fn verdicts(
        &mut self,
        payloads: &[Option<&[u8]>],
        previous: Option<Burst<'_>>,
    ) -> Vec<Result<(), Poison>> {
        let pool = match self.validators.take() {
            Some(pool) if payloads.len() >= PARALLEL_MIN => pool,
            pool => {
                self.validators = pool;
                if let Some(burst) = previous {
                    self.finish_burst(burst);
                }
                let schema = self.plan.schema.as_deref();
                return payloads.iter().map(|v| check(*v, schema)).collect();
            }
        };
        let schema = self.plan.schema.clone();
        let mut verdicts: Vec<Result<(), Poison>> = payloads.iter().map(|_| Ok(())).collect();
        let shares = pool.current_num_threads() + usize::from(previous.is_none());
        let chunk = payloads.len().div_ceil(shares);
        pool.in_place_scope(|scope| {
            let schema = schema.as_deref();
            let mut parts = payloads.chunks(chunk).zip(verdicts.chunks_mut(chunk));
            let here = if previous.is_none() {
                parts.next()
            } else {
                None
            };
            for (ins, outs) in parts {
                scope.spawn(move |_| check_all(ins, outs, schema));
            }
            match previous {
                Some(burst) => self.finish_burst(burst),
                None => {
                    if let Some((ins, outs)) = here {
                        check_all(ins, outs, schema);
                    }
                }
            }
        });
        self.validators = Some(pool);
        verdicts
    }

    /// Registers a consumed message with the offset tracker and counts it.
    fn begin(&mut self, p: i32, off: i64) {
        lock(&self.shared.tracker).begin(p, off);
        self.count_consumed(p);
    }

    /// Dead-letters a message that can never be processed.
    fn poison(&self, msg: &impl Message, poison: Poison) {
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

    /// Handles one message until its outcome is queued (or it is abandoned by a revoke/stop).
    fn handle(&mut self, msg: OwnedMessage) {
        let started = Instant::now();
        let (p, off) = (msg.partition(), msg.offset());
        self.begin(p, off);
        let msg = Arc::new(msg);
        match decode_and_validate(msg.payload(), self.plan.schema.as_deref()) {
            Err(poison) => self.poison(&*msg, poison),
            Ok(_doc) => {
                // `attempt` counts towards --max-retries; `call` numbers every call of this
                // message (the fault injector's --fail-first counts calls).
                let mut attempt = 1;
                let mut call = 0;
                loop {
                    if !self.gate(p) {
                        tracing::debug!(partition = p, offset = off, "abandoned while the breaker was open (revoked or stopping); not committed");
                        return;
                    }
                    call += 1;
                    match self.call_downstream(&msg, call) {
                        CallResult::Success => {
                            self.breaker_result("successful", None);
                            break;
                        }
                        CallResult::Permanent(reason) => {
                            self.breaker_result("ignored", None);
                            self.shared.error("downstream_rejected");
                            self.dead_letter(
                                &*msg,
                                "process",
                                "downstream_rejected",
                                format!("the downstream rejected the message: {reason}"),
                                reason,
                                attempt,
                            );
                            self.observe(started);
                            return;
                        }
                        CallResult::Transient(reason) => {
                            self.shared.error("transient");
                            if self.breaker_result("failed", Some(&reason)) {
                                // The breaker opened: an outage, not this message's fault.
                                // It waits at the gate and starts its attempts afresh.
                                attempt = 1;
                                continue;
                            }
                            if attempt > self.plan.retry.max_retries {
                                self.dead_letter(
                                    &*msg,
                                    "process",
                                    "retries_exhausted",
                                    format!(
                                        "processing failed {attempt} times ({reason}); giving up after {} retries",
                                        self.plan.retry.max_retries
                                    ),
                                    reason,
                                    attempt,
                                );
                                self.observe(started);
                                return;
                            }
                            let delay = self.plan.retry.delay(attempt, rand::random());
                            self.shared.retries.fetch_add(1, Ordering::Relaxed);
                            self.shared.metrics.retry(
                                &self.shared.topic,
                                p,
                                off,
                                attempt,
                                delay,
                                &reason,
                            );
                            if !self.wait_polling(delay, p) {
                                tracing::debug!(
                                    partition = p,
                                    offset = off,
                                    "abandoned during backoff (revoked or stopping); not committed"
                                );
                                return;
                            }
                            attempt += 1;
                        }
                    }
                }
                self.succeed(msg);
            }
        }
        self.observe(started);
    }

    /// A processed message: forwarded to the output topic, or done when there is none.
    fn succeed(&self, msg: Arc<OwnedMessage>) {
        match &self.plan.output_topic {
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
    fn done_without_output(&self, p: i32, off: i64) {
        lock(&self.shared.tracker).complete(p, off);
        self.shared
            .processed_without_output
            .fetch_add(1, Ordering::Relaxed);
        self.shared.series.succeeded.inc();
    }

    /// One call of the downstream: the fault injector, then the HTTP sink if there is one.
    fn call_downstream(&self, msg: &OwnedMessage, call: u32) -> CallResult {
        let (p, off) = (msg.partition(), msg.offset());
        if self.plan.injector.is_active() && self.plan.injector.fails(p, off, call) {
            return CallResult::Transient("injected transient failure".into());
        }
        match &self.sink {
            Some(sink) => sink.call(
                msg.topic(),
                p,
                off,
                msg.key(),
                msg.payload().unwrap_or_default(),
            ),
            None => CallResult::Success,
        }
    }

    /// Counts a call for the breaker; returns true when this failure opened it.
    fn breaker_result(&mut self, kind: &str, failure: Option<&str>) -> bool {
        let Some(breaker) = self.breaker.as_mut() else {
            return false;
        };
        self.shared.metrics.breaker_call(kind);
        let now = Instant::now();
        let transition = match (kind, failure) {
            ("successful", _) => breaker.on_success(now),
            ("failed", Some(reason)) => breaker.on_failure(now, reason),
            _ => {
                breaker.on_ignored();
                None
            }
        };
        match transition {
            Some(t) => {
                let opened = t.to == BreakerState::Open;
                self.on_transition(&t);
                opened
            }
            None => false,
        }
    }

    fn on_transition(&self, t: &Transition) {
        if t.to == BreakerState::Open {
            self.shared.breaker_opened.fetch_add(1, Ordering::Relaxed);
        }
        self.shared.metrics.breaker_transition(t);
    }

    /// Lets a call through when the breaker permits it; while it is open, pauses every
    /// assigned partition (keeping the refused message), commits what is durable, and polls
    /// until the breaker half-opens. Returns false when the message must be abandoned.
    fn gate(&mut self, partition: i32) -> bool {
        loop {
            let Some(breaker) = self.breaker.as_mut() else {
                return true;
            };
            let (permit, transition) = breaker.try_acquire(Instant::now());
            if let Some(t) = transition {
                self.on_transition(&t);
            }
            match permit {
                Permit::Allowed => return true,
                Permit::NotPermitted { until } => {
                    self.shared.metrics.breaker_call("not_permitted");
                    if !self.wait_open(until, partition) {
                        return false;
                    }
                }
            }
        }
    }

    /// Commits the work done so far before the breaker pauses consumption, so no offset
    /// waits and no transaction stays open while nothing is fetched.
    fn commit_before_pause(&mut self) {
        if self.plan.exactly_once {
            if let Err(e) = self.commit_txn_or_rewind() {
                self.stop.store(true, Ordering::Relaxed);
                self.fatal.get_or_insert(e);
            }
        } else {
            let commits = lock(&self.shared.tracker).take_commits();
            self.shared
                .commit(&self.consumer, &commits, CommitMode::Async);
        }
    }

    fn wait_open(&mut self, until: Instant, partition: i32) -> bool {
        let before = self.mark();
        self.shared.breaker_paused.store(true, Ordering::SeqCst);
        self.commit_before_pause();
        self.poll_until(until, true);
        self.shared.breaker_paused.store(false, Ordering::SeqCst);
        self.still_owns(before, partition)
    }

    /// Exactly-once commit point; an abortable failure aborts and rewinds.
    fn commit_txn_or_rewind(&mut self) -> anyhow::Result<()> {
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
    fn abort_and_rewind(&mut self, reason: &str) -> anyhow::Result<()> {
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
    fn rewind(&mut self) -> anyhow::Result<()> {
        // Anything produced since the abort belongs to work that will be redone.
        if let Err(TxnFailure::Fatal(f)) | Err(TxnFailure::Abort(f)) = self.shared.abort_txn() {
            bail!("{f}");
        }
        self.buffered.clear();
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
                _ => match self.plan.offset_reset {
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

    fn observe(&self, started: Instant) {
        self.shared
            .series
            .processing
            .observe(started.elapsed().as_secs_f64());
    }

    /// Waits out a backoff while still polling, so the member stays in the group and
    /// rebalances are served. Messages fetched meanwhile are buffered in order; only when the
    /// buffer is full are the partitions paused (pausing discards librdkafka's prefetched data
    /// and costs a fetch round trip on resume, so short backoffs avoid it). Returns false when
    /// the message must be abandoned (its partition was revoked, or the member is stopping).
    fn wait_polling(&mut self, delay: Duration, partition: i32) -> bool {
        let before = self.mark();
        self.poll_until(Instant::now() + delay, false);
        self.still_owns(before, partition)
    }

    /// Polls until `until` or a stop, buffering what arrives. With `pause_all` every
    /// assigned partition is paused first; otherwise only once the buffer is full. Resumes
    /// what it paused.
    fn poll_until(&mut self, until: Instant, pause_all: bool) {
        // A handle of its own: a polled message borrows it while the member is mutated.
        let consumer = self.consumer.clone();
        let mut paused = false;
        while Instant::now() < until && !self.stopped() {
            if !paused && (pause_all || self.buffered.len() >= MAX_BUFFERED) {
                if let Ok(assignment) = self.consumer.assignment() {
                    if let Err(e) = self.consumer.pause(&assignment) {
                        tracing::warn!("cannot pause partitions: {e}");
                    }
                }
                paused = true;
            }
            self.refresh_unknown_lag(Instant::now());
            let left = until.saturating_duration_since(Instant::now());
            let polled = consumer.poll(left.min(Duration::from_millis(100)));
            // Before the message is buffered: it comes after any revoke this poll served.
            self.apply_revokes();
            match polled {
                Some(Ok(m)) => self.buffered.push_back(m.detach()),
                Some(Err(e)) => tracing::warn!("poll while waiting: {e}"),
                None => {}
            }
            self.process_failures_nonfatal();
        }
        if paused {
            if let Ok(assignment) = self.consumer.assignment() {
                let _ = self.consumer.resume(&assignment);
            }
        }
    }

    /// The partitions revoked since the last look, when a poll since then served a revoke.
    /// Every path asks right after each of its polls, before it keeps what the poll
    /// returned: a revoke releases its partitions uncommitted, so work of theirs taken in
    /// before it is read again by the partition's next owner, while a message polled after
    /// it belongs to the new assignment (librdkafka discards what it had prefetched for a
    /// revoked partition) and must be kept, even when the same partition came back: its
    /// fetch position is already past it.
    fn take_revoked(&mut self) -> Option<BTreeSet<i32>> {
        let revokes = self.shared.revokes.load(Ordering::SeqCst);
        if revokes == self.revokes_seen {
            return None;
        }
        self.revokes_seen = revokes;
        Some(std::mem::take(&mut *lock(&self.shared.revoked)))
    }

    /// Drops the buffered work of partitions revoked since the last look, and remembers them
    /// for `still_owns` (see `take_revoked`).
    fn apply_revokes(&mut self) {
        if let Some(revoked) = self.take_revoked() {
            self.buffered.retain(|m| !revoked.contains(&m.partition()));
            self.revoked_in_wait.extend(revoked);
        }
    }

    /// After a wait: says whether the current message may go on: its partition was not
    /// revoked during the wait, no transaction was aborted since it began, and the member is
    /// not stopping.
    fn still_owns(&mut self, before: WaitMark, partition: i32) -> bool {
        self.apply_revokes();
        if self.revoked_in_wait.contains(&partition)
            || self.shared.revokes.load(Ordering::SeqCst) != before.revokes
                && !lock(&self.shared.tracker).tracks(partition)
        {
            // Released uncommitted with its partition: the new owner consumes it again.
            self.dropped_on_revoke += 1;
            return false;
        }
        if self.shared.txn_epoch.load(Ordering::SeqCst) != before.epoch {
            return false;
        }
        !self.stopped()
    }

    fn mark(&mut self) -> WaitMark {
        // Only revokes that happen during this wait concern the current message (earlier
        // ones were handled when they happened: the tracker released those partitions).
        self.apply_revokes();
        self.revoked_in_wait.clear();
        WaitMark {
            revokes: self.shared.revokes.load(Ordering::SeqCst),
            epoch: self.shared.txn_epoch.load(Ordering::SeqCst),
        }
    }

    /// Failure handling that never stops the member (used inside a backoff wait).
    fn process_failures_nonfatal(&mut self) {
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
    fn process_failures(&mut self) -> anyhow::Result<()> {
        if self.plan.exactly_once {
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
                    self.shared.error("produce");
                    let target = self.plan.output_topic.clone().unwrap_or_default();
                    let source = pending.source.into_message(&self.shared.topic, &record);
                    self.dead_letter(
                        &*source,
                        "produce",
                        "produce_failed",
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
                            self.plan.dlq_topic,
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
            let topic = self.plan.dlq_topic.clone();
            for (record, pending) in dlq_retries {
                let headers = record.headers().cloned();
                self.produce(&topic, pending, record.key(), record.payload(), headers);
            }
        }
        Ok(())
    }
}

/// The `--sink-url` path: messages wait in per-partition lanes and up to `--sink-concurrency`
/// downstream calls are in flight, one per partition, so each partition keeps its order
/// (retries included) while different partitions call the downstream at the same time. The
/// outcome rules are those of `handle`; the breaker is asked before every call, and while it
/// is open every partition is paused and the refused message stays at the head of its lane.
impl Member {
    fn max_reached(&self) -> bool {
        self.plan
            .max_messages
            .is_some_and(|m| self.activity.count() >= m)
    }

    /// Nothing waiting and no call in flight (always true without a sink).
    fn dispatch_idle(&self) -> bool {
        self.dispatch.as_ref().is_none_or(|d| d.lanes.is_empty())
    }

    /// One turn of the sink loop: poll a burst of messages into their lanes, take the
    /// results of finished calls, start the calls that may start, and wait briefly when none
    /// of that made progress.
    fn turn(&mut self, last_message: &mut Instant) {
        let Some(mut d) = self.dispatch.take() else {
            return;
        };
        let now = Instant::now();
        let timer = [d.lanes.next_retry(), d.open_until, d.refused_until]
            .into_iter()
            .flatten()
            .min();
        // Something in flight: do not block in the poll, the results may be on their way.
        let idle_wait = if d.lanes.in_flight() > 0 {
            Duration::ZERO
        } else {
            timer.map_or(Duration::from_millis(100), |t| {
                t.saturating_duration_since(now)
                    .min(Duration::from_millis(100))
            })
        };
        let mut progressed = false;
        if self.max_reached() {
            if d.lanes.in_flight() == 0 && !idle_wait.is_zero() {
                std::thread::sleep(idle_wait);
            }
        } else {
            self.refresh_unknown_lag(Instant::now());
            let consumer = self.consumer.clone();
            let mut wait = idle_wait;
            for _ in 0..512 {
                let polled = consumer.poll(wait);
                // Before a message of the new assignment joins its lane.
                self.drop_revoked(&mut d);
                match polled {
                    Some(Ok(m)) => {
                        *last_message = Instant::now();
                        self.activity.note(Instant::now());
                        self.txn_messages += 1;
                        self.accept(&mut d, m.detach());
                        progressed = true;
                        if self.max_reached() {
                            break;
                        }
                    }
                    Some(Err(e)) => {
                        tracing::warn!("consumer error: {e}");
                        self.shared.error("consume");
                        break;
                    }
                    None => break,
                }
                wait = Duration::ZERO;
            }
        }
        while let Ok(c) = d.rx.try_recv() {
            self.complete_call(&mut d, c);
            progressed = true;
        }
        progressed |= self.start_calls(&mut d);
        self.relieve_backpressure(&mut d);
        if !progressed && d.lanes.in_flight() > 0 {
            let mut wait = Duration::from_millis(if self.max_reached() { 100 } else { 5 });
            if let Some(t) = timer {
                wait = wait.min(t.saturating_duration_since(Instant::now()));
            }
            if let Ok(c) = d.rx.recv_timeout(wait) {
                self.complete_call(&mut d, c);
                self.start_calls(&mut d);
            }
        }
        self.dispatch = Some(d);
    }

    /// Registers a polled message, decodes and validates it, and queues it in its partition's
    /// lane (poison too, so that outcomes stay in partition order); a full lane pauses its
    /// partition.
    fn accept(&mut self, d: &mut Dispatch, msg: OwnedMessage) {
        let p = msg.partition();
        lock(&self.shared.tracker).begin(p, msg.offset());
        self.count_consumed(p);
        let poison = decode_and_validate(msg.payload(), self.plan.schema.as_deref()).err();
        d.lanes.push(
            p,
            Box::new(Call {
                msg: Arc::new(msg),
                poison,
                attempt: 1,
                calls: 0,
                epoch: self.shared.txn_epoch.load(Ordering::SeqCst),
                started: None,
            }),
        );
        if d.lanes.waiting_in(p) >= LANE_HIGH && d.backpressured.insert(p) && d.open_until.is_none()
        {
            self.pause_partitions(&[p], true);
        }
    }

    /// Resumes partitions whose lane has drained (unless the breaker keeps everything paused).
    fn relieve_backpressure(&mut self, d: &mut Dispatch) {
        if d.backpressured.is_empty() {
            return;
        }
        let drained: Vec<i32> = d
            .backpressured
            .iter()
            .copied()
            .filter(|p| d.lanes.waiting_in(*p) <= LANE_LOW)
            .collect();
        for p in &drained {
            d.backpressured.remove(p);
        }
        if !drained.is_empty() && d.open_until.is_none() {
            self.pause_partitions(&drained, false);
        }
    }

    fn pause_partitions(&self, partitions: &[i32], pause: bool) {
        let mut tpl = TopicPartitionList::new();
        for p in partitions {
            tpl.add_partition(&self.shared.topic, *p);
        }
        let result = if pause {
            self.consumer.pause(&tpl)
        } else {
            self.consumer.resume(&tpl)
        };
        if let Err(e) = result {
            tracing::warn!(?partitions, pause, "cannot pause or resume partitions: {e}");
        }
    }

    /// Forgets the lanes of partitions revoked since the last look (their new owner, maybe
    /// this member again, reads them from the committed offset; see `take_revoked`).
    fn drop_revoked(&mut self, d: &mut Dispatch) {
        let Some(revoked) = self.take_revoked() else {
            return;
        };
        for p in revoked {
            let dropped = d.lanes.drop_lane(p);
            self.dropped_on_revoke += dropped as u64;
            d.backpressured.remove(&p);
            if dropped > 0 {
                tracing::debug!(
                    partition = p,
                    dropped,
                    "revoked: dropped waiting messages, not committed"
                );
            }
        }
    }

    /// Starts calls while lanes are ready, the limit allows and the breaker permits; returns
    /// whether it started any.
    fn start_calls(&mut self, d: &mut Dispatch) -> bool {
        if self.stopped() {
            return false;
        }
        let now = Instant::now();
        if let Some(until) = d.open_until {
            if now < until {
                return false;
            }
            // The open time is over: fetch again; the next call is the half-open probe.
            d.open_until = None;
            self.shared.breaker_paused.store(false, Ordering::SeqCst);
            if let Ok(assignment) = self.consumer.assignment() {
                let mut resume = TopicPartitionList::new();
                for e in assignment.elements_for_topic(&self.shared.topic) {
                    if !d.backpressured.contains(&e.partition()) {
                        resume.add_partition(&self.shared.topic, e.partition());
                    }
                }
                if let Err(e) = self.consumer.resume(&resume) {
                    tracing::warn!("cannot resume partitions: {e}");
                }
            }
        }
        if d.refused_until.is_some_and(|t| now < t) {
            return false;
        }
        d.refused_until = None;
        let epoch = self.shared.txn_epoch.load(Ordering::SeqCst);
        let mut started = false;
        while let Some((ticket, mut call)) = d.lanes.next(now) {
            if call.epoch != epoch {
                // Polled before an aborted transaction: the rewind reads it again.
                d.lanes.finish(ticket);
                continue;
            }
            if let Some(poison) = call.poison.take() {
                // Poison never calls the downstream and never touches the breaker.
                self.poison(&*call.msg, poison);
                self.observe(now);
                d.lanes.finish(ticket);
                started = true;
                continue;
            }
            if let Some(breaker) = self.breaker.as_mut() {
                let (permit, transition) = breaker.try_acquire(now);
                let open = breaker.state() == BreakerState::Open;
                if let Some(t) = transition {
                    self.on_transition(&t);
                }
                if let Permit::NotPermitted { until } = permit {
                    self.shared.metrics.breaker_call("not_permitted");
                    d.lanes.put_back(ticket, call);
                    if open {
                        self.pause_while_open(d, until);
                    } else {
                        d.refused_until = Some(until);
                    }
                    break;
                }
            }
            started = true;
            call.calls += 1;
            call.started.get_or_insert(now);
            let (p, off) = (call.msg.partition(), call.msg.offset());
            if self.plan.injector.is_active() && self.plan.injector.fails(p, off, call.calls) {
                let result = CallResult::Transient("injected transient failure".into());
                self.complete_call(
                    d,
                    Completion {
                        ticket,
                        call,
                        result,
                    },
                );
                continue;
            }
            let Some(sink) = &self.sink else {
                self.complete_call(
                    d,
                    Completion {
                        ticket,
                        call,
                        result: CallResult::Success,
                    },
                );
                continue;
            };
            let msg = call.msg.clone();
            let tx = d.tx.clone();
            sink.spawn_call(
                msg.topic(),
                p,
                off,
                msg.key(),
                msg.payload().unwrap_or_default(),
                move |result| {
                    let _ = tx.send(Completion {
                        ticket,
                        call,
                        result,
                    });
                },
            );
        }
        started
    }

    /// The breaker is open: commit what is durable, pause every assigned partition (also
    /// those assigned meanwhile, see `RebalanceContext`) until it may half-open.
    fn pause_while_open(&mut self, d: &mut Dispatch, until: Instant) {
        d.open_until = Some(until);
        self.shared.breaker_paused.store(true, Ordering::SeqCst);
        self.commit_before_pause();
        if let Ok(assignment) = self.consumer.assignment() {
            if let Err(e) = self.consumer.pause(&assignment) {
                tracing::warn!("cannot pause partitions: {e}");
            }
        }
    }

    /// Applies a call's result: success → forward; rejection → DLQ; transient → retry after
    /// a backoff in its lane, or DLQ when the retries are used up. A transient failure while
    /// the breaker is open is the outage's, not the message's: it waits, with its attempts
    /// counted afresh. Results of calls whose partition was revoked (or whose transaction
    /// was aborted) since are only counted for the breaker.
    fn complete_call(&mut self, d: &mut Dispatch, c: Completion) {
        let Completion {
            ticket,
            mut call,
            result,
        } = c;
        let lane_current = d.lanes.is_current(ticket);
        if !lane_current {
            // Its partition was revoked while the call was in flight (see `drop_revoked`).
            self.dropped_on_revoke += 1;
        }
        let current = lane_current && call.epoch == self.shared.txn_epoch.load(Ordering::SeqCst);
        let (p, off) = (call.msg.partition(), call.msg.offset());
        let started = call.started.unwrap_or_else(Instant::now);
        match result {
            CallResult::Success => {
                self.breaker_result("successful", None);
                if current {
                    self.succeed(call.msg);
                    self.observe(started);
                }
                d.lanes.finish(ticket);
            }
            CallResult::Permanent(reason) => {
                self.breaker_result("ignored", None);
                if current {
                    self.shared.error("downstream_rejected");
                    self.dead_letter(
                        &*call.msg,
                        "process",
                        "downstream_rejected",
                        format!("the downstream rejected the message: {reason}"),
                        reason,
                        call.attempt,
                    );
                    self.observe(started);
                }
                d.lanes.finish(ticket);
            }
            CallResult::Transient(reason) => {
                self.shared.error("transient");
                let opened = self.breaker_result("failed", Some(&reason));
                let open = opened
                    || self
                        .breaker
                        .as_ref()
                        .is_some_and(|b| b.state() == BreakerState::Open);
                if !current || self.stopped() {
                    tracing::debug!(
                        partition = p,
                        offset = off,
                        "abandoned (revoked, rewound or stopping); not committed"
                    );
                    d.lanes.finish(ticket);
                } else if open {
                    call.attempt = 1;
                    d.lanes.put_back(ticket, call);
                } else if call.attempt > self.plan.retry.max_retries {
                    let attempt = call.attempt;
                    self.dead_letter(
                        &*call.msg,
                        "process",
                        "retries_exhausted",
                        format!(
                            "processing failed {attempt} times ({reason}); giving up after {} retries",
                            self.plan.retry.max_retries
                        ),
                        reason,
                        attempt,
                    );
                    self.observe(started);
                    d.lanes.finish(ticket);
                } else {
                    let delay = self.plan.retry.delay(call.attempt, rand::random());
                    self.shared.retries.fetch_add(1, Ordering::Relaxed);
                    self.shared.metrics.retry(
                        &self.shared.topic,
                        p,
                        off,
                        call.attempt,
                        delay,
                        &reason,
                    );
                    call.attempt += 1;
                    d.lanes.retry_at(ticket, call, Some(Instant::now() + delay));
                }
            }
        }
    }

    /// At shutdown: waits (until `deadline`) for the calls in flight and applies their
    /// results; nothing new starts and transient failures are not retried.
    fn finish_calls(&mut self, deadline: Instant) {
        let Some(mut d) = self.dispatch.take() else {
            return;
        };
        while d.lanes.in_flight() > 0 {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            match d.rx.recv_timeout(left.min(Duration::from_millis(100))) {
                Ok(c) => self.complete_call(&mut d, c),
                Err(mpsc::RecvTimeoutError::Timeout) => {}
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            }
        }
        self.dispatch = Some(d);
    }
}

/// Runs the member until a stop condition; blocking.
fn run_member(
    plan: ConsumePlan,
    sink: Option<HttpSink>,
    metrics: Arc<ConsumerMetrics>,
    stop: Arc<AtomicBool>,
) -> anyhow::Result<Summary> {
    let shared = Arc::new(Shared {
        topic: plan.topic.clone(),
        tracker: Mutex::new(OffsetTracker::default()),
        series: metrics.topic_series(&plan.topic),
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
        reset_earliest: plan.offset_reset == OffsetReset::Earliest,
        unknown_end: Mutex::new(BTreeMap::new()),
        exactly_once: plan.exactly_once,
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
        plan.producer
            .create_with_context(OutcomeContext {
                inner: KmsgContext::default(),
                shared: shared.clone(),
            })
            .map_err(|e| anyhow!("cannot create the producer: {e}"))?,
    );
    let _ = shared.producer.set(producer.clone());
    if plan.exactly_once {
        // Fences any earlier member with the same transactional.id and aborts its open
        // transaction, so a restarted instance never duplicates what a crashed one wrote.
        producer.init_transactions(TXN_TIMEOUT).map_err(|e| {
            anyhow!(
                "cannot start transactions (transactional.id kmsg-{}-{}): {e}",
                plan.group,
                plan.instance
            )
        })?;
    }
    let consumer: BaseConsumer<RebalanceContext> = plan
        .consumer
        .create_with_context(RebalanceContext {
            inner: KmsgContext::default(),
            shared: shared.clone(),
        })
        .map_err(|e| anyhow!("cannot create the consumer: {e}"))?;
    let consumer = Arc::new(consumer);
    consumer
        .subscribe(&[&plan.topic])
        .map_err(|e| anyhow!("cannot subscribe to {}: {e}", plan.topic))?;
    tracing::info!(group = %plan.group, instance = %plan.instance, topic = %plan.topic, "consuming");

    let breaker = (sink.is_some() || plan.injector.is_active())
        .then(|| Breaker::new(plan.breaker))
        .transpose()
        .map_err(|e| anyhow!(e))?;
    let dispatch = sink.as_ref().map(|_| Dispatch::new(plan.sink_concurrency));
    let validators = if breaker.is_none() && !plan.exactly_once {
        validator_pool()?
    } else {
        None
    };
    let mut member = Member {
        sink,
        breaker,
        plan,
        consumer,
        producer,
        shared: shared.clone(),
        buffered: VecDeque::new(),
        revokes_seen: 0,
        revoked_in_wait: BTreeSet::new(),
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
        group: member.plan.group.clone(),
        instance: member.plan.instance.clone(),
        topic: member.plan.topic.clone(),
        topic_is_default: member.plan.topic_is_default,
        consumed: member.activity.count(),
        forwarded,
        processed_without_output,
        dead_lettered_total: dead_lettered.values().sum(),
        dead_lettered,
        retries: shared.retries.load(Ordering::Relaxed),
        errors,
        breaker_opened: shared.breaker_opened.load(Ordering::Relaxed),
        transactions: member.plan.exactly_once.then(|| TxnCounts {
            committed: shared.txn_committed.load(Ordering::Relaxed),
            aborted: shared.txn_aborted.load(Ordering::Relaxed),
        }),
        not_finished_at_exit: left,
        dropped_on_revoke: member.dropped_on_revoke,
        duration_secs: elapsed,
        active_secs: member.activity.span().as_secs_f64(),
        msgs_per_sec: member.activity.rate(Duration::from_secs_f64(elapsed)),
        stopped_by: match reason {
            StopReason::Signal => "signal",
            StopReason::MaxMessages => "max messages",
            StopReason::Idle => "idle timeout",
        }
        .into(),
    })
}

/// Messages polled in one go for the validator threads (a burst ends early when the
/// consumer has nothing more at hand or `--max-messages` is reached).
const BURST: usize = 512;
/// Below this many messages a burst is validated on the loop thread alone.
const PARALLEL_MIN: usize = 32;

/// Polled messages, registered with the offset tracker and validated, waiting to be
/// forwarded or dead-lettered (while the validator threads check the next burst).
struct Burst<'c> {
    messages: Vec<BorrowedMessage<'c>>,
    verdicts: Vec<Result<(), Poison>>,
    /// When the poll returned the first of them.
    polled: Instant,
    /// `Shared::revokes` before the first of them was polled.
    revokes: u64,
}

/// Keeps the items whose flag (same index) is set.
fn retain_flagged<T>(items: &mut Vec<T>, keep: &[bool]) {
    let mut flags = keep.iter();
    items.retain(|_| flags.next().copied().unwrap_or(true));
}

/// Decode and validation of one message; the parsed document is not kept.
fn check(value: Option<&[u8]>, schema: Option<&SchemaValidator>) -> Result<(), Poison> {
    decode_and_validate(value, schema).map(drop)
}

fn check_all(
    values: &[Option<&[u8]>],
    verdicts: &mut [Result<(), Poison>],
    schema: Option<&SchemaValidator>,
) {
    for (value, verdict) in values.iter().zip(verdicts) {
        *verdict = check(*value, schema);
    }
}

/// The validator threads: one fewer than the CPUs (the loop thread validates too), at most
/// 7; none on a single CPU.
fn validator_pool() -> anyhow::Result<Option<rayon::ThreadPool>> {
    let cpus = std::thread::available_parallelism().map_or(1, usize::from);
    if cpus < 2 {
        return Ok(None);
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads((cpus - 1).min(7))
        .thread_name(|i| format!("kmsg-validate-{i}"))
        .build()
        .context("cannot start the validator threads")?;
    Ok(Some(pool))
}

/// A consumer error from the poll: an authorization refusal is fatal, anything else is
/// counted and logged (librdkafka retries on its own).
fn consumer_error(member: &Member, e: &KafkaError) -> anyhow::Result<()> {
    if let Some(refusal) = not_authorized(e, &member.plan.group) {
        return Err(anyhow::anyhow!(refusal));
    }
    tracing::warn!("consumer error: {e}");
    member.shared.error("consume");
    Ok(())
}

/// The member's main loop and its orderly shutdown; an error means stop uncommitted.
fn drive(member: &mut Member) -> anyhow::Result<StopReason> {
    // A handle of its own, so a polled message can borrow it while the member is mutated.
    let consumer = member.consumer.clone();
    // The idle clock: the last message, or the last assignment (a member given partitions,
    // maybe with messages another member left uncommitted, reads them before it may stop).
    let mut last_message = Instant::now();
    let mut assigns_seen = 0;
    let mut last_commit = Instant::now();
    // A validated burst not forwarded yet (only with validator threads).
    let mut ready: Option<Burst<'_>> = None;

    let reason = loop {
        if member.stopped() || member.max_reached() {
            if let Some(burst) = ready.take() {
                member.finish_burst(burst);
            }
        }
        if member.stopped() {
            break StopReason::Signal;
        }
        // One clock reading per turn serves the idle, commit and lag timers (a turn handles
        // at most one message, and reading the clock was ~5% of the member's CPU).
        let now = Instant::now();
        // With a sink, the messages already polled are finished first.
        if member.max_reached() && member.dispatch_idle() {
            break StopReason::MaxMessages;
        }
        if let Some(idle) = member.plan.idle_timeout {
            let assigns = member.shared.assigns.load(Ordering::Relaxed);
            if assigns != assigns_seen {
                assigns_seen = assigns;
                last_message = now;
            }
            if now.saturating_duration_since(last_message) >= idle
                && lock(&member.shared.tracker).in_flight() == 0
                && member.buffered.is_empty()
                && member.dispatch_idle()
            {
                break StopReason::Idle;
            }
        }
        if member.plan.exactly_once {
            if let Some(f) = lock(&member.shared.txn_fatal).take() {
                return Err(anyhow!("{f}"));
            }
            if member.shared.txn_needs_rewind.swap(false, Ordering::SeqCst) {
                member.rewind()?;
            }
            if !lock(&member.shared.failures).is_empty() {
                let reason = lock(&member.shared.failures)[0].reason.clone();
                member
                    .abort_and_rewind(&format!("a record of the transaction failed: {reason}"))?;
            }
            let due = member.txn_messages >= member.plan.txn_max_messages
                || last_commit.elapsed() >= member.plan.txn_max_interval;
            if due {
                member.commit_txn_or_rewind()?;
                last_commit = Instant::now();
            }
        } else {
            member.process_failures()?;
            if now.saturating_duration_since(last_commit) >= member.plan.commit_interval {
                let commits = lock(&member.shared.tracker).take_commits();
                member
                    .shared
                    .commit(&member.consumer, &commits, CommitMode::Async);
                last_commit = Instant::now();
            }
        }
        if member.dispatch.is_some() {
            member.turn(&mut last_message);
            if let Some(e) = member.fatal.take() {
                return Err(e);
            }
            continue;
        }
        member.refresh_unknown_lag(now);
        let revokes_before = member.shared.revokes.load(Ordering::SeqCst);
        if let Some(m) = member.buffered.pop_front() {
            last_message = Instant::now();
            member.activity.note(last_message);
            member.txn_messages += 1;
            member.handle(m);
        } else {
            // With a burst waiting, do not block: it is finished as soon as nothing new is there.
            let wait = if ready.is_some() {
                Duration::ZERO
            } else {
                Duration::from_millis(100)
            };
            let polled = consumer.poll(wait);
            member.after_poll(None, ready.as_mut());
            match polled {
                Some(Ok(m)) if member.validators.is_some() => {
                    last_message = Instant::now();
                    let (messages, error) = member.poll_burst(&consumer, m, ready.as_mut());
                    let payloads: Vec<Option<&[u8]>> =
                        messages.iter().map(|m| m.payload()).collect();
                    let verdicts = member.verdicts(&payloads, ready.take());
                    drop(payloads);
                    let burst = Burst {
                        messages,
                        verdicts,
                        polled: last_message,
                        revokes: revokes_before,
                    };
                    // A big burst means more is coming: it is forwarded while the next one
                    // is validated. A small one is finished now (no added latency).
                    if burst.messages.len() >= PARALLEL_MIN {
                        ready = Some(burst);
                    } else {
                        member.finish_burst(burst);
                    }
                    if let Some(e) = error {
                        consumer_error(member, &e)?;
                    }
                }
                Some(Ok(m)) => {
                    last_message = Instant::now();
                    member.activity.note(last_message);
                    member.txn_messages += 1;
                    member.handle_polled(&m, last_message);
                }
                Some(Err(e)) => consumer_error(member, &e)?,
                None => {
                    if let Some(burst) = ready.take() {
                        member.finish_burst(burst);
                    }
                }
            }
        }
        if let Some(e) = member.fatal.take() {
            return Err(e);
        }
    };

    // Shutdown: let in-flight outcomes become durable (bounded), serve their failures, commit.
    let deadline = Instant::now() + member.plan.shutdown_timeout;
    member.finish_calls(deadline);
    if member.plan.exactly_once {
        member.commit_txn_or_rewind()?;
    }
    while !member.plan.exactly_once {
        let _ = member.producer.flush(Duration::from_millis(100));
        member.process_failures()?;
        // Records still queued; a message abandoned by the stop was never queued.
        let queued = member.shared.reports.unreported();
        if queued == 0 && lock(&member.shared.failures).is_empty() || Instant::now() >= deadline {
            break;
        }
    }
    // A transaction's commit has every record delivered, but the last reports' callbacks
    // may still be counting.
    while member.shared.reports.unreported() > 0 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(1));
    }
    if !member.plan.exactly_once {
        let positions = lock(&member.shared.tracker).positions();
        member
            .shared
            .commit(&member.consumer, &positions, CommitMode::Sync);
    }
    Ok(reason)
}

/// An authorization refusal while consuming: retrying cannot help, so the member stops
/// (fatal, like an authentication failure) with a message naming what is missing.
fn not_authorized(e: &KafkaError, group: &str) -> Option<String> {
    match e.rdkafka_error_code()? {
        RDKafkaErrorCode::GroupAuthorizationFailed => Some(format!(
            "not authorized to join group {group} (GroupAuthorizationFailed): this user has no READ right on it; an admin can grant it with `kmsg acl apply --group {group}`"
        )),
        RDKafkaErrorCode::TopicAuthorizationFailed => Some(format!(
            "not authorized to read the topic (TopicAuthorizationFailed): {e}; an admin can grant it with `kmsg acl apply`"
        )),
        _ => None,
    }
}

/// On a fatal error: commit only what is durable (never past the failed message) and return.
fn finish_fatal(member: &Member, e: anyhow::Error) -> anyhow::Error {
    if member.plan.exactly_once {
        let _ = member.shared.abort_txn();
        return e;
    }
    let positions = lock(&member.shared.tracker).positions();
    member
        .shared
        .commit(&member.consumer, &positions, CommitMode::Sync);
    e
}

pub async fn run(args: ConsumeArgs, ctx: &Context) -> anyhow::Result<ExitCode> {
    let metrics = Arc::new(ConsumerMetrics::new());
    let stop = Arc::new(AtomicBool::new(false));
    let s = stop.clone();
    let signals = tokio::spawn(async move {
        crate::signals::wait_for_stop().await;
        tracing::info!("stopping: finishing in-flight messages, committing, leaving the group");
        s.store(true, Ordering::Relaxed);
    });
    let summary = run_with(args, ctx, metrics, stop).await;
    signals.abort();
    let summary = summary?;
    print_summary(&summary, ctx.output)?;
    if summary.not_finished_at_exit > 0 {
        tracing::warn!(
            "{} messages had no durable outcome within --shutdown-timeout; they were not committed and will be consumed again",
            summary.not_finished_at_exit
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs one member until `stop` (or its own stop conditions), with the caller's metrics:
/// `consume` itself, and `breaker-test`, which watches the metrics while it runs.
pub(crate) async fn run_with(
    args: ConsumeArgs,
    ctx: &Context,
    metrics: Arc<ConsumerMetrics>,
    stop: Arc<AtomicBool>,
) -> anyhow::Result<Summary> {
    let plan = ConsumePlan::from_args(&args, ctx)?;
    if plan.topic_is_default {
        // Reading a shared default topic (and writing to its shared DLQ) must never happen
        // unnoticed: say so before connecting.
        eprintln!(
            "kmsg: note: no --topic (or INPUT_TOPIC) given: consuming the default topic {} and dead-lettering to {}",
            plan.topic, plan.dlq_topic
        );
    }

    // Refuse at start-up what would fail later: missing input, output or DLQ topic.
    let admin = Admin::connect(&ctx.settings).await?;
    for topic in [
        Some(&plan.topic),
        plan.output_topic.as_ref(),
        Some(&plan.dlq_topic),
    ]
    .into_iter()
    .flatten()
    {
        admin.topic(topic).await?;
    }
    drop(admin);

    let sink = match &plan.sink_url {
        Some(url) => {
            let sink = HttpSink::new(url, plan.sink_timeout, tokio::runtime::Handle::current())
                .map_err(usage)?;
            let probe = HttpSink::new(url, plan.sink_timeout, tokio::runtime::Handle::current())
                .map_err(usage)?;
            let reachable = tokio::task::spawn_blocking(move || probe.reachable())
                .await
                .unwrap_or(false);
            if !reachable {
                tracing::warn!(url = %sink.url(), "the downstream does not answer yet; the circuit breaker will hold messages until it does");
            }
            Some(sink)
        }
        None => None,
    };
    if let Some(addr) = plan.metrics_addr {
        crate::metrics::serve(addr, metrics.clone()).await?;
    }
    tokio::task::spawn_blocking(move || run_member(plan, sink, metrics, stop))
        .await
        .map_err(|e| anyhow!("the consumer thread failed: {e}"))?
}

fn print_summary(s: &Summary, format: OutputFormat) -> std::io::Result<()> {
    if format == OutputFormat::Json {
        return output::print_json(s);
    }
    let mut t = output::table(&["consume summary", ""]);
    let mut row = |k: &str, v: String| {
        t.add_row(vec![k.to_string(), v]);
    };
    row("group / instance", format!("{} / {}", s.group, s.instance));
    row(
        "topic",
        if s.topic_is_default {
            format!("{} (the default: no --topic given)", s.topic)
        } else {
            s.topic.clone()
        },
    );
    row("consumed", s.consumed.to_string());
    row("forwarded", s.forwarded.to_string());
    if s.processed_without_output > 0 {
        row(
            "processed (no output topic)",
            s.processed_without_output.to_string(),
        );
    }
    row("dead-lettered", s.dead_lettered_total.to_string());
    for (reason, n) in &s.dead_lettered {
        row("  by reason", format!("{reason}: {n}"));
    }
    row("retries", s.retries.to_string());
    for (kind, n) in &s.errors {
        row("errors", format!("{kind}: {n}"));
    }
    if s.not_finished_at_exit > 0 {
        row(
            "not finished (will be re-consumed)",
            s.not_finished_at_exit.to_string(),
        );
    }
    if s.dropped_on_revoke > 0 {
        row(
            "dropped on revoke (new owner consumes)",
            s.dropped_on_revoke.to_string(),
        );
    }
    row("duration", format!("{:.2} s", s.duration_secs));
    row(
        "throughput",
        format!(
            "{:.1} msgs/s over {:.2} s from the first message to the last",
            s.msgs_per_sec, s.active_secs
        ),
    );
    row("stopped by", s.stopped_by.clone());
    output::print_text(&t.to_string())
}

#[cfg(test)]
mod tests {
    use super::lag_position;

    #[test]
    fn lag_counts_from_the_last_durable_outcome_first() {
        // Done up to offset 41 while the committed offset still says 30: 42.
        assert_eq!(lag_position(Some(42), 30, 0), 42);
    }

    #[test]
    fn lag_falls_back_to_the_committed_offset_then_to_the_reset_position() {
        assert_eq!(lag_position(None, 30, 0), 30);
        // librdkafka's "invalid offset" (-1001): nothing committed yet.
        assert_eq!(lag_position(None, -1001, 7), 7);
    }
}
