//! When a member stops, and how (pure; time is passed in): whether it leaves its group on the
//! way out (a static member stopped by a signal does not), how the `--shutdown-timeout`
//! budget is split between finishing in-flight work and committing and leaving, and the
//! `--idle-timeout` rule.
//!
//! The idle rule: a member stops on `--idle-timeout` only when nothing can still come its
//! way. Its idle clock runs only while it holds an assignment (possibly empty: the group is
//! stable and it got no partition) from the last message or the last assignment, never
//! while it is joining or rebalancing (revoked, not yet assigned again: the coordinator may
//! be holding the rebalance until dead members' sessions expire, and their partitions come
//! to whoever is left). When the clock has run out and nothing is in flight, the group's
//! lag on the subscribed topic decides: any partition whose end is past the group's position
//! (its committed offset, or this member's own position where it owns the partition) keeps
//! the member, and the lag is asked again at most every [`LAG_RECHECK`].

use std::time::{Duration, Instant};

use super::summary::StopReason;

/// How often the group's lag is asked of the cluster while the idle clock has run out.
pub(super) const LAG_RECHECK: Duration = Duration::from_secs(2);

/// Whether a member leaves its group when it stops: always, except a static member
/// (`group.instance.id`) stopped by a signal: that is a restart (a pod replaced, a rolling
/// update), and the coordinator keeps its partitions for it until `session.timeout.ms`
/// passes, so the others are not rebalanced. A static member that finished its work
/// (`--max-messages`, `--idle-timeout`) leaves: nobody is coming back for its partitions.
pub(super) fn leaves_group(static_member: bool, reason: StopReason) -> bool {
    !(static_member && reason == StopReason::Signal)
}

/// How much of `--shutdown-timeout` finishing in-flight work may take: the rest (a quarter,
/// at most 5 s) is kept for the final commit, the revoke and leaving the group.
pub(super) fn drain_budget(shutdown_timeout: Duration) -> Duration {
    shutdown_timeout - (shutdown_timeout / 4).min(Duration::from_secs(5))
}

/// Where the member stands in its group, as its rebalance callbacks saw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Membership {
    /// Subscribed, no assignment yet.
    Joining,
    /// Assigned (possibly nothing) at `since`.
    Assigned { since: Instant },
    /// Revoked, waiting for the rebalance to assign again.
    Rebalancing,
}

/// What the idle check decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Idle {
    /// Keep consuming (the clock has not run out, or something may still come).
    Wait,
    /// The clock has run out with nothing in flight: ask the group's lag (and decide with
    /// [`after_lag`]).
    AskLag,
}

/// The idle clock (see the module doc): `last_message` is when the last message arrived,
/// `busy` whether anything is in flight, buffered or waiting for the downstream.
pub(super) fn idle_check(
    membership: Membership,
    last_message: Instant,
    busy: bool,
    idle: Duration,
    now: Instant,
) -> Idle {
    let Membership::Assigned { since } = membership else {
        return Idle::Wait;
    };
    let from = last_message.max(since);
    if busy || now.saturating_duration_since(from) < idle {
        return Idle::Wait;
    }
    Idle::AskLag
}

/// One partition of the subscribed topic as the lag check sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct PartitionEnd {
    /// One past the last record (the last stable offset under read_committed).
    pub end: i64,
    /// The first record still there.
    pub low: i64,
    /// The group's committed offset (`None`: nothing committed).
    pub committed: Option<i64>,
    /// This member's own position there, when it owns the partition and has finished
    /// everything it was handed (past transaction markers too).
    pub own: Option<i64>,
}

/// The messages still to consume in one partition: its end minus the group's position (the
/// later of the committed offset and this member's own position; with neither, where
/// `auto.offset.reset` starts: `low` for earliest, the end for latest).
pub(super) fn partition_lag(p: &PartitionEnd, reset_earliest: bool) -> i64 {
    let start = if reset_earliest { p.low } else { p.end };
    let position = match (p.committed, p.own) {
        (None, None) => start,
        (a, b) => a.max(b).unwrap_or(start),
    };
    (p.end - position).max(0)
}

