//! The synchronous path, used when processing can fail (the fault injector without a sink),
//! and for any message held because the schema registry cannot be asked: one message at a
//! time, retried in partition order with backoff while the consumer keeps polling (buffering
//! what arrives, pausing once the buffer is full) so it stays in the group.

use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rdkafka::consumer::Consumer;
use rdkafka::message::OwnedMessage;
use rdkafka::Message;

use crate::pipeline::decide::{decide, Decision, Retry};
use crate::pipeline::outcome::Poison;
use crate::pipeline::sink::CallResult;

use super::decode::{Checked, REGISTRY_UNAVAILABLE};
use super::member::Member;

/// Messages buffered during a backoff before the partitions are paused.
pub(super) const MAX_BUFFERED: usize = 10_000;

impl Member {
    /// Handles one message until its outcome is queued (or it is abandoned by a revoke/stop).
    pub(super) fn handle(&mut self, msg: OwnedMessage) {
        let started = Instant::now();
        self.begin(&msg);
        self.process(msg, started);
    }

    /// Handles a registered message (see `handle`); `started` is when it arrived.
    pub(super) fn process(&mut self, msg: OwnedMessage, started: Instant) {
        let (p, off) = (msg.partition(), msg.offset());
        let msg = Arc::new(msg);
        let Some(checked) = self.check_holding(&msg) else {
            return;
        };
        match checked {
            Err(poison) => self.poison(&*msg, poison),
            Ok(()) => {
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
                    let result = self.call_downstream(&msg, call);
                    let breaker_open = self.count_attempt(&result);
                    let decision = decide(
                        result,
                        attempt,
                        breaker_open,
                        &self.config.retry,
                        Instant::now(),
                        rand::random(),
                    );
                    match decision {
                        Decision::Forward => break,
                        Decision::DeadLetter(cause) => {
                            self.give_up(&*msg, cause);
                            self.observe(started);
                            return;
                        }
                        // An outage, not this message's fault: it waits at the gate and
                        // starts its attempts afresh.
                        Decision::HoldForBreaker => attempt = 1,
                        Decision::RetryAt(retry) => {
                            self.count_retry(p, off, attempt, &retry);
                            if !self.wait_polling(retry.at, p) {
                                tracing::debug!(
                                    partition = p,
                                    offset = off,
                                    "abandoned during backoff (revoked or stopping); not committed"
                                );
                                return;
                            }
                            attempt = retry.next_attempt;
                        }
                    }
                }
                self.succeed(msg);
            }
        }
        self.observe(started);
    }

    /// Decodes and validates `msg`. When the schema registry cannot be asked (unreachable,
    /// credentials refused, 5xx), that is not the message's fault: it is held, like a
    /// downstream outage with the breaker open: every partition paused, what is durable
    /// committed, polling on so the member stays in the group, and the registry asked again
    /// after the retry backoff (doubling up to `--retry-backoff-max`), for as long as it takes.
    /// No dead letter, no commit past it; `None` when it is abandoned meanwhile (revoked,
    /// rewound or stopping: not committed).
    pub(super) fn check_holding(&mut self, msg: &OwnedMessage) -> Option<Result<(), Poison>> {
        let (p, off) = (msg.partition(), msg.offset());
        let mut held = 0;
        loop {
            let verdict = self.stage.check(msg.payload(), false);
            self.count_decode(verdict.note, p, off);
            match verdict.checked {
                Checked::Valid(_) => return Some(Ok(())),
                Checked::Poison(poison) => return Some(Err(poison)),
                Checked::Unavailable(why) => {
                    held += 1;
                    self.held_for_registry += 1;
                    self.shared.error(REGISTRY_UNAVAILABLE);
                    let delay = self.config.retry.delay(held, rand::random());
                    tracing::warn!(
                        partition = p,
                        offset = off,
                        held,
                        "holding the message: {why}; asking again in {}",
                        humantime::format_duration(delay)
                    );
                    if !self.wait_open(Instant::now() + delay, p) {
                        tracing::debug!(
                            partition = p,
                            offset = off,
                            "abandoned while the registry was unavailable (revoked or stopping); not committed"
                        );
                        return None;
                    }
                }
            }
        }
    }

    /// Counts a retry about to wait `delay` (attempt `attempt` failed for `reason`).
    pub(super) fn count_retry(&self, p: i32, off: i64, attempt: u32, retry: &Retry) {
        self.shared.retries.fetch_add(1, Ordering::Relaxed);
        self.shared.metrics.retry(
            &self.shared.topic,
            p,
            off,
            attempt,
            retry.delay,
            &retry.reason,
        );
    }

    /// One call of the downstream: the fault injector, then the HTTP sink if there is one.
    pub(super) fn call_downstream(&self, msg: &OwnedMessage, call: u32) -> CallResult {
        let (p, off) = (msg.partition(), msg.offset());
        if self.config.injector.is_active() && self.config.injector.fails(p, off, call) {
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

    /// Waits out a backoff while still polling, so the member stays in the group and
    /// rebalances are served. Messages fetched meanwhile are buffered in order; only when the
    /// buffer is full are the partitions paused (pausing discards librdkafka's prefetched data
    /// and costs a fetch round trip on resume, so short backoffs avoid it). Returns false when
    /// the message must be abandoned (its partition was revoked, or the member is stopping).
    pub(super) fn wait_polling(&mut self, until: Instant, partition: i32) -> bool {
        let before = self.mark();
        self.poll_until(until, false);
        self.still_owns(before, partition)
    }

    /// Polls until `until` or a stop, buffering what arrives. With `pause_all` every
    /// assigned partition is paused first; otherwise only once the buffer is full. Resumes
    /// what it paused.
    pub(super) fn poll_until(&mut self, until: Instant, pause_all: bool) {
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
                Some(Ok(m)) => {
                    self.buffered.push_back(m.detach());
                    self.note_buffered();
                }
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
}
