//! The one module that owns Prometheus metrics, and the HTTP endpoint that serves them.
//!
//! Each consumer event is one method here that logs a sentence and counts with the same
//! labels, so logs and metrics never disagree. Names are the original system's
//! (`kafka_consumer_messages_processed_total`, `..._dlq_messages_total`,
//! `..._processing_errors_total`, `..._message_retries_total`, `kafka_consumer_lag`) plus
//! the lag in time (`kafka_consumer_lag_seconds`, told by `consumer::lag`), a processing-time
//! histogram, assigned partitions and rebalances. `/healthz` says the process
//! is alive; `/readyz` says it has joined its group and holds an assignment.
//! `kmsg dlq watch` has `kafka_dlq_*` and `kmsg produce` has `kafka_producer_*`
//! (sent, acknowledged, failed by reason, delivery latency); each is a struct of its own
//! behind the same endpoint (`Exposition`).

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use crate::pipeline::breaker::{BreakerState, Transition};
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use prometheus::{
    Encoder, GaugeVec, Histogram, HistogramOpts, HistogramVec, IntCounter, IntCounterVec,
    IntGaugeVec, Opts, Registry, TextEncoder,
};

/// The per-message series of one input topic (see [`ConsumerMetrics::topic_series`]).
#[derive(Clone)]
pub struct TopicSeries {
    pub succeeded: prometheus::IntCounter,
    pub processing: prometheus::Histogram,
}

/// The fixed label values of the consumer's families (`consumer::labels`), shown at 0 from
/// start-up by [`ConsumerMetrics::expose_topic`].
#[derive(Debug, Clone, Copy)]
pub struct KnownLabels<'a> {
    /// `reason`s of `kafka_consumer_dlq_messages_total`.
    pub dlq_reasons: &'a [&'a str],
    /// `error_type`s of `kafka_consumer_processing_errors_total`.
    pub error_types: &'a [&'a str],
    /// `kind`s of `kafka_consumer_circuit_breaker_calls_total`.
    pub breaker_calls: &'a [&'a str],
    /// `kind`s of `kafka_consumer_rebalances_total`.
    pub rebalances: &'a [&'a str],
}

/// The `status`es of `kafka_consumer_messages_processed_total`.
const PROCESSED_STATUSES: [&str; 2] = ["success", "dlq"];

/// The consumer's metrics.
pub struct ConsumerMetrics {
    registry: Registry,
    processed: IntCounterVec,
    consumed: IntCounterVec,
    dlq: IntCounterVec,
    errors: IntCounterVec,
    retries: IntCounterVec,
    lag: IntGaugeVec,
    lag_seconds: GaugeVec,
    processing: HistogramVec,
    assigned: IntGaugeVec,
    rebalances: IntCounterVec,
    breaker_state: IntGaugeVec,
    breaker_transitions: IntCounterVec,
    breaker_calls: IntCounterVec,
    decoded: IntCounterVec,
    decode_failures: IntCounterVec,
    ready: AtomicBool,
    breaker_open: AtomicBool,
    /// Every breaker transition with its time, for `breaker-test`'s timeline.
    timeline: std::sync::Mutex<Vec<(std::time::SystemTime, Transition)>>,
}

/// A registry in the Prometheus text format.
fn render_registry(registry: &Registry) -> String {
    let mut buf = Vec::new();
    TextEncoder::new()
        .encode(&registry.gather(), &mut buf)
        .expect("text encoding cannot fail");
    String::from_utf8(buf).expect("prometheus text is UTF-8")
}

fn counter(registry: &Registry, name: &str, help: &str, labels: &[&str]) -> IntCounterVec {
    let c = IntCounterVec::new(Opts::new(name, help), labels).expect("valid metric");
    registry
        .register(Box::new(c.clone()))
        .expect("unique metric");
    c
}

fn gauge(registry: &Registry, name: &str, help: &str, labels: &[&str]) -> IntGaugeVec {
    let g = IntGaugeVec::new(Opts::new(name, help), labels).expect("valid metric");
    registry
        .register(Box::new(g.clone()))
        .expect("unique metric");
    g
}

