//! The member: its consumer, producer and state, and the small bookkeeping every path shares
//! (registering a consumed message, timing it, the lag of partitions the statistics know no
//! end of). The files above it add the paths as `impl Member` blocks; `run` builds and runs it.

use std::collections::{BTreeMap, VecDeque};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rdkafka::consumer::{BaseConsumer, CommitMode, Consumer};
use rdkafka::message::{Message, OwnedMessage};
use rdkafka::producer::ThreadedProducer;
use rdkafka::{Offset, TopicPartitionList};

use crate::pipeline::activity::Activity;
use crate::pipeline::breaker::Breaker;
use crate::sink::http::HttpSink;

use super::calls::Dispatch;
use super::config::ConsumerConfig;
use super::decode::{DecodeCounts, DecodeNote, ValueStage, UNKNOWN_SUBJECT};
use super::lag::lag_position;
use super::revoke_book::RevokeBook;
use super::shared::{lock, now_ms, tracked_lag_inputs, OutcomeContext, RebalanceContext, Shared};
use super::stop::{partition_lag, PartitionEnd};

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
    /// When the member last rewound to the committed offsets (exactly-once): the idle
    /// clock runs from it too.
    pub(super) rewound_at: Instant,
    /// With `--sink-url`: concurrent downstream calls, one per partition at a time.
    pub(super) dispatch: Option<Dispatch>,
    /// Threads that decode and validate a burst of polled messages beside the loop thread,
    /// when processing cannot fail and the machine has more than one CPU.
    pub(super) validators: Option<rayon::ThreadPool>,
    /// Consumed messages given up uncommitted because their partition was revoked before
    /// their outcome was queued (`Summary::dropped_on_revoke`).
    pub(super) dropped_on_revoke: u64,
    /// The stop's drain budget ran out with deliveries or downstream calls still on their
    /// way (`Summary::shutdown_timed_out`).
    pub(super) shutdown_timed_out: bool,
    /// Decodes and validates values (`--value-format`, `--schema`); shared with the
    /// validator threads.
    pub(super) stage: Arc<ValueStage>,
    /// With `--value-format registry`: decodes and failures by subject.
    pub(super) decode_counts: DecodeCounts,
    /// Times a record was held because the registry could not be asked.
    pub(super) held_for_registry: u64,
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

    /// Registers a consumed message with the offset tracker (with its timestamp, for the
    /// lag in time) and counts it.
    pub(super) fn begin(&mut self, msg: &impl Message) {
        let p = msg.partition();
        lock(&self.shared.tracker).begin(p, msg.offset(), msg.timestamp().to_millis());
        self.count_consumed(p);
    }

    /// Tells the statistics callback how many messages wait in `buffered` (for the lag).
    pub(super) fn note_buffered(&self) {
        self.shared
            .buffered
            .store(self.buffered.len(), Ordering::Relaxed);
    }

    /// Counts a message received from partition `p`.
    pub(super) fn count_consumed(&mut self, p: i32) {
        let shared = &self.shared;
        self.consumed_counters
            .entry(p)
            .or_insert_with(|| shared.metrics.consumed_counter(&shared.topic, p))
            .inc();
    }

    /// Counts what the registry stage saw of the value at `p`/`off` (nothing without one).
    pub(super) fn count_decode(&mut self, note: DecodeNote, p: i32, off: i64) {
        match note {
            DecodeNote::None => {}
            DecodeNote::Decoded(id) => {
                let shared = &self.shared;
                let stage = &self.stage;
                let entry = self.decode_counts.decoded.entry(id).or_insert_with(|| {
                    let subject = stage
                        .registry()
                        .and_then(|r| r.cached(id))
                        .and_then(|k| k.subject.clone())
                        .unwrap_or_else(|| UNKNOWN_SUBJECT.to_string());
                    let counter = shared.metrics.decoded_counter(&shared.topic, &subject);
                    (subject, counter, 0)
                });
                entry.1.inc();
                entry.2 += 1;
            }
            DecodeNote::Failed { subject, reason } => {
                self.shared
                    .metrics
                    .decode_failed(&self.shared.topic, &subject, reason, p, off);
                *self
                    .decode_counts
                    .failed
                    .entry((subject, reason.to_string()))
                    .or_default() += 1;
            }
        }
    }

    pub(super) fn observe(&self, started: Instant) {
        self.shared
            .series
            .processing
            .observe(started.elapsed().as_secs_f64());
    }

    /// The lag of every partition of the subscribed topic, for the idle rule (`stop`): its
    /// end (the last stable offset: the consumer reads committed) minus the group's position
    /// there, the later of its committed offset and, where this member owns the partition,
    /// its own position (it has finished all it was handed when this is asked, so what lies
    /// between is at most transaction markers). The own positions past the committed ones
    /// are committed first (at-least-once), so the other members see this partition caught
    /// up too. `None` when the cluster does not answer in time.
    pub(super) fn group_lag(&self) -> Option<Vec<i64>> {
        const ASK: Duration = Duration::from_secs(2);
        let topic = &self.shared.topic;
        let metadata = self
            .consumer
            .fetch_metadata(Some(topic), ASK)
            .map_err(|e| tracing::debug!("idle check: cannot read the metadata: {e}"))
            .ok()?;
        let partitions: Vec<i32> = metadata
            .topics()
            .iter()
            .filter(|t| t.name() == topic)
            .flat_map(|t| t.partitions().iter().map(|p| p.id()))
            .collect();
        let assigned = lock(&self.shared.assignment).clone();
        let durable: BTreeMap<i32, i64> =
            lock(&self.shared.tracker).positions().into_iter().collect();
        let mut own: BTreeMap<i32, i64> = BTreeMap::new();
        if let Ok(tpl) = self.consumer.position() {
            for e in tpl.elements_for_topic(topic) {
                if let (true, Offset::Offset(o)) = (assigned.contains(&e.partition()), e.offset()) {
                    own.insert(e.partition(), o);
                }
            }
        }
        for (p, o) in durable {
            if assigned.contains(&p) {
                let at = own.entry(p).or_insert(o);
                *at = (*at).max(o);
            }
        }
        let mut tpl = TopicPartitionList::new();
        for p in &partitions {
            tpl.add_partition(topic, *p);
        }
        let committed = self
            .consumer
            .committed_offsets(tpl, ASK)
            .map_err(|e| tracing::debug!("idle check: cannot read the committed offsets: {e}"))
            .ok()?;
        let committed: BTreeMap<i32, i64> = committed
            .elements_for_topic(topic)
            .iter()
            .filter_map(|e| match e.offset() {
                Offset::Offset(o) => Some((e.partition(), o)),
                _ => None,
            })
            .collect();
        if !self.config.exactly_once {
            let ahead: Vec<(i32, i64)> = own
                .iter()
                .filter(|(p, o)| committed.get(p).is_none_or(|c| *o > c))
                .map(|(p, o)| (*p, *o))
                .collect();
            self.shared.commit(&self.consumer, &ahead, CommitMode::Sync);
        }
        let mut lags = Vec::with_capacity(partitions.len());
        for p in partitions {
            let (low, end) = self
                .consumer
                .fetch_watermarks(topic, p, ASK)
                .map_err(|e| {
                    tracing::debug!(partition = p, "idle check: cannot read the watermarks: {e}")
                })
                .ok()?;
            lags.push(partition_lag(
                &PartitionEnd {
                    end,
                    low,
                    committed: committed.get(&p).copied(),
                    own: own.get(&p).copied(),
                },
                self.shared.reset_earliest,
            ));
        }
        if lags.iter().any(|l| *l > 0) {
            tracing::debug!(?lags, "idle, but the group still has lag: not stopping");
        }
        Some(lags)
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
        let (durable, progress) = tracked_lag_inputs(&self.shared);
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
                    let progress = progress.get(&p).copied().unwrap_or_default();
                    self.shared.set_lag(p, high - position, progress, now_ms());
                }
                Err(e) => tracing::debug!(partition = p, "cannot read the watermarks: {e}"),
            }
        }
    }
}
