//! `kmsg metrics`: what `kafka-consumer-groups --describe` shows, in a light tool — the group
//! report of `kmsg group describe` (`--group`, built in `group::report`: state, members,
//! committed and end offsets, lag in records and seconds, time to drain) — or a running
//! consumer's key figures read from its Prometheus endpoint (`--from`, a URL, `host:port`
//! meaning `http://host:port`). `--watch` refreshes in place; the pace of a watched group is
//! measured between refreshes. With `-o json` each report is one JSON document (one per line
//! under `--watch`). A group the cluster does not know is an error (exit 1) naming the groups
//! it knows.

use std::collections::BTreeMap;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::anyhow;
use serde::Serialize;

use super::context::Context;
use super::group::report::{group_report, render};
use crate::cli::{MetricsArgs, OutputFormat};
use crate::error::usage;
use crate::output;

/// Key figures of a consumer's /metrics. Counts are integers (Prometheus carries them as
/// floats). The processing-time quantiles are the upper bound, in ms (rounded to 0.001 ms), of
/// the histogram bucket that holds them, summed over all topics; `None` when nothing was
/// processed, or when the quantile lies above the largest bucket (10 s).
#[derive(Debug, Default, Serialize, PartialEq)]
pub struct Figures {
    pub processed: BTreeMap<String, u64>,
    pub dlq_by_reason: BTreeMap<String, u64>,
    pub retries: u64,
    pub errors: BTreeMap<String, u64>,
    pub lag: i64,
    pub breaker_state: Option<String>,
    /// Processing times observed (the histogram's count).
    pub processing_samples: u64,
    pub processing_p50_ms: Option<f64>,
    pub processing_p99_ms: Option<f64>,
}

/// Summarises Prometheus text from `kmsg consume` (pure; unit-tested).
pub fn figures(text: &str) -> Result<Figures, String> {
    let lines = text.lines().map(|l| Ok(l.to_string()));
    let scrape =
        prometheus_parse::Scrape::parse(lines).map_err(|e| format!("not Prometheus text: {e}"))?;
    let mut f = Figures::default();
    let mut buckets: Vec<(f64, f64)> = Vec::new();
    let mut seen = false;
    for s in &scrape.samples {
        let label = |k: &str| s.labels.get(k).unwrap_or("").to_string();
        let value = match &s.value {
            prometheus_parse::Value::Counter(v)
            | prometheus_parse::Value::Gauge(v)
            | prometheus_parse::Value::Untyped(v) => *v,
            prometheus_parse::Value::Histogram(hs)
                if s.metric == "kafka_consumer_processing_seconds" =>
            {
                for h in hs {
                    buckets.push((h.less_than, h.count));
                }
                continue;
            }
            _ => continue,
        };
        // Counters and the lag gauge hold whole numbers; `as` saturates (and maps NaN to 0).
        let count = value.round() as u64;
        match s.metric.as_str() {
            "kafka_consumer_messages_processed_total" => {
                seen = true;
                *f.processed.entry(label("status")).or_default() += count;
            }
            "kafka_consumer_dlq_messages_total" => {
                *f.dlq_by_reason.entry(label("reason")).or_default() += count
            }
            "kafka_consumer_message_retries_total" => f.retries += count,
            "kafka_consumer_processing_errors_total" => {
                *f.errors.entry(label("error_type")).or_default() += count
            }
            "kafka_consumer_lag" => f.lag += value.round() as i64,
            "kafka_consumer_circuit_breaker_state" if value >= 1.0 => {
                f.breaker_state = Some(label("state"))
            }
            "kafka_consumer_assigned_partitions" => seen = true,
            _ => {}
        }
    }
    if !seen {
        return Err("no kafka_consumer_* metrics: is this a kmsg consume endpoint?".into());
    }
    // Every reason and error type is exposed at 0 from start-up: list only those that happened.
    f.dlq_by_reason.retain(|_, c| *c > 0);
    f.errors.retain(|_, c| *c > 0);
    // One histogram per topic: add up the counts of equal bounds.
    buckets.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut summed: Vec<(f64, f64)> = Vec::new();
    for (le, c) in buckets {
        match summed.last_mut() {
            Some(last) if last.0 == le => last.1 += c,
            _ => summed.push((le, c)),
        }
    }
    let total = summed.last().map_or(0.0, |b| b.1);
    f.processing_samples = total.round() as u64;
    let quantile = |q: f64| {
        summed
            .iter()
            .find(|(_, c)| total > 0.0 && *c >= q * total)
            .map(|(le, _)| (*le * 1_000_000.0).round() / 1000.0)
            .filter(|ms| ms.is_finite())
    };
    f.processing_p50_ms = quantile(0.5);
    f.processing_p99_ms = quantile(0.99);
    Ok(f)
}

