//! Pure logic of `kmsg group`, no Kafka: how old a partition's lag is, how soon a group drains
//! it at its recent pace, where a reset target puts each partition's committed offset
//! (clamped to what the partition holds, like Kafka's `kafka-consumer-groups`), and the backup
//! file a reset writes first so it can be undone with `--from-file`.
//!
//! Time is passed in (`now_ms`), so every rule is unit-tested without a clock or a cluster.

use std::collections::BTreeSet;
use std::time::Duration;

use serde::{Deserialize, Serialize};

/// Where `group reset-offsets` moves a partition's committed offset. `--by-duration` and
/// `--to-datetime` both become `Timestamp` (resolved by the broker's offset-for-time lookup),
/// and `--from-file` gives each partition an `Offset` of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResetTarget {
    Earliest,
    Latest,
    Offset(i64),
    /// Milliseconds since the epoch: the first record at or after that time.
    Timestamp(i64),
    ShiftBy(i64),
}

/// One partition's new committed offset: `target` resolved against its watermarks (`low`,
/// `high`, one past the last record), its current committed offset and, for `Timestamp`,
/// the offset the broker found for that time (`None`: no record at or after it, which, like
/// Kafka's tool, means the end). The result always lies in `[low, high]`; a partition with no
/// committed offset shifts from `low`, where the group would start (`auto.offset.reset`
/// earliest, kmsg's default).
pub fn new_offset(
    target: ResetTarget,
    current: Option<i64>,
    low: i64,
    high: i64,
    by_time: Option<i64>,
) -> i64 {
    let want = match target {
        ResetTarget::Earliest => low,
        ResetTarget::Latest => high,
        ResetTarget::Offset(o) => o,
        ResetTarget::Timestamp(_) => by_time.unwrap_or(high),
        ResetTarget::ShiftBy(n) => current.unwrap_or(low).saturating_add(n),
    };
    want.clamp(low, high.max(low))
}

/// Parses `--shift-by`: a signed whole number of records (`-10`, `+5`, `5`).
pub fn parse_shift(text: &str) -> Result<i64, String> {
    let t = text.strip_prefix('+').unwrap_or(text);
    t.parse::<i64>()
        .map_err(|_| format!("{text:?} is not a whole number of records, e.g. -10 or +5"))
}

/// Parses `--to-datetime`: an RFC 3339 time (`2026-12-03T10:00:00Z`, `…+01:00`), as
/// milliseconds since the epoch.
pub fn parse_datetime(text: &str) -> Result<i64, String> {
    chrono::DateTime::parse_from_rfc3339(text.trim())
        .map(|t| t.timestamp_millis())
        .map_err(|e| {
            format!("{text:?} is not an RFC 3339 time ({e}), e.g. 2026-12-03T10:00:00Z or 2026-12-03T11:00:00+01:00")
        })
}

/// Parses `--topic T` or `--topic T:P,P,…` into the topic and its chosen partitions (empty:
/// every partition).
pub fn parse_topic_partitions(text: &str) -> Result<(String, BTreeSet<i32>), String> {
    let (topic, parts) = match text.split_once(':') {
        None => (text, None),
        Some((t, p)) => (t, Some(p)),
    };
    if topic.is_empty() {
        return Err(format!("{text:?} names no topic; use TOPIC or TOPIC:0,1"));
    }
    let mut set = BTreeSet::new();
    if let Some(parts) = parts {
        for p in parts.split(',') {
            let n = p
                .trim()
                .parse::<i32>()
                .ok()
                .filter(|n| *n >= 0)
                .ok_or_else(|| {
                    format!("{text:?}: {p:?} is not a partition number; use TOPIC or TOPIC:0,1")
                })?;
            set.insert(n);
        }
    }
    Ok((topic.to_string(), set))
}

/// How old a partition's lag is, in seconds: `now` minus the timestamp of the oldest record
/// the group has not consumed (the one at its committed offset). 0 when there is no lag;
/// `None` when that record's time is unknown (not read within the timeout). A timestamp in
/// the future (clock skew, a producer-set time) counts as 0.
pub fn lag_seconds(lag: i64, oldest_unconsumed_ms: Option<i64>, now_ms: i64) -> Option<f64> {
    if lag <= 0 {
        return Some(0.0);
    }
    oldest_unconsumed_ms.map(|ts| (now_ms - ts).max(0) as f64 / 1000.0)
}

