//! The flags of `kmsg cluster up|down|restart|status|secrets`.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Subcommand};

use super::values::parse_duration;

#[derive(Debug, Subcommand)]
pub enum ClusterCommand {
    /// Start the brokers (formats storage on first start, keeps data after that)
    Up(ClusterUpArgs),
    /// Stop the brokers (all, or one with --node)
    Down(ClusterDownArgs),
    /// Restart nodes one at a time (one with --node, all with --rolling), each time waiting
    /// until the cluster has no under-replicated partition; exit 3 when it does not heal
    /// within --wait
    Restart(ClusterRestartArgs),
    /// Show brokers, controller and under-replicated partitions; exit 3 when brokers are missing
    Status(ClusterStatusArgs),
    /// Write a secured cluster's CA, broker certificate and role passwords for brokers run
    /// elsewhere (docker-compose.secure.yml): one folder per container that needs them
    Secrets(ClusterSecretsArgs),
}

#[derive(Debug, Args)]
pub struct ClusterSecretsArgs {
    /// Folder to write into: ca/ (CA key and every password), broker/, and one folder per
    /// role (admin, producer, consumer, dlq); an existing CA and passwords are kept
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,

    /// A name or IP address the brokers are reached at (repeatable); the broker certificate
    /// is valid for exactly these
    #[arg(long = "host", value_name = "HOST", default_values_t = ["localhost".to_string(), "127.0.0.1".to_string()])]
    pub hosts: Vec<String>,

    /// Secret files mode 0640 and folders 0750 instead of 0600/0700, for containers that run
    /// as different users of one group
    #[arg(long)]
    pub group_readable: bool,
}

#[derive(Debug, Args, Clone)]
pub struct ClusterDirArgs {
    /// Folder holding the cluster's configuration, data and logs
    #[arg(long, env = "KMSG_CLUSTER_DIR", value_name = "DIR")]
    pub state_dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ClusterUpArgs {
    #[command(flatten)]
    pub dir: ClusterDirArgs,

    /// Apache Kafka distribution (a folder with libs/*.jar) [default: ./.cache/kafka]
    #[arg(long, env = "KAFKA_HOME", value_name = "DIR")]
    pub kafka_home: Option<PathBuf>,

    /// Number of brokers (each is also a KRaft controller)
    #[arg(short = 'n', long, default_value_t = 3)]
    pub brokers: u16,

    /// Client port of the first broker; the others follow (9092, 9093, 9094)
    #[arg(long, default_value_t = 9092)]
    pub base_port: u16,

    /// Controller port of the first broker [default: base port + 1000]
    #[arg(long)]
    pub controller_base_port: Option<u16>,

    /// Java heap per broker
    #[arg(long, default_value = "512m")]
    pub heap: String,

    /// JVM flags of every node besides the heap (garbage collector, JIT), split on spaces,
    /// as in Kafka's own scripts; a running node keeps the flags it started with
    #[arg(long, env = "KAFKA_JVM_PERFORMANCE_OPTS", value_name = "FLAGS",
          default_value = crate::cluster::launcher::DEFAULT_JVM_FLAGS, allow_hyphen_values = true)]
    pub jvm_opts: String,

    /// How long to wait for the brokers to register and elect a controller
    #[arg(long, default_value = "120s", value_parser = parse_duration)]
    pub wait: Duration,

    /// A locked-down cluster: SASL_SSL (SCRAM-SHA-512) for clients, mutual TLS between
    /// controllers, ACLs enforced (nothing allowed without one); a CA, certificates and one
    /// password per role (admin, producer, consumer, dlq) are written to the state folder
    #[arg(long)]
    pub secure: bool,
}

#[derive(Debug, Args)]
pub struct ClusterDownArgs {
    #[command(flatten)]
    pub dir: ClusterDirArgs,

    /// Stop only this node id
    #[arg(long)]
    pub node: Option<u16>,

    /// Also delete the state folder (data and logs)
    #[arg(long)]
    pub purge: bool,
}

#[derive(Debug, Args)]
pub struct ClusterRestartArgs {
    #[command(flatten)]
    pub dir: ClusterDirArgs,

    /// Restart only this node id
    #[arg(long, conflicts_with = "rolling")]
    pub node: Option<u16>,

    /// Restart every node, one after the other
    #[arg(long)]
    pub rolling: bool,

    /// How long each node may take from its stop until the cluster is healed again (every
    /// broker registered, every partition led and fully in sync); also how long a cluster
    /// that is not healthy before the restart gets to heal
    #[arg(long, default_value = "120s", value_parser = parse_duration)]
    pub wait: Duration,

    /// How long a node gets to stop after SIGTERM before SIGKILL
    #[arg(long, default_value = "20s", value_parser = parse_duration)]
    pub stop_timeout: Duration,
}

#[derive(Debug, Args)]
pub struct ClusterStatusArgs {
    #[command(flatten)]
    pub dir: ClusterDirArgs,

    /// Brokers expected; with --bootstrap and no local cluster [default: the local cluster's size, else 3]
    #[arg(long)]
    pub expect_brokers: Option<usize>,
}
