//! The command line as clap sees it: global connection options and one struct per subcommand.
//!
//! These structs stay close to the flags. Turning them into validated settings (a librdkafka
//! config, durations, paths that exist) happens in `kafka::config` and in each command's
//! `from_args` step, so that bad input is refused before any network call.

use std::path::PathBuf;
use std::time::Duration;

use clap::builder::PossibleValue;
use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

pub use crate::kafka::options::{
    Compression, ConnectionOptions, OffsetReset, SaslMechanism, SecurityProtocol,
};
pub use crate::logging::LogFormat;

/// Run and operate a Kafka messaging pipeline.
#[derive(Debug, Parser)]
#[command(
    name = "kmsg",
    version,
    about,
    propagate_version = true,
    after_help = "Exit codes: 0 success, 1 runtime failure, 2 usage error, 3 a check failed.\n\
                  Docs: README.md. -o json prints one JSON document for a finite result and one\n\
                  object per line for a stream (view, dlq watch)."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

/// Options every subcommand shares: where the cluster is, how to authenticate, how to log and print.
#[derive(Debug, Args, Clone)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// Kafka bootstrap servers, comma separated [default: localhost:9092]
    #[arg(
        short = 'b',
        long,
        env = "BOOTSTRAP_SERVERS",
        global = true,
        value_name = "HOST:PORT,..."
    )]
    pub bootstrap: Option<String>,

    /// Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50.
    /// It wins over a typed flag left at its default, and is refused with one given explicitly
    /// (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*,
    /// --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused.
    #[arg(short = 'X', value_name = "KEY=VALUE", global = true, action = clap::ArgAction::Append)]
    pub rdkafka: Vec<String>,

    /// Security protocol for the client connection
    #[arg(
        long,
        env = "KMSG_SECURITY_PROTOCOL",
        global = true,
        value_enum,
        ignore_case = true
    )]
    pub security_protocol: Option<SecurityProtocol>,

    /// SASL mechanism
    #[arg(
        long,
        env = "KMSG_SASL_MECHANISM",
        global = true,
        value_enum,
        ignore_case = true
    )]
    pub sasl_mechanism: Option<SaslMechanism>,

    /// SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)
    #[arg(long, env = "KMSG_SASL_USERNAME", global = true, value_name = "USER")]
    pub sasl_username: Option<String>,

    /// File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD
    #[arg(
        long,
        env = "KMSG_SASL_PASSWORD_FILE",
        global = true,
        value_name = "PATH"
    )]
    pub sasl_password_file: Option<PathBuf>,

    /// CA certificate (PEM) to verify the brokers
    #[arg(long, env = "KMSG_TLS_CA", global = true, value_name = "PATH")]
    pub tls_ca: Option<PathBuf>,

    /// Client certificate (PEM) for mutual TLS
    #[arg(long, env = "KMSG_TLS_CERT", global = true, value_name = "PATH")]
    pub tls_cert: Option<PathBuf>,

    /// Client private key (PEM) for mutual TLS
    #[arg(long, env = "KMSG_TLS_KEY", global = true, value_name = "PATH")]
    pub tls_key: Option<PathBuf>,

    /// How long to wait for the cluster before giving up [default: 10s]
    #[arg(long, env = "KMSG_TIMEOUT", global = true, value_parser = parse_duration)]
    pub timeout: Option<Duration>,

    /// Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info
    #[arg(long, global = true, value_name = "LEVEL", env = "KMSG_LOG_LEVEL")]
    pub log_level: Option<String>,

    /// Log format on stderr (json: one object per line, for log collectors)
    #[arg(long, global = true, value_enum, env = "KMSG_LOG_FORMAT", default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,

    /// How results are printed on stdout
    #[arg(short = 'o', long, global = true, value_enum, default_value_t = OutputFormat::Table)]
    pub output: OutputFormat,
}

