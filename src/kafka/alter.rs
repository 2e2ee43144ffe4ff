//! Changing an existing topic: configs set or deleted one by one, and partitions added.
//!
//! Configs go through Kafka's IncrementalAlterConfigs, which touches only the keys named and
//! leaves every other config as it is (the older AlterConfigs replaces the topic's whole
//! set, so it would wipe the settings not named). Both requests can ask the broker to
//! validate only: it checks the change and answers as if applied, changing nothing. These
//! are the async entry points over `alter_ffi`'s blocking librdkafka calls (rust-rdkafka 0.39
//! has no incremental API, and its `create_partitions` drops the broker's message).

use rdkafka::types::RDKafkaErrorCode;

use super::admin::Admin;
use super::admin_ffi::RequestOptions;
use super::alter_ffi;

/// One config change of a topic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigChange {
    /// Set the key to the value.
    Set { name: String, value: String },
    /// Remove the topic's own value: the key falls back to the broker's default.
    Delete { name: String },
}

impl ConfigChange {
    pub fn name(&self) -> &str {
        match self {
            ConfigChange::Set { name, .. } | ConfigChange::Delete { name } => name,
        }
    }
}

/// Failures of changing a topic.
#[derive(Debug, thiserror::Error)]
pub enum AlterError {
    /// The broker (or librdkafka, before sending) refused the change, with its reason.
    #[error("the cluster refused to {what} of topic {topic}: {reason}")]
    Refused {
        topic: String,
        what: &'static str,
        code: RDKafkaErrorCode,
        reason: String,
    },
    /// A name or value librdkafka cannot take (a NUL byte, a key given twice).
    #[error("cannot {what} of topic {topic}: {reason}")]
    Invalid {
        topic: String,
        what: &'static str,
        reason: String,
    },
    /// The request itself failed (timeout, connection).
    #[error("cannot {what} of topic {topic}: {reason}")]
    Request {
        topic: String,
        what: &'static str,
        reason: String,
    },
}

impl AlterError {
    /// True when the change itself is bad input (an unknown key, an invalid value, fewer
    /// partitions than today): exit 2. Authorization and transport failures are not.
    pub fn is_usage(&self) -> bool {
        match self {
            AlterError::Invalid { .. } => true,
            AlterError::Refused { code, .. } => matches!(
                code,
                RDKafkaErrorCode::InvalidConfig
                    | RDKafkaErrorCode::InvalidPartitions
                    | RDKafkaErrorCode::InvalidRequest
                    | RDKafkaErrorCode::PolicyViolation
                    | RDKafkaErrorCode::InvalidReplicaAssignment
            ),
            AlterError::Request { .. } => false,
        }
    }
}

/// Applies the config changes to the topic in one request (or, with `validate_only`, has the
/// broker check them and change nothing).
pub async fn alter_configs(
    admin: &Admin,
    topic: &str,
    changes: &[ConfigChange],
    validate_only: bool,
) -> Result<(), AlterError> {
    let how = RequestOptions {
        timeout: admin.timeout(),
        validate_only,
    };
    tokio::task::block_in_place(|| {
        alter_ffi::incremental_alter_configs(admin.client(), topic, changes, how)
    })
}

/// Grows the topic to `total` partitions (or, with `validate_only`, has the broker check it).
pub async fn add_partitions(
    admin: &Admin,
    topic: &str,
    total: usize,
    validate_only: bool,
) -> Result<(), AlterError> {
    let how = RequestOptions {
        timeout: admin.timeout(),
        validate_only,
    };
    tokio::task::block_in_place(|| alter_ffi::create_partitions(admin.client(), topic, total, how))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(code: RDKafkaErrorCode) -> AlterError {
        AlterError::Refused {
            topic: "t".into(),
            what: "change configs",
            code,
            reason: "r".into(),
        }
    }

    #[test]
    fn bad_changes_are_usage_errors_and_authorization_is_not() {
        assert!(refused(RDKafkaErrorCode::InvalidConfig).is_usage());
        assert!(refused(RDKafkaErrorCode::InvalidPartitions).is_usage());
        assert!(!refused(RDKafkaErrorCode::TopicAuthorizationFailed).is_usage());
    }
}
