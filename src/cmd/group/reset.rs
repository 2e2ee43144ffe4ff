//! `kmsg group reset-offsets`: moves a stopped group's committed offsets, like
//! `kafka-consumer-groups --reset-offsets`, with an undo.
//!
//! Without `--execute` it is a dry run: it prints current → new per partition and changes
//! nothing. With `--execute` it first writes the group's current committed offsets of those
//! partitions to a backup file (`--backup FILE`, default `./kmsg-offsets-<group>-<UTC
//! time>.json`; an existing file is never overwritten), then commits the new offsets as a
//! client outside the group, then reads them back. `--from-file` takes such a backup as the
//! target, so every reset can be undone; a partition the backup shows without an offset gets
//! its offset deleted again.
//!
//! Refusals, all before anything changes: bad flags, an unparseable time or shift, a backup
//! that cannot be read, a backup path that exists or cannot be written, a topic or partition
//! that does not exist (exit 2); a group the cluster does not know (exit 1, like
//! `group describe`); a group with members (exit 3, naming them).

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::anyhow;
use serde::Serialize;

use super::{chosen_partitions, stopped_group};
use crate::cli::{GroupResetArgs, OutputFormat};
use crate::cmd::context::Context;
use crate::error::usage;
use crate::kafka::admin::{Admin, ClusterMetadata};
use crate::kafka::group::{self, GroupClient, Tp};
use crate::output;
use crate::pipeline::group_offsets::{
    backup_file_name, new_offset, parse_datetime, parse_shift, rfc3339_ms, BackupOffset,
    OffsetsBackup, ResetTarget,
};

/// Where each partition goes: one target for all, or the offsets of a backup file.
#[derive(Debug)]
enum Goal {
    All(ResetTarget),
    File(OffsetsBackup),
}

/// The checked flags: refused before any network call.
#[derive(Debug)]
struct ResetConfig {
    group: String,
    topics: Vec<String>,
    goal: Goal,
    execute: bool,
    backup: PathBuf,
}

impl ResetConfig {
    fn from_args(args: GroupResetArgs, now_ms: i64) -> anyhow::Result<ResetConfig> {
        let goal = if args.to_earliest {
            Goal::All(ResetTarget::Earliest)
        } else if args.to_latest {
            Goal::All(ResetTarget::Latest)
        } else if let Some(n) = args.to_offset {
            Goal::All(ResetTarget::Offset(n))
        } else if let Some(t) = &args.to_datetime {
            Goal::All(ResetTarget::Timestamp(
                parse_datetime(t).map_err(|e| usage(format!("--to-datetime {e}")))?,
            ))
        } else if let Some(d) = args.by_duration {
            Goal::All(ResetTarget::Timestamp(
                now_ms.saturating_sub(d.as_millis().min(i64::MAX as u128) as i64),
            ))
        } else if let Some(s) = &args.shift_by {
            Goal::All(ResetTarget::ShiftBy(
                parse_shift(s).map_err(|e| usage(format!("--shift-by {e}")))?,
            ))
        } else if let Some(path) = &args.from_file {
            let text = std::fs::read_to_string(path)
                .map_err(|e| usage(format!("--from-file {}: {e}", path.display())))?;
            let backup = OffsetsBackup::parse(&text)
                .map_err(|e| usage(format!("--from-file {}: {e}", path.display())))?;
            if backup.group != args.group {
                return Err(usage(format!(
                    "--from-file {} holds offsets of group {:?}, not {:?}; restore it to its own group",
                    path.display(),
                    backup.group,
                    args.group
                )));
            }
            Goal::File(backup)
        } else {
            return Err(usage(
                "give one of --to-earliest, --to-latest, --to-offset, --to-datetime, --by-duration, --shift-by, --from-file",
            ));
        };
        let backup = args
            .backup
            .unwrap_or_else(|| PathBuf::from(backup_file_name(&args.group, now_ms)));
        if args.execute {
            check_backup_path(&backup)?;
        }
        Ok(ResetConfig {
            group: args.group,
            topics: args.topics,
            goal,
            execute: args.execute,
            backup,
        })
    }
}

