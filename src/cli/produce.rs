//! The flags of `kmsg produce`.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, ValueEnum};

use super::values::parse_duration;
use crate::kafka::options::Compression;

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
