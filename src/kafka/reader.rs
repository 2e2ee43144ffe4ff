//! Reading a topic without joining a group: assign chosen partitions at a chosen start
//! (beginning, an offset, the last N, or a time), `read_committed`, and know when every
//! partition has reached its end. Used by `view` and the `dlq` tools; `scan` reads whole
//! topics up to the ends they had when it started (`verify`).

use std::collections::BTreeSet;
use std::ops::ControlFlow;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anyhow::anyhow;
use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::error::KafkaError;
use rdkafka::message::{BorrowedMessage, OwnedMessage};
use rdkafka::types::RDKafkaErrorCode;
use rdkafka::{Offset, TopicPartitionList};

use super::config::ClientSettings;
use super::context::KmsgContext;

/// Where reading starts in each partition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    Beginning,
    Offset(i64),
    Last(i64),
    /// Milliseconds since the epoch.
    Since(i64),
}

/// `--offset` names an offset the partition does not hold: bad input, which the commands
/// report as a usage error (`cmd::USAGE_ERRORS`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("--offset {offset} is out of range: the partition holds offsets {low} to {}", .high - 1)]
pub struct OffsetOutOfRange {
    pub offset: i64,
    /// The partition's low watermark (its first offset).
    pub low: i64,
    /// The partition's high watermark (one past its last offset).
    pub high: i64,
}

/// Parses `--since`: a duration ago ("10m") or an RFC 3339 time, relative to `now`.
pub fn parse_since(text: &str, now: SystemTime) -> Result<i64, String> {
    let at = match humantime::parse_duration(text) {
        Ok(ago) => now
            .checked_sub(ago)
            .ok_or_else(|| format!("--since {text}: too far back"))?,
        Err(_) => humantime::parse_rfc3339_weak(text).map_err(|_| {
            format!("--since {text:?} is neither a duration (10m, 2h) nor an RFC 3339 time (2026-01-02T15:04:05Z)")
        })?,
    };
    Ok(at
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0))
}

/// The start offset of a partition with watermarks `low..high` (pure; `Since` is resolved
/// by the broker, not here).
pub fn start_offset(start: Start, low: i64, high: i64) -> Result<i64, OffsetOutOfRange> {
    match start {
        Start::Beginning | Start::Since(_) => Ok(low),
        Start::Offset(offset) if offset < low || offset > high => {
            Err(OffsetOutOfRange { offset, low, high })
        }
        Start::Offset(o) => Ok(o),
        Start::Last(n) => Ok((high - n).max(low)),
    }
}

/// Whether a failed offsets or metadata request is worth asking again: the partition's
/// leadership is moving (just after a topic was created, or while a broker restarts), which
/// the next metadata refresh settles.
fn leadership_moving(e: &KafkaError) -> bool {
    use RDKafkaErrorCode::*;
    matches!(
        e.rdkafka_error_code(),
        Some(
            NotLeaderForPartition
                | LeaderNotAvailable
                | OffsetNotAvailable
                | FencedLeaderEpoch
                | UnknownLeaderEpoch
        )
    )
}

/// The low and high watermarks of a partition, asked again every 100 ms while its
/// leadership is moving, up to `timeout` in all; any other error is returned at once.
pub fn watermarks<C: rdkafka::consumer::ConsumerContext>(
    consumer: &BaseConsumer<C>,
    topic: &str,
    partition: i32,
    timeout: Duration,
) -> Result<(i64, i64), KafkaError> {
    let deadline = std::time::Instant::now() + timeout;
    loop {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        match consumer.fetch_watermarks(topic, partition, left) {
            Err(e) if leadership_moving(&e) && !left.is_zero() => {
                tracing::debug!(topic, partition, "reading the offsets again: {e}");
                std::thread::sleep(Duration::from_millis(100).min(left));
            }
            result => return result,
        }
    }
}

/// One step of reading.
pub enum ReadStep {
    Record(OwnedMessage),
    /// Nothing arrived this time (following, or the end is not reached yet).
    Idle,
    /// Every partition reached its end (never when following).
    End,
}

/// An assigned, positioned reader.
pub struct TopicReader {
    consumer: BaseConsumer<KmsgContext>,
    topic: String,
    pending: BTreeSet<i32>,
    follow: bool,
}

