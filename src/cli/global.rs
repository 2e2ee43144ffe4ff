//! `kmsg`'s global options: where the cluster is, how to authenticate, how to log and print; their
//! conversion into the Kafka layer's `ConnectionOptions`, and the Kafka layer's option enums as
//! clap values (the Kafka layer knows nothing of clap).

use std::path::PathBuf;
use std::time::Duration;

use clap::builder::PossibleValue;
use clap::{Args, ValueEnum};

use super::values::{parse_duration, OutputFormat};
use crate::kafka::options::{
    Compression, ConnectionOptions, OffsetReset, SaslMechanism, SecurityProtocol,
};
use crate::logging::LogFormat;
use crate::registry::{RegistryError, RegistryOptions};

/// Options every subcommand shares: where the cluster is, how to authenticate, how to log and print.
#[derive(Debug, Args, Clone)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml,
    /// ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins
    /// [default: the file's `default`, if any]
    #[arg(long, env = "KMSG_PROFILE", global = true, value_name = "NAME")]
    pub profile: Option<String>,

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

    /// Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or
    /// http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq,
    /// and is needed by produce --value-schema, consume --value-format registry, registry
    #[arg(long, env = "SCHEMA_REGISTRY_URL", global = true, value_name = "URL")]
    pub schema_registry: Option<String>,

    /// Schema registry user for basic auth (the password comes from env
    /// SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)
    #[arg(long, env = "SCHEMA_REGISTRY_USER", global = true, value_name = "USER")]
    pub schema_registry_user: Option<String>,

    /// File holding the schema registry password (first line)
    #[arg(
        long,
        env = "SCHEMA_REGISTRY_PASSWORD_FILE",
        global = true,
        value_name = "PATH"
    )]
    pub schema_registry_password_file: Option<PathBuf>,

    /// CA certificate (PEM) to verify an https schema registry
    #[arg(long, env = "SCHEMA_REGISTRY_CA", global = true, value_name = "PATH")]
    pub schema_registry_ca: Option<PathBuf>,

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

impl GlobalArgs {
    /// The schema registry options, when a registry is given; the password comes from
    /// `env_password` (SCHEMA_REGISTRY_PASSWORD) or the password file, never from a flag.
    pub fn registry(
        &self,
        env_password: Option<String>,
    ) -> Result<Option<RegistryOptions>, RegistryError> {
        let Some(url) = &self.schema_registry else {
            return Ok(None);
        };
        RegistryOptions::from_parts(
            url,
            self.schema_registry_user.clone(),
            env_password,
            self.schema_registry_password_file.as_deref(),
            self.schema_registry_ca.clone(),
            self.timeout
                .unwrap_or(crate::kafka::config::DEFAULT_TIMEOUT),
        )
        .map(Some)
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
