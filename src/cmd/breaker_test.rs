//! `kmsg breaker-test`: a self-contained, scriptable check of retries, the circuit breaker
//! and the DLQ on a real cluster. It creates scratch topics, sends tagged messages, runs a
//! consumer (in this process) against its own HTTP downstream that fails for `--outage` and
//! then recovers, records the breaker's transitions and the downstream's requests with
//! their times, checks what must happen, prints a timeline and PASS or FAIL (exit 3), and
//! deletes its scratch topics.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant, SystemTime};

use anyhow::anyhow;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use axum::Router;
use serde::Serialize;

use super::context::Context;
use crate::cli::{BreakerTestArgs, OutputFormat};
use crate::consumer::{self, ConsumerConfig};
use crate::error::{usage, EXIT_CHECK_FAILED};
use crate::kafka::admin::Admin;
use crate::kafka::producer::{Outgoing, PipelinedProducer};
use crate::metrics::ConsumerMetrics;
use crate::output;
use crate::pipeline::breaker::{BreakerState, Transition};
use crate::pipeline::generate::{GenerateKind, Generator};

/// One request the test downstream answered.
#[derive(Debug, Clone, Copy)]
pub struct Request {
    pub at: SystemTime,
    pub status: u16,
}

/// One check and its outcome.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Check {
    pub name: &'static str,
    pub passed: bool,
    pub detail: String,
}

/// What the run produced, to be judged.
pub struct Evidence {
    pub threshold: u32,
    pub open_for: Duration,
    pub messages: u64,
    pub forwarded: u64,
    pub dead_lettered: u64,
    pub requests: Vec<Request>,
    pub transitions: Vec<(SystemTime, Transition)>,
}

/// Judges the evidence (pure; unit-tested).
pub fn judge(e: &Evidence) -> Vec<Check> {
    let mut checks = Vec::new();
    let opened: Vec<SystemTime> = e
        .transitions
        .iter()
        .filter(|(_, t)| t.to == BreakerState::Open)
        .map(|(at, _)| *at)
        .collect();
    let first_open = e
        .transitions
        .iter()
        .find(|(_, t)| t.from == BreakerState::Closed && t.to == BreakerState::Open)
        .map(|(at, _)| *at);
    checks.push(match first_open {
        None => Check {
            name: "opens after the threshold",
            passed: false,
            detail: "the breaker never opened".into(),
        },
        Some(at) => {
            let failed_before = e
                .requests
                .iter()
                .filter(|r| r.at <= at && r.status >= 500)
                .count();
            Check {
                name: "opens after the threshold",
                passed: failed_before == e.threshold as usize,
                detail: format!(
                    "{failed_before} failed calls before it opened (threshold {})",
                    e.threshold
                ),
            }
        }
    });
    // While open (from each opening to the next half-open), the downstream sees nothing.
    let mut during_open = 0;
    for open_at in &opened {
        let until = e
            .transitions
            .iter()
            .find(|(at, t)| at > open_at && t.to == BreakerState::HalfOpen)
            .map_or(SystemTime::now(), |(at, _)| *at);
        during_open += e
            .requests
            .iter()
            .filter(|r| r.at > *open_at && r.at < until)
            .count();
    }
    checks.push(Check {
        name: "no call while open",
        passed: !opened.is_empty() && during_open == 0,
        detail: format!(
            "{during_open} request(s) reached the downstream while the breaker was open"
        ),
    });
    let slack = Duration::from_millis(50);
    let mut shortest: Option<Duration> = None;
    for (at, t) in &e.transitions {
        if t.from == BreakerState::Open && t.to == BreakerState::HalfOpen {
            if let Some(open_at) = opened.iter().filter(|o| *o < at).max() {
                let waited = at.duration_since(*open_at).unwrap_or_default();
                shortest = Some(shortest.map_or(waited, |s| s.min(waited)));
            }
        }
    }
    checks.push(Check {
        name: "half-open after the timeout",
        passed: shortest.is_some_and(|s| s + slack >= e.open_for),
        detail: match shortest {
            Some(s) => format!(
                "shortest open period {:.2}s (timeout {:.2}s)",
                s.as_secs_f64(),
                e.open_for.as_secs_f64()
            ),
            None => "never moved to half-open".into(),
        },
    });
    let closed = e
        .transitions
        .iter()
        .any(|(_, t)| t.from == BreakerState::HalfOpen && t.to == BreakerState::Closed);
    checks.push(Check {
        name: "closes on a good probe",
        passed: closed,
        detail: if closed {
            "half_open -> closed".into()
        } else {
            "never closed again".into()
        },
    });
    checks.push(Check {
        name: "nothing dead-lettered by the outage",
        passed: e.dead_lettered == 0,
        detail: format!("{} dead letter(s)", e.dead_lettered),
    });
    checks.push(Check {
        name: "no message lost",
        passed: e.forwarded == e.messages,
        detail: format!("{} of {} messages forwarded", e.forwarded, e.messages),
    });
    checks
}

/// The test downstream's state: when it started failing, and every request.
struct Downstream {
    outage: Duration,
    first: OnceLock<Instant>,
    requests: Mutex<Vec<Request>>,
}

