//! The circuit breaker's side of the member: counting each call's result, logging and
//! counting transitions, and the gate that lets a call through or holds the member (every
//! partition paused, what is durable committed) until the breaker half-opens.

use std::sync::atomic::Ordering;
use std::time::Instant;

use rdkafka::consumer::CommitMode;

use crate::pipeline::breaker::{Breaker, BreakerState, Permit, Transition};
use crate::pipeline::sink::CallResult;

use super::labels::TRANSIENT;
use super::member::Member;
use super::shared::lock;

/// What a call to the downstream says about its health, for the breaker (Resilience4j's
/// kinds): a success, a transient failure (counts towards opening), or a result that says
/// nothing about the downstream's health (a permanent rejection).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum BreakerCall<'a> {
    Successful,
    Failed { reason: &'a str },
    Ignored,
}

impl BreakerCall<'_> {
    /// What a call's result counts as.
    pub(super) fn of(result: &CallResult) -> BreakerCall<'_> {
        match result {
            CallResult::Success => BreakerCall::Successful,
            CallResult::Transient(reason) => BreakerCall::Failed { reason },
            CallResult::Permanent(_) => BreakerCall::Ignored,
        }
    }

    /// The `kind` label of `kafka_consumer_breaker_calls_total`.
    pub(super) fn label(self) -> &'static str {
        match self {
            BreakerCall::Successful => "successful",
            BreakerCall::Failed { .. } => "failed",
            BreakerCall::Ignored => "ignored",
        }
    }
}

/// The `kind` label of a call the open (or busy half-open) breaker refused.
pub(super) const NOT_PERMITTED: &str = "not_permitted";

/// Counts one call's result in the breaker; returns the transition it caused, if any.
pub(super) fn record(
    breaker: &mut Breaker,
    call: BreakerCall<'_>,
    now: Instant,
) -> Option<Transition> {
    match call {
        BreakerCall::Successful => breaker.on_success(now),
        BreakerCall::Failed { reason } => breaker.on_failure(now, reason),
        BreakerCall::Ignored => {
            breaker.on_ignored();
            None
        }
    }
}

impl Member {
    /// Counts a call for the breaker; returns true when this failure opened it.
    pub(super) fn breaker_result(&mut self, call: BreakerCall<'_>) -> bool {
        let Some(breaker) = self.breaker.as_mut() else {
            return false;
        };
        self.shared.metrics.breaker_call(call.label());
        match record(breaker, call, Instant::now()) {
            Some(t) => {
                let opened = t.to == BreakerState::Open;
                self.on_transition(&t);
                opened
            }
            None => false,
        }
    }

    /// Counts an attempt's result (a transient failure as an error, and for the breaker);
    /// returns whether the breaker is open now.
    pub(super) fn count_attempt(&mut self, result: &CallResult) -> bool {
        if let CallResult::Transient(_) = result {
            self.shared.error(TRANSIENT);
        }
        let opened = self.breaker_result(BreakerCall::of(result));
        opened
            || self
                .breaker
                .as_ref()
                .is_some_and(|b| b.state() == BreakerState::Open)
    }

    pub(super) fn on_transition(&self, t: &Transition) {
        if t.to == BreakerState::Open {
            self.shared.breaker_opened.fetch_add(1, Ordering::Relaxed);
        }
        self.shared.metrics.breaker_transition(t);
    }

