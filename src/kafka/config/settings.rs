//! `ClientSettings`: the connection options (bootstrap, `-X` passthrough, TLS files, SASL
//! credentials, `--timeout`) validated before any network call, and the config every client
//! starts from (`base_config`). The per-role configs are added to it in `roles`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rdkafka::config::RDKafkaLogLevel;
use rdkafka::ClientConfig;

use super::error::ConfigError;
use super::merge::{merge_typed, parse_x, set_default, timeout_typed, Given};
use super::security::{check_sasl, check_tls_files, sasl_password, Secret};
use crate::kafka::options::{ConnectionOptions, SaslMechanism, SecurityProtocol};

/// The bootstrap used when neither `--bootstrap` nor `BOOTSTRAP_SERVERS` is given.
pub const DEFAULT_BOOTSTRAP: &str = "localhost:9092";

/// Env var holding the SASL password (the only way besides `--sasl-password-file`).
pub const PASSWORD_ENV: &str = "KMSG_SASL_PASSWORD";

/// The default of the global `--timeout`.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

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
            crate::kafka::context::register_secret(pw.expose());
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
        // librdkafka (2.10 and later) drops its bootstrap connection once it has learnt the
        // brokers, and then holds back the connection to a learnt broker for half of
        // `reconnect.backoff.ms` (its 100 ms default): 45-50 ms of every command's start-up,
        // half of a single `produce --value`'s. 20 ms makes that 11 ms (librdkafka's floor);
        // a broker that goes away is retried after 20, 40, 80 ms ... up to
        // `reconnect.backoff.max.ms` (10 s), with jitter, instead of from 100 ms.
        cfg.set("reconnect.backoff.ms", "20");
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
pub(super) mod tests {
    use super::*;
    use clap::Parser;

    /// The connection options of a command line (parsed by the real CLI, test only).
    pub(in crate::kafka::config) fn global(args: &[&str]) -> ConnectionOptions {
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

    pub(in crate::kafka::config) fn settings(args: &[&str]) -> Result<ClientSettings, ConfigError> {
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
