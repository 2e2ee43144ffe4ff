//! `kmsg topics create|list|describe|alter|delete` (`alter` in `topics/alter.rs`).
//!
//! `create` without a name makes the pipeline's three topics (input, output, DLQ) with the
//! original system's defaults; it is idempotent, refuses to accept an existing topic whose
//! partitions, replication factor or requested configs differ, and returns only when every
//! partition has a leader.

use std::collections::BTreeMap;
use std::process::ExitCode;

use anyhow::{bail, Context as _};
use serde::Serialize;

use super::context::Context;
use crate::cli::{
    OutputFormat, TopicsCommand, TopicsCreateArgs, TopicsDeleteArgs, TopicsDescribeArgs,
    TopicsListArgs,
};
use crate::error::usage;
use crate::kafka::admin::{Admin, TopicInfo};
use crate::output;
/// Re-exported for the commands that still name it here (`dlq`).
pub use crate::pipeline::topic_name::validate_topic_name;

/// What `create` should make: one validated topic spec.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TopicSpec {
    pub name: String,
    pub partitions: i32,
    pub replication_factor: i32,
    pub configs: BTreeMap<String, String>,
}

pub mod alter;

pub async fn run(cmd: TopicsCommand, ctx: &Context) -> anyhow::Result<ExitCode> {
    match cmd {
        TopicsCommand::Create(args) => create(args, ctx).await,
        TopicsCommand::List(args) => list(args, ctx).await,
        TopicsCommand::Describe(args) => describe(args, ctx).await,
        TopicsCommand::Alter(args) => alter::run(args, ctx).await,
        TopicsCommand::Delete(args) => delete(args, ctx).await,
    }
}

/// Parses `key=value` pairs of `--config`.
fn parse_configs(pairs: &[String]) -> Result<BTreeMap<String, String>, String> {
    let mut out = BTreeMap::new();
    for kv in pairs {
        match kv.split_once('=') {
            Some((k, v)) if !k.trim().is_empty() => {
                out.insert(k.trim().to_string(), v.to_string());
            }
            _ => return Err(format!("--config {kv:?} is not of the form key=value")),
        }
    }
    Ok(out)
}

/// Turns `topics create` flags into the list of topics to make (pure; unit-tested).
pub fn plan(args: &TopicsCreateArgs) -> Result<Vec<TopicSpec>, String> {
    if args.partitions < 1 {
        return Err(format!(
            "--partitions {} is invalid: a topic needs at least 1 partition",
            args.partitions
        ));
    }
    if args.replication_factor < 1 {
        return Err(format!(
            "--replication-factor {} is invalid: it must be at least 1",
            args.replication_factor
        ));
    }
    let configs = parse_configs(&args.config)?;
    let names: Vec<String> = match &args.topic {
        Some(name) => vec![name.clone()],
        None => vec![
            args.input_topic.clone(),
            args.output_topic.clone(),
            args.dlq_topic
                .clone()
                .unwrap_or_else(|| format!("{}.dlq", args.input_topic)),
        ],
    };
    let mut specs = Vec::new();
    for name in names {
        validate_topic_name(&name)?;
        if specs.iter().any(|s: &TopicSpec| s.name == name) {
            continue;
        }
        let mut configs = configs.clone();
        if args.topic.is_none() {
            // The pipeline's topics: acks=all must survive one broker down.
            configs
                .entry("min.insync.replicas".into())
                .or_insert_with(|| args.replication_factor.min(2).to_string());
        }
        specs.push(TopicSpec {
            name,
            partitions: args.partitions,
            replication_factor: args.replication_factor,
            configs,
        });
    }
    Ok(specs)
}

/// Differences between an existing topic and the spec, as readable phrases.
pub fn differences(
    spec: &TopicSpec,
    existing: &TopicInfo,
    configs: &BTreeMap<String, Option<String>>,
) -> Vec<String> {
    let mut out = Vec::new();
    if existing.partitions.len() as i32 != spec.partitions {
        out.push(format!(
            "{} partitions (wanted {})",
            existing.partitions.len(),
            spec.partitions
        ));
    }
    if existing.replication_factor() as i32 != spec.replication_factor {
        out.push(format!(
            "replication factor {} (wanted {})",
            existing.replication_factor(),
            spec.replication_factor
        ));
    }
    for (k, want) in &spec.configs {
        let have = configs.get(k).cloned().flatten();
        if have.as_deref() != Some(want.as_str()) {
            out.push(format!(
                "{k}={} (wanted {want})",
                have.unwrap_or_else(|| "unset".into())
            ));
        }
    }
    out
}

#[derive(Debug, Serialize)]
struct CreateRow {
    topic: String,
    status: &'static str,
    partitions: usize,
    replication_factor: usize,
    configs: BTreeMap<String, String>,
}

