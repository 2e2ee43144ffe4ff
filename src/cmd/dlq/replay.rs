//! `kmsg dlq replay`: re-sends selected dead letters to their original topic (or `--to`).
//!
//! It works on a snapshot: each partition's end offset taken at its start, so the dead
//! letters its own records may cause meanwhile are never re-sent by the same run;
//! `pipeline::replay::plan` decides every record of the snapshot, and the dry run prints
//! that plan while the real run carries it out. It commits its own group's progress, each
//! record only after its re-sent copy was acknowledged, so an interrupted replay resumes
//! without re-sending.

use std::collections::BTreeMap;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::anyhow;
use rdkafka::consumer::{BaseConsumer, CommitMode, Consumer};
use rdkafka::message::OwnedMessage;
use rdkafka::producer::{FutureProducer, FutureRecord};
use rdkafka::Message;
use serde::Serialize;

use super::common::dlq_topic;
use crate::cli::{DlqReplayArgs, OutputFormat};
use crate::cmd::context::Context;
use crate::error::usage;
use crate::kafka::admin::Admin;
use crate::kafka::context::KmsgContext;
use crate::kafka::producer::owned_headers;
use crate::output;
use crate::pipeline::dead_letter::describe;
use crate::pipeline::replay::{plan, replay_headers, Letter, PlanError, Planned, ReplaySelection};

#[derive(Debug, Default, Serialize)]
struct ReplaySummary {
    dry_run: bool,
    group: String,
    replayed: u64,
    refused_max_replays: u64,
    skipped_by_filter: u64,
    /// Before the group's committed progress: handled by an earlier run of the same replay.
    already_done: u64,
    by_target: BTreeMap<String, u64>,
    /// Each partition's end offset when the replay started; it reads nothing at or past it.
    end_offsets: BTreeMap<i32, i64>,
    /// Stopped by Ctrl-C/SIGTERM before the plan was carried out.
    interrupted: bool,
    /// What was (dry run: would be) done with each selected dead letter, in order.
    records: Vec<Planned>,
}

impl ReplaySummary {
    /// Counts one record of the plan as done.
    fn count(&mut self, r: &Planned) {
        match &r.to {
            Some(to) => {
                self.replayed += 1;
                *self.by_target.entry(to.clone()).or_default() += 1;
            }
            None => self.refused_max_replays += 1,
        }
        self.records.push(r.clone());
    }
}

type ReplayConsumer = BaseConsumer<KmsgContext>;

/// Reads the DLQ as it was when the replay started: each partition from `low` up to the
/// `end` it had then, never past it, so dead letters written while the replay runs (its own
/// records failing again in live consumers, say) wait for a later run instead of being
/// re-sent by this one. `None` when stopped by a signal.
fn read_snapshot(
    consumer: &ReplayConsumer,
    topic: &str,
    ranges: &BTreeMap<i32, (i64, i64)>,
    stop: &AtomicBool,
) -> anyhow::Result<Option<Vec<OwnedMessage>>> {
    let mut tpl = rdkafka::TopicPartitionList::new();
    let mut pending = std::collections::BTreeSet::new();
    for (&p, &(low, end)) in ranges {
        if low < end {
            tpl.add_partition_offset(topic, p, rdkafka::Offset::Offset(low))?;
            pending.insert(p);
        }
    }
    consumer
        .assign(&tpl)
        .map_err(|e| anyhow!("cannot assign the partitions of {topic}: {e}"))?;
    let mut out = Vec::new();
    while !pending.is_empty() {
        if stop.load(Ordering::Relaxed) {
            return Ok(None);
        }
        match consumer.poll(Duration::from_millis(200)) {
            None => {}
            // At the end of a partition everything below the end it had is read (with
            // read_committed, an open transaction's records are left for a later run).
            Some(Err(rdkafka::error::KafkaError::PartitionEOF(p))) => {
                pending.remove(&p);
            }
            Some(Err(e)) => return Err(anyhow!("reading {topic}: {e}")),
            Some(Ok(m)) => {
                let p = m.partition();
                let end = ranges.get(&p).map_or(0, |r| r.1);
                if !pending.contains(&p) || m.offset() >= end {
                    pending.remove(&p);
                    continue;
                }
                if m.offset() + 1 >= end {
                    pending.remove(&p);
                }
                out.push(m.detach());
            }
        }
    }
    Ok(Some(out))
}

