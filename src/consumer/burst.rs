//! The path straight from the poll, used when processing cannot fail (no fault injector, no
//! sink, so no breaker): messages are forwarded or dead-lettered from librdkafka's buffer,
//! and with more than one CPU a burst of them is decoded and validated on the validator
//! threads while the loop thread finishes the previous burst.

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use rdkafka::consumer::BaseConsumer;
use rdkafka::error::KafkaError;
use rdkafka::message::{BorrowedMessage, OwnedMessage};
use rdkafka::Message;

use super::decode::{Checked, ValueStage, Verdict};
use super::member::Member;
use super::records::Origin;
use super::shared::lock;
use super::shared::RebalanceContext;

/// Messages polled in one go for the validator threads (a burst ends early when the
/// consumer has nothing more at hand or `--max-messages` is reached).
pub(super) const BURST: usize = 512;

/// Below this many messages a burst is validated on the loop thread alone.
pub(super) const PARALLEL_MIN: usize = 32;

/// Polled messages, registered with the offset tracker and validated, waiting to be
/// forwarded or dead-lettered (while the validator threads check the next burst).
pub(super) struct Burst<'c> {
    pub(super) messages: Vec<BorrowedMessage<'c>>,
    pub(super) verdicts: Vec<Verdict>,
    /// When the poll returned the first of them.
    pub(super) polled: Instant,
    /// `Shared::revokes` before the first of them was polled.
    pub(super) revokes: u64,
}

impl Member {
    /// Handles a message straight from the poll. When processing cannot fail (no fault
    /// injector, no breaker) a valid message is forwarded from librdkafka's buffer: no copy
    /// of it is made or kept, and its delivery report needs only its coordinates (a failed
    /// delivery hands back the record, with the same key, value and headers). Anything else
    /// takes the general path with a copy of the message. `started` is when the poll
    /// returned it.
    pub(super) fn handle_polled(&mut self, msg: &BorrowedMessage<'_>, started: Instant) {
        // There is a breaker exactly when processing can fail (here: the fault injector).
        if self.breaker.is_some() {
            return self.handle(msg.detach());
        }
        self.begin(msg);
        let verdict = self.stage.check(msg.payload(), false);
        if let Checked::Unavailable(_) = verdict.checked {
            // The registry cannot be asked: the general path holds it (already begun).
            return self.process(msg.detach(), started);
        }
        self.conclude(msg, verdict);
        self.observe(started);
    }

