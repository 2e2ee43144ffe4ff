//! Which offsets are safe to commit: a message's offset becomes committable only when its
//! outcome (forward or DLQ) is durable, and never past an earlier message still pending.
//!
//! Per partition, messages are registered in the order they are consumed and marked done
//! when their delivery report arrives (in any order); the commit position is one past the
//! longest done prefix. Vector lost data by committing a later success past an earlier
//! pending message; this structure makes that impossible.
//!
//! It also keeps each message's record timestamp, so the lag in time can be told without
//! reading the log again ([`OffsetTracker::progress`]): the oldest message not done is the
//! one at the commit position, the next the group has to finish.

use std::collections::{BTreeMap, VecDeque};

/// Tracks in-flight messages per partition.
#[derive(Debug, Default)]
pub struct OffsetTracker {
    partitions: BTreeMap<i32, PartitionState>,
}

/// A message's record timestamp (ms since the epoch) is unknown: Kafka's own -1.
const NO_TIMESTAMP: i64 = -1;

/// A consumed message not yet released from its partition's pending list.
#[derive(Debug, Clone, Copy)]
struct Entry {
    offset: i64,
    /// Record timestamp in ms since the epoch, or [`NO_TIMESTAMP`].
    timestamp: i64,
    done: bool,
}

/// What the tracker knows of a partition around its commit position, for the lag gauges
/// (`consumer::lag`). Timestamps are ms since the epoch.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    /// Some message consumed is not done.
    pub unfinished: bool,
    /// Timestamp of the oldest message consumed and not done: the message at the commit
    /// position. None when every consumed message is done (or it has no timestamp).
    pub oldest_pending: Option<i64>,
    /// Timestamp of the last message of the done prefix (the one just below the commit
    /// position), once one is done; of the last one done that had a timestamp, when it had
    /// none (still a bound: the messages after it came later).
    pub last_done: Option<i64>,
}

#[derive(Debug, Default)]
struct PartitionState {
    /// Messages consumed and not yet released, oldest first.
    pending: VecDeque<Entry>,
    /// One past the last offset of the done prefix: what may be committed.
    committable: Option<i64>,
    /// What was last handed out for commit.
    committed: Option<i64>,
    /// Entries of `pending` not done yet.
    not_done: usize,
    /// Timestamp of the last message released from the front of `pending` (done) that had
    /// one.
    last_done: Option<i64>,
}

impl OffsetTracker {
    /// Registers a consumed message. Offsets of a partition arrive in increasing order; one
    /// that does not (the partition was re-read from an earlier offset) starts the partition
    /// afresh, committing nothing until the new work is done. `timestamp` is the record's
    /// (ms since the epoch), when it has one.
    pub fn begin(&mut self, partition: i32, offset: i64, timestamp: Option<i64>) {
        let state = self.partitions.entry(partition).or_default();
        if state.pending.back().is_some_and(|e| e.offset >= offset)
            || state.committable.is_some_and(|c| c > offset)
        {
            *state = PartitionState::default();
        }
        state.pending.push_back(Entry {
            offset,
            timestamp: timestamp.filter(|t| *t >= 0).unwrap_or(NO_TIMESTAMP),
            done: false,
        });
        state.not_done += 1;
    }

    /// Marks a message's outcome as durable.
    pub fn complete(&mut self, partition: i32, offset: i64) {
        let Some(state) = self.partitions.get_mut(&partition) else {
            return; // revoked meanwhile: the new owner processes it again
        };
        // Reports mostly come in order (the oldest pending) or right after `begin` (the
        // newest, when there is no output); anything else is found by bisection.
        let index = match (state.pending.front(), state.pending.back()) {
            (Some(first), _) if first.offset == offset => Some(0),
            (_, Some(last)) if last.offset == offset => Some(state.pending.len() - 1),
            _ => state
                .pending
                .binary_search_by_key(&offset, |e| e.offset)
                .ok(),
        };
        if let Some(i) = index {
            if !state.pending[i].done {
                state.pending[i].done = true;
                state.not_done -= 1;
            }
        }
        while let Some(&Entry { done: true, .. }) = state.pending.front() {
            if let Some(e) = state.pending.pop_front() {
                state.committable = Some(e.offset + 1);
                if e.timestamp != NO_TIMESTAMP {
                    state.last_done = Some(e.timestamp);
                }
            }
        }
    }

    /// Positions that advanced since the last call: `(partition, next offset to read)`.
    pub fn take_commits(&mut self) -> Vec<(i32, i64)> {
        let mut out = Vec::new();
        for (p, state) in &mut self.partitions {
            if state.committable.is_some() && state.committable != state.committed {
                state.committed = state.committable;
                out.push((*p, state.committable.unwrap_or_default()));
            }
        }
        out
    }

    /// Every partition's commit position, advanced or not (for the final commit).
    pub fn positions(&self) -> Vec<(i32, i64)> {
        self.partitions
            .iter()
            .filter_map(|(p, s)| s.committable.map(|c| (*p, c)))
            .collect()
    }

    /// Every tracked partition's progress (see [`Progress`]).
    pub fn progress(&self) -> Vec<(i32, Progress)> {
        self.partitions
            .iter()
            .map(|(p, s)| {
                let oldest_pending = s
                    .pending
                    .front()
                    .filter(|e| e.timestamp != NO_TIMESTAMP)
                    .map(|e| e.timestamp);
                let times = Progress {
                    unfinished: s.not_done > 0,
                    oldest_pending,
                    last_done: s.last_done,
                };
                (*p, times)
            })
            .collect()
    }

