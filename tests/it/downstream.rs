//! `kmsg consume --sink-url` against a real HTTP server started by the test: the circuit
//! breaker pauses instead of dropping, permanent rejections go to the DLQ without retries,
//! timeouts are retried.

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use predicates::prelude::*;

use crate::harness::{
    eventually, free_port, http_get, json_lines, kcat_has_at_least, kcat_read, kmsg,
    kmsg_on_cluster, metric, signal, unique, wait_bounded, Kmsg, Received, Reply, TestDownstream,
};

fn pipeline_topics(prefix: &str) -> (String, String, String) {
    crate::harness::pipeline_topics(prefix, 3)
}

#[test]
fn an_outage_opens_the_breaker_at_the_threshold_pauses_fetching_and_recovers_without_dlq() {
    let (input, output, dlq) = pipeline_topics("outage");
    kmsg_on_cluster()
        .args([
            "produce",
            "-t",
            &input,
            "--generate",
            "login",
            "--count",
            "30",
            "-q",
        ])
        .assert()
        .success();
    // The downstream fails for 4 s from its first request, then recovers.
    let first: Arc<OnceLock<Instant>> = Arc::new(OnceLock::new());
    let f = first.clone();
    let server = TestDownstream::start(move |_, _, _| {
        let start = *f.get_or_init(Instant::now);
        if start.elapsed() < Duration::from_secs(4) {
            Reply::Status(503)
        } else {
            Reply::Status(200)
        }
    });
    let port = free_port();
    let addr = format!("127.0.0.1:{port}");
    let url = server.url();
    let child = Kmsg::consume(&unique("g"), &input, &output)
        .flag("--sink-url", &url)
        // One call at a time, so the threshold timeline below is exact (the concurrent
        // dispatcher is covered by the rebalance test and the concurrency test).
        .flag("--sink-concurrency", 1)
        .flag("--breaker-threshold", 3)
        .flag("--breaker-timeout", "2s")
        .flag("--max-retries", 5)
        .flag("--retry-backoff", "20ms")
        .flag("--metrics-addr", addr)
        .json()
        .spawn();
    eventually(Duration::from_secs(60), "30 messages forwarded", || {
        kcat_has_at_least(&output, 30)
    });
    let body = http_get(port, "/metrics").unwrap().1;
    let transitions = |from: &str, to: &str| {
        metric(
            &body,
            &format!(
                "kafka_consumer_circuit_breaker_transitions_total{{from=\"{from}\",to=\"{to}\"}}"
            ),
        )
        .unwrap_or(0.0)
    };
    assert!(transitions("closed", "open") >= 1.0, "{body}");
    assert!(transitions("open", "half_open") >= 2.0, "{body}");
    assert!(
        transitions("half_open", "open") >= 1.0,
        "a failed probe must re-open: {body}"
    );
    assert_eq!(transitions("half_open", "closed"), 1.0, "{body}");
    assert_eq!(
        metric(
            &body,
            "kafka_consumer_circuit_breaker_state{state=\"closed\"}"
        ),
        Some(1.0)
    );
    assert!(
        metric(
            &body,
            "kafka_consumer_circuit_breaker_calls_total{kind=\"not_permitted\"}"
        )
        .unwrap_or(0.0)
            >= 1.0
    );
    signal(child.id(), libc::SIGTERM);
    let out = wait_bounded(child, Duration::from_secs(60));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary = json_lines(&out.stdout).pop().unwrap();
    assert_eq!(summary["dead_lettered_total"], 0, "{summary}");

    let requests = server.requests();
    // Exactly `threshold` failures, then nothing reaches the server while the breaker is open.
    assert!(requests[..3].iter().all(|r| r.status == 503));
    let gap = requests[3].at.duration_since(requests[2].at);
    assert!(
        gap >= Duration::from_millis(1900),
        "a request {gap:?} after the breaker opened"
    );
    // While open, only probes come through, each at least the breaker timeout apart.
    let failures: Vec<_> = requests.iter().filter(|r| r.status == 503).collect();
    for pair in failures[2..].windows(2) {
        assert!(pair[1].at.duration_since(pair[0].at) >= Duration::from_millis(1900));
    }
    // Every message reached the downstream successfully exactly once, and the output.
    let mut ok: BTreeMap<String, usize> = BTreeMap::new();
    for r in requests.iter().filter(|r| r.status == 200) {
        *ok.entry(r.key.clone().unwrap()).or_default() += 1;
    }
    assert_eq!(ok.len(), 30, "{ok:?}");
    assert!(ok.values().all(|&n| n == 1), "{ok:?}");
    assert_eq!(kcat_read(&output).len(), 30);
    assert!(
        kcat_read(&dlq).is_empty(),
        "the outage must not fill the DLQ"
    );
}

