//! `kmsg demo`: the whole system for `--duration` — topics, a producer at `--rate` with some
//! bad messages, three consumer instances in one group validating against the login schema
//! behind a flaky downstream, the DLQ filling with reasons — with live progress, then a view
//! of the output and the DLQ and a summary that must add up.
//!
//! By default it runs on an embedded in-process three-broker cluster (librdkafka's mock
//! cluster: in memory, for trying things out); with `--bootstrap` the same demo runs on a
//! real cluster (compose or `kmsg cluster up`), on topics of its own.

use std::collections::BTreeMap;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::anyhow;
use rdkafka::mocking::MockCluster;
use rdkafka::Message;
use serde::Serialize;

use super::context::Context;
use crate::cli::{DemoArgs, OutputFormat};
use crate::consumer::{self, ConsumerConfig};
use crate::error::{usage, EXIT_CHECK_FAILED};
use crate::kafka::admin::Admin;
use crate::kafka::producer::{Outgoing, PipelinedProducer};
use crate::kafka::reader::{Start, TopicReader};
use crate::metrics::ConsumerMetrics;
use crate::output;
use crate::pipeline::generate::{GenerateKind, Generator};
use crate::pipeline::rate::Pacer;

/// The login-event schema the consumers validate against (the repo's `schema.json`).
const SCHEMA: &str = include_str!("../../schema.json");
const PARTITIONS: i32 = 6;

#[derive(Debug, Serialize)]
struct DemoSummary {
    cluster: String,
    topics: [String; 3],
    produced: u64,
    forwarded: u64,
    dead_lettered: BTreeMap<String, u64>,
    dead_lettered_total: u64,
    retries: u64,
    consumed_per_instance: BTreeMap<String, u64>,
    /// Distinct message ids (keys) found in the output topic and the DLQ together.
    distinct_ids_delivered: u64,
    /// Outcomes beyond one per message: at-least-once redelivery after a rebalance.
    redelivered: u64,
    /// Every produced message is in the output topic or the DLQ, each id at least once.
    adds_up: bool,
}

