//! `kmsg verify`: the audit of a pipeline's topics. It reads the input topic and the topics
//! the pipeline wrote (output and DLQ) up to the ends they had when it started, in
//! `read_committed`, and reports per record id what was lost (in the input, in neither the
//! output nor the DLQ) and what was duplicated (downstream more often than in the input),
//! with totals. Exit 0 when nothing was lost (and, with `--exactly-once`, nothing
//! duplicated), 3 when the check fails, 1 when a topic is missing or the cluster cannot be
//! read, 2 for bad flags.
//!
//! Memory is bounded by the tally (`pipeline::verify`): ids are kept as 64-bit hashes, 16
//! bytes per distinct input id, so 10M ids fit in some 160 MB. The exact ids the report
//! names (up to `--show` of each kind) come from a second read of the topics, made only when
//! something is wrong and stopped as soon as the listing is complete.

use std::collections::{HashMap, HashSet};
use std::ops::ControlFlow;
use std::process::ExitCode;

use anyhow::anyhow;
use rdkafka::Message;
use serde::Serialize;

use super::context::Context;
use crate::cli::{OutputFormat, VerifyArgs};
use crate::error::{usage, EXIT_CHECK_FAILED};
use crate::kafka::admin::{Admin, AdminError};
use crate::kafka::config::ClientSettings;
use crate::kafka::reader::{scan, snapshot, PartitionSpan};
use crate::output;
use crate::pipeline::topic_name::validate_topic_name;
use crate::pipeline::verify::{
    display_id, id_hash, verdict, Class, IdSource, InputIds, Tally, Verdict,
};

/// The checked flags of one run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifyConfig {
    pub input: String,
    pub output: String,
    pub dlq: String,
    /// The DLQ was named (flag, env or profile), so it must exist; the default may not.
    pub dlq_named: bool,
    pub id: IdSource,
    pub exactly_once: bool,
    pub show: usize,
}

impl VerifyConfig {
    /// Refuses bad names and topics that are the same (reading one twice would count
    /// every record as a duplicate).
    pub fn from_args(args: &VerifyArgs) -> anyhow::Result<Self> {
        let dlq = args
            .dlq_topic
            .clone()
            .unwrap_or_else(|| format!("{}.dlq", args.input_topic));
        for name in [&args.input_topic, &args.output_topic, &dlq] {
            validate_topic_name(name).map_err(usage)?;
        }
        if args.output_topic == args.input_topic
            || dlq == args.input_topic
            || dlq == args.output_topic
        {
            return Err(usage(format!(
                "--input {}, --output-topic {} and --dlq-topic {dlq} must be three different topics",
                args.input_topic, args.output_topic
            )));
        }
        let id = match &args.id_field {
            Some(f) if f.trim().is_empty() || f.split('.').any(str::is_empty) => {
                return Err(usage(format!(
                    "--id-field {f:?} is not a field name: give a top-level name or a dotted path like user.id"
                )))
            }
            Some(f) => IdSource::Field(f.clone()),
            None => IdSource::Key,
        };
        Ok(VerifyConfig {
            input: args.input_topic.clone(),
            output: args.output_topic.clone(),
            dlq,
            dlq_named: args.dlq_topic.is_some(),
            id,
            exactly_once: args.exactly_once,
            show: args.show,
        })
    }
}

/// Where a record is.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Location {
    pub topic: String,
    pub partition: i32,
    pub offset: i64,
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}", self.topic, self.partition, self.offset)
    }
}

#[derive(Debug, Serialize)]
pub struct LostId {
    pub id: String,
    /// Its (first) record in the input.
    pub input: Location,
}

#[derive(Debug, Serialize)]
pub struct DuplicatedId {
    pub id: String,
    pub input_copies: u32,
    pub downstream_copies: u32,
    /// Where the copies are, up to `--show` of them.
    pub copies: Vec<Location>,
}

#[derive(Debug, Serialize)]
pub struct UnexpectedId {
    pub id: String,
    /// Its first record downstream.
    pub first: Location,
}

