//! The flags of `kmsg consume`.

use std::path::PathBuf;
use std::time::Duration;

use clap::Args;

use super::values::parse_duration;
use crate::consumer::{ConsumerOptions, ValueFormat};
use crate::kafka::options::{Compression, OffsetReset};

#[derive(Debug, Args)]
pub struct ConsumeArgs {
    /// Consumer group
    #[arg(short, long, env = "GROUP_ID")]
    pub group: String,

    /// Topic to consume [default: posts, the pipeline's input topic, with a note on stderr
    /// that the default was taken]
    #[arg(short, long, env = "INPUT_TOPIC")]
    pub topic: Option<String>,

    /// Topic that valid messages are forwarded to (key and headers preserved); none: only validate
    #[arg(long, env = "OUTPUT_TOPIC")]
    pub output_topic: Option<String>,

    /// Dead letter topic [default: <topic>.dlq]
    #[arg(long, env = "DLQ_TOPIC")]
    pub dlq_topic: Option<String>,

    /// JSON Schema every message must satisfy (draft 7 or later; format assertions on);
    /// without it a message only has to be JSON
    #[arg(long, value_name = "PATH")]
    pub schema: Option<PathBuf>,

    /// How message values are read: json (UTF-8 JSON text) or registry (the schema registry's
    /// wire format, Avro, Protobuf or JSON Schema, decoded to JSON before --schema; needs
    /// --schema-registry). A value that does not decode is dead-lettered with class
    /// deserialization; while the registry cannot be asked, messages are held, not
    /// dead-lettered
    #[arg(long, value_enum, default_value_t = ValueFormat::Json)]
    pub value_format: ValueFormat,

    /// This member's id, used in logs, metrics and the group [default: <host>-<pid>]. Given,
    /// it also makes the member static (group.instance.id): restarted within
    /// session.timeout.ms it gets its partitions back without a rebalance of the others, and
    /// stopped by a signal it does not leave the group (its partitions wait for it)
    #[arg(long, env = "INSTANCE_ID")]
    pub instance_id: Option<String>,

    /// Retries of a transient failure after the first attempt (3 = up to 4 attempts); then the
    /// message is dead-lettered as retries_exhausted
    #[arg(long, default_value_t = 3)]
    pub max_retries: u32,

    /// First retry delay; doubles per retry, with jitter
    #[arg(long, default_value = "100ms", value_parser = parse_duration)]
    pub retry_backoff: Duration,

    /// Longest retry delay
    #[arg(long, default_value = "5s", value_parser = parse_duration)]
    pub retry_backoff_max: Duration,

    /// Fault injection: share of processing attempts that fail transiently (0..1)
    #[arg(long, default_value_t = 0.0)]
    pub fail_rate: f64,

    /// Fault injection: the first N attempts of every message fail transiently
    #[arg(long, default_value_t = 0)]
    pub fail_first: u32,

    /// HTTP downstream: POST every valid message here (2xx ok; 5xx/429/timeout retried;
    /// other 4xx dead-lettered as downstream_rejected); with --output-topic, forwarded after it accepted
    #[arg(long, env = "SINK_URL", value_name = "URL")]
    pub sink_url: Option<String>,

    /// Longest wait for one downstream call
    #[arg(long, default_value = "5s", value_parser = parse_duration)]
    pub sink_timeout: Duration,

    /// Downstream calls in flight at once (1..=1024), from different partitions: a partition
    /// has at most one call in flight, so its messages keep their order
    #[arg(long, default_value_t = 8, value_name = "N")]
    pub sink_concurrency: usize,

    /// Consecutive transient downstream failures that open the circuit breaker
    #[arg(long, default_value_t = 5)]
    pub breaker_threshold: u32,

    /// How long the breaker stays open (consumption paused) before probing
    #[arg(long, default_value = "30s", value_parser = parse_duration)]
    pub breaker_timeout: Duration,

    /// Probe calls allowed in half-open
    #[arg(long, default_value_t = 1)]
    pub breaker_probes: u32,

    /// Compression of forwarded and dead-lettered record batches (consumers decompress
    /// transparently; the bytes of each value and its headers are unchanged). lz4 cuts what
    /// the brokers write and replicate several times over for JSON at little CPU cost
    /// [default: lz4]
    #[arg(short = 'z', long, value_enum)]
    pub compression: Option<Compression>,

