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
//!
//! Files: this one holds `ConfigError`, `ClientSettings` and the checks of the connection
//! options; `merge` the `-X` rule above; `security` the TLS and SASL checks and `Secret`;
//! `roles` the config of each client role.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rdkafka::config::RDKafkaLogLevel;
use rdkafka::ClientConfig;

use crate::kafka::options::{ConnectionOptions, SaslMechanism, SecurityProtocol};

mod merge;
mod roles;
mod security;

pub use merge::Given;
use merge::{merge_typed, parse_x, set_default, timeout_typed};
pub use roles::{ProduceOptions, CONSUME_COMPRESSION, PRODUCE_ACKS, PRODUCE_DELIVERY_TIMEOUT};
pub use security::Secret;
use security::{check_sasl, check_tls_files, sasl_password};

/// The bootstrap used when neither `--bootstrap` nor `BOOTSTRAP_SERVERS` is given.
pub const DEFAULT_BOOTSTRAP: &str = "localhost:9092";

/// Env var holding the SASL password (the only way besides `--sasl-password-file`).
pub const PASSWORD_ENV: &str = "KMSG_SASL_PASSWORD";

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

        let extra = parse_x(&args.rdkafka)?;

        let timeout = Given::or(args.timeout, DEFAULT_TIMEOUT);
        merge_typed(&extra, &timeout_typed(&timeout))?;

        check_tls_files(args)?;

        let sasl_password = sasl_password(args.sasl_password_file.as_deref(), password_env)?;
        if let Some(pw) = &sasl_password {
            super::context::register_secret(pw.expose());
        }
        check_sasl(args, sasl_password.is_some())?;

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

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    /// The connection options of a command line (parsed by the real CLI, test only).
    pub(super) fn global(args: &[&str]) -> ConnectionOptions {
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

    pub(super) fn settings(args: &[&str]) -> Result<ClientSettings, ConfigError> {
        ClientSettings::from_options(&global(args), None)
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
}