impl ConsumerMetrics {
    pub fn new() -> Self {
        let registry = Registry::new();
        let processing = HistogramVec::new(
            HistogramOpts::new(
                "kafka_consumer_processing_seconds",
                "Time from receiving a message to handing its outcome to the producer",
            )
            .buckets(vec![
                0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
                1.0, 2.5, 5.0, 10.0,
            ]),
            &["topic"],
        )
        .expect("valid metric");
        registry
            .register(Box::new(processing.clone()))
            .expect("unique metric");
        let m = ConsumerMetrics {
            processed: counter(
                &registry,
                "kafka_consumer_messages_processed_total",
                "Messages whose outcome is durable, by status (success: forwarded/processed, dlq: dead-lettered)",
                &["topic", "status"],
            ),
            consumed: counter(
                &registry,
                "kafka_consumer_messages_consumed_total",
                "Messages received from the input topic, per partition",
                &["topic", "partition"],
            ),
            dlq: counter(
                &registry,
                "kafka_consumer_dlq_messages_total",
                "Messages sent to the dead letter topic, by reason (error class)",
                &["topic", "reason"],
            ),
            errors: counter(
                &registry,
                "kafka_consumer_processing_errors_total",
                "Processing errors by type (poison classes, transient failures, produce errors)",
                &["topic", "error_type"],
            ),
            retries: counter(
                &registry,
                "kafka_consumer_message_retries_total",
                "Retries of transient failures",
                &["topic"],
            ),
            lag: gauge(
                &registry,
                "kafka_consumer_lag",
                "High watermark minus the consumer's position, per assigned partition",
                &["topic", "partition"],
            ),
            lag_seconds: {
                let g = GaugeVec::new(
                    Opts::new(
                        "kafka_consumer_lag_seconds",
                        "How old the next record the group has to finish is, per assigned partition: 0 without lag, else now minus its record timestamp (estimated when it is not fetched yet)",
                    ),
                    &["topic", "partition"],
                )
                .expect("valid metric");
                registry
                    .register(Box::new(g.clone()))
                    .expect("unique metric");
                g
            },
            assigned: gauge(
                &registry,
                "kafka_consumer_assigned_partitions",
                "Partitions currently assigned to this instance",
                &["topic"],
            ),
            rebalances: counter(
                &registry,
                "kafka_consumer_rebalances_total",
                "Rebalances seen by this instance, by kind (assign, revoke)",
                &["topic", "kind"],
            ),
            breaker_state: gauge(
                &registry,
                "kafka_consumer_circuit_breaker_state",
                "1 for the circuit breaker's current state (closed, open, half_open), 0 for the others",
                &["state"],
            ),
            breaker_transitions: counter(
                &registry,
                "kafka_consumer_circuit_breaker_transitions_total",
                "Circuit breaker state changes",
                &["from", "to"],
            ),
            breaker_calls: counter(
                &registry,
                "kafka_consumer_circuit_breaker_calls_total",
                "Downstream calls by kind: successful, failed (transient), ignored (permanent), not_permitted (breaker open)",
                &["kind"],
            ),
            decoded: counter(
                &registry,
                "kafka_consumer_records_decoded_total",
                "Record values decoded through the schema registry (--value-format registry), by subject",
                &["topic", "subject"],
            ),
            decode_failures: counter(
                &registry,
                "kafka_consumer_decode_failures_total",
                "Record values the schema registry's format could not decode, by subject (unknown without a known schema) and reason (wrong_magic_byte, truncated_header, unknown_schema_id, undecodable_payload)",
                &["topic", "subject", "reason"],
            ),
            processing,
            registry,
            ready: AtomicBool::new(false),
            breaker_open: AtomicBool::new(false),
            timeline: std::sync::Mutex::new(Vec::new()),
        };
        m.set_breaker_state(BreakerState::Closed);
        for (from, to) in BreakerState::TRANSITIONS {
            m.breaker_transitions
                .with_label_values(&[from.as_str(), to.as_str()]);
        }
        m
    }

    /// Creates, at 0, every series of `topic` whose labels are known before any event (the
    /// topic, and the fixed sets of `known`), so that each family a dashboard or an alert
    /// reads is there from start-up: a panel shows 0 rather than no data, and a `rate()`
    /// starts with the process. Series of a partition come with its assignment. Creating a
    /// series that exists changes nothing.
    pub fn expose_topic(&self, topic: &str, known: &KnownLabels<'_>) {
        for status in PROCESSED_STATUSES {
            self.processed.with_label_values(&[topic, status]);
        }
        for reason in known.dlq_reasons {
            self.dlq.with_label_values(&[topic, reason]);
        }
        for error_type in known.error_types {
            self.errors.with_label_values(&[topic, error_type]);
        }
        for kind in known.rebalances {
            self.rebalances.with_label_values(&[topic, kind]);
        }
        for kind in known.breaker_calls {
            self.breaker_calls.with_label_values(&[kind]);
        }
        self.retries.with_label_values(&[topic]);
        self.assigned.with_label_values(&[topic]);
        self.processing.with_label_values(&[topic]);
    }