impl TopicReader {
    pub fn open(
        settings: &ClientSettings,
        topic: &str,
        partitions: &[i32],
        start: Start,
        follow: bool,
    ) -> anyhow::Result<Self> {
        let consumer: BaseConsumer<KmsgContext> = settings
            .viewer_config()
            .create_with_context(KmsgContext::default())
            .map_err(|e| anyhow!("cannot create the reader: {e}"))?;
        let timeout = settings.timeout;
        let mut tpl = TopicPartitionList::new();
        let mut pending = BTreeSet::new();
        let mut by_time = TopicPartitionList::new();
        for &p in partitions {
            let (low, high) = watermarks(&consumer, topic, p, timeout)
                .map_err(|e| anyhow!("cannot read the offsets of {topic} partition {p}: {e}"))?;
            let offset = start_offset(start, low, high)?;
            if let Start::Since(ms) = start {
                by_time.add_partition_offset(topic, p, Offset::Offset(ms))?;
            }
            tpl.add_partition_offset(topic, p, Offset::Offset(offset))?;
            if offset < high {
                pending.insert(p);
            }
        }
        if let Start::Since(_) = start {
            let found = consumer
                .offsets_for_times(by_time, timeout)
                .map_err(|e| anyhow!("cannot look up offsets by time: {e}"))?;
            tpl = TopicPartitionList::new();
            for e in found.elements() {
                // No record at or after the time: start at the end.
                let offset = match e.offset() {
                    Offset::Offset(o) => Offset::Offset(o),
                    _ => Offset::End,
                };
                tpl.add_partition_offset(topic, e.partition(), offset)?;
            }
        }
        consumer
            .assign(&tpl)
            .map_err(|e| anyhow!("cannot assign partitions: {e}"))?;
        Ok(TopicReader {
            consumer,
            topic: topic.to_string(),
            pending,
            follow,
        })
    }

    /// Waits up to 200 ms for the next record.
    pub fn next_step(&mut self) -> anyhow::Result<ReadStep> {
        if !self.follow && self.pending.is_empty() {
            return Ok(ReadStep::End);
        }
        match self.consumer.poll(Duration::from_millis(200)) {
            None => Ok(ReadStep::Idle),
            Some(Err(KafkaError::PartitionEOF(p))) => {
                self.pending.remove(&p);
                Ok(ReadStep::Idle)
            }
            // The reader assigns partitions and commits nothing, but librdkafka still looks up
            // the coordinator of its group.id; on a secured cluster a user with no right on
            // that group (and no need for one) gets this error, which changes nothing here.
            Some(Err(KafkaError::MessageConsumption(
                RDKafkaErrorCode::GroupAuthorizationFailed,
            ))) => {
                tracing::debug!(topic = %self.topic, "no right on the reader's group id; reading without it");
                Ok(ReadStep::Idle)
            }
            Some(Err(e)) => Err(anyhow!("reading {}: {e}", self.topic)),
            Some(Ok(m)) => Ok(ReadStep::Record(m.detach())),
        }
    }

    /// Every record from the start to the end (not following).
    pub fn read_all(mut self) -> anyhow::Result<Vec<OwnedMessage>> {
        let mut out = Vec::new();
        loop {
            match self.next_step()? {
                ReadStep::End => return Ok(out),
                ReadStep::Idle => {}
                ReadStep::Record(m) => out.push(m),
            }
        }
    }
}

/// The offsets of one partition to read: from `start` up to (not including) `end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartitionSpan {
    pub partition: i32,
    pub start: i64,
    pub end: i64,
}

/// Whether a partition is done once a record at `offset` was read, of a span ending at `end`
/// (pure): the record at `end - 1`, or any past it. Before it come only records, aborted
/// transactions or transaction markers, which a read_committed reader never sees, so a
/// partition whose last offsets are such is done at its end of partition event instead.
pub fn span_done_at(offset: i64, end: i64) -> bool {
    offset >= end - 1
}

/// Each partition's span from its low watermark to its end now, as a `read_committed`
/// reader sees it (the last stable offset: an open transaction's records are not counted).
pub fn snapshot(
    settings: &ClientSettings,
    topic: &str,
    partitions: &[i32],
) -> anyhow::Result<Vec<PartitionSpan>> {
    let consumer: BaseConsumer<KmsgContext> = settings
        .viewer_config()
        .create_with_context(KmsgContext::default())
        .map_err(|e| anyhow!("cannot create the reader: {e}"))?;
    partitions
        .iter()
        .map(|&p| {
            let (start, end) = watermarks(&consumer, topic, p, settings.timeout)
                .map_err(|e| anyhow!("cannot read the offsets of {topic} partition {p}: {e}"))?;
            Ok(PartitionSpan {
                partition: p,
                start,
                end,
            })
        })
        .collect()
}

