//! The circuit breaker's side of the member: counting each call's result, logging and
//! counting transitions, and the gate that lets a call through or holds the member (every
//! partition paused, what is durable committed) until the breaker half-opens.

use std::sync::atomic::Ordering;
use std::time::Instant;

use rdkafka::consumer::CommitMode;

use crate::pipeline::breaker::{BreakerState, Permit, Transition};

use super::member::Member;
use super::shared::lock;

impl Member {
    /// Counts a call for the breaker; returns true when this failure opened it.
    pub(super) fn breaker_result(&mut self, kind: &str, failure: Option<&str>) -> bool {
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
