//! The flags of `kmsg dlq watch|replay|list|show|stats`.

use std::time::Duration;

use clap::{Args, Subcommand};

use super::values::{parse_duration, DecodeMode};
use crate::pipeline::replay::ReplaySelection;

#[derive(Debug, Subcommand)]
pub enum DlqCommand {
    /// A table of dead letters: when, where from, stage, error class, message
    List(DlqListArgs),
    /// One dead letter in full: coordinates, decoded headers, value (PARTITION:OFFSET)
    Show(DlqShowArgs),
    /// Counts by error class, by original topic and over time, with a bar chart
    Stats(DlqStatsArgs),
    /// Re-send selected dead letters to their original topic (or --to); resumable
    Replay(DlqReplayArgs),
    /// A long-running group member that logs every dead letter and serves kafka_dlq_* metrics
    Watch(DlqWatchArgs),
}

#[derive(Debug, Args)]
pub struct DlqWatchArgs {
    #[command(flatten)]
    pub dlq: DlqTopicArgs,

    /// Consumer group of the watcher
    #[arg(short, long, default_value = "kmsg-dlq-watch")]
    pub group: String,

    /// Serve Prometheus metrics at /metrics, plus /healthz and /readyz
    #[arg(long, env = "METRICS_ADDR", value_name = "HOST:PORT")]
    pub metrics_addr: Option<std::net::SocketAddr>,

    /// Stop when no dead letter arrived for this long (for scripts)
    #[arg(long, value_parser = parse_duration)]
    pub idle_timeout: Option<Duration>,
}

#[derive(Debug, Args)]
pub struct DlqReplayArgs {
    #[command(flatten)]
    pub dlq: DlqTopicArgs,

    /// Only this error class
    #[arg(long)]
    pub reason: Option<String>,

    /// Only dead letters that came from this topic
    #[arg(long)]
    pub original_topic: Option<String>,

    /// Send to this topic instead of each record's original topic
    #[arg(long, value_name = "TOPIC")]
    pub to: Option<String>,

    /// Show what would be replayed; send and commit nothing
    #[arg(long)]
    pub dry_run: bool,

    /// Refuse records already replayed this many times (a poison pill must not ping-pong)
    #[arg(long, default_value_t = 3)]
    pub max_replays: u32,

    /// Consumer group that records the replay's progress, so an interrupted replay resumes
    /// [default: derived from the DLQ topic, the filters and --to]
    #[arg(long)]
    pub group: Option<String>,
}

/// What `kmsg dlq replay`'s flags select, for the planner (`pipeline::replay::plan`).
impl From<&DlqReplayArgs> for ReplaySelection {
    fn from(a: &DlqReplayArgs) -> Self {
        ReplaySelection {
            reason: a.reason.clone(),
            original_topic: a.original_topic.clone(),
            to: a.to.clone(),
            max_replays: a.max_replays,
        }
    }
}

#[derive(Debug, Args, Clone)]
pub struct DlqTopicArgs {
    /// Dead letter topic [default: <INPUT_TOPIC>.dlq, i.e. posts.dlq]
    #[arg(short, long, env = "DLQ_TOPIC")]
    pub topic: Option<String>,
}

#[derive(Debug, Args)]
pub struct DlqListArgs {
    #[command(flatten)]
    pub dlq: DlqTopicArgs,

    /// Only this error class (e.g. schema_validation, retries_exhausted)
    #[arg(long)]
    pub reason: Option<String>,

    /// Only dead letters newer than this: a duration ago (10m) or an RFC 3339 time
    #[arg(long, value_name = "WHEN")]
    pub since: Option<String>,

    /// Only dead letters that came from this topic
    #[arg(long)]
    pub original_topic: Option<String>,

    /// Show at most this many (the newest)
    #[arg(short = 'n', long)]
    pub max: Option<usize>,

    /// Only dead letters for which this jq expression is true, e.g.
    /// '.headers["kmsg.dlq.error.class"] == "schema_validation"'; a record is {key, value,
    /// headers, topic, partition, offset, timestamp} (see the README)
    #[arg(long, value_name = "EXPR")]
    pub filter: Option<String>,

    /// Print only the number of matching dead letters ({"count": N} with -o json)
    #[arg(long)]
    pub count: bool,

    /// Registry-framed values: decode them to JSON (auto: when a known schema id fits)
    #[arg(long, value_enum, default_value_t = DecodeMode::Auto)]
    pub decode: DecodeMode,
}

#[derive(Debug, Args)]
pub struct DlqShowArgs {
    #[command(flatten)]
    pub dlq: DlqTopicArgs,

    /// The record, as PARTITION:OFFSET of the dead letter topic
    pub record: String,

    /// A registry-framed key or value: decode it to JSON (auto: when a known schema id fits)
    #[arg(long, value_enum, default_value_t = DecodeMode::Auto)]
    pub decode: DecodeMode,
}

#[derive(Debug, Args)]
pub struct DlqStatsArgs {
    #[command(flatten)]
    pub dlq: DlqTopicArgs,

    /// Only dead letters newer than this: a duration ago (10m) or an RFC 3339 time
    #[arg(long, value_name = "WHEN")]
    pub since: Option<String>,

    /// Count per minute instead of per hour
    #[arg(long)]
    pub per_minute: bool,
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use crate::cli::{Cli, Command, DlqCommand};
    use crate::pipeline::replay::ReplaySelection;

    #[test]
    fn a_replay_selects_by_its_filters_and_refuses_after_3_replays_by_default() {
        let cli = Cli::try_parse_from([
            "kmsg",
            "dlq",
            "replay",
            "--reason",
            "json_parse",
            "--to",
            "posts.retry",
        ])
        .unwrap();
        let Command::Dlq(DlqCommand::Replay(args)) = cli.command else {
            panic!("not dlq replay")
        };
        assert_eq!(
            ReplaySelection::from(&args),
            ReplaySelection {
                reason: Some("json_parse".into()),
                original_topic: None,
                to: Some("posts.retry".into()),
                max_replays: 3,
            }
        );
    }
}