#[derive(Debug, Default, Serialize)]
pub struct ReportTotals {
    pub input_records: u64,
    /// Input records with no id (no key, or no such field in a JSON value): not checked.
    pub input_without_id: u64,
    pub distinct_ids: u64,
    pub output_records: u64,
    pub dlq_records: u64,
    /// Output and DLQ records with no id: not counted against any input id.
    pub downstream_without_id: u64,
    pub lost: u64,
    pub duplicated: u64,
    /// The copies beyond the input's count, over all duplicated ids.
    pub extra_copies: u64,
    /// Distinct downstream ids the input does not hold.
    pub unexpected: u64,
    pub unexpected_records: u64,
}

/// What `verify` found: the result it prints.
#[derive(Debug, Serialize)]
pub struct VerifyReport {
    pub input_topic: String,
    pub output_topic: String,
    /// None when the default DLQ topic does not exist.
    pub dlq_topic: Option<String>,
    /// "key" or "field:<name>".
    pub id: String,
    pub exactly_once: bool,
    pub passed: bool,
    /// passed, lost, duplicated (under exactly-once) or no_ids (no input record had one).
    pub verdict: Verdict,
    pub totals: ReportTotals,
    /// Up to `--show` lost ids, in the order read; `totals.lost` is the exact count.
    pub lost: Vec<LostId>,
    pub duplicated: Vec<DuplicatedId>,
    pub unexpected: Vec<UnexpectedId>,
}

pub async fn run(args: VerifyArgs, ctx: &Context) -> anyhow::Result<ExitCode> {
    let config = VerifyConfig::from_args(&args)?;
    let admin = Admin::connect(&ctx.settings).await?;
    let partitions = |info: crate::kafka::admin::TopicInfo| -> Vec<i32> {
        info.partitions.iter().map(|p| p.partition).collect()
    };
    let input = partitions(admin.topic(&config.input).await?);
    let output = partitions(admin.topic(&config.output).await?);
    let dlq = match admin.topic(&config.dlq).await {
        Ok(info) => Some(partitions(info)),
        Err(AdminError::TopicMissing(_)) if !config.dlq_named => {
            eprintln!(
                "kmsg: note: the default DLQ topic {} does not exist; reading the output only (name one with --dlq-topic)",
                config.dlq
            );
            None
        }
        Err(e) => return Err(e.into()),
    };
    drop(admin);
    let settings = ctx.settings.clone();
    let report = tokio::task::spawn_blocking(move || audit(&settings, &config, input, output, dlq))
        .await
        .map_err(|e| anyhow!("the reader thread failed: {e}"))??;
    match ctx.output {
        OutputFormat::Json => output::print_json(&report)?,
        _ => output::print_text(&render(&report))?,
    }
    Ok(if report.passed {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_CHECK_FAILED)
    })
}

/// The topics of one run with their spans (taken together at the start).
struct Plan {
    input: (String, Vec<PartitionSpan>),
    downstream: Vec<(String, Vec<PartitionSpan>)>,
}

