//! What the `dlq` subcommands share: the DLQ topic's name, `--since` as a start, reading the
//! topic to the end, a dead letter as a `Row` (as `list` shows it and `stats` counts it), and
//! a timestamp as RFC 3339 text.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anyhow::anyhow;
use rdkafka::message::OwnedMessage;
use rdkafka::Message;
use serde::Serialize;

use crate::cli::DlqTopicArgs;
use crate::error::usage;
use crate::kafka::admin::Admin;
use crate::kafka::config::ClientSettings;
use crate::kafka::reader::{parse_since, Start, TopicReader};
use crate::pipeline::dead_letter::{describe, DeadLetterInfo};

pub(super) fn dlq_topic(args: &DlqTopicArgs) -> anyhow::Result<String> {
    let topic = args.topic.clone().unwrap_or_else(|| {
        format!(
            "{}.dlq",
            std::env::var("INPUT_TOPIC").unwrap_or_else(|_| "posts".into())
        )
    });
    crate::cmd::topics::validate_topic_name(&topic).map_err(usage)?;
    Ok(topic)
}

/// The topic a DLQ topic's records came from by the naming convention (`<topic>.dlq`), to
/// name that topic's schema subjects when decoding; the DLQ topic itself otherwise.
pub(super) fn original_topic_of(dlq: &str) -> &str {
    dlq.strip_suffix(".dlq").unwrap_or(dlq)
}

/// Reads dead letters from `start` to the end of every partition, on a blocking thread.
pub(super) async fn read_dead_letters(
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

pub(super) fn millis_to_time(ms: i64) -> String {
    humantime::format_rfc3339_seconds(UNIX_EPOCH + Duration::from_millis(ms.max(0) as u64))
        .to_string()
}

/// One dead letter as `list` shows it and `stats` counts it.
#[derive(Debug, Serialize)]
pub(super) struct Row {
    pub(super) partition: i32,
    pub(super) offset: i64,
    pub(super) timestamp: Option<i64>,
    pub(super) key: Option<String>,
    #[serde(flatten)]
    pub(super) info: DeadLetterInfo,
}

pub(super) fn row(m: &OwnedMessage) -> Row {
    Row {
        partition: m.partition(),
        offset: m.offset(),
        timestamp: m.timestamp().to_millis(),
        key: m.key().map(|k| String::from_utf8_lossy(k).to_string()),
        info: describe(&crate::kafka::producer::record_headers(m)),
    }
}

pub(super) fn since(text: &Option<String>) -> anyhow::Result<Start> {
    Ok(match text {
        Some(t) => Start::Since(parse_since(t, SystemTime::now()).map_err(usage)?),
        None => Start::Beginning,
    })
}