/// A backup path must not exist yet (an earlier backup is never overwritten) and its folder
/// must exist.
fn check_backup_path(path: &Path) -> anyhow::Result<()> {
    if path.exists() {
        return Err(usage(format!(
            "--backup {} exists already; choose a new file (an earlier backup is never overwritten)",
            path.display()
        )));
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        return Err(usage(format!(
            "--backup {}: folder {} does not exist",
            path.display(),
            dir.display()
        )));
    }
    Ok(())
}

/// Writes the backup, failing if the file exists or cannot be written (a usage error: nothing
/// has changed yet).
fn write_backup(path: &Path, backup: &OffsetsBackup) -> anyhow::Result<()> {
    let text = serde_json::to_string_pretty(backup)?;
    let write = || -> std::io::Result<()> {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)?;
        f.write_all(text.as_bytes())?;
        f.write_all(b"\n")?;
        f.sync_all()
    };
    write().map_err(|e| {
        usage(format!(
            "cannot write the backup {}: {e}; nothing was changed (choose another --backup)",
            path.display()
        ))
    })
}

/// One partition of the plan.
#[derive(Debug, Serialize)]
struct Row {
    topic: String,
    partition: i32,
    current: Option<i64>,
    /// `None`: delete the committed offset (restoring a backup where it had none).
    new: Option<i64>,
    /// First offset and end of the partition, which bound `new`.
    earliest: i64,
    end: i64,
}

#[derive(Debug, Serialize)]
struct Plan {
    group: String,
    executed: bool,
    /// The file --execute wrote the previous offsets to.
    backup: Option<String>,
    partitions: Vec<Row>,
}

/// The partitions to reset: `--topic`'s, or the backup's (only those `--topic` names, if given).
fn partitions(cfg: &ResetConfig, md: &ClusterMetadata) -> anyhow::Result<Vec<Tp>> {
    match &cfg.goal {
        Goal::All(_) => chosen_partitions(&cfg.topics, md),
        Goal::File(backup) => {
            let keep = if cfg.topics.is_empty() {
                None
            } else {
                Some(chosen_partitions(&cfg.topics, md)?)
            };
            let mut out = Vec::new();
            for o in &backup.offsets {
                let tp = (o.topic.clone(), o.partition);
                if keep.as_ref().is_some_and(|k| !k.contains(&tp)) {
                    continue;
                }
                let exists = md.topics.iter().any(|t| {
                    t.name == o.topic && t.partitions.iter().any(|p| p.partition == o.partition)
                });
                if !exists {
                    return Err(usage(format!(
                        "--from-file: {}/{} does not exist in the cluster",
                        o.topic, o.partition
                    )));
                }
                out.push(tp);
            }
            if out.is_empty() {
                return Err(usage("--from-file: no partition of the file is selected"));
            }
            Ok(out)
        }
    }
}

fn plan_rows(cfg: &ResetConfig, client: &GroupClient, parts: &[Tp]) -> anyhow::Result<Vec<Row>> {
    let committed = client.committed(parts)?;
    stopped_group(
        client,
        &cfg.group,
        committed.values().any(Option::is_some),
        "reset the offsets of",
    )?;
    let by_time = match cfg.goal {
        Goal::All(ResetTarget::Timestamp(ms)) => client.offsets_for_time(parts, ms)?,
        _ => BTreeMap::new(),
    };
    let from_file: BTreeMap<Tp, Option<i64>> = match &cfg.goal {
        Goal::File(b) => b
            .offsets
            .iter()
            .map(|o| ((o.topic.clone(), o.partition), o.offset))
            .collect(),
        Goal::All(_) => BTreeMap::new(),
    };
    let mut rows = Vec::new();
    for tp in parts {
        let current = committed.get(tp).copied().flatten();
        let (low, high) = client.watermarks(&tp.0, tp.1)?;
        let new = match &cfg.goal {
            Goal::All(target) => Some(new_offset(
                *target,
                current,
                low,
                high,
                by_time.get(tp).copied().flatten(),
            )),
            Goal::File(_) => from_file
                .get(tp)
                .copied()
                .flatten()
                .map(|o| new_offset(ResetTarget::Offset(o), current, low, high, None)),
        };
        rows.push(Row {
            topic: tp.0.clone(),
            partition: tp.1,
            current,
            new,
            earliest: low,
            end: high,
        });
    }
    Ok(rows)
}

