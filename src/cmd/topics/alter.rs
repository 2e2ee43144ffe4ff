//! `kmsg topics alter NAME`: set or delete topic configs and add partitions, or, with
//! `--dry-run`, have the brokers validate the change and change nothing.
//!
//! Configs change incrementally (only the keys named; see `kafka::alter`). Every change is
//! first sent validate-only, and applied only when the brokers accepted all of it, so a bad
//! key or value (refused with the broker's reason) leaves the topic as it was, configs and
//! partitions alike. Partitions only grow: fewer than today is refused before any request.

use std::collections::{BTreeMap, BTreeSet};
use std::process::ExitCode;

use anyhow::Context as _;
use serde::Serialize;

use super::validate_topic_name;
use crate::cli::{OutputFormat, TopicsAlterArgs};
use crate::cmd::context::Context;
use crate::error::usage;
use crate::kafka::admin::Admin;
use crate::kafka::alter::{self, ConfigChange};
use crate::output;

/// What `alter` should do: one validated change of a topic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlterPlan {
    pub topic: String,
    pub configs: Vec<ConfigChange>,
    pub partitions: Option<usize>,
    pub dry_run: bool,
}

/// Turns `topics alter` flags into the change to make (pure; unit-tested).
pub fn plan(args: &TopicsAlterArgs) -> Result<AlterPlan, String> {
    validate_topic_name(&args.topic)?;
    if args.config.is_empty() && args.delete_config.is_empty() && args.partitions.is_none() {
        return Err(format!(
            "nothing to change in {}: give --config KEY=VALUE, --delete-config KEY or --partitions N",
            args.topic
        ));
    }
    let mut seen = BTreeSet::new();
    let mut configs = Vec::new();
    for kv in &args.config {
        let (k, v) = match kv.split_once('=') {
            Some((k, v)) if !k.trim().is_empty() => (k.trim(), v),
            _ => return Err(format!("--config {kv:?} is not of the form key=value")),
        };
        if !seen.insert(k.to_string()) {
            return Err(format!("--config {k} is given twice: give each key once"));
        }
        configs.push(ConfigChange::Set {
            name: k.to_string(),
            value: v.to_string(),
        });
    }
    for k in &args.delete_config {
        let k = k.trim();
        if k.is_empty() || k.contains('=') {
            return Err(format!(
                "--delete-config {k:?} is not a config name (it takes the key alone, e.g. retention.ms)"
            ));
        }
        if !seen.insert(k.to_string()) {
            return Err(format!(
                "{k} is both set and deleted (or deleted twice): give each key once"
            ));
        }
        configs.push(ConfigChange::Delete {
            name: k.to_string(),
        });
    }
    let partitions = match args.partitions {
        None => None,
        Some(n) if n < 1 => {
            return Err(format!(
                "--partitions {n} is invalid: a topic needs at least 1 partition"
            ))
        }
        Some(n) => Some(n as usize),
    };
    Ok(AlterPlan {
        topic: args.topic.clone(),
        configs,
        partitions,
        dry_run: args.dry_run,
    })
}

/// What `--partitions N` means for a topic that has `current` partitions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartitionStep {
    Grow { from: usize, to: usize },
    Unchanged,
}

/// Decides the partition step; fewer partitions than today is refused (Kafka cannot remove
/// partitions).
pub fn partition_step(topic: &str, current: usize, wanted: usize) -> Result<PartitionStep, String> {
    if wanted < current {
        return Err(format!(
            "topic {topic} has {current} partitions; --partitions {wanted} would remove some, and Kafka can only add partitions (nothing changed)"
        ));
    }
    Ok(if wanted == current {
        PartitionStep::Unchanged
    } else {
        PartitionStep::Grow {
            from: current,
            to: wanted,
        }
    })
}

