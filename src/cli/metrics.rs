//! The flags of `kmsg metrics`.

use std::time::Duration;

use clap::Args;

use super::values::parse_duration;

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("what").args(["group", "from"]).required(true)))]
pub struct MetricsArgs {
    /// Consumer group: state, members and their partitions, committed and end offsets, lag
    #[arg(short, long, env = "GROUP_ID")]
    pub group: Option<String>,

    /// Only these topics (repeatable) [default: every topic the group has offsets or members in]
    #[arg(short, long = "topic")]
    pub topics: Vec<String>,

    /// A running `kmsg consume --metrics-addr`: e.g. http://localhost:8000 (its /metrics)
    #[arg(long, value_name = "URL")]
    pub from: Option<String>,

    /// Refresh every interval, in place, until Ctrl-C
    #[arg(short, long, value_parser = parse_duration, value_name = "INTERVAL")]
    pub watch: Option<Duration>,
}