pub async fn run(args: GroupResetArgs, ctx: &Context) -> anyhow::Result<ExitCode> {
    let now_ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64);
    let cfg = ResetConfig::from_args(args, now_ms)?;
    let admin = Admin::connect(&ctx.settings).await?;
    let md = admin.metadata(None).await?;
    let parts = partitions(&cfg, &md)?;
    let client = GroupClient::open(&ctx.settings, &cfg.group)?;
    let rows = tokio::task::block_in_place(|| plan_rows(&cfg, &client, &parts))?;
    let mut plan = Plan {
        group: cfg.group.clone(),
        executed: false,
        backup: None,
        partitions: rows,
    };
    if cfg.execute {
        let backup = OffsetsBackup {
            version: OffsetsBackup::VERSION,
            group: cfg.group.clone(),
            taken_at: rfc3339_ms(now_ms),
            offsets: plan
                .partitions
                .iter()
                .map(|r| BackupOffset {
                    topic: r.topic.clone(),
                    partition: r.partition,
                    offset: r.current,
                })
                .collect(),
        };
        write_backup(&cfg.backup, &backup)?;
        plan.backup = Some(cfg.backup.display().to_string());
        apply(&admin, &client, &cfg.group, &plan.partitions)
            .await
            .map_err(|e| {
                e.context(format!(
                    "the previous offsets are in {}",
                    cfg.backup.display()
                ))
            })?;
        plan.executed = true;
    }
    print(ctx, &plan)?;
    Ok(ExitCode::SUCCESS)
}

/// Commits the new offsets, deletes those the plan has none for, and reads them back.
async fn apply(
    admin: &Admin,
    client: &GroupClient,
    group: &str,
    rows: &[Row],
) -> anyhow::Result<()> {
    let commit: BTreeMap<Tp, i64> = rows
        .iter()
        .filter_map(|r| r.new.map(|o| ((r.topic.clone(), r.partition), o)))
        .collect();
    let delete: Vec<Tp> = rows
        .iter()
        .filter(|r| r.new.is_none())
        .map(|r| (r.topic.clone(), r.partition))
        .collect();
    tokio::task::block_in_place(|| client.commit(&commit))?;
    if !delete.is_empty() {
        group::delete_offsets(admin, group, &delete).await?;
    }
    let parts: Vec<Tp> = rows
        .iter()
        .map(|r| (r.topic.clone(), r.partition))
        .collect();
    let now = tokio::task::block_in_place(|| client.committed(&parts))?;
    for r in rows {
        let seen = now.get(&(r.topic.clone(), r.partition)).copied().flatten();
        if seen != r.new {
            return Err(anyhow!(
                "{}/{}: the group shows offset {} after the reset, not {}",
                r.topic,
                r.partition,
                seen.map_or("none".into(), |o| o.to_string()),
                r.new.map_or("none".into(), |o| o.to_string())
            ));
        }
    }
    Ok(())
}