impl GlobalArgs {
    /// The connection options the Kafka layer takes (`ClientSettings::from_options`).
    pub fn connection(&self) -> ConnectionOptions {
        ConnectionOptions {
            bootstrap: self.bootstrap.clone(),
            rdkafka: self.rdkafka.clone(),
            security_protocol: self.security_protocol,
            sasl_mechanism: self.sasl_mechanism,
            sasl_username: self.sasl_username.clone(),
            sasl_password_file: self.sasl_password_file.clone(),
            tls_ca: self.tls_ca.clone(),
            tls_cert: self.tls_cert.clone(),
            tls_key: self.tls_key.clone(),
            timeout: self.timeout,
        }
    }
}

// The Kafka layer's option enums, as clap values (the Kafka layer knows nothing of clap).

impl ValueEnum for SecurityProtocol {
    fn value_variants<'a>() -> &'a [Self] {
        use SecurityProtocol::*;
        &[Plaintext, Ssl, SaslPlaintext, SaslSsl]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(match self {
            SecurityProtocol::Plaintext => PossibleValue::new("PLAINTEXT"),
            SecurityProtocol::Ssl => PossibleValue::new("SSL"),
            SecurityProtocol::SaslPlaintext => {
                PossibleValue::new("SASL_PLAINTEXT").alias("sasl-plaintext")
            }
            SecurityProtocol::SaslSsl => PossibleValue::new("SASL_SSL").alias("sasl-ssl"),
        })
    }
}

impl ValueEnum for SaslMechanism {
    fn value_variants<'a>() -> &'a [Self] {
        use SaslMechanism::*;
        &[Plain, ScramSha256, ScramSha512]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.as_rdkafka()))
    }
}

impl ValueEnum for OffsetReset {
    fn value_variants<'a>() -> &'a [Self] {
        &[OffsetReset::Earliest, OffsetReset::Latest]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.as_rdkafka()))
    }
}

impl ValueEnum for LogFormat {
    fn value_variants<'a>() -> &'a [Self] {
        &[LogFormat::Text, LogFormat::Json]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(match self {
            LogFormat::Text => "text",
            LogFormat::Json => "json",
        }))
    }
}

impl ValueEnum for Compression {
    fn value_variants<'a>() -> &'a [Self] {
        use Compression::*;
        &[None, Gzip, Snappy, Lz4, Zstd]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.codec()))
    }
}

/// How a command prints its results on stdout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Human-readable tables
    Table,
    /// JSON: one document per finite result; streams (view, dlq watch) one object per line
    Json,
    /// Values only, one per line (view); other commands print tables
    Raw,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create, list, describe and delete topics
    #[command(subcommand)]
    Topics(TopicsCommand),
    /// Run a real local Kafka cluster (KRaft, no Docker)
    #[command(subcommand)]
    Cluster(ClusterCommand),
    /// Send JSON messages (generated, piped, or one) at a precise rate, with a run summary
    Produce(Box<ProduceArgs>),
    /// Run a consumer-group member: validate, retry, forward, dead-letter, commit when durable
    Consume(Box<ConsumeArgs>),
    /// Read records without joining a group (exit at the end, or --follow)
    View(ViewArgs),
    /// Consumer group lag per partition (--group), or a running consumer's key figures (--from)
    Metrics(MetricsArgs),
    /// Check retries, breaker and DLQ end to end against a failing-then-recovering downstream
    BreakerTest(BreakerTestArgs),
    /// Run the whole pipeline for a while: producer, three consumers, DLQ, summary
    /// (on an embedded in-memory cluster unless --bootstrap is given)
    Demo(DemoArgs),
    /// Dead letters: list, show one, stats, replay to their topic, watch
    #[command(subcommand)]
    Dlq(DlqCommand),
    /// Apply the pipeline's least-privilege ACLs, or list ACLs (secure clusters)
    #[command(subcommand)]
    Acl(AclCommand),
    /// Print shell completions
    Completions(CompletionsArgs),
}

#[derive(Debug, Subcommand)]
pub enum AclCommand {
    /// Create the ACLs of the producer, consumer and dlq roles for the pipeline's topics and
    /// group (idempotent; run it as the admin user)
    Apply(AclApplyArgs),
    /// List the cluster's ACLs
    List(AclListArgs),
}

#[derive(Debug, Args)]
pub struct AclApplyArgs {
    /// Input topic: the producer writes it, the consumer reads it, DLQ replay writes it
    #[arg(long, env = "INPUT_TOPIC", default_value = "posts")]
    pub input_topic: String,

