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

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, IsTerminal, Read};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, RecvTimeoutError};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{anyhow, Context as _};
use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;

use super::Context;
use crate::cli::{Compression, InputFormat, OnInvalid, OutputFormat, ProduceArgs};
use crate::envelope::Envelope;
use crate::error::{usage, EXIT_INTERRUPTED};
use crate::kafka::admin::Admin;
use crate::kafka::config::{Given, ProduceOptions, PRODUCE_ACKS, PRODUCE_DELIVERY_TIMEOUT};
use crate::kafka::producer::{Outgoing, PipelinedProducer, RecordHeader, SendError};
use crate::metrics::ProducerMetrics;
use crate::output;
use crate::pipeline::generate::{GenerateKind, Generator, InvalidKind};
use crate::pipeline::rate::Pacer;
use crate::pipeline::validate::SchemaValidator;

/// How many reasons of rejected messages the summary keeps.
const MAX_REASONS: usize = 5;
/// Messages sent per loop turn when the rate is unlimited.
const UNPACED_CHUNK: u32 = 512;
/// Input lines per message from the reader thread: one channel hand-over (and thread wake-up)
/// per batch, not per line. A batch is also handed over as soon as the input has nothing more
/// buffered, so slow input is never held back.
const LINE_BATCH: usize = 512;

/// An input line with its number, or the read error met there.
type Line = (u64, std::io::Result<Vec<u8>>);

/// Where messages come from.
enum SourcePlan {
    Generate {
        kind: GenerateKind,
        seed: u64,
        invalid_ratio: f64,
        size: Option<usize>,
    },
    Lines {
        file: Option<PathBuf>,
        format: InputFormat,
        key_separator: Option<Vec<u8>>,
    },
    Single(Outgoing),
}

/// Validated `produce` settings.
struct ProducePlan {
    topic: String,
    source: SourcePlan,
    rate: Option<f64>,
    count: Option<u64>,
    duration: Option<Duration>,
    schema: Option<SchemaValidator>,
    on_invalid: OnInvalid,
    headers: Vec<RecordHeader>,
    partition: Option<i32>,
    flush_timeout: Duration,
    progress: bool,
    metrics_addr: Option<std::net::SocketAddr>,
    metrics_linger: Option<Duration>,
    producer: rdkafka::ClientConfig,
}

/// Parses `k=v` header flags.
fn parse_headers(pairs: &[String]) -> Result<Vec<RecordHeader>, String> {
    pairs
        .iter()
        .map(|kv| match kv.split_once('=') {
            Some((k, v)) if !k.is_empty() => Ok((k.to_string(), Some(v.as_bytes().to_vec()))),
            _ => Err(format!("--header {kv:?} is not of the form key=value")),
        })
        .collect()
}