fn audit(
    settings: &ClientSettings,
    config: &VerifyConfig,
    input: Vec<i32>,
    output: Vec<i32>,
    dlq: Option<Vec<i32>>,
) -> anyhow::Result<VerifyReport> {
    // The input's ends are taken first: what a pipeline still running forwards meanwhile
    // from newer input records shows as unexpected (reported, not failed); nothing it had
    // forwarded by then can show as lost. Verify a pipeline that has stopped or caught up.
    let input_spans = snapshot(settings, &config.input, &input)?;
    let mut downstream = vec![(
        config.output.clone(),
        snapshot(settings, &config.output, &output)?,
    )];
    if let Some(parts) = &dlq {
        downstream.push((config.dlq.clone(), snapshot(settings, &config.dlq, parts)?));
    }
    let plan = Plan {
        input: (config.input.clone(), input_spans),
        downstream,
    };

    let mut totals = ReportTotals::default();
    let room: i64 = plan.input.1.iter().map(|s| (s.end - s.start).max(0)).sum();
    // Sized from the offsets (an upper bound of the records), at most 16M entries (256 MB)
    // up front: a compacted topic's offsets can far exceed its records.
    let mut ids = InputIds::with_capacity(room.clamp(0, 1 << 24) as usize);
    scan(settings, &plan.input.0, &plan.input.1, |m| {
        totals.input_records += 1;
        match config.id.id(m.key(), m.payload()) {
            Some(id) => ids.add(id_hash(id.bytes())),
            None => totals.input_without_id += 1,
        }
        ControlFlow::Continue(())
    })?;
    let mut tally = ids.seal();
    for (i, (topic, spans)) in plan.downstream.iter().enumerate() {
        let mut records = 0;
        scan(settings, topic, spans, |m| {
            records += 1;
            match config.id.id(m.key(), m.payload()) {
                Some(id) => tally.sight(id_hash(id.bytes())),
                None => totals.downstream_without_id += 1,
            }
            ControlFlow::Continue(())
        })?;
        if i == 0 {
            totals.output_records = records;
        } else {
            totals.dlq_records = records;
        }
    }
    let t = tally.finish();
    totals.distinct_ids = t.distinct_ids;
    totals.lost = t.lost;
    totals.duplicated = t.duplicated;
    totals.extra_copies = t.extra_copies;
    totals.unexpected = t.unexpected;
    totals.unexpected_records = t.unexpected_records;

    let outcome = verdict(&t, totals.input_without_id, config.exactly_once);
    let mut report = VerifyReport {
        input_topic: config.input.clone(),
        output_topic: config.output.clone(),
        dlq_topic: dlq.map(|_| config.dlq.clone()),
        id: match &config.id {
            IdSource::Key => "key".into(),
            IdSource::Field(f) => format!("field:{f}"),
        },
        exactly_once: config.exactly_once,
        passed: outcome.passed(),
        verdict: outcome,
        lost: Vec::new(),
        duplicated: Vec::new(),
        unexpected: Vec::new(),
        totals,
    };
    if config.show > 0 {
        if report.totals.lost > 0 {
            report.lost = list_lost(settings, config, &plan, &tally)?;
        }
        if report.totals.duplicated > 0 || report.totals.unexpected > 0 {
            let (dups, unexpected) = list_downstream(settings, config, &plan, &tally, &report)?;
            report.duplicated = dups;
            report.unexpected = unexpected;
        }
    }
    Ok(report)
}

