//! The flags of `kmsg produce`.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, ValueEnum};

use super::values::parse_duration;
use crate::kafka::options::Compression;
use crate::registry::Version;

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

/// The long help of `--value-schema`.
const VALUE_SCHEMA_HELP: &str = "\
Encode each value (JSON) with this registry subject's schema (Avro, Protobuf or JSON Schema) \
into the Confluent wire format: a zero byte, the schema's 4-byte id, (Protobuf: the message \
indexes,) then the encoded record. Needs --schema-registry. The version (default latest) is \
resolved once, before anything is sent; an unknown subject or version, an unreachable \
registry or a schema that does not compile stops the run before the first message.

Applies to JSON lines, envelopes (--input json-envelope: a text value is taken as JSON; \
without --value-schema, a value with value_encoding \"registry\", as `kmsg view -o json` \
prints it, is encoded again with its own schema id, so registry records copy byte for \
byte), --value and --generate. Not to --input raw.

A message that does not fit the schema stops the run, naming its line and the reason \
(lines before it are sent and acknowledged), or with --on-invalid skip is left out and \
counted in the summary (skipped_invalid). Generated messages that are bad on purpose \
(--invalid-ratio) follow the same rule: those that do not fit stop the run (naming their \
kind) or are skipped; those that still fit are encoded and keep their kmsg.invalid header. \
With the shipped login schemas: malformed_json and not_utf8 never fit; missing_field and \
timestamp_as_string do not fit Avro (login.avsc) or JSON Schema, but fit Protobuf, whose JSON \
mapping takes a missing field as its default and a string of digits as an int64; bad_ip and \
bad_locale fit Avro and Protobuf (plain strings), not JSON Schema (format, maxLength).";

/// A registry subject and version, as `--value-schema` and `--key-schema` take them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaSpec {
    pub subject: String,
    pub version: Version,
}

impl std::fmt::Display for SchemaSpec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.subject, self.version)
    }
}

/// Parses `SUBJECT`, `SUBJECT:VERSION` or `SUBJECT:latest` (pure; unit-tested). The version
/// follows the last colon, so a subject may hold colons of its own when a version is given.
pub fn parse_schema_spec(s: &str) -> Result<SchemaSpec, String> {
    let (subject, version) = match s.rsplit_once(':') {
        Some((subject, version)) => (subject, version.parse::<Version>()?),
        None => (s, Version::Latest),
    };
    if subject.trim().is_empty() {
        return Err(format!(
            "{s:?} names no subject: give SUBJECT[:VERSION|latest]"
        ));
    }
    Ok(SchemaSpec {
        subject: subject.to_string(),
        version,
    })
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

    /// Encode each value (JSON) with this registry subject's schema (Avro, Protobuf or JSON
    /// Schema) into the Confluent wire format; needs --schema-registry
    #[arg(
        long,
        value_name = "SUBJECT[:VERSION|latest]",
        value_parser = parse_schema_spec,
        long_help = VALUE_SCHEMA_HELP
    )]
    pub value_schema: Option<SchemaSpec>,

    /// Encode each key the same way (a key that is not JSON is taken as a JSON string)
    #[arg(long, value_name = "SUBJECT[:VERSION|latest]", value_parser = parse_schema_spec)]
    pub key_schema: Option<SchemaSpec>,

    /// The Protobuf message values are written as (full or short name) [default: the
    /// schema's first message]
    #[arg(long, value_name = "NAME", requires = "value_schema")]
    pub value_message: Option<String>,

    /// The Protobuf message keys are written as [default: the schema's first message]
    #[arg(long, value_name = "NAME", requires = "key_schema")]
    pub key_message: Option<String>,

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_schema_spec_is_a_subject_with_an_optional_version() {
        let spec = |subject: &str, version| SchemaSpec {
            subject: subject.to_string(),
            version,
        };
        assert_eq!(
            parse_schema_spec("login-value"),
            Ok(spec("login-value", Version::Latest))
        );
        assert_eq!(
            parse_schema_spec("login-value:3"),
            Ok(spec("login-value", Version::Number(3)))
        );
        assert_eq!(
            parse_schema_spec("login-value:LATEST"),
            Ok(spec("login-value", Version::Latest))
        );
        assert_eq!(
            parse_schema_spec("a:b:2"),
            Ok(spec("a:b", Version::Number(2)))
        );
        for bad in [
            "",
            ":3",
            "login-value:",
            "login-value:0",
            "login-value:-1",
            "x:two",
        ] {
            assert!(parse_schema_spec(bad).is_err(), "{bad:?}");
        }
        assert_eq!(spec("s", Version::Number(2)).to_string(), "s:2");
    }
}