impl ProducePlan {
    fn from_args(args: &ProduceArgs, ctx: &Context, stdin_is_tty: bool) -> anyhow::Result<Self> {
        crate::pipeline::topic_name::validate_topic_name(&args.topic).map_err(usage)?;
        if !(args.rate.is_finite() && args.rate >= 0.0) {
            return Err(usage(format!(
                "--rate {} is invalid: give messages per second, 0 for unlimited",
                args.rate
            )));
        }
        if !(0.0..=1.0).contains(&args.invalid_ratio) {
            return Err(usage(format!(
                "--invalid-ratio {} is invalid: it is a share between 0 and 1 (e.g. 0.05)",
                args.invalid_ratio
            )));
        }
        if args.count == Some(0) {
            return Err(usage("--count 0 sends nothing: give at least 1"));
        }
        if args.duration == Some(Duration::ZERO) {
            return Err(usage("--duration 0 sends nothing: give e.g. 30s"));
        }
        if args.size.is_some() && args.generate != Some(GenerateKind::Posts) {
            return Err(usage(
                "--size pads generated posts: use it with --generate posts",
            ));
        }
        if args.key_separator.as_deref() == Some("") {
            return Err(usage("-K needs a non-empty separator"));
        }
        if args.key_separator.is_some() && args.input == InputFormat::JsonEnvelope {
            return Err(usage(
                "-K does not apply to --input json-envelope (keys are in the envelope)",
            ));
        }
        let headers = parse_headers(&args.headers).map_err(usage)?;
        let schema = args
            .schema
            .as_deref()
            .map(SchemaValidator::from_file)
            .transpose()
            .map_err(|e| usage(e.to_string()))?;

        let source = if let Some(kind) = args.generate {
            SourcePlan::Generate {
                kind,
                seed: args.seed.unwrap_or_else(rand::random),
                invalid_ratio: args.invalid_ratio,
                size: args.size,
            }
        } else if let Some(value) = &args.value {
            if args.count.is_some() || args.duration.is_some() {
                return Err(usage(
                    "--value sends one message: it does not go with --count or --duration",
                ));
            }
            SourcePlan::Single(Outgoing {
                key: args.key.as_ref().map(|k| k.as_bytes().to_vec()),
                value: Some(value.as_bytes().to_vec()),
                ..Outgoing::default()
            })
        } else {
            let file = args.file.clone().filter(|f| f.as_os_str() != "-");
            match &file {
                Some(path) => {
                    std::fs::File::open(path)
                        .map_err(|e| usage(format!("--file {}: {e}", path.display())))?;
                }
                None if stdin_is_tty => {
                    return Err(usage(
                        "no input: pipe JSON lines into kmsg produce, or use --file, --generate or --value",
                    ))
                }
                None => {}
            }
            SourcePlan::Lines {
                file,
                format: args.input,
                key_separator: args.key_separator.as_ref().map(|s| s.as_bytes().to_vec()),
            }
        };

        let producer = ctx.settings.produce_config(&ProduceOptions {
            acks: Given::or(args.acks.clone(), PRODUCE_ACKS.to_string()),
            compression: Given::or(args.compression, Compression::None).map(Compression::codec),
            linger: Given::or(args.linger, default_linger(args.rate)),
            batch_size: args.batch_size,
            delivery_timeout: Given::or(args.delivery_timeout, PRODUCE_DELIVERY_TIMEOUT),
        })?;

        Ok(ProducePlan {
            topic: args.topic.clone(),
            source,
            rate: (args.rate > 0.0).then_some(args.rate),
            count: args.count,
            duration: args.duration,
            schema,
            on_invalid: args.on_invalid,
            headers,
            partition: args.partition,
            flush_timeout: args.flush_timeout,
            progress: !args.quiet && std::io::stderr().is_terminal() && output::stdout_is_tty(),
            metrics_addr: args.metrics_addr,
            metrics_linger: args.metrics_linger,
            producer,
        })
    }
}