fn print(ctx: &Context, plan: &Plan) -> anyhow::Result<()> {
    if ctx.output == OutputFormat::Json {
        output::print_json(plan)?;
        return Ok(());
    }
    let show = |o: Option<i64>| o.map_or("-".to_string(), |o| o.to_string());
    let mut t = output::table(&["topic", "partition", "current", "new", "earliest", "end"]);
    for r in &plan.partitions {
        t.add_row(vec![
            r.topic.clone(),
            r.partition.to_string(),
            show(r.current),
            show(r.new),
            r.earliest.to_string(),
            r.end.to_string(),
        ]);
    }
    let tail = match &plan.backup {
        Some(path) if plan.executed => format!(
            "group {}: offsets reset. The previous offsets are in {path}; undo with\n  kmsg group reset-offsets -g {} --from-file {path} --execute",
            plan.group, plan.group
        ),
        _ => format!(
            "group {}: dry run, nothing changed; add --execute to apply (it writes a backup first)",
            plan.group
        ),
    };
    output::print_text(&format!("{t}\n{tail}"))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn config(argv: &[&str]) -> anyhow::Result<ResetConfig> {
        let mut full = vec!["kmsg", "group", "reset-offsets"];
        full.extend_from_slice(argv);
        let cli = crate::cli::Cli::try_parse_from(full)?;
        match cli.command {
            crate::cli::Command::Group(crate::cli::GroupCommand::ResetOffsets(a)) => {
                ResetConfig::from_args(a, 3_600_000)
            }
            _ => unreachable!("the argv names group reset-offsets"),
        }
    }

    #[test]
    fn exactly_one_target_is_taken() {
        assert!(config(&["-g", "g", "-t", "t"]).is_err());
        assert!(config(&["-g", "g", "-t", "t", "--to-earliest", "--to-latest"]).is_err());
        let c = config(&["-g", "g", "-t", "t", "--shift-by", "-3"]).unwrap();
        assert!(matches!(c.goal, Goal::All(ResetTarget::ShiftBy(-3))));
        let c = config(&["-g", "g", "-t", "t", "--by-duration", "10m"]).unwrap();
        assert!(matches!(
            c.goal,
            Goal::All(ResetTarget::Timestamp(3_000_000))
        ));
        let e = config(&["-g", "g", "-t", "t", "--to-datetime", "noon"]).unwrap_err();
        assert!(e
            .to_string()
            .starts_with("--to-datetime \"noon\" is not an RFC 3339 time"));
        assert_eq!(
            crate::error::exit_code(&e, crate::cmd::USAGE_ERRORS),
            crate::error::EXIT_USAGE
        );
    }

    #[test]
    fn a_backup_is_checked_before_anything_runs() {
        let dir = tempfile::tempdir().unwrap();
        let existing = dir.path().join("old.json");
        std::fs::write(&existing, "{}").unwrap();
        let e = config(&[
            "-g",
            "g",
            "-t",
            "t",
            "--to-earliest",
            "--execute",
            "--backup",
            existing.to_str().unwrap(),
        ])
        .unwrap_err();
        assert!(e.to_string().contains("exists already"), "{e}");
        let nowhere = dir.path().join("no/such/dir/b.json");
        let e = config(&[
            "-g",
            "g",
            "-t",
            "t",
            "--to-earliest",
            "--execute",
            "--backup",
            nowhere.to_str().unwrap(),
        ])
        .unwrap_err();
        assert!(e.to_string().contains("does not exist"), "{e}");
        // A dry run writes nothing, so its backup path is not checked.
        assert!(config(&[
            "-g",
            "g",
            "-t",
            "t",
            "--to-earliest",
            "--backup",
            existing.to_str().unwrap()
        ])
        .is_ok());
    }

    #[test]
    fn a_backup_of_another_group_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("b.json");
        let backup = OffsetsBackup {
            version: 1,
            group: "other".into(),
            taken_at: rfc3339_ms(0),
            offsets: vec![],
        };
        std::fs::write(&file, serde_json::to_string(&backup).unwrap()).unwrap();
        let e = config(&["-g", "g", "--from-file", file.to_str().unwrap()]).unwrap_err();
        assert!(e.to_string().contains("offsets of group \"other\""), "{e}");
        let e = config(&["-g", "g", "--from-file", "/no/such/file"]).unwrap_err();
        assert!(
            e.to_string().starts_with("--from-file /no/such/file:"),
            "{e}"
        );
    }
}
