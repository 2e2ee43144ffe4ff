//! The flags of `kmsg topics create|list|describe|delete`.

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum TopicsCommand {
    /// Create the pipeline's topics (input, output, DLQ), or one named topic; idempotent
    Create(TopicsCreateArgs),
    /// List topics with partition count and replication factor
    List(TopicsListArgs),
    /// Show partitions, leaders, replicas, ISR and non-default configs
    Describe(TopicsDescribeArgs),
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