/// Turns one input line into a message (pure; unit-tested). The line's buffer becomes the
/// value, without a copy.
pub fn parse_line(
    mut line: Vec<u8>,
    format: InputFormat,
    key_separator: Option<&[u8]>,
) -> Result<Outgoing, String> {
    if format == InputFormat::JsonEnvelope {
        let text = std::str::from_utf8(&line).map_err(|_| "the line is not UTF-8".to_string())?;
        let raw = Envelope::parse(text).map_err(|e| e.to_string())?;
        return Ok(Outgoing {
            key: raw.key,
            value: raw.value,
            headers: raw.headers,
            partition: raw.partition,
            timestamp: raw.timestamp,
        });
    }
    let (key, value) = match key_separator {
        Some(sep) => match find(&line, sep) {
            Some(at) => {
                let value = line.split_off(at + sep.len());
                line.truncate(at);
                (Some(line), value)
            }
            None => return Err("the key separator is missing".into()),
        },
        None => (None, line),
    };
    if format == InputFormat::Json {
        serde_json::from_slice::<serde::de::IgnoredAny>(&value)
            .map_err(|e| format!("not valid JSON: {e}"))?;
    }
    Ok(Outgoing {
        key,
        value: Some(value),
        ..Outgoing::default()
    })
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// One step of a source.
enum Next {
    Message(Outgoing, Option<InvalidKind>, u64),
    Bad { line: u64, reason: String },
    Wait,
    End,
}

/// A running source.
enum Source {
    Generate(Box<Generator>),
    Lines {
        rx: Receiver<Vec<Line>>,
        pending: std::vec::IntoIter<Line>,
        format: InputFormat,
        key_separator: Option<Vec<u8>>,
    },
    Single(Option<Outgoing>),
}

impl Source {
    fn start(plan: &SourcePlan) -> anyhow::Result<Source> {
        Ok(match plan {
            SourcePlan::Generate {
                kind,
                seed,
                invalid_ratio,
                size,
            } => Source::Generate(Box::new(Generator::new(
                *kind,
                *seed,
                *invalid_ratio,
                *size,
            ))),
            SourcePlan::Single(msg) => Source::Single(Some(msg.clone())),
            SourcePlan::Lines {
                file,
                format,
                key_separator,
            } => {
                let reader: Box<dyn Read + Send> = match file {
                    Some(path) => Box::new(
                        std::fs::File::open(path)
                            .with_context(|| format!("cannot open {}", path.display()))?,
                    ),
                    None => Box::new(std::io::stdin()),
                };
                let (tx, rx) = sync_channel(16);
                std::thread::spawn(move || read_lines(reader, tx));
                Source::Lines {
                    rx,
                    pending: Vec::new().into_iter(),
                    format: *format,
                    key_separator: key_separator.clone(),
                }
            }
        })
    }

    fn next(&mut self) -> Next {
        match self {
            Source::Generate(g) => {
                let m = g.next_message();
                let mut headers = Vec::new();
                if let Some(kind) = m.invalid {
                    headers.push((
                        "kmsg.invalid".to_string(),
                        Some(kind.as_str().as_bytes().to_vec()),
                    ));
                }
                Next::Message(
                    Outgoing {
                        key: Some(m.key.into_bytes()),
                        value: Some(m.value),
                        headers,
                        ..Outgoing::default()
                    },
                    m.invalid,
                    0,
                )
            }
            Source::Single(msg) => match msg.take() {
                Some(m) => Next::Message(m, None, 0),
                None => Next::End,
            },
            Source::Lines {
                rx,
                pending,
                format,
                key_separator,
            } => loop {
                match pending.next() {
                    Some((line, Ok(bytes))) => {
                        return match parse_line(bytes, *format, key_separator.as_deref()) {
                            Ok(m) => Next::Message(m, None, line),
                            Err(reason) => Next::Bad { line, reason },
                        }
                    }
                    Some((line, Err(e))) => {
                        return Next::Bad {
                            line,
                            reason: format!("cannot read input: {e}"),
                        }
                    }
                    None => match rx.recv_timeout(Duration::from_millis(50)) {
                        Ok(batch) => *pending = batch.into_iter(),
                        Err(RecvTimeoutError::Timeout) => return Next::Wait,
                        Err(RecvTimeoutError::Disconnected) => return Next::End,
                    },
                }
            },
        }
    }
}

/// The reader thread: numbered non-blank lines, without their line ending, in batches of up
/// to `LINE_BATCH`; a read error ends the input after being passed on.
fn read_lines(reader: Box<dyn Read + Send>, tx: std::sync::mpsc::SyncSender<Vec<Line>>) {
    let mut reader = BufReader::with_capacity(1 << 16, reader);
    let mut line_no = 0u64;
    let mut batch = Vec::with_capacity(LINE_BATCH);
    // Lines tend to be alike: start each buffer at the last line's size, so most lines are
    // read with one allocation and no regrowth.
    let mut last_len = 64;
    loop {
        let mut buf = Vec::with_capacity(last_len + 2);
        line_no += 1;
        let end = match reader.read_until(b'\n', &mut buf) {
            Ok(0) => true,
            Ok(_) => {
                last_len = buf.len();
                while buf.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
                    buf.pop();
                }
                if !buf.iter().all(u8::is_ascii_whitespace) {
                    batch.push((line_no, Ok(buf)));
                }
                false
            }
            Err(e) => {
                batch.push((line_no, Err(e)));
                true
            }
        };
        let more_buffered = !reader.buffer().is_empty();
        if !batch.is_empty() && (end || batch.len() >= LINE_BATCH || !more_buffered) {
            let full = std::mem::replace(&mut batch, Vec::with_capacity(LINE_BATCH));
            if tx.send(full).is_err() {
                return;
            }
        }
        if end {
            return;
        }
    }
}

/// Latency percentiles in the summary.
#[derive(Debug, Serialize)]
struct Latency {
    p50_ms: f64,
    p95_ms: f64,
    p99_ms: f64,
    max_ms: f64,
}