async fn create(args: TopicsCreateArgs, ctx: &Context) -> anyhow::Result<ExitCode> {
    let specs = plan(&args).map_err(usage)?;
    let admin = Admin::connect(&ctx.settings).await?;
    let brokers = admin.metadata(None).await?.brokers.len();

    let mut rows = Vec::new();
    for spec in &specs {
        if spec.replication_factor as usize > brokers {
            bail!(
                "cannot create topic {}: replication factor {} is more than the {brokers} broker(s) in the cluster",
                spec.name,
                spec.replication_factor
            );
        }
        let created = admin
            .create_topic(
                &spec.name,
                spec.partitions,
                spec.replication_factor,
                &spec.configs,
            )
            .await?;
        // A topic that already existed is compared as it is; only a new one is waited for.
        let info = if created {
            admin
                .wait_for_leaders(&spec.name, spec.partitions as usize)
                .await?
        } else {
            admin.topic(&spec.name).await?
        };
        if !created {
            let configs = admin
                .topic_configs(&spec.name)
                .await?
                .into_iter()
                .map(|c| (c.name, c.value))
                .collect();
            let diff = differences(spec, &info, &configs);
            if !diff.is_empty() {
                bail!(
                    "topic {} already exists with different settings: {}; kmsg does not change existing topics (delete it, or create with matching flags)",
                    spec.name,
                    diff.join(", ")
                );
            }
        }
        rows.push(CreateRow {
            topic: spec.name.clone(),
            status: if created { "created" } else { "exists" },
            partitions: info.partitions.len(),
            replication_factor: info.replication_factor(),
            configs: spec.configs.clone(),
        });
    }

    match ctx.output {
        // One JSON document (an array), like `topics list`: a finite result.
        OutputFormat::Json => output::print_json(&rows)?,
        OutputFormat::Table | OutputFormat::Raw => {
            let mut t = output::table(&["topic", "status", "partitions", "replication", "configs"]);
            for r in &rows {
                let configs: Vec<String> =
                    r.configs.iter().map(|(k, v)| format!("{k}={v}")).collect();
                t.add_row(vec![
                    r.topic.clone(),
                    r.status.to_string(),
                    r.partitions.to_string(),
                    r.replication_factor.to_string(),
                    configs.join(" "),
                ]);
            }
            output::print_text(&t.to_string())?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Debug, Serialize)]
struct ListRow {
    topic: String,
    partitions: usize,
    replication_factor: usize,
    under_replicated: usize,
}

async fn list(args: TopicsListArgs, ctx: &Context) -> anyhow::Result<ExitCode> {
    let admin = Admin::connect(&ctx.settings).await?;
    let md = admin.metadata(None).await?;
    let rows: Vec<ListRow> = md
        .topics
        .iter()
        .filter(|t| args.all || !t.is_internal())
        .map(|t| ListRow {
            topic: t.name.clone(),
            partitions: t.partitions.len(),
            replication_factor: t.replication_factor(),
            under_replicated: t.under_replicated(),
        })
        .collect();
    match ctx.output {
        // One JSON document (an array), so `| python3 -m json.tool` and `| jq` take it whole.
        OutputFormat::Json => output::print_json(&rows)?,
        OutputFormat::Table | OutputFormat::Raw => {
            let mut t = output::table(&["topic", "partitions", "replication", "under-replicated"]);
            for r in &rows {
                t.add_row(vec![
                    r.topic.clone(),
                    r.partitions.to_string(),
                    r.replication_factor.to_string(),
                    r.under_replicated.to_string(),
                ]);
            }
            output::print_text(&t.to_string())?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Debug, Serialize)]
struct Description {
    topic: String,
    partition_count: usize,
    replication_factor: usize,
    partitions: Vec<crate::kafka::admin::PartitionInfo>,
    /// Configs that differ from the broker default.
    configs: BTreeMap<String, Option<String>>,
}

async fn describe(args: TopicsDescribeArgs, ctx: &Context) -> anyhow::Result<ExitCode> {
    for name in &args.topics {
        validate_topic_name(name).map_err(usage)?;
    }
    let admin = Admin::connect(&ctx.settings).await?;
    let mut descriptions = Vec::new();
    for name in &args.topics {
        let info = admin.topic(name).await?;
        let configs = admin
            .topic_configs(name)
            .await?
            .into_iter()
            .filter(|c| !c.is_default)
            .map(|c| (c.name, c.value))
            .collect();
        descriptions.push(Description {
            topic: info.name.clone(),
            partition_count: info.partitions.len(),
            replication_factor: info.replication_factor(),
            partitions: info.partitions,
            configs,
        });
    }
    if ctx.output == OutputFormat::Json {
        // One JSON document: an array with one description per topic named.
        output::print_json(&descriptions)?;
        return Ok(ExitCode::SUCCESS);
    }
    for d in &descriptions {
        let mut text = format!(
            "topic {}: {} partitions, replication factor {}\n",
            d.topic, d.partition_count, d.replication_factor
        );
        let mut t = output::table(&["partition", "leader", "replicas", "isr"]);
        for p in &d.partitions {
            t.add_row(vec![
                p.partition.to_string(),
                if p.leader < 0 {
                    "none".into()
                } else {
                    p.leader.to_string()
                },
                join_ids(&p.replicas),
                join_ids(&p.isr),
            ]);
        }
        text.push_str(&t.to_string());
        if !d.configs.is_empty() {
            let mut c = output::table(&["config", "value"]);
            for (k, v) in &d.configs {
                c.add_row(vec![
                    k.clone(),
                    v.clone().unwrap_or_else(|| "(sensitive)".into()),
                ]);
            }
            text.push('\n');
            text.push_str(&c.to_string());
        }
        output::print_text(&text)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn join_ids(ids: &[i32]) -> String {
    ids.iter()
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(",")
}

#[derive(Debug, Serialize)]
struct DeleteRow {
    topic: String,
    deleted: bool,
    error: Option<String>,
}

async fn delete(args: TopicsDeleteArgs, ctx: &Context) -> anyhow::Result<ExitCode> {
    for name in &args.topics {
        validate_topic_name(name).map_err(usage)?;
    }
    if !args.yes {
        return Err(usage(format!(
            "deleting {} removes its data for good: add --yes to confirm",
            args.topics.join(", ")
        )));
    }
    let admin = Admin::connect(&ctx.settings).await?;
    let names: Vec<&str> = args.topics.iter().map(String::as_str).collect();
    let results = admin.delete_topics(&names).await?;
    let rows: Vec<DeleteRow> = results
        .into_iter()
        .map(|(topic, error)| DeleteRow {
            deleted: error.is_none(),
            topic,
            error,
        })
        .collect();
    match ctx.output {
        // One JSON document (an array), like `topics list`: a finite result.
        OutputFormat::Json => output::print_json(&rows)?,
        OutputFormat::Table | OutputFormat::Raw => {
            let mut t = output::table(&["topic", "result"]);
            for r in &rows {
                t.add_row(vec![
                    r.topic.clone(),
                    r.error.clone().unwrap_or_else(|| "deleted".into()),
                ]);
            }
            output::print_text(&t.to_string())?;
        }
    }
    let failed: Vec<String> = rows
        .iter()
        .filter_map(|r| r.error.as_ref().map(|e| format!("{}: {e}", r.topic)))
        .collect();
    if !failed.is_empty() {
        return Err(anyhow::anyhow!("{}", failed.join("; "))).context("cannot delete topics");
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kafka::admin::PartitionInfo;

    fn args(topic: Option<&str>, partitions: i32, rf: i32, config: &[&str]) -> TopicsCreateArgs {
        TopicsCreateArgs {
            topic: topic.map(String::from),
            input_topic: "posts".into(),
            output_topic: "posts.processed".into(),
            dlq_topic: None,
            partitions,
            replication_factor: rf,
            config: config.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn without_a_name_plans_the_three_pipeline_topics_with_min_isr_2() {
        let specs = plan(&args(None, 6, 3, &[])).unwrap();
        let names: Vec<&str> = specs.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["posts", "posts.processed", "posts.dlq"]);
        for s in &specs {
            assert_eq!(s.partitions, 6);
            assert_eq!(s.replication_factor, 3);
            assert_eq!(s.configs.get("min.insync.replicas").unwrap(), "2");
        }
    }

    #[test]
    fn min_isr_never_exceeds_the_replication_factor() {
        let specs = plan(&args(None, 1, 1, &[])).unwrap();
        assert_eq!(specs[0].configs.get("min.insync.replicas").unwrap(), "1");
    }

    #[test]
    fn a_named_topic_gets_only_the_configs_asked_for() {
        let specs = plan(&args(Some("t1"), 2, 1, &["retention.ms=1000"])).unwrap();
        assert_eq!(specs.len(), 1);
        assert_eq!(specs[0].configs.len(), 1);
    }

    #[test]
    fn refuses_zero_partitions_and_bad_names_and_bad_configs() {
        assert!(plan(&args(Some("t"), 0, 1, &[]))
            .unwrap_err()
            .contains("--partitions 0"));
        assert!(plan(&args(Some("t"), 1, 0, &[]))
            .unwrap_err()
            .contains("--replication-factor"));
        assert!(plan(&args(Some("bad name"), 1, 1, &[]))
            .unwrap_err()
            .contains("' '"));
        assert!(plan(&args(Some("t"), 1, 1, &["novalue"]))
            .unwrap_err()
            .contains("--config"));
    }

    #[test]
    fn reports_every_difference_of_an_existing_topic() {
        let spec = plan(&args(Some("t"), 6, 3, &["min.insync.replicas=2"]))
            .unwrap()
            .remove(0);
        let existing = TopicInfo {
            name: "t".into(),
            partitions: (0..3)
                .map(|p| PartitionInfo {
                    partition: p,
                    leader: 1,
                    replicas: vec![1],
                    isr: vec![1],
                })
                .collect(),
        };
        let configs = BTreeMap::from([("min.insync.replicas".to_string(), Some("1".to_string()))]);
        let diff = differences(&spec, &existing, &configs);
        assert_eq!(diff.len(), 3, "{diff:?}");
        assert!(diff[0].contains("3 partitions (wanted 6)"));
    }
}
