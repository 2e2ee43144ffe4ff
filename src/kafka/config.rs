//! The one place that builds librdkafka configurations.
//!
//! `ClientSettings::from_options` validates the connection options (bootstrap, `-X`
//! passthrough, TLS files, SASL credentials) before any network call, and one function per
//! client role (`produce_config`, `pipeline_consumer_config`, `viewer_config`, ...) turns
//! them, with the role's typed flags, into the finished `ClientConfig`: nothing sets a key
//! after that. The SASL password is read from env or a file, never from a flag, and is never
//! logged.
//!
//! Where a typed flag and `-X` meet (after Vector's kafka sink config), one rule holds for
//! every command:
//! - a typed flag given explicitly (on the command line or by env) and a `-X` for the same
//!   librdkafka property (or an alias of it) is a clash, refused before connecting (exit 2):
//!   `--acks all and -X acks=1 both set acks; give one`;
//! - a `-X` with the typed flag left at its default wins (the default is not applied);
//! - kmsg's own defaults for properties without a flag (`linger.ms=50` in consume, ...)
//!   give way to `-X` as well;
//! - properties kmsg's commands depend on for correctness (`group.id`, offset commits,
//!   `enable.partition.eof`, `transactional.id`, the bootstrap and security settings) are
//!   refused in `-X`, with the reason and the flag to use instead.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rdkafka::config::RDKafkaLogLevel;
use rdkafka::ClientConfig;

use super::options::{ConnectionOptions, SaslMechanism, SecurityProtocol};

/// The bootstrap used when neither `--bootstrap` nor `BOOTSTRAP_SERVERS` is given.
pub const DEFAULT_BOOTSTRAP: &str = "localhost:9092";

/// Env var holding the SASL password (the only way besides `--sasl-password-file`).
pub const PASSWORD_ENV: &str = "KMSG_SASL_PASSWORD";

/// librdkafka keys that have a typed kmsg flag, and that flag: `-X` may not set them.
const TYPED_KEYS: &[(&str, &str)] = &[
    ("bootstrap.servers", "--bootstrap"),
    ("metadata.broker.list", "--bootstrap"),
    ("security.protocol", "--security-protocol"),
    ("sasl.mechanism", "--sasl-mechanism"),
    ("sasl.mechanisms", "--sasl-mechanism"),
    ("sasl.username", "--sasl-username"),
    (
        "sasl.password",
        "KMSG_SASL_PASSWORD or --sasl-password-file",
    ),
    ("ssl.ca.location", "--tls-ca"),
    ("ssl.certificate.location", "--tls-cert"),
    ("ssl.key.location", "--tls-key"),
];

/// librdkafka keys kmsg's commands set themselves because they depend on them, and why:
/// `-X` may not set them (the message also says what to use instead).
const FIXED_KEYS: &[(&str, &str)] = &[
    (
        "group.id",
        "kmsg names its groups itself: use --group where a command has one (consume, dlq watch, dlq replay, metrics); view and dlq list/show read without joining one",
    ),
    (
        "enable.auto.commit",
        "kmsg commits offsets itself (consume only once an outcome is durable); remove it",
    ),
    (
        "enable.auto.offset.store",
        "kmsg stores offsets itself (consume only once an outcome is durable); remove it",
    ),
    (
        "enable.partition.eof",
        "kmsg's readers depend on their own setting of it to see where a partition ends; remove it",
    ),
    (
        "transactional.id",
        "only consume --exactly-once is transactional and it derives transactional.id from --group and --instance-id: do not set it with -X",
    ),
];

/// librdkafka properties with more than one name: a `-X` under any name of a property counts
/// as setting it.
const ALIASES: &[&[&str]] = &[
    &["acks", "request.required.acks"],
    &["compression.type", "compression.codec"],
    &["linger.ms", "queue.buffering.max.ms"],
    &["message.timeout.ms", "delivery.timeout.ms"],
];

/// The default of `produce --acks`.
pub const PRODUCE_ACKS: &str = "all";
/// The default of `produce --delivery-timeout` (`message.timeout.ms`).
pub const PRODUCE_DELIVERY_TIMEOUT: Duration = Duration::from_secs(30);
/// The default of `consume --compression` (`compression.type` of forwards and dead letters).
pub const CONSUME_COMPRESSION: &str = "lz4";
/// The default of the global `--timeout`.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// Why the connection flags were refused. Every variant is a usage error (exit 2).
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("-X {0:?} is not of the form key=value")]
    NotKeyValue(String),
    #[error("-X {key} is not a librdkafka property ({reason}); see librdkafka's CONFIGURATION.md")]
    UnknownKey { key: String, reason: String },
    #[error("-X {key} clashes with a typed option: use {flag} instead")]
    TypedKey { key: String, flag: &'static str },
    #[error("-X {key}={value} is refused: {why}")]
    FixedKey {
        key: String,
        value: String,
        why: &'static str,
    },
    #[error("{flag} {flag_value} and -X {key}={x_value} both set {key}; give one")]
    Clash {
        flag: &'static str,
        flag_value: String,
        key: String,
        x_value: String,
    },
    #[error("the {role} settings do not go together: {reason}")]
    Rejected { role: &'static str, reason: String },
    #[error("{flag} and -X {key}={value} do not go together: {why}")]
    Incompatible {
        flag: String,
        key: String,
        value: String,
        why: &'static str,
    },
    #[error("--bootstrap is empty: give host:port[,host:port...]")]
    EmptyBootstrap,
    #[error("--bootstrap {0:?}: each server must be host:port")]
    BadBootstrap(String),
    #[error("{option} {path}: {reason}")]
    File {
        option: &'static str,
        path: String,
        reason: String,
    },
    #[error("--sasl-password-file {0}: the file is empty")]
    EmptyPassword(String),
    #[error("--sasl-mechanism is set but no --sasl-username (or KMSG_SASL_USERNAME) is given")]
    MissingUsername,
    #[error("--sasl-username {0} has no password: set KMSG_SASL_PASSWORD or --sasl-password-file")]
    MissingPassword(String),
    #[error("--tls-cert and --tls-key go together: give both or neither")]
    HalfMutualTls,
}

/// A secret that prints as `***` in `Debug` and `Display`, so it can never reach a log line.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

/// A typed flag's value and whether the user gave it (on the command line or by env) or it
/// is kmsg's default: a `-X` for the same property clashes with the first and wins over the
/// second.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Given<T> {
    pub value: T,
    pub explicit: bool,
}

impl<T> Given<T> {
    /// The flag's value when it was given, else `default`.
    pub fn or(given: Option<T>, default: T) -> Self {
        match given {
            Some(value) => Given {
                value,
                explicit: true,
            },
            None => Given {
                value: default,
                explicit: false,
            },
        }
    }

    /// A value the user gave.
    pub fn explicit(value: T) -> Self {
        Given {
            value,
            explicit: true,
        }
    }

