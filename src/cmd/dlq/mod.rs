//! `kmsg dlq list|show|stats|replay|watch`: inspecting dead letters without joining a group
//! or committing, re-sending them, and watching for new ones. Records are read to the end of
//! the topic (`read_committed`) and their headers decoded by `pipeline::dead_letter::describe`
//! (kmsg's, Spring's and Connect's).
//!
//! Files: this one dispatches the subcommands and holds what they share (the DLQ topic's
//! name, reading it to the end, a dead letter as a `Row`); `list`, `show`, `stats`,
//! `replay` and `watch` are one subcommand each. What a replay does with its snapshot is
//! decided without Kafka in `pipeline::replay`.

mod list;
mod replay;
mod show;
mod stats;
mod watch;

use std::process::ExitCode;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anyhow::anyhow;
use rdkafka::message::OwnedMessage;
use rdkafka::Message;
use serde::Serialize;

use crate::cli::{DlqCommand, DlqTopicArgs};
use crate::cmd::context::Context;
use crate::error::usage;
use crate::kafka::admin::Admin;
use crate::kafka::config::ClientSettings;
use crate::kafka::reader::{parse_since, Start, TopicReader};
use crate::pipeline::dead_letter::{describe, DeadLetterInfo};

pub async fn run(cmd: DlqCommand, ctx: &Context) -> anyhow::Result<ExitCode> {
    match cmd {
        DlqCommand::List(args) => list::run(args, ctx).await,
        DlqCommand::Show(args) => show::run(args, ctx).await,
        DlqCommand::Stats(args) => stats::run(args, ctx).await,
        DlqCommand::Replay(args) => replay::run(args, ctx).await,
        DlqCommand::Watch(args) => watch::run(args, ctx).await,
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

/// One dead letter as `list` shows it and `stats` counts it.
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
        info: describe(&crate::kafka::producer::record_headers(m)),
    }
}

fn since(text: &Option<String>) -> anyhow::Result<Start> {
    Ok(match text {
        Some(t) => Start::Since(parse_since(t, SystemTime::now()).map_err(usage)?),
        None => Start::Beginning,
    })
}