    fn set_breaker_state(&self, state: BreakerState) {
        for s in BreakerState::ALL {
            self.breaker_state
                .with_label_values(&[s.as_str()])
                .set(i64::from(s == state));
        }
        self.breaker_open
            .store(state == BreakerState::Open, Ordering::Relaxed);
    }

    /// The breaker changed state: logged with from, to and reason, and counted.
    pub fn breaker_transition(&self, t: &Transition) {
        let (from, to) = (t.from.as_str(), t.to.as_str());
        if t.to == BreakerState::Open {
            tracing::warn!(from, to, reason = %t.reason, "circuit breaker opened: pausing consumption");
        } else {
            tracing::info!(from, to, reason = %t.reason, "circuit breaker {to}");
        }
        self.breaker_transitions
            .with_label_values(&[from, to])
            .inc();
        self.set_breaker_state(t.to);
        if let Ok(mut timeline) = self.timeline.lock() {
            timeline.push((std::time::SystemTime::now(), t.clone()));
        }
    }

    /// One downstream call (or refusal) of a kind: successful, failed, ignored, not_permitted.
    pub fn breaker_call(&self, kind: &str) {
        self.breaker_calls.with_label_values(&[kind]).inc();
    }

    /// A message was received from a partition (counted once per delivery to the app, so a
    /// message re-read after a rebalance or restart counts again).
    /// The caller keeps the counter, so the hot path does no label lookup.
    pub fn consumed_counter(&self, topic: &str, partition: i32) -> prometheus::IntCounter {
        self.consumed
            .with_label_values(&[topic, &partition.to_string()])
    }

    /// The series every message of `topic` touches, looked up once so the hot path does no
    /// label hashing: `processed{status="success"}` (a message was forwarded, or processed
    /// without an output topic, and its outcome is durable) and the processing-time histogram.
    pub fn topic_series(&self, topic: &str) -> TopicSeries {
        TopicSeries {
            succeeded: self.processed.with_label_values(&[topic, "success"]),
            processing: self.processing.with_label_values(&[topic]),
        }
    }

    /// A message's dead letter is durable.
    pub fn dead_lettered(
        &self,
        topic: &str,
        reason: &str,
        partition: i32,
        offset: i64,
        message: &str,
    ) {
        tracing::debug!(topic, partition, offset, reason, "dead-lettered: {message}");
        self.processed.with_label_values(&[topic, "dlq"]).inc();
        self.dlq.with_label_values(&[topic, reason]).inc();
    }

    /// The counter of values of `topic` decoded with `subject`'s schema; the caller keeps it,
    /// so the hot path does no label lookup.
    pub fn decoded_counter(&self, topic: &str, subject: &str) -> IntCounter {
        self.decoded.with_label_values(&[topic, subject])
    }

    /// A value could not be decoded through the registry: logged and counted.
    pub fn decode_failed(
        &self,
        topic: &str,
        subject: &str,
        reason: &str,
        partition: i32,
        offset: i64,
    ) {
        tracing::debug!(
            topic,
            subject,
            reason,
            partition,
            offset,
            "cannot decode the value"
        );
        self.decode_failures
            .with_label_values(&[topic, subject, reason])
            .inc();
    }

    /// A processing error of some type (a poison class, `transient`, `produce`).
    pub fn error(&self, topic: &str, error_type: &str) {
        self.errors.with_label_values(&[topic, error_type]).inc();
    }

    /// A transient failure will be retried after `delay`.
    pub fn retry(
        &self,
        topic: &str,
        partition: i32,
        offset: i64,
        retry: u32,
        delay: Duration,
        reason: &str,
    ) {
        tracing::debug!(
            topic,
            partition,
            offset,
            retry,
            delay_ms = delay.as_millis() as u64,
            "retrying: {reason}"
        );
        self.retries.with_label_values(&[topic]).inc();
    }

