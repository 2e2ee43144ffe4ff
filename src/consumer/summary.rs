//! The run summary a member returns (printed by `kmsg consume`).

use std::collections::BTreeMap;

use serde::Serialize;

/// The run summary.
#[derive(Debug, Serialize)]
pub(crate) struct Summary {
    pub(crate) group: String,
    pub(crate) instance: String,
    pub(crate) topic: String,
    /// No `--topic` (or `INPUT_TOPIC`) was given: the run read the default input topic.
    pub(crate) topic_is_default: bool,
    pub(crate) consumed: u64,
    pub(crate) forwarded: u64,
    pub(crate) processed_without_output: u64,
    pub(crate) dead_lettered: BTreeMap<String, u64>,
    pub(crate) dead_lettered_total: u64,
    pub(crate) retries: u64,
    pub(crate) errors: BTreeMap<String, u64>,
    pub(crate) breaker_opened: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) transactions: Option<TxnCounts>,
    pub(crate) not_finished_at_exit: u64,
    /// Consumed, then given up uncommitted because their partition was revoked before their
    /// outcome was queued (waiting in a burst, a retry backoff, an open breaker or a
    /// downstream lane, or in a downstream call): their new owner consumes them.
    pub(crate) dropped_on_revoke: u64,
    pub(crate) duration_secs: f64,
    /// From the first message consumed to the last: the time the messages took, without
    /// the start-up or an idle tail.
    pub(crate) active_secs: f64,
    /// Messages per second over `active_secs` (see `Activity::rate`).
    pub(crate) msgs_per_sec: f64,
    pub(crate) stopped_by: String,
}

/// Transactions of an exactly-once run.
#[derive(Debug, Serialize)]
pub(crate) struct TxnCounts {
    pub(crate) committed: u64,
    pub(crate) aborted: u64,
}