    /// Messages whose outcome is not durable yet.
    pub fn in_flight(&self) -> usize {
        self.partitions.values().map(|s| s.not_done).sum()
    }

    /// Forgets partitions that were revoked; returns their final commit positions.
    pub fn release(&mut self, partitions: &[i32]) -> Vec<(i32, i64)> {
        partitions
            .iter()
            .filter_map(|p| {
                self.partitions
                    .remove(p)
                    .and_then(|s| s.committable.map(|c| (*p, c)))
            })
            .collect()
    }

    /// Whether a partition is tracked (assigned and seen).
    pub fn tracks(&self, partition: i32) -> bool {
        self.partitions.contains_key(&partition)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_is_committable_while_the_first_message_is_pending() {
        let mut t = OffsetTracker::default();
        for o in 10..13 {
            t.begin(0, o, None);
        }
        t.complete(0, 11);
        t.complete(0, 12);
        assert!(
            t.take_commits().is_empty(),
            "committed past pending offset 10"
        );
        t.complete(0, 10);
        assert_eq!(t.take_commits(), vec![(0, 13)]);
        assert!(
            t.take_commits().is_empty(),
            "no change, nothing new to commit"
        );
        assert_eq!(t.in_flight(), 0);
    }

    #[test]
    fn partitions_advance_independently() {
        let mut t = OffsetTracker::default();
        t.begin(0, 5, None);
        t.begin(1, 7, None);
        t.begin(1, 8, None);
        t.complete(1, 7);
        assert_eq!(t.take_commits(), vec![(1, 8)]);
        assert_eq!(t.in_flight(), 2);
    }

    #[test]
    fn a_partition_read_again_from_earlier_starts_afresh() {
        let mut t = OffsetTracker::default();
        t.begin(0, 10, None);
        t.begin(0, 11, None);
        t.complete(0, 11);
        t.begin(0, 10, None); // re-read after a rewind
        assert!(t.take_commits().is_empty());
        t.complete(0, 10);
        assert_eq!(t.take_commits(), vec![(0, 11)]);
    }

    #[test]
    fn offsets_with_gaps_commit_one_past_the_last_done() {
        let mut t = OffsetTracker::default();
        t.begin(0, 100, None);
        t.begin(0, 102, None); // 101 was a transaction marker
        t.complete(0, 102);
        t.complete(0, 100);
        assert_eq!(t.take_commits(), vec![(0, 103)]);
    }

    #[test]
    fn a_revoked_partition_is_forgotten_and_late_reports_are_ignored() {
        let mut t = OffsetTracker::default();
        t.begin(3, 1, None);
        t.begin(3, 2, None);
        t.complete(3, 1);
        assert_eq!(t.release(&[3]), vec![(3, 2)]);
        t.complete(3, 2);
        assert!(t.take_commits().is_empty());
        assert!(!t.tracks(3));
    }

    #[test]
    fn progress_gives_the_message_at_the_commit_position_and_the_last_one_done() {
        let mut t = OffsetTracker::default();
        t.begin(0, 10, Some(1_000));
        t.begin(0, 11, Some(2_000));
        t.begin(0, 12, None);
        let progress = |t: &OffsetTracker| t.progress().into_iter().collect::<BTreeMap<_, _>>()[&0];
        assert_eq!(
            progress(&t),
            Progress {
                unfinished: true,
                oldest_pending: Some(1_000),
                last_done: None
            }
        );
        // 11 done out of order: 10 is still the one the group waits for.
        t.complete(0, 11);
        assert_eq!(progress(&t).oldest_pending, Some(1_000));
        t.complete(0, 10);
        assert_eq!(
            progress(&t),
            Progress {
                unfinished: true,
                oldest_pending: None, // 12 has no timestamp
                last_done: Some(2_000)
            }
        );
        t.complete(0, 12);
        assert_eq!(
            progress(&t),
            Progress {
                unfinished: false,
                oldest_pending: None,
                last_done: Some(2_000) // 12 had none: the last one known
            }
        );
        t.begin(0, 13, Some(5_000));
        t.complete(0, 13);
        assert_eq!(progress(&t).last_done, Some(5_000));
    }

    #[test]
    fn in_flight_counts_what_is_not_done_whatever_order_reports_come_in() {
        use rand::{Rng, SeedableRng};
        let mut rng = rand::rngs::StdRng::seed_from_u64(7);
        let mut t = OffsetTracker::default();
        let mut next = [0i64; 3];
        for _ in 0..20_000 {
            let p = rng.random_range(0..3usize);
            if rng.random_bool(0.5) {
                t.begin(p as i32, next[p], None);
                next[p] += 1 + i64::from(rng.random_bool(0.1)); // gaps too
            } else {
                // Any offset, reported once, twice, or never begun.
                let off = rng.random_range(0..next[p].max(1) + 2);
                t.complete(p as i32, off);
            }
            let naive: usize = t
                .partitions
                .values()
                .map(|s| s.pending.iter().filter(|e| !e.done).count())
                .sum();
            assert_eq!(t.in_flight(), naive);
        }
        assert!(t.in_flight() > 0, "the run should leave some pending");
    }
}