#[test]
fn client_errors_are_dead_lettered_without_retries_and_timeouts_are_retried() {
    let (input, output, dlq) = pipeline_topics("http4xx");
    let good = r#"{\"user_id\":\"u\"}"#;
    let lines: String = ["ok-1", "reject-1", "slow-1", "ok-2"]
        .iter()
        .map(|k| format!("{{\"partition\":0,\"key\":\"{k}\",\"value\":\"{good}\"}}\n"))
        .collect();
    kmsg_on_cluster()
        .args(["produce", "-t", &input, "--input", "json-envelope", "-q"])
        .write_stdin(lines)
        .assert()
        .success();
    let slow_seen = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let s = slow_seen.clone();
    let server = TestDownstream::start(move |key, _, _| match key {
        k if k.starts_with("reject") => Reply::Status(400),
        "slow-1" if !s.swap(true, std::sync::atomic::Ordering::SeqCst) => {
            Reply::Slow(Duration::from_secs(3))
        }
        _ => Reply::Status(200),
    });
    let out = Kmsg::consume(&unique("g"), &input, &output)
        .flag("--sink-url", server.url())
        .flag("--sink-timeout", "500ms")
        .flag("--retry-backoff", "20ms")
        .flag("--idle-timeout", "5s")
        .json()
        .expect_code(0);
    let summary = json_lines(&out.stdout).pop().unwrap();
    assert_eq!(
        summary["dead_lettered"]["downstream_rejected"], 1,
        "{summary}"
    );
    assert!(summary["retries"].as_u64().unwrap() >= 1, "{summary}");

    let dead = kcat_read(&dlq);
    assert_eq!(dead.len(), 1);
    assert_eq!(dead[0].key.as_deref(), Some("reject-1"));
    assert_eq!(
        dead[0].header("kmsg.dlq.error.class"),
        Some("downstream_rejected")
    );
    assert!(dead[0]
        .header("kmsg.dlq.error.message")
        .unwrap()
        .contains("HTTP 400"));
    let requests = server.requests();
    let count = |k: &str| {
        requests
            .iter()
            .filter(|r| r.key.as_deref() == Some(k))
            .count()
    };
    assert_eq!(count("reject-1"), 1, "a 4xx must not be retried");
    assert!(count("slow-1") >= 2, "a timeout must be retried");
    let forwarded: Vec<_> = kcat_read(&output)
        .into_iter()
        .filter_map(|r| r.key)
        .collect();
    assert_eq!(forwarded.len(), 3, "{forwarded:?}");
    assert_eq!(
        requests
            .iter()
            .find(|r| r.key.as_deref() == Some("ok-1"))
            .unwrap()
            .body,
        r#"{"user_id":"u"}"#
    );
}

#[test]
fn bad_downstream_and_breaker_settings_are_usage_errors() {
    for (args, needle) in [
        (
            vec!["--sink-url", "not a url"],
            "--sink-url \"not a url\" is not a URL",
        ),
        (
            vec!["--sink-url", "ftp://host/x"],
            "must be an http:// or https:// URL",
        ),
        (
            vec!["--breaker-threshold", "0"],
            "--breaker-threshold must be at least 1",
        ),
        (
            vec!["--breaker-probes", "0"],
            "--breaker-probes must be at least 1",
        ),
        (
            vec!["--breaker-timeout", "0s"],
            "--breaker-timeout must be above 0",
        ),
        (
            vec!["--sink-concurrency", "0"],
            "--sink-concurrency 0 is out of range: give 1 to 1024",
        ),
    ] {
        kmsg()
            .args(["--bootstrap", "127.0.0.1:1", "consume", "-g", "g"])
            .args(&args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(needle));
    }
}

