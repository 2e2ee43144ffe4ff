//! `kmsg dlq list|show|stats|replay|watch`: inspecting dead letters without joining a group
//! or committing, and re-sending them. Records are read to the end of the topic
//! (`read_committed`) and their headers decoded by `pipeline::dead_letter::describe`
//! (kmsg's, Spring's and Connect's). `replay` works on a snapshot: each partition's end
//! offset taken at its start, so the dead letters its own records may cause meanwhile are
//! never re-sent by the same run; `plan` decides every record of the snapshot, and the dry
//! run prints that plan while the real run carries it out. It commits its own group's
//! progress, each record only after its re-sent copy was acknowledged, so an interrupted
//! replay resumes without re-sending.

use std::collections::BTreeMap;
use std::process::ExitCode;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anyhow::anyhow;
use rdkafka::message::OwnedMessage;
use rdkafka::Message;
use serde::Serialize;

use super::Context;
use crate::cli::{DlqCommand, DlqListArgs, DlqShowArgs, DlqStatsArgs, DlqTopicArgs, OutputFormat};
use crate::envelope::Envelope;
use crate::error::usage;
use crate::kafka::admin::Admin;
use crate::kafka::config::ClientSettings;
use crate::kafka::reader::{parse_since, Start, TopicReader};
use crate::output;
use crate::pipeline::dead_letter::{describe, DeadLetterInfo};

/// Width of the longest bar in `stats`.
const BAR_WIDTH: usize = 40;

pub async fn run(cmd: DlqCommand, ctx: &Context) -> anyhow::Result<ExitCode> {
    match cmd {
        DlqCommand::List(args) => list(args, ctx).await,
        DlqCommand::Show(args) => show(args, ctx).await,
        DlqCommand::Stats(args) => stats(args, ctx).await,
        DlqCommand::Replay(args) => replay(args, ctx).await,
        DlqCommand::Watch(args) => watch(args, ctx).await,
    }
}

fn dlq_topic(args: &DlqTopicArgs) -> anyhow::Result<String> {
    let topic = args.topic.clone().unwrap_or_else(|| {
        format!(
            "{}.dlq",
            std::env::var("INPUT_TOPIC").unwrap_or_else(|_| "posts".into())
        )
    });
    super::topics::validate_topic_name(&topic).map_err(usage)?;
    Ok(topic)
}

/// Reads dead letters from `start` to the end of every partition, on a blocking thread.
async fn read_dead_letters(
    settings: &ClientSettings,
    topic: &str,
    partitions: Option<Vec<i32>>,
    start: Start,
) -> anyhow::Result<Vec<OwnedMessage>> {
    let admin = Admin::connect(settings).await?;
    let info = admin.topic(topic).await?;
    drop(admin);
    let partitions =
        partitions.unwrap_or_else(|| info.partitions.iter().map(|p| p.partition).collect());
    let (settings, topic) = (settings.clone(), topic.to_string());
    tokio::task::spawn_blocking(move || {
        TopicReader::open(&settings, &topic, &partitions, start, false)?.read_all()
    })
    .await
    .map_err(|e| anyhow!("the reader thread failed: {e}"))?
}

fn millis_to_time(ms: i64) -> String {
    humantime::format_rfc3339_seconds(UNIX_EPOCH + Duration::from_millis(ms.max(0) as u64))
        .to_string()
}

/// One row of `dlq list`.
#[derive(Debug, Serialize)]
struct Row {
    partition: i32,
    offset: i64,
    timestamp: Option<i64>,
    key: Option<String>,
    #[serde(flatten)]
    info: DeadLetterInfo,
}

/// `dlq list -o json`: one document.
#[derive(Debug, Serialize)]
struct Listing<'a> {
    topic: &'a str,
    count: usize,
    dead_letters: &'a [Row],
}

fn row(m: &OwnedMessage) -> Row {
    Row {
        partition: m.partition(),
        offset: m.offset(),
        timestamp: m.timestamp().to_millis(),
        key: m.key().map(|k| String::from_utf8_lossy(k).to_string()),
        info: describe(&crate::kafka::producer::record_headers(m)),
    }
}

fn since(text: &Option<String>) -> anyhow::Result<Start> {
    Ok(match text {
        Some(t) => Start::Since(parse_since(t, SystemTime::now()).map_err(usage)?),
        None => Start::Beginning,
    })
}

