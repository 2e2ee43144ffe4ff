//! `kmsg cluster restart`: restarts nodes of the local cluster one at a time, as an operator
//! does a rolling restart: stop a node (SIGTERM, SIGKILL after a bound), wait until the
//! cluster has fenced it, start it again with the command line it ran with, and wait until
//! it is registered and no partition is under-replicated or leaderless before the next node.
//!
//! Why wait for the fence before the start: a node started again while its old session is
//! still open cannot register until that session expires, and until then metadata still
//! lists it with every ISR intact, so "registered and nothing under-replicated" would be
//! true of a cluster that has not yet noticed the restart. Once the node is fenced its
//! partitions' ISRs have shrunk (the controller does both in order, in the metadata log every
//! broker follows), so seeing it registered again with full ISRs means it caught up.
//!
//! The health of one metadata snapshot and the choice of nodes are pure and unit-tested; the
//! driver only polls metadata and moves between the phases.

use std::time::{Duration, Instant};

use serde::Serialize;

use super::launcher::{LauncherError, LocalCluster};
use crate::kafka::admin::{Admin, ClusterMetadata};

/// How often the driver looks at the cluster's metadata.
const POLL: Duration = Duration::from_millis(250);
/// The timeout of one metadata request while brokers come and go.
const METADATA_TIMEOUT: Duration = Duration::from_secs(3);

/// The nodes to restart, in order: one node (`--node`) or all (`--rolling`).
pub fn plan(nodes: u16, only: Option<u16>, rolling: bool) -> Result<Vec<u16>, String> {
    match (only, rolling) {
        (Some(_), true) => Err("--node and --rolling exclude each other: give one".into()),
        (None, false) => {
            Err("say which nodes: --node N restarts one, --rolling restarts all in turn".into())
        }
        (Some(n), false) if n == 0 || n > nodes => {
            Err(format!("--node {n}: this cluster has nodes 1 to {nodes}"))
        }
        (Some(n), false) => Ok(vec![n]),
        (None, true) => Ok((1..=nodes).collect()),
    }
}

/// What one metadata snapshot says about the cluster's health.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Health {
    /// The registered (unfenced) brokers.
    pub brokers: Vec<i32>,
    pub controller: Option<i32>,
    /// Partitions whose ISR is smaller than their replica set, internal topics included.
    pub under_replicated: usize,
    /// Partitions without a leader.
    pub leaderless: usize,
}

impl Health {
    pub fn of(md: &ClusterMetadata) -> Health {
        let mut brokers: Vec<i32> = md.brokers.iter().map(|b| b.id).collect();
        brokers.sort_unstable();
        Health {
            brokers,
            controller: md.controller,
            under_replicated: md.topics.iter().map(|t| t.under_replicated()).sum(),
            leaderless: md.topics.iter().map(|t| t.leaderless()).sum(),
        }
    }

    pub fn registered(&self, node: u16) -> bool {
        self.brokers.contains(&(node as i32))
    }

    /// Every node registered, a controller known, every partition led and fully in sync.
    pub fn healed(&self, nodes: u16) -> bool {
        (1..=nodes).all(|n| self.registered(n))
            && self.controller.is_some()
            && self.under_replicated == 0
            && self.leaderless == 0
    }

    /// One line for a message: "2 of 3 brokers registered, 14 under-replicated partition(s), ...".
    pub fn describe(&self, nodes: u16) -> String {
        format!(
            "{} of {nodes} brokers registered, controller {}, {} under-replicated and {} leaderless partition(s)",
            self.brokers.len(),
            self.controller.map_or("none".into(), |c| c.to_string()),
            self.under_replicated,
            self.leaderless
        )
    }
}

/// How one node's restart went; each phase in seconds.
#[derive(Debug, Clone, Serialize)]
pub struct RestartStep {
    pub node: u16,
    pub old_pid: u32,
    pub new_pid: Option<u32>,
    /// SIGTERM to exit.
    pub stop_seconds: f64,
    /// Whether it had to be killed (it did not stop within the stop timeout).
    pub killed: bool,
    /// Exit to the cluster fencing it (its partitions' ISRs shrunk).
    pub fence_seconds: Option<f64>,
    /// Start to registered again.
    pub start_seconds: Option<f64>,
    /// Registered to no partition under-replicated or leaderless.
    pub heal_seconds: Option<f64>,
    pub total_seconds: f64,
    pub healed: bool,
}

