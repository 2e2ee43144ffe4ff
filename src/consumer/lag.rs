//! Lag arithmetic (pure): where the group stands in a partition, for the lag gauge, and how
//! old the next record it has to finish is, for the lag in time (`kafka_consumer_lag_seconds`).
//!
//! The lag in time of a partition is 0 when its lag in messages is 0; otherwise it is how
//! long ago the next record the group has to finish (the one at [`lag_position`]) was
//! written, by record timestamps: `now - t`, where `t` is, in this order of preference,
//! 1. the timestamp of the oldest record fetched and not finished (in flight, retrying, or
//!    held by the open breaker): that record is the next one, so the value is exact;
//! 2. otherwise the later of the last finished record's timestamp and the last time the
//!    partition was seen caught up: the next record was written after both, so the value
//!    is an upper bound (cheap: nothing is read again; exact enough for a backlog, where the
//!    next record follows the last finished one closely, and no spike when a record arrives
//!    at an idle partition, where the caught-up time is at most one update old);
//! 3. otherwise (nothing finished since the assignment and never caught up: e.g. the breaker
//!    paused the partition before its first fetch) the first time lag was seen since the
//!    assignment: the next record was already there then, so the value is a lower bound that
//!    grows while nothing moves.
//!
//! A timestamp in the future (clock skew) gives 0, never a negative age.

use crate::pipeline::offsets::Progress;

/// The group's position in a partition, for lag: one past the last message whose outcome is
/// durable (what the next commit will say), else the committed offset, else where
/// `auto.offset.reset` starts. Messages fetched but not yet durable — in flight, retrying, or
/// held back while the circuit breaker is open — still count as lag: they are not done.
pub(super) fn lag_position(durable: Option<i64>, committed: i64, reset: i64) -> i64 {
    durable
        .or((committed >= 0).then_some(committed))
        .unwrap_or(reset)
}

/// The position for lag once librdkafka's statistics are heard: past `handed` (one past the
/// last record librdkafka handed to the member, its `app_offset`) when nothing the member
/// was handed is unfinished (`idle`: nothing in flight, retrying, held or buffered). The
/// difference is what librdkafka skips without handing it over — the commit and abort
/// markers of transactions — so a caught-up reader of a transactional topic has lag 0, not 1
/// for ever (which would also make its lag in time grow for ever).
pub(super) fn settled_position(position: i64, handed: i64, idle: bool) -> i64 {
    if idle && handed > position {
        handed
    } else {
        position
    }
}

/// What a partition's lag in time is measured from, kept from one update of the lag gauges to
/// the next (see the module doc). Times are ms since the epoch. Dropped with the partition
/// when it is revoked.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(super) struct LagClock {
    /// When the partition was last seen caught up (lag 0).
    caught_up_at: Option<i64>,
    /// When lag was first seen with nothing else known (case 3 of the module doc).
    lagging_since: Option<i64>,
}

impl LagClock {
    /// The lag in seconds at `now` of a partition `lag` messages behind with `progress`
    /// there (the tracker's); remembers what the next update needs.
    pub(super) fn observe(&mut self, lag: i64, progress: Progress, now: i64) -> f64 {
        if lag <= 0 {
            self.caught_up_at = Some(now);
            self.lagging_since = None;
            return 0.0;
        }
        // `Option::max`: a known time beats an unknown one.
        let written = match (
            progress.oldest_pending,
            progress.last_done.max(self.caught_up_at),
        ) {
            (Some(t), _) | (None, Some(t)) => t,
            (None, None) => *self.lagging_since.get_or_insert(now),
        };
        (now - written).max(0) as f64 / 1000.0
    }
}

#[cfg(test)]
mod tests {
    use super::{lag_position, settled_position, LagClock, Progress};

    #[test]
    fn lag_counts_from_the_last_durable_outcome_first() {
        // Done up to offset 41 while the committed offset still says 30: 42.
        assert_eq!(lag_position(Some(42), 30, 0), 42);
    }

    #[test]
    fn lag_falls_back_to_the_committed_offset_then_to_the_reset_position() {
        assert_eq!(lag_position(None, 30, 0), 30);
        // librdkafka's "invalid offset" (-1001): nothing committed yet.
        assert_eq!(lag_position(None, -1001, 7), 7);
    }

    fn times(oldest_pending: Option<i64>, last_done: Option<i64>) -> Progress {
        Progress {
            unfinished: oldest_pending.is_some(),
            oldest_pending,
            last_done,
        }
    }

    #[test]
    fn a_transaction_marker_after_the_last_record_is_no_lag_once_everything_is_finished() {
        // Records up to offset 4 finished (position 5); librdkafka skipped the commit
        // marker at 5 and has handed over everything below 6, the end.
        assert_eq!(settled_position(5, 6, true), 6);
        // Something handed over is unfinished (or buffered): the position says it.
        assert_eq!(settled_position(5, 6, false), 5);
        // Nothing handed over yet (librdkafka's invalid offset), or behind the position.
        assert_eq!(settled_position(5, -1001, true), 5);
        assert_eq!(settled_position(5, 3, true), 5);
    }

    #[test]
    fn no_lag_is_zero_seconds_whatever_the_records_say() {
        let mut clock = LagClock::default();
        assert_eq!(clock.observe(0, times(Some(1_000), Some(500)), 90_000), 0.0);
    }

    #[test]
    fn the_oldest_record_fetched_and_not_finished_gives_the_exact_age() {
        let mut clock = LagClock::default();
        // Caught up at 50 s, then a record written at 55 s waits (retrying) until 62.5 s.
        clock.observe(0, times(None, Some(10_000)), 50_000);
        assert_eq!(
            clock.observe(3, times(Some(55_000), Some(10_000)), 62_500),
            7.5
        );
    }

    #[test]
    fn with_nothing_fetched_a_backlog_is_as_old_as_the_last_finished_record() {
        let mut clock = LagClock::default();
        // A backlog: the last finished record was written at 20 s, nothing caught up since.
        assert_eq!(clock.observe(500, times(None, Some(20_000)), 80_000), 60.0);
    }

    #[test]
    fn a_record_arriving_at_an_idle_partition_counts_from_when_it_was_caught_up() {
        let mut clock = LagClock::default();
        // The last record was an hour ago; caught up at 3,600 s; a record arrives and is
        // not fetched yet at the next update, 3 s later: at most 3 s old, not an hour.
        clock.observe(0, times(None, Some(0)), 3_600_000);
        assert_eq!(clock.observe(1, times(None, Some(0)), 3_603_000), 3.0);
        // Once fetched, its own timestamp says it.
        assert_eq!(
            clock.observe(1, times(Some(3_601_000), Some(0)), 3_603_500),
            2.5
        );
    }

    #[test]
    fn with_nothing_known_the_age_grows_from_when_lag_was_first_seen() {
        let mut clock = LagClock::default();
        assert_eq!(clock.observe(30, times(None, None), 100_000), 0.0);
        assert_eq!(clock.observe(30, times(None, None), 105_000), 5.0);
        assert_eq!(clock.observe(31, times(None, None), 130_000), 30.0);
        // Caught up: back to 0, and the next lag counts from then.
        assert_eq!(clock.observe(0, times(None, None), 140_000), 0.0);
        assert_eq!(clock.observe(2, times(None, None), 143_000), 3.0);
    }

    #[test]
    fn a_timestamp_in_the_future_is_zero_seconds_old() {
        let mut clock = LagClock::default();
        assert_eq!(clock.observe(1, times(Some(10_000), None), 9_000), 0.0);
    }
}
