//! What a revoke does to work in progress: which partitions were revoked since the member
//! last looked, dropping buffered work of theirs, and whether the message a wait began with
//! may go on afterwards.

use std::collections::BTreeSet;
use std::sync::atomic::Ordering;

use rdkafka::Message;

use super::member::Member;
use super::shared::lock;

/// Where things stood when a wait began.
#[derive(Clone, Copy)]
pub(super) struct WaitMark {
    pub(super) revokes: u64,
    pub(super) epoch: u64,
}

impl Member {
    /// The partitions revoked since the last look, when a poll since then served a revoke.
    /// Every path asks right after each of its polls, before it keeps what the poll
    /// returned: a revoke releases its partitions uncommitted, so work of theirs taken in
    /// before it is read again by the partition's next owner, while a message polled after
    /// it belongs to the new assignment (librdkafka discards what it had prefetched for a
    /// revoked partition) and must be kept, even when the same partition came back: its
    /// fetch position is already past it.
    pub(super) fn take_revoked(&mut self) -> Option<BTreeSet<i32>> {
        let revokes = self.shared.revokes.load(Ordering::SeqCst);
        if revokes == self.revokes_seen {
            return None;
        }
        self.revokes_seen = revokes;
        Some(std::mem::take(&mut *lock(&self.shared.revoked)))
    }

    /// Drops the buffered work of partitions revoked since the last look, and remembers them
    /// for `still_owns` (see `take_revoked`).
    pub(super) fn apply_revokes(&mut self) {
        if let Some(revoked) = self.take_revoked() {
            self.buffered.retain(|m| !revoked.contains(&m.partition()));
            self.revoked_in_wait.extend(revoked);
        }
    }

    /// After a wait: says whether the current message may go on: its partition was not
    /// revoked during the wait, no transaction was aborted since it began, and the member is
    /// not stopping.
    pub(super) fn still_owns(&mut self, before: WaitMark, partition: i32) -> bool {
        self.apply_revokes();
        if self.revoked_in_wait.contains(&partition)
            || self.shared.revokes.load(Ordering::SeqCst) != before.revokes
                && !lock(&self.shared.tracker).tracks(partition)
        {
            // Released uncommitted with its partition: the new owner consumes it again.
            self.dropped_on_revoke += 1;
            return false;
        }
        if self.shared.txn_epoch.load(Ordering::SeqCst) != before.epoch {
            return false;
        }
        !self.stopped()
    }

    pub(super) fn mark(&mut self) -> WaitMark {
        // Only revokes that happen during this wait concern the current message (earlier
        // ones were handled when they happened: the tracker released those partitions).
        self.apply_revokes();
        self.revoked_in_wait.clear();
        WaitMark {
            revokes: self.shared.revokes.load(Ordering::SeqCst),
            epoch: self.shared.txn_epoch.load(Ordering::SeqCst),
        }
    }
}
