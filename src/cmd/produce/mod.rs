//! `kmsg produce`: generated, piped or single messages at a precise rate, pipelined with
//! acks=all and idempotence, a live progress display and a run summary.
//!
//! Flags become a `ProducePlan` (validated before connecting); the send loop runs on a
//! blocking thread so pacing and a full queue never stall the async runtime; piped input is
//! read on a thread of its own so Ctrl-C works even while stdin is silent. After the last
//! message, a Ctrl-C or SIGTERM, the producer waits for outstanding acknowledgements (up to
//! `--flush-timeout`; a second Ctrl-C stops waiting) and reports; a run stopped that way
//! before its end exits 130. With `--metrics-addr` it serves `kafka_producer_*` metrics
//! (`crate::metrics::ProducerMetrics`) meanwhile.
//!
//! With `--value-schema` / `--key-schema` each key and value is encoded into the schema
//! registry's wire format before it is sent (`encode`); a message that does not fit is bad
//! input, like a line that is not JSON.
//!
//! Files: this one runs the send loop and the command; `plan` checks the flags, `input`
//! runs the source and parses input lines, `encode` encodes through the registry, `summary`
//! times the run and prints its summary.

mod encode;
mod input;
mod plan;
mod summary;

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::anyhow;
use indicatif::{ProgressBar, ProgressStyle};

use crate::cli::{OnInvalid, OutputFormat, ProduceArgs};
use crate::cmd::context::Context;
use crate::error::{usage, EXIT_INTERRUPTED};
use crate::kafka::admin::Admin;
use crate::kafka::producer::{PipelinedProducer, SendError};
use crate::metrics::ProducerMetrics;
use crate::output;
use crate::pipeline::rate::Pacer;
use crate::pipeline::validate::SchemaValidator;

use self::encode::{count_reason, verdict, Encoder, Origin, Refusal, Verdict};
use self::input::{Next, Source};
use self::plan::{ProducePlan, SourcePlan};
use self::summary::{kept_pace, print_summary, Latency, SendTiming, Summary};

/// How many reasons of rejected messages the summary keeps.
const MAX_REASONS: usize = 5;
/// Messages sent per loop turn when the rate is unlimited.
const UNPACED_CHUNK: u32 = 512;

