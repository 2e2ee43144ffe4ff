//! Lag arithmetic (pure): where the group stands in a partition, for the lag gauge.

/// The group's position in a partition, for lag: one past the last message whose outcome is
/// durable (what the next commit will say), else the committed offset, else where
/// `auto.offset.reset` starts. Messages fetched but not yet durable — in flight, retrying, or
/// held back while the circuit breaker is open — still count as lag: they are not done.
pub(super) fn lag_position(durable: Option<i64>, committed: i64, reset: i64) -> i64 {
    durable
        .or((committed >= 0).then_some(committed))
        .unwrap_or(reset)
}

#[cfg(test)]
mod tests {
    use super::lag_position;

    #[test]
    fn lag_counts_from_the_last_durable_outcome_first() {
        // Done up to offset 41 while the committed offset still says 30: 42.
        assert_eq!(lag_position(Some(42), 30, 0), 42);
    }

    #[test]
    fn lag_falls_back_to_the_committed_offset_then_to_the_reset_position() {
        assert_eq!(lag_position(None, 30, 0), 30);
        // librdkafka's "invalid offset" (-1001): nothing committed yet.
        assert_eq!(lag_position(None, -1001, 7), 7);
    }
}