    /// kmsg's default, given way to by `-X`.
    pub fn default(value: T) -> Self {
        Given {
            value,
            explicit: false,
        }
    }

    /// The same claim on a converted value.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Given<U> {
        Given {
            value: f(self.value),
            explicit: self.explicit,
        }
    }
}

/// One typed flag's claim on a librdkafka property.
#[derive(Debug, Clone)]
struct Typed {
    /// The flag as the user writes it, e.g. `--acks`.
    flag: &'static str,
    /// The flag's value as the user would write it, e.g. `all` or `30s`.
    shown: String,
    /// The librdkafka property it sets.
    key: &'static str,
    /// The value of that property.
    value: String,
    explicit: bool,
}

impl Typed {
    fn new<T>(
        flag: &'static str,
        key: &'static str,
        given: &Given<T>,
        show: impl Fn(&T) -> String,
        value: impl Fn(&T) -> String,
    ) -> Self {
        Typed {
            flag,
            shown: show(&given.value),
            key,
            value: value(&given.value),
            explicit: given.explicit,
        }
    }
}

/// The names of `key` (itself and its librdkafka aliases).
fn names_of(key: &str) -> Vec<&str> {
    ALIASES
        .iter()
        .find(|names| names.contains(&key))
        .map(|names| names.to_vec())
        .unwrap_or_else(|| vec![key])
}

/// The `-X` that sets `key` under any of its names, as (name used, value).
fn x_setting<'a>(extra: &'a BTreeMap<String, String>, key: &str) -> Option<(&'a str, &'a str)> {
    names_of(key)
        .into_iter()
        .find_map(|name| extra.get_key_value(name))
        .map(|(k, v)| (k.as_str(), v.as_str()))
}

/// The rule where a typed flag meets `-X` (pure; table-tested): `Ok(Some(value))` to set
/// the flag's value, `Ok(None)` when a `-X` for the property wins over the flag's default,
/// a clash when both were given.
fn merge_typed(
    extra: &BTreeMap<String, String>,
    typed: &Typed,
) -> Result<Option<String>, ConfigError> {
    match x_setting(extra, typed.key) {
        Some((name, x_value)) if typed.explicit => Err(ConfigError::Clash {
            flag: typed.flag,
            flag_value: typed.shown.clone(),
            key: name.to_string(),
            x_value: x_value.to_string(),
        }),
        Some(_) => Ok(None),
        None => Ok(Some(typed.value.clone())),
    }
}

/// Applies typed flags to `cfg` by `merge_typed`.
fn apply_typed(
    cfg: &mut ClientConfig,
    extra: &BTreeMap<String, String>,
    typed: &[Typed],
) -> Result<(), ConfigError> {
    for t in typed {
        if let Some(value) = merge_typed(extra, t)? {
            cfg.set(t.key, value);
        }
    }
    Ok(())
}

/// Sets kmsg's own default for a property without a flag, unless `-X` set it (by any name).
fn set_default(cfg: &mut ClientConfig, extra: &BTreeMap<String, String>, key: &str, value: &str) {
    if x_setting(extra, key).is_none() {
        cfg.set(key, value);
    }
}

fn show_duration(d: &Duration) -> String {
    humantime::format_duration(*d).to_string()
}

fn millis(d: &Duration) -> String {
    d.as_millis().max(1).to_string()
}

/// Whether an `acks` value asks for every in-sync replica.
fn acks_all(acks: &str) -> bool {
    acks == "all" || acks == "-1"
}

/// What `kmsg produce`'s typed flags ask of its producer (defaults applied by `Given::or`).
#[derive(Debug, Clone)]
pub struct ProduceOptions {
    /// `--acks`: all, -1, 1 or 0.
    pub acks: Given<String>,
    /// `-z/--compression`: the codec's librdkafka name.
    pub compression: Given<&'static str>,
    /// `--linger` (its default depends on `--rate`).
    pub linger: Given<Duration>,
    /// `--batch-size` (no default: librdkafka's).
    pub batch_size: Option<u32>,
    /// `--delivery-timeout`.
    pub delivery_timeout: Given<Duration>,
}

/// Validated connection settings shared by every subcommand.
#[derive(Debug, Clone)]
pub struct ClientSettings {
    pub bootstrap: String,
    /// Whether the bootstrap was given (flag or env) rather than defaulted.
    pub bootstrap_explicit: bool,
    pub extra: BTreeMap<String, String>,
    /// Properties kmsg itself sets on its consumers only (the demo on the embedded cluster);
    /// `-X` still wins.
    pub consumer_defaults: BTreeMap<String, String>,
    pub security_protocol: Option<SecurityProtocol>,
    pub sasl_mechanism: Option<SaslMechanism>,
    pub sasl_username: Option<String>,
    pub sasl_password: Option<Secret>,
    pub tls_ca: Option<PathBuf>,
    pub tls_cert: Option<PathBuf>,
    pub tls_key: Option<PathBuf>,
    pub timeout: Duration,
    /// Whether `--timeout` (or `KMSG_TIMEOUT`) was given rather than defaulted.
    pub timeout_explicit: bool,
}

impl ClientSettings {
    /// Validates the connection options. `password_env` is the value of `KMSG_SASL_PASSWORD`,
    /// passed in so tests need not touch the process environment.
    pub fn from_options(
        args: &ConnectionOptions,
        password_env: Option<String>,
    ) -> Result<Self, ConfigError> {
        let bootstrap_explicit = args.bootstrap.is_some();
        let bootstrap = args
            .bootstrap
            .clone()
            .unwrap_or_else(|| DEFAULT_BOOTSTRAP.to_string());
        validate_bootstrap(&bootstrap)?;

        let mut extra = BTreeMap::new();
        for kv in &args.rdkafka {
            let (key, value) = kv
                .split_once('=')
                .filter(|(k, _)| !k.trim().is_empty())
                .ok_or_else(|| ConfigError::NotKeyValue(kv.clone()))?;
            let key = key.trim();
            if let Some((_, flag)) = TYPED_KEYS.iter().find(|(k, _)| *k == key) {
                return Err(ConfigError::TypedKey {
                    key: key.to_string(),
                    flag,
                });
            }
            if let Some((_, why)) = FIXED_KEYS.iter().find(|(k, _)| *k == key) {
                return Err(ConfigError::FixedKey {
                    key: key.to_string(),
                    value: value.to_string(),
                    why,
                });
            }
            check_rdkafka_key(key, value)?;
            extra.insert(key.to_string(), value.to_string());
        }

        let timeout = Given::or(args.timeout, DEFAULT_TIMEOUT);
        merge_typed(&extra, &timeout_typed(&timeout))?;

        for (option, path) in [
            ("--tls-ca", &args.tls_ca),
            ("--tls-cert", &args.tls_cert),
            ("--tls-key", &args.tls_key),
        ] {
            if let Some(path) = path {
                check_readable(option, path)?;
            }
        }
        if args.tls_cert.is_some() != args.tls_key.is_some() {
            return Err(ConfigError::HalfMutualTls);
        }
        if let Some(ca) = &args.tls_ca {
            check_pem("--tls-ca", ca, &["CERTIFICATE"])?;
        }
        if let (Some(cert), Some(key)) = (&args.tls_cert, &args.tls_key) {
            check_pem("--tls-cert", cert, &["CERTIFICATE"])?;
            check_pem("--tls-key", key, &["PRIVATE KEY"])?;
            check_key_matches(cert, key)?;
        }

        let sasl_password = match &args.sasl_password_file {
            Some(path) => Some(read_password_file(path)?),
            None => password_env.filter(|p| !p.is_empty()).map(Secret),
        };
        if let Some(pw) = &sasl_password {
            super::context::register_secret(pw.expose());
        }
        let uses_sasl = args.sasl_mechanism.is_some()
            || matches!(
                args.security_protocol,
                Some(SecurityProtocol::SaslPlaintext | SecurityProtocol::SaslSsl)
            );
        if uses_sasl {
            match &args.sasl_username {
                None => return Err(ConfigError::MissingUsername),
                Some(user) if sasl_password.is_none() => {
                    return Err(ConfigError::MissingPassword(user.clone()))
                }
                Some(_) => {}
            }
        }

        Ok(ClientSettings {
            bootstrap,
            bootstrap_explicit,
            extra,
            consumer_defaults: BTreeMap::new(),
            security_protocol: args.security_protocol,
            sasl_mechanism: args.sasl_mechanism,
            sasl_username: args.sasl_username.clone(),
            sasl_password,
            tls_ca: args.tls_ca.clone(),
            tls_cert: args.tls_cert.clone(),
            tls_key: args.tls_key.clone(),
            timeout: timeout.value,
            timeout_explicit: timeout.explicit,
        })
    }

