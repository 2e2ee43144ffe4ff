//! `kmsg cluster up|down|status|secrets`: a real local Kafka cluster without Docker, and the
//! secrets of a secured cluster run elsewhere (the secure Compose variant).
//!
//! `up` starts N KRaft nodes from a Kafka distribution and returns when all are registered
//! and a controller is elected; `status` is a health check (exit 3 when brokers are missing)
//! for the local cluster, or for any cluster given with `--bootstrap`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use serde::Serialize;

use super::Context;
use crate::cli::{
    ClusterCommand, ClusterDirArgs, ClusterDownArgs, ClusterSecretsArgs, ClusterStatusArgs,
    ClusterUpArgs, OutputFormat,
};
use crate::error::{usage, EXIT_CHECK_FAILED};
use crate::kafka::admin::{Admin, ClusterMetadata};
use crate::kafka::config::ClientSettings;
use crate::kafka::launcher::{default_state_dir, LauncherError, LocalCluster, Toolchain};
use crate::kafka::layout::ClusterLayout;
use crate::kafka::pki;
use crate::output;

pub async fn run(cmd: ClusterCommand, ctx: &Context) -> anyhow::Result<ExitCode> {
    match cmd {
        ClusterCommand::Up(args) => up(args, ctx).await,
        ClusterCommand::Down(args) => down(args, ctx).await,
        ClusterCommand::Status(args) => status(args, ctx).await,
        ClusterCommand::Secrets(args) => secrets(args, ctx),
    }
}

/// Writes (or keeps) the secrets bundle and says where each part is; never a password.
fn secrets(args: ClusterSecretsArgs, ctx: &Context) -> anyhow::Result<ExitCode> {
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
    match ctx.output {
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

fn state_dir(args: &ClusterDirArgs) -> PathBuf {
    args.state_dir.clone().unwrap_or_else(default_state_dir)
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

async fn up(args: ClusterUpArgs, ctx: &Context) -> anyhow::Result<ExitCode> {
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
    let report = UpReport {
        state_dir: dir.display().to_string(),
        bootstrap: cluster.layout.bootstrap(),
        brokers: cluster.layout.nodes,
        started,
        seconds: started_at.elapsed().as_secs_f64(),
        security,
    };
    match ctx.output {
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
    text.push_str(&format!("\nexport BOOTSTRAP_SERVERS={}", report.bootstrap));
    if let Some(sec) = &report.security {
        text.push_str(&format!(
            "\nexport KMSG_SECURITY_PROTOCOL={} KMSG_SASL_MECHANISM={} KMSG_TLS_CA={}",
            sec.security_protocol, sec.sasl_mechanism, sec.ca_file
        ));
    }
    text
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
}

async fn down(args: ClusterDownArgs, ctx: &Context) -> anyhow::Result<ExitCode> {
    let dir = state_dir(&args.dir);
    let cluster = LocalCluster::open(&dir)?
        .ok_or_else(|| LauncherError::NoCluster(dir.display().to_string()))?;
    if args.purge && args.node.is_some() {
        return Err(usage(
            "--purge removes the whole cluster; it cannot go with --node",
        ));
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
    };
    match ctx.output {
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
            if report.purged { "; state removed" } else { "" }
        ))?,
    }
    Ok(ExitCode::SUCCESS)
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

async fn status(args: ClusterStatusArgs, ctx: &Context) -> anyhow::Result<ExitCode> {
    let dir = state_dir(&args.dir);
    // A given --bootstrap means "check that cluster"; otherwise check the local one.
    let local = if ctx.settings.bootstrap_explicit && args.dir.state_dir.is_none() {
        None
    } else {
        LocalCluster::open(&dir)?
    };
    if local.is_none() && !ctx.settings.bootstrap_explicit {
        return Err(LauncherError::NoCluster(dir.display().to_string()).into());
    }
    let (settings, expected, nodes) = match &local {
        Some(c) if c.layout.secure => (
            c.admin_settings(ctx.settings.timeout)?,
            args.expect_brokers.unwrap_or(c.layout.nodes as usize),
            c.nodes()
                .into_iter()
                .map(|n| (n.node, n.address, n.pid))
                .collect::<Vec<_>>(),
        ),
        Some(c) => (
            ClientSettings {
                bootstrap: c.layout.bootstrap(),
                ..ctx.settings.clone()
            },
            args.expect_brokers.unwrap_or(c.layout.nodes as usize),
            c.nodes()
                .into_iter()
                .map(|n| (n.node, n.address, n.pid))
                .collect::<Vec<_>>(),
        ),
        None => (
            ctx.settings.clone(),
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
    match ctx.output {
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
