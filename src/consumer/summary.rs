//! The run summary a member returns (printed by `kmsg consume`).

use std::collections::BTreeMap;

use serde::Serialize;

/// The run summary.
#[derive(Debug, Serialize)]
pub struct Summary {
    pub group: String,
    pub instance: String,
    pub topic: String,
    /// No `--topic` (or `INPUT_TOPIC`) was given: the run read the default input topic.
    pub topic_is_default: bool,
    pub consumed: u64,
    pub forwarded: u64,
    pub processed_without_output: u64,
    pub dead_lettered: BTreeMap<String, u64>,
    pub dead_lettered_total: u64,
    pub retries: u64,
    pub errors: BTreeMap<String, u64>,
    pub breaker_opened: u64,
    /// With `--value-format registry`: values decoded and decode failures, by subject.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub registry: Option<DecodeSummary>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transactions: Option<TxnCounts>,
    pub not_finished_at_exit: u64,
    /// Consumed, then given up uncommitted because their partition was revoked before their
    /// outcome was queued (waiting in a burst, a retry backoff, an open breaker or a
    /// downstream lane, or in a downstream call): their new owner consumes them.
    pub dropped_on_revoke: u64,
    /// The stop's budget (`--shutdown-timeout`) ran out with deliveries or downstream calls
    /// still on their way: they were not committed (`kmsg consume` exits 1).
    pub shutdown_timed_out: bool,
    pub duration_secs: f64,
    /// From the first message consumed to the last: the time the messages took, without
    /// the start-up or an idle tail.
    pub active_secs: f64,
    /// Messages per second over `active_secs` (see `Activity::rate`).
    pub msgs_per_sec: f64,
    pub stopped_by: StopReason,
}

/// What `--value-format registry` decoded, by subject (`unknown` when the schema id is not
/// known or the value is not registry-framed).
#[derive(Debug, Default, Serialize)]
pub struct DecodeSummary {
    pub decoded: BTreeMap<String, u64>,
    /// By subject, then reason (`wrong_magic_byte`, `truncated_header`, `unknown_schema_id`,
    /// `undecodable_payload`).
    pub decode_failures: BTreeMap<String, BTreeMap<String, u64>>,
    /// Times a record was held because the registry could not be asked.
    pub held_for_registry: u64,
}

/// Transactions of an exactly-once run.
#[derive(Debug, Serialize)]
pub struct TxnCounts {
    pub committed: u64,
    pub aborted: u64,
}

/// Why the member's loop ended; in the summary as the words the table shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum StopReason {
    /// SIGINT or SIGTERM (or the caller's stop flag).
    #[serde(rename = "signal")]
    Signal,
    /// `--max-messages` were consumed and finished.
    #[serde(rename = "max messages")]
    MaxMessages,
    /// `--idle-timeout` passed with nothing consumed and nothing in flight.
    #[serde(rename = "idle timeout")]
    Idle,
}

impl StopReason {
    pub fn as_str(self) -> &'static str {
        match self {
            StopReason::Signal => "signal",
            StopReason::MaxMessages => "max messages",
            StopReason::Idle => "idle timeout",
        }
    }
}

impl std::fmt::Display for StopReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::StopReason;

    #[test]
    fn stop_reasons_read_the_same_in_json_and_in_the_table() {
        for (reason, words) in [
            (StopReason::Signal, "signal"),
            (StopReason::MaxMessages, "max messages"),
            (StopReason::Idle, "idle timeout"),
        ] {
            assert_eq!(serde_json::to_value(reason).unwrap(), words);
            assert_eq!(reason.to_string(), words);
        }
    }
}
