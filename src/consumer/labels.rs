//! The fixed label values the member counts with, in one place: the classes of dead letters,
//! the types of processing errors and the kinds of breaker calls. `/metrics` shows every one
//! of them at 0 from start-up (`ConsumerMetrics::expose_topic`), so a dashboard panel or an
//! alert over a family has data, and a `rate()` a start, before the first event of a kind.

use crate::metrics::KnownLabels;
use crate::pipeline::decide::{DOWNSTREAM_REJECTED, RETRIES_EXHAUSTED};
use crate::pipeline::outcome::POISON_CLASSES;

use super::decode::REGISTRY_UNAVAILABLE;

/// `error_type` of a transient failure of processing (it is retried).
pub(super) const TRANSIENT: &str = "transient";
/// `error_type` of a forward the output topic did not take (it is dead-lettered).
pub(super) const PRODUCE: &str = "produce";
/// `error_type` of an error the consumer's poll returned.
pub(super) const CONSUME: &str = "consume";
/// `kmsg.dlq.error.class` of a forward the output topic did not take.
pub(super) const PRODUCE_FAILED: &str = "produce_failed";

/// Every `reason` of `kafka_consumer_dlq_messages_total`: a dead letter's class.
pub const DLQ_REASONS: [&str; 9] = [
    POISON_CLASSES[0],
    POISON_CLASSES[1],
    POISON_CLASSES[2],
    POISON_CLASSES[3],
    POISON_CLASSES[4],
    POISON_CLASSES[5],
    RETRIES_EXHAUSTED,
    DOWNSTREAM_REJECTED,
    PRODUCE_FAILED,
];

/// Every `error_type` of `kafka_consumer_processing_errors_total`.
pub(super) const ERROR_TYPES: [&str; 11] = [
    POISON_CLASSES[0],
    POISON_CLASSES[1],
    POISON_CLASSES[2],
    POISON_CLASSES[3],
    POISON_CLASSES[4],
    POISON_CLASSES[5],
    DOWNSTREAM_REJECTED,
    TRANSIENT,
    PRODUCE,
    CONSUME,
    REGISTRY_UNAVAILABLE,
];

/// `kind`s of `kafka_consumer_rebalances_total`: partitions assigned, revoked, or all lost
/// to a rebalance error.
pub(super) const ASSIGN: &str = "assign";
pub(super) const REVOKE: &str = "revoke";
pub(super) const REBALANCE_ERROR: &str = "error";

/// Every `kind` of `kafka_consumer_circuit_breaker_calls_total` (`breaker::BreakerCall`'s
/// labels and `breaker::NOT_PERMITTED`).
pub(super) const BREAKER_CALLS: [&str; 4] = ["successful", "failed", "ignored", "not_permitted"];

/// All of them, for `ConsumerMetrics::expose_topic`.
pub(super) const KNOWN: KnownLabels<'static> = KnownLabels {
    dlq_reasons: &DLQ_REASONS,
    error_types: &ERROR_TYPES,
    breaker_calls: &BREAKER_CALLS,
    rebalances: &[ASSIGN, REVOKE, REBALANCE_ERROR],
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_poison_class_is_a_reason_and_an_error_type_and_none_is_listed_twice() {
        for class in POISON_CLASSES {
            assert!(DLQ_REASONS.contains(&class) && ERROR_TYPES.contains(&class));
        }
        for list in [&DLQ_REASONS[..], &ERROR_TYPES[..], &BREAKER_CALLS[..]] {
            let unique: std::collections::BTreeSet<_> = list.iter().collect();
            assert_eq!(unique.len(), list.len(), "{list:?}");
        }
    }
}
