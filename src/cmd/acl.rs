//! `kmsg acl apply|list`: the pipeline's least-privilege roles as Kafka ACLs.
//!
//! `apply` creates the bindings `kafka::acl::role_rules` describes for the pipeline's topics
//! and group (idempotent: applying twice changes nothing); `list` shows what the cluster has.
//! Both need a user allowed to manage ACLs (the secure cluster's `admin`).

use std::process::ExitCode;

use serde::Serialize;

use super::context::Context;
use crate::cli::{AclApplyArgs, AclCommand, AclListArgs, OutputFormat};
use crate::error::usage;
use crate::kafka::acl::{self, AclRule, PipelineNames};
use crate::kafka::acl_admin;
use crate::kafka::admin::Admin;
use crate::output;

pub async fn run(cmd: AclCommand, ctx: &Context) -> anyhow::Result<ExitCode> {
    match cmd {
        AclCommand::Apply(args) => apply(args, ctx).await,
        AclCommand::List(args) => list(args, ctx).await,
    }
}

/// The names the roles are about, validated.
fn names(args: &AclApplyArgs) -> anyhow::Result<PipelineNames> {
    let dlq_topic = args
        .dlq_topic
        .clone()
        .unwrap_or_else(|| format!("{}.dlq", args.input_topic));
    for t in [&args.input_topic, &args.output_topic, &dlq_topic] {
        crate::pipeline::topic_name::validate_topic_name(t).map_err(usage)?;
    }
    if args.group.trim().is_empty() {
        return Err(usage(
            "--group is empty: give the consumer group (or GROUP_ID)",
        ));
    }
    if args.dlq_group_prefix.trim().is_empty() {
        return Err(usage(
            "--dlq-group-prefix is empty: that would let the dlq user join every group",
        ));
    }
    Ok(PipelineNames {
        input_topic: args.input_topic.clone(),
        output_topic: args.output_topic.clone(),
        dlq_topic,
        group: args.group.clone(),
        dlq_group_prefix: args.dlq_group_prefix.clone(),
    })
}

/// One ACL as printed.
#[derive(Debug, Serialize)]
struct Row<'a> {
    principal: &'a str,
    permission: &'static str,
    operation: String,
    resource: String,
    pattern: String,
    name: &'a str,
    host: &'a str,
}

fn row(r: &AclRule) -> Row<'_> {
    let lower = |v: &dyn std::fmt::Debug| format!("{v:?}").to_lowercase();
    Row {
        principal: &r.principal,
        permission: if r.allow { "allow" } else { "deny" },
        operation: lower(&r.operation),
        resource: lower(&r.resource),
        pattern: lower(&r.pattern),
        name: &r.name,
        host: &r.host,
    }
}

fn print_rules(rules: &[AclRule], format: OutputFormat, footer: &str) -> anyhow::Result<()> {
    match format {
        OutputFormat::Json => {
            for r in rules {
                output::print_json(&row(r))?;
            }
        }
        OutputFormat::Table | OutputFormat::Raw => {
            let mut t = output::table(&[
                "principal",
                "permission",
                "operation",
                "resource",
                "pattern",
                "name",
                "host",
            ]);
            for r in rules.iter().map(row) {
                t.add_row(vec![
                    r.principal.to_string(),
                    r.permission.to_string(),
                    r.operation,
                    r.resource,
                    r.pattern,
                    r.name.to_string(),
                    r.host.to_string(),
                ]);
            }
            output::print_text(&format!("{t}\n{footer}"))?;
        }
    }
    Ok(())
}

async fn apply(args: AclApplyArgs, ctx: &Context) -> anyhow::Result<ExitCode> {
    let names = names(&args)?;
    let rules = acl::role_rules(&names);
    let admin = Admin::connect(&ctx.settings).await?;
    acl_admin::create(&admin, &rules).await.map_err(|e| {
        let text = e.to_string();
        if text.contains("needs ALTER permission") || text.contains("uthorization") {
            anyhow::anyhow!(
                "cannot apply the ACLs: user {} may not manage ACLs (it needs ALTER on the cluster); run `kmsg acl apply` as the admin user",
                ctx.settings.sasl_username.as_deref().unwrap_or("(anonymous)")
            )
        } else {
            anyhow::anyhow!("cannot apply the ACLs: {text}")
        }
    })?;
    tracing::info!(count = rules.len(), "ACLs applied");
    print_rules(
        &rules,
        ctx.output,
        &format!("{} ACL(s) applied (existing ones unchanged)", rules.len()),
    )?;
    Ok(ExitCode::SUCCESS)
}

async fn list(args: AclListArgs, ctx: &Context) -> anyhow::Result<ExitCode> {
    let admin = Admin::connect(&ctx.settings).await?;
    let mut rules = acl_admin::list(&admin)
        .await
        .map_err(|e| anyhow::anyhow!("cannot list the ACLs: {e}"))?;
    if let (true, Some(user)) = (rules.is_empty(), &ctx.settings.sasl_username) {
        // The broker refuses DescribeAcls to a user without DESCRIBE on the cluster, but
        // librdkafka (2.12) drops that error and reports an empty list: say so.
        tracing::warn!(
            "no ACLs visible to user {user}: the cluster has none, or {user} may not describe \
             them (librdkafka reports that refusal as an empty list); list them as the admin user"
        );
    }
    if let Some(p) = &args.principal {
        let want = if p.contains(':') {
            p.clone()
        } else {
            format!("User:{p}")
        };
        rules.retain(|r| r.principal == want);
    }
    print_rules(&rules, ctx.output, &format!("{} ACL(s)", rules.len()))?;
    Ok(ExitCode::SUCCESS)
}
