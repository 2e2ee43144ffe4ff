//! `kmsg dlq list|show|stats`: inspecting dead letters without joining a group or
//! committing. Records are read to the end of the topic (`read_committed`) and their headers
//! decoded by `pipeline::dead_letter::describe` (kmsg's, Spring's and Connect's).

use std::collections::BTreeMap;
use std::process::ExitCode;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anyhow::anyhow;
use rdkafka::message::{Headers, OwnedMessage};
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

fn headers_of(m: &OwnedMessage) -> Vec<(String, Option<Vec<u8>>)> {
    m.headers()
        .map(|h| {
            h.iter()
                .map(|h| (h.key.to_string(), h.value.map(|v| v.to_vec())))
                .collect()
        })
        .unwrap_or_default()
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

fn row(m: &OwnedMessage) -> Row {
    Row {
        partition: m.partition(),
        offset: m.offset(),
        timestamp: m.timestamp().to_millis(),
        key: m.key().map(|k| String::from_utf8_lossy(k).to_string()),
        info: describe(&headers_of(m)),
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
        OutputFormat::Json => {
            for r in &rows {
                output::print_json(r)?;
            }
        }
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
        let mut reader =
            TopicReader::open(&settings, &t, &[partition], Start::Offset(offset), false)?;
        loop {
            match reader.next()? {
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
    let headers = headers_of(&m);
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
