//! The one place that builds librdkafka configurations.
//!
//! `ClientSettings::from_args` validates the global connection flags (bootstrap, `-X`
//! passthrough, TLS files, SASL credentials) before any network call, and `base_config`
//! turns them into a `ClientConfig` that producers, consumers and admin clients extend.
//! The SASL password is read from env or a file, never from a flag, and is never logged.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rdkafka::config::RDKafkaLogLevel;
use rdkafka::ClientConfig;

use crate::cli::{GlobalArgs, SaslMechanism, SecurityProtocol};

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

/// Why the connection flags were refused. Every variant is a usage error (exit 2).
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("-X {0:?} is not of the form key=value")]
    NotKeyValue(String),
    #[error("-X {key} is not a librdkafka property ({reason}); see librdkafka's CONFIGURATION.md")]
    UnknownKey { key: String, reason: String },
    #[error("-X {key} clashes with a typed option: use {flag} instead")]
    TypedKey { key: String, flag: &'static str },
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
}

impl ClientSettings {
    /// Validates the global flags. `password_env` is the value of `KMSG_SASL_PASSWORD`,
    /// passed in so tests need not touch the process environment.
    pub fn from_args(args: &GlobalArgs, password_env: Option<String>) -> Result<Self, ConfigError> {
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
            check_rdkafka_key(key, value)?;
            extra.insert(key.to_string(), value.to_string());
        }

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
            timeout: args.timeout,
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

