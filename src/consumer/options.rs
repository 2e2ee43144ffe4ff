//! What a consumer member is asked to do, before it is checked: [`ConsumerOptions`], the
//! programmatic side of `kmsg consume`'s flags with the same defaults (`consume` converts its
//! args into it, `demo` and `breaker-test` build it directly), its chained setters, and the
//! value format. `ConsumerOptions::build` (in `config`) checks it.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use crate::kafka::options::{Compression, OffsetReset};
use crate::registry::RegistryOptions;

/// How record values are read (`--value-format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ValueFormat {
    /// JSON text (UTF-8).
    #[default]
    Json,
    /// The schema registry's wire format (Avro, Protobuf or JSON Schema), decoded to JSON
    /// through the registry before validation.
    Registry,
}

/// The input topic when neither `--topic` nor `INPUT_TOPIC` names one: the pipeline's own
/// (`kmsg topics create` makes it), announced on stderr so it is never read unnoticed.
pub const DEFAULT_INPUT_TOPIC: &str = "posts";

pub(super) fn default_instance_id() -> String {
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|h| h.trim().to_string())
        .unwrap_or_else(|_| "kmsg".into());
    format!("{host}-{}", std::process::id())
}

/// What one consumer member is asked to do, before it is checked: one field per `kmsg consume`
/// flag, with the same meaning and defaults. Build it with [`ConsumerOptions::new`] (or
/// [`ConsumerConfig::builder`]), change what differs (the fields are public; the setters chain),
/// then [`ConsumerOptions::build`] it.
#[derive(Debug, Clone, PartialEq)]
#[must_use]
pub struct ConsumerOptions {
    pub group: String,
    /// None: the default input topic ([`DEFAULT_INPUT_TOPIC`]).
    pub topic: Option<String>,
    pub output_topic: Option<String>,
    /// None: `<topic>.dlq`.
    pub dlq_topic: Option<String>,
    pub schema: Option<PathBuf>,
    pub value_format: ValueFormat,
    /// The schema registry (`--schema-registry`), needed by `--value-format registry`.
    pub schema_registry: Option<RegistryOptions>,
    /// None: `<host>-<pid>`.
    pub instance_id: Option<String>,
    pub max_retries: u32,
    pub retry_backoff: Duration,
    pub retry_backoff_max: Duration,
    pub fail_rate: f64,
    pub fail_first: u32,
    pub sink_url: Option<String>,
    pub sink_timeout: Duration,
    pub sink_concurrency: usize,
    pub breaker_threshold: u32,
    pub breaker_timeout: Duration,
    pub breaker_probes: u32,
    pub compression: Option<Compression>,
    pub exactly_once: bool,
    pub txn_max_messages: u64,
    pub txn_max_interval: Duration,
    pub seed: u64,
    pub offset_reset: OffsetReset,
    pub max_messages: Option<u64>,
    pub idle_timeout: Option<Duration>,
    pub commit_interval: Duration,
    pub shutdown_timeout: Duration,
    pub metrics_addr: Option<SocketAddr>,
}

/// Chaining setters for optional settings: `name(value)` sets `Some(value.into())`.
macro_rules! optional_setters {
    ($($(#[$doc:meta])* $name:ident: $ty:ty,)*) => {
        $(
            $(#[$doc])*
            pub fn $name(mut self, value: impl Into<$ty>) -> Self {
                self.$name = Some(value.into());
                self
            }
        )*
    };
}

impl ConsumerOptions {
    /// A member of `group` reading `topic`, every other setting at `kmsg consume`'s default.
    pub fn new(group: impl Into<String>, topic: impl Into<String>) -> Self {
        ConsumerOptions {
            group: group.into(),
            topic: Some(topic.into()),
            output_topic: None,
            dlq_topic: None,
            schema: None,
            value_format: ValueFormat::Json,
            schema_registry: None,
            instance_id: None,
            max_retries: 3,
            retry_backoff: Duration::from_millis(100),
            retry_backoff_max: Duration::from_secs(5),
            fail_rate: 0.0,
            fail_first: 0,
            sink_url: None,
            sink_timeout: Duration::from_secs(5),
            sink_concurrency: 8,
            breaker_threshold: 5,
            breaker_timeout: Duration::from_secs(30),
            breaker_probes: 1,
            compression: None,
            exactly_once: false,
            txn_max_messages: 1000,
            txn_max_interval: Duration::from_millis(500),
            seed: 0,
            offset_reset: OffsetReset::Earliest,
            max_messages: None,
            idle_timeout: None,
            commit_interval: Duration::from_secs(1),
            shutdown_timeout: Duration::from_secs(20),
            metrics_addr: None,
        }
    }

    optional_setters! {
        /// Forwards valid messages to this topic.
        output_topic: String,
        /// Dead-letters to this topic (instead of `<topic>.dlq`).
        dlq_topic: String,
        /// Validates every message against the JSON Schema in this file.
        schema: PathBuf,
        /// This member's id (logs, metrics, the group, the transactional.id).
        instance_id: String,
        /// The schema registry `--value-format registry` decodes through.
        schema_registry: RegistryOptions,
    }

    /// How record values are read.
    pub fn value_format(mut self, format: ValueFormat) -> Self {
        self.value_format = format;
        self
    }

    /// Retries after the first attempt, and their first and longest delay.
    pub fn retries(mut self, max_retries: u32, backoff: Duration, backoff_max: Duration) -> Self {
        self.max_retries = max_retries;
        self.retry_backoff = backoff;
        self.retry_backoff_max = backoff_max;
        self
    }

    /// Fault injection: the first `fail_first` attempts of every message fail transiently, and
    /// `fail_rate` of all attempts (drawn from `seed`).
    pub fn faults(mut self, fail_first: u32, fail_rate: f64, seed: u64) -> Self {
        self.fail_first = fail_first;
        self.fail_rate = fail_rate;
        self.seed = seed;
        self
    }

    /// POSTs every valid message to this HTTP downstream.
    pub fn sink(mut self, url: impl Into<String>, timeout: Duration, concurrency: usize) -> Self {
        self.sink_url = Some(url.into());
        self.sink_timeout = timeout;
        self.sink_concurrency = concurrency;
        self
    }

    /// The circuit breaker: failures that open it, and how long it stays open.
    pub fn breaker(mut self, threshold: u32, open_for: Duration) -> Self {
        self.breaker_threshold = threshold;
        self.breaker_timeout = open_for;
        self
    }

    /// Stops when no message arrived for this long.
    pub fn idle_timeout(mut self, idle: Duration) -> Self {
        self.idle_timeout = Some(idle);
        self
    }

    /// Stops after this many messages have a durable outcome.
    pub fn max_messages(mut self, n: u64) -> Self {
        self.max_messages = Some(n);
        self
    }

    /// How often committable offsets are committed.
    pub fn commit_interval(mut self, every: Duration) -> Self {
        self.commit_interval = every;
        self
    }
}
