//! `ConfigError`: why the connection flags or a role's settings were refused. The files of
//! `kafka::config` all return it; it imports none of them.

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