/// After the lag was asked: stop only when no partition has lag. An answer that could not
/// be had (`None`) keeps the member: it is asked again after [`LAG_RECHECK`].
pub(super) fn after_lag(lags: Option<&[i64]>) -> Option<StopReason> {
    match lags {
        Some(lags) if lags.iter().all(|l| *l == 0) => Some(StopReason::Idle),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const IDLE: Duration = Duration::from_secs(3);

    #[test]
    fn a_static_member_keeps_its_slot_only_when_a_signal_stops_it() {
        for (static_member, reason, leaves) in [
            (false, StopReason::Signal, true),
            (false, StopReason::Idle, true),
            (false, StopReason::MaxMessages, true),
            (true, StopReason::Signal, false),
            (true, StopReason::Idle, true),
            (true, StopReason::MaxMessages, true),
        ] {
            assert_eq!(
                leaves_group(static_member, reason),
                leaves,
                "static {static_member}, {reason}"
            );
        }
    }

    #[test]
    fn the_drain_keeps_a_quarter_of_the_shutdown_timeout_at_most_five_seconds_for_leaving() {
        let s = Duration::from_secs;
        assert_eq!(drain_budget(s(20)), s(15));
        assert_eq!(drain_budget(s(60)), s(55));
        assert_eq!(drain_budget(s(4)), s(3));
        assert_eq!(drain_budget(Duration::ZERO), Duration::ZERO);
    }

    #[test]
    fn the_idle_clock_never_runs_while_joining_or_rebalancing() {
        let t0 = Instant::now();
        let late = t0 + Duration::from_secs(3600);
        for m in [Membership::Joining, Membership::Rebalancing] {
            assert_eq!(idle_check(m, t0, false, IDLE, late), Idle::Wait, "{m:?}");
        }
    }

    #[test]
    fn the_idle_clock_runs_from_the_later_of_the_last_message_and_the_assignment() {
        let t0 = Instant::now();
        let at = |s| t0 + Duration::from_secs(s);
        let assigned = |s| Membership::Assigned { since: at(s) };
        // Last message at 0, assigned at 0: runs out at 3.
        assert_eq!(idle_check(assigned(0), t0, false, IDLE, at(2)), Idle::Wait);
        assert_eq!(
            idle_check(assigned(0), t0, false, IDLE, at(3)),
            Idle::AskLag
        );
        // Assigned again at 2: the clock starts over there.
        assert_eq!(idle_check(assigned(2), t0, false, IDLE, at(4)), Idle::Wait);
        assert_eq!(
            idle_check(assigned(2), t0, false, IDLE, at(5)),
            Idle::AskLag
        );
        // A message at 4 after an assignment at 2.
        assert_eq!(
            idle_check(assigned(2), at(4), false, IDLE, at(6)),
            Idle::Wait
        );
        // Work in flight keeps the member whatever the clock says.
        assert_eq!(idle_check(assigned(0), t0, true, IDLE, at(60)), Idle::Wait);
    }

    #[test]
    fn lag_counts_from_the_later_of_the_committed_and_own_position_else_the_reset() {
        let p = |committed, own| PartitionEnd {
            end: 100,
            low: 10,
            committed,
            own,
        };
        assert_eq!(partition_lag(&p(Some(100), None), true), 0);
        assert_eq!(partition_lag(&p(Some(90), None), true), 10);
        // Its owner is past the committed offset (not committed yet, or past a marker).
        assert_eq!(partition_lag(&p(Some(90), Some(100)), true), 0);
        assert_eq!(partition_lag(&p(None, Some(95)), true), 5);
        // Nothing committed: earliest reads from the first record, latest from the end.
        assert_eq!(partition_lag(&p(None, None), true), 90);
        assert_eq!(partition_lag(&p(None, None), false), 0);
        // An empty partition has no lag.
        let empty = PartitionEnd {
            end: 5,
            low: 5,
            committed: None,
            own: None,
        };
        assert_eq!(partition_lag(&empty, true), 0);
    }

    #[test]
    fn only_a_group_without_lag_lets_an_idle_member_stop() {
        assert_eq!(after_lag(Some(&[0, 0, 0])), Some(StopReason::Idle));
        assert_eq!(after_lag(Some(&[0, 3, 0])), None);
        assert_eq!(after_lag(None), None);
        assert_eq!(after_lag(Some(&[])), Some(StopReason::Idle));
    }
}
