//! What a revoke does to work in progress: which partitions were revoked since the member
//! last looked, dropping buffered work of theirs, and whether the message a wait began with
//! may go on afterwards (the bookkeeping itself is `revoke_book`'s).

use std::collections::BTreeSet;
use std::sync::atomic::Ordering;

use rdkafka::Message;

use super::member::Member;
use super::revoke_book::{AfterWait, WaitMark};
use super::shared::lock;

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
        if !self.revoke_book.news(revokes) {
            return None;
        }
        Some(std::mem::take(&mut *lock(&self.shared.revoked)))
    }

    /// Drops the buffered work of partitions revoked since the last look, and remembers them
    /// for `still_owns` (see `take_revoked`).
    pub(super) fn apply_revokes(&mut self) {
        if let Some(revoked) = self.take_revoked() {
            self.buffered.retain(|m| !revoked.contains(&m.partition()));
            self.note_buffered();
            self.revoke_book.note(revoked);
        }
    }

    /// After a wait: says whether the current message may go on: its partition was not
    /// revoked during the wait, no transaction was aborted since it began, and the member is
    /// not stopping.
    pub(super) fn still_owns(&mut self, before: WaitMark, partition: i32) -> bool {
        self.apply_revokes();
        let now = self.wait_mark();
        let tracked = lock(&self.shared.tracker).tracks(partition);
        let stopped = self.stopped();
        match self
            .revoke_book
            .after_wait(before, now, partition, tracked, stopped)
        {
            AfterWait::GoOn => true,
            AfterWait::Revoked => {
                // Released uncommitted with its partition: the new owner consumes it again.
                self.dropped_on_revoke += 1;
                false
            }
            AfterWait::Rewound | AfterWait::Stopping => false,
        }
    }

    /// A wait begins: returns where things stand.
    pub(super) fn mark(&mut self) -> WaitMark {
        self.apply_revokes();
        self.revoke_book.begin_wait();
        self.wait_mark()
    }

    fn wait_mark(&self) -> WaitMark {
        WaitMark {
            revokes: self.shared.revokes.load(Ordering::SeqCst),
            epoch: self.shared.txn_epoch.load(Ordering::SeqCst),
        }
    }
}