    pub fn set_lag(&self, topic: &str, partition: i32, lag: i64) {
        self.lag
            .with_label_values(&[topic, &partition.to_string()])
            .set(lag.max(0));
    }

    /// How old the next record of a partition the group has to finish is, in seconds (see
    /// `consumer::lag` for how it is told).
    pub fn set_lag_seconds(&self, topic: &str, partition: i32, seconds: f64) {
        self.lag_seconds
            .with_label_values(&[topic, &partition.to_string()])
            .set(seconds.max(0.0));
    }

    /// Forgets the lag series (messages and seconds) of a partition this instance no longer
    /// owns.
    pub fn drop_lag(&self, topic: &str, partition: i32) {
        let partition = partition.to_string();
        let labels = [topic, partition.as_str()];
        let _ = self.lag.remove_label_values(&labels);
        let _ = self.lag_seconds.remove_label_values(&labels);
    }

    pub fn rebalanced(&self, topic: &str, kind: &str, assigned_now: usize, partitions: &[i32]) {
        tracing::info!(topic, kind, ?partitions, assigned_now, "rebalance");
        self.rebalances.with_label_values(&[topic, kind]).inc();
        self.assigned
            .with_label_values(&[topic])
            .set(assigned_now as i64);
        self.ready.store(assigned_now > 0, Ordering::Relaxed);
    }

    /// The breaker transitions so far, with their times.
    pub fn breaker_timeline(&self) -> Vec<(std::time::SystemTime, Transition)> {
        self.timeline.lock().map(|t| t.clone()).unwrap_or_default()
    }

    /// Messages of `topic` whose outcome had `status` (success, dlq).
    pub fn processed(&self, topic: &str, status: &str) -> u64 {
        self.processed.with_label_values(&[topic, status]).get()
    }

    /// Ready: joined the group with an assignment, and the breaker is not open.
    pub fn is_ready(&self) -> bool {
        self.ready.load(Ordering::Relaxed) && !self.breaker_open.load(Ordering::Relaxed)
    }

    /// The Prometheus text exposition of every metric.
    pub fn render(&self) -> String {
        render_registry(&self.registry)
    }
}

/// What the HTTP endpoint serves: Prometheus text, and whether the process is ready.
pub trait Exposition: Send + Sync + 'static {
    fn render(&self) -> String;
    fn is_ready(&self) -> bool;
    /// The body of a 503 from `/readyz`.
    fn not_ready_reason(&self) -> &'static str {
        "not ready: no partitions assigned\n"
    }
}

impl Exposition for ConsumerMetrics {
    fn render(&self) -> String {
        ConsumerMetrics::render(self)
    }
    fn is_ready(&self) -> bool {
        ConsumerMetrics::is_ready(self)
    }
}

/// Metrics of `kmsg dlq watch`.
pub struct DlqMetrics {
    registry: Registry,
    messages: IntCounterVec,
    last_seen: IntGaugeVec,
    ready: AtomicBool,
}

impl DlqMetrics {
    pub fn new() -> Self {
        let registry = Registry::new();
        DlqMetrics {
            messages: counter(
                &registry,
                "kafka_dlq_messages_total",
                "Dead letters seen by the DLQ watcher, by original topic and reason (error class)",
                &["original_topic", "reason"],
            ),
            last_seen: gauge(
                &registry,
                "kafka_dlq_last_message_timestamp_seconds",
                "When the newest dead letter was written (record timestamp), by original topic",
                &["original_topic"],
            ),
            registry,
            ready: AtomicBool::new(false),
        }
    }

    /// Makes the dead-letter counters of `original_topic` exist at 0 for each of `reasons`
    /// (the newest-dead-letter gauge has no true zero, so it appears with the first one).
    pub fn expose(&self, original_topic: &str, reasons: &[&str]) {
        for reason in reasons {
            self.messages.with_label_values(&[original_topic, reason]);
        }
    }

    /// A dead letter was seen: logged with its context and counted.
    #[allow(clippy::too_many_arguments)]
    pub fn seen(
        &self,
        original_topic: &str,
        reason: &str,
        stage: &str,
        partition: i32,
        offset: i64,
        timestamp_ms: Option<i64>,
        message: &str,
    ) {
        tracing::info!(
            target: "kmsg::dlq",
            original_topic,
            reason,
            stage,
            dlq_partition = partition,
            dlq_offset = offset,
            "dead letter: {message}"
        );
        self.messages
            .with_label_values(&[original_topic, reason])
            .inc();
        if let Some(ms) = timestamp_ms {
            self.last_seen
                .with_label_values(&[original_topic])
                .set(ms / 1000);
        }
    }

