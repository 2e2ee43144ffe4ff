//! `kmsg group list|describe|reset-offsets|delete|delete-offsets`: consumer groups as
//! `kafka-consumer-groups` shows and changes them.
//!
//! `describe` prints the report `metrics --group` prints too (`report`); `reset-offsets` is in
//! `reset`. The changes refuse a group with members (exit 3, naming them: a running consumer
//! would overwrite a reset with its next commit, and the broker refuses a deletion under it)
//! and a group the cluster does not know (exit 1, naming the known ones); bad flags exit 2.

pub mod report;
mod reset;

use std::collections::BTreeSet;
use std::process::ExitCode;

use anyhow::anyhow;
use serde::Serialize;

use super::context::Context;
use crate::cli::{
    GroupCommand, GroupDeleteArgs, GroupDeleteOffsetsArgs, GroupDescribeArgs, OutputFormat,
};
use crate::error::{usage, CheckFailed};
use crate::kafka::admin::{Admin, ClusterMetadata};
use crate::kafka::group::{self, GroupClient, GroupDescription, Tp};
use crate::output;
use crate::pipeline::group_offsets::parse_topic_partitions;

pub async fn run(cmd: GroupCommand, ctx: &Context) -> anyhow::Result<ExitCode> {
    match cmd {
        GroupCommand::List => list(ctx).await,
        GroupCommand::Describe(args) => describe(args, ctx).await,
        GroupCommand::ResetOffsets(args) => reset::run(args, ctx).await,
        GroupCommand::Delete(args) => delete(args, ctx).await,
        GroupCommand::DeleteOffsets(args) => delete_offsets(args, ctx).await,
    }
}

async fn list(ctx: &Context) -> anyhow::Result<ExitCode> {
    // Connecting first turns an unreachable cluster into the usual one-line error.
    drop(Admin::connect(&ctx.settings).await?);
    let settings = ctx.settings.clone();
    let groups = tokio::task::spawn_blocking(move || {
        GroupClient::open(&settings, "kmsg-group-list")?.list()
    })
    .await
    .map_err(|e| anyhow!("the group listing's thread failed: {e}"))??;
    if ctx.output == OutputFormat::Json {
        output::print_json(&groups)?;
    } else {
        let mut t = output::table(&["group", "state", "protocol type", "assignor", "members"]);
        for g in &groups {
            t.add_row(vec![
                g.group.clone(),
                g.state.clone(),
                g.protocol_type.clone(),
                g.protocol.clone(),
                g.members.to_string(),
            ]);
        }
        output::print_text(&t.to_string())?;
    }
    Ok(ExitCode::SUCCESS)
}

