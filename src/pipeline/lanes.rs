//! Which message may call the downstream next, when several calls may be in flight
//! (`consume --sink-concurrency N`), as plain logic with the time passed in.
//!
//! Each partition is a lane: its messages wait in consumption order, and at most one of them
//! is in flight at a time, so a partition's messages reach the downstream (and then the
//! output) in partition order, retries included: a message in backoff keeps its lane blocked
//! until its retry time. Lanes are served round-robin, up to `limit` calls in flight over all
//! of them. A lane can be dropped (its partition was revoked or rewound): its waiting messages
//! are forgotten, and a call still in flight becomes stale (its result must be ignored), while
//! the lane stays busy until that call returns, so even then one partition never has two
//! calls in flight.

use std::collections::{BTreeMap, VecDeque};
use std::time::Instant;

/// A message handed out for a call: its lane and the lane's generation at hand-out time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ticket {
    pub partition: i32,
    generation: u64,
}

#[derive(Debug)]
struct Lane<T> {
    waiting: VecDeque<T>,
    busy: bool,
    /// The head message is in backoff until then.
    not_before: Option<Instant>,
    generation: u64,
}

impl<T> Default for Lane<T> {
    fn default() -> Self {
        Lane {
            waiting: VecDeque::new(),
            busy: false,
            not_before: None,
            generation: 0,
        }
    }
}

/// Per-partition lanes with a global limit of calls in flight.
#[derive(Debug)]
pub struct Lanes<T> {
    limit: usize,
    lanes: BTreeMap<i32, Lane<T>>,
    in_flight: usize,
    waiting: usize,
    /// The partition served last (round-robin start point).
    last: i32,
}

impl<T> Lanes<T> {
    /// `limit` is at least 1.
    pub fn new(limit: usize) -> Self {
        Lanes {
            limit: limit.max(1),
            lanes: BTreeMap::new(),
            in_flight: 0,
            waiting: 0,
            last: -1,
        }
    }

    /// Adds a consumed message at the end of its partition's lane.
    pub fn push(&mut self, partition: i32, item: T) {
        self.lanes
            .entry(partition)
            .or_default()
            .waiting
            .push_back(item);
        self.waiting += 1;
    }

    /// The next message that may be called: the head of a lane that has no call in flight and
    /// no backoff pending, taking lanes in turn; `None` when the limit is reached or no lane
    /// is ready. The lane is busy until `finish` or `retry_at` gives it back.
    pub fn next(&mut self, now: Instant) -> Option<(Ticket, T)> {
        if self.in_flight >= self.limit {
            return None;
        }
        let ready =
            |l: &Lane<T>| !l.busy && !l.waiting.is_empty() && l.not_before.is_none_or(|t| t <= now);
        let start = self.last;
        let p = self
            .lanes
            .range(start + 1..)
            .chain(self.lanes.range(..=start))
            .find(|(_, l)| ready(l))
            .map(|(p, _)| *p)?;
        let lane = self.lanes.get_mut(&p)?;
        let item = lane.waiting.pop_front()?;
        lane.busy = true;
        lane.not_before = None;
        self.in_flight += 1;
        self.waiting -= 1;
        self.last = p;
        Some((
            Ticket {
                partition: p,
                generation: lane.generation,
            },
            item,
        ))
    }

    /// Puts a handed-out message back at the head of its lane (the breaker refused the call):
    /// it is the next one of its partition again. A stale ticket's message is dropped.
    pub fn put_back(&mut self, ticket: Ticket, item: T) {
        self.retry_at(ticket, item, None);
    }

    /// The call failed transiently: the message goes back to the head of its lane and the
    /// lane waits until `at`. A stale ticket's message is dropped.
    pub fn retry_at(&mut self, ticket: Ticket, item: T, at: Option<Instant>) {
        let current = self.is_current(ticket);
        self.release(ticket);
        if current {
            if let Some(lane) = self.lanes.get_mut(&ticket.partition) {
                lane.waiting.push_front(item);
                lane.not_before = at;
                self.waiting += 1;
            }
        }
    }

    /// The message's call is over (its outcome is queued, or it was abandoned).
    pub fn finish(&mut self, ticket: Ticket) {
        self.release(ticket);
    }

    fn release(&mut self, ticket: Ticket) {
        if let Some(lane) = self.lanes.get_mut(&ticket.partition) {
            if lane.busy {
                lane.busy = false;
                self.in_flight -= 1;
            }
        }
    }

    /// Whether a ticket's lane was not dropped since it was handed out.
    pub fn is_current(&self, ticket: Ticket) -> bool {
        self.lanes
            .get(&ticket.partition)
            .is_some_and(|l| l.generation == ticket.generation)
    }