    /// Settings for a given bootstrap with everything else defaulted (used by `cluster`).
    pub fn for_bootstrap(bootstrap: &str, timeout: Duration) -> Self {
        ClientSettings {
            bootstrap: bootstrap.to_string(),
            bootstrap_explicit: true,
            extra: BTreeMap::new(),
            consumer_defaults: BTreeMap::new(),
            security_protocol: None,
            sasl_mechanism: None,
            sasl_username: None,
            sasl_password: None,
            tls_ca: None,
            tls_cert: None,
            tls_key: None,
            timeout,
            timeout_explicit: true,
        }
    }

    /// The same settings authenticating as `user` with SCRAM-SHA-512 over TLS verified by `ca`.
    pub fn with_scram_ssl(self, user: &str, password: &str, ca: &Path) -> Self {
        ClientSettings {
            security_protocol: Some(SecurityProtocol::SaslSsl),
            sasl_mechanism: Some(SaslMechanism::ScramSha512),
            sasl_username: Some(user.to_string()),
            sasl_password: Some(Secret::new(password)),
            tls_ca: Some(ca.to_path_buf()),
            ..self
        }
    }

    /// The config every client starts from (admin clients use it as it is): connection,
    /// security, `--timeout`, then `-X` last.
    pub fn base_config(&self) -> ClientConfig {
        let mut cfg = ClientConfig::new();
        cfg.set_log_level(rdkafka_log_level());
        cfg.set("bootstrap.servers", &self.bootstrap);
        cfg.set("client.id", "kmsg");
        // A clash with an explicit --timeout was refused in `from_args`.
        let timeout = Given {
            value: self.timeout,
            explicit: self.timeout_explicit,
        };
        let t = timeout_typed(&timeout);
        set_default(&mut cfg, &self.extra, t.key, &t.value);
        if let Some(p) = self.security_protocol {
            cfg.set("security.protocol", p.as_rdkafka());
        } else if self.sasl_mechanism.is_some() {
            cfg.set("security.protocol", "sasl_ssl");
        }
        if let Some(m) = self.sasl_mechanism {
            cfg.set("sasl.mechanism", m.as_rdkafka());
        }
        if let Some(u) = &self.sasl_username {
            cfg.set("sasl.username", u);
        }
        if let Some(p) = &self.sasl_password {
            cfg.set("sasl.password", p.expose());
        }
        for (key, path) in [
            ("ssl.ca.location", &self.tls_ca),
            ("ssl.certificate.location", &self.tls_cert),
            ("ssl.key.location", &self.tls_key),
        ] {
            if let Some(path) = path {
                cfg.set(key, path.to_string_lossy());
            }
        }
        for (k, v) in &self.extra {
            cfg.set(k, v);
        }
        cfg
    }

    /// Producer config (demo, dlq replay): acks=all and idempotence unless `-X` says
    /// otherwise (a weaker `-X acks` turns idempotence off, which needs acks=all, unless
    /// `-X enable.idempotence` is given too), and keyed messages partitioned like the Java
    /// client (`murmur2_random`).
    pub fn producer_config(&self) -> ClientConfig {
        let mut cfg = self.base_config();
        set_default(&mut cfg, &self.extra, "acks", PRODUCE_ACKS);
        let acks = x_setting(&self.extra, "acks").map_or(PRODUCE_ACKS, |(_, v)| v);
        set_default(
            &mut cfg,
            &self.extra,
            "enable.idempotence",
            if acks_all(acks) { "true" } else { "false" },
        );
        set_default(&mut cfg, &self.extra, "partitioner", "murmur2_random");
        cfg
    }

    /// Producer config of `kmsg produce`: `producer_config` with the typed flags merged in
    /// by the rule of this module (`--acks`, `-z`, `--linger`, `--batch-size`,
    /// `--delivery-timeout`). Idempotence follows the acks in effect (flag or `-X`): it is
    /// off with a weaker acks, and `-X enable.idempotence=true` with `--acks 1` is refused.
    pub fn produce_config(&self, opts: &ProduceOptions) -> Result<ClientConfig, ConfigError> {
        let mut cfg = self.base_config();
        let mut typed = vec![
            Typed::new("--acks", "acks", &opts.acks, String::clone, String::clone),
            Typed::new(
                "--compression",
                "compression.type",
                &opts.compression,
                |c| c.to_string(),
                |c| c.to_string(),
            ),
            Typed::new("--linger", "linger.ms", &opts.linger, show_duration, |d| {
                d.as_millis().to_string()
            }),
            Typed::new(
                "--delivery-timeout",
                "message.timeout.ms",
                &opts.delivery_timeout,
                show_duration,
                millis,
            ),
        ];
        if let Some(bytes) = opts.batch_size {
            typed.push(Typed::new(
                "--batch-size",
                "batch.size",
                &Given::explicit(bytes),
                u32::to_string,
                u32::to_string,
            ));
        }
        apply_typed(&mut cfg, &self.extra, &typed)?;
        let acks = match x_setting(&self.extra, "acks") {
            Some((_, v)) if !opts.acks.explicit => v.to_string(),
            _ => opts.acks.value.clone(),
        };
        match self.extra.get("enable.idempotence") {
            Some(v) if v == "true" && !acks_all(&acks) => {
                return Err(ConfigError::Incompatible {
                    flag: format!("--acks {acks}"),
                    key: "enable.idempotence".into(),
                    value: v.clone(),
                    why: "idempotence needs acks=all; give one",
                })
            }
            Some(_) => {}
            None => {
                cfg.set(
                    "enable.idempotence",
                    if acks_all(&acks) { "true" } else { "false" },
                );
            }
        }
        set_default(&mut cfg, &self.extra, "partitioner", "murmur2_random");
        accepted(cfg, "producer")
    }