async fn ingest(State(d): State<Arc<Downstream>>) -> StatusCode {
    let first = *d.first.get_or_init(Instant::now);
    let status = if first.elapsed() < d.outage {
        StatusCode::SERVICE_UNAVAILABLE
    } else {
        StatusCode::NO_CONTENT
    };
    if let Ok(mut r) = d.requests.lock() {
        r.push(Request {
            at: SystemTime::now(),
            status: status.as_u16(),
        });
    }
    status
}

#[derive(Debug, Serialize)]
struct Report {
    result: &'static str,
    scratch_topics: Vec<String>,
    checks: Vec<Check>,
    timeline: Vec<TimelineEvent>,
    requests_by_status: BTreeMap<u16, usize>,
}

#[derive(Debug, Serialize)]
struct TimelineEvent {
    seconds: f64,
    event: String,
}

pub async fn run(args: BreakerTestArgs, ctx: &Context) -> anyhow::Result<ExitCode> {
    if args.messages == 0 || args.breaker_threshold == 0 || args.breaker_timeout.is_zero() {
        return Err(usage(
            "--messages, --breaker-threshold and --breaker-timeout must be above 0",
        ));
    }
    let admin = Admin::connect(&ctx.settings).await?;
    let brokers = admin.metadata(None).await?.brokers.len().clamp(1, 3) as i32;
    let run_id = &uuid::Uuid::new_v4().simple().to_string()[..10];
    let input = format!("kmsg-breaker-test-{run_id}");
    let (out, dlq) = (format!("{input}.out"), format!("{input}.dlq"));
    for t in [&input, &out, &dlq] {
        admin.create_topic(t, 3, brokers, &BTreeMap::new()).await?;
        admin.wait_for_leaders(t, 3).await?;
    }
    let result = exercise(&args, ctx, &input, &out, &dlq).await;
    let names = [input.as_str(), out.as_str(), dlq.as_str()];
    if let Err(e) = admin.delete_topics(&names).await {
        tracing::warn!("could not delete the scratch topics {names:?}: {e}");
    }
    let report = result?;
    match ctx.output {
        OutputFormat::Json => output::print_json(&report)?,
        _ => {
            let mut text = String::from("timeline (seconds from the first call):\n");
            for ev in &report.timeline {
                text.push_str(&format!("  {:>7.2}  {}\n", ev.seconds, ev.event));
            }
            let mut t = output::table(&["check", "result", "detail"]);
            for c in &report.checks {
                t.add_row(vec![
                    c.name.to_string(),
                    if c.passed { "ok" } else { "FAILED" }.into(),
                    c.detail.clone(),
                ]);
            }
            text.push_str(&format!("{t}\n{}", report.result));
            output::print_text(&text)?;
        }
    }
    Ok(if report.result == "PASS" {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_CHECK_FAILED)
    })
}

