//! The member's revoke bookkeeping (pure): the revokes it has seen, the partitions revoked
//! since the current wait began, and what that means for the message the wait began with.

use std::collections::BTreeSet;

/// Where things stood when a wait began (and when it ended).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct WaitMark {
    /// `Shared::revokes`: bumped at every revoke.
    pub(super) revokes: u64,
    /// `Shared::txn_epoch`: bumped at every aborted transaction.
    pub(super) epoch: u64,
}

/// Whether the message a wait began with may go on after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum AfterWait {
    GoOn,
    /// Its partition was revoked during the wait (and released uncommitted): the new owner
    /// consumes it again; it counts as dropped on revoke.
    Revoked,
    /// A transaction was aborted during the wait: the rewind reads it again.
    Rewound,
    /// The member is stopping.
    Stopping,
}

/// The member's revoke bookkeeping (pure): the revokes it has seen, and the partitions
/// revoked since the current wait began.
#[derive(Debug, Default)]
pub(super) struct RevokeBook {
    seen: u64,
    in_wait: BTreeSet<i32>,
}

impl RevokeBook {
    /// Given the revokes counted so far, says whether any happened since the last look
    /// (and remembers that it has looked).
    pub(super) fn news(&mut self, revokes: u64) -> bool {
        if revokes == self.seen {
            return false;
        }
        self.seen = revokes;
        true
    }

    /// Partitions revoked while a wait is on.
    pub(super) fn note(&mut self, revoked: impl IntoIterator<Item = i32>) {
        self.in_wait.extend(revoked);
    }

    /// A wait begins: only revokes from now on concern its message (earlier ones were
    /// handled when they happened: the tracker released those partitions).
    pub(super) fn begin_wait(&mut self) {
        self.in_wait.clear();
    }

    /// After a wait that began at `before` and ended at `now` for a message of `partition`:
    /// whether the message may go on. `tracked` says whether the offset tracker still tracks
    /// the partition (a revoke releases it; a message of the new assignment tracks it again).
    pub(super) fn after_wait(
        &self,
        before: WaitMark,
        now: WaitMark,
        partition: i32,
        tracked: bool,
        stopped: bool,
    ) -> AfterWait {
        if self.in_wait.contains(&partition) || now.revokes != before.revokes && !tracked {
            AfterWait::Revoked
        } else if now.epoch != before.epoch {
            AfterWait::Rewound
        } else if stopped {
            AfterWait::Stopping
        } else {
            AfterWait::GoOn
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const START: WaitMark = WaitMark {
        revokes: 3,
        epoch: 1,
    };

    #[test]
    fn news_reports_each_revoke_once() {
        let mut book = RevokeBook::default();
        assert!(!book.news(0));
        assert!(book.news(2));
        assert!(!book.news(2));
        assert!(book.news(3));
    }

    #[test]
    fn a_wait_ends_in_one_verdict_for_every_combination_that_matters() {
        let revoked = WaitMark {
            revokes: 4,
            ..START
        };
        let aborted = WaitMark { epoch: 2, ..START };
        // (partition revoked during the wait, end mark, still tracked, stopping) → verdict
        let table = [
            (false, START, true, false, AfterWait::GoOn),
            (false, START, true, true, AfterWait::Stopping),
            // Its partition was revoked during the wait, even if it came back since.
            (true, revoked, true, false, AfterWait::Revoked),
            // A revoke during the wait that released it (no longer tracked).
            (false, revoked, false, false, AfterWait::Revoked),
            // A revoke of other partitions: the message's own is still tracked.
            (false, revoked, true, false, AfterWait::GoOn),
            // Not tracked but no revoke during the wait: it was not released by one.
            (false, START, false, false, AfterWait::GoOn),
            (false, aborted, true, false, AfterWait::Rewound),
            // A revoke beats an abort and a stop: it is counted as dropped on revoke.
            (true, aborted, true, true, AfterWait::Revoked),
            (false, aborted, true, true, AfterWait::Rewound),
        ];
        for (revoked_in_wait, end, tracked, stopped, expected) in table {
            let mut book = RevokeBook::default();
            book.begin_wait();
            if revoked_in_wait {
                book.note([7]);
            }
            book.note([1, 2]);
            assert_eq!(
                book.after_wait(START, end, 7, tracked, stopped),
                expected,
                "revoked in wait {revoked_in_wait}, end {end:?}, tracked {tracked}, stopped {stopped}"
            );
        }
    }

    #[test]
    fn revokes_before_a_wait_began_do_not_concern_its_message() {
        let mut book = RevokeBook::default();
        book.note([7]);
        book.begin_wait();
        assert_eq!(
            book.after_wait(START, START, 7, true, false),
            AfterWait::GoOn
        );
    }
}
