//! The flags of `kmsg acl apply|list`.

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum AclCommand {
    /// Create the ACLs of the producer, consumer and dlq roles for the pipeline's topics and
    /// group (idempotent; run it as the admin user)
    Apply(AclApplyArgs),
    /// List the cluster's ACLs
    List(AclListArgs),
}

#[derive(Debug, Args)]
pub struct AclApplyArgs {
    /// Input topic: the producer writes it, the consumer reads it, DLQ replay writes it
    #[arg(long, env = "INPUT_TOPIC", default_value = "posts")]
    pub input_topic: String,

    /// Output topic: the consumer writes it
    #[arg(long, env = "OUTPUT_TOPIC", default_value = "posts.processed")]
    pub output_topic: String,

    /// Dead letter topic: the consumer writes it, the dlq user reads it [default: <input-topic>.dlq]
    #[arg(long, env = "DLQ_TOPIC")]
    pub dlq_topic: Option<String>,

    /// The consumer's group (the only group the consumer user may join)
    #[arg(short, long, env = "GROUP_ID", default_value = "pipeline")]
    pub group: String,

    /// Prefix of the groups the dlq user may use (`dlq watch`, `dlq replay`)
    #[arg(long, default_value = crate::kafka::acl::DLQ_GROUP_PREFIX)]
    pub dlq_group_prefix: String,
}

#[derive(Debug, Args)]
pub struct AclListArgs {
    /// Only the ACLs of this principal (e.g. User:producer, or just producer)
    #[arg(long)]
    pub principal: Option<String>,
}
