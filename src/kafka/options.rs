//! The option types the Kafka layer takes, as plain Rust: the security protocol, the SASL
//! mechanism, the compression codec, where a new group starts, and the connection options every client starts from.
//! The CLI parses its flags into these (`cli` implements clap's `ValueEnum` for the enums);
//! nothing here knows about clap.

use std::path::PathBuf;
use std::time::Duration;

/// The client's `security.protocol`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecurityProtocol {
    Plaintext,
    Ssl,
    SaslPlaintext,
    SaslSsl,
}

impl SecurityProtocol {
    /// The value librdkafka expects for `security.protocol`.
    pub fn as_rdkafka(self) -> &'static str {
        match self {
            SecurityProtocol::Plaintext => "plaintext",
            SecurityProtocol::Ssl => "ssl",
            SecurityProtocol::SaslPlaintext => "sasl_plaintext",
            SecurityProtocol::SaslSsl => "sasl_ssl",
        }
    }
}

/// The client's `sasl.mechanism`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaslMechanism {
    Plain,
    ScramSha256,
    ScramSha512,
}

impl SaslMechanism {
    /// The value librdkafka expects for `sasl.mechanism`.
    pub fn as_rdkafka(self) -> &'static str {
        match self {
            SaslMechanism::Plain => "PLAIN",
            SaslMechanism::ScramSha256 => "SCRAM-SHA-256",
            SaslMechanism::ScramSha512 => "SCRAM-SHA-512",
        }
    }
}

/// A record batch compression codec (librdkafka's `compression.type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    None,
    Gzip,
    Snappy,
    Lz4,
    Zstd,
}

impl Compression {
    /// The codec's name in librdkafka's `compression.type`.
    pub fn codec(self) -> &'static str {
        match self {
            Compression::None => "none",
            Compression::Gzip => "gzip",
            Compression::Snappy => "snappy",
            Compression::Lz4 => "lz4",
            Compression::Zstd => "zstd",
        }
    }
}

/// Where a consumer group with no committed offsets starts reading (`auto.offset.reset`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OffsetReset {
    Earliest,
    Latest,
}

impl OffsetReset {
    /// The value librdkafka expects for `auto.offset.reset`.
    pub fn as_rdkafka(self) -> &'static str {
        match self {
            OffsetReset::Earliest => "earliest",
            OffsetReset::Latest => "latest",
        }
    }
}

/// Where the cluster is and how to reach it, as given (not yet checked): the input of
/// `ClientSettings::from_options`. `None` means "not given" (the default applies).
#[derive(Debug, Clone, Default)]
pub struct ConnectionOptions {
    /// Bootstrap servers, comma separated.
    pub bootstrap: Option<String>,
    /// `-X key=value` librdkafka properties, in the order given.
    pub rdkafka: Vec<String>,
    pub security_protocol: Option<SecurityProtocol>,
    pub sasl_mechanism: Option<SaslMechanism>,
    pub sasl_username: Option<String>,
    /// File whose first line is the SASL password.
    pub sasl_password_file: Option<PathBuf>,
    pub tls_ca: Option<PathBuf>,
    pub tls_cert: Option<PathBuf>,
    pub tls_key: Option<PathBuf>,
    /// How long to wait for the cluster.
    pub timeout: Option<Duration>,
}
