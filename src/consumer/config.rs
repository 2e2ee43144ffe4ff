//! The consumer's checked configuration: [`ConsumerOptions::build`] (see `options`) turns what
//! a member is asked to do and the connection settings into a [`ConsumerConfig`], refusing,
//! before anything connects, every setting the member cannot honour (with a one-line usage
//! error naming the flag and the fix).

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use rdkafka::ClientConfig;

use crate::error::usage;
use crate::kafka::config::{ClientSettings, Given, CONSUME_COMPRESSION};
use crate::kafka::options::{Compression, OffsetReset};
use crate::pipeline::breaker::{Breaker, BreakerConfig};
use crate::pipeline::outcome::{FaultInjector, RetryPolicy};
use crate::pipeline::validate::SchemaValidator;
use crate::registry::{Registry, RegistryClient};
use crate::sink::http::HttpSink;

use super::options::default_instance_id;
pub use super::options::{ConsumerOptions, ValueFormat, DEFAULT_INPUT_TOPIC};

/// librdkafka's default `max.poll.interval.ms`.
pub(super) const DEFAULT_MAX_POLL_INTERVAL: Duration = Duration::from_secs(300);

/// librdkafka's default `transaction.timeout.ms`.
pub(super) const DEFAULT_TXN_TIMEOUT: Duration = Duration::from_secs(60);

/// Highest `--sink-concurrency`.
pub(super) const MAX_SINK_CONCURRENCY: usize = 1_024;

/// Validated consumer settings, built by [`ConsumerOptions::build`]; run it with
/// [`crate::consumer::run`].
pub struct ConsumerConfig {
    pub(crate) group: String,
    pub(crate) topic: String,
    /// `topic` is `DEFAULT_INPUT_TOPIC` because none was given.
    pub(crate) topic_is_default: bool,
    pub(crate) output_topic: Option<String>,
    pub(crate) dlq_topic: String,
    /// Shared with the validator threads.
    pub(crate) schema: Option<Arc<SchemaValidator>>,
    /// With `--value-format registry`: the registry every value is decoded through (its
    /// cache shared by the loop and the validator threads). `None`: values are JSON text.
    pub(crate) registry: Option<Arc<Registry>>,
    pub(crate) instance: String,
    pub(crate) retry: RetryPolicy,
    pub(crate) injector: FaultInjector,
    pub(crate) consumer: ClientConfig,
    pub(crate) producer: ClientConfig,
    pub(crate) max_messages: Option<u64>,
    pub(crate) idle_timeout: Option<Duration>,
    pub(crate) commit_interval: Duration,
    pub(crate) shutdown_timeout: Duration,
    /// A static member (`group.instance.id`, from an explicit `--instance-id` or `-X`):
    /// stopped by a signal, it does not leave the group (`stop::leaves_group`).
    pub(crate) static_member: bool,
    pub(crate) metrics_addr: Option<SocketAddr>,
    pub(crate) sink_url: Option<String>,
    pub(crate) sink_timeout: Duration,
    pub(crate) sink_concurrency: usize,
    pub(crate) breaker: BreakerConfig,
    pub(crate) exactly_once: bool,
    pub(crate) txn_max_messages: u64,
    pub(crate) txn_max_interval: Duration,
    /// The producer's `transaction.timeout.ms` (`-X`, else librdkafka's default): the
    /// coordinator aborts a transaction open longer, so a commit must finish well before.
    pub(crate) txn_timeout: Duration,
    pub(crate) offset_reset: OffsetReset,
}

impl ConsumerOptions {
    /// Checks the options against each other and the connection settings, and builds the
    /// member's librdkafka configs: a usage error (exit 2) for anything it cannot honour.
    pub fn build(&self, settings: &ClientSettings) -> anyhow::Result<ConsumerConfig> {
        ConsumerConfig::check(self, settings)
    }
}

impl ConsumerConfig {
    /// Options for a member of `group` reading `topic`, the rest at `kmsg consume`'s defaults.
    pub fn builder(group: impl Into<String>, topic: impl Into<String>) -> ConsumerOptions {
        ConsumerOptions::new(group, topic)
    }