pub async fn run(args: DemoArgs, ctx: &Context) -> anyhow::Result<ExitCode> {
    if args.duration.is_zero() {
        return Err(usage("--duration 0 runs nothing: give e.g. 30s"));
    }
    if !(args.rate.is_finite() && args.rate > 0.0) {
        return Err(usage(format!("--rate {} must be above 0", args.rate)));
    }
    if !(0.0..=1.0).contains(&args.invalid_ratio) || !(0.0..1.0).contains(&args.fail_rate) {
        return Err(usage(
            "--invalid-ratio is a share in 0..1 and --fail-rate in 0..1 (below 1)",
        ));
    }
    if args.instances == 0 || args.instances > 12 {
        return Err(usage("--instances must be 1 to 12"));
    }
    let id = &uuid::Uuid::new_v4().simple().to_string()[..8];
    let (input, out, dlq) = (
        format!("kmsg-demo-{id}"),
        format!("kmsg-demo-{id}.out"),
        format!("kmsg-demo-{id}.dlq"),
    );

    // The cluster: embedded unless a bootstrap was given.
    let mock;
    let (settings, cluster) = if ctx.settings.bootstrap_explicit {
        let admin = Admin::connect(&ctx.settings).await?;
        let brokers = admin.metadata(None).await?.brokers.len().clamp(1, 3) as i32;
        for t in [&input, &out, &dlq] {
            admin
                .create_topic(t, PARTITIONS, brokers, &BTreeMap::new())
                .await?;
            admin.wait_for_leaders(t, PARTITIONS as usize).await?;
        }
        (
            ctx.settings.clone(),
            format!("the cluster at {}", ctx.settings.bootstrap),
        )
    } else {
        mock =
            MockCluster::new(3).map_err(|e| anyhow!("cannot start the embedded cluster: {e}"))?;
        for t in [&input, &out, &dlq] {
            mock.create_topic(t, PARTITIONS, 3)
                .map_err(|e| anyhow!("cannot create {t} on the embedded cluster: {e}"))?;
        }
        eprintln!(
            "kmsg demo: running on an embedded in-memory 3-broker cluster (librdkafka's mock cluster), for trying things out; nothing is kept. Use --bootstrap for a real cluster."
        );
        let mut s = ctx.settings.clone();
        s.bootstrap = mock.bootstrap_servers();
        s.bootstrap_explicit = true;
        // The mock coordinator can keep a member that joined without an id and never came
        // back (a consumer rejoining while its first join is pending) until that member's
        // session times out, and each rebalance waits for it: with the default 45 s the
        // demo stalled for 40 s after such a rebalance on a loaded machine. 6 s bounds it.
        for (k, v) in [
            ("session.timeout.ms", "6000"),
            ("heartbeat.interval.ms", "1000"),
        ] {
            s.consumer_defaults.insert(k.into(), v.into());
        }
        (s, "an embedded in-memory 3-broker cluster".to_string())
    };
    let dir = tempfile_dir()?;
    let schema_path = dir.join("schema.json");
    std::fs::write(&schema_path, SCHEMA)?;

    // Consumers: one group, several instances, a flaky downstream (the fault injector).
    let mut members = Vec::new();
    let mut all_metrics = Vec::new();
    let stop = Arc::new(AtomicBool::new(false));
    for i in 0..args.instances {
        let instance = format!("demo-{i}");
        let config = ConsumerConfig::builder(format!("kmsg-demo-{id}"), input.clone())
            .output_topic(out.clone())
            .dlq_topic(dlq.clone())
            .schema(schema_path.clone())
            .instance_id(instance.clone())
            .faults(0, args.fail_rate, i as u64)
            .retries(3, Duration::from_millis(20), Duration::from_millis(200))
            .breaker(4, Duration::from_secs(2))
            .build(&settings)?;
        let metrics = Arc::new(ConsumerMetrics::new());
        all_metrics.push((instance.clone(), metrics.clone()));
        let (s, member_settings) = (stop.clone(), settings.clone());
        members.push(tokio::spawn(async move {
            consumer::run(config, &member_settings, metrics, s).await
        }));
    }

    // The producer, paced, for --duration.
    let produced = Arc::new(AtomicU64::new(0));
    let interrupted = Arc::new(AtomicBool::new(false));
    let (p, i2, psettings, pinput) = (
        produced.clone(),
        interrupted.clone(),
        settings.clone(),
        input.clone(),
    );
    let (rate, ratio, duration) = (args.rate, args.invalid_ratio, args.duration);
    let producer = tokio::task::spawn_blocking(move || -> anyhow::Result<()> {
        let producer = PipelinedProducer::new(&psettings.producer_config())
            .map_err(|e| anyhow!("cannot create the producer: {e}"))?;
        let topic = producer
            .topic(&pinput)
            .map_err(|e| anyhow!("cannot send to {pinput}: {e}"))?;
        let pacer = Pacer::new(rate).map_err(|e| anyhow!(e))?;
        let mut generator = Generator::new(GenerateKind::Login, rand::random(), ratio, None);
        let end = Instant::now() + duration;
        while Instant::now() < end && !i2.load(Ordering::Relaxed) {
            match pacer.poll() {
                Err(wait) => std::thread::sleep(wait.min(Duration::from_millis(20))),
                Ok(n) => {
                    for _ in 0..n {
                        let m = generator.next_message();
                        let msg = Outgoing {
                            key: Some(m.key.into_bytes()),
                            value: Some(m.value),
                            ..Outgoing::default()
                        };
                        if producer.send(&topic, &msg, &|| false).is_ok() {
                            p.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                }
            }
        }
        producer.flush(Duration::from_secs(30), &|| false);
        // What the cluster acknowledged is what the consumers must account for.
        p.store(
            producer.stats().acked.load(Ordering::Relaxed),
            Ordering::Relaxed,
        );
        Ok(())
    });
    let watch_stop = interrupted.clone();
    let signals = tokio::spawn(async move {
        crate::signals::wait_for_stop().await;
        watch_stop.store(true, Ordering::Relaxed);
    });

    // Live progress on stderr until the producer is done and the consumers caught up.
    let totals = |metrics: &[(String, Arc<ConsumerMetrics>)]| -> (u64, u64) {
        metrics.iter().fold((0, 0), |(s, d), (_, m)| {
            (
                s + m.processed(&input, "success"),
                d + m.processed(&input, "dlq"),
            )
        })
    };
    let started = Instant::now();
    let mut last_print = Instant::now();
    let mut drain_deadline: Option<Instant> = None;
    let mut last_check = Instant::now() - Duration::from_secs(1);
    loop {
        tokio::time::sleep(Duration::from_millis(250)).await;
        let (ok, dead) = totals(&all_metrics);
        let sent = produced.load(Ordering::Relaxed);
        if last_print.elapsed() >= Duration::from_secs(1) {
            eprintln!(
                "  {:>5.1}s  sent {sent:>6}  forwarded {ok:>6}  dead-lettered {dead:>4}",
                started.elapsed().as_secs_f64()
            );
            last_print = Instant::now();
        }
        if producer.is_finished() {
            let deadline = *drain_deadline.get_or_insert(Instant::now() + Duration::from_secs(60));
            if Instant::now() >= deadline || interrupted.load(Ordering::Relaxed) {
                break;
            }
            // Outcome counts include redeliveries after a rebalance, so they can reach the
            // produced count before every message is done: then ask the topics themselves
            // (at most once a second).
            if ok + dead >= sent && last_check.elapsed() >= Duration::from_secs(1) {
                last_check = Instant::now();
                if distinct_ids(&settings, &[&out, &dlq]).await? >= sent {
                    break;
                }
            }
        }
    }
    producer
        .await
        .map_err(|e| anyhow!("the producer failed: {e}"))??;
    stop.store(true, Ordering::Relaxed);
    let mut consumed_per_instance = BTreeMap::new();
    for (member, (instance, _)) in members.into_iter().zip(&all_metrics) {
        let summary = member
            .await
            .map_err(|e| anyhow!("a consumer failed: {e}"))??;
        consumed_per_instance.insert(
            instance.clone(),
            serde_json::to_value(&summary)?["consumed"]
                .as_u64()
                .unwrap_or(0),
        );
    }
    signals.abort();

    let (forwarded, dead_total) = totals(&all_metrics);
    let mut dead_lettered = BTreeMap::new();
    let mut retries = 0;
    for (_, m) in &all_metrics {
        let f = super::metrics::figures(&m.render()).unwrap_or_default();
        for (reason, n) in f.dlq_by_reason {
            *dead_lettered.entry(reason).or_default() += n;
        }
        retries += f.retries;
    }
    let produced = produced.load(Ordering::Relaxed);
    let distinct = distinct_ids(&settings, &[&out, &dlq]).await?;
    let summary = DemoSummary {
        cluster,
        topics: [input.clone(), out.clone(), dlq.clone()],
        produced,
        forwarded,
        dead_lettered,
        dead_lettered_total: dead_total,
        retries,
        consumed_per_instance,
        distinct_ids_delivered: distinct,
        redelivered: (forwarded + dead_total).saturating_sub(distinct),
        adds_up: distinct == produced,
    };
    // A look at what landed: the last records of the output and the DLQ.
    let (out_tail, dlq_tail) = (tail(&settings, &out).await?, tail(&settings, &dlq).await?);
    if ctx.output == OutputFormat::Json {
        output::print_json(&summary)?;
    } else {
        let mut t = output::table(&["demo summary", ""]);
        t.add_row(vec!["cluster".into(), summary.cluster.clone()]);
        t.add_row(vec!["produced".into(), produced.to_string()]);
        t.add_row(vec![
            "forwarded to the output".into(),
            forwarded.to_string(),
        ]);
        for (reason, n) in &summary.dead_lettered {
            t.add_row(vec!["dead-lettered".into(), format!("{reason}: {n}")]);
        }
        t.add_row(vec![
            "retries (flaky downstream)".into(),
            retries.to_string(),
        ]);
        for (instance, n) in &summary.consumed_per_instance {
            t.add_row(vec![format!("consumed by {instance}"), n.to_string()]);
        }
        t.add_row(vec![
            "redelivered after a rebalance (at-least-once)".into(),
            summary.redelivered.to_string(),
        ]);
        t.add_row(vec![
            "every produced id in the output or the DLQ".into(),
            if summary.adds_up {
                format!("yes ({distinct} of {produced})")
            } else {
                format!("NO ({distinct} of {produced})")
            },
        ]);
        output::print_text(&format!(
            "last output records:\n{out_tail}\nlast dead letters:\n{dlq_tail}\n{t}"
        ))?;
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(if summary.adds_up {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_CHECK_FAILED)
    })
}

/// How many distinct keys (the generator's message ids) the topics hold together.
async fn distinct_ids(
    settings: &crate::kafka::config::ClientSettings,
    topics: &[&str],
) -> anyhow::Result<u64> {
    let (settings, topics): (_, Vec<String>) = (
        settings.clone(),
        topics.iter().map(|t| t.to_string()).collect(),
    );
    tokio::task::spawn_blocking(move || -> anyhow::Result<u64> {
        let partitions: Vec<i32> = (0..PARTITIONS).collect();
        let mut ids = std::collections::HashSet::new();
        for topic in &topics {
            let records =
                TopicReader::open(&settings, topic, &partitions, Start::Beginning, false)?
                    .read_all()?;
            ids.extend(records.iter().filter_map(|m| m.key().map(<[u8]>::to_vec)));
        }
        Ok(ids.len() as u64)
    })
    .await
    .map_err(|e| anyhow!("the reader failed: {e}"))?
}

/// The last three records of a topic, one line each.
async fn tail(
    settings: &crate::kafka::config::ClientSettings,
    topic: &str,
) -> anyhow::Result<String> {
    let (settings, topic) = (settings.clone(), topic.to_string());
    let records = tokio::task::spawn_blocking(move || {
        let partitions: Vec<i32> = (0..PARTITIONS).collect();
        TopicReader::open(&settings, &topic, &partitions, Start::Last(1), false)?.read_all()
    })
    .await
    .map_err(|e| anyhow!("the reader failed: {e}"))??;
    let lines: Vec<String> = records
        .iter()
        .take(3)
        .map(|m| {
            let value = String::from_utf8_lossy(m.payload().unwrap_or_default());
            let reason = rdkafka::message::Headers::iter(
                m.headers()
                    .unwrap_or(&rdkafka::message::OwnedHeaders::new()),
            )
            .find(|h| h.key == "kmsg.dlq.error.message")
            .and_then(|h| h.value.map(|v| String::from_utf8_lossy(v).to_string()));
            let value: String = value.chars().take(90).collect();
            match reason {
                Some(r) => format!("  p{} @{}  {value}  <- {r}", m.partition(), m.offset()),
                None => format!("  p{} @{}  {value}", m.partition(), m.offset()),
            }
        })
        .collect();
    Ok(lines.join("\n"))
}

fn tempfile_dir() -> anyhow::Result<std::path::PathBuf> {
    let dir = std::env::temp_dir().join(format!("kmsg-demo-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}