/// One change as reported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Change {
    /// A config: `before` is today's value (`before_default` when it is the broker's
    /// default; `null` when sensitive), `after` the new value, `null` when deleted (back to
    /// the broker's default).
    Config {
        name: String,
        before: Option<String>,
        before_default: bool,
        after: Option<String>,
    },
    Partitions {
        before: usize,
        after: usize,
    },
}

/// The result of `alter`: one JSON document.
#[derive(Debug, Serialize)]
struct Report {
    topic: String,
    /// True when the brokers only validated the changes: nothing was changed.
    dry_run: bool,
    changes: Vec<Change>,
}

/// The config rows of the report: each change with the value it replaces (pure).
pub fn config_changes(
    changes: &[ConfigChange],
    current: &BTreeMap<String, (Option<String>, bool)>,
) -> Vec<Change> {
    changes
        .iter()
        .map(|c| {
            let (before, before_default) = current.get(c.name()).cloned().unwrap_or((None, true));
            Change::Config {
                name: c.name().to_string(),
                before,
                before_default,
                after: match c {
                    ConfigChange::Set { value, .. } => Some(value.clone()),
                    ConfigChange::Delete { .. } => None,
                },
            }
        })
        .collect()
}

pub async fn run(args: TopicsAlterArgs, ctx: &Context) -> anyhow::Result<ExitCode> {
    let plan = plan(&args).map_err(usage)?;
    let topic = plan.topic.as_str();
    let admin = Admin::connect(&ctx.settings).await?;
    let info = admin.topic(topic).await?;

    let mut grow = None;
    if let Some(wanted) = plan.partitions {
        match partition_step(topic, info.partitions.len(), wanted).map_err(usage)? {
            PartitionStep::Unchanged => eprintln!(
                "kmsg: topic {topic} already has {wanted} partitions: nothing to do for --partitions"
            ),
            PartitionStep::Grow { from, to } => {
                eprintln!(
                    "kmsg: warning: growing {topic} from {from} to {to} partitions: records with a key will map to other partitions from now on, so per-key order holds only within records written after the change"
                );
                grow = Some((from, to));
            }
        }
    }

    let mut changes = Vec::new();
    if !plan.configs.is_empty() {
        let current = admin
            .topic_configs(topic)
            .await?
            .into_iter()
            .map(|c| (c.name, (c.value, c.is_default)))
            .collect();
        changes = config_changes(&plan.configs, &current);
    }
    if let Some((before, after)) = grow {
        changes.push(Change::Partitions { before, after });
    }

    // Everything is validated before anything is applied, so a refusal changes nothing.
    let unchanged = || format!("topic {topic} unchanged");
    if !plan.configs.is_empty() {
        alter::alter_configs(&admin, topic, &plan.configs, true)
            .await
            .with_context(unchanged)?;
    }
    if let Some((_, to)) = grow {
        alter::add_partitions(&admin, topic, to, true)
            .await
            .with_context(unchanged)?;
    }
    if !plan.dry_run {
        if !plan.configs.is_empty() {
            alter::alter_configs(&admin, topic, &plan.configs, false)
                .await
                .with_context(unchanged)?;
        }
        if let Some((_, to)) = grow {
            let configs_note = if plan.configs.is_empty() {
                "topic unchanged"
            } else {
                "its configs were changed, its partitions not"
            };
            alter::add_partitions(&admin, topic, to, false)
                .await
                .with_context(|| format!("topic {topic}: {configs_note}"))?;
            admin.wait_for_leaders(topic, to).await?;
        }
    }

    let report = Report {
        topic: topic.to_string(),
        dry_run: plan.dry_run,
        changes,
    };
    print(&report, ctx.output)?;
    Ok(ExitCode::SUCCESS)
}