    /// Forgets the waiting messages of `partition` and makes its call in flight stale;
    /// returns how many waiting messages were dropped.
    pub fn drop_lane(&mut self, partition: i32) -> usize {
        let Some(lane) = self.lanes.get_mut(&partition) else {
            return 0;
        };
        let n = lane.waiting.len();
        lane.waiting.clear();
        lane.not_before = None;
        lane.generation += 1;
        self.waiting -= n;
        n
    }

    /// Messages waiting in `partition`'s lane (not in flight).
    pub fn waiting_in(&self, partition: i32) -> usize {
        self.lanes.get(&partition).map_or(0, |l| l.waiting.len())
    }

    /// Messages waiting in all lanes.
    #[cfg(test)]
    pub fn waiting(&self) -> usize {
        self.waiting
    }

    /// Calls in flight.
    pub fn in_flight(&self) -> usize {
        self.in_flight
    }

    /// Nothing waiting and nothing in flight.
    pub fn is_empty(&self) -> bool {
        self.waiting == 0 && self.in_flight == 0
    }

    /// The earliest retry time of a lane that has nothing in flight, to bound the poll wait.
    pub fn next_retry(&self) -> Option<Instant> {
        self.lanes
            .values()
            .filter(|l| !l.busy && !l.waiting.is_empty())
            .filter_map(|l| l.not_before)
            .min()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn one_call_per_partition_and_at_most_limit_in_all() {
        let now = Instant::now();
        let mut l = Lanes::new(2);
        for p in 0..3 {
            for o in 0..3 {
                l.push(p, (p, o));
            }
        }
        let (a, ma) = l.next(now).unwrap();
        let (b, mb) = l.next(now).unwrap();
        assert_eq!((ma, mb), ((0, 0), (1, 0)));
        assert!(l.next(now).is_none(), "the limit is 2");
        l.finish(a);
        // Partition 0 is free again, but round-robin serves partition 2 first.
        assert_eq!(l.next(now).unwrap().1, (2, 0));
        assert!(l.next(now).is_none());
        l.finish(b);
        assert_eq!(l.next(now).unwrap().1, (0, 1));
        assert_eq!(l.in_flight(), 2);
        assert_eq!(l.waiting(), 5);
    }

    #[test]
    fn a_partition_never_has_two_calls_in_flight_even_below_the_limit() {
        let now = Instant::now();
        let mut l = Lanes::new(8);
        for o in 0..5 {
            l.push(4, o);
        }
        let (t, first) = l.next(now).unwrap();
        assert_eq!(first, 0);
        assert!(l.next(now).is_none());
        l.finish(t);
        assert_eq!(l.next(now).unwrap().1, 1);
    }

    #[test]
    fn a_retry_blocks_its_partition_until_its_time_and_keeps_the_order() {
        let now = Instant::now();
        let mut l = Lanes::new(4);
        l.push(0, "a");
        l.push(0, "b");
        l.push(1, "x");
        let (t, m) = l.next(now).unwrap();
        assert_eq!(m, "a");
        let at = now + Duration::from_millis(100);
        l.retry_at(t, m, Some(at));
        assert_eq!(l.next_retry(), Some(at));
        assert_eq!(l.next(now).unwrap().1, "x", "other partitions go on");
        assert!(l.next(now).is_none(), "partition 0 waits for its retry");
        let (t, m) = l.next(at).unwrap();
        assert_eq!(m, "a", "the retried message comes before the next one");
        l.finish(t);
        assert_eq!(l.next(at).unwrap().1, "b");
    }

    #[test]
    fn a_refused_message_is_put_back_at_the_head() {
        let now = Instant::now();
        let mut l = Lanes::new(1);
        l.push(0, 1);
        l.push(0, 2);
        let (t, m) = l.next(now).unwrap();
        l.put_back(t, m);
        assert_eq!(l.in_flight(), 0);
        assert_eq!(l.next(now).unwrap().1, 1);
    }

    #[test]
    fn a_dropped_lane_forgets_its_messages_and_its_call_in_flight_is_stale() {
        let now = Instant::now();
        let mut l = Lanes::new(4);
        for o in 0..3 {
            l.push(2, o);
        }
        let (t, m) = l.next(now).unwrap();
        assert_eq!(l.drop_lane(2), 2);
        assert!(!l.is_current(t));
        // Re-read after the revoke: it waits until the stale call has returned.
        l.push(2, 0);
        assert!(
            l.next(now).is_none(),
            "the stale call still occupies the lane"
        );
        l.retry_at(t, m, None); // a stale retry is dropped, not put back
        assert_eq!(l.waiting(), 1);
        let (t2, m2) = l.next(now).unwrap();
        assert_eq!(m2, 0);
        assert!(l.is_current(t2));
        l.finish(t2);
        assert!(l.is_empty());
    }
}