    /// Output topic: the consumer writes it
    #[arg(long, env = "OUTPUT_TOPIC", default_value = "posts.processed")]
    pub output_topic: String,

    /// Dead letter topic: the consumer writes it, the dlq user reads it [default: <input-topic>.dlq]
    #[arg(long, env = "DLQ_TOPIC")]
    pub dlq_topic: Option<String>,

    /// The consumer's group (the only group the consumer user may join)
    #[arg(short, long, env = "GROUP_ID", default_value = "pipeline")]
    pub group: String,

    /// Prefix of the groups the dlq user may use (`dlq watch`, `dlq replay`)
    #[arg(long, default_value = crate::kafka::acl::DLQ_GROUP_PREFIX)]
    pub dlq_group_prefix: String,
}

#[derive(Debug, Args)]
pub struct AclListArgs {
    /// Only the ACLs of this principal (e.g. User:producer, or just producer)
    #[arg(long)]
    pub principal: Option<String>,
}

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

    /// Show at most this many
    #[arg(short = 'n', long)]
    pub max: Option<usize>,
}

#[derive(Debug, Args)]
pub struct DlqShowArgs {
    #[command(flatten)]
    pub dlq: DlqTopicArgs,

    /// The record, as PARTITION:OFFSET of the dead letter topic
    pub record: String,
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

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("start").args(["from_beginning", "offset", "last", "since"])))]
pub struct ViewArgs {
    /// Topic to read
    #[arg(short, long)]
    pub topic: String,

    /// Only this partition
    #[arg(short, long)]
    pub partition: Option<i32>,

    /// Start at the beginning of each partition (the default)
    #[arg(long)]
    pub from_beginning: bool,

    /// Start at this offset (needs --partition)
    #[arg(long, requires = "partition")]
    pub offset: Option<i64>,

    /// Start N records before the end of each partition
    #[arg(long, value_name = "N")]
    pub last: Option<i64>,

    /// Start at records newer than this: a duration ago (10m, 2h) or an RFC 3339 time
    #[arg(long, value_name = "WHEN")]
    pub since: Option<String>,

    /// Keep reading new records instead of stopping at the end
    #[arg(short, long)]
    pub follow: bool,

    /// Stop after this many records
    #[arg(short = 'n', long)]
    pub max: Option<u64>,

    /// Pretty-print JSON values (table and raw output)
    #[arg(long)]
    pub pretty: bool,
}

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

    /// This member's id, used in logs, metrics and the group [default: <host>-<pid>]
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

    /// Stop when no message arrived for this long (since the start, the last message or the
    /// last partition assignment)
    #[arg(long, value_parser = parse_duration)]
    pub idle_timeout: Option<Duration>,

    /// How often committable offsets are committed
    #[arg(long, default_value = "1s", value_parser = parse_duration)]
    pub commit_interval: Duration,

    /// On SIGINT/SIGTERM, how long to wait for in-flight outcomes before committing and leaving
    #[arg(long, default_value = "30s", value_parser = parse_duration)]
    pub shutdown_timeout: Duration,

    /// Serve Prometheus metrics at /metrics, plus /healthz and /readyz (e.g. 0.0.0.0:8000)
    #[arg(long, env = "METRICS_ADDR", value_name = "HOST:PORT")]
    pub metrics_addr: Option<std::net::SocketAddr>,
}

/// How piped lines are read by `produce`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// One JSON document per line (checked to be JSON)
    Json,
    /// A JSON envelope per line: key, value, headers, partition (binary-safe, see README)
    JsonEnvelope,
    /// Any text, one message per line, not checked
    Raw,
}

/// What `produce` does with a line that cannot be sent as asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OnInvalid {
    /// Stop at the first bad line (exit 1), after flushing what was sent
    Abort,
    /// Skip it, count it in the summary, and carry on
    Skip,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("source").args(["generate", "file", "value"])))]
pub struct ProduceArgs {
    /// Topic to write to
    #[arg(short, long, env = "INPUT_TOPIC", default_value = "posts")]
    pub topic: String,

