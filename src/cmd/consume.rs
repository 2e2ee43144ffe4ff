//! `kmsg consume --group G`: the command-line side of one member of the pipeline's consumer
//! group. The work is the consumer engine's (`crate::consumer`); this file turns the args
//! into its checked config, runs it, prints the summary and gives the exit code.

use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use anyhow::anyhow;

use super::context::Context;
use crate::cli::{ConsumeArgs, OutputFormat};
use crate::consumer::{self, ConsumerOptions, Summary};
use crate::metrics::ConsumerMetrics;
use crate::output;

pub async fn run(args: ConsumeArgs, ctx: &Context) -> anyhow::Result<ExitCode> {
    let metrics = Arc::new(ConsumerMetrics::new());
    let stop = Arc::new(AtomicBool::new(false));
    let s = stop.clone();
    let bound = args.shutdown_timeout;
    // SIGTERM and SIGINT stop the member the same way; the stop must be over within
    // --shutdown-timeout (the member keeps to it; this is the backstop for a step that
    // hangs, e.g. a coordinator that does not answer the final commit).
    let signals = tokio::spawn(async move {
        crate::signals::wait_for_stop().await;
        tracing::info!("stopping: finishing in-flight messages, committing, leaving the group");
        s.store(true, Ordering::Relaxed);
        tokio::time::sleep(bound + SHUTDOWN_SLACK).await;
    });
    let summary = tokio::select! {
        summary = run_with(args, ctx, metrics, stop) => summary,
        _ = watchdog(signals) => {
            return Err(anyhow!(
                "the member did not stop within --shutdown-timeout {}; exiting without a final commit (what was not committed is consumed again)",
                humantime::format_duration(bound)
            ))
        }
    };
    let summary = summary?;
    print_summary(&summary, ctx.output)?;
    if summary.shutdown_timed_out {
        return Err(anyhow!(
            "{} messages had no durable outcome within --shutdown-timeout {}: they were not committed and will be consumed again; raise --shutdown-timeout (below the pod's terminationGracePeriodSeconds)",
            summary.not_finished_at_exit,
            humantime::format_duration(bound)
        ));
    }
    if summary.not_finished_at_exit > 0 {
        tracing::warn!(
            "{} messages held back (retry backoff, open breaker, waiting lane) were given up at the stop; they were not committed and will be consumed again",
            summary.not_finished_at_exit
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// How long past --shutdown-timeout the backstop waits for the member to end by itself.
const SHUTDOWN_SLACK: Duration = Duration::from_secs(1);

/// Resolves when the signal task's backstop expired; never when the task was not started
/// by a signal (it is aborted when the member ends).
async fn watchdog(signals: tokio::task::JoinHandle<()>) {
    let abort = signals.abort_handle();
    struct AbortOnDrop(tokio::task::AbortHandle);
    impl Drop for AbortOnDrop {
        fn drop(&mut self) {
            self.0.abort();
        }
    }
    let _guard = AbortOnDrop(abort);
    if signals.await.is_err() {
        std::future::pending::<()>().await;
    }
}

/// Checks the args into a [`ConsumerConfig`] and runs one member until `stop` (or its own
/// stop conditions). (`demo` and `breaker-test` build their `ConsumerConfig` directly.)
async fn run_with(
    args: ConsumeArgs,
    ctx: &Context,
    metrics: Arc<ConsumerMetrics>,
    stop: Arc<AtomicBool>,
) -> anyhow::Result<Summary> {
    let mut options = ConsumerOptions::from(&args);
    options.schema_registry = ctx.registry.clone();
    let config = options.build(&ctx.settings)?;
    if config.topic_is_default {
        // Reading a shared default topic (and writing to its shared DLQ) must never happen
        // unnoticed: say so before connecting.
        eprintln!(
            "kmsg: note: no --topic (or INPUT_TOPIC) given: consuming the default topic {} and dead-lettering to {}",
            config.topic, config.dlq_topic
        );
    }
    consumer::run(config, &ctx.settings, metrics, stop).await
}

fn print_summary(s: &Summary, format: OutputFormat) -> std::io::Result<()> {
    if format == OutputFormat::Json {
        return output::print_json(s);
    }
    let mut t = output::table(&["consume summary", ""]);
    let mut row = |k: &str, v: String| {
        t.add_row(vec![k.to_string(), v]);
    };
    row("group / instance", format!("{} / {}", s.group, s.instance));
    row(
        "topic",
        if s.topic_is_default {
            format!("{} (the default: no --topic given)", s.topic)
        } else {
            s.topic.clone()
        },
    );
    row("consumed", s.consumed.to_string());
    row("forwarded", s.forwarded.to_string());
    if s.processed_without_output > 0 {
        row(
            "processed (no output topic)",
            s.processed_without_output.to_string(),
        );
    }
    row("dead-lettered", s.dead_lettered_total.to_string());
    for (reason, n) in &s.dead_lettered {
        row("  by reason", format!("{reason}: {n}"));
    }
    row("retries", s.retries.to_string());
    if let Some(r) = &s.registry {
        for (subject, n) in &r.decoded {
            row("decoded (registry)", format!("{subject}: {n}"));
        }
        for (subject, reasons) in &r.decode_failures {
            for (reason, n) in reasons {
                row("not decodable", format!("{subject}: {reason}: {n}"));
            }
        }
        if r.held_for_registry > 0 {
            row("held for the registry", r.held_for_registry.to_string());
        }
    }
    for (kind, n) in &s.errors {
        row("errors", format!("{kind}: {n}"));
    }
    if s.not_finished_at_exit > 0 {
        row(
            "not finished (will be re-consumed)",
            s.not_finished_at_exit.to_string(),
        );
    }
    if s.shutdown_timed_out {
        row(
            "stop",
            "ran out of --shutdown-timeout with work on its way".to_string(),
        );
    }
    if s.dropped_on_revoke > 0 {
        row(
            "dropped on revoke (new owner consumes)",
            s.dropped_on_revoke.to_string(),
        );
    }
    row("duration", format!("{:.2} s", s.duration_secs));
    row(
        "throughput",
        format!(
            "{:.1} msgs/s over {:.2} s from the first message to the last",
            s.msgs_per_sec, s.active_secs
        ),
    );
    row("stopped by", s.stopped_by.to_string());
    output::print_text(&t.to_string())
}
