//! The flags of `kmsg demo` and `kmsg breaker-test`, the two self-checking runs.

use std::time::Duration;

use clap::Args;

use super::values::parse_duration;

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// How long the producer runs
    #[arg(short, long, default_value = "30s", value_parser = parse_duration)]
    pub duration: Duration,

    /// Messages per second
    #[arg(short, long, default_value_t = 200.0)]
    pub rate: f64,

    /// Share of bad messages (they end in the DLQ with their reasons)
    #[arg(long, default_value_t = 0.05)]
    pub invalid_ratio: f64,

    /// Share of processing attempts of the flaky downstream that fail (retried)
    #[arg(long, default_value_t = 0.1)]
    pub fail_rate: f64,

    /// Consumer instances in the group
    #[arg(long, default_value_t = 3)]
    pub instances: u32,
}

#[derive(Debug, Args)]
pub struct BreakerTestArgs {
    /// Messages to send through the pipeline
    #[arg(long, default_value_t = 50)]
    pub messages: u32,

    /// How long the downstream fails (503) from its first request
    #[arg(long, default_value = "3s", value_parser = parse_duration)]
    pub outage: Duration,

    /// Consecutive failures that open the breaker
    #[arg(long, default_value_t = 3)]
    pub breaker_threshold: u32,

    /// How long the breaker stays open before a probe
    #[arg(long, default_value = "2s", value_parser = parse_duration)]
    pub breaker_timeout: Duration,

    /// Retries of a transient failure before a message is dead-lettered
    #[arg(long, default_value_t = 5)]
    pub max_retries: u32,

    /// Give up (FAIL) when the pipeline has not finished by then
    #[arg(long, default_value = "90s", value_parser = parse_duration)]
    pub deadline: Duration,
}
