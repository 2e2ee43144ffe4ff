//! Reading a topic without joining a group: assign chosen partitions at a chosen start
//! (beginning, an offset, the last N, or a time), `read_committed`, know when every
//! partition has reached its end, and stop each partition at a chosen point (`--until`: a
//! time or an offset), following or not. Used by `view` and the `dlq` tools; `scan` reads
//! whole topics up to the ends they had when it started (`verify`).

use std::collections::{BTreeMap, BTreeSet};
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

/// Where reading stops in each partition (`view --until`). Each partition stops on its own;
/// the reader ends when all have stopped, even when following.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Until {
    /// Before the first record stamped at or after this time (milliseconds since the epoch),
    /// as the broker's offsets-for-times lookup would find it. Following, a partition at its
    /// end also stops once the clock has passed the time (later records would be newer).
    Time(i64),
    /// Before this offset: records up to `offset - 1`.
    Offset(i64),
}

/// Parses `--until`: an offset (`1500`), an RFC 3339 time, or `+DURATION` after `start_ms`
/// (the `--since` time, else now).
pub fn parse_until(text: &str, start_ms: i64) -> Result<Until, String> {
    if let Ok(offset) = text.parse::<i64>() {
        return if offset < 0 {
            Err(format!("--until {text}: an offset is 0 or more"))
        } else {
            Ok(Until::Offset(offset))
        };
    }
    if let Some(after) = text.strip_prefix('+') {
        let d = humantime::parse_duration(after)
            .map_err(|e| format!("--until {text}: {e} (e.g. +10m, +2h30m)"))?;
        let ms = i64::try_from(d.as_millis()).unwrap_or(i64::MAX);
        return Ok(Until::Time(start_ms.saturating_add(ms)));
    }
    if humantime::parse_duration(text).is_ok() {
        return Err(format!(
            "--until {text}: a duration needs a + (+{text}: {text} after the start, the --since time or now)"
        ));
    }
    let at = humantime::parse_rfc3339_weak(text).map_err(|_| {
        format!("--until {text:?} is neither an offset (1500), +DURATION (+10m) nor an RFC 3339 time (2026-01-02T15:04:05Z)")
    })?;
    Ok(Until::Time(
        at.duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis() as i64)
            .unwrap_or(0),
    ))
}

/// What `--until` makes of one record of a partition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UntilStep {
    /// Shown, and the partition goes on.
    Go,
    /// Shown, and the partition stops after it (the last offset before an offset stop).
    Last,
    /// Past the stop point: not shown, the partition stops.
    Past,
}

impl Until {
    /// The step for a record at `offset` stamped `timestamp` (ms; `None` when it has none).
    pub fn step(self, offset: i64, timestamp: Option<i64>) -> UntilStep {
        match self {
            Until::Offset(end) if offset >= end => UntilStep::Past,
            Until::Offset(end) if offset + 1 >= end => UntilStep::Last,
            Until::Time(t) if timestamp.is_some_and(|ts| ts >= t) => UntilStep::Past,
            _ => UntilStep::Go,
        }
    }

    /// Whether a partition at its end, with its next offset at `position` (when known), is
    /// done at `now_ms`: nothing that could still come would be before the stop point.
    pub fn done_at_end(self, position: Option<i64>, now_ms: i64) -> bool {
        match self {
            Until::Offset(end) => position.is_some_and(|p| p >= end),
            Until::Time(t) => now_ms >= t,
        }
    }