/// The first `--show` lost ids met in a second read of the input.
fn list_lost(
    settings: &ClientSettings,
    config: &VerifyConfig,
    plan: &Plan,
    tally: &Tally,
) -> anyhow::Result<Vec<LostId>> {
    let (topic, spans) = &plan.input;
    let mut listed = HashSet::new();
    let mut lost = Vec::new();
    scan(settings, topic, spans, |m| {
        if let Some(id) = config.id.id(m.key(), m.payload()) {
            let h = id_hash(id.bytes());
            if matches!(tally.class(h), Some(Class::Lost { .. })) && listed.insert(h) {
                lost.push(LostId {
                    id: display_id(id.bytes()),
                    input: Location {
                        topic: topic.clone(),
                        partition: m.partition(),
                        offset: m.offset(),
                    },
                });
            }
        }
        if lost.len() >= config.show {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    })?;
    Ok(lost)
}

/// The first `--show` duplicated ids with where their copies are, and the first `--show`
/// unexpected ids, read again from the downstream topics; stops once both lists are full.
fn list_downstream(
    settings: &ClientSettings,
    config: &VerifyConfig,
    plan: &Plan,
    tally: &Tally,
    report: &VerifyReport,
) -> anyhow::Result<(Vec<DuplicatedId>, Vec<UnexpectedId>)> {
    let want_dups = (report.totals.duplicated as usize).min(config.show);
    let want_unexpected = (report.totals.unexpected as usize).min(config.show);
    let mut dups: Vec<DuplicatedId> = Vec::new();
    let mut dup_index: HashMap<u64, usize> = HashMap::new();
    let mut unexpected = Vec::new();
    let mut unexpected_seen = HashSet::new();
    for (topic, spans) in &plan.downstream {
        let mut complete = false;
        scan(settings, topic, spans, |m| {
            let Some(id) = config.id.id(m.key(), m.payload()) else {
                return ControlFlow::Continue(());
            };
            let h = id_hash(id.bytes());
            let here = || Location {
                topic: topic.clone(),
                partition: m.partition(),
                offset: m.offset(),
            };
            match tally.class(h) {
                Some(Class::Duplicated { input, downstream }) => {
                    let i = match dup_index.get(&h) {
                        Some(&i) => Some(i),
                        None if dups.len() < want_dups => {
                            dups.push(DuplicatedId {
                                id: display_id(id.bytes()),
                                input_copies: input,
                                downstream_copies: downstream,
                                copies: Vec::new(),
                            });
                            dup_index.insert(h, dups.len() - 1);
                            Some(dups.len() - 1)
                        }
                        None => None,
                    };
                    if let Some(i) = i {
                        if dups[i].copies.len() < config.show {
                            dups[i].copies.push(here());
                        }
                    }
                }
                Some(Class::Unexpected)
                    if unexpected.len() < want_unexpected && unexpected_seen.insert(h) =>
                {
                    unexpected.push(UnexpectedId {
                        id: display_id(id.bytes()),
                        first: here(),
                    });
                }
                _ => {}
            }
            let dups_done = dups.len() == want_dups
                && dups
                    .iter()
                    .all(|d| d.copies.len() >= (d.downstream_copies as usize).min(config.show));
            complete = dups_done && unexpected.len() == want_unexpected;
            if complete {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        })?;
        if complete {
            break;
        }
    }
    Ok((dups, unexpected))
}

/// The report as text: a totals table, the listed ids, and the verdict.
fn render(r: &VerifyReport) -> String {
    let t = &r.totals;
    let mut summary = output::table(&["verify", ""]);
    let id_from = match r.id.strip_prefix("field:") {
        Some(f) => format!("JSON field {f}"),
        None => "record key".into(),
    };
    let rows: Vec<(String, String)> = vec![
        ("input".into(), r.input_topic.clone()),
        ("output".into(), r.output_topic.clone()),
        (
            "dlq".into(),
            r.dlq_topic.clone().unwrap_or_else(|| "(none)".into()),
        ),
        ("id".into(), id_from),
        (
            "mode".into(),
            if r.exactly_once {
                "exactly-once (a duplicate fails)".into()
            } else {
                "at-least-once (duplicates reported)".into()
            },
        ),
        ("input records".into(), t.input_records.to_string()),
        (
            "input records without an id".into(),
            t.input_without_id.to_string(),
        ),
        ("distinct input ids".into(), t.distinct_ids.to_string()),
        ("output records".into(), t.output_records.to_string()),
        ("dlq records".into(), t.dlq_records.to_string()),
        (
            "downstream records without an id".into(),
            t.downstream_without_id.to_string(),
        ),
        ("lost ids".into(), t.lost.to_string()),
        (
            "duplicated ids (extra copies)".into(),
            format!("{} ({})", t.duplicated, t.extra_copies),
        ),
        (
            "unexpected ids (records)".into(),
            format!("{} ({})", t.unexpected, t.unexpected_records),
        ),
    ];
    for (k, v) in rows {
        summary.add_row(vec![k, v]);
    }
    let mut text = summary.to_string();
    if !r.lost.is_empty() {
        let mut lost = output::table(&["lost id", "in the input at"]);
        for l in &r.lost {
            lost.add_row(vec![l.id.clone(), l.input.to_string()]);
        }
        text.push_str(&format!(
            "\n\n{}{lost}",
            listed("lost ids", r.lost.len(), t.lost)
        ));
    }
    if !r.duplicated.is_empty() {
        let mut dups = output::table(&["duplicated id", "downstream", "in input", "copies at"]);
        for d in &r.duplicated {
            let mut at: Vec<String> = d.copies.iter().map(Location::to_string).collect();
            if (d.copies.len() as u32) < d.downstream_copies {
                at.push(format!(
                    "… {} more",
                    d.downstream_copies - d.copies.len() as u32
                ));
            }
            dups.add_row(vec![
                d.id.clone(),
                d.downstream_copies.to_string(),
                d.input_copies.to_string(),
                at.join(" "),
            ]);
        }
        text.push_str(&format!(
            "\n\n{}{dups}",
            listed("duplicated ids", r.duplicated.len(), t.duplicated)
        ));
    }
    if !r.unexpected.is_empty() {
        let mut un = output::table(&["unexpected id", "first at"]);
        for u in &r.unexpected {
            un.add_row(vec![u.id.clone(), u.first.to_string()]);
        }
        text.push_str(&format!(
            "\n\n{}{un}",
            listed("unexpected ids", r.unexpected.len(), t.unexpected)
        ));
    }
    text.push_str("\n\n");
    text.push_str(&verdict_line(r));
    text
}

/// "lost ids (20 of 312 listed; --show N for more):" or "lost ids (3):".
fn listed(what: &str, shown: usize, total: u64) -> String {
    if (shown as u64) < total {
        format!("{what} ({shown} of {total} listed; --show N for more):\n")
    } else {
        format!("{what} ({total}):\n")
    }
}

/// The one-line result.
fn verdict_line(r: &VerifyReport) -> String {
    let t = &r.totals;
    let mut notes = Vec::new();
    if t.input_without_id > 0 {
        notes.push(format!(
            "{} input records had no id and were not checked",
            t.input_without_id
        ));
    }
    let notes = if notes.is_empty() {
        String::new()
    } else {
        format!(" ({})", notes.join("; "))
    };
    match r.verdict {
        Verdict::Passed => format!(
            "PASSED: all {} input ids are downstream; {} duplicated{}{notes}",
            t.distinct_ids,
            t.duplicated,
            if r.exactly_once {
                ""
            } else {
                " (allowed at-least-once)"
            }
        ),
        Verdict::Lost => format!(
            "FAILED: {} of {} input ids lost; {} duplicated{notes}",
            t.lost, t.distinct_ids, t.duplicated
        ),
        Verdict::Duplicated => format!(
            "FAILED: {} ids duplicated under --exactly-once{notes}",
            t.duplicated
        ),
        Verdict::NoIds => format!(
            "FAILED: none of the {} input records has an id ({}): nothing was checked",
            t.input_records,
            if r.id == "key" {
                "no keys; use --id-field for an id in the value".to_string()
            } else {
                format!("no {} in a JSON value", r.id)
            }
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(extra: &[&str]) -> anyhow::Result<VerifyConfig> {
        use clap::Parser;
        let mut line = vec!["kmsg", "verify"];
        line.extend_from_slice(extra);
        let cli = crate::cli::Cli::try_parse_from(line).expect("parses");
        let crate::cli::Command::Verify(a) = cli.command else {
            panic!("not verify")
        };
        VerifyConfig::from_args(&a)
    }

    #[test]
    fn the_dlq_defaults_to_the_input_s_dlq_and_may_be_missing() {
        let c = args(&["--input", "in", "--output-topic", "out"]).unwrap();
        assert_eq!((c.dlq.as_str(), c.dlq_named), ("in.dlq", false));
        assert_eq!(c.id, IdSource::Key);
        let c = args(&[
            "-i",
            "in",
            "--output-topic",
            "out",
            "--dlq",
            "d",
            "--id-field",
            "a.b",
        ])
        .unwrap();
        assert_eq!((c.dlq.as_str(), c.dlq_named), ("d", true));
        assert_eq!(c.id, IdSource::Field("a.b".into()));
    }

    #[test]
    fn the_same_topic_twice_and_bad_names_are_usage_errors() {
        let code = |r: anyhow::Result<VerifyConfig>| {
            crate::error::exit_code(&r.unwrap_err(), crate::cmd::USAGE_ERRORS)
        };
        assert_eq!(code(args(&["-i", "a", "--output-topic", "a"])), 2);
        assert_eq!(
            code(args(&["-i", "a", "--output-topic", "b", "--dlq", "b"])),
            2
        );
        assert_eq!(
            code(args(&["-i", "a", "--output-topic", "b", "--dlq", "a"])),
            2
        );
        assert_eq!(code(args(&["-i", "a/b", "--output-topic", "b"])), 2);
        assert_eq!(
            code(args(&[
                "-i",
                "a",
                "--output-topic",
                "b",
                "--id-field",
                "x..y"
            ])),
            2
        );
        assert_eq!(
            code(args(&["-i", "a", "--output-topic", "b", "--id-field", " "])),
            2
        );
    }
}