/// The group's recent pace over a sampling window: how many records it committed per second
/// and how long, at the pace its lag shrank, the rest would take.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Drain {
    /// Records committed per second in the window (the committed offsets' advance).
    pub consume_rate: f64,
    /// Seconds until the lag reaches 0 at the rate it shrank in the window; 0 with no lag;
    /// `None` ("unknown") when it did not shrink: no progress, or producers keep pace.
    pub drain_seconds: Option<f64>,
}

/// Estimates the drain from two samples `window` apart: the total lag and the total of the
/// committed offsets at the start and at the end of the window.
pub fn drain(lag_before: i64, lag_after: i64, committed_advance: i64, window: Duration) -> Drain {
    let secs = window.as_secs_f64();
    let per_sec = |n: i64| if secs > 0.0 { n as f64 / secs } else { 0.0 };
    let consume_rate = round3(per_sec(committed_advance.max(0)));
    let shrink = per_sec(lag_before - lag_after);
    let drain_seconds = if lag_after <= 0 {
        Some(0.0)
    } else if committed_advance > 0 && shrink > 0.0 {
        Some(round3(lag_after as f64 / shrink))
    } else {
        None
    };
    Drain {
        consume_rate,
        drain_seconds,
    }
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// The backup `group reset-offsets --execute` writes before it changes anything, and that
/// `--from-file` reads back: the group's committed offsets of the partitions being reset.
/// `offset: null` means the partition had no committed offset; restoring it deletes the
/// offset the reset committed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OffsetsBackup {
    /// Always 1 (the format's version).
    pub version: u32,
    pub group: String,
    /// When the backup was taken, RFC 3339 (UTC).
    pub taken_at: String,
    pub offsets: Vec<BackupOffset>,
}

/// One partition of an [`OffsetsBackup`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupOffset {
    pub topic: String,
    pub partition: i32,
    pub offset: Option<i64>,
}

impl OffsetsBackup {
    pub const VERSION: u32 = 1;

    /// Reads a backup, refusing anything that is not one (wrong JSON, another version).
    pub fn parse(text: &str) -> Result<OffsetsBackup, String> {
        let b: OffsetsBackup = serde_json::from_str(text).map_err(|e| {
            format!("not a kmsg offsets backup ({e}); it looks like {{\"version\":1,\"group\":\"g\",\"taken_at\":\"…\",\"offsets\":[{{\"topic\":\"t\",\"partition\":0,\"offset\":42}}]}}")
        })?;
        if b.version != Self::VERSION {
            return Err(format!(
                "backup version {} is not supported (this kmsg reads version {})",
                b.version,
                Self::VERSION
            ));
        }
        Ok(b)
    }
}

/// The default backup file name: the group (characters unsafe in a file name replaced by
/// `_`) and the UTC time, e.g. `kmsg-offsets-orders-20261203T101500Z.json`.
pub fn backup_file_name(group: &str, taken_at_ms: i64) -> String {
    let safe: String = group
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let stamp = chrono::DateTime::from_timestamp_millis(taken_at_ms)
        .unwrap_or_default()
        .format("%Y%m%dT%H%M%S%.3fZ");
    format!("kmsg-offsets-{safe}-{stamp}.json")
}

