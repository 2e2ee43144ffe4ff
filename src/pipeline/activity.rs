//! The active span of a run: from its first message to its last, so a throughput figure
//! measures the messages against the time they took, not against the start-up (joining the
//! group) or the idle wait before `--idle-timeout` ended the run. The clock is injected.

use std::time::{Duration, Instant};

/// First and last time a message arrived, and how many did.
#[derive(Debug, Default, Clone, Copy)]
pub struct Activity {
    first: Option<Instant>,
    last: Option<Instant>,
    count: u64,
}

impl Activity {
    /// One message arrived at `now`.
    pub fn note(&mut self, now: Instant) {
        self.first.get_or_insert(now);
        self.last = Some(now);
        self.count += 1;
    }

    /// Messages noted.
    pub fn count(&self) -> u64 {
        self.count
    }

    /// From the first message to the last (zero with fewer than two).
    pub fn span(&self) -> Duration {
        match (self.first, self.last) {
            (Some(first), Some(last)) => last.saturating_duration_since(first),
            _ => Duration::ZERO,
        }
    }

    /// Messages per second over the active span. With fewer than two messages, or a span
    /// too short to measure (under a millisecond), over `fallback` (the whole run) instead,
    /// so a figure is always given and never infinite.
    pub fn rate(&self, fallback: Duration) -> f64 {
        let span = self.span();
        // N messages arriving over `span` make N - 1 gaps; counting the first message's own
        // share of time as one gap more keeps a steady stream at its true rate.
        if self.count >= 2 && span >= Duration::from_millis(1) {
            let per_gap = span.as_secs_f64() / (self.count - 1) as f64;
            self.count as f64 / (span.as_secs_f64() + per_gap)
        } else {
            self.count as f64 / fallback.as_secs_f64().max(1e-6)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_steady_stream_after_a_long_idle_tail_reports_its_own_rate() {
        let t0 = Instant::now();
        let mut a = Activity::default();
        // 100 messages 10 ms apart (100 msgs/s), then the run idles for 30 s.
        for i in 0..100 {
            a.note(t0 + Duration::from_millis(10 * i));
        }
        assert_eq!(a.count(), 100);
        assert_eq!(a.span(), Duration::from_millis(990));
        let rate = a.rate(Duration::from_secs(31));
        assert!((rate - 100.0).abs() < 0.01, "{rate}");
    }

    #[test]
    fn one_message_or_none_falls_back_to_the_whole_run() {
        let t0 = Instant::now();
        let mut a = Activity::default();
        assert_eq!(a.rate(Duration::from_secs(2)), 0.0);
        a.note(t0);
        assert_eq!(a.span(), Duration::ZERO);
        assert_eq!(a.rate(Duration::from_secs(2)), 0.5);
    }

    #[test]
    fn a_burst_within_a_millisecond_is_not_an_infinite_rate() {
        let t0 = Instant::now();
        let mut a = Activity::default();
        a.note(t0);
        a.note(t0);
        assert_eq!(a.rate(Duration::from_secs(4)), 0.5);
    }
}