    /// Whether a partition that starts at `offset` has nothing before the stop point.
    pub fn done_at_start(self, offset: i64) -> bool {
        matches!(self, Until::Offset(end) if offset >= end)
    }
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
    /// Partitions whose end is not reached yet (not following: the reader ends when empty).
    pending: BTreeSet<i32>,
    follow: bool,
    /// Each partition's first offset (`None` when found by time).
    starts: BTreeMap<i32, Option<i64>>,
    until: Option<Until>,
    /// Partitions not stopped by `until` (the reader ends when empty, even following).
    active: BTreeSet<i32>,
    /// Partitions at their end since their last record (following, for `Until::Time`).
    at_end: BTreeSet<i32>,
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
        let mut starts = BTreeMap::new();
        for &p in partitions {
            let (low, high) = watermarks(&consumer, topic, p, timeout)
                .map_err(|e| anyhow!("cannot read the offsets of {topic} partition {p}: {e}"))?;
            let offset = start_offset(start, low, high)?;
            if let Start::Since(ms) = start {
                by_time.add_partition_offset(topic, p, Offset::Offset(ms))?;
            }
            tpl.add_partition_offset(topic, p, Offset::Offset(offset))?;
            starts.insert(p, (!matches!(start, Start::Since(_))).then_some(offset));
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
            active: partitions.iter().copied().collect(),
            starts,
            until: None,
            at_end: BTreeSet::new(),
        })
    }

    /// Stops each partition at `until`; one that starts past it is stopped at once.
    pub fn until(mut self, until: Option<Until>) -> anyhow::Result<Self> {
        self.until = until;
        if let Some(u) = until {
            let done: Vec<i32> = self
                .starts
                .iter()
                .filter(|(_, s)| s.is_some_and(|o| u.done_at_start(o)))
                .map(|(p, _)| *p)
                .collect();
            for p in done {
                self.stop_partition(p)?;
            }
        }
        Ok(self)
    }

    /// Stops reading a partition (`--until` reached): paused, and no longer waited for.
    fn stop_partition(&mut self, partition: i32) -> anyhow::Result<()> {
        if self.active.remove(&partition) {
            self.pending.remove(&partition);
            let mut tpl = TopicPartitionList::new();
            tpl.add_partition(&self.topic, partition);
            self.consumer
                .pause(&tpl)
                .map_err(|e| anyhow!("cannot pause {} partition {partition}: {e}", self.topic))?;
        }
        Ok(())
    }

    /// Following with `Until::Time`: stops the partitions at their end once the time passed.
    fn stop_ended_partitions(&mut self) -> anyhow::Result<()> {
        if let (true, Some(until @ Until::Time(_))) = (self.follow, self.until) {
            let now = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map(|d| d.as_millis() as i64)
                .unwrap_or(0);
            if until.done_at_end(None, now) {
                let ended: Vec<i32> = self.at_end.iter().copied().collect();
                for p in ended {
                    self.stop_partition(p)?;
                }
            }
        }
        Ok(())
    }

    /// The next offset of a partition, as the consumer has it.
    fn position(&self, partition: i32) -> Option<i64> {
        let tpl = self.consumer.position().ok()?;
        match tpl.find_partition(&self.topic, partition)?.offset() {
            Offset::Offset(o) => Some(o),
            _ => None,
        }
    }

    /// Waits up to 200 ms for the next record.
    pub fn next_step(&mut self) -> anyhow::Result<ReadStep> {
        self.stop_ended_partitions()?;
        if (!self.follow && self.pending.is_empty()) || self.active.is_empty() {
            return Ok(ReadStep::End);
        }
        match self.consumer.poll(Duration::from_millis(200)) {
            None => Ok(ReadStep::Idle),
            Some(Err(KafkaError::PartitionEOF(p))) => {
                self.pending.remove(&p);
                if self.follow && matches!(self.until, Some(Until::Time(_))) {
                    self.at_end.insert(p);
                }
                if let (true, Some(u @ Until::Offset(_))) = (self.follow, self.until) {
                    if u.done_at_end(self.position(p), 0) {
                        self.stop_partition(p)?;
                    }
                }
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
            Some(Ok(m)) => {
                use rdkafka::Message;
                let p = m.partition();
                if !self.active.contains(&p) {
                    // Fetched before the partition was paused.
                    return Ok(ReadStep::Idle);
                }
                if !self.at_end.is_empty() {
                    self.at_end.remove(&p);
                }
                let step = self.until.map_or(UntilStep::Go, |u| {
                    u.step(m.offset(), m.timestamp().to_millis())
                });
                match step {
                    UntilStep::Go => Ok(ReadStep::Record(m.detach())),
                    UntilStep::Last => {
                        let record = m.detach();
                        self.stop_partition(p)?;
                        Ok(ReadStep::Record(record))
                    }
                    UntilStep::Past => {
                        drop(m);
                        self.stop_partition(p)?;
                        Ok(ReadStep::Idle)
                    }
                }
            }
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
    fn until_takes_offsets_times_and_durations_after_the_start() {
        assert_eq!(parse_until("1500", 7), Ok(Until::Offset(1500)));
        assert_eq!(parse_until("+10m", 1_000), Ok(Until::Time(601_000)));
        assert_eq!(
            parse_until("1970-01-01T00:00:10Z", 7),
            Ok(Until::Time(10_000))
        );
        assert!(parse_until("10m", 0).unwrap_err().contains("needs a +"));
        assert!(parse_until("-3", 0).unwrap_err().contains("0 or more"));
        assert!(parse_until("+soon", 0).unwrap_err().contains("+10m"));
        assert!(parse_until("later", 0)
            .unwrap_err()
            .contains("neither an offset"));
    }

    #[test]
    fn until_an_offset_shows_the_offsets_before_it() {
        let u = Until::Offset(10);
        assert_eq!(u.step(8, None), UntilStep::Go);
        assert_eq!(u.step(9, None), UntilStep::Last);
        assert_eq!(u.step(10, None), UntilStep::Past);
        assert_eq!(u.step(12, None), UntilStep::Past, "a gap (compaction)");
        assert!(u.done_at_start(10) && !u.done_at_start(9));
        assert!(u.done_at_end(Some(10), 0) && !u.done_at_end(Some(9), 0));
        assert!(!u.done_at_end(None, 0));
    }

    #[test]
    fn until_a_time_shows_the_records_stamped_before_it() {
        let u = Until::Time(5_000);
        assert_eq!(u.step(0, Some(4_999)), UntilStep::Go);
        assert_eq!(u.step(1, Some(5_000)), UntilStep::Past);
        assert_eq!(u.step(2, None), UntilStep::Go, "no timestamp: no stop");
        assert!(!u.done_at_start(1_000_000));
        // At the end of a followed partition: done once the clock passed the time.
        assert!(!u.done_at_end(None, 4_999));
        assert!(u.done_at_end(None, 5_000));
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
