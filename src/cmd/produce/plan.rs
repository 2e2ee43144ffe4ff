//! `produce`'s flags checked and turned into a `ProducePlan` before connecting: the source,
//! the pace and its limits, the schema, the headers, and the producer's librdkafka config
//! (with the default `--linger`, which depends on `--rate`).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use crate::cli::{Compression, InputFormat, OnInvalid, ProduceArgs, SchemaSpec};
use crate::cmd::context::Context;
use crate::error::usage;
use crate::kafka::config::{Given, ProduceOptions, PRODUCE_ACKS, PRODUCE_DELIVERY_TIMEOUT};
use crate::kafka::producer::{Outgoing, RecordHeader};
use crate::output;
use crate::pipeline::generate::GenerateKind;
use crate::pipeline::validate::SchemaValidator;
use crate::registry::Registry;

/// Where messages come from.
pub(super) enum SourcePlan {
    Generate {
        kind: GenerateKind,
        seed: u64,
        invalid_ratio: f64,
        size: Option<usize>,
    },
    Lines {
        file: Option<PathBuf>,
        format: InputFormat,
        key_separator: Option<Vec<u8>>,
    },
    Single(Outgoing),
}

/// Validated `produce` settings.
pub(super) struct ProducePlan {
    pub(super) topic: String,
    pub(super) source: SourcePlan,
    pub(super) rate: Option<f64>,
    pub(super) count: Option<u64>,
    pub(super) duration: Option<Duration>,
    pub(super) schema: Option<SchemaValidator>,
    /// The registry: given with --value-schema or --key-schema, or for envelopes whose keys
    /// or values are to be encoded again.
    pub(super) registry: Option<Arc<Registry>>,
    /// --value-schema and --value-message.
    pub(super) value_schema: Option<(SchemaSpec, Option<String>)>,
    /// --key-schema and --key-message.
    pub(super) key_schema: Option<(SchemaSpec, Option<String>)>,
    pub(super) on_invalid: OnInvalid,
    pub(super) headers: Vec<RecordHeader>,
    pub(super) partition: Option<i32>,
    pub(super) flush_timeout: Duration,
    pub(super) progress: bool,
    pub(super) metrics_addr: Option<std::net::SocketAddr>,
    pub(super) metrics_linger: Option<Duration>,
    pub(super) producer: rdkafka::ClientConfig,
}

/// Parses `k=v` header flags.
fn parse_headers(pairs: &[String]) -> Result<Vec<RecordHeader>, String> {
    pairs
        .iter()
        .map(|kv| match kv.split_once('=') {
            Some((k, v)) if !k.is_empty() => Ok((k.to_string(), Some(v.as_bytes().to_vec()))),
            _ => Err(format!("--header {kv:?} is not of the form key=value")),
        })
        .collect()
}