    /// Generate messages of this kind (instead of reading stdin)
    #[arg(short, long, value_enum)]
    pub generate: Option<crate::pipeline::generate::GenerateKind>,

    /// Read messages from this file, one per line ("-" for stdin; stdin is the default)
    #[arg(short, long, value_name = "PATH")]
    pub file: Option<PathBuf>,

    /// Send this one message and print where it landed
    #[arg(long, value_name = "JSON")]
    pub value: Option<String>,

    /// Key of the single message (--value)
    #[arg(short, long, requires = "value")]
    pub key: Option<String>,

    /// Header on every message, repeatable (-H k=v)
    #[arg(short = 'H', long = "header", value_name = "KEY=VALUE", action = clap::ArgAction::Append)]
    pub headers: Vec<String>,

    /// Format of piped lines
    #[arg(long, value_enum, default_value_t = InputFormat::Json)]
    pub input: InputFormat,

    /// Split each piped line into key and value at the first SEP (like kcat -K)
    #[arg(short = 'K', long = "key-separator", value_name = "SEP")]
    pub key_separator: Option<String>,

    /// What to do with a line that is not valid input
    #[arg(long, value_enum, default_value_t = OnInvalid::Abort)]
    pub on_invalid: OnInvalid,

    /// Share of generated messages that are bad on purpose (0..1), for exercising the DLQ
    #[arg(long, default_value_t = 0.0, requires = "generate")]
    pub invalid_ratio: f64,

    /// Seed for generated messages, to make a run reproducible [default: random, printed in the summary]
    #[arg(long, requires = "generate")]
    pub seed: Option<u64>,

    /// Pad generated posts to about this many bytes
    #[arg(long, value_name = "BYTES", requires = "generate")]
    pub size: Option<usize>,

    /// Validate each outgoing message against this JSON Schema; invalid ones are not sent
    #[arg(long, value_name = "PATH")]
    pub schema: Option<PathBuf>,

    /// Messages per second (0 or absent: as fast as possible)
    #[arg(short, long, default_value_t = 0.0, allow_negative_numbers = true)]
    pub rate: f64,

    /// Stop after this many messages
    #[arg(short = 'n', long)]
    pub count: Option<u64>,

    /// Stop after this long (e.g. 30s, 5m)
    #[arg(short, long, value_parser = parse_duration)]
    pub duration: Option<Duration>,

    /// Partition to write every message to [default: by key, like the Java client]
    #[arg(short, long)]
    pub partition: Option<i32>,

    /// acks: all, 1 or 0 [default: all]
    #[arg(long, value_parser = ["all", "-1", "1", "0"])]
    pub acks: Option<String>,

    /// Compression codec [default: none]
    #[arg(short = 'z', long, value_enum)]
    pub compression: Option<Compression>,

    /// How long librdkafka waits to fill a batch (linger.ms) [default: 50ms with --rate,
    /// else 20ms]
    #[arg(long, value_parser = parse_duration, value_name = "DURATION")]
    pub linger: Option<Duration>,

    /// Maximum batch size in bytes (batch.size)
    #[arg(long, value_name = "BYTES")]
    pub batch_size: Option<u32>,

    /// How long a message may wait for its acknowledgement before it counts as failed
    /// (message.timeout.ms) [default: 30s]
    #[arg(long, value_parser = parse_duration, value_name = "DURATION")]
    pub delivery_timeout: Option<Duration>,

    /// After the last message (or Ctrl-C), how long to wait for outstanding acknowledgements
    #[arg(long, default_value = "30s", value_parser = parse_duration)]
    pub flush_timeout: Duration,

    /// No progress display
    #[arg(short, long)]
    pub quiet: bool,

    /// Serve Prometheus metrics (kafka_producer_*) at /metrics, plus /healthz and /readyz, while producing
    #[arg(long, env = "METRICS_ADDR", value_name = "HOST:PORT")]
    pub metrics_addr: Option<std::net::SocketAddr>,

    /// After the summary, keep serving --metrics-addr this long so a scraper sees the final
    /// figures (Ctrl-C or SIGTERM end it early)
    #[arg(long, value_parser = parse_duration, value_name = "DURATION", requires = "metrics_addr")]
    pub metrics_linger: Option<Duration>,
}

