//! `kmsg cluster up|down|restart|status|secrets`: a real local Kafka cluster without Docker,
//! and the secrets of a secured cluster run elsewhere (the secure Compose variant).
//!
//! `up` starts N KRaft nodes from a Kafka distribution and returns when all are registered
//! and a controller is elected; `restart` restarts nodes one at a time, each time waiting
//! until nothing is under-replicated (exit 3 when the cluster does not heal in time);
//! `status` is a health check (exit 3 when brokers are missing)
//! for the local cluster, or for any cluster given with `--bootstrap`.
//!
//! These commands do not take the shared client settings: `up`, `down` and `secrets` never
//! connect as a client, and `status` on a local cluster connects with the settings the cluster
//! itself dictates. So the exports `up` prints (which set a client login for the other
//! commands) cannot stop `kmsg cluster down`; only `status --bootstrap` for a cluster kmsg did
//! not start validates and uses the global connection flags.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use serde::Serialize;

use crate::cli::{
    ClusterCommand, ClusterDirArgs, ClusterDownArgs, ClusterRestartArgs, ClusterSecretsArgs,
    ClusterStatusArgs, ClusterUpArgs, GlobalArgs, OutputFormat,
};
use crate::cluster::launcher::{default_state_dir, LauncherError, LocalCluster, Toolchain};
use crate::cluster::layout::ClusterLayout;
use crate::cluster::pki;
use crate::cluster::restart::{self, RestartReport};
use crate::error::{usage, EXIT_CHECK_FAILED};
use crate::kafka::admin::{Admin, ClusterMetadata};
use crate::kafka::config::{ClientSettings, PASSWORD_ENV};
use crate::output;

/// The env var that points every `kmsg cluster` command at a state folder (`--state-dir`).
pub const CLUSTER_DIR_ENV: &str = "KMSG_CLUSTER_DIR";

/// Runs a `cluster` subcommand. It gets the raw global flags, not validated client settings:
/// see the module doc for why.
pub async fn run(cmd: ClusterCommand, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    match cmd {
        ClusterCommand::Up(args) => up(args, global.output).await,
        ClusterCommand::Down(args) => down(args, global.output).await,
        ClusterCommand::Restart(args) => restart_nodes(args, global.output).await,
        ClusterCommand::Status(args) => status(args, global).await,
        ClusterCommand::Secrets(args) => secrets(args, global.output),
    }
}