    /// The config every client starts from: connection, security, timeouts, then `-X` last.
    pub fn base_config(&self) -> ClientConfig {
        let mut cfg = ClientConfig::new();
        cfg.set_log_level(rdkafka_log_level());
        cfg.set("bootstrap.servers", &self.bootstrap);
        cfg.set("client.id", "kmsg");
        let timeout_ms = self.timeout.as_millis().max(1).to_string();
        cfg.set("socket.connection.setup.timeout.ms", &timeout_ms);
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

    /// Producer config: acks=all and idempotence unless `-X` says otherwise, and keyed
    /// messages partitioned like the Java client (`murmur2_random`).
    pub fn producer_config(&self) -> ClientConfig {
        let mut cfg = self.base_config();
        for (k, v) in [
            ("acks", "all"),
            ("enable.idempotence", "true"),
            ("partitioner", "murmur2_random"),
        ] {
            if !self.extra.contains_key(k) {
                cfg.set(k, v);
            }
        }
        cfg
    }

    /// Consumer config for a group member: manual offsets (committed by kmsg only when an
    /// outcome is durable; `-X` cannot turn auto-commit back on), `read_committed`.
    pub fn consumer_config(&self, group: &str, instance: &str, reset: &str) -> ClientConfig {
        let mut cfg = self.base_config();
        cfg.set("group.id", group);
        cfg.set("client.id", format!("kmsg-{instance}"));
        cfg.set("enable.auto.commit", "false");
        cfg.set("enable.auto.offset.store", "false");
        cfg.set("enable.partition.eof", "false");
        let defaults = [
            ("auto.offset.reset", reset),
            ("isolation.level", "read_committed"),
        ];
        let own = self
            .consumer_defaults
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()));
        for (k, v) in defaults.into_iter().chain(own) {
            if !self.extra.contains_key(k) {
                cfg.set(k, v);
            }
        }
        cfg
    }

    /// Consumer config of a `kmsg consume` member: `consumer_config` plus statistics every 3 s
    /// (for the lag gauges) and a prefetch queue bounded to 8 MB (librdkafka's default of
    /// 64 MB of prefetched messages was most of the member's memory, at no gain in rate),
    /// refilled 20 ms after it was full: librdkafka's default `fetch.queue.backoff.ms` of 1 s
    /// idles the fetcher for a second each time the bounded queue fills, which held a member
    /// to ~40,000 msgs/s with its CPU mostly idle (200,000 messages: 5.5 s, 1.7 s with 20 ms).
    /// `-X` overrides each of these.
    pub fn pipeline_consumer_config(
        &self,
        group: &str,
        instance: &str,
        reset: &str,
    ) -> ClientConfig {
        let mut cfg = self.consumer_config(group, instance, reset);
        for (k, v) in [
            ("statistics.interval.ms", "3000"),
            ("queued.max.messages.kbytes", "8192"),
            ("queued.min.messages", "20000"),
            ("fetch.queue.backoff.ms", "20"),
        ] {
            if !self.extra.contains_key(k) {
                cfg.set(k, v);
            }
        }
        cfg
    }

    /// Producer config of a `kmsg consume` member (forwards and dead letters):
    /// `producer_config` plus `linger.ms=50` (fewer, bigger batches: the broker threads wake up
    /// far less often; measured -36% CPU against 5 ms), a local queue of 20,000 records (it
    /// only has to cover a batch round trip; each queued record also pins its source message),
    /// a 30 s delivery timeout and the `compression` codec (`--compression`, lz4 by default:
    /// forwarding 1M login events on the local 3-broker cluster, five alternating runs, the
    /// brokers used 1.8 CPU-s against 2.8 uncompressed and the run took 4.1 s against 4.5).
    /// `-X` overrides each of these (`compression.type` or its alias `compression.codec`).
    /// With a `transactional_id` (exactly-once), idempotence and acks=all are forced.
    pub fn pipeline_producer_config(
        &self,
        instance: &str,
        transactional_id: Option<&str>,
        compression: &str,
    ) -> ClientConfig {
        let mut cfg = self.producer_config();
        cfg.set("client.id", format!("kmsg-{instance}"));
        for (k, v) in [
            ("linger.ms", "50"),
            ("queue.buffering.max.messages", "20000"),
            ("message.timeout.ms", "30000"),
        ] {
            if !self.extra.contains_key(k) {
                cfg.set(k, v);
            }
        }
        if !["compression.type", "compression.codec"]
            .iter()
            .any(|k| self.extra.contains_key(*k))
        {
            cfg.set("compression.type", compression);
        }
        if let Some(id) = transactional_id {
            cfg.set("transactional.id", id);
            cfg.set("enable.idempotence", "true");
            cfg.set("acks", "all");
        }
        cfg
    }

    /// Config of a reader that joins no group and commits nothing (`view`): it assigns
    /// partitions itself, reports the end of each, and sees only committed transactions.
    pub fn viewer_config(&self) -> ClientConfig {
        let mut cfg = self.base_config();
        cfg.set("group.id", "kmsg-view");
        cfg.set("enable.auto.commit", "false");
        cfg.set("enable.auto.offset.store", "false");
        cfg.set("enable.partition.eof", "true");
        if !self.extra.contains_key("isolation.level") {
            cfg.set("isolation.level", "read_committed");
        }
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

    fn global(args: &[&str]) -> GlobalArgs {
        let mut argv = vec!["kmsg"];
        argv.extend_from_slice(args);
        argv.extend_from_slice(&["topics", "list"]);
        crate::cli::Cli::try_parse_from(argv).unwrap().global
    }

    #[test]
    fn defaults_to_localhost_when_no_bootstrap_is_given() {
        let mut args = global(&[]);
        args.bootstrap = None;
        let s = ClientSettings::from_args(&args, None).unwrap();
        assert!(!s.bootstrap_explicit);
        assert_eq!(s.bootstrap, DEFAULT_BOOTSTRAP);
    }

    #[test]
    fn passes_known_rdkafka_keys_through() {
        let s = ClientSettings::from_args(&global(&["-X", "linger.ms=7"]), None).unwrap();
        assert_eq!(s.extra.get("linger.ms").map(String::as_str), Some("7"));
        let cfg = s.base_config();
        assert_eq!(cfg.get("linger.ms"), Some("7"));
    }

    #[test]
    fn refuses_unknown_rdkafka_keys_naming_them() {
        let err = ClientSettings::from_args(&global(&["-X", "no.such.key=1"]), None).unwrap_err();
        assert!(matches!(err, ConfigError::UnknownKey { .. }), "{err}");
        assert!(err.to_string().contains("no.such.key"));
    }

    #[test]
    fn refuses_rdkafka_keys_that_have_a_typed_flag() {
        let err =
            ClientSettings::from_args(&global(&["-X", "bootstrap.servers=x:1"]), None).unwrap_err();
        assert!(err.to_string().contains("--bootstrap"), "{err}");
        let err =
            ClientSettings::from_args(&global(&["-X", "sasl.password=hunter2"]), None).unwrap_err();
        assert!(!err.to_string().contains("hunter2"), "{err}");
    }

    #[test]
    fn refuses_malformed_passthrough() {
        let err = ClientSettings::from_args(&global(&["-X", "linger.ms"]), None).unwrap_err();
        assert!(matches!(err, ConfigError::NotKeyValue(_)));
    }

    #[test]
    fn refuses_bootstrap_without_port() {
        let err =
            ClientSettings::from_args(&global(&["--bootstrap", "localhost"]), None).unwrap_err();
        assert!(err.to_string().contains("host:port"), "{err}");
    }

    #[test]
    fn refuses_missing_tls_file_naming_the_option() {
        let err =
            ClientSettings::from_args(&global(&["--tls-ca", "/no/such/ca.pem"]), None).unwrap_err();
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
        let err = ClientSettings::from_args(&global(&["--tls-ca", junk.to_str().unwrap()]), None)
            .unwrap_err();
        let text = err.to_string();
        assert!(
            text.starts_with("--tls-ca ") && text.contains("not a PEM file"),
            "{text}"
        );

        let one = crate::kafka::pki::generate_pki(crate::kafka::pki::LOCAL_HOSTS).unwrap();
        let two = crate::kafka::pki::generate_pki(crate::kafka::pki::LOCAL_HOSTS).unwrap();
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
        ClientSettings::from_args(&args(&k1), None).expect("a matching pair is accepted");
        let err = ClientSettings::from_args(&args(&k2), None).unwrap_err();
        let text = err.to_string();
        assert!(
            text.starts_with("--tls-key ") && text.contains("does not go with --tls-cert"),
            "{text}"
        );
    }

    #[test]
    fn sasl_needs_a_username_and_a_password() {
        let err = ClientSettings::from_args(&global(&["--sasl-mechanism", "SCRAM-SHA-512"]), None)
            .unwrap_err();
        assert!(matches!(err, ConfigError::MissingUsername));
        let err = ClientSettings::from_args(
            &global(&["--sasl-mechanism", "SCRAM-SHA-512", "--sasl-username", "u"]),
            None,
        )
        .unwrap_err();
        assert!(matches!(err, ConfigError::MissingPassword(_)));
    }

    #[test]
    fn password_comes_from_env_and_never_prints() {
        let s = ClientSettings::from_args(
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
        let s = ClientSettings::from_args(
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
        let s = ClientSettings::from_args(&global(&[]), None).unwrap();
        let cfg = s.producer_config();
        assert_eq!(cfg.get("acks"), Some("all"));
        assert_eq!(cfg.get("enable.idempotence"), Some("true"));
        assert_eq!(cfg.get("partitioner"), Some("murmur2_random"));
        let s = ClientSettings::from_args(&global(&["-X", "acks=1"]), None).unwrap();
        assert_eq!(s.producer_config().get("acks"), Some("1"));
    }

    #[test]
    fn pipeline_clients_batch_and_bound_their_queues_unless_x_says_otherwise() {
        let s = ClientSettings::from_args(&global(&[]), None).unwrap();
        let p = s.pipeline_producer_config("i1", None, "lz4");
        assert_eq!(p.get("linger.ms"), Some("50"));
        assert_eq!(p.get("queue.buffering.max.messages"), Some("20000"));
        assert_eq!(p.get("acks"), Some("all"));
        assert_eq!(p.get("client.id"), Some("kmsg-i1"));
        assert_eq!(p.get("compression.type"), Some("lz4"));
        let c = s.pipeline_consumer_config("g", "i1", "earliest");
        assert_eq!(c.get("queued.max.messages.kbytes"), Some("8192"));
        assert_eq!(c.get("fetch.queue.backoff.ms"), Some("20"));
        assert_eq!(c.get("enable.auto.commit"), Some("false"));
        assert_eq!(c.get("statistics.interval.ms"), Some("3000"));
        let s = ClientSettings::from_args(
            &global(&[
                "-X",
                "linger.ms=5",
                "-X",
                "queued.max.messages.kbytes=65536",
            ]),
            None,
        )
        .unwrap();
        assert_eq!(
            s.pipeline_producer_config("i1", None, "lz4")
                .get("linger.ms"),
            Some("5")
        );
        assert_eq!(
            s.pipeline_consumer_config("g", "i1", "earliest")
                .get("queued.max.messages.kbytes"),
            Some("65536")
        );
        // Either name of the codec property wins over --compression.
        for (key, value) in [("compression.type", "zstd"), ("compression.codec", "none")] {
            let s = ClientSettings::from_args(&global(&["-X", &format!("{key}={value}")]), None)
                .unwrap();
            let p = s.pipeline_producer_config("i1", None, "lz4");
            assert_eq!(p.get(key), Some(value));
            assert_eq!(
                p.get("compression.type").is_some(),
                key == "compression.type"
            );
        }
    }

    #[test]
    fn consumer_defaults_reach_consumers_only_and_x_still_wins() {
        let mut s =
            ClientSettings::from_args(&global(&["-X", "heartbeat.interval.ms=500"]), None).unwrap();
        s.consumer_defaults
            .insert("session.timeout.ms".into(), "6000".into());
        s.consumer_defaults
            .insert("heartbeat.interval.ms".into(), "1000".into());
        let c = s.pipeline_consumer_config("g", "i1", "earliest");
        assert_eq!(c.get("session.timeout.ms"), Some("6000"));
        assert_eq!(c.get("heartbeat.interval.ms"), Some("500"));
        assert_eq!(
            s.pipeline_producer_config("i1", None, "lz4")
                .get("session.timeout.ms"),
            None
        );
        assert_eq!(s.producer_config().get("session.timeout.ms"), None);
    }
}
