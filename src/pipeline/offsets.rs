//! Which offsets are safe to commit: a message's offset becomes committable only when its
//! outcome (forward or DLQ) is durable, and never past an earlier message still pending.
//!
//! Per partition, messages are registered in the order they are consumed and marked done
//! when their delivery report arrives (in any order); the commit position is one past the
//! longest done prefix. Vector lost data by committing a later success past an earlier
//! pending message; this structure makes that impossible.

use std::collections::{BTreeMap, VecDeque};

/// Tracks in-flight messages per partition.
#[derive(Debug, Default)]
pub struct OffsetTracker {
    partitions: BTreeMap<i32, PartitionState>,
}

#[derive(Debug, Default)]
struct PartitionState {
    /// Offsets consumed and not yet released, oldest first, with "done" flags.
    pending: VecDeque<(i64, bool)>,
    /// One past the last offset of the done prefix: what may be committed.
    committable: Option<i64>,
    /// What was last handed out for commit.
    committed: Option<i64>,
    /// Entries of `pending` not done yet.
    not_done: usize,
}

impl OffsetTracker {
    /// Registers a consumed message. Offsets of a partition arrive in increasing order; one
    /// that does not (the partition was re-read from an earlier offset) starts the partition
    /// afresh, committing nothing until the new work is done.
    pub fn begin(&mut self, partition: i32, offset: i64) {
        let state = self.partitions.entry(partition).or_default();
        if state.pending.back().is_some_and(|(o, _)| *o >= offset)
            || state.committable.is_some_and(|c| c > offset)
        {
            *state = PartitionState::default();
        }
        state.pending.push_back((offset, false));
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
            (Some((first, _)), _) if *first == offset => Some(0),
            (_, Some((last, _))) if *last == offset => Some(state.pending.len() - 1),
            _ => state
                .pending
                .binary_search_by_key(&offset, |(o, _)| *o)
                .ok(),
        };
        if let Some(i) = index {
            if !state.pending[i].1 {
                state.pending[i].1 = true;
                state.not_done -= 1;
            }
        }
        while let Some(&(o, true)) = state.pending.front() {
            state.pending.pop_front();
            state.committable = Some(o + 1);
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
            t.begin(0, o);
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
        t.begin(0, 5);
        t.begin(1, 7);
        t.begin(1, 8);
        t.complete(1, 7);
        assert_eq!(t.take_commits(), vec![(1, 8)]);
        assert_eq!(t.in_flight(), 2);
    }

    #[test]
    fn a_partition_read_again_from_earlier_starts_afresh() {
        let mut t = OffsetTracker::default();
        t.begin(0, 10);
        t.begin(0, 11);
        t.complete(0, 11);
        t.begin(0, 10); // re-read after a rewind
        assert!(t.take_commits().is_empty());
        t.complete(0, 10);
        assert_eq!(t.take_commits(), vec![(0, 11)]);
    }

    #[test]
    fn offsets_with_gaps_commit_one_past_the_last_done() {
        let mut t = OffsetTracker::default();
        t.begin(0, 100);
        t.begin(0, 102); // 101 was a transaction marker
        t.complete(0, 102);
        t.complete(0, 100);
        assert_eq!(t.take_commits(), vec![(0, 103)]);
    }

    #[test]
    fn a_revoked_partition_is_forgotten_and_late_reports_are_ignored() {
        let mut t = OffsetTracker::default();
        t.begin(3, 1);
        t.begin(3, 2);
        t.complete(3, 1);
        assert_eq!(t.release(&[3]), vec![(3, 2)]);
        t.complete(3, 2);
        assert!(t.take_commits().is_empty());
        assert!(!t.tracks(3));
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
                t.begin(p as i32, next[p]);
                next[p] += 1 + i64::from(rng.random_bool(0.1)); // gaps too
            } else {
                // Any offset, reported once, twice, or never begun.
                let off = rng.random_range(0..next[p].max(1) + 2);
                t.complete(p as i32, off);
            }
            let naive: usize = t
                .partitions
                .values()
                .map(|s| s.pending.iter().filter(|(_, done)| !done).count())
                .sum();
            assert_eq!(t.in_flight(), naive);
        }
        assert!(t.in_flight() > 0, "the run should leave some pending");
    }
}