#[derive(Debug, Subcommand)]
pub enum TopicsCommand {
    /// Create the pipeline's topics (input, output, DLQ), or one named topic; idempotent
    Create(TopicsCreateArgs),
    /// List topics with partition count and replication factor
    List(TopicsListArgs),
    /// Show partitions, leaders, replicas, ISR and non-default configs
    Describe(TopicsDescribeArgs),
    /// Delete topics (needs --yes)
    Delete(TopicsDeleteArgs),
}

#[derive(Debug, Args)]
pub struct TopicsCreateArgs {
    /// Topic to create; without it, the input, output and DLQ topics of the pipeline are created
    pub topic: Option<String>,

    /// Input topic of the pipeline
    #[arg(long, env = "INPUT_TOPIC", default_value = "posts")]
    pub input_topic: String,

    /// Output topic of the pipeline
    #[arg(long, env = "OUTPUT_TOPIC", default_value = "posts.processed")]
    pub output_topic: String,

    /// Dead letter topic of the pipeline [default: <input-topic>.dlq]
    #[arg(long, env = "DLQ_TOPIC")]
    pub dlq_topic: Option<String>,

    /// Number of partitions
    #[arg(short, long, default_value_t = 6)]
    pub partitions: i32,

    /// Replication factor
    #[arg(short = 'r', long, default_value_t = 3)]
    pub replication_factor: i32,

    /// Topic config (repeatable), e.g. --config retention.ms=86400000
    #[arg(short, long, value_name = "KEY=VALUE", action = clap::ArgAction::Append)]
    pub config: Vec<String>,
}

#[derive(Debug, Args)]
pub struct TopicsListArgs {
    /// Include internal topics such as __consumer_offsets
    #[arg(long)]
    pub all: bool,
}

#[derive(Debug, Args)]
pub struct TopicsDescribeArgs {
    /// Topics to describe
    #[arg(required = true)]
    pub topics: Vec<String>,
}

#[derive(Debug, Args)]
pub struct TopicsDeleteArgs {
    /// Topics to delete
    #[arg(required = true)]
    pub topics: Vec<String>,

    /// Confirm the deletion
    #[arg(long)]
    pub yes: bool,
}

#[derive(Debug, Subcommand)]
pub enum ClusterCommand {
    /// Start the brokers (formats storage on first start, keeps data after that)
    Up(ClusterUpArgs),
    /// Stop the brokers (all, or one with --node)
    Down(ClusterDownArgs),
    /// Show brokers, controller and under-replicated partitions; exit 3 when brokers are missing
    Status(ClusterStatusArgs),
    /// Write a secured cluster's CA, broker certificate and role passwords for brokers run
    /// elsewhere (docker-compose.secure.yml): one folder per container that needs them
    Secrets(ClusterSecretsArgs),
}

#[derive(Debug, Args)]
pub struct ClusterSecretsArgs {
    /// Folder to write into: ca/ (CA key and every password), broker/, and one folder per
    /// role (admin, producer, consumer, dlq); an existing CA and passwords are kept
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,

    /// A name or IP address the brokers are reached at (repeatable); the broker certificate
    /// is valid for exactly these
    #[arg(long = "host", value_name = "HOST", default_values_t = ["localhost".to_string(), "127.0.0.1".to_string()])]
    pub hosts: Vec<String>,

    /// Secret files mode 0640 and folders 0750 instead of 0600/0700, for containers that run
    /// as different users of one group
    #[arg(long)]
    pub group_readable: bool,
}