    pub fn set_ready(&self, ready: bool) {
        self.ready.store(ready, Ordering::Relaxed);
    }
}

impl Exposition for DlqMetrics {
    fn render(&self) -> String {
        render_registry(&self.registry)
    }
    fn is_ready(&self) -> bool {
        self.ready.load(Ordering::Relaxed)
    }
}

/// Bounds of the producer's delivery latency histogram, in seconds: 0.5 ms to 10 s.
const DELIVERY_LATENCY_BUCKETS: [f64; 14] = [
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

/// Metrics of `kmsg produce --metrics-addr`, for one topic.
///
/// `sent` counts every message handed to librdkafka (also one it refused at once, which is
/// counted as failed too), so `sent = acknowledged + failed + in flight` at any time. The
/// per-message calls touch only atomics: the topic's series are resolved once, here, and a
/// failure's reason is looked up only when a delivery fails.
pub struct ProducerMetrics {
    registry: Registry,
    topic: String,
    sent: IntCounter,
    acknowledged: IntCounter,
    failed: IntCounterVec,
    latency: Histogram,
    ready: AtomicBool,
}

impl ProducerMetrics {
    /// Metrics for messages to `topic`; every series exists (at 0) from the start.
    pub fn new(topic: &str) -> Self {
        let registry = Registry::new();
        let sent = counter(
            &registry,
            "kafka_producer_messages_sent_total",
            "Messages handed to the Kafka client (librdkafka) for sending",
            &["topic"],
        );
        let acknowledged = counter(
            &registry,
            "kafka_producer_messages_acknowledged_total",
            "Messages the brokers acknowledged (successful delivery reports)",
            &["topic"],
        );
        let failed = counter(
            &registry,
            "kafka_producer_messages_failed_total",
            "Messages that were not delivered, by error reason (librdkafka error code, snake_case)",
            &["topic", "reason"],
        );
        let latency = HistogramVec::new(
            HistogramOpts::new(
                "kafka_producer_delivery_latency_seconds",
                "Time from handing a message to the Kafka client to its successful delivery report",
            )
            .buckets(DELIVERY_LATENCY_BUCKETS.to_vec()),
            &["topic"],
        )
        .expect("valid metric");
        registry
            .register(Box::new(latency.clone()))
            .expect("unique metric");
        ProducerMetrics {
            sent: sent.with_label_values(&[topic]),
            acknowledged: acknowledged.with_label_values(&[topic]),
            latency: latency.with_label_values(&[topic]),
            failed,
            topic: topic.to_string(),
            registry,
            ready: AtomicBool::new(false),
        }
    }

    /// Makes `reasons`' failure series exist at 0 (a family without series is not exposed).
    pub fn expose_failures(&self, reasons: &[String]) {
        for reason in reasons {
            self.failed
                .with_label_values(&[self.topic.as_str(), reason]);
        }
    }

    /// `n` messages were handed to the Kafka client.
    pub fn sent(&self, n: u64) {
        self.sent.inc_by(n);
    }

    /// A successful delivery report, `seconds` after the message was handed over.
    pub fn acknowledged(&self, seconds: f64) {
        self.acknowledged.inc();
        self.latency.observe(seconds);
    }

    /// `n` messages were not delivered, for `reason` (a short snake_case word).
    pub fn failed(&self, reason: &str, n: u64) {
        self.failed
            .with_label_values(&[self.topic.as_str(), reason])
            .inc_by(n);
    }

    /// Ready while the producer is sending; not ready before it connected and once it stopped.
    pub fn set_ready(&self, ready: bool) {
        self.ready.store(ready, Ordering::Relaxed);
    }
}

impl Exposition for ProducerMetrics {
    fn render(&self) -> String {
        render_registry(&self.registry)
    }
    fn is_ready(&self) -> bool {
        self.ready.load(Ordering::Relaxed)
    }
    fn not_ready_reason(&self) -> &'static str {
        "not ready: not sending (starting, or finished)\n"
    }
}

