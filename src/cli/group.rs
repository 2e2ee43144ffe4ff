//! The flags of `kmsg group list|describe|reset-offsets|delete|delete-offsets`.

use std::path::PathBuf;
use std::time::Duration;

use clap::{ArgGroup, Args, Subcommand};

use super::values::parse_duration;

#[derive(Debug, Subcommand)]
pub enum GroupCommand {
    /// Consumer groups with state, protocol type, assignor and member count
    List,
    /// A group's state, members, and per partition committed/end offsets, lag in records and
    /// seconds, and the estimated time to drain the lag
    Describe(GroupDescribeArgs),
    /// Move a stopped group's committed offsets (dry run unless --execute; backs up first)
    ResetOffsets(GroupResetArgs),
    /// Delete a stopped group and its committed offsets (needs --yes)
    Delete(GroupDeleteArgs),
    /// Delete a group's committed offsets of a topic (or some of its partitions)
    DeleteOffsets(GroupDeleteOffsetsArgs),
}

/// What `group describe` and `metrics --group` share.
#[derive(Debug, Args, Clone)]
pub struct GroupReportArgs {
    /// Only these topics (repeatable) [default: every topic the group has offsets or members in]
    #[arg(short, long = "topic")]
    pub topics: Vec<String>,

    /// How long to watch the committed offsets to estimate the group's pace and its time to
    /// drain the lag (0 turns the estimate off)
    #[arg(long, value_parser = parse_duration, default_value = "2s", value_name = "DURATION")]
    pub rate_window: Duration,
}

#[derive(Debug, Args)]
pub struct GroupDescribeArgs {
    /// Consumer group
    #[arg(short, long, env = "GROUP_ID")]
    pub group: String,

    #[command(flatten)]
    pub report: GroupReportArgs,
}

/// The exit codes of the commands that change a group.
const CHANGE_EXIT_CODES: &str = "Exit codes: 0 done (or a dry run), 1 unknown group or a cluster \
     error, 2 bad flags, files, topic or partition (nothing changed), 3 the group has members \
     (named; stop them first).";

#[derive(Debug, Args)]
#[command(after_help = CHANGE_EXIT_CODES)]
#[command(group(
    ArgGroup::new("target")
        .required(true)
        .args(["to_earliest", "to_latest", "to_offset", "to_datetime", "by_duration", "shift_by", "from_file"])
))]
pub struct GroupResetArgs {
    /// Consumer group (it must exist and have no members)
    #[arg(short, long)]
    pub group: String,

    /// Topic to reset, all its partitions or some: TOPIC or TOPIC:0,2 (repeatable; with
    /// --from-file, only these of the file's partitions)
    #[arg(
        short,
        long = "topic",
        value_name = "TOPIC[:P,P]",
        required_unless_present = "from_file"
    )]
    pub topics: Vec<String>,

    /// To the first offset each partition holds
    #[arg(long)]
    pub to_earliest: bool,

    /// To the end of each partition (skip everything not yet consumed)
    #[arg(long)]
    pub to_latest: bool,

    /// To this offset (clamped to what the partition holds)
    #[arg(long, value_name = "N")]
    pub to_offset: Option<i64>,

    /// To the first record at or after this time (RFC 3339, e.g. 2026-12-03T10:00:00Z)
    #[arg(long, value_name = "RFC3339")]
    pub to_datetime: Option<String>,

    /// To the first record at or after this long ago (e.g. 1h, 30m)
    #[arg(long, value_parser = parse_duration, value_name = "DURATION")]
    pub by_duration: Option<Duration>,

    /// Move each committed offset by N records (-10 re-reads ten, +5 skips five)
    #[arg(long, value_name = "±N", allow_hyphen_values = true)]
    pub shift_by: Option<String>,

    /// To the offsets in a backup file a reset wrote (undoes that reset)
    #[arg(long, value_name = "FILE")]
    pub from_file: Option<PathBuf>,

    /// Apply the change (without it: a dry run that prints current → new and changes nothing)
    #[arg(long)]
    pub execute: bool,

    /// Where --execute writes the current offsets first [default:
    /// ./kmsg-offsets-<group>-<UTC time>.json]; must not exist yet
    #[arg(long, value_name = "FILE")]
    pub backup: Option<PathBuf>,
}

#[derive(Debug, Args)]
#[command(after_help = CHANGE_EXIT_CODES)]
pub struct GroupDeleteArgs {
    /// Consumer group (it must have no members)
    #[arg(short, long)]
    pub group: String,

    /// Confirm the deletion
    #[arg(long)]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct GroupDeleteOffsetsArgs {
    /// Consumer group
    #[arg(short, long)]
    pub group: String,

    /// Topic whose offsets to delete: TOPIC or TOPIC:0,2 (repeatable)
    #[arg(short, long = "topic", value_name = "TOPIC[:P,P]", required = true)]
    pub topics: Vec<String>,
}
