//! The flags of `kmsg view`.

use clap::Args;

use super::values::DecodeMode;

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("start").args(["from_beginning", "offset", "last", "since"])))]
pub struct ViewArgs {
    /// Topic to read
    #[arg(short, long)]
    pub topic: String,

    /// Only this partition
    #[arg(short, long)]
    pub partition: Option<i32>,

    /// Start at the beginning of each partition (the default)
    #[arg(long)]
    pub from_beginning: bool,

    /// Start at this offset (needs --partition)
    #[arg(long, requires = "partition")]
    pub offset: Option<i64>,

    /// Start N records before the end of each partition
    #[arg(long, value_name = "N")]
    pub last: Option<i64>,

    /// Start at records newer than this: a duration ago (10m, 2h) or an RFC 3339 time
    #[arg(long, value_name = "WHEN")]
    pub since: Option<String>,

    /// Keep reading new records instead of stopping at the end
    #[arg(short, long)]
    pub follow: bool,

    /// Stop each partition at a point: an OFFSET (1500: the records before it), an RFC 3339
    /// TIME (the records stamped before it), or +DURATION after the start (the --since time,
    /// else now: `--follow --until +5m` follows for 5 minutes); works with --follow
    #[arg(long, value_name = "TIME|+DURATION|OFFSET")]
    pub until: Option<String>,

    /// Print only the number of matching records ({"count": N} with -o json)
    #[arg(long)]
    pub count: bool,

    /// Print each record by a kcat -f template, byte for byte as kcat does: %t topic,
    /// %p partition, %o offset, %k key, %s value, %K/%S their lengths (-1: null), %R value
    /// length as 4 big-endian bytes, %T timestamp (ms), %h headers (name=value,...), %%;
    /// escapes \n \t \r \xNN; no newline is added (e.g. '%k\t%s\n'); replaces -o
    #[arg(long, value_name = "TEMPLATE", conflicts_with_all = ["count", "pretty"])]
    pub format: Option<String>,

    /// Stop after this many records
    #[arg(short = 'n', long)]
    pub max: Option<u64>,

    /// Only records for which this jq expression is true, e.g. '.value.device_type == "iOS"';
    /// a record is {key, value, headers, topic, partition, offset, timestamp}, its value
    /// parsed as JSON when it is JSON (see the README)
    #[arg(long, value_name = "EXPR")]
    pub filter: Option<String>,

    /// Pretty-print JSON values (table and raw output)
    #[arg(long)]
    pub pretty: bool,

    /// Registry-framed records (Avro, Protobuf, JSON Schema): decode them to JSON through
    /// --schema-registry (auto: when a known schema id fits), always (registry), or never (raw)
    #[arg(long, value_enum, default_value_t = DecodeMode::Auto)]
    pub decode: DecodeMode,
}