/// The whole run: the steps done, and whether the cluster healed after each.
#[derive(Debug, Clone, Serialize)]
pub struct RestartReport {
    pub nodes: Vec<u16>,
    pub steps: Vec<RestartStep>,
    pub healed: bool,
    pub seconds: f64,
    /// The cluster's state when it did not heal in time (or was not healthy before).
    pub error: Option<String>,
    pub health: Option<Health>,
}

/// Failures that end a restart before its report (a node that does not run, or that died
/// when started again).
#[derive(Debug, thiserror::Error)]
pub enum RestartError {
    #[error("node {0} is not running: start it with `kmsg cluster up` (restart only restarts running nodes)")]
    NotRunning(u16),
    #[error(transparent)]
    Launcher(#[from] LauncherError),
}

/// Polls the cluster's metadata, keeping one admin client while it answers.
struct Watcher<'a> {
    cluster: &'a LocalCluster,
    admin: Option<Admin>,
    last: Option<Health>,
}

impl Watcher<'_> {
    async fn health(&mut self) -> Option<Health> {
        if self.admin.is_none() {
            let settings = self.cluster.admin_settings(METADATA_TIMEOUT).ok()?;
            self.admin = Admin::connect(&settings).await.ok();
        }
        let md = self.admin.as_ref()?.metadata(None).await;
        match md {
            Ok(md) => {
                let h = Health::of(&md);
                self.last = Some(h.clone());
                Some(h)
            }
            Err(_) => {
                self.admin = None;
                None
            }
        }
    }

    /// Polls until `done` holds or `deadline` passes; `alive` is checked each round (a
    /// started node that exits ends the wait with its log). True when `done` held.
    async fn until(
        &mut self,
        deadline: Instant,
        mut alive: impl FnMut() -> Result<(), LauncherError>,
        done: impl Fn(&Health) -> bool,
    ) -> Result<bool, LauncherError> {
        loop {
            alive()?;
            if self.health().await.is_some_and(|h| done(&h)) {
                return Ok(true);
            }
            if Instant::now() >= deadline {
                return Ok(false);
            }
            tokio::time::sleep(POLL).await;
        }
    }
}