async fn list(args: DlqListArgs, ctx: &Context) -> anyhow::Result<ExitCode> {
    let topic = dlq_topic(&args.dlq)?;
    let start = since(&args.since)?;
    let mut rows: Vec<Row> = read_dead_letters(&ctx.settings, &topic, None, start)
        .await?
        .iter()
        .map(row)
        .filter(|r| {
            args.reason
                .as_ref()
                .is_none_or(|want| r.info.class.as_ref() == Some(want))
        })
        .filter(|r| {
            args.original_topic
                .as_ref()
                .is_none_or(|want| r.info.original_topic.as_ref() == Some(want))
        })
        .collect();
    rows.sort_by_key(|r| (r.timestamp, r.partition, r.offset));
    if let Some(max) = args.max {
        let skip = rows.len().saturating_sub(max);
        rows.drain(..skip);
    }
    match ctx.output {
        // A finite result is one JSON document (streams print one object per line).
        OutputFormat::Json => output::print_json(&Listing {
            topic: &topic,
            count: rows.len(),
            dead_letters: &rows,
        })?,
        OutputFormat::Table | OutputFormat::Raw => {
            let mut t = output::table(&[
                "when",
                "dlq p:offset",
                "from topic/p/offset",
                "stage",
                "error class",
                "message",
            ]);
            for r in &rows {
                let from = format!(
                    "{}/{}/{}",
                    r.info.original_topic.as_deref().unwrap_or("?"),
                    r.info
                        .original_partition
                        .map_or("?".into(), |p| p.to_string()),
                    r.info.original_offset.map_or("?".into(), |o| o.to_string())
                );
                let message = r.info.message.clone().unwrap_or_default();
                let message: String = if message.chars().count() > 70 {
                    message
                        .chars()
                        .take(69)
                        .chain(std::iter::once('…'))
                        .collect()
                } else {
                    message
                };
                t.add_row(vec![
                    r.timestamp.map(millis_to_time).unwrap_or_default(),
                    format!("{}:{}", r.partition, r.offset),
                    from,
                    r.info.stage.clone().unwrap_or_default(),
                    r.info.class.clone().unwrap_or_default(),
                    message,
                ]);
            }
            output::print_text(&format!("{t}\n{} dead letter(s) in {topic}", rows.len()))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Parses `PARTITION:OFFSET`.
pub fn parse_coordinates(text: &str) -> Result<(i32, i64), String> {
    let err = || format!("{text:?} is not PARTITION:OFFSET (e.g. 3:1042)");
    let (p, o) = text.split_once(':').ok_or_else(err)?;
    Ok((
        p.trim().parse().map_err(|_| err())?,
        o.trim().parse().map_err(|_| err())?,
    ))
}

/// The error for a `dlq show` offset outside the partition's records `low..high` (pure).
fn offset_out_of_range(
    topic: &str,
    partition: i32,
    offset: i64,
    low: i64,
    high: i64,
) -> Option<String> {
    if (low..high).contains(&offset) {
        return None;
    }
    Some(if low >= high {
        format!(
            "no record at {topic} {partition}:{offset}: partition {partition} holds no record (its next offset is {high}); `kmsg dlq list -t {topic}` shows PARTITION:OFFSET of each dead letter"
        )
    } else {
        format!(
            "no record at {topic} {partition}:{offset}: partition {partition} holds offsets {low} to {}; give PARTITION:OFFSET in that range, e.g. `kmsg dlq show -t {topic} {partition}:{low}`",
            high - 1
        )
    })
}

#[derive(Debug, Serialize)]
struct Shown {
    #[serde(flatten)]
    record: Envelope,
    dead_letter: DeadLetterInfo,
}

async fn show(args: DlqShowArgs, ctx: &Context) -> anyhow::Result<ExitCode> {
    let topic = dlq_topic(&args.dlq)?;
    let (partition, offset) = parse_coordinates(&args.record).map_err(usage)?;
    let admin = Admin::connect(&ctx.settings).await?;
    let info = admin.topic(&topic).await?;
    drop(admin);
    if partition < 0 || partition as usize >= info.partitions.len() {
        return Err(usage(format!(
            "partition {partition} does not exist: {topic} has partitions 0 to {}",
            info.partitions.len() - 1
        )));
    }
    let settings = ctx.settings.clone();
    let t = topic.clone();
    let record = tokio::task::spawn_blocking(move || -> anyhow::Result<Option<OwnedMessage>> {
        let probe: rdkafka::consumer::BaseConsumer<crate::kafka::context::KmsgContext> = settings
            .viewer_config()
            .create_with_context(crate::kafka::context::KmsgContext::default())
            .map_err(|e| anyhow!("cannot create the reader: {e}"))?;
        let (low, high) = crate::kafka::reader::watermarks(&probe, &t, partition, settings.timeout)
            .map_err(|e| anyhow!("cannot read the offsets of {t} partition {partition}: {e}"))?;
        drop(probe);
        if let Some(e) = offset_out_of_range(&t, partition, offset, low, high) {
            return Err(usage(e));
        }
        let mut reader =
            TopicReader::open(&settings, &t, &[partition], Start::Offset(offset), false)?;
        loop {
            match reader.next_step()? {
                crate::kafka::reader::ReadStep::Record(m) => return Ok(Some(m)),
                crate::kafka::reader::ReadStep::End => return Ok(None),
                crate::kafka::reader::ReadStep::Idle => {}
            }
        }
    })
    .await
    .map_err(|e| anyhow!("the reader thread failed: {e}"))?
    .map_err(|e| match e.downcast::<crate::error::UsageError>() {
        Ok(u) => anyhow::Error::from(u),
        Err(e) => e,
    })?;
    let m = record.filter(|m| m.offset() == offset).ok_or_else(|| {
        anyhow!("no record at {topic} {partition}:{offset} (deleted, or a transaction marker)")
    })?;
    let headers = crate::kafka::producer::record_headers(&m);
    let shown = Shown {
        record: Envelope::from_record(
            m.topic(),
            m.partition(),
            m.offset(),
            m.timestamp().to_millis(),
            m.key(),
            m.payload(),
            headers.clone(),
        ),
        dead_letter: describe(&headers),
    };
    if ctx.output == OutputFormat::Json {
        output::print_json(&shown)?;
        return Ok(ExitCode::SUCCESS);
    }
    let d = &shown.dead_letter;
    let mut t = output::table(&["field", "value"]);
    let mut put = |k: &str, v: Option<String>| {
        if let Some(v) = v {
            t.add_row(vec![k.to_string(), v]);
        }
    };
    put("record", Some(format!("{topic} {partition}:{offset}")));
    put(
        "dead-lettered",
        m.timestamp().to_millis().map(millis_to_time),
    );
    put(
        "key",
        m.key().map(|k| String::from_utf8_lossy(k).to_string()),
    );
    put("header format", Some(d.format.to_string()));
    put("original topic", d.original_topic.clone());
    put(
        "original partition",
        d.original_partition.map(|p| p.to_string()),
    );
    put("original offset", d.original_offset.map(|o| o.to_string()));
    put("original time", d.original_timestamp.map(millis_to_time));
    put("consumer group", d.group.clone());
    put("stage", d.stage.clone());
    put("error class", d.class.clone());
    put("error message", d.message.clone());
    put("error detail", d.detail.clone());
    put("attempts", d.attempts.map(|a| a.to_string()));
    put("failed at", d.failed_at.clone());
    put("replay count", Some(d.replay_count.to_string()));
    for (k, v) in &headers {
        let v = v
            .as_ref()
            .map_or("(null)".to_string(), |b| match std::str::from_utf8(b) {
                Ok(s) => s.to_string(),
                Err(_) => format!(
                    "0x{}",
                    b.iter().map(|x| format!("{x:02x}")).collect::<String>()
                ),
            });
        put(&format!("header {k}"), Some(v));
    }
    let value = match m.payload() {
        None => "(null)".to_string(),
        Some(b) => match serde_json::from_slice::<serde_json::Value>(b) {
            Ok(v) => serde_json::to_string_pretty(&v).unwrap_or_default(),
            Err(_) => b.escape_ascii().to_string(),
        },
    };
    output::print_text(&format!("{t}\nvalue:\n{value}"))?;
    Ok(ExitCode::SUCCESS)
}

#[derive(Debug, Serialize)]
struct Stats {
    topic: String,
    total: usize,
    by_class: BTreeMap<String, usize>,
    by_original_topic: BTreeMap<String, usize>,
    /// Counts per hour (or minute), keyed by the start of the interval (RFC 3339).
    over_time: BTreeMap<String, usize>,
}

/// Counts dead letters (pure; unit-tested).
fn count(topic: &str, rows: &[Row], per_minute: bool) -> Stats {
    let mut s = Stats {
        topic: topic.to_string(),
        total: rows.len(),
        by_class: BTreeMap::new(),
        by_original_topic: BTreeMap::new(),
        over_time: BTreeMap::new(),
    };
    let bucket = if per_minute { 60_000 } else { 3_600_000 };
    for r in rows {
        *s.by_class
            .entry(r.info.class.clone().unwrap_or_else(|| "(none)".into()))
            .or_default() += 1;
        *s.by_original_topic
            .entry(
                r.info
                    .original_topic
                    .clone()
                    .unwrap_or_else(|| "(unknown)".into()),
            )
            .or_default() += 1;
        if let Some(ts) = r.timestamp {
            *s.over_time
                .entry(millis_to_time(ts - ts.rem_euclid(bucket)))
                .or_default() += 1;
        }
    }
    s
}

/// A horizontal bar scaled so the largest count fills `BAR_WIDTH`.
fn bar(n: usize, max: usize) -> String {
    let len = if max == 0 {
        0
    } else {
        (n * BAR_WIDTH).div_ceil(max)
    };
    "█".repeat(len)
}

async fn stats(args: DlqStatsArgs, ctx: &Context) -> anyhow::Result<ExitCode> {
    let topic = dlq_topic(&args.dlq)?;
    let start = since(&args.since)?;
    let rows: Vec<Row> = read_dead_letters(&ctx.settings, &topic, None, start)
        .await?
        .iter()
        .map(row)
        .collect();
    let s = count(&topic, &rows, args.per_minute);
    if ctx.output == OutputFormat::Json {
        output::print_json(&s)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut text = format!("{} dead letter(s) in {topic}\n", s.total);
    for (title, map) in [
        ("by error class", &s.by_class),
        ("by original topic", &s.by_original_topic),
        (
            if args.per_minute {
                "per minute"
            } else {
                "per hour"
            },
            &s.over_time,
        ),
    ] {
        let max = map.values().copied().max().unwrap_or(0);
        let mut t = output::table(&[title, "count", ""]);
        for (k, n) in map {
            t.add_row(vec![k.clone(), n.to_string(), bar(*n, max)]);
        }
        text.push('\n');
        text.push_str(&t.to_string());
        text.push('\n');
    }
    output::print_text(text.trim_end())?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn replay_args(reason: Option<&str>, to: Option<&str>) -> crate::cli::DlqReplayArgs {
        crate::cli::DlqReplayArgs {
            dlq: DlqTopicArgs { topic: None },
            reason: reason.map(String::from),
            original_topic: None,
            to: to.map(String::from),
            dry_run: false,
            max_replays: 3,
            group: None,
        }
    }

    #[test]
    fn replay_sends_to_the_original_topic_refuses_ping_pong_and_needs_a_target() {
        let mut info = DeadLetterInfo {
            format: "kmsg",
            class: Some("json_parse".into()),
            original_topic: Some("posts".into()),
            ..DeadLetterInfo::default()
        };
        assert_eq!(
            decide(&info, &replay_args(None, None)),
            Ok(ReplayDecision::Send("posts".into()))
        );
        assert_eq!(
            decide(&info, &replay_args(None, Some("x"))),
            Ok(ReplayDecision::Send("x".into()))
        );
        assert_eq!(
            decide(&info, &replay_args(Some("retries_exhausted"), None)),
            Ok(ReplayDecision::Skip)
        );
        info.replay_count = 3;
        assert_eq!(
            decide(&info, &replay_args(None, None)),
            Ok(ReplayDecision::Refuse)
        );
        info.replay_count = 0;
        info.original_topic = None;
        assert!(decide(&info, &replay_args(None, None))
            .unwrap_err()
            .contains("give --to"));
    }

    fn letter(partition: i32, offset: i64, class: &str, replays: u32, done: bool) -> Letter {
        Letter {
            partition,
            offset,
            info: DeadLetterInfo {
                format: "kmsg",
                class: Some(class.into()),
                original_topic: Some("posts".into()),
                replay_count: replays,
                ..DeadLetterInfo::default()
            },
            done,
        }
    }

    #[test]
    fn a_plan_lists_the_selected_records_in_order_and_leaves_done_ones_alone() {
        let letters = vec![
            letter(1, 0, "json_parse", 0, false),
            letter(0, 5, "json_parse", 3, false),
            letter(0, 4, "schema_validation", 0, false),
            letter(0, 2, "json_parse", 0, true),
            letter(0, 3, "json_parse", 0, false),
        ];
        let p = plan(letters, &replay_args(Some("json_parse"), None)).unwrap();
        let at: Vec<(i32, i64, &str)> = p
            .records
            .iter()
            .map(|r| (r.partition, r.offset, r.decision))
            .collect();
        assert_eq!(at, [(0, 3, "replay"), (0, 5, "refused"), (1, 0, "replay")]);
        assert_eq!(p.records[0].to.as_deref(), Some("posts"));
        assert_eq!(p.records[1].to, None);
        assert_eq!((p.skipped_by_filter, p.already_done, p.matched), (1, 1, 4));
        assert_eq!(p.classes["json_parse"], 4);
    }

    #[test]
    fn a_filter_that_matches_nothing_names_what_is_there() {
        let letters = vec![
            letter(0, 0, "json_parse", 0, false),
            letter(0, 1, "json_parse", 0, false),
            letter(0, 2, "not_utf8", 0, true),
        ];
        match plan(letters.clone(), &replay_args(Some("nope"), None)) {
            Err(PlanError::NothingMatched(e)) => assert!(
                e.contains(r#"error class "nope""#) && e.contains("json_parse (2), not_utf8 (1)"),
                "{e}"
            ),
            other => panic!("{other:?}"),
        }
        // Everything handled by an earlier run is not "nothing matched".
        let done: Vec<Letter> = letters
            .into_iter()
            .map(|l| Letter { done: true, ..l })
            .collect();
        let p = plan(done, &replay_args(Some("json_parse"), None)).unwrap();
        assert!(p.records.is_empty());
        assert_eq!(p.already_done, 3);
        // No filter, empty DLQ: nothing to do, not a failure.
        assert_eq!(plan(vec![], &replay_args(None, None)), Ok(Plan::default()));
    }

    #[test]
    fn a_plan_with_a_record_that_has_no_target_is_refused_whole() {
        let mut orphan = letter(0, 7, "x", 0, false);
        orphan.info.original_topic = None;
        let letters = vec![letter(0, 6, "x", 0, false), orphan];
        match plan(letters.clone(), &replay_args(None, None)) {
            Err(PlanError::NoTarget(e)) => {
                assert!(e.contains("at 0:7") && e.contains("give --to"), "{e}")
            }
            other => panic!("{other:?}"),
        }
        let p = plan(letters, &replay_args(None, Some("other"))).unwrap();
        assert_eq!(p.records.len(), 2);
    }

    #[test]
    fn show_names_the_offset_range_of_the_partition() {
        assert_eq!(offset_out_of_range("d", 3, 5, 0, 10), None);
        let e = offset_out_of_range("d", 3, 999, 2, 10).unwrap();
        assert!(
            e.contains("holds offsets 2 to 9") && e.contains("kmsg dlq show -t d 3:2"),
            "{e}"
        );
        assert!(!e.contains("--offset"));
        let e = offset_out_of_range("d", 3, 0, 4, 4).unwrap();
        assert!(e.contains("holds no record"), "{e}");
    }

    #[test]
    fn replayed_headers_drop_the_error_and_count_the_replay() {
        let h = vec![
            ("trace".to_string(), Some(b"t".to_vec())),
            (
                "kmsg.dlq.original.topic".to_string(),
                Some(b"posts".to_vec()),
            ),
            (
                "kmsg.dlq.error.class".to_string(),
                Some(b"json_parse".to_vec()),
            ),
            ("kmsg.dlq.replay.count".to_string(), Some(b"1".to_vec())),
        ];
        let out = replay_headers(&h, 1);
        let keys: Vec<&str> = out.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            keys,
            ["trace", "kmsg.dlq.original.topic", "kmsg.dlq.replay.count"]
        );
        assert_eq!(out[2].1.as_deref(), Some(&b"2"[..]));
    }

    #[test]
    fn coordinates_are_partition_colon_offset() {
        assert_eq!(parse_coordinates("3:1042"), Ok((3, 1042)));
        assert!(parse_coordinates("3-1042")
            .unwrap_err()
            .contains("PARTITION:OFFSET"));
        assert!(parse_coordinates("a:1").is_err());
    }

    #[test]
    fn stats_count_by_class_topic_and_hour() {
        let mk = |class: &str, ts: i64| Row {
            partition: 0,
            offset: 0,
            timestamp: Some(ts),
            key: None,
            info: DeadLetterInfo {
                format: "kmsg",
                class: Some(class.into()),
                original_topic: Some("posts".into()),
                ..DeadLetterInfo::default()
            },
        };
        let rows = vec![mk("a", 3_600_000), mk("a", 3_600_500), mk("b", 7_200_000)];
        let s = count("posts.dlq", &rows, false);
        assert_eq!(s.by_class["a"], 2);
        assert_eq!(s.by_original_topic["posts"], 3);
        assert_eq!(s.over_time["1970-01-01T01:00:00Z"], 2);
        assert_eq!(s.over_time["1970-01-01T02:00:00Z"], 1);
        assert_eq!(bar(2, 2).chars().count(), BAR_WIDTH);
        assert_eq!(bar(1, 2).chars().count(), BAR_WIDTH / 2);
    }
}

/// What `replay` decided for one dead letter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReplayDecision {
    /// Send it to this topic.
    Send(String),
    /// Filtered out.
    Skip,
    /// Replayed `--max-replays` times already.
    Refuse,
}

/// Decides what to do with one dead letter (pure; unit-tested).
pub fn decide(
    info: &DeadLetterInfo,
    args: &crate::cli::DlqReplayArgs,
) -> Result<ReplayDecision, String> {
    if args
        .reason
        .as_ref()
        .is_some_and(|r| info.class.as_ref() != Some(r))
        || args
            .original_topic
            .as_ref()
            .is_some_and(|t| info.original_topic.as_ref() != Some(t))
    {
        return Ok(ReplayDecision::Skip);
    }
    if info.replay_count >= args.max_replays {
        return Ok(ReplayDecision::Refuse);
    }
    match (&args.to, &info.original_topic) {
        (Some(to), _) => Ok(ReplayDecision::Send(to.clone())),
        (None, Some(original)) => Ok(ReplayDecision::Send(original.clone())),
        (None, None) => Err("it has no original topic header (kmsg.dlq.original.topic, kafka_dlt-original-topic or __connect.errors.topic): give --to".into()),
    }
}

/// The headers of a replayed record: `kmsg.dlq.error.*` (and attempts/failed-at) stripped,
/// `original.*` kept, `kmsg.dlq.replay.count` incremented.
pub fn replay_headers(
    headers: &[(String, Option<Vec<u8>>)],
    count: u32,
) -> Vec<(String, Option<Vec<u8>>)> {
    let mut out: Vec<(String, Option<Vec<u8>>)> = headers
        .iter()
        .filter(|(k, _)| {
            !(k.starts_with("kmsg.dlq.error.")
                || k == "kmsg.dlq.replay.count"
                || k == "kmsg.dlq.attempts"
                || k == "kmsg.dlq.failed.at"
                || k == "kmsg.dlq.stage")
        })
        .cloned()
        .collect();
    out.push((
        "kmsg.dlq.replay.count".into(),
        Some((count + 1).to_string().into_bytes()),
    ));
    out
}

/// One dead letter of the replay's snapshot, as the planner sees it.
#[derive(Debug, Clone)]
pub struct Letter {
    pub partition: i32,
    pub offset: i64,
    pub info: DeadLetterInfo,
    /// Below the replay group's committed progress: an earlier run of this replay handled it.
    pub done: bool,
}

/// One selected dead letter and what the replay does with it: the per-record list that the
/// dry run predicts and the real run reports (the dry run's table shows the same fields).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Planned {
    pub partition: i32,
    pub offset: i64,
    pub class: Option<String>,
    pub replay_count: u32,
    /// `replay` or `refused` (replayed `--max-replays` times already).
    pub decision: &'static str,
    /// The topic a `replay` goes to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
}

/// What one replay does with its snapshot of the DLQ (pure; unit-tested). The dry run and
/// the real run both print this plan; the real run then carries it out.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Plan {
    /// The selected dead letters not handled yet, in (partition, offset) order.
    pub records: Vec<Planned>,
    pub skipped_by_filter: u64,
    pub already_done: u64,
    /// Dead letters the filters select, handled earlier or not.
    pub matched: u64,
    /// Every error class in the snapshot, with its count (`(none)` for none).
    pub classes: BTreeMap<String, u64>,
    /// Every original topic in the snapshot, with its count (`(unknown)` for none).
    pub original_topics: BTreeMap<String, u64>,
}

/// Why a replay refuses to start.
#[derive(Debug, PartialEq, Eq)]
pub enum PlanError {
    /// `--reason`/`--original-topic` select no dead letter at all (exit 3): what no dead
    /// letter has, and what is there.
    NothingMatched(String),
    /// Some selected dead letters have no target (exit 2: give `--to`).
    NoTarget(String),
}

/// Plans a replay of `letters` (in any order): decides each one with `decide`, refuses a
/// plan that selects nothing or cannot send a record, and lists what is to be done.
pub fn plan(mut letters: Vec<Letter>, args: &crate::cli::DlqReplayArgs) -> Result<Plan, PlanError> {
    letters.sort_by_key(|l| (l.partition, l.offset));
    let mut p = Plan::default();
    let mut no_target: Vec<(i32, i64, String)> = Vec::new();
    for l in &letters {
        *p.classes
            .entry(l.info.class.clone().unwrap_or_else(|| "(none)".into()))
            .or_default() += 1;
        *p.original_topics
            .entry(
                l.info
                    .original_topic
                    .clone()
                    .unwrap_or_else(|| "(unknown)".into()),
            )
            .or_default() += 1;
        let decision = decide(&l.info, args);
        if decision != Ok(ReplayDecision::Skip) {
            p.matched += 1;
        }
        if l.done {
            p.already_done += 1;
            continue;
        }
        let (decision, to) = match decision {
            Ok(ReplayDecision::Skip) => {
                p.skipped_by_filter += 1;
                continue;
            }
            Ok(ReplayDecision::Refuse) => ("refused", None),
            Ok(ReplayDecision::Send(to)) => ("replay", Some(to)),
            Err(e) => {
                no_target.push((l.partition, l.offset, e));
                continue;
            }
        };
        p.records.push(Planned {
            partition: l.partition,
            offset: l.offset,
            class: l.info.class.clone(),
            replay_count: l.info.replay_count,
            decision,
            to,
        });
    }
    if p.matched == 0 && (args.reason.is_some() || args.original_topic.is_some()) {
        let present = |m: &BTreeMap<String, u64>| {
            if m.is_empty() {
                "none: the DLQ is empty".to_string()
            } else {
                m.iter()
                    .map(|(k, n)| format!("{k} ({n})"))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        };
        let mut what = Vec::new();
        if let Some(r) = &args.reason {
            what.push(format!(
                "error class {r:?} (classes present: {})",
                present(&p.classes)
            ));
        }
        if let Some(t) = &args.original_topic {
            what.push(format!(
                "original topic {t:?} (original topics present: {})",
                present(&p.original_topics)
            ));
        }
        return Err(PlanError::NothingMatched(what.join(" and ")));
    }
    if let Some((part, off, e)) = no_target.first() {
        return Err(PlanError::NoTarget(format!(
            "{} selected dead letter(s) cannot be replayed, the first at {part}:{off}: {e}",
            no_target.len()
        )));
    }
    Ok(p)
}

#[derive(Debug, Default, Serialize)]
struct ReplaySummary {
    dry_run: bool,
    group: String,
    replayed: u64,
    refused_max_replays: u64,
    skipped_by_filter: u64,
    /// Before the group's committed progress: handled by an earlier run of the same replay.
    already_done: u64,
    by_target: BTreeMap<String, u64>,
    /// Each partition's end offset when the replay started; it reads nothing at or past it.
    end_offsets: BTreeMap<i32, i64>,
    /// Stopped by Ctrl-C/SIGTERM before the plan was carried out.
    interrupted: bool,
    /// What was (dry run: would be) done with each selected dead letter, in order.
    records: Vec<Planned>,
}

impl ReplaySummary {
    /// Counts one record of the plan as done.
    fn count(&mut self, r: &Planned) {
        match &r.to {
            Some(to) => {
                self.replayed += 1;
                *self.by_target.entry(to.clone()).or_default() += 1;
            }
            None => self.refused_max_replays += 1,
        }
        self.records.push(r.clone());
    }
}

type ReplayConsumer = rdkafka::consumer::BaseConsumer<crate::kafka::context::KmsgContext>;

/// Reads the DLQ as it was when the replay started: each partition from `low` up to the
/// `end` it had then, never past it, so dead letters written while the replay runs (its own
/// records failing again in live consumers, say) wait for a later run instead of being
/// re-sent by this one. `None` when stopped by a signal.
fn read_snapshot(
    consumer: &ReplayConsumer,
    topic: &str,
    ranges: &BTreeMap<i32, (i64, i64)>,
    stop: &std::sync::atomic::AtomicBool,
) -> anyhow::Result<Option<Vec<OwnedMessage>>> {
    use rdkafka::consumer::Consumer;
    let mut tpl = rdkafka::TopicPartitionList::new();
    let mut pending = std::collections::BTreeSet::new();
    for (&p, &(low, end)) in ranges {
        if low < end {
            tpl.add_partition_offset(topic, p, rdkafka::Offset::Offset(low))?;
            pending.insert(p);
        }
    }
    consumer
        .assign(&tpl)
        .map_err(|e| anyhow!("cannot assign the partitions of {topic}: {e}"))?;
    let mut out = Vec::new();
    while !pending.is_empty() {
        if stop.load(std::sync::atomic::Ordering::Relaxed) {
            return Ok(None);
        }
        match consumer.poll(Duration::from_millis(200)) {
            None => {}
            // At the end of a partition everything below the end it had is read (with
            // read_committed, an open transaction's records are left for a later run).
            Some(Err(rdkafka::error::KafkaError::PartitionEOF(p))) => {
                pending.remove(&p);
            }
            Some(Err(e)) => return Err(anyhow!("reading {topic}: {e}")),
            Some(Ok(m)) => {
                let p = m.partition();
                let end = ranges.get(&p).map_or(0, |r| r.1);
                if !pending.contains(&p) || m.offset() >= end {
                    pending.remove(&p);
                    continue;
                }
                if m.offset() + 1 >= end {
                    pending.remove(&p);
                }
                out.push(m.detach());
            }
        }
    }
    Ok(Some(out))
}

async fn replay(args: crate::cli::DlqReplayArgs, ctx: &Context) -> anyhow::Result<ExitCode> {
    use crate::kafka::producer::owned_headers;
    use rdkafka::consumer::{BaseConsumer, CommitMode, Consumer};
    use rdkafka::producer::{FutureProducer, FutureRecord};
    use std::sync::atomic::{AtomicBool, Ordering};

    let topic = dlq_topic(&args.dlq)?;
    if let Some(to) = &args.to {
        super::topics::validate_topic_name(to).map_err(usage)?;
    }
    let group = args.group.clone().unwrap_or_else(|| {
        format!(
            "kmsg-dlq-replay.{topic}.{}.{}.{}",
            args.reason.as_deref().unwrap_or("all"),
            args.original_topic.as_deref().unwrap_or("any"),
            args.to.as_deref().unwrap_or("original")
        )
    });
    let admin = Admin::connect(&ctx.settings).await?;
    let info = admin.topic(&topic).await?;
    if let Some(to) = &args.to {
        admin.topic(to).await?;
    }
    let partitions: Vec<i32> = info.partitions.iter().map(|p| p.partition).collect();

    // The dry run and the real run share everything up to carrying the plan out: the same
    // reader in the same group, the same snapshot, the same plan.
    let consumer_cfg = ctx.settings.group_reader_config(&group);
    let consumer: BaseConsumer<crate::kafka::context::KmsgContext> = consumer_cfg
        .create_with_context(crate::kafka::context::KmsgContext::default())
        .map_err(|e| anyhow!("cannot create the replay reader: {e}"))?;
    // Resume where this replay group left off; a new group starts at the beginning. The end
    // offsets are taken now, once: the replay works on the DLQ as it is at its start.
    let mut tpl = rdkafka::TopicPartitionList::new();
    for p in &partitions {
        tpl.add_partition(&topic, *p);
    }
    let timeout = ctx.settings.timeout;
    let (ranges, resume) = tokio::task::block_in_place(|| -> anyhow::Result<_> {
        let committed = consumer
            .committed_offsets(tpl, timeout)
            .map_err(|e| anyhow!("cannot read the replay group's progress: {e}"))?;
        let mut ranges = BTreeMap::new();
        let mut resume = BTreeMap::new();
        for e in committed.elements() {
            let (low, end) =
                crate::kafka::reader::watermarks(&consumer, &topic, e.partition(), timeout)
                    .map_err(|err| anyhow!("cannot read the offsets of {topic}: {err}"))?;
            let from = match e.offset() {
                rdkafka::Offset::Offset(o) => o.max(low),
                _ => low,
            };
            ranges.insert(e.partition(), (low, end));
            resume.insert(e.partition(), from);
        }
        Ok((ranges, resume))
    })?;

    let stop = std::sync::Arc::new(AtomicBool::new(false));
    let s = stop.clone();
    let signals = tokio::spawn(async move {
        crate::signals::wait_for_stop().await;
        s.store(true, Ordering::Relaxed);
    });
    let mut summary = ReplaySummary {
        dry_run: args.dry_run,
        group: group.clone(),
        end_offsets: ranges.iter().map(|(p, r)| (*p, r.1)).collect(),
        ..ReplaySummary::default()
    };
    let snapshot =
        match tokio::task::block_in_place(|| read_snapshot(&consumer, &topic, &ranges, &stop))? {
            Some(records) => records,
            None => {
                signals.abort();
                summary.interrupted = true;
                return print_replay(&summary, ctx.output);
            }
        };
    let letters: Vec<Letter> = snapshot
        .iter()
        .map(|m| Letter {
            partition: m.partition(),
            offset: m.offset(),
            info: describe(&crate::kafka::producer::record_headers(m)),
            done: m.offset() < resume.get(&m.partition()).copied().unwrap_or(0),
        })
        .collect();
    let plan = match plan(letters, &args) {
        Ok(plan) => plan,
        Err(PlanError::NothingMatched(e)) => {
            signals.abort();
            return Err(crate::error::CheckFailed(format!(
                "no dead letter in {topic} has {e}; nothing was replayed"
            ))
            .into());
        }
        Err(PlanError::NoTarget(e)) => {
            signals.abort();
            return Err(usage(format!("{e}; nothing was replayed")));
        }
    };
    summary.skipped_by_filter = plan.skipped_by_filter;
    summary.already_done = plan.already_done;
    let targets: std::collections::BTreeSet<&String> =
        plan.records.iter().filter_map(|r| r.to.as_ref()).collect();
    for to in targets {
        if let Err(e) = admin.topic(to).await {
            signals.abort();
            return Err(anyhow!(
                "cannot replay to {to}: {e:#}; nothing was replayed"
            ));
        }
    }

    if args.dry_run {
        signals.abort();
        for r in &plan.records {
            summary.count(r);
        }
        return print_replay(&summary, ctx.output);
    }

    if plan.records.iter().any(|r| r.to.is_some()) {
        tracing::warn!(
            "replay re-sends records after newer ones: per-key order on the target topic changes"
        );
    }
    let producer: FutureProducer = ctx
        .settings
        .producer_config()
        .create()
        .map_err(|e| anyhow!("cannot create the replay producer: {e}"))?;
    let mut to_send: BTreeMap<(i32, i64), OwnedMessage> = snapshot
        .into_iter()
        .map(|m| ((m.partition(), m.offset()), m))
        .collect();
    let commit = |tpl: &rdkafka::TopicPartitionList| {
        tokio::task::block_in_place(|| consumer.commit(tpl, CommitMode::Sync))
            .map_err(|e| anyhow!("cannot commit replay progress: {e}"))
    };
    let result: anyhow::Result<()> = async {
        for r in &plan.records {
            if stop.load(Ordering::Relaxed) {
                summary.interrupted = true;
                return Ok(());
            }
            let m = to_send
                .remove(&(r.partition, r.offset))
                .ok_or_else(|| anyhow!("record {}:{} vanished from the snapshot", r.partition, r.offset))?;
            match &r.to {
                None => tracing::warn!(partition = r.partition, offset = r.offset, "refused: replayed {} times already (--max-replays)", r.replay_count),
                Some(to) => {
                    let headers = replay_headers(&crate::kafka::producer::record_headers(&m), r.replay_count);
                    let mut record: FutureRecord<'_, [u8], [u8]> = FutureRecord::to(to);
                    if let Some(owned) = owned_headers(&headers) {
                        record = record.headers(owned);
                    }
                    if let Some(k) = m.key() {
                        record = record.key(k);
                    }
                    if let Some(v) = m.payload() {
                        record = record.payload(v);
                    }
                    producer
                        .send(record, ctx.settings.timeout)
                        .await
                        .map_err(|(e, _)| anyhow!("replaying {}:{} to {to} failed: {e}; stopped, earlier records are replayed and committed", r.partition, r.offset))?;
                }
            }
            summary.count(r);
            // Progress is committed only after the record's delivery (or refusal).
            let mut done = rdkafka::TopicPartitionList::new();
            done.add_partition_offset(&topic, r.partition, rdkafka::Offset::Offset(r.offset + 1))?;
            commit(&done)?;
        }
        // The rest of the snapshot (filtered out, or after the last selected record) is done.
        let mut rest = rdkafka::TopicPartitionList::new();
        for (p, (_, end)) in &ranges {
            if resume.get(p).is_some_and(|from| from < end) {
                rest.add_partition_offset(&topic, *p, rdkafka::Offset::Offset(*end))?;
            }
        }
        if rest.count() > 0 {
            commit(&rest)?;
        }
        Ok(())
    }
    .await;
    signals.abort();
    print_replay(&summary, ctx.output)?;
    result?;
    Ok(ExitCode::SUCCESS)
}

fn print_replay(s: &ReplaySummary, format: OutputFormat) -> anyhow::Result<ExitCode> {
    if format == OutputFormat::Json {
        output::print_json(s)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut text = String::new();
    if s.dry_run && !s.records.is_empty() {
        let mut t = output::table(&["dlq p:offset", "error class", "decision"]);
        for r in &s.records {
            t.add_row(vec![
                format!("{}:{}", r.partition, r.offset),
                r.class.clone().unwrap_or_default(),
                match &r.to {
                    Some(to) => format!("would replay to {to}"),
                    None => format!("refused: replayed {} times already", r.replay_count),
                },
            ]);
        }
        text.push_str(&format!("{t}\n"));
    }
    let targets: Vec<String> = s
        .by_target
        .iter()
        .map(|(t, n)| format!("{t}: {n}"))
        .collect();
    text.push_str(&format!(
        "{}{} replayed ({}), {} refused (max replays), {} skipped by filter, {} done by an earlier run; progress group {}{}",
        if s.dry_run { "dry run: " } else { "" },
        s.replayed,
        targets.join(", "),
        s.refused_max_replays,
        s.skipped_by_filter,
        s.already_done,
        s.group,
        if s.interrupted { "; interrupted, run it again to go on" } else { "" }
    ));
    output::print_text(&text)?;
    Ok(ExitCode::SUCCESS)
}

#[derive(Debug, Default, Serialize)]
struct WatchSummary {
    group: String,
    seen: u64,
    by_reason: BTreeMap<String, u64>,
    by_original_topic: BTreeMap<String, u64>,
}

/// The original DLQ consumer service: logs every dead letter (structured, on stderr; use
/// `--log-format json` for machines), counts it in `kafka_dlq_*` metrics, and commits after
/// it was logged.
async fn watch(args: crate::cli::DlqWatchArgs, ctx: &Context) -> anyhow::Result<ExitCode> {
    use rdkafka::consumer::{BaseConsumer, Consumer};
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;

    let topic = dlq_topic(&args.dlq)?;
    if args.idle_timeout.is_some_and(|d| d.is_zero()) {
        return Err(usage("--idle-timeout must be above 0"));
    }
    let admin = Admin::connect(&ctx.settings).await?;
    admin.topic(&topic).await?;
    drop(admin);
    let metrics = Arc::new(crate::metrics::DlqMetrics::new());
    if let Some(addr) = args.metrics_addr {
        crate::metrics::serve(addr, metrics.clone()).await?;
    }
    let cfg = ctx.settings.dlq_watch_config(&args.group)?;
    let consumer: BaseConsumer<crate::kafka::context::KmsgContext> = cfg
        .create_with_context(crate::kafka::context::KmsgContext::default())
        .map_err(|e| anyhow!("cannot create the watcher: {e}"))?;
    consumer
        .subscribe(&[&topic])
        .map_err(|e| anyhow!("cannot subscribe to {topic}: {e}"))?;
    let stop = Arc::new(AtomicBool::new(false));
    let s = stop.clone();
    let signals = tokio::spawn(async move {
        crate::signals::wait_for_stop().await;
        s.store(true, Ordering::Relaxed);
    });
    let idle = args.idle_timeout;
    let group = args.group.clone();
    let m = metrics.clone();
    let summary = tokio::task::spawn_blocking(move || -> anyhow::Result<WatchSummary> {
        let mut summary = WatchSummary {
            group,
            ..WatchSummary::default()
        };
        let mut last = std::time::Instant::now();
        while !stop.load(Ordering::Relaxed) && idle.is_none_or(|d| last.elapsed() < d) {
            m.set_ready(
                consumer
                    .assignment()
                    .map(|a| a.count() > 0)
                    .unwrap_or(false),
            );
            let msg = match consumer.poll(Duration::from_millis(200)) {
                None => continue,
                Some(Err(e)) => {
                    tracing::warn!("reading {topic}: {e}");
                    continue;
                }
                Some(Ok(msg)) => msg,
            };
            last = std::time::Instant::now();
            let info = describe(&crate::kafka::producer::record_headers(&msg.detach()));
            let origin = info
                .original_topic
                .clone()
                .unwrap_or_else(|| "(unknown)".into());
            let reason = info.class.clone().unwrap_or_else(|| "(none)".into());
            m.seen(
                &origin,
                &reason,
                info.stage.as_deref().unwrap_or(""),
                msg.partition(),
                msg.offset(),
                msg.timestamp().to_millis(),
                info.message.as_deref().unwrap_or(""),
            );
            summary.seen += 1;
            *summary.by_reason.entry(reason).or_default() += 1;
            *summary.by_original_topic.entry(origin).or_default() += 1;
            // Committed (by the auto-commit timer and at close) only once it was logged.
            consumer
                .store_offset_from_message(&msg)
                .map_err(|e| anyhow!("cannot store the watcher's position: {e}"))?;
        }
        consumer
            .commit_consumer_state(rdkafka::consumer::CommitMode::Sync)
            .or_else(|e| match e {
                rdkafka::error::KafkaError::ConsumerCommit(
                    rdkafka::types::RDKafkaErrorCode::NoOffset,
                ) => Ok(()),
                e => Err(e),
            })
            .map_err(|e| anyhow!("cannot commit the watcher's position: {e}"))?;
        Ok(summary)
    })
    .await
    .map_err(|e| anyhow!("the watcher thread failed: {e}"))??;
    signals.abort();
    if ctx.output == OutputFormat::Json {
        output::print_json(&summary)?;
    } else {
        let reasons: Vec<String> = summary
            .by_reason
            .iter()
            .map(|(r, n)| format!("{r}: {n}"))
            .collect();
        output::print_text(&format!(
            "{} dead letter(s) seen ({})",
            summary.seen,
            reasons.join(", ")
        ))?;
    }
    Ok(ExitCode::SUCCESS)
}