#[derive(Debug, Args, Clone)]
pub struct ClusterDirArgs {
    /// Folder holding the cluster's configuration, data and logs
    #[arg(long, env = "KMSG_CLUSTER_DIR", value_name = "DIR")]
    pub state_dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ClusterUpArgs {
    #[command(flatten)]
    pub dir: ClusterDirArgs,

    /// Apache Kafka distribution (a folder with libs/*.jar) [default: ./.cache/kafka]
    #[arg(long, env = "KAFKA_HOME", value_name = "DIR")]
    pub kafka_home: Option<PathBuf>,

    /// Number of brokers (each is also a KRaft controller)
    #[arg(short = 'n', long, default_value_t = 3)]
    pub brokers: u16,

    /// Client port of the first broker; the others follow (9092, 9093, 9094)
    #[arg(long, default_value_t = 9092)]
    pub base_port: u16,

    /// Controller port of the first broker [default: base port + 1000]
    #[arg(long)]
    pub controller_base_port: Option<u16>,

    /// Java heap per broker
    #[arg(long, default_value = "512m")]
    pub heap: String,

    /// JVM flags of every node besides the heap (garbage collector, JIT), split on spaces,
    /// as in Kafka's own scripts; a running node keeps the flags it started with
    #[arg(long, env = "KAFKA_JVM_PERFORMANCE_OPTS", value_name = "FLAGS",
          default_value = crate::cluster::launcher::DEFAULT_JVM_FLAGS, allow_hyphen_values = true)]
    pub jvm_opts: String,

    /// How long to wait for the brokers to register and elect a controller
    #[arg(long, default_value = "120s", value_parser = parse_duration)]
    pub wait: Duration,

    /// A locked-down cluster: SASL_SSL (SCRAM-SHA-512) for clients, mutual TLS between
    /// controllers, ACLs enforced (nothing allowed without one); a CA, certificates and one
    /// password per role (admin, producer, consumer, dlq) are written to the state folder
    #[arg(long)]
    pub secure: bool,
}

#[derive(Debug, Args)]
pub struct ClusterDownArgs {
    #[command(flatten)]
    pub dir: ClusterDirArgs,

    /// Stop only this node id
    #[arg(long)]
    pub node: Option<u16>,

    /// Also delete the state folder (data and logs)
    #[arg(long)]
    pub purge: bool,
}

#[derive(Debug, Args)]
pub struct ClusterStatusArgs {
    #[command(flatten)]
    pub dir: ClusterDirArgs,

    /// Brokers expected; with --bootstrap and no local cluster [default: the local cluster's size, else 3]
    #[arg(long)]
    pub expect_brokers: Option<usize>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// Shell to generate completions for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Parses "10s", "500ms", "2m" and friends (humantime), for every duration flag.
/// Global options a subcommand's help shows in full; the others (connection, security,
/// logging) are listed once, under `kmsg --help`, and named in one line below each
/// subcommand's help instead of repeating some 60 lines there.
const GLOBALS_SHOWN_IN_SUBCOMMANDS: &[&str] = &["output", "help", "version"];

/// The line below every subcommand's help that points at the global options.
const GLOBALS_NOTE: &str =
    "Global options (-b/--bootstrap, -X, --security-protocol, --sasl-*, --tls-*, \
     --timeout, --log-level, --log-format) work here too: see `kmsg --help`.";

/// Parses the command line: the clap definition, with the global connection options hidden
/// from the subcommands' help (they still parse everywhere; completions list them all).
pub fn try_parse() -> Result<Cli, clap::Error> {
    let mut cmd = parsing_command();
    let matches = cmd.try_get_matches_from_mut(std::env::args_os())?;
    Cli::from_arg_matches(&matches).map_err(|e| e.format(&mut cmd))
}

/// The clap command `try_parse` uses. Each subcommand gets a hidden copy of the global
/// options clap would otherwise propagate into it visibly (propagation skips an argument a
/// subcommand already has).
pub fn parsing_command() -> clap::Command {
    let cmd = Cli::command();
    let globals: Vec<clap::Arg> = cmd
        .get_arguments()
        .filter(|a| a.is_global_set())
        .filter(|a| !GLOBALS_SHOWN_IN_SUBCOMMANDS.contains(&a.get_id().as_str()))
        .cloned()
        .collect();
    hide_in_subcommands(cmd, &globals)
}

fn hide_in_subcommands(mut cmd: clap::Command, globals: &[clap::Arg]) -> clap::Command {
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|sc| sc.get_name().to_string())
        .collect();
    for name in names {
        cmd = cmd.mut_subcommand(&name, |mut sc| {
            for arg in globals {
                sc = sc.arg(arg.clone().hide(true));
            }
            let note = match sc.get_after_help() {
                Some(after) => format!("{after}\n\n{GLOBALS_NOTE}"),
                None => GLOBALS_NOTE.to_string(),
            };
            hide_in_subcommands(sc.after_help(note), globals)
        });
    }
    cmd
}

