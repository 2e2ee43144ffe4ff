//! The end of a `produce` run: when sending began and ended (`SendTiming`, pure and
//! unit-tested), whether the run kept its pace, and the summary printed as a table or JSON.

use std::collections::BTreeMap;
use std::time::Instant;

use serde::Serialize;

use super::encode::SchemaUsed;
use crate::cli::OutputFormat;
use crate::output;

/// Latency percentiles in the summary.
#[derive(Debug, Serialize)]
pub(super) struct Latency {
    pub(super) p50_ms: f64,
    pub(super) p95_ms: f64,
    pub(super) p99_ms: f64,
    pub(super) max_ms: f64,
}

/// The run summary (`--output json` prints it as one object).
#[derive(Debug, Serialize)]
pub(super) struct Summary {
    pub(super) topic: String,
    pub(super) sent: u64,
    pub(super) acknowledged: u64,
    pub(super) failed: u64,
    pub(super) failures: BTreeMap<String, u64>,
    pub(super) not_acknowledged_at_exit: u64,
    pub(super) rejected_by_schema: u64,
    pub(super) rejected_reasons: Vec<String>,
    pub(super) skipped_lines: u64,
    pub(super) skipped_reasons: Vec<String>,
    /// Messages left out (`--on-invalid skip`) because they do not fit the registry schema.
    pub(super) skipped_invalid: u64,
    /// Those messages by reason (a generated one bad on purpose under its kind).
    pub(super) skipped_invalid_reasons: BTreeMap<String, u64>,
    /// The registry schema values were encoded with (`--value-schema`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) value_schema: Option<SchemaUsed>,
    /// The registry schema keys were encoded with (`--key-schema`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) key_schema: Option<SchemaUsed>,
    pub(super) generated_invalid: BTreeMap<&'static str, u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) seed: Option<u64>,
    pub(super) duration_secs: f64,
    pub(super) msgs_per_sec: f64,
    pub(super) mb_per_sec: f64,
    pub(super) target_rate: Option<f64>,
    /// The rate messages were handed to the producer at, from the first send to the last.
    pub(super) send_rate: Option<f64>,
    pub(super) kept_up: bool,
    pub(super) latency: Option<Latency>,
    pub(super) partitions: BTreeMap<i32, u64>,
    pub(super) stopped_by: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) aborted: Option<String>,
}

/// When sending began and ended (pure; unit-tested): the rate figures are timed from the
/// first send, so neither the set-up before it nor the wait for the last acknowledgements
/// counts as sending.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct SendTiming {
    /// When the first message was handed to the producer.
    pub(super) first: Option<Instant>,
    /// Messages the first grant of the pacer allowed (sent at once, at `first`).
    pub(super) first_grant: u64,
    /// When the last message was handed to the producer, and how many had been by then.
    pub(super) last: Option<(Instant, u64)>,
}

impl SendTiming {
    /// Notes that message number `sent + 1` is being sent `now`, in a grant of `grant`.
    pub(super) fn sending(&mut self, sent: u64, grant: u32, now: Instant) {
        if self.first.is_none() {
            self.first = Some(now);
            self.first_grant = u64::from(grant);
        }
        self.last = Some((now, sent + 1));
    }

    /// Messages per second from the first send to the last: the messages after the first
    /// grant (those sent at once at the start) over the time they took. `None` when there
    /// is no such span (everything went at once).
    pub(super) fn rate(&self) -> Option<f64> {
        let first = self.first?;
        let (last, sent) = self.last?;
        let span = last.duration_since(first).as_secs_f64();
        let after_first = sent.saturating_sub(self.first_grant.min(sent.saturating_sub(1)));
        (span > 0.0 && sent > 1).then(|| after_first as f64 / span)
    }
}

/// Whether a run kept the pace it was asked for: a run without `--rate`, one stopped
/// before its end (signal, end of input) or sent all at once always did; otherwise it sent
/// at 98% of the rate or better.
pub(super) fn kept_pace(target: Option<f64>, stopped_by: &str, send_rate: Option<f64>) -> bool {
    match (target, send_rate) {
        (Some(rate), Some(achieved)) if stopped_by == "count" || stopped_by == "duration" => {
            achieved >= 0.98 * rate
        }
        _ => true,
    }
}