/// Restarts `plan`'s nodes in turn. Each node gets `wait` from its stop to a healed cluster;
/// a node not healed in time ends the run (the report says so, `healed: false`). Before the
/// first node the cluster must be healthy (within `wait`): a restart never starts on a
/// cluster that is already missing a replica.
pub async fn restart(
    cluster: &LocalCluster,
    plan: &[u16],
    stop_timeout: Duration,
    wait: Duration,
) -> Result<RestartReport, RestartError> {
    let nodes = cluster.layout.nodes;
    let started = Instant::now();
    let mut commands = Vec::new();
    for &node in plan {
        let pid = cluster
            .running_pid(node)
            .ok_or(RestartError::NotRunning(node))?;
        let argv = cluster
            .command_line(node)
            .ok_or(RestartError::NotRunning(node))?;
        commands.push((node, pid, argv));
    }
    let mut watch = Watcher {
        cluster,
        admin: None,
        last: None,
    };
    let mut report = RestartReport {
        nodes: plan.to_vec(),
        steps: Vec::new(),
        healed: false,
        seconds: 0.0,
        error: None,
        health: None,
    };
    let finish = |mut report: RestartReport, watch: &Watcher<'_>, error: Option<String>| {
        report.healed = error.is_none();
        report.error = error;
        report.health = watch.last.clone();
        report.seconds = started.elapsed().as_secs_f64();
        report
    };

    if !watch
        .until(Instant::now() + wait, || Ok(()), |h| h.healed(nodes))
        .await?
    {
        let state = watch
            .last
            .as_ref()
            .map_or("no metadata".into(), |h| h.describe(nodes));
        return Ok(finish(
            report,
            &watch,
            Some(format!(
                "the cluster is not healthy before the restart ({state}) and did not heal within {}; nothing was restarted",
                humantime::format_duration(wait)
            )),
        ));
    }

    for (node, old_pid, argv) in commands {
        let t0 = Instant::now();
        let deadline = t0 + wait;
        tracing::info!(node, pid = old_pid, "stopping node");
        let killed = cluster.stop_node(node, old_pid, stop_timeout).await;
        let stopped = Instant::now();
        let mut step = RestartStep {
            node,
            old_pid,
            new_pid: None,
            stop_seconds: (stopped - t0).as_secs_f64(),
            killed,
            fence_seconds: None,
            start_seconds: None,
            heal_seconds: None,
            total_seconds: 0.0,
            healed: false,
        };
        let fenced = watch
            .until(deadline, || Ok(()), |h| !h.registered(node))
            .await?;
        let fenced_at = Instant::now();
        step.fence_seconds = Some((fenced_at - stopped).as_secs_f64());
        if !fenced {
            // Start it again anyway: a stopped node must not be left behind.
            tracing::warn!(node, "the cluster did not fence the stopped node in time");
        }
        tracing::info!(node, "starting node");
        let pid = cluster.respawn(node, &argv)?;
        step.new_pid = Some(pid);
        let alive = || {
            if cluster.alive(pid) {
                Ok(())
            } else {
                Err(cluster.died(node))
            }
        };
        // Not fenced: metadata still lists the old session, so "registered" would say nothing.
        let registered = fenced && watch.until(deadline, alive, |h| h.registered(node)).await?;
        let registered_at = Instant::now();
        if registered {
            step.start_seconds = Some((registered_at - fenced_at).as_secs_f64());
        }
        let healed = registered && watch.until(deadline, alive, |h| h.healed(nodes)).await?;
        if healed {
            step.heal_seconds = Some(registered_at.elapsed().as_secs_f64());
        }
        step.healed = healed;
        step.total_seconds = t0.elapsed().as_secs_f64();
        tracing::info!(node, seconds = step.total_seconds, healed, "node restarted");
        report.steps.push(step);
        if !healed {
            let state = watch
                .last
                .as_ref()
                .map_or("no metadata".into(), |h| h.describe(nodes));
            let phase = if !fenced {
                "the cluster did not fence it"
            } else if !registered {
                "it did not register again"
            } else {
                "partitions stayed under-replicated"
            };
            return Ok(finish(
                report,
                &watch,
                Some(format!(
                    "the cluster did not heal within {} of restarting node {node}: {phase} ({state})",
                    humantime::format_duration(wait)
                )),
            ));
        }
    }
    Ok(finish(report, &watch, None))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kafka::admin::{BrokerInfo, PartitionInfo, TopicInfo};

    fn md(brokers: &[i32], isrs: &[&[i32]]) -> ClusterMetadata {
        ClusterMetadata {
            brokers: brokers
                .iter()
                .map(|&id| BrokerInfo {
                    id,
                    host: "127.0.0.1".into(),
                    port: 9091 + id,
                })
                .collect(),
            controller: Some(1),
            topics: vec![TopicInfo {
                name: "t".into(),
                partitions: isrs
                    .iter()
                    .enumerate()
                    .map(|(i, isr)| PartitionInfo {
                        partition: i as i32,
                        leader: isr.first().copied().unwrap_or(-1),
                        replicas: vec![1, 2, 3],
                        isr: isr.to_vec(),
                    })
                    .collect(),
            }],
        }
    }

    #[test]
    fn healed_needs_every_broker_and_every_isr_full() {
        assert!(Health::of(&md(&[1, 2, 3], &[&[1, 2, 3], &[2, 3, 1]])).healed(3));
        // A node back but not yet in sync.
        let h = Health::of(&md(&[1, 2, 3], &[&[1, 2, 3], &[2, 3]]));
        assert!(!h.healed(3));
        assert_eq!(h.under_replicated, 1);
        // Full ISRs but a node missing (metadata not yet updated).
        assert!(!Health::of(&md(&[1, 2], &[&[1, 2, 3]])).healed(3));
        // A partition without a leader.
        let h = Health::of(&md(&[1, 2, 3], &[&[]]));
        assert_eq!(h.leaderless, 1);
        assert!(!h.healed(3));
    }

    #[test]
    fn a_cluster_without_a_controller_is_not_healed() {
        let mut m = md(&[1, 2, 3], &[&[1, 2, 3]]);
        m.controller = None;
        assert!(!Health::of(&m).healed(3));
    }

    #[test]
    fn the_plan_is_one_node_or_all_in_turn() {
        assert_eq!(plan(3, Some(2), false), Ok(vec![2]));
        assert_eq!(plan(3, None, true), Ok(vec![1, 2, 3]));
        assert!(plan(3, None, false).unwrap_err().contains("--rolling"));
        assert!(plan(3, Some(4), false)
            .unwrap_err()
            .contains("nodes 1 to 3"));
        assert!(plan(3, Some(0), false).is_err());
        assert!(plan(3, Some(1), true).is_err());
    }

    #[test]
    fn describe_names_what_is_missing() {
        let h = Health::of(&md(&[1, 3], &[&[1, 3]]));
        assert_eq!(
            h.describe(3),
            "2 of 3 brokers registered, controller 1, 1 under-replicated and 0 leaderless partition(s)"
        );
    }
}