/// Sends everything the plan says; blocking.
fn work(
    plan: ProducePlan,
    encoder: Encoder,
    producer: PipelinedProducer,
    metrics: Option<Arc<ProducerMetrics>>,
    stop: Arc<AtomicBool>,
    hard_stop: Arc<AtomicBool>,
) -> anyhow::Result<(Summary, Option<(i32, i64)>)> {
    if let Some(m) = &metrics {
        m.set_ready(true);
    }
    let topic = producer
        .topic(&plan.topic)
        .map_err(|e| anyhow!("cannot send to {}: {e}", plan.topic))?;
    let mut source = Source::start(&plan.source)?;
    let pacer = plan.rate.map(Pacer::new).transpose().map_err(usage)?;
    let bar = plan.progress.then(|| progress_bar(plan.count));

    let start = Instant::now();
    let deadline = plan.duration.map(|d| start + d);
    // The figures are timed from the first send: creating the source, the pacer and (before
    // this) the producer's connections and producer id are set-up, not sending.
    let mut timing = SendTiming::default();
    let stopped = || stop.load(Ordering::Relaxed);
    let mut sent = 0u64;
    let mut rejected = 0u64;
    let mut rejected_reasons = Vec::new();
    let mut skipped = 0u64;
    let mut skipped_reasons = Vec::new();
    let mut skipped_invalid = 0u64;
    let mut skipped_invalid_reasons = BTreeMap::new();
    let mut generated_invalid: BTreeMap<&'static str, u64> = BTreeMap::new();
    // Messages taken from the source, to name a generated one.
    let mut taken = 0u64;
    let mut aborted = None;
    let mut last_draw = Instant::now();
    let stopped_by;

    'outer: loop {
        if stopped() {
            stopped_by = "signal";
            break;
        }
        if plan
            .count
            .is_some_and(|c| sent + rejected + skipped_invalid >= c)
        {
            stopped_by = "count";
            break;
        }
        if deadline.is_some_and(|d| Instant::now() >= d) {
            stopped_by = "duration";
            break;
        }
        let grant: u32 = match &pacer {
            None => UNPACED_CHUNK,
            Some(p) => match p.poll() {
                Ok(n) => n,
                Err(wait) => {
                    std::thread::sleep(wait.min(Duration::from_millis(20)));
                    continue;
                }
            },
        };
        // One clock read per grant, not per message: a paced grant is due at one instant, an
        // unpaced one is a chunk sent within a millisecond or so.
        let granted_at = Instant::now();
        for _ in 0..grant {
            if plan
                .count
                .is_some_and(|c| sent + rejected + skipped_invalid >= c)
            {
                continue 'outer;
            }
            match source.next() {
                Next::End => {
                    stopped_by = "end of input";
                    break 'outer;
                }
                Next::Wait => continue 'outer,
                Next::Bad { line, reason } => match plan.on_invalid {
                    OnInvalid::Abort => {
                        aborted = Some(format!(
                            "line {line}: {reason} (nothing after it was sent; --on-invalid skip skips such lines)"
                        ));
                        stopped_by = "bad input";
                        break 'outer;
                    }
                    OnInvalid::Skip => {
                        skipped += 1;
                        if skipped_reasons.len() < MAX_REASONS {
                            skipped_reasons.push(format!("line {line}: {reason}"));
                        }
                    }
                },
                Next::Message(mut parsed, invalid, line) => {
                    taken += 1;
                    if let (None, Some(schema)) = (invalid, &plan.schema) {
                        let problem = match &parsed.value_registered {
                            Some(r) => json_problem(schema, &r.json),
                            None => schema_problem(schema, parsed.msg.value.as_deref()),
                        };
                        if let Some(reason) = problem {
                            rejected += 1;
                            if rejected_reasons.len() < MAX_REASONS {
                                let at = if line > 0 {
                                    format!("line {line}: ")
                                } else {
                                    String::new()
                                };
                                rejected_reasons.push(format!("{at}{reason}"));
                            }
                            continue;
                        }
                    }
                    match encoder.encode(&mut parsed) {
                        Ok(()) => {}
                        Err(Refusal::Registry(e)) => {
                            aborted = Some(format!("{e:#}"));
                            stopped_by = "registry error";
                            break 'outer;
                        }
                        Err(Refusal::Misfit(reason)) => {
                            let origin = match plan.source {
                                SourcePlan::Generate { .. } => Origin::Generated {
                                    number: taken,
                                    kind: invalid,
                                },
                                SourcePlan::Single(_) => Origin::Single,
                                SourcePlan::Lines { .. } => Origin::Line(line),
                            };
                            match verdict(plan.on_invalid, origin, &reason) {
                                Verdict::Skip(why) => {
                                    skipped_invalid += 1;
                                    count_reason(&mut skipped_invalid_reasons, why);
                                    continue;
                                }
                                // One message given by flag: nothing was sent, a usage error.
                                Verdict::Stop(text) if origin == Origin::Single => {
                                    return Err(usage(text));
                                }
                                Verdict::Stop(text) => {
                                    aborted = Some(text);
                                    stopped_by = "bad input";
                                    break 'outer;
                                }
                            }
                        }
                    }
                    if let Some(kind) = invalid {
                        *generated_invalid.entry(kind.as_str()).or_default() += 1;
                    }
                    let mut msg = parsed.msg;
                    msg.headers.extend(plan.headers.iter().cloned());
                    if plan.partition.is_some() {
                        msg.partition = plan.partition;
                    }
                    // Unpaced, a grant is only a chunk of the loop, not a burst at one instant.
                    let burst = if pacer.is_some() { grant } else { 1 };
                    timing.sending(sent, burst, granted_at);
                    match producer.send(&topic, &msg, &stopped) {
                        Ok(()) | Err(SendError::Rejected(_)) => sent += 1,
                        Err(SendError::Stopped) => {
                            stopped_by = "signal";
                            break 'outer;
                        }
                    }
                }
            }
        }
        if let Some(bar) = &bar {
            if last_draw.elapsed() >= Duration::from_millis(200) {
                draw(bar, sent, producer.stats(), timing.first.unwrap_or(start));
                last_draw = Instant::now();
            }
        }
    }

    let left = producer.flush(plan.flush_timeout, &|| hard_stop.load(Ordering::Relaxed));
    drop(topic);
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    if let Some(m) = &metrics {
        if left > 0 {
            m.failed("flush_timeout", left as u64);
        }
        m.set_ready(false);
    }
    let stats = producer.stats();
    let mut failures = stats.failures();
    if left > 0 {
        *failures
            .entry("not acknowledged before --flush-timeout ended".to_string())
            .or_default() += left as u64;
    }
    let acked = stats.acked.load(Ordering::Relaxed);
    let elapsed = timing
        .first
        .map_or(Duration::ZERO, |first| first.elapsed())
        .as_secs_f64()
        .max(1e-6);
    let send_rate = timing.rate();
    let kept_up = kept_pace(plan.rate, stopped_by, send_rate);
    let seed = match &plan.source {
        SourcePlan::Generate { seed, .. } => Some(*seed),
        _ => None,
    };
    let summary = Summary {
        topic: plan.topic.clone(),
        sent,
        acknowledged: acked,
        failed: stats.failed.load(Ordering::Relaxed) + left.max(0) as u64,
        failures,
        not_acknowledged_at_exit: left.max(0) as u64,
        rejected_by_schema: rejected,
        rejected_reasons,
        skipped_lines: skipped,
        skipped_reasons,
        skipped_invalid,
        skipped_invalid_reasons,
        value_schema: encoder.value_schema(),
        key_schema: encoder.key_schema(),
        generated_invalid,
        seed,
        duration_secs: elapsed,
        msgs_per_sec: acked as f64 / elapsed,
        mb_per_sec: stats.bytes_acked.load(Ordering::Relaxed) as f64 / elapsed / 1_000_000.0,
        target_rate: plan.rate,
        send_rate,
        kept_up,
        latency: stats.latency_ms().map(|[p50, p95, p99, max]| Latency {
            p50_ms: p50,
            p95_ms: p95,
            p99_ms: p99,
            max_ms: max,
        }),
        partitions: stats.partitions(),
        stopped_by,
        aborted,
    };
    Ok((summary, stats.last_delivered()))
}