    /// Queues the outcome of a polled message whose processing cannot fail: a valid one is
    /// forwarded from librdkafka's buffer (its delivery report needs only its coordinates; a
    /// failed delivery hands back the record), or marked done without an output topic; a
    /// poisoned one is dead-lettered, also from the buffer.
    /// A verdict that the registry could not be asked cannot reach here (`handle_polled`
    /// holds it, and a burst's schema ids are looked up before it is checked); should one
    /// still come, the member stops uncommitted past it rather than guess.
    pub(super) fn conclude(&mut self, msg: &BorrowedMessage<'_>, verdict: Verdict) {
        let (p, off) = (msg.partition(), msg.offset());
        self.count_decode(verdict.note, p, off);
        match verdict.checked {
            Checked::Valid(_) => match &self.config.output_topic {
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
            Checked::Poison(poison) => self.poison(msg, poison),
            Checked::Unavailable(why) => {
                self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
                self.fatal.get_or_insert(anyhow::anyhow!(
                    "the schema registry could not be asked for partition {p} offset {off} after its schema was looked up: {why}; stopping without committing past it"
                ));
            }
        }
    }

    /// Polls what the consumer has at hand after `first`, up to `BURST` messages and
    /// `--max-messages`, registering each (`begin`) before the next poll: that poll may serve
    /// a revoke, whose commit then stops below every message not finished yet. A consumer
    /// error ends the burst and is handed back. `held` is the burst validated before, not
    /// finished yet.
    ///
    /// With `--value-format registry` each message's schema id is looked up here, on the loop
    /// thread, so the validator threads find every id in the cache. A message whose lookup
    /// finds the registry unavailable ends the burst: it is handed back (registered, as
    /// `OwnedMessage`) for the general path to hold once the bursts before it are finished.
    pub(super) fn poll_burst<'c>(
        &mut self,
        consumer: &'c BaseConsumer<RebalanceContext>,
        first: BorrowedMessage<'c>,
        mut held: Option<&mut Burst<'c>>,
    ) -> PolledBurst<'c> {
        self.activity.note(Instant::now());
        self.begin(&first);
        let mut burst = Vec::new();
        let mut primed = None;
        if self.stage.prime(first.payload(), &mut primed).is_err() {
            return (burst, None, Some(first.detach()));
        }
        burst.push(first);
        while burst.len() < BURST && !self.max_reached() {
            let polled = consumer.poll(Duration::ZERO);
            self.after_poll(Some(&mut burst), held.as_deref_mut());
            match polled {
                Some(Ok(m)) => {
                    self.activity.note(Instant::now());
                    self.begin(&m);
                    if self.stage.prime(m.payload(), &mut primed).is_err() {
                        return (burst, None, Some(m.detach()));
                    }
                    burst.push(m);
                }
                Some(Err(e)) => return (burst, Some(e), None),
                None => break,
            }
        }
        (burst, None, None)
    }

    /// After a poll of the burst path: when it served a revoke, the messages of the released
    /// partitions, among those polled so far and in the held burst, are dropped before a
    /// message of the new assignment tracks such a partition again (and would keep them).
    pub(super) fn after_poll<'c>(
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
    pub(super) fn drop_released(
        &mut self,
        messages: &mut Vec<BorrowedMessage<'_>>,
        verdicts: Option<&mut Vec<Verdict>>,
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
    pub(super) fn finish_burst(&mut self, burst: Burst<'_>) {
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
    pub(super) fn verdicts(
        &mut self,
        payloads: &[Option<&[u8]>],
        previous: Option<Burst<'_>>,
    ) -> Vec<Verdict> {
        let pool = match self.validators.take() {
            Some(pool) if payloads.len() >= PARALLEL_MIN => pool,
            pool => {
                self.validators = pool;
                if let Some(burst) = previous {
                    self.finish_burst(burst);
                }
                let mut verdicts: Vec<Verdict> =
                    payloads.iter().map(|_| Verdict::pending()).collect();
                check_all(payloads, &mut verdicts, &self.stage);
                return verdicts;
            }
        };
        let stage = self.stage.clone();
        let mut verdicts: Vec<Verdict> = payloads.iter().map(|_| Verdict::pending()).collect();
        let shares = pool.current_num_threads() + usize::from(previous.is_none());
        let chunk = payloads.len().div_ceil(shares);
        pool.in_place_scope(|scope| {
            let stage = &*stage;
            let mut parts = payloads.chunks(chunk).zip(verdicts.chunks_mut(chunk));
            let here = if previous.is_none() {
                parts.next()
            } else {
                None
            };
            for (ins, outs) in parts {
                scope.spawn(move |_| check_all(ins, outs, stage));
            }
            match previous {
                Some(burst) => self.finish_burst(burst),
                None => {
                    if let Some((ins, outs)) = here {
                        check_all(ins, outs, stage);
                    }
                }
            }
        });
        self.validators = Some(pool);
        verdicts
    }
}

/// Keeps the items whose flag (same index) is set.
pub(super) fn retain_flagged<T>(items: &mut Vec<T>, keep: &[bool]) {
    let mut flags = keep.iter();
    items.retain(|_| flags.next().copied().unwrap_or(true));
}

/// A polled burst: its messages, the consumer error that ended it, and the message whose
/// schema lookup found the registry unavailable (registered, not in the burst).
pub(super) type PolledBurst<'c> = (
    Vec<BorrowedMessage<'c>>,
    Option<KafkaError>,
    Option<OwnedMessage>,
);

/// Decode and validation of each message; the parsed documents are not kept.
pub(super) fn check_all(values: &[Option<&[u8]>], verdicts: &mut [Verdict], stage: &ValueStage) {
    let mut last = None;
    for (value, verdict) in values.iter().zip(verdicts) {
        *verdict = stage.check_with(*value, false, &mut last);
    }
}

/// The validator threads: one fewer than the CPUs (the loop thread validates too), at most
/// 7; none on a single CPU.
pub(super) fn validator_pool() -> anyhow::Result<Option<rayon::ThreadPool>> {
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