async fn exercise(
    args: &BreakerTestArgs,
    ctx: &Context,
    input: &str,
    out: &str,
    dlq: &str,
) -> anyhow::Result<Report> {
    let downstream = Arc::new(Downstream {
        outage: args.outage,
        first: OnceLock::new(),
        requests: Mutex::new(Vec::new()),
    });
    let listener = tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0))).await?;
    let url = format!("http://{}/ingest", listener.local_addr()?);
    let app = Router::new()
        .route("/ingest", post(ingest))
        .with_state(downstream.clone());
    let server = tokio::spawn(async move { axum::serve(listener, app).await });

    // Tagged, valid messages.
    let producer_cfg = ctx.settings.breaker_test_producer_config();
    let producer = PipelinedProducer::new(&producer_cfg)
        .map_err(|e| anyhow!("cannot create the producer: {e}"))?;
    let topic = producer
        .topic(input)
        .map_err(|e| anyhow!("cannot send to {input}: {e}"))?;
    let mut generator = Generator::new(GenerateKind::Login, 1, 0.0, None);
    for _ in 0..args.messages {
        let m = generator.next_message();
        let msg = Outgoing {
            key: Some(m.key.into_bytes()),
            value: Some(m.value),
            headers: vec![("kmsg.breaker-test".into(), Some(input.as_bytes().to_vec()))],
            ..Outgoing::default()
        };
        producer
            .send(&topic, &msg, &|| false)
            .map_err(|e| anyhow!("cannot send: {e}"))?;
    }
    if producer.flush(Duration::from_secs(30), &|| false) > 0 {
        return Err(anyhow!("the test messages were not acknowledged"));
    }

    // One call at a time: the checks count exactly `threshold` failures before the breaker
    // opens, which concurrent calls already in flight when it opens would blur.
    let config = ConsumerConfig::builder(input, input)
        .output_topic(out)
        .dlq_topic(dlq)
        .sink(url, Duration::from_secs(2), 1)
        .breaker(args.breaker_threshold, args.breaker_timeout)
        .retries(
            args.max_retries,
            Duration::from_millis(10),
            Duration::from_millis(200),
        )
        .build(&ctx.settings)?;
    let metrics = Arc::new(ConsumerMetrics::new());
    let stop = Arc::new(AtomicBool::new(false));
    let (m, s, t, settings) = (
        metrics.clone(),
        stop.clone(),
        input.to_string(),
        ctx.settings.clone(),
    );
    let member = tokio::spawn(async move { consumer::run(config, &settings, m, s).await });
    let deadline = Instant::now() + args.deadline;
    let expected = args.messages as u64;
    while Instant::now() < deadline && !member.is_finished() {
        if metrics.processed(&t, "success") + metrics.processed(&t, "dlq") >= expected {
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    stop.store(true, Ordering::Relaxed);
    member
        .await
        .map_err(|e| anyhow!("the consumer failed: {e}"))??;
    server.abort();

    let requests = downstream
        .requests
        .lock()
        .map(|r| r.clone())
        .unwrap_or_default();
    let transitions = metrics.breaker_timeline();
    let evidence = Evidence {
        threshold: args.breaker_threshold,
        open_for: args.breaker_timeout,
        messages: expected,
        forwarded: metrics.processed(input, "success"),
        dead_lettered: metrics.processed(input, "dlq"),
        requests: requests.clone(),
        transitions: transitions.clone(),
    };
    let checks = judge(&evidence);
    let t0 = requests.first().map_or(SystemTime::now(), |r| r.at);
    let rel = |at: SystemTime| {
        at.duration_since(t0)
            .map(|d| d.as_secs_f64())
            .unwrap_or(0.0)
    };
    let mut timeline: Vec<TimelineEvent> = transitions
        .iter()
        .map(|(at, tr)| TimelineEvent {
            seconds: rel(*at),
            event: format!(
                "breaker {} -> {}: {}",
                tr.from.as_str(),
                tr.to.as_str(),
                tr.reason
            ),
        })
        .collect();
    // Calls are shown in runs of the same answer without a pause of more than 0.5 s.
    let mut run_start: Option<(SystemTime, u16, usize)> = None;
    let mut last_at = t0;
    for r in &requests {
        let pause = r.at.duration_since(last_at).unwrap_or_default() > Duration::from_millis(500);
        last_at = r.at;
        match &mut run_start {
            Some((_, status, n)) if *status == r.status && !pause => *n += 1,
            _ => {
                if let Some((at, status, n)) = run_start.take() {
                    timeline.push(TimelineEvent {
                        seconds: rel(at),
                        event: format!("{n} call(s) answered {status}"),
                    });
                }
                run_start = Some((r.at, r.status, 1));
            }
        }
    }
    if let Some((at, status, n)) = run_start {
        timeline.push(TimelineEvent {
            seconds: rel(at),
            event: format!("{n} call(s) answered {status}"),
        });
    }
    timeline.sort_by(|a, b| a.seconds.total_cmp(&b.seconds));
    let mut by_status = BTreeMap::new();
    for r in &requests {
        *by_status.entry(r.status).or_default() += 1;
    }
    Ok(Report {
        result: if checks.iter().all(|c| c.passed) {
            "PASS"
        } else {
            "FAIL"
        },
        scratch_topics: vec![input.to_string(), out.to_string(), dlq.to_string()],
        checks,
        timeline,
        requests_by_status: by_status,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(ms: u64) -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_millis(ms)
    }

    fn tr(from: BreakerState, to: BreakerState) -> Transition {
        Transition {
            from,
            to,
            reason: String::new(),
        }
    }

    fn good() -> Evidence {
        use BreakerState::*;
        Evidence {
            threshold: 3,
            open_for: Duration::from_secs(2),
            messages: 10,
            forwarded: 10,
            dead_lettered: 0,
            requests: [0, 10, 20, 2100, 2200, 2210]
                .iter()
                .zip([503, 503, 503, 200, 200, 200])
                .map(|(ms, s)| Request {
                    at: at(*ms),
                    status: s,
                })
                .collect(),
            transitions: vec![
                (at(25), tr(Closed, Open)),
                (at(2050), tr(Open, HalfOpen)),
                (at(2150), tr(HalfOpen, Closed)),
            ],
        }
    }

    #[test]
    fn a_clean_run_passes_every_check() {
        let checks = judge(&good());
        assert!(checks.iter().all(|c| c.passed), "{checks:?}");
    }

    #[test]
    fn a_breaker_that_never_opens_and_a_dlq_fail() {
        let mut e = good();
        e.transitions.clear();
        e.dead_lettered = 2;
        e.forwarded = 8;
        let failed: Vec<&str> = judge(&e)
            .iter()
            .filter(|c| !c.passed)
            .map(|c| c.name)
            .collect();
        assert!(failed.contains(&"opens after the threshold"));
        assert!(failed.contains(&"nothing dead-lettered by the outage"));
        assert!(failed.contains(&"no message lost"));
    }

    #[test]
    fn a_call_while_open_fails_the_check() {
        let mut e = good();
        e.requests.push(Request {
            at: at(1000),
            status: 503,
        });
        let c = judge(&e)
            .into_iter()
            .find(|c| c.name == "no call while open")
            .unwrap();
        assert!(!c.passed, "{c:?}");
    }
}