/// Why a message does not pass the schema, if it does not.
fn schema_problem(schema: &SchemaValidator, value: Option<&[u8]>) -> Option<String> {
    let Some(bytes) = value else {
        return Some("null value".into());
    };
    match serde_json::from_slice::<serde_json::Value>(bytes) {
        Err(e) => Some(format!("not JSON: {e}")),
        Ok(v) => json_problem(schema, &v),
    }
}

/// Why a JSON value does not pass the schema, if it does not.
fn json_problem(schema: &SchemaValidator, value: &serde_json::Value) -> Option<String> {
    let violations = schema.violations(value);
    violations.first().map(|first| {
        let more = violations.len() - 1;
        if more > 0 {
            format!("{} (+{more} more)", first.summary())
        } else {
            first.summary()
        }
    })
}

fn progress_bar(count: Option<u64>) -> ProgressBar {
    let bar = match count {
        Some(n) => ProgressBar::new(n).with_style(
            ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}")
                .expect("template")
                .progress_chars("=> "),
        ),
        None => ProgressBar::new_spinner()
            .with_style(ProgressStyle::with_template("{spinner} {msg}").expect("template")),
    };
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}

fn draw(
    bar: &ProgressBar,
    sent: u64,
    stats: &crate::kafka::producer::DeliveryStats,
    start: Instant,
) {
    let acked = stats.acked.load(Ordering::Relaxed);
    let failed = stats.failed.load(Ordering::Relaxed);
    let rate = acked as f64 / start.elapsed().as_secs_f64().max(1e-6);
    bar.set_position(sent);
    bar.set_message(format!(
        "sent {sent}  acked {acked}  failed {failed}  {rate:.0} msg/s"
    ));
}