async fn metrics<T: Exposition>(State(m): State<Arc<T>>) -> impl IntoResponse {
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        m.render(),
    )
}

async fn ready<T: Exposition>(State(m): State<Arc<T>>) -> impl IntoResponse {
    if m.is_ready() {
        (StatusCode::OK, "ready\n")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, m.not_ready_reason())
    }
}

/// Binds `addr` (so a taken port is an error at start-up) and serves the endpoints.
pub async fn serve<T: Exposition>(addr: SocketAddr, state: Arc<T>) -> anyhow::Result<SocketAddr> {
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| anyhow::anyhow!("--metrics-addr {addr}: cannot listen: {e}"))?;
    let local = listener.local_addr()?;
    let app = Router::new()
        .route("/metrics", get(metrics::<T>))
        .route("/healthz", get(|| async { "ok\n" }))
        .route("/readyz", get(ready::<T>))
        .with_state(state);
    tokio::spawn(async move {
        if let Err(e) = axum::serve(listener, app).await {
            tracing::error!("metrics endpoint stopped: {e}");
        }
    });
    tracing::info!("metrics on http://{local}/metrics");
    Ok(local)
}

impl Default for ConsumerMetrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Default for DlqMetrics {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_show_up_under_the_original_names_and_labels() {
        let m = ConsumerMetrics::new();
        m.topic_series("posts").succeeded.inc();
        m.dead_lettered("posts", "json_parse", 0, 1, "bad");
        m.error("posts", "json_parse");
        m.retry("posts", 0, 2, 1, Duration::from_millis(5), "x");
        m.set_lag("posts", 3, 42);
        let text = m.render();
        for line in [
            r#"kafka_consumer_messages_processed_total{status="success",topic="posts"} 1"#,
            r#"kafka_consumer_messages_processed_total{status="dlq",topic="posts"} 1"#,
            r#"kafka_consumer_dlq_messages_total{reason="json_parse",topic="posts"} 1"#,
            r#"kafka_consumer_processing_errors_total{error_type="json_parse",topic="posts"} 1"#,
            r#"kafka_consumer_message_retries_total{topic="posts"} 1"#,
            r#"kafka_consumer_lag{partition="3",topic="posts"} 42"#,
        ] {
            assert!(text.lines().any(|l| l == line), "missing {line}\n{text}");
        }
    }