/// The run summary (`--output json` prints it as one object).
#[derive(Debug, Serialize)]
struct Summary {
    topic: String,
    sent: u64,
    acknowledged: u64,
    failed: u64,
    failures: BTreeMap<String, u64>,
    not_acknowledged_at_exit: u64,
    rejected_by_schema: u64,
    rejected_reasons: Vec<String>,
    skipped_lines: u64,
    skipped_reasons: Vec<String>,
    generated_invalid: BTreeMap<&'static str, u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    seed: Option<u64>,
    duration_secs: f64,
    msgs_per_sec: f64,
    mb_per_sec: f64,
    target_rate: Option<f64>,
    /// The rate messages were handed to the producer at, from the first send to the last.
    send_rate: Option<f64>,
    kept_up: bool,
    latency: Option<Latency>,
    partitions: BTreeMap<i32, u64>,
    stopped_by: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    aborted: Option<String>,
}

/// When sending began and ended (pure; unit-tested): the rate figures are timed from the
/// first send, so neither the set-up before it nor the wait for the last acknowledgements
/// counts as sending.
#[derive(Debug, Default, Clone, Copy)]
struct SendTiming {
    /// When the first message was handed to the producer.
    first: Option<Instant>,
    /// Messages the first grant of the pacer allowed (sent at once, at `first`).
    first_grant: u64,
    /// When the last message was handed to the producer, and how many had been by then.
    last: Option<(Instant, u64)>,
}

impl SendTiming {
    /// Notes that message number `sent + 1` is being sent `now`, in a grant of `grant`.
    fn sending(&mut self, sent: u64, grant: u32, now: Instant) {
        if self.first.is_none() {
            self.first = Some(now);
            self.first_grant = u64::from(grant);
        }
        self.last = Some((now, sent + 1));
    }

    /// Messages per second from the first send to the last: the messages after the first
    /// grant (those sent at once at the start) over the time they took. `None` when there
    /// is no such span (everything went at once).
    fn rate(&self) -> Option<f64> {
        let first = self.first?;
        let (last, sent) = self.last?;
        let span = last.duration_since(first).as_secs_f64();
        let after_first = sent.saturating_sub(self.first_grant.min(sent.saturating_sub(1)));
        (span > 0.0 && sent > 1).then(|| after_first as f64 / span)
    }
}

/// Whether a run kept the pace it was asked for: a run without `--rate`, one stopped
/// before its end (signal, end of input) or sent all at once always did; otherwise it sent
/// at 98% of the rate or better.
fn kept_pace(target: Option<f64>, stopped_by: &str, send_rate: Option<f64>) -> bool {
    match (target, send_rate) {
        (Some(rate), Some(achieved)) if stopped_by == "count" || stopped_by == "duration" => {
            achieved >= 0.98 * rate
        }
        _ => true,
    }
}