pub(super) async fn run(args: DlqReplayArgs, ctx: &Context) -> anyhow::Result<ExitCode> {
    let topic = dlq_topic(&args.dlq)?;
    if let Some(to) = &args.to {
        crate::cmd::topics::validate_topic_name(to).map_err(usage)?;
    }
    let group = args.group.clone().unwrap_or_else(|| {
        format!(
            "kmsg-dlq-replay.{topic}.{}.{}.{}",
            args.reason.as_deref().unwrap_or("all"),
            args.original_topic.as_deref().unwrap_or("any"),
            args.to.as_deref().unwrap_or("original")
        )
    });
    let admin = Admin::connect(&ctx.settings).await?;
    let info = admin.topic(&topic).await?;
    if let Some(to) = &args.to {
        admin.topic(to).await?;
    }
    let partitions: Vec<i32> = info.partitions.iter().map(|p| p.partition).collect();

    // The dry run and the real run share everything up to carrying the plan out: the same
    // reader in the same group, the same snapshot, the same plan.
    let consumer_cfg = ctx.settings.group_reader_config(&group);
    let consumer: ReplayConsumer = consumer_cfg
        .create_with_context(KmsgContext::default())
        .map_err(|e| anyhow!("cannot create the replay reader: {e}"))?;
    // Resume where this replay group left off; a new group starts at the beginning. The end
    // offsets are taken now, once: the replay works on the DLQ as it is at its start.
    let mut tpl = rdkafka::TopicPartitionList::new();
    for p in &partitions {
        tpl.add_partition(&topic, *p);
    }
    let timeout = ctx.settings.timeout;
    let (ranges, resume) = tokio::task::block_in_place(|| -> anyhow::Result<_> {
        let committed = consumer
            .committed_offsets(tpl, timeout)
            .map_err(|e| anyhow!("cannot read the replay group's progress: {e}"))?;
        let mut ranges = BTreeMap::new();
        let mut resume = BTreeMap::new();
        for e in committed.elements() {
            let (low, end) =
                crate::kafka::reader::watermarks(&consumer, &topic, e.partition(), timeout)
                    .map_err(|err| anyhow!("cannot read the offsets of {topic}: {err}"))?;
            let from = match e.offset() {
                rdkafka::Offset::Offset(o) => o.max(low),
                _ => low,
            };
            ranges.insert(e.partition(), (low, end));
            resume.insert(e.partition(), from);
        }
        Ok((ranges, resume))
    })?;

    let stop = std::sync::Arc::new(AtomicBool::new(false));
    let s = stop.clone();
    let signals = tokio::spawn(async move {
        crate::signals::wait_for_stop().await;
        s.store(true, Ordering::Relaxed);
    });
    let mut summary = ReplaySummary {
        dry_run: args.dry_run,
        group: group.clone(),
        end_offsets: ranges.iter().map(|(p, r)| (*p, r.1)).collect(),
        ..ReplaySummary::default()
    };
    let snapshot =
        match tokio::task::block_in_place(|| read_snapshot(&consumer, &topic, &ranges, &stop))? {
            Some(records) => records,
            None => {
                signals.abort();
                summary.interrupted = true;
                return print_replay(&summary, ctx.output);
            }
        };
    let letters: Vec<Letter> = snapshot
        .iter()
        .map(|m| Letter {
            partition: m.partition(),
            offset: m.offset(),
            info: describe(&crate::kafka::producer::record_headers(m)),
            done: m.offset() < resume.get(&m.partition()).copied().unwrap_or(0),
        })
        .collect();
    let plan = match plan(letters, &ReplaySelection::from(&args)) {
        Ok(plan) => plan,
        Err(PlanError::NothingMatched(e)) => {
            signals.abort();
            return Err(crate::error::CheckFailed(format!(
                "no dead letter in {topic} has {e}; nothing was replayed"
            ))
            .into());
        }
        Err(PlanError::NoTarget(e)) => {
            signals.abort();
            return Err(usage(format!("{e}; nothing was replayed")));
        }
    };
    summary.skipped_by_filter = plan.skipped_by_filter;
    summary.already_done = plan.already_done;
    let targets: std::collections::BTreeSet<&String> =
        plan.records.iter().filter_map(|r| r.to.as_ref()).collect();
    for to in targets {
        if let Err(e) = admin.topic(to).await {
            signals.abort();
            return Err(anyhow!(
                "cannot replay to {to}: {e:#}; nothing was replayed"
            ));
        }
    }

    if args.dry_run {
        signals.abort();
        for r in &plan.records {
            summary.count(r);
        }
        return print_replay(&summary, ctx.output);
    }

    if plan.records.iter().any(|r| r.to.is_some()) {
        tracing::warn!(
            "replay re-sends records after newer ones: per-key order on the target topic changes"
        );
    }
    let producer: FutureProducer = ctx
        .settings
        .producer_config()
        .create()
        .map_err(|e| anyhow!("cannot create the replay producer: {e}"))?;
    let mut to_send: BTreeMap<(i32, i64), OwnedMessage> = snapshot
        .into_iter()
        .map(|m| ((m.partition(), m.offset()), m))
        .collect();
    let commit = |tpl: &rdkafka::TopicPartitionList| {
        tokio::task::block_in_place(|| consumer.commit(tpl, CommitMode::Sync))
            .map_err(|e| anyhow!("cannot commit replay progress: {e}"))
    };
    let result: anyhow::Result<()> = async {
        for r in &plan.records {
            if stop.load(Ordering::Relaxed) {
                summary.interrupted = true;
                return Ok(());
            }
            let m = to_send
                .remove(&(r.partition, r.offset))
                .ok_or_else(|| anyhow!("record {}:{} vanished from the snapshot", r.partition, r.offset))?;
            match &r.to {
                None => tracing::warn!(partition = r.partition, offset = r.offset, "refused: replayed {} times already (--max-replays)", r.replay_count),
                Some(to) => {
                    let headers = replay_headers(&crate::kafka::producer::record_headers(&m), r.replay_count);
                    let mut record: FutureRecord<'_, [u8], [u8]> = FutureRecord::to(to);
                    if let Some(owned) = owned_headers(&headers) {
                        record = record.headers(owned);
                    }
                    if let Some(k) = m.key() {
                        record = record.key(k);
                    }
                    if let Some(v) = m.payload() {
                        record = record.payload(v);
                    }
                    producer
                        .send(record, ctx.settings.timeout)
                        .await
                        .map_err(|(e, _)| anyhow!("replaying {}:{} to {to} failed: {e}; stopped, earlier records are replayed and committed", r.partition, r.offset))?;
                }
            }
            summary.count(r);
            // Progress is committed only after the record's delivery (or refusal).
            let mut done = rdkafka::TopicPartitionList::new();
            done.add_partition_offset(&topic, r.partition, rdkafka::Offset::Offset(r.offset + 1))?;
            commit(&done)?;
        }
        // The rest of the snapshot (filtered out, or after the last selected record) is done.
        let mut rest = rdkafka::TopicPartitionList::new();
        for (p, (_, end)) in &ranges {
            if resume.get(p).is_some_and(|from| from < end) {
                rest.add_partition_offset(&topic, *p, rdkafka::Offset::Offset(*end))?;
            }
        }
        if rest.count() > 0 {
            commit(&rest)?;
        }
        Ok(())
    }
    .await;
    signals.abort();
    print_replay(&summary, ctx.output)?;
    result?;
    Ok(ExitCode::SUCCESS)
}

