//! The member's main loop: commits on an interval (or transactions), chooses the processing
//! path for each poll, stops on a signal, `--max-messages` or `--idle-timeout`, and shuts
//! down in order (in-flight outcomes made durable, then a final commit). A fatal error stops
//! it without committing past unfinished work.

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use anyhow::anyhow;
use rdkafka::consumer::{CommitMode, Consumer};
use rdkafka::error::KafkaError;
use rdkafka::producer::Producer;
use rdkafka::types::RDKafkaErrorCode;
use rdkafka::Message;

use super::burst::{Burst, PARALLEL_MIN};
use super::labels::CONSUME;
use super::member::Member;
use super::shared::lock;
use super::stop::{after_lag, drain_budget, idle_check, Idle, LAG_RECHECK};
use super::summary::StopReason;

/// A consumer error from the poll: an authorization refusal is fatal, anything else is
/// counted and logged (librdkafka retries on its own).
pub(super) fn consumer_error(member: &Member, e: &KafkaError) -> anyhow::Result<()> {
    if let Some(refusal) = not_authorized(e, &member.config.group) {
        return Err(anyhow::anyhow!(refusal));
    }
    tracing::warn!("consumer error: {e}");
    member.shared.error(CONSUME);
    Ok(())
}

/// The member's main loop and its orderly shutdown; an error means stop uncommitted.
pub(super) fn drive(member: &mut Member) -> anyhow::Result<StopReason> {
    // A handle of its own, so a polled message can borrow it while the member is mutated.
    let consumer = member.consumer.clone();
    // The idle clock runs from the last message or the last assignment (a member given
    // partitions, maybe with messages another member left uncommitted, reads them before it
    // may stop), and only while assigned; then the group's lag decides (`stop`).
    let mut last_message = Instant::now();
    let mut lag_asked: Option<Instant> = None;
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
        if let Some(idle) = member.config.idle_timeout {
            let busy = lock(&member.shared.tracker).in_flight() > 0
                || !member.buffered.is_empty()
                || !member.dispatch_idle();
            let membership = *lock(&member.shared.membership);
            let last = last_message.max(member.rewound_at);
            if idle_check(membership, last, busy, idle, now) == Idle::AskLag
                && lag_asked.is_none_or(|at| now.saturating_duration_since(at) >= LAG_RECHECK)
            {
                lag_asked = Some(now);
                if let Some(reason) = after_lag(member.group_lag().as_deref()) {
                    break reason;
                }
            }
        }
        if member.config.exactly_once {
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
            let due = member.txn_messages >= member.config.txn_max_messages
                || last_commit.elapsed() >= member.config.txn_max_interval;
            if due {
                member.commit_txn_or_rewind()?;
                last_commit = Instant::now();
            }
        } else {
            member.process_failures()?;
            if now.saturating_duration_since(last_commit) >= member.config.commit_interval {
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
            member.note_buffered();
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
                    let (messages, error, unavailable) =
                        member.poll_burst(&consumer, m, ready.as_mut());
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
                    // is validated. A small one is finished now (no added latency), and so
                    // is one that a message held for the registry follows: that message
                    // waits (polling) on the general path, after the burst, in order.
                    if burst.messages.len() >= PARALLEL_MIN && unavailable.is_none() {
                        ready = Some(burst);
                    } else {
                        member.finish_burst(burst);
                    }
                    if let Some(held) = unavailable {
                        member.process(held, last_message);
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
    let stopped_at = Instant::now();
    *lock(&member.shared.close_by) = Some(stopped_at + member.config.shutdown_timeout);
    let deadline = stopped_at + drain_budget(member.config.shutdown_timeout);
    member.finish_calls(deadline);
    if member.config.exactly_once {
        member.commit_txn_or_rewind()?;
    }
    while !member.config.exactly_once {
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
    // Work still on its way when the budget ran out: a delivery without its report, or a
    // downstream call without its answer. (Work held back, never started — in a backoff,
    // behind an open breaker, waiting in a lane — is given up at once, uncommitted, and is
    // not a timeout.)
    member.shutdown_timed_out = member.shared.reports.unreported() > 0
        || member
            .dispatch
            .as_ref()
            .is_some_and(|d| d.lanes.in_flight() > 0);
    if !member.config.exactly_once {
        let positions = lock(&member.shared.tracker).positions();
        member
            .shared
            .commit(&member.consumer, &positions, CommitMode::Sync);
    }
    Ok(reason)
}

/// Leaves the group: unsubscribes, then polls (serving the revoke, which commits what is
/// durable) until librdkafka has sent the LeaveGroup request (it clears the member id) or
/// `by` passes. Closing the consumer would leave too, except for a static member, which
/// must not send a LeaveGroup on close (KIP-345): one that stops for good leaves here.
pub(super) fn leave_group(member: &Member, by: Instant) {
    member.consumer.unsubscribe();
    while Instant::now() < by {
        // A message polled now belongs to no assignment any more: it is not processed, and
        // its partition's next owner reads it from the committed offset.
        let _ = member.consumer.poll(Duration::from_millis(50));
        if lock(&member.shared.assignment).is_empty()
            && crate::kafka::membership::member_id(&member.consumer).is_empty()
        {
            return;
        }
    }
    tracing::warn!("did not leave the group within --shutdown-timeout; the coordinator will drop this member after session.timeout.ms");
}

/// An authorization refusal while consuming: retrying cannot help, so the member stops
/// (fatal, like an authentication failure) with a message naming what is missing.
pub(super) fn not_authorized(e: &KafkaError, group: &str) -> Option<String> {
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
pub(super) fn finish_fatal(member: &Member, e: anyhow::Error) -> anyhow::Error {
    if member.config.exactly_once {
        let _ = member.shared.abort_txn();
        return e;
    }
    let positions = lock(&member.shared.tracker).positions();
    member
        .shared
        .commit(&member.consumer, &positions, CommitMode::Sync);
    e
}