    /// Every refusal rule, then the librdkafka configs.
    fn check(args: &ConsumerOptions, settings: &ClientSettings) -> anyhow::Result<Self> {
        if args.group.trim().is_empty() {
            return Err(usage("--group (GROUP_ID) is empty"));
        }
        if args.max_retries > 100 {
            return Err(usage(
                "--max-retries above 100 is not a retry policy; lower it",
            ));
        }
        let (topic, topic_is_default) = match &args.topic {
            Some(t) => (t.clone(), false),
            None => (DEFAULT_INPUT_TOPIC.to_string(), true),
        };
        for name in [
            Some(&topic),
            args.output_topic.as_ref(),
            args.dlq_topic.as_ref(),
        ]
        .into_iter()
        .flatten()
        {
            crate::pipeline::topic_name::validate_topic_name(name).map_err(usage)?;
        }
        let dlq_topic = args
            .dlq_topic
            .clone()
            .unwrap_or_else(|| format!("{topic}.dlq"));
        if dlq_topic == topic || args.output_topic.as_ref() == Some(&topic) {
            return Err(usage(
                "the output and DLQ topics must differ from the input topic (a loop would re-read its own output)",
            ));
        }
        if !(0.0..=1.0).contains(&args.fail_rate) {
            return Err(usage(format!(
                "--fail-rate {} is invalid: it is a share between 0 and 1",
                args.fail_rate
            )));
        }
        if args.retry_backoff.is_zero() || args.retry_backoff_max < args.retry_backoff {
            return Err(usage(
                "--retry-backoff must be above 0 and at most --retry-backoff-max",
            ));
        }
        if args.max_messages == Some(0) {
            return Err(usage("--max-messages 0 would consume nothing"));
        }
        if args.commit_interval.is_zero() {
            return Err(usage("--commit-interval must be above 0"));
        }
        let retry = RetryPolicy {
            max_retries: args.max_retries,
            initial: args.retry_backoff,
            max: args.retry_backoff_max,
        };
        let max_poll = settings
            .extra
            .get("max.poll.interval.ms")
            .and_then(|v| v.parse().ok())
            .map(Duration::from_millis)
            .unwrap_or(DEFAULT_MAX_POLL_INTERVAL);
        if retry.worst_case() >= max_poll {
            return Err(usage(format!(
                "--max-retries {} with --retry-backoff-max {} can keep one message in backoff for {}, longer than max.poll.interval.ms ({}): lower them",
                args.max_retries,
                humantime::format_duration(args.retry_backoff_max),
                humantime::format_duration(retry.worst_case()),
                humantime::format_duration(max_poll)
            )));
        }
        let schema = args
            .schema
            .as_deref()
            .map(SchemaValidator::from_file)
            .transpose()
            .map_err(|e| usage(e.to_string()))?
            .map(Arc::new);
        let registry = match (args.value_format, &args.schema_registry) {
            (ValueFormat::Json, _) => None,
            (ValueFormat::Registry, None) => {
                return Err(usage(
                    "--value-format registry needs a schema registry: set --schema-registry URL or SCHEMA_REGISTRY_URL",
                ))
            }
            (ValueFormat::Registry, Some(options)) => {
                let registry =
                    Registry::new(RegistryClient::new(options).map_err(|e| usage(e.to_string()))?);
                registry.prefer_topic(&topic);
                Some(Arc::new(registry))
            }
        };
        let breaker = BreakerConfig {
            threshold: args.breaker_threshold,
            open_for: args.breaker_timeout,
            probes: args.breaker_probes,
        };
        Breaker::new(breaker).map_err(usage)?;
        if let Some(url) = &args.sink_url {
            HttpSink::check_url(url).map_err(usage)?;
        }
        const HOUR: Duration = Duration::from_secs(3_600);
        const DAY: Duration = Duration::from_secs(24 * 3_600);
        const TEN_MINUTES: Duration = Duration::from_secs(600);
        for (flag, d, max) in [
            ("--breaker-timeout", args.breaker_timeout, DAY),
            ("--shutdown-timeout", args.shutdown_timeout, HOUR),
            ("--sink-timeout", args.sink_timeout, TEN_MINUTES),
            ("--retry-backoff-max", args.retry_backoff_max, HOUR),
        ] {
            if d > max {
                return Err(usage(format!(
                    "{flag} {} is longer than the {} kmsg allows",
                    humantime::format_duration(d),
                    humantime::format_duration(max)
                )));
            }
        }
        if (args.sink_url.is_some() || args.fail_rate > 0.0 || args.fail_first > 0)
            && args.breaker_threshold > args.max_retries + 1
        {
            tracing::warn!(
                "--breaker-threshold {} is above --max-retries + 1 ({}): in an outage the first message can run out of retries and be dead-lettered before the breaker opens",
                args.breaker_threshold,
                args.max_retries + 1
            );
        }
        // The member's revoke handling is built for eager rebalances (every partition
        // revoked, then the new assignment): incremental ones are refused, not half-served.
        let extra = &settings.extra;
        if let Some(v) = extra
            .get("partition.assignment.strategy")
            .filter(|v| v.contains("cooperative"))
        {
            return Err(usage(format!(
                "kmsg consume rebalances eagerly and cannot honour -X partition.assignment.strategy={v}: use range or roundrobin"
            )));
        }
        if let Some(v) = extra
            .get("group.protocol")
            .filter(|v| !v.eq_ignore_ascii_case("classic"))
        {
            return Err(usage(format!(
                "kmsg consume rebalances eagerly and cannot honour -X group.protocol={v} (incremental): use classic"
            )));
        }
        let txn_timeout = extra
            .get("transaction.timeout.ms")
            .and_then(|v| v.parse().ok())
            .map(Duration::from_millis)
            .unwrap_or(DEFAULT_TXN_TIMEOUT);
        if args.exactly_once {
            if args.offset_reset == OffsetReset::Latest {
                return Err(usage(
                    "--exactly-once with --offset-reset latest could skip messages when a first transaction is rewound: use earliest",
                ));
            }
            if args.instance_id.is_none() {
                return Err(usage(
                    "--exactly-once needs a stable --instance-id (or INSTANCE_ID): its transactional.id derives from it, so a restarted member fences its previous self",
                ));
            }
            for (key, refused) in [
                ("isolation.level", &["read_uncommitted"][..]),
                ("enable.idempotence", &["false"][..]),
                ("acks", &["0", "1"][..]),
            ] {
                if let Some(v) = extra.get(key) {
                    if refused.contains(&v.as_str()) {
                        return Err(usage(format!(
                            "--exactly-once cannot honour -X {key}={v}: transactions need isolation.level=read_committed, idempotence and acks=all"
                        )));
                    }
                }
            }
            if extra.contains_key("transactional.id") {
                return Err(usage(
                    "--exactly-once derives transactional.id from --group and --instance-id: do not set it with -X",
                ));
            }
            if args.txn_max_messages == 0 || args.txn_max_interval.is_zero() {
                return Err(usage(
                    "--txn-max-messages and --txn-max-interval must be above 0",
                ));
            }
            let worst = retry.worst_case() + args.sink_timeout * (args.max_retries + 1);
            if worst >= txn_timeout {
                return Err(usage(format!(
                    "with --exactly-once one message can take {} in retries, longer than transaction.timeout.ms ({}): lower --max-retries, --retry-backoff-max or --sink-timeout",
                    humantime::format_duration(worst),
                    humantime::format_duration(txn_timeout)
                )));
            }
        }
        if args.sink_timeout.is_zero() {
            return Err(usage("--sink-timeout must be above 0"));
        }
        if !(1..=MAX_SINK_CONCURRENCY).contains(&args.sink_concurrency) {
            return Err(usage(format!(
                "--sink-concurrency {} is out of range: give 1 to {MAX_SINK_CONCURRENCY} calls in flight",
                args.sink_concurrency
            )));
        }
        let instance = args.instance_id.clone().unwrap_or_else(default_instance_id);
        let reset = match args.offset_reset {
            OffsetReset::Earliest => "earliest",
            OffsetReset::Latest => "latest",
        };
        let given_instance = Given {
            value: instance.as_str(),
            explicit: args.instance_id.is_some(),
        };
        let consumer = settings.pipeline_consumer_config(&args.group, given_instance, reset)?;
        let transactional_id = args
            .exactly_once
            .then(|| format!("kmsg-{}-{instance}", args.group));
        let compression = Given::or(
            args.compression.map(Compression::codec),
            CONSUME_COMPRESSION,
        );
        let producer = settings.pipeline_producer_config(
            given_instance,
            transactional_id.as_deref(),
            compression,
        )?;
        let static_member = consumer.get("group.instance.id").is_some();
        Ok(ConsumerConfig {
            group: args.group.clone(),
            topic,
            topic_is_default,
            output_topic: args.output_topic.clone(),
            dlq_topic,
            schema,
            registry,
            instance,
            retry,
            injector: FaultInjector {
                fail_rate: args.fail_rate,
                fail_first: args.fail_first,
                seed: args.seed,
            },
            consumer,
            producer,
            max_messages: args.max_messages,
            idle_timeout: args.idle_timeout,
            commit_interval: args.commit_interval,
            shutdown_timeout: args.shutdown_timeout,
            static_member,
            metrics_addr: args.metrics_addr,
            sink_url: args.sink_url.clone(),
            sink_timeout: args.sink_timeout,
            sink_concurrency: args.sink_concurrency,
            breaker,
            exactly_once: args.exactly_once,
            txn_max_messages: args.txn_max_messages,
            txn_max_interval: args.txn_max_interval,
            txn_timeout,
            offset_reset: args.offset_reset,
        })
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::{ConsumerOptions, ValueFormat};
    use crate::kafka::config::ClientSettings;
    use crate::registry::RegistryOptions;

    fn settings() -> ClientSettings {
        ClientSettings::for_bootstrap("127.0.0.1:1", Duration::from_secs(5))
    }

    #[test]
    fn built_options_keep_the_topics_and_derive_the_dlq() {
        let c = ConsumerOptions::new("g", "in")
            .output_topic("out")
            .build(&settings())
            .unwrap();
        assert_eq!(
            (
                c.topic.as_str(),
                c.output_topic.as_deref(),
                c.dlq_topic.as_str()
            ),
            ("in", Some("out"), "in.dlq")
        );
        assert!(!c.topic_is_default);
    }

    fn registry(url: &str) -> RegistryOptions {
        RegistryOptions {
            url: url.into(),
            timeout: Duration::from_secs(5),
            ..RegistryOptions::default()
        }
    }

    #[test]
    fn the_value_format_decides_whether_values_go_through_the_registry() {
        let at = || registry("http://127.0.0.1:1/apis/ccompat/v7");
        // (format, registry given) → decoded through a registry?
        let table = [
            (ValueFormat::Json, None, false),
            // A registry given for other reasons does not change how JSON values are read.
            (ValueFormat::Json, Some(at()), false),
            (ValueFormat::Registry, Some(at()), true),
        ];
        for (format, options, through_registry) in table {
            let mut o = ConsumerOptions::new("g", "in").value_format(format);
            o.schema_registry = options.clone();
            let c = o.build(&settings()).unwrap();
            assert_eq!(
                c.registry.is_some(),
                through_registry,
                "{format:?} with {options:?}"
            );
        }
        assert_eq!(
            ConsumerOptions::new("g", "in").value_format,
            ValueFormat::Json
        );
    }

    #[test]
    fn each_refusal_rule_names_the_setting() {
        let base = || ConsumerOptions::new("g", "in");
        let cases: Vec<(ConsumerOptions, &str)> = vec![
            (ConsumerOptions::new(" ", "in"), "--group"),
            (
                base().output_topic("in"),
                "must differ from the input topic",
            ),
            (base().dlq_topic("in"), "must differ from the input topic"),
            (base().dlq_topic("bad/name"), "bad/name"),
            (base().faults(0, 1.5, 0), "--fail-rate 1.5"),
            (
                base().retries(3, Duration::ZERO, Duration::from_secs(1)),
                "--retry-backoff",
            ),
            (
                base().retries(3, Duration::from_secs(2), Duration::from_secs(1)),
                "--retry-backoff",
            ),
            (
                base().retries(101, Duration::from_millis(1), Duration::from_millis(2)),
                "--max-retries above 100",
            ),
            (
                base().retries(100, Duration::from_secs(1), Duration::from_secs(3000)),
                "max.poll.interval.ms",
            ),
            (base().max_messages(0), "--max-messages 0"),
            (
                base().value_format(ValueFormat::Registry),
                "--value-format registry needs a schema registry",
            ),
            (
                base()
                    .value_format(ValueFormat::Registry)
                    .schema_registry(registry("ftp://registry")),
                "ftp://registry",
            ),
            (base().commit_interval(Duration::ZERO), "--commit-interval"),
            (
                base().sink("http://127.0.0.1:1/x", Duration::ZERO, 1),
                "--sink-timeout",
            ),
            (
                base().sink("http://127.0.0.1:1/x", Duration::from_secs(1), 0),
                "--sink-concurrency 0",
            ),
            (
                base().breaker(3, Duration::from_secs(90_000)),
                "--breaker-timeout",
            ),
            (
                ConsumerOptions {
                    exactly_once: true,
                    ..base()
                },
                "--instance-id",
            ),
            (
                ConsumerOptions {
                    exactly_once: true,
                    offset_reset: crate::kafka::options::OffsetReset::Latest,
                    ..base().instance_id("i")
                },
                "--offset-reset latest",
            ),
            (
                ConsumerOptions {
                    exactly_once: true,
                    txn_max_messages: 0,
                    ..base().instance_id("i")
                },
                "--txn-max-messages",
            ),
        ];
        for (options, needle) in cases {
            let err = match options.build(&settings()) {
                Ok(_) => panic!("{options:?} was accepted; wanted a refusal naming {needle:?}"),
                Err(e) => e,
            };
            let text = err.to_string();
            assert!(text.contains(needle), "{text:?} does not name {needle:?}");
            assert_eq!(
                crate::error::exit_code(&err, &[]),
                crate::error::EXIT_USAGE,
                "{text}: not a usage error"
            );
        }
    }
}