/// RFC 3339 (UTC, milliseconds) for `taken_at`.
pub fn rfc3339_ms(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .unwrap_or_default()
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_target_lands_inside_the_partition() {
        use ResetTarget::*;
        assert_eq!(new_offset(Earliest, Some(7), 5, 10, None), 5);
        assert_eq!(new_offset(Latest, Some(7), 5, 10, None), 10);
        assert_eq!(new_offset(Offset(8), Some(7), 5, 10, None), 8);
        assert_eq!(new_offset(Offset(2), Some(7), 5, 10, None), 5);
        assert_eq!(new_offset(Offset(99), Some(7), 5, 10, None), 10);
        assert_eq!(new_offset(ShiftBy(-1), Some(7), 5, 10, None), 6);
        assert_eq!(new_offset(ShiftBy(-100), Some(7), 5, 10, None), 5);
        assert_eq!(new_offset(ShiftBy(100), Some(7), 5, 10, None), 10);
        assert_eq!(new_offset(ShiftBy(2), None, 5, 10, None), 7);
        assert_eq!(new_offset(ShiftBy(i64::MAX), Some(7), 5, 10, None), 10);
        assert_eq!(new_offset(Timestamp(1), Some(7), 5, 10, Some(6)), 6);
        assert_eq!(new_offset(Timestamp(1), Some(7), 5, 10, None), 10);
        assert_eq!(new_offset(Earliest, None, 0, 0, None), 0);
    }

    #[test]
    fn shifts_and_times_parse_or_say_what_is_wanted() {
        assert_eq!(parse_shift("-10"), Ok(-10));
        assert_eq!(parse_shift("+5"), Ok(5));
        assert_eq!(parse_shift("5"), Ok(5));
        assert!(parse_shift("five").unwrap_err().contains("e.g. -10"));
        assert_eq!(parse_datetime("1970-01-01T00:00:10Z"), Ok(10_000));
        assert_eq!(parse_datetime("1970-01-01T01:00:10+01:00"), Ok(10_000));
        assert_eq!(parse_datetime("1970-01-01T00:00:10.250Z"), Ok(10_250));
        assert!(parse_datetime("yesterday")
            .unwrap_err()
            .contains("not an RFC 3339 time"));
    }

    #[test]
    fn topics_take_an_optional_partition_list() {
        assert_eq!(
            parse_topic_partitions("posts"),
            Ok(("posts".into(), BTreeSet::new()))
        );
        assert_eq!(
            parse_topic_partitions("posts:0,2"),
            Ok(("posts".into(), BTreeSet::from([0, 2])))
        );
        assert!(parse_topic_partitions("posts:x").is_err());
        assert!(parse_topic_partitions("posts:-1").is_err());
        assert!(parse_topic_partitions(":1").is_err());
    }

    #[test]
    fn lag_seconds_is_the_age_of_the_oldest_unconsumed_record() {
        assert_eq!(lag_seconds(0, None, 10_000), Some(0.0));
        assert_eq!(lag_seconds(5, Some(4_000), 10_000), Some(6.0));
        assert_eq!(lag_seconds(5, Some(20_000), 10_000), Some(0.0));
        assert_eq!(lag_seconds(5, None, 10_000), None);
    }

    #[test]
    fn drain_is_unknown_without_progress_and_zero_without_lag() {
        let w = Duration::from_secs(2);
        assert_eq!(
            drain(100, 80, 20, w),
            Drain {
                consume_rate: 10.0,
                drain_seconds: Some(8.0)
            }
        );
        assert_eq!(drain(100, 100, 0, w).drain_seconds, None);
        // Producers keep pace: progress, but the lag does not shrink.
        let d = drain(100, 100, 40, w);
        assert_eq!((d.consume_rate, d.drain_seconds), (20.0, None));
        assert_eq!(drain(0, 0, 0, w).drain_seconds, Some(0.0));
        assert_eq!(drain(10, 10, 0, Duration::ZERO).drain_seconds, None);
    }

    #[test]
    fn a_backup_round_trips_and_anything_else_is_refused() {
        let b = OffsetsBackup {
            version: 1,
            group: "g".into(),
            taken_at: rfc3339_ms(1_000),
            offsets: vec![
                BackupOffset {
                    topic: "t".into(),
                    partition: 0,
                    offset: Some(42),
                },
                BackupOffset {
                    topic: "t".into(),
                    partition: 1,
                    offset: None,
                },
            ],
        };
        assert_eq!(b.taken_at, "1970-01-01T00:00:01.000Z");
        let text = serde_json::to_string(&b).unwrap();
        assert_eq!(OffsetsBackup::parse(&text), Ok(b));
        assert!(OffsetsBackup::parse("[1,2]")
            .unwrap_err()
            .contains("not a kmsg offsets backup"));
        let v2 = text.replace("\"version\":1", "\"version\":2");
        assert!(OffsetsBackup::parse(&v2).unwrap_err().contains("version 2"));
    }

    #[test]
    fn backup_names_are_safe_file_names() {
        assert_eq!(
            backup_file_name("a/b c", 1_000),
            "kmsg-offsets-a_b_c-19700101T000001.000Z.json"
        );
    }
}