/// A clap usage error as the one line the scripting contract promises (`kmsg: error: …`):
/// clap's message, its tips ("a similar argument exists: '--rate'"), the usage line of the
/// command and where to read more, joined on one line.
pub fn usage_error_line(err: &clap::Error) -> String {
    let rendered = err.render().to_string();
    let mut message = Vec::new();
    let mut tips = Vec::new();
    let mut usage = None;
    for line in rendered.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if let Some(rest) = line.strip_prefix("error: ") {
            message.push(rest.to_string());
        } else if let Some(tip) = line.strip_prefix("tip: ") {
            tips.push(tip.to_string());
        } else if let Some(u) = line.strip_prefix("Usage: ") {
            usage = Some(u.to_string());
        } else if line.starts_with("For more information") {
            continue;
        } else {
            // The arguments or values an error lists on lines of their own.
            message.push(line.to_string());
        }
    }
    let mut text = message.join(" ");
    if !tips.is_empty() {
        text.push_str(&format!(" ({})", tips.join("; ")));
    }
    if let Some(u) = usage {
        let command = u.split(" [").next().unwrap_or(&u);
        let command = command.split(" <").next().unwrap_or(command);
        let command = command.split(" --").next().unwrap_or(command);
        text.push_str(&format!("; usage: {u}; see `{} --help`", command.trim()));
    }
    text
}

pub fn parse_duration(s: &str) -> Result<Duration, String> {
    humantime::parse_duration(s).map_err(|e| format!("{e} (examples: 500ms, 10s, 2m)"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn usage_errors_become_one_line_with_the_tip_and_the_usage() {
        let line = |argv: &[&str]| {
            let err = Cli::try_parse_from(argv).expect_err("a usage error");
            let line = usage_error_line(&err);
            assert!(!line.contains('\n'), "{line}");
            line
        };
        assert_eq!(
            line(&["kmsg", "produce", "--rat", "5"]),
            "unexpected argument '--rat' found (a similar argument exists: '--rate'); \
             usage: kmsg produce --rate <RATE>; see `kmsg produce --help`"
        );
        assert_eq!(
            line(&["kmsg", "consume"]),
            "the following required arguments were not provided: --group <GROUP>; \
             usage: kmsg consume --group <GROUP>; see `kmsg consume --help`"
        );
        assert_eq!(
            line(&["kmsg", "frob"]),
            "unrecognized subcommand 'frob'; usage: kmsg [OPTIONS] <COMMAND>; see `kmsg --help`"
        );
        assert!(line(&["kmsg", "produce", "--rate", "x"])
            .starts_with("invalid value 'x' for '--rate <RATE>'"));
    }

    #[test]
    fn durations_accept_humantime_units() {
        assert_eq!(parse_duration("10s").unwrap(), Duration::from_secs(10));
        assert_eq!(parse_duration("250ms").unwrap(), Duration::from_millis(250));
        assert!(parse_duration("ten").is_err());
    }

    #[test]
    fn rdkafka_passthrough_is_repeatable_and_global() {
        let cli =
            Cli::try_parse_from(["kmsg", "topics", "list", "-X", "a=1", "-X", "b=2"]).unwrap();
        assert_eq!(cli.global.rdkafka, vec!["a=1", "b=2"]);
    }

    #[test]
    fn compression_is_unset_unless_given_so_that_x_can_win_over_the_default() {
        let parse = |argv: &[&str]| Cli::try_parse_from(argv).unwrap().command;
        match parse(&["kmsg", "produce", "--value", "{}"]) {
            Command::Produce(a) => assert_eq!(a.compression, None),
            _ => unreachable!("the argv names produce"),
        }
        match parse(&["kmsg", "consume", "-g", "g"]) {
            Command::Consume(a) => assert_eq!(a.compression, None),
            _ => unreachable!("the argv names consume"),
        }
    }
}