    #[test]
    fn every_known_series_of_a_topic_is_there_at_zero_before_any_event() {
        let m = ConsumerMetrics::new();
        let known = KnownLabels {
            dlq_reasons: &["json_parse", "retries_exhausted"],
            error_types: &["transient"],
            breaker_calls: &["successful"],
            rebalances: &["assign"],
        };
        m.expose_topic("posts", &known);
        let text = m.render();
        for line in [
            r#"kafka_consumer_messages_processed_total{status="success",topic="posts"} 0"#,
            r#"kafka_consumer_messages_processed_total{status="dlq",topic="posts"} 0"#,
            r#"kafka_consumer_dlq_messages_total{reason="json_parse",topic="posts"} 0"#,
            r#"kafka_consumer_dlq_messages_total{reason="retries_exhausted",topic="posts"} 0"#,
            r#"kafka_consumer_processing_errors_total{error_type="transient",topic="posts"} 0"#,
            r#"kafka_consumer_message_retries_total{topic="posts"} 0"#,
            r#"kafka_consumer_assigned_partitions{topic="posts"} 0"#,
            r#"kafka_consumer_rebalances_total{kind="assign",topic="posts"} 0"#,
            r#"kafka_consumer_processing_seconds_count{topic="posts"} 0"#,
            r#"kafka_consumer_circuit_breaker_calls_total{kind="successful"} 0"#,
            r#"kafka_consumer_circuit_breaker_transitions_total{from="closed",to="open"} 0"#,
            r#"kafka_consumer_circuit_breaker_transitions_total{from="half_open",to="closed"} 0"#,
        ] {
            assert!(text.lines().any(|l| l == line), "missing {line}\n{text}");
        }
        // Exposing again (a second member of a demo, say) keeps what was counted.
        m.retry("posts", 0, 1, 1, Duration::from_millis(1), "x");
        m.expose_topic("posts", &known);
        assert!(m
            .render()
            .contains(r#"kafka_consumer_message_retries_total{topic="posts"} 1"#));
    }

    #[test]
    fn lag_in_time_shows_per_partition_and_goes_with_the_partition() {
        let m = ConsumerMetrics::new();
        m.set_lag("posts", 3, 42);
        m.set_lag_seconds("posts", 3, 12.5);
        m.set_lag_seconds("posts", 4, -1.0);
        let text = m.render();
        for line in [
            r#"kafka_consumer_lag_seconds{partition="3",topic="posts"} 12.5"#,
            r#"kafka_consumer_lag_seconds{partition="4",topic="posts"} 0"#,
        ] {
            assert!(text.lines().any(|l| l == line), "missing {line}\n{text}");
        }
        m.drop_lag("posts", 3);
        let text = m.render();
        assert!(!text.contains(r#"partition="3""#), "{text}");
        assert!(text.contains(r#"kafka_consumer_lag_seconds{partition="4",topic="posts"} 0"#));
    }

    #[test]
    fn ready_follows_the_assignment() {
        let m = ConsumerMetrics::new();
        assert!(!m.is_ready());
        m.rebalanced("posts", "assign", 2, &[0, 1]);
        assert!(m.is_ready());
        m.rebalanced("posts", "revoke", 0, &[0, 1]);
        assert!(!m.is_ready());
    }

    #[test]
    fn an_open_breaker_is_not_ready_and_shows_in_the_state_gauge() {
        let m = ConsumerMetrics::new();
        m.rebalanced("posts", "assign", 1, &[0]);
        m.breaker_transition(&Transition {
            from: BreakerState::Closed,
            to: BreakerState::Open,
            reason: "5 consecutive failures".into(),
        });
        assert!(!m.is_ready());
        let text = m.render();
        assert!(
            text.contains(r#"kafka_consumer_circuit_breaker_state{state="open"} 1"#),
            "{text}"
        );
        assert!(text.contains(r#"kafka_consumer_circuit_breaker_state{state="closed"} 0"#));
        assert!(text.contains(
            r#"kafka_consumer_circuit_breaker_transitions_total{from="closed",to="open"} 1"#
        ));
    }

    #[test]
    fn exposed_failure_reasons_and_dead_letter_counters_are_there_at_zero() {
        let m = ProducerMetrics::new("posts");
        assert!(!m.render().contains("kafka_producer_messages_failed_total{"));
        m.expose_failures(&["message_timed_out".to_string()]);
        assert!(m.render().contains(
            r#"kafka_producer_messages_failed_total{reason="message_timed_out",topic="posts"} 0"#
        ));
        let d = DlqMetrics::new();
        d.expose("posts", &["json_parse"]);
        let text = d.render();
        assert!(
            text.contains(
                r#"kafka_dlq_messages_total{original_topic="posts",reason="json_parse"} 0"#
            ),
            "{text}"
        );
        assert!(!text.contains("kafka_dlq_last_message_timestamp_seconds{"));
    }

    #[test]
    fn producer_events_show_up_under_their_names_with_the_topic() {
        let m = ProducerMetrics::new("posts");
        let text = m.render();
        assert!(
            text.contains(r#"kafka_producer_messages_sent_total{topic="posts"} 0"#),
            "series exist from the start:\n{text}"
        );
        m.sent(3);
        m.acknowledged(0.002);
        m.acknowledged(20.0);
        m.failed("message_timed_out", 1);
        let text = m.render();
        for line in [
            r#"kafka_producer_messages_sent_total{topic="posts"} 3"#,
            r#"kafka_producer_messages_acknowledged_total{topic="posts"} 2"#,
            r#"kafka_producer_messages_failed_total{reason="message_timed_out",topic="posts"} 1"#,
            r#"kafka_producer_delivery_latency_seconds_bucket{topic="posts",le="0.0005"} 0"#,
            r#"kafka_producer_delivery_latency_seconds_bucket{topic="posts",le="0.0025"} 1"#,
            r#"kafka_producer_delivery_latency_seconds_bucket{topic="posts",le="10"} 1"#,
            r#"kafka_producer_delivery_latency_seconds_bucket{topic="posts",le="+Inf"} 2"#,
            r#"kafka_producer_delivery_latency_seconds_count{topic="posts"} 2"#,
        ] {
            assert!(text.lines().any(|l| l == line), "missing {line}\n{text}");
        }
        assert!(!m.is_ready());
        m.set_ready(true);
        assert!(m.is_ready());
    }
}
