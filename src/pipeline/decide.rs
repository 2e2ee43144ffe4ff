//! What happens to a message after an attempt to process it: one pure function, [`decide`],
//! that every processing path of the consumer asks (the synchronous retry path and the
//! `--sink-url` lanes), with the time and the backoff's jitter injected.
//!
//! The rules (docs/error-handling, section 1): a success is forwarded; a permanent rejection
//! is dead-lettered at once; a transient failure is retried after a backoff until
//! `--max-retries` retries are used up, then dead-lettered; a transient failure that finds the
//! breaker open is the outage's, not the message's: it is held until the breaker lets calls
//! through again, and its attempts start afresh.

use std::time::{Duration, Instant};

use super::outcome::RetryPolicy;
use super::sink::CallResult;

/// `kmsg.dlq.error.class` of a message the downstream rejected.
pub const DOWNSTREAM_REJECTED: &str = "downstream_rejected";
/// `kmsg.dlq.error.class` of a message whose retries ran out.
pub const RETRIES_EXHAUSTED: &str = "retries_exhausted";
/// `kmsg.dlq.stage` of a message given up while processing.
pub const STAGE_PROCESS: &str = "process";

/// Why a message is dead-lettered, as its context headers say it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cause {
    /// `kmsg.dlq.error.class`.
    pub class: &'static str,
    /// `kmsg.dlq.error.message`: one line.
    pub message: String,
    /// `kmsg.dlq.error.detail`.
    pub detail: String,
    /// `kmsg.dlq.attempts`: attempts that counted towards `--max-retries`.
    pub attempts: u32,
}

/// A retry after a transient failure: try again at `at` (`delay` from now) as attempt
/// `next_attempt`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Retry {
    pub at: Instant,
    pub delay: Duration,
    pub next_attempt: u32,
    /// The transient failure that caused the retry.
    pub reason: String,
}

/// What to do with the message after an attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Processed: forward it (or mark it done when there is no output topic).
    Forward,
    /// Give up on it: dead-letter it with this cause.
    DeadLetter(Cause),
    /// Try again later (see [`Retry`]).
    RetryAt(Retry),
    /// The breaker is open: keep the message until it lets calls through; its attempts
    /// start again at 1 (no retry is spent on an outage).
    HoldForBreaker,
}

/// Decides the fate of a message after `attempt` (1-based, counting towards `--max-retries`)
/// ended in `result`. `breaker_open` says whether the circuit breaker is open once this
/// result is counted; `jitter` (0..1) picks the backoff within its step.
pub fn decide(
    result: CallResult,
    attempt: u32,
    breaker_open: bool,
    policy: &RetryPolicy,
    now: Instant,
    jitter: f64,
) -> Decision {
    match result {
        CallResult::Success => Decision::Forward,
        CallResult::Permanent(reason) => Decision::DeadLetter(Cause {
            class: DOWNSTREAM_REJECTED,
            message: format!("the downstream rejected the message: {reason}"),
            detail: reason,
            attempts: attempt,
        }),
        CallResult::Transient(_) if breaker_open => Decision::HoldForBreaker,
        CallResult::Transient(reason) if attempt > policy.max_retries => {
            Decision::DeadLetter(Cause {
                class: RETRIES_EXHAUSTED,
                message: format!(
                    "processing failed {attempt} times ({reason}); giving up after {} retries",
                    policy.max_retries
                ),
                detail: reason,
                attempts: attempt,
            })
        }
        CallResult::Transient(reason) => {
            let delay = policy.delay(attempt, jitter);
            Decision::RetryAt(Retry {
                at: now + delay,
                delay,
                next_attempt: attempt + 1,
                reason,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const POLICY: RetryPolicy = RetryPolicy {
        max_retries: 3,
        initial: Duration::from_millis(100),
        max: Duration::from_secs(1),
    };

    fn transient() -> CallResult {
        CallResult::Transient("503 Service Unavailable".into())
    }

    #[test]
    fn every_result_attempt_and_breaker_state_has_its_decision() {
        let now = Instant::now();
        let ms = Duration::from_millis;
        let retry = |delay: Duration, next_attempt| {
            Decision::RetryAt(Retry {
                at: now + delay,
                delay,
                next_attempt,
                reason: "503 Service Unavailable".into(),
            })
        };
        let exhausted = Decision::DeadLetter(Cause {
            class: RETRIES_EXHAUSTED,
            message:
                "processing failed 4 times (503 Service Unavailable); giving up after 3 retries"
                    .into(),
            detail: "503 Service Unavailable".into(),
            attempts: 4,
        });
        let rejected = |attempts| {
            Decision::DeadLetter(Cause {
                class: DOWNSTREAM_REJECTED,
                message: "the downstream rejected the message: 422".into(),
                detail: "422".into(),
                attempts,
            })
        };
        // (result, attempt, breaker open, jitter) → decision
        let table: Vec<(CallResult, u32, bool, f64, Decision)> = vec![
            (CallResult::Success, 1, false, 0.0, Decision::Forward),
            // A success is forwarded even when other calls have opened the breaker.
            (CallResult::Success, 3, true, 0.0, Decision::Forward),
            (
                CallResult::Permanent("422".into()),
                1,
                false,
                0.0,
                rejected(1),
            ),
            // A rejection is the message's fault, whatever the breaker says.
            (
                CallResult::Permanent("422".into()),
                2,
                true,
                0.0,
                rejected(2),
            ),
            // Backoff: 100 ms doubling, jitter in the upper half of the step.
            (transient(), 1, false, 1.0, retry(ms(100), 2)),
            (transient(), 1, false, 0.0, retry(ms(50), 2)),
            (transient(), 2, false, 1.0, retry(ms(200), 3)),
            (transient(), 3, false, 1.0, retry(ms(400), 4)),
            // The fourth attempt is the third retry's: nothing is left.
            (transient(), 4, false, 1.0, exhausted),
            // An open breaker holds the message, whatever its attempts.
            (transient(), 1, true, 1.0, Decision::HoldForBreaker),
            (transient(), 4, true, 1.0, Decision::HoldForBreaker),
        ];
        for (result, attempt, open, jitter, expected) in table {
            let what = format!("{result:?} at attempt {attempt}, breaker open: {open}");
            assert_eq!(
                decide(result, attempt, open, &POLICY, now, jitter),
                expected,
                "{what}"
            );
        }
    }

    #[test]
    fn the_backoff_is_capped_and_the_retry_time_counts_from_the_injected_now() {
        let now = Instant::now() + Duration::from_secs(3600);
        let policy = RetryPolicy {
            max_retries: 10,
            ..POLICY
        };
        let Decision::RetryAt(Retry { at, delay, .. }) =
            decide(transient(), 9, false, &policy, now, 1.0)
        else {
            panic!("a transient failure with retries left is retried");
        };
        assert_eq!(delay, Duration::from_secs(1));
        assert_eq!(at, now + Duration::from_secs(1));
    }

    #[test]
    fn no_retries_means_the_first_transient_failure_is_dead_lettered() {
        let policy = RetryPolicy {
            max_retries: 0,
            ..POLICY
        };
        let d = decide(transient(), 1, false, &policy, Instant::now(), 0.5);
        assert!(
            matches!(&d, Decision::DeadLetter(c) if c.class == RETRIES_EXHAUSTED && c.attempts == 1),
            "{d:?}"
        );
    }
}
