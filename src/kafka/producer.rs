//! A pipelined producer that counts what happened to every message.
//!
//! Messages go to librdkafka's queue without waiting (a thread of ours polls delivery reports);
//! each report updates `DeliveryStats`: acknowledged, failed by reason, latency from enqueue
//! to acknowledgement (librdkafka's enqueue time), partitions written. A full local queue is handled by waiting for room,
//! never by dropping.
//!
//! Not rust-rdkafka's `ThreadedProducer`: its `flush` polls beside its thread in steps of up
//! to 100 ms and its drop joins the thread (up to 100 ms more), at the end of every run. Ours
//! waits in 1 ms sleeps until every queued message has its delivery report, and dropping it lets the thread stop by
//! itself after its current step instead of waiting for it. (Shorter steps would not do:
//! rust-rdkafka's `poll` ends every step spinning through its last sub-millisecond, which
//! cost 4% of a core at 10 ms steps.) The hot path per message takes no lock but the one
//! uncontended lock of the delivery thread, and allocates no headers for a message without
//! any.

use std::collections::BTreeMap;
use std::sync::atomic::AtomicBool;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use hdrhistogram::Histogram;
use rdkafka::client::ClientContext;
use rdkafka::config::RDKafkaLogLevel;
use rdkafka::error::KafkaError;
use rdkafka::message::{Header, OwnedHeaders};
use rdkafka::producer::{BaseProducer, DeliveryResult, Producer, ProducerContext};
use rdkafka::types::RDKafkaErrorCode;
use rdkafka::{ClientConfig, Message};

use super::context::KmsgContext;
use super::producer_ffi::{Parts, TopicHandle};
use crate::metrics::ProducerMetrics;

/// What happened to the messages sent so far.
pub struct DeliveryStats {
    pub acked: AtomicU64,
    pub failed: AtomicU64,
    pub bytes_acked: AtomicU64,
    /// Messages queued in librdkafka against delivery reports handled to the end.
    reports: ReportCount,
    failures: Mutex<BTreeMap<String, u64>>,
    /// Written by the delivery thread only: one uncontended lock per report.
    acks: Mutex<AckRecord>,
}

/// Records queued in librdkafka against delivery reports handled to the end (either
/// outcome). librdkafka's own count of records in flight drops when a report is taken off
/// its queue, before the callback has recorded the outcome; this one drops only after, so
/// whoever waits for it to reach 0 also sees every outcome.
#[derive(Debug, Default)]
pub struct ReportCount {
    queued: AtomicU64,
    reported: AtomicU64,
}

impl ReportCount {
    /// A record went into librdkafka's queue.
    pub fn queued(&self) {
        self.queued.fetch_add(1, Ordering::Relaxed);
    }

    /// Its delivery report is handled: the last thing a delivery callback does (Release,
    /// paired with the Acquire in `unreported`).
    pub fn reported(&self) {
        self.reported.fetch_add(1, Ordering::Release);
    }

    /// Records queued whose report is not handled to the end yet.
    pub fn unreported(&self) -> u64 {
        let reported = self.reported.load(Ordering::Acquire);
        self.queued.load(Ordering::Relaxed).saturating_sub(reported)
    }
}

/// What successful delivery reports tell beyond counts.
struct AckRecord {
    latency_us: Histogram<u64>,
    partitions: BTreeMap<i32, u64>,
    last: Option<(i32, i64)>,
}

impl DeliveryStats {
    fn new() -> Self {
        DeliveryStats {
            acked: AtomicU64::new(0),
            failed: AtomicU64::new(0),
            bytes_acked: AtomicU64::new(0),
            reports: ReportCount::default(),
            failures: Mutex::new(BTreeMap::new()),
            acks: Mutex::new(AckRecord {
                latency_us: Histogram::new_with_bounds(1, 3_600_000_000, 3).expect("bounds"),
                partitions: BTreeMap::new(),
                last: None,
            }),
        }
    }

    /// Counts a message that failed, before or after it was queued.
    pub fn fail(&self, reason: String) {
        self.failed.fetch_add(1, Ordering::Relaxed);
        *lock(&self.failures).entry(reason).or_default() += 1;
    }