    /// Producer config of `kmsg breaker-test`: `producer_config` with a 30 s delivery
    /// timeout (`-X message.timeout.ms` wins).
    pub fn breaker_test_producer_config(&self) -> ClientConfig {
        let mut cfg = self.producer_config();
        set_default(&mut cfg, &self.extra, "message.timeout.ms", "30000");
        cfg
    }

    /// A group member's config: `client.id`, offsets stored and committed by kmsg only
    /// (auto-commit only where `auto_commit` says so), no partition-end events,
    /// `read_committed` (`-X isolation.level` wins) and kmsg's own consumer defaults (the
    /// demo's; `-X` wins). `group.id` and the offset settings are refused in `-X`
    /// (`FIXED_KEYS`).
    fn member_config(
        &self,
        group: &str,
        client_id: &Typed,
        auto_commit: bool,
    ) -> Result<ClientConfig, ConfigError> {
        let mut cfg = self.base_config();
        cfg.set("group.id", group);
        apply_typed(&mut cfg, &self.extra, std::slice::from_ref(client_id))?;
        cfg.set("enable.auto.commit", auto_commit.to_string());
        cfg.set("enable.auto.offset.store", auto_commit.to_string());
        cfg.set("enable.partition.eof", "false");
        set_default(&mut cfg, &self.extra, "isolation.level", "read_committed");
        for (k, v) in &self.consumer_defaults {
            set_default(&mut cfg, &self.extra, k, v);
        }
        Ok(cfg)
    }

    /// Consumer config of a `kmsg consume` member: manual offsets (committed by kmsg only
    /// when an outcome is durable), `read_committed`, `client.id` `kmsg-<instance>`
    /// (`--instance-id` and `-X client.id` clash; a default instance gives way), the start
    /// from `--offset-reset` (`-X auto.offset.reset` is refused: consume's `--offset-reset`
    /// is the way, and `--exactly-once` checks it), statistics every 3 s (for the lag
    /// gauges) and a prefetch queue bounded to 8 MB (librdkafka's default of 64 MB of
    /// prefetched messages was most of the member's memory, at no gain in rate), refilled
    /// 20 ms after it was full: librdkafka's default `fetch.queue.backoff.ms` of 1 s idles
    /// the fetcher for a second each time the bounded queue fills, which held a member to
    /// ~40,000 msgs/s with its CPU mostly idle (200,000 messages: 5.5 s, 1.7 s with 20 ms).
    /// `-X` overrides the statistics interval and the queue settings.
    pub fn pipeline_consumer_config(
        &self,
        group: &str,
        instance: Given<&str>,
        reset: &str,
    ) -> Result<ClientConfig, ConfigError> {
        if let Some(v) = self.extra.get("auto.offset.reset") {
            return Err(ConfigError::FixedKey {
                key: "auto.offset.reset".into(),
                value: v.clone(),
                why: "kmsg consume sets it from --offset-reset (earliest by default): use --offset-reset instead",
            });
        }
        let mut cfg = self.member_config(group, &instance_client_id(&instance), false)?;
        cfg.set("auto.offset.reset", reset);
        for (k, v) in [
            ("statistics.interval.ms", "3000"),
            ("queued.max.messages.kbytes", "8192"),
            ("queued.min.messages", "20000"),
            ("fetch.queue.backoff.ms", "20"),
        ] {
            set_default(&mut cfg, &self.extra, k, v);
        }
        Ok(cfg)
    }

    /// Config of `kmsg dlq watch`: a member of `group` that commits as it goes (it only
    /// counts dead letters), starting at the earliest offset (`-X auto.offset.reset` wins).
    pub fn dlq_watch_config(&self, group: &str) -> Result<ClientConfig, ConfigError> {
        let client_id = Typed::new(
            "--instance-id",
            "client.id",
            &Given::default("kmsg-dlq-watch"),
            |s| s.to_string(),
            |s| s.to_string(),
        );
        let mut cfg = self.member_config(group, &client_id, true)?;
        set_default(&mut cfg, &self.extra, "auto.offset.reset", "earliest");
        Ok(cfg)
    }

    /// Producer config of a `kmsg consume` member (forwards and dead letters):
    /// `producer_config` plus `client.id` `kmsg-<instance>` (as in the consumer),
    /// `linger.ms=50` (fewer, bigger batches: the broker threads wake up far less often;
    /// measured -36% CPU against 5 ms), a local queue of 20,000 records (it only has to
    /// cover a batch round trip; each queued record also pins its source message), a 30 s
    /// delivery timeout, and the `-z/--compression` codec (lz4 by default: forwarding 1M
    /// login events on the local 3-broker cluster, five alternating runs, the brokers used
    /// 1.8 CPU-s against 2.8 uncompressed and the run took 4.1 s against 4.5). `-X`
    /// overrides the linger, queue and timeout defaults; `-X compression.type` (or its alias
    /// `compression.codec`) wins over the default codec and clashes with an explicit `-z`.
    /// With a `transactional_id` (exactly-once), idempotence and acks=all are required:
    /// `-X` saying otherwise is refused.
    pub fn pipeline_producer_config(
        &self,
        instance: Given<&str>,
        transactional_id: Option<&str>,
        compression: Given<&str>,
    ) -> Result<ClientConfig, ConfigError> {
        let mut cfg = self.producer_config();
        let typed = [
            instance_client_id(&instance),
            Typed::new(
                "--compression",
                "compression.type",
                &compression,
                |c| c.to_string(),
                |c| c.to_string(),
            ),
        ];
        apply_typed(&mut cfg, &self.extra, &typed)?;
        for (k, v) in [
            ("linger.ms", "50"),
            ("queue.buffering.max.messages", "20000"),
            ("message.timeout.ms", "30000"),
        ] {
            set_default(&mut cfg, &self.extra, k, v);
        }
        if let Some(id) = transactional_id {
            for (key, ok) in [
                ("acks", &["all", "-1"][..]),
                ("enable.idempotence", &["true"][..]),
            ] {
                if let Some((name, v)) = x_setting(&self.extra, key) {
                    if !ok.contains(&v) {
                        return Err(ConfigError::Incompatible {
                            flag: "--exactly-once".into(),
                            key: name.to_string(),
                            value: v.to_string(),
                            why: "transactions need idempotence and acks=all; remove the -X",
                        });
                    }
                }
            }
            cfg.set("transactional.id", id);
            cfg.set("enable.idempotence", "true");
            cfg.set("acks", "all");
        }
        accepted(cfg, "producer")
    }