impl ProducePlan {
    pub(super) fn from_args(
        args: &ProduceArgs,
        ctx: &Context,
        stdin_is_tty: bool,
    ) -> anyhow::Result<Self> {
        crate::pipeline::topic_name::validate_topic_name(&args.topic).map_err(usage)?;
        if !(args.rate.is_finite() && args.rate >= 0.0) {
            return Err(usage(format!(
                "--rate {} is invalid: give messages per second, 0 for unlimited",
                args.rate
            )));
        }
        if !(0.0..=1.0).contains(&args.invalid_ratio) {
            return Err(usage(format!(
                "--invalid-ratio {} is invalid: it is a share between 0 and 1 (e.g. 0.05)",
                args.invalid_ratio
            )));
        }
        if args.count == Some(0) {
            return Err(usage("--count 0 sends nothing: give at least 1"));
        }
        if args.duration == Some(Duration::ZERO) {
            return Err(usage("--duration 0 sends nothing: give e.g. 30s"));
        }
        if args.size.is_some() && args.generate != Some(GenerateKind::Posts) {
            return Err(usage(
                "--size pads generated posts: use it with --generate posts",
            ));
        }
        if args.key_separator.as_deref() == Some("") {
            return Err(usage("-K needs a non-empty separator"));
        }
        if args.key_separator.is_some() && args.input == InputFormat::JsonEnvelope {
            return Err(usage(
                "-K does not apply to --input json-envelope (keys are in the envelope)",
            ));
        }
        let headers = parse_headers(&args.headers).map_err(usage)?;
        let schema = args
            .schema
            .as_deref()
            .map(SchemaValidator::from_file)
            .transpose()
            .map_err(|e| usage(e.to_string()))?;

        let registry = registry_plan(args, ctx)?;

        let source = if let Some(kind) = args.generate {
            SourcePlan::Generate {
                kind,
                seed: args.seed.unwrap_or_else(rand::random),
                invalid_ratio: args.invalid_ratio,
                size: args.size,
            }
        } else if let Some(value) = &args.value {
            if args.count.is_some() || args.duration.is_some() {
                return Err(usage(
                    "--value sends one message: it does not go with --count or --duration",
                ));
            }
            SourcePlan::Single(Outgoing {
                key: args.key.as_ref().map(|k| k.as_bytes().to_vec()),
                value: Some(value.as_bytes().to_vec()),
                ..Outgoing::default()
            })
        } else {
            let file = args.file.clone().filter(|f| f.as_os_str() != "-");
            match &file {
                Some(path) => {
                    std::fs::File::open(path)
                        .map_err(|e| usage(format!("--file {}: {e}", path.display())))?;
                }
                None if stdin_is_tty => {
                    return Err(usage(
                        "no input: pipe JSON lines into kmsg produce, or use --file, --generate or --value",
                    ))
                }
                None => {}
            }
            SourcePlan::Lines {
                file,
                format: args.input,
                key_separator: args.key_separator.as_ref().map(|s| s.as_bytes().to_vec()),
            }
        };

        let producer = ctx.settings.produce_config(&ProduceOptions {
            acks: Given::or(args.acks.clone(), PRODUCE_ACKS.to_string()),
            compression: Given::or(args.compression, Compression::None).map(Compression::codec),
            linger: Given::or(args.linger, default_linger(args.rate)),
            batch_size: args.batch_size,
            delivery_timeout: Given::or(args.delivery_timeout, PRODUCE_DELIVERY_TIMEOUT),
            queue_messages: default_queue(args.rate),
        })?;

        Ok(ProducePlan {
            topic: args.topic.clone(),
            source,
            rate: (args.rate > 0.0).then_some(args.rate),
            count: args.count,
            duration: args.duration,
            schema,
            registry,
            value_schema: args
                .value_schema
                .clone()
                .map(|spec| (spec, args.value_message.clone())),
            key_schema: args
                .key_schema
                .clone()
                .map(|spec| (spec, args.key_message.clone())),
            on_invalid: args.on_invalid,
            headers,
            partition: args.partition,
            flush_timeout: args.flush_timeout,
            progress: !args.quiet && std::io::stderr().is_terminal() && output::stdout_is_tty(),
            metrics_addr: args.metrics_addr,
            metrics_linger: args.metrics_linger,
            producer,
        })
    }
}

/// The registry a run needs, checked before connecting: --value-schema and --key-schema
/// need one and JSON to encode (so not --input raw), --key-schema keys to encode; envelopes
/// use one when given (to encode registry-decoded keys and values again).
fn registry_plan(args: &ProduceArgs, ctx: &Context) -> anyhow::Result<Option<Arc<Registry>>> {
    let encodes = args.value_schema.is_some() || args.key_schema.is_some();
    let lines = args.generate.is_none() && args.value.is_none();
    if !encodes {
        return if lines && args.input == InputFormat::JsonEnvelope {
            ctx.registry_if_any()
        } else {
            Ok(None)
        };
    }
    let flag = if args.value_schema.is_some() {
        "--value-schema"
    } else {
        "--key-schema"
    };
    if lines && args.input == InputFormat::Raw {
        return Err(usage(format!(
            "{flag} encodes JSON: it does not go with --input raw (use --input json or json-envelope)"
        )));
    }
    let has_keys = match (args.generate, &args.value) {
        (Some(_), _) => true,
        (None, Some(_)) => args.key.is_some(),
        (None, None) => args.key_separator.is_some() || args.input == InputFormat::JsonEnvelope,
    };
    if args.key_schema.is_some() && !has_keys {
        return Err(usage(
            "--key-schema encodes keys, but this input has none: give them with -K SEP, --input json-envelope or --key",
        ));
    }
    ctx.registry(flag).map(Some)
}

