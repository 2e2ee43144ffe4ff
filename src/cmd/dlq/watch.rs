//! `kmsg dlq watch`: the long-running DLQ consumer service, a group member that logs every
//! dead letter, counts it in `kafka_dlq_*` metrics and commits after it was logged.

use std::collections::BTreeMap;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use anyhow::anyhow;
use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::Message;
use serde::Serialize;

use super::common::dlq_topic;
use crate::cli::{DlqWatchArgs, OutputFormat};
use crate::cmd::context::Context;
use crate::error::usage;
use crate::kafka::admin::Admin;
use crate::output;
use crate::pipeline::dead_letter::describe;

#[derive(Debug, Default, Serialize)]
struct WatchSummary {
    group: String,
    seen: u64,
    by_reason: BTreeMap<String, u64>,
    by_original_topic: BTreeMap<String, u64>,
}

/// The original DLQ consumer service: logs every dead letter (structured, on stderr; use
/// `--log-format json` for machines), counts it in `kafka_dlq_*` metrics, and commits after
/// it was logged.
pub(super) async fn run(args: DlqWatchArgs, ctx: &Context) -> anyhow::Result<ExitCode> {
    let topic = dlq_topic(&args.dlq)?;
    if args.idle_timeout.is_some_and(|d| d.is_zero()) {
        return Err(usage("--idle-timeout must be above 0"));
    }
    let admin = Admin::connect(&ctx.settings).await?;
    admin.topic(&topic).await?;
    drop(admin);
    let metrics = Arc::new(crate::metrics::DlqMetrics::new());
    // The topic kmsg dead-letters `T`'s records to is `T.dlq`: its counters exist from the start.
    if let Some(original) = topic.strip_suffix(".dlq").filter(|t| !t.is_empty()) {
        metrics.expose(original, &crate::consumer::DLQ_REASONS);
    }
    if let Some(addr) = args.metrics_addr {
        crate::metrics::serve(addr, metrics.clone()).await?;
    }
    let cfg = ctx.settings.dlq_watch_config(&args.group)?;
    let consumer: BaseConsumer<crate::kafka::context::KmsgContext> = cfg
        .create_with_context(crate::kafka::context::KmsgContext::default())
        .map_err(|e| anyhow!("cannot create the watcher: {e}"))?;
    consumer
        .subscribe(&[&topic])
        .map_err(|e| anyhow!("cannot subscribe to {topic}: {e}"))?;
    let stop = Arc::new(AtomicBool::new(false));
    let s = stop.clone();
    let signals = tokio::spawn(async move {
        crate::signals::wait_for_stop().await;
        s.store(true, Ordering::Relaxed);
    });
    let idle = args.idle_timeout;
    let group = args.group.clone();
    let m = metrics.clone();
    let summary = tokio::task::spawn_blocking(move || -> anyhow::Result<WatchSummary> {
        let mut summary = WatchSummary {
            group,
            ..WatchSummary::default()
        };
        let mut last = std::time::Instant::now();
        while !stop.load(Ordering::Relaxed) && idle.is_none_or(|d| last.elapsed() < d) {
            m.set_ready(
                consumer
                    .assignment()
                    .map(|a| a.count() > 0)
                    .unwrap_or(false),
            );
            let msg = match consumer.poll(Duration::from_millis(200)) {
                None => continue,
                Some(Err(e)) => {
                    tracing::warn!("reading {topic}: {e}");
                    continue;
                }
                Some(Ok(msg)) => msg,
            };
            last = std::time::Instant::now();
            let info = describe(&crate::kafka::producer::record_headers(&msg.detach()));
            let origin = info
                .original_topic
                .clone()
                .unwrap_or_else(|| "(unknown)".into());
            let reason = info.class.clone().unwrap_or_else(|| "(none)".into());
            m.seen(
                &origin,
                &reason,
                info.stage.as_deref().unwrap_or(""),
                msg.partition(),
                msg.offset(),
                msg.timestamp().to_millis(),
                info.message.as_deref().unwrap_or(""),
            );
            summary.seen += 1;
            *summary.by_reason.entry(reason).or_default() += 1;
            *summary.by_original_topic.entry(origin).or_default() += 1;
            // Committed (by the auto-commit timer and at close) only once it was logged.
            consumer
                .store_offset_from_message(&msg)
                .map_err(|e| anyhow!("cannot store the watcher's position: {e}"))?;
        }
        consumer
            .commit_consumer_state(rdkafka::consumer::CommitMode::Sync)
            .or_else(|e| match e {
                rdkafka::error::KafkaError::ConsumerCommit(
                    rdkafka::types::RDKafkaErrorCode::NoOffset,
                ) => Ok(()),
                e => Err(e),
            })
            .map_err(|e| anyhow!("cannot commit the watcher's position: {e}"))?;
        Ok(summary)
    })
    .await
    .map_err(|e| anyhow!("the watcher thread failed: {e}"))??;
    signals.abort();
    if ctx.output == OutputFormat::Json {
        output::print_json(&summary)?;
    } else {
        let reasons: Vec<String> = summary
            .by_reason
            .iter()
            .map(|(r, n)| format!("{r}: {n}"))
            .collect();
        output::print_text(&format!(
            "{} dead letter(s) seen ({})",
            summary.seen,
            reasons.join(", ")
        ))?;
    }
    Ok(ExitCode::SUCCESS)
}