pub async fn run(args: ProduceArgs, ctx: &Context) -> anyhow::Result<ExitCode> {
    let plan = ProducePlan::from_args(&args, ctx, std::io::stdin().is_terminal())?;
    // The subjects are resolved (and their schemas compiled) before anything is sent.
    let encoder = Encoder::start(
        plan.registry.clone(),
        plan.value_schema.as_ref(),
        plan.key_schema.as_ref(),
    )
    .await?;
    let metrics = match plan.metrics_addr {
        Some(addr) => {
            let m = Arc::new(ProducerMetrics::new(&plan.topic));
            m.expose_failures(&crate::kafka::producer::common_failure_labels());
            crate::metrics::serve(addr, m.clone()).await?;
            Some(m)
        }
        None => None,
    };
    // Created before the topic check so that its connections and producer id (idempotence)
    // are being set up meanwhile, not after it.
    let producer = PipelinedProducer::with_metrics(&plan.producer, metrics.clone())
        .map_err(|e| anyhow!("cannot create the producer: {e}"))?;
    producer.connect_early(ctx.settings.timeout);

    // Fail fast, with a clear message, on a missing topic or partition.
    let admin = Admin::connect(&ctx.settings).await?;
    let topic = admin.topic(&plan.topic).await?;
    if let Some(p) = plan.partition {
        if p < 0 || p as usize >= topic.partitions.len() {
            return Err(usage(format!(
                "--partition {p} does not exist: {} has partitions 0 to {}",
                plan.topic,
                topic.partitions.len() - 1
            )));
        }
    }
    // Dropping the admin client waits for its polling thread (up to 100 ms) and destroys
    // two librdkafka clients: not on the way to the first message.
    std::thread::spawn(move || drop(admin));

    let linger = plan.metrics_linger;
    let single = matches!(plan.source, SourcePlan::Single(_));
    // A run with an end of its own (a count, a duration, an input that ends) that a signal
    // stops before it is interrupted (exit 130); an endless generator ends that way.
    let has_end = plan.count.is_some()
        || plan.duration.is_some()
        || !matches!(plan.source, SourcePlan::Generate { .. });
    let stop = Arc::new(AtomicBool::new(false));
    let hard_stop = Arc::new(AtomicBool::new(false));
    let (s, h) = (stop.clone(), hard_stop.clone());
    // One set of signal listeners for the whole run, the linger included: a SIGTERM that
    // arrives just after the last message (when /readyz already says 503) is not lost.
    let (signalled, mut stops_seen) = tokio::sync::watch::channel(0u32);
    let mut stops = crate::signals::Stops::new();
    tokio::spawn(async move {
        let mut n = 0u32;
        loop {
            stops.next().await;
            n += 1;
            if n == 1 {
                s.store(true, Ordering::Relaxed);
                tracing::info!(
                    "stopping: waiting for outstanding acknowledgements (Ctrl-C again to stop waiting)"
                );
            } else {
                h.store(true, Ordering::Relaxed);
            }
            let _ = signalled.send(n);
        }
    });
    let (summary, last) = tokio::task::spawn_blocking(move || {
        work(plan, encoder, producer, metrics, stop, hard_stop)
    })
    .await
    .map_err(|e| anyhow!("the producer thread failed: {e}"))??;

    if single && summary.acknowledged == 1 {
        let (partition, offset) = last.unwrap_or((-1, -1));
        match ctx.output {
            OutputFormat::Json => output::print_json(&serde_json::json!({
                "topic": summary.topic, "partition": partition, "offset": offset
            }))?,
            OutputFormat::Table | OutputFormat::Raw => output::print_text(&format!(
                "delivered to {} partition {partition} at offset {offset}",
                summary.topic
            ))?,
        }
        linger_for_scrapers(linger, &summary, &mut stops_seen).await;
        return Ok(ExitCode::SUCCESS);
    }
    if !single {
        print_summary(&summary, ctx.output)?;
    }
    linger_for_scrapers(linger, &summary, &mut stops_seen).await;
    if !summary.kept_up {
        tracing::warn!(
            "could not keep up with --rate {}: sent at {:.1} msgs/s",
            summary.target_rate.unwrap_or(0.0),
            summary.send_rate.unwrap_or(0.0)
        );
    }
    let mut problems = Vec::new();
    if summary.failed > 0 {
        let reasons: Vec<String> = summary
            .failures
            .iter()
            .map(|(r, n)| format!("{r} ({n})"))
            .collect();
        problems.push(format!(
            "{} of {} messages were not acknowledged: {}",
            summary.failed,
            summary.sent,
            reasons.join("; ")
        ));
    }
    if summary.rejected_by_schema > 0 {
        problems.push(format!(
            "{} messages failed --schema validation and were not sent (first: {})",
            summary.rejected_by_schema,
            summary
                .rejected_reasons
                .first()
                .cloned()
                .unwrap_or_default()
        ));
    }
    if let Some(a) = &summary.aborted {
        if summary.stopped_by == "bad input" {
            problems.push(format!("stopped at bad input: {a}"));
        } else {
            problems.push(format!("stopped: {a}"));
        }
    }
    if !problems.is_empty() {
        return Err(anyhow!("{}", problems.join("; ")));
    }
    if has_end && summary.stopped_by == "signal" {
        tracing::warn!(
            "interrupted: {} messages sent and acknowledged before the stop",
            summary.sent
        );
        return Ok(ExitCode::from(EXIT_INTERRUPTED));
    }
    Ok(ExitCode::SUCCESS)
}

/// `--metrics-linger`: keeps the metrics endpoint up after the run so a scraper sees the final
/// figures; not after a Ctrl-C (the user wants out), and a Ctrl-C or SIGTERM ends it early.
async fn linger_for_scrapers(
    linger: Option<Duration>,
    summary: &Summary,
    stops: &mut tokio::sync::watch::Receiver<u32>,
) {
    let Some(linger) = linger.filter(|_| summary.stopped_by != "signal") else {
        return;
    };
    tracing::info!(
        "serving metrics for another {} (Ctrl-C to stop)",
        humantime::format_duration(linger)
    );
    tokio::select! {
        _ = tokio::time::sleep(linger) => {}
        _ = stops.changed() => {}
    }
}