/// The batch wait of a paced run when none was asked for (`--linger` or `-X linger.ms`).
const PACED_LINGER: Duration = Duration::from_millis(50);
/// The batch wait of an unpaced run when none was asked for.
const UNPACED_LINGER: Duration = Duration::from_millis(20);

/// The default of `--linger` (`linger.ms`): 50 ms with `--rate` and 20 ms without
/// (`-X linger.ms` or `queue.buffering.max.ms` wins over it, `kafka::config`).
///
/// Paced: a paced stream never fills a batch, so every batch waits out the linger, and
/// librdkafka's broker threads spin through the last millisecond of each 5 ms wait:
/// measured on this project's 2-core machine, 5 s at 1,000 msgs/s cost 1.06 CPU-s with 5 ms
/// and 0.28 with 50 ms; at 100,000 msgs/s 4.6 against 2.55 CPU-s, and the rate held better
/// (95,382 against 87,233 msgs/s).
/// Unpaced: with the brokers on the same machine, fewer and bigger batches leave the brokers
/// more CPU: 1,000,000 messages of 200 bytes, acks=all, RF 3, 4 alternating rounds, median
/// wall time 2.55 s with librdkafka's 5 ms and 2.28 s with 20 ms (50 ms: 2.37 s, with a
/// longer tail). A batch of 20 ms stays far below `batch.size` (1 MB) at these rates.
fn default_linger(rate: f64) -> Duration {
    if rate > 0.0 {
        PACED_LINGER
    } else {
        UNPACED_LINGER
    }
}

/// The local queue of an unpaced run, in records: librdkafka's default of 100,000 was most
/// of a 1M-record run's peak RSS (68 MB; each 200-byte record costs about 0.5 KB while it
/// waits for its acknowledgement), and bench/memory.sh showed no loss of rate down to 10,000
/// (36 MB; bench/README.md, "Memory").
const QUEUE_RECORDS: u32 = 10_000;

/// The default of `queue.buffering.max.messages` (`-X` wins): [`QUEUE_RECORDS`], or for a
/// paced run what the rate needs for 200 ms (a 50 ms linger plus the acknowledgement, with
/// room to spare), whichever is more.
fn default_queue(rate: f64) -> u32 {
    let paced = (rate * 0.2).min(1_000_000.0) as u32;
    paced.max(QUEUE_RECORDS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_queue_holds_10000_records_or_200ms_of_a_faster_rate() {
        assert_eq!(default_queue(0.0), 10_000);
        assert_eq!(default_queue(1000.0), 10_000);
        assert_eq!(default_queue(100_000.0), 20_000);
        assert_eq!(default_queue(1e12), 1_000_000);
    }

    #[test]
    fn a_run_lingers_50ms_paced_and_20ms_unpaced_by_default() {
        assert_eq!(default_linger(1000.0), Duration::from_millis(50));
        assert_eq!(default_linger(0.0), Duration::from_millis(20));
    }

    #[test]
    fn headers_must_be_key_value() {
        assert!(parse_headers(&["a=b=c".into()]).unwrap()[0].1.as_deref() == Some(&b"b=c"[..]));
        assert!(parse_headers(&["novalue".into()]).is_err());
    }
}
