//! The `--sink-url` path: messages wait in per-partition lanes and up to
//! `--sink-concurrency` downstream calls run on the async runtime at once, one per partition,
//! so each partition keeps its order while the loop goes on polling; full lanes pause their
//! partition, an open breaker pauses them all. Its state is `calls`'.

use std::sync::atomic::Ordering;
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

use rdkafka::consumer::Consumer;
use rdkafka::message::OwnedMessage;
use rdkafka::{Message, TopicPartitionList};

use crate::pipeline::breaker::{BreakerState, Permit};
use crate::pipeline::decide::{decide, Decision};
use crate::pipeline::sink::CallResult;

use super::breaker::NOT_PERMITTED;
use super::calls::{Call, Completion, Dispatch};
use super::decode::{Checked, REGISTRY_UNAVAILABLE};
use super::labels::CONSUME;
use super::member::Member;
use super::shared::lock;

/// With `--sink-url`: messages waiting in one partition's lane at which it is paused, and
/// at which it is resumed again.
pub(super) const LANE_HIGH: usize = 1_000;

pub(super) const LANE_LOW: usize = 250;

/// The `--sink-url` path: messages wait in per-partition lanes and up to `--sink-concurrency`
/// downstream calls are in flight, one per partition, so each partition keeps its order
/// (retries included) while different partitions call the downstream at the same time. The
/// outcome rules are those of `handle`; the breaker is asked before every call, and while it
/// is open every partition is paused and the refused message stays at the head of its lane.
impl Member {
    /// One turn of the sink loop: poll a burst of messages into their lanes, take the
    /// results of finished calls, start the calls that may start, and wait briefly when none
    /// of that made progress.
    pub(super) fn turn(&mut self, last_message: &mut Instant) {
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
                        self.shared.error(CONSUME);
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
    pub(super) fn accept(&mut self, d: &mut Dispatch, msg: OwnedMessage) {
        let p = msg.partition();
        lock(&self.shared.tracker).begin(p, msg.offset(), msg.timestamp().to_millis());
        self.count_consumed(p);
        let mut call = Box::new(Call {
            msg: Arc::new(msg),
            poison: None,
            unresolved: true,
            body: None,
            attempt: 1,
            calls: 0,
            epoch: self.shared.txn_epoch.load(Ordering::SeqCst),
            started: None,
        });
        // While the registry is unavailable, the head of the lanes asks it, not every poll.
        if d.registry_held == 0 {
            self.check_call(d, &mut call);
        }
        d.lanes.push(p, call);
        if d.lanes.waiting_in(p) >= LANE_HIGH && d.backpressured.insert(p) && d.open_until.is_none()
        {
            self.pause_partitions(&[p], true);
        }
    }

    /// Decodes and validates a call's message (poison is kept for its turn; a value decoded
    /// through the registry keeps its JSON as the downstream's body). Returns false when the
    /// schema registry could not be asked: the call stays unresolved.
    pub(super) fn check_call(&mut self, d: &mut Dispatch, call: &mut Call) -> bool {
        let (p, off) = (call.msg.partition(), call.msg.offset());
        let keep = self.config.registry.is_some();
        let verdict = self.stage.check(call.msg.payload(), keep);
        self.count_decode(verdict.note, p, off);
        match verdict.checked {
            Checked::Valid(doc) => {
                call.body = doc.map(|doc| {
                    serde_json::to_vec(&doc)
                        .expect("a JSON value serializes")
                        .into()
                });
            }
            Checked::Poison(poison) => call.poison = Some(poison),
            Checked::Unavailable(why) => {
                d.registry_held += 1;
                self.held_for_registry += 1;
                self.shared.error(REGISTRY_UNAVAILABLE);
                tracing::warn!(
                    partition = p,
                    offset = off,
                    held = d.registry_held,
                    "holding the message: {why}"
                );
                return false;
            }
        }
        call.unresolved = false;
        d.registry_held = 0;
        true
    }

    /// Resumes partitions whose lane has drained (unless the breaker keeps everything paused).
    pub(super) fn relieve_backpressure(&mut self, d: &mut Dispatch) {
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

    pub(super) fn pause_partitions(&self, partitions: &[i32], pause: bool) {
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
    pub(super) fn drop_revoked(&mut self, d: &mut Dispatch) {
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
    pub(super) fn start_calls(&mut self, d: &mut Dispatch) -> bool {
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
            if call.unresolved && !self.check_call(d, &mut call) {
                // The registry cannot be asked: not this message's fault. Like an open
                // breaker: it keeps its place, every partition pauses, and it asks again
                // after the retry backoff.
                let delay = self.config.retry.delay(d.registry_held, rand::random());
                d.lanes.put_back(ticket, call);
                self.pause_while_open(d, now + delay);
                break;
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
                    self.shared.metrics.breaker_call(NOT_PERMITTED);
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
            if self.config.injector.is_active() && self.config.injector.fails(p, off, call.calls) {
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
            let body = call.body.clone();
            let tx = d.tx.clone();
            sink.spawn_call(
                msg.topic(),
                p,
                off,
                msg.key(),
                body.as_deref()
                    .unwrap_or_else(|| msg.payload().unwrap_or_default()),
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
    pub(super) fn pause_while_open(&mut self, d: &mut Dispatch, until: Instant) {
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
    pub(super) fn complete_call(&mut self, d: &mut Dispatch, c: Completion) {
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
        let breaker_open = self.count_attempt(&result);
        let transient = matches!(result, CallResult::Transient(_));
        if !current || transient && self.stopped() {
            if transient {
                tracing::debug!(
                    partition = p,
                    offset = off,
                    "abandoned (revoked, rewound or stopping); not committed"
                );
            }
            d.lanes.finish(ticket);
            return;
        }
        let decision = decide(
            result,
            call.attempt,
            breaker_open,
            &self.config.retry,
            Instant::now(),
            rand::random(),
        );
        match decision {
            Decision::Forward => {
                self.succeed(call.msg);
                self.observe(started);
                d.lanes.finish(ticket);
            }
            Decision::DeadLetter(cause) => {
                self.give_up(&*call.msg, cause);
                self.observe(started);
                d.lanes.finish(ticket);
            }
            Decision::HoldForBreaker => {
                call.attempt = 1;
                d.lanes.put_back(ticket, call);
            }
            Decision::RetryAt(retry) => {
                self.count_retry(p, off, call.attempt, &retry);
                call.attempt = retry.next_attempt;
                d.lanes.retry_at(ticket, call, Some(retry.at));
            }
        }
    }

    /// At shutdown: waits (until `deadline`) for the calls in flight and applies their
    /// results; nothing new starts and transient failures are not retried.
    pub(super) fn finish_calls(&mut self, deadline: Instant) {
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