async fn describe(args: GroupDescribeArgs, ctx: &Context) -> anyhow::Result<ExitCode> {
    let (r, _) = report::group_report(
        ctx,
        &args.group,
        &args.report.topics,
        args.report.rate_window,
        None,
    )
    .await?;
    if ctx.output == OutputFormat::Json {
        output::print_json(&r)?;
    } else {
        output::print_text(&report::render(&r))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The group's description, refused when the cluster does not know it (exit 1) or it has
/// members (exit 3). `doing` says what is refused ("reset the offsets of").
pub(crate) fn stopped_group(
    client: &GroupClient,
    group: &str,
    has_offsets: bool,
    doing: &str,
) -> anyhow::Result<GroupDescription> {
    let d = client.describe()?;
    if d.state == "Dead" && d.members.is_empty() && !has_offsets {
        return Err(report::unknown_group(group, report::known_groups(client)));
    }
    if d.is_active() {
        let members = if d.members.is_empty() {
            format!("it is in state {} (a rebalance)", d.state)
        } else {
            format!("{} member(s): {}", d.members.len(), d.member_list())
        };
        return Err(CheckFailed(format!(
            "cannot {doing} group {group}: it is active, {members}; stop its consumers first \
             (Ctrl-C or SIGTERM each `kmsg consume -g {group}`; they leave the group at once) \
             and run this again"
        ))
        .into());
    }
    Ok(d)
}

/// The partitions `--topic T[:P,P]` names, each checked against the cluster's metadata: a
/// topic or partition that does not exist is a usage error (exit 2).
pub(crate) fn chosen_partitions(specs: &[String], md: &ClusterMetadata) -> anyhow::Result<Vec<Tp>> {
    let mut out = BTreeSet::new();
    for spec in specs {
        let (topic, parts) =
            parse_topic_partitions(spec).map_err(|e| usage(format!("--topic {e}")))?;
        let Some(info) = md.topics.iter().find(|t| t.name == topic) else {
            return Err(usage(format!(
                "--topic {spec}: topic {topic} does not exist (see `kmsg topics list`)"
            )));
        };
        let have: BTreeSet<i32> = info.partitions.iter().map(|p| p.partition).collect();
        if let Some(p) = parts.iter().find(|p| !have.contains(p)) {
            return Err(usage(format!(
                "--topic {spec}: topic {topic} has no partition {p} (it has 0 to {})",
                have.len().saturating_sub(1)
            )));
        }
        let chosen = if parts.is_empty() { have } else { parts };
        out.extend(chosen.into_iter().map(|p| (topic.clone(), p)));
    }
    Ok(out.into_iter().collect())
}

/// What `delete` and `delete-offsets` removed.
#[derive(Debug, Serialize)]
struct Deleted {
    group: String,
    /// `delete-offsets`: the partitions whose offsets are gone; `delete`: none (the group is).
    partitions: Option<Vec<String>>,
}

async fn delete(args: GroupDeleteArgs, ctx: &Context) -> anyhow::Result<ExitCode> {
    if !args.yes {
        return Err(usage(format!(
            "deleting group {} removes its committed offsets for good: add --yes to confirm",
            args.group
        )));
    }
    let admin = Admin::connect(&ctx.settings).await?;
    let client = GroupClient::open(&ctx.settings, &args.group)?;
    tokio::task::block_in_place(|| stopped_group(&client, &args.group, false, "delete"))?;
    group::delete_group(&admin, &args.group).await?;
    print_deleted(
        ctx,
        Deleted {
            group: args.group.clone(),
            partitions: None,
        },
    )
}

async fn delete_offsets(args: GroupDeleteOffsetsArgs, ctx: &Context) -> anyhow::Result<ExitCode> {
    let admin = Admin::connect(&ctx.settings).await?;
    let md = admin.metadata(None).await?;
    let partitions = chosen_partitions(&args.topics, &md)?;
    let client = GroupClient::open(&ctx.settings, &args.group)?;
    let committed = tokio::task::block_in_place(|| client.committed(&partitions))?;
    let has_offsets = committed.values().any(Option::is_some);
    tokio::task::block_in_place(|| {
        let d = client.describe()?;
        if d.state == "Dead" && d.members.is_empty() && !has_offsets {
            return Err(report::unknown_group(
                &args.group,
                report::known_groups(&client),
            ));
        }
        Ok(())
    })?;
    group::delete_offsets(&admin, &args.group, &partitions).await?;
    print_deleted(
        ctx,
        Deleted {
            group: args.group.clone(),
            partitions: Some(partitions.iter().map(|(t, p)| format!("{t}/{p}")).collect()),
        },
    )
}

fn print_deleted(ctx: &Context, d: Deleted) -> anyhow::Result<ExitCode> {
    if ctx.output == OutputFormat::Json {
        output::print_json(&d)?;
    } else {
        let text = match &d.partitions {
            None => format!("group {}: deleted, with its committed offsets", d.group),
            Some(p) => format!(
                "group {}: deleted the committed offsets of {}",
                d.group,
                p.join(", ")
            ),
        };
        output::print_text(&text)?;
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kafka::admin::{PartitionInfo, TopicInfo};

    fn metadata() -> ClusterMetadata {
        let partition = |p| PartitionInfo {
            partition: p,
            leader: 1,
            replicas: vec![1],
            isr: vec![1],
        };
        ClusterMetadata {
            brokers: vec![],
            controller: None,
            topics: vec![TopicInfo {
                name: "posts".into(),
                partitions: (0..3).map(partition).collect(),
            }],
        }
    }

    #[test]
    fn topics_name_partitions_that_exist_or_are_refused_as_usage_errors() {
        let md = metadata();
        let all = chosen_partitions(&["posts".into()], &md).unwrap();
        assert_eq!(all.len(), 3);
        let some = chosen_partitions(&["posts:2,0".into(), "posts:0".into()], &md).unwrap();
        assert_eq!(some, [("posts".to_string(), 0), ("posts".to_string(), 2)]);
        for (spec, says) in [
            ("posts:3", "has no partition 3 (it has 0 to 2)"),
            ("nope", "topic nope does not exist"),
            ("posts:x", "not a partition number"),
        ] {
            let e = chosen_partitions(&[spec.into()], &md).unwrap_err();
            assert!(e.to_string().contains(says), "{e}");
            assert_eq!(
                crate::error::exit_code(&e, crate::cmd::USAGE_ERRORS),
                crate::error::EXIT_USAGE
            );
        }
    }
}