pub(super) fn print_summary(s: &Summary, format: OutputFormat) -> std::io::Result<()> {
    if format == OutputFormat::Json {
        return output::print_json(s);
    }
    let mut t = output::table(&["produce summary", ""]);
    let mut row = |k: &str, v: String| {
        t.add_row(vec![k.to_string(), v]);
    };
    row("topic", s.topic.clone());
    if let Some(used) = &s.value_schema {
        row("value schema", used.to_string());
    }
    if let Some(used) = &s.key_schema {
        row("key schema", used.to_string());
    }
    row("sent", s.sent.to_string());
    row("acknowledged", s.acknowledged.to_string());
    row("failed", s.failed.to_string());
    for (reason, n) in &s.failures {
        row("  failed because", format!("{reason}: {n}"));
    }
    if s.rejected_by_schema > 0 {
        row("rejected by schema", s.rejected_by_schema.to_string());
        for r in &s.rejected_reasons {
            row("  e.g.", r.clone());
        }
    }
    if s.skipped_lines > 0 {
        row("skipped lines", s.skipped_lines.to_string());
        for r in &s.skipped_reasons {
            row("  e.g.", r.clone());
        }
    }
    if s.skipped_invalid > 0 {
        row("skipped: do not fit", s.skipped_invalid.to_string());
        for (reason, n) in &s.skipped_invalid_reasons {
            row("  because", format!("{reason}: {n}"));
        }
    }
    for (kind, n) in &s.generated_invalid {
        row("bad on purpose", format!("{kind}: {n}"));
    }
    row("duration", format!("{:.2} s", s.duration_secs));
    let rate = match s.target_rate {
        Some(r) => format!(
            "{:.1} msgs/s (target {r}{})",
            s.msgs_per_sec,
            if s.kept_up { "" } else { ", could not keep up" }
        ),
        None => format!("{:.1} msgs/s", s.msgs_per_sec),
    };
    row("throughput", rate);
    row("bandwidth", format!("{:.2} MB/s", s.mb_per_sec));
    if let Some(l) = &s.latency {
        row(
            "latency p50/p95/p99/max",
            format!(
                "{:.1} / {:.1} / {:.1} / {:.1} ms",
                l.p50_ms, l.p95_ms, l.p99_ms, l.max_ms
            ),
        );
    }
    let parts: Vec<String> = s
        .partitions
        .iter()
        .map(|(p, n)| format!("{p}:{n}"))
        .collect();
    row("partitions (id:count)", parts.join(" "));
    if let Some(seed) = s.seed {
        row("seed", seed.to_string());
    }
    row("stopped by", s.stopped_by.to_string());
    output::print_text(&t.to_string())
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn the_send_rate_is_timed_from_the_first_send_to_the_last() {
        let t0 = Instant::now();
        let at = |ms: u64| t0 + Duration::from_millis(ms);
        // 1,000 messages paced at 200/s, one per grant, the first after a second of set-up:
        // the last goes 4.995 s after the first.
        let mut timing = SendTiming::default();
        for n in 0..1000u64 {
            timing.sending(n, 1, at(1000 + n * 5));
        }
        let rate = timing.rate().unwrap();
        assert!((rate - 200.0).abs() < 0.01, "{rate}");
        assert!(kept_pace(Some(200.0), "count", timing.rate()));
        // Grants of 5 at 1,000/s: 5 at once, then 5 every 5 ms.
        let mut timing = SendTiming::default();
        for n in 0..1000u64 {
            timing.sending(n, 5, at(n / 5 * 5));
        }
        let rate = timing.rate().unwrap();
        assert!((rate - 1000.0).abs() < 0.01, "{rate}");
        // A run that fell behind: 1,000 messages in 6 s at --rate 200.
        let mut timing = SendTiming::default();
        for n in 0..1000u64 {
            timing.sending(n, 1, at(n * 6));
        }
        assert!(!kept_pace(Some(200.0), "count", timing.rate()));
        assert!(kept_pace(Some(200.0), "signal", timing.rate()));
        assert!(kept_pace(None, "count", timing.rate()));
        // One message, or nothing sent: no span to time.
        let mut timing = SendTiming::default();
        assert_eq!(timing.rate(), None);
        timing.sending(0, 1, t0);
        assert_eq!(timing.rate(), None);
        assert!(kept_pace(Some(200.0), "count", timing.rate()));
    }
}