    /// Exactly-once: output records, dead letters and consumed offsets commit atomically in
    /// Kafka transactions (needs a stable --instance-id: the transactional.id derives from it)
    #[arg(long)]
    pub exactly_once: bool,

    /// With --exactly-once: commit the transaction after this many messages
    #[arg(long, default_value_t = 1000)]
    pub txn_max_messages: u64,

    /// With --exactly-once: commit the transaction at least this often
    #[arg(long, default_value = "500ms", value_parser = parse_duration)]
    pub txn_max_interval: Duration,

    /// Seed of the fault injector, for reproducible runs
    #[arg(long, default_value_t = 0)]
    pub seed: u64,

    /// Where a group with no committed offsets starts
    #[arg(long, value_enum, default_value_t = OffsetReset::Earliest)]
    pub offset_reset: OffsetReset,

    /// Stop after this many messages have a durable outcome
    #[arg(long)]
    pub max_messages: Option<u64>,

    /// Stop when no message arrived for this long since the last message or partition
    /// assignment, nothing is in flight and the group has no lag on the topic; the clock
    /// does not run while the member joins or rebalances
    #[arg(long, value_parser = parse_duration)]
    pub idle_timeout: Option<Duration>,

    /// How often committable offsets are committed
    #[arg(long, default_value = "1s", value_parser = parse_duration)]
    pub commit_interval: Duration,

    /// The longest stop, from SIGTERM/SIGINT (or the idle or max-messages stop) to exit:
    /// in-flight outcomes get up to three quarters of it (the rest, at most 5 s, is for the
    /// commit and leaving the group); what is not durable by then is not committed (consumed
    /// again later) and the exit code is 1. Keep it below the pod's
    /// terminationGracePeriodSeconds
    #[arg(long, default_value = "20s", value_parser = parse_duration)]
    pub shutdown_timeout: Duration,

    /// Serve Prometheus metrics at /metrics, plus /healthz and /readyz (e.g. 0.0.0.0:8000)
    #[arg(long, env = "METRICS_ADDR", value_name = "HOST:PORT")]
    pub metrics_addr: Option<std::net::SocketAddr>,
}

/// The engine's options from `kmsg consume`'s flags (`ConsumerOptions::build` checks them).
impl From<&ConsumeArgs> for ConsumerOptions {
    fn from(a: &ConsumeArgs) -> Self {
        ConsumerOptions {
            group: a.group.clone(),
            topic: a.topic.clone(),
            output_topic: a.output_topic.clone(),
            dlq_topic: a.dlq_topic.clone(),
            schema: a.schema.clone(),
            value_format: a.value_format,
            // The registry's options come from the global flags (`cmd::consume` adds them).
            schema_registry: None,
            instance_id: a.instance_id.clone(),
            max_retries: a.max_retries,
            retry_backoff: a.retry_backoff,
            retry_backoff_max: a.retry_backoff_max,
            fail_rate: a.fail_rate,
            fail_first: a.fail_first,
            sink_url: a.sink_url.clone(),
            sink_timeout: a.sink_timeout,
            sink_concurrency: a.sink_concurrency,
            breaker_threshold: a.breaker_threshold,
            breaker_timeout: a.breaker_timeout,
            breaker_probes: a.breaker_probes,
            compression: a.compression,
            exactly_once: a.exactly_once,
            txn_max_messages: a.txn_max_messages,
            txn_max_interval: a.txn_max_interval,
            seed: a.seed,
            offset_reset: a.offset_reset,
            max_messages: a.max_messages,
            idle_timeout: a.idle_timeout,
            commit_interval: a.commit_interval,
            shutdown_timeout: a.shutdown_timeout,
            metrics_addr: a.metrics_addr,
        }
    }
}

impl clap::ValueEnum for ValueFormat {
    fn value_variants<'a>() -> &'a [Self] {
        &[ValueFormat::Json, ValueFormat::Registry]
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(match self {
            ValueFormat::Json => "json",
            ValueFormat::Registry => "registry",
        }))
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use crate::cli::{Cli, Command};
    use crate::consumer::ConsumerOptions;

    #[test]
    fn the_options_defaults_are_kmsg_consume_s_flag_defaults() {
        let cli = Cli::try_parse_from(["kmsg", "consume", "-g", "g", "-t", "t"]).unwrap();
        let Command::Consume(args) = cli.command else {
            panic!("not consume")
        };
        assert_eq!(
            ConsumerOptions::from(&*args),
            ConsumerOptions::new("g", "t")
        );
    }
}