/// Why a request to `--from` failed, in words that point at the fix: nothing listening (fails
/// at once), no answer within the timeout, or whatever else the client saw.
fn fetch_failure(url: &reqwest::Url, e: &reqwest::Error, timeout: Duration) -> anyhow::Error {
    let addr = format!(
        "{}:{}",
        url.host_str().unwrap_or(""),
        url.port_or_known_default().unwrap_or(80)
    );
    let mut causes = Vec::new();
    let mut refused = false;
    let mut source: Option<&dyn std::error::Error> = Some(e);
    while let Some(err) = source {
        refused |= err
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::ConnectionRefused);
        causes.push(err.to_string());
        source = err.source();
    }
    if refused {
        anyhow!("--from {url}: connection refused: nothing listens at {addr}; is the consumer running with --metrics-addr {addr}?")
    } else if e.is_timeout() {
        anyhow!(
            "--from {url}: no answer within {} (--timeout): something listens at {addr} but does not answer",
            humantime::format_duration(timeout)
        )
    } else {
        anyhow!("--from {url}: {}", causes.join(": "))
    }
}

async fn fetch_figures(url: &str, timeout: Duration) -> anyhow::Result<Figures> {
    let mut url = crate::sink::http::check_url_for("--from", url).map_err(usage)?;
    if url.path() == "/" || url.path().is_empty() {
        url.set_path("/metrics");
    }
    let client = reqwest::Client::builder()
        .timeout(timeout)
        .build()
        .map_err(|e| anyhow!("cannot build the HTTP client: {e}"))?;
    let resp = client
        .get(url.clone())
        .send()
        .await
        .map_err(|e| fetch_failure(&url, &e, timeout))?;
    if !resp.status().is_success() {
        return Err(anyhow!("--from {url}: HTTP {}", resp.status()));
    }
    let text = resp
        .text()
        .await
        .map_err(|e| anyhow!("--from {url}: {e}"))?;
    figures(&text).map_err(|e| anyhow!("--from {url}: {e}"))
}