    pub fn failures(&self) -> BTreeMap<String, u64> {
        lock(&self.failures).clone()
    }

    pub fn partitions(&self) -> BTreeMap<i32, u64> {
        lock(&self.acks).partitions.clone()
    }

    /// Partition and offset of the last acknowledged message.
    pub fn last_delivered(&self) -> Option<(i32, i64)> {
        lock(&self.acks).last
    }

    /// Delivery latency percentiles in milliseconds: p50, p95, p99, max.
    pub fn latency_ms(&self) -> Option<[f64; 4]> {
        let acks = lock(&self.acks);
        let h = &acks.latency_us;
        if h.is_empty() {
            return None;
        }
        let ms = |us: u64| us as f64 / 1000.0;
        Some([
            ms(h.value_at_quantile(0.50)),
            ms(h.value_at_quantile(0.95)),
            ms(h.value_at_quantile(0.99)),
            ms(h.max()),
        ])
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// A producer context that records delivery reports into `DeliveryStats`.
pub struct TrackingContext {
    inner: KmsgContext,
    stats: Arc<DeliveryStats>,
    metrics: Option<Arc<ProducerMetrics>>,
}

impl ClientContext for TrackingContext {
    fn log(&self, level: RDKafkaLogLevel, fac: &str, log_message: &str) {
        self.inner.log(level, fac, log_message)
    }

    fn error(&self, error: KafkaError, reason: &str) {
        self.inner.error(error, reason)
    }
}

impl ProducerContext for TrackingContext {
    /// Nothing: the latency comes from librdkafka's own enqueue time of the message.
    type DeliveryOpaque = ();

    fn delivery(&self, result: &DeliveryResult<'_>, _: ()) {
        let stats = &self.stats;
        match result {
            Ok(msg) => {
                stats.acked.fetch_add(1, Ordering::Relaxed);
                let bytes = msg.payload_len() + msg.key().map_or(0, |k| k.len());
                stats.bytes_acked.fetch_add(bytes as u64, Ordering::Relaxed);
                // Microseconds from the produce call to now, from the enqueue time librdkafka
                // keeps anyway: no clock read of ours on the send path (a clock read cost
                // 0.1-0.2 µs on the benchmark VM, where they were 12% of a run's CPU).
                // SAFETY: `msg` is a live delivery report; the call only reads it.
                let latency =
                    unsafe { rdkafka::bindings::rd_kafka_message_latency(msg.ptr()) }.max(1) as u64;
                if let Some(m) = &self.metrics {
                    m.acknowledged(latency as f64 / 1e6);
                }
                let mut acks = lock(&stats.acks);
                let _ = acks.latency_us.record(latency);
                *acks.partitions.entry(msg.partition()).or_default() += 1;
                acks.last = Some((msg.partition(), msg.offset()));
            }
            Err((err, _msg)) => {
                stats.fail(failure_reason(err));
                if let Some(m) = &self.metrics {
                    m.failed(&failure_label(err), 1);
                }
            }
        }
        // Last: counted first, a flush could end and the summary be read between the two
        // (one failed message with no reason for it).
        stats.reports.reported();
    }
}

/// A short, stable reason for a failed delivery, used as the key of the failure counts.
pub fn failure_reason(err: &KafkaError) -> String {
    match err.rdkafka_error_code() {
        Some(RDKafkaErrorCode::MessageSizeTooLarge) => {
            "message larger than the topic or broker accepts (max.message.bytes)".into()
        }
        Some(RDKafkaErrorCode::UnknownTopicOrPartition) | Some(RDKafkaErrorCode::UnknownTopic) => {
            "topic or partition does not exist".into()
        }
        Some(RDKafkaErrorCode::MessageTimedOut) => {
            "not acknowledged in time (message.timeout.ms, --delivery-timeout in produce)".into()
        }
        Some(RDKafkaErrorCode::NotEnoughReplicas)
        | Some(RDKafkaErrorCode::NotEnoughReplicasAfterAppend) => {
            "not enough in-sync replicas (min.insync.replicas)".into()
        }
        Some(RDKafkaErrorCode::TopicAuthorizationFailed) => {
            "not authorized to write the topic".into()
        }
        Some(code) => code.to_string(),
        None => err.to_string(),
    }
}

/// A failed delivery's reason as a metric label: librdkafka's error code in snake_case
/// (`message_timed_out`, `message_size_too_large`, `not_enough_replicas`, ...), a small fixed set.
pub fn failure_label(err: &KafkaError) -> String {
    match err.rdkafka_error_code() {
        Some(code) => snake_case(&format!("{code:?}")),
        None => "other".into(),
    }
}

/// The delivery failures a producer meets in practice (a timeout, a full queue, a message too
/// large, too few in-sync replicas, a missing topic or partition, no permission): their labels
/// are exposed at 0 from start-up, so a dashboard's rate() over the family starts at once.
pub fn common_failure_labels() -> Vec<String> {
    [
        RDKafkaErrorCode::MessageTimedOut,
        RDKafkaErrorCode::QueueFull,
        RDKafkaErrorCode::MessageSizeTooLarge,
        RDKafkaErrorCode::NotEnoughReplicas,
        RDKafkaErrorCode::NotEnoughReplicasAfterAppend,
        RDKafkaErrorCode::UnknownTopicOrPartition,
        RDKafkaErrorCode::TopicAuthorizationFailed,
    ]
    .iter()
    .map(|code| snake_case(&format!("{code:?}")))
    .collect()
}

fn snake_case(camel: &str) -> String {
    let mut out = String::with_capacity(camel.len() + 4);
    for (i, c) in camel.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// A record header: name and optional value bytes.
pub type RecordHeader = (String, Option<Vec<u8>>);

/// A consumed record's headers, copied out (names and optional value bytes, in order).
pub fn record_headers(msg: &rdkafka::message::OwnedMessage) -> Vec<RecordHeader> {
    use rdkafka::message::Headers;
    msg.headers()
        .map(|h| {
            h.iter()
                .map(|h| (h.key.to_string(), h.value.map(|v| v.to_vec())))
                .collect()
        })
        .unwrap_or_default()
}

/// Record headers for librdkafka (the inverse of [`record_headers`]); none at all for an
/// empty list (librdkafka would allocate a header list for nothing).
pub fn owned_headers(headers: &[RecordHeader]) -> Option<OwnedHeaders> {
    if headers.is_empty() {
        return None;
    }
    let mut owned = OwnedHeaders::new_with_capacity(headers.len());
    for (k, v) in headers {
        owned = owned.insert(Header {
            key: k,
            value: v.as_deref(),
        });
    }
    Some(owned)
}

/// One message to send.
#[derive(Debug, Clone, Default)]
pub struct Outgoing {
    pub key: Option<Vec<u8>>,
    pub value: Option<Vec<u8>>,
    pub headers: Vec<RecordHeader>,
    pub partition: Option<i32>,
    pub timestamp: Option<i64>,
}

/// A topic to send to, looked up once (`PipelinedProducer::topic`).
pub struct SendTopic(TopicHandle<TrackingContext>);

impl SendTopic {
    pub fn name(&self) -> &str {
        self.0.name()
    }
}

/// Why `send` gave up on a message without queueing it.
#[derive(Debug, thiserror::Error)]
pub enum SendError {
    #[error("{0}")]
    Rejected(String),
    #[error("stopped while waiting for room in the producer queue")]
    Stopped,
}

/// How long one poll of the delivery thread waits; also how long the thread lives on after
/// the producer is dropped.
const POLL_STEP: Duration = Duration::from_millis(100);

/// The pipelined producer.
pub struct PipelinedProducer {
    producer: Arc<BaseProducer<TrackingContext>>,
    stop_polling: Arc<AtomicBool>,
    stats: Arc<DeliveryStats>,
    metrics: Option<Arc<ProducerMetrics>>,
    max_message_bytes: usize,
}

impl PipelinedProducer {
    pub fn new(config: &ClientConfig) -> Result<Self, KafkaError> {
        Self::with_metrics(config, None)
    }

    /// A producer that also counts into `metrics` (`kmsg produce --metrics-addr`).
    pub fn with_metrics(
        config: &ClientConfig,
        metrics: Option<Arc<ProducerMetrics>>,
    ) -> Result<Self, KafkaError> {
        let stats = Arc::new(DeliveryStats::new());
        let context = TrackingContext {
            inner: KmsgContext::default(),
            stats: stats.clone(),
            metrics: metrics.clone(),
        };
        let max_message_bytes = config
            .get("message.max.bytes")
            .and_then(|v| v.parse().ok())
            .unwrap_or(1_000_000);
        let producer: Arc<BaseProducer<TrackingContext>> =
            Arc::new(config.create_with_context(context)?);
        let stop_polling = Arc::new(AtomicBool::new(false));
        {
            let (producer, stop) = (producer.clone(), stop_polling.clone());
            std::thread::Builder::new()
                .name("kmsg-delivery".into())
                .spawn(move || {
                    while !stop.load(Ordering::Relaxed) {
                        producer.poll(POLL_STEP);
                    }
                })
                .map_err(|e| KafkaError::ClientCreation(format!("delivery thread: {e}")))?;
        }
        Ok(PipelinedProducer {
            producer,
            stop_polling,
            stats,
            metrics,
            max_message_bytes,
        })
    }

    pub fn stats(&self) -> &Arc<DeliveryStats> {
        &self.stats
    }

    /// Starts the producer's own connection to the cluster now, on a thread of its own
    /// (metadata of all topics: never creates one), and returns at once. librdkafka 2.12
    /// drops its bootstrap connections once it has the cluster's metadata and connects to
    /// the brokers it learned only when something needs them; an idempotent producer that
    /// finds none up waits 500 ms before it asks for its producer id again, which made
    /// one `produce --value` take 100 ms or 600 ms by chance (bench/latency.sh). The thread
    /// holds the client until its answers (at most `timeout` each).
    ///
    /// Two requests: a metadata response is what makes librdkafka try for the producer id
    /// again at once, and the first may be answered by the bootstrap connection before any
    /// learnt broker is up (still one start in about 200 stalled 500 ms with one request);
    /// the bootstrap connection is being dropped by then, so the second is answered by a
    /// learnt broker, which is up when it arrives.
    pub fn connect_early(&self, timeout: Duration) {
        let producer = self.producer.clone();
        let _ = std::thread::Builder::new()
            .name("kmsg-connect".into())
            .spawn(move || {
                for _ in 0..2 {
                    let _ = producer.client().fetch_metadata(None, timeout);
                }
            });
    }

    /// The handle to send to `topic` with: looked up once, not per message (see
    /// `producer_ffi`). Makes no request.
    pub fn topic(&self, topic: &str) -> Result<SendTopic, KafkaError> {
        TopicHandle::new(&self.producer, topic).map(SendTopic)
    }

    /// Queues one message; waits while the local queue is full (checking `stop` so Ctrl-C
    /// still works). A message librdkafka refuses outright (too large, say) is counted as
    /// failed and reported as `SendError::Rejected`.
    pub fn send(
        &self,
        topic: &SendTopic,
        msg: &Outgoing,
        stop: &dyn Fn() -> bool,
    ) -> Result<(), SendError> {
        loop {
            let parts = Parts {
                partition: msg.partition,
                key: msg.key.as_deref(),
                value: msg.value.as_deref(),
                headers: &msg.headers,
                timestamp: msg.timestamp,
                opaque: (),
            };
            match topic.0.produce(parts) {
                Ok(()) => {
                    self.stats.reports.queued();
                    if let Some(m) = &self.metrics {
                        m.sent(1);
                    }
                    return Ok(());
                }
                Err(RDKafkaErrorCode::QueueFull) => {
                    if stop() {
                        return Err(SendError::Stopped);
                    }
                    std::thread::sleep(Duration::from_millis(1));
                }
                Err(code) => {
                    let err = KafkaError::MessageProduction(code);
                    let size = msg.value.as_ref().map_or(0, |v| v.len())
                        + msg.key.as_ref().map_or(0, |k| k.len());
                    let reason = match code {
                        RDKafkaErrorCode::MessageSizeTooLarge => format!(
                            "message of {size} bytes is larger than the producer limit of {} bytes (message.max.bytes)",
                            self.max_message_bytes
                        ),
                        _ => failure_reason(&err),
                    };
                    self.stats.fail(reason.clone());
                    if let Some(m) = &self.metrics {
                        m.sent(1);
                        m.failed(&failure_label(&err), 1);
                    }
                    return Err(SendError::Rejected(reason));
                }
            }
        }
    }

    /// Messages queued but not yet acknowledged or failed. Counted from delivery reports,
    /// not librdkafka's `outq_len`, which also counts queued events such as its own log
    /// lines (with `-X debug=all` those never run out, so a flush would never end).
    pub fn in_flight(&self) -> i32 {
        self.stats.reports.unreported() as i32
    }

    /// Waits up to `timeout` for every queued message, returning early when `abort` says so.
    /// Returns the number still in flight (see [`await_reports`]).
    pub fn flush(&self, timeout: Duration, abort: &dyn Fn() -> bool) -> i32 {
        let deadline = Instant::now() + timeout;
        await_reports(self.producer.client(), &self.stats.reports, deadline, abort) as i32
    }
}

/// Waits until every record counted in `reports` has its delivery report handled, `deadline`
/// passes or `abort` says so, with linger cut short for the whole wait; returns the records
/// still without a report. The producer's own thread handles the reports meanwhile.
///
/// The wait is `rd_kafka_flush` in steps of at most 5 ms (`producer_ffi::flush_step`): one
/// `rd_kafka_flush(0)` wakes only the brokers already up, so a single `--value` whose leader
/// connected a moment later lingered its full 20 ms. When librdkafka holds no message any
/// more, the last reports are being recorded and the loop sleeps 1 ms steps for them.
pub fn await_reports<C: ClientContext>(
    client: &rdkafka::client::Client<C>,
    reports: &ReportCount,
    deadline: Instant,
    abort: &dyn Fn() -> bool,
) -> u64 {
    const STEP: Duration = Duration::from_millis(5);
    while reports.unreported() > 0 && !abort() {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            break;
        }
        let wait_ms = left.min(STEP).as_millis().max(1) as i32;
        if super::producer_ffi::flush_step(client, wait_ms) {
            std::thread::sleep(Duration::from_millis(1));
        }
    }
    reports.unreported()
}

/// The delivery thread stops after its current step and drops its handle on the client,
/// the last one, which purges and destroys it there; the caller does not wait for that
/// (whoever wants every report calls `flush` first).
impl Drop for PipelinedProducer {
    fn drop(&mut self) {
        self.stop_polling.store(true, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failure_reasons_are_plain_words_not_success() {
        let r = failure_reason(&KafkaError::MessageProduction(
            RDKafkaErrorCode::MessageTimedOut,
        ));
        assert!(r.contains("--delivery-timeout"), "{r}");
        let r = failure_reason(&KafkaError::MessageProduction(
            RDKafkaErrorCode::UnknownTopicOrPartition,
        ));
        assert_eq!(r, "topic or partition does not exist");
        assert!(!failure_reason(&KafkaError::MessageProduction(
            RDKafkaErrorCode::BrokerNotAvailable
        ))
        .contains("Success"));
    }

    #[test]
    fn failure_labels_are_snake_case_error_codes() {
        let label = |code| failure_label(&KafkaError::MessageProduction(code));
        assert_eq!(
            label(RDKafkaErrorCode::MessageTimedOut),
            "message_timed_out"
        );
        assert_eq!(
            label(RDKafkaErrorCode::NotEnoughReplicas),
            "not_enough_replicas"
        );
        assert_eq!(
            label(RDKafkaErrorCode::UnknownTopicOrPartition),
            "unknown_topic_or_partition"
        );
    }

    #[test]
    fn stats_count_failures_by_reason() {
        let s = DeliveryStats::new();
        s.fail("a".into());
        s.fail("a".into());
        s.fail("b".into());
        assert_eq!(s.failed.load(Ordering::Relaxed), 3);
        assert_eq!(s.failures()["a"], 2);
        assert!(s.latency_ms().is_none());
    }
}
