//! The flags of `kmsg verify`.

use clap::Args;

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The pipeline's input topic: every record id in it must be downstream
    #[arg(
        short = 'i',
        long = "input",
        visible_alias = "input-topic",
        env = "INPUT_TOPIC",
        value_name = "TOPIC"
    )]
    pub input_topic: String,

    /// The topic the pipeline forwards to (`--output-topic` like `consume`: `-o/--output` is
    /// the output format)
    #[arg(long = "output-topic", env = "OUTPUT_TOPIC", value_name = "TOPIC")]
    pub output_topic: String,

    /// The pipeline's dead letter topic [default: <input>.dlq; when that default does not
    /// exist, only the output is read, with a note]
    #[arg(
        long = "dlq-topic",
        visible_alias = "dlq",
        env = "DLQ_TOPIC",
        value_name = "TOPIC"
    )]
    pub dlq_topic: Option<String>,

    /// Take each record's id from this field of its JSON value (a top-level name, or a
    /// dotted path like user.id) instead of its key
    #[arg(long, value_name = "FIELD")]
    pub id_field: Option<String>,

    /// Fail on any duplicate too (exactly-once); without it duplicates are reported but the
    /// check passes (at-least-once)
    #[arg(long)]
    pub exactly_once: bool,

    /// List at most this many ids of each kind (lost, duplicated, unexpected) and copies
    /// of each duplicate; the counts are always exact
    #[arg(long, default_value_t = 20, value_name = "N")]
    pub show: usize,
}