fn print_replay(s: &ReplaySummary, format: OutputFormat) -> anyhow::Result<ExitCode> {
    if format == OutputFormat::Json {
        output::print_json(s)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut text = String::new();
    if s.dry_run && !s.records.is_empty() {
        let mut t = output::table(&["dlq p:offset", "error class", "decision"]);
        for r in &s.records {
            t.add_row(vec![
                format!("{}:{}", r.partition, r.offset),
                r.class.clone().unwrap_or_default(),
                match &r.to {
                    Some(to) => format!("would replay to {to}"),
                    None => format!("refused: replayed {} times already", r.replay_count),
                },
            ]);
        }
        text.push_str(&format!("{t}\n"));
    }
    let targets: Vec<String> = s
        .by_target
        .iter()
        .map(|(t, n)| format!("{t}: {n}"))
        .collect();
    text.push_str(&format!(
        "{}{} replayed ({}), {} refused (max replays), {} skipped by filter, {} done by an earlier run; progress group {}{}",
        if s.dry_run { "dry run: " } else { "" },
        s.replayed,
        targets.join(", "),
        s.refused_max_replays,
        s.skipped_by_filter,
        s.already_done,
        s.group,
        if s.interrupted { "; interrupted, run it again to go on" } else { "" }
    ));
    output::print_text(&text)?;
    Ok(ExitCode::SUCCESS)
}
