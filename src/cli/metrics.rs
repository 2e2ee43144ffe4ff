//! The flags of `kmsg metrics`.

use std::time::Duration;

use clap::Args;

use super::group::GroupReportArgs;
use super::values::parse_duration;

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("what").args(["group", "from"]).required(true)))]
pub struct MetricsArgs {
    /// Consumer group: state, members and their partitions, committed and end offsets, lag in
    /// records and seconds, time to drain (as `kmsg group describe`)
    #[arg(short, long, env = "GROUP_ID")]
    pub group: Option<String>,

    // The same report as `kmsg group describe`: --topic, --rate-window.
    #[command(flatten)]
    pub report: GroupReportArgs,

    /// A running `kmsg consume --metrics-addr`: e.g. http://localhost:8000 (its /metrics)
    #[arg(long, value_name = "URL")]
    pub from: Option<String>,

    /// Refresh every interval, in place, until Ctrl-C
    #[arg(short, long, value_parser = parse_duration, value_name = "INTERVAL")]
    pub watch: Option<Duration>,
}