#[test]
fn a_member_with_an_open_breaker_calls_and_fetches_nothing_across_a_rebalance() {
    let input = unique("reopen");
    let output = format!("{input}.out");
    kmsg_on_cluster()
        .env("INPUT_TOPIC", &input)
        .env("OUTPUT_TOPIC", &output)
        .args(["topics", "create", "-p", "4", "-o", "json"])
        .assert()
        .success();
    let produce = |n: &str, seed: &str| {
        kmsg_on_cluster()
            .args([
                "produce",
                "-t",
                &input,
                "--generate",
                "login",
                "--count",
                n,
                "--seed",
                seed,
                "-q",
            ])
            .assert()
            .success();
    };
    produce("40", "1");
    let down = TestDownstream::start(|_, _, _| Reply::Status(503));
    let healthy = TestDownstream::start(|_, _, _| Reply::Status(200));
    let group = unique("g");
    let (port_a, port_b) = (free_port(), free_port());
    let member = |url: String, port: u16, id: &str| {
        let addr = format!("127.0.0.1:{port}");
        Kmsg::consume(&group, &input, &output)
            .flag("--sink-url", url)
            .flag("--breaker-threshold", 2)
            .flag("--breaker-timeout", "25s")
            .flag("--retry-backoff", "10ms")
            .flag("--instance-id", id)
            .flag("--metrics-addr", addr)
            .json()
            .spawn()
    };
    let a = member(down.url(), port_a, "a");
    let scrape = |port: u16| http_get(port, "/metrics").map(|r| r.1).unwrap_or_default();
    eventually(Duration::from_secs(60), "member a's breaker open", || {
        metric(
            &scrape(port_a),
            "kafka_consumer_circuit_breaker_state{state=\"open\"}",
        ) == Some(1.0)
    });
    assert_eq!(http_get(port_a, "/readyz").map(|r| r.0), Some(503));
    // Up to one call per partition was in flight when the breaker opened; after that, none.
    // Those are done when member a has counted an answer for every request the downstream
    // saw.
    let answered = |port: u16| {
        let body = scrape(port);
        ["successful", "failed", "ignored"]
            .iter()
            .map(|kind| {
                metric(
                    &body,
                    &format!("kafka_consumer_circuit_breaker_calls_total{{kind=\"{kind}\"}}"),
                )
                .unwrap_or(0.0)
            })
            .sum::<f64>()
    };
    eventually(
        Duration::from_secs(60),
        "member a's calls in flight answered",
        || answered(port_a) == down.requests().len() as f64,
    );
    let calls_before_open = down.requests().len();
    assert!(calls_before_open >= 2, "{calls_before_open}");

    let b = member(healthy.url(), port_b, "b");
    let assigned = |port: u16| {
        metric(
            &scrape(port),
            &format!("kafka_consumer_assigned_partitions{{topic=\"{input}\"}}"),
        )
    };
    eventually(Duration::from_secs(60), "two partitions each", || {
        assigned(port_a) == Some(2.0) && assigned(port_b) == Some(2.0)
    });
    let lag = |body: &str| -> f64 {
        body.lines()
            .filter(|l| l.starts_with("kafka_consumer_lag{"))
            .filter_map(|l| l.rsplit(' ').next()?.parse::<f64>().ok())
            .sum()
    };
    let lag_before = lag(&scrape(port_a));
    produce("80", "2");
    // Lag is refreshed from librdkafka statistics every 3 s; a paused member does not fetch,
    // so its partitions keep a lag, while the healthy member drains its own. Member a's lag
    // grows by its partitions' share of the 80 once a refresh after them is shown (a member
    // that fetched would never show it).
    let mut body = String::new();
    eventually(
        Duration::from_secs(60),
        "member a's lag refreshed after the second batch",
        || {
            body = scrape(port_a);
            lag(&body) > lag_before
        },
    );
    let lag_a = lag(&body);
    assert!(
        lag_a > 0.0,
        "member a fetched while its breaker was open:\n{body}"
    );
    assert_eq!(
        metric(
            &body,
            "kafka_consumer_circuit_breaker_state{state=\"open\"}"
        ),
        Some(1.0)
    );
    assert_eq!(
        down.requests().len(),
        calls_before_open,
        "requests reached the failing downstream while open"
    );

    for child in [&a, &b] {
        signal(child.id(), libc::SIGTERM);
    }
    for child in [a, b] {
        let out = wait_bounded(child, Duration::from_secs(60));
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(
            json_lines(&out.stdout).pop().unwrap()["dead_lettered_total"],
            0
        );
    }
}

/// Runs one member with `--schema` and `--sink-concurrency` on `input` (6 partitions) against
/// a downstream that takes 40 ms per request; returns the requests it saw and the summary.
fn run_concurrent(
    input: &str,
    output: &str,
    n: usize,
    concurrency: &str,
) -> (Vec<Received>, serde_json::Value) {
    let server = TestDownstream::start(|_, _, _| Reply::Slow(Duration::from_millis(40)));
    let out = Kmsg::consume(&unique("g"), input, output)
        .flag("--sink-url", server.url())
        .flag("--sink-concurrency", concurrency)
        .flag(
            "--schema",
            concat!(env!("CARGO_MANIFEST_DIR"), "/schema.json"),
        )
        .flag("--max-messages", n)
        .json()
        .timeout(Duration::from_secs(120))
        .expect_code(0);
    let summary = json_lines(&out.stdout).pop().unwrap();
    (server.requests(), summary)
}