/// Reads every record of `topic` in `spans` (`read_committed`, without joining a group),
/// handing each to `visit`; records past a span's end (written since the snapshot) are not
/// visited. Returns when every span is read, or when `visit` breaks.
pub fn scan(
    settings: &ClientSettings,
    topic: &str,
    spans: &[PartitionSpan],
    mut visit: impl FnMut(&BorrowedMessage<'_>) -> ControlFlow<()>,
) -> anyhow::Result<()> {
    let consumer: BaseConsumer<KmsgContext> = settings
        .viewer_config()
        .create_with_context(KmsgContext::default())
        .map_err(|e| anyhow!("cannot create the reader: {e}"))?;
    let mut tpl = TopicPartitionList::new();
    let mut ends = std::collections::BTreeMap::new();
    for s in spans.iter().filter(|s| s.start < s.end) {
        tpl.add_partition_offset(topic, s.partition, Offset::Offset(s.start))?;
        ends.insert(s.partition, s.end);
    }
    if ends.is_empty() {
        return Ok(());
    }
    consumer
        .assign(&tpl)
        .map_err(|e| anyhow!("cannot assign partitions of {topic}: {e}"))?;
    while !ends.is_empty() {
        match consumer.poll(Duration::from_millis(200)) {
            None => {}
            Some(Err(KafkaError::PartitionEOF(p))) => {
                ends.remove(&p);
            }
            Some(Err(KafkaError::MessageConsumption(
                RDKafkaErrorCode::GroupAuthorizationFailed,
            ))) => {}
            Some(Err(e)) => return Err(anyhow!("reading {topic}: {e}")),
            Some(Ok(m)) => {
                let p = rdkafka::Message::partition(&m);
                let offset = rdkafka::Message::offset(&m);
                let Some(&end) = ends.get(&p) else { continue };
                if offset < end && visit(&m).is_break() {
                    return Ok(());
                }
                if span_done_at(offset, end) {
                    ends.remove(&p);
                    let mut done = TopicPartitionList::new();
                    done.add_partition(topic, p);
                    // Stop fetching what is past the snapshot.
                    let _ = consumer.pause(&done);
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_moving_leadership_is_asked_again() {
        let fetch = |code| KafkaError::MetadataFetch(code);
        assert!(leadership_moving(&fetch(
            RDKafkaErrorCode::NotLeaderForPartition
        )));
        assert!(leadership_moving(&fetch(
            RDKafkaErrorCode::LeaderNotAvailable
        )));
        // A missing topic or a refusal will not change by asking again.
        assert!(!leadership_moving(&fetch(
            RDKafkaErrorCode::UnknownTopicOrPartition
        )));
        assert!(!leadership_moving(&fetch(
            RDKafkaErrorCode::TopicAuthorizationFailed
        )));
    }

    #[test]
    fn a_span_is_done_at_its_last_offset_or_past_it() {
        assert!(!span_done_at(8, 10));
        assert!(span_done_at(9, 10));
        assert!(span_done_at(12, 10));
    }

    #[test]
    fn start_offsets_respect_the_watermarks() {
        assert_eq!(start_offset(Start::Beginning, 5, 10), Ok(5));
        assert_eq!(start_offset(Start::Last(3), 5, 10), Ok(7));
        assert_eq!(start_offset(Start::Last(30), 5, 10), Ok(5));
        assert_eq!(start_offset(Start::Offset(9), 5, 10), Ok(9));
        let err = start_offset(Start::Offset(11), 5, 10)
            .unwrap_err()
            .to_string();
        assert!(err.contains("holds offsets 5 to 9"), "{err}");
    }

    #[test]
    fn since_takes_durations_and_rfc3339() {
        let now = UNIX_EPOCH + Duration::from_secs(1_000_000);
        assert_eq!(parse_since("10m", now), Ok((1_000_000 - 600) * 1000));
        assert_eq!(parse_since("1970-01-01T00:00:10Z", now), Ok(10_000));
        assert!(parse_since("yesterday-ish", now)
            .unwrap_err()
            .contains("neither a duration"));
    }
}