    /// Lets a call through when the breaker permits it; while it is open, pauses every
    /// assigned partition (keeping the refused message), commits what is durable, and polls
    /// until the breaker half-opens. Returns false when the message must be abandoned.
    pub(super) fn gate(&mut self, partition: i32) -> bool {
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
                    self.shared.metrics.breaker_call(NOT_PERMITTED);
                    if !self.wait_open(until, partition) {
                        return false;
                    }
                }
            }
        }
    }

    /// Commits the work done so far before the breaker pauses consumption, so no offset
    /// waits and no transaction stays open while nothing is fetched.
    pub(super) fn commit_before_pause(&mut self) {
        if self.config.exactly_once {
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

    pub(super) fn wait_open(&mut self, until: Instant, partition: i32) -> bool {
        let before = self.mark();
        self.shared.breaker_paused.store(true, Ordering::SeqCst);
        self.commit_before_pause();
        self.poll_until(until, true);
        self.shared.breaker_paused.store(false, Ordering::SeqCst);
        self.still_owns(before, partition)
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::pipeline::breaker::BreakerConfig;

    fn breaker(threshold: u32) -> Breaker {
        Breaker::new(BreakerConfig {
            threshold,
            open_for: Duration::from_secs(30),
            probes: 1,
        })
        .unwrap()
    }

    #[test]
    fn each_kind_of_call_has_its_own_metrics_label() {
        let failed = BreakerCall::Failed { reason: "503" };
        let labels: Vec<&str> = [BreakerCall::Successful, failed, BreakerCall::Ignored]
            .into_iter()
            .map(BreakerCall::label)
            .collect();
        assert_eq!(labels, ["successful", "failed", "ignored"]);
        assert_eq!(NOT_PERMITTED, "not_permitted");
        // ... and each is among those /metrics shows from start-up.
        let all: Vec<&str> = labels.into_iter().chain([NOT_PERMITTED]).collect();
        assert_eq!(all, super::super::labels::BREAKER_CALLS);
    }

    /// Records `calls` in order on a closed breaker with a threshold of 2; returns the state
    /// after each call and the transition the last one made, if any.
    fn run(calls: &[BreakerCall<'_>]) -> (Vec<BreakerState>, Option<Transition>) {
        let mut b = breaker(2);
        let t0 = Instant::now();
        let mut states = Vec::new();
        let mut last = None;
        for &call in calls {
            last = record(&mut b, call, t0);
            states.push(b.state());
        }
        (states, last)
    }

    #[test]
    fn failed_calls_open_the_breaker_at_the_threshold_and_ignored_ones_do_not_count() {
        use BreakerState::{Closed, Open};
        let failed = BreakerCall::Failed { reason: "503" };
        // A rejection says nothing about the downstream's health: the count goes on.
        let (states, t) = run(&[failed, BreakerCall::Ignored, failed]);
        assert_eq!(states, [Closed, Closed, Open]);
        let t = t.expect("the second failure opens it");
        assert_eq!((t.from, t.to), (Closed, Open));
        assert!(t.reason.contains("503"), "{}", t.reason);
    }

    #[test]
    fn a_success_resets_the_count_of_consecutive_failures() {
        let failed = BreakerCall::Failed { reason: "timeout" };
        let (states, t) = run(&[failed, BreakerCall::Successful, failed]);
        assert_eq!(states, [BreakerState::Closed; 3]);
        assert_eq!(t, None);
    }

    #[test]
    fn a_successful_probe_closes_a_half_open_breaker_and_a_failed_one_reopens_it() {
        let mut b = breaker(1);
        let t0 = Instant::now();
        record(&mut b, BreakerCall::Failed { reason: "down" }, t0).unwrap();
        let later = t0 + Duration::from_secs(31);
        let (permit, _) = b.try_acquire(later);
        assert!(matches!(permit, Permit::Allowed));
        assert_eq!(b.state(), BreakerState::HalfOpen);
        let t = record(&mut b, BreakerCall::Successful, later).unwrap();
        assert_eq!(t.to, BreakerState::Closed);

        record(&mut b, BreakerCall::Failed { reason: "down" }, later).unwrap();
        let again = later + Duration::from_secs(31);
        let _ = b.try_acquire(again);
        let t = record(
            &mut b,
            BreakerCall::Failed {
                reason: "still down",
            },
            again,
        )
        .unwrap();
        assert_eq!((t.from, t.to), (BreakerState::HalfOpen, BreakerState::Open));
    }
}