fn print(report: &Report, format: OutputFormat) -> anyhow::Result<()> {
    if format == OutputFormat::Json {
        return Ok(output::print_json(report)?);
    }
    let head = match (report.changes.is_empty(), report.dry_run) {
        (true, _) => format!("topic {}: nothing to change\n", report.topic),
        (false, true) => format!(
            "topic {}: dry run, the brokers accept these changes (nothing was changed)\n",
            report.topic
        ),
        (false, false) => format!("topic {}: changed\n", report.topic),
    };
    let mut text = head;
    if !report.changes.is_empty() {
        let mut t = output::table(&["change", "before", "after"]);
        for c in &report.changes {
            t.add_row(match c {
                Change::Config {
                    name,
                    before,
                    before_default,
                    after,
                } => {
                    let before = before.clone().unwrap_or_else(|| "(sensitive)".into());
                    vec![
                        name.clone(),
                        if *before_default {
                            format!("{before} (default)")
                        } else {
                            before
                        },
                        after.clone().unwrap_or_else(|| "(default)".into()),
                    ]
                }
                Change::Partitions { before, after } => {
                    vec!["partitions".into(), before.to_string(), after.to_string()]
                }
            });
        }
        text.push_str(&t.to_string());
    }
    output::print_text(&text)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(config: &[&str], delete: &[&str], partitions: Option<i32>) -> TopicsAlterArgs {
        TopicsAlterArgs {
            topic: "t".into(),
            config: config.iter().map(|s| s.to_string()).collect(),
            delete_config: delete.iter().map(|s| s.to_string()).collect(),
            partitions,
            dry_run: false,
        }
    }

    #[test]
    fn plans_sets_then_deletes_and_the_partition_count() {
        let p = plan(&args(&["retention.ms=1000"], &["cleanup.policy"], Some(4))).unwrap();
        assert_eq!(
            p.configs,
            vec![
                ConfigChange::Set {
                    name: "retention.ms".into(),
                    value: "1000".into()
                },
                ConfigChange::Delete {
                    name: "cleanup.policy".into()
                },
            ]
        );
        assert_eq!(p.partitions, Some(4));
    }

    #[test]
    fn refuses_nothing_to_do_bad_pairs_clashes_and_zero_partitions() {
        let err = |a: TopicsAlterArgs| plan(&a).unwrap_err();
        assert!(err(args(&[], &[], None)).contains("nothing to change"));
        assert!(err(args(&["novalue"], &[], None)).contains("key=value"));
        assert!(err(args(&["a=1", "a=2"], &[], None)).contains("given twice"));
        assert!(err(args(&["a=1"], &["a"], None)).contains("both set and deleted"));
        assert!(err(args(&[], &["a=1"], None)).contains("key alone"));
        assert!(err(args(&[], &[], Some(0))).contains("--partitions 0"));
    }

    #[test]
    fn partitions_grow_stay_or_are_refused_naming_the_current_count() {
        assert_eq!(
            partition_step("t", 3, 6),
            Ok(PartitionStep::Grow { from: 3, to: 6 })
        );
        assert_eq!(partition_step("t", 3, 3), Ok(PartitionStep::Unchanged));
        let err = partition_step("t", 6, 3).unwrap_err();
        assert!(err.contains("topic t has 6 partitions"), "{err}");
    }

    #[test]
    fn reports_each_config_with_the_value_it_replaces() {
        let current = BTreeMap::from([
            (
                "retention.ms".to_string(),
                (Some("604800000".to_string()), true),
            ),
            (
                "cleanup.policy".to_string(),
                (Some("compact".to_string()), false),
            ),
        ]);
        let changes = config_changes(
            &[
                ConfigChange::Set {
                    name: "retention.ms".into(),
                    value: "1000".into(),
                },
                ConfigChange::Delete {
                    name: "cleanup.policy".into(),
                },
            ],
            &current,
        );
        assert_eq!(
            changes[0],
            Change::Config {
                name: "retention.ms".into(),
                before: Some("604800000".into()),
                before_default: true,
                after: Some("1000".into()),
            }
        );
        assert_eq!(
            changes[1],
            Change::Config {
                name: "cleanup.policy".into(),
                before: Some("compact".into()),
                before_default: false,
                after: None,
            }
        );
    }
}