    /// Config of a reader that joins no group and commits nothing (`view`, `dlq list|show`):
    /// it assigns partitions itself, reports the end of each, and sees only committed
    /// transactions (`-X isolation.level` wins). Its `group.id` is a placeholder librdkafka
    /// needs and that no broker sees.
    pub fn viewer_config(&self) -> ClientConfig {
        let mut cfg = self.base_config();
        cfg.set("group.id", "kmsg-view");
        cfg.set("enable.auto.commit", "false");
        cfg.set("enable.auto.offset.store", "false");
        cfg.set("enable.partition.eof", "true");
        set_default(&mut cfg, &self.extra, "isolation.level", "read_committed");
        cfg
    }

    /// Config of a reader that reads or commits the offsets of `group` without joining it
    /// (`metrics --group`, `dlq replay`'s progress group): `viewer_config` in that group,
    /// starting at the earliest offset where the group has none (`-X auto.offset.reset` wins).
    pub fn group_reader_config(&self, group: &str) -> ClientConfig {
        let mut cfg = self.viewer_config();
        cfg.set("group.id", group);
        set_default(&mut cfg, &self.extra, "auto.offset.reset", "earliest");
        cfg
    }

    /// Text naming the cluster in error messages.
    pub fn describe_target(&self) -> String {
        self.bootstrap.clone()
    }
}

/// librdkafka's own log level follows tracing's, so `--log-level debug` shows its debug lines;
/// connection failures (level 3) always reach the context, which remembers them.
fn rdkafka_log_level() -> RDKafkaLogLevel {
    use tracing::level_filters::LevelFilter;
    match LevelFilter::current() {
        LevelFilter::TRACE | LevelFilter::DEBUG => RDKafkaLogLevel::Debug,
        LevelFilter::INFO => RDKafkaLogLevel::Info,
        _ => RDKafkaLogLevel::Warning,
    }
}

/// The finished config if librdkafka accepts it as a whole (e.g. `message.timeout.ms` must
/// be above `linger.ms`), so a bad combination is a usage error before connecting, not a
/// failure to create the client.
fn accepted(cfg: ClientConfig, role: &'static str) -> Result<ClientConfig, ConfigError> {
    let mut probe = cfg.clone();
    // Without brokers the probe contacts nothing.
    probe.remove("bootstrap.servers");
    probe.set_log_level(RDKafkaLogLevel::Emerg);
    match probe.create::<rdkafka::producer::BaseProducer>() {
        Ok(_) => Ok(cfg),
        Err(e) => Err(ConfigError::Rejected {
            role,
            reason: e.to_string().replace("Client creation error: ", ""),
        }),
    }
}

/// `--timeout`'s claim on `socket.connection.setup.timeout.ms`.
fn timeout_typed(timeout: &Given<Duration>) -> Typed {
    Typed::new(
        "--timeout",
        "socket.connection.setup.timeout.ms",
        timeout,
        show_duration,
        millis,
    )
}

/// `--instance-id`'s claim on `client.id` (`kmsg-<instance>`).
fn instance_client_id(instance: &Given<&str>) -> Typed {
    Typed::new(
        "--instance-id",
        "client.id",
        instance,
        |i| i.to_string(),
        |i| format!("kmsg-{i}"),
    )
}

fn validate_bootstrap(bootstrap: &str) -> Result<(), ConfigError> {
    if bootstrap.trim().is_empty() {
        return Err(ConfigError::EmptyBootstrap);
    }
    for server in bootstrap.split(',') {
        let server = server.trim();
        let server = server
            .split_once("://")
            .map(|(_, rest)| rest)
            .unwrap_or(server);
        let ok = server
            .rsplit_once(':')
            .map(|(host, port)| !host.is_empty() && port.parse::<u16>().is_ok())
            .unwrap_or(false);
        if !ok {
            return Err(ConfigError::BadBootstrap(server.to_string()));
        }
    }
    Ok(())
}

/// Asks librdkafka itself whether it knows `key` and accepts `value`.
fn check_rdkafka_key(key: &str, value: &str) -> Result<(), ConfigError> {
    let mut probe = ClientConfig::new();
    probe.set(key, value);
    probe
        .create_native_config()
        .map(|_| ())
        .map_err(|e| ConfigError::UnknownKey {
            key: key.to_string(),
            reason: e.to_string(),
        })
}

fn check_readable(option: &'static str, path: &Path) -> Result<(), ConfigError> {
    std::fs::File::open(path)
        .map(|_| ())
        .map_err(|e| ConfigError::File {
            option,
            path: path.display().to_string(),
            reason: e.to_string(),
        })
}

/// A PEM file holds at least one `-----BEGIN <kind>` block of one of `kinds` (e.g.
/// `CERTIFICATE`; `PRIVATE KEY` also matches `RSA PRIVATE KEY` and `EC PRIVATE KEY`).
fn check_pem(option: &'static str, path: &Path, kinds: &[&str]) -> Result<(), ConfigError> {
    let bytes = std::fs::read(path).map_err(|e| ConfigError::File {
        option,
        path: path.display().to_string(),
        reason: e.to_string(),
    })?;
    let text = String::from_utf8_lossy(&bytes);
    let ok = text.lines().any(|l| {
        l.starts_with("-----BEGIN ") && l.ends_with("-----") && kinds.iter().any(|k| l.contains(k))
    });
    if ok {
        Ok(())
    } else {
        Err(ConfigError::File {
            option,
            path: path.display().to_string(),
            reason: format!(
                "not a PEM file with a {} (expected a -----BEGIN {}----- block)",
                kinds.join(" or "),
                kinds[0]
            ),
        })
    }
}

/// Asks librdkafka (OpenSSL) to load the client certificate and key, which checks that the
/// key belongs to the certificate. No broker is contacted: the probe has no bootstrap.
fn check_key_matches(cert: &Path, key: &Path) -> Result<(), ConfigError> {
    let mut probe = ClientConfig::new();
    probe.set("security.protocol", "ssl");
    probe.set("ssl.certificate.location", cert.to_string_lossy());
    probe.set("ssl.key.location", key.to_string_lossy());
    probe.set_log_level(RDKafkaLogLevel::Emerg);
    match probe.create::<rdkafka::producer::BaseProducer>() {
        Ok(_) => Ok(()),
        Err(e) => Err(ConfigError::File {
            option: "--tls-key",
            path: key.display().to_string(),
            reason: format!(
                "does not go with --tls-cert {} (or cannot be loaded): {e}",
                cert.display()
            ),
        }),
    }
}