/// Writes (or keeps) the secrets bundle and says where each part is; never a password.
fn secrets(args: ClusterSecretsArgs, output: OutputFormat) -> anyhow::Result<ExitCode> {
    let hosts: Vec<&str> = args.hosts.iter().map(|h| h.trim()).collect();
    if let Some(bad) = hosts
        .iter()
        .find(|h| h.is_empty() || h.contains([',', ' ', '/']))
    {
        return Err(usage(format!(
            "--host {bad:?} is not a host name or IP address (give one per --host)"
        )));
    }
    let modes = if args.group_readable {
        pki::Modes::GROUP_READABLE
    } else {
        pki::Modes::OWNER_ONLY
    };
    let bundle = pki::write_bundle(&args.out, &hosts, modes)?;
    match output {
        OutputFormat::Json => output::print_json(&bundle)?,
        OutputFormat::Table | OutputFormat::Raw => {
            let mut text = format!(
                "{} secrets in {} (broker certificate for {})\n  CA key and credentials: {}\n  brokers: {} (broker.pem, ca.pem, {})",
                if bundle.generated { "new" } else { "kept the" },
                args.out.display(),
                bundle.hosts.join(", "),
                bundle.state_dir.display(),
                bundle.broker_dir.display(),
                pki::SCRAM_USERS_FILE,
            );
            for (role, dir) in &bundle.role_dirs {
                text.push_str(&format!("\n  {role}: {} (password, ca.pem)", dir.display()));
            }
            output::print_text(&text)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The state folder, made absolute so that the `KMSG_CLUSTER_DIR` export works from anywhere.
fn state_dir(args: &ClusterDirArgs) -> PathBuf {
    let dir = args.state_dir.clone().unwrap_or_else(default_state_dir);
    std::path::absolute(&dir).unwrap_or(dir)
}

#[derive(Debug, Serialize)]
struct UpReport {
    state_dir: String,
    bootstrap: String,
    brokers: u16,
    started: Vec<u16>,
    seconds: f64,
    /// Where a secure cluster's CA and credentials are (never the passwords themselves).
    security: Option<SecurityReport>,
    /// The environment that points kmsg at this cluster (as `admin` on a secure one).
    env: BTreeMap<&'static str, String>,
}

#[derive(Debug, Serialize)]
struct SecurityReport {
    security_protocol: &'static str,
    sasl_mechanism: &'static str,
    ca_file: String,
    credentials_file: String,
    users: Vec<String>,
    /// One file per user, for `--sasl-password-file`: `<dir>/<user>.password`.
    password_files: Vec<String>,
}

async fn up(args: ClusterUpArgs, output: OutputFormat) -> anyhow::Result<ExitCode> {
    let dir = state_dir(&args.dir);
    let mut layout = ClusterLayout::new(
        args.brokers,
        args.base_port,
        args.controller_base_port,
        &args.heap,
        rand::random(),
    )
    .map_err(usage)?;
    layout.secure = args.secure;
    let tools =
        Toolchain::locate(args.kafka_home.clone(), &args.jvm_opts).map_err(usage_if_setup)?;
    let cluster = LocalCluster::open_or_create(&dir, layout)?;
    if args.secure && !cluster.layout.secure {
        return Err(usage(format!(
            "the cluster in {} was created without --secure; stop it with `kmsg cluster down --purge` (deletes its data) or use another --state-dir",
            dir.display()
        )));
    }
    let started_at = Instant::now();
    tracing::info!(
        dir = %dir.display(),
        bootstrap = %cluster.layout.bootstrap(),
        "starting {} Kafka node(s)",
        cluster.layout.nodes
    );
    let started = cluster.up(&tools, args.wait).await?;
    let security = match cluster.credentials()? {
        None => None,
        Some(creds) => {
            let secrets = cluster.secrets();
            Some(SecurityReport {
                security_protocol: "SASL_SSL",
                sasl_mechanism: "SCRAM-SHA-512",
                ca_file: secrets.ca_cert.display().to_string(),
                credentials_file: secrets.credentials.display().to_string(),
                users: creds.users.keys().cloned().collect(),
                password_files: creds
                    .users
                    .keys()
                    .map(|u| secrets.password_file(u).display().to_string())
                    .collect(),
            })
        }
    };
    let env = cluster_env(&dir, &cluster.layout.bootstrap(), security.is_some());
    let report = UpReport {
        state_dir: dir.display().to_string(),
        bootstrap: cluster.layout.bootstrap(),
        brokers: cluster.layout.nodes,
        started,
        seconds: started_at.elapsed().as_secs_f64(),
        security,
        env,
    };
    match output {
        OutputFormat::Json => output::print_json(&report)?,
        OutputFormat::Table | OutputFormat::Raw => output::print_text(&up_text(&report))?,
    }
    Ok(ExitCode::SUCCESS)
}

fn up_text(report: &UpReport) -> String {
    let mut text = format!(
        "cluster ready: {} broker(s) at {} ({} started in {:.1}s; state in {})",
        report.brokers,
        report.bootstrap,
        report.started.len(),
        report.seconds,
        report.state_dir,
    );
    if let Some(sec) = &report.security {
        text.push_str(&format!(
            "\nsecure: {} with {}, ACLs enforced; users {}\nCA certificate: {}\ncredentials (mode 0600): {} and one password file per user: {}",
            sec.security_protocol,
            sec.sasl_mechanism,
            sec.users.join(", "),
            sec.ca_file,
            sec.credentials_file,
            sec.password_files.first().map_or(String::new(), |f| f.replace("admin.password", "<user>.password")),
        ));
    }
    text.push_str(&export_lines(&report.env));
    text
}

/// The variables that point kmsg at a cluster: its state folder (for `kmsg cluster`), its
/// brokers and, on a secure cluster, a complete login as `admin` (who may do everything).
fn cluster_env(dir: &Path, bootstrap: &str, secure: bool) -> BTreeMap<&'static str, String> {
    let mut env = BTreeMap::from([
        (CLUSTER_DIR_ENV, dir.display().to_string()),
        ("BOOTSTRAP_SERVERS", bootstrap.to_string()),
    ]);
    if secure {
        let secrets = pki::SecretPaths::new(dir);
        env.extend([
            ("KMSG_SECURITY_PROTOCOL", "SASL_SSL".to_string()),
            ("KMSG_SASL_MECHANISM", "SCRAM-SHA-512".to_string()),
            ("KMSG_SASL_USERNAME", pki::ADMIN.to_string()),
            (
                "KMSG_SASL_PASSWORD_FILE",
                secrets.password_file(pki::ADMIN).display().to_string(),
            ),
            ("KMSG_TLS_CA", secrets.ca_cert.display().to_string()),
        ]);
    }
    env
}

/// `export` lines a shell can `eval`: the cluster first, then the client login (if any).
fn export_lines(env: &BTreeMap<&'static str, String>) -> String {
    let line = |keys: &[&str]| {
        let pairs: Vec<String> = keys
            .iter()
            .filter_map(|k| env.get(k).map(|v| format!("{k}={}", shell_quote(v))))
            .collect();
        format!("\nexport {}", pairs.join(" "))
    };
    let mut text = line(&["BOOTSTRAP_SERVERS", CLUSTER_DIR_ENV]);
    if env.contains_key("KMSG_SASL_USERNAME") {
        text.push_str(
            "\n# as admin (every right); another role: KMSG_SASL_USERNAME=<role> and its <role>.password",
        );
        text.push_str(&line(&[
            "KMSG_SECURITY_PROTOCOL",
            "KMSG_SASL_MECHANISM",
            "KMSG_SASL_USERNAME",
            "KMSG_SASL_PASSWORD_FILE",
            "KMSG_TLS_CA",
        ]));
    }
    text
}

/// Quotes a value for a POSIX shell when it holds anything but plain path characters.
fn shell_quote(value: &str) -> String {
    let plain = !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-:,+@%=".contains(c));
    if plain {
        value.to_string()
    } else {
        format!("'{}'", value.replace('\'', "'\\''"))
    }
}

/// A missing java or Kafka folder is a set-up problem the user fixes: exit 2 like bad flags.
fn usage_if_setup(err: LauncherError) -> anyhow::Error {
    match err {
        LauncherError::NoJava | LauncherError::NoKafka(_) => usage(err.to_string()),
        other => other.into(),
    }
}

#[derive(Debug, Serialize)]
struct DownReport {
    stopped: Vec<u16>,
    purged: bool,
    state_dir: String,
}

async fn down(args: ClusterDownArgs, output: OutputFormat) -> anyhow::Result<ExitCode> {
    let dir = state_dir(&args.dir);
    if args.purge && args.node.is_some() {
        return Err(usage(
            "--purge removes the whole cluster; it cannot go with --node",
        ));
    }
    let cluster = match LocalCluster::open(&dir)? {
        Some(cluster) => cluster,
        // Never delete a folder `up` did not make: it may be anything.
        None if args.purge => {
            return Err(usage(format!(
                "refusing to purge {}: it holds no cluster started by kmsg (no {}); nothing was deleted (check --state-dir or {CLUSTER_DIR_ENV})",
                dir.display(),
                crate::cluster::layout::LAYOUT_FILE
            )))
        }
        None => return Err(LauncherError::NoCluster(dir.display().to_string()).into()),
    };
    if args.purge {
        // Checked before stopping anything: a refused purge changes nothing.
        cluster
            .check_purgeable()
            .map_err(|e| usage(e.to_string()))?;
    }
    let stopped = cluster.down(args.node).await.map_err(|e| match e {
        LauncherError::Invalid(msg) => usage(msg),
        other => other.into(),
    })?;
    if args.purge {
        std::fs::remove_dir_all(&dir)
            .map_err(|e| anyhow::anyhow!("cannot remove {}: {e}", dir.display()))?;
    }
    let report = DownReport {
        stopped,
        purged: args.purge,
        state_dir: dir.display().to_string(),
    };
    match output {
        OutputFormat::Json => output::print_json(&report)?,
        OutputFormat::Table | OutputFormat::Raw => output::print_text(&format!(
            "stopped {} node(s){}{}",
            report.stopped.len(),
            if report.stopped.is_empty() {
                String::new()
            } else {
                format!(
                    ": {}",
                    report
                        .stopped
                        .iter()
                        .map(|n| n.to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            },
            if report.purged {
                format!("; removed {}", report.state_dir)
            } else {
                String::new()
            }
        ))?,
    }
    Ok(ExitCode::SUCCESS)
}

async fn restart_nodes(args: ClusterRestartArgs, output: OutputFormat) -> anyhow::Result<ExitCode> {
    let dir = state_dir(&args.dir);
    let cluster = LocalCluster::open(&dir)?
        .ok_or_else(|| LauncherError::NoCluster(dir.display().to_string()))?;
    let plan = restart::plan(cluster.layout.nodes, args.node, args.rolling).map_err(usage)?;
    let report = restart::restart(&cluster, &plan, args.stop_timeout, args.wait).await?;
    match output {
        OutputFormat::Json => output::print_json(&report)?,
        OutputFormat::Table | OutputFormat::Raw => {
            output::print_text(&restart_text(&report, cluster.layout.nodes))?
        }
    }
    Ok(match &report.error {
        None => ExitCode::SUCCESS,
        Some(e) => {
            tracing::error!("{e}");
            ExitCode::from(EXIT_CHECK_FAILED)
        }
    })
}

/// The restart report as a table of steps (seconds per phase) and a closing line.
fn restart_text(report: &RestartReport, nodes: u16) -> String {
    let secs = |s: Option<f64>| s.map_or("-".to_string(), |s| format!("{s:.1}"));
    let mut t = output::table(&[
        "node", "stop", "fenced", "started", "healed", "total", "result",
    ]);
    for s in &report.steps {
        t.add_row(vec![
            s.node.to_string(),
            format!(
                "{:.1}{}",
                s.stop_seconds,
                if s.killed { " (killed)" } else { "" }
            ),
            secs(s.fence_seconds),
            secs(s.start_seconds),
            secs(s.heal_seconds),
            format!("{:.1}", s.total_seconds),
            if s.healed { "healed" } else { "NOT HEALED" }.to_string(),
        ]);
    }
    let closing = match (&report.error, &report.health) {
        (Some(e), _) => format!("FAILED: {e}"),
        (None, Some(h)) => format!(
            "restarted {} node(s) in {:.1}s; healthy: {}",
            report.steps.len(),
            report.seconds,
            h.describe(nodes)
        ),
        (None, None) => format!(
            "restarted {} node(s) in {:.1}s",
            report.steps.len(),
            report.seconds
        ),
    };
    if report.steps.is_empty() {
        closing
    } else {
        format!("{t}\n(seconds per phase)\n{closing}")
    }
}

/// One broker row of `cluster status`.
#[derive(Debug, Serialize, PartialEq)]
pub struct BrokerRow {
    pub node: i32,
    pub address: String,
    /// The local process id, for a local cluster.
    pub pid: Option<u32>,
    pub registered: bool,
    pub controller: bool,
}

#[derive(Debug, Serialize)]
struct StatusReport {
    healthy: bool,
    expected_brokers: usize,
    brokers_up: usize,
    controller: Option<i32>,
    under_replicated_partitions: usize,
    brokers: Vec<BrokerRow>,
    error: Option<String>,
}

/// Joins local process state (if any) with metadata into rows; a broker is up when it is
/// registered and, for a local cluster, its process runs.
pub fn broker_rows(
    local: &[(u16, String, Option<u32>)],
    metadata: Option<&ClusterMetadata>,
) -> Vec<BrokerRow> {
    let registered = |id: i32| metadata.is_some_and(|m| m.brokers.iter().any(|b| b.id == id));
    let controller = metadata.and_then(|m| m.controller);
    if !local.is_empty() {
        return local
            .iter()
            .map(|(node, address, pid)| BrokerRow {
                node: *node as i32,
                address: address.clone(),
                pid: *pid,
                registered: pid.is_some() && registered(*node as i32),
                controller: controller == Some(*node as i32),
            })
            .collect();
    }
    metadata
        .map(|m| {
            m.brokers
                .iter()
                .map(|b| BrokerRow {
                    node: b.id,
                    address: format!("{}:{}", b.host, b.port),
                    pid: None,
                    registered: true,
                    controller: controller == Some(b.id),
                })
                .collect()
        })
        .unwrap_or_default()
}

async fn status(args: ClusterStatusArgs, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let dir = state_dir(&args.dir);
    let bootstrap_explicit = global.bootstrap.is_some();
    // A given --bootstrap means "check that cluster"; otherwise (or with a state folder given)
    // check the local one.
    let local = if bootstrap_explicit && args.dir.state_dir.is_none() {
        None
    } else {
        LocalCluster::open(&dir)?
    };
    if local.is_none() && !bootstrap_explicit {
        return Err(LauncherError::NoCluster(dir.display().to_string()).into());
    }
    let (settings, expected, nodes) = match &local {
        // The local cluster's own settings (plaintext, or admin over SASL_SSL): the client
        // flags and env of the shell are for other clusters and roles.
        Some(c) => (
            c.admin_settings(
                global
                    .timeout
                    .unwrap_or(crate::kafka::config::DEFAULT_TIMEOUT),
            )?,
            args.expect_brokers.unwrap_or(c.layout.nodes as usize),
            c.nodes()
                .into_iter()
                .map(|n| (n.node, n.address, n.pid))
                .collect::<Vec<_>>(),
        ),
        None => (
            ClientSettings::from_options(&global.connection(), std::env::var(PASSWORD_ENV).ok())?,
            args.expect_brokers.unwrap_or(3),
            Vec::new(),
        ),
    };

    let (metadata, error) = match Admin::connect(&settings).await {
        Ok(admin) => match admin.metadata(None).await {
            Ok(md) => (Some(md), None),
            Err(e) => (None, Some(e.to_string())),
        },
        Err(e) => (None, Some(e.to_string())),
    };
    let brokers = broker_rows(&nodes, metadata.as_ref());
    let up = brokers.iter().filter(|b| b.registered).count();
    let report = StatusReport {
        healthy: up >= expected && metadata.as_ref().is_some_and(|m| m.controller.is_some()),
        expected_brokers: expected,
        brokers_up: up,
        controller: metadata.as_ref().and_then(|m| m.controller),
        under_replicated_partitions: metadata
            .as_ref()
            .map(|m| m.topics.iter().map(|t| t.under_replicated()).sum())
            .unwrap_or(0),
        brokers,
        error,
    };
    match global.output {
        OutputFormat::Json => output::print_json(&report)?,
        OutputFormat::Table | OutputFormat::Raw => {
            let mut t = output::table(&["node", "address", "process", "registered", "controller"]);
            for b in &report.brokers {
                t.add_row(vec![
                    b.node.to_string(),
                    b.address.clone(),
                    match (b.pid, local.is_some()) {
                        (Some(pid), _) => format!("running (pid {pid})"),
                        (None, true) => "stopped".into(),
                        (None, false) => "-".into(),
                    },
                    if b.registered { "yes" } else { "no" }.into(),
                    if b.controller { "*" } else { "" }.into(),
                ]);
            }
            output::print_text(&format!(
                "{}\n{}: {}/{} brokers up, controller {}, {} under-replicated partition(s)",
                t,
                if report.healthy {
                    "healthy"
                } else {
                    "UNHEALTHY"
                },
                report.brokers_up,
                report.expected_brokers,
                report
                    .controller
                    .map_or("none".to_string(), |c| c.to_string()),
                report.under_replicated_partitions
            ))?;
        }
    }
    if let Some(e) = &report.error {
        tracing::warn!("{e}");
    }
    Ok(if report.healthy {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_CHECK_FAILED)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kafka::admin::BrokerInfo;

    fn md(ids: &[i32], controller: Option<i32>) -> ClusterMetadata {
        ClusterMetadata {
            brokers: ids
                .iter()
                .map(|&id| BrokerInfo {
                    id,
                    host: "127.0.0.1".into(),
                    port: 9091 + id,
                })
                .collect(),
            controller,
            topics: vec![],
        }
    }

    #[test]
    fn a_stopped_local_process_is_not_up_even_if_metadata_still_lists_it() {
        let local = vec![
            (1, "a".to_string(), Some(10)),
            (2, "b".to_string(), Some(11)),
            (3, "c".to_string(), None),
        ];
        let rows = broker_rows(&local, Some(&md(&[1, 2, 3], Some(2))));
        let up: Vec<bool> = rows.iter().map(|r| r.registered).collect();
        assert_eq!(up, [true, true, false]);
        assert!(rows[1].controller);
    }

    #[test]
    fn a_remote_cluster_is_what_metadata_says() {
        let rows = broker_rows(&[], Some(&md(&[1, 3], Some(1))));
        assert_eq!(rows.len(), 2);
        assert!(rows.iter().all(|r| r.registered));
        assert!(broker_rows(&[], None).is_empty());
    }
}