/// The most requests the downstream was handling at one time.
fn max_overlap(requests: &[Received]) -> usize {
    let mut edges: Vec<(Instant, i32)> = requests
        .iter()
        .flat_map(|r| [(r.arrived, 1), (r.at, -1)])
        .collect();
    // At equal times an end comes before a start: touching intervals do not overlap.
    edges.sort();
    let (mut now, mut max) = (0i32, 0i32);
    for (_, d) in edges {
        now += d;
        max = max.max(now);
    }
    max as usize
}

#[test]
fn sink_concurrency_calls_partitions_in_parallel_keeping_each_partitions_order() {
    let (input, output, dlq) = crate::harness::pipeline_topics("conc", 6);
    // 200 logins, exactly 20 of them invalid: those go to the DLQ and never to the downstream.
    let (total, bad) = (200, 20);
    let n = total - bad;
    kmsg_on_cluster()
        .args([
            "produce",
            "-t",
            &input,
            "--generate",
            "login",
            "--count",
            &total.to_string(),
            "--invalid-ratio",
            "0.1",
            "-q",
        ])
        .assert()
        .success();
    let (requests, summary) = run_concurrent(&input, &output, total, "4");
    assert_eq!(summary["forwarded"], n, "{summary}");
    assert_eq!(summary["dead_lettered_total"], bad, "{summary}");
    let dead: Vec<String> = kcat_read(&dlq).into_iter().filter_map(|r| r.key).collect();
    assert_eq!(dead.len(), bad);
    // Every valid message reached the downstream exactly once, and the output exactly once.
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for r in &requests {
        assert_eq!(r.status, 200);
        *seen.entry(r.key.clone().unwrap()).or_default() += 1;
    }
    assert_eq!(seen.len(), n, "distinct keys at the downstream");
    assert!(seen.values().all(|&c| c == 1), "a duplicate call: {seen:?}");
    let forwarded: BTreeMap<String, usize> =
        kcat_read(&output)
            .into_iter()
            .fold(BTreeMap::new(), |mut m, r| {
                *m.entry(r.key.unwrap()).or_default() += 1;
                m
            });
    assert_eq!(forwarded.len(), n);
    assert!(forwarded.values().all(|&c| c == 1), "a duplicate forward");
    assert!(
        dead.iter()
            .all(|k| !seen.contains_key(k) && !forwarded.contains_key(k)),
        "an invalid message reached the downstream or the output"
    );
    // Per partition: offsets in increasing order, each call after the previous one ended.
    let mut by_partition: BTreeMap<i32, Vec<&Received>> = BTreeMap::new();
    for r in &requests {
        by_partition
            .entry(r.partition.unwrap())
            .or_default()
            .push(r);
    }
    assert_eq!(by_partition.len(), 6, "all six partitions were called");
    for (p, calls) in &by_partition {
        let mut calls = calls.clone();
        calls.sort_by_key(|r| r.arrived);
        for pair in calls.windows(2) {
            assert!(
                pair[1].offset > pair[0].offset,
                "partition {p}: offset {:?} called after {:?}",
                pair[1].offset,
                pair[0].offset
            );
            assert!(
                pair[1].arrived >= pair[0].at,
                "partition {p}: two calls in flight at once"
            );
        }
    }
    let max = max_overlap(&requests);
    eprintln!(
        "--sink-concurrency 4: {n} calls, at most {max} at once, {:.2} s",
        summary["duration_secs"].as_f64().unwrap()
    );
    assert!(
        (2..=4).contains(&max),
        "max concurrent requests {max}, limit 4"
    );

    // The same input one call at a time: never two requests at once.
    let output1 = format!("{input}.one");
    kmsg_on_cluster()
        .args(["topics", "create", &output1, "-p", "3"])
        .assert()
        .success();
    let (requests, summary) = run_concurrent(&input, &output1, total, "1");
    assert_eq!(summary["forwarded"], n, "{summary}");
    assert_eq!(requests.len(), n);
    assert_eq!(max_overlap(&requests), 1);
    eprintln!(
        "--sink-concurrency 1: {n} calls, one at a time, {:.2} s",
        summary["duration_secs"].as_f64().unwrap()
    );
}