fn render_figures(from: &str, f: &Figures) -> String {
    let mut t = output::table(&["figure", "value"]);
    let join = |m: &BTreeMap<String, u64>| {
        m.iter()
            .map(|(k, v)| format!("{k}: {v}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    t.add_row(vec!["processed".into(), join(&f.processed)]);
    t.add_row(vec![
        "dead-lettered by reason".into(),
        join(&f.dlq_by_reason),
    ]);
    t.add_row(vec!["retries".into(), f.retries.to_string()]);
    t.add_row(vec!["errors by type".into(), join(&f.errors)]);
    t.add_row(vec!["lag (all partitions)".into(), f.lag.to_string()]);
    t.add_row(vec![
        "circuit breaker".into(),
        f.breaker_state.clone().unwrap_or_else(|| "-".into()),
    ]);
    // The same numbers as the JSON's processing_p50_ms / processing_p99_ms.
    let ms = |v: Option<f64>| match v {
        Some(v) => v.to_string(),
        None if f.processing_samples > 0 => "above 10000".into(),
        None => "-".into(),
    };
    t.add_row(vec![
        "processing p50 / p99, ms (bucket upper bound)".into(),
        format!("{} / {}", ms(f.processing_p50_ms), ms(f.processing_p99_ms)),
    ]);
    format!("{from}\n{t}")
}

pub async fn run(args: MetricsArgs, ctx: &Context) -> anyhow::Result<ExitCode> {
    if args.watch.is_some_and(|w| w.is_zero()) {
        return Err(usage("--watch needs an interval above 0, e.g. 2s"));
    }
    if let Some(url) = &args.from {
        crate::sink::http::check_url_for("--from", url).map_err(usage)?;
    }
    let mut previous = None;
    loop {
        let text = match (&args.group, &args.from) {
            (Some(group), _) => {
                let (r, sample) = group_report(
                    ctx,
                    group,
                    &args.report.topics,
                    args.report.rate_window,
                    previous.take(),
                )
                .await?;
                if !args.report.rate_window.is_zero() {
                    previous = Some(sample);
                }
                if ctx.output == OutputFormat::Json {
                    output::print_json(&r)?;
                    None
                } else {
                    Some(render(&r))
                }
            }
            (None, Some(url)) => {
                let f = fetch_figures(url, ctx.settings.timeout).await?;
                if ctx.output == OutputFormat::Json {
                    output::print_json(&f)?;
                    None
                } else {
                    Some(render_figures(url, &f))
                }
            }
            (None, None) => return Err(usage("give --group or --from")),
        };
        let Some(interval) = args.watch else {
            if let Some(text) = text {
                output::print_text(&text)?;
            }
            return Ok(ExitCode::SUCCESS);
        };
        if let Some(text) = text {
            if output::stdout_is_tty() {
                // Redraw in place: clear the screen and go home.
                output::print_text(&format!("\x1b[2J\x1b[H{text}"))?;
            } else {
                output::print_text(&text)?;
            }
        }
        tokio::select! {
            _ = tokio::time::sleep(interval) => {}
            _ = crate::signals::wait_for_stop() => return Ok(ExitCode::SUCCESS),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summarises_a_consumer_endpoint() {
        let m = crate::metrics::ConsumerMetrics::new();
        let series = m.topic_series("posts");
        series.succeeded.inc();
        series.succeeded.inc();
        m.dead_lettered("posts", "json_parse", 0, 1, "x");
        m.retry("posts", 0, 1, 1, Duration::from_millis(1), "x");
        m.set_lag("posts", 0, 5);
        m.rebalanced("posts", "assign", 1, &[0]);
        series.processing.observe(0.002);
        let f = figures(&m.render()).unwrap();
        assert_eq!(f.processed["success"], 2);
        assert_eq!(f.dlq_by_reason["json_parse"], 1);
        assert_eq!(f.retries, 1);
        assert_eq!(f.lag, 5);
        assert_eq!(f.breaker_state.as_deref(), Some("closed"));
        assert_eq!(f.processing_p50_ms, Some(2.5));
        assert!(figures("hello world").is_err());
    }

    #[test]
    fn reasons_and_error_types_exposed_at_zero_are_not_listed() {
        let m = crate::metrics::ConsumerMetrics::new();
        let known = crate::metrics::KnownLabels {
            dlq_reasons: &["json_parse", "schema_validation"],
            error_types: &["timeout"],
            breaker_calls: &[],
            rebalances: &[],
        };
        m.expose_topic("posts", &known);
        m.dead_lettered("posts", "schema_validation", 0, 1, "x");
        let f = figures(&m.render()).unwrap();
        assert_eq!(f.dlq_by_reason.len(), 1, "{:?}", f.dlq_by_reason);
        assert_eq!(f.dlq_by_reason["schema_validation"], 1);
        assert!(f.errors.is_empty(), "{:?}", f.errors);
    }

    #[test]
    fn processing_quantiles_add_up_the_histograms_of_all_topics() {
        let m = crate::metrics::ConsumerMetrics::new();
        let a = m.topic_series("a");
        let b = m.topic_series("b");
        a.succeeded.inc();
        for _ in 0..3 {
            b.processing.observe(0.008); // bucket 0.01
        }
        a.processing.observe(0.002); // bucket 0.0025
        b.processing.observe(20.0); // above the largest bucket
        let f = figures(&m.render()).unwrap();
        assert_eq!(f.processing_samples, 5);
        assert_eq!(f.processing_p50_ms, Some(10.0));
        assert_eq!(f.processing_p99_ms, None);
        let table = render_figures("x", &f);
        assert!(table.contains("10 / above 10000"), "{table}");
        assert_eq!(serde_json::to_value(&f).unwrap()["processing_p50_ms"], 10.0);
    }
}