fn read_password_file(path: &Path) -> Result<Secret, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|e| ConfigError::File {
        option: "--sasl-password-file",
        path: path.display().to_string(),
        reason: e.to_string(),
    })?;
    warn_if_world_readable(path);
    let first = text.lines().next().unwrap_or("").to_string();
    if first.is_empty() {
        return Err(ConfigError::EmptyPassword(path.display().to_string()));
    }
    Ok(Secret(first))
}

fn warn_if_world_readable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    if let Ok(meta) = std::fs::metadata(path) {
        if meta.permissions().mode() & 0o004 != 0 {
            tracing::warn!(
                path = %path.display(),
                "the SASL password file is readable by every user; chmod 600 it"
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    /// The connection options of a command line (parsed by the real CLI, test only).
    fn global(args: &[&str]) -> ConnectionOptions {
        let mut argv = vec!["kmsg"];
        argv.extend_from_slice(args);
        argv.extend_from_slice(&["topics", "list"]);
        crate::cli::Cli::try_parse_from(argv)
            .unwrap()
            .global
            .connection()
    }

    #[test]
    fn defaults_to_localhost_when_no_bootstrap_is_given() {
        let mut args = global(&[]);
        args.bootstrap = None;
        let s = ClientSettings::from_options(&args, None).unwrap();
        assert!(!s.bootstrap_explicit);
        assert_eq!(s.bootstrap, DEFAULT_BOOTSTRAP);
    }

    #[test]
    fn passes_known_rdkafka_keys_through() {
        let s = ClientSettings::from_options(&global(&["-X", "linger.ms=7"]), None).unwrap();
        assert_eq!(s.extra.get("linger.ms").map(String::as_str), Some("7"));
        let cfg = s.base_config();
        assert_eq!(cfg.get("linger.ms"), Some("7"));
    }

    #[test]
    fn refuses_unknown_rdkafka_keys_naming_them() {
        let err =
            ClientSettings::from_options(&global(&["-X", "no.such.key=1"]), None).unwrap_err();
        assert!(matches!(err, ConfigError::UnknownKey { .. }), "{err}");
        assert!(err.to_string().contains("no.such.key"));
    }

    #[test]
    fn refuses_rdkafka_keys_that_have_a_typed_flag() {
        let err = ClientSettings::from_options(&global(&["-X", "bootstrap.servers=x:1"]), None)
            .unwrap_err();
        assert!(err.to_string().contains("--bootstrap"), "{err}");
        let err = ClientSettings::from_options(&global(&["-X", "sasl.password=hunter2"]), None)
            .unwrap_err();
        assert!(!err.to_string().contains("hunter2"), "{err}");
    }

    #[test]
    fn refuses_malformed_passthrough() {
        let err = ClientSettings::from_options(&global(&["-X", "linger.ms"]), None).unwrap_err();
        assert!(matches!(err, ConfigError::NotKeyValue(_)));
    }

    #[test]
    fn refuses_bootstrap_without_port() {
        let err =
            ClientSettings::from_options(&global(&["--bootstrap", "localhost"]), None).unwrap_err();
        assert!(err.to_string().contains("host:port"), "{err}");
    }

    #[test]
    fn refuses_missing_tls_file_naming_the_option() {
        let err = ClientSettings::from_options(&global(&["--tls-ca", "/no/such/ca.pem"]), None)
            .unwrap_err();
        assert!(
            err.to_string().starts_with("--tls-ca /no/such/ca.pem"),
            "{err}"
        );
    }

    #[test]
    fn refuses_a_ca_file_that_is_not_pem_and_a_key_of_another_certificate() {
        let dir = tempfile::tempdir().unwrap();
        let junk = dir.path().join("ca.der");
        std::fs::write(&junk, [0x30u8, 0x82, 0x01, 0x0a]).unwrap();
        let err =
            ClientSettings::from_options(&global(&["--tls-ca", junk.to_str().unwrap()]), None)
                .unwrap_err();
        let text = err.to_string();
        assert!(
            text.starts_with("--tls-ca ") && text.contains("not a PEM file"),
            "{text}"
        );

        let one = crate::cluster::pki::generate_pki(crate::cluster::pki::LOCAL_HOSTS).unwrap();
        let two = crate::cluster::pki::generate_pki(crate::cluster::pki::LOCAL_HOSTS).unwrap();
        let split = |ks: &str| {
            let at = ks.find("-----BEGIN CERTIFICATE-----").unwrap();
            let end = ks[at..].find("-----END CERTIFICATE-----").unwrap() + at + 26;
            (ks[..at].to_string(), ks[at..end].to_string())
        };
        let (key1, cert1) = split(&one.broker_keystore);
        let (key2, _) = split(&two.broker_keystore);
        let (c, k1, k2) = (
            dir.path().join("c.pem"),
            dir.path().join("k1.pem"),
            dir.path().join("k2.pem"),
        );
        std::fs::write(&c, cert1).unwrap();
        std::fs::write(&k1, key1).unwrap();
        std::fs::write(&k2, key2).unwrap();
        let args = |k: &Path| {
            global(&[
                "--tls-cert",
                c.to_str().unwrap(),
                "--tls-key",
                k.to_str().unwrap(),
            ])
        };
        ClientSettings::from_options(&args(&k1), None).expect("a matching pair is accepted");
        let err = ClientSettings::from_options(&args(&k2), None).unwrap_err();
        let text = err.to_string();
        assert!(
            text.starts_with("--tls-key ") && text.contains("does not go with --tls-cert"),
            "{text}"
        );
    }

    #[test]
    fn sasl_needs_a_username_and_a_password() {
        let err =
            ClientSettings::from_options(&global(&["--sasl-mechanism", "SCRAM-SHA-512"]), None)
                .unwrap_err();
        assert!(matches!(err, ConfigError::MissingUsername));
        let err = ClientSettings::from_options(
            &global(&["--sasl-mechanism", "SCRAM-SHA-512", "--sasl-username", "u"]),
            None,
        )
        .unwrap_err();
        assert!(matches!(err, ConfigError::MissingPassword(_)));
    }

    #[test]
    fn password_comes_from_env_and_never_prints() {
        let s = ClientSettings::from_options(
            &global(&["--sasl-mechanism", "SCRAM-SHA-512", "--sasl-username", "u"]),
            Some("s3cret-pw".into()),
        )
        .unwrap();
        assert_eq!(s.sasl_password.as_ref().unwrap().expose(), "s3cret-pw");
        assert!(!format!("{s:?}").contains("s3cret-pw"));
        assert_eq!(s.base_config().get("security.protocol"), Some("sasl_ssl"));
    }

    #[test]
    fn password_file_first_line_is_the_password() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pw");
        std::fs::write(&path, "pa55\n").unwrap();
        let p = path.to_str().unwrap();
        let s = ClientSettings::from_options(
            &global(&[
                "--sasl-mechanism",
                "PLAIN",
                "--sasl-username",
                "u",
                "--sasl-password-file",
                p,
            ]),
            None,
        )
        .unwrap();
        assert_eq!(s.sasl_password.unwrap().expose(), "pa55");
    }

    #[test]
    fn producer_defaults_to_acks_all_idempotence_and_java_partitioning() {
        let s = ClientSettings::from_options(&global(&[]), None).unwrap();
        let cfg = s.producer_config();
        assert_eq!(cfg.get("acks"), Some("all"));
        assert_eq!(cfg.get("enable.idempotence"), Some("true"));
        assert_eq!(cfg.get("partitioner"), Some("murmur2_random"));
        let s = ClientSettings::from_options(&global(&["-X", "acks=1"]), None).unwrap();
        assert_eq!(s.producer_config().get("acks"), Some("1"));
    }

    fn settings(args: &[&str]) -> Result<ClientSettings, ConfigError> {
        ClientSettings::from_options(&global(args), None)
    }

    fn extra(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn typed(flag: &'static str, key: &'static str, value: &str, explicit: bool) -> Typed {
        Typed {
            flag,
            shown: value.to_string(),
            key,
            value: value.to_string(),
            explicit,
        }
    }

    #[test]
    fn a_typed_flag_and_x_follow_one_rule() {
        // (typed flag given?, -X settings, expected: Ok(Some(flag value)), Ok(None) = -X wins,
        // Err(message))
        let cases: &[(bool, &[(&str, &str)], Result<Option<&str>, &str>)] = &[
            (true, &[], Ok(Some("all"))),
            (false, &[], Ok(Some("all"))),
            (false, &[("acks", "1")], Ok(None)),
            (false, &[("request.required.acks", "0")], Ok(None)),
            (false, &[("linger.ms", "5")], Ok(Some("all"))),
            (
                true,
                &[("acks", "1")],
                Err("--acks all and -X acks=1 both set acks; give one"),
            ),
            (
                true,
                &[("request.required.acks", "0")],
                Err("--acks all and -X request.required.acks=0 both set request.required.acks; give one"),
            ),
        ];
        for (explicit, x, want) in cases {
            let got = merge_typed(&extra(x), &typed("--acks", "acks", "all", *explicit))
                .map_err(|e| e.to_string());
            let want = want.map(|v| v.map(str::to_string)).map_err(str::to_string);
            assert_eq!(got, want, "explicit {explicit}, -X {x:?}");
        }
    }

    fn produce_options(flags: &[&str]) -> ProduceOptions {
        let mut argv = vec!["kmsg", "produce", "--value", "{}"];
        argv.extend_from_slice(flags);
        let crate::cli::Command::Produce(a) =
            crate::cli::Cli::try_parse_from(argv).unwrap().command
        else {
            unreachable!("the argv names produce")
        };
        ProduceOptions {
            acks: Given::or(a.acks, PRODUCE_ACKS.to_string()),
            compression: Given::or(a.compression, crate::kafka::options::Compression::None)
                .map(crate::kafka::options::Compression::codec),
            linger: Given::or(a.linger, Duration::from_millis(20)),
            batch_size: a.batch_size,
            delivery_timeout: Given::or(a.delivery_timeout, PRODUCE_DELIVERY_TIMEOUT),
        }
    }

    #[test]
    fn produce_flags_apply_their_defaults_unless_x_sets_the_property() {
        let cfg = settings(&[])
            .unwrap()
            .produce_config(&produce_options(&[]))
            .unwrap();
        for (k, v) in [
            ("acks", "all"),
            ("enable.idempotence", "true"),
            ("compression.type", "none"),
            ("linger.ms", "20"),
            ("message.timeout.ms", "30000"),
            ("partitioner", "murmur2_random"),
        ] {
            assert_eq!(cfg.get(k), Some(v), "{k}");
        }
        assert_eq!(cfg.get("batch.size"), None);

        let s = settings(&[
            "-X",
            "acks=0",
            "-X",
            "compression.type=zstd",
            "-X",
            "message.timeout.ms=5",
            "-X",
            "queue.buffering.max.ms=2",
        ])
        .unwrap();
        let cfg = s.produce_config(&produce_options(&[])).unwrap();
        assert_eq!(cfg.get("acks"), Some("0"));
        assert_eq!(
            cfg.get("enable.idempotence"),
            Some("false"),
            "acks=0 cannot be idempotent"
        );
        assert_eq!(cfg.get("compression.type"), Some("zstd"));
        assert_eq!(cfg.get("message.timeout.ms"), Some("5"));
        assert_eq!(cfg.get("queue.buffering.max.ms"), Some("2"));
        assert_eq!(
            cfg.get("linger.ms"),
            None,
            "the alias of linger.ms was set by -X"
        );
    }

    #[test]
    fn produce_flags_given_explicitly_apply_and_clash_with_x() {
        let cfg = settings(&[])
            .unwrap()
            .produce_config(&produce_options(&[
                "--acks",
                "1",
                "-z",
                "lz4",
                "--linger",
                "5ms",
                "--batch-size",
                "65536",
                "--delivery-timeout",
                "2s",
            ]))
            .unwrap();
        for (k, v) in [
            ("acks", "1"),
            ("enable.idempotence", "false"),
            ("compression.type", "lz4"),
            ("linger.ms", "5"),
            ("batch.size", "65536"),
            ("message.timeout.ms", "2000"),
        ] {
            assert_eq!(cfg.get(k), Some(v), "{k}");
        }
        for (flags, x, want) in [
            (
                &["--acks", "all"][..],
                "acks=1",
                "--acks all and -X acks=1 both set acks; give one",
            ),
            (
                &["-z", "lz4"],
                "compression.codec=zstd",
                "--compression lz4 and -X compression.codec=zstd both set compression.codec; give one",
            ),
            (
                &["--linger", "5ms"],
                "linger.ms=9",
                "--linger 5ms and -X linger.ms=9 both set linger.ms; give one",
            ),
            (
                &["--batch-size", "100"],
                "batch.size=200",
                "--batch-size 100 and -X batch.size=200 both set batch.size; give one",
            ),
            (
                &["--delivery-timeout", "2s"],
                "message.timeout.ms=1",
                "--delivery-timeout 2s and -X message.timeout.ms=1 both set message.timeout.ms; give one",
            ),
            (
                &["--acks", "1"],
                "enable.idempotence=true",
                "--acks 1 and -X enable.idempotence=true do not go together: idempotence needs acks=all; give one",
            ),
        ] {
            let err = settings(&["-X", x])
                .unwrap()
                .produce_config(&produce_options(flags))
                .unwrap_err();
            assert!(matches!(err, ConfigError::Clash { .. } | ConfigError::Incompatible { .. }));
            assert_eq!(err.to_string(), want);
        }
    }

    #[test]
    fn a_combination_librdkafka_refuses_is_a_usage_error_before_connecting() {
        let err = settings(&["-X", "message.timeout.ms=10"])
            .unwrap()
            .produce_config(&produce_options(&[]))
            .unwrap_err();
        assert!(matches!(err, ConfigError::Rejected { .. }), "{err}");
        assert!(
            err.to_string()
                .starts_with("the producer settings do not go together: ")
                && err.to_string().contains("linger.ms"),
            "{err}"
        );
    }

    #[test]
    fn timeout_clashes_with_x_only_when_given() {
        let s = settings(&["-X", "socket.connection.setup.timeout.ms=3000"]).unwrap();
        assert_eq!(
            s.base_config().get("socket.connection.setup.timeout.ms"),
            Some("3000")
        );
        assert_eq!(
            settings(&[])
                .unwrap()
                .base_config()
                .get("socket.connection.setup.timeout.ms"),
            Some("10000")
        );
        let err = settings(&[
            "--timeout",
            "5s",
            "-X",
            "socket.connection.setup.timeout.ms=3000",
        ])
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "--timeout 5s and -X socket.connection.setup.timeout.ms=3000 both set socket.connection.setup.timeout.ms; give one"
        );
    }

    #[test]
    fn keys_kmsg_sets_itself_are_refused_in_x_with_the_reason() {
        for (x, needle) in [
            ("group.id=g", "use --group"),
            ("enable.auto.commit=true", "kmsg commits offsets itself"),
            (
                "enable.auto.offset.store=true",
                "kmsg stores offsets itself",
            ),
            ("enable.partition.eof=false", "where a partition ends"),
            ("transactional.id=t", "do not set it with -X"),
        ] {
            let err = settings(&["-X", x]).unwrap_err();
            assert!(matches!(err, ConfigError::FixedKey { .. }), "{err}");
            let text = err.to_string();
            assert!(text.starts_with(&format!("-X {x} is refused: ")), "{text}");
            assert!(text.contains(needle), "{text}");
        }
        let err = settings(&["-X", "auto.offset.reset=latest"])
            .unwrap()
            .pipeline_consumer_config("g", Given::default("i1"), "earliest")
            .unwrap_err();
        assert!(err.to_string().contains("use --offset-reset"), "{err}");
        // Elsewhere auto.offset.reset is only a default.
        let s = settings(&["-X", "auto.offset.reset=latest"]).unwrap();
        assert_eq!(
            s.group_reader_config("g").get("auto.offset.reset"),
            Some("latest")
        );
        assert_eq!(
            s.dlq_watch_config("g").unwrap().get("auto.offset.reset"),
            Some("latest")
        );
    }

    #[test]
    fn pipeline_clients_batch_and_bound_their_queues_unless_x_says_otherwise() {
        let s = settings(&[]).unwrap();
        let lz4 = Given::default(CONSUME_COMPRESSION);
        let i1 = Given::default("i1");
        let p = s.pipeline_producer_config(i1, None, lz4).unwrap();
        assert_eq!(p.get("linger.ms"), Some("50"));
        assert_eq!(p.get("queue.buffering.max.messages"), Some("20000"));
        assert_eq!(p.get("acks"), Some("all"));
        assert_eq!(p.get("client.id"), Some("kmsg-i1"));
        assert_eq!(p.get("compression.type"), Some("lz4"));
        let c = s.pipeline_consumer_config("g", i1, "earliest").unwrap();
        assert_eq!(c.get("queued.max.messages.kbytes"), Some("8192"));
        assert_eq!(c.get("fetch.queue.backoff.ms"), Some("20"));
        assert_eq!(c.get("enable.auto.commit"), Some("false"));
        assert_eq!(c.get("statistics.interval.ms"), Some("3000"));
        assert_eq!(c.get("client.id"), Some("kmsg-i1"));
        let s = settings(&[
            "-X",
            "linger.ms=5",
            "-X",
            "queued.max.messages.kbytes=65536",
        ])
        .unwrap();
        assert_eq!(
            s.pipeline_producer_config(i1, None, lz4)
                .unwrap()
                .get("linger.ms"),
            Some("5")
        );
        assert_eq!(
            s.pipeline_consumer_config("g", i1, "earliest")
                .unwrap()
                .get("queued.max.messages.kbytes"),
            Some("65536")
        );
        // Either name of the codec property wins over the default codec...
        for (key, value) in [("compression.type", "zstd"), ("compression.codec", "none")] {
            let s = settings(&["-X", &format!("{key}={value}")]).unwrap();
            let p = s.pipeline_producer_config(i1, None, lz4).unwrap();
            assert_eq!(p.get(key), Some(value));
            assert_eq!(
                p.get("compression.type").is_some(),
                key == "compression.type"
            );
            // ... and clashes with an explicit -z.
            let err = s
                .pipeline_producer_config(i1, None, Given::explicit("lz4"))
                .unwrap_err();
            assert_eq!(
                err.to_string(),
                format!("--compression lz4 and -X {key}={value} both set {key}; give one")
            );
        }
        // -X client.id wins over a default instance id and clashes with --instance-id.
        let s = settings(&["-X", "client.id=mine"]).unwrap();
        let c = s.pipeline_consumer_config("g", i1, "earliest").unwrap();
        assert_eq!(c.get("client.id"), Some("mine"));
        let err = s
            .pipeline_consumer_config("g", Given::explicit("a"), "earliest")
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "--instance-id a and -X client.id=mine both set client.id; give one"
        );
    }

    #[test]
    fn exactly_once_forces_transactions_and_refuses_x_that_weakens_them() {
        let s = settings(&[]).unwrap();
        let p = s
            .pipeline_producer_config(Given::explicit("a"), Some("t-a"), Given::default("lz4"))
            .unwrap();
        assert_eq!(p.get("transactional.id"), Some("t-a"));
        assert_eq!(p.get("enable.idempotence"), Some("true"));
        assert_eq!(p.get("acks"), Some("all"));
        for x in ["acks=1", "enable.idempotence=false"] {
            let err = settings(&["-X", x])
                .unwrap()
                .pipeline_producer_config(Given::explicit("a"), Some("t-a"), Given::default("lz4"))
                .unwrap_err();
            assert!(
                err.to_string()
                    .starts_with(&format!("--exactly-once and -X {x} do not go together")),
                "{err}"
            );
        }
    }

    #[test]
    fn consumer_defaults_reach_consumers_only_and_x_still_wins() {
        let mut s = settings(&["-X", "heartbeat.interval.ms=500"]).unwrap();
        s.consumer_defaults
            .insert("session.timeout.ms".into(), "6000".into());
        s.consumer_defaults
            .insert("heartbeat.interval.ms".into(), "1000".into());
        let i1 = Given::default("i1");
        let c = s.pipeline_consumer_config("g", i1, "earliest").unwrap();
        assert_eq!(c.get("session.timeout.ms"), Some("6000"));
        assert_eq!(c.get("heartbeat.interval.ms"), Some("500"));
        assert_eq!(
            s.pipeline_producer_config(i1, None, Given::default("lz4"))
                .unwrap()
                .get("session.timeout.ms"),
            None
        );
        assert_eq!(s.producer_config().get("session.timeout.ms"), None);
    }
}
