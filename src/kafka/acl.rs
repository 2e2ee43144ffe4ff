//! ACLs as plain data, and the least-privilege roles of the pipeline.
//!
//! An `AclRule` is one Kafka ACL binding (resource, pattern, principal, host, operation,
//! permission). `role_rules` says what each pipeline user may do; it is pure and unit-tested.
//! Creating and listing bindings on a cluster is `acl_admin`'s (through `acl_ffi`, because
//! rust-rdkafka has no ACL admin API).

use serde::Serialize;

/// The kind of resource an ACL is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ResourceKind {
    Topic,
    Group,
    Cluster,
    TransactionalId,
    Other,
}

/// How the resource name matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PatternKind {
    Literal,
    Prefixed,
    Other,
}

/// What the principal may do (the Kafka operations kmsg's roles use, and the rest as `Other`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Operation {
    All,
    Read,
    Write,
    Create,
    Delete,
    Alter,
    Describe,
    DescribeConfigs,
    AlterConfigs,
    IdempotentWrite,
    ClusterAction,
    Other,
}

/// One ACL binding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct AclRule {
    pub principal: String,
    pub resource: ResourceKind,
    pub name: String,
    pub pattern: PatternKind,
    pub operation: Operation,
    pub host: String,
    /// `true` for ALLOW, `false` for DENY.
    pub allow: bool,
}

impl AclRule {
    fn allow(
        user: &str,
        resource: ResourceKind,
        name: &str,
        pattern: PatternKind,
        op: Operation,
    ) -> Self {
        AclRule {
            principal: format!("User:{user}"),
            resource,
            name: name.to_string(),
            pattern,
            operation: op,
            host: "*".to_string(),
            allow: true,
        }
    }
}

/// The names the roles are about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PipelineNames {
    pub input_topic: String,
    pub output_topic: String,
    pub dlq_topic: String,
    /// The consumer group of `kmsg consume`.
    pub group: String,
    /// Prefix of the groups the DLQ tools use (`kmsg dlq watch` and `replay`).
    pub dlq_group_prefix: String,
}

/// The prefix of `kmsg dlq watch`'s and `kmsg dlq replay`'s default groups.
pub const DLQ_GROUP_PREFIX: &str = "kmsg-dlq-";

/// The users of the roles (as `cluster up --secure` creates them).
pub const PRODUCER: &str = "producer";
pub const CONSUMER: &str = "consumer";
pub const DLQ: &str = "dlq";

/// Least privilege per role (`admin` is a super user and needs no ACL):
/// - `producer` writes the input topic (WRITE implies DESCRIBE, and since Kafka 3.0 also
///   idempotent producing on that topic);
/// - `consumer` reads the input topic in its group and writes the output topic and the DLQ;
///   with `--exactly-once` it uses transactional ids `kmsg-<group>-*`;
/// - `dlq` reads the DLQ in groups `kmsg-dlq-*` and writes the input topic (replay).
pub fn role_rules(names: &PipelineNames) -> Vec<AclRule> {
    use Operation::*;
    use PatternKind::*;
    use ResourceKind::*;
    let mut rules = vec![
        AclRule::allow(PRODUCER, Topic, &names.input_topic, Literal, Write),
        AclRule::allow(CONSUMER, Topic, &names.input_topic, Literal, Read),
        AclRule::allow(CONSUMER, Group, &names.group, Literal, Read),
        AclRule::allow(CONSUMER, Topic, &names.output_topic, Literal, Write),
        AclRule::allow(CONSUMER, Topic, &names.dlq_topic, Literal, Write),
        AclRule::allow(
            CONSUMER,
            TransactionalId,
            &format!("kmsg-{}-", names.group),
            Prefixed,
            Write,
        ),
        AclRule::allow(DLQ, Topic, &names.dlq_topic, Literal, Read),
        AclRule::allow(DLQ, Group, &names.dlq_group_prefix, Prefixed, Read),
        AclRule::allow(DLQ, Topic, &names.input_topic, Literal, Write),
    ];
    rules.sort();
    rules.dedup();
    rules
}

/// Failures of ACL calls.
#[derive(Debug, thiserror::Error)]
pub enum AclError {
    #[error("invalid ACL {rule}: {reason}")]
    Invalid { rule: String, reason: String },
    #[error("the cluster did not answer the ACL request within {0:?}")]
    Timeout(std::time::Duration),
    #[error("{what} refused: {reason}")]
    Refused { what: &'static str, reason: String },
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> PipelineNames {
        PipelineNames {
            input_topic: "posts".into(),
            output_topic: "posts.processed".into(),
            dlq_topic: "posts.dlq".into(),
            group: "pipeline".into(),
            dlq_group_prefix: DLQ_GROUP_PREFIX.into(),
        }
    }

    fn can(rules: &[AclRule], user: &str, res: ResourceKind, name: &str, op: Operation) -> bool {
        rules.iter().any(|r| {
            r.principal == format!("User:{user}")
                && r.resource == res
                && r.operation == op
                && match r.pattern {
                    PatternKind::Literal => r.name == name,
                    PatternKind::Prefixed => name.starts_with(&r.name),
                    PatternKind::Other => false,
                }
        })
    }

    #[test]
    fn each_role_gets_only_its_own_rights() {
        use Operation::*;
        use ResourceKind::*;
        let r = role_rules(&names());
        assert!(can(&r, "producer", Topic, "posts", Write));
        assert!(!can(&r, "producer", Topic, "posts", Read));
        assert!(!can(&r, "producer", Topic, "posts.processed", Write));
        assert!(can(&r, "consumer", Topic, "posts", Read));
        assert!(can(&r, "consumer", Group, "pipeline", Read));
        assert!(!can(&r, "consumer", Group, "other", Read));
        assert!(!can(&r, "consumer", Topic, "posts", Write));
        assert!(can(&r, "consumer", Topic, "posts.dlq", Write));
        assert!(can(
            &r,
            "consumer",
            TransactionalId,
            "kmsg-pipeline-1",
            Write
        ));
        assert!(can(&r, "dlq", Topic, "posts.dlq", Read));
        assert!(can(&r, "dlq", Group, "kmsg-dlq-watch", Read));
        assert!(can(&r, "dlq", Topic, "posts", Write));
        assert!(!can(&r, "dlq", Topic, "posts.processed", Read));
        assert!(r
            .iter()
            .all(|x| x.allow && x.host == "*" && x.operation != All));
        assert!(!r.iter().any(|x| x.resource == Cluster));
    }
}
