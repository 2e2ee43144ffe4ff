//! The `--sink-url` path's state, which the member holds: each message's `Call` from its
//! poll to its outcome, the `Completion` a downstream call sends back, and the `Dispatch`
//! (lanes, the channel calls report on, pauses).

use std::collections::BTreeSet;
use std::sync::{mpsc, Arc};
use std::time::Instant;

use rdkafka::message::OwnedMessage;

use crate::pipeline::lanes::{Lanes, Ticket};
use crate::pipeline::outcome::Poison;
use crate::pipeline::sink::CallResult;

/// A message of the `--sink-url` path, from its poll to its outcome.
pub(super) struct Call {
    pub(super) msg: Arc<OwnedMessage>,
    /// Why it can never be processed (decode or schema); dead-lettered in its turn, no call.
    pub(super) poison: Option<Poison>,
    /// Not checked yet: the schema registry could not be asked (it is checked again when it
    /// reaches the head of its lane).
    pub(super) unresolved: bool,
    /// The downstream's body when it is not the value itself: the JSON a registry-framed
    /// value decoded to.
    pub(super) body: Option<Arc<[u8]>>,
    /// Attempts that count towards `--max-retries`.
    pub(super) attempt: u32,
    /// Calls made (the fault injector's `--fail-first` counts calls).
    pub(super) calls: u32,
    /// `txn_epoch` when it was polled: work of an aborted transaction is dropped.
    pub(super) epoch: u64,
    /// When its first call started.
    pub(super) started: Option<Instant>,
}

/// A downstream call's result, sent back from the async runtime.
pub(super) struct Completion {
    pub(super) ticket: Ticket,
    pub(super) call: Box<Call>,
    pub(super) result: CallResult,
}

/// The `--sink-url` dispatcher's state: lanes, the channel calls report on, and pauses.
pub(super) struct Dispatch {
    pub(super) lanes: Lanes<Box<Call>>,
    pub(super) tx: mpsc::Sender<Completion>,
    pub(super) rx: mpsc::Receiver<Completion>,
    /// Partitions paused because their lane is full.
    pub(super) backpressured: BTreeSet<i32>,
    /// Set while every partition is paused because the breaker is open, until then.
    pub(super) open_until: Option<Instant>,
    /// No dispatch before then (half-open: the probes are out).
    pub(super) refused_until: Option<Instant>,
    /// Lookups in a row that found the schema registry unavailable (0: it answers); while
    /// above 0, polled messages are checked only when they reach the head of their lane.
    pub(super) registry_held: u32,
}

impl Dispatch {
    pub(super) fn new(limit: usize) -> Self {
        let (tx, rx) = mpsc::channel();
        Dispatch {
            lanes: Lanes::new(limit),
            tx,
            rx,
            backpressured: BTreeSet::new(),
            open_until: None,
            refused_until: None,
            registry_held: 0,
        }
    }
}
