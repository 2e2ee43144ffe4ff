//! The flags of `kmsg topics create|list|describe|alter|delete`.

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum TopicsCommand {
    /// Create the pipeline's topics (input, output, DLQ), or one named topic; idempotent
    Create(TopicsCreateArgs),
    /// List topics with partition count and replication factor
    List(TopicsListArgs),
    /// Show partitions, leaders, replicas, ISR and non-default configs
    Describe(TopicsDescribeArgs),
    /// Change a topic: set or delete configs (incrementally: others stay), add partitions
    Alter(TopicsAlterArgs),
    /// Delete topics (needs --yes)
    Delete(TopicsDeleteArgs),
}

#[derive(Debug, Args)]
pub struct TopicsCreateArgs {
    /// Topic to create; without it, the input, output and DLQ topics of the pipeline are created
    pub topic: Option<String>,

    /// Input topic of the pipeline
    #[arg(long, env = "INPUT_TOPIC", default_value = "posts")]
    pub input_topic: String,

    /// Output topic of the pipeline
    #[arg(long, env = "OUTPUT_TOPIC", default_value = "posts.processed")]
    pub output_topic: String,

    /// Dead letter topic of the pipeline [default: <input-topic>.dlq]
    #[arg(long, env = "DLQ_TOPIC")]
    pub dlq_topic: Option<String>,

    /// Number of partitions
    #[arg(short, long, default_value_t = 6)]
    pub partitions: i32,

    /// Replication factor
    #[arg(short = 'r', long, default_value_t = 3)]
    pub replication_factor: i32,

    /// Topic config (repeatable), e.g. --config retention.ms=86400000
    #[arg(short, long, value_name = "KEY=VALUE", action = clap::ArgAction::Append)]
    pub config: Vec<String>,
}

#[derive(Debug, Args)]
pub struct TopicsListArgs {
    /// Include internal topics such as __consumer_offsets
    #[arg(long)]
    pub all: bool,
}

#[derive(Debug, Args)]
pub struct TopicsDescribeArgs {
    /// Topics to describe
    #[arg(required = true)]
    pub topics: Vec<String>,
}

#[derive(Debug, Args)]
pub struct TopicsDeleteArgs {
    /// Topics to delete
    #[arg(required = true)]
    pub topics: Vec<String>,

    /// Confirm the deletion
    #[arg(long)]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct TopicsAlterArgs {
    /// Topic to change
    pub topic: String,

    /// Set a topic config (repeatable), e.g. --config retention.ms=86400000; the topic's
    /// other configs are left as they are
    #[arg(short, long, value_name = "KEY=VALUE", action = clap::ArgAction::Append)]
    pub config: Vec<String>,

    /// Remove the topic's own value of a config (repeatable): it falls back to the broker default
    #[arg(long, value_name = "KEY", action = clap::ArgAction::Append)]
    pub delete_config: Vec<String>,

    /// Grow the topic to this many partitions (Kafka cannot remove partitions); records with
    /// a key map to other partitions afterwards
    #[arg(short, long, value_name = "N")]
    pub partitions: Option<i32>,

    /// Have the brokers validate the change and report it, changing nothing
    #[arg(long)]
    pub dry_run: bool,
}