/// Sends everything the plan says; blocking.
fn work(
    plan: ProducePlan,
    producer: PipelinedProducer,
    metrics: Option<Arc<ProducerMetrics>>,
    stop: Arc<AtomicBool>,
    hard_stop: Arc<AtomicBool>,
) -> anyhow::Result<(Summary, Option<(i32, i64)>)> {
    if let Some(m) = &metrics {
        m.set_ready(true);
    }
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
    let mut generated_invalid: BTreeMap<&'static str, u64> = BTreeMap::new();
    let mut aborted = None;
    let mut last_draw = Instant::now();
    let stopped_by;

    'outer: loop {
        if stopped() {
            stopped_by = "signal";
            break;
        }
        if plan.count.is_some_and(|c| sent + rejected >= c) {
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
        for _ in 0..grant {
            if plan.count.is_some_and(|c| sent + rejected >= c) {
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
                Next::Message(mut msg, invalid, line) => {
                    if let Some(kind) = invalid {
                        *generated_invalid.entry(kind.as_str()).or_default() += 1;
                    } else if let Some(schema) = &plan.schema {
                        if let Some(reason) = schema_problem(schema, msg.value.as_deref()) {
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
                    msg.headers.extend(plan.headers.iter().cloned());
                    if plan.partition.is_some() {
                        msg.partition = plan.partition;
                    }
                    // Unpaced, a grant is only a chunk of the loop, not a burst at one instant.
                    let burst = if pacer.is_some() { grant } else { 1 };
                    timing.sending(sent, burst, Instant::now());
                    match producer.send(&plan.topic, &msg, &stopped) {
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
        Ok(v) => {
            let violations = schema.violations(&v);
            violations.first().map(|first| {
                let more = violations.len() - 1;
                if more > 0 {
                    format!("{} (+{more} more)", first.summary())
                } else {
                    first.summary()
                }
            })
        }
    }
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
    let metrics = match plan.metrics_addr {
        Some(addr) => {
            let m = Arc::new(ProducerMetrics::new(&plan.topic));
            crate::metrics::serve(addr, m.clone()).await?;
            Some(m)
        }
        None => None,
    };
    // Created before the topic check so that its connections and producer id (idempotence)
    // are being set up meanwhile, not after it.
    let producer = PipelinedProducer::with_metrics(&plan.producer, metrics.clone())
        .map_err(|e| anyhow!("cannot create the producer: {e}"))?;

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
    drop(admin);

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
    let (summary, last) =
        tokio::task::spawn_blocking(move || work(plan, producer, metrics, stop, hard_stop))
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
        problems.push(format!("stopped at bad input: {a}"));
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

fn print_summary(s: &Summary, format: OutputFormat) -> std::io::Result<()> {
    if format == OutputFormat::Json {
        return output::print_json(s);
    }
    let mut t = output::table(&["produce summary", ""]);
    let mut row = |k: &str, v: String| {
        t.add_row(vec![k.to_string(), v]);
    };
    row("topic", s.topic.clone());
    row("sent", s.sent.to_string());
    row("acknowledged", s.acknowledged.to_string());
    row("failed", s.failed.to_string());
    for (reason, n) in &s.failures {
        row("  failed because", format!("{reason}: {n}"));
    }
    if s.rejected_by_schema > 0 {
        row("rejected by schema", s.rejected_by_schema.to_string());
        for r in &s.rejected_reasons {
            row("  e.g.", r.clone());
        }
    }
    if s.skipped_lines > 0 {
        row("skipped lines", s.skipped_lines.to_string());
        for r in &s.skipped_reasons {
            row("  e.g.", r.clone());
        }
    }
    for (kind, n) in &s.generated_invalid {
        row("bad on purpose", format!("{kind}: {n}"));
    }
    row("duration", format!("{:.2} s", s.duration_secs));
    let rate = match s.target_rate {
        Some(r) => format!(
            "{:.1} msgs/s (target {r}{})",
            s.msgs_per_sec,
            if s.kept_up { "" } else { ", could not keep up" }
        ),
        None => format!("{:.1} msgs/s", s.msgs_per_sec),
    };
    row("throughput", rate);
    row("bandwidth", format!("{:.2} MB/s", s.mb_per_sec));
    if let Some(l) = &s.latency {
        row(
            "latency p50/p95/p99/max",
            format!(
                "{:.1} / {:.1} / {:.1} / {:.1} ms",
                l.p50_ms, l.p95_ms, l.p99_ms, l.max_ms
            ),
        );
    }
    let parts: Vec<String> = s
        .partitions
        .iter()
        .map(|(p, n)| format!("{p}:{n}"))
        .collect();
    row("partitions (id:count)", parts.join(" "));
    if let Some(seed) = s.seed {
        row("seed", seed.to_string());
    }
    row("stopped by", s.stopped_by.to_string());
    output::print_text(&t.to_string())
}

/// The batch wait of a paced run when none was asked for (`--linger` or `-X linger.ms`).
const PACED_LINGER: Duration = Duration::from_millis(50);
/// The batch wait of an unpaced run when none was asked for.
const UNPACED_LINGER: Duration = Duration::from_millis(20);

/// The default of `--linger` (`linger.ms`): 50 ms with `--rate` and 20 ms without
/// (`-X linger.ms` or `queue.buffering.max.ms` wins over it, `kafka::config`).
///
/// Paced: a paced stream never fills a batch, so every batch waits out the linger, and
/// librdkafka's broker threads spin through the last millisecond of each 5 ms wait:
/// measured on this project's 2-core machine, 5 s at 1,000 msgs/s cost 1.06 CPU-s with 5 ms
/// and 0.28 with 50 ms; at 100,000 msgs/s 4.6 against 2.55 CPU-s, and the rate held better
/// (95,382 against 87,233 msgs/s).
/// Unpaced: with the brokers on the same machine, fewer and bigger batches leave the brokers
/// more CPU: 1,000,000 messages of 200 bytes, acks=all, RF 3, 4 alternating rounds, median
/// wall time 2.55 s with librdkafka's 5 ms and 2.28 s with 20 ms (50 ms: 2.37 s, with a
/// longer tail). A batch of 20 ms stays far below `batch.size` (1 MB) at these rates.
fn default_linger(rate: f64) -> Duration {
    if rate > 0.0 {
        PACED_LINGER
    } else {
        UNPACED_LINGER
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_lingers_50ms_paced_and_20ms_unpaced_by_default() {
        assert_eq!(default_linger(1000.0), Duration::from_millis(50));
        assert_eq!(default_linger(0.0), Duration::from_millis(20));
    }

    #[test]
    fn the_send_rate_is_timed_from_the_first_send_to_the_last() {
        let t0 = Instant::now();
        let at = |ms: u64| t0 + Duration::from_millis(ms);
        // 1,000 messages paced at 200/s, one per grant, the first after a second of set-up:
        // the last goes 4.995 s after the first.
        let mut timing = SendTiming::default();
        for n in 0..1000u64 {
            timing.sending(n, 1, at(1000 + n * 5));
        }
        let rate = timing.rate().unwrap();
        assert!((rate - 200.0).abs() < 0.01, "{rate}");
        assert!(kept_pace(Some(200.0), "count", timing.rate()));
        // Grants of 5 at 1,000/s: 5 at once, then 5 every 5 ms.
        let mut timing = SendTiming::default();
        for n in 0..1000u64 {
            timing.sending(n, 5, at(n / 5 * 5));
        }
        let rate = timing.rate().unwrap();
        assert!((rate - 1000.0).abs() < 0.01, "{rate}");
        // A run that fell behind: 1,000 messages in 6 s at --rate 200.
        let mut timing = SendTiming::default();
        for n in 0..1000u64 {
            timing.sending(n, 1, at(n * 6));
        }
        assert!(!kept_pace(Some(200.0), "count", timing.rate()));
        assert!(kept_pace(Some(200.0), "signal", timing.rate()));
        assert!(kept_pace(None, "count", timing.rate()));
        // One message, or nothing sent: no span to time.
        let mut timing = SendTiming::default();
        assert_eq!(timing.rate(), None);
        timing.sending(0, 1, t0);
        assert_eq!(timing.rate(), None);
        assert!(kept_pace(Some(200.0), "count", timing.rate()));
    }

    #[test]
    fn json_lines_must_be_json() {
        assert!(parse_line(br#"{"a":1}"#.to_vec(), InputFormat::Json, None).is_ok());
        let err = parse_line(b"{nope".to_vec(), InputFormat::Json, None).unwrap_err();
        assert!(err.starts_with("not valid JSON"), "{err}");
        assert!(parse_line(b"{nope".to_vec(), InputFormat::Raw, None).is_ok());
    }

    #[test]
    fn a_key_separator_splits_at_its_first_occurrence() {
        let m = parse_line(br#"k1:{"a":"b:c"}"#.to_vec(), InputFormat::Json, Some(b":")).unwrap();
        assert_eq!(m.key.as_deref(), Some(&b"k1"[..]));
        assert_eq!(m.value.as_deref(), Some(&br#"{"a":"b:c"}"#[..]));
        let err = parse_line(br#"{"a":1}"#.to_vec(), InputFormat::Json, Some(b"\t")).unwrap_err();
        assert!(err.contains("separator"), "{err}");
    }

    #[test]
    fn envelopes_keep_key_headers_and_partition() {
        let line = r#"{"partition":3,"key":"k","value":"{}","headers":[{"key":"h","value":"v"}]}"#;
        let m = parse_line(line.as_bytes().to_vec(), InputFormat::JsonEnvelope, None).unwrap();
        assert_eq!(m.partition, Some(3));
        assert_eq!(m.key.as_deref(), Some(&b"k"[..]));
        assert_eq!(m.headers, vec![("h".to_string(), Some(b"v".to_vec()))]);
    }

    #[test]
    fn headers_must_be_key_value() {
        assert!(parse_headers(&["a=b=c".into()]).unwrap()[0].1.as_deref() == Some(&b"b=c"[..]));
        assert!(parse_headers(&["novalue".into()]).is_err());
    }
}
